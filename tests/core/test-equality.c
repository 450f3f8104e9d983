/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-core-test-util.h"

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-equality.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-permissions.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Equality monitoring: small numbers suppressed, never recoverable. */

static void
assert_column (const guint *values,
               guint        n,
               guint        total,
               const char  *expected)
{
  KesDisclosure rule;
  g_auto(GStrv) cells = NULL;
  g_autofree char *joined = NULL;

  kes_disclosure_default (&rule);
  cells = kes_disclosure_column (&rule, values, n, total, NULL);
  joined = g_strjoinv (" ", cells);
  g_assert_cmpstr (joined, ==, expected);
}

/* NHS Digital, disclosure control for HES/ECDS (disclosure.ini): "values
 * from 1 to 7 are replaced by *, other values rounded to the nearest 5".
 * The boundary: 7 hidden, 8 shown (as 10); rounding 12 down, 13 up. Kestrel
 * also hides zeros, and a count that subtraction from the total would give
 * back. */
static void
test_suppression (void)
{
  const guint boundary[] = { 7, 8, 9, 12, 13, 0 };
  const guint a[] = { 3, 40, 0, 20 };
  const guint b[] = { 3, 0 };
  const guint c[] = { 60, 0, 85 };
  const guint d[] = { 2, 3, 10 };
  const guint e[] = { 40, 44 };
  const guint f[] = { 7, 12 };
  gboolean hidden[7];
  KesDisclosure rule;
  g_auto(GStrv) cells = NULL;

  kes_disclosure_default (&rule);
  g_assert_cmpuint (rule.suppress_up_to, ==, 7);
  g_assert_cmpuint (rule.round_to, ==, 5);
  g_assert_true (rule.hide_zeros);
  assert_column (boundary, 6, 51, "* 10 10 10 15 * 50");
  /* 40 and 20 shown beside 65: what the total leaves for the hidden 3 and
   * 0 is −1 to 11, which says nothing: nothing more is hidden. */
  assert_column (a, 4, 63, "* 40 * 20 65");
  cells = kes_disclosure_column (&rule, a, 4, 63, hidden);
  g_assert_true (hidden[0] && hidden[2] && !hidden[1] && !hidden[3] && !hidden[4]);
  /* 12 shown as 10 beside a total of 19 shown as 20: the hidden cell would
   * be 6 or 7 (18 − 12 to 7), a small group, so the 12 is hidden too, as
   * "[c]" (a larger count hidden to protect another). */
  assert_column (f, 2, 19, "* [c] 20");
  /* A small total is hidden itself. */
  assert_column (b, 2, 3, "* * *");
  /* Large counts: rounded, the zero hidden. */
  assert_column (c, 3, 145, "60 * 85 145");
  /* Two small cells beside a shown 10 and a total of 15: 15 − 10 lies in
   * [8..17] − [8..12] = [−4..9], which is not certainly small: shown. */
  assert_column (d, 3, 15, "* * 10 15");
  /* Nothing hidden, nothing to protect. */
  assert_column (e, 2, 84, "40 45 85");

  {
    g_autofree char *rate = kes_disclosure_rate (&rule, 12, FALSE, 48, FALSE);
    g_autofree char *withheld = kes_disclosure_rate (&rule, 3, TRUE, 48, FALSE);
    g_autofree char *none = kes_disclosure_rate (&rule, 0, FALSE, 0, FALSE);

    /* From the rounded counts: 10 per 50. */
    g_assert_cmpstr (rate, ==, "20.0");
    g_assert_cmpstr (withheld, ==, KES_DISCLOSURE_WITHHELD);
    g_assert_cmpstr (none, ==, KES_DISCLOSURE_WITHHELD);
  }
}

/* A setting may choose a stricter local rule, never a looser one. */
static void
test_local_rule (void)
{
  KesDisclosure rule;
  g_autoptr(GError) error = NULL;
  const guint values[] = { 9, 12 };
  g_auto(GStrv) cells = NULL;

  kes_disclosure_default (&rule);
  g_assert_false (kes_disclosure_set_local (&rule, 6, 5, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_disclosure_set_local (&rule, 7, 2, &error));
  g_clear_error (&error);
  g_assert_false (kes_disclosure_set_local (&rule, 7, 7, &error)); /* not a multiple of 5 */
  g_clear_error (&error);
  g_assert_cmpuint (rule.suppress_up_to, ==, 7);
  g_assert_true (kes_disclosure_set_local (&rule, 9, 10, &error));
  g_assert_no_error (error);
  cells = kes_disclosure_column (&rule, values, 2, 21, NULL);
  g_assert_cmpstr (cells[0], ==, KES_DISCLOSURE_HIDDEN);
  g_assert_cmpstr (cells[2], ==, "20");
  g_assert_cmpuint (rule.median_needs, ==, 10);
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
  g_autoptr(KesMojRecord) status = NULL;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Alex");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, birth);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  /* The restriction the report counts is the legal status record's. */
  status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (patient));
  kes_moj_record_set_text (status, "authority", legal_status);
  g_assert_true (kes_store_save_moj_record (store, status, KES_CHANGE_CREATE, NULL, &error));
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
  actor = kes_test_account_titled (store, "tm", "Tam Manager", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (store, actor);

  for (guint i = 0; i < 3; i++)
    add_patient (store, "Caribbean", "M", "1990-01-01", "09");
  for (guint i = 0; i < 12; i++)
    add_patient (store, "British", "A", i < 6 ? "1960-05-05" : "2000-05-05", i < 7 ? "09" : "03");

  report = kes_store_equality_report (store, "2026-10-01", "2026-12-31", &error);
  g_assert_no_error (error);
  g_assert_true (report->available[KES_MEASURE_CASELOAD]);
  g_assert_true (report->available[KES_MEASURE_REFERRALS_RECEIVED]);
  g_assert_true (report->available[KES_MEASURE_RECALLS]);
  g_assert_cmpuint (report->totals[KES_MEASURE_CASELOAD], ==, 15);
  g_assert_cmpuint (report->totals[KES_MEASURE_RESTRICTED], ==, 10);

  black_caribbean = group (report, KES_EQUALITY_ETHNICITY, "M");
  white_british = group (report, KES_EQUALITY_ETHNICITY, "A");
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_CASELOAD], ==, 3);
  g_assert_cmpuint (white_british->counts[KES_MEASURE_RESTRICTED], ==, 7);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "26–35")->counts[KES_MEASURE_CASELOAD], ==, 6);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "36–45")->counts[KES_MEASURE_CASELOAD], ==, 3);
  g_assert_cmpuint (group (report, KES_EQUALITY_AGE_BAND, "Over 65")->counts[KES_MEASURE_CASELOAD], ==, 6);

  /* The category with 3 people is hidden, never 3, in every column; the
   * 12 is shown rounded (10) beside a total of 15: 15 − 10 can't give it. */
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
    cells = kes_disclosure_column (&report->disclosure, values, groups->len,
                                   report->totals[KES_MEASURE_CASELOAD], NULL);
    g_assert_cmpstr (cells[m], ==, KES_DISCLOSURE_HIDDEN);
    for (guint i = 0; i < groups->len; i++)
      g_assert_cmpstr (cells[i], !=, "3");
    g_assert_cmpstr (cells[m == 0 ? 1 : 0], ==, "10");
    g_assert_cmpstr (cells[groups->len], ==, "15");
  }

  g_assert_null (kes_store_equality_report (store, "2026-12-31", "2026-10-01", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

static KesPatient *
patient_for (KesStore   *store,
             const char *family,
             const char *ethnicity)
{
  g_autoptr(GError) error = NULL;
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return patient;
}

/* A referral received on 1 Oct 2026 and decided @days later. */
static void
refer (KesStore   *store,
       KesPatient *patient,
       gboolean    accept,
       guint       days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autofree char *decided = g_strdup_printf ("2026-10-%02u", 1 + days);

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-10-01");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge");
  kes_referral_set_inpatient (referral, TRUE);
  g_assert_true (kes_store_save_referral (store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_SCREENING, "2026-10-01", NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
  if (accept)
    {
      g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-10-02",
                                              NULL, NULL, NULL, &error));
      g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_ASSESSED, "2026-10-03", NULL, NULL,
                                              NULL, &error));
      kes_core_test_sign_to_accept (store, referral, "2026-10-03");
    }
  g_assert_true (kes_store_move_referral (store, referral,
                                          accept ? KES_REFERRAL_ACCEPTED : KES_REFERRAL_DECLINED, decided,
                                          accept ? NULL : "Needs are met by the current team", NULL, NULL,
                                          &error));
  g_assert_no_error (error);
}

static void
test_referrals_and_recalls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesEqualityReport) october = NULL;
  g_autoptr(KesEqualityReport) november = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autofree char *median_m = NULL;
  g_autofree char *median_a = NULL;
  g_autofree char *median_all = NULL;
  KesEqualityGroup *black_caribbean, *white_british;

  kes_clock_set_fixed (now);
  store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  actor = kes_test_account_titled (store, "tm", "Tam Manager", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (store, actor);

  /* Three Black Caribbean people referred and declined after 4 days; eight
   * White British people: six accepted after 10 days, two declined after 4. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KesPatient) patient = patient_for (store, "Caribbean", "M");
      refer (store, patient, FALSE, 4);
      if (i == 0)
        {
          status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (patient));
          kes_moj_record_set_text (status, "authority", "09");
          kes_moj_record_set_text (status, "effective_date", "2020-06-01");
          kes_moj_record_set_text (status, "conditional_discharge_date", "2025-01-10");
          kes_moj_record_set_text (status, "recall_date", "2026-10-20");
          g_assert_true (kes_store_save_moj_record (store, status, KES_CHANGE_CREATE, NULL, &error));
          g_assert_no_error (error);
        }
    }
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(KesPatient) patient = patient_for (store, "British", "A");
      refer (store, patient, i < 6, i < 6 ? 10 : 4);
    }

  october = kes_store_equality_report (store, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (october->totals[KES_MEASURE_REFERRALS_RECEIVED], ==, 11);
  g_assert_cmpuint (october->totals[KES_MEASURE_REFERRALS_ACCEPTED], ==, 6);
  g_assert_cmpuint (october->totals[KES_MEASURE_REFERRALS_DECLINED], ==, 5);
  g_assert_cmpuint (october->totals[KES_MEASURE_RECALLS], ==, 1);
  black_caribbean = group (october, KES_EQUALITY_ETHNICITY, "M");
  white_british = group (october, KES_EQUALITY_ETHNICITY, "A");
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_REFERRALS_RECEIVED], ==, 3);
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_REFERRALS_DECLINED], ==, 3);
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_REFERRALS_ACCEPTED], ==, 0);
  g_assert_cmpuint (black_caribbean->counts[KES_MEASURE_RECALLS], ==, 1);
  g_assert_cmpuint (white_british->counts[KES_MEASURE_REFERRALS_ACCEPTED], ==, 6);
  g_assert_cmpuint (group (october, KES_EQUALITY_GENDER, "2")->counts[KES_MEASURE_REFERRALS_RECEIVED], ==, 11);
  g_assert_cmpuint (group (october, KES_EQUALITY_AGE_BAND, "46–55")->counts[KES_MEASURE_REFERRALS_DECLINED], ==, 5);

  /* Time to decision: a median only where it rests on 8 decisions or more
   * (NHS Digital: no calculation on 1 to 7 values). */
  median_m = kes_disclosure_median (&october->disclosure, black_caribbean->decision_days);
  median_a = kes_disclosure_median (&october->disclosure, white_british->decision_days);
  median_all = kes_disclosure_median (&october->disclosure, october->decision_days);
  g_assert_cmpstr (median_m, ==, KES_DISCLOSURE_WITHHELD);
  g_assert_cmpuint (white_british->decision_days->len, >=, 8);
  g_assert_cmpstr (median_a, ==, "10");
  g_assert_cmpstr (median_all, ==, "10");

  /* Counted in the period of the event: nothing happened in November. */
  november = kes_store_equality_report (store, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (november->totals[KES_MEASURE_REFERRALS_RECEIVED], ==, 0);
  g_assert_cmpuint (november->totals[KES_MEASURE_REFERRALS_ACCEPTED], ==, 0);
  g_assert_cmpuint (november->totals[KES_MEASURE_RECALLS], ==, 0);
  g_assert_cmpuint (november->totals[KES_MEASURE_CASELOAD], ==, 11);
  g_assert_cmpuint (november->decision_days->len, ==, 0);
  kes_clock_set_fixed (NULL);
}

/* NHS Digital: "where the number of values used is between 1 and 7
 * inclusive, no calculation is made": 7 values withheld, 8 and 9 shown. */
static void
test_median (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));
  const int values[] = { 9, 3, 12, 4, 20, 20, 1 };
  g_autofree char *seven = NULL;
  g_autofree char *eight = NULL;
  g_autofree char *nine = NULL;
  KesDisclosure rule;
  int more = 30;

  kes_disclosure_default (&rule);
  g_array_append_vals (days, values, G_N_ELEMENTS (values));
  seven = kes_disclosure_median (&rule, days);
  g_assert_cmpstr (seven, ==, KES_DISCLOSURE_WITHHELD);
  g_array_append_val (days, more);
  eight = kes_disclosure_median (&rule, days);
  g_assert_cmpstr (eight, ==, "10.5");
  g_array_append_val (days, more);
  nine = kes_disclosure_median (&rule, days);
  g_assert_cmpstr (nine, ==, "12");
  /* The caller's order is left alone. */
  g_assert_cmpint (g_array_index (days, int, 0), ==, 9);
}

static void
test_permission (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(KesStaff) carla = kes_test_account_titled (store, "carla", "Carla", "", NULL, NULL, KES_TEST_ALL_ROLES);
  const char *roles[] = { KES_ROLE_CARERS_LIAISON, NULL };

  g_assert_true ((kes_test_set_role_list (store, carla, roles), TRUE));
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
  g_test_add_func ("/equality/local-rule", test_local_rule);
  g_test_add_func ("/equality/report", test_report);
  g_test_add_func ("/equality/referrals-and-recalls", test_referrals_and_recalls);
  g_test_add_func ("/equality/median", test_median);
  g_test_add_func ("/equality/permission", test_permission);
  return g_test_run ();
}
