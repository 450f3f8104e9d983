/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Referral documents, built from the store as KesDocuments (render with
 * kes-pdf-writer / kes-xml-writer). Each needs the export permission and is
 * written to the access log. */

/* The referral assessment: referral details, eligibility, history, mental
 * state, risk summary, needs, recommendation, decision, sign-off, and the
 * pathway so far. */
KesDocument *kes_report_referral_assessment (KesStore    *store,
                                             const char  *referral_id,
                                             GError     **error);
/* The linked structured risk assessment as label, value, label, value, …,
 * NULL (tool, date assessed, assessor, sign-off, then each final judgement
 * in the clinician's words; never a level derived from ratings), for the
 * assessment form and its documents (kes-report-referral-risk.c). */
GPtrArray   *kes_report_risk_link_pairs     (KesStore    *store,
                                             const char  *assessment_id,
                                             GError     **error);
/* The in-reach plan: visits and the discharge-readiness checklist with
 * owners and due dates. */
KesDocument *kes_report_inreach_plan        (KesStore    *store,
                                             const char  *referral_id,
                                             GError     **error);
/* The pathway report over [@from, @to] (YYYY-MM-DD, inclusive): referrals,
 * decisions and waiting times (median and 90th percentile, calendar days)
 * by month, source and area, and acceptance by ethnic category, every
 * count protected as kes-disclosure.h says (definitions in
 * kes-referral-stats.h). No patient is named. */
KesDocument *kes_report_pathway             (KesStore    *store,
                                             const char  *from,
                                             const char  *to,
                                             GError     **error);
/* The same tables as CSV (RFC 4180: CRLF, quoted where needed), one
 * section after another with a "table" column naming each. */
char        *kes_report_pathway_csv         (KesStore    *store,
                                             const char  *from,
                                             const char  *to,
                                             GError     **error);

G_END_DECLS
