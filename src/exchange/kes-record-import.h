/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-record-archive.h"
#include "kes-store.h"

G_BEGIN_DECLS

typedef enum
{
  KES_RECORD_IMPORT_DEFAULT = 0,
  /* The patient is already held: add the revisions, contacts and notes the
   * file has and the database lacks. Histories that differ are refused. */
  KES_RECORD_IMPORT_MERGE   = 1 << 0,
} KesRecordImportFlags;

typedef struct
{
  char  *patient_id;
  guint  records_added;    /* records not held before */
  guint  revisions_added;  /* revisions written, in new and held records */
} KesRecordImportSummary;

void      kes_record_import_summary_clear (KesRecordImportSummary  *summary);

/* Applies a case record in one transaction: all of it or, on any problem,
 * none of it. A patient already held is refused (KES_REPORT_ERROR_EXISTS)
 * unless @flags has KES_RECORD_IMPORT_MERGE. Needs permission to edit the
 * register and clinical records; the import is written to the access log. */
gboolean  kes_record_import_archive       (KesStore                *store,
                                           KesRecordArchive        *archive,
                                           KesRecordImportFlags     flags,
                                           KesRecordImportSummary  *summary,
                                           GError                 **error);
/* Reads @path safely (kes_record_archive_read_file), then applies it. The
 * database is not touched unless the whole file is sound. */
gboolean  kes_record_import_file          (KesStore                *store,
                                           const char              *path,
                                           KesRecordImportFlags     flags,
                                           KesRecordImportSummary  *summary,
                                           GError                 **error);

/* Imports many case-record files (a whole database's export) as one batch:
 * each file is read safely and applied in its own savepoint — all of it or
 * none of it, exactly as kes_record_import_file() — and the batch is
 * committed every few hundred files rather than once a patient, so the
 * disk is written once for many patients. A file that fails is rolled back
 * alone and named in @problems (“file: reason”, may be NULL); the others
 * are kept. Returns FALSE only when the batch itself could not be written
 * (then nothing after the last commit is kept); *@n_imported counts the
 * files applied. */
gboolean  kes_record_import_files         (KesStore                *store,
                                           const char * const      *paths,
                                           KesRecordImportFlags     flags,
                                           guint                   *n_imported,
                                           GPtrArray              **problems,
                                           GError                 **error);

G_END_DECLS
