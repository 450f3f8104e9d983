/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-notes"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-notes-private.h"

/* Contacts and notes are nine in ten of the demo's records. Making them
 * (random values, times, ids, JSON, the SHA-256 the audit log records)
 * costs about as much as writing them, so a second thread makes them while
 * the store's thread writes; the database itself stays on one thread. */

static const char * const contact_types[] = { "face-to-face", "face-to-face", "phone", "video", "in-reach", "dna" };

static const char * const note_openings[] = {
  "Seen at home with his support worker.", "Seen at the team base.", "Telephone review.",
  "Joint visit with the social supervisor.", "In-reach visit to the ward before discharge.",
  "Met at the café near the hostel.", "Depot administered at clinic.",
};

static const char * const note_middles[] = {
  "Mental state settled; no evidence of psychotic symptoms today.",
  "Reports sleeping poorly and some suspiciousness towards neighbours.",
  "Engaging well with the occupational therapy programme.",
  "Urine drug screen negative; reports abstinence from alcohol.",
  "Discussed conditions of discharge and the importance of reporting changes of address.",
  "Mother (Zoë) telephoned with concerns about his mood; consent to share was checked.",
  "Clozapine bloods taken; result awaited.",
  "Describes good relationships at the supported accommodation.",
  "Some irritability when discussing the victim exclusion zone; rationale reiterated.",
};

static const char * const note_endings[] = {
  "Plan: review in one week.", "Plan: continue current care plan.",
  "Plan: discuss at the multidisciplinary meeting.", "Plan: liaise with the GP about physical health.",
  "No new risk concerns identified.",
};

/* How many patients the thread may run ahead of the writer. */
#define AHEAD 32

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

struct _KesDemoFeed
{
  GThread     *thread;
  GAsyncQueue *ready; /* KesDemoClinical*, in patient order */
  GAsyncQueue *slots; /* tokens: one per patient the thread may make ahead */
  gint         stopping;
  GRand       *rand;
  GDateTime   *now;
  guint        n_patients;
  guint        n_contacts;
  guint        n_notes;
};

static void
clinical_free (KesDemoClinical *clinical)
{
  for (guint i = 0; i < clinical->contacts->len; i++)
    kes_bulk_row_clear (&clinical->contact_rows[i]);
  for (guint i = 0; i < clinical->notes->len; i++)
    kes_bulk_row_clear (&clinical->note_rows[i]);
  g_ptr_array_unref (clinical->contacts);
  g_ptr_array_unref (clinical->notes);
  g_free (clinical->contact_rows);
  g_free (clinical->note_rows);
  g_free (clinical);
}

/* A time up to 400 days before now, to the second. */
static char *
time_before_now (KesDemoFeed *feed)
{
  g_autoptr(GDateTime) when = g_date_time_add_seconds (feed->now,
                                                       -(gdouble) g_rand_int_range (feed->rand, 3600, 400 * 86400));
  return kes_time_to_iso (when);
}

static KesDemoClinical *
make_clinical (KesDemoFeed *feed)
{
  KesDemoClinical *clinical = g_new0 (KesDemoClinical, 1);
  GRand *rand = feed->rand;

  clinical->contacts = g_ptr_array_new_full (feed->n_contacts, g_object_unref);
  clinical->contact_rows = g_new0 (KesBulkRow, feed->n_contacts);
  clinical->notes = g_ptr_array_new_full (feed->n_notes, g_object_unref);
  clinical->note_rows = g_new0 (KesBulkRow, feed->n_notes);
  for (guint c = 0; c < feed->n_contacts; c++)
    {
      KesContact *contact = kes_contact_new ();
      g_autofree char *iso = time_before_now (feed);

      kes_contact_set_occurred_at (contact, iso);
      kes_contact_set_contact_type (contact, PICK (rand, contact_types));
      kes_contact_set_with_whom (contact, g_rand_boolean (rand) ? "Patient" : "Patient and carer");
      kes_contact_set_location (contact, g_rand_boolean (rand) ? "Home" : "Team base");
      kes_contact_set_duration_minutes (contact, g_rand_int_range (rand, 10, 90));
      kes_bulk_prepare_contact (contact, &clinical->contact_rows[c]);
      g_ptr_array_add (clinical->contacts, contact);
    }
  for (guint n = 0; n < feed->n_notes; n++)
    {
      KesNote *note = kes_note_new ();
      g_autofree char *iso = time_before_now (feed);
      g_autofree char *body = g_strdup_printf ("%s %s %s", PICK (rand, note_openings), PICK (rand, note_middles),
                                               PICK (rand, note_endings));

      kes_note_set_written_at (note, iso);
      kes_note_set_title (note, "Progress note");
      kes_note_set_body (note, body);
      kes_bulk_prepare_note (note, &clinical->note_rows[n]);
      g_ptr_array_add (clinical->notes, note);
    }
  return clinical;
}

static gpointer
feed_thread (gpointer data)
{
  KesDemoFeed *feed = data;

  for (guint i = 0; i < feed->n_patients; i++)
    {
      g_async_queue_pop (feed->slots);
      if (g_atomic_int_get (&feed->stopping))
        break;
      g_async_queue_push (feed->ready, make_clinical (feed));
    }
  return NULL;
}

KesDemoFeed *
kes_demo_feed_start (guint      n_patients,
                     guint      contacts_per_patient,
                     guint      notes_per_patient,
                     guint32    seed,
                     GDateTime *now)
{
  KesDemoFeed *feed = g_new0 (KesDemoFeed, 1);

  feed->ready = g_async_queue_new ();
  feed->slots = g_async_queue_new ();
  feed->rand = g_rand_new_with_seed (seed);
  feed->now = g_date_time_ref (now);
  feed->n_patients = n_patients;
  feed->n_contacts = contacts_per_patient;
  feed->n_notes = notes_per_patient;
  for (guint i = 0; i < AHEAD; i++)
    g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
  feed->thread = g_thread_new ("kes-demo-notes", feed_thread, feed);
  return feed;
}

KesDemoClinical *
kes_demo_feed_next (KesDemoFeed *feed)
{
  return g_async_queue_pop (feed->ready);
}

void
kes_demo_feed_release (KesDemoFeed     *feed,
                       KesDemoClinical *clinical)
{
  clinical_free (clinical);
  g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
}

void
kes_demo_feed_stop (KesDemoFeed *feed)
{
  KesDemoClinical *left;

  if (feed == NULL)
    return;
  /* A token wakes the thread if it waits for one; it then sees the flag. */
  g_atomic_int_set (&feed->stopping, TRUE);
  g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
  g_thread_join (feed->thread);
  while ((left = g_async_queue_try_pop (feed->ready)) != NULL)
    clinical_free (left);
  g_async_queue_unref (feed->ready);
  g_async_queue_unref (feed->slots);
  g_rand_free (feed->rand);
  g_date_time_unref (feed->now);
  g_free (feed);
}
