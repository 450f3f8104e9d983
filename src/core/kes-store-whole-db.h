/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* Whole-database export and import (kes-store-whole-db.c). A case record is
 * otherwise read one query a record and written one savepoint a record;
 * for every patient at once those costs dominate (and each savepoint makes
 * the note search index flush what it has pending, so a large import slows
 * as it goes). */

/* One record and its whole history. */
typedef struct
{
  char      *kind;      /* "patient", "contact" or "note" */
  char      *id;
  GPtrArray *revisions; /* KesRevision, oldest first */
} KesRecordHistory;

void       kes_record_history_free              (KesRecordHistory  *history);

/* The id of every patient held, entered-in-error ones included, by id. */
GPtrArray *kes_store_list_patient_ids           (KesStore          *self,
                                                 GError           **error);

/* @patient_id's register, contacts and notes, every revision of each, in
 * one query: the register first, then contacts by when they happened, then
 * notes by when they were written (each then by id): the order a case
 * record lists them, without the authors' names (NULL). Needs permission
 * to view the patient's register and clinical record. */
GPtrArray *kes_store_list_patient_histories     (KesStore          *self,
                                                 const char        *patient_id,
                                                 GError           **error);

/* kes_store_import_revisions() without a savepoint of its own, for an
 * import that holds one transaction for all of its work and rolls all of
 * it back on any failure: a failure here may leave part of the record
 * written. */
gboolean   kes_store_import_revisions_in_transaction (KesStore    *self,
                                                      const char  *kind,
                                                      const char  *record_id,
                                                      const char  *patient_id,
                                                      GPtrArray   *revisions,
                                                      GError     **error);
/* kes_store_audit() likewise without a savepoint. */
gboolean   kes_store_audit_in_transaction       (KesStore          *self,
                                                 const char        *action,
                                                 const char        *record_id,
                                                 const char        *patient_id,
                                                 const char        *summary,
                                                 GError           **error);

/* The note search index (FTS5) flushes what it has pending whenever a
 * savepoint opens, and SQLite opens one for every statement that fires a
 * trigger: indexing note by note, each note becomes a segment of its own
 * and the index spends the import merging them. While deferred, notes
 * written are not indexed; kes_store_index_deferred_notes() then indexes
 * every note added since, in one statement, and puts the index's triggers
 * back. Both inside the same transaction, which is rolled back whole on
 * any failure (the triggers come back with it). Only for imports that add
 * notes and never change a note already held: a note changed while
 * deferred would be left out of the index. */
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
