/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* Work that may take a while runs in a GTask thread on its own KesStore,
 * opened on the same file (a KesStore belongs to one thread) with the
 * caller's session resumed (kes_store_resume_session: the same person, the
 * same emergency access). An in-memory store cannot be shared, so its work
 * runs at once on the caller's store. */

/* What a worker needs to act as the caller, taken on the caller's thread:
 * the file and the session, or, for an in-memory store, the store itself
 * (the work then runs at once on it). */
typedef struct _KesWorkerStore KesWorkerStore;

KesWorkerStore *kes_worker_store_new       (KesStore        *store);
void            kes_worker_store_free      (KesWorkerStore  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesWorkerStore, kes_worker_store_free)
/* The work can't go to another thread: run it at once. */
gboolean        kes_worker_store_is_shared (KesWorkerStore  *self);
/* In the worker: its own store on the file with the session resumed (or
 * the shared store). */
KesStore       *kes_worker_store_open      (KesWorkerStore  *self,
                                            GError         **error);

/* Every active patient as KesCaseloadRow objects. */
void       kes_load_caseload_rows_async  (KesStore             *store,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *kes_load_caseload_rows_finish (GAsyncResult         *result,
                                          GError              **error);

/* Full-text search over notes: KesNoteHit objects, newest first. */
void       kes_search_notes_async        (KesStore             *store,
                                          const char           *query,
                                          guint                 limit,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *kes_search_notes_finish       (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
