/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-record-import-private.h"
#include "kes-record-import-rules.h"
#include "kes-report-error.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-store-whole-db.h"

void
kes_record_import_summary_clear (KesRecordImportSummary *summary)
{
  g_clear_pointer (&summary->patient_id, g_free);
  summary->records_added = 0;
  summary->revisions_added = 0;
}

static gboolean
same_revision (KesRevision *held,
               KesRevision *incoming)
{
  return kes_revision_get_revision (held) == kes_revision_get_revision (incoming)
      && kes_revision_get_change (held) == kes_revision_get_change (incoming)
      && g_strcmp0 (kes_revision_get_author_id (held), kes_revision_get_author_id (incoming)) == 0
      && g_strcmp0 (kes_revision_get_at (held), kes_revision_get_at (incoming)) == 0
      && g_strcmp0 (kes_revision_get_data (held), kes_revision_get_data (incoming)) == 0
      && g_strcmp0 (kes_revision_get_reason (held) != NULL ? kes_revision_get_reason (held) : "",
                    kes_revision_get_reason (incoming) != NULL ? kes_revision_get_reason (incoming) : "") == 0;
}

/* Writes the revisions of @record the database lacks. What it holds must be
 * the start of the same history. @bulk: the caller holds one transaction
 * for the whole import and rolls all of it back on failure, so no record
 * needs a savepoint of its own. */
static gboolean
apply_record (KesStore                *store,
              KesArchivedRecord       *record,
              const char              *patient_id,
              gboolean                 bulk,
              KesRecordImportSummary  *summary,
              GError                 **error)
{
  g_autoptr(GPtrArray) held = kes_store_list_revisions (store, record->id, error);
  g_autoptr(GPtrArray) missing = NULL;
  const char *kind = record->kind_name;

  if (held == NULL)
    return FALSE;

  for (guint i = 0; i < held->len && i < record->revisions->len; i++)
    if (!same_revision (g_ptr_array_index (held, i), g_ptr_array_index (record->revisions, i)))
      {
        KesRevision *ours = g_ptr_array_index (held, i);

        g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS,
                     /* Translators: a revision number, a kind of record ("note"), its id, who and when */
                     _("Revision %" G_GINT64_FORMAT " of %s %s differs between the file and this "
                       "database (here it was written by %s at %s)."),
                     kes_revision_get_revision (ours), kind, record->id,
                     kes_revision_get_author_name (ours), kes_revision_get_at (ours));
        return FALSE;
      }

  if (held->len >= record->revisions->len)
    return TRUE;

  missing = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = held->len; i < record->revisions->len; i++)
    g_ptr_array_add (missing, g_object_ref (g_ptr_array_index (record->revisions, i)));

  if (bulk ? !kes_store_import_revisions_in_transaction (store, kind, record->id, patient_id,
                                                         missing, error)
           : !kes_store_import_revisions (store, kind, record->id, patient_id, missing, error))
    return FALSE;

  if (held->len == 0)
    summary->records_added++;
  summary->revisions_added += missing->len;

  return TRUE;
}

static gboolean
apply (KesStore                *store,
       KesRecordArchive        *archive,
       KesRecordImportFlags     flags,
       gboolean                 bulk,
       KesRecordImportSummary  *summary,
       GError                 **error)
{
  KesArchivedRecord *patient = kes_record_archive_get_patient (archive);
  GPtrArray *teams = kes_record_archive_get_teams (archive);
  GPtrArray *staff = kes_record_archive_get_staff (archive);
  g_autoptr(GPtrArray) held = NULL;
  const KesArchiveKind kinds[] = { KES_ARCHIVE_CONTACT, KES_ARCHIVE_NOTE };

  held = kes_store_list_revisions (store, patient->id, error);
  if (held == NULL)
    return FALSE;

  if (held->len > 0 && (flags & KES_RECORD_IMPORT_MERGE) == 0)
    {
      g_autoptr(KesPatient) existing = kes_store_load_patient (store, patient->id, NULL);
      g_autofree char *name = existing != NULL ? kes_patient_dup_display_name (existing)
                                               : g_strdup (patient->id);

      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS,
                   /* Translators: %s is a patient's name */
                   _("%s is already held in this database. Import again and choose to merge to "
                     "add what the file has and the database lacks."), name);
      return FALSE;
    }

  /* Merging is editing the held record: its team scope and emergency
   * access, checked before the file's content is looked at. */
  if (held->len > 0
      && (!kes_store_check_permission (store, KES_PERMISSION_EDIT_IDENTITY, patient->id, error)
          || !kes_store_check_permission (store, KES_PERMISSION_EDIT_CLINICAL, patient->id,
                                          error)))
    return FALSE;

  /* Every rule of the forms, before anything is written. */
  if (!kes_record_import_check_rules (store, archive, error)
      || !kes_record_import_check_links (store, archive, held->len > 0, error))
    return FALSE;

  /* The file's export time is where its authors and revisions came from. */
  kes_store_set_import_source (store, kes_record_archive_get_exported_at (archive));

  for (guint i = 0; i < teams->len; i++)
    if (!kes_store_import_team (store, g_ptr_array_index (teams, i), error))
      return FALSE;

  for (guint i = 0; i < staff->len; i++)
    if (!kes_store_import_staff (store, g_ptr_array_index (staff, i), error))
      return FALSE;

  /* The revisions this file brings are audited as one import of the
   * patient: one access-log entry, written last (audit_import). */
  if (!kes_store_import_patient_begin (store, patient->id, error)
      || !apply_record (store, patient, NULL, bulk, summary, error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GPtrArray *records = kes_record_archive_get_records (archive, kinds[k]);

      for (guint i = 0; i < records->len; i++)
        if (!apply_record (store, g_ptr_array_index (records, i), patient->id, bulk, summary,
                           error))
          return FALSE;
    }

  /* Every other kind, in the order the file lists them (the order
   * kes_store_list_patient_records gives: what a record refers to first),
   * each with the patient it belongs to, if any. */
  {
    GPtrArray *records = kes_record_archive_get_records (archive, KES_ARCHIVE_OTHER);

    for (guint i = 0; i < records->len; i++)
      {
        KesArchivedRecord *record = g_ptr_array_index (records, i);

        if (!apply_record (store, record, record->patient_id, bulk, summary, error))
          return FALSE;
      }
  }

  /* A case record from before migration 0017 keeps the legal status in
   * the register: bring it to its one home, as that migration did. */
  return kes_store_settle_imported_legal_status (store, patient->id, error);
}

static gboolean
audit_import (KesStore                *store,
              KesRecordArchive        *archive,
              gboolean                 bulk,
              KesRecordImportSummary  *summary,
              GError                 **error)
{
  const char *patient_id = kes_record_archive_get_patient (archive)->id;
  g_autofree char *text = g_strdup_printf ("case record imported (XML): %u records added, "
                                           "%u revisions written", summary->records_added,
                                           summary->revisions_added);

  if (kes_store_import_patient_open (store))
    return kes_store_import_patient_end (store, text, error);
  return bulk ? kes_store_audit_in_transaction (store, KES_AUDIT_IMPORT, patient_id, patient_id, text,
                                                error)
              : kes_store_audit (store, KES_AUDIT_IMPORT, patient_id, patient_id, text, error);
}

gboolean
kes_record_import_apply_in_transaction (KesStore                *store,
                                        KesRecordArchive        *archive,
                                        KesRecordImportFlags     flags,
                                        KesRecordImportSummary  *summary,
                                        GError                 **error)
{
  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (archive != NULL && summary != NULL, FALSE);

  if (apply (store, archive, flags, TRUE, summary, error)
      && audit_import (store, archive, TRUE, summary, error))
    return TRUE;
  kes_store_import_patient_abandon (store);
  return FALSE;
}

gboolean
kes_record_import_archive (KesStore                *store,
                           KesRecordArchive        *archive,
                           KesRecordImportFlags     flags,
                           KesRecordImportSummary  *summary,
                           GError                 **error)
{
  KesRecordImportSummary local = { 0 };

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (archive != NULL, FALSE);

  if (!kes_store_check_permission (store, KES_PERMISSION_EDIT_IDENTITY, NULL, error)
      || !kes_store_check_permission (store, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    return FALSE;

  if (!kes_store_begin (store, error))
    return FALSE;
  if (!kes_store_hold_actor (store, error))
    {
      kes_store_rollback (store);
      return FALSE;
    }

  if (!apply (store, archive, flags, FALSE, &local, error)
      || !audit_import (store, archive, FALSE, &local, error))
    {
      kes_store_import_patient_abandon (store);
      kes_store_rollback (store);
      g_prefix_error (error, _("Nothing was imported: "));
      return FALSE;
    }

  if (!kes_store_commit (store, error))
    {
      kes_store_rollback (store);
      return FALSE;
    }

  local.patient_id = g_strdup (kes_record_archive_get_patient (archive)->id);
  if (summary != NULL)
    *summary = local;
  else
    kes_record_import_summary_clear (&local);

  return TRUE;
}

gboolean
kes_record_import_file (KesStore                *store,
                        const char              *path,
                        KesRecordImportFlags     flags,
                        KesRecordImportSummary  *summary,
                        GError                 **error)
{
  g_autoptr(KesRecordArchive) archive = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  archive = kes_record_archive_read_file (path, NULL, error);
  if (archive == NULL)
    return FALSE;

  return kes_record_import_archive (store, archive, flags, summary, error);
}

#define IMPORT_BATCH 64

gboolean
kes_record_import_files (KesStore                *store,
                         const char * const      *paths,
                         KesRecordImportFlags     flags,
                         guint                   *n_imported,
                         GPtrArray              **problems,
                         GError                 **error)
{
  g_autoptr(GPtrArray) failed = g_ptr_array_new_with_free_func (g_free);
  guint imported = 0, in_batch = 0;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (paths != NULL, FALSE);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      KesRecordImportSummary summary = { 0 };

      if (in_batch == 0 && !kes_store_begin (store, error))
        return FALSE;
      if (in_batch == 0 && !kes_store_hold_actor (store, error))
        {
          kes_store_rollback (store);
          return FALSE;
        }

      /* Nested in the batch, each file is a savepoint of its own. */
      if (kes_record_import_file (store, paths[i], flags, &summary, &local_error))
        imported++;
      else
        {
          g_autofree char *name = g_path_get_basename (paths[i]);

          g_ptr_array_add (failed, g_strdup_printf ("%s: %s", name, local_error->message));
        }
      kes_record_import_summary_clear (&summary);

      if (++in_batch == IMPORT_BATCH || paths[i + 1] == NULL)
        {
          in_batch = 0;
          if (!kes_store_commit (store, error))
            return FALSE;
        }
    }

  if (n_imported != NULL)
    *n_imported = imported;
  if (problems != NULL)
    *problems = g_steal_pointer (&failed);

  return TRUE;
}
