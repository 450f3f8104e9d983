/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-whole-db"

#include "config.h"

#include <string.h>

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
  ", (SELECT a.display_name FROM staff a WHERE a.id = v.author_id " \
  "AND (p.record_id IS NOT NULL OR q.id IS NOT NULL)), " \
  "i.display_name, coalesce (p.imported_at, q.imported_at), coalesce (p.source, q.source) "
#define PROVENANCE_JOINS " " KES_PROVENANCE_JOINS

/* A history while the rows come in, with what it is sorted by. */
typedef struct
{
  KesRecordHistory *history;
  gint64            part;   /* 0 the register, 1 contacts, 2 notes */
  char             *at_key; /* when a contact happened or a note was written */
} Pending;

static void
pending_free (Pending *pending)
{
  kes_record_history_free (pending->history);
  g_free (pending->at_key);
  g_free (pending);
}

/* SQLite's ORDER BY part, at_key, id: NULL first, text by its bytes. */
static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = *(const Pending **) a;
  const Pending *y = *(const Pending **) b;

  if (x->part != y->part)
    return x->part < y->part ? -1 : 1;
  if ((x->at_key == NULL) != (y->at_key == NULL))
    return x->at_key == NULL ? -1 : 1;
  if (x->at_key != NULL && strcmp (x->at_key, y->at_key) != 0)
    return strcmp (x->at_key, y->at_key);

  return strcmp (x->history->id, y->history->id);
}

static int
compare_revisions (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = kes_revision_get_revision (*(KesRevision **) a);
  gint64 y = kes_revision_get_revision (*(KesRevision **) b);

  return x < y ? -1 : x > y;
}

GPtrArray *
kes_store_list_patient_histories (KesStore    *self,
                                  const char  *patient_id,
                                  GError     **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *histories;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  /* The register is identity, contacts and notes clinical: both, as
   * kes_store_load_patient and kes_store_list_notes ask. */
  if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, patient_id, error)
      || !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  /* Contacts and notes are found through their projections' (patient_id,
   * time) indexes, with one look-up a record for its history. No author
   * names (a look-up a revision): a case record carries the author's id.
   * The order (the register, then contacts by when they happened, then
   * notes by when they were written, each then by id; revisions oldest
   * first) is made here rather than by ORDER BY, which copied every row,
   * its data included, through a sorter: a third of a whole-database
   * export. */
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
    "WHERE n.patient_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *id = kes_store_column_text (stmt, 2);
      Pending *current = g_hash_table_lookup (by_id, id);
      KesChangeKind change = KES_CHANGE_EDIT;
      KesRevision *revision;

      if (current == NULL)
        {
          current = g_new0 (Pending, 1);
          current->part = kes_db_column_int64 (stmt, 0);
          current->at_key = g_strdup ((const char *) kes_db_column_text (stmt, 3));
          current->history = g_new0 (KesRecordHistory, 1);
          current->history->kind = g_strdup (kes_store_column_text (stmt, 1));
          current->history->id = g_strdup (id);
          current->history->revisions = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (pending, current);
          g_hash_table_insert (by_id, current->history->id, current);
        }

      kes_change_kind_from_string (kes_store_column_text (stmt, 5), &change);
      revision = kes_revision_new (current->history->id,
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
      g_ptr_array_add (current->history->revisions, revision);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the patient’s records"));
      return NULL;
    }

  g_ptr_array_sort (pending, compare_pending);
  histories = g_ptr_array_new_full (pending->len, (GDestroyNotify) kes_record_history_free);
  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);

      g_ptr_array_sort (p->history->revisions, compare_revisions);
      g_ptr_array_add (histories, g_steal_pointer (&p->history));
    }

  if (histories->len == 0 || !g_str_equal (((KesRecordHistory *) histories->pdata[0])->kind, "patient"))
    {
      g_ptr_array_unref (histories);
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   /* Translators: %s is a patient's record id */
                   _("No patient with the id %s is held"), patient_id);
      return NULL;
    }

  return histories;
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
