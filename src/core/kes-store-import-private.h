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

G_END_DECLS
