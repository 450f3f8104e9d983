/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What "Share with Crisis Team…" asks before anything is written: whom the
 * plan goes to and how (a share-method code), with an optional note. */
typedef void (*KesCrisisShareCallback) (const char *recipient,
                                        const char *method,
                                        const char *note,
                                        gpointer    user_data);

/* Presents the question over @parent; @callback runs only when the user
 * goes on, with a recipient and a method given (the button waits for
 * both). */
void kes_crisis_share_ask (GtkWidget              *parent,
                           KesCrisisShareCallback  callback,
                           gpointer                user_data);

G_END_DECLS
