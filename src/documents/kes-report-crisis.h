/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-care-record.h"
#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* The crisis and contingency plan to share with a crisis resolution and home
 * treatment team: the current plan, the forensic essentials (legal status and
 * MHCS / clinician contacts, risk to others and victim conditions, current
 * medication with depot dates and the clozapine break rules from data) on one
 * or two pages. Needs the export permission. KES_ERROR_NOT_FOUND when no
 * crisis plan has been written. */
KesDocument *kes_report_crisis_plan        (KesStore     *store,
                                            const char   *patient_id,
                                            GError      **error);
/* Shares @plan (the patient's current crisis plan, at the revision it was
 * loaded with) with @recipient by @method (a share-method code): writes
 * @pdf_path and @xml_path (either may be NULL) through temporary files,
 * saying on them who it was sent to, when, by whom and which version, then
 * records the sharing (kes_store_share_crisis_plan) and logs the export.
 * Nothing is recorded when a file could not be written; a plan changed
 * since it was loaded is refused (KES_ERROR_CONFLICT). */
gboolean     kes_report_crisis_plan_share  (KesStore      *store,
                                            KesCareRecord *plan,
                                            const char    *recipient,
                                            const char    *method,
                                            const char    *note,
                                            const char    *pdf_path,
                                            const char    *xml_path,
                                            GError       **error);

G_END_DECLS
