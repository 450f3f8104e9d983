/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* Synthetic, clearly fictional data for demonstrations and benchmarks:
 * NHS numbers from the 999 test range with valid check digits. */
typedef struct
{
  guint   patients;
  guint   contacts_per_patient;
  guint   notes_per_patient;
  guint32 seed;
} KesDemoOptions;

typedef void (*KesDemoProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

/* Adds demo staff (if absent) and patients, committed in batches of 1,000
 * patients (a failure keeps the batches already committed); the store's
 * actor is the author. Every record is a revision with its own audit
 * entry, as a clinician's save makes. The records are made on a second
 * thread and written through the store's batch path (kes-store-bulk.c);
 * into a file that holds no records yet, without syncing until the end. */
gboolean kes_demo_generate (KesStore             *store,
                            const KesDemoOptions *options,
                            KesDemoProgress       progress,
                            gpointer              user_data,
                            GError              **error);

G_END_DECLS
