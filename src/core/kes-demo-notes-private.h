/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-demo.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* The demo's contacts and notes, made on a thread of their own while the
 * store's thread writes: patient by patient, in order, a few patients
 * ahead. Everything but the patient id is filled in (ids, JSON and its
 * hash included: see kes_bulk_prepare_contact()). */
typedef struct
{
  GPtrArray  *contacts;      /* KesContact* */
  KesBulkRow *contact_rows;
  GPtrArray  *notes;         /* KesNote* */
  KesBulkRow *note_rows;
} KesDemoClinical;

typedef struct _KesDemoFeed KesDemoFeed;

/* Starts making @n_patients patients' contacts and notes, dated up to 400
 * days before @now, from a random sequence seeded by @seed. */
KesDemoFeed     *kes_demo_feed_start (guint      n_patients,
                                      guint      contacts_per_patient,
                                      guint      notes_per_patient,
                                      guint32    seed,
                                      GDateTime *now);
/* The next patient's, waiting for it if need be; hand it back with
 * kes_demo_feed_release() once written. */
KesDemoClinical *kes_demo_feed_next    (KesDemoFeed     *feed);
void             kes_demo_feed_release (KesDemoFeed     *feed,
                                        KesDemoClinical *clinical);
/* Stops the thread (also part-way) and frees the feed. */
void             kes_demo_feed_stop    (KesDemoFeed     *feed);

G_END_DECLS
