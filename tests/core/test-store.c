/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-caseload-model.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

typedef struct
{
  char      *dir;
  char      *path;
  KesStore  *store;
  KesStaff  *alice;
  KesStaff  *bob;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* In no team, so that both work on every patient (team scope has its own
   * tests in test-access.c). */
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", NULL, NULL,
                                            KES_TEST_ALL_ROLES);
  fixture->bob = kes_test_account_titled (fixture->store, "bob", "Bob Barker", "Social worker", NULL, NULL,
                                          KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->alice);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  kes_clock_set_fixed (NULL);
}

static KesPatient *
make_patient (const char *family,
              const char *given,
              const char *nhs)
{
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, given);
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  return patient;
}

static KesPatient *
create_patient (Fixture    *fixture,
                const char *family,
                const char *given,
                const char *nhs)
{
  g_autoptr(GError) error = NULL;
  KesPatient *patient = make_patient (family, given, nhs);

  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return patient;
}

static void
test_open_and_migrate (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GListModel) teams = kes_store_list_teams (fixture->store, NULL);

  g_assert_cmpint (kes_store_get_user_version (fixture->store), ==, kes_store_schema_version ());
  g_assert_cmpuint (g_list_model_get_n_items (teams), ==, 2);
  /* The test administrator who made alice and bob, and them. */
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 3);
  /* Only the owner may read the database file. */
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0077, ==, 0);
  }
}

static void
test_no_actor (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KesPatient) patient = make_patient ("Curlew", "Sam", "9434765919");
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, NULL);
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
  g_clear_error (&error);
  /* Nor may anyone read anything. */
  g_assert_null (kes_store_load_caseload_rows (fixture->store, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
  kes_store_set_actor (fixture->store, fixture->alice);
  g_assert_cmpuint (kes_store_count_patients (fixture->store), ==, 0);
}

static void
test_revisions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Curlew", "Sam", "943 476 5919");
  g_autoptr(KesPatient) loaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changes = NULL;
  KesRevision *second;

  g_assert_nonnull (kes_patient_get_id (patient));
  g_assert_cmpint (kes_patient_get_revision (patient), ==, 1);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER), ==, "9434765919");

  set_now ("2026-11-21T10:30:00Z");
  kes_store_set_actor (fixture->store, fixture->bob);
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Curlew-Smith");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_patient_get_revision (patient), ==, 2);

  /* A correction must say why. */
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-15");
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CORRECTION, "  ", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (kes_patient_get_revision (patient), ==, 2);
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CORRECTION,
                                         "Date of birth misread from the referral letter", &error));

  revisions = kes_store_list_revisions (fixture->store, kes_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpstr (kes_revision_get_author_name (revisions->pdata[0]), ==, "Alice Adeyemi");
  g_assert_cmpstr (kes_revision_get_at (revisions->pdata[0]), ==, "2026-11-21T09:00:00Z");
  second = revisions->pdata[1];
  g_assert_cmpstr (kes_revision_get_author_name (second), ==, "Bob Barker");
  g_assert_cmpstr (kes_revision_get_at (second), ==, "2026-11-21T10:30:00Z");
  g_assert_cmpint (kes_revision_get_change (second), ==, KES_CHANGE_EDIT);
  changes = kes_revision_describe_changes (second, revisions->pdata[0], NULL);
  g_assert_cmpuint (g_strv_length (changes), ==, 1);
  g_assert_cmpstr (changes[0], ==, "family_name: “Curlew” → “Curlew-Smith”");
  g_assert_cmpint (kes_revision_get_change (revisions->pdata[2]), ==, KES_CHANGE_CORRECTION);
  g_assert_cmpstr (kes_revision_get_reason (revisions->pdata[2]), ==,
                   "Date of birth misread from the referral letter");

  /* The first revision still holds what was first written. */
  g_assert_true (strstr (kes_revision_get_data (revisions->pdata[0]), "\"Curlew\"") != NULL);
  loaded = kes_store_load_patient (fixture->store, kes_patient_get_id (patient), &error);
  g_assert_cmpstr (kes_patient_get_text (loaded, KES_PATIENT_FAMILY_NAME), ==, "Curlew-Smith");
  g_assert_cmpstr (kes_patient_get_text (loaded, KES_PATIENT_BIRTH_DATE), ==, "1980-03-15");
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KesPatient) original = create_patient (fixture, "Dunlin", "Ray", NULL);
  g_autoptr(KesPatient) mine = kes_store_load_patient (fixture->store, kes_patient_get_id (original), NULL);
  g_autoptr(KesPatient) theirs = kes_store_load_patient (fixture->store, kes_patient_get_id (original), NULL);
  g_autoptr(KesPatient) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* Bob saves first… */
  kes_store_set_actor (fixture->store, fixture->bob);
  set_now ("2026-11-21T14:02:00Z");
  kes_patient_set_text (theirs, KES_PATIENT_PHONE, "01603 111222");
  g_assert_true (kes_store_save_patient (fixture->store, theirs, KES_CHANGE_EDIT, NULL, &error));

  /* …so Alice's save on the older revision is refused, naming Bob and when. */
  kes_store_set_actor (fixture->store, fixture->alice);
  kes_patient_set_text (mine, KES_PATIENT_PHONE, "07700 900123");
  g_assert_false (kes_store_save_patient (fixture->store, mine, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_true (strstr (error->message, "Bob Barker changed this record on 21 Nov 2026 14:02") != NULL);

  /* Alice keeps what she typed; the store keeps Bob's. */
  g_assert_cmpstr (kes_patient_get_text (mine, KES_PATIENT_PHONE), ==, "07700 900123");
  g_assert_cmpint (kes_patient_get_revision (mine), ==, 1);
  stored = kes_store_load_patient (fixture->store, kes_patient_get_id (original), NULL);
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_PHONE), ==, "01603 111222");
  g_assert_cmpint (kes_patient_get_revision (stored), ==, 2);
}

static void
test_invalid_save_keeps_data (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesPatient) patient = make_patient ("", "Ray", "943 476 5918");
  g_autoptr(GError) error = NULL;

  kes_patient_set_text (patient, KES_PATIENT_POSTCODE, "nr1");
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_true (strstr (error->message, "Family name is required") != NULL);
  g_assert_true (strstr (error->message, "fails its check: compare it with the document it came from") != NULL);
  g_assert_null (kes_patient_get_id (patient));
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER), ==, "943 476 5918");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_POSTCODE), ==, "nr1");
  g_assert_cmpuint (kes_store_count_patients (fixture->store), ==, 0);

  /* References only the store can check. */
  g_clear_error (&error);
  g_clear_object (&patient);
  patient = make_patient ("Gannet", "Lee", NULL);
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "West");
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Team “West” does not exist");
  g_clear_error (&error);
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "South");
  kes_patient_set_text (patient, KES_PATIENT_COORDINATOR_ID, "nobody");
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Care coordinator: “nobody” is not in the staff directory");
  g_clear_error (&error);
  kes_patient_set_text (patient, KES_PATIENT_COORDINATOR_ID, "bob");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID), ==, kes_staff_get_id (fixture->bob));
}

static void
test_duplicate_nhs_number (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesPatient) first = create_patient (fixture, "Heron", "Ali", "9434765919");
  g_autoptr(KesPatient) second = make_patient ("Heron", "Alan", "943 476 5919");
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_store_save_patient (fixture->store, second, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "NHS number 943 476 5919 already belongs to HERON, Ali: check you have the right person");
  /* Forms ask first, and get the same message under the NHS number. */
  {
    g_autoptr(GPtrArray) issues = kes_store_check_patient (fixture->store, second, NULL);
    g_autoptr(GPtrArray) none = kes_store_check_patient (fixture->store, first, NULL);
    KesIssue *issue;

    g_assert_cmpuint (issues->len, ==, 1);
    issue = issues->pdata[0];
    g_assert_cmpstr (issue->field, ==, "nhs_number");
    g_assert_cmpstr (issue->message, ==, error->message);
    g_assert_cmpuint (none->len, ==, 0);
  }
  /* Saving the same patient again is not a duplicate. */
  g_clear_error (&error);
  g_assert_true (kes_store_save_patient (fixture->store, first, KES_CHANGE_EDIT, NULL, &error));
}

static void
test_entered_in_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Linnet", "Jo", NULL);
  g_autoptr(KesPatient) loaded = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = kes_patient_get_id (patient);

  g_assert_false (kes_store_mark_entered_in_error (fixture->store, id, 1, "", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, id, 1, "Duplicate registration", &error));
  g_assert_no_error (error);

  rows = kes_store_load_caseload_rows (fixture->store, NULL);
  g_assert_cmpuint (rows->len, ==, 0);
  loaded = kes_store_load_patient (fixture->store, id, NULL);
  g_assert_cmpint (kes_patient_get_state (loaded), ==, KES_RECORD_ENTERED_IN_ERROR);
  revisions = kes_store_list_revisions (fixture->store, id, NULL);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (kes_revision_get_reason (revisions->pdata[1]), ==, "Duplicate registration");

  /* Nothing more can be written on it. */
  kes_patient_set_text (loaded, KES_PATIENT_PHONE, "01603 000111");
  g_assert_false (kes_store_save_patient (fixture->store, loaded, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR);
}

static void
test_history_is_append_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Merlin", "Kit", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE revision SET data = '{}'", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "revisions are append-only");
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM revision", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);

  /* Someone who removes the guard and the history is still found out. */
  problems = kes_store_verify (fixture->store, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER revision_no_delete; DELETE FROM revision", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = kes_store_verify (fixture->store, NULL);
  /* The missing rule itself, the record's history, the access log (which
   * recorded the revision's hashes) and the patient list's row, which no
   * revision stands behind any more. */
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_nonnull (strstr (problems->pdata[0], "revision_no_delete"));
  g_assert_nonnull (strstr (problems->pdata[1], "is at revision 1 but its history holds 0 revisions"));
  g_assert_nonnull (strstr (problems->pdata[2], "records it, but it is missing"));
  /* The staff directory's history went too: its table is the first named. */
  g_assert_nonnull (strstr (problems->pdata[3], "Display tables: table "));
}

static void
test_contacts_and_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Plover", "Dee", NULL);
  g_autoptr(KesContact) contact = kes_contact_new ();
  g_autoptr(KesContact) future = kes_contact_new ();
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = kes_patient_get_id (patient);
  static const char *times[] = { "2026-10-01T10:00:00Z", "2026-10-15T10:00:00Z", "2026-11-01T10:00:00+01:00" };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(KesContact) c = kes_contact_new ();
      kes_contact_set_patient_id (c, id);
      kes_contact_set_occurred_at (c, times[i]);
      kes_contact_set_contact_type (c, i == 1 ? "dna" : "face-to-face");
      kes_contact_set_duration_minutes (c, 30);
      g_assert_true (kes_store_save_contact (fixture->store, c, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (kes_store_count_contacts (fixture->store, id, NULL, NULL), ==, 2);
  g_assert_cmpuint (kes_store_count_contacts (fixture->store, id, "2026-10-02", "2026-11-01"), ==, 1);
  g_assert_cmpuint (kes_store_count_contacts (fixture->store, id, "2026-10-01", "2026-10-01"), ==, 1);

  kes_contact_set_patient_id (future, id);
  kes_contact_set_occurred_at (future, "2026-12-01T10:00:00Z");
  kes_contact_set_contact_type (future, "phone");
  g_assert_false (kes_store_save_contact (fixture->store, future, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A contact can’t be recorded in the future");
  g_clear_error (&error);

  contacts = kes_store_list_contacts (fixture->store, id, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 3);
  g_object_unref (contact);
  contact = g_list_model_get_item (contacts, 0);
  /* Stored in UTC: 10:00 at +01:00 is 09:00Z; newest first. */
  g_assert_cmpstr (kes_contact_get_occurred_at (contact), ==, "2026-11-01T09:00:00Z");
  g_assert_cmpstr (kes_contact_get_author_name (contact), ==, "Alice Adeyemi");

  kes_note_set_patient_id (note, id);
  kes_note_set_body (note, "   ");
  g_assert_false (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "The note is empty: write what happened");
  g_clear_error (&error);
  kes_note_set_body (note, "Seen with his mother Zoë at the café.");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (kes_note_get_written_at (note), ==, "2026-11-21T09:00:00Z");
  kes_note_set_body (note, "Seen with his mother Zoë at the café. Calm.");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_EDIT, NULL, &error));
  notes = kes_store_list_notes (fixture->store, id, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  {
    g_autoptr(KesNote) first = g_list_model_get_item (notes, 0);
    g_assert_cmpint (kes_note_get_revision (first), ==, 2);
    g_assert_cmpstr (kes_note_get_body (first), ==, "Seen with his mother Zoë at the café. Calm.");
  }
}

static void
add_note (Fixture    *fixture,
          const char *patient_id,
          const char *body)
{
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GError) error = NULL;

  kes_note_set_patient_id (note, patient_id);
  kes_note_set_body (note, body);
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static guint
count_hits (Fixture    *fixture,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = kes_store_search_notes (fixture->store, query, 50, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Redwing", "Bo", NULL);
  const char *id = kes_patient_get_id (patient);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(KesNote) withdrawn = NULL;

  add_note (fixture, id, "Met Zoë at the café; mood bright.");
  add_note (fixture, id, "Clozapine bloods taken at clinic.");
  add_note (fixture, id, "Discussed the victim exclusion zone again.");
  add_note (fixture, id, "Mood low, sleeping poorly.");

  g_assert_cmpuint (count_hits (fixture, "zoe"), ==, 1);
  g_assert_cmpuint (count_hits (fixture, "CAFE"), ==, 1);
  g_assert_cmpuint (count_hits (fixture, "mood"), ==, 2);
  g_assert_cmpuint (count_hits (fixture, "clozap"), ==, 1);
  g_assert_cmpuint (count_hits (fixture, "\"exclusion zone\""), ==, 1);
  g_assert_cmpuint (count_hits (fixture, "\"zone exclusion\""), ==, 0);
  g_assert_cmpuint (count_hits (fixture, "mood low"), ==, 1);
  /* FTS syntax in the user's text is inert, not an error. */
  g_assert_cmpuint (count_hits (fixture, "mood AND OR NOT ( * \""), ==, 0);
  g_assert_cmpuint (count_hits (fixture, "   "), ==, 0);

  hits = kes_store_search_notes (fixture->store, "mood", 50, NULL);
  g_assert_cmpstr (kes_note_hit_get_patient_name (hits->pdata[0]), ==, "REDWING, Bo");
  g_assert_true (strstr (kes_note_hit_get_snippet (hits->pdata[0]), "«Mood»") != NULL);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = kes_store_search_notes (fixture->store, "mood", 1, NULL);
  g_assert_cmpuint (hits->len, ==, 1);

  /* A note withdrawn as entered in error is no longer found. */
  notes = kes_store_list_notes (fixture->store, id, FALSE, NULL);
  for (guint i = 0; withdrawn == NULL && i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(KesNote) candidate = g_list_model_get_item (notes, i);
      if (strstr (kes_note_get_body (candidate), "Zoë") != NULL)
        withdrawn = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (withdrawn);
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_note_get_id (withdrawn), 1,
                                                  "Written in the wrong record", NULL));
  g_assert_cmpuint (count_hits (fixture, "zoe"), ==, 0);
  g_clear_object (&notes);
  notes = kes_store_list_notes (fixture->store, id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 4);
}

static void
test_caseload_model (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesCaseloadModel) model = kes_caseload_model_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(KesPatient) a = create_patient (fixture, "Zoë-Skylark", "Amy", "9434765919");
  g_autoptr(KesPatient) b = make_patient ("Alder", "Ben", "4010232137");
  g_autoptr(KesPatient) c = make_patient ("Merlin", "Cat", NULL);
  g_autoptr(KesCaseloadRow) first = NULL;
  g_autoptr(KesTeam) south = NULL;

  kes_patient_set_text (b, KES_PATIENT_TEAM_ID, "South");
  kes_patient_set_text (b, KES_PATIENT_COORDINATOR_ID, "bob");
  g_assert_true (kes_store_save_patient (fixture->store, b, KES_CHANGE_CREATE, NULL, NULL));
  g_assert_true (kes_store_save_patient (fixture->store, c, KES_CHANGE_CREATE, NULL, NULL));
  /* The caseload's MHCS reference comes from the legal status record. */
  {
    g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (c));

    kes_moj_record_set_text (status, "authority", "09");
    kes_moj_record_set_text (status, "effective_date", "2024-01-10");
    kes_moj_record_set_text (status, "mhcs_reference", "MHCS/123/77");
    g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, NULL));
  }

  rows = kes_store_load_caseload_rows (fixture->store, NULL);
  kes_caseload_model_set_rows (model, rows);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (kes_caseload_row_get_display_name (first), ==, "ALDER, Ben");
  g_assert_cmpstr (kes_caseload_row_get_team_name (first), ==, "South");
  g_assert_cmpstr (kes_caseload_row_get_coordinator_name (first), ==, "Bob Barker");

  kes_caseload_model_set_search (model, "zoe");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kes_caseload_model_set_search (model, "943 476");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kes_caseload_model_set_search (model, "mhcs/123");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kes_caseload_model_set_search (model, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  kes_caseload_model_set_search (model, NULL);

  south = kes_store_find_team (fixture->store, "South");
  kes_caseload_model_set_team (model, kes_team_get_id (south));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kes_caseload_model_set_team (model, NULL);
  kes_caseload_model_set_coordinator (model, kes_staff_get_id (fixture->bob));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  kes_caseload_model_set_coordinator (model, NULL);

  kes_caseload_model_set_sort (model, KES_CASELOAD_SORT_NAME, TRUE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (kes_caseload_row_get_sort_name (first), ==, "zoe-skylark amy");
  /* Missing values sort last either way. */
  kes_caseload_model_set_sort (model, KES_CASELOAD_SORT_NHS_NUMBER, FALSE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 2);
  g_assert_cmpstr (kes_caseload_row_get_nhs_number (first), ==, "");
}

static void
test_demo (Fixture       *fixture,
           gconstpointer  data)
{
  KesDemoOptions options = { 25, 2, 3, 7 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(KesStaff) reader = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "demo.db", NULL);

  /* The demo fills a new file only. */
  g_clear_object (&fixture->store);
  fixture->store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  reader = kes_test_account (fixture->store, "reader", "Rae Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, reader);
  g_assert_cmpuint (kes_store_count_patients (fixture->store), ==, 25);
  rows = kes_store_load_caseload_rows (fixture->store, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *nhs = kes_caseload_row_get_nhs_number (rows->pdata[i]);
      g_autofree char *parsed = kes_nhs_number_parse (nhs, NULL);
      g_assert_true (g_str_has_prefix (nhs, "999"));
      g_assert_cmpstr (parsed, ==, nhs);
    }
  problems = kes_store_verify (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_refuses_newer_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autoptr(KesStore) store = NULL;
  sqlite3 *db;
  int version = 0;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KES_ERROR, KES_ERROR_NEWER_SCHEMA);
  g_assert_true (strstr (error->message, "newer version of Kestrel (database version 99") != NULL);
  g_assert_true (strstr (error->message, "Nothing has been changed") != NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (version, ==, 99);
  remove_tree (dir);
}

static void
test_refuses_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autoptr(KesStore) store = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "This is not a database, it is a letter.\n", -1, NULL));
  store = kes_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "This is not a database, it is a letter.\n");
  remove_tree (dir);
}

/* A database written by schema 1 (tests/data/schema-1.sql) opens, migrates
 * forward and keeps every record and revision. */
static void
test_migrates_old_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(KesStaff) reader = NULL;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  /* A database from before accounts has no administrator: the first one is
   * made, then an account to read with. */
  g_assert_true (kes_store_needs_first_administrator (store));
  reader = kes_test_account (store, "reader", "Rae Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, reader);
  patient = kes_store_find_patient (store, "943 476 5870", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME), ==, "Fieldfare");
  revisions = kes_store_list_revisions (store, kes_patient_get_id (patient), &error);
  /* Two of its own, then migration 0017's: the legal status left the register. */
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpuint (count_hits (&(Fixture) { .store = store }, "depot"), ==, 1);
  problems = kes_store_verify (store, &error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open-and-migrate", test_open_and_migrate);
  ADD ("/store/no-actor", test_no_actor);
  ADD ("/store/revisions", test_revisions);
  ADD ("/store/conflict", test_conflict);
  ADD ("/store/invalid-save-keeps-data", test_invalid_save_keeps_data);
  ADD ("/store/duplicate-nhs-number", test_duplicate_nhs_number);
  ADD ("/store/entered-in-error", test_entered_in_error);
  ADD ("/store/history-append-only", test_history_is_append_only);
  ADD ("/store/contacts-and-notes", test_contacts_and_notes);
  ADD ("/store/search", test_search);
  ADD ("/store/caseload-model", test_caseload_model);
  ADD ("/store/demo", test_demo);
#undef ADD
  g_test_add_func ("/store/refuses-newer-schema", test_refuses_newer_schema);
  g_test_add_func ("/store/refuses-garbage", test_refuses_garbage);
  g_test_add_func ("/store/migrates-old-database", test_migrates_old_database);

  return g_test_run ();
}
