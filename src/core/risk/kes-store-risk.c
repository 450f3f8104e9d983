/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-risk"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-store-import-private.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"
#include "kes-store-risk-private.h"
#include "kes-store-risk.h"
#include "kes-validate.h"

/* Structured risk assessments (record kind "risk-assessment", projection
 * table risk_assessment) and the tool definitions an administrator
 * imported (table tool_definition). */

#define KIND "risk-assessment"

/* ---- Tool definitions ---- */

gboolean
kes_store_add_tool_definition (KesStore    *self,
                               const char  *tool_id,
                               const char  *version,
                               guint        def_version,
                               const char  *title,
                               GBytes      *xml,
                               GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *now = NULL;
  KesDbStmt *stmt;
  gsize length;
  const char *data;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (tool_id != NULL && version != NULL && xml != NULL, FALSE);

  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR,
                           _("Sign in before importing a tool definition"));
      return FALSE;
    }
  if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return FALSE;

  data = g_bytes_get_data (xml, &length);
  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The tool definition is not UTF-8 text"));
      return FALSE;
    }
  text = g_strndup (data, length);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, xml);
  now = kes_clock_now_iso ();

  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "INSERT INTO tool_definition (tool_id, version, def_version, title, xml, sha256, imported_at, "
    "imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  kes_db_bind_text (stmt, 1, tool_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, version, -1, KES_DB_COPY);
  kes_db_bind_int64 (stmt, 3, def_version);
  kes_db_bind_text (stmt, 4, title != NULL ? title : tool_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, text, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 6, sha, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 7, now, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 8, kes_staff_get_id (self->actor), -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not store the tool definition"));
      kes_store_rollback_to (self);
      return FALSE;
    }
  if (kes_db_changes (self->db) == 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   _("A definition of %s version %s, definition version %u, is already held: "
                     "a changed definition needs a new definition version"),
                   tool_id, version, def_version);
      kes_store_rollback_to (self);
      return FALSE;
    }
  {
    g_autofree char *summary = g_strdup_printf ("tool definition %s %s #%u", tool_id, version,
                                                def_version);

    if (!kes_store_audit_append (self, "import-tool-definition", NULL, NULL, summary, error))
      {
        kes_store_rollback_to (self);
        return FALSE;
      }
  }
  return kes_store_release (self, error);
}

gboolean
kes_store_sign_off_risk_assessment (KesStore           *self,
                                    KesRiskAssessment  *assessment,
                                    const char         *reason,
                                    const char         *password,
                                    GError            **error)
{
  KesRiskStatus before;
  gboolean saved;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, kes_risk_assessment_get_patient_id (assessment),
                          error) ||
      !kes_store_confirm_password (self, password, error))
    return FALSE;
  before = kes_risk_assessment_get_status (assessment);
  kes_risk_assessment_set_status (assessment, KES_RISK_STATUS_COMPLETED);
  self->signing = TRUE;
  saved = kes_store_save_risk_assessment (self, assessment, reason, error);
  self->signing = FALSE;
  if (!saved)
    kes_risk_assessment_set_status (assessment, before);
  return saved;
}

GPtrArray *
kes_store_list_tool_definitions (KesStore  *self,
                                 GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;

  stmt = kes_store_prepare (self, "SELECT xml FROM tool_definition ORDER BY imported_at, rowid",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (list, g_bytes_new (kes_db_column_text (stmt, 0),
                                        (gsize) kes_db_column_bytes (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the tool definitions"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- Assessments ---- */

/* The stored status and definition of an existing assessment. */
static gboolean
load_stored (KesStore    *self,
             const char  *id,
             char       **status,
             char       **definition,
             GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT status, tool_id || ' ' || tool_version || ' #' || def_version "
    "FROM risk_assessment WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      *status = g_strdup (kes_store_column_text (stmt, 0));
      *definition = g_strdup (kes_store_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No risk assessment has the id %s"), id);
      return FALSE;
    }
  return TRUE;
}

/* Every column is written, state too: `verify` rebuilds the table with
 * this into a copy that has no column defaults, so a column left to its
 * default would read as tampered with. */
static gboolean
project (KesStore           *self,
         KesRiskAssessment  *a,
         GError            **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO risk_assessment (id, patient_id, tool_id, tool_version, def_version, status, "
    "assessed_on, completed_by, supervised_by, mdt_reviewed_on, next_review_on, state) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
    "ON CONFLICT (id) DO UPDATE SET status = ?6, assessed_on = ?7, completed_by = ?8, "
    "supervised_by = ?9, mdt_reviewed_on = ?10, next_review_on = ?11, state = ?12", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_risk_assessment_get_id (a), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_risk_assessment_get_patient_id (a), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_risk_assessment_get_tool_id (a), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_risk_assessment_get_tool_version (a), -1, KES_DB_COPY);
  kes_db_bind_int64 (stmt, 5, kes_risk_assessment_get_def_version (a));
  kes_db_bind_text (stmt, 6, kes_risk_assessment_get_status (a) == KES_RISK_STATUS_COMPLETED
                                ? "completed" : "draft", -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 7, kes_risk_assessment_get_assessed_on (a), -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 8, kes_risk_assessment_get_completed_by (a));
  kes_store_bind_text (stmt, 9, kes_risk_assessment_get_supervised_by (a));
  kes_store_bind_text (stmt, 10, kes_risk_assessment_get_mdt_reviewed_on (a));
  kes_store_bind_text (stmt, 11, kes_risk_assessment_get_next_review_on (a));
  kes_db_bind_text (stmt, 12, kes_risk_assessment_get_state (a) == KES_RECORD_ENTERED_IN_ERROR
                                ? "entered-in-error" : "active", -1, KES_DB_STATIC);
  rc = kes_db_step (stmt);
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the list of risk assessments"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Risk assessments' KesRecordOps ---- */

static void
risk_identify (gpointer           record,
               KesRecordIdentity *identity)
{
  identity->id = kes_risk_assessment_get_id (record);
  identity->patient_id = kes_risk_assessment_get_patient_id (record);
  identity->revision = kes_risk_assessment_get_revision (record);
}

/* kes_store_save_risk_assessment() checked the working copy (sign-off,
 * definition, what a revision of a completed one needs) and chose the
 * kind of change from what is stored. */
static gpointer
risk_prepare (KesStore             *self,
              const KesRecordKind  *kind,
              gpointer              record,
              char                **json,
              GError              **error)
{
  *json = kes_risk_assessment_to_json (record);
  return g_object_ref (record);
}

static gboolean
risk_project (KesStore    *self,
              gpointer     record,
              const char  *json,
              GError     **error)
{
  return project (self, record, error);
}

static const KesRecordOps risk_ops = {
  .get_type = kes_risk_assessment_get_type,
  .identify = risk_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_risk_assessment_set_identity,
  .prepare = risk_prepare,
  .project = risk_project,
};

static const KesRecordKind risk_kind = { KIND, "risk_assessment", TRUE, NULL, &risk_ops };

gboolean
kes_store_save_risk_assessment (KesStore           *self,
                                KesRiskAssessment  *assessment,
                                const char         *reason,
                                GError            **error)
{
  g_autofree char *id = NULL;
  g_autofree char *stored_status = NULL;
  g_autofree char *stored_definition = NULL;
  g_autofree char *definition = NULL;
  g_autoptr(KesRiskAssessment) work = NULL;
  const char *patient_id;
  KesChangeKind change = KES_CHANGE_CREATE;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), FALSE);

  patient_id = kes_risk_assessment_get_patient_id (assessment);
  if (!kes_store_check_patient_active (self, patient_id,
                                       _("A risk assessment must belong to a patient"), error) ||
      !kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error))
    return FALSE;

  /* Work on a copy, so a refused save leaves the caller's object as typed. */
  work = kes_risk_assessment_copy (assessment);
  if (kes_risk_assessment_get_assessed_on (work) == NULL)
    {
      g_autoptr(GDate) today = kes_clock_today ();
      g_autofree char *iso = kes_date_to_iso (today);

      kes_risk_assessment_set_assessed_on (work, iso);
    }
  if (kes_risk_assessment_get_status (work) == KES_RISK_STATUS_COMPLETED)
    {
      g_autoptr(GPtrArray) issues = kes_risk_assessment_validate_sign_off (work);

      if (!kes_issues_to_error (issues, error))
        return FALSE;
      /* A completed assessment is signed off: only through the sign-off,
       * with the password typed again. */
      if (!self->signing)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                               _("Completing an assessment signs it off, which asks for your password: "
                                 "use Complete and Sign Off"));
          return FALSE;
        }
    }

  id = g_strdup (kes_risk_assessment_get_id (work));
  definition = g_strdup_printf ("%s %s #%u", kes_risk_assessment_get_tool_id (work),
                                kes_risk_assessment_get_tool_version (work),
                                kes_risk_assessment_get_def_version (work));
  if (id != NULL)
    {
      if (!load_stored (self, id, &stored_status, &stored_definition, error))
        return FALSE;
      if (!g_str_equal (stored_definition, definition))
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("This assessment was written with %s and cannot move to %s: start a new "
                         "assessment with the new definition"), stored_definition, definition);
          return FALSE;
        }
      change = KES_CHANGE_EDIT;
      if (g_str_equal (stored_status, "completed"))
        {
          if (kes_risk_assessment_get_status (work) != KES_RISK_STATUS_COMPLETED)
            {
              g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                                   _("A completed assessment cannot go back to draft: revise it "
                                     "with a reason, or start a new assessment"));
              return FALSE;
            }
          if (kes_text_is_blank (reason))
            {
              g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                                   _("Reason for change: this assessment was completed and signed "
                                     "off; say why it is being revised"));
              return FALSE;
            }
          change = KES_CHANGE_CORRECTION;
        }
    }

  if (!kes_store_save_record (self, &risk_kind, work, change, change == KES_CHANGE_CREATE ? NULL : reason,
                              error))
    return FALSE;
  kes_risk_assessment_set_identity (assessment, kes_risk_assessment_get_id (work),
                                    kes_risk_assessment_get_revision (work), KES_RECORD_ACTIVE);
  kes_risk_assessment_set_assessed_on (assessment, kes_risk_assessment_get_assessed_on (work));
  return TRUE;
}

static KesRiskAssessment *
from_row (KesDbStmt     *stmt,
          GError       **error)
{
  /* id, revision, state, data, author */
  KesRiskAssessment *a = kes_risk_assessment_new_from_json (kes_store_column_text (stmt, 3), error);

  if (a == NULL)
    return NULL;
  kes_risk_assessment_set_identity (a, kes_store_column_text (stmt, 0), kes_db_column_int64 (stmt, 1),
                                    g_str_equal (kes_store_column_text (stmt, 2), "active")
                                      ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
  kes_risk_assessment_set_author_name (a, kes_store_column_text (stmt, 4));
  return a;
}

KesRiskAssessment *
kes_store_load_risk_assessment (KesStore    *self,
                                const char  *id,
                                GError     **error)
{
  g_autoptr(KesRiskAssessment) a = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kes_store_prepare (self,
    "SELECT r.id, r.revision, r.state, v.data, s.display_name, r.patient_id "
    "FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by WHERE r.id = ? AND r.kind = '" KIND "'", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      g_autofree char *patient_id = g_strdup (kes_store_column_text (stmt, 5));

      a = from_row (stmt, error);
      kes_db_reset (stmt);
      if (a == NULL ||
          !kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error) ||
          !kes_store_audit_view (self, id, patient_id, KIND, error))
        return NULL;
      return g_steal_pointer (&a);
    }
  kes_db_reset (stmt);
  if (rc == KES_DB_DONE)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No risk assessment has the id %s"), id);
  else
    kes_store_set_db_error (self, error, _("Could not read the risk assessment"));
  return NULL;
}

GListModel *
kes_store_list_risk_assessments (KesStore    *self,
                                 const char  *patient_id,
                                 gboolean     include_errors,
                                 GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_RISK_ASSESSMENT);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT r.id, r.revision, r.state, v.data, s.display_name "
    "FROM risk_assessment a JOIN record r ON r.id = a.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by "
    "WHERE a.patient_id = ?1 AND (?2 OR r.state = 'active') "
    "ORDER BY a.assessed_on DESC, r.created_at DESC, r.id", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, include_errors);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesRiskAssessment) a = from_row (stmt, error);

      if (a == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_list_store_append (list, a);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the risk assessments"));
      return NULL;
    }
  if (!kes_store_audit_view (self, NULL, patient_id, "risk-assessments", error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* ---- Today ---- */

/* The next review of each tool's latest completed assessment, per patient.
 * A later completed assessment of the same tool supersedes the earlier one's
 * review date; a draft does not. */
gboolean
kes_store_due_risk_reviews (KesStore     *self,
                            const GDate  *today,
                            const char   *team_id,
                            GPtrArray    *items,
                            GError      **error)
{
  /* The tool by its short name ("HCR-20"), the patient by name as
   * everywhere else ("CURLEW, Zoë"). */
  KesDbStmt *stmt = kes_store_prepare_for_team (self,
    "SELECT a.id, a.patient_id, a.tool_id, a.next_review_on, "
    "p.family_name, p.team_id, p.given_name, p.preferred_name "
    "FROM risk_assessment a JOIN record r ON r.id = a.id AND r.state = 'active' "
    "JOIN record pr ON pr.id = a.patient_id AND pr.state = 'active' "
    "JOIN patient p ON p.id = a.patient_id "
    "WHERE a.status = 'completed' AND a.next_review_on IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM risk_assessment b JOIN record rb ON rb.id = b.id "
    "  AND rb.state = 'active' WHERE b.patient_id = a.patient_id AND b.tool_id = a.tool_id "
    "  AND b.status = 'completed' AND (b.assessed_on > a.assessed_on "
    "  OR (b.assessed_on = a.assessed_on AND b.id > a.id))) %s", team_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *due = kes_store_column_text (stmt, 3);
      g_autofree char *title = NULL;
      g_autofree char *name = NULL;
      KesDueUrgency urgency;

      if (!kes_due_urgency_for_date (due, today, KES_RISK_REVIEW_WARNING_DAYS, &urgency))
        continue;
      name = kes_patient_format_display_name (kes_store_column_text (stmt, 4), kes_store_column_text (stmt, 6),
                                              kes_store_column_text (stmt, 7));
      /* Translators: %s is a tool, "HCR-20" */
      title = g_strdup_printf (_("%s review"), kes_store_column_text (stmt, 2));
      g_ptr_array_add (items, kes_due_item_new ("risk-review", urgency, due,
                                                kes_store_column_text (stmt, 1), name,
                                                (const char *) kes_db_column_text (stmt, 5),
                                                title, _("Structured risk assessment review due"),
                                                "patient/risk", kes_store_column_text (stmt, 0)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the risk reviews due"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Import (kes-store-import-private.h) ---- */

gboolean
kes_store_project_risk_json (KesStore        *self,
                             const char      *id,
                             gint64           revision,
                             KesRecordState   state,
                             const char      *json,
                             GError         **error)
{
  g_autoptr(KesRiskAssessment) assessment = kes_risk_assessment_new_from_json (json, error);

  if (assessment == NULL)
    return FALSE;
  kes_risk_assessment_set_identity (assessment, id, revision, state);

  return project (self, assessment, error);
}
