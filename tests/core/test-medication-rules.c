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
  g_assert_cmpuint (kes_depot_drug_observe_hours ("aspirin"), ==, 0);
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

/* The usual interval comes from the drug table; outside it a prescription
 * needs a reason (kes-care-record-rules.c). Each boundary: the day before,
 * the day of, the day after. */
static void
test_depot_interval_boundaries (void)
{
  /* TREVICTA SmPC 4.2: "once every 3 months (± 2 weeks)"; 3 months taken
   * as 91 days, so 77 to 105 days. */
  g_assert_false (kes_depot_interval_usual ("paliperidone-palmitate-3m", 76));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-3m", 77));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-3m", 78));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-3m", 104));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-3m", 105));
  g_assert_false (kes_depot_interval_usual ("paliperidone-palmitate-3m", 106));
  /* Paliperidone 1-monthly: "7 days before or after the monthly due date"
   * (a month taken as 30 days: 23 to 37). */
  g_assert_false (kes_depot_interval_usual ("paliperidone-palmitate-1m", 22));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-1m", 23));
  g_assert_true (kes_depot_interval_usual ("paliperidone-palmitate-1m", 37));
  g_assert_false (kes_depot_interval_usual ("paliperidone-palmitate-1m", 38));
  /* Abilify Maintena SmPC 4.2: "no sooner than 26 days after the previous injection". */
  g_assert_false (kes_depot_interval_usual ("aripiprazole-lai", 25));
  g_assert_true (kes_depot_interval_usual ("aripiprazole-lai", 26));
  g_assert_true (kes_depot_interval_usual ("aripiprazole-lai", 27));
  /* No upper limit in the SmPC's words: 35 days is Kestrel's warning point (data note). */
  g_assert_true (kes_depot_interval_usual ("aripiprazole-lai", 34));
  g_assert_true (kes_depot_interval_usual ("aripiprazole-lai", 35));
  g_assert_false (kes_depot_interval_usual ("aripiprazole-lai", 36));
  /* Flupentixol decanoate (domain reference section 5, SmPC unread): every 2 to 4 weeks. */
  g_assert_false (kes_depot_interval_usual ("flupentixol-decanoate", 13));
  g_assert_true (kes_depot_interval_usual ("flupentixol-decanoate", 14));
  g_assert_true (kes_depot_interval_usual ("flupentixol-decanoate", 28));
  g_assert_false (kes_depot_interval_usual ("flupentixol-decanoate", 29));
  /* ZYPADHERA SmPC 4.2: every 2 weeks or every 4 weeks. */
  g_assert_false (kes_depot_interval_usual ("olanzapine-pamoate", 13));
  g_assert_true (kes_depot_interval_usual ("olanzapine-pamoate", 14));
  g_assert_true (kes_depot_interval_usual ("olanzapine-pamoate", 28));
  g_assert_false (kes_depot_interval_usual ("olanzapine-pamoate", 29));
  /* ZYPADHERA SmPC 4.2/4.4: "observed in a healthcare facility … for at
   * least 3 hours" after each injection; no other depot asks for it. */
  g_assert_cmpuint (kes_depot_drug_observe_hours ("olanzapine-pamoate"), ==, 3);
  for (guint i = 0; i < kes_depot_drug_get_n_drugs (); i++)
    if (!g_str_equal (kes_depot_drug_get_code (i), "olanzapine-pamoate"))
      g_assert_cmpuint (kes_depot_drug_observe_hours (kes_depot_drug_get_code (i)), ==, 0);
  g_assert_false (kes_depot_interval_usual ("aspirin", 14));
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
  /* After the schedule, 12 months after the last one done, not on the
   * anniversary of starting. */
  assert_date (kes_physical_check_next_due (KES_CHECK_WEIGHT, start, year3), "2030-01-05");
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
  /* Prolactin and the ECG are checks before starting (CG178 1.3.6.1,
   * 1.3.6.2): due on the start, then not again. */
  assert_date (kes_physical_check_next_due (KES_CHECK_PROLACTIN, start, NULL), "2026-01-01");
  g_assert_null (kes_physical_check_next_due (KES_CHECK_PROLACTIN, start, baseline));
  g_assert_null (kes_physical_check_next_due (KES_CHECK_ECG, start, early));
  g_assert_null (kes_physical_check_next_due (KES_CHECK_ECG, start, year1));
  /* Done long before starting is no check for this course. */
  {
    g_autoptr(GDate) long_before = d ("2025-06-01");
    assert_date (kes_physical_check_next_due (KES_CHECK_PROLACTIN, start, long_before), "2026-01-01");
  }
}

/* The issue's case: a full check in August 2026 for someone who started in
 * October 2024 is next due in August 2027 (medication.ini: "every 12 months
 * after the last"), never on the October anniversary. CG178 1.3.6.4:
 * "…at 1 year and then annually". Day before, of and after. */
static void
test_physical_health_due_from_last (void)
{
  g_autoptr(GDate) start = d ("2024-10-14");
  g_autoptr(GDate) august = d ("2026-08-10");
  g_autoptr(GDate) due = NULL;
  g_autofree char *due_iso = NULL;
  guint soon = kes_physical_health_soon_days ();
  const char *days[] = { "2026-10-14", "2027-08-09", "2027-08-10", "2027-08-11" };
  const gboolean shown[] = { FALSE, TRUE, TRUE, TRUE };
  const KesDueUrgency urgencies[] = { 0, KES_DUE_SOON, KES_DUE_TODAY, KES_DUE_OVERDUE };

  for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check <= KES_CHECK_LIPIDS; check++)
    assert_date (kes_physical_check_next_due (check, start, august), "2027-08-10");
  due = kes_physical_check_next_due (KES_CHECK_WEIGHT, start, august);
  due_iso = kes_date_to_iso (due);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDate) today = d (days[i]);
      KesDueUrgency urgency;

      g_assert_cmpint (kes_due_urgency_for_date (due_iso, today, soon, &urgency), ==, shown[i]);
      if (shown[i])
        g_assert_cmpint (urgency, ==, urgencies[i]);
    }
}

/* NICE PH46 / LGB13: BMI 23 and 27.5 (not 25 and 30) as thresholds for
 * people of South Asian, Chinese, other Asian, Black African or
 * African-Caribbean family background; NHS healthy weight 18.5 to 24.9
 * otherwise. */
static void
test_bmi_bands (void)
{
  const char *lower[] = { "D", "E", "F", "H", "J", "K", "L", "M", "N", "P", "R" };
  const char *standard[] = { "A", "B", "C", "G", "S", "Z", "99", "", NULL };
  double low, high;
  gboolean is_lower;

  for (guint i = 0; i < G_N_ELEMENTS (lower); i++)
    {
      g_autofree char *text = kes_bmi_band_describe (lower[i]);

      kes_bmi_band (lower[i], &low, &high, &is_lower);
      g_assert_true (is_lower);
      g_assert_cmpfloat (low, ==, 18.5);
      g_assert_cmpfloat (high, ==, 22.9);
      g_assert_nonnull (strstr (text, "NICE"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (standard); i++)
    {
      kes_bmi_band (standard[i], &low, &high, &is_lower);
      g_assert_false (is_lower);
      g_assert_cmpfloat (low, ==, 18.5);
      g_assert_cmpfloat (high, ==, 24.9);
    }
  /* "Any other ethnic group" says why the standard band may not fit. */
  {
    g_autofree char *text = kes_bmi_band_describe ("S");
    g_assert_nonnull (strstr (text, "Middle Eastern"));
  }
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

  g_assert_false (kes_physical_measure_range ("bmi", &low, &high)); /* kes_bmi_band */
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

  none = kes_physical_trends (G_LIST_MODEL (checks), NULL);
  g_assert_cmpuint (none->len, ==, 0);

  /* Out of order on purpose; height only at the first check. */
  add_check (checks, "2026-07-01", "weight_kg", "95", "systolic", "142", "diastolic", "92", NULL);
  add_check (checks, "2026-01-05", "weight_kg", "92.4", "height_cm", "178", "systolic", "128",
             "diastolic", "82", "hba1c", "40", NULL);
  add_check (checks, "2026-04-01", "weight_kg", "92.4", "smoking", "current", NULL);
  trends = kes_physical_trends (G_LIST_MODEL (checks), NULL);

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
  g_assert_nonnull (strstr (bmi_text, "NHS standard band"));
  /* For a person of Indian family background (H) the band is NICE's lower one. */
  {
    g_autoptr(GPtrArray) lower = kes_physical_trends (G_LIST_MODEL (checks), "H");
    g_autofree char *text = kes_physical_trend_describe (series_of (lower, "bmi"));

    g_assert_cmpfloat (series_of (lower, "bmi")->high, ==, 22.9);
    g_assert_nonnull (strstr (text, "Reference range 18.5 to 22.9; 3 readings are outside it."));
    g_assert_nonnull (strstr (text, "NICE PH46"));
  }

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
  g_test_add_func ("/medication/depot/interval-boundaries", test_depot_interval_boundaries);
  g_test_add_func ("/medication/depot/outcomes", test_depot_outcomes);
  g_test_add_func ("/medication/depot/next-due", test_depot_next_due);
  g_test_add_func ("/medication/depot/missed-overdue-boundary", test_depot_missed_overdue_boundary);
  g_test_add_func ("/medication/physical-health/schedule", test_physical_health_schedule);
  g_test_add_func ("/medication/physical-health/due-from-last", test_physical_health_due_from_last);
  g_test_add_func ("/medication/physical-health/bmi", test_bmi);
  g_test_add_func ("/medication/physical-health/bmi-bands", test_bmi_bands);
  g_test_add_func ("/medication/cpa/review-due", test_cpa_review_due);
  g_test_add_func ("/medication/cpa/validation-boundary", test_cpa_validation_boundary);
  g_test_add_func ("/medication/physical-health/ranges", test_physical_ranges);
  g_test_add_func ("/medication/physical-health/trends", test_physical_trends);

  return g_test_run ();
}
