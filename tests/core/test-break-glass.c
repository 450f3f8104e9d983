/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Emergency access across a session: kept when the same person unlocks,
 * dropped when someone else signs in, and carried into a worker's own store. */

#define PASSWORD KES_TEST_PASSWORD

typedef struct
{
  char       *dir;
  char       *path;
  KesStore   *store;
  KesStaff   *alice;  /* North clinician */
  KesStaff   *bob;    /* North clinician */
  KesPatient *south;  /* a South patient with one note */
  char       *south_note_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesStaff) setup = NULL;
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GError) error = NULL;

  kes_clock_set_fixed (now);
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* A South clinician sets things up, then signs out. */
  setup = kes_test_account_titled (fixture->store, "setup", "Set Up", "", "South", NULL, KES_ROLE_CLINICIAN);
  kes_store_set_actor (fixture->store, setup);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL, KES_ROLE_CLINICIAN);
  fixture->bob = kes_test_account_titled (fixture->store, "bob", "Bob Barker", "CPN", "North", NULL, KES_ROLE_CLINICIAN);

  fixture->south = kes_patient_new ();
  kes_patient_set_text (fixture->south, KES_PATIENT_FAMILY_NAME, "Dunnock");
  kes_patient_set_text (fixture->south, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (fixture->south, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (fixture->south, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->south, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (fixture->south, KES_PATIENT_TEAM_ID, "South");
  kes_patient_set_text (fixture->south, KES_PATIENT_NHS_NUMBER, "9434765919");
  g_assert_true (kes_store_save_patient (fixture->store, fixture->south, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_note_set_patient_id (note, kes_patient_get_id (fixture->south));
  kes_note_set_title (note, "Home visit");
  kes_note_set_body (note, "Seen at home");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->south_note_id = g_strdup (kes_note_get_id (note));
  kes_store_set_actor (fixture->store, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->south);
  g_free (fixture->south_note_id);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  kes_clock_set_fixed (NULL);
}

static void
sign_in (KesStore   *store,
         const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) staff = kes_store_sign_in (store, username, PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

/* Whether the store's actor may read the South patient's notes now. */
static gboolean
can_read_notes (KesStore   *store,
                KesPatient *patient)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = kes_store_list_notes (store, kes_patient_get_id (patient), FALSE, &error);

  if (notes == NULL)
    {
      g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "emergency access"));
      return FALSE;
    }
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  return TRUE;
}

static void
break_glass (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_break_glass (fixture->store, kes_patient_get_id (fixture->south),
                                        "Police called: patient missing", &error));
  g_assert_no_error (error);
}

static void
test_kept_on_unlock (Fixture       *fixture,
                     gconstpointer  data)
{
  sign_in (fixture->store, "alice");
  g_assert_false (can_read_notes (fixture->store, fixture->south));
  break_glass (fixture);
  g_assert_true (can_read_notes (fixture->store, fixture->south));

  /* The inactivity lock is unlocked by the same person signing in again. */
  sign_in (fixture->store, "alice");
  g_assert_true (can_read_notes (fixture->store, fixture->south));
}

static void
test_dropped_for_someone_else (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) failed = NULL;

  sign_in (fixture->store, "alice");
  break_glass (fixture);

  /* A failed sign-in by someone else changes nothing for Alice. */
  failed = kes_store_sign_in (fixture->store, "bob", "not the password", &error);
  g_assert_null (failed);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_true (can_read_notes (fixture->store, fixture->south));

  /* Bob signs in: the grant was Alice's, not his. */
  sign_in (fixture->store, "bob");
  g_assert_false (can_read_notes (fixture->store, fixture->south));

  /* A grant never passes with the actor either. */
  break_glass (fixture);
  kes_store_set_actor (fixture->store, fixture->alice);
  g_assert_false (can_read_notes (fixture->store, fixture->south));
  kes_store_set_actor (fixture->store, fixture->bob);
  g_assert_true (can_read_notes (fixture->store, fixture->south));

  /* Alice signing in after Bob starts a new session: no grants left. */
  sign_in (fixture->store, "alice");
  g_assert_false (can_read_notes (fixture->store, fixture->south));
}

static void
test_carried_to_worker (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesSession) session = NULL;
  g_autoptr(KesStore) worker = NULL;
  g_autoptr(KesStore) other = NULL;
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;

  sign_in (fixture->store, "alice");
  break_glass (fixture);
  session = kes_store_get_session (fixture->store);

  /* A worker's store on the same file: the actor alone is not enough. */
  worker = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  kes_store_set_actor (worker, fixture->alice);
  g_assert_false (can_read_notes (worker, fixture->south));
  g_assert_true (kes_store_resume_session (worker, session, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_id (kes_store_get_actor (worker)), ==, kes_staff_get_id (fixture->alice));
  g_assert_true (can_read_notes (worker, fixture->south));
  g_assert_true (kes_store_check_permission (worker, KES_PERMISSION_EXPORT,
                                             kes_patient_get_id (fixture->south), &error));
  g_assert_no_error (error);

  /* Never into another database. */
  other = kes_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_false (kes_store_resume_session (other, session, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_null (kes_store_get_actor (other));
  g_clear_error (&error);

  /* A snapshot: what is granted later stays in the window's store. */
  g_clear_pointer (&session, kes_session_free);
  sign_in (fixture->store, "bob");
  session = kes_store_get_session (fixture->store);
  g_clear_object (&worker);
  worker = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_resume_session (worker, session, &error));
  g_assert_false (can_read_notes (worker, fixture->south));
}

/* The team check is made for the patient a save names: a record of
 * another team's patient, sent under the name of one's own, is not
 * changed (someone who knows its id, with core's API in hand). */
static void
test_no_change_under_own_patient (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) north = kes_patient_new ();
  g_autoptr(KesNote) forged = kes_note_new ();
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(KesNote) kept = NULL;

  sign_in (fixture->store, "alice");
  kes_patient_set_text (north, KES_PATIENT_FAMILY_NAME, "Wren");
  kes_patient_set_text (north, KES_PATIENT_GIVEN_NAME, "Jo");
  kes_patient_set_text (north, KES_PATIENT_BIRTH_DATE, "1979-01-02");
  kes_patient_set_text (north, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (north, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (north, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, north, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_note_set_identity (forged, fixture->south_note_id, 1, KES_RECORD_ACTIVE);
  kes_note_set_patient_id (forged, kes_patient_get_id (north));
  kes_note_set_title (forged, "Home visit");
  kes_note_set_body (forged, "Rewritten from another team");
  g_assert_false (kes_store_save_note (fixture->store, forged, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This record belongs to another patient and was not changed");
  g_clear_error (&error);

  break_glass (fixture);
  notes = kes_store_list_notes (fixture->store, kes_patient_get_id (fixture->south), FALSE, &error);
  g_assert_no_error (error);
  kept = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (kes_note_get_body (kept), ==, "Seen at home");
  g_assert_cmpint (kes_note_get_revision (kept), ==, 1);
}

/* A North clinician typing a South patient's NHS number learns that it is
 * taken, never whose it is; the South team (or emergency access) is told
 * the name. */
static void
test_duplicate_nhs_names_no_one_else (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) typed = kes_patient_new ();
  g_autoptr(GPtrArray) issues = NULL;
  const char *message;

  kes_patient_set_text (typed, KES_PATIENT_FAMILY_NAME, "Wren");
  kes_patient_set_text (typed, KES_PATIENT_GIVEN_NAME, "Jo");
  kes_patient_set_text (typed, KES_PATIENT_BIRTH_DATE, "1981-04-01");
  kes_patient_set_text (typed, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (typed, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (typed, KES_PATIENT_NHS_NUMBER, "943 476 5919");
  sign_in (fixture->store, "alice");

  issues = kes_store_check_patient (fixture->store, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (issues->len, ==, 1);
  message = ((KesIssue *) issues->pdata[0])->message;
  g_assert_cmpstr (message, ==, "NHS number 943 476 5919 already belongs to a patient of another team: check it "
                                "against the document it came from, and ask that team if it is the same person");
  g_assert_false (kes_store_save_patient (fixture->store, typed, KES_CHANGE_CREATE, NULL, &error));
  g_assert_null (strstr (error->message, "Dunnock"));
  g_assert_null (strstr (error->message, "DUNNOCK"));
  g_clear_error (&error);
  g_clear_pointer (&issues, g_ptr_array_unref);

  /* With emergency access for that patient the name is said. */
  break_glass (fixture);
  issues = kes_store_check_patient (fixture->store, typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((KesIssue *) issues->pdata[0])->message, ==,
                   "NHS number 943 476 5919 already belongs to DUNNOCK, Sam: check you have the right person");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/break-glass/kept-on-unlock", test_kept_on_unlock);
  ADD ("/break-glass/dropped-for-someone-else", test_dropped_for_someone_else);
  ADD ("/break-glass/carried-to-worker", test_carried_to_worker);
  ADD ("/break-glass/no-change-under-own-patient", test_no_change_under_own_patient);
  ADD ("/break-glass/duplicate-nhs-names-no-one-else", test_duplicate_nhs_names_no_one_else);
#undef ADD

  return g_test_run ();
}
