/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-community"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-care-record-links.h"
#include "kes-clock.h"
#include "kes-clozapine.h"
#include "kes-error.h"
#include "kes-medication-rules.h"
#include "kes-store-community-private.h"
#include "kes-store-community.h"
#include "kes-store-import-private.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"
#include "kes-validate.h"

/* Care in the community records: one projection table per kind, holding
 * the current revision's projected fields (record state stays in `record`). */

/* ---- Rules that need other records ---- */

/* A depot dose belongs to an active depot prescription of the same
 * patient; a drug that needs observing after each injection (olanzapine
 * pamoate, data) needs the hours observed to reach that, or a note why not. */
static gboolean
check_depot_dose (KesStore       *self,
                  KesCareRecord  *record,
                  GError        **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT x.patient_id, x.category, x.depot_drug FROM prescription x "
    "JOIN record r ON r.id = x.id AND r.state = 'active' WHERE x.id = ?1", error);
  g_autofree char *patient_id = NULL;
  g_autofree char *category = NULL;
  g_autofree char *drug = NULL;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_care_record_get (record, "prescription_id"), -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      patient_id = g_strdup (kes_store_column_text (stmt, 0));
      category = g_strdup (kes_store_column_text (stmt, 1));
      drug = g_strdup (kes_store_column_text (stmt, 2));
    }
  kes_db_reset (stmt);
  return kes_depot_dose_check_prescription (record, patient_id, category, drug, error);
}

/* One injection of a depot a day: a second dose recorded as given on the
 * same day for the same prescription is a double entry (or a double dose,
 * which the record must not make look normal). Checked inside the write's
 * transaction, so two people saving at once cannot both get in. */
static gboolean
check_duplicate_dose (KesStore       *self,
                      KesCareRecord  *draft,
                      GError        **error)
{
  KesDbStmt *stmt;
  gboolean taken;

  if (!g_str_equal (kes_care_record_get_kind (draft), KES_CARE_DEPOT_DOSE) ||
      !g_str_equal (kes_care_record_get (draft, "outcome"), "given"))
    return TRUE;
  stmt = kes_store_prepare (self,
    "SELECT 1 FROM depot_dose d JOIN record r ON r.id = d.id AND r.state = 'active' "
    "WHERE d.prescription_id = ?1 AND d.given_on = ?2 AND d.outcome = 'given' AND d.id IS NOT ?3", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_care_record_get (draft, "prescription_id"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_care_record_get (draft, "given_on"), -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 3, kes_care_record_get_id (draft));
  taken = kes_db_step (stmt) == KES_DB_ROW;
  kes_db_reset (stmt);
  return !taken || kes_depot_dose_refuse_second (draft, error);
}

/* A sharing names one of the patient's crisis plans, at a revision it has
 * had. */
static gboolean
check_plan_share (KesStore       *self,
                  KesCareRecord  *draft,
                  GError        **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT r.revision FROM record r WHERE r.id = ?1 AND r.kind = 'crisis-plan' AND r.state = 'active' "
    "AND r.patient_id = ?2", error);
  gint64 current = 0;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_care_record_get (draft, "plan_id"), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_care_record_get_patient_id (draft), -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    current = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  return kes_crisis_plan_share_check (draft, current, error);
}

KesCareRecord *
kes_store_share_crisis_plan (KesStore       *self,
                             KesCareRecord  *plan,
                             const char     *shared_with,
                             const char     *method,
                             const char     *note,
                             GError        **error)
{
  g_autoptr(KesCareRecord) share = kes_care_record_new (KES_CARE_CRISIS_PLAN_SHARE);
  g_autoptr(KesCareRecord) current = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *revision = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (KES_IS_CARE_RECORD (plan), NULL);
  g_return_val_if_fail (g_str_equal (kes_care_record_get_kind (plan), KES_CARE_CRISIS_PLAN), NULL);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_care_record_get_patient_id (plan), error))
    return NULL;

  /* The version sent is the one held now: a plan changed since it was
   * shown is not the one the reader saw. */
  current = kes_store_load_care_record (self, kes_care_record_get_id (plan), error);
  if (current == NULL)
    return NULL;
  if (kes_care_record_get_revision (current) != kes_care_record_get_revision (plan))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                           _("The crisis plan has been changed since it was shown: look at it again before "
                             "sharing it"));
      return NULL;
    }
  revision = g_strdup_printf ("%" G_GINT64_FORMAT, kes_care_record_get_revision (plan));
  kes_care_record_set_patient_id (share, kes_care_record_get_patient_id (plan));
  kes_care_record_set (share, "plan_id", kes_care_record_get_id (plan));
  kes_care_record_set (share, "plan_revision", revision);
  kes_care_record_set (share, "shared_with", shared_with);
  kes_care_record_set (share, "method", method);
  kes_care_record_set (share, "shared_on", today_iso);
  kes_care_record_set (share, "note", note);
  if (!kes_store_save_care_record (self, share, KES_CHANGE_CREATE, NULL, error))
    return NULL;
  return g_steal_pointer (&share);
}

/* The threshold set in force for @patient_id on @on ("standard" when none). */
static KesFbcThresholds
thresholds_on (KesStore   *self,
               const char *patient_id,
               const char *on)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT c.thresholds FROM clozapine_monitoring c JOIN record r ON r.id = c.id AND r.state = 'active' "
    "WHERE c.patient_id = ?1 AND c.decided_on <= ?2 ORDER BY c.decided_on DESC, r.created_at DESC LIMIT 1",
    NULL);
  KesFbcThresholds thresholds = KES_FBC_THRESHOLDS_STANDARD;

  if (stmt == NULL)
    return thresholds;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, on, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    kes_fbc_thresholds_parse (kes_store_column_text (stmt, 0), &thresholds);
  kes_db_reset (stmt);
  return thresholds;
}

KesFbcLight
kes_store_fbc_light (KesStore         *self,
                     KesCareRecord    *fbc,
                     KesFbcThresholds *thresholds)
{
  KesFbcThresholds set;
  double wbc = 0, anc = 0;

  g_return_val_if_fail (KES_IS_STORE (self), KES_FBC_RED);
  g_return_val_if_fail (KES_IS_CARE_RECORD (fbc), KES_FBC_RED);

  /* The patient's own thresholds are clinical content: without the right
   * to read it, the standard ones, nothing read. */
  if (kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, kes_care_record_get_patient_id (fbc), NULL))
    set = thresholds_on (self, kes_care_record_get_patient_id (fbc), kes_care_record_get (fbc, "taken_on"));
  else
    set = KES_FBC_THRESHOLDS_STANDARD;
  kes_care_record_get_number (fbc, "wbc", &wbc);
  kes_care_record_get_number (fbc, "neutrophils", &anc);
  if (thresholds != NULL)
    *thresholds = set;
  return kes_fbc_traffic_light (set, wbc, anc);
}

KesLithiumTarget
kes_store_lithium_target (KesStore   *self,
                          const char *patient_id,
                          const char *on_iso)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT l.target_range FROM lithium_plan l JOIN record r ON r.id = l.id AND r.state = 'active' "
    "WHERE l.patient_id = ?1 AND l.decided_on <= ?2 ORDER BY l.decided_on DESC, r.created_at DESC LIMIT 1",
    NULL);
  KesLithiumTarget target = KES_LITHIUM_TARGET_STANDARD;

  g_return_val_if_fail (KES_IS_STORE (self), target);
  /* The patient's plan is clinical content: the standard target for those
   * who may not read it. */
  if (stmt == NULL || patient_id == NULL || on_iso == NULL ||
      !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, NULL))
    return target;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, on_iso, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    kes_lithium_target_parse (kes_store_column_text (stmt, 0), &target);
  kes_db_reset (stmt);
  return target;
}

char *
kes_store_depot_drug_of (KesStore   *self,
                         const char *prescription_id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT depot_drug, patient_id FROM prescription WHERE id = ?1",
                                          NULL);
  g_autofree char *patient_id = NULL;
  g_autofree char *drug = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  if (stmt == NULL || prescription_id == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, prescription_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW && kes_db_column_type (stmt, 0) != KES_DB_NULL)
    {
      drug = g_strdup (kes_store_column_text (stmt, 0));
      patient_id = g_strdup (kes_store_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  /* A patient's medicine: only for those who may read their records. */
  if (drug == NULL || !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, NULL))
    return NULL;
  return g_steal_pointer (&drug);
}

/* Kestrel's BEN thresholds are not confirmed against any monitoring
 * service: for a patient on them, the service's own colour is required. */
static gboolean
check_fbc (KesStore       *self,
           KesCareRecord  *record,
           GError        **error)
{
  return kes_fbc_check_service_light (record, thresholds_on (self, kes_care_record_get_patient_id (record),
                                                           kes_care_record_get (record, "taken_on")),
                                      error);
}

/* The date of the standing not-to-be-re-challenged record, if any. */
static char *
no_rechallenge_since (KesStore   *self,
                      const char *patient_id,
                      const char *on)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT min (n.decided_on) FROM clozapine_no_rechallenge n "
    "JOIN record r ON r.id = n.id AND r.state = 'active' "
    "WHERE n.patient_id = ?1 AND n.decided_on <= ?2 AND (n.lifted_on IS NULL OR n.lifted_on > ?2)", NULL);
  char *since = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, on, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW && kes_db_column_type (stmt, 0) != KES_DB_NULL)
    since = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return since;
}

/* A clozapine course starting while a not-to-be-re-challenged record
 * stands needs a clinician's reason; *@overridden says one was used. */
static gboolean
check_clozapine_course (KesStore       *self,
                        KesCareRecord  *record,
                        gboolean       *overridden,
                        GError        **error)
{
  g_autofree char *since = NULL;

  if (!g_str_equal (kes_care_record_get (record, "category"), "clozapine"))
    return TRUE;
  since = no_rechallenge_since (self, kes_care_record_get_patient_id (record),
                                kes_care_record_get (record, "start_date"));
  return kes_clozapine_course_check (record, since, overridden, error);
}

static gboolean
check_with_records (KesStore       *self,
                    KesCareRecord  *draft,
                    gboolean       *overridden,
                    GError        **error)
{
  const char *kind = kes_care_record_get_kind (draft);

  if (g_str_equal (kind, KES_CARE_DEPOT_DOSE))
    return check_depot_dose (self, draft, error);
  if (g_str_equal (kind, KES_CARE_FBC))
    return check_fbc (self, draft, error);
  if (g_str_equal (kind, KES_CARE_PRESCRIPTION))
    return check_clozapine_course (self, draft, overridden, error);
  if (g_str_equal (kind, KES_CARE_CRISIS_PLAN_SHARE))
    return check_plan_share (self, draft, error);
  return TRUE;
}

static void
bind_value (KesDbStmt          *stmt,
            int                 index,
            KesCareRecord      *record,
            const KesCareField *field)
{
  double number;

  if (field->type == KES_CARE_FIELD_NUMBER)
    {
      if (kes_care_record_get_number (record, field->key, &number))
        kes_db_bind_double (stmt, index, number);
      else
        kes_db_bind_null (stmt, index);
    }
  else if (field->type == KES_CARE_FIELD_BOOL)
    kes_db_bind_int (stmt, index, kes_care_record_get_bool (record, field->key));
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
      /* Under the standard thresholds, for queries and reports; monitoring
       * judges each result on the patient's own set and the service's colour. */
      g_ptr_array_add (values, g_strdup (kes_fbc_light_to_string (
        kes_fbc_traffic_light (KES_FBC_THRESHOLDS_STANDARD, wbc, anc))));
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
  KesDbStmt *stmt;
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
  kes_db_bind_text (stmt, index++, kes_care_record_get_id (record), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, index++, kes_care_record_get_patient_id (record), -1, KES_DB_COPY);
  for (guint i = 0; fields[i].key != NULL; i++)
    if (fields[i].projected)
      bind_value (stmt, index++, record, &fields[i]);
  for (guint i = 0; i < derived->len; i++)
    kes_store_bind_text (stmt, index++, g_ptr_array_index (derived, i));
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the care record"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
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

/* ---- Care records' KesRecordOps: one for every community kind ---- */

/* Set on the working copy when a clozapine re-challenge goes ahead despite
 * a not-to-be-re-challenged record, for after_write to log. */
#define OVERRIDDEN_KEY "kes-care-record-overridden"

static void
care_identify (gpointer           record,
               KesRecordIdentity *identity)
{
  identity->kind = kes_care_record_get_kind (record);
  identity->id = kes_care_record_get_id (record);
  identity->patient_id = kes_care_record_get_patient_id (record);
  identity->revision = kes_care_record_get_revision (record);
}

/* Validates a copy (kes_store_care_record_prepare), then checks it against
 * the patient's other records. */
static gpointer
care_prepare (KesStore             *self,
              const KesRecordKind  *kind,
              gpointer              record,
              char                **json,
              GError              **error)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesCareRecord) draft = kes_store_care_record_prepare (record, today, json, error);
  gboolean overridden = FALSE;

  if (draft == NULL || !check_with_records (self, draft, &overridden, error))
    return NULL;
  g_object_set_data (G_OBJECT (draft), OVERRIDDEN_KEY, GINT_TO_POINTER (overridden));
  return g_steal_pointer (&draft);
}

static gboolean
care_before_write (KesStore  *self,
                   gpointer   draft,
                   GError   **error)
{
  return check_duplicate_dose (self, draft, error);
}

static gboolean
care_project (KesStore    *self,
              gpointer     draft,
              const char  *json,
              GError     **error)
{
  return kes_store_project_care_record (self, draft, error);
}

/* The override is logged on its own, so the access log shows it without
 * opening the revision. */
static gboolean
care_after_write (KesStore  *self,
                  gpointer   draft,
                  GError   **error)
{
  if (!GPOINTER_TO_INT (g_object_get_data (draft, OVERRIDDEN_KEY)))
    return TRUE;
  return kes_store_audit_append (self, KES_AUDIT_OVERRIDE, kes_care_record_get_id (draft),
                                 kes_care_record_get_patient_id (draft),
                                 "clozapine re-challenge despite not-to-be-re-challenged record", error);
}

/* Hands back the normalised values with the new identity. */
static void
care_hand_back (gpointer    record,
                gpointer    draft,
                const char *json)
{
  kes_care_record_load_json (record, json, NULL);
  kes_care_record_set_identity (record, kes_care_record_get_id (draft), kes_care_record_get_revision (draft),
                                KES_RECORD_ACTIVE);
}

static const KesRecordOps care_ops = {
  .get_type = kes_care_record_get_type,
  .identify = care_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_care_record_set_identity,
  .prepare = care_prepare,
  .before_write = care_before_write,
  .project = care_project,
  .after_write = care_after_write,
  .hand_back = care_hand_back,
};

static const KesRecordKind care_kind = { "care-record", NULL, TRUE, NULL, &care_ops };

gboolean
kes_store_save_care_record (KesStore       *self,
                            KesCareRecord  *record,
                            KesChangeKind   change,
                            const char     *reason,
                            GError        **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_CARE_RECORD (record), FALSE);

  return kes_store_save_record (self, &care_kind, record, change, reason, error);
}

KesCareRecord *
kes_store_care_record_from_row (KesDbStmt *stmt,
                                const char   *kind)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);

  if (!kes_care_record_load_json (record, kes_store_column_text (stmt, 3), NULL))
    return NULL;
  kes_care_record_set_identity (record, kes_store_column_text (stmt, 0),
                                kes_db_column_int64 (stmt, 1),
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
  KesDbStmt *stmt;
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
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, include_errors);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesCareRecord) record = kes_store_care_record_from_row (stmt, kind);
      if (record != NULL)
        g_list_store_append (list, record);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
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
  KesDbStmt *stmt;

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
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    record = kes_store_care_record_from_row (stmt, kind);
  kes_db_reset (stmt);
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
