/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "backup/kes-auto-backup.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-ui-test-util.h"

/* The daily automatic backup: in a worker after the first frame, once a
 * day for each database, into that database's own folder, verified,
 * restorable; what a killed backup left is dealt with first. */

static guint
count_backups (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "kestrel-backup-"))
      n++;
  return n;
}

static gboolean
has_backup (gpointer data)
{
  return count_backups (data) > 0;
}

static char *
first_backup (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "kestrel-backup-"))
      return g_build_filename (folder, name, NULL);
  return NULL;
}

/* Runs the automatic backup of @db as the application does at start. */
static void
run_auto_backup (KesTestDb  *db,
                 const char *folder)
{
  GtkWidget *window = gtk_window_new ();

  kes_auto_backup_start (window, db->store, folder);
  /* Nothing happens before the window draws. */
  g_assert_cmpuint (count_backups (folder), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kes_test_wait_until (has_backup, (gpointer) folder, 20000));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_once_a_day (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autofree char *folder = g_build_filename (db->dir, "backups", NULL);
  g_autofree char *restored = g_build_filename (db->dir, "restored.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();

  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_false (kes_auto_backup_done_on (folder, today));

  run_auto_backup (db, folder);
  g_assert_true (kes_auto_backup_done_on (folder, today));
  g_assert_false (kes_auto_backup_done_on (folder, "2001-01-01"));

  /* A second start the same day adds nothing. */
  kes_auto_backup_start (window, db->store, folder);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (1500);
  g_assert_cmpuint (count_backups (folder), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* It restores (kes_backup_restore checks and verifies before naming it). */
  backup = first_backup (folder);
  g_assert_nonnull (backup);
  g_assert_true (kes_backup_restore (backup, NULL, restored, NULL, &error));
  g_assert_no_error (error);

  g_unlink (restored);
  kes_test_remove_tree (folder);
}

static void
test_folder (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) memory = kes_store_open (":memory:", NULL);
  g_autofree char *folder = kes_auto_backup_folder (db->store);
  g_autofree char *id = kes_store_get_database_id (db->store, NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kestrel", "backups", id, NULL);

  g_assert_cmpuint (strlen (id), ==, 32);
  g_assert_cmpstr (folder, ==, expected);
  g_assert_null (kes_auto_backup_folder (memory));
}

/* Two databases opened the same day: each gets its own backup, and each
 * lists only its own, even in a folder they share. */
static void
test_per_database (void)
{
  g_autoptr(KesTestDb) first = kes_test_db_new (TRUE);
  g_autoptr(KesTestDb) second = kes_test_db_new (TRUE);
  g_autofree char *first_folder = kes_auto_backup_folder (first->store);
  g_autofree char *second_folder = kes_auto_backup_folder (second->store);
  g_autofree char *first_id = kes_store_get_database_id (first->store, NULL);
  g_autofree char *second_id = kes_store_get_database_id (second->store, NULL);
  g_autofree char *today = NULL;
  g_autofree char *first_backup_path = NULL;
  g_autofree char *stranger = NULL;
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_cmpstr (first_id, !=, second_id);
  g_assert_cmpstr (first_folder, !=, second_folder);
  today = g_date_time_format (now, "%Y-%m-%d");

  run_auto_backup (first, first_folder);
  g_assert_true (kes_auto_backup_done_on (first_folder, today));
  g_assert_false (kes_auto_backup_done_on (second_folder, today));
  run_auto_backup (second, second_folder);
  g_assert_cmpuint (count_backups (second_folder), ==, 1);

  /* The first database's backup copied into the second's folder is not
   * the second's to list (or to restore from its Backups page). */
  first_backup_path = first_backup (first_folder);
  g_assert_true (g_file_get_contents (first_backup_path, &contents, &length, NULL));
  stranger = g_build_filename (second_folder, "kestrel-backup-20010101T000000Z-01.db", NULL);
  g_assert_true (g_file_set_contents (stranger, contents, (gssize) length, NULL));
  listed = kes_backup_list_folder (second_folder, second_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((KesBackupFile *) g_ptr_array_index (listed, 0))->database_id, ==, second_id);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = kes_backup_list_folder (second_folder, first_id, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((KesBackupFile *) g_ptr_array_index (listed, 0))->path, ==, stranger);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* A file with a backup's name that is not one is listed as damaged (it
   * might be this database's), with why, never offered as a backup. */
  g_free (stranger);
  stranger = g_build_filename (second_folder, "kestrel-backup-20010102T000000Z-01.db", NULL);
  g_assert_true (g_file_set_contents (stranger, "not a database at all", -1, NULL));
  listed = kes_backup_list_folder (second_folder, second_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((KesBackupFile *) g_ptr_array_index (listed, 1))->path, ==, stranger);
  g_assert_nonnull (strstr (((KesBackupFile *) g_ptr_array_index (listed, 1))->problem,
                            "not a Kestrel backup"));

  kes_test_remove_tree (first_folder);
  kes_test_remove_tree (second_folder);
}

/* A stray temporary file from a backup whose process was killed is removed
 * at the next start, and never listed. */
static void
test_cleans_at_start (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autofree char *folder = kes_auto_backup_folder (db->store);
  g_autofree char *id = kes_store_get_database_id (db->store, NULL);
  g_autofree char *stray_name = NULL;
  g_autofree char *stray = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  /* Named as kes-backup-folder.h says, by a process that no longer runs. */
  stray_name = g_strdup_printf (".kestrel-backup-20010101T000000Z-01.db.%s.%d.20010101T000000Z.part", id,
                                G_MAXINT - 7);
  stray = g_build_filename (folder, stray_name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray, "half a backup", -1, NULL));
  listed = kes_backup_list_folder (folder, id, NULL);
  g_assert_cmpuint (listed->len, ==, 0);

  run_auto_backup (db, folder);
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  kes_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int result;

  /* Automatic backups go under the user data folder: a private one. */
  data_home = g_dir_make_tmp ("kestrel-data-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/auto-backup/folder", test_folder);
  g_test_add_func ("/auto-backup/once-a-day", test_once_a_day);
  g_test_add_func ("/auto-backup/per-database", test_per_database);
  g_test_add_func ("/auto-backup/cleans-at-start", test_cleans_at_start);

  result = g_test_run ();
  kes_test_remove_tree (data_home);
  return result;
}
