/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-kind.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* The one path every record kind's save goes through, with a generic load,
 * list and history (kes-store-records.c); the store's public functions for
 * each kind (kes_store_save_note …) are thin wrappers over it. Load, list
 * and history find records whose stored kind is the descriptor's name; a
 * descriptor serving several stored kinds (care records, MoJ records: its
 * identify() names the kind per object) saves through here and keeps its
 * own readers. A new kind is a KesRecordKind, its KesRecordOps and its
 * queries (tests/core/test-record-kind.c has one). */

/* Checks the permission that writes the record's kind for its patient,
 * then validates (the kind's prepare), checks that the patient is active
 * (per-patient kinds) and that an edited record is still of this kind and
 * not entered in error; then, in one savepoint, writes a revision (based on
 * the record's revision: KES_ERROR_CONFLICT when someone else's came
 * first), the projection and whatever else the kind writes with it. On any
 * failure nothing is left: no revision, no projection, no access-log entry,
 * and @record as the caller typed it. On success @record carries its id,
 * the new revision and (where the kind hands them back) the stored values.
 * @change applies to an edit; a record without an id is created. */
gboolean       kes_store_save_record    (KesStore            *self,
                                         const KesRecordKind *kind,
                                         gpointer             record,
                                         KesChangeKind        change,
                                         const char          *reason,
                                         GError             **error);
/* kes_store_save_record() without the permission and patient checks, for
 * core code that has made them (or runs as a database update, whose author
 * may not sign in). Validation and everything after it still run. */
gboolean       kes_store_write_record   (KesStore            *self,
                                         const KesRecordKind *kind,
                                         gpointer             record,
                                         KesChangeKind        change,
                                         const char          *reason,
                                         GError             **error);
/* The current revision of an active or entered-in-error record of @kind,
 * after checking the permission that reads it; KES_ERROR_NOT_FOUND when
 * there is none. */
gpointer       kes_store_load_record    (KesStore            *self,
                                         const KesRecordKind *kind,
                                         const char          *id,
                                         GError             **error);
/* kes_store_load_record() for callers that have checked the permission. */
gpointer       kes_store_read_record    (KesStore            *self,
                                         const KesRecordKind *kind,
                                         const char          *id,
                                         GError             **error);
/* The records of @kind that @sql selects for @patient_id (one column of
 * record ids, the patient as ?1), in that order, after checking the
 * permission that reads them for that patient. */
GPtrArray     *kes_store_list_records   (KesStore            *self,
                                         const KesRecordKind *kind,
                                         const char          *sql,
                                         const char          *patient_id,
                                         GError             **error);
/* Runs @sql, which selects record ids (one column) with up to two text
 * parameters (NULL binds NULL), and reads each record in that order; for
 * callers that have checked the permission. */
GPtrArray     *kes_store_query_records  (KesStore            *self,
                                         const KesRecordKind *kind,
                                         const char          *sql,
                                         const char          *param1,
                                         const char          *param2,
                                         GError             **error);
/* The revisions (KesRevision, oldest first) of a record of @kind, logged as
 * a look at its history (kes_store_list_history). */
GPtrArray     *kes_store_record_history (KesStore            *self,
                                         const KesRecordKind *kind,
                                         const char          *id,
                                         GError             **error);

/* The permission that reads (@edit FALSE) or writes records of the stored
 * @kind, when the kind does not say (kes-store-access.c). */
KesPermission  kes_store_permission_for_kind (const char     *kind,
                                              gboolean        edit);

/* What the generic path does with a field record (kes-store-field-records.c). */
extern const KesRecordOps kes_field_record_ops;

G_END_DECLS
