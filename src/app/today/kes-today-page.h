/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"
#include "kes-due.h"

G_BEGIN_DECLS

#define KES_TYPE_TODAY_PAGE (kes_today_page_get_type ())
G_DECLARE_FINAL_TYPE (KesTodayPage, kes_today_page, KES, TODAY_PAGE, AdwBin)

/* Today: everything due and overdue for the signed-in user's team (or every
 * team), most urgent first, grouped Top priority / Overdue / Today / Soon.
 * Loads in a worker thread on its own KesStore. Emits "item-activated"
 * (KesDueItem) when a row is activated; the item's target says where the
 * record opens. */
GtkWidget  *kes_today_page_new             (void);
/* The "context" property: the page loads when first shown, and again when
 * shown after a record was saved (KesContext::changed) or on a new day. */
void        kes_today_page_set_context     (KesTodayPage  *self,
                                            KesContext    *context);
/* Loads now (the team toggle, Refresh: what another program wrote). */
void        kes_today_page_reload          (KesTodayPage  *self);
gboolean    kes_today_page_get_all_teams   (KesTodayPage  *self);
void        kes_today_page_set_all_teams   (KesTodayPage  *self,
                                            gboolean       all_teams);
/* The items shown (KesDueItem), for tests. */
GListModel *kes_today_page_get_items       (KesTodayPage  *self);
/* TRUE while a load is running. */
gboolean    kes_today_page_get_loading     (KesTodayPage  *self);

/* Pure helpers ("state from values"), tested without a display. */
const char *kes_today_group_label          (KesDueUrgency  urgency);
/* The heading above each of Today's groups ("Overdue: statutory and
 * medication safety"). */
const char *kes_today_section_label        (KesDueGroup    group);
/* "Was due 19 Nov 2026", "Due today", "Due 24 Nov 2026". */
char       *kes_today_due_text             (KesDueItem    *item);
/* "patient/medication" -> "medication"; NULL when the target is not a record tab. */
char       *kes_today_target_tab           (const char    *target);

G_END_DECLS
