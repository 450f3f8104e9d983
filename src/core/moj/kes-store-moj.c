/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-moj"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj-incident.h"
#include "kes-moj-schedule.h"
#include "kes-store-import-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-patients.h"
#include "kes-store-records-private.h"

/* Restricted-patient records share one projection table, moj_record
 * (migration moj): id, patient, kind, the kind's sort date and the current
 * content. Whether a record is entered in error is read from record.state,
 * which kes_store_mark_entered_in_error keeps for every kind. */

gboolean
kes_store_project_moj_record (KesStore      *self,
                              KesMojRecord  *record,
                              const char    *json,
                              GError       **error)
{
  KesMojKind kind = kes_moj_record_get_kind (record);
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO moj_record (id, patient_id, kind, sort_date, data) VALUES (?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT (id) DO UPDATE SET sort_date = ?4, data = ?5", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_moj_record_get_id (record), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_moj_record_get_patient_id (record), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_moj_kind_to_string (kind), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, kes_moj_record_get_text (record, kes_moj_kind_sort_key (kind)), -1,
                     KES_DB_COPY);
  kes_db_bind_text (stmt, 5, json, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the restricted patient records"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  if (kind == KES_MOJ_LEGAL_STATUS)
    return kes_store_refresh_patient_legal (self, kes_moj_record_get_patient_id (record), error);
  return TRUE;
}

KesMojRecord *
kes_store_moj_prepare (KesMojRecord  *record,
                       char         **json,
                       GError       **error)
{
  g_autoptr(GPtrArray) issues = kes_moj_record_get_kind (record) == KES_MOJ_REPORT
                                  ? kes_moj_report_validate (record) : kes_moj_record_validate (record);
  g_autoptr(KesMojRecord) normalised = NULL;

  if (!kes_issues_to_error (issues, error))
    return NULL;
  /* Normalise a copy, so a failure leaves the caller's record as typed. */
  normalised = kes_moj_record_copy (record);
  if (!kes_moj_record_normalise (normalised, error))
    return NULL;
  *json = kes_moj_record_to_json (normalised);
  return g_steal_pointer (&normalised);
}

/* A report written about an incident names an active incident of its own
 * patient, or nothing. */
static gboolean
check_incident_link (KesStore      *self,
                     KesMojRecord  *record,
                     GError       **error)
{
  const char *incident_id = kes_moj_record_get_text (record, KES_MOJ_INCIDENT_LINK);
  g_autofree char *patient = NULL;
  KesDbStmt *stmt;

  if (*incident_id == '\0')
    return TRUE;
  stmt = kes_store_prepare (self, "SELECT patient_id FROM record WHERE id = ?1 AND kind = 'moj-incident' "
                                  "AND state = 'active'", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, incident_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    patient = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return kes_moj_report_check_incident_link (record, patient, error);
}

gboolean
kes_store_save_moj_record (KesStore       *self,
                           KesMojRecord   *record,
                           KesChangeKind   change,
                           const char     *reason,
                           GError        **error)
{
  const char *patient_id;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (record), FALSE);

  patient_id = kes_moj_record_get_patient_id (record);
  /* The permission first: whoever may not write learns nothing of the input. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error))
    return FALSE;
  /* Index offences have one home now, the legal status record; records of
   * their own stay only as history (migration 0017 moved them). */
  if (kes_moj_record_get_kind (record) == KES_MOJ_INDEX_OFFENCE)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Index offences are recorded in the legal status record: open it on the Legal & "
                             "MoJ tab and fill in “Index offence(s)”"));
      return FALSE;
    }
  if (!kes_store_check_patient_active (self, patient_id, _("The record names no patient"), error) ||
      !check_incident_link (self, record, error))
    return FALSE;
  return kes_store_write_moj_record (self, record, change, reason, error);
}

/* ---- MoJ records' KesRecordOps: one for every MoJ kind ---- */

static void
moj_identify (gpointer           record,
              KesRecordIdentity *identity)
{
  identity->kind = kes_moj_kind_to_string (kes_moj_record_get_kind (record));
  identity->id = kes_moj_record_get_id (record);
  identity->patient_id = kes_moj_record_get_patient_id (record);
  identity->revision = kes_moj_record_get_revision (record);
}

/* Validates and normalises a copy (kes_store_moj_prepare). */
static gpointer
moj_prepare (KesStore             *self,
             const KesRecordKind  *kind,
             gpointer              record,
             char                **json,
             GError              **error)
{
  return kes_store_moj_prepare (record, json, error);
}

static gboolean
moj_project (KesStore    *self,
             gpointer     record,
             const char  *json,
             GError     **error)
{
  return kes_store_project_moj_record (self, record, json, error);
}

/* The caller's record gets the normalised values with the new identity. */
static void
moj_hand_back (gpointer    record,
               gpointer    work,
               const char *json)
{
  kes_moj_record_load_json (record, json, NULL);
  kes_moj_record_set_identity (record, kes_moj_record_get_id (work), kes_moj_record_get_revision (work),
                               KES_RECORD_ACTIVE);
}

static const KesRecordOps moj_ops = {
  .get_type = kes_moj_record_get_type,
  .identify = moj_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_moj_record_set_identity,
  .prepare = moj_prepare,
  .project = moj_project,
  .hand_back = moj_hand_back,
};

static const KesRecordKind moj_record_kind = { "moj-record", NULL, TRUE, NULL, &moj_ops };

gboolean
kes_store_write_moj_record (KesStore       *self,
                            KesMojRecord   *record,
                            KesChangeKind   change,
                            const char     *reason,
                            GError        **error)
{
  return kes_store_write_record (self, &moj_record_kind, record, change, reason, error);
}

KesMojRecord *
kes_store_moj_record_from_row (KesDbStmt *stmt,
                               GError      **error)
{
  /* Columns: id, patient_id, kind, data, revision, state. */
  KesMojKind kind;
  g_autoptr(KesMojRecord) record = NULL;

  if (!kes_moj_kind_from_string (kes_store_column_text (stmt, 2), &kind))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT, _("A stored record has an unknown kind"));
      return NULL;
    }
  record = kes_moj_record_new (kind, kes_store_column_text (stmt, 1));
  if (!kes_moj_record_load_json (record, kes_store_column_text (stmt, 3), error))
    return NULL;
  kes_moj_record_set_identity (record, kes_store_column_text (stmt, 0), kes_db_column_int64 (stmt, 4),
                               g_str_equal (kes_store_column_text (stmt, 5), "active")
                                 ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
  return g_steal_pointer (&record);
}

KesMojRecord *
kes_store_load_moj_record (KesStore    *self,
                           const char  *record_id,
                           GError     **error)
{
  g_autoptr(KesMojRecord) record = NULL;
  g_autoptr(GError) local = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  stmt = kes_store_prepare (self,
    "SELECT m.id, m.patient_id, m.kind, m.data, r.revision, r.state "
    "FROM moj_record m JOIN record r ON r.id = m.id WHERE m.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    record = kes_store_moj_record_from_row (stmt, &local);
  kes_db_reset (stmt);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (record == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No record has the id %s"), record_id);
      return NULL;
    }
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, kes_moj_record_get_patient_id (record), error))
    return NULL;
  return g_steal_pointer (&record);
}

GPtrArray *
kes_store_moj_query (KesStore    *self,
                     const char  *patient_id,
                     KesMojKind   kind,
                     gboolean     include_errors,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare (self,
    "SELECT m.id, m.patient_id, m.kind, m.data, r.revision, r.state "
    "FROM moj_record m JOIN record r ON r.id = m.id "
    "WHERE m.patient_id = ?1 AND m.kind = ?2 AND (?3 OR r.state = 'active') "
    "ORDER BY m.sort_date DESC, r.created_at DESC, m.id", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_moj_kind_to_string (kind), -1, KES_DB_STATIC);
  kes_db_bind_int (stmt, 3, include_errors);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesMojRecord *record = kes_store_moj_record_from_row (stmt, error);
      if (record == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (records, record);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the restricted patient records"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

GListModel *
kes_store_list_moj_records (KesStore    *self,
                            const char  *patient_id,
                            KesMojKind   kind,
                            gboolean     include_errors,
                            GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_MOJ_RECORD);
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  records = kes_store_moj_query (self, patient_id, kind, include_errors, error);
  if (records == NULL)
    return NULL;
  if (!kes_store_audit_view (self, NULL, patient_id, kes_moj_kind_to_string (kind), error))
    return NULL;
  g_list_store_splice (list, 0, 0, records->pdata, records->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static KesMojRecord *
current_legal_status (KesStore    *self,
                      const char  *patient_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) records = kes_store_moj_query (self, patient_id, KES_MOJ_LEGAL_STATUS, FALSE, error);

  if (records == NULL || records->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (records, 0));
}

KesMojRecord *
kes_store_current_legal_status (KesStore    *self,
                                const char  *patient_id,
                                GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  return current_legal_status (self, patient_id, error);
}

/* Due dates answered by submitted routine reports written since @discharge. */
static GStrv
answered_due_dates (GPtrArray  *reports,
                    const char *discharge)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);
      const char *due = kes_moj_record_get_text (report, "due_date");

      if (!kes_moj_report_is_urgent (report) && kes_moj_report_is_submitted (report) &&
          g_strcmp0 (due, discharge) > 0)
        g_strv_builder_add (builder, due);
    }
  return g_strv_builder_end (builder);
}

static char *
next_due (KesStore      *self,
          const char    *patient_id,
          KesMojRecord  *status,
          GPtrArray    **reports_out,
          GError       **error)
{
  g_autoptr(GPtrArray) reports = NULL;
  g_auto(GStrv) answered = NULL;
  const char *discharge;

  if (!kes_legal_status_is_conditionally_discharged (status))
    return NULL;
  discharge = kes_moj_record_get_text (status, "conditional_discharge_date");
  reports = kes_store_moj_query (self, patient_id, KES_MOJ_REPORT, FALSE, error);
  if (reports == NULL)
    return NULL;
  answered = answered_due_dates (reports, discharge);
  if (reports_out != NULL)
    *reports_out = g_steal_pointer (&reports);
  return kes_moj_schedule_next_due (kes_moj_schedule_get_default (), discharge,
                                    (const char * const *) answered);
}

char *
kes_store_moj_next_due (KesStore    *self,
                        const char  *patient_id,
                        GError     **error)
{
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  status = current_legal_status (self, patient_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return next_due (self, patient_id, status, NULL, error);
}

gboolean
kes_store_moj_report_period (KesStore     *self,
                             const char   *patient_id,
                             const GDate  *today,
                             char        **from,
                             char        **to,
                             GError      **error)
{
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *start = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return FALSE;
  status = current_legal_status (self, patient_id, &local);
  reports = local == NULL ? kes_store_moj_query (self, patient_id, KES_MOJ_REPORT, FALSE, &local) : NULL;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (status != NULL)
    start = g_strdup (kes_moj_record_get_text (status, "conditional_discharge_date"));
  for (guint i = 0; i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);
      const char *end = kes_moj_record_get_text (report, "period_to");
      g_autoptr(GDate) after = NULL;

      if (!kes_moj_report_is_submitted (report) || *end == '\0' ||
          (start != NULL && g_strcmp0 (end, start) < 0))
        continue;
      after = kes_date_from_iso (end);
      if (after == NULL)
        continue;
      g_date_add_days (after, 1);
      g_free (start);
      start = kes_date_to_iso (after);
    }
  *from = start != NULL && *start != '\0' ? g_steal_pointer (&start) : NULL;
  *to = kes_date_to_iso (today);
  return TRUE;
}

/* ---- Signing and submission ---- */

gboolean
kes_store_set_moj_part_ready (KesStore      *self,
                              KesMojRecord  *report,
                              const char    *part_id,
                              gboolean       ready,
                              GError       **error)
{
  g_autoptr(KesMojRecord) copy = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_moj_record_get_patient_id (report), error))
    return FALSE;
  copy = kes_moj_record_copy (report);
  if (!kes_moj_report_set_part_ready (copy, part_id, ready, error) ||
      !kes_store_save_moj_record (self, copy, KES_CHANGE_EDIT, NULL, error))
    return FALSE;
  json = kes_moj_record_to_json (copy);
  kes_moj_record_set_identity (report, kes_moj_record_get_id (copy), kes_moj_record_get_revision (copy),
                               KES_RECORD_ACTIVE);
  return kes_moj_record_load_json (report, json, error);
}

gboolean
kes_store_sign_moj_report_part (KesStore      *self,
                                KesMojRecord  *report,
                                const char    *part_id,
                                const char    *password,
                                GError       **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesMojRecord) copy = NULL;
  g_autofree char *now = NULL;
  g_autofree char *json = NULL;
  const char *role;
  const char *named;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_moj_record_get_patient_id (report), error))
    return FALSE;
  patient = kes_store_load_patient (self, kes_moj_record_get_patient_id (report), error);
  if (patient == NULL)
    return FALSE;
  role = kes_moj_report_get_signer_role (report, part_id);
  if (g_str_equal (role, KES_MOJ_SIGNER_CLINICAL))
    named = kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID);
  else
    named = kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID);
  if (named == NULL || *named == '\0')
    {
      g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
                   g_str_equal (role, KES_MOJ_SIGNER_CLINICAL)
                     ? _("Part %s is signed by the clinical supervisor, and the record names none")
                     : _("Part %s is signed by the social supervisor, and the record names none"),
                   part_id);
      return FALSE;
    }
  if (!g_str_equal (named, kes_staff_get_id (self->actor)))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
                   g_str_equal (role, KES_MOJ_SIGNER_CLINICAL)
                     ? _("Part %s can only be signed by the patient’s clinical supervisor")
                     : _("Part %s can only be signed by the patient’s social supervisor"),
                   part_id);
      return FALSE;
    }

  /* Signing means the signer: the password again, checked like a sign-in. */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_moj_record_get_patient_id (report), error) ||
      !kes_store_confirm_password (self, password, error))
    return FALSE;
  copy = kes_moj_record_copy (report);
  now = kes_clock_now_iso ();
  if (!kes_moj_report_sign_part (copy, part_id, kes_staff_get_id (self->actor),
                                 kes_staff_get_display_name (self->actor), now, error) ||
      !kes_store_save_moj_record (self, copy, KES_CHANGE_EDIT, NULL, error))
    return FALSE;
  json = kes_moj_record_to_json (copy);
  kes_moj_record_set_identity (report, kes_moj_record_get_id (copy), kes_moj_record_get_revision (copy),
                               KES_RECORD_ACTIVE);
  return kes_moj_record_load_json (report, json, error);
}

gboolean
kes_store_submit_moj_report (KesStore      *self,
                             KesMojRecord  *report,
                             const char    *date,
                             const char    *method,
                             const char    *reference,
                             GError       **error)
{
  g_autoptr(KesMojRecord) copy = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_moj_record_get_patient_id (report), error))
    return FALSE;
  copy = kes_moj_record_copy (report);
  if (!kes_moj_report_submit (copy, date, method, reference, error) ||
      !kes_store_save_moj_record (self, copy, KES_CHANGE_EDIT, NULL, error))
    return FALSE;
  json = kes_moj_record_to_json (copy);
  kes_moj_record_set_identity (report, kes_moj_record_get_id (copy), kes_moj_record_get_revision (copy),
                               KES_RECORD_ACTIVE);
  return kes_moj_record_load_json (report, json, error);
}

/* ---- Import (kes-store-import-private.h) ---- */

gboolean
kes_store_project_moj_json (KesStore        *self,
                            const char      *kind,
                            const char      *id,
                            const char      *patient_id,
                            gint64           revision,
                            KesRecordState   state,
                            const char      *json,
                            GError         **error)
{
  g_autoptr(KesMojRecord) record = NULL;
  KesMojKind moj_kind;

  if (!kes_moj_kind_from_string (kind, &moj_kind))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("“%s” is not a kind of restricted patient record"),
                   kind);
      return FALSE;
    }
  record = kes_moj_record_new (moj_kind, patient_id);
  if (!kes_moj_record_load_json (record, json, error))
    return FALSE;
  kes_moj_record_set_identity (record, id, revision, state);

  return kes_store_project_moj_record (self, record, json, error);
}
