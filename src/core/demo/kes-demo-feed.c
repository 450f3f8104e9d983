/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-feed"

#include "config.h"

#include "kes-demo-private.h"

/* Making a demo record (random values, dates, validation, JSON, the
 * SHA-256 the audit log records) costs about as much as writing it, so the
 * demo makes its patients on a second thread while the store's thread
 * writes them; the database itself stays on one thread. Patients arrive in
 * order, so the data for a seed is the same every time. */

/* How many patients the thread may run ahead of the writer. */
#define AHEAD 16

typedef struct
{
  GPtrArray *records; /* KesBulkRecord*, or NULL */
  GError    *error;
} Made;

struct _KesDemoFeed
{
  GThread     *thread;
  GAsyncQueue *ready; /* Made*, in patient order */
  GAsyncQueue *slots; /* one per patient the thread may make ahead: at first a
                       * token, then the records the writer has finished with */
  gint         stopping;
  guint        n_patients;
  KesDemoMake  make;
  gpointer     data;
};

static void
made_free (Made *made)
{
  g_clear_pointer (&made->records, g_ptr_array_unref);
  g_clear_error (&made->error);
  g_free (made);
}

static gpointer
feed_thread (gpointer data)
{
  KesDemoFeed *feed = data;

  for (guint i = 0; i < feed->n_patients; i++)
    {
      gpointer slot = g_async_queue_pop (feed->slots);
      gboolean failed;
      Made *made;

      /* Freed here, where they were made: a free from the writer's thread
       * would contend for the allocator's lock of this one. */
      if (slot != GINT_TO_POINTER (1))
        g_ptr_array_unref (slot);
      if (g_atomic_int_get (&feed->stopping))
        break;
      made = g_new0 (Made, 1);
      made->records = feed->make (i, feed->data, &made->error);
      /* Read before the push: the writer may free it at once. */
      failed = made->records == NULL;
      g_async_queue_push (feed->ready, made);
      if (failed)
        break;
    }
  return NULL;
}

KesDemoFeed *
kes_demo_feed_start (guint        n_patients,
                     KesDemoMake  make,
                     gpointer     data)
{
  KesDemoFeed *feed = g_new0 (KesDemoFeed, 1);

  feed->ready = g_async_queue_new ();
  feed->slots = g_async_queue_new ();
  feed->n_patients = n_patients;
  feed->make = make;
  feed->data = data;
  for (guint i = 0; i < AHEAD; i++)
    g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
  feed->thread = g_thread_new ("kes-demo-feed", feed_thread, feed);
  return feed;
}

GPtrArray *
kes_demo_feed_next (KesDemoFeed  *feed,
                    GError      **error)
{
  Made *made = g_async_queue_pop (feed->ready);
  GPtrArray *records = g_steal_pointer (&made->records);

  if (records == NULL)
    g_propagate_error (error, g_steal_pointer (&made->error));
  made_free (made);
  return records;
}

void
kes_demo_feed_release (KesDemoFeed *feed,
                       GPtrArray   *records)
{
  g_async_queue_push (feed->slots, records);
}

void
kes_demo_feed_stop (KesDemoFeed *feed)
{
  gpointer slot;
  Made *left;

  if (feed == NULL)
    return;
  /* A token wakes the thread if it waits for one; it then sees the flag. */
  g_atomic_int_set (&feed->stopping, TRUE);
  g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
  g_thread_join (feed->thread);
  while ((left = g_async_queue_try_pop (feed->ready)) != NULL)
    made_free (left);
  while ((slot = g_async_queue_try_pop (feed->slots)) != NULL)
    if (slot != GINT_TO_POINTER (1))
      g_ptr_array_unref (slot);
  g_async_queue_unref (feed->ready);
  g_async_queue_unref (feed->slots);
  g_free (feed);
}
