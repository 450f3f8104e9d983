/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The Reports area: Ministry of Justice reports due in the warning window,
 * due today or overdue across the caseload (urgent reports first), and
 * change-of-address notices owed to MHCS, from core's due items. Selecting
 * one opens the patient (win.open-patient). */
#define KES_TYPE_MOJ_REPORTS_PAGE (kes_moj_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (KesMojReportsPage, kes_moj_reports_page, KES, MOJ_REPORTS_PAGE, AdwBin)

GtkWidget *kes_moj_reports_page_new       (void);
void       kes_moj_reports_page_set_store (KesMojReportsPage *self,
                                           KesStore          *store);
void       kes_moj_reports_page_reload    (KesMojReportsPage *self);
/* Rows shown (for tests). */
guint      kes_moj_reports_page_get_n_rows (KesMojReportsPage *self);

G_END_DECLS
