/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Optimistic concurrency that does not rely on the engine's lock: the
 * conditional update that advances a record, a service directory entry or a
 * team is itself the check, and a stale save is refused with a message
 * naming who changed it and when. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-core-test-util.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-services.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;   /* Ada, an administrator */
  KesStore *other;   /* Bob, also an administrator, on a second connection */
  KesStaff *ada;
  KesStaff *bob;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

/* An administrator in North, made and signed in once the way the product
 * makes accounts (kes-test-accounts.h). */
static KesStaff *
administrator (KesStore   *store,
               const char *username,
               const char *name)
{
  return kes_test_account (store, username, name, "North", KES_ROLE_ADMINISTRATOR);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-concurrency-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->ada = administrator (fixture->store, "ada", "Ada Admin");
  fixture->bob = administrator (fixture->store, "bob", "Bob Barker");
  kes_store_set_actor (fixture->store, fixture->ada);
  fixture->other = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->other, fixture->bob);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->ada);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->other);
  kes_core_test_remove_database (fixture->dir, fixture->path);
  g_free (fixture->path);
  g_free (fixture->dir);
  kes_clock_set_fixed (NULL);
}

/* Runs SQL on the file through a connection of its own, as someone with
 * the sqlite3 shell would. */
static void
run_sql (Fixture    *fixture,
         const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static KesPatient *
new_patient (void)
{
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Wagtail");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  return patient;
}

/* Another writer advances the record between the store's read of its
 * revision and its update (a trigger does here what a second process with
 * no working lock would): the update matches no row, and the save is
 * refused as a conflict naming that writer, with nothing written. */
static void
test_record_update_is_the_check (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KesPatient) patient = new_patient ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf (
    "CREATE TRIGGER meanwhile BEFORE UPDATE OF revision ON record "
    "WHEN OLD.id = '%s' AND OLD.revision = 1 BEGIN "
    "  UPDATE record SET revision = 2, updated_by = '%s', updated_at = '2026-11-21T09:15:00Z' "
    "  WHERE id = OLD.id; "
    "  SELECT RAISE (IGNORE); "
    "END",
    kes_patient_get_id (patient), kes_staff_get_id (fixture->bob));
  run_sql (fixture, sql);

  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Samuel");
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bob Barker changed this record on 21 Nov 2026"));
  g_clear_error (&error);

  /* Nothing of the refused save remains: one revision, as before. */
  run_sql (fixture, "DROP TRIGGER meanwhile");
  revisions = kes_store_list_revisions (fixture->store, kes_patient_get_id (patient), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
}

/* Another connection holds the write lock for longer than the busy timeout
 * (an import, say): the save is refused in plain words, never with the
 * engine's "database is locked", and goes through once the lock is free. */
static void
test_busy_in_plain_words (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KesPatient) patient = new_patient ();
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_begin (fixture->other, &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_nonnull (strstr (error->message, "Nothing was changed: try again in a moment."));
  g_assert_null (strstr (error->message, "locked"));
  g_clear_error (&error);
  kes_store_rollback (fixture->other);

  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static KesFieldRecord *
crisis_line (void)
{
  KesFieldRecord *service = kes_service_new ();

  kes_field_record_set_text (service, "kind", "crisis");
  kes_field_record_set_text (service, "name", "Norfolk crisis line");
  kes_field_record_set_text (service, "area", "Norfolk");
  kes_field_record_set_text (service, "crisis_phone", "0800 000 0001");
  return service;
}

/* Two administrators open the same entry on two connections; the second
 * save from the same starting revision is refused and keeps what was typed;
 * the stored number is the first one's. */
static void
test_service_stale_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesFieldRecord) service = crisis_line ();
  g_autoptr(KesFieldRecord) ours = NULL;
  g_autoptr(KesFieldRecord) theirs = NULL;
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  g_assert_true (kes_store_save_service (fixture->store, service, &error));
  id = kes_field_record_get_id (service);
  g_assert_cmpint (kes_field_record_get_revision (service), ==, 1);

  ours = kes_store_load_service (fixture->store, id, &error);
  theirs = kes_store_load_service (fixture->other, id, &error);
  g_assert_no_error (error);

  set_now ("2026-11-21T09:20:00Z");
  kes_field_record_set_text (theirs, "crisis_phone", "0800 000 0002");
  g_assert_true (kes_store_save_service (fixture->other, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_field_record_get_revision (theirs), ==, 2);

  kes_field_record_set_text (ours, "crisis_phone", "0800 000 0003");
  g_assert_false (kes_store_save_service (fixture->store, ours, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "Bob Barker changed this entry of the service directory on 21 Nov 2026 09:20, "
                   "after you opened it. Your changes have not been saved: open the entry again to "
                   "see theirs, then make yours again.");
  g_clear_error (&error);
  g_assert_cmpstr (kes_field_record_get_text (ours, "crisis_phone"), ==, "0800 000 0003");
  g_assert_cmpint (kes_field_record_get_revision (ours), ==, 1);

  stored = kes_store_load_service (fixture->store, id, &error);
  g_assert_cmpstr (kes_field_record_get_text (stored, "crisis_phone"), ==, "0800 000 0002");
  g_assert_cmpint (kes_field_record_get_revision (stored), ==, 2);

  /* A save from the revision now stored goes through, and a second save
   * from the same copy starts from the revision the first one made. */
  kes_field_record_set_text (stored, "crisis_phone", "0800 000 0004");
  g_assert_true (kes_store_save_service (fixture->store, stored, &error));
  kes_field_record_set_text (stored, "office_hours", "24 hours");
  g_assert_true (kes_store_save_service (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_field_record_get_revision (stored), ==, 4);
}

/* Retiring is refused too when the entry changed after it was read. */
static void
test_service_stale_withdraw (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesFieldRecord) service = crisis_line ();
  g_autoptr(KesFieldRecord) theirs = NULL;
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_service (fixture->store, service, &error));
  theirs = kes_store_load_service (fixture->other, kes_field_record_get_id (service), &error);
  kes_field_record_set_text (theirs, "name", "Norfolk and Waveney crisis line");
  g_assert_true (kes_store_save_service (fixture->other, theirs, &error));
  g_assert_no_error (error);

  g_assert_false (kes_store_withdraw_service (fixture->store, kes_field_record_get_id (service), 1,
                                              &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bob Barker changed this entry"));
  g_clear_error (&error);
  stored = kes_store_load_service (fixture->store, kes_field_record_get_id (service), &error);
  g_assert_cmpint (kes_field_record_get_state (stored), ==, KES_RECORD_ACTIVE);

  g_assert_true (kes_store_withdraw_service (fixture->store, kes_field_record_get_id (service), 2,
                                             &error));
  g_assert_no_error (error);
}

static KesTeam *
team_named (KesStore   *store,
            const char *name)
{
  KesTeam *team = kes_store_find_team (store, name);

  g_assert_nonnull (team);
  return team;
}

static void
test_team_stale_rename (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesTeam) ours = team_named (fixture->store, "North");
  g_autoptr(KesTeam) theirs = team_named (fixture->other, "North");
  g_autoptr(KesTeam) now = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (kes_team_get_revision (ours), ==, 1);
  set_now ("2026-11-21T10:05:00Z");
  g_assert_true (kes_store_rename_team (fixture->other, kes_team_get_id (theirs),
                                        kes_team_get_revision (theirs), "North Forensic", &error));
  g_assert_no_error (error);

  g_assert_false (kes_store_rename_team (fixture->store, kes_team_get_id (ours),
                                         kes_team_get_revision (ours), "North Community", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bob Barker renamed this team on 21 Nov 2026 10:05"));
  g_clear_error (&error);

  now = team_named (fixture->store, kes_team_get_id (ours));
  g_assert_cmpstr (kes_team_get_name (now), ==, "North Forensic");
  g_assert_cmpint (kes_team_get_revision (now), ==, 2);

  /* A team that has gone is said to be gone, not a conflict. */
  g_assert_false (kes_store_rename_team (fixture->store, "no-such-team", 1, "Nowhere", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NOT_FOUND);
}

/* A database written by schema 10 (before revisions) upgrades: what it held
 * starts at revision 1 and takes part in the check at once. */
static void
test_migrates_schema_10 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-schema10-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-10.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) bob = NULL;
  g_autoptr(KesFieldRecord) first = NULL;
  g_autoptr(KesFieldRecord) second = NULL;
  g_autoptr(KesTeam) south = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const char *line = "01a24f1b-e27f-73b6-9f25-74ca17e6de1e"; /* the crisis line in the file */
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  bob = administrator (store, "bob", "Bob Barker");
  kes_store_set_actor (store, bob);
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  first = kes_store_load_service (store, line, &error);
  second = kes_store_load_service (store, line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (first, "crisis_phone"), ==, "0800 000 0002");
  g_assert_cmpint (kes_field_record_get_revision (first), ==, 1);
  kes_field_record_set_text (first, "crisis_phone", "0800 000 0005");
  g_assert_true (kes_store_save_service (store, first, &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_save_service (store, second, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  south = team_named (store, "South");
  g_assert_cmpint (kes_team_get_revision (south), ==, 1);
  g_assert_true (kes_store_rename_team (store, kes_team_get_id (south), 1, "South Forensic", &error));
  g_assert_false (kes_store_rename_team (store, kes_team_get_id (south), 1, "South Community", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = kes_store_verify (store, &error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&store);
  kes_core_test_remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/concurrency/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("record-update-is-the-check", test_record_update_is_the_check);
  ADD ("busy-in-plain-words", test_busy_in_plain_words);
  ADD ("service-stale-save", test_service_stale_save);
  ADD ("service-stale-withdraw", test_service_stale_withdraw);
  ADD ("team-stale-rename", test_team_stale_rename);
#undef ADD
  g_test_add_func ("/concurrency/migrates-schema-10", test_migrates_schema_10);

  return g_test_run ();
}
