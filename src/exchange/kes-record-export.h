/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-record-archive.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* A patient's whole record from the store: every revision of the register,
 * of every contact and of every note (entered-in-error ones included), the
 * staff who wrote them or are named in the register, and the teams. The
 * export time comes from kes_clock, so a fixed clock gives fixed bytes. */
KesRecordArchive *kes_record_export_archive (KesStore     *store,
                                             const char   *patient_id,
                                             GError      **error);

/* Staff and teams already looked up, kept from one patient to the next
 * when many are exported together. */
typedef struct _KesRecordExportCache KesRecordExportCache;

KesRecordExportCache *kes_record_export_cache_new  (void);
void                  kes_record_export_cache_free (KesRecordExportCache *cache);
/* An archive only to be written as XML (kes_record_archive_to_xml(),
 * kes_record_archive_write_element()): the register, contacts and notes
 * are kept as the store's rows, not as records, so
 * kes_record_archive_get_patient() and kes_record_archive_get_records()
 * for contacts and notes refuse it. The same bytes, far cheaper for a
 * whole database. */
KesRecordArchive     *kes_record_export_archive_for_xml (KesStore              *store,
                                                         const char            *patient_id,
                                                         KesRecordExportCache  *cache,
                                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesRecordExportCache, kes_record_export_cache_free)
/* The archive as case-record XML, checked against the schema. Needs the
 * export permission; every export is written to the access log. */
GBytes           *kes_record_export_bytes   (KesStore     *store,
                                             const char   *patient_id,
                                             GError      **error);
/* Writes a temporary file beside @path and renames it into place. */
gboolean          kes_record_export_file    (KesStore     *store,
                                             const char   *patient_id,
                                             const char   *path,
                                             GError      **error);

/* A whole-database (or many-patient) export: the case record of each of
 * @patient_ids to the matching path of @paths, each written to a temporary
 * file and renamed into place as kes_record_export_file() does, with one
 * access-log entry a patient; the log entries go in one transaction and the
 * files reach the disk with one sync of their folder, instead of a disk
 * write for each patient. All or nothing: on any failure (or @cancellable)
 * the files already written are removed and the log is left as it was. */
gboolean          kes_record_export_files   (KesStore            *store,
                                             const char * const  *patient_ids,
                                             const char * const  *paths,
                                             GCancellable        *cancellable,
                                             GError             **error);

G_END_DECLS
