/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-demo.h"
#include "kes-due.h"
#include "kes-patient.h"
#include "kes-store-community.h"
#include "kes-store-due.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store.h"
#include "kes-test-accounts.h"
#include "kes-validate.h"

/* Today's order (docs/today.md) and the care plan items: no care plan, and
 * a plan's own review date. An item appears, stays however long it is
 * overdue, and goes only when the work is recorded or the record is closed
 * with a reason. */

typedef KesCoreRecordFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  kes_core_record_fixture_set_up (fixture, "2026-06-01", "Okafor");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_core_record_fixture_tear_down (fixture);
}


static guint
count_of_kind (Fixture    *fixture,
               const char *iso,
               const char *kind)
{
  g_autoptr(GPtrArray) items = kes_core_record_fixture_due (fixture, iso, kind);

  return items->len;
}

static KesCareRecord *
save_plan (Fixture    *fixture,
           const char *agreed,
           const char *review)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *plan = kes_care_record_new (KES_CARE_CARE_PLAN);

  kes_care_record_set_patient_id (plan, fixture->patient_id);
  kes_care_record_set (plan, "start_date", agreed);
  kes_care_record_set (plan, "needs", "Medication; housing");
  kes_care_record_set (plan, "goals", "“Keep my flat.”");
  kes_care_record_set (plan, "interventions", "Fortnightly visits");
  kes_care_record_set (plan, "responsible", "Care coordinator");
  kes_care_record_set (plan, "review_date", review);
  kes_care_record_set (plan, "s117_status", "receiving");
  g_assert_true (kes_store_save_care_record (fixture->store, plan, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return plan;
}

/* ---- The order ---- */

static KesDueItem *
item (const char    *kind,
      KesDueUrgency  urgency,
      const char    *due,
      const char    *name)
{
  return kes_due_item_new (kind, urgency, due, name, name, NULL, kind, NULL, NULL, NULL);
}

/* The afternoon's Today: an overdue MoJ report and depot and an amber
 * clozapine repeat two weeks late sat below 38 routine physical checks
 * from 2023. Now: danger, then overdue statutory and medication-safety
 * work by date, then the rest by date. */
static void
test_order (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const expected[] = {
    "red", "moj", "clozapine", "depot", "lithium", "checks-0", "checks-1", "checks-37", "cpa", "today", "soon",
  };

  for (guint i = 0; i < 38; i++)
    {
      g_autofree char *name = g_strdup_printf ("checks-%u", i);
      g_autofree char *due = g_strdup_printf ("2023-%02u-%02u", 1 + i / 28, 1 + i % 28);

      g_ptr_array_add (items, item ("physical-health", KES_DUE_OVERDUE, due, name));
    }
  g_ptr_array_add (items, item ("cpa-review", KES_DUE_OVERDUE, "2026-05-01", "cpa"));
  g_ptr_array_add (items, item ("depot", KES_DUE_OVERDUE, "2026-05-20", "depot"));
  g_ptr_array_add (items, item ("lithium-level", KES_DUE_OVERDUE, "2026-05-25", "lithium"));
  g_ptr_array_add (items, item ("clozapine-fbc", KES_DUE_OVERDUE, "2026-05-18", "clozapine"));
  g_ptr_array_add (items, item ("moj-report", KES_DUE_OVERDUE, "2026-04-02", "moj"));
  g_ptr_array_add (items, item ("physical-health", KES_DUE_SOON, "2026-06-10", "soon"));
  g_ptr_array_add (items, item ("cpa-review", KES_DUE_TODAY, "2026-06-01", "today"));
  g_ptr_array_add (items, item ("clozapine-fbc", KES_DUE_TOP_PRIORITY, "2026-06-01", "red"));
  g_ptr_array_sort (items, kes_due_item_compare);

  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[0]), ==, expected[0]);
  g_assert_cmpint (kes_due_item_get_group (items->pdata[0]), ==, KES_DUE_GROUP_DANGER);
  for (guint i = 1; i <= 4; i++)
    {
      g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[i]), ==, expected[i]);
      g_assert_cmpint (kes_due_item_get_group (items->pdata[i]), ==, KES_DUE_GROUP_CRITICAL);
    }
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[5]), ==, "checks-0");
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[6]), ==, "checks-1");
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[42]), ==, "checks-37");
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[43]), ==, "cpa");
  g_assert_cmpint (kes_due_item_get_group (items->pdata[43]), ==, KES_DUE_GROUP_OVERDUE);
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[44]), ==, "today");
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[45]), ==, "soon");
  g_assert_cmpuint (items->len, ==, 46);

  /* Only overdue work is lifted: a depot due soon waits its turn by date. */
  g_assert_true (kes_due_kind_is_critical ("depot"));
  g_assert_false (kes_due_kind_is_critical ("physical-health"));
  {
    g_autoptr(KesDueItem) soon = item ("depot", KES_DUE_SOON, "2026-06-05", "x");
    g_assert_cmpint (kes_due_item_get_group (soon), ==, KES_DUE_GROUP_SOON);
  }
}

/* The same rule on a whole demo caseload, as Today lists it. */
static void
test_order_on_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) items = NULL;
  KesDemoOptions options = { 120, 1, 1, 5 };
  guint groups[KES_DUE_GROUP_SOON + 1] = { 0 };

  g_assert_no_error (error);
  /* The demo fills the new file; then someone with every role, in no team,
   * looks at everyone's work. */
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  actor = kes_test_account (store, "tester", "tester", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, actor);
  items = kes_store_list_due (store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    {
      KesDueItem *x = items->pdata[i];

      groups[kes_due_item_get_group (x)]++;
      if (i == 0)
        continue;
      /* Groups never go back; within one, dates never go back. */
      g_assert_cmpint (kes_due_item_get_group (items->pdata[i - 1]), <=, kes_due_item_get_group (x));
      if (kes_due_item_get_group (items->pdata[i - 1]) == kes_due_item_get_group (x))
        g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[i - 1]), <=, kes_due_item_get_due_date (x));
      if (kes_due_item_get_group (x) == KES_DUE_GROUP_CRITICAL)
        g_assert_true (kes_due_kind_is_critical (kes_due_item_get_kind (x)));
    }
  /* The demo has work in the critical group and routine work after it. */
  g_assert_cmpuint (groups[KES_DUE_GROUP_CRITICAL], >, 0);
  g_assert_cmpuint (groups[KES_DUE_GROUP_OVERDUE] + groups[KES_DUE_GROUP_SOON], >, 0);
}

/* ---- No care plan ---- */

static void
move (Fixture          *fixture,
      KesReferral      *referral,
      KesReferralStage  to,
      const char       *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_move_referral (fixture->store, referral, to, date,
                                          to == KES_REFERRAL_CLOSED ? "Pathway complete: settled in the community"
                                                                    : NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_no_care_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kes_core_record_fixture_due (fixture, "2026-06-01", "care-plan-missing");
  g_autoptr(KesCareRecord) plan = NULL;

  /* Due from the day the patient was added, without a referral. */
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_TODAY);
  g_assert_cmpstr (kes_due_item_get_title (items->pdata[0]), ==, "No care plan");
  g_assert_cmpstr (kes_due_item_get_patient_name (items->pdata[0]), ==, "OKAFOR, Sam");
  g_assert_cmpstr (kes_due_item_get_target (items->pdata[0]), ==, "patient/care-plan");
  /* Two years on it is still there, overdue. */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kes_core_record_fixture_due (fixture, "2028-06-01", "care-plan-missing");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);

  /* Done: a care plan is recorded. */
  plan = save_plan (fixture, "2026-06-01", "2026-12-01");
  g_assert_cmpuint (count_of_kind (fixture, "2028-06-01", "care-plan-missing"), ==, 0);

  /* The only plan entered in error (with its reason): the patient has no
   * plan again, and it is due again. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_care_record_get_id (plan),
                                                  kes_care_record_get_revision (plan),
                                                  "Written in the wrong record", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-02", "care-plan-missing"), ==, 1);

  /* Closed with a reason: the patient's record entered in error. */
  {
    g_autoptr(KesPatient) patient = kes_store_load_patient (fixture->store, fixture->patient_id, &error);

    g_assert_no_error (error);
    g_assert_true (kes_store_mark_entered_in_error (fixture->store, fixture->patient_id,
                                                    kes_patient_get_revision (patient),
                                                    "Duplicate record of another patient", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-02", "care-plan-missing"), ==, 0);
}

/* A patient still on the referral pathway has the ward's plan: nothing is
 * due until the discharge to the community, then from that day. */
static void
test_no_care_plan_after_discharge (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autoptr(GPtrArray) items = NULL;

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, fixture->patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-05-01");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge");
  kes_referral_set_inpatient (referral, TRUE);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-01", "care-plan-missing"), ==, 0);

  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-05-02");
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-05-02");
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-05-05");
  kes_core_test_sign_to_accept (fixture->store, referral, "2026-05-05");
  move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-05-06");
  move (fixture, referral, KES_REFERRAL_IN_REACH, "2026-05-10");
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-01", "care-plan-missing"), ==, 0);

  move (fixture, referral, KES_REFERRAL_DISCHARGED, "2026-05-20");
  items = kes_core_record_fixture_due (fixture, "2026-06-01", "care-plan-missing");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-05-20");
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);

  /* The pathway closed (a reason required) leaves the patient on the
   * caseload: still due until a plan is written. */
  move (fixture, referral, KES_REFERRAL_CLOSED, "2026-05-30");
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-01", "care-plan-missing"), ==, 1);
}

/* Transferred to another service (the move names where): no longer the
 * team's patient, so no care plan is owed; declined, never taken on. */
static void
test_no_care_plan_transferred (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, fixture->patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-05-01");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge");
  kes_referral_set_inpatient (referral, TRUE);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-05-02");
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-05-02");
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-05-05");
  kes_core_test_sign_to_accept (fixture->store, referral, "2026-05-05");
  move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-05-06");
  move (fixture, referral, KES_REFERRAL_IN_REACH, "2026-05-10");
  move (fixture, referral, KES_REFERRAL_DISCHARGED, "2026-05-20");
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-01", "care-plan-missing"), ==, 1);

  g_assert_true (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_TRANSFERRED, "2026-05-28", NULL,
                                          NULL, KES_REFERRAL_TRANSFER_RECOVERY_TEAM, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-01", "care-plan-missing"), ==, 0);
  g_assert_cmpuint (count_of_kind (fixture, "2028-06-01", "care-plan-missing"), ==, 0);
}

/* ---- A plan's review date ---- */

static void
test_care_plan_review (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCareRecord) plan = save_plan (fixture, "2026-01-10", "2026-06-20");
  g_autoptr(KesCareRecord) newer = NULL;
  g_autoptr(GPtrArray) items = NULL;

  /* Not yet near; then soon; then overdue, and still overdue a year on. */
  g_assert_cmpuint (count_of_kind (fixture, "2026-03-01", "care-plan-review"), ==, 0);
  items = kes_core_record_fixture_due (fixture, "2026-06-10", "care-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_SOON);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-06-20");
  g_assert_cmpstr (kes_due_item_get_record_id (items->pdata[0]), ==, kes_care_record_get_id (plan));
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Set in the care plan agreed on 10 Jan 2026"));
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kes_core_record_fixture_due (fixture, "2027-06-21", "care-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);

  /* Done: the reviewed plan, agreed later with its next review date. */
  kes_core_test_set_day ("2026-06-18");
  newer = save_plan (fixture, "2026-06-18", "2027-06-18");
  g_assert_cmpuint (count_of_kind (fixture, "2026-06-21", "care-plan-review"), ==, 0);
  g_assert_cmpuint (count_of_kind (fixture, "2027-06-10", "care-plan-review"), ==, 1);

  /* The newer plan entered in error with a reason: the older plan's
   * review is due again. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_care_record_get_id (newer),
                                                  kes_care_record_get_revision (newer),
                                                  "Agreed with the wrong patient", &error));
  g_assert_no_error (error);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kes_core_record_fixture_due (fixture, "2026-06-21", "care-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_record_id (items->pdata[0]), ==, kes_care_record_get_id (plan));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/today/order", test_order);
  g_test_add_func ("/today/order-on-demo", test_order_on_demo);
  ADD ("/today/no-care-plan", test_no_care_plan);
  ADD ("/today/no-care-plan-after-discharge", test_no_care_plan_after_discharge);
  ADD ("/today/no-care-plan-transferred", test_no_care_plan_transferred);
  ADD ("/today/care-plan-review", test_care_plan_review);
#undef ADD

  return g_test_run ();
}
