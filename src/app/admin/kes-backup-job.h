/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-backup.h"
#include "kes-progress-relay.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Backing up and restoring in a worker thread, on the worker's own
 * connection to the store's file with the store's session (who is acting
 * and their emergency access) carried over; an in-memory store can't be
 * shared, so the work then runs at once on it. @cancellable is honoured by
 * core throughout; how far it has got goes to @progress (may be NULL). */
void             kes_backup_job_create_async  (KesStore             *store,
                                               const char           *folder,
                                               const char           *passphrase,
                                               KesProgressRelay     *progress,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void             kes_backup_job_restore_async (KesStore             *store,
                                               const char           *backup_path,
                                               const char           *passphrase,
                                               const char           *target_path,
                                               KesProgressRelay     *progress,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* What was written and checked (kes-backup.h), or NULL with core's error. */
KesBackupReport *kes_backup_job_finish        (GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS
