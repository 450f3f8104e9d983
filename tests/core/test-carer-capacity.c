/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-accounts.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-store-due.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Issue 21, carers: consent under the Mental Capacity Act 2005 (a patient
 * who lacks capacity can't give or refuse consent; sharing is then a
 * best-interests decision, with how capacity was assessed, who was
 * consulted and a review date on Today), and the carer's own signature on
 * their assessment (their typed name, or a paper copy, with the date). */

typedef struct
{
  KesStore   *store;
  KesStaff   *alice;
  KesPatient *patient;
  char       *carer_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account (fixture->store, "alice", "Alice Adeyemi", "North", KES_TEST_ALL_ROLES);
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
  kes_field_record_set_text (carer, "name", "Grace Okafor");
  g_assert_true (kes_store_save_carer_record (fixture->store, carer, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->carer_id = g_strdup (kes_field_record_get_id (carer));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->carer_id);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

/* A full best-interests decision, as a clinician records it. */
static KesFieldRecord *
best_interests (Fixture *fixture)
{
  static const char * const scope[] = { "medication", "appointments", NULL };
  KesFieldRecord *consent = kes_field_record_new (&kes_carer_consent_kind);

  kes_field_record_set_patient_id (consent, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (consent, "carer_id", fixture->carer_id);
  kes_field_record_set_text (consent, "status", "best-interests");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "2026-11-10");
  kes_field_record_set_text (consent, "review_date", "2027-02-10");
  kes_field_record_set_bool (consent, "lacks_capacity", TRUE);
  kes_field_record_set_text (consent, "capacity_assessment",
                             "Acutely unwell; could not retain the information for long enough to weigh it.");
  kes_field_record_set_text (consent, "capacity_assessed_on", "2026-11-10");
  kes_field_record_set_text (consent, "best_interests",
                             "His sister gives his medication; she needs to know the dose and his appointments.");
  kes_field_record_set_text (consent, "consulted", "Grace Okafor (sister); Dr Patel (RC)");
  return consent;
}

static void
assert_refused (Fixture        *fixture,
                KesFieldRecord *record,
                const char     *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_store_save_carer_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

static void
test_capacity_rules (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *key, *value, *says;
  } missing[] = {
    { "capacity_assessment", NULL, "How capacity was assessed" },
    { "capacity_assessed_on", NULL, "Date capacity was assessed: fill this in" },
    { "capacity_assessed_on", "2026-11-11", "must be on or before the date of the decision" },
    { "best_interests", NULL, "Best-interests decision and why: fill this in" },
    { "consulted", NULL, "Who was consulted" },
    { "review_date", NULL, "Review date is required for a best-interests decision" },
    { "lacks_capacity", NULL, "switch this on to record a best-interests decision" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(KesFieldRecord) consent = best_interests (fixture);

      if (g_str_equal (missing[i].key, "lacks_capacity"))
        kes_field_record_set_bool (consent, missing[i].key, FALSE);
      else
        kes_field_record_set_text (consent, missing[i].key, missing[i].value);
      assert_refused (fixture, consent, missing[i].says);
    }

  /* Someone who lacks capacity can't give or refuse consent. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const statuses[] = { "given", "refused", "withdrawn" };
      g_autoptr(KesFieldRecord) consent = best_interests (fixture);

      kes_field_record_set_text (consent, "status", statuses[i]);
      assert_refused (fixture, consent, "can’t give, refuse or withdraw consent");
    }
  /* A best-interests decision written for someone with capacity is refused. */
  {
    g_autoptr(KesFieldRecord) consent = best_interests (fixture);

    kes_field_record_set_text (consent, "status", "given");
    kes_field_record_set_bool (consent, "lacks_capacity", FALSE);
    assert_refused (fixture, consent, "Best-interests decision: only for a patient who lacks capacity");
  }
}

/* Saved (capacity assessed the day of the decision: the boundary), it
 * allows sharing within its scope, says on what basis, and its review is
 * due on Today. */
static void
test_best_interests_sharing (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const medication[] = { "medication", NULL };
  g_autoptr(KesFieldRecord) consent = best_interests (fixture);
  g_autoptr(KesFieldRecord) share = kes_field_record_new (&kes_carer_share_kind);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 2, 2027);
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *explained = NULL;
  guint reviews = 0;

  g_assert_true (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_share_decision_allows (kes_carer_share_decision (consent, "medication")));
  g_assert_false (kes_share_decision_allows (kes_carer_share_decision (consent, "diagnosis")));
  explained = kes_carer_share_explain (consent, "medication");
  g_assert_nonnull (strstr (explained, "in the patient’s best interests, decided on 10 Nov 2026"));
  g_clear_pointer (&explained, g_free);
  explained = kes_carer_share_explain (consent, "diagnosis");
  g_assert_nonnull (strstr (explained, "not covered by the best-interests decision of 10 Nov 2026"));

  kes_field_record_set_patient_id (share, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (share, "carer_id", fixture->carer_id);
  kes_field_record_set_text (share, "shared_on", "2026-11-20");
  kes_field_record_set_list (share, "categories", medication);
  kes_field_record_set_text (share, "summary", "Explained the new dose.");
  g_assert_true (kes_store_save_carer_record (fixture->store, share, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (share, "basis"), ==, "best-interests");

  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (g_str_equal (kes_due_item_get_kind (due->pdata[i]), "carer-consent-review") &&
        g_strcmp0 (kes_due_item_get_due_date (due->pdata[i]), "2027-02-10") == 0)
      reviews++;
  g_assert_cmpuint (reviews, ==, 1);
}

static KesFieldRecord *
assessment (Fixture *fixture)
{
  KesFieldRecord *record = kes_field_record_new (&kes_carer_assessment_kind);

  kes_field_record_set_patient_id (record, kes_patient_get_id (fixture->patient));
  kes_field_record_set_text (record, "carer_id", fixture->carer_id);
  kes_field_record_set_text (record, "status", "completed");
  kes_field_record_set_text (record, "offered_on", "2026-11-01");
  kes_field_record_set_text (record, "assessed_on", "2026-11-12");
  kes_field_record_set_text (record, "review_date", "2027-11-12");
  return record;
}

static void
test_carer_signature (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct
  {
    const char *name;
    gboolean    paper;
    const char *on;
    const char *says;  /* NULL: saved */
  } cases[] = {
    { "Grace Okafor", FALSE, "2026-11-12", NULL },  /* the day of the assessment: the boundary */
    { NULL, TRUE, "2026-11-21", NULL },             /* on paper, today */
    { NULL, FALSE, NULL, NULL },                    /* not signed (yet) */
    { "Grace Okafor", TRUE, "2026-11-12", "not both" },
    { "Grace Okafor", FALSE, NULL, "Date the carer signed: fill this in" },
    { NULL, TRUE, NULL, "Date the carer signed: fill this in" },
    { NULL, FALSE, "2026-11-12", "the carer types their full name" },
    { "Grace Okafor", FALSE, "2026-11-11", "before the date of the assessment" },
    { "Grace Okafor", FALSE, "2026-11-22", "in the future" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesFieldRecord) record = assessment (fixture);
      g_autoptr(GError) error = NULL;

      kes_field_record_set_text (record, "carer_signed_name", cases[i].name);
      kes_field_record_set_bool (record, "carer_signed_on_paper", cases[i].paper);
      kes_field_record_set_text (record, "carer_signed_on", cases[i].on);
      if (cases[i].says == NULL)
        {
          g_assert_true (kes_store_save_carer_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
          g_assert_no_error (error);
        }
      else
        assert_refused (fixture, record, cases[i].says);
    }
}

/* Someone whose role does not include carers' work can't record either. */
static void
test_not_for_other_roles (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KesStaff) liaison = kes_test_account (fixture->store, "lena", "Lena Liaison", "North",
                                                  "liaison-diversion");
  g_autoptr(KesFieldRecord) consent = best_interests (fixture);
  g_autoptr(KesFieldRecord) record = assessment (fixture);
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, liaison);
  g_assert_false (kes_store_save_carer_record (fixture->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_field_record_set_text (record, "carer_signed_name", "Grace Okafor");
  kes_field_record_set_text (record, "carer_signed_on", "2026-11-12");
  g_assert_false (kes_store_save_carer_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/carer-capacity/rules", test_capacity_rules);
  ADD ("/carer-capacity/best-interests-sharing", test_best_interests_sharing);
  ADD ("/carer-capacity/carer-signature", test_carer_signature);
  ADD ("/carer-capacity/not-for-other-roles", test_not_for_other_roles);
#undef ADD

  return g_test_run ();
}
