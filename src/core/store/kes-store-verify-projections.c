/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-verify-projections"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-import-private.h"
#include "kes-store-verify-private.h"

/* The display tables (patient, note, referral, fbc_result …) are derived:
 * the lists, Today and the team rule read them, so a change made to them
 * alone, with the sqlite3 shell, changes what people see and may do. This
 * part rebuilds every record's rows from its latest revision and compares
 * them, column by column, with the tables.
 *
 * The rebuild uses the very functions a save and an import use
 * (kes_store_project_revision()), writing into TEMP tables of the same
 * names: SQLite resolves an unqualified table name to a TEMP table before a
 * main one, so the projection code runs unchanged. To make that safe the
 * statement cache is emptied before and after (no statement prepared
 * against a main table is reused while the TEMP ones exist, or the other
 * way round), and an authorizer refuses any write outside TEMP while the
 * rebuild runs. Records are done a chunk at a time so memory stays small
 * whatever the size of the file.
 *
 * The record table is derived too: its revision, state and who and when
 * created and last changed it must be those of the revisions. */

#define DEFAULT_CHUNK 10000

typedef struct
{
  char         *table;
  GPtrArray    *columns;   /* compared: every column but id (and note's rowid) */
  char         *compare;   /* SQL: rows of the chunk that differ, or are missing */
  KesDbStmt *compare_stmt; /* prepared once the TEMP twins exist */
  KesDbStmt *clear_stmt;
} Shadow;

static void
shadow_free (Shadow *shadow)
{
  g_free (shadow->table);
  g_ptr_array_unref (shadow->columns);
  g_free (shadow->compare);
  kes_db_finalize (shadow->compare_stmt);
  kes_db_finalize (shadow->clear_stmt);
  g_free (shadow);
}

/* While the rebuild runs: nothing but TEMP may be written. */
static GPtrArray *
table_columns (KesStore    *self,
               const char  *table,
               GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info (\"%s\")", table);
  KesDbStmt *stmt = NULL;

  if (kes_db_prepare (self->db, sql, FALSE, &stmt) != KES_DB_OK)
    {
      kes_store_set_db_error (self, error, _("Could not read a table’s columns"));
      return NULL;
    }
  while (kes_db_step (stmt) == KES_DB_ROW)
    {
      const char *name = (const char *) kes_db_column_text (stmt, 1);

      if (!g_str_equal (name, "id") && !g_str_equal (name, "rowid"))
        g_ptr_array_add (columns, g_strdup (name));
    }
  kes_db_finalize (stmt);
  return g_steal_pointer (&columns);
}

static GPtrArray *
strv_array (const char * const *names)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (names[i]));
  return array;
}

/* The comparison for one table: one row per id of the chunk (?1, ?2] that
 * is in only one of the two, or differs; a 0/1 flag per column. */
static char *
compare_sql (const char *table,
             GPtrArray  *columns)
{
  g_autoptr(GString) flags = g_string_new (NULL);
  g_autoptr(GString) any = g_string_new ("t.id IS NULL");
  g_autoptr(GString) zeros = g_string_new (NULL);

  for (guint i = 0; i < columns->len; i++)
    {
      const char *c = g_ptr_array_index (columns, i);

      g_string_append_printf (flags, ", m.\"%s\" IS NOT t.\"%s\"", c, c);
      g_string_append_printf (any, " OR m.\"%s\" IS NOT t.\"%s\"", c, c);
      g_string_append (zeros, ", 0");
    }
  return g_strdup_printf (
    KES_SQL_FULL_SCAN "SELECT m.id, CASE WHEN t.id IS NULL THEN 1 ELSE 0 END%s FROM main.\"%s\" m "
    "LEFT JOIN temp.\"%s\" t ON t.id = m.id WHERE m.id > ?1 AND (?2 IS NULL OR m.id <= ?2) AND (%s) "
    "UNION ALL SELECT t.id, 2%s FROM temp.\"%s\" t "
    "WHERE NOT EXISTS (SELECT 1 FROM main.\"%s\" m WHERE m.id = t.id)",
    flags->str, table, table, any->str, zeros->str, table, table);
}

/* The TEMP twin of every projection table, added to @shadows as made (so a
 * failure part-way leaves the ones to drop there). */
static gboolean
make_shadows (KesStore   *self,
              GPtrArray  *shadows,
              GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *base[] = { "staff", "patient", "contact", "note", "catchment-area", NULL };
  const char * const *others = kes_store_record_kinds ();

  for (guint pass = 0; pass < 2; pass++)
    for (const char * const *kind = pass == 0 ? base : others; *kind != NULL; kind++)
      {
        const char *table = kes_store_projection_table (*kind);
        g_autofree char *create = NULL;
        g_autofree char *index = NULL;
        Shadow *shadow;

        if (table == NULL || !g_hash_table_add (seen, (gpointer) table))
          continue;
        shadow = g_new0 (Shadow, 1);
        shadow->table = g_strdup (table);
        g_ptr_array_add (shadows, shadow);
        /* The staff table also keeps sign-in bookkeeping, which is not history. */
        shadow->columns = g_str_equal (table, "staff") ? strv_array (kes_store_staff_revisioned_columns ())
                                                        : table_columns (self, table, error);
        if (shadow->columns == NULL)
          return FALSE;
        shadow->compare = compare_sql (table, shadow->columns);
        create = g_strdup_printf ("CREATE TEMP TABLE \"%s\" AS SELECT * FROM main.\"%s\" WHERE 0", table, table);
        index = g_strdup_printf ("CREATE UNIQUE INDEX temp.\"kes_verify_%s\" ON \"%s\" (id)", table, table);
        if (!kes_store_exec (self, create, error) || !kes_store_exec (self, index, error))
          return FALSE;
      }
  return TRUE;
}

static void
drop_shadows (KesStore  *self,
              GPtrArray *shadows)
{
  for (guint i = 0; i < shadows->len; i++)
    {
      Shadow *shadow = g_ptr_array_index (shadows, i);
      g_autofree char *drop = g_strdup_printf ("DROP TABLE IF EXISTS temp.\"%s\"", shadow->table);

      g_clear_pointer (&shadow->compare_stmt, kes_db_finalize);
      g_clear_pointer (&shadow->clear_stmt, kes_db_finalize);
      kes_store_exec (self, drop, NULL);
    }
}

/* The latest revision of @record_id, or NULL (no error) when it has none. */
static KesRevision *
latest_revision (KesStore    *self,
                 const char  *record_id,
                 GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT revision, change, reason, author_id, at, data FROM main.revision WHERE record_id = ? "
    "ORDER BY revision DESC LIMIT 1", error);
  KesRevision *revision = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      KesChangeKind change = KES_CHANGE_EDIT;

      kes_change_kind_from_string (kes_store_column_text (stmt, 1), &change);
      revision = kes_revision_new (record_id, kes_db_column_int64 (stmt, 0), change,
                                   (const char *) kes_db_column_text (stmt, 2),
                                   kes_store_column_text (stmt, 3), NULL,
                                   kes_store_column_text (stmt, 4), kes_store_column_text (stmt, 5));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    kes_store_set_db_error (self, error, _("Could not read the record history"));
  return revision;
}

/* Rebuilds the rows of the records after @after (at most a chunk); sets
 * *@last to the last id done, NULL when there were none. */
static gboolean
rebuild_chunk (KesStore      *self,
               KesVerifyRun  *run,
               const char    *after,
               char         **last,
               guint64       *done,
               GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT id, kind, patient_id FROM main.record WHERE id > ?1 ORDER BY id LIMIT ?2", error);
  int rc;

  *last = NULL;
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, after, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, self->verify_chunk > 0 ? self->verify_chunk : DEFAULT_CHUNK);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (kes_store_column_text (stmt, 0));
      row[1] = g_strdup (kes_store_column_text (stmt, 1));
      row[2] = g_strdup ((const char *) kes_db_column_text (stmt, 2));
      g_ptr_array_add (rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the records"));
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(KesRevision) revision = NULL;
      g_autoptr(GError) local = NULL;

      if (kes_store_projection_table (row[1]) == NULL)
        {
          kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                     _("table record, record %s, column kind: Kestrel knows no records "
                                       "of this kind"), row[0]);
          continue;
        }
      revision = latest_revision (self, row[0], error);
      if (revision == NULL && error != NULL && *error != NULL)
        return FALSE;
      /* A record without history is the record histories' problem. */
      if (revision != NULL && !kes_store_project_revision (self, row[1], row[0], row[2], revision, &local))
        kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                   _("record %s: its latest revision can’t be read back as a record of "
                                     "its kind (%s)"), row[0], local->message);
    }
  *done += rows->len;
  if (rows->len > 0)
    *last = g_strdup (((char **) g_ptr_array_index (rows, rows->len - 1))[0]);
  return TRUE;
}

void
kes_store_set_verify_chunk (KesStore *self,
                            guint     records)
{
  g_return_if_fail (KES_IS_STORE (self));
  self->verify_chunk = MIN (records, G_MAXINT);
}

static char *
differing (Shadow       *shadow,
           KesDbStmt *stmt)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < shadow->columns->len; i++)
    if (kes_db_column_int (stmt, 2 + i) != 0)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              (const char *) g_ptr_array_index (shadow->columns, i));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The chunk (@after, @upto] (@upto NULL: to the end) of every table. */
static gboolean
compare_chunk (KesStore      *self,
               KesVerifyRun  *run,
               GPtrArray     *shadows,
               const char    *after,
               const char    *upto,
               GError       **error)
{
  for (guint i = 0; i < shadows->len; i++)
    {
      Shadow *shadow = g_ptr_array_index (shadows, i);
      KesDbStmt *stmt = shadow->compare_stmt;
      int rc;

      if (stmt == NULL)
        {
          g_autofree char *clear = g_strdup_printf ("DELETE FROM temp.\"%s\"", shadow->table);

          if (kes_db_prepare (self->db, shadow->compare, TRUE,
                                  &shadow->compare_stmt) != KES_DB_OK ||
              kes_db_prepare (self->db, clear, TRUE,
                                  &shadow->clear_stmt) != KES_DB_OK)
            {
              kes_store_set_db_error (self, error, _("Could not compare a display table"));
              return FALSE;
            }
          stmt = shadow->compare_stmt;
        }
      kes_db_reset (stmt);
      kes_db_bind_text (stmt, 1, after, -1, KES_DB_COPY);
      kes_store_bind_text (stmt, 2, upto);
      while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
        {
          const char *id = kes_store_column_text (stmt, 0);
          int missing = kes_db_column_int (stmt, 1);
          g_autofree char *columns = NULL;

          if (missing == 1)
            kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                       _("table %s, record %s: the row has no record of its kind behind "
                                         "it (it was added outside Kestrel)"), shadow->table, id);
          else if (missing == 2)
            kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                       _("table %s, record %s: the row is missing (it was removed outside "
                                         "Kestrel)"), shadow->table, id);
          else
            {
              columns = differing (shadow, stmt);
              kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                         _("table %s, record %s, column %s: differs from the record’s "
                                           "latest revision"), shadow->table, id, columns);
            }
        }
      kes_db_reset (stmt);
      if (rc != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not compare a display table"));
          return FALSE;
        }
      rc = kes_db_step (shadow->clear_stmt);
      kes_db_reset (shadow->clear_stmt);
      if (rc != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not compare a display table"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
count_rows (KesStore      *self,
            KesVerifyRun  *run,
            GPtrArray     *shadows,
            GError       **error)
{
  for (guint i = 0; i < shadows->len; i++)
    {
      Shadow *shadow = g_ptr_array_index (shadows, i);
      g_autofree char *sql = g_strdup_printf (KES_SQL_FULL_SCAN "SELECT count (*) FROM main.\"%s\"", shadow->table);
      KesDbStmt *stmt = NULL;

      if (kes_db_prepare (self->db, sql, FALSE, &stmt) != KES_DB_OK)
        {
          kes_store_set_db_error (self, error, _("Could not count a display table"));
          return FALSE;
        }
      if (kes_db_step (stmt) == KES_DB_ROW)
        kes_verify_report_count (run->report, KES_VERIFY_PROJECTIONS, kes_db_column_int64 (stmt, 0));
      kes_db_finalize (stmt);
    }
  return TRUE;
}

static gboolean
rebuild_and_compare (KesStore      *self,
                     KesVerifyRun  *run,
                     GPtrArray     *shadows,
                     GError       **error)
{
  g_autofree char *after = g_strdup ("");
  guint64 done = 0;

  for (;;)
    {
      g_autofree char *last = NULL;

      if (!rebuild_chunk (self, run, after, &last, &done, error) ||
          !compare_chunk (self, run, shadows, after, last, error))
        return FALSE;
      if (last == NULL)
        return TRUE;
      g_free (after);
      after = g_steal_pointer (&last);
      if (run->progress != NULL)
        run->progress (KES_VERIFY_PROJECTIONS, done, run->record_count, run->user_data);
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
    }
}

/* The record table against its revisions. */
static gboolean
verify_record_table (KesStore      *self,
                     KesVerifyRun  *run,
                     GError       **error)
{
  static const char *const names[] = { "revision", "state", "created_at", "created_by", "updated_at",
                                       "updated_by" };
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT r.id, r.revision IS NOT l.revision, "
    "r.state IS NOT CASE WHEN l.change = 'entered-in-error' THEN 'entered-in-error' ELSE 'active' END, "
    "r.created_at IS NOT f.at, r.created_by IS NOT f.author_id, r.updated_at IS NOT l.at, "
    "r.updated_by IS NOT l.author_id FROM main.record r "
    "JOIN main.revision f ON f.record_id = r.id AND f.revision = 1 "
    "JOIN main.revision l ON l.record_id = r.id "
    "AND l.revision = (SELECT max (revision) FROM main.revision WHERE record_id = r.id)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(GString) columns = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (kes_db_column_int (stmt, 1 + i) != 0)
          g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", names[i]);
      if (columns->len > 0)
        kes_verify_report_problem (run->report, KES_VERIFY_PROJECTIONS,
                                   _("table record, record %s, column %s: differs from the record’s "
                                     "revisions"), kes_store_column_text (stmt, 0), columns->str);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the records"));
      return FALSE;
    }
  kes_verify_report_count (run->report, KES_VERIFY_PROJECTIONS, run->record_count);
  return TRUE;
}

gboolean
kes_store_verify_projections (KesStore      *self,
                              KesVerifyRun  *run,
                              GError       **error)
{
  g_autoptr(GPtrArray) shadows = g_ptr_array_new_with_free_func ((GDestroyNotify) shadow_free);
  gboolean ok;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_PROJECTIONS);
  if (!verify_record_table (self, run, error))
    return FALSE;

  /* No statement prepared against a main table survives into the rebuild,
   * and none prepared against a TEMP one survives it. */
  g_hash_table_remove_all (self->statements);
  ok = make_shadows (self, shadows, error) && count_rows (self, run, shadows, error);
  if (ok)
    {
      kes_db_refuse_main_writes (self->db, TRUE);
      ok = rebuild_and_compare (self, run, shadows, error);
      kes_db_refuse_main_writes (self->db, FALSE);
    }
  g_hash_table_remove_all (self->statements);
  drop_shadows (self, shadows);
  g_hash_table_remove_all (self->statements);
  return ok;
}
