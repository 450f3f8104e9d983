/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-community"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-medication-rules.h"
#include "kes-store-community-private.h"
#include "kes-store-community.h"
#include "kes-store-import-private.h"
#include "kes-store-private.h"
#include "kes-validate.h"

/* Care in the community records: one projection table per kind, holding
 * the current revision's projected fields (record state stays in `record`). */

/* A depot dose belongs to an active depot prescription of the same patient. */
static gboolean
check_depot_prescription (KesStore       *self,
                          KesCareRecord  *record,
                          GError        **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "SELECT x.patient_id, x.category FROM prescription x "
    "JOIN record r ON r.id = x.id AND r.state = 'active' WHERE x.id = ?1", error);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kes_care_record_get (record, "prescription_id"), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 (kes_store_column_text (stmt, 0), kes_care_record_get_patient_id (record)) == 0 &&
         g_str_equal (kes_store_column_text (stmt, 1), "depot");
  sqlite3_reset (stmt);
  if (!ok)
    g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                         _("Depot prescription: choose one of this patient's depot prescriptions"));
  return ok;
}

static void
bind_value (sqlite3_stmt       *stmt,
            int                 index,
            KesCareRecord      *record,
            const KesCareField *field)
{
  double number;

  if (field->type == KES_CARE_FIELD_NUMBER)
    {
      if (kes_care_record_get_number (record, field->key, &number))
        sqlite3_bind_double (stmt, index, number);
      else
        sqlite3_bind_null (stmt, index);
    }
  else if (field->type == KES_CARE_FIELD_BOOL)
    sqlite3_bind_int (stmt, index, kes_care_record_get_bool (record, field->key));
  else
    kes_store_bind_text (stmt, index, kes_care_record_get (record, field->key));
}

/* Values computed from the record that its table keeps for querying. */
static guint
add_derived_columns (KesCareRecord *record,
                     GString       *columns,
                     GPtrArray     *values)
{
  const char *kind = kes_care_record_get_kind (record);

  if (g_str_equal (kind, KES_CARE_FBC))
    {
      double wbc = 0, anc = 0;

      kes_care_record_get_number (record, "wbc", &wbc);
      kes_care_record_get_number (record, "neutrophils", &anc);
      g_string_append (columns, ", light");
      g_ptr_array_add (values, g_strdup (kes_fbc_light_to_string (kes_fbc_traffic_light (wbc, anc))));
      return 1;
    }
  if (g_str_equal (kind, KES_CARE_PHYSICAL_HEALTH))
    {
      double weight, height, bmi;

      g_string_append (columns, ", bmi");
      if (kes_care_record_get_number (record, "weight_kg", &weight) &&
          kes_care_record_get_number (record, "height_cm", &height) &&
          kes_bmi_compute (weight, height, &bmi))
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          g_ptr_array_add (values, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, bmi)));
        }
      else
        g_ptr_array_add (values, NULL);
      return 1;
    }
  return 0;
}

gboolean
kes_store_project_care_record (KesStore       *self,
                               KesCareRecord  *record,
                               GError        **error)
{
  const char *kind = kes_care_record_get_kind (record);
  const KesCareField *fields = kes_care_kind_fields (kind);
  g_autoptr(GString) columns = g_string_new ("id, patient_id");
  g_autoptr(GString) params = g_string_new ("?1, ?2");
  g_autoptr(GString) updates = g_string_new ("patient_id = excluded.patient_id");
  g_autoptr(GPtrArray) derived = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GString) derived_names = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int index = 3;

  for (guint i = 0; fields[i].key != NULL; i++)
    if (fields[i].projected)
      {
        g_string_append_printf (columns, ", %s", fields[i].key);
        g_string_append_printf (params, ", ?%d", index++);
        g_string_append_printf (updates, ", %s = excluded.%s", fields[i].key, fields[i].key);
      }
  add_derived_columns (record, derived_names, derived);
  names = g_strsplit (derived_names->str, ", ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] != '\0')
      {
        g_string_append_printf (columns, ", %s", names[i]);
        g_string_append_printf (params, ", ?%d", index++);
        g_string_append_printf (updates, ", %s = excluded.%s", names[i], names[i]);
      }
  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (id) DO UPDATE SET %s",
                         kes_care_kind_table (kind), columns->str, params->str, updates->str);
  /* Interned: the store caches statements by their SQL text. */
  stmt = kes_store_prepare (self, g_intern_string (sql), error);
  if (stmt == NULL)
    return FALSE;

  index = 1;
  sqlite3_bind_text (stmt, index++, kes_care_record_get_id (record), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, index++, kes_care_record_get_patient_id (record), -1, SQLITE_TRANSIENT);
  for (guint i = 0; fields[i].key != NULL; i++)
    if (fields[i].projected)
      bind_value (stmt, index++, record, &fields[i]);
  for (guint i = 0; i < derived->len; i++)
    kes_store_bind_text (stmt, index++, g_ptr_array_index (derived, i));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the care record"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

KesCareRecord *
kes_store_care_record_prepare (KesCareRecord  *record,
                               const GDate    *today,
                               char          **json,
                               GError        **error)
{
  g_autoptr(KesCareRecord) draft = kes_care_record_new (kes_care_record_get_kind (record));
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *typed = kes_care_record_to_json (record);

  /* Validate a copy so a failed save leaves the form's values as typed. */
  if (!kes_care_record_load_json (draft, typed, error))
    return NULL;
  kes_care_record_set_patient_id (draft, kes_care_record_get_patient_id (record));
  kes_care_record_set_identity (draft, kes_care_record_get_id (record),
                                kes_care_record_get_revision (record), KES_RECORD_ACTIVE);
  issues = kes_care_record_validate (draft, today);
  if (!kes_issues_to_error (issues, error))
    return NULL;
  *json = kes_care_record_to_json (draft);
  return g_steal_pointer (&draft);
}

gboolean
kes_store_save_care_record (KesStore       *self,
                            KesCareRecord  *record,
                            KesChangeKind   change,
                            const char     *reason,
                            GError        **error)
{
  g_autoptr(KesCareRecord) draft = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  const char *patient_id;
  gint64 revision;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_CARE_RECORD (record), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_care_record_get_patient_id (record), error))
    return FALSE;
  draft = kes_store_care_record_prepare (record, today, &json, error);
  if (draft == NULL)
    return FALSE;
  patient_id = kes_care_record_get_patient_id (draft);
  if (!kes_store_check_patient_active (self, patient_id, NULL, error))
    return FALSE;
  if (g_str_equal (kes_care_record_get_kind (draft), KES_CARE_DEPOT_DOSE) &&
      !check_depot_prescription (self, draft, error))
    return FALSE;

  id = g_strdup (kes_care_record_get_id (draft));
  if (!kes_store_savepoint (self, error))
    return FALSE;
  revision = kes_store_write_revision (self, kes_care_record_get_kind (draft), patient_id, &id,
                                       kes_care_record_get_revision (draft),
                                       id == NULL ? KES_CHANGE_CREATE : change, reason, json, error);
  if (revision == 0)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_care_record_set_identity (draft, id, revision, KES_RECORD_ACTIVE);
  if (!kes_store_project_care_record (self, draft, error) || !kes_store_release (self, error))
    {
      if (self->savepoint_depth > 0)
        kes_store_rollback_to (self);
      return FALSE;
    }

  /* Hand back the normalised values with the new identity. */
  kes_care_record_load_json (record, json, NULL);
  kes_care_record_set_identity (record, id, revision, KES_RECORD_ACTIVE);
  return TRUE;
}

static KesCareRecord *
record_from_row (sqlite3_stmt *stmt,
                 const char   *kind)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);

  if (!kes_care_record_load_json (record, kes_store_column_text (stmt, 3), NULL))
    return NULL;
  kes_care_record_set_identity (record, kes_store_column_text (stmt, 0),
                                sqlite3_column_int64 (stmt, 1),
                                g_str_equal (kes_store_column_text (stmt, 2), "active")
                                  ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
  kes_care_record_set_patient_id (record, kes_store_column_text (stmt, 6));
  kes_care_record_set_written (record, kes_store_column_text (stmt, 4), kes_store_column_text (stmt, 5));
  return g_steal_pointer (&record);
}

GListModel *
kes_store_list_care_records (KesStore    *self,
                             const char  *patient_id,
                             const char  *kind,
                             gboolean     include_errors,
                             GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_CARE_RECORD);
  g_autofree char *sql = NULL;
  g_autofree char *summary = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);
  g_return_val_if_fail (kes_care_kind_table (kind) != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  sql = g_strdup_printf (
    "SELECT r.id, r.revision, r.state, v.data, s.display_name, r.updated_at, t.patient_id "
    "FROM %s t JOIN record r ON r.id = t.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by "
    "WHERE t.patient_id = ?1 AND (?2 OR r.state = 'active') "
    "ORDER BY t.%s DESC, r.created_at DESC, r.id",
    kes_care_kind_table (kind), kes_care_kind_date_field (kind));
  /* Interned: the store caches statements by their SQL text. */
  stmt = kes_store_prepare (self, g_intern_string (sql), error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, include_errors);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KesCareRecord) record = record_from_row (stmt, kind);
      if (record != NULL)
        g_list_store_append (list, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the care records"));
      return NULL;
    }
  summary = g_strdup_printf ("care-records:%s", kind);
  if (!kes_store_audit_view (self, NULL, patient_id, summary, error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

KesCareRecord *
kes_store_load_care_record (KesStore    *self,
                            const char  *record_id,
                            GError     **error)
{
  g_autoptr(KesCareRecord) record = NULL;
  g_autofree char *kind = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  if (!kes_store_record_state (self, record_id, &kind, NULL, error))
    return NULL;
  if (kes_care_kind_table (kind) == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No care record has the id %s"), record_id);
      return NULL;
    }
  stmt = kes_store_prepare (self,
    "SELECT r.id, r.revision, r.state, v.data, s.display_name, r.updated_at, r.patient_id "
    "FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    record = record_from_row (stmt, kind);
  sqlite3_reset (stmt);
  if (record == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No care record has the id %s"), record_id);
      return NULL;
    }
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, kes_care_record_get_patient_id (record), error) ||
      !kes_store_audit_view (self, record_id, kes_care_record_get_patient_id (record), kind, error))
    return NULL;
  return g_steal_pointer (&record);
}

gboolean
kes_store_mark_care_record_entered_in_error (KesStore       *self,
                                             KesCareRecord  *record,
                                             const char     *reason,
                                             GError        **error)
{
  const char *patient_id;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_CARE_RECORD (record), FALSE);
  g_return_val_if_fail (kes_care_record_get_id (record) != NULL, FALSE);

  patient_id = kes_care_record_get_patient_id (record);
  /* The record's own patient is checked again when it is marked. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error) ||
      !kes_store_record_state (self, kes_care_record_get_id (record), &kind, NULL, error))
    return FALSE;
  if (g_strcmp0 (kind, kes_care_record_get_kind (record)) != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No care record has the id %s"),
                   kes_care_record_get_id (record));
      return FALSE;
    }
  if (!kes_store_mark_entered_in_error (self, kes_care_record_get_id (record),
                                        kes_care_record_get_revision (record), reason, error))
    return FALSE;
  kes_care_record_set_identity (record, kes_care_record_get_id (record),
                                kes_care_record_get_revision (record) + 1, KES_RECORD_ENTERED_IN_ERROR);
  return TRUE;
}

GPtrArray *
kes_store_list_care_alerts (KesStore    *self,
                            const char  *patient_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) lights = g_array_new (FALSE, FALSE, sizeof (KesFbcLight));
  g_autofree char *last_red = NULL;
  g_autofree char *last_lithium = NULL;
  double lithium = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;

  stmt = kes_store_prepare (self,
    "SELECT f.taken_on, f.light FROM fbc_result f JOIN record r ON r.id = f.id AND r.state = 'active' "
    "WHERE f.patient_id = ?1 ORDER BY f.taken_on, r.created_at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KesFbcLight light;

      if (!kes_fbc_light_parse (kes_store_column_text (stmt, 1), &light))
        continue;
      g_array_append_val (lights, light);
      if (light == KES_FBC_RED)
        {
          g_free (last_red);
          last_red = g_strdup (kes_store_column_text (stmt, 0));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the blood results"));
      return NULL;
    }
  if (kes_clozapine_stopped ((KesFbcLight *) (gpointer) lights->data, lights->len))
    {
      g_autofree char *shown = kes_date_to_display (last_red);
      g_ptr_array_add (alerts, g_strdup_printf (_("Red clozapine result on %s: %s"), shown,
                                                kes_fbc_light_action (KES_FBC_RED)));
    }

  stmt = kes_store_prepare (self,
    "SELECT l.taken_on, l.level FROM lithium_level l JOIN record r ON r.id = l.id AND r.state = 'active' "
    "WHERE l.patient_id = ?1 ORDER BY l.taken_on DESC, r.created_at DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      last_lithium = g_strdup (kes_store_column_text (stmt, 0));
      lithium = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (last_lithium != NULL && kes_lithium_band (lithium) == KES_LITHIUM_TOXIC)
    {
      g_autofree char *shown = kes_date_to_display (last_lithium);
      g_ptr_array_add (alerts, g_strdup_printf (_("Lithium level %.2f mmol/L on %s: %s"), lithium,
                                                shown, kes_lithium_band_label (KES_LITHIUM_TOXIC)));
    }
  return g_steal_pointer (&alerts);
}

/* ---- Import (kes-store-import-private.h) ---- */

gboolean
kes_store_project_care_json (KesStore        *self,
                             const char      *kind,
                             const char      *id,
                             const char      *patient_id,
                             gint64           revision,
                             KesRecordState   state,
                             const char      *json,
                             GError         **error)
{
  g_autoptr(KesCareRecord) record = NULL;

  if (kes_care_kind_fields (kind) == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("“%s” is not a kind of care record"), kind);
      return FALSE;
    }
  record = kes_care_record_new (kind);
  if (!kes_care_record_load_json (record, json, error))
    return FALSE;
  kes_care_record_set_identity (record, id, revision, state);
  kes_care_record_set_patient_id (record, patient_id);

  return kes_store_project_care_record (self, record, error);
}
