/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-equality.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store.h"

/* Equality monitoring: small numbers suppressed, never recoverable. */

static void
assert_column (const guint *values,
               guint        n,
               guint        total,
               const char  *expected)
{
  g_auto(GStrv) cells = kes_equality_suppress_column (values, n, total, NULL);
  g_autofree char *joined = g_strjoinv (" ", cells);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_suppression (void)
{
  const guint a[] = { 3, 10, 0, 7 };
  const guint b[] = { 3, 0 };
  const guint c[] = { 6, 0, 8 };
  const guint d[] = { 2, 3, 10 };
  const guint e[] = { 3, 0, 0 };
  gboolean hidden[5];
  g_auto(GStrv) cells = NULL;

  /* 3 is hidden, and so is 7: otherwise 20 - 10 - 0 - 7 gives the 3 back. */
  assert_column (a, 4, 20, "<5 10 0 <5 20");
  cells = kes_equality_suppress_column (a, 4, 20, hidden);
  g_assert_true (hidden[0] && hidden[3] && !hidden[1] && !hidden[4]);
  /* A small total is hidden itself. */
  assert_column (b, 2, 3, "<5 0 <5");
  assert_column (c, 3, 14, "6 0 8 14");
  /* Two hidden cells can't be told apart from the total. */
  assert_column (d, 3, 15, "<5 <5 10 15");
  /* Nothing else to hide: the total goes. */
  assert_column (e, 3, 3, "<5 0 0 <5");

  {
    g_autofree char *rate = kes_equality_rate (3, FALSE, 12, FALSE);
    g_autofree char *withheld = kes_equality_rate (3, TRUE, 12, FALSE);
    g_autofree char *none = kes_equality_rate (0, FALSE, 0, FALSE);
    g_assert_cmpstr (rate, ==, "25.0");
    g_assert_cmpstr (withheld, ==, KES_EQUALITY_WITHHELD);
    g_assert_cmpstr (none, ==, KES_EQUALITY_WITHHELD);
  }
}

static void
add_patient (KesStore   *store,
             const char *family,
             const char *ethnicity,
             const char *birth,
             const char *legal_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Alex");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, birth);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  kes_patient_set_text (patient, KES_PATIENT_LEGAL_STATUS, legal_status);
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static KesEqualityGroup *
group (KesEqualityReport    *report,
       KesEqualityDimension  dimension,
       const char           *code)
{
  GPtrArray *groups = report->groups[dimension];
  for (guint i = 0; i < groups->len; i++)
    if (g_str_equal (((KesEqualityGroup *) groups->pdata[i])->code, code))
      return groups->pdata[i];
  g_assert_not_reached ();
}

static void
test_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesEqualityReport) report = NULL;
  KesEqualityGroup *black_caribbean, *white_british;

  kes_clock_set_fixed (now);
  store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  actor = kes_store_add_staff (store, "tm", "Tam Manager", "", NULL, "", &error);
  g_assert_no_error (error);
  kes_store_set_actor (store, actor);

  for (guint i = 0; i < 3; i++)
    add_patient (store, "Caribbean", "M", "1990-01-01", "09");
  for (guint i = 0; i < 12; i++)
    add_patient (store, "British", "A", i < 6 ? "1960-05-05" : "2000-05-05", i < 7 ? "09" : "03");

  report = kes_store_equality_report (store, "2026-10-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_true (report->available[KES_MEASURE_CASELOAD]);
  g_assert_false (report->available[KES_MEASURE_REFERRALS_RECEIVED]);
  g_assert_false (report->available[KES_MEASURE_RECALLS]);
  g_assert_cmpuint (report->totals[KES_MEASURE_CASELOAD], ==, 15);
  g_assert_cmpuint (report->totals[KES_MEASURE_RESTRICTED], ==, 10);

  black_caribbean = group (report, KES_EQUALITY_ETHNICITY, "M");
  white_british = group (report, KES_EQUALITY_ETHNICITY, "A");
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_CASELOAD], ==, 3);
  g_assert_cmpuint (white_british->counts[KES_MEASURE_RESTRICTED], ==, 7);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "26–35")->counts[KES_MEASURE_CASELOAD], ==, 6);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "36–45")->counts[KES_MEASURE_CASELOAD], ==, 3);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "Over 65")->counts[KES_MEASURE_CASELOAD], ==, 6);

  /* The category with 3 people is shown as "<5", never 3, in every column. */
  {
    GPtrArray *groups = report->groups[KES_EQUALITY_ETHNICITY];
    g_autofree guint *values = g_new0 (guint, groups->len);
    g_auto(GStrv) cells = NULL;
    int m = -1;

    for (guint i = 0; i < groups->len; i++)
      {
        KesEqualityGroup *g = groups->pdata[i];
        values[i] = g->counts[KES_MEASURE_CASELOAD];
        if (g_str_equal (g->code, "M"))
          m = (int) i;
      }
    cells = kes_equality_suppress_column (values, groups->len, report->totals[KES_MEASURE_CASELOAD], NULL);
    g_assert_cmpstr (cells[m], ==, "<5");
    /* …and 12 is hidden too, so 15 − 12 can't reveal it. */
    for (guint i = 0; i < groups->len; i++)
      g_assert_cmpstr (cells[i], !=, "3");
    g_assert_cmpstr (cells[m == 0 ? 1 : 0], ==, "<5");
    g_assert_cmpstr (cells[groups->len], ==, "15");
  }

  g_assert_null (kes_store_equality_report (store, "2026-12-31", "2026-10-01", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

static void
test_permission (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(KesStaff) carla = kes_store_add_staff (store, "carla", "Carla", "", NULL, "", &error);
  const char *roles[] = { KES_ROLE_CARERS_LIAISON, NULL };

  g_assert_true (kes_store_set_staff_roles (store, kes_staff_get_id (carla), roles, &error));
  kes_store_set_actor (store, carla);
  g_assert_null (kes_store_equality_report (store, "2026-01-01", "2026-12-31", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/equality/suppression", test_suppression);
  g_test_add_func ("/equality/report", test_report);
  g_test_add_func ("/equality/permission", test_permission);
  return g_test_run ();
}
