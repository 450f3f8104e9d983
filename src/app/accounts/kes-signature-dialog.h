/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Signs with the password the person typed again; FALSE with @error when
 * core refused (a wrong password, or what is signed is not ready). */
typedef gboolean (*KesSignFunc) (const char  *password,
                                 gpointer     user_data,
                                 GError     **error);
/* Called once: @signed_off, or the refusal that was not about the password
 * (NULL when the person cancelled). */
typedef void     (*KesSignDone) (gboolean      signed_off,
                                 const GError *error,
                                 gpointer      user_data);

/* Signing means the signer: asks the signed-in person for their password
 * before @sign records the signature. A wrong password is said in the
 * dialog, which asks again (core counts it like a failed sign-in); any
 * other refusal closes it and goes to @done for the form to show, with
 * what was typed there kept. The password is never kept. @destroy frees
 * @user_data after @done. */
void kes_ask_signature (GtkWidget      *parent,
                        const char     *heading,
                        const char     *body,
                        KesSignFunc     sign,
                        KesSignDone     done,
                        gpointer        user_data,
                        GDestroyNotify  destroy);

G_END_DECLS
