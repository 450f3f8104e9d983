/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"
#include "kes-store-histories.h"
#include "kes-store-note-index.h"

G_BEGIN_DECLS

/* Whole-database export and import (kes-store-whole-db.c). A case record is
 * otherwise read one query a record and written one savepoint a record;
 * for every patient at once those costs dominate (and each savepoint makes
 * the note search index flush what it has pending, so a large import slows
 * as it goes). */

/* The id of every patient held, entered-in-error ones included, by id. */
GPtrArray *kes_store_list_patient_ids           (KesStore          *self,
                                                 GError           **error);

/* An import is one transaction of many thousands of writes, each checking
 * the importer's rights: reading their account for every one of them was a
 * twentieth of the import. Inside a write transaction no other connection
 * can change an account, and an import changes none of this database's
 * accounts, so the signed-in account is read once here and used until the
 * transaction ends. Call it just after beginning the import's transaction. */
gboolean   kes_store_hold_actor                 (KesStore          *self,
                                                 GError           **error);

/* Where the case record now being imported came from (its export time),
 * kept with every author and revision it brings; NULL when done. */
void       kes_store_set_import_source          (KesStore          *self,
                                                 const char        *source);

/* One import of a patient's case record, audited as one (migration 0024):
 * between begin and end, every revision kes_store_import_revisions*()
 * writes names this import (revision.import_id) instead of getting an
 * access-log entry and a provenance row of its own; end writes the one
 * entry, whose hash covers every revision brought (kes_import_digest_*),
 * and the import's provenance (patient_import). Called inside the
 * import's transaction; abandon when the import fails (before rolling
 * back). On a database whose access log is not keyed yet, begin does
 * nothing and each revision is audited on its own, as before. */
gboolean   kes_store_import_patient_begin       (KesStore          *self,
                                                 const char        *patient_id,
                                                 GError           **error);
/* @summary: the entry's summary ("case record imported (XML): …"). */
gboolean   kes_store_import_patient_end         (KesStore          *self,
                                                 const char        *summary,
                                                 GError           **error);
void       kes_store_import_patient_abandon     (KesStore          *self);
/* Whether an import of a patient is open (begin called, end not yet). */
gboolean   kes_store_import_patient_open        (KesStore          *self);

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

/* While a whole database is imported: in a file with no records yet the
 * rollback journal is kept in memory and nothing is synced until the end
 * (a crash part-way leaves a file the open-time check refuses, to delete
 * and import again); a file that holds records is synced at each commit but
 * not at each checkpoint. References are checked row by row throughout.
 * kes_store_import_restore() puts back what kes_store_open() sets, after a
 * failure too. Both do nothing inside a caller's transaction. */
gboolean   kes_store_import_relax               (KesStore          *self,
                                                 GError           **error);
gboolean   kes_store_import_restore             (KesStore          *self,
                                                 GError           **error);


G_END_DECLS
