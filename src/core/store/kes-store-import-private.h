/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-field-record.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* Rebuilding a kind's projection from the data of its last revision, for
 * records that arrive with their history (kes-store-import.c). Each is
 * defined beside the kind's save path and writes its projection row with
 * the very function the save path uses, so an imported record is listed
 * exactly as one written here would be. Called inside a savepoint, after
 * the record's row and revisions are in place. */
gboolean kes_store_project_referral_json (KesStore        *self,
                                          const char      *id,
                                          const char      *patient_id,
                                          gint64           revision,
                                          KesRecordState   state,
                                          const char      *json,
                                          GError         **error);
gboolean kes_store_project_risk_json     (KesStore        *self,
                                          const char      *id,
                                          gint64           revision,
                                          KesRecordState   state,
                                          const char      *json,
                                          GError         **error);
/* @kind: "legal-status", "moj-report" … (kes_moj_kind_to_string). */
gboolean kes_store_project_moj_json      (KesStore        *self,
                                          const char      *kind,
                                          const char      *id,
                                          const char      *patient_id,
                                          gint64           revision,
                                          KesRecordState   state,
                                          const char      *json,
                                          GError         **error);
/* @kind: "prescription", "care-plan" … (kes-care-record.h). */
gboolean kes_store_project_care_json     (KesStore        *self,
                                          const char      *kind,
                                          const char      *id,
                                          const char      *patient_id,
                                          gint64           revision,
                                          KesRecordState   state,
                                          const char      *json,
                                          GError         **error);
gboolean kes_store_project_field_json    (KesStore             *self,
                                          const KesRecordKind  *kind,
                                          const char           *id,
                                          const char           *patient_id,
                                          gint64                revision,
                                          KesRecordState        state,
                                          const char           *json,
                                          GError              **error);

/* The projection row(s) of a record from @last, its latest revision, by
 * kind (patient, contact, note and every kes_store_record_kinds()), with
 * the state @last leaves it in: the import's rebuild, and `verify`'s. */
gboolean kes_store_project_revision      (KesStore             *self,
                                          const char           *kind,
                                          const char           *record_id,
                                          const char           *patient_id,
                                          KesRevision          *last,
                                          GError              **error);
/* The table a kind's records are projected into, or NULL for a kind
 * Kestrel does not know. */
const char *kes_store_projection_table   (const char           *kind);
/* With an import of a patient open (kes_store_import_patient_begin), its
 * id, and notes @revision as brought by it: its hash goes into the
 * import's digest. 0 (and nothing noted) when none is open. */
gint64      kes_store_import_patient_id  (KesStore             *self);
void        kes_store_import_patient_note (KesStore               *self,
                                           const KesRevisionFields *revision);
/* Steps @stmt, which returns no rows, and resets it; a UNIQUE constraint
 * failing is KES_ERROR_CONFLICT with @what, any other failure the
 * database's error prefixed with @what. */
gboolean    kes_store_step_done          (KesStore             *self,
                                          KesDbStmt            *stmt,
                                          const char           *what,
                                          GError              **error);

G_END_DECLS
