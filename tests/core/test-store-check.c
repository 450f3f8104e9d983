/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole-file check at start: the application opens without it (when no
 * migration is due) and runs it in a worker; a damaged file is still found
 * and refused. */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <unistd.h>

#include "kes-audit.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autofree char *made = NULL;
  KesDemoOptions options = { 60, 2, 2, 5 };

  fixture->dir = g_dir_make_tmp ("kestrel-check-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "check.db", NULL);
  /* Made under another name: this process has then never checked the file
   * the tests open (checks are remembered per process and path). */
  made = g_build_filename (fixture->dir, "made.db", NULL);

  store = kes_store_open (made, &error);
  g_assert_no_error (error);
  /* Enough rows for many pages of data and index. */
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  actor = kes_test_account (store, "tester", "tester", NULL, KES_TEST_ALL_ROLES);
  g_clear_object (&store);
  g_assert_cmpint (g_rename (made, fixture->path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Folds the write-ahead log into the file, then scribbles over a page in the
 * middle of it: the header still opens, the check does not pass. */
static void
damage_middle_page (const char *path)
{
  sqlite3 *db;
  int page_size = 0, page_count = 0;
  sqlite3_stmt *stmt;
  char garbage[512];
  int fd;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT page_size, page_count FROM pragma_page_size, pragma_page_count", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int (stmt, 0);
  page_count = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page_count, >, 8);

  memset (garbage, 0xA5, sizeof garbage);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  for (int page = page_count / 2; page < page_count / 2 + 3; page++)
    g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (off_t) page * page_size), ==, sizeof garbage);
  close (fd);
}

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_check_later_finds_damage (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GListModel) listed = NULL;
  gboolean pending = FALSE;

  damage_middle_page (fixture->path);

  /* Opens at once, with the check still to do: what signing in relies on
   * (staff, the access log's end) is sound… */
  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (pending);
  g_assert_false (kes_store_is_damaged (store));
  actor = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  /* …which the worker's check then refuses. */
  g_assert_false (kes_store_check_file (fixture->path, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_clear_error (&error);

  /* From then on the store refuses every write, in plain words, and the
   * object being saved keeps what was typed. Reading still works. */
  g_assert_true (kes_store_is_damaged (store));
  patient = kes_patient_new ();
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Wagtail");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "A");
  g_assert_false (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "stopped saving changes"));
  g_assert_nonnull (strstr (error->message, "Restore the latest verified backup"));
  g_clear_error (&error);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME), ==, "Wagtail");
  g_assert_false (kes_store_audit (store, "view", NULL, NULL, "anything", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpuint (kes_store_count_staff (store), >, 0);

  /* A failed file is never remembered as checked, and a worker's own
   * connection opened later is refused at once. */
  g_assert_false (kes_store_check_file (fixture->path, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (kes_store_open (fixture->path, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

/* Once damage is found nothing is written, yet the person whose window
 * locked signs in again to copy out what they typed, and an administrator
 * can sign in to restore a backup; wrong passwords still lock the account,
 * counted in memory as no write can hold them. */
static void
test_sign_in_after_damage (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStaff) again = NULL;
  g_autoptr(KesStaff) admin = NULL;
  gboolean pending = FALSE;

  /* Opened without its check, which would be remembered as passed. */
  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  admin = kes_test_account (store, "ada.admin", "Ada Admin", NULL, "administrator");
  g_clear_object (&store);
  damage_middle_page (fixture->path);

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  actor = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (kes_store_check_file (fixture->path, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_true (kes_store_is_damaged (store));

  /* The window locks; the same person unlocks it. */
  again = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_id (again), ==, kes_staff_get_id (actor));
  g_assert_true (kes_store_get_actor (store) == again);
  g_clear_object (&again);

  /* An administrator comes to restore a backup. */
  again = kes_store_sign_in (store, "ada.admin", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&again);

  /* Wrong passwords: the same message, and after the usual number the
   * right password is refused too, until the lock has passed. */
  for (int i = 0; i < KES_SIGN_IN_MAX_FAILURES; i++)
    {
      g_assert_null (kes_store_sign_in (store, "tester", "not the password", &error));
      g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "don’t match an account"));
      g_clear_error (&error);
    }
  g_assert_null (kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Another account is not affected. */
  again = kes_store_sign_in (store, "ada.admin", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&again);

  /* Still nothing is written. */
  g_assert_false (kes_store_audit (store, "view", NULL, NULL, "anything", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

static void
test_check_later_on_sound_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) reader = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean pending = FALSE;

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_assert_true (pending);
  g_assert_true (kes_store_check_file (fixture->path, record_progress_cb, fractions, NULL, &error));
  g_assert_no_error (error);
  reader = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (kes_store_is_damaged (store));
  g_assert_cmpuint (kes_store_count_patients (store), ==, 60);

  /* Progress rises and ends at the whole file. */
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

/* Stopped (the window closed): neither sound nor damaged, checked again next time. */
static void
test_check_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean pending = FALSE;

  damage_middle_page (fixture->path);
  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (kes_store_check_file (fixture->path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (kes_store_is_damaged (store));
  g_assert_false (kes_store_check_file (fixture->path, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

static int
root_page (const char *path,
           const char *table)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int page;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

/* Damage where a sign-in reads is found before anyone signs in. */
static void
test_staff_damage_found_before_sign_in (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  int page = root_page (fixture->path, "staff");
  char garbage[64];
  gboolean pending = FALSE;
  int fd;

  /* The b-tree page header: the page's kind and cell count made nonsense. */
  memset (garbage, 0x7f, sizeof garbage);
  fd = open (fixture->path, O_WRONLY);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (off_t) (page - 1) * 4096), ==, sizeof garbage);
  close (fd);

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_null (store);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

/* An altered entry at the end of the access log is found before sign-in. */
static void
test_audit_tail_found_before_sign_in (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  gboolean pending = FALSE;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update; "
                                     "UPDATE audit SET summary = 'nothing to see' "
                                     "WHERE seq = (SELECT max (seq) - 3 FROM audit)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_null (store);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "altered"));
}

/* A file that needs migrating is checked before anything is written to it. */
static void
test_migration_checks_first (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autofree char *older = g_strdup_printf ("PRAGMA user_version = %d", kes_store_schema_version () - 1);
  gboolean pending = TRUE;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, older, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  damage_middle_page (fixture->path);

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_null (store);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-check/later-finds-damage", Fixture, NULL, fixture_set_up,
              test_check_later_finds_damage, fixture_tear_down);
  g_test_add ("/store-check/sign-in-after-damage", Fixture, NULL, fixture_set_up,
              test_sign_in_after_damage, fixture_tear_down);
  g_test_add ("/store-check/later-on-sound-file", Fixture, NULL, fixture_set_up,
              test_check_later_on_sound_file, fixture_tear_down);
  g_test_add ("/store-check/migration-checks-first", Fixture, NULL, fixture_set_up,
              test_migration_checks_first, fixture_tear_down);
  g_test_add ("/store-check/cancelled", Fixture, NULL, fixture_set_up,
              test_check_cancelled, fixture_tear_down);
  g_test_add ("/store-check/staff-damage-before-sign-in", Fixture, NULL, fixture_set_up,
              test_staff_damage_found_before_sign_in, fixture_tear_down);
  g_test_add ("/store-check/audit-tail-before-sign-in", Fixture, NULL, fixture_set_up,
              test_audit_tail_found_before_sign_in, fixture_tear_down);
  return g_test_run ();
}
