/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Crash safety of backups and restores: starts backup-writer, kills it with
 * SIGKILL at a random moment of a random step (a backup or a restore, plain
 * or encrypted: copying, verifying, encrypting, reading back, logging,
 * naming), then does what the next start does (kes_backup_clean_folder) and
 * checks that:
 *
 *   - every backup in the folder has its "backup" entry in the access log,
 *     and every such entry its file; the same for restored databases and
 *     their "restore" entries;
 *   - no temporary file is left, and none was ever listed as a backup;
 *   - the database itself verifies.
 *
 * Half the rounds preload slow-naming.so into the writer, which holds the
 * moment between a file's entry and its name open for a while, so that
 * kills land there too (random moments alone almost never do). At the end
 * the newest backup of each kind restores.
 *
 * test-backup-crash [GTest options] WRITER SLOW-NAMING.SO [ROUNDS] */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kes-backup.h"
#include "kes-core-test-util.h"
#include "kes-crash-util.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

static const char *writer_path;
static const char *slow_naming_path;
static guint rounds = 60;

/* Where the kills landed, as the files left show it. */
static guint left_nothing;   /* between steps, or before a temporary file */
static guint left_unlogged;  /* a temporary file without its entry: removed */
static guint left_logged;    /* a logged file not yet named: put in place */

typedef struct
{
  char *dir;
  char *db;
  char *folder;
  char *restores;
} Paths;

/* Reads until @lines whole "start" lines have arrived (or the writer has gone). */
static void
read_starts (int      fd,
             guint    lines,
             GString *into)
{
  char buffer[4096];
  guint seen = 0;

  while (seen < lines)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (into, buffer, n);
      seen = 0;
      for (const char *p = into->str; (p = strstr (p, "start\n")) != NULL; p += 6)
        seen++;
    }
}

/* Names of the files in @folder: visible ones in @visible, hidden in @hidden. */
static void
list_folder (const char *folder,
             GHashTable *visible,
             GHashTable *hidden)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_hash_table_add (name[0] == '.' ? hidden : visible, g_strdup (name));
}

/* The names the access log says were written: a backup's own name, a
 * restore's target (after " to ", up to ", restored as file TAG"). */
static GHashTable *
logged_names (const char *db_path,
              const char *action)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT summary FROM audit WHERE action = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *summary = (const char *) sqlite3_column_text (stmt, 0);
      const char *to = strstr (summary, " to ");

      if (g_str_equal (action, "restore"))
        {
          /* The restored database's own entry names only the backup. */
          const char *tag = to != NULL ? strstr (to, ", restored as file ") : NULL;

          if (to != NULL)
            g_hash_table_add (names, tag != NULL ? g_strndup (to + 4, tag - to - 4) : g_strdup (to + 4));
        }
      else if (g_str_has_suffix (summary, " (encrypted)"))
        g_hash_table_add (names, g_strndup (summary, strlen (summary) - strlen (" (encrypted)")));
      else
        g_hash_table_add (names, g_strdup (summary));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return names;
}

static void
assert_same_names (GHashTable *files,
                   GHashTable *entries,
                   const char *what)
{
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (entries, name))
      g_error ("%s %s has no entry in the access log", what, (const char *) name);
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (files, name))
      g_error ("the access log records %s %s, which is not there", what, (const char *) name);
}

static void
count_what_was_left (const Paths *paths)
{
  g_autoptr(GHashTable) visible = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) backup_entries = logged_names (paths->db, "backup");
  g_autoptr(GHashTable) restore_entries = logged_names (paths->db, "restore");
  GHashTableIter iter;
  gpointer name;
  guint logged = 0, unlogged = 0;

  list_folder (paths->folder, visible, hidden);
  list_folder (paths->restores, visible, hidden);
  g_hash_table_iter_init (&iter, hidden);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      /* ".NAME.ID.PID.STAMP.part": NAME is all before the last four dots. */
      g_auto(GStrv) parts = g_strsplit ((const char *) name + 1, ".", -1);
      guint n = g_strv_length (parts);
      g_autofree char *final = NULL;
      char *id;

      if (n < 5 || !g_str_equal (parts[n - 1], "part"))
        continue;
      id = parts[n - 4];
      parts[n - 4] = NULL;
      final = g_strjoinv (".", parts);
      parts[n - 4] = id;
      if (g_hash_table_contains (backup_entries, final) || g_hash_table_contains (restore_entries, final))
        logged++;
      else
        unlogged++;
    }
  left_logged += logged;
  left_unlogged += unlogged;
  left_nothing += logged + unlogged == 0;
}

/* What the next start does, then the checks. */
static void
check_after_kill (const Paths *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (paths->db, &error);
  g_autoptr(GHashTable) backups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) restored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) hidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) backup_entries = NULL;
  g_autoptr(GHashTable) restore_entries = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(KesStaff) reader = NULL;

  g_assert_no_error (error);
  /* Temporary files are never listed, even before they are dealt with. */
  listed = kes_backup_list_folder (paths->folder, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpint (((KesBackupFile *) g_ptr_array_index (listed, i))->name[0], !=, '.');

  count_what_was_left (paths);
  kes_backup_clean_folder (store, paths->folder);
  kes_backup_clean_folder (store, paths->restores);

  list_folder (paths->folder, backups, hidden);
  list_folder (paths->restores, restored, hidden);
  if (g_hash_table_size (hidden) > 0)
    {
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, hidden);
      g_hash_table_iter_next (&iter, &name, NULL);
      g_error ("a temporary file was left: %s", (const char *) name);
    }
  backup_entries = logged_names (paths->db, "backup");
  restore_entries = logged_names (paths->db, "restore");
  assert_same_names (backups, backup_entries, "the backup");
  assert_same_names (restored, restore_entries, "the restored database");

  /* Read as the administrator, who may. */
  reader = kes_test_demo_sign_in (store, KES_ROLE_ADMINISTRATOR);
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The slow rounds hold each naming for this long. */
#define SLOW_NAMING_US 150000

static void
run_and_kill (const Paths *paths,
              guint32      seed,
              gboolean     slow_naming)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  const char *argv[] = { writer_path, paths->db, paths->folder, paths->restores, seed_text, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GString) errors = g_string_new (NULL);
  GPid pid;
  int out_fd, err_fd;
  int status = 0;

  if (slow_naming)
    {
      g_autofree char *wait = g_strdup_printf ("%d", SLOW_NAMING_US);

      envp = g_environ_setenv (envp, "LD_PRELOAD", slow_naming_path, TRUE);
      envp = g_environ_setenv (envp, "KES_SLOW_NAMING_US", wait, TRUE);
    }
  g_spawn_async_with_pipes (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                            NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);

  /* Into one of its first few steps, then a random moment of it (a step of
   * this small database takes a few tens to hundreds of milliseconds). */
  read_starts (out_fd, (guint) g_test_rand_int_range (1, 5), output);
  g_usleep ((gulong) g_test_rand_int_range (0, 400000));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  kes_crash_read_all (out_fd, output);
  kes_crash_read_all (err_fd, errors);
  close (out_fd);
  close (err_fd);

  /* The writer never stops by itself: exiting means a step failed. */
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("backup-writer stopped by itself (status %d): %s", status, errors->str);
}

static void
make_database (const Paths *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (paths->db, &error);
  KesDemoOptions options = { 60, 3, 3, 11 };

  g_assert_no_error (error);
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
restore_newest (const Paths *paths,
                gboolean     encrypted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = kes_backup_list_folder (paths->folder, NULL, &error);
  g_autofree char *target = g_build_filename (paths->dir, encrypted ? "final-enc.db" : "final.db", NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < listed->len; i++)
    {
      KesBackupFile *file = g_ptr_array_index (listed, i);

      if (file->encrypted != encrypted)
        continue;
      g_assert_null (file->problem);
      g_assert_true (kes_backup_restore (file->path, encrypted ? "copper kettle river" : NULL, target, NULL,
                                         &error));
      g_assert_no_error (error);
      return;
    }
}

static void
test_sigkill_during_backups (void)
{
  g_autoptr(GError) error = NULL;
  Paths paths = { 0 };

  paths.dir = g_dir_make_tmp ("kestrel-backup-crash-XXXXXX", &error);
  g_assert_no_error (error);
  paths.db = g_build_filename (paths.dir, "team.db", NULL);
  paths.folder = g_build_filename (paths.dir, "backups", NULL);
  paths.restores = g_build_filename (paths.dir, "restores", NULL);
  g_assert_cmpint (g_mkdir (paths.restores, 0700), ==, 0);
  make_database (&paths);

  for (guint round = 0; round < rounds; round++)
    {
      run_and_kill (&paths, g_test_rand_int (), round % 2 == 1);
      check_after_kill (&paths);
    }
  g_test_message ("%u rounds: %u killed between files, %u left a file without its entry (removed), "
                  "%u a logged file not yet named (put in place)", rounds, left_nothing, left_unlogged,
                  left_logged);
  restore_newest (&paths, FALSE);
  restore_newest (&paths, TRUE);

  kes_core_test_remove_tree (paths.dir);
  g_free (paths.dir);
  g_free (paths.db);
  g_free (paths.folder);
  g_free (paths.restores);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 3)
    {
      g_printerr ("usage: %s WRITER SLOW-NAMING.SO [ROUNDS]\n", argv[0]);
      return 2;
    }
  writer_path = argv[1];
  slow_naming_path = argv[2];
  if (argc > 3)
    rounds = (guint) g_ascii_strtoull (argv[3], NULL, 10);

  g_test_add_func ("/crash/sigkill-during-backups", test_sigkill_during_backups);
  return g_test_run ();
}
