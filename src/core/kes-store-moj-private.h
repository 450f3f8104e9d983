/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-moj.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* What a save writes for @record (a validated, normalised copy and its JSON
 * in @json), or NULL with the problems as an error; nothing is read from
 * the store. Pure: callable from any thread. */
KesMojRecord *kes_store_moj_prepare        (KesMojRecord  *record,
                                            char         **json,
                                            GError       **error);
/* Writes the projection row of a record whose revision was just written. */
gboolean      kes_store_project_moj_record (KesStore      *self,
                                            KesMojRecord  *record,
                                            const char    *json,
                                            GError       **error);

/* Every record of @kind for a patient (KesMojRecord), newest first, without
 * permission checks or audit: for core's own rules (Today, schedules). */
GPtrArray *kes_store_moj_query (KesStore    *self,
                                const char  *patient_id,
                                KesMojKind   kind,
                                gboolean     include_errors,
                                GError     **error);

/* The record in a row whose first columns are: id, patient_id, kind, data,
 * revision, state. */
KesMojRecord *kes_store_moj_record_from_row (sqlite3_stmt  *stmt,
                                             GError       **error);

G_END_DECLS
