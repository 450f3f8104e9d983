/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-disclosure.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Equality monitoring for the Patient and Carer Race Equality Framework
 * (PCREF): counts and rates by ethnic category, gender and age band for a
 * period. Every count, zero, total and rate goes through the report's
 * disclosure rule (kes-disclosure.h: NHS Digital's method, or a stricter
 * local one), so the tables together give no group smaller than its
 * threshold back. */

#define KES_CODES_LEGAL_STATUS_RESTRICTED "legal-status-restricted"

typedef enum
{
  KES_EQUALITY_ETHNICITY,
  KES_EQUALITY_GENDER,
  KES_EQUALITY_AGE_BAND,
  KES_EQUALITY_N_DIMENSIONS
} KesEqualityDimension;

typedef enum
{
  KES_MEASURE_CASELOAD,             /* active patients registered by the end of the period */
  KES_MEASURE_RESTRICTED,           /* of those, on a restricted legal status */
  KES_MEASURE_CARER_ASSESSMENTS,    /* carer's assessments offered in the period (by the patient cared for) */
  KES_MEASURE_REFERRALS_RECEIVED,
  KES_MEASURE_REFERRALS_ACCEPTED,
  KES_MEASURE_REFERRALS_DECLINED,
  KES_MEASURE_RECALLS,
  KES_N_MEASURES
} KesEqualityMeasure;

const char *kes_equality_dimension_label (KesEqualityDimension dimension);
const char *kes_equality_measure_label   (KesEqualityMeasure   measure);
/* The age band a person is in on @on ("18–25" …), NULL without a birth date. */
const char *kes_equality_age_band        (const GDate         *birth,
                                          const GDate         *on);

typedef struct
{
  char   *code;
  char   *label;
  guint   counts[KES_N_MEASURES];
  GArray *decision_days; /* int: calendar days from referral to decision, decisions in the period */
} KesEqualityGroup;

typedef struct
{
  char      *from;                                  /* YYYY-MM-DD */
  char      *to;
  KesDisclosure disclosure;                         /* how counts are protected */
  gboolean   available[KES_N_MEASURES];             /* FALSE: not recorded by Kestrel yet */
  GPtrArray *groups[KES_EQUALITY_N_DIMENSIONS];     /* KesEqualityGroup*, in code-list order */
  guint      totals[KES_N_MEASURES];
  GArray    *decision_days;                         /* int, every decision in the period */
} KesEqualityReport;

/* A report with the published disclosure rule (kes_disclosure_default). */
KesEqualityReport *kes_equality_report_new  (const char         *from,
                                             const char         *to);
void               kes_equality_report_free (KesEqualityReport  *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesEqualityReport, kes_equality_report_free)

/* Counts one person (or event) for @measure in every dimension; codes may be
 * empty ("not recorded"). */
void               kes_equality_report_add  (KesEqualityReport  *report,
                                             KesEqualityMeasure  measure,
                                             const char         *ethnicity,
                                             const char         *gender,
                                             const char         *birth_date);

/* Counts one referral decision made in the period (accepted or declined)
 * and its time to decision (whole calendar days from the referral, or the
 * reopening, to the decision). */
void               kes_equality_report_add_decision (KesEqualityReport *report,
                                                     gboolean           accepted,
                                                     int                days,
                                                     const char        *ethnicity,
                                                     const char        *gender,
                                                     const char        *birth_date);

/* The report for [from, to] (YYYY-MM-DD, inclusive) over the whole
 * database. Caseload and restricted status: active patients registered by
 * the end of the period. Referrals: episodes (kes-referral-stats.h)
 * received in the period, and accepted or declined in the period, by the
 * patient referred; time to decision for decisions in the period. Recalls:
 * recall dates in the period on a legal status record. Carer's assessments:
 * offers in the period, by the patient cared for. Aggregate only; needs the export or view-audit permission
 * (report writers, team managers, administrators). The run is logged. */
KesEqualityReport *kes_store_equality_report    (KesStore    *store,
                                                 const char  *from,
                                                 const char  *to,
                                                 GError     **error);

G_END_DECLS
