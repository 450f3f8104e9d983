/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-whole-db"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-whole-db.h"
#include "kes-store-private.h"

void
kes_record_history_free (KesRecordHistory *history)
{
  if (history == NULL)
    return;

  g_free (history->kind);
  g_free (history->id);
  g_clear_pointer (&history->revisions, g_ptr_array_unref);
  g_free (history);
}

GPtrArray *
kes_store_list_patient_ids (KesStore  *self,
                            GError   **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_EXPORT, NULL, error))
    return NULL;

  /* A register has no owning patient: "patient_id IS NULL" lets the
   * record_patient index find them without reading every record. */
  stmt = kes_store_prepare (self,
    "SELECT id FROM record WHERE patient_id IS NULL AND kind = 'patient' ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not list the patients"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* An imported revision's provenance (revision_import), with its author's
 * name, which it needs to be shown; nothing more for a revision written
 * here (see the comment on the query). */
#define PROVENANCE_COLUMNS \
  ", (SELECT a.display_name FROM staff a WHERE a.id = v.author_id AND p.record_id IS NOT NULL), " \
  "i.display_name, p.imported_at, p.source "
#define PROVENANCE_JOINS \
  " LEFT JOIN revision_import p ON p.record_id = v.record_id AND p.revision = v.revision " \
  "LEFT JOIN staff i ON i.id = p.imported_by "

GPtrArray *
kes_store_list_patient_histories (KesStore    *self,
                                  const char  *patient_id,
                                  GError     **error)
{
  g_autoptr(GPtrArray) histories = NULL;
  KesRecordHistory *current = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  /* The register is identity, contacts and notes clinical: both, as
   * kes_store_load_patient and kes_store_list_notes ask. */
  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, patient_id, error)
      || !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  /* Contacts and notes are found, and sorted, through their projections'
   * (patient_id, time) indexes: the order kes_store_list_contacts and
   * kes_store_list_notes give, with one index walk a patient and one
   * look-up a record for its history. No author names (a look-up a
   * revision): a case record carries the author's id. */
  stmt = kes_store_prepare (self,
    "SELECT 0 AS part, 'patient', v.record_id AS id, NULL AS at_key, v.revision AS number, "
    "v.change, v.reason, v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM record r JOIN revision v ON v.record_id = r.id" PROVENANCE_JOINS
    "WHERE r.id = ?1 AND r.kind = 'patient' "
    "UNION ALL SELECT 1, 'contact', c.id, c.occurred_at, v.revision, v.change, v.reason, "
    "v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM contact c JOIN revision v ON v.record_id = c.id" PROVENANCE_JOINS
    "WHERE c.patient_id = ?1 "
    "UNION ALL SELECT 2, 'note', n.id, n.written_at, v.revision, v.change, v.reason, "
    "v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM note n JOIN revision v ON v.record_id = n.id" PROVENANCE_JOINS
    "WHERE n.patient_id = ?1 "
    "ORDER BY part, at_key, id, number", error);
  if (stmt == NULL)
    return NULL;

  histories = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_record_history_free);
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *id = kes_store_column_text (stmt, 2);
      KesChangeKind change = KES_CHANGE_EDIT;
      KesRevision *revision;

      if (current == NULL || !g_str_equal (current->id, id))
        {
          current = g_new0 (KesRecordHistory, 1);
          current->kind = g_strdup (kes_store_column_text (stmt, 1));
          current->id = g_strdup (id);
          current->revisions = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (histories, current);
        }

      kes_change_kind_from_string (kes_store_column_text (stmt, 5), &change);
      revision = kes_revision_new (current->id,
                                   kes_db_column_int64 (stmt, 4),
                                   change,
                                   (const char *) kes_db_column_text (stmt, 6),
                                   kes_store_column_text (stmt, 7),
                                   (const char *) kes_db_column_text (stmt, 10),
                                   kes_store_column_text (stmt, 8),
                                   kes_store_column_text (stmt, 9));
      if (kes_db_column_type (stmt, 12) != KES_DB_NULL)
        kes_revision_set_import (revision, kes_store_column_text (stmt, 11),
                                 kes_store_column_text (stmt, 12), kes_store_column_text (stmt, 13));
      g_ptr_array_add (current->revisions, revision);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the patient’s records"));
      return NULL;
    }

  if (histories->len == 0 || !g_str_equal (((KesRecordHistory *) histories->pdata[0])->kind, "patient"))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   /* Translators: %s is a patient's record id */
                   _("No patient with the id %s is held"), patient_id);
      return NULL;
    }

  return g_steal_pointer (&histories);
}

gboolean
kes_store_audit_in_transaction (KesStore    *self,
                                const char  *action,
                                const char  *record_id,
                                const char  *patient_id,
                                const char  *summary,
                                GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  return kes_store_audit_append (self, action, record_id, patient_id, summary, error);
}

/* Inside a caller's transaction (a dry run is one, rolled back) the
 * settings are left as they are: they can't change within a transaction. */
gboolean
kes_store_import_relax (KesStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->savepoint_depth > 0 || kes_store_bulk_relax (self, FALSE, error);
}

gboolean
kes_store_import_restore (KesStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->savepoint_depth > 0 || kes_store_bulk_restore (self, error);
}
