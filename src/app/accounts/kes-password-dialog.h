/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* Called with the new password once core has stored it, or NULL when the
 * user cancelled. */
typedef void (*KesPasswordCallback) (KesStaff   *staff,
                                     const char *password,
                                     gpointer    user_data);

typedef enum
{
  /* One's own, from the user menu: the current password is asked for and
   * checked like a sign-in (kes_store_change_own_password). */
  KES_PASSWORD_CHANGE_OWN,
  /* One's own, straight after signing in with a one-time password. */
  KES_PASSWORD_FIRST_SIGN_IN,
  /* An administrator sets @staff's one-time password from @revision
   * (kes_store_reset_password). */
  KES_PASSWORD_RESET,
} KesPasswordMode;

/* Asks for a new password for @staff, twice, and stores it (core checks it
 * is good enough and who may set it). A problem is shown in the dialog,
 * which asks again; nothing typed into it is logged. @revision is used by
 * KES_PASSWORD_RESET only. */
void kes_ask_new_password (GtkWidget           *parent,
                           KesStore            *store,
                           KesStaff            *staff,
                           gint64               revision,
                           KesPasswordMode      mode,
                           const char          *heading,
                           const char          *body,
                           KesPasswordCallback  callback,
                           gpointer             user_data);

G_END_DECLS
