/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-plan-items.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-patient.h"
#include "kes-store-community.h"
#include "kes-store-next-review.h"
#include "kes-store.h"
#include "kes-test-accounts.h"
#include "kes-validate.h"

/* Issue 21, CPA: the structured care plan (each need with what is done,
 * who does it and by when), the crisis plan's review date on Today, and
 * the next review the record's header shows. */

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

/* A care plan agreed on 1 Jun 2026, reviewed by 1 Dec 2026, with @lines. */
static KesCareRecord *
new_plan (const char *lines)
{
  KesCareRecord *plan = kes_care_record_new (KES_CARE_CARE_PLAN);

  kes_care_record_set (plan, "start_date", "2026-06-01");
  kes_care_record_set (plan, "goals", "“Keep my flat.”");
  kes_care_record_set (plan, "review_date", "2026-12-01");
  kes_care_record_set (plan, "s117_status", "receiving");
  kes_care_record_set (plan, "actions", lines);
  return plan;
}

static char *
one_line (const char *need,
          const char *intervention,
          const char *who,
          const char *by_when)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_plan_item_free);

  g_ptr_array_add (lines, kes_plan_item_new (need, intervention, who, by_when));
  return kes_plan_items_to_json (lines);
}

/* Every message of validating @record, one a line ("" when none). */
static char *
problems (KesCareRecord *record)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) issues = kes_care_record_validate (record, today);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    g_string_append_printf (text, "%s\n", ((KesIssue *) issues->pdata[i])->message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_says (KesCareRecord *record,
             const char    *fragment)
{
  g_autofree char *said = problems (record);

  if (strstr (said, fragment) == NULL)
    g_error ("expected “%s” in:\n%s", fragment, said);
}

static void
test_lines_required (void)
{
  g_autoptr(KesCareRecord) empty = new_plan (NULL);
  g_autofree char *line = one_line ("Housing", "Tenancy support", "Care coordinator", "01/09/2026");
  g_autoptr(KesCareRecord) plan = new_plan (line);
  g_autoptr(KesCareRecord) legacy = new_plan (NULL);
  g_autofree char *said = NULL;

  kes_core_test_set_day ("2026-06-01");
  assert_says (empty, "Needs, interventions, who and by when: add at least one need");
  /* An empty list is no list. */
  kes_care_record_set (empty, "actions", "[]");
  assert_says (empty, "add at least one need");

  said = problems (plan);
  g_assert_cmpstr (said, ==, "");
  /* Typed as DD/MM/YYYY, kept as YYYY-MM-DD; the line is still an array. */
  g_assert_nonnull (strstr (kes_care_record_get (plan, "actions"), "\"by_when\":\"2026-09-01\""));

  /* A plan written before issue 21, with free-text needs, still loads and validates. */
  kes_care_record_set (legacy, "needs", "Medication; housing");
  kes_care_record_set (legacy, "interventions", "Fortnightly visits");
  g_clear_pointer (&said, g_free);
  said = problems (legacy);
  g_assert_cmpstr (said, ==, "");
  g_assert_true (kes_care_field_is_legacy (KES_CARE_CARE_PLAN, "needs"));
  g_assert_false (kes_care_field_is_legacy (KES_CARE_CARE_PLAN, "goals"));
  g_assert_false (kes_care_field_is_legacy (KES_CARE_CRISIS_PLAN, "needs"));
}

static void
test_each_part_of_a_line (void)
{
  static const struct
  {
    const char *need, *intervention, *who, *by_when, *says;
  } cases[] = {
    { "Housing", "Tenancy support", "", "01/09/2026", "Need 1 (Housing): say who will do it" },
    { "Housing", "", "Care coordinator", "01/09/2026", "Need 1 (Housing): say what will be done about it" },
    { "", "Tenancy support", "Care coordinator", "01/09/2026", "Need 1: say what the need is" },
    { "Housing", "Tenancy support", "Care coordinator", "", "Need 1 (Housing): give the date it is to be done by" },
    { "Housing", "Tenancy support", "Care coordinator", "31/02/2027", "Need 1 (Housing): by when" },
    { "Housing", "Tenancy support", "Care coordinator", "soon", "Need 1 (Housing): by when" },
    /* The day before the plan was agreed: refused; the day itself is the boundary. */
    { "Housing", "Tenancy support", "Care coordinator", "31/05/2026",
      "Need 1 (Housing): by when 31 May 2026 is before the plan was agreed (1 Jun 2026)" },
    { "   ", "Tenancy support", "Care coordinator", "01/09/2026", "Need 1: say what the need is" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = one_line (cases[i].need, cases[i].intervention, cases[i].who, cases[i].by_when);
      g_autoptr(KesCareRecord) plan = new_plan (line);

      assert_says (plan, cases[i].says);
    }

  {
    g_autofree char *line = one_line ("  Housing ", "Tenancy support", "Care coordinator", "01/06/2026");
    g_autoptr(KesCareRecord) plan = new_plan (line);
    g_autofree char *said = problems (plan);
    g_autoptr(GPtrArray) lines = NULL;

    g_assert_cmpstr (said, ==, "");
    lines = kes_plan_items_parse (kes_care_record_get (plan, "actions"));
    g_assert_cmpuint (lines->len, ==, 1);
    g_assert_cmpstr (((KesPlanItem *) lines->pdata[0])->need, ==, "Housing");
    g_assert_cmpstr (((KesPlanItem *) lines->pdata[0])->by_when, ==, "2026-06-01");
  }
}

/* What an imported file or someone with the sqlite3 shell could put there. */
static void
test_hostile_lines (void)
{
  static const char * const not_lines[] = { "Housing", "{\"need\":\"Housing\"}", "[1, 2]", "[[\"Housing\"]]",
                                            "[{\"need\":\"Housing\"", NULL };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_plan_item_free);
  g_autoptr(KesCareRecord) numbers = new_plan ("[{\"need\":7,\"intervention\":true,\"who\":null,"
                                               "\"by_when\":20260901}]");

  for (guint i = 0; not_lines[i] != NULL; i++)
    {
      g_autoptr(KesCareRecord) plan = new_plan (not_lines[i]);
      assert_says (plan, "Needs and interventions: not a list of needs");
    }
  assert_says (numbers, "Need 1: say what the need is");
  assert_says (numbers, "Need 1: give the date it is to be done by");

  /* 100 lines is the most a plan holds; 101 is refused. */
  for (guint i = 0; i < KES_PLAN_MAX_ITEMS; i++)
    g_ptr_array_add (many, kes_plan_item_new ("Need", "Intervention", "Who", "2026-09-01"));
  {
    g_autofree char *json = kes_plan_items_to_json (many);
    g_autoptr(KesCareRecord) plan = new_plan (json);
    g_autofree char *said = problems (plan);

    g_assert_cmpstr (said, ==, "");
  }
  g_ptr_array_add (many, kes_plan_item_new ("Need", "Intervention", "Who", "2026-09-01"));
  {
    g_autofree char *json = kes_plan_items_to_json (many);
    g_autoptr(KesCareRecord) plan = new_plan (json);

    assert_says (plan, "101 needs, more than the 100 a plan can hold");
  }
}

/* Saved and read back: the revision holds the lines as an array. */
static void
test_saved_plan (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *line = one_line ("Housing", "Tenancy support", "Care coordinator", "01/09/2026");
  g_autoptr(KesCareRecord) plan = new_plan (line);
  g_autoptr(KesCareRecord) bare = new_plan (NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(KesCareRecord) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  kes_care_record_set_patient_id (bare, fixture->patient_id);
  g_assert_false (kes_store_save_care_record (fixture->store, bare, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "add at least one need"));
  g_clear_error (&error);

  kes_care_record_set_patient_id (plan, fixture->patient_id);
  g_assert_true (kes_store_save_care_record (fixture->store, plan, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  list = kes_store_list_care_records (fixture->store, fixture->patient_id, KES_CARE_CARE_PLAN, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  read = g_list_model_get_item (list, 0);
  json = kes_care_record_to_json (read);
  g_assert_nonnull (strstr (json, "\"actions\":[{\"need\":\"Housing\",\"intervention\":\"Tenancy support\","
                                  "\"who\":\"Care coordinator\",\"by_when\":\"2026-09-01\"}]"));
}

static KesCareRecord *
save_crisis_plan (Fixture    *fixture,
                  const char *agreed,
                  const char *review,
                  GError    **error)
{
  g_autoptr(KesCareRecord) plan = kes_care_record_new (KES_CARE_CRISIS_PLAN);

  kes_care_record_set_patient_id (plan, fixture->patient_id);
  kes_care_record_set (plan, "agreed_on", agreed);
  kes_care_record_set (plan, "review_date", review);
  kes_care_record_set (plan, "early_warning_signs", "Stops sleeping");
  kes_care_record_set (plan, "responds_to", "His sister");
  kes_care_record_set (plan, "crisis_actions", "Increase visits");
  kes_care_record_set (plan, "out_of_hours", "Crisis line");
  kes_care_record_set (plan, "contingency", "Duty worker");
  if (!kes_store_save_care_record (fixture->store, plan, KES_CHANGE_CREATE, NULL, error))
    return NULL;
  return g_steal_pointer (&plan);
}


static void
test_crisis_plan_review (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCareRecord) plan = NULL;
  g_autoptr(KesCareRecord) newer = NULL;
  g_autoptr(KesCareRecord) same_day = NULL;
  g_autoptr(GPtrArray) items = NULL;

  /* No review date, or one before the plan was agreed: refused in words. */
  g_assert_null (save_crisis_plan (fixture, "2026-05-01", NULL, &error));
  g_assert_nonnull (strstr (error->message, "Review date: give the date the crisis plan is to be reviewed by"));
  g_clear_error (&error);
  g_assert_null (save_crisis_plan (fixture, "2026-05-01", "2026-04-30", &error));
  g_assert_nonnull (strstr (error->message, "Review date: is before the date the crisis plan was agreed"));
  g_clear_error (&error);
  /* The boundary: reviewed the day it was agreed is allowed. */
  same_day = save_crisis_plan (fixture, "2026-04-01", "2026-04-01", &error);
  g_assert_no_error (error);

  plan = save_crisis_plan (fixture, "2026-05-01", "2026-08-01", &error);
  g_assert_no_error (error);
  /* The newer plan's date, not the older one's (overdue since April). */
  items = kes_core_record_fixture_due (fixture, "2026-06-01", "crisis-plan-review");
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = kes_core_record_fixture_due (fixture, "2026-07-25", "crisis-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_SOON);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-08-01");
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Set in the crisis plan agreed on 1 May 2026"));
  g_clear_pointer (&items, g_ptr_array_unref);
  /* Still there, overdue, a year on. */
  items = kes_core_record_fixture_due (fixture, "2027-08-01", "crisis-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Reviewed: the plan agreed again with its next date. */
  kes_core_test_set_day ("2026-07-30");
  newer = save_crisis_plan (fixture, "2026-07-30", "2027-01-30", &error);
  g_assert_no_error (error);
  items = kes_core_record_fixture_due (fixture, "2026-08-02", "crisis-plan-review");
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The new one entered in error with a reason: the earlier date is due again. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_care_record_get_id (newer),
                                                  kes_care_record_get_revision (newer), "Wrong patient", &error));
  g_assert_no_error (error);
  items = kes_core_record_fixture_due (fixture, "2026-08-02", "crisis-plan-review");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_record_id (items->pdata[0]), ==, kes_care_record_get_id (plan));
}

static void
assert_next_review (Fixture           *fixture,
                    const char        *date,
                    KesNextReviewKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  KesNextReviewKind found;

  g_assert_true (kes_store_next_review (fixture->store, fixture->patient_id, &due, &found, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (due, ==, date);
  g_assert_cmpint (found, ==, kind);
}

static void
test_next_review (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *line = one_line ("Housing", "Tenancy support", "Care coordinator", "01/09/2026");
  g_autoptr(KesCareRecord) plan = new_plan (line);
  g_autoptr(KesCareRecord) cpa = kes_care_record_new (KES_CARE_CPA_REVIEW);
  g_autoptr(KesCareRecord) crisis = NULL;
  g_autoptr(KesStaff) south = NULL;
  g_autoptr(KesStaff) carers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  KesNextReviewKind kind;

  assert_next_review (fixture, NULL, KES_NEXT_REVIEW_NONE);
  kes_care_record_set_patient_id (plan, fixture->patient_id);
  g_assert_true (kes_store_save_care_record (fixture->store, plan, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  assert_next_review (fixture, "2026-12-01", KES_NEXT_REVIEW_CARE_PLAN);

  /* A CPA review booked earlier comes first; held, it no longer counts. */
  kes_care_record_set_patient_id (cpa, fixture->patient_id);
  kes_care_record_set (cpa, "status", "scheduled");
  kes_care_record_set (cpa, "scheduled_for", "2026-10-15");
  g_assert_true (kes_store_save_care_record (fixture->store, cpa, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  assert_next_review (fixture, "2026-10-15", KES_NEXT_REVIEW_CPA);

  crisis = save_crisis_plan (fixture, "2026-05-01", "2026-09-01", &error);
  g_assert_no_error (error);
  assert_next_review (fixture, "2026-09-01", KES_NEXT_REVIEW_CRISIS_PLAN);
  g_assert_cmpstr (kes_next_review_kind_label (KES_NEXT_REVIEW_CRISIS_PLAN), ==, "crisis plan review");

  /* Someone who may not read the clinical record learns nothing: a
   * clinician of another team, and a carers' liaison worker of this one. */
  south = kes_test_account (fixture->store, "sid", "Sid South", "South", "clinician");
  carers = kes_test_account (fixture->store, "cara", "Cara Carers", "North", "carers-liaison");
  kes_store_set_actor (fixture->store, south);
  g_assert_false (kes_store_next_review (fixture->store, fixture->patient_id, &due, &kind, &error));
  g_assert_nonnull (error);
  g_assert_null (due);
  g_clear_error (&error);
  kes_store_set_actor (fixture->store, carers);
  g_assert_false (kes_store_next_review (fixture->store, fixture->patient_id, &due, &kind, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (due);
  g_clear_error (&error);
  /* Nor write a care plan. */
  kes_care_record_set_identity (plan, NULL, 0, KES_RECORD_ACTIVE);
  g_assert_false (kes_store_save_care_record (fixture->store, plan, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/care-plan/lines-required", test_lines_required);
  g_test_add_func ("/care-plan/each-part-of-a-line", test_each_part_of_a_line);
  g_test_add_func ("/care-plan/hostile-lines", test_hostile_lines);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/care-plan/saved-plan", test_saved_plan);
  ADD ("/care-plan/crisis-plan-review", test_crisis_plan_review);
  ADD ("/care-plan/next-review", test_next_review);
#undef ADD

  return g_test_run ();
}
