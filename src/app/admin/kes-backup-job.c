/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup-job"

#include "config.h"

#include <string.h>

#include "admin/kes-backup-job.h"
#include "kes-accounts.h"
#include "kes-store-jobs.h"

/* What a worker needs: the database file and the session (a KesStore
 * belongs to one thread), and what to back up or restore. */
typedef struct
{
  gboolean          restore;
  KesWorkerStore   *worker;
  char             *folder;       /* backup: where to */
  char             *backup_path;  /* restore: from */
  char             *target;       /* restore: the new file */
  char             *passphrase;
  KesProgressRelay *progress;     /* how far it has got, to the main loop */
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_pointer (&job->worker, kes_worker_store_free);
  g_free (job->folder);
  g_free (job->backup_path);
  g_free (job->target);
  if (job->passphrase != NULL)
    explicit_bzero (job->passphrase, strlen (job->passphrase));
  g_free (job->passphrase);
  g_clear_pointer (&job->progress, kes_progress_relay_unref);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KesBackupReport *report;

  store = kes_worker_store_open (job->worker, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->restore)
    report = kes_backup_restore_full (store, job->backup_path, job->passphrase, job->target,
                                      job->progress != NULL ? kes_progress_relay_report : NULL,
                                      job->progress, cancellable, &error);
  else
    report = kes_backup_create_full (store, job->folder, 0, job->passphrase,
                                     job->progress != NULL ? kes_progress_relay_report : NULL,
                                     job->progress, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kes_backup_report_free);
}

static void
run (KesStore            *store,
     BackupJob           *job,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  job->worker = kes_worker_store_new (store);
  g_task_set_source_tag (task, kes_backup_job_finish);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  if (kes_worker_store_is_shared (job->worker))
    backup_thread (task, NULL, job, cancellable);
  else
    g_task_run_in_thread (task, backup_thread);
}

void
kes_backup_job_create_async (KesStore            *store,
                             const char          *folder,
                             const char          *passphrase,
                             KesProgressRelay    *progress,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BackupJob *job;

  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (folder != NULL);

  job = g_new0 (BackupJob, 1);
  job->folder = g_strdup (folder);
  job->passphrase = g_strdup (passphrase);
  job->progress = progress != NULL ? kes_progress_relay_ref (progress) : NULL;
  run (store, job, cancellable, callback, user_data);
}

void
kes_backup_job_restore_async (KesStore            *store,
                              const char          *backup_path,
                              const char          *passphrase,
                              const char          *target_path,
                              KesProgressRelay    *progress,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BackupJob *job;

  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (target_path != NULL);

  job = g_new0 (BackupJob, 1);
  job->progress = progress != NULL ? kes_progress_relay_ref (progress) : NULL;
  job->restore = TRUE;
  job->backup_path = g_strdup (backup_path);
  job->target = g_strdup (target_path);
  job->passphrase = g_strdup (passphrase);
  run (store, job, cancellable, callback, user_data);
}

KesBackupReport *
kes_backup_job_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_backup_job_finish, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
