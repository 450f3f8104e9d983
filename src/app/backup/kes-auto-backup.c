/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-auto-backup"

#include "config.h"

#include <glib/gi18n.h>

#include "backup/kes-auto-backup.h"
#include "kes-app-util.h"
#include "kes-backup.h"
#include "kes-clock.h"

typedef struct
{
  char *database;
  char *folder;
  char *day;
} Job;

static void
job_free (Job *job)
{
  g_free (job->database);
  g_free (job->folder);
  g_free (job->day);
  g_free (job);
}

char *
kes_auto_backup_folder (KesStore *store)
{
  g_autofree char *database_id = NULL;
  const char *path;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  path = kes_store_get_path (store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return NULL;
  database_id = kes_store_get_database_id (store, NULL);
  if (database_id == NULL)
    return NULL;
  return g_build_filename (g_get_user_data_dir (), "kestrel", "backups", database_id, NULL);
}

gboolean
kes_auto_backup_done_on (const char *folder,
                         const char *day)
{
  g_autoptr(GDir) dir = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *prefix = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (day != NULL && strlen (day) == 10, FALSE);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return FALSE;
  /* kestrel-backup-YYYYMMDDTHHMMSSZ-NN.db (see kes-backup.h) */
  compact = g_strdup_printf ("%.4s%.2s%.2s", day, day + 5, day + 8);
  prefix = g_strconcat ("kestrel-backup-", compact, "T", NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *beside = g_path_get_dirname (job->database);
  char *path;

  store = kes_store_open (job->database, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* What a killed backup or restore left: finished and logged, or gone. */
  kes_backup_clean_folder (store, job->folder);
  kes_backup_clean_folder (store, beside);
  if (kes_auto_backup_done_on (job->folder, job->day))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  path = kes_backup_create_automatic (store, job->folder, KES_AUTO_BACKUP_KEEP, &error);
  if (path == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path, g_free);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"),
                                                  error->message);

      g_warning ("Automatic backup failed: %s", error->message);
      kes_widget_toast (window, message);
      return;
    }
  if (path != NULL)
    g_debug ("Automatic backup written");
}

static gboolean
first_frame_cb (GtkWidget     *window,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GTask *task = user_data;

  /* The first frame is on its way: the backup starts without holding it up. */
  g_task_run_in_thread (task, backup_thread);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

void
kes_auto_backup_start (GtkWidget  *window,
                       KesStore   *store,
                       const char *folder)
{
  g_autoptr(GDateTime) now = NULL;
  const char *path;
  Job *job;
  GTask *task;

  g_return_if_fail (GTK_IS_WIDGET (window));
  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (folder != NULL);

  path = kes_store_get_path (store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    return;

  now = kes_clock_now_utc ();
  job = g_new0 (Job, 1);
  job->database = g_strdup (path);
  job->folder = g_strdup (folder);
  job->day = g_date_time_format (now, "%Y-%m-%d");

  task = g_task_new (NULL, NULL, backup_done_cb, g_object_ref (window));
  g_task_set_source_tag (task, kes_auto_backup_start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  gtk_widget_add_tick_callback (window, first_frame_cb, task, NULL);
}
