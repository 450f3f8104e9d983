/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-histories"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-json-writer.h"
#include "kes-store-histories.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"

struct _KesHistoryRows
{
  GArray       *rows;  /* KesHistoryRow */
  GStringChunk *text;  /* every row's text, freed at once */
};

/* The query's parts, in the order a case record lists them. */
static const char * const part_kinds[] = { "patient", "contact", "note" };

guint
kes_history_rows_get_n (KesHistoryRows *rows)
{
  return rows->rows->len;
}

const KesHistoryRow *
kes_history_rows_get (KesHistoryRows *rows,
                      guint           index)
{
  g_return_val_if_fail (index < rows->rows->len, NULL);

  return &g_array_index (rows->rows, KesHistoryRow, index);
}

void
kes_history_rows_free (KesHistoryRows *rows)
{
  if (rows == NULL)
    return;

  g_array_unref (rows->rows);
  g_string_chunk_free (rows->text);
  g_free (rows);
}

static KesHistoryRows *
history_rows_new (void)
{
  KesHistoryRows *rows = g_new0 (KesHistoryRows, 1);

  rows->rows = g_array_sized_new (FALSE, FALSE, sizeof (KesHistoryRow), 64);
  rows->text = g_string_chunk_new (64 * 1024);

  return rows;
}

/* A column's text kept with the rows; NULL stays NULL. */
static const char *
keep_text (KesHistoryRows *rows,
           KesDbStmt      *stmt,
           int             column)
{
  const char *text = kes_db_column_text (stmt, column);

  if (text == NULL)
    return NULL;

  return g_string_chunk_insert_len (rows->text, text, kes_db_column_bytes (stmt, column));
}

/* The same for a column read as kes_store_column_text() reads it: never
 * NULL. */
static const char *
keep_column_text (KesHistoryRows *rows,
                  KesDbStmt      *stmt,
                  int             column)
{
  const char *text = keep_text (rows, stmt, column);

  return text != NULL ? text : "";
}

/* SQLite's ORDER BY part, at_key, id, revision: NULL first, text by its
 * bytes. */
static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const KesHistoryRow *x = a;
  const KesHistoryRow *y = b;
  int order;

  if (x->part != y->part)
    return x->part < y->part ? -1 : 1;
  if ((x->at_key == NULL) != (y->at_key == NULL))
    return x->at_key == NULL ? -1 : 1;
  if (x->at_key != NULL && (order = strcmp (x->at_key, y->at_key)) != 0)
    return order;
  if ((order = strcmp (x->record_id, y->record_id)) != 0)
    return order;

  return x->number < y->number ? -1 : x->number > y->number;
}

/* An imported revision's provenance (revision_import or patient_import), with its author's
 * name, which it needs to be shown; nothing more for a revision written
 * here (see the comment on the query). */
#define PROVENANCE_COLUMNS \
  ", (SELECT a.display_name FROM staff a WHERE a.id = v.author_id " \
  "AND (p.record_id IS NOT NULL OR q.id IS NOT NULL)), " \
  "i.display_name, coalesce (p.imported_at, q.imported_at), coalesce (p.source, q.source) "
#define PROVENANCE_JOINS " " KES_PROVENANCE_JOINS

KesHistoryRows *
kes_store_read_patient_histories (KesStore    *self,
                                  const char  *patient_id,
                                  GError     **error)
{
  g_autoptr(KesHistoryRows) rows = NULL;
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
   * The order is made here rather than by ORDER BY, which copied every
   * row, its data included, through a sorter: a third of a whole-database
   * export. Each row's text goes into one string chunk rather than an
   * object of its own: making and freeing those was a sixth of it. */
  stmt = kes_store_prepare (self,
    "SELECT 0 AS part, v.record_id AS id, NULL AS at_key, v.revision AS number, "
    "v.change, v.reason, v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM record r JOIN revision v ON v.record_id = r.id" PROVENANCE_JOINS
    "WHERE r.id = ?1 AND r.kind = 'patient' "
    "UNION ALL SELECT 1, c.id, c.occurred_at, v.revision, v.change, v.reason, "
    "v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM contact c JOIN revision v ON v.record_id = c.id" PROVENANCE_JOINS
    "WHERE c.patient_id = ?1 "
    "UNION ALL SELECT 2, n.id, n.written_at, v.revision, v.change, v.reason, "
    "v.author_id, v.at, v.data" PROVENANCE_COLUMNS
    "FROM note n JOIN revision v ON v.record_id = n.id" PROVENANCE_JOINS
    "WHERE n.patient_id = ?1", error);
  if (stmt == NULL)
    return NULL;

  rows = history_rows_new ();
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesHistoryRow row = { NULL };
      gint64 part = kes_db_column_int64 (stmt, 0);

      g_assert (part >= 0 && part < (gint64) G_N_ELEMENTS (part_kinds));
      row.part = part;
      row.kind = part_kinds[part];
      row.record_id = keep_column_text (rows, stmt, 1);
      row.at_key = keep_text (rows, stmt, 2);
      row.number = kes_db_column_int64 (stmt, 3);
      row.change = KES_CHANGE_EDIT;
      kes_change_kind_from_string (kes_store_column_text (stmt, 4), &row.change);
      row.reason = keep_text (rows, stmt, 5);
      row.author_id = keep_column_text (rows, stmt, 6);
      row.at = keep_column_text (rows, stmt, 7);
      row.data = keep_column_text (rows, stmt, 8);
      row.author_name = keep_text (rows, stmt, 9);
      if (kes_db_column_type (stmt, 11) != KES_DB_NULL)
        {
          row.imported_by_name = keep_column_text (rows, stmt, 10);
          row.imported_at = keep_column_text (rows, stmt, 11);
          row.source = keep_column_text (rows, stmt, 12);
        }
      g_array_append_val (rows->rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the patient’s records"));
      return NULL;
    }

  g_array_sort (rows->rows, compare_rows);
  if (rows->rows->len == 0 || kes_history_rows_get (rows, 0)->part != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   /* Translators: %s is a patient's record id */
                   _("No patient with the id %s is held"), patient_id);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

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

static KesRevision *
revision_from_row (const KesHistoryRow *row)
{
  KesRevision *revision = kes_revision_new (row->record_id, row->number, row->change, row->reason,
                                            row->author_id, row->author_name, row->at, row->data);

  if (row->imported_at != NULL)
    kes_revision_set_import (revision, row->imported_by_name, row->imported_at, row->source);

  return revision;
}

GPtrArray *
kes_store_list_patient_histories (KesStore    *self,
                                  const char  *patient_id,
                                  GError     **error)
{
  g_autoptr(KesHistoryRows) rows = kes_store_read_patient_histories (self, patient_id, error);
  GPtrArray *histories;
  KesRecordHistory *current = NULL;

  if (rows == NULL)
    return NULL;

  histories = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_record_history_free);
  for (guint i = 0; i < kes_history_rows_get_n (rows); i++)
    {
      const KesHistoryRow *row = kes_history_rows_get (rows, i);

      if (current == NULL || !g_str_equal (current->id, row->record_id))
        {
          current = g_new0 (KesRecordHistory, 1);
          current->kind = g_strdup (row->kind);
          current->id = g_strdup (row->record_id);
          current->revisions = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (histories, current);
        }
      g_ptr_array_add (current->revisions, revision_from_row (row));
    }

  return histories;
}

/* Whether @permission for @scope was already checked in this call. */
typedef struct
{
  KesPermission  permission;
  const char    *scope;
} Checked;

static gboolean
already_checked (GArray        *checked,
                 KesPermission  permission,
                 const char    *scope)
{
  for (guint i = 0; i < checked->len; i++)
    {
      const Checked *c = &g_array_index (checked, Checked, i);

      if (c->permission == permission && g_strcmp0 (c->scope, scope) == 0)
        return TRUE;
    }

  return FALSE;
}

KesHistoryRows *
kes_store_read_patient_record_revisions (KesStore    *self,
                                         const char  *patient_id,
                                         GPtrArray   *refs,
                                         GError     **error)
{
  g_autoptr(KesHistoryRows) rows = NULL;
  g_autoptr(GArray) checked = g_array_new (FALSE, FALSE, sizeof (Checked));
  g_autoptr(GString) ids = g_string_new (NULL);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL && refs != NULL, NULL);

  /* What kes_store_list_revisions() asks of each record (its kind's
   * permission, for its patient), asked once for each different answer:
   * within one call the answer depends on nothing else. */
  for (guint i = 0; i < refs->len; i++)
    {
      KesRecordRef *ref = g_ptr_array_index (refs, i);
      Checked check = { kes_store_permission_for_kind (ref->kind, FALSE),
                        g_str_equal (ref->kind, "patient") ? ref->id : ref->patient_id };

      if (already_checked (checked, check.permission, check.scope))
        continue;
      if (!kes_store_require (self, check.permission, check.scope, error))
        return NULL;
      g_array_append_val (checked, check);
    }

  /* The records' ids, as a JSON array for json_each(): the records are
   * already known, and finding them again costs as much as reading them. */
  g_string_append_c (ids, '[');
  for (guint i = 0; i < refs->len; i++)
    {
      if (i > 0)
        g_string_append_c (ids, ',');
      kes_json_append_string (ids, ((KesRecordRef *) g_ptr_array_index (refs, i))->id);
    }
  g_string_append_c (ids, ']');

  /* The same columns and joins as kes_store_list_revisions(), for every
   * record at once. CROSS JOIN keeps SQLite starting from the few ids:
   * left to itself it may read every revision held. */
  stmt = kes_store_prepare (self,
    "SELECT v.record_id, v.revision, v.change, v.reason, v.author_id, a.display_name, v.at, "
    "v.data, i.display_name, coalesce (p.imported_at, q.imported_at), coalesce (p.source, q.source) "
    "FROM json_each(?1) records CROSS JOIN revision v ON v.record_id = records.value "
    "JOIN staff a ON a.id = v.author_id "
    KES_PROVENANCE_JOINS
    "ORDER BY v.record_id, v.revision", error);
  if (stmt == NULL)
    return NULL;

  rows = history_rows_new ();
  kes_db_bind_text (stmt, 1, ids->str, ids->len, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesHistoryRow row = { NULL };

      row.record_id = keep_column_text (rows, stmt, 0);
      row.number = kes_db_column_int64 (stmt, 1);
      row.change = KES_CHANGE_EDIT;
      kes_change_kind_from_string (kes_store_column_text (stmt, 2), &row.change);
      row.reason = keep_text (rows, stmt, 3);
      row.author_id = keep_column_text (rows, stmt, 4);
      row.author_name = keep_column_text (rows, stmt, 5);
      row.at = keep_column_text (rows, stmt, 6);
      row.data = keep_column_text (rows, stmt, 7);
      if (kes_db_column_type (stmt, 9) != KES_DB_NULL)
        {
          row.imported_by_name = keep_column_text (rows, stmt, 8);
          row.imported_at = keep_column_text (rows, stmt, 9);
          row.source = keep_column_text (rows, stmt, 10);
        }
      g_array_append_val (rows->rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record’s history"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

GHashTable *
kes_store_list_patient_record_revisions (KesStore    *self,
                                         const char  *patient_id,
                                         GPtrArray   *refs,
                                         GError     **error)
{
  g_autoptr(KesHistoryRows) rows = kes_store_read_patient_record_revisions (self, patient_id, refs,
                                                                            error);
  GHashTable *histories;
  GPtrArray *revisions = NULL;

  if (rows == NULL)
    return NULL;

  histories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < kes_history_rows_get_n (rows); i++)
    {
      const KesHistoryRow *row = kes_history_rows_get (rows, i);

      if (i == 0 || !g_str_equal (row->record_id, kes_history_rows_get (rows, i - 1)->record_id))
        {
          revisions = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (histories, g_strdup (row->record_id), revisions);
        }
      g_ptr_array_add (revisions, revision_from_row (row));
    }

  return histories;
}
