/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"
#include "kes-verify.h"

G_BEGIN_DECLS

#define KES_TYPE_HISTORY_GROUP (kes_history_group_get_type ())
G_DECLARE_FINAL_TYPE (KesHistoryGroup, kes_history_group, KES, HISTORY_GROUP, AdwPreferencesGroup)

/* Administration → History and Access Log, for those who may read the
 * access log (core decides): "Check Now" runs the full `verify` in a
 * worker, with progress and Cancel, then says in plain words whether the
 * database is intact, each part's count and first problem, and, when the
 * append-only rules are missing, offers to put them back (core allows it to
 * administrators only, and logs it). */
GtkWidget       *kes_history_group_new        (void);
void             kes_history_group_set_store  (KesHistoryGroup *self,
                                               KesStore        *store);
/* Shows or hides the group for the store's actor. */
void             kes_history_group_reload     (KesHistoryGroup *self);
/* What "Check Now" does (the tests call it). */
void             kes_history_group_check      (KesHistoryGroup *self);
gboolean         kes_history_group_get_busy   (KesHistoryGroup *self);
/* The last check's report, or NULL. */
KesVerifyReport *kes_history_group_get_report (KesHistoryGroup *self);
/* What "Put the Rules Back" does. */
void             kes_history_group_restore_rules (KesHistoryGroup *self);

G_END_DECLS
