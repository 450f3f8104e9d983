/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_HISTORY_VIEW (kes_history_view_get_type ())
G_DECLARE_FINAL_TYPE (KesHistoryView, kes_history_view, KES, HISTORY_VIEW, AdwBin)

/* Every revision of a record, newest first: who, when, what kind of change,
 * the reason, and what changed field by field. */
GtkWidget *kes_history_view_new        (void);
void       kes_history_view_set_record (KesHistoryView *self,
                                        KesStore       *store,
                                        const char     *record_id);
void       kes_history_view_reload     (KesHistoryView *self);

G_END_DECLS
