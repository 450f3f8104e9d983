/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-migrate-mappa"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-records.h"
#include "kes-store-private.h"

/* Part of migration 0014 (data/migrations/0014-clinical-rules.sql): MAPPA
 * category 4 ("other, local use") does not exist in law (Criminal Justice
 * Act 2003 ss325–327 and the MAPPA Guidance name three categories). Every
 * record whose current revision holds it (a patient, a legal status, a
 * liaison and diversion screening) gets a new revision with the category
 * not recorded, and its patient a note asking for the right category. The
 * author of both is a disabled staff entry that no one can sign in as, so
 * the history says the database update did it, not a person. Runs inside
 * the migration's transaction: all or nothing. */

typedef struct
{
  char   *id;
  char   *kind;
  char   *patient_id;
  gint64  revision;
  char   *data;
} CategoryFour;

static void
category_four_free (CategoryFour *row)
{
  g_free (row->id);
  g_free (row->kind);
  g_free (row->patient_id);
  g_free (row->data);
  g_free (row);
}

static GPtrArray *
find_category_four (KesStore  *self,
                    GError   **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) category_four_free);
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT r.id, r.kind, CASE WHEN r.kind = 'patient' THEN r.id ELSE r.patient_id END, r.revision, "
    "  json_remove (v.data, '$.mappa_category') "
    "FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE json_valid (v.data) AND CAST (json_extract (v.data, '$.mappa_category') AS TEXT) = '4' "
    "ORDER BY r.created_at, r.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      CategoryFour *row = g_new0 (CategoryFour, 1);

      row->id = g_strdup (kes_store_column_text (stmt, 0));
      row->kind = g_strdup (kes_store_column_text (stmt, 1));
      row->patient_id = g_strdup (kes_store_column_text (stmt, 2));
      row->revision = kes_db_column_int64 (stmt, 3);
      row->data = g_strdup (kes_store_column_text (stmt, 4));
      g_ptr_array_add (rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not look for MAPPA category 4"));
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

static gboolean
add_note (KesStore     *self,
          CategoryFour *row,
          GError      **error)
{
  return kes_store_add_update_note (self, row->patient_id, _("MAPPA category needs recording again"),
                                    _("This record gave MAPPA category 4 (“other, local use”). There are only "
                                      "three MAPPA categories in law (Criminal Justice Act 2003, sections 325 to "
                                      "327), so Kestrel has set the category to “not recorded”. Please record "
                                      "the right category (1, 2 or 3) from the MAPPA coordinator, or leave it not "
                                      "recorded if the patient is not a MAPPA case. The earlier value stays in the "
                                      "record's history."), error);
}

static gboolean
correct_record (KesStore     *self,
                CategoryFour *row,
                GError      **error)
{
  g_autofree char *id = g_strdup (row->id);
  const char *patient_id = g_str_equal (row->kind, "patient") || *row->patient_id == '\0' ? NULL
                                                                                         : row->patient_id;

  /* The projections hold no MAPPA column, so the revision is all that changes. */
  return kes_store_write_revision (self, row->kind, patient_id, &id, row->revision, KES_CHANGE_CORRECTION,
                                   _("MAPPA category 4 does not exist in law (three categories, Criminal "
                                     "Justice Act 2003 ss325–327): set to not recorded by the database update"),
                                   row->data, error) != 0;
}

static gboolean
correct_all (KesStore  *self,
             gpointer   data,
             GError   **error)
{
  GPtrArray *rows = data;
  g_autoptr(GHashTable) noted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      CategoryFour *row = g_ptr_array_index (rows, i);

      if (!correct_record (self, row, error))
        return FALSE;
      if (*row->patient_id != '\0' && !g_hash_table_contains (noted, row->patient_id))
        {
          g_hash_table_add (noted, row->patient_id);
          if (!add_note (self, row, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
kes_store_migrate_mappa_category_four (KesStore  *self,
                                       GError   **error)
{
  g_autoptr(GPtrArray) rows = find_category_four (self, error);

  if (rows == NULL)
    return FALSE;
  if (rows->len == 0)
    return TRUE;
  return kes_store_run_as_update (self, "0014", correct_all, rows, error);
}
