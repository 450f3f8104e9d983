/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* The note search index (FTS5) flushes what it has pending whenever a
 * savepoint opens, and SQLite opens one for every statement that fires a
 * trigger: indexing note by note, each note becomes a segment of its own
 * and the index spends the work merging them. While deferred, notes
 * written are not indexed; kes_store_index_deferred_notes() then indexes
 * every note added since, in one statement, and puts the index's triggers
 * back. Both inside the same transaction, which is rolled back whole on
 * any failure (the triggers come back with it). Only for work that adds
 * notes and never changes a note already held (a whole-database import,
 * the demo's batches): a note changed while deferred would be left out of
 * the index. */
typedef struct _KesDeferredNoteIndex KesDeferredNoteIndex;

KesDeferredNoteIndex *kes_store_defer_note_index      (KesStore              *self,
                                                       GError               **error);
/* Frees @deferred whatever the outcome. */
gboolean              kes_store_index_deferred_notes  (KesStore              *self,
                                                       KesDeferredNoteIndex  *deferred,
                                                       GError               **error);
void                  kes_deferred_note_index_free    (KesDeferredNoteIndex  *deferred);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesDeferredNoteIndex, kes_deferred_note_index_free)

G_END_DECLS
