/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs never touch the database: every name by which a write could reach
 * the open database or its -wal, -shm or -journal is refused, and the
 * backups written beside it leave it alone. */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-permissions.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kestrel-guard-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  admin = kes_test_admin (fixture->store);
  kes_store_set_actor (fixture->store, admin);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  kes_core_test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
assert_refused (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (kes_output_guard_check (path, &error))
    g_error ("%s was allowed", path);
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nothing was written"));
}

static void
assert_allowed (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!kes_output_guard_check (path, &error))
    g_error ("%s was refused: %s", path, error->message);
}

/* The file and each of its companions, by the name SQLite gives them. */
static void
test_companions (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (fixture->path, suffixes[i], NULL);
      assert_refused (companion);
    }
  /* The -journal does not exist in WAL mode: refused by name all the same. */
  {
    g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  /* Beside it is fine. */
  {
    g_autofree char *beside = in_dir (fixture, "summary.pdf");
    g_autofree char *similar = in_dir (fixture, "kestrel.db-wal.pdf");

    assert_allowed (beside);
    assert_allowed (similar);
    assert_allowed (fixture->dir);
  }
}

/* Relative names, "." and "..", through a folder that does not exist yet. */
static void
test_dots_and_relative (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *sub = in_dir (fixture, "sub");
  g_autofree char *up = g_build_filename (sub, "..", "kestrel.db", NULL);
  g_autofree char *dotted = g_build_filename (fixture->dir, ".", "kestrel.db-shm", NULL);
  g_autofree char *not_yet = g_build_filename (fixture->dir, "new", "..", "kestrel.db-wal", NULL);

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  assert_refused (up);
  assert_refused (dotted);
  /* "new" does not exist: a writer making it would land on the -wal. */
  assert_refused (not_yet);

  g_assert_cmpint (g_chdir (sub), ==, 0);
  assert_refused ("../kestrel.db");
  assert_refused ("./../kestrel.db-journal");
  assert_allowed ("kestrel.db");
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* Symbolic links to the file, to a companion that does not exist yet, and
 * to the folder (where ".." after the link is the folder's parent). */
static void
test_symbolic_links (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *link = in_dir (fixture, "link.db");
  g_autofree char *dangling = in_dir (fixture, "dangling");
  g_autofree char *elsewhere = in_dir (fixture, "elsewhere");
  g_autofree char *deep = g_build_filename (fixture->dir, "elsewhere", "deep", NULL);
  g_autofree char *folder_link = g_build_filename (deep, "back", NULL);
  g_autofree char *through = g_build_filename (folder_link, "kestrel.db-shm", NULL);
  g_autofree char *parent_of_link = g_build_filename (folder_link, "..", "kestrel.db", NULL);
  g_autofree char *loop = in_dir (fixture, "loop");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("kestrel.db", link), ==, 0);
  assert_refused (link);
  g_assert_cmpint (symlink ("./kestrel.db-journal", dangling), ==, 0);
  assert_refused (dangling);

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  g_assert_cmpint (symlink (fixture->dir, folder_link), ==, 0);
  assert_refused (through);
  /* folder_link/.. is the parent of the database's folder, not "deep". */
  assert_allowed (parent_of_link);

  g_assert_cmpint (symlink ("loop", loop), ==, 0);
  g_assert_false (kes_output_guard_check (loop, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_null (kes_output_guard_resolve (loop));
}

/* A hard link has a name of its own: the file's identity gives it away. */
static void
test_hard_links (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *copy = in_dir (fixture, "innocent.pdf");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *wal_copy = in_dir (fixture, "log.xml");

  g_assert_cmpint (link (fixture->path, copy), ==, 0);
  assert_refused (copy);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (link (wal, wal_copy), ==, 0);
  assert_refused (wal_copy);
}

/* Guarded while any connection to it is open, and only then. */
static void
test_only_while_open (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KesStore *second = kes_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  assert_refused (fixture->path);
  g_object_unref (second);
  assert_allowed (fixture->path);
}

static void
test_resolve (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *link = in_dir (fixture, "link.db");
  g_autofree char *resolved = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *real_dir = kes_output_guard_resolve (fixture->dir);

  g_assert_cmpint (symlink (fixture->path, link), ==, 0);
  resolved = kes_output_guard_resolve (link);
  expected = g_build_filename (real_dir, "kestrel.db", NULL);
  g_assert_cmpstr (resolved, ==, expected);
  missing = kes_output_guard_resolve ("/no/such/./folder/../file");
  g_assert_cmpstr (missing, ==, "/no/such/file");
  g_free (resolved);
  resolved = kes_output_guard_resolve ("/");
  g_assert_cmpstr (resolved, ==, "/");
}

/* Backups and restores: the folder, the target and the rotation. */
static void
test_backup_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesBackupReport) report = NULL;
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autofree char *folder = in_dir (fixture, "backups");
  g_autofree char *link = in_dir (fixture, "db-link");

  /* A backup folder named like the database is refused, not made. */
  g_assert_null (kes_backup_create_full (fixture->store, fixture->path, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  report = kes_backup_create_full (fixture->store, folder, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Restoring onto the -journal (absent in WAL mode) would have SQLite
   * replay it into the database: refused, and nothing written. */
  g_assert_null (kes_backup_restore_full (fixture->store, report->path, NULL, journal, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_cmpint (symlink (journal, link), ==, 0);
  g_assert_false (kes_backup_restore (report->path, NULL, link, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Nor is the database read as if it were a backup: opening and closing
   * it outside SQLite would drop this process's locks on it. */
  {
    g_autofree char *target = in_dir (fixture, "restored.db");

    g_assert_false (kes_backup_is_encrypted (fixture->path, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Nothing was read"));
    g_clear_error (&error);
    g_assert_null (kes_backup_restore_full (fixture->store, fixture->path, NULL, target, NULL, NULL, NULL, &error));
    g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    g_assert_true (kes_output_guard_check_source (report->path, NULL));
  }
}

/* A database opened straight from the backups folder survives rotation. */
static void
test_rotation_spares_open_database (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *folder = in_dir (fixture, "backups");
  g_autofree char *opened = g_build_filename (folder, "kestrel-backup-20000101T000000Z-01.db", NULL);
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  store = kes_store_open (opened, &error);
  g_assert_no_error (error);
  admin = kes_test_admin (store);
  kes_store_set_actor (store, admin);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KesBackupReport) report = kes_backup_create_full (store, folder, 1, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (g_file_test (opened, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (kes_store_count_staff (store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/output-guard/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("companions", test_companions);
  ADD ("dots-and-relative", test_dots_and_relative);
  ADD ("symbolic-links", test_symbolic_links);
  ADD ("hard-links", test_hard_links);
  ADD ("only-while-open", test_only_while_open);
  ADD ("resolve", test_resolve);
  ADD ("backup-and-restore", test_backup_and_restore);
  ADD ("rotation-spares-open-database", test_rotation_spares_open_database);
#undef ADD

  return g_test_run ();
}
