/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Medication and physical-health monitoring rules. Every threshold and
 * interval comes from data/rules/medication.ini and depot-drugs.ini (in the
 * core resource), each block with its source (kes-rule-sources.h); nothing
 * here is a clinical literal. Dates are GDates; returned GDates are newly
 * allocated (free with g_date_free). Clozapine is in kes-clozapine.h,
 * lithium in kes-lithium.h. */

/* ---- Depot injections ---- */

typedef enum
{
  KES_DEPOT_GIVEN,
  KES_DEPOT_REFUSED,
  KES_DEPOT_MISSED,
  KES_DEPOT_DEFERRED,
} KesDepotOutcome;

/* "given", "refused", "missed", "deferred"; FALSE for anything else. */
gboolean     kes_depot_outcome_parse           (const char      *text,
                                                KesDepotOutcome *outcome);
const char  *kes_depot_outcome_to_string       (KesDepotOutcome  outcome);
const char  *kes_depot_outcome_label           (KesDepotOutcome  outcome);

/* The depot drug list (depot-drugs.ini): codes, labels, usual interval range,
 * default interval and the hours of observation after each injection. */
guint        kes_depot_drug_get_n_drugs        (void);
const char  *kes_depot_drug_get_code           (guint            position);
const char  *kes_depot_drug_lookup_label       (const char      *code);
/* FALSE for an unknown drug code. */
gboolean     kes_depot_drug_get_interval_range (const char      *code,
                                                guint           *min_days,
                                                guint           *max_days,
                                                guint           *default_days);
/* Hours the person must be observed after each injection; 0 for none or an
 * unknown drug. */
guint        kes_depot_drug_observe_hours      (const char      *code);
/* TRUE when @interval_days lies in the drug's usual range (an unknown drug:
 * FALSE). Outside it, a prescription needs a reason (kes-care-record.c). */
gboolean     kes_depot_interval_usual          (const char      *code,
                                                guint            interval_days);

/* Next dose due: @interval_days after the last dose actually GIVEN; with no
 * dose given yet, on @first_due (the prescription's start). Refused, missed
 * and deferred doses do not move it. */
GDate       *kes_depot_next_due                (const GDate     *last_given,
                                                const GDate     *first_due,
                                                guint            interval_days);
guint        kes_depot_soon_days               (void);

/* ---- Physical health (NICE CG178) ---- */

typedef enum
{
  KES_CHECK_WEIGHT,
  KES_CHECK_WAIST,
  KES_CHECK_BP_PULSE,
  KES_CHECK_GLUCOSE,
  KES_CHECK_LIPIDS,
  KES_CHECK_PROLACTIN,
  KES_CHECK_ECG,        /* only when an ECG is indicated before starting */
  KES_N_CHECKS,
} KesPhysicalCheck;

const char  *kes_physical_check_to_string      (KesPhysicalCheck check);
const char  *kes_physical_check_label          (KesPhysicalCheck check);
/* The next check after @last_done (NULL: none done yet). Points of the
 * schedule ([physical-health], days after @antipsychotic_start) count a check
 * done up to early-days before them as done; once the schedule is behind the
 * last check, the next is annual-months after that check. A once-only check
 * already done returns NULL. */
GDate       *kes_physical_check_next_due       (KesPhysicalCheck check,
                                                const GDate     *antipsychotic_start,
                                                const GDate     *last_done);
guint        kes_physical_health_soon_days     (void);

/* The reference range drawn behind a measure's trend ("systolic",
 * "diastolic", "pulse", "hba1c", "glucose", "cholesterol"; data:
 * [physical-health-ranges]; BMI: kes_bmi_band). A side without a bound is
 * NAN; FALSE when the measure has no range. */
gboolean     kes_physical_measure_range        (const char      *measure,
                                                double          *low,
                                                double          *high);

/* Body mass index from kg and cm, rounded to one decimal place; FALSE when
 * either value is outside what a person can weigh or measure. */
gboolean     kes_bmi_compute                   (double           weight_kg,
                                                double           height_cm,
                                                double          *bmi);

/* The healthy-weight band for a person of NHS ethnic category @ethnicity
 * (may be NULL or ""): NICE's lower thresholds for South Asian, Chinese,
 * other Asian, Black African and African-Caribbean family backgrounds, the
 * standard band otherwise ([bmi-bands]). @lower says which was used. */
void         kes_bmi_band                      (const char      *ethnicity,
                                                double          *healthy_low,
                                                double          *healthy_high,
                                                gboolean        *lower);
/* Plain words for the band used, naming its source: "Healthy weight 18.5 to
 * 22.9 (NICE PH46: lower thresholds for …)". */
char        *kes_bmi_band_describe             (const char      *ethnicity);

/* ---- CPA ---- */

/* Next review: the configured interval (months) after the last review held,
 * or after @first (the care plan's start) when none has been held. */
GDate       *kes_cpa_review_next_due           (const GDate     *last_held,
                                                const GDate     *first);
guint        kes_cpa_review_interval_months    (void);
guint        kes_cpa_validate_hours            (void);
/* The last day on which a review held on @held_on is validated in time.
 * A review has a date, not a time, so @hours count from the end of the day
 * it was held: 24 hours means by the next day, 72 by the third. */
GDate       *kes_cpa_validation_last_day       (const GDate     *held_on,
                                                guint            hours);
/* TRUE when validation is late with the configured hours: validated after
 * the last day (@validated_on), or not yet validated (@validated_on NULL)
 * and @today is past it. */
gboolean     kes_cpa_validation_is_late        (const GDate     *held_on,
                                                const GDate     *validated_on,
                                                const GDate     *today);
guint        kes_cpa_soon_days                 (void);

G_END_DECLS
