/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* A patient's register, contacts and notes with every revision of each,
 * read for a case record (kes-store-histories.c). */

/* One revision as a row: what the case record writes, and the imported
 * provenance a report shows. Its text belongs to the KesHistoryRows it
 * came from. */
typedef struct
{
  const char    *kind;             /* "patient", "contact" or "note"; NULL for
                                    * another kind's revision */
  const char    *record_id;
  gint64         number;
  KesChangeKind  change;
  const char    *reason;           /* NULL when none was given */
  const char    *author_id;
  const char    *at;
  const char    *data;
  /* Set only for a revision that came in by import (NULL otherwise). */
  const char    *author_name;
  const char    *imported_by_name;
  const char    *imported_at;
  const char    *source;
  /* What the records are ordered by; internal. */
  gint64         part;
  const char    *at_key;
} KesHistoryRow;

/* The rows of one patient, in a case record's order: the register first,
 * then contacts by when they happened, then notes by when they were
 * written (each then by id), the revisions of each record oldest first.
 * Rows of one record are next to each other. */
typedef struct _KesHistoryRows KesHistoryRows;

guint                kes_history_rows_get_n   (KesHistoryRows *rows);
const KesHistoryRow *kes_history_rows_get     (KesHistoryRows *rows,
                                               guint           index);
void                 kes_history_rows_free    (KesHistoryRows *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesHistoryRows, kes_history_rows_free)

/* @patient_id's register, contacts and notes as rows, in one query, without
 * an object a revision: a whole-database export reads every revision held.
 * Needs permission to view the patient's register and clinical record;
 * KES_ERROR_NOT_FOUND when no such patient is held. */
KesHistoryRows *kes_store_read_patient_histories (KesStore    *self,
                                                  const char  *patient_id,
                                                  GError     **error);

/* One record and its whole history. */
typedef struct
{
  char      *kind;      /* "patient", "contact" or "note" */
  char      *id;
  GPtrArray *revisions; /* KesRevision, oldest first */
} KesRecordHistory;

void       kes_record_history_free              (KesRecordHistory  *history);

/* kes_store_read_patient_histories() as records holding KesRevisions
 * (the authors' names set only for imported revisions, as their
 * provenance): for reports that show a history. */
GPtrArray *kes_store_list_patient_histories     (KesStore          *self,
                                                 const char        *patient_id,
                                                 GError           **error);

/* Every revision of every record in @refs (kes_store_list_patient_records()
 * for @patient_id) as rows, in one query instead of one a record, after the
 * permission checks kes_store_list_revisions() makes for each record: by
 * record id, then oldest first, each with its author's name. */
KesHistoryRows *kes_store_read_patient_record_revisions (KesStore    *self,
                                                         const char  *patient_id,
                                                         GPtrArray   *refs,
                                                         GError     **error);

/* The same as record id -> GPtrArray of KesRevision, oldest first, as
 * kes_store_list_revisions() gives them: for reports. */
GHashTable *kes_store_list_patient_record_revisions (KesStore     *self,
                                                     const char   *patient_id,
                                                     GPtrArray    *refs,
                                                     GError      **error);

G_END_DECLS
