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

/* The demo accounts, one per role: user name, name, role and the password
 * it is created with (fictional; printed by `kestrel-cli demo`). */
typedef struct
{
  const char *username;
  const char *display_name;
  const char *role;
  const char *password;
} KesDemoAccount;

const KesDemoAccount *kes_demo_accounts (guint *n_accounts);

/* Fills a new, empty database (no staff, no records; nobody signed in) and
 * nothing else: the demo accounts (kes_demo_accounts(), with their
 * passwords, not one-time ones), demo staff as the records' authors and
 * patients, committed in batches of 1,000 patients (a failure keeps the
 * batches already committed). A named system operation: the one way
 * records are written without anyone signing in. The records are written
 * as the demo clinician. Every record is a revision with its own audit
 * entry, as a clinician's save makes. The records are made on a second
 * thread and written through the store's batch path (kes-store-bulk.c),
 * without syncing until the end. */
gboolean kes_demo_generate (KesStore             *store,
                            const KesDemoOptions *options,
                            KesDemoProgress       progress,
                            gpointer              user_data,
                            GError              **error);

G_END_DECLS
