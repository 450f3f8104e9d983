/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "backup/kes-auto-backup.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-ui-test-util.h"

/* The daily automatic backup: in a worker after the first frame, once a
 * day, verified, restorable. */

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

  kes_auto_backup_start (window, db->store, folder);
  /* Nothing happens before the window draws. */
  g_assert_cmpuint (count_backups (folder), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (kes_test_wait_until (has_backup, folder, 20000));
  g_assert_true (kes_auto_backup_done_on (folder, today));
  g_assert_false (kes_auto_backup_done_on (folder, "2001-01-01"));

  /* A second start the same day adds nothing. */
  kes_auto_backup_start (window, db->store, folder);
  kes_test_wait (1500);
  g_assert_cmpuint (count_backups (folder), ==, 1);

  /* It restores (kes_backup_restore verifies before writing). */
  backup = first_backup (folder);
  g_assert_nonnull (backup);
  g_assert_true (kes_backup_restore (backup, NULL, restored, NULL, &error));
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (restored);
  remove_tree (folder);
}

static void
test_folder (void)
{
  g_autofree char *folder = kes_auto_backup_folder ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "kestrel", "backups",
                                                NULL);

  g_assert_cmpstr (folder, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/auto-backup/folder", test_folder);
  g_test_add_func ("/auto-backup/once-a-day", test_once_a_day);

  return g_test_run ();
}
