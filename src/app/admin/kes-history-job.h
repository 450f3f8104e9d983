/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-progress-relay.h"
#include "kes-store.h"
#include "kes-verify.h"

G_BEGIN_DECLS

/* `verify` in a worker thread: on the worker's own connection to the
 * store's file with the store's session carried over (an in-memory store
 * can't be shared: the check then runs at once on it). @progress gets one
 * fraction for the whole check (kes_verify_progress_fraction()); @cancellable
 * stops it between steps. */
void             kes_history_job_check_async (KesStore             *store,
                                              KesProgressRelay     *progress,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* The report, or NULL with the error that kept the check from running. */
KesVerifyReport *kes_history_job_check_finish (GAsyncResult        *result,
                                               GError             **error);

/* The quick check (kes_store_verify_quick()) of the file at @db_path, on a
 * connection of its own in a worker: what the app runs when it opens a
 * database, before anyone signs in. */
void             kes_history_job_quick_async  (const char           *db_path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
KesVerifyReport *kes_history_job_quick_finish (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
