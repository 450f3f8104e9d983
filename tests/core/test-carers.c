/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-due.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Carers: consent to share decides what may be discussed, withdrawal takes
 * effect at once, the sharing log, assessments, Today and permissions. */

typedef struct
{
  KesStore   *store;
  KesStaff   *alice; /* North, clinician */
  KesStaff   *carla; /* North, carers' liaison */
  KesPatient *patient;
  char       *carer_id;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
set_roles (Fixture    *fixture,
           KesStaff   *staff,
           const char *roles)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = kes_roles_parse (roles);

  g_assert_true ((kes_test_set_role_list (fixture->store, staff, (const char * const *) list), TRUE));
  g_assert_no_error (error);
}

static KesFieldRecord *
new_carer (Fixture    *fixture,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *carer = kes_field_record_new (&kes_carer_kind);

  kes_field_record_set_text (carer, "name", name);
  kes_field_record_set_text (carer, "phone", "01603 000000");
  kes_field_record_set_text (carer, "preferred_contact", "phone");
  kes_field_record_set_text (carer, "named_contact_id", kes_staff_get_id (fixture->carla));
  g_assert_true (kes_store_save_carer_record (fixture->store, carer, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return carer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) carer = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->carla = kes_test_account_titled (fixture->store, "carla", "Carla Carter", "Carers’ lead", "North", NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->alice);

  fixture->patient = kes_patient_new ();
  kes_patient_set_text (fixture->patient, KES_PATIENT_FAMILY_NAME, "Okafor");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GIVEN_NAME, "Daniel");
  kes_patient_set_text (fixture->patient, KES_PATIENT_BIRTH_DATE, "1985-06-02");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ETHNICITY, "N");
  kes_patient_set_text (fixture->patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  carer = new_carer (fixture, "Grace Okafor");
  fixture->carer_id = g_strdup (kes_field_record_get_id (carer));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->carer_id, g_free);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->carla);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static KesFieldRecord *
record_consent (Fixture            *fixture,
                const char * const *scope,
                const char         *review_date)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *consent = kes_field_record_new (&kes_carer_consent_kind);

  kes_field_record_set_patient_id (consent, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (consent, "carer_id", fixture->carer_id);
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "03/11/2026");
  kes_field_record_set_text (consent, "review_date", review_date);
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return consent;
}

static GPtrArray *
letter_sections (void)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_carer_section_free);

  g_ptr_array_add (sections, kes_carer_section_new ("general", "How to reach the team", "Call the duty worker."));
  g_ptr_array_add (sections, kes_carer_section_new ("medication", "Medication", "Depot every four weeks."));
  g_ptr_array_add (sections, kes_carer_section_new ("diagnosis", "Diagnosis", "Paranoid schizophrenia."));
  g_ptr_array_add (sections, kes_carer_section_new ("appointments", "Next appointment", "CPA review on 2 Dec."));
  return sections;
}

static void
test_decision_pure (void)
{
  g_autoptr(KesFieldRecord) consent = kes_field_record_new (&kes_carer_consent_kind);
  const char *scope[] = { "medication", "appointments", NULL };

  /* No consent: general information only. */
  g_assert_cmpint (kes_carer_share_decision (NULL, "general"), ==, KES_SHARE_GENERAL);
  g_assert_cmpint (kes_carer_share_decision (NULL, "diagnosis"), ==, KES_SHARE_NO_CONSENT);

  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "2026-11-03");
  g_assert_cmpint (kes_carer_share_decision (consent, "medication"), ==, KES_SHARE_CONSENTED);
  g_assert_cmpint (kes_carer_share_decision (consent, "diagnosis"), ==, KES_SHARE_OUT_OF_SCOPE);
  g_assert_false (kes_share_decision_allows (KES_SHARE_OUT_OF_SCOPE));

  kes_field_record_set_text (consent, "status", "refused");
  g_assert_cmpint (kes_carer_share_decision (consent, "medication"), ==, KES_SHARE_REFUSED);
  g_assert_cmpint (kes_carer_share_decision (consent, "general"), ==, KES_SHARE_GENERAL);

  {
    g_autofree char *why = NULL;
    kes_field_record_set_text (consent, "status", "withdrawn");
    why = kes_carer_share_explain (consent, "medication");
    g_assert_cmpstr (why, ==, "Medication: may not be discussed (consent withdrawn on 3 Nov 2026)");
  }
}

/* The carer view and a carer-facing letter show only what consent allows. */
static void
test_scope_filters_letter (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *scope[] = { "medication", "appointments", NULL };
  g_autoptr(KesFieldRecord) consent = record_consent (fixture, scope, "2027-05-03");
  g_autoptr(GPtrArray) sections = letter_sections ();
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_auto(GStrv) withheld = NULL;
  g_auto(GStrv) withheld_without = NULL;
  g_auto(GStrv) shareable = NULL;

  shown = kes_carer_filter_sections (consent, sections, &withheld);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpstr (((KesCarerSection *) shown->pdata[0])->category, ==, "general");
  g_assert_cmpstr (((KesCarerSection *) shown->pdata[1])->category, ==, "medication");
  g_assert_cmpstr (((KesCarerSection *) shown->pdata[2])->category, ==, "appointments");
  g_assert_cmpuint (g_strv_length (withheld), ==, 1);
  g_assert_cmpstr (withheld[0], ==, "Diagnosis");

  shareable = kes_carer_shareable_categories (consent);
  g_assert_cmpuint (g_strv_length (shareable), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) shareable, "general"));

  /* Without any consent only general information is left. */
  none = kes_carer_filter_sections (NULL, sections, &withheld_without);
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpuint (g_strv_length (withheld_without), ==, 3);
}

static void
test_withdrawal_at_once (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *scope[] = { "medication", "diagnosis", NULL };
  const char *medication[] = { "medication", NULL };
  g_autoptr(KesFieldRecord) consent = record_consent (fixture, scope, "2027-05-03");
  g_autoptr(KesFieldRecord) share = kes_field_record_new (&kes_carer_share_kind);
  g_autoptr(KesFieldRecord) late = kes_field_record_new (&kes_carer_share_kind);
  g_autoptr(KesFieldRecord) current = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_auto(GStrv) shareable = NULL;

  kes_field_record_set_patient_id (share, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (share, "carer_id", fixture->carer_id);
  kes_field_record_set_text (share, "shared_on", "2026-11-20");
  kes_field_record_set_list (share, "categories", medication);
  kes_field_record_set_text (share, "summary", "Explained the change of depot.");
  g_assert_true (kes_store_save_carer_record (fixture->store, share, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (share, "basis"), ==, "consent");
  g_assert_cmpstr (kes_field_record_get_text (share, "consent_id"), ==, kes_field_record_get_id (consent));
  g_assert_cmpstr (kes_field_record_get_text (share, "consent_revision"), ==, "1");
  g_assert_cmpstr (kes_field_record_get_text (share, "shared_by"), ==, kes_staff_get_id (fixture->alice));

  /* The patient withdraws consent: the very next share is refused. */
  kes_field_record_set_text (consent, "status", "withdrawn");
  kes_field_record_set_text (consent, "decided_on", "2026-11-21");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_field_record_get_revision (consent), ==, 2);

  current = kes_store_find_carer_consent (fixture->store, kes_patient_get_id (fixture->patient),
                                          fixture->carer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (current, "status"), ==, "withdrawn");
  shareable = kes_carer_shareable_categories (current);
  g_assert_cmpuint (g_strv_length (shareable), ==, 1);
  g_assert_cmpstr (shareable[0], ==, "general");

  kes_field_record_set_patient_id (late, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (late, "carer_id", fixture->carer_id);
  kes_field_record_set_text (late, "shared_on", "2026-11-21");
  kes_field_record_set_list (late, "categories", medication);
  kes_field_record_set_text (late, "summary", "Depot dose.");
  g_assert_false (kes_store_save_carer_record (fixture->store, late, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "consent withdrawn on 21 Nov 2026"));
  g_clear_error (&error);

  /* General information still may be logged, under no consent. */
  {
    const char *general[] = { "general", NULL };
    kes_field_record_set_list (late, "categories", general);
    kes_field_record_set_text (late, "summary", "How to ask for a carer's assessment.");
    g_assert_true (kes_store_save_carer_record (fixture->store, late, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (kes_field_record_get_text (late, "basis"), ==, "general");
    g_assert_cmpstr (kes_field_record_get_text (late, "consent_id"), ==, "");
  }

  log = kes_store_list_carer_records (fixture->store, &kes_carer_share_kind, fixture->carer_id,
                                      kes_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (kes_field_record_get_text (log->pdata[0], "shared_on"), ==, "2026-11-21");

  /* The log is append-only. */
  g_assert_false (kes_store_save_carer_record (fixture->store, share, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

static void
test_consent_rules (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) consent = kes_field_record_new (&kes_carer_consent_kind);
  const char *general[] = { "general", NULL };
  const char *scope[] = { "care-plan", NULL };

  kes_field_record_set_patient_id (consent, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (consent, "carer_id", fixture->carer_id);
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", general);
  kes_field_record_set_text (consent, "decided_on", "2026-11-03");
  kes_field_record_set_text (consent, "review_date", "2027-05-03");
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "What may be shared"));
  g_clear_error (&error);

  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "review_date", "2026-10-01");
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Review date can’t be before date of the decision");
  g_clear_error (&error);

  kes_field_record_set_text (consent, "review_date", "2027-05-03");
  kes_field_record_set_text (consent, "decided_on", "2026-12-25");
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Date of the decision 25 Dec 2026 is in the future");
  g_clear_error (&error);

  kes_field_record_set_text (consent, "decided_on", "2026-11-03");
  kes_field_record_set_text (consent, "status", "perhaps");
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Consent: “perhaps” is not one of the choices");
  g_clear_error (&error);

  kes_field_record_set_text (consent, "status", "given");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (consent, "recorded_by"), ==, kes_staff_get_id (fixture->alice));

  /* A second consent record for the same pair is refused. */
  {
    g_autoptr(KesFieldRecord) second = kes_field_record_copy (consent);
    kes_field_record_set_identity (second, NULL, 0, KES_RECORD_ACTIVE);
    g_assert_false (kes_store_save_carer_record (fixture->store, second, KES_CHANGE_CREATE, NULL, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Refusing clears the scope. */
  kes_field_record_set_text (consent, "status", "refused");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) left = kes_field_record_dup_list (consent, "scope");
    g_assert_cmpuint (g_strv_length (left), ==, 0);
  }
}

static void
test_assessment_and_today (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
  const char *scope[] = { "care-plan", NULL };
  const char *outcomes[] = { "work", "recreation", NULL };
  g_autoptr(KesFieldRecord) consent = record_consent (fixture, scope, "2026-11-30");
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) south = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  gboolean saw_consent = FALSE, saw_assessment = FALSE;

  kes_field_record_set_text (assessment, "carer_id", fixture->carer_id);
  kes_field_record_set_patient_id (assessment, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (assessment, "status", "completed");
  kes_field_record_set_text (assessment, "offered_on", "2026-05-01");
  kes_field_record_set_text (assessment, "assessed_on", "2026-05-20");
  g_assert_false (kes_store_save_carer_record (fixture->store, assessment, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Review date is required for a completed assessment");
  g_clear_error (&error);

  kes_field_record_set_text (assessment, "review_date", "2026-11-15");
  kes_field_record_set_bool (assessment, "needs_from_caring", TRUE);
  kes_field_record_set_list (assessment, "outcomes_unachievable", outcomes);
  kes_field_record_set_bool (assessment, "significant_impact", TRUE);
  kes_field_record_set_text (assessment, "support_plan", "Respite one weekend a month.");
  g_assert_true (kes_store_save_carer_record (fixture->store, assessment, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_field_record_get_bool (assessment, "eligible"));

  /* Signing means the signer: the password again; a signature supplied
   * with a save is dropped, and saving again takes a sign-off away. */
  g_assert_cmpstr (kes_field_record_get_text (assessment, "signed_at"), ==, "");
  g_assert_false (kes_store_sign_carer_assessment (fixture->store, assessment, "not my password", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpstr (kes_field_record_get_text (assessment, "signed_at"), ==, "");
  g_assert_true (kes_store_sign_carer_assessment (fixture->store, assessment, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (assessment, "signed_by"), ==,
                   kes_staff_get_id (kes_store_get_actor (fixture->store)));
  g_assert_cmpstr (kes_field_record_get_text (assessment, "signed_at"), ==, "2026-11-21T09:00:00Z");
  kes_field_record_set_text (assessment, "support_plan", "Respite two weekends a month.");
  g_assert_true (kes_store_save_carer_record (fixture->store, assessment, KES_CHANGE_EDIT, NULL, &error));
  g_assert_cmpstr (kes_field_record_get_text (assessment, "signed_at"), ==, "");
  {
    g_autoptr(KesFieldRecord) offered = kes_field_record_new (&kes_carer_assessment_kind);

    kes_field_record_set_text (offered, "carer_id", fixture->carer_id);
    kes_field_record_set_text (offered, "status", "offered");
    kes_field_record_set_text (offered, "offered_on", "2026-11-01");
    kes_field_record_set_text (offered, "signed_at", "2026-01-01T00:00:00Z");
    g_assert_true (kes_store_save_carer_record (fixture->store, offered, KES_CHANGE_CREATE, NULL, &error));
    g_assert_cmpstr (kes_field_record_get_text (offered, "signed_at"), ==, "");
    g_assert_false (kes_store_sign_carer_assessment (fixture->store, offered, KES_TEST_PASSWORD, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
    g_clear_error (&error);
  }

  kes_field_record_set_bool (assessment, "significant_impact", FALSE);
  g_assert_false (kes_carer_assessment_is_eligible (assessment));

  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      KesDueItem *item = due->pdata[i];
      if (g_str_equal (kes_due_item_get_kind (item), "carer-consent-review"))
        {
          saw_consent = TRUE;
          g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_SOON);
          g_assert_cmpstr (kes_due_item_get_title (item), ==, "Review consent to share with Grace Okafor");
          g_assert_cmpstr (kes_due_item_get_record_id (item), ==, kes_field_record_get_id (consent));
        }
      else if (g_str_equal (kes_due_item_get_kind (item), "carer-assessment-review"))
        {
          saw_assessment = TRUE;
          g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_OVERDUE);
          g_assert_cmpstr (kes_due_item_get_patient_name (item), ==, "OKAFOR, Daniel");
        }
    }
  g_assert_true (saw_consent);
  g_assert_true (saw_assessment);

  /* Another team's Today doesn't show them. */
  {
    g_autoptr(KesTeam) team = kes_store_find_team (fixture->store, "South");
    south = kes_store_list_due (fixture->store, today, kes_team_get_id (team), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (south->len, ==, 0);
  }

  carers = kes_store_list_carers (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carers->len, ==, 1);
}

/* The consent and carer's assessment reviews on Today stay however long
 * they are overdue, and go only when the review is recorded or the record
 * is closed with a reason. */
static guint
count_due (Fixture    *fixture,
           const char *iso,
           const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_date_from_iso (iso);
  g_autoptr(GPtrArray) due = kes_store_list_due (fixture->store, today, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (g_str_equal (kes_due_item_get_kind (due->pdata[i]), kind))
      n++;
  return n;
}

static void
test_reviews_stay_until_done (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *scope[] = { "care-plan", NULL };
  g_autoptr(KesFieldRecord) consent = record_consent (fixture, scope, "2026-11-30");
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
  g_autoptr(KesFieldRecord) later = NULL;

  kes_field_record_set_text (assessment, "carer_id", fixture->carer_id);
  kes_field_record_set_patient_id (assessment, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (assessment, "status", "completed");
  kes_field_record_set_text (assessment, "offered_on", "2026-05-01");
  kes_field_record_set_text (assessment, "assessed_on", "2026-05-20");
  kes_field_record_set_text (assessment, "review_date", "2026-11-15");
  g_assert_true (kes_store_save_carer_record (fixture->store, assessment, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* Both appear, and are still there two years on. */
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-consent-review"), ==, 1);
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-assessment-review"), ==, 1);
  g_assert_cmpuint (count_due (fixture, "2028-11-21", "carer-consent-review"), ==, 1);
  g_assert_cmpuint (count_due (fixture, "2028-11-21", "carer-assessment-review"), ==, 1);

  /* The consent reviewed: a new decision with the next review date. */
  kes_field_record_set_text (consent, "decided_on", "2026-11-20");
  kes_field_record_set_text (consent, "review_date", "2027-11-20");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-consent-review"), ==, 0);
  /* Closed: the consent withdrawn (a decision, dated); nothing to review. */
  kes_field_record_set_text (consent, "status", "withdrawn");
  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_due (fixture, "2028-11-21", "carer-consent-review"), ==, 0);

  /* The assessment reviewed: a later completed one. */
  later = kes_field_record_copy (assessment);
  kes_field_record_set_identity (later, NULL, 0, KES_RECORD_ACTIVE);
  kes_field_record_set_text (later, "offered_on", "2026-11-01");
  kes_field_record_set_text (later, "assessed_on", "2026-11-18");
  kes_field_record_set_text (later, "review_date", "2027-11-18");
  g_assert_true (kes_store_save_carer_record (fixture->store, later, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-assessment-review"), ==, 0);
  /* That one entered in error, with its reason: the earlier review is
   * due again; the earlier one withdrawn too, nothing is left to review. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_field_record_get_id (later),
                                                  kes_field_record_get_revision (later),
                                                  "Recorded for the wrong carer", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-assessment-review"), ==, 1);
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_field_record_get_id (assessment),
                                                  kes_field_record_get_revision (assessment),
                                                  "Recorded for the wrong carer", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_due (fixture, "2026-11-21", "carer-assessment-review"), ==, 0);
}

static void
test_links_and_history (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  g_autoptr(KesFieldRecord) again = NULL;
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) history = NULL;

  kes_field_record_set_patient_id (link, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (link, "carer_id", fixture->carer_id);
  kes_field_record_set_text (link, "relationship", "Mother");
  g_assert_true (kes_store_save_carer_record (fixture->store, link, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  again = kes_field_record_copy (link);
  kes_field_record_set_identity (again, NULL, 0, KES_RECORD_ACTIVE);
  g_assert_false (kes_store_save_carer_record (fixture->store, again, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  links = kes_store_list_carer_records (fixture->store, &kes_carer_link_kind, NULL,
                                        kes_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);

  /* The carer's own record keeps its history. */
  carer = kes_store_load_carer_record (fixture->store, &kes_carer_kind, fixture->carer_id, &error);
  g_assert_no_error (error);
  kes_field_record_set_text (carer, "phone", "07700 900123");
  kes_field_record_set_bool (carer, "young_carer", TRUE);
  g_assert_true (kes_store_save_carer_record (fixture->store, carer, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  history = kes_store_list_revisions (fixture->store, fixture->carer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);

  /* A stale save is a conflict. */
  kes_field_record_set_identity (carer, fixture->carer_id, 1, KES_RECORD_ACTIVE);
  g_assert_false (kes_store_save_carer_record (fixture->store, carer, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A link to a carer who doesn't exist is refused. */
  kes_field_record_set_text (again, "carer_id", "no-such-carer");
  g_assert_false (kes_store_save_carer_record (fixture->store, again, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NOT_FOUND);
}

/* Carers' liaison sees carers, consent and assessments, not clinical notes;
 * administrators don't see carers at all. */
static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) admin = kes_test_account_titled (fixture->store, "root", "Ada Admin", "", NULL, NULL, KES_TEST_ALL_ROLES);
  const char *scope[] = { "medication", NULL };
  g_autoptr(KesFieldRecord) consent = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GListModel) notes = NULL;

  g_assert_no_error (error);
  set_roles (fixture, fixture->carla, KES_ROLE_CARERS_LIAISON);
  set_roles (fixture, admin, KES_ROLE_ADMINISTRATOR);

  kes_store_set_actor (fixture->store, fixture->carla);
  consent = record_consent (fixture, scope, "2027-05-03");
  carers = kes_store_list_carers (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carers->len, ==, 1);
  notes = kes_store_list_notes (fixture->store, kes_patient_get_id (fixture->patient), FALSE, &error);
  g_assert_null (notes);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  kes_store_set_actor (fixture->store, admin);
  g_assert_null (kes_store_list_carers (fixture->store, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Administrators can’t open carers’ records");
  g_clear_error (&error);
  kes_field_record_set_text (consent, "status", "withdrawn");
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

static void
test_json_round_trip (void)
{
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(KesFieldRecord) back = kes_field_record_new (&kes_carer_kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  kes_field_record_set_text (carer, "name", "Grace");
  kes_field_record_set_bool (carer, "young_carer", TRUE);
  json = kes_field_record_to_json (carer);
  g_assert_cmpstr (json, ==, "{\"name\":\"Grace\",\"young_carer\":true}");
  /* Unknown members and wrong types are dropped. */
  g_assert_true (kes_field_record_load_json (back, "{\"name\":\"Grace\",\"young_carer\":true,"
                                                   "\"phone\":7,\"evil\":\"x\"}", &error));
  g_assert_no_error (error);
  again = kes_field_record_to_json (back);
  g_assert_cmpstr (again, ==, json);
  g_assert_false (kes_field_record_load_json (back, "[1]", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

/* Who may save and print a carer's own documents (assessment, letter):
 * everyone who works with carers, including carers' liaison staff, who
 * still can't export anything else. */
static void
test_carer_documents_permission (void)
{
  static const struct { const char *role; gboolean carer_documents; gboolean export; } expected[] = {
    { KES_ROLE_CLINICIAN, TRUE, TRUE },
    { KES_ROLE_SOCIAL_SUPERVISOR, TRUE, TRUE },
    { KES_ROLE_CARERS_LIAISON, TRUE, FALSE },
    { KES_ROLE_LIAISON_DIVERSION, FALSE, FALSE },
    { KES_ROLE_TEAM_MANAGER, TRUE, TRUE },
    { KES_ROLE_ADMINISTRATOR, FALSE, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(KesStaff) staff = NULL;
  KesPermission parsed;

  g_assert_no_error (error);
  g_assert_cmpstr (kes_permission_to_string (KES_PERMISSION_EXPORT_CARER_DOCUMENTS), ==, "export-carer-documents");
  g_assert_true (kes_permission_from_string ("export-carer-documents", &parsed));
  g_assert_cmpint (parsed, ==, KES_PERMISSION_EXPORT_CARER_DOCUMENTS);
  staff = kes_test_account_titled (store, "sam", "Sam", "", "North", NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *roles[] = { expected[i].role, NULL };

      kes_store_set_actor (store, NULL);
      g_assert_true ((kes_test_set_role_list (store, staff, roles), TRUE));
      g_assert_no_error (error);
      kes_store_set_actor (store, staff);
      g_assert_cmpint (kes_role_grants (expected[i].role, KES_PERMISSION_EXPORT_CARER_DOCUMENTS), ==,
                       expected[i].carer_documents);
      g_assert_cmpint (kes_store_check_permission (store, KES_PERMISSION_EXPORT_CARER_DOCUMENTS, NULL, &error), ==,
                       expected[i].carer_documents);
      if (!expected[i].carer_documents)
        {
          g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
          g_assert_nonnull (strstr (error->message, "can’t save or print carers’ documents"));
        }
      g_clear_error (&error);
      g_assert_cmpint (kes_store_check_permission (store, KES_PERMISSION_EXPORT, NULL, NULL), ==, expected[i].export);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/carers/decision", test_decision_pure);
  g_test_add_func ("/carers/carer-documents-permission", test_carer_documents_permission);
  g_test_add_func ("/carers/json-round-trip", test_json_round_trip);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/carers/scope-filters-letter", test_scope_filters_letter);
  ADD ("/carers/withdrawal-at-once", test_withdrawal_at_once);
  ADD ("/carers/consent-rules", test_consent_rules);
  ADD ("/carers/assessment-and-today", test_assessment_and_today);
  ADD ("/carers/reviews-stay-until-done", test_reviews_stay_until_done);
  ADD ("/carers/links-and-history", test_links_and_history);
  ADD ("/carers/permissions", test_permissions);
#undef ADD
  return g_test_run ();
}
