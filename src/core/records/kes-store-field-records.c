/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-field-records"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-field-records-private.h"
#include "kes-store-import-private.h"

/* Revisioned records described by a KesRecordKind: the revision holds the
 * JSON, the kind's table holds the projected fields for queries. */

static char *
projection_sql (const KesRecordKind *kind)
{
  g_autoptr(GString) columns = g_string_new ("id, patient_id");
  g_autoptr(GString) values = g_string_new ("?1, ?2");
  g_autoptr(GString) updates = g_string_new ("patient_id = excluded.patient_id");
  guint n = 2;

  for (const KesFieldSpec *spec = kind->fields; spec->key != NULL; spec++)
    {
      if (!spec->projected)
        continue;
      g_string_append_printf (columns, ", %s", spec->key);
      g_string_append_printf (values, ", ?%u", ++n);
      g_string_append_printf (updates, ", %s = excluded.%s", spec->key, spec->key);
    }
  return g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s",
                          kind->table, columns->str, values->str, updates->str);
}

static gboolean
project (KesStore        *self,
         KesFieldRecord  *record,
         GError         **error)
{
  const KesRecordKind *kind = kes_field_record_get_kind (record);
  g_autofree char *sql = projection_sql (kind);
  KesDbStmt *stmt = kes_store_prepare (self, g_intern_string (sql), error);
  int index = 2;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_field_record_get_id (record), -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, kes_field_record_get_patient_id (record));
  for (const KesFieldSpec *spec = kind->fields; spec->key != NULL; spec++)
    {
      if (!spec->projected)
        continue;
      index++;
      if (spec->type == KES_FIELD_BOOL)
        kes_db_bind_int (stmt, index, kes_field_record_get_bool (record, spec->key));
      else if (spec->type == KES_FIELD_CODES)
        {
          g_auto(GStrv) codes = kes_field_record_dup_list (record, spec->key);
          g_autofree char *joined = g_strjoinv (" ", codes);
          kes_store_bind_text (stmt, index, joined);
        }
      else
        kes_store_bind_text (stmt, index, kes_field_record_get_text (record, spec->key));
    }
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the record’s index"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_write_field_record (KesStore        *self,
                              KesFieldRecord  *record,
                              KesChangeKind    change,
                              const char      *reason,
                              GError         **error)
{
  const KesRecordKind *kind = kes_field_record_get_kind (record);
  g_autoptr(GPtrArray) issues = kes_field_record_check (record);
  g_autofree char *id = g_strdup (kes_field_record_get_id (record));
  g_autofree char *json = NULL;
  gint64 revision;

  if (!kes_issues_to_error (issues, error))
    return FALSE;
  if (kind->per_patient &&
      !kes_store_check_patient_active (self, kes_field_record_get_patient_id (record), NULL, error))
    return FALSE;
  if (id != NULL)
    {
      g_autofree char *stored_kind = NULL;
      KesRecordState state;

      if (!kes_store_record_state (self, id, &stored_kind, &state, error))
        return FALSE;
      if (!g_str_equal (stored_kind, kind->name))
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Record %s is not a %s record"),
                       id, kind->name);
          return FALSE;
        }
      if (state != KES_RECORD_ACTIVE)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                               _("This record was marked as entered in error and can’t be changed"));
          return FALSE;
        }
    }

  json = kes_field_record_to_json (record);
  if (!kes_store_savepoint (self, error))
    return FALSE;
  revision = kes_store_write_revision (self, kind->name, kes_field_record_get_patient_id (record), &id,
                                       kes_field_record_get_revision (record),
                                       id == NULL ? KES_CHANGE_CREATE : change, reason, json, error);
  if (revision == 0)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_field_record_set_identity (record, id, revision, KES_RECORD_ACTIVE);
  if (!project (self, record, error) || !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return FALSE;
    }
  return TRUE;
}

KesFieldRecord *
kes_store_read_field_record (KesStore            *self,
                             const KesRecordKind *kind,
                             const char          *id,
                             GError             **error)
{
  g_autoptr(KesFieldRecord) record = NULL;
  g_autofree char *json = NULL;
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare (self,
    "SELECT r.kind, r.patient_id, r.revision, r.state, r.updated_at, s.display_name, v.data "
    "FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW && g_str_equal (kes_store_column_text (stmt, 0), kind->name))
    {
      record = kes_field_record_new (kind);
      kes_field_record_set_identity (record, id, kes_db_column_int64 (stmt, 2),
                                     g_str_equal (kes_store_column_text (stmt, 3), "active")
                                       ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
      kes_field_record_set_patient_id (record, kes_store_column_text (stmt, 1));
      kes_field_record_set_written (record, kes_store_column_text (stmt, 5),
                                    kes_store_column_text (stmt, 4));
      json = g_strdup (kes_store_column_text (stmt, 6));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record"));
      return NULL;
    }
  if (record == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No %s record has the id %s"),
                   kind->name, id);
      return NULL;
    }
  if (!kes_field_record_load_json (record, json, error))
    return NULL;
  return g_steal_pointer (&record);
}

GPtrArray *
kes_store_query_field_records (KesStore            *self,
                               const KesRecordKind *kind,
                               const char          *sql,
                               const char          *param1,
                               const char          *param2,
                               GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt = kes_store_prepare (self, g_intern_string (sql), error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (kes_db_bind_parameter_count (stmt) >= 1)
    kes_store_bind_text (stmt, 1, param1);
  if (kes_db_bind_parameter_count (stmt) >= 2)
    kes_store_bind_text (stmt, 2, param2);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the records"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      KesFieldRecord *record = kes_store_read_field_record (self, kind, ids->pdata[i], error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

/* ---- Import (kes-store-import-private.h) ---- */

gboolean
kes_store_project_field_json (KesStore             *self,
                              const KesRecordKind  *kind,
                              const char           *id,
                              const char           *patient_id,
                              gint64                revision,
                              KesRecordState        state,
                              const char           *json,
                              GError              **error)
{
  g_autoptr(KesFieldRecord) record = kes_field_record_new (kind);

  if (!kes_field_record_load_json (record, json, error))
    return FALSE;
  kes_field_record_set_identity (record, id, revision, state);
  kes_field_record_set_patient_id (record, patient_id);

  return project (self, record, error);
}
