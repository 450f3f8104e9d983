/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-job"

#include "config.h"

#include "admin/kes-history-job.h"
#include "kes-store-jobs.h"

typedef struct
{
  KesWorkerStore   *worker;
  KesProgressRelay *progress; /* how far it has got, to the main loop */
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_pointer (&job->worker, kes_worker_store_free);
  g_clear_pointer (&job->progress, kes_progress_relay_unref);
  g_free (job);
}

/* On the worker: one fraction for the whole check. */
static void
step_cb (KesVerifyPart part,
         guint64       done,
         guint64       total,
         gpointer      user_data)
{
  CheckJob *job = user_data;

  if (job->progress != NULL)
    kes_progress_relay_report (kes_verify_progress_fraction (part, done, total), job->progress);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KesVerifyReport *report = NULL;

  store = kes_worker_store_open (job->worker, &error);
  if (store != NULL)
    report = kes_store_verify_parts (store, KES_VERIFY_ALL, NULL, step_cb, job, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kes_verify_report_free);
}

void
kes_history_job_check_async (KesStore            *store,
                             KesProgressRelay    *progress,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (KES_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (CheckJob, 1);
  job->worker = kes_worker_store_new (store);
  job->progress = progress != NULL ? kes_progress_relay_ref (progress) : NULL;
  g_task_set_source_tag (task, kes_history_job_check_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  if (kes_worker_store_is_shared (job->worker))
    check_thread (task, NULL, job, cancellable);
  else
    g_task_run_in_thread (task, check_thread);
}

KesVerifyReport *
kes_history_job_check_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_history_job_check_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- The quick check when a database opens ---- */

static void
quick_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KesVerifyReport *report = NULL;

  /* The system's own look, before anyone signs in: no actor. */
  store = kes_store_open (task_data, &error);
  if (store != NULL)
    report = kes_store_verify_quick (store, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kes_verify_report_free);
}

void
kes_history_job_quick_async (const char          *db_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (db_path != NULL);

  g_task_set_source_tag (task, kes_history_job_quick_async);
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, quick_thread);
}

KesVerifyReport *
kes_history_job_quick_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_history_job_quick_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
