/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referrals-load"

#include "config.h"

#include "kes-accounts.h"
#include "referrals/kes-referrals-load.h"

/* The worker takes on the window's session: who is acting (their roles and
 * team decide which referrals they see) and their break-glass grants. */
typedef struct
{
  char       *path;
  KesSession *session;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->session, kes_session_free);
  g_free (job);
}

void
kes_referrals_load_free (KesReferralsLoad *load)
{
  if (load == NULL)
    return;
  g_clear_pointer (&load->referrals, g_ptr_array_unref);
  g_clear_pointer (&load->names, g_hash_table_unref);
  g_free (load);
}

static KesReferralsLoad *
load_from (KesStore  *store,
           GError   **error)
{
  g_autoptr(KesReferralsLoad) load = g_new0 (KesReferralsLoad, 1);

  load->referrals = kes_store_list_referrals (store, NULL, TRUE, error);
  if (load->referrals == NULL)
    return NULL;
  load->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < load->referrals->len; i++)
    {
      const char *patient_id = kes_referral_get_text (load->referrals->pdata[i], KES_REFERRAL_PATIENT_ID);

      if (!g_hash_table_contains (load->names, patient_id))
        g_hash_table_insert (load->names, g_strdup (patient_id), kes_store_referral_patient_name (store, patient_id));
    }
  return g_steal_pointer (&load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KesReferralsLoad *load;

  store = kes_store_open (job->path, &error);
  if (store == NULL || !kes_store_resume_session (store, job->session, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  load = load_from (store, &error);
  if (load == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, load, (GDestroyNotify) kes_referrals_load_free);
}

void
kes_referrals_load_async (KesStore            *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *path;
  LoadJob *job;

  g_return_if_fail (KES_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kes_referrals_load_async);
  g_task_set_return_on_cancel (task, TRUE);
  path = kes_store_get_path (store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      KesReferralsLoad *load = load_from (store, &error);

      if (load == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, load, (GDestroyNotify) kes_referrals_load_free);
      return;
    }
  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (path);
  job->session = kes_store_get_session (store);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

KesReferralsLoad *
kes_referrals_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kes_referrals_load_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
