/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-record-import.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A whole database's case records in one file: <case-records> holding one
 * <record> a patient, each exactly as the patient's own case-record file
 * would have it (data/schemas/kestrel-record-1.xsd). Both directions
 * stream: memory holds one patient at a time, whatever the database's
 * size. The per-patient files (subject access, transfers) are unchanged. */

/* Writes every patient held, in id order, to a temporary file beside
 * @path (readable by its owner only), renamed into place once complete and
 * on disk. Needs permission to export each patient; each export has its
 * entry in the access log, all of them in one transaction committed once
 * the file is in place. All or nothing: on any failure (or @cancellable)
 * no file is left and the log is as it was. *@n_patients (may be NULL)
 * counts the patients written. The writer's output is checked against the
 * schema by the tests, not on every export (the file is streamed, never
 * held whole). */
gboolean kes_record_export_database (KesStore       *store,
                                     const char     *path,
                                     GCancellable   *cancellable,
                                     guint          *n_patients,
                                     GError        **error);

typedef struct
{
  guint patients;         /* case records applied */
  guint records_added;    /* records not held before */
  guint revisions_added;  /* revisions written */
} KesRecordDatabaseSummary;

/* Reads @path with the safe streaming reader, validating it against the
 * schema as it goes (so XXE, entity expansion, DOCTYPEs, deep nesting and
 * oversized text are refused as for one patient's file), and applies each
 * case record as it is read, in one transaction for the whole file: all of
 * it or nothing. A case record that is invalid, or that cannot be applied
 * (a patient already held, without KES_RECORD_IMPORT_MERGE; a history that
 * differs), refuses the whole file, and the error names the case record's
 * place in the file and its patient. Clinically, a partial import that
 * looks complete is worse than none. Needs permission to edit the register
 * and clinical records; each patient's import is in the access log with
 * an entry for every revision written, as kes_record_import_file(). */
gboolean kes_record_import_database (KesStore                  *store,
                                     const char                *path,
                                     KesRecordImportFlags       flags,
                                     KesRecordDatabaseSummary  *summary,
                                     GCancellable              *cancellable,
                                     GError                   **error);

G_END_DECLS
