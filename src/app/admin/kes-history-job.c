/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-history-job"

#include "config.h"

#include "admin/kes-history-job.h"
#include "kes-accounts.h"

typedef struct
{
  char              *db_path;
  KesSession        *session;
  KesStore          *shared_store; /* an in-memory store: the check runs at once on it */
  KesVerifyProgress  progress;
  GObject           *progress_data; /* kept alive until the last step is shown */
  GMainContext      *context;      /* where progress is handed over */
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->session, kes_session_free);
  g_clear_object (&job->shared_store);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->progress_data);
  g_free (job);
}

typedef struct
{
  CheckJob      *job;
  GTask         *task; /* keeps the job alive until the step is shown */
  KesVerifyPart  part;
  guint64        done;
  guint64        total;
} Step;

static gboolean
show_step_cb (gpointer user_data)
{
  Step *step = user_data;

  if (!g_task_had_error (step->task) && !g_cancellable_is_cancelled (g_task_get_cancellable (step->task)))
    step->job->progress (step->part, step->done, step->total, step->job->progress_data);
  g_object_unref (step->task);
  g_free (step);
  return G_SOURCE_REMOVE;
}

/* On the worker: the step goes to the main loop it came from. */
static void
step_cb (KesVerifyPart part,
         guint64       done,
         guint64       total,
         gpointer      user_data)
{
  GTask *task = user_data;
  CheckJob *job = g_task_get_task_data (task);
  Step *step;

  if (job->progress == NULL)
    return;
  step = g_new0 (Step, 1);
  *step = (Step) { job, g_object_ref (task), part, done, total };
  g_main_context_invoke (job->context, show_step_cb, step);
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
  KesVerifyReport *report;

  if (job->shared_store != NULL)
    store = g_object_ref (job->shared_store);
  else if ((store = kes_store_open (job->db_path, &error)) != NULL &&
           !kes_store_resume_session (store, job->session, &error))
    g_clear_object (&store);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = kes_store_verify_parts (store, KES_VERIFY_ALL, NULL, step_cb, task, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) kes_verify_report_free);
}

void
kes_history_job_check_async (KesStore            *store,
                             KesVerifyProgress    progress,
                             GObject             *progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  CheckJob *job;

  g_return_if_fail (KES_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  job = g_new0 (CheckJob, 1);
  path = kes_store_get_path (store);
  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    job->db_path = g_strdup (path);
  else
    job->shared_store = g_object_ref (store);
  job->session = kes_store_get_session (store);
  job->progress = progress;
  job->progress_data = progress_data != NULL ? g_object_ref (progress_data) : NULL;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, kes_history_job_check_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  if (job->shared_store != NULL)
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
