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

#include "kes-demo.h"
#include "kes-error.h"
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
test_check_later_finds_damage (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  gboolean pending = FALSE;

  damage_middle_page (fixture->path);

  /* Opens at once, with the check still to do… */
  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (pending);

  /* …which the worker's check then refuses. */
  g_assert_false (kes_store_check_file (fixture->path, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A failed file is never remembered as checked. */
  g_assert_false (kes_store_check_file (fixture->path, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

static void
test_check_later_on_sound_file (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) reader = NULL;
  gboolean pending = FALSE;

  store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_assert_true (pending);
  g_assert_true (kes_store_check_file (fixture->path, &error));
  g_assert_no_error (error);
  reader = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_store_count_patients (store), ==, 60);
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
  g_test_add ("/store-check/later-on-sound-file", Fixture, NULL, fixture_set_up,
              test_check_later_on_sound_file, fixture_tear_down);
  g_test_add ("/store-check/migration-checks-first", Fixture, NULL, fixture_set_up,
              test_migration_checks_first, fixture_tear_down);
  return g_test_run ();
}
