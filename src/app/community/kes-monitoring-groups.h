/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "community/kes-care-view-util.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Monitoring on the Medication tab (kes-medication-view.c). */

/* What is due next (KesMonitoringItem*, kes_store_list_monitoring), due
 * or not yet, with a badge on what is due now, today or overdue. */
void       kes_monitoring_fill_due        (KesCareGroup        *group,
                                           GPtrArray           *items);
/* The patient's blood count thresholds and monitoring service with their
 * source, and a standing not-to-be-re-challenged record with a button to
 * lift it; @saved runs with @view after a save. */
void       kes_monitoring_fill_clozapine  (KesCareGroup        *group,
                                           GtkWidget           *view,
                                           KesStore            *store,
                                           const char          *patient_id,
                                           GCallback            saved);
/* The lithium target range and higher-risk groups with their sources. */
void       kes_monitoring_fill_lithium    (KesCareGroup        *group,
                                           KesStore            *store,
                                           const char          *patient_id);
/* Opens a new @kind settings record for the patient, decided today by
 * the person signed in, starting from the current one's values. */
void       kes_monitoring_open_setting    (GtkWidget           *view,
                                           KesStore            *store,
                                           const char          *patient_id,
                                           const char          *kind,
                                           const char          *title,
                                           GCallback            saved);

G_END_DECLS
