/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-record.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-crisis-essentials.h"
#include "kes-due.h"
#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-patient.h"
#include "kes-permissions.h"
#include "kes-store-community.h"
#include "kes-store-due.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"

/* Care in the community records in the store and the work they put on Today. */

typedef struct
{
  KesStore   *store;
  KesStaff   *alice;
  KesPatient *patient;
} Fixture;

static void
set_now (const char *iso_date)
{
  g_autofree char *text = g_strdup_printf ("%sT09:00:00Z", iso_date);
  g_autoptr(GDateTime) now = kes_time_from_iso (text);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21");
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North",
                                            NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->alice);

  fixture->patient = kes_patient_new ();
  kes_patient_set_text (fixture->patient, KES_PATIENT_FAMILY_NAME, "Okafor");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (fixture->patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (fixture->patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static const char *
patient_id (Fixture *fixture)
{
  return kes_patient_get_id (fixture->patient);
}

/* Saves a record of @kind from key/value pairs (NULL-terminated). */
static KesCareRecord *
save (Fixture    *fixture,
      const char *kind,
      ...)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *record = kes_care_record_new (kind);
  va_list args;
  const char *key;

  kes_care_record_set_patient_id (record, patient_id (fixture));
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  g_assert_true (kes_store_save_care_record (fixture->store, record, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kes_care_record_get_id (record));
  return record;
}

/* Today's items of @kind on @date. */
static GPtrArray *
due_of_kind (Fixture    *fixture,
             const char *date,
             const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_date_from_iso (date);
  g_autoptr(GPtrArray) items = kes_store_list_due (fixture->store, today, NULL, &error);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (kes_due_item_get_kind (items->pdata[i]), kind))
      g_ptr_array_add (kept, g_object_ref (items->pdata[i]));
  return kept;
}

static void
assert_one_due (Fixture       *fixture,
                const char    *date,
                const char    *kind,
                KesDueUrgency  urgency,
                const char    *due_date)
{
  g_autoptr(GPtrArray) items = due_of_kind (fixture, date, kind);

  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, urgency);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, due_date);
  g_assert_cmpstr (kes_due_item_get_patient_id (items->pdata[0]), ==, patient_id (fixture));
  g_assert_nonnull (kes_due_item_get_target (items->pdata[0]));
}

static void
assert_none_due (Fixture    *fixture,
                 const char *date,
                 const char *kind)
{
  g_autoptr(GPtrArray) items = due_of_kind (fixture, date, kind);
  g_assert_cmpuint (items->len, ==, 0);
}

/* ---- Validation ---- */

static gboolean
has_issue (GPtrArray  *issues,
           const char *field)
{
  for (guint i = 0; i < issues->len; i++)
    if (g_str_equal (((KesIssue *) issues->pdata[i])->field, field))
      return TRUE;
  return FALSE;
}

static void
test_validation (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(KesCareRecord) fbc = kes_care_record_new (KES_CARE_FBC);
  g_autoptr(KesCareRecord) dose = kes_care_record_new (KES_CARE_DEPOT_DOSE);
  g_autoptr(KesCareRecord) obs = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
  g_autoptr(KesCareRecord) review = kes_care_record_new (KES_CARE_CPA_REVIEW);
  g_autoptr(KesCareRecord) script = kes_care_record_new (KES_CARE_PRESCRIPTION);
  g_autoptr(GPtrArray) issues = NULL;

  kes_care_record_set (fbc, "taken_on", "22/11/2026");
  kes_care_record_set (fbc, "wbc", "four");
  issues = kes_care_record_validate (fbc, today);
  g_assert_true (has_issue (issues, "taken_on"));    /* in the future */
  g_assert_true (has_issue (issues, "wbc"));         /* not a number */
  g_assert_true (has_issue (issues, "neutrophils")); /* missing */
  g_assert_nonnull (strstr (((KesIssue *) issues->pdata[1])->message, "White cell count"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  kes_care_record_set (fbc, "taken_on", " 20/11/2026 ");
  kes_care_record_set (fbc, "wbc", "3.1");
  kes_care_record_set (fbc, "neutrophils", "4.0");
  issues = kes_care_record_validate (fbc, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (has_issue (issues, "neutrophils")); /* more than the white cells */
  g_assert_cmpstr (kes_care_record_get (fbc, "taken_on"), ==, "2026-11-20");
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* A dose given needs its details; one not given needs a reason. */
  kes_care_record_set (dose, "prescription_id", "x");
  kes_care_record_set (dose, "given_on", "2026-11-21");
  kes_care_record_set (dose, "outcome", "given");
  issues = kes_care_record_validate (dose, today);
  g_assert_true (has_issue (issues, "dose") && has_issue (issues, "site") &&
                 has_issue (issues, "batch") && has_issue (issues, "given_by"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (dose, "outcome", "refused");
  issues = kes_care_record_validate (dose, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (has_issue (issues, "reason"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (dose, "outcome", "forgotten");
  issues = kes_care_record_validate (dose, today);
  g_assert_true (has_issue (issues, "outcome"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  issues = kes_care_record_validate (obs, today);
  g_assert_true (has_issue (issues, "taken_on"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (obs, "taken_on", "2026-11-21");
  issues = kes_care_record_validate (obs, today);
  g_assert_true (has_issue (issues, "weight_kg")); /* at least one measurement */
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (obs, "systolic", "128");
  kes_care_record_set (obs, "height_cm", "1.75");
  issues = kes_care_record_validate (obs, today);
  g_assert_true (has_issue (issues, "height_cm")); /* metres typed in the centimetre field */
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (obs, "height_cm", "175");
  issues = kes_care_record_validate (obs, today);
  g_assert_true (has_issue (issues, "diastolic")); /* blood pressure needs both */
  g_clear_pointer (&issues, g_ptr_array_unref);

  kes_care_record_set (review, "status", "cancelled");
  kes_care_record_set (review, "scheduled_for", "2027-01-05"); /* a booked date may be ahead */
  issues = kes_care_record_validate (review, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (has_issue (issues, "cancel_reason"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (review, "status", "held");
  issues = kes_care_record_validate (review, today);
  g_assert_true (has_issue (issues, "held_on") && has_issue (issues, "attendees") &&
                 has_issue (issues, "outcomes"));
  g_clear_pointer (&issues, g_ptr_array_unref);

  kes_care_record_set (script, "drug", "Haloperidol decanoate");
  kes_care_record_set (script, "category", "depot");
  kes_care_record_set (script, "dose", "50 mg");
  kes_care_record_set (script, "prescriber", "Dr Patel");
  kes_care_record_set (script, "start_date", "2026-11-01");
  kes_care_record_set (script, "stop_date", "2026-10-01");
  issues = kes_care_record_validate (script, today);
  g_assert_true (has_issue (issues, "depot_drug") && has_issue (issues, "stop_reason"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  /* No interval: the drug's default from depot-drugs.ini. */
  kes_care_record_set (script, "depot_drug", "haloperidol-decanoate");
  kes_care_record_set (script, "stop_reason", "Changed to paliperidone");
  issues = kes_care_record_validate (script, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (has_issue (issues, "stop_date")); /* before the start */
  g_assert_cmpstr (kes_care_record_get (script, "interval_days"), ==, "28");
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Outside the drug's usual range: a warning confirmed with a reason. */
  kes_care_record_set (script, "stop_date", NULL);
  kes_care_record_set (script, "stop_reason", NULL);
  kes_care_record_set (script, "interval_days", "42");
  issues = kes_care_record_validate (script, today);
  g_assert_cmpuint (issues->len, ==, 1);
  g_assert_true (has_issue (issues, "interval_reason"));
  g_assert_cmpint (((KesIssue *) issues->pdata[0])->severity, ==, KES_ISSUE_WARNING);
  g_assert_nonnull (strstr (((KesIssue *) issues->pdata[0])->message, "outside the usual 28 to 28 days"));
  g_clear_pointer (&issues, g_ptr_array_unref);
  kes_care_record_set (script, "interval_reason", "Six-weekly agreed with the consultant: side effects");
  issues = kes_care_record_validate (script, today);
  g_assert_cmpuint (issues->len, ==, 0);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* Settings signed by a clinician: BEN and the higher lithium range need a reason. */
  {
    g_autoptr(KesCareRecord) ben = kes_care_record_new (KES_CARE_CLOZAPINE_MONITORING);
    g_autoptr(KesCareRecord) plan = kes_care_record_new (KES_CARE_LITHIUM_PLAN);
    g_autoptr(KesCareRecord) flag = kes_care_record_new (KES_CARE_CLOZAPINE_NO_RECHALLENGE);

    kes_care_record_set (ben, "decided_on", "2026-11-20");
    kes_care_record_set (ben, "monitoring_service", "ztas");
    kes_care_record_set (ben, "thresholds", "ben");
    kes_care_record_set (ben, "decided_by", "Dr Okonjo, consultant");
    issues = kes_care_record_validate (ben, today);
    g_assert_cmpuint (issues->len, ==, 1);
    g_assert_true (has_issue (issues, "reason"));
    g_clear_pointer (&issues, g_ptr_array_unref);
    kes_care_record_set (ben, "thresholds", "made-up");
    issues = kes_care_record_validate (ben, today);
    g_assert_true (has_issue (issues, "thresholds"));
    g_clear_pointer (&issues, g_ptr_array_unref);

    kes_care_record_set (plan, "decided_on", "2026-11-20");
    kes_care_record_set (plan, "target_range", "higher");
    kes_care_record_set (plan, "decided_by", "Dr Okonjo, consultant");
    issues = kes_care_record_validate (plan, today);
    g_assert_true (has_issue (issues, "reason"));
    g_clear_pointer (&issues, g_ptr_array_unref);

    kes_care_record_set (flag, "decided_on", "2026-11-20");
    kes_care_record_set (flag, "decided_by", "Dr Okonjo, consultant");
    kes_care_record_set (flag, "reason", "Red result 19 Nov 2026");
    kes_care_record_set (flag, "lifted_on", "2026-11-19");
    issues = kes_care_record_validate (flag, today);
    g_assert_true (has_issue (issues, "lifted_by") && has_issue (issues, "lift_reason") &&
                   has_issue (issues, "lifted_on"));
  }
}

static void
test_json_round_trip (void)
{
  g_autoptr(KesCareRecord) plan = kes_care_record_new (KES_CARE_CRISIS_PLAN);
  g_autoptr(KesCareRecord) copy = kes_care_record_new (KES_CARE_CRISIS_PLAN);
  g_autoptr(KesCareRecord) fbc = kes_care_record_new (KES_CARE_FBC);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  double value = 0;

  kes_care_record_set (plan, "early_warning_signs", "Stops answering the phone; “voices louder”");
  kes_care_record_set_bool (plan, "signed", TRUE);
  json = kes_care_record_to_json (plan);
  g_assert_true (kes_care_record_load_json (copy, json, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_care_record_get (copy, "early_warning_signs"), ==,
                   "Stops answering the phone; “voices louder”");
  g_assert_true (kes_care_record_get_bool (copy, "signed"));
  g_assert_false (kes_care_record_get_bool (copy, "copy_given"));

  g_assert_true (kes_care_record_load_json (fbc, "{\"wbc\": 3.5, \"neutrophils\": 2}", &error));
  g_assert_true (kes_care_record_get_number (fbc, "wbc", &value));
  g_assert_cmpfloat_with_epsilon (value, 3.5, 1e-9);
  g_assert_cmpstr (kes_care_record_get (fbc, "neutrophils"), ==, "2");
  g_assert_false (kes_care_record_load_json (fbc, "[1]", &error));
}

/* ---- Store ---- */

static void
test_failed_save_keeps_input (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCareRecord) fbc = kes_care_record_new (KES_CARE_FBC);

  kes_care_record_set_patient_id (fbc, patient_id (fixture));
  kes_care_record_set (fbc, "taken_on", " 21/11/2026 ");
  kes_care_record_set (fbc, "wbc", "abc");
  g_assert_false (kes_store_save_care_record (fixture->store, fbc, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (kes_care_record_get (fbc, "taken_on"), ==, " 21/11/2026 ");
  g_assert_cmpstr (kes_care_record_get (fbc, "wbc"), ==, "abc");
  g_assert_null (kes_care_record_get_id (fbc));
  g_clear_error (&error);

  /* A depot dose must name one of the patient's depot prescriptions. */
  {
    g_autoptr(KesCareRecord) dose = kes_care_record_new (KES_CARE_DEPOT_DOSE);

    kes_care_record_set_patient_id (dose, patient_id (fixture));
    kes_care_record_set (dose, "prescription_id", patient_id (fixture));
    kes_care_record_set (dose, "given_on", "2026-11-21");
    kes_care_record_set (dose, "outcome", "missed");
    kes_care_record_set (dose, "reason", "Not at home");
    g_assert_false (kes_store_save_care_record (fixture->store, dose, KES_CHANGE_EDIT, NULL, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  }
}

static void
test_revisions_and_list (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCareRecord) plan = save (fixture, KES_CARE_CARE_PLAN,
                                        "start_date", "2026-11-01", "needs", "Housing, medication",
                                        "goals", "“I want to stay out of hospital”",
                                        "interventions", "Weekly visits", "responsible", "Alice (CPN)",
                                        "review_date", "2027-05-01", "s117_status", "receiving",
                                        "co_produced", "true", NULL);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(KesCareRecord) loaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  gint64 first_revision = kes_care_record_get_revision (plan);

  kes_care_record_set (plan, "interventions", "Weekly visits; depot clinic");
  g_assert_true (kes_store_save_care_record (fixture->store, plan, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_care_record_get_revision (plan), ==, first_revision + 1);

  /* A save on top of a stale revision is a conflict. */
  {
    g_autoptr(KesCareRecord) stale = kes_store_load_care_record (fixture->store,
                                                                 kes_care_record_get_id (plan), &error);
    g_assert_no_error (error);
    kes_care_record_set_identity (stale, kes_care_record_get_id (plan), first_revision, KES_RECORD_ACTIVE);
    kes_care_record_set (stale, "needs", "Something else");
    g_assert_false (kes_store_save_care_record (fixture->store, stale, KES_CHANGE_EDIT, NULL, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  list = kes_store_list_care_records (fixture->store, patient_id (fixture), KES_CARE_CARE_PLAN, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  loaded = g_list_model_get_item (list, 0);
  g_assert_cmpstr (kes_care_record_get (loaded, "interventions"), ==, "Weekly visits; depot clinic");
  g_assert_true (kes_care_record_get_bool (loaded, "co_produced"));
  g_assert_cmpstr (kes_care_record_get_author_name (loaded), ==, "Alice Adeyemi");
  revisions = kes_store_list_revisions (fixture->store, kes_care_record_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
}

static KesCareRecord *
depot_prescription (Fixture *fixture)
{
  return save (fixture, KES_CARE_PRESCRIPTION, "drug", "Flupentixol decanoate", "category", "depot",
               "depot_drug", "flupentixol-decanoate", "dose", "40 mg", "route", "IM",
               "interval_days", "14", "prescriber", "Dr Patel", "start_date", "2026-10-24", NULL);
}

/* Systolic above diastolic (the peak and the trough of one pressure wave):
 * boundaries either side of equal, and the message names both values. */
static void
test_blood_pressure_order (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  static const struct { const char *systolic, *diastolic; gboolean ok; } cases[] = {
    { "120", "80", TRUE }, { "121", "120", TRUE }, { "120", "120", FALSE }, { "80", "120", FALSE },
    { "119.5", "120", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesCareRecord) obs = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
      g_autoptr(GPtrArray) issues = NULL;

      kes_care_record_set (obs, "taken_on", "2026-11-20");
      kes_care_record_set (obs, "systolic", cases[i].systolic);
      kes_care_record_set (obs, "diastolic", cases[i].diastolic);
      issues = kes_care_record_validate (obs, today);
      g_assert_cmpuint (issues->len, ==, cases[i].ok ? 0 : 1);
      if (!cases[i].ok)
        {
          g_autofree char *expected = g_strdup_printf ("Blood pressure %s/%s: the systolic (upper) pressure must "
                                                       "be higher than the diastolic (lower); check whether the two "
                                                       "were swapped", cases[i].systolic, cases[i].diastolic);

          g_assert_true (has_issue (issues, "systolic"));
          g_assert_cmpstr (((KesIssue *) issues->pdata[0])->message, ==, expected);
        }
    }
}

/* A care plan's review falls on or after the day it was agreed. */
static void
test_care_plan_dates_in_order (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  const char *reviews[] = { "2026-11-19", "2026-11-20", "2026-11-21" };

  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_autoptr(KesCareRecord) plan = kes_care_record_new (KES_CARE_CARE_PLAN);
      g_autoptr(GPtrArray) issues = NULL;

      kes_care_record_set (plan, "start_date", "2026-11-20");
      kes_care_record_set (plan, "review_date", reviews[i]);
      kes_care_record_set (plan, "needs", "Housing");
      kes_care_record_set (plan, "goals", "A flat of my own");
      kes_care_record_set (plan, "interventions", "Housing application");
      kes_care_record_set (plan, "responsible", "Alice");
      kes_care_record_set (plan, "s117_status", "not-eligible");
      issues = kes_care_record_validate (plan, today);
      g_assert_cmpint (has_issue (issues, "review_date"), ==, i == 0);
    }
}

/* A second dose of the same depot recorded as given on the same day is
 * refused, naming the day; another outcome that day, a dose the next day
 * and saving the first dose again are not. */
static void
test_depot_duplicate_dose (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = depot_prescription (fixture);
  const char *id = kes_care_record_get_id (script);
  g_autoptr(KesCareRecord) first = save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on",
                                         "2026-11-20", "outcome", "given", "dose", "40 mg", "site", "Left gluteal",
                                         "batch", "FX1234", "given_by", "Alice", NULL);
  g_autoptr(KesCareRecord) second = kes_care_record_new (KES_CARE_DEPOT_DOSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) listed = NULL;

  kes_care_record_set_patient_id (second, patient_id (fixture));
  kes_care_record_set (second, "prescription_id", id);
  kes_care_record_set (second, "given_on", "20/11/2026");
  kes_care_record_set (second, "outcome", "given");
  kes_care_record_set (second, "dose", "40 mg");
  kes_care_record_set (second, "site", "Right gluteal");
  kes_care_record_set (second, "batch", "FX1234");
  kes_care_record_set (second, "given_by", "Bob");
  g_assert_false (kes_store_save_care_record (fixture->store, second, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Date: a dose of this depot is already recorded as given on 20 Nov 2026. A "
                                       "second injection the same day is not recorded as routine: if the first "
                                       "record is wrong, correct it");
  g_clear_error (&error);
  listed = kes_store_list_care_records (fixture->store, patient_id (fixture), KES_CARE_DEPOT_DOSE, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 1);
  /* What was typed is as it was. */
  g_assert_cmpstr (kes_care_record_get (second, "site"), ==, "Right gluteal");

  /* The first saved again (an edit) is not its own duplicate. */
  kes_care_record_set (first, "batch", "FX1235");
  g_assert_true (kes_store_save_care_record (fixture->store, first, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  /* Refused the same day, or given the next: fine. */
  kes_care_record_set (second, "outcome", "refused");
  kes_care_record_set (second, "reason", "Already given this morning by the clinic");
  g_assert_true (kes_store_save_care_record (fixture->store, second, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-21",
                        "outcome", "given", "dose", "40 mg", "site", "Left gluteal", "batch", "FX1236",
                        "given_by", "Alice", NULL));
  /* A dose entered in error does not block the day. */
  g_assert_true (kes_store_mark_care_record_entered_in_error (fixture->store, first, "Wrong patient", &error));
  g_assert_no_error (error);
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-20",
                        "outcome", "given", "dose", "40 mg", "site", "Left gluteal", "batch", "FX1234",
                        "given_by", "Alice", NULL));
}

static void
test_depot_due (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = depot_prescription (fixture);
  const char *id = kes_care_record_get_id (script);
  g_autoptr(GError) error = NULL;

  /* First dose due on the start: overdue by now. */
  assert_one_due (fixture, "2026-11-21", "depot", KES_DUE_OVERDUE, "2026-10-24");
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-07",
                        "outcome", "given", "dose", "40 mg", "site", "Left gluteal",
                        "batch", "FX1234", "given_by", "Alice", NULL));
  /* Next due 14 days after the dose given: soon, today, then overdue the day after. */
  assert_one_due (fixture, "2026-11-14", "depot", KES_DUE_SOON, "2026-11-21");
  assert_none_due (fixture, "2026-11-13", "depot");
  assert_one_due (fixture, "2026-11-21", "depot", KES_DUE_TODAY, "2026-11-21");
  /* Refused, missed and deferred doses do not reset it. */
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-21",
                        "outcome", "refused", "reason", "Wants to talk to the doctor first", NULL));
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-21",
                        "outcome", "deferred", "reason", "Clinic closed; rebooked", NULL));
  assert_one_due (fixture, "2026-11-21", "depot", KES_DUE_TODAY, "2026-11-21");
  assert_one_due (fixture, "2026-11-22", "depot", KES_DUE_OVERDUE, "2026-11-21");
  {
    g_autoptr(GPtrArray) items = due_of_kind (fixture, "2026-11-22", "depot");
    g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Deferred"));
    g_assert_cmpstr (kes_due_item_get_target (items->pdata[0]), ==, "patient/medication");
    g_assert_cmpstr (kes_due_item_get_record_id (items->pdata[0]), ==, id);
  }
  /* Still overdue weeks later: it never drops off by itself. */
  assert_one_due (fixture, "2027-02-01", "depot", KES_DUE_OVERDUE, "2026-11-21");
  /* Given: the next is 14 days on. */
  set_now ("2026-11-23");
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", id, "given_on", "2026-11-23",
                        "outcome", "given", "dose", "40 mg", "site", "Right gluteal",
                        "batch", "FX1235", "given_by", "Alice", NULL));
  assert_none_due (fixture, "2026-11-23", "depot");
  assert_one_due (fixture, "2026-12-07", "depot", KES_DUE_TODAY, "2026-12-07");
  /* Stopping the prescription (with a reason) ends it. */
  kes_care_record_set (script, "stop_date", "2026-11-30");
  kes_care_record_set (script, "stop_reason", "Changed to oral medication");
  g_assert_true (kes_store_save_care_record (fixture->store, script, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_none_due (fixture, "2026-12-07", "depot");
}

/* ZYPADHERA SmPC 4.2 and 4.4 (post-injection syndrome): "After each
 * injection, patients should be observed in a healthcare facility by
 * appropriately qualified personnel for at least 3 hours". The last dose
 * given is work on Today until its observation is recorded; hours short of
 * 3 need a note of what happened (2 refused, 3 and 4 accepted). */
static void
test_depot_observation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = save (fixture, KES_CARE_PRESCRIPTION, "drug", "Olanzapine pamoate",
                                          "category", "depot", "depot_drug", "olanzapine-pamoate",
                                          "dose", "300 mg", "route", "IM", "interval_days", "14",
                                          "prescriber", "Dr Patel", "start_date", "2026-11-21", NULL);
  g_autoptr(KesCareRecord) dose = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  assert_none_due (fixture, "2026-11-21", "depot-observation");
  dose = save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", kes_care_record_get_id (script),
               "given_on", "2026-11-21", "outcome", "given", "dose", "300 mg", "site", "Left gluteal",
               "batch", "ZY1001", "given_by", "Alice", NULL);
  assert_one_due (fixture, "2026-11-21", "depot-observation", KES_DUE_TODAY, "2026-11-21");
  items = due_of_kind (fixture, "2026-11-21", "depot-observation");
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "at least 3 hours"));
  /* Not recorded the next day: still there, overdue. */
  assert_one_due (fixture, "2026-11-22", "depot-observation", KES_DUE_OVERDUE, "2026-11-21");

  kes_care_record_set (dose, "observed_hours", "2");
  g_assert_false (kes_store_save_care_record (fixture->store, dose, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "less than the 3 hours"));
  g_clear_error (&error);
  assert_one_due (fixture, "2026-11-21", "depot-observation", KES_DUE_TODAY, "2026-11-21");
  kes_care_record_set (dose, "observed_hours", "3");
  g_assert_true (kes_store_save_care_record (fixture->store, dose, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_none_due (fixture, "2026-11-21", "depot-observation");
  kes_care_record_set (dose, "observed_hours", "4");
  g_assert_true (kes_store_save_care_record (fixture->store, dose, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  /* Short, with what happened: accepted. */
  kes_care_record_set (dose, "observed_hours", "2");
  kes_care_record_set (dose, "observation_note", "Left against advice after 2 hours; no symptoms; GP told");
  g_assert_true (kes_store_save_care_record (fixture->store, dose, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_none_due (fixture, "2026-11-21", "depot-observation");
}

/* Clozapine SmPC (UK official recommendations) and the DHSC answer of
 * 13 January 2026: "patients must stop clozapine if a red result is
 * obtained and … should not be re-exposed". A red result is due today with
 * that action, never days ahead; a not-to-be-re-challenged record makes a
 * new course need a clinician's reason, which is logged. */
static void
test_clozapine_red (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = save (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine",
                                          "category", "clozapine", "dose", "300 mg",
                                          "prescriber", "Dr Patel", "start_date", "2026-10-01", NULL);
  g_autoptr(KesCareRecord) red = NULL;
  g_autoptr(KesCareRecord) flag = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  /* Baseline due on the start. */
  assert_one_due (fixture, "2026-11-21", "clozapine-fbc", KES_DUE_OVERDUE, "2026-10-01");
  g_object_unref (save (fixture, KES_CARE_FBC, "taken_on", "2026-11-19", "wbc", "6.1", "neutrophils", "3.9", NULL));
  /* Week 7: weekly. */
  assert_one_due (fixture, "2026-11-24", "clozapine-fbc", KES_DUE_SOON, "2026-11-26");
  alerts = kes_store_list_care_alerts (fixture->store, patient_id (fixture), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* A red result: top priority on Today, due today, and an alert on the record. */
  red = save (fixture, KES_CARE_FBC, "taken_on", "2026-11-21", "wbc", "2.8", "neutrophils", "1.6", NULL);
  items = due_of_kind (fixture, "2026-11-21", "clozapine-fbc");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_TOP_PRIORITY);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-11-21");
  g_assert_cmpstr (kes_due_item_get_title (items->pdata[0]), ==, "Red clozapine result on 21 Nov 2026");
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Stop clozapine now"));
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "must not be re-challenged"));
  g_clear_pointer (&items, g_ptr_array_unref);
  alerts = kes_store_list_care_alerts (fixture->store, patient_id (fixture), &error);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_nonnull (strstr (alerts->pdata[0], "Red clozapine result on 21 Nov 2026: Stop clozapine now"));
  g_clear_pointer (&alerts, g_ptr_array_unref);
  /* Seen on later days it is still due today, never days ahead. */
  assert_one_due (fixture, "2026-11-25", "clozapine-fbc", KES_DUE_TOP_PRIORITY, "2026-11-25");

  /* Stopping the prescription does not hide counts that are still red. */
  kes_care_record_set (script, "stop_date", "2026-11-21");
  kes_care_record_set (script, "stop_reason", "Red result");
  g_assert_true (kes_store_save_care_record (fixture->store, script, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_one_due (fixture, "2026-11-21", "clozapine-fbc", KES_DUE_TOP_PRIORITY, "2026-11-21");

  /* Green again: no longer urgent, but tests go on for 4 weeks after stopping. */
  set_now ("2026-11-23");
  g_object_unref (save (fixture, KES_CARE_FBC, "taken_on", "2026-11-22", "wbc", "3.6", "neutrophils", "2.2", NULL));
  items = due_of_kind (fixture, "2026-11-29", "clozapine-fbc");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_TODAY);
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "blood tests go on until 19 Dec 2026"));
  g_clear_pointer (&items, g_ptr_array_unref);
  alerts = kes_store_list_care_alerts (fixture->store, patient_id (fixture), &error);
  g_assert_cmpuint (alerts->len, ==, 0);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* A clinician records that clozapine must not be re-challenged: on the header and on Today. */
  flag = save (fixture, KES_CARE_CLOZAPINE_NO_RECHALLENGE, "decided_on", "2026-11-23",
               "decided_by", "Dr Patel, consultant psychiatrist", "reason", "Red result 21 Nov 2026", NULL);
  alerts = kes_store_list_care_alerts (fixture->store, patient_id (fixture), &error);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_nonnull (strstr (alerts->pdata[0], "Not to be re-challenged with clozapine (recorded 23 Nov 2026 by "
                                              "Dr Patel, consultant psychiatrist)"));
  g_clear_pointer (&alerts, g_ptr_array_unref);
  items = due_of_kind (fixture, "2026-11-29", "clozapine-fbc");
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "not to be re-challenged"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A new course now needs an explicit override with a reason, logged. */
  {
    g_autoptr(KesCareRecord) again = kes_care_record_new (KES_CARE_PRESCRIPTION);
    g_autoptr(GListModel) log = NULL;
    gboolean logged = FALSE;

    kes_care_record_set_patient_id (again, patient_id (fixture));
    kes_care_record_set (again, "drug", "Clozapine");
    kes_care_record_set (again, "category", "clozapine");
    kes_care_record_set (again, "dose", "12.5 mg");
    kes_care_record_set (again, "prescriber", "Dr Patel");
    kes_care_record_set (again, "start_date", "2026-11-23");
    g_assert_false (kes_store_save_care_record (fixture->store, again, KES_CHANGE_EDIT, NULL, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "not to be re-challenged"));
    g_assert_null (kes_care_record_get_id (again));
    g_clear_error (&error);
    kes_care_record_set (again, "rechallenge_reason", "Haematology review: BEN confirmed; benefits outweigh risks");
    g_assert_true (kes_store_save_care_record (fixture->store, again, KES_CHANGE_EDIT, NULL, &error));
    g_assert_no_error (error);
    log = kes_store_list_audit (fixture->store, patient_id (fixture), NULL, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (log); i++)
      {
        g_autoptr(KesAuditEntry) entry = g_list_model_get_item (log, i);
        logged = logged || g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_OVERRIDE);
      }
    g_assert_true (logged);
  }
}

static void
test_clozapine_red_entered_in_error (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = save (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine",
                                          "category", "clozapine", "dose", "300 mg",
                                          "prescriber", "Dr Patel", "start_date", "2025-01-01", NULL);
  g_autoptr(KesCareRecord) red = save (fixture, KES_CARE_FBC, "taken_on", "2026-11-20", "wbc", "3.1",
                                       "neutrophils", "1.4", NULL);
  g_autoptr(GError) error = NULL;

  assert_one_due (fixture, "2026-11-21", "clozapine-fbc", KES_DUE_TOP_PRIORITY, "2026-11-21");
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_care_record_get_id (red),
                                                  kes_care_record_get_revision (red),
                                                  "Another patient's result", &error));
  g_assert_no_error (error);
  /* Without it the baseline is overdue again: a result is still needed. */
  assert_one_due (fixture, "2026-11-21", "clozapine-fbc", KES_DUE_OVERDUE, "2025-01-01");
  /* Amber: twice weekly. */
  g_object_unref (save (fixture, KES_CARE_FBC, "taken_on", "2026-11-21", "wbc", "3.2", "neutrophils", "2.5", NULL));
  assert_one_due (fixture, "2026-11-21", "clozapine-fbc", KES_DUE_SOON, "2026-11-24");
}

static void
test_lithium_and_physical_health (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (save (fixture, KES_CARE_PRESCRIPTION, "drug", "Lithium carbonate", "category", "lithium",
                        "dose", "800 mg", "prescriber", "Dr Patel", "start_date", "2026-11-01", NULL));
  g_object_unref (save (fixture, KES_CARE_LITHIUM_LEVEL, "taken_on", "2026-11-10", "level", "0.7", NULL));
  assert_one_due (fixture, "2026-11-21", "lithium-level", KES_DUE_OVERDUE, "2026-11-17");
  /* The 6-monthly checks while on lithium, each its own item, due before starting. */
  assert_one_due (fixture, "2026-11-21", "lithium-egfr", KES_DUE_OVERDUE, "2026-11-01");
  assert_one_due (fixture, "2026-11-21", "lithium-thyroid", KES_DUE_OVERDUE, "2026-11-01");
  /* A toxic level (SPS: "approximately 1.5 mmol/L and above") is due today
   * with the action, never a week ahead. */
  g_object_unref (save (fixture, KES_CARE_LITHIUM_LEVEL, "taken_on", "2026-11-20", "level", "1.6", NULL));
  assert_one_due (fixture, "2026-11-21", "lithium-level", KES_DUE_TOP_PRIORITY, "2026-11-21");
  assert_one_due (fixture, "2026-11-23", "lithium-level", KES_DUE_TOP_PRIORITY, "2026-11-23");
  alerts = kes_store_list_care_alerts (fixture->store, patient_id (fixture), &error);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_nonnull (strstr (alerts->pdata[0], "1.60 mmol/L"));

  /* An antipsychotic started: every NICE baseline is due. */
  g_object_unref (save (fixture, KES_CARE_PRESCRIPTION, "drug", "Aripiprazole", "category", "antipsychotic",
                        "dose", "10 mg", "prescriber", "Dr Patel", "start_date", "2026-11-01", NULL));
  items = due_of_kind (fixture, "2026-11-21", "physical-health");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (kes_due_item_get_urgency (items->pdata[0]), ==, KES_DUE_OVERDUE);
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-11-01");
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Lipids"));
  /* NICE CG178 1.3.6.1: prolactin before starting; no ECG unless one is indicated. */
  g_assert_nonnull (strstr (kes_due_item_get_detail (items->pdata[0]), "Prolactin"));
  g_assert_null (strstr (kes_due_item_get_detail (items->pdata[0]), "ECG"));
  g_clear_pointer (&items, g_ptr_array_unref);
  /* All done today: only the weekly weight stays in view. */
  g_object_unref (save (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", "2026-11-21", "weight_kg", "92.4",
                        "height_cm", "178", "waist_cm", "101", "systolic", "132", "diastolic", "84",
                        "pulse", "78", "hba1c", "41", "cholesterol", "5.2", "prolactin", "310",
                        "smoking", "current", NULL));
  items = due_of_kind (fixture, "2026-11-21", "physical-health");
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (kes_due_item_get_detail (items->pdata[0]), ==, "Weight and BMI");
  g_assert_cmpstr (kes_due_item_get_due_date (items->pdata[0]), ==, "2026-11-29");
}

static void
test_cpa_reviews (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KesCareRecord) booked = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (save (fixture, KES_CARE_CARE_PLAN, "start_date", "2025-11-01", "needs", "Medication",
                        "goals", "Keep my flat", "interventions", "Depot clinic", "responsible", "Alice",
                        "review_date", "2026-11-01", "s117_status", "receiving", NULL));
  assert_one_due (fixture, "2026-11-21", "cpa-review", KES_DUE_OVERDUE, "2026-11-01");
  /* A review booked for later does not hide the overdue one; cancelling moves nothing. */
  booked = save (fixture, KES_CARE_CPA_REVIEW, "status", "scheduled", "scheduled_for", "2026-12-01", NULL);
  assert_one_due (fixture, "2026-11-21", "cpa-review", KES_DUE_OVERDUE, "2026-11-01");
  kes_care_record_set (booked, "status", "cancelled");
  kes_care_record_set (booked, "cancel_reason", "Consultant off sick");
  g_assert_true (kes_store_save_care_record (fixture->store, booked, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_one_due (fixture, "2026-11-21", "cpa-review", KES_DUE_OVERDUE, "2026-11-01");

  /* Held with the carer: the next is a year on; validation is due within the hours set. */
  kes_care_record_set (booked, "status", "held");
  kes_care_record_set (booked, "held_on", "2026-11-21");
  kes_care_record_set (booked, "attendees", "Sam, Alice (CPN), Dr Patel, Sam's mother (carer)");
  kes_care_record_set_bool (booked, "carer_attended", TRUE);
  kes_care_record_set (booked, "outcomes", "Continue depot; start work placement");
  g_assert_true (kes_store_save_care_record (fixture->store, booked, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_none_due (fixture, "2026-11-21", "cpa-review");
  assert_one_due (fixture, "2026-11-21", "cpa-validation", KES_DUE_SOON, "2026-11-24");
  assert_one_due (fixture, "2027-11-21", "cpa-review", KES_DUE_TODAY, "2027-11-21");
  kes_care_record_set (booked, "status", "validated");
  kes_care_record_set (booked, "validated_on", "2026-11-21");
  g_assert_true (kes_store_save_care_record (fixture->store, booked, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  assert_none_due (fixture, "2026-11-21", "cpa-validation");
}

/* Entered in error from the UI goes through core: a reason is required,
 * the user must be able to edit the record, and the record leaves the
 * lists and Today but stays in the history. */
static void
test_mark_entered_in_error (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesCareRecord) review = NULL;
  g_autoptr(KesCareRecord) check = save (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", "2026-11-20",
                                         "weight_kg", "92", NULL);
  g_autoptr(KesCareRecord) stale = kes_store_load_care_record (fixture->store, kes_care_record_get_id (check),
                                                              NULL);
  g_autoptr(GListModel) active = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_auto(GStrv) roles = kes_roles_parse (KES_ROLE_ADMINISTRATOR);
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_store_mark_care_record_entered_in_error (fixture->store, check, "  ", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  /* An administrator does not edit clinical records. */
  admin = kes_test_account_titled (fixture->store, "root", "Ada Admin", "", "North",
                                   NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  g_assert_true ((kes_test_set_role_list (fixture->store, admin, (const char * const *) roles), TRUE));
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, admin);
  g_assert_false (kes_store_mark_care_record_entered_in_error (fixture->store, check, "Wrong patient", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_store_set_actor (fixture->store, fixture->alice);

  g_assert_true (kes_store_mark_care_record_entered_in_error (fixture->store, check, "Wrong patient", &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_care_record_get_state (check), ==, KES_RECORD_ENTERED_IN_ERROR);
  active = kes_store_list_care_records (fixture->store, patient_id (fixture), KES_CARE_PHYSICAL_HEALTH,
                                        FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (active), ==, 0);
  all = kes_store_list_care_records (fixture->store, patient_id (fixture), KES_CARE_PHYSICAL_HEALTH,
                                     TRUE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 1);
  revisions = kes_store_list_revisions (fixture->store, kes_care_record_get_id (check), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);

  /* Someone else's copy, loaded before the marking, is now stale. */
  g_assert_false (kes_store_mark_care_record_entered_in_error (fixture->store, stale, "Again", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A review is validated on or after the day it was held. */
  review = kes_care_record_new (KES_CARE_CPA_REVIEW);
  kes_care_record_set_patient_id (review, patient_id (fixture));
  kes_care_record_set (review, "status", "validated");
  kes_care_record_set (review, "scheduled_for", "2026-11-18");
  kes_care_record_set (review, "held_on", "2026-11-18");
  kes_care_record_set (review, "attendees", "Sam, Alice");
  kes_care_record_set (review, "outcomes", "Continue");
  kes_care_record_set (review, "validated_on", "2026-11-17");
  g_assert_false (kes_store_save_care_record (fixture->store, review, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Date validated"));
  g_assert_cmpstr (kes_care_record_get (review, "validated_on"), ==, "2026-11-17");
}

/* The value of the line labelled @label in @section, or NULL. */
static const char *
essential (KesCrisisEssentials  *essentials,
           KesEssentialsSection  section,
           const char           *label)
{
  GPtrArray *lines = essentials->sections[section];

  for (guint i = 0; i < lines->len; i++)
    {
      KesEssentialLine *line = g_ptr_array_index (lines, i);
      if (g_str_equal (line->label, label))
        return line->value;
    }
  return NULL;
}

static KesCrisisEssentials *
essentials_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KesCrisisEssentials *essentials = kes_store_crisis_essentials (fixture->store, patient_id (fixture), &error);

  g_assert_no_error (error);
  g_assert_nonnull (essentials);
  for (guint i = 0; i < KES_ESSENTIALS_N_SECTIONS; i++)
    g_assert_cmpuint (essentials->sections[i]->len, >, 0);
  return essentials;
}

static KesFieldRecord *
save_carer_record (Fixture             *fixture,
                   const KesRecordKind *kind,
                   ...)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *record = kes_field_record_new (kind);
  const char *key;
  va_list args;

  if (kind->per_patient)
    kes_field_record_set_patient_id (record, patient_id (fixture));
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_field_record_set_text (record, key, va_arg (args, const char *));
  va_end (args);
  g_assert_true (kes_store_save_carer_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return record;
}

/* The crisis plan's forensic essentials come from the record as it stands. */
static void
test_crisis_essentials (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesCrisisEssentials) empty = essentials_now (fixture);
  g_autoptr(KesCrisisEssentials) full = NULL;
  g_autoptr(KesCrisisEssentials) withdrawn = NULL;
  g_autoptr(KesStaff) rc = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, patient_id (fixture));
  g_autoptr(KesMojRecord) victims = kes_moj_record_new (KES_MOJ_CONDITION, patient_id (fixture));
  g_autoptr(KesMojRecord) ended = kes_moj_record_new (KES_MOJ_CONDITION, patient_id (fixture));
  g_autoptr(KesCareRecord) depot = NULL;
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(KesFieldRecord) consent = NULL;
  const char *scope[] = { "medication", "risk-plan", NULL };
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  const char *value;

  /* Nothing recorded yet: every section says so rather than staying blank. */
  g_assert_cmpstr (empty->taken_on, ==, "2026-11-21");
  g_assert_nonnull (essential (empty, KES_ESSENTIALS_MEDICATION, "Current medication"));
  g_assert_cmpstr (essential (empty, KES_ESSENTIALS_CARERS, "Carers"), ==, "No carers recorded");
  g_assert_nonnull (essential (empty, KES_ESSENTIALS_RISK, "Risk to others"));
  /* National numbers from the service directory are always there. */
  g_assert_cmpuint (empty->sections[KES_ESSENTIALS_SERVICES]->len, >, 0);

  rc = kes_test_account_titled (fixture->store, "rpatel", "Dr Ruth Patel", "Consultant psychiatrist", "North",
                                "01632 960111", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_patient_set_text (fixture->patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (rc));
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2019-06-01");
  kes_moj_record_set_text (status, "order_date", "2019-06-01");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2024-02-03");
  kes_moj_record_set_text (status, "mappa_category", "2");
  kes_moj_record_set_text (status, "mappa_level", "1");
  kes_moj_record_set_text (status, "vlo", "Jo Hart, Victim Liaison, 01632 960222");
  kes_moj_record_set_text (status, "exclusion_zones", "Must not enter Thorpe ward");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_moj_record_set_text (victims, "category", "victims");
  kes_moj_record_set_text (victims, "wording", "No contact with the victim or her family");
  kes_moj_record_set_text (victims, "start_date", "2024-02-03");
  g_assert_true (kes_store_save_moj_record (fixture->store, victims, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_moj_record_set_text (ended, "category", "residence");
  kes_moj_record_set_text (ended, "wording", "Reside at Elm House hostel");
  kes_moj_record_set_text (ended, "start_date", "2024-02-03");
  kes_moj_record_set_text (ended, "end_date", "2025-01-31");
  g_assert_true (kes_store_save_moj_record (fixture->store, ended, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  depot = depot_prescription (fixture);
  g_object_unref (save (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", kes_care_record_get_id (depot),
                        "given_on", "2026-10-20", "outcome", "given", "dose", "150 mg", "site", "left gluteal",
                        "batch", "B1", "given_by", "Alice", NULL));
  g_object_unref (save (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine", "category", "clozapine",
                        "dose", "300 mg", "prescriber", "Dr Patel", "start_date", "2025-01-01", NULL));
  g_object_unref (save (fixture, KES_CARE_FBC, "taken_on", "2026-11-18", "wbc", "5.1", "neutrophils", "3.2",
                        NULL));

  carer = save_carer_record (fixture, &kes_carer_kind, "name", "Grace Okafor", "phone", "07700 900123", NULL);
  g_object_unref (save_carer_record (fixture, &kes_carer_link_kind, "carer_id", kes_field_record_get_id (carer),
                                     "relationship", "sister", NULL));
  consent = kes_field_record_new (&kes_carer_consent_kind);
  kes_field_record_set_patient_id (consent, patient_id (fixture));
  kes_field_record_set_text (consent, "carer_id", kes_field_record_get_id (carer));
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "2026-11-03");
  kes_field_record_set_text (consent, "review_date", "2027-05-03");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  full = essentials_now (fixture);
  value = essential (full, KES_ESSENTIALS_LEGAL, "Legal status in force");
  g_assert_nonnull (strstr (value, "Section 37 with section 41 restrictions"));
  g_assert_nonnull (strstr (value, "conditionally discharged 3 Feb 2024"));
  g_assert_cmpstr (essential (full, KES_ESSENTIALS_LEGAL, "MHCS reference"), ==, "MHCS/2019/4411");
  g_assert_cmpstr (essential (full, KES_ESSENTIALS_LEGAL, "Responsible clinician"), ==,
                   "Dr Ruth Patel, Consultant psychiatrist · 01632 960111");
  g_assert_nonnull (strstr (essential (full, KES_ESSENTIALS_RISK, "MAPPA"), "Level 1"));
  g_assert_nonnull (essential (full, KES_ESSENTIALS_RISK, "Victim Liaison Officer"));
  g_assert_cmpstr (essential (full, KES_ESSENTIALS_RISK, "Condition of discharge: Victims and exclusion zones"),
                   ==, "No contact with the victim or her family");
  /* A condition that has ended is not listed. */
  g_assert_null (essential (full, KES_ESSENTIALS_RISK, "Condition of discharge: Residence"));
  g_assert_null (essential (full, KES_ESSENTIALS_RISK, "Risk to others"));

  value = essential (full, KES_ESSENTIALS_MEDICATION, "Depot: Flupentixol decanoate");
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, "last given 20 Oct 2026"));
  g_assert_nonnull (strstr (value, "next due 3 Nov 2026 (overdue)"));
  g_assert_nonnull (strstr (essential (full, KES_ESSENTIALS_MEDICATION, "Latest clozapine blood result"),
                            "Green"));
  g_assert_nonnull (strstr (essential (full, KES_ESSENTIALS_MEDICATION, "Clozapine treatment breaks"),
                            "48 hours"));

  value = essential (full, KES_ESSENTIALS_CARERS, "Grace Okafor (sister)");
  g_assert_nonnull (value);
  g_assert_nonnull (strstr (value, "07700 900123"));
  g_assert_nonnull (strstr (value, "Consent given on 3 Nov 2026"));
  g_assert_nonnull (strstr (value, "Medication"));
  g_assert_nonnull (strstr (value, "Risk and safety plan: may be discussed"));
  note = kes_crisis_essentials_dup_note (full);
  g_assert_cmpstr (note, ==, "Taken from the record on 21 Nov 2026");

  /* Consent withdrawn: the plan says so the next time it is read. */
  kes_field_record_set_text (consent, "status", "withdrawn");
  kes_field_record_set_text (consent, "decided_on", "2026-11-21");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  withdrawn = essentials_now (fixture);
  value = essential (withdrawn, KES_ESSENTIALS_CARERS, "Grace Okafor (sister)");
  g_assert_nonnull (strstr (value, "Consent withdrawn on 21 Nov 2026: general information only"));
  g_assert_nonnull (strstr (value, "Risk and safety plan: may not be discussed"));

  /* A liaison and diversion practitioner reads clinical records but not
   * carers': the section says so instead of listing nobody. */
  {
    g_autoptr(KesStaff) liaison = kes_test_account_titled (fixture->store, "lee", "Lee Liaison", "", "North",
                                                           NULL, KES_TEST_ALL_ROLES);
    g_auto(GStrv) roles = kes_roles_parse (KES_ROLE_LIAISON_DIVERSION);
    g_autoptr(KesCrisisEssentials) limited = NULL;

    g_assert_no_error (error);
    g_assert_true ((kes_test_set_role_list (fixture->store, liaison, (const char * const *) roles), TRUE));
    g_assert_no_error (error);
    kes_store_set_actor (fixture->store, liaison);
    limited = essentials_now (fixture);
    g_assert_cmpstr (essential (limited, KES_ESSENTIALS_CARERS, "Carers"), ==,
                     "Not shown: your role cannot see carers' records");
    g_assert_null (essential (limited, KES_ESSENTIALS_CARERS, "Grace Okafor (sister)"));
    g_assert_nonnull (essential (limited, KES_ESSENTIALS_LEGAL, "MHCS reference"));
    kes_store_set_actor (fixture->store, fixture->alice);
  }
}

static void
test_team_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KesCareRecord) script = depot_prescription (fixture);
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GError) error = NULL;
  g_autoptr(KesTeam) north = kes_store_find_team (fixture->store, "North");
  g_autoptr(KesTeam) south = kes_store_find_team (fixture->store, "South");
  g_autoptr(GPtrArray) mine = kes_store_list_due (fixture->store, today, kes_team_get_id (north), &error);
  g_autoptr(GPtrArray) theirs = kes_store_list_due (fixture->store, today, kes_team_get_id (south), &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, >=, 1);
  g_assert_cmpuint (theirs->len, ==, 0);
  g_assert_cmpstr (kes_due_item_get_patient_name (mine->pdata[0]), ==, "OKAFOR, Sam");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/community/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/community/validation", test_validation);
  g_test_add_func ("/community/json-round-trip", test_json_round_trip);
  g_test_add_func ("/community/blood-pressure-order", test_blood_pressure_order);
  g_test_add_func ("/community/care-plan-dates-in-order", test_care_plan_dates_in_order);
  ADD ("depot-duplicate-dose", test_depot_duplicate_dose);
  ADD ("failed-save-keeps-input", test_failed_save_keeps_input);
  ADD ("revisions-and-list", test_revisions_and_list);
  ADD ("depot-due", test_depot_due);
  ADD ("depot-observation", test_depot_observation);
  ADD ("clozapine-red", test_clozapine_red);
  ADD ("clozapine-red-entered-in-error", test_clozapine_red_entered_in_error);
  ADD ("lithium-and-physical-health", test_lithium_and_physical_health);
  ADD ("cpa-reviews", test_cpa_reviews);
  ADD ("team-filter", test_team_filter);
  ADD ("mark-entered-in-error", test_mark_entered_in_error);
  ADD ("crisis-essentials", test_crisis_essentials);

#undef ADD
  return g_test_run ();
}
