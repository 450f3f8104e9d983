/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Medication and physical-health monitoring rules. Every threshold and
 * interval comes from data/rules/medication.ini and depot-drugs.tsv (in the
 * core resource); nothing here is a clinical literal. Dates are GDates;
 * returned GDates are newly allocated (free with g_date_free). */

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

/* The depot drug list: codes, labels, usual interval range and default interval. */
guint        kes_depot_drug_get_n_drugs        (void);
const char  *kes_depot_drug_get_code           (guint            position);
const char  *kes_depot_drug_lookup_label       (const char      *code);
/* FALSE for an unknown drug code. */
gboolean     kes_depot_drug_get_interval_range (const char      *code,
                                                guint           *min_days,
                                                guint           *max_days,
                                                guint           *default_days);

/* Next dose due: @interval_days after the last dose actually GIVEN; with no
 * dose given yet, on @first_due (the prescription's start). Refused, missed
 * and deferred doses do not move it. */
GDate       *kes_depot_next_due                (const GDate     *last_given,
                                                const GDate     *first_due,
                                                guint            interval_days);
guint        kes_depot_soon_days               (void);

/* ---- Clozapine ---- */

typedef enum
{
  KES_FBC_GREEN,
  KES_FBC_AMBER,
  KES_FBC_RED,
} KesFbcLight;

typedef enum
{
  KES_CLOZAPINE_WEEKLY,
  KES_CLOZAPINE_FORTNIGHTLY,
  KES_CLOZAPINE_FOUR_WEEKLY,
} KesClozapinePhase;

/* Traffic light for a white cell count and a neutrophil count (10^9/L). */
KesFbcLight  kes_fbc_traffic_light             (double           wbc,
                                                double           neutrophils);
const char  *kes_fbc_light_to_string           (KesFbcLight      light);
gboolean     kes_fbc_light_parse               (const char      *text,
                                                KesFbcLight     *light);
const char  *kes_fbc_light_label               (KesFbcLight      light);
/* What to do now, in plain words. */
const char  *kes_fbc_light_action              (KesFbcLight      light);

/* Monitoring phase on @on for treatment started on @start (whole weeks). */
KesClozapinePhase kes_clozapine_phase          (const GDate     *start,
                                                const GDate     *on);
guint        kes_clozapine_phase_interval_days (KesClozapinePhase phase);
const char  *kes_clozapine_phase_label         (KesClozapinePhase phase);

/* Next blood test. @lights are the results so far, oldest first, with the
 * date of the latest in @last_test (NULL and 0 results: due on @start).
 * After a red, daily until enough consecutive greens; after an amber, twice
 * weekly until green; otherwise the phase interval at @last_test.
 * @restart_weekly_until (may be NULL) keeps weekly testing until that date
 * after a long break. */
GDate       *kes_clozapine_next_fbc_due        (const GDate     *start,
                                                const KesFbcLight *lights,
                                                guint            n_lights,
                                                const GDate     *last_test,
                                                const GDate     *restart_weekly_until);
/* TRUE while clozapine must stay stopped: a red result not yet followed by
 * enough consecutive greens. */
gboolean     kes_clozapine_stopped             (const KesFbcLight *lights,
                                                guint            n_lights);
/* Breaks in treatment, in hours. */
gboolean     kes_clozapine_break_needs_retitration   (double     break_hours);
gboolean     kes_clozapine_break_restarts_weekly     (double     break_hours);
guint        kes_clozapine_restart_weekly_weeks      (void);
double       kes_clozapine_retitrate_hours           (void);
double       kes_clozapine_restart_weekly_hours      (void);
guint        kes_clozapine_soon_days           (void);

/* ---- Lithium ---- */

typedef enum
{
  KES_LITHIUM_BELOW,
  KES_LITHIUM_IN_RANGE,
  KES_LITHIUM_ABOVE,
  KES_LITHIUM_TOXIC,
} KesLithiumBand;

KesLithiumBand kes_lithium_band                (double           level);
const char    *kes_lithium_band_label          (KesLithiumBand   band);
void           kes_lithium_range               (double          *low,
                                                double          *high,
                                                double          *toxic);
/* Next level due. @bands are the levels since @start (or the last dose
 * change), oldest first, the latest taken on @last_test; none: due on @start. */
GDate         *kes_lithium_next_due            (const GDate     *start,
                                                const KesLithiumBand *bands,
                                                guint            n_bands,
                                                const GDate     *last_test);
guint          kes_lithium_soon_days           (void);

/* ---- Physical health (NICE CG178) ---- */

typedef enum
{
  KES_CHECK_WEIGHT,
  KES_CHECK_WAIST,
  KES_CHECK_BP_PULSE,
  KES_CHECK_GLUCOSE,
  KES_CHECK_LIPIDS,
  KES_N_CHECKS,
} KesPhysicalCheck;

const char  *kes_physical_check_to_string      (KesPhysicalCheck check);
const char  *kes_physical_check_label          (KesPhysicalCheck check);
/* The next scheduled check after @last_done (NULL: none done yet), counting
 * a check done a few days early (data: early-days) for its point. */
GDate       *kes_physical_check_next_due       (KesPhysicalCheck check,
                                                const GDate     *antipsychotic_start,
                                                const GDate     *last_done);
guint        kes_physical_health_soon_days     (void);

/* The reference range drawn behind a measure's trend ("bmi", "systolic",
 * "diastolic", "pulse", "hba1c", "glucose", "cholesterol"; data:
 * [physical-health-ranges]). A side without a bound is NAN; FALSE when the
 * measure has no range. */
gboolean     kes_physical_measure_range        (const char      *measure,
                                                double          *low,
                                                double          *high);

/* Body mass index from kg and cm, rounded to one decimal place; FALSE when
 * either value is outside what a person can weigh or measure. */
gboolean     kes_bmi_compute                   (double           weight_kg,
                                                double           height_cm,
                                                double          *bmi);

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
