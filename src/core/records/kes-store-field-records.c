/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-field-records"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-field-records-private.h"
#include "kes-store-import-private.h"
#include "kes-store-records-private.h"

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

/* ---- The field records' KesRecordOps ---- */

static void
field_identify (gpointer           object,
                KesRecordIdentity *identity)
{
  KesFieldRecord *record = object;

  identity->kind = kes_field_record_get_kind (record)->name;
  identity->id = kes_field_record_get_id (record);
  identity->patient_id = kes_field_record_get_patient_id (record);
  identity->revision = kes_field_record_get_revision (record);
}

/* Trims and normalises in place (what the form shows is what is stored). */
static gpointer
field_prepare (KesStore             *self,
               const KesRecordKind  *kind,
               gpointer              record,
               char                **json,
               GError              **error)
{
  g_autoptr(GPtrArray) issues = kes_field_record_check (record);

  if (!kes_issues_to_error (issues, error))
    return NULL;
  *json = kes_field_record_to_json (record);
  return g_object_ref (record);
}

static gboolean
field_project (KesStore    *self,
               gpointer     record,
               const char  *json,
               GError     **error)
{
  return project (self, record, error);
}

static gpointer
field_from_stored (const KesRecordKind    *kind,
                   const KesStoredRecord  *stored,
                   GError                **error)
{
  g_autoptr(KesFieldRecord) record = kes_field_record_new (kind);

  kes_field_record_set_identity (record, stored->id, stored->revision, stored->state);
  kes_field_record_set_patient_id (record, stored->patient_id);
  kes_field_record_set_written (record, stored->author_name, stored->updated_at);
  if (!kes_field_record_load_json (record, stored->data, error))
    return NULL;
  return g_steal_pointer (&record);
}

const KesRecordOps kes_field_record_ops = {
  .get_type = kes_field_record_get_type,
  .identify = field_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_field_record_set_identity,
  .prepare = field_prepare,
  .project = field_project,
  .from_stored = field_from_stored,
};

gboolean
kes_store_write_field_record (KesStore        *self,
                              KesFieldRecord  *record,
                              KesChangeKind    change,
                              const char      *reason,
                              GError         **error)
{
  return kes_store_save_record (self, kes_field_record_get_kind (record), record, change, reason, error);
}

KesFieldRecord *
kes_store_read_field_record (KesStore            *self,
                             const KesRecordKind *kind,
                             const char          *id,
                             GError             **error)
{
  return kes_store_read_record (self, kind, id, error);
}

GPtrArray *
kes_store_query_field_records (KesStore            *self,
                               const KesRecordKind *kind,
                               const char          *sql,
                               const char          *param1,
                               const char          *param2,
                               GError             **error)
{
  return kes_store_query_records (self, kind, sql, param1, param2, error);
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
