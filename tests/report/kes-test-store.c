/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-test-store"

#include "config.h"

#include <glib/gstdio.h>

#include "kes-clock.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-test-store.h"

void
kes_test_set_now (const char *iso_time)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso_time);

  g_assert_nonnull (now);
  kes_clock_set_fixed (now);
}

KesTestStore *
kes_test_store_new_blank (void)
{
  KesTestStore *fixture = g_new0 (KesTestStore, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  kes_test_set_now ("2026-11-21T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (path, &error);
  g_assert_no_error (error);

  return fixture;
}

KesTestStore *
kes_test_store_new_empty (void)
{
  KesTestStore *fixture = kes_test_store_new_blank ();

  kes_test_store_add_importer (fixture);
  return fixture;
}

void
kes_test_store_add_importer (KesTestStore *fixture)
{
  fixture->importer = kes_test_account (fixture->store, "importer", "Ida Importer", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->importer);
}

static KesContact *
add_contact (KesTestStore *fixture,
             const char   *at,
             const char   *type,
             const char   *summary)
{
  g_autoptr(GError) error = NULL;
  KesContact *contact = kes_contact_new ();

  kes_contact_set_patient_id (contact, fixture->patient_id);
  kes_contact_set_occurred_at (contact, at);
  kes_contact_set_contact_type (contact, type);
  kes_contact_set_with_whom (contact, "Patient");
  kes_contact_set_location (contact, "Café Nero, Norwich");
  kes_contact_set_duration_minutes (contact, 45);
  kes_contact_set_summary (contact, summary);
  g_assert_true (kes_store_save_contact (fixture->store, contact, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  return contact;
}

KesTestStore *
kes_test_store_new_with_patient (void)
{
  KesTestStore *fixture = kes_test_store_new_empty ();

  kes_test_store_add_patient (fixture);
  return fixture;
}

void
kes_test_store_add_patient (KesTestStore *fixture)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(KesContact) first = NULL;
  g_autoptr(KesContact) second = NULL;
  g_autoptr(KesContact) third = NULL;
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(KesNote) other = kes_note_new ();
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(GError) error = NULL;

  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "Care coordinator", "North",
                                            "01603 000 111", KES_TEST_ALL_ROLES);
  fixture->bob = kes_test_account_titled (fixture->store, "bob", "Dr Bob Okafor", "Responsible clinician", "South",
                                          NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->alice);
  north = kes_store_find_team (fixture->store, "North");
  g_assert_nonnull (north);

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "O’Brien — café");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Zoë");
  kes_patient_set_text (patient, KES_PATIENT_PREFERRED_NAME, "Zo");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1990-02-01");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "943 476 5919");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "C");
  kes_patient_set_text (patient, KES_PATIENT_ADDRESS, "Flat 3, 14 Rue de la Paix Court\nNorwich");
  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, "nr1 3sr");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, kes_team_get_id (north));
  kes_patient_set_text (patient, KES_PATIENT_COORDINATOR_ID, kes_staff_get_id (fixture->alice));
  kes_patient_set_text (patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (fixture->bob));
  kes_patient_set_text (patient, KES_PATIENT_REFERRAL_DATE, "2026-01-10");
  kes_patient_set_list (patient, KES_PATIENT_DIAGNOSES, (const char * const[]) { "F20.0", NULL });
  kes_patient_set_list (patient, KES_PATIENT_ALERTS,
                        (const char * const[]) { "Do not visit alone", "Allergy: penicillin", NULL });
  kes_patient_set_list (patient, KES_PATIENT_ALIASES, (const char * const[]) { "Zoe Brien", NULL });
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->patient_id = g_strdup (kes_patient_get_id (patient));

  /* Bob, in the South team, is the North patient's responsible clinician:
   * he opens the record by emergency access, as the app would ask him to. */
  kes_test_set_now ("2026-11-21T10:00:00Z");
  kes_store_set_actor (fixture->store, fixture->bob);
  g_assert_true (kes_store_break_glass (fixture->store, fixture->patient_id,
                                        "Responsible clinician for this patient", &error));
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_PHONE, "07700 900123");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  kes_test_set_now ("2026-11-21T11:00:00Z");
  kes_patient_set_text (patient, KES_PATIENT_GP_PRACTICE, "Prince’s Street Surgery");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CORRECTION,
                                         "GP practice was recorded against the wrong patient",
                                         &error));
  g_assert_no_error (error);

  kes_store_set_actor (fixture->store, fixture->alice);
  first = add_contact (fixture, "2026-11-02T10:00:00Z", "face-to-face",
                       "Seen at home. Mood settled; taking clozapine as prescribed.");
  second = add_contact (fixture, "2026-11-09T14:30:00Z", "phone", "Telephone check-in <brief> & calm.");
  third = add_contact (fixture, "2026-11-16T09:15:00Z", "in-reach", "Recorded against the wrong patient.");
  fixture->error_contact_id = g_strdup (kes_contact_get_id (third));

  kes_test_set_now ("2026-11-21T12:00:00Z");
  kes_contact_set_summary (second, "Telephone check-in <brief> & calm. Agreed next visit.");
  g_assert_true (kes_store_save_contact (fixture->store, second, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_contact_get_id (third),
                                                  kes_contact_get_revision (third),
                                                  "Wrong patient", &error));
  g_assert_no_error (error);

  kes_note_set_patient_id (note, fixture->patient_id);
  kes_note_set_written_at (note, "2026-11-20T16:00:00Z");
  kes_note_set_title (note, "Risk review");
  kes_note_set_body (note, "Discussed relapse indicators.\nNo concerns raised by carer.");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_note_set_body (note, "Discussed relapse indicators.\nCarer raised one concern about sleep.");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CORRECTION,
                                      "Carer's concern was left out", &error));
  g_assert_no_error (error);

  kes_note_set_patient_id (other, fixture->patient_id);
  kes_note_set_written_at (other, "2026-11-21T08:30:00Z");
  kes_note_set_title (other, "MAPPA meeting");
  kes_note_set_body (other, "Level 2 review booked.");
  g_assert_true (kes_store_save_note (fixture->store, other, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_test_set_now ("2026-11-21T13:00:00Z");
}

void
kes_test_store_free (KesTestStore *fixture)
{
  GDir *dir;
  const char *name;
  KesStore *store = fixture->store;

  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->importer);
  /* Never delete a database under an open connection (issue 15). */
  if (store != NULL)
    g_error ("The test's store is still referenced after the test: its database would be "
             "deleted under an open connection");

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  if (dir != NULL)
    g_dir_close (dir);
  g_rmdir (fixture->dir);

  g_free (fixture->dir);
  g_free (fixture->patient_id);
  g_free (fixture->error_contact_id);
  g_free (fixture);
}
