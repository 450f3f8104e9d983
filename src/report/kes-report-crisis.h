/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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
/* Builds it and writes @pdf_path and @xml_path (either may be NULL), each
 * through a temporary file; the export goes to the access log. */
gboolean     kes_report_crisis_plan_export (KesStore     *store,
                                            const char   *patient_id,
                                            const char   *pdf_path,
                                            const char   *xml_path,
                                            GError      **error);

G_END_DECLS
