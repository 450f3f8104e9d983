/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-database"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-record-archive-private.h"
#include "kes-record-database.h"
#include "kes-record-export.h"
#include "kes-record-import-private.h"
#include "kes-report-error.h"
#include "kes-store-whole-db.h"
#include "kes-xml-schema.h"

/* The whole file may be far larger than one patient's: only the total is
 * raised, the limits on text, names and nesting stay those of one file.
 * The reader streams, so the total bounds time and disk, not memory. */
#define DATABASE_MAX_BYTES (G_GUINT64_CONSTANT (64) * 1024 * 1024 * 1024)
#define DATABASE_SCALE     (DATABASE_MAX_BYTES / KES_XML_DEFAULT_MAX_BYTES)

/* ---- Export ---- */

static gboolean
file_sink (const char  *data,
           gsize        length,
           gpointer     user_data,
           GError     **error)
{
  return kes_atomic_file_write (user_data, data, length, error);
}

static gboolean
write_patients (KesStore      *store,
                KesXmlOut     *out,
                GPtrArray     *ids,
                const char    *exported_at,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(KesRecordExportCache) cache = kes_record_export_cache_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(KesRecordArchive) archive = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !kes_store_check_permission (store, KES_PERMISSION_EXPORT, id, error))
        return FALSE;

      archive = kes_record_export_archive_for_xml (store, id, cache, error);
      if (archive == NULL)
        return FALSE;
      /* One export, one time: every record in the file says the same. */
      g_free (archive->exported_at);
      archive->exported_at = g_strdup (exported_at);

      if (!kes_record_archive_write_element (archive, out, error)
          || !kes_store_audit_in_transaction (store, KES_AUDIT_EXPORT, id, id,
                                              "case record (XML, whole database)", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
kes_record_export_database (KesStore       *store,
                            const char     *path,
                            GCancellable   *cancellable,
                            guint          *n_patients,
                            GError        **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(KesAtomicFile) file = NULL;
  g_autoptr(KesXmlOut) out = NULL;
  g_autofree char *now = kes_clock_now_iso ();

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ids = kes_store_list_patient_ids (store, error);
  if (ids == NULL)
    return FALSE;

  file = kes_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;

  out = kes_xml_out_new_for_sink ("case-records", KES_RECORD_XML_NAMESPACE, file_sink, file);
  kes_xml_out_attribute_int (out, "version", KES_RECORD_XML_VERSION);
  kes_xml_out_attribute (out, "exported", now);

  /* The access log's entries are committed only once the file is in place;
   * until then a failure leaves neither. */
  if (!kes_store_begin (store, error))
    return FALSE;

  /* Every patient's export asks the exporter's rights several times; in
   * this write transaction no one else can change their account, so it is
   * read once (a disabled account is refused again when it ends). */
  if (!kes_store_hold_actor (store, error)
      || !write_patients (store, out, ids, now, cancellable, error)
      || !kes_xml_out_close (out, error)
      || !kes_atomic_file_commit (file, error))
    {
      kes_store_rollback (store);
      return FALSE;
    }

  if (!kes_store_commit (store, error))
    {
      g_unlink (path);
      return FALSE;
    }

  if (n_patients != NULL)
    *n_patients = ids->len;

  return TRUE;
}

/* ---- Import ---- */

/* Names the case record that failed, and says that nothing was kept. */
static void
refuse (GError     **error,
        GError      *cause,
        guint        index,
        const char  *patient_id)
{
  if (patient_id != NULL)
    g_set_error (error, cause->domain, cause->code,
                 /* Translators: a position in the file (1, 2 …), a patient's id, then the reason */
                 _("Nothing was imported: case record %u in the file (patient %s) was refused. %s"),
                 index, patient_id, cause->message);
  else
    g_set_error (error, cause->domain, cause->code,
                 /* Translators: a position in the file (1, 2 …), then the reason */
                 _("Nothing was imported: case record %u in the file was refused. %s"),
                 index, cause->message);
  g_error_free (cause);
}

static gboolean
import_records (KesStore                  *store,
                KesXmlReader              *reader,
                KesRecordImportFlags       flags,
                KesRecordDatabaseSummary  *summary,
                GCancellable              *cancellable,
                GError                   **error)
{
  guint depth = kes_xml_reader_get_depth (reader);

  if (kes_xml_reader_is_empty_element (reader))
    return TRUE;

  while (TRUE)
    {
      g_autoptr(KesRecordArchive) archive = NULL;
      KesRecordImportSummary applied = { 0 };
      GError *local_error = NULL;
      gboolean ok;

      if (!kes_xml_reader_next (reader, &local_error))
        {
          if (local_error == NULL)
            kes_xml_reader_set_error (reader, &local_error, KES_REPORT_ERROR_NOT_XML, "%s",
                                      _("the file ends before its last case record is complete."));
          refuse (error, local_error, summary->patients + 1, NULL);
          return FALSE;
        }

      if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_END
          && kes_xml_reader_get_depth (reader) == depth)
        return TRUE;
      if (kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
        continue;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      /* One patient in memory at a time: read, apply, free. */
      archive = kes_record_archive_read_element (reader, &local_error);
      if (archive == NULL)
        {
          refuse (error, local_error, summary->patients + 1, NULL);
          return FALSE;
        }

      ok = kes_record_import_apply_in_transaction (store, archive, flags, &applied, &local_error);
      summary->records_added += applied.records_added;
      summary->revisions_added += applied.revisions_added;
      if (!ok)
        {
          refuse (error, local_error, summary->patients + 1,
                  kes_record_archive_get_patient (archive)->id);
          return FALSE;
        }
      summary->patients++;
    }
}

/* One transaction, no savepoints inside it: each savepoint would make
 * SQLite's full-text index flush its pending terms as a new segment. A
 * merge may change notes already held, which the index must follow note
 * by note; otherwise every note is new and is indexed once at the end. */
static gboolean
import_in_one_transaction (KesStore                  *store,
                           KesXmlReader              *reader,
                           KesRecordImportFlags       flags,
                           KesRecordDatabaseSummary  *summary,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  g_autoptr(KesDeferredNoteIndex) deferred = NULL;

  if (!kes_store_begin (store, error))
    return FALSE;
  if (!kes_store_hold_actor (store, error))
    {
      kes_store_rollback (store);
      return FALSE;
    }
  if ((flags & KES_RECORD_IMPORT_MERGE) == 0
      && (deferred = kes_store_defer_note_index (store, error)) == NULL)
    {
      kes_store_rollback (store);
      return FALSE;
    }

  if (!import_records (store, reader, flags, summary, cancellable, error))
    {
      kes_store_rollback (store);
      return FALSE;
    }
  if (!kes_xml_reader_finish (reader, error))
    {
      kes_store_rollback (store);
      g_prefix_error (error, _("Nothing was imported: "));
      return FALSE;
    }
  if (deferred != NULL
      && !kes_store_index_deferred_notes (store, g_steal_pointer (&deferred), error))
    {
      kes_store_rollback (store);
      return FALSE;
    }
  return kes_store_commit (store, error);
}

gboolean
kes_record_import_database (KesStore                  *store,
                            const char                *path,
                            KesRecordImportFlags       flags,
                            KesRecordDatabaseSummary  *summary,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autoptr(KesXmlReader) reader = NULL;
  KesRecordDatabaseSummary local = { 0 };
  KesXmlLimits limits;
  gboolean ok;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!kes_store_check_permission (store, KES_PERMISSION_EDIT_IDENTITY, NULL, error)
      || !kes_store_check_permission (store, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return FALSE;

  kes_xml_limits_init (&limits);
  limits.max_bytes = DATABASE_MAX_BYTES;
  /* Totals grow with the file; what one element, one text or one run of
   * blank space may hold stays that of one case record. */
  limits.scan.max_total_attributes *= DATABASE_SCALE;
  limits.scan.max_total_char_refs *= DATABASE_SCALE;
  reader = kes_xml_reader_new_for_path (path, &limits, error);
  if (reader == NULL || !kes_xml_reader_set_schema (reader, KES_SCHEMA_RECORD_STREAMING, error))
    return FALSE;

  /* The parser reads ahead: a problem in the first case record may show
   * here, before it is reached. */
  if (!kes_xml_reader_next (reader, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NOT_XML,
                             _("The file holds no case records."));
      else
        g_prefix_error (error, _("Nothing was imported: "));
      return FALSE;
    }
  if (!g_str_equal (kes_xml_reader_get_name (reader), "case-records")
      || g_strcmp0 (kes_xml_reader_get_namespace (reader), KES_RECORD_XML_NAMESPACE) != 0)
    {
      kes_xml_reader_set_error (reader, error, KES_REPORT_ERROR_INVALID, "%s",
                                _("this is not a Kestrel whole-database export (<case-records>)."));
      return FALSE;
    }

  ok = kes_store_import_relax (store, error)
       && import_in_one_transaction (store, reader, flags, &local, cancellable, error);
  /* Restored after a failure too, keeping the first error. */
  ok = kes_store_import_restore (store, ok ? error : NULL) && ok;
  if (!ok)
    return FALSE;

  if (summary != NULL)
    *summary = local;

  return TRUE;
}
