/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-lithium.h"
#include "kes-core-test-util.h"
#include "kes-validate.h"

/* Lithium monitoring against its sources (data/rules/medication.ini): NICE
 * CG185 1.10 (Lithium) and the Specialist Pharmacy Service's "Lithium
 * monitoring" (SPS). Each rule: the day before, of and after its boundary. */

typedef struct
{
  GPtrArray      *courses;
  GArray         *levels;
  KesLithiumPlan  plan;
  GDate          *checks[KES_N_LITHIUM_CHECKS];
} History;

static History *
history_new (void)
{
  History *history = g_new0 (History, 1);

  history->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_course_free);
  history->levels = g_array_new (FALSE, TRUE, sizeof (KesLithiumLevel));
  g_array_set_clear_func (history->levels, (GDestroyNotify) kes_lithium_level_clear);
  return history;
}

static void
history_free (History *history)
{
  g_ptr_array_unref (history->courses);
  g_array_unref (history->levels);
  g_clear_pointer (&history->plan.birth, g_date_free);
  for (guint i = 0; i < KES_N_LITHIUM_CHECKS; i++)
    g_clear_pointer (&history->checks[i], g_date_free);
  g_free (history);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (History, history_free)

static void
course (History    *history,
        const char *id,
        const char *start,
        const char *stop,
        const char *dose_changed)
{
  g_ptr_array_add (history->courses, kes_course_new (id, start, stop, NULL, 0, dose_changed));
}

static void
level (History    *history,
       const char *taken,
       double      value)
{
  KesLithiumLevel level = { kes_core_test_date (taken), value };
  g_array_append_val (history->levels, level);
}

static GPtrArray *
due_on (History    *history,
        const char *today)
{
  g_autoptr(GDate) date = kes_core_test_date (today);
  return kes_lithium_monitoring (history->courses, history->levels, &history->plan, history->checks, date);
}

static KesMonitoringItem *
find (GPtrArray  *items,
      const char *kind)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((KesMonitoringItem *) items->pdata[i])->kind, kind))
      return items->pdata[i];
  return NULL;
}

/* The level item on @today is due on @expected and urgent or not. */
static void
assert_level (History    *history,
              const char *today,
              const char *expected,
              gboolean    urgent)
{
  g_autoptr(GPtrArray) items = due_on (history, today);
  KesMonitoringItem *item = find (items, "lithium-level");
  g_autofree char *due = NULL;

  g_assert_nonnull (item);
  due = kes_date_to_iso (item->due);
  g_assert_cmpstr (due, ==, expected);
  g_assert_cmpint (item->urgent, ==, urgent);
}

static void
assert_level_detail (History    *history,
                     const char *today,
                     const char *text)
{
  g_autoptr(GPtrArray) items = due_on (history, today);
  KesMonitoringItem *item = find (items, "lithium-level");

  g_assert_nonnull (item);
  if (strstr (item->detail, text) == NULL)
    g_error ("“%s” not in “%s”", text, item->detail);
}

/* ---- Bands ---- */

/* NICE CG185 1.10: "aim for 0.6 to 0.8 mmol per litre"; "consider 0.8 to
 * 1.0 … for a trial period of at least 6 months" for some. SPS: "lithium
 * toxicity occurs at … approximately 1.5 mmol/L and above". */
static void
test_bands (void)
{
  const KesLithiumTarget s = KES_LITHIUM_TARGET_STANDARD;
  const KesLithiumTarget h = KES_LITHIUM_TARGET_HIGHER;
  KesLithiumTarget parsed;

  g_assert_cmpint (kes_lithium_band (s, 0.59), ==, KES_LITHIUM_BELOW);
  g_assert_cmpint (kes_lithium_band (s, 0.60), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (s, 0.61), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (s, 0.79), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (s, 0.80), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (s, 0.81), ==, KES_LITHIUM_ABOVE);
  /* The patient stable at 0.9 is in range on the higher target. */
  g_assert_cmpint (kes_lithium_band (s, 0.90), ==, KES_LITHIUM_ABOVE);
  g_assert_cmpint (kes_lithium_band (h, 0.79), ==, KES_LITHIUM_BELOW);
  g_assert_cmpint (kes_lithium_band (h, 0.80), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (h, 0.90), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (h, 1.00), ==, KES_LITHIUM_IN_RANGE);
  g_assert_cmpint (kes_lithium_band (h, 1.01), ==, KES_LITHIUM_ABOVE);
  /* Toxic from 1.5 on either target. */
  g_assert_cmpint (kes_lithium_band (s, 1.49), ==, KES_LITHIUM_ABOVE);
  g_assert_cmpint (kes_lithium_band (s, 1.50), ==, KES_LITHIUM_TOXIC);
  g_assert_cmpint (kes_lithium_band (h, 1.51), ==, KES_LITHIUM_TOXIC);
  g_assert_true (kes_lithium_target_parse ("higher", &parsed));
  g_assert_cmpint (parsed, ==, KES_LITHIUM_TARGET_HIGHER);
  g_assert_false (kes_lithium_target_parse ("0.8-1.0", &parsed));
}

/* ---- Schedule ---- */

/* NICE CG185 1.10 / SPS: "At one week; then weekly until levels stable".
 * Started 2 Mar: the first level is due 9 Mar. */
static void
test_first_level (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2026-03-02", NULL, NULL);
  assert_level (history, "2026-03-08", "2026-03-09", FALSE);
  assert_level (history, "2026-03-09", "2026-03-09", FALSE);
  assert_level (history, "2026-03-10", "2026-03-09", FALSE);
  assert_level_detail (history, "2026-03-10", "First level a week after starting on 2 Mar 2026");
}

/* "Weekly until levels stable" (Kestrel: two in a row in the target
 * range); then "every 3 months for the first year" and every 6 months
 * after it (NICE CG185). The first year ends 12 months after the start:
 * the day before, of and after. */
static void
test_weekly_then_three_then_six_monthly (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2025-03-02", NULL, NULL);
  level (history, "2025-03-09", 0.5);
  assert_level (history, "2025-03-09", "2025-03-16", FALSE);
  level (history, "2025-03-16", 0.7);
  assert_level (history, "2025-03-16", "2025-03-23", FALSE); /* one in range is not stable */
  level (history, "2025-03-23", 0.7);
  assert_level (history, "2025-03-23", "2025-06-23", FALSE); /* stable: 3-monthly */
  assert_level_detail (history, "2025-03-23", "every 3 months in the first year");
  {
    g_autoptr(History) year = history_new ();

    course (year, "a", "2025-03-02", NULL, NULL);
    level (year, "2026-02-28", 0.7);
    level (year, "2026-03-01", 0.7);
    assert_level (year, "2026-03-01", "2026-06-01", FALSE); /* the day before the year ends */
    level (year, "2026-03-02", 0.7);
    assert_level (year, "2026-03-02", "2026-09-02", FALSE); /* the day it ends */
    level (year, "2026-03-03", 0.7);
    assert_level (year, "2026-03-03", "2026-09-03", FALSE);
    assert_level_detail (year, "2026-03-03", "every 6 months");
  }
}

/* "1 week after every dose change": a dose change restarts weekly levels. */
static void
test_dose_change (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2024-01-08", NULL, "2025-06-02");
  level (history, "2025-05-01", 0.7);
  level (history, "2025-05-20", 0.7);
  assert_level (history, "2025-06-02", "2025-06-09", FALSE);
  assert_level_detail (history, "2025-06-02", "First level a week after the dose change on 2 Jun 2025");
  level (history, "2025-06-09", 0.7);
  assert_level (history, "2025-06-09", "2025-06-16", FALSE);
}

/* The patient stable at 0.9 (NICE allows 0.8–1.0 for some): on the
 * standard target, weekly for ever; on the higher one, stable. */
static void
test_higher_target (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2023-01-09", NULL, NULL);
  level (history, "2025-05-01", 0.9);
  level (history, "2025-05-08", 0.9);
  assert_level (history, "2025-05-08", "2025-05-15", FALSE);
  history->plan.target = KES_LITHIUM_TARGET_HIGHER;
  /* Stable, but a last level of 0.8 or more is a higher-risk group (SPS). */
  assert_level (history, "2025-05-08", "2025-08-08", FALSE);
  assert_level_detail (history, "2025-05-08", "last level 0.8 mmol/L or more");
}

/* SPS "at least 3 monthly" after the first year for: age 65 years and
 * older; drugs that interact with lithium; risk of impaired renal or
 * thyroid function, raised calcium; poor symptom control or adherence;
 * "the last serum-lithium concentration was 0.8 mmol/litre or higher". */
static void
test_higher_risk_groups (void)
{
  g_autoptr(GDate) on = kes_core_test_date ("2026-06-01");
  KesLithiumPlan plan = { KES_LITHIUM_TARGET_STANDARD, FALSE, FALSE, FALSE, NULL };

  g_assert_false (kes_lithium_higher_risk (&plan, 0.7, on));
  /* Age: 65 the day after, on the day, the day before their birthday. */
  plan.birth = kes_core_test_date ("1961-06-02");
  g_assert_false (kes_lithium_higher_risk (&plan, 0.7, on));
  g_date_free (plan.birth);
  plan.birth = kes_core_test_date ("1961-06-01");
  g_assert_true (kes_lithium_higher_risk (&plan, 0.7, on));
  g_date_free (plan.birth);
  plan.birth = kes_core_test_date ("1961-05-31");
  g_assert_true (kes_lithium_higher_risk (&plan, 0.7, on));
  g_clear_pointer (&plan.birth, g_date_free);
  /* The last level: 0.79, 0.80, 0.81. */
  g_assert_false (kes_lithium_higher_risk (&plan, 0.79, on));
  g_assert_true (kes_lithium_higher_risk (&plan, 0.80, on));
  g_assert_true (kes_lithium_higher_risk (&plan, 0.81, on));
  plan.interacting_drugs = TRUE;
  g_assert_true (kes_lithium_higher_risk (&plan, 0.7, on));
  plan.interacting_drugs = FALSE;
  plan.renal_thyroid_calcium_risk = TRUE;
  g_assert_true (kes_lithium_higher_risk (&plan, 0.7, on));
  plan.renal_thyroid_calcium_risk = FALSE;
  plan.poor_control_or_adherence = TRUE;
  g_assert_true (kes_lithium_higher_risk (&plan, 0.7, on));

  /* In the schedule: three-monthly instead of six-monthly. */
  {
    g_autoptr(History) history = history_new ();

    course (history, "a", "2020-01-06", NULL, NULL);
    level (history, "2026-05-01", 0.7);
    level (history, "2026-06-01", 0.7);
    assert_level (history, "2026-06-01", "2026-12-01", FALSE);
    history->plan.interacting_drugs = TRUE;
    assert_level (history, "2026-06-01", "2026-09-01", FALSE);
    assert_level_detail (history, "2026-06-01", "taking drugs that interact with lithium");
  }
}

/* SPS: toxicity from about 1.5 mmol/L; NHS GGC: "Any level of 1.5mmol/L or
 * higher should be considered a medical emergency". Due today with the
 * action, stopped or not, until a later level is below it. */
static void
test_toxic (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2024-01-08", NULL, NULL);
  level (history, "2026-12-07", 1.49);
  assert_level (history, "2026-12-07", "2026-12-14", FALSE);
  level (history, "2026-12-08", 1.5);
  assert_level (history, "2026-12-08", "2026-12-08", TRUE);
  assert_level (history, "2026-12-09", "2026-12-09", TRUE);
  assert_level_detail (history, "2026-12-09", "Lithium level 1.50 mmol/L on 8 Dec 2026");
  assert_level_detail (history, "2026-12-09", "medical emergency");
  /* Stopped because of it: still urgent (levels go on rising). */
  g_ptr_array_set_size (history->courses, 0);
  course (history, "a", "2024-01-08", "2026-12-08", NULL);
  assert_level (history, "2026-12-09", "2026-12-09", TRUE);
  level (history, "2026-12-10", 0.9);
  {
    g_autoptr(GPtrArray) items = due_on (history, "2026-12-10");
    g_assert_cmpuint (items->len, ==, 0);
  }
}

/* SPS "6 monthly: body weight or BMI, eGFR, serum calcium, thyroid function
 * tests, urea and electrolytes", the same before starting: each its own
 * item, due 6 months after the last one done. */
static void
test_six_monthly_checks (void)
{
  g_autoptr(History) history = history_new ();
  const char *kinds[] = { "lithium-egfr", "lithium-ue", "lithium-calcium", "lithium-thyroid", "lithium-weight" };

  course (history, "a", "2025-01-06", NULL, NULL);
  {
    g_autoptr(GPtrArray) items = due_on (history, "2025-02-01");

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        KesMonitoringItem *item = find (items, kinds[i]);
        g_autofree char *due = NULL;

        g_assert_nonnull (item);
        due = kes_date_to_iso (item->due);
        g_assert_cmpstr (due, ==, "2025-01-06");
        g_assert_nonnull (strstr (item->detail, "Before starting"));
      }
  }
  history->checks[KES_LITHIUM_CHECK_EGFR] = kes_core_test_date ("2025-08-31");
  history->checks[KES_LITHIUM_CHECK_THYROID] = kes_core_test_date ("2024-01-01"); /* long before starting */
  {
    g_autoptr(GPtrArray) items = due_on (history, "2025-09-01");
    g_autofree char *egfr = kes_date_to_iso (find (items, "lithium-egfr")->due);
    g_autofree char *thyroid = kes_date_to_iso (find (items, "lithium-thyroid")->due);

    g_assert_cmpstr (egfr, ==, "2026-02-28");
    g_assert_cmpstr (thyroid, ==, "2025-01-06");
  }
}

/* ---- Every course counts ---- */

/* An old stopped course and a new one: the new course is monitored. */
static void
test_old_stopped_and_new_course (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "old", "2020-01-06", "2022-05-01", NULL);
  level (history, "2022-04-01", 0.7);
  level (history, "2022-04-08", 0.7);
  course (history, "new", "2026-03-02", NULL, NULL);
  assert_level (history, "2026-03-20", "2026-03-09", FALSE);
  {
    g_autoptr(GPtrArray) items = due_on (history, "2026-03-20");
    g_assert_cmpstr (find (items, "lithium-level")->record_id, ==, "new");
  }
}

/* Two at once (200 mg and 400 mg tablets): one treatment; a course stopped
 * today asks nothing more unless a level was toxic; restarts after 3, 10
 * and 35 days start weekly levels again from the restart. */
static void
test_overlapping_stopped_and_restarts (void)
{
  const int gaps[] = { 3, 10, 35 };

  {
    g_autoptr(History) history = history_new ();

    course (history, "a", "2025-01-06", NULL, NULL);
    course (history, "b", "2025-02-03", "2025-06-01", NULL);
    level (history, "2025-01-13", 0.7);
    level (history, "2025-01-20", 0.7);
    assert_level (history, "2025-07-01", "2025-04-20", FALSE);
  }
  {
    g_autoptr(History) history = history_new ();
    g_autoptr(GPtrArray) before = NULL;
    g_autoptr(GPtrArray) on = NULL;

    course (history, "a", "2025-01-06", "2025-07-01", NULL);
    before = due_on (history, "2025-06-30");
    on = due_on (history, "2025-07-01");
    g_assert_nonnull (find (before, "lithium-level"));
    g_assert_cmpuint (on->len, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (gaps); i++)
    {
      g_autoptr(History) history = history_new ();
      g_autofree char *restart = kes_core_test_date_plus ("2025-07-01", gaps[i]);
      g_autofree char *first = kes_core_test_date_plus (restart, 7);

      course (history, "a", "2025-01-06", "2025-07-01", NULL);
      course (history, "b", restart, NULL, NULL);
      level (history, "2025-06-01", 0.7);
      level (history, "2025-06-08", 0.7);
      assert_level (history, restart, first, FALSE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lithium/bands", test_bands);
  g_test_add_func ("/lithium/schedule/first-level", test_first_level);
  g_test_add_func ("/lithium/schedule/weekly-then-3-then-6-monthly", test_weekly_then_three_then_six_monthly);
  g_test_add_func ("/lithium/schedule/dose-change", test_dose_change);
  g_test_add_func ("/lithium/schedule/higher-target", test_higher_target);
  g_test_add_func ("/lithium/schedule/higher-risk-groups", test_higher_risk_groups);
  g_test_add_func ("/lithium/schedule/toxic", test_toxic);
  g_test_add_func ("/lithium/schedule/six-monthly-checks", test_six_monthly_checks);
  g_test_add_func ("/lithium/courses/old-stopped-and-new", test_old_stopped_and_new_course);
  g_test_add_func ("/lithium/courses/overlapping-stopped-restarts", test_overlapping_stopped_and_restarts);
  return g_test_run ();
}
