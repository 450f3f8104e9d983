/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-note-index"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-store-note-index.h"
#include "kes-store-private.h"

/* Note search indexing set aside while many notes are added in one
 * transaction (the demo's batches, a whole-database import), then done in
 * one statement. */

struct _KesDeferredNoteIndex
{
  GPtrArray *trigger_sql; /* the note table's index triggers, as the schema holds them */
  gint64     last_rowid;  /* notes after this one are the import's */
};

void
kes_deferred_note_index_free (KesDeferredNoteIndex *deferred)
{
  if (deferred == NULL)
    return;

  g_ptr_array_unref (deferred->trigger_sql);
  g_free (deferred);
}

/* Runs one statement of SQL text read from the schema (not a literal, so
 * not through the statement cache). */
static gboolean
exec_schema_sql (KesStore    *self,
                 const char  *sql,
                 GError     **error)
{
  if (kes_db_exec (self->db, sql, NULL) != KES_DB_OK)
    {
      kes_store_set_db_error (self, error, _("Could not update the note search index"));
      return FALSE;
    }

  return TRUE;
}

KesDeferredNoteIndex *
kes_store_defer_note_index (KesStore  *self,
                            GError   **error)
{
  g_autoptr(KesDeferredNoteIndex) deferred = g_new0 (KesDeferredNoteIndex, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (self->savepoint_depth > 0, NULL);

  deferred->trigger_sql = g_ptr_array_new_with_free_func (g_free);

  stmt = kes_store_prepare (self, "SELECT COALESCE (MAX (rowid), 0) FROM note", error);
  if (stmt == NULL)
    return NULL;
  if (kes_db_step (stmt) == KES_DB_ROW)
    deferred->last_rowid = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);

  /* New rows are numbered after the largest, so "after last_rowid" is
   * exactly the import's, unless the numbers have run out (then SQLite
   * picks at random and the index is kept up note by note). */
  if (deferred->last_rowid >= G_MAXINT64 / 2)
    return g_steal_pointer (&deferred);

  /* The triggers as the schema has them, whatever a migration made them. */
  stmt = kes_store_prepare (self,
    "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'note' "
    "AND sql LIKE '%note_fts%' ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_ptr_array_add (names, g_strdup (kes_store_column_text (stmt, 0)));
      g_ptr_array_add (deferred->trigger_sql, g_strdup (kes_store_column_text (stmt, 1)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database"));
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      /* Names come from the schema itself; quoted all the same. */
      g_autofree char *name = kes_db_quote_identifier (names->pdata[i]);
      char *sql = g_strconcat ("DROP TRIGGER ", name, NULL);
      gboolean dropped = exec_schema_sql (self, sql, error);

      g_free (sql);
      if (!dropped)
        return NULL;
    }

  return g_steal_pointer (&deferred);
}

gboolean
kes_store_index_deferred_notes (KesStore              *self,
                                KesDeferredNoteIndex  *deferred,
                                GError               **error)
{
  g_autoptr(KesDeferredNoteIndex) owned = deferred;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (deferred != NULL, FALSE);

  if (deferred->trigger_sql->len == 0)
    return TRUE;

  stmt = kes_store_prepare (self,
    "INSERT INTO note_fts (rowid, title, body) SELECT rowid, title, body FROM note "
    "WHERE rowid > ?", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_int64 (stmt, 1, deferred->last_rowid);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the note search index"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);

  for (guint i = 0; i < deferred->trigger_sql->len; i++)
    if (!exec_schema_sql (self, g_ptr_array_index (deferred->trigger_sql, i), error))
      return FALSE;

  return TRUE;
}
