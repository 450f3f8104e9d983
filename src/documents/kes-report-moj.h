/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-moj-template.h"
#include "kes-store-moj.h"

G_BEGIN_DECLS

/* A new Ministry of Justice report on @template for @patient_id, not yet
 * saved: its parts and signers from the template, the report period (from
 * the last submitted report, or the discharge, to today) and every field
 * with a prefill source filled from the record and marked as prefilled.
 * @due_date NULL: the next routine due date (or today for an urgent
 * report). @trigger is the urgent report's KES_CODES_URGENT_TRIGGER code. */
KesMojRecord *kes_report_moj_new_report (KesStore        *store,
                                         KesMojTemplate  *template,
                                         const char      *patient_id,
                                         const char      *report_type,
                                         const char      *due_date,
                                         const char      *trigger,
                                         GError         **error);

/* The latest signed-off structured risk assessment of @patient_id as its
 * assessor recorded it, for the "risk.latest" prefill: tool, date, who
 * completed it, and each final judgement in the clinician's own words and
 * choices (never a level derived from ratings; no computed summaries).
 * "" when none is signed off. NULL with @error when it cannot be read. */
char         *kes_report_moj_risk_summary (KesStore       *store,
                                           const char     *patient_id,
                                           GError        **error);

/* The report as a document for PDF and XML: every part of the template it
 * is pinned to, each section's fields, the signature of each part (and a
 * clear note when a part was altered after signing), and the submission. */
KesDocument  *kes_report_moj_document   (KesStore        *store,
                                         KesMojRecord    *report,
                                         GError         **error);

G_END_DECLS
