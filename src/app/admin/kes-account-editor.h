/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-account.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_ACCOUNT_EDITOR (kes_account_editor_get_type ())
G_DECLARE_FINAL_TYPE (KesAccountEditor, kes_account_editor, KES, ACCOUNT_EDITOR, AdwWindow)

/* An administrator's window onto one account (@account), or a new one
 * (@account NULL: name, user name, team, roles and a one-time password).
 * For an account: its details and roles (Save), its state and last
 * sign-in, Reset Password…, Unlock, Disable or Enable, and its history.
 * Every change goes through core from the revision the window was opened
 * at: when core refuses (someone changed the account since, the last
 * administrator, a weak password …), the window stays open with what was
 * typed and core's message. Emits "changed" after each change core made. */
KesAccountEditor *kes_account_editor_new  (GtkWindow  *parent,
                                           KesStore   *store,
                                           KesAccount *account);
/* What the Save button does; FALSE when core refused. */
gboolean          kes_account_editor_save (KesAccountEditor *self);
/* Checks or unchecks @role's box (for tests and keyboard users alike). */
void              kes_account_editor_set_role (KesAccountEditor *self,
                                               const char       *role,
                                               gboolean          held);

G_END_DECLS
