/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-clozapine.h"
#include "kes-core-test-util.h"
#include "kes-validate.h"

/* Clozapine monitoring against its sources (data/rules/medication.ini). Every
 * rule is tested the day before, the day of and the day after its boundary,
 * with the source quoted. SmPC = Clozaril / Clozapine Mylan Summary of
 * Product Characteristics, UK Clozaril official recommendations (emc 15498). */

typedef struct
{
  GPtrArray *courses;
  GArray    *results;
  gboolean   no_rechallenge;
} History;

static History *
history_new (void)
{
  History *history = g_new0 (History, 1);

  history->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_course_free);
  history->results = g_array_new (FALSE, TRUE, sizeof (KesFbcResult));
  g_array_set_clear_func (history->results, (GDestroyNotify) kes_fbc_result_clear);
  return history;
}

static void
history_free (History *history)
{
  g_ptr_array_unref (history->courses);
  g_array_unref (history->results);
  g_free (history);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (History, history_free)

static void
course (History    *history,
        const char *id,
        const char *start,
        const char *stop)
{
  g_ptr_array_add (history->courses, kes_course_new (id, start, stop, NULL, 0, NULL));
}

static void
result_full (History          *history,
             const char       *taken,
             double            wbc,
             double            anc,
             KesFbcThresholds  thresholds,
             int               service)
{
  KesFbcResult result = { kes_core_test_date (taken), wbc, anc, thresholds, service };
  g_array_append_val (history->results, result);
}

static void
green (History    *history,
       const char *taken)
{
  result_full (history, taken, 6.0, 3.5, KES_FBC_THRESHOLDS_STANDARD, -1);
}

static KesMonitoringItem *
due_on (History    *history,
        const char *today)
{
  g_autoptr(GDate) date = kes_core_test_date (today);
  return kes_clozapine_monitoring (history->courses, history->results, history->no_rechallenge, date);
}

/* The item on @today is due on @expected (NULL: no item) and urgent or not. */
static void
assert_due (History    *history,
            const char *today,
            const char *expected,
            gboolean    urgent)
{
  g_autoptr(KesMonitoringItem) item = due_on (history, today);
  g_autofree char *due = NULL;

  if (expected == NULL)
    {
      g_assert_null (item);
      return;
    }
  g_assert_nonnull (item);
  due = kes_date_to_iso (item->due);
  g_assert_cmpstr (due, ==, expected);
  g_assert_cmpint (item->urgent, ==, urgent);
  g_assert_cmpstr (item->kind, ==, "clozapine-fbc");
}

static void
assert_detail (History    *history,
               const char *today,
               const char *text)
{
  g_autoptr(KesMonitoringItem) item = due_on (history, today);

  g_assert_nonnull (item);
  if (strstr (item->detail, text) == NULL)
    g_error ("“%s” not in “%s”", text, item->detail);
}

/* ---- Traffic lights ---- */

static void
assert_light (KesFbcThresholds set,
              double           wbc,
              double           anc,
              KesFbcLight      expected)
{
  g_assert_cmpint (kes_fbc_traffic_light (set, wbc, anc), ==, expected);
}

/* SmPC: green WBC >= 3.5 and neutrophils >= 2.0; amber WBC 3.0 to < 3.5
 * and/or neutrophils 1.5 to < 2.0; red WBC < 3.0 and/or neutrophils < 1.5. */
static void
test_standard_thresholds (void)
{
  const KesFbcThresholds s = KES_FBC_THRESHOLDS_STANDARD;

  assert_light (s, 3.49, 4.0, KES_FBC_AMBER);
  assert_light (s, 3.50, 4.0, KES_FBC_GREEN);
  assert_light (s, 3.51, 4.0, KES_FBC_GREEN);
  assert_light (s, 6.0, 1.99, KES_FBC_AMBER);
  assert_light (s, 6.0, 2.00, KES_FBC_GREEN);
  assert_light (s, 6.0, 2.01, KES_FBC_GREEN);
  assert_light (s, 2.99, 4.0, KES_FBC_RED);
  assert_light (s, 3.00, 4.0, KES_FBC_AMBER);
  assert_light (s, 3.01, 4.0, KES_FBC_AMBER);
  assert_light (s, 6.0, 1.49, KES_FBC_RED);
  assert_light (s, 6.0, 1.50, KES_FBC_AMBER);
  assert_light (s, 6.0, 1.51, KES_FBC_AMBER);
  /* "and/or": either count alone decides. */
  assert_light (s, 3.2, 3.0, KES_FBC_AMBER);
  assert_light (s, 8.0, 1.4, KES_FBC_RED);
}

/* medication.ini [clozapine-thresholds-ben] (status unconfirmed: the values
 * commonly quoted for BEN monitoring, Oloyede et al. 2021 Table 1): green
 * WBC >= 3.0 and neutrophils >= 1.5; red WBC < 2.5 and/or neutrophils < 1.0. */
static void
test_ben_thresholds (void)
{
  const KesFbcThresholds b = KES_FBC_THRESHOLDS_BEN;
  KesFbcThresholds parsed;

  assert_light (b, 2.99, 2.0, KES_FBC_AMBER);
  assert_light (b, 3.00, 2.0, KES_FBC_GREEN);
  assert_light (b, 3.01, 2.0, KES_FBC_GREEN);
  assert_light (b, 4.0, 1.49, KES_FBC_AMBER);
  assert_light (b, 4.0, 1.50, KES_FBC_GREEN);
  assert_light (b, 2.49, 2.0, KES_FBC_RED);
  assert_light (b, 2.50, 2.0, KES_FBC_AMBER);
  assert_light (b, 4.0, 0.99, KES_FBC_RED);
  assert_light (b, 4.0, 1.00, KES_FBC_AMBER);
  assert_light (b, 4.0, 1.01, KES_FBC_AMBER);
  /* The harm the set prevents: a count red under the standard set is not
   * "stop clozapine now" for a patient monitored under BEN criteria. */
  assert_light (KES_FBC_THRESHOLDS_STANDARD, 3.2, 1.4, KES_FBC_RED);
  assert_light (b, 3.2, 1.4, KES_FBC_AMBER);

  g_assert_true (kes_fbc_thresholds_parse ("ben", &parsed));
  g_assert_cmpint (parsed, ==, KES_FBC_THRESHOLDS_BEN);
  g_assert_false (kes_fbc_thresholds_parse ("BEN", &parsed));
  g_assert_cmpstr (kes_fbc_thresholds_source_id (KES_FBC_THRESHOLDS_BEN), ==,
                   "medication:clozapine-thresholds-ben");
}

/* The monitoring service's colour is recorded with each result; Kestrel
 * acts on the more cautious of the two and says when they differ. */
static void
test_service_colour (void)
{
  KesFbcResult agree = { NULL, 6.0, 3.5, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_GREEN };
  KesFbcResult service_worse = { NULL, 6.0, 3.5, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_RED };
  KesFbcResult kestrel_worse = { NULL, 3.2, 1.8, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_GREEN };
  KesFbcResult none = { NULL, 3.2, 1.8, KES_FBC_THRESHOLDS_STANDARD, -1 };
  g_autoptr(History) history = history_new ();

  g_assert_cmpint (kes_fbc_result_light (&agree), ==, KES_FBC_GREEN);
  g_assert_false (kes_fbc_result_disagrees (&agree));
  g_assert_cmpint (kes_fbc_result_light (&service_worse), ==, KES_FBC_RED);
  g_assert_true (kes_fbc_result_disagrees (&service_worse));
  g_assert_cmpint (kes_fbc_result_light (&kestrel_worse), ==, KES_FBC_AMBER);
  g_assert_true (kes_fbc_result_disagrees (&kestrel_worse));
  g_assert_cmpint (kes_fbc_result_light (&none), ==, KES_FBC_AMBER);
  g_assert_false (kes_fbc_result_disagrees (&none));

  /* A service red with Kestrel green is a red: stop now, due today. */
  course (history, "a", "2025-01-06", NULL);
  result_full (history, "2025-03-03", 6.0, 3.5, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_RED);
  assert_due (history, "2025-03-03", "2025-03-03", TRUE);
  /* A red while clozapine is prescribed stays "stop now" whatever follows. */
  result_full (history, "2025-03-04", 6.0, 3.5, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_GREEN);
  assert_due (history, "2025-03-04", "2025-03-04", TRUE);
  /* Differing colours are said in the routine detail too. */
  {
    g_autoptr(History) other = history_new ();

    course (other, "a", "2025-01-06", NULL);
    result_full (other, "2025-03-04", 3.2, 1.8, KES_FBC_THRESHOLDS_STANDARD, KES_FBC_GREEN);
    assert_due (other, "2025-03-04", "2025-03-07", FALSE);
    assert_detail (other, "2025-03-04", "the monitoring service’s colour (Green) differs from Kestrel’s (Amber)");
  }
}

/* ---- Schedule ---- */

/* SmPC: "at least weekly for the first 18 weeks of treatment; at least at
 * 2 week intervals between weeks 18 and 52; after 1 year … at least at
 * 4 week intervals". The interval after a test depends on the week it was
 * taken in: the day before, of and after each change. */
static void
test_schedule_phases (void)
{
  const char *start = "2025-01-06";
  const struct { int day; int interval; } cases[] = {
    { 18 * 7 - 1, 7 }, { 18 * 7, 14 }, { 18 * 7 + 1, 14 },
    { 52 * 7 - 1, 14 }, { 52 * 7, 28 }, { 52 * 7 + 1, 28 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(History) history = history_new ();
      g_autofree char *taken = kes_core_test_date_plus (start, cases[i].day);
      g_autofree char *expected = kes_core_test_date_plus (taken, cases[i].interval);

      course (history, "a", start, NULL);
      green (history, taken);
      assert_due (history, taken, expected, FALSE);
    }
  /* No result yet: the baseline is due on the start. */
  {
    g_autoptr(History) history = history_new ();
    course (history, "a", start, NULL);
    assert_due (history, "2025-03-01", start, FALSE);
    assert_detail (history, "2025-03-01", "Baseline blood test");
  }
}

/* SmPC: amber — "continue clozapine, sample blood twice weekly until
 * counts stabilise" (every 3 days); red — stop now, daily tests while red,
 * due today with the action (never days ahead). */
static void
test_amber_and_red (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2024-01-08", NULL);
  result_full (history, "2025-03-03", 3.2, 2.5, KES_FBC_THRESHOLDS_STANDARD, -1);
  assert_due (history, "2025-03-03", "2025-03-06", FALSE);
  assert_detail (history, "2025-03-03", "twice weekly");
  /* Red on 6 March: due that day, the next, and every day until treated. */
  result_full (history, "2025-03-06", 2.9, 1.6, KES_FBC_THRESHOLDS_STANDARD, -1);
  assert_due (history, "2025-03-06", "2025-03-06", TRUE);
  assert_due (history, "2025-03-07", "2025-03-07", TRUE);
  assert_detail (history, "2025-03-07", "Stop clozapine now");
  {
    g_autoptr(KesMonitoringItem) item = due_on (history, "2025-03-07");
    g_assert_cmpstr (item->title, ==, "Red clozapine result on 6 Mar 2025");
  }
  assert_detail (history, "2025-03-07", "must not be re-challenged");
  history->no_rechallenge = TRUE;
  assert_detail (history, "2025-03-07", "Recorded as not to be re-challenged");
}

/* SmPC prescribing information: "Monitoring must continue throughout
 * treatment and for at least 4 weeks after discontinuation". Stopped on
 * 1 Sep with a green test that day, four-weekly: due 29 Sep; the day
 * before it is coming, on the day it is due, the day after overdue — and
 * it stays until a test on or after 29 Sep is recorded. */
static void
test_after_stopping (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2023-01-09", "2025-09-01");
  green (history, "2025-09-01");
  assert_due (history, "2025-09-01", "2025-09-29", FALSE);
  assert_due (history, "2025-09-28", "2025-09-29", FALSE);
  assert_due (history, "2025-09-29", "2025-09-29", FALSE);
  assert_due (history, "2025-09-30", "2025-09-29", FALSE);
  assert_detail (history, "2025-09-30", "clozapine stopped on 1 Sep 2025: blood tests go on until 29 Sep 2025");
  assert_due (history, "2026-06-01", "2025-09-29", FALSE);
  /* A test the day before the end is not the last one... */
  green (history, "2025-09-28");
  assert_due (history, "2025-09-28", "2025-09-29", FALSE);
  /* ...one on the day is. */
  green (history, "2025-09-29");
  assert_due (history, "2025-09-29", NULL, FALSE);
  assert_due (history, "2025-09-30", NULL, FALSE);
}

/* A weekly patient stopped: the next test comes at its usual interval,
 * inside the 4 weeks. An amber after stopping keeps tests going past them. */
static void
test_after_stopping_weekly_and_amber (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2025-06-02", "2025-07-07");
  green (history, "2025-07-07");
  assert_due (history, "2025-07-07", "2025-07-14", FALSE);
  result_full (history, "2025-08-04", 3.3, 2.2, KES_FBC_THRESHOLDS_STANDARD, -1);
  assert_due (history, "2025-08-04", "2025-08-07", FALSE);
  green (history, "2025-08-07");
  assert_due (history, "2025-08-07", NULL, FALSE);
}

/* SmPC 4.2: re-titrate after an interval of more than 2 days (48 hours);
 * 4.4: more than 3 days but less than 4 weeks — weekly counts for an
 * additional 6 weeks; 4 weeks or longer — weekly for the next 18 weeks. The
 * long-term patient below is four-weekly before each break. */
static KesMonitoringItem *
after_gap (int gap_days,
           int test_offset)
{
  g_autoptr(History) history = history_new ();
  g_autofree char *restart = kes_core_test_date_plus ("2025-05-01", gap_days);
  g_autofree char *test = kes_core_test_date_plus (restart, test_offset);

  course (history, "old", "2023-01-02", "2025-05-01");
  course (history, "new", restart, NULL);
  green (history, "2025-04-28");
  green (history, test);
  return due_on (history, test);
}

static int
interval_after (int gap_days,
                int test_offset)
{
  g_autoptr(KesMonitoringItem) item = after_gap (gap_days, test_offset);
  g_autofree char *restart = kes_core_test_date_plus ("2025-05-01", gap_days);
  g_autofree char *test = kes_core_test_date_plus (restart, test_offset);
  g_autoptr(GDate) taken = kes_core_test_date (test);

  g_assert_nonnull (item);
  g_assert_false (item->urgent);
  return g_date_days_between (taken, item->due);
}

static void
test_breaks (void)
{
  /* 2 days (48 h): not a break that changes anything. */
  g_assert_cmpint (interval_after (2, 0), ==, 28);
  g_assert_false (kes_clozapine_break_needs_retitration (48));
  /* 3 days (72 h): re-titrate, but still four-weekly (not more than 3 days). */
  g_assert_true (kes_clozapine_break_needs_retitration (49));
  g_assert_cmpint (interval_after (3, 0), ==, 28);
  {
    g_autoptr(KesMonitoringItem) item = after_gap (3, 0);
    g_assert_nonnull (strstr (item->detail, "re-titrate"));
  }
  /* 4 days: weekly again for 6 weeks from the restart: the day before the
   * sixth week ends weekly, on it and after it four-weekly again. */
  g_assert_cmpint (interval_after (4, 0), ==, 7);
  g_assert_cmpint (interval_after (4, 41), ==, 7);
  g_assert_cmpint (interval_after (4, 42), ==, 28);
  g_assert_cmpint (interval_after (4, 43), ==, 28);
  {
    /* The label says weekly, not "Four-weekly" (the old defect). */
    g_autoptr(KesMonitoringItem) item = after_gap (10, 0);
    g_assert_nonnull (strstr (item->detail, "Weekly blood tests again after a break"));
    g_assert_null (strstr (item->detail, "Four-weekly"));
  }
  /* 27 days: still the 6 weeks; 28 days (4 weeks): the schedule restarts,
   * weekly for 18 weeks from the restart; 29 days the same. */
  g_assert_cmpint (interval_after (27, 42), ==, 28);
  g_assert_cmpint (interval_after (28, 42), ==, 7);
  g_assert_cmpint (interval_after (28, 18 * 7 - 1), ==, 7);
  g_assert_cmpint (interval_after (28, 18 * 7), ==, 14);
  g_assert_cmpint (interval_after (29, 42), ==, 7);
}

/* ---- Every course counts (the reminders that vanished) ---- */

/* An old stopped course and a new one: the new course's baseline is due,
 * not nothing (before, only the earliest prescription was read). */
static void
test_old_stopped_and_new_course (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "old", "2022-03-07", "2023-05-01");
  green (history, "2023-06-01");
  course (history, "new", "2025-10-06", NULL);
  assert_due (history, "2025-10-20", "2025-10-06", FALSE);
  {
    g_autoptr(KesMonitoringItem) item = due_on (history, "2025-10-20");
    g_assert_cmpstr (item->record_id, ==, "new");
  }
  /* Weekly from the new start (a break of over 2 years restarts the schedule). */
  green (history, "2025-10-06");
  assert_due (history, "2025-10-06", "2025-10-13", FALSE);
}

/* Two prescriptions at once (a dose split across two): one treatment, one
 * schedule; stopping one of them stops nothing. */
static void
test_overlapping_courses (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "morning", "2024-02-05", NULL);
  course (history, "night", "2024-02-05", "2025-01-10");
  green (history, "2025-03-03");
  assert_due (history, "2025-03-03", "2025-03-31", FALSE);
  /* Both stopped: monitoring for 4 weeks after the later stop. */
  {
    g_autoptr(History) both = history_new ();

    course (both, "morning", "2024-02-05", "2025-03-10");
    course (both, "night", "2024-03-01", "2025-03-03");
    green (both, "2025-03-03");
    assert_due (both, "2025-03-10", "2025-03-31", FALSE);
    assert_detail (both, "2025-03-10", "stopped on 10 Mar 2025");
  }
}

/* A course stopped today is still monitored (the tests go on). */
static void
test_stopped_today (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "a", "2024-02-05", "2025-03-10");
  green (history, "2025-03-03");
  assert_due (history, "2025-03-09", "2025-03-31", FALSE);
  assert_due (history, "2025-03-10", "2025-03-31", FALSE);
  assert_due (history, "2025-03-11", "2025-03-31", FALSE);
}

/* Restarted under a new prescription after 3 days, 10 days and 5 weeks
 * (SmPC 4.2 and 4.4, as in test_breaks): always something due. */
static void
test_restarts (void)
{
  const struct { int gap; int interval; const char *says; } cases[] = {
    { 3, 28, "re-titrate" },
    { 10, 7, "Weekly blood tests again after a break" },
    { 35, 7, "Weekly blood tests" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(History) history = history_new ();
      g_autofree char *restart = kes_core_test_date_plus ("2025-05-01", cases[i].gap);
      g_autofree char *next = kes_core_test_date_plus (restart, cases[i].interval);
      g_autofree char *later = kes_core_test_date_plus (restart, 1);

      course (history, "old", "2023-01-02", "2025-05-01");
      course (history, "new", restart, NULL);
      green (history, "2025-04-28");
      /* Before a test after the restart: the old schedule's next test, or
       * the new baseline after 5 weeks; never nothing. */
      {
        g_autoptr(KesMonitoringItem) item = due_on (history, later);
        g_assert_nonnull (item);
      }
      green (history, restart);
      assert_due (history, restart, next, FALSE);
      assert_detail (history, restart, cases[i].says);
    }
}

/* A red under one course, then a new course (a re-challenge authorised
 * with a reason): the old red no longer says "stop clozapine now". */
static void
test_rechallenge_after_red (void)
{
  g_autoptr(History) history = history_new ();

  course (history, "old", "2024-01-08", "2025-03-06");
  result_full (history, "2025-03-06", 2.9, 1.4, KES_FBC_THRESHOLDS_STANDARD, -1);
  green (history, "2025-03-08");
  course (history, "again", "2025-09-01", NULL);
  green (history, "2025-09-01");
  assert_due (history, "2025-09-01", "2025-09-08", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clozapine/thresholds/standard", test_standard_thresholds);
  g_test_add_func ("/clozapine/thresholds/ben", test_ben_thresholds);
  g_test_add_func ("/clozapine/thresholds/service-colour", test_service_colour);
  g_test_add_func ("/clozapine/schedule/phases", test_schedule_phases);
  g_test_add_func ("/clozapine/schedule/amber-and-red", test_amber_and_red);
  g_test_add_func ("/clozapine/schedule/after-stopping", test_after_stopping);
  g_test_add_func ("/clozapine/schedule/after-stopping-weekly-and-amber", test_after_stopping_weekly_and_amber);
  g_test_add_func ("/clozapine/schedule/breaks", test_breaks);
  g_test_add_func ("/clozapine/courses/old-stopped-and-new", test_old_stopped_and_new_course);
  g_test_add_func ("/clozapine/courses/overlapping", test_overlapping_courses);
  g_test_add_func ("/clozapine/courses/stopped-today", test_stopped_today);
  g_test_add_func ("/clozapine/courses/restarts", test_restarts);
  g_test_add_func ("/clozapine/courses/rechallenge-after-red", test_rechallenge_after_red);
  return g_test_run ();
}
