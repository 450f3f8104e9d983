/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kes-due.h"
#include "kes-care-record.h"
#include "kes-medication-rules.h"
#include "kes-physical-trend.h"
#include "kes-validate.h"

static void
assert_date (GDate      *date,
             const char *expected)
{
  g_autofree char *iso = NULL;

  g_assert_nonnull (date);
  iso = kes_date_to_iso (date);
  g_assert_cmpstr (iso, ==, expected);
  g_date_free (date);
}

static GDate *
d (const char *iso)
{
  GDate *date = kes_date_from_iso (iso);
  g_assert_nonnull (date);
  return date;
}

/* ---- Depot ---- */

static void
test_depot_drugs_data (void)
{
  guint min, max, def;

  g_assert_cmpuint (kes_depot_drug_get_n_drugs (), >=, 8);
  g_assert_true (kes_depot_drug_get_interval_range ("haloperidol-decanoate", &min, &max, &def));
  g_assert_cmpuint (min, ==, 28);
  g_assert_cmpuint (max, ==, 28);
  g_assert_true (kes_depot_drug_get_interval_range ("zuclopenthixol-decanoate", &min, &max, &def));
  g_assert_cmpuint (min, ==, 7);
  g_assert_cmpuint (max, ==, 28);
  g_assert_cmpstr (kes_depot_drug_lookup_label ("risperidone-microspheres"), ==,
                   "Risperidone microspheres");
  g_assert_false (kes_depot_drug_get_interval_range ("aspirin", NULL, NULL, NULL));
  g_assert_null (kes_depot_drug_lookup_label ("aspirin"));
  /* Every drug's default lies within its range. */
  for (guint i = 0; i < kes_depot_drug_get_n_drugs (); i++)
    {
      g_assert_true (kes_depot_drug_get_interval_range (kes_depot_drug_get_code (i), &min, &max, &def));
      g_assert_cmpuint (min, <=, def);
      g_assert_cmpuint (def, <=, max);
      g_assert_cmpuint (min, >, 0);
    }
}

static void
test_depot_outcomes (void)
{
  KesDepotOutcome outcome;

  for (KesDepotOutcome o = KES_DEPOT_GIVEN; o <= KES_DEPOT_DEFERRED; o++)
    {
      g_assert_true (kes_depot_outcome_parse (kes_depot_outcome_to_string (o), &outcome));
      g_assert_cmpint (outcome, ==, o);
      g_assert_nonnull (kes_depot_outcome_label (o));
    }
  g_assert_false (kes_depot_outcome_parse ("GIVEN", &outcome));
  g_assert_false (kes_depot_outcome_parse (NULL, &outcome));
}

static void
test_depot_next_due (void)
{
  g_autoptr(GDate) start = d ("2026-01-05");
  g_autoptr(GDate) given = d ("2026-01-05");
  g_autoptr(GDate) feb = d ("2028-02-15");

  /* Nothing given yet: due on the prescription's start. */
  assert_date (kes_depot_next_due (NULL, start, 14), "2026-01-05");
  /* Interval after the last dose given, across a month end. */
  assert_date (kes_depot_next_due (given, start, 14), "2026-01-19");
  assert_date (kes_depot_next_due (given, start, 28), "2026-02-02");
  assert_date (kes_depot_next_due (feb, NULL, 14), "2028-02-29"); /* leap year */
}

static void
test_depot_missed_overdue_boundary (void)
{
  /* Given 5 Jan every 14 days: due 19 Jan. A refusal or a missed or
   * deferred dose on 19 Jan does not reset it (the caller passes only the
   * last dose GIVEN), so on 20 Jan it is overdue, never on 19 Jan. */
  g_autoptr(GDate) given = d ("2026-01-05");
  g_autoptr(GDate) due = kes_depot_next_due (given, NULL, 14);
  g_autofree char *due_iso = kes_date_to_iso (due);
  KesDueUrgency urgency;
  g_autoptr(GDate) jan18 = d ("2026-01-18");
  g_autoptr(GDate) jan19 = d ("2026-01-19");
  g_autoptr(GDate) jan20 = d ("2026-01-20");
  g_autoptr(GDate) jan11 = d ("2026-01-11");
  g_autoptr(GDate) jan12 = d ("2026-01-12");
  guint soon = kes_depot_soon_days ();

  g_assert_cmpuint (soon, ==, 7);
  g_assert_cmpstr (due_iso, ==, "2026-01-19");
  g_assert_true (kes_due_urgency_for_date (due_iso, jan18, soon, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_SOON);
  g_assert_true (kes_due_urgency_for_date (due_iso, jan19, soon, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_TODAY);
  g_assert_true (kes_due_urgency_for_date (due_iso, jan20, soon, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_OVERDUE);
  g_assert_true (kes_due_urgency_for_date (due_iso, jan12, soon, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_SOON);
  g_assert_false (kes_due_urgency_for_date (due_iso, jan11, soon, &urgency));
}

/* ---- Clozapine ---- */

static void
test_fbc_traffic_light_boundaries (void)
{
  /* Green: WBC >= 3.5 and ANC >= 2.0. */
  g_assert_cmpint (kes_fbc_traffic_light (3.5, 2.0), ==, KES_FBC_GREEN);
  g_assert_cmpint (kes_fbc_traffic_light (7.2, 4.1), ==, KES_FBC_GREEN);
  /* Amber: WBC 3.0 to < 3.5 and/or ANC 1.5 to < 2.0. */
  g_assert_cmpint (kes_fbc_traffic_light (3.49, 2.0), ==, KES_FBC_AMBER);
  g_assert_cmpint (kes_fbc_traffic_light (3.5, 1.99), ==, KES_FBC_AMBER);
  g_assert_cmpint (kes_fbc_traffic_light (3.0, 2.0), ==, KES_FBC_AMBER);
  g_assert_cmpint (kes_fbc_traffic_light (3.5, 1.5), ==, KES_FBC_AMBER);
  g_assert_cmpint (kes_fbc_traffic_light (3.0, 1.5), ==, KES_FBC_AMBER);
  g_assert_cmpint (kes_fbc_traffic_light (6.0, 1.7), ==, KES_FBC_AMBER);
  /* Red: WBC < 3.0 and/or ANC < 1.5 — either alone is enough. */
  g_assert_cmpint (kes_fbc_traffic_light (2.99, 2.5), ==, KES_FBC_RED);
  g_assert_cmpint (kes_fbc_traffic_light (5.0, 1.49), ==, KES_FBC_RED);
  g_assert_cmpint (kes_fbc_traffic_light (2.9, 1.4), ==, KES_FBC_RED);
  g_assert_cmpint (kes_fbc_traffic_light (3.2, 1.4), ==, KES_FBC_RED);
  /* Values that are not exact in binary still land on the right side. */
  g_assert_cmpint (kes_fbc_traffic_light (0.1 * 35, 0.1 * 20), ==, KES_FBC_GREEN);
}

static void
test_fbc_light_strings (void)
{
  KesFbcLight light;

  for (KesFbcLight l = KES_FBC_GREEN; l <= KES_FBC_RED; l++)
    {
      g_assert_true (kes_fbc_light_parse (kes_fbc_light_to_string (l), &light));
      g_assert_cmpint (light, ==, l);
      g_assert_nonnull (kes_fbc_light_label (l));
      g_assert_nonnull (kes_fbc_light_action (l));
    }
  g_assert_nonnull (strstr (kes_fbc_light_action (KES_FBC_RED), "Stop clozapine"));
  g_assert_nonnull (strstr (kes_fbc_light_action (KES_FBC_AMBER), "twice weekly"));
  g_assert_false (kes_fbc_light_parse ("blue", &light));
}

static void
test_clozapine_phase_boundaries (void)
{
  g_autoptr(GDate) start = d ("2026-01-01");
  g_autoptr(GDate) on = d ("2026-01-01");

  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_WEEKLY);
  /* Week 18 begins on day 126: the last weekly day is 125. */
  g_date_add_days (on, 125);
  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_WEEKLY);
  g_date_add_days (on, 1);
  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_FORTNIGHTLY);
  /* Week 52 begins on day 364. */
  *on = *start;
  g_date_add_days (on, 363);
  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_FORTNIGHTLY);
  g_date_add_days (on, 1);
  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_FOUR_WEEKLY);
  g_date_add_days (on, 2000);
  g_assert_cmpint (kes_clozapine_phase (start, on), ==, KES_CLOZAPINE_FOUR_WEEKLY);

  g_assert_cmpuint (kes_clozapine_phase_interval_days (KES_CLOZAPINE_WEEKLY), ==, 7);
  g_assert_cmpuint (kes_clozapine_phase_interval_days (KES_CLOZAPINE_FORTNIGHTLY), ==, 14);
  g_assert_cmpuint (kes_clozapine_phase_interval_days (KES_CLOZAPINE_FOUR_WEEKLY), ==, 28);
  for (KesClozapinePhase p = KES_CLOZAPINE_WEEKLY; p <= KES_CLOZAPINE_FOUR_WEEKLY; p++)
    g_assert_nonnull (kes_clozapine_phase_label (p));
}

static void
test_clozapine_next_due (void)
{
  g_autoptr(GDate) start = d ("2026-01-01");
  g_autoptr(GDate) week3 = d ("2026-01-22");
  g_autoptr(GDate) month8 = d ("2026-09-01");
  g_autoptr(GDate) year2 = d ("2027-06-01");
  KesFbcLight green[] = { KES_FBC_GREEN };
  KesFbcLight amber[] = { KES_FBC_GREEN, KES_FBC_AMBER };
  KesFbcLight amber_then_green[] = { KES_FBC_AMBER, KES_FBC_GREEN };
  KesFbcLight red[] = { KES_FBC_GREEN, KES_FBC_RED };
  KesFbcLight red_green[] = { KES_FBC_RED, KES_FBC_GREEN };
  KesFbcLight red_green_green[] = { KES_FBC_RED, KES_FBC_GREEN, KES_FBC_GREEN };
  KesFbcLight red_green_amber_green[] = { KES_FBC_RED, KES_FBC_GREEN, KES_FBC_AMBER, KES_FBC_GREEN };

  /* Baseline at registration: due on the start. */
  assert_date (kes_clozapine_next_fbc_due (start, NULL, 0, NULL, NULL), "2026-01-01");
  /* Routine: by the phase at the last test. */
  assert_date (kes_clozapine_next_fbc_due (start, green, 1, week3, NULL), "2026-01-29");
  assert_date (kes_clozapine_next_fbc_due (start, green, 1, month8, NULL), "2026-09-15");
  assert_date (kes_clozapine_next_fbc_due (start, green, 1, year2, NULL), "2027-06-29");
  /* Amber: twice weekly; back to routine once green. */
  assert_date (kes_clozapine_next_fbc_due (start, amber, 2, year2, NULL), "2027-06-04");
  assert_date (kes_clozapine_next_fbc_due (start, amber_then_green, 2, year2, NULL), "2027-06-29");
  /* Red: stopped, daily until two consecutive greens. */
  g_assert_true (kes_clozapine_stopped (red, 2));
  assert_date (kes_clozapine_next_fbc_due (start, red, 2, year2, NULL), "2027-06-02");
  g_assert_true (kes_clozapine_stopped (red_green, 2));
  assert_date (kes_clozapine_next_fbc_due (start, red_green, 2, year2, NULL), "2027-06-02");
  g_assert_false (kes_clozapine_stopped (red_green_green, 3));
  assert_date (kes_clozapine_next_fbc_due (start, red_green_green, 3, year2, NULL), "2027-06-29");
  /* An amber between the greens breaks the run. */
  g_assert_true (kes_clozapine_stopped (red_green_amber_green, 4));
  g_assert_false (kes_clozapine_stopped (green, 1));
  g_assert_false (kes_clozapine_stopped (amber, 2));
  g_assert_false (kes_clozapine_stopped (NULL, 0));
}

static void
test_clozapine_breaks (void)
{
  g_autoptr(GDate) start = d ("2026-01-01");
  g_autoptr(GDate) year2 = d ("2027-06-01");
  g_autoptr(GDate) until = d ("2027-07-13");
  g_autoptr(GDate) past = d ("2027-05-01");
  KesFbcLight green[] = { KES_FBC_GREEN };

  g_assert_false (kes_clozapine_break_needs_retitration (47.5));
  g_assert_false (kes_clozapine_break_needs_retitration (48.0));
  g_assert_true (kes_clozapine_break_needs_retitration (48.1));
  g_assert_false (kes_clozapine_break_restarts_weekly (72.0));
  g_assert_true (kes_clozapine_break_restarts_weekly (72.5));
  g_assert_cmpuint (kes_clozapine_restart_weekly_weeks (), ==, 6);
  /* After a long break, weekly until the restart period ends. */
  assert_date (kes_clozapine_next_fbc_due (start, green, 1, year2, until), "2027-06-08");
  assert_date (kes_clozapine_next_fbc_due (start, green, 1, year2, past), "2027-06-29");
}

/* ---- Lithium ---- */

static void
test_lithium_bands (void)
{
  double low, high, toxic;

  kes_lithium_range (&low, &high, &toxic);
  g_assert_cmpfloat_with_epsilon (low, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (high, 0.8, 1e-9);
  g_assert_cmpfloat_with_epsilon (toxic, 1.5, 1e-9);
  g_assert_cmpint (kes_lithium_band (0.59), ==, KES_LITHIUM_BELOW);
  g_assert_cmpint (kes_lithium_band (0.6), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (0.7), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (0.8), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (0.81), ==, KES_LITHIUM_ABOVE);
  g_assert_cmpint (kes_lithium_band (1.49), ==, KES_LITHIUM_ABOVE);
  g_assert_cmpint (kes_lithium_band (1.5), ==, KES_LITHIUM_TOXIC);
  g_assert_cmpint (kes_lithium_band (2.3), ==, KES_LITHIUM_TOXIC);
  g_assert_cmpint (kes_lithium_band (0.1 * 6), ==, KES_LITHIUM_IN_RANGE);
  for (KesLithiumBand b = KES_LITHIUM_BELOW; b <= KES_LITHIUM_TOXIC; b++)
    g_assert_nonnull (kes_lithium_band_label (b));
}

static void
test_lithium_next_due (void)
{
  g_autoptr(GDate) start = d ("2026-01-01");
  g_autoptr(GDate) feb = d ("2026-02-01");
  g_autoptr(GDate) later = d ("2027-03-10");
  g_autoptr(GDate) dec = d ("2026-12-31");
  KesLithiumBand one[] = { KES_LITHIUM_IN_RANGE };
  KesLithiumBand stable[] = { KES_LITHIUM_BELOW, KES_LITHIUM_IN_RANGE, KES_LITHIUM_IN_RANGE };
  KesLithiumBand high[] = { KES_LITHIUM_IN_RANGE, KES_LITHIUM_IN_RANGE, KES_LITHIUM_ABOVE };

  assert_date (kes_lithium_next_due (start, NULL, 0, NULL), "2026-01-01");
  /* Weekly until two consecutive levels in range. */
  assert_date (kes_lithium_next_due (start, one, 1, feb), "2026-02-08");
  assert_date (kes_lithium_next_due (start, high, 3, later), "2027-03-17");
  /* Stable: three-monthly in the first year, then six-monthly. */
  assert_date (kes_lithium_next_due (start, stable, 3, feb), "2026-05-01");
  assert_date (kes_lithium_next_due (start, stable, 3, dec), "2027-03-31");
  assert_date (kes_lithium_next_due (start, stable, 3, later), "2027-09-10");
}

/* ---- Physical health ---- */

static void
test_physical_health_schedule (void)
{
  g_autoptr(GDate) start = d ("2026-01-01");
  g_autoptr(GDate) baseline = d ("2026-01-01");
  g_autoptr(GDate) week6 = d ("2026-02-12");
  g_autoptr(GDate) early = d ("2026-03-23"); /* 3 days before the 12-week point */
  g_autoptr(GDate) too_early = d ("2026-03-22"); /* 4 days before */
  g_autoptr(GDate) week12 = d ("2026-03-26");
  g_autoptr(GDate) year1 = d ("2027-01-01");
  g_autoptr(GDate) year3 = d ("2029-01-05");

  /* Nothing done: baseline on the start. */
  for (KesPhysicalCheck c = KES_CHECK_WEIGHT; c < KES_N_CHECKS; c++)
    {
      assert_date (kes_physical_check_next_due (c, start, NULL), "2026-01-01");
      g_assert_nonnull (kes_physical_check_label (c));
      g_assert_nonnull (kes_physical_check_to_string (c));
    }
  /* Weight: weekly for six weeks, then 12 weeks, 1 year, annually. */
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, baseline), "2026-01-08");
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, week6), "2026-03-26");
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, week12), "2027-01-01");
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, year1), "2028-01-01");
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, year3), "2030-01-01");
  /* Done a few days early counts for the point; more than early-days does not. */
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, early), "2027-01-01");
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, too_early), "2026-03-26");
  /* Waist: baseline and annually. */
  assert_date (kes_physical_check_next_due (KES_CHECK_WAIST, start, baseline), "2027-01-01");
  /* BP, glucose, lipids: baseline, 12 weeks, 1 year, annually. */
  assert_date (kes_physical_check_next_due (KES_CHECK_BP_PULSE, start, baseline), "2026-03-26");
  assert_date (kes_physical_check_next_due (KES_CHECK_GLUCOSE, start, week12), "2027-01-01");
  assert_date (kes_physical_check_next_due (KES_CHECK_LIPIDS, start, year1), "2028-01-01");
  /* A missed 12-week check stays due after it (overdue), not skipped. */
  assert_date (kes_physical_check_next_due (KES_CHECK_LIPIDS, start, baseline), "2026-03-26");
}

static void
test_bmi (void)
{
  double bmi = 0;

  g_assert_true (kes_bmi_compute (70, 175, &bmi));
  g_assert_cmpfloat_with_epsilon (bmi, 22.9, 1e-9);
  g_assert_true (kes_bmi_compute (102.5, 180, &bmi));
  g_assert_cmpfloat_with_epsilon (bmi, 31.6, 1e-9);
  g_assert_true (kes_bmi_compute (50, 160, &bmi));
  g_assert_cmpfloat_with_epsilon (bmi, 19.5, 1e-9); /* 19.53 */
  g_assert_false (kes_bmi_compute (0, 175, &bmi));
  g_assert_false (kes_bmi_compute (70, 0, &bmi));
  g_assert_false (kes_bmi_compute (70, 17.5, &bmi)); /* metres typed as cm */
  g_assert_false (kes_bmi_compute (800, 175, &bmi));
}

/* ---- CPA ---- */

static void
test_cpa_review_due (void)
{
  g_autoptr(GDate) held = d ("2026-03-15");
  g_autoptr(GDate) first = d ("2026-01-10");
  g_autoptr(GDate) leap = d ("2028-02-29");
  g_autoptr(GDate) day_before = NULL;
  g_autoptr(GDate) due = NULL;
  g_autofree char *due_iso = NULL;
  KesDueUrgency urgency;

  g_assert_cmpuint (kes_cpa_review_interval_months (), ==, 12);
  g_assert_cmpuint (kes_cpa_validate_hours (), >, 0);
  assert_date (kes_cpa_review_next_due (held, first), "2027-03-15");
  assert_date (kes_cpa_review_next_due (NULL, first), "2027-01-10");
  assert_date (kes_cpa_review_next_due (leap, NULL), "2029-02-28");

  due = kes_cpa_review_next_due (held, NULL);
  due_iso = kes_date_to_iso (due);
  g_date_add_days (due, 1);
  g_assert_true (kes_due_urgency_for_date (due_iso, due, kes_cpa_soon_days (), &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_OVERDUE);
}

/* Validation of a held review: hours count from the end of the day it was
 * held; on the last day it is in time, the day after it is late. */
static void
test_cpa_validation_boundary (void)
{
  g_autoptr(GDate) held = d ("2026-11-16");
  g_autoptr(GDate) last_day = NULL;
  g_autoptr(GDate) after = NULL;

  assert_date (kes_cpa_validation_last_day (held, 24), "2026-11-17");
  assert_date (kes_cpa_validation_last_day (held, 25), "2026-11-18");
  assert_date (kes_cpa_validation_last_day (held, 36), "2026-11-18");
  assert_date (kes_cpa_validation_last_day (held, 72), "2026-11-19");
  assert_date (kes_cpa_validation_last_day (held, 0), "2026-11-16");

  /* With the configured hours (data/rules/medication.ini: 72). */
  g_assert_cmpuint (kes_cpa_validate_hours (), ==, 72);
  last_day = d ("2026-11-19");
  after = d ("2026-11-20");
  g_assert_false (kes_cpa_validation_is_late (held, NULL, held));
  g_assert_false (kes_cpa_validation_is_late (held, NULL, last_day));
  g_assert_true (kes_cpa_validation_is_late (held, NULL, after));
  g_assert_false (kes_cpa_validation_is_late (held, last_day, after));
  g_assert_true (kes_cpa_validation_is_late (held, after, after));
  /* Validated in time stays in time however long ago. */
  g_assert_false (kes_cpa_validation_is_late (held, held, after));
}

/* ---- Physical health trends ---- */

static void
add_check (GListStore *store,
           const char *date,
           ...)
{
  g_autoptr(KesCareRecord) check = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
  const char *key;
  va_list args;

  kes_care_record_set (check, "taken_on", date);
  va_start (args, date);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (check, key, va_arg (args, const char *));
  va_end (args);
  g_list_store_append (store, check);
}

static KesTrendSeries *
series_of (GPtrArray  *trends,
           const char *measure)
{
  for (guint i = 0; i < trends->len; i++)
    if (g_str_equal (((KesTrendSeries *) trends->pdata[i])->measure, measure))
      return trends->pdata[i];
  return NULL;
}

static void
test_physical_ranges (void)
{
  double low, high;

  g_assert_true (kes_physical_measure_range ("bmi", &low, &high));
  g_assert_cmpfloat (low, ==, 18.5);
  g_assert_cmpfloat (high, ==, 24.9);
  g_assert_true (kes_physical_measure_range ("hba1c", &low, &high));
  g_assert_true (isnan (low));
  g_assert_cmpfloat (high, ==, 41);
  g_assert_true (kes_physical_measure_range ("diastolic", &low, &high));
  g_assert_false (kes_physical_measure_range ("waist_cm", &low, &high));
  g_assert_true (isnan (low) && isnan (high));
}

static void
test_physical_trends (void)
{
  g_autoptr(GListStore) checks = g_list_store_new (KES_TYPE_CARE_RECORD);
  g_autoptr(GPtrArray) trends = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *weight_text = NULL;
  g_autofree char *bp_text = NULL;
  g_autofree char *bmi_text = NULL;
  KesTrendSeries *series;
  KesTrendPoint *point;

  none = kes_physical_trends (G_LIST_MODEL (checks));
  g_assert_cmpuint (none->len, ==, 0);

  /* Out of order on purpose; height only at the first check. */
  add_check (checks, "2026-07-01", "weight_kg", "95", "systolic", "142", "diastolic", "92", NULL);
  add_check (checks, "2026-01-05", "weight_kg", "92.4", "height_cm", "178", "systolic", "128",
             "diastolic", "82", "hba1c", "40", NULL);
  add_check (checks, "2026-04-01", "weight_kg", "92.4", "smoking", "current", NULL);
  trends = kes_physical_trends (G_LIST_MODEL (checks));

  /* Only measures with readings, in the fixed order. */
  g_assert_cmpuint (trends->len, ==, 4);
  g_assert_cmpstr (((KesTrendSeries *) trends->pdata[0])->measure, ==, "weight_kg");
  g_assert_cmpstr (((KesTrendSeries *) trends->pdata[1])->measure, ==, "bmi");
  g_assert_cmpstr (((KesTrendSeries *) trends->pdata[2])->measure, ==, "systolic");
  g_assert_cmpstr (((KesTrendSeries *) trends->pdata[3])->measure, ==, "hba1c");

  series = series_of (trends, "weight_kg");
  g_assert_cmpuint (series->points->len, ==, 3);
  point = &g_array_index (series->points, KesTrendPoint, 0);
  g_assert_cmpstr (point->date, ==, "2026-01-05");
  g_assert_true (isnan (series->low));
  weight_text = kes_physical_trend_describe (series);
  g_assert_cmpstr (weight_text, ==,
                   "Weight (kg), 3 readings: 92.4 on 5 Jan 2026, 92.4 on 1 Apr 2026, 95 on 1 Jul 2026. "
                   "Latest 95 on 1 Jul 2026, up 2.6 since 5 Jan 2026.");

  /* BMI from the latest height before each check: 92.4 / 1.78² = 29.2. */
  series = series_of (trends, "bmi");
  g_assert_cmpuint (series->points->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (series->points, KesTrendPoint, 0).value, 29.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (series->points, KesTrendPoint, 2).value, 30.0, 1e-9);
  bmi_text = kes_physical_trend_describe (series);
  g_assert_nonnull (strstr (bmi_text, "Reference range 18.5 to 24.9; 3 readings are outside it."));

  /* Blood pressure carries the diastolic beside the systolic. */
  series = series_of (trends, "systolic");
  point = &g_array_index (series->points, KesTrendPoint, 1);
  g_assert_cmpfloat (point->second, ==, 92);
  bp_text = kes_physical_trend_describe (series);
  g_assert_nonnull (strstr (bp_text, "Blood pressure (mmHg), 2 readings: 128/82 on 5 Jan 2026, 142/92 on "
                                     "1 Jul 2026."));
  g_assert_nonnull (strstr (bp_text, "Reference range 90 to 139 over 60 to 89; 1 reading is outside it."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/medication/depot/drugs-data", test_depot_drugs_data);
  g_test_add_func ("/medication/depot/outcomes", test_depot_outcomes);
  g_test_add_func ("/medication/depot/next-due", test_depot_next_due);
  g_test_add_func ("/medication/depot/missed-overdue-boundary", test_depot_missed_overdue_boundary);
  g_test_add_func ("/medication/clozapine/traffic-light", test_fbc_traffic_light_boundaries);
  g_test_add_func ("/medication/clozapine/light-strings", test_fbc_light_strings);
  g_test_add_func ("/medication/clozapine/phase", test_clozapine_phase_boundaries);
  g_test_add_func ("/medication/clozapine/next-due", test_clozapine_next_due);
  g_test_add_func ("/medication/clozapine/breaks", test_clozapine_breaks);
  g_test_add_func ("/medication/lithium/bands", test_lithium_bands);
  g_test_add_func ("/medication/lithium/next-due", test_lithium_next_due);
  g_test_add_func ("/medication/physical-health/schedule", test_physical_health_schedule);
  g_test_add_func ("/medication/physical-health/bmi", test_bmi);
  g_test_add_func ("/medication/cpa/review-due", test_cpa_review_due);
  g_test_add_func ("/medication/cpa/validation-boundary", test_cpa_validation_boundary);
  g_test_add_func ("/medication/physical-health/ranges", test_physical_ranges);
  g_test_add_func ("/medication/physical-health/trends", test_physical_trends);

  return g_test_run ();
}
