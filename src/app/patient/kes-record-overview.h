/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_RECORD_OVERVIEW (kes_record_overview_get_type ())
G_DECLARE_FINAL_TYPE (KesRecordOverview, kes_record_overview, KES, RECORD_OVERVIEW, GtkBox)

/* The top of a record's first tab: one line for each thing a clinician
 * looks for first (alerts, legal status and conditions, the next MoJ
 * report, current medication and monitoring, the latest risk assessment
 * and note, the care coordinator, the next review), each read from the
 * record that holds it through the store, so a line the signed-in role may
 * not read is not shown. Choosing a line emits "open-tab" with the name of
 * the tab that holds it ("moj", "medication" …). */
KesRecordOverview *kes_record_overview_new  (void);
/* Reads everything again for @patient_id; with NULL, shows nothing. */
void               kes_record_overview_load (KesRecordOverview *self,
                                             KesStore          *store,
                                             const char        *patient_id,
                                             const char * const *alerts,
                                             const char        *coordinator_id);

G_END_DECLS
