/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_STAFF_GROUP (kes_staff_group_get_type ())
G_DECLARE_FINAL_TYPE (KesStaffGroup, kes_staff_group, KES, STAFF_GROUP, AdwPreferencesGroup)

/* Administration → Staff. For those who manage staff (administrators):
 * every account with its roles, team, last sign-in and state, Add
 * Account… and, on activating a row, the account's window
 * (KesAccountEditor). For everyone else: the staff directory, names, job
 * titles and teams, to read. Emits "changed" after core changed an
 * account. */
GtkWidget *kes_staff_group_new       (void);
void       kes_staff_group_set_store (KesStaffGroup *self,
                                      KesStore      *store);
/* Lists the staff again for the store's actor. */
void       kes_staff_group_reload    (KesStaffGroup *self);
/* Opens the window of the account @username (as activating its row does);
 * returns it, or NULL when it is not listed. */
GtkWindow *kes_staff_group_open      (KesStaffGroup *self,
                                      const char    *username);

G_END_DECLS
