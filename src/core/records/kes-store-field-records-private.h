/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-field-record.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* Field records in the store (kes-store-field-records.c), for the feature
 * files that check permissions and rules first. */

/* Checks @record (kes_field_record_check) and, for a per-patient kind, that
 * the patient is active; then writes a revision and refreshes the kind's
 * projection table in one savepoint. On success @record carries its id and
 * new revision. */
gboolean        kes_store_write_field_record (KesStore            *self,
                                              KesFieldRecord      *record,
                                              KesChangeKind        change,
                                              const char          *reason,
                                              GError             **error);
/* The current revision of an active or entered-in-error record of @kind;
 * NULL with KES_ERROR_NOT_FOUND when there is none. */
KesFieldRecord *kes_store_read_field_record  (KesStore            *self,
                                              const KesRecordKind *kind,
                                              const char          *id,
                                              GError             **error);
/* Runs @sql, which selects record ids (one column) with up to two text
 * parameters (NULL binds NULL), and reads each record in that order. */
GPtrArray      *kes_store_query_field_records (KesStore            *self,
                                               const KesRecordKind *kind,
                                               const char          *sql,
                                               const char          *param1,
                                               const char          *param2,
                                               GError             **error);

G_END_DECLS
