/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-patient.h"
#include "kes-referral.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Signposting as a record of its own (issue 21): where to, when, by whom
 * and what was given, for a screening whose outcome is signposting and for
 * a declined or redirected referral. Today is 21 November 2026. */

typedef struct
{
  KesStore   *store;
  KesStaff   *lee;          /* North, every role */
  char       *screening_id; /* outcome signposting, screened 20 November */
  char       *referral_id;  /* received 3 November, declined 5 November */
  char       *service_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(KesReferral) referral = kes_referral_new ();

  kes_clock_set_fixed (now);
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->lee = kes_test_account_titled (fixture->store, "lee", "Lee Liaison", "L&D practitioner", "North",
                                          NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->lee);

  kes_field_record_set_text (screening, "family_name", "Wren");
  kes_field_record_set_text (screening, "screened_on", "2026-11-20");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_text (screening, "outcome", "signposting");
  kes_field_record_set_text (screening, "gender", "X");
  kes_field_record_set_text (screening, "ethnicity", "Z");
  g_assert_true (kes_store_save_screening (fixture->store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->screening_id = g_strdup (kes_field_record_get_id (screening));

  kes_field_record_set_text (service, "name", "Norwich Housing Advice");
  kes_field_record_set_text (service, "kind", "housing");
  kes_field_record_set_text (service, "general_phone", "01603 000 300");
  g_assert_true (kes_store_save_service (fixture->store, service, &error));
  g_assert_no_error (error);
  fixture->service_id = g_strdup (kes_field_record_get_id (service));

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Wagtail");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-11-03");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "other");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->referral_id = g_strdup (kes_referral_get_id (referral));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->screening_id, g_free);
  g_clear_pointer (&fixture->referral_id, g_free);
  g_clear_pointer (&fixture->service_id, g_free);
  g_clear_object (&fixture->lee);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static void
decline_referral (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_store_load_referral (fixture->store, fixture->referral_id, &error);

  g_assert_no_error (error);
  g_assert_true (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_DECLINED, "2026-11-05",
                                          "Lives in Essex: outside the catchment", "Essex team (free text)", NULL,
                                          &error));
  g_assert_no_error (error);
}

static KesFieldRecord *
signposting_for (const char *source_id,
                 KesStaff   *by,
                 const char *on)
{
  const char *given[] = { "leaflet", "phone-number", NULL };
  KesFieldRecord *record = kes_signposting_new ();

  kes_field_record_set_text (record, "source_id", source_id);
  kes_field_record_set_text (record, "organisation", "Essex Forensic Community Team");
  kes_field_record_set_text (record, "signposted_on", on);
  kes_field_record_set_text (record, "signposted_by", kes_staff_get_id (by));
  kes_field_record_set_list (record, "given", given);
  kes_field_record_set_text (record, "details", "Duty line 01245 000 000 given to the ward");
  return record;
}

static void
assert_refused (KesStore       *store,
                KesFieldRecord *record,
                const char     *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_store_save_signposting (store, record, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s” in “%s”", message, error->message);
  g_assert_null (kes_field_record_get_id (record));
}

static guint
count_signposting (Fixture    *fixture,
                   const char *source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = kes_store_list_signposting (fixture->store, source_id, &error);

  g_assert_no_error (error);
  return made->len;
}

/* The screening's date is the earliest; today is allowed, tomorrow not. */
static void
test_screening_dates (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KesFieldRecord) today = signposting_for (fixture->screening_id, fixture->lee, "2026-11-21");
  g_autoptr(KesFieldRecord) tomorrow = signposting_for (fixture->screening_id, fixture->lee, "2026-11-22");
  g_autoptr(KesFieldRecord) before = signposting_for (fixture->screening_id, fixture->lee, "2026-11-19");
  g_autoptr(KesFieldRecord) same_day = signposting_for (fixture->screening_id, fixture->lee, "2026-11-20");
  g_autoptr(GError) error = NULL;

  assert_refused (fixture->store, tomorrow, "Date signposted is in the future");
  assert_refused (fixture->store, before, "Date signposted is before the screening");
  /* What was typed is left as it was after a refusal. */
  g_assert_cmpstr (kes_field_record_get_text (before, "signposted_on"), ==, "2026-11-19");
  g_assert_cmpstr (kes_field_record_get_text (before, "organisation"), ==, "Essex Forensic Community Team");

  g_assert_true (kes_store_save_signposting (fixture->store, today, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_save_signposting (fixture->store, same_day, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_signposting (fixture, fixture->screening_id), ==, 2);
  /* A screening's belongs to no patient, like the screening. */
  g_assert_null (kes_field_record_get_patient_id (today));
}

/* Only for a screening whose outcome is signposting. */
static void
test_screening_outcome (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = kes_store_load_screening (fixture->store, fixture->screening_id, &error);
  g_autoptr(KesFieldRecord) record = signposting_for (fixture->screening_id, fixture->lee, "2026-11-21");

  g_assert_no_error (error);
  g_assert_true (kes_store_can_signpost (fixture->store, fixture->screening_id, &error));
  g_assert_no_error (error);
  kes_field_record_set_text (screening, "outcome", "no-further-action");
  g_assert_true (kes_store_save_screening (fixture->store, screening, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_can_signpost (fixture->store, fixture->screening_id, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  assert_refused (fixture->store, record, "whose outcome is signposting");
}

/* What was given comes from the code list; "other" needs details; the
 * place and the person are required; staff must exist. */
static void
test_fields (Fixture       *fixture,
             gconstpointer  data)
{
  const char *unknown[] = { "voucher", NULL };
  const char *other[] = { "other", NULL };
  const char *none[] = { NULL };
  g_autoptr(KesFieldRecord) record = signposting_for (fixture->screening_id, fixture->lee, "2026-11-21");
  g_autoptr(GError) error = NULL;

  kes_field_record_set_list (record, "given", unknown);
  assert_refused (fixture->store, record, "What was given");
  kes_field_record_set_list (record, "given", none);
  assert_refused (fixture->store, record, "What was given: choose at least one");
  kes_field_record_set_list (record, "given", other);
  kes_field_record_set_text (record, "details", "");
  assert_refused (fixture->store, record, "Details: say what was given");
  kes_field_record_set_text (record, "details", "A bus timetable to the drop-in");
  kes_field_record_set_text (record, "organisation", "");
  assert_refused (fixture->store, record, "Signposted to is required");
  kes_field_record_set_text (record, "organisation", "Drop-in centre");
  kes_field_record_set_text (record, "signposted_by", "no-such-person");
  assert_refused (fixture->store, record, "Signposted by: choose a member of staff");
  kes_field_record_set_text (record, "signposted_by", kes_staff_get_id (fixture->lee));
  kes_field_record_set_text (record, "source_id", "no-such-record");
  assert_refused (fixture->store, record, "not in Kestrel");
  kes_field_record_set_text (record, "source_id", fixture->screening_id);
  g_assert_true (kes_store_save_signposting (fixture->store, record, &error));
  g_assert_no_error (error);
}

/* A directory entry carries its name onto the record, and keeps it after
 * the entry is renamed. */
static void
test_directory_service (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesFieldRecord) record = signposting_for (fixture->screening_id, fixture->lee, "2026-11-21");
  g_autoptr(KesFieldRecord) service = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;

  kes_field_record_set_text (record, "organisation", "");
  kes_field_record_set_text (record, "service_id", "no-such-service");
  assert_refused (fixture->store, record, "Service in the directory: choose a service that is in use");
  kes_field_record_set_text (record, "service_id", fixture->service_id);
  g_assert_true (kes_store_save_signposting (fixture->store, record, &error));
  g_assert_no_error (error);
  service = kes_store_load_service (fixture->store, fixture->service_id, &error);
  g_assert_no_error (error);
  kes_field_record_set_text (service, "name", "Norwich Housing Options");
  g_assert_true (kes_store_save_service (fixture->store, service, &error));
  g_assert_no_error (error);
  made = kes_store_list_signposting (fixture->store, fixture->screening_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (made->pdata[0], "organisation"), ==, "Norwich Housing Advice");
}

/* A referral's: only once declined or redirected; not before the referral
 * was received; it belongs to the referral's patient. */
static void
test_referral (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KesFieldRecord) early = signposting_for (fixture->referral_id, fixture->lee, "2026-11-05");
  g_autoptr(KesFieldRecord) before = signposting_for (fixture->referral_id, fixture->lee, "2026-11-02");
  g_autoptr(KesFieldRecord) received_day = signposting_for (fixture->referral_id, fixture->lee, "2026-11-03");
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(GError) error = NULL;

  assert_refused (fixture->store, early, "declined or redirected");
  decline_referral (fixture);
  assert_refused (fixture->store, before, "Date signposted is before the referral was received");
  g_assert_true (kes_store_save_signposting (fixture->store, received_day, &error));
  g_assert_no_error (error);
  referral = kes_store_load_referral (fixture->store, fixture->referral_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_patient_id (received_day), ==,
                   kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  /* The step's free text of before stays as it was. */
  g_assert_cmpstr (((KesReferralStep *) kes_referral_get_steps (referral)->pdata[1])->signposting, ==,
                   "Essex team (free text)");
  g_assert_cmpuint (count_signposting (fixture, fixture->referral_id), ==, 1);
}

/* A clinician of another team may neither record nor read a referral's
 * signposting: refused in core. */
static void
test_other_team (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KesStaff) sam = kes_test_account_titled (fixture->store, "sam", "Sam South", "CPN", "South", NULL,
                                                     "clinician");
  g_autoptr(KesFieldRecord) record = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;

  decline_referral (fixture);
  kes_store_set_actor (fixture->store, sam);
  record = signposting_for (fixture->referral_id, sam, "2026-11-06");
  g_assert_false (kes_store_save_signposting (fixture->store, record, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  made = kes_store_list_signposting (fixture->store, fixture->referral_id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (made);
  g_clear_error (&error);

  kes_store_set_actor (fixture->store, fixture->lee);
  g_assert_cmpuint (count_signposting (fixture, fixture->referral_id), ==, 0);
}

/* A change is a new revision that stays with its source; entered in error
 * leaves the list. */
static void
test_change_and_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KesFieldRecord) record = signposting_for (fixture->screening_id, fixture->lee, "2026-11-21");
  g_autoptr(KesFieldRecord) stale = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;

  decline_referral (fixture);
  g_assert_true (kes_store_save_signposting (fixture->store, record, &error));
  g_assert_no_error (error);
  stale = kes_field_record_copy (record);
  kes_field_record_set_text (record, "organisation", "Norfolk Recovery Partnership");
  kes_field_record_set_text (record, "source_id", fixture->referral_id);
  g_assert_true (kes_store_save_signposting (fixture->store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_field_record_get_revision (record), ==, 2);
  g_assert_cmpuint (count_signposting (fixture, fixture->referral_id), ==, 0);
  made = kes_store_list_signposting (fixture->store, fixture->screening_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (made->pdata[0], "organisation"), ==, "Norfolk Recovery Partnership");

  /* A save from the first revision is refused as a conflict. */
  kes_field_record_set_text (stale, "details", "Second thoughts");
  g_assert_false (kes_store_save_signposting (fixture->store, stale, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_field_record_get_id (record),
                                                  kes_field_record_get_revision (record), "Wrong person", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_signposting (fixture, fixture->screening_id), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/signposting/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("screening-dates", test_screening_dates);
  ADD ("screening-outcome", test_screening_outcome);
  ADD ("fields", test_fields);
  ADD ("directory-service", test_directory_service);
  ADD ("referral", test_referral);
  ADD ("other-team", test_other_team);
  ADD ("change-and-error", test_change_and_error);
#undef ADD

  return g_test_run ();
}
