/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-jobs"

#include "config.h"

#include "kes-accounts.h"
#include "kes-store-jobs.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"

/* The worker opens its own store on the file and takes on the session:
 * who is acting (their roles and team decide what they may see, and the
 * log names them) and the patients they opened by break-glass. */
typedef struct
{
  KesWorkerStore *worker;
  char           *query;
  guint           limit;
} JobData;

static void
job_data_free (JobData *data)
{
  g_clear_pointer (&data->worker, kes_worker_store_free);
  g_free (data->query);
  g_free (data);
}

static KesStore *
job_open_store (JobData  *data,
                GError  **error)
{
  return kes_worker_store_open (data->worker, error);
}

struct _KesWorkerStore
{
  char       *path;
  KesSession *session;
  KesStore   *shared;
};

KesWorkerStore *
kes_worker_store_new (KesStore *store)
{
  KesWorkerStore *self = g_new0 (KesWorkerStore, 1);
  const char *path = kes_store_get_path (store);

  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    self->path = g_strdup (path);
  else
    self->shared = g_object_ref (store);
  self->session = kes_store_get_session (store);
  return self;
}

void
kes_worker_store_free (KesWorkerStore *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_clear_pointer (&self->session, kes_session_free);
  g_clear_object (&self->shared);
  g_free (self);
}

gboolean
kes_worker_store_is_shared (KesWorkerStore *self)
{
  return self->shared != NULL;
}

KesStore *
kes_worker_store_open (KesWorkerStore  *self,
                       GError         **error)
{
  g_autoptr(KesStore) store = NULL;

  if (self->shared != NULL)
    return g_object_ref (self->shared);
  store = kes_store_open (self->path, error);
  if (store == NULL || !kes_store_resume_session (store, self->session, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
store_is_shareable (KesStore *store)
{
  const char *path = kes_store_get_path (store);

  return path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0;
}

static GTask *
job_task_new (KesStore            *store,
              const char          *query,
              guint                limit,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  JobData *data = g_new0 (JobData, 1);

  data->worker = kes_worker_store_new (store);
  data->query = g_strdup (query);
  data->limit = limit;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) job_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  return task;
}

static void
load_caseload_rows_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  store = job_open_store (data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rows = kes_store_load_caseload_rows (store, &error);
  if (rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
kes_load_caseload_rows_async (KesStore            *store,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KES_IS_STORE (store));

  task = job_task_new (store, NULL, 0, cancellable, callback, user_data,
                       kes_load_caseload_rows_async);

  if (store_is_shareable (store))
    {
      g_task_run_in_thread (task, load_caseload_rows_thread);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *rows = kes_store_load_caseload_rows (store, &error);

      if (rows == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
    }
}

GPtrArray *
kes_load_caseload_rows_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_load_caseload_rows_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
search_notes_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  JobData *data = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits;

  store = job_open_store (data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hits = kes_store_search_notes (store, data->query, data->limit, &error);
  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

void
kes_search_notes_async (KesStore            *store,
                        const char          *query,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (query != NULL);

  task = job_task_new (store, query, limit, cancellable, callback, user_data,
                       kes_search_notes_async);

  if (store_is_shareable (store))
    {
      g_task_run_in_thread (task, search_notes_thread);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *hits = kes_store_search_notes (store, query, limit, &error);

      if (hits == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
    }
}

GPtrArray *
kes_search_notes_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_search_notes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
