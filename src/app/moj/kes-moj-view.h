/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store-moj.h"

G_BEGIN_DECLS

/* The patient record's "Legal & MoJ" tab: the legal status in force and
 * its history, tribunal eligibility, index offences, conditions of
 * discharge, Ministry of Justice reports (routine and urgent) with the
 * submission log, late and change-of-address notices and change-of-
 * conditions applications. Emits "changed" after anything is saved, so the
 * record header can show the current legal status. */
#define KES_TYPE_MOJ_VIEW (kes_moj_view_get_type ())
G_DECLARE_FINAL_TYPE (KesMojView, kes_moj_view, KES, MOJ_VIEW, AdwBin)

GtkWidget    *kes_moj_view_new         (void);
void          kes_moj_view_set_record  (KesMojView  *self,
                                        KesStore    *store,
                                        const char  *patient_id);
/* Re-reads everything from the store. */
void          kes_moj_view_reload      (KesMojView  *self);
/* Starts a report (prefilled from the record) and opens its form; the
 * form is returned for tests (owned by the toplevel). */
GtkWidget    *kes_moj_view_new_report  (KesMojView  *self,
                                        const char  *report_type,
                                        const char  *trigger,
                                        GError     **error);
/* Starts the urgent report about @incident (its trigger, when, what
 * happened, what was done and the link filled in from it) and opens its
 * form. */
GtkWidget    *kes_moj_view_new_incident_report (KesMojView   *self,
                                                KesMojRecord *incident,
                                                GError      **error);

G_END_DECLS
