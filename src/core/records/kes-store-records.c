/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-records"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-records-private.h"

/* The generic save, load, list and history of revisioned records: the one
 * place the revision sequence is written out (kes-store-records-private.h). */

static const KesRecordOps *
ops_of (const KesRecordKind *kind)
{
  return kind->ops != NULL ? kind->ops : &kes_field_record_ops;
}

static const char *
blank_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
identify (const KesRecordKind *kind,
          gpointer             record,
          KesRecordIdentity   *identity)
{
  *identity = (KesRecordIdentity) { 0 };
  ops_of (kind)->identify (record, identity);
  if (identity->kind == NULL)
    identity->kind = kind->name;
  identity->id = blank_to_null (identity->id);
  identity->patient_id = blank_to_null (identity->patient_id);
}

/* The permission for a record of the stored @kind_name, for its patient
 * (the patient's own id when the record is the patient). */
static gboolean
require (KesStore            *self,
         const KesRecordKind *kind,
         const char          *kind_name,
         const char          *id,
         const char          *patient_id,
         gboolean             edit,
         GError             **error)
{
  const KesRecordOps *ops = ops_of (kind);
  KesPermission permission = ops->permission != NULL ? ops->permission (kind_name, edit)
                                                     : kes_store_permission_for_kind (kind_name, edit);

  return kes_store_require (self, permission, ops->is_patient ? id : patient_id, error);
}

/* An edit must be of a record of the same kind that is still active. */
static gboolean
check_stored (KesStore                *self,
              const KesRecordIdentity *identity,
              GError                 **error)
{
  g_autofree char *stored_kind = NULL;
  KesRecordState state;

  if (!kes_store_record_state (self, identity->id, &stored_kind, &state, error))
    return FALSE;
  if (!g_str_equal (stored_kind, identity->kind))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Record %s is not a %s record"),
                   identity->id, identity->kind);
      return FALSE;
    }
  if (state != KES_RECORD_ACTIVE)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                           _("This record was marked as entered in error and can’t be changed"));
      return FALSE;
    }
  return TRUE;
}

/* Savepoint, revision, identity, projection and what goes with it, release;
 * everything rolled back on any failure, the working copy's identity too
 * (so that saving it again is not refused as a conflict with a revision
 * that was never kept). */
static gboolean
write_record (KesStore            *self,
              const KesRecordKind *kind,
              gpointer             work,
              KesChangeKind        change,
              const char          *reason,
              const char          *json,
              GError             **error)
{
  const KesRecordOps *ops = ops_of (kind);
  KesRecordIdentity identity;
  g_autofree char *base_id = NULL;
  g_autofree char *id = NULL;
  gint64 base_revision;
  gint64 revision;

  identify (kind, work, &identity);
  base_id = g_strdup (identity.id);
  base_revision = identity.revision;
  id = g_strdup (base_id);
  if (!kes_store_savepoint (self, error))
    return FALSE;
  if (ops->before_write != NULL && !ops->before_write (self, work, error))
    goto fail;
  revision = kes_store_write_revision (self, identity.kind, ops->is_patient ? NULL : identity.patient_id,
                                       &id, base_revision, id == NULL ? KES_CHANGE_CREATE : change,
                                       reason, json, error);
  if (revision == 0)
    goto fail;
  ops->set_identity (work, id, revision, KES_RECORD_ACTIVE);
  if (!ops->project (self, work, json, error) ||
      (ops->after_write != NULL && !ops->after_write (self, work, error)) ||
      !kes_store_release (self, error))
    {
      ops->set_identity (work, base_id, base_revision, KES_RECORD_ACTIVE);
      goto fail;
    }
  return TRUE;

fail:
  if (self->savepoint_depth > 0)
    kes_store_rollback_to (self);
  return FALSE;
}

/* @checked: the caller checked the permission and the patient (or runs as
 * a database update, whose author may not sign in). */
static gboolean
save_record (KesStore            *self,
             const KesRecordKind *kind,
             gpointer             record,
             KesChangeKind        change,
             const char          *reason,
             gboolean             checked,
             GError             **error)
{
  const KesRecordOps *ops;
  g_autoptr(GObject) work = NULL;
  g_autofree char *json = NULL;
  KesRecordIdentity identity;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  ops = ops_of (kind);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (record, ops->get_type ()), FALSE);

  /* The permission first: someone who may not write learns nothing from
   * the checks. */
  identify (kind, record, &identity);
  if (!checked && !require (self, kind, identity.kind, identity.id, identity.patient_id, TRUE, error))
    return FALSE;
  work = ops->prepare (self, kind, record, &json, error);
  if (work == NULL)
    return FALSE;
  identify (kind, work, &identity);
  if (!checked && kind->per_patient && !kes_store_check_patient_active (self, identity.patient_id, NULL, error))
    return FALSE;
  if (identity.id != NULL && !check_stored (self, &identity, error))
    return FALSE;
  if (!write_record (self, kind, work, change, reason, json, error))
    return FALSE;

  if (ops->hand_back != NULL)
    ops->hand_back (record, work, json);
  else if ((gpointer) work != record)
    {
      identify (kind, work, &identity);
      ops->set_identity (record, identity.id, identity.revision, KES_RECORD_ACTIVE);
    }
  return TRUE;
}

gboolean
kes_store_save_record (KesStore            *self,
                       const KesRecordKind *kind,
                       gpointer             record,
                       KesChangeKind        change,
                       const char          *reason,
                       GError             **error)
{
  return save_record (self, kind, record, change, reason, FALSE, error);
}

gboolean
kes_store_write_record (KesStore            *self,
                        const KesRecordKind *kind,
                        gpointer             record,
                        KesChangeKind        change,
                        const char          *reason,
                        GError             **error)
{
  return save_record (self, kind, record, change, reason, TRUE, error);
}

gpointer
kes_store_read_record (KesStore            *self,
                       const KesRecordKind *kind,
                       const char          *id,
                       GError             **error)
{
  g_autofree char *json = NULL;
  g_autofree char *patient_id = NULL;
  g_autofree char *author = NULL;
  g_autofree char *updated_at = NULL;
  KesStoredRecord stored = { 0 };
  KesDbStmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);

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
      found = TRUE;
      patient_id = g_strdup (kes_store_column_text (stmt, 1));
      stored.revision = kes_db_column_int64 (stmt, 2);
      stored.state = g_str_equal (kes_store_column_text (stmt, 3), "active")
                       ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR;
      updated_at = g_strdup (kes_store_column_text (stmt, 4));
      author = g_strdup (kes_store_column_text (stmt, 5));
      json = g_strdup (kes_store_column_text (stmt, 6));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record"));
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No %s record has the id %s"),
                   kind->name, id);
      return NULL;
    }
  stored.id = id;
  stored.kind = kind->name;
  stored.patient_id = patient_id;
  stored.author_name = author;
  stored.updated_at = updated_at;
  stored.data = json;
  return ops_of (kind)->from_stored (kind, &stored, error);
}

/* The record's patient as stored, for the permission that reads it. */
static char *
stored_patient (KesStore   *self,
                const char *id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT patient_id FROM record WHERE id = ?1", NULL);
  char *patient_id = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    patient_id = g_strdup ((const char *) kes_db_column_text (stmt, 0));
  kes_db_reset (stmt);
  return patient_id;
}

gpointer
kes_store_load_record (KesStore            *self,
                       const KesRecordKind *kind,
                       const char          *id,
                       GError             **error)
{
  g_autofree char *patient_id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);

  patient_id = stored_patient (self, id);
  if (!require (self, kind, kind->name, id, patient_id, FALSE, error))
    return NULL;
  return kes_store_read_record (self, kind, id, error);
}

GPtrArray *
kes_store_query_records (KesStore            *self,
                         const KesRecordKind *kind,
                         const char          *sql,
                         const char          *param1,
                         const char          *param2,
                         GError             **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && sql != NULL, NULL);

  stmt = kes_store_prepare (self, g_intern_string (sql), error);
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
      gpointer record = kes_store_read_record (self, kind, ids->pdata[i], error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

GPtrArray *
kes_store_list_records (KesStore            *self,
                        const KesRecordKind *kind,
                        const char          *sql,
                        const char          *patient_id,
                        GError             **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && sql != NULL, NULL);

  if (!require (self, kind, kind->name, NULL, patient_id, FALSE, error))
    return NULL;
  return kes_store_query_records (self, kind, sql, patient_id, NULL, error);
}

GPtrArray *
kes_store_record_history (KesStore            *self,
                          const KesRecordKind *kind,
                          const char          *id,
                          GError             **error)
{
  g_autofree char *stored_kind = NULL;
  g_autofree char *patient_id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && id != NULL, NULL);

  /* The kind's own permission first, so a record of another kind named by
   * mistake tells nothing. */
  patient_id = stored_patient (self, id);
  if (!require (self, kind, kind->name, id, patient_id, FALSE, error) ||
      !kes_store_record_state (self, id, &stored_kind, NULL, error))
    return NULL;
  if (!g_str_equal (stored_kind, kind->name))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No %s record has the id %s"), kind->name, id);
      return NULL;
    }
  return kes_store_list_history (self, id, error);
}
