/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-carers"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-carer-capacity.h"
#include "kes-carer-rules.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-store-due-private.h"
#include "kes-store-field-records-private.h"

/* Carers in the store: permissions and rules, then the generic field-record
 * writer. Today's providers for consent and carer's assessment reviews. */

#define REVIEW_WARNING_DAYS 14

static const KesRecordKind *carer_kinds[] = {
  &kes_carer_kind, &kes_carer_link_kind, &kes_carer_consent_kind, &kes_carer_share_kind,
  &kes_carer_assessment_kind, &kes_carer_involvement_kind,
};

static gboolean
is_carer_kind (const KesRecordKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (carer_kinds); i++)
    if (carer_kinds[i] == kind)
      return TRUE;
  return FALSE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}

static char *
today_iso (void)
{
  g_autoptr(GDate) today = kes_clock_today ();
  return kes_date_to_iso (today);
}

static gboolean
check_carer_exists (KesStore        *self,
                    KesFieldRecord  *record,
                    GError         **error)
{
  g_autoptr(KesFieldRecord) carer = NULL;
  const char *carer_id = kes_field_record_get_text (record, "carer_id");

  carer = kes_store_read_field_record (self, &kes_carer_kind, carer_id, NULL);
  if (carer == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No carer has the id %s"), carer_id);
      return FALSE;
    }
  if (kes_field_record_get_state (carer) != KES_RECORD_ACTIVE)
    return invalid (error, _("This carer’s record was marked as entered in error"));
  return TRUE;
}

/* Another active record of @kind for the same patient–carer pair, or NULL. */
static char *
find_pair_record (KesStore            *self,
                  const KesRecordKind *kind,
                  const char          *patient_id,
                  const char          *carer_id,
                  const char          *extra_condition)
{
  g_autofree char *sql = g_strdup_printf ("SELECT t.id FROM %s t CROSS JOIN record r ON r.id = t.id "
                                          "WHERE t.patient_id = ?1 AND t.carer_id = ?2 "
                                          "AND r.state = 'active' %s LIMIT 1",
                                          kind->table, extra_condition);
  KesDbStmt *stmt = kes_store_prepare (self, g_intern_string (sql), NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, carer_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return id;
}

static gboolean
check_consent (KesStore        *self,
               KesFieldRecord  *consent,
               GError         **error)
{
  const char *status = kes_field_record_get_text (consent, "status");
  g_auto(GStrv) scope = kes_field_record_dup_list (consent, "scope");
  g_autofree char *other = NULL;

  /* Refused or withdrawn consent covers nothing: a scope left over from
   * an earlier "given" must not linger in the record. */
  if (!g_str_equal (status, "given") && !g_str_equal (status, "best-interests") && scope[0] != NULL)
    kes_field_record_set_list (consent, "scope", NULL);

  if (*kes_field_record_get_text (consent, "recorded_by") == '\0' && kes_store_get_actor (self) != NULL)
    kes_field_record_set_text (consent, "recorded_by", kes_staff_get_id (kes_store_get_actor (self)));

  other = find_pair_record (self, &kes_carer_consent_kind, kes_field_record_get_patient_id (consent),
                            kes_field_record_get_text (consent, "carer_id"), "");
  if (other != NULL && g_strcmp0 (other, kes_field_record_get_id (consent)) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                           _("Consent to share with this carer is already recorded: change that "
                             "record so its history stays in one place"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_share (KesStore        *self,
             KesFieldRecord  *share,
             GError         **error)
{
  g_autoptr(KesFieldRecord) consent = NULL;
  g_auto(GStrv) categories = kes_field_record_dup_list (share, "categories");
  g_autoptr(GError) local_error = NULL;
  gboolean needs_consent = FALSE;

  if (kes_field_record_get_id (share) != NULL)
    return invalid (error, _("The information-sharing log can’t be changed: mark a wrong entry as "
                             "entered in error and log what was shared again"));
  consent = kes_store_find_carer_consent (self, kes_field_record_get_patient_id (share),
                                          kes_field_record_get_text (share, "carer_id"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; categories[i] != NULL; i++)
    {
      KesShareDecision decision = kes_carer_share_decision (consent, categories[i]);

      if (!kes_share_decision_allows (decision))
        {
          g_autofree char *why = kes_carer_share_explain (consent, categories[i]);
          g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION, _("Not shared: %s"), why);
          return FALSE;
        }
      needs_consent = needs_consent || decision == KES_SHARE_CONSENTED;
    }

  if (needs_consent)
    {
      g_autofree char *revision = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                   kes_field_record_get_revision (consent));
      /* A best-interests decision is the basis, not consent (MCA 2005 s4). */
      kes_field_record_set_text (share, "basis",
                                 g_str_equal (kes_field_record_get_text (consent, "status"), "best-interests")
                                   ? "best-interests" : "consent");
      kes_field_record_set_text (share, "consent_id", kes_field_record_get_id (consent));
      kes_field_record_set_text (share, "consent_revision", revision);
    }
  else
    {
      kes_field_record_set_text (share, "basis", "general");
      kes_field_record_set_text (share, "consent_id", NULL);
      kes_field_record_set_text (share, "consent_revision", NULL);
    }
  if (kes_store_get_actor (self) != NULL)
    kes_field_record_set_text (share, "shared_by", kes_staff_get_id (kes_store_get_actor (self)));
  return TRUE;
}

/* Whether the assessment meets the eligibility criteria (Care Act 2014
 * s13), set from the answers each time it is saved. */
static void
set_eligibility (KesFieldRecord *assessment)
{
  kes_field_record_set_bool (assessment, "eligible",
                             g_str_equal (kes_field_record_get_text (assessment, "status"), "completed") &&
                             kes_carer_assessment_is_eligible (assessment));
}

gboolean
kes_store_save_carer_record (KesStore        *self,
                             KesFieldRecord  *record,
                             KesChangeKind    change,
                             const char      *reason,
                             GError         **error)
{
  const KesRecordKind *kind;
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (record), FALSE);
  kind = kes_field_record_get_kind (record);
  g_return_val_if_fail (is_carer_kind (kind), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CARERS, kes_field_record_get_patient_id (record),
                          error))
    return FALSE;
  /* Field checks first, so the rules below see normalised dates. */
  issues = kes_field_record_check (record);
  if (!kes_issues_to_error (issues, error))
    return FALSE;
  if (kind != &kes_carer_kind && !check_carer_exists (self, record, error))
    return FALSE;
  today = today_iso ();
  if (!kes_carer_record_check_rules (record, today, error))
    return FALSE;

  if (kind == &kes_carer_link_kind)
    {
      g_autofree char *other = find_pair_record (self, kind, kes_field_record_get_patient_id (record),
                                                 kes_field_record_get_text (record, "carer_id"),
                                                 "AND t.ended_on IS NULL");
      if (other != NULL && g_strcmp0 (other, kes_field_record_get_id (record)) != 0)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                               _("This carer is already linked to this patient"));
          return FALSE;
        }
    }
  else if (kind == &kes_carer_consent_kind && !check_consent (self, record, error))
    return FALSE;
  else if (kind == &kes_carer_share_kind && !check_share (self, record, error))
    return FALSE;
  else if (kind == &kes_carer_assessment_kind)
    set_eligibility (record);
  /* A change to an assessment takes its sign-off away: only
   * kes_store_sign_carer_assessment() signs, with the password. */
  if (kind == &kes_carer_assessment_kind && !self->signing)
    for (const char * const *key = (const char * const[]) { "signed_by", "signed_role", "signed_at", NULL };
         *key != NULL; key++)
      kes_field_record_set_text (record, *key, NULL);

  return kes_store_write_field_record (self, record, change, reason, error);
}

gboolean
kes_store_sign_carer_assessment (KesStore        *self,
                                 KesFieldRecord  *assessment,
                                 const char      *password,
                                 GError         **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *role = NULL;
  KesStaff *actor;
  gboolean saved;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_FIELD_RECORD (assessment), FALSE);
  g_return_val_if_fail (kes_field_record_get_kind (assessment) == &kes_carer_assessment_kind, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CARERS, kes_field_record_get_patient_id (assessment), error))
    return FALSE;
  if (!g_str_equal (kes_field_record_get_text (assessment, "status"), "completed"))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Only a completed carer’s assessment can be signed off"));
      return FALSE;
    }
  if (!kes_store_confirm_password (self, password, error))
    return FALSE;
  actor = kes_store_get_actor (self);
  role = kes_store_signer_role (self);
  kes_field_record_set_text (assessment, "signed_by", kes_staff_get_id (actor));
  kes_field_record_set_text (assessment, "signed_role", role);
  kes_field_record_set_text (assessment, "signed_at", now);
  self->signing = TRUE;
  saved = kes_store_save_carer_record (self, assessment, KES_CHANGE_EDIT, NULL, error);
  self->signing = FALSE;
  return saved;
}

KesFieldRecord *
kes_store_load_carer_record (KesStore            *self,
                             const KesRecordKind *kind,
                             const char          *id,
                             GError             **error)
{
  g_autoptr(KesFieldRecord) record = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (is_carer_kind (kind), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CARERS, NULL, error))
    return NULL;
  record = kes_store_read_field_record (self, kind, id, error);
  if (record == NULL)
    return NULL;
  if (!kes_store_audit_view (self, id, kes_field_record_get_patient_id (record), kind->name, error))
    return NULL;
  return g_steal_pointer (&record);
}

GPtrArray *
kes_store_list_carers (KesStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CARERS, NULL, error))
    return NULL;
  return kes_store_query_field_records (self, &kes_carer_kind,
                                        "SELECT c.id FROM carer c CROSS JOIN record r ON r.id = c.id "
                                        "WHERE r.state = 'active' ORDER BY c.name COLLATE NOCASE, c.id",
                                        NULL, NULL, error);
}

static const char *
newest_first_column (const KesRecordKind *kind)
{
  if (kind == &kes_carer_consent_kind)
    return "decided_on";
  if (kind == &kes_carer_share_kind)
    return "shared_on";
  if (kind == &kes_carer_assessment_kind)
    return "offered_on";
  if (kind == &kes_carer_involvement_kind)
    return "occurred_on";
  return "relationship";
}

GPtrArray *
kes_store_list_carer_records (KesStore            *self,
                              const KesRecordKind *kind,
                              const char          *carer_id,
                              const char          *patient_id,
                              GError             **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) records = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (is_carer_kind (kind) && kind != &kes_carer_kind, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CARERS, patient_id, error))
    return NULL;
  sql = g_strdup_printf ("SELECT t.id FROM %s t CROSS JOIN record r ON r.id = t.id "
                         "WHERE r.state = 'active' AND (?1 IS NULL OR t.carer_id = ?1) "
                         "AND (?2 IS NULL OR t.patient_id = ?2) "
                         "ORDER BY t.%s %s, r.created_at DESC, t.id",
                         kind->table, newest_first_column (kind),
                         kind == &kes_carer_link_kind ? "ASC" : "DESC");
  records = kes_store_query_field_records (self, kind, sql, carer_id, patient_id, error);
  if (records == NULL)
    return NULL;
  if (patient_id != NULL && !kes_store_audit_view (self, NULL, patient_id, kind->name, error))
    return NULL;
  return g_steal_pointer (&records);
}

KesFieldRecord *
kes_store_find_carer_consent (KesStore    *self,
                              const char  *patient_id,
                              const char  *carer_id,
                              GError     **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL && carer_id != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CARERS, patient_id, error))
    return NULL;
  id = find_pair_record (self, &kes_carer_consent_kind, patient_id, carer_id, "");
  if (id == NULL)
    return NULL;
  return kes_store_read_field_record (self, &kes_carer_consent_kind, id, error);
}

/* ---- Today ---- */

static char *
patient_name (KesDbStmt *stmt,
              int           first_column)
{
  if (kes_db_column_type (stmt, first_column) == KES_DB_NULL)
    return g_strdup ("");
  return kes_patient_format_display_name (kes_store_column_text (stmt, first_column),
                                          kes_store_column_text (stmt, first_column + 1),
                                          kes_store_column_text (stmt, first_column + 2));
}

gboolean
kes_store_carer_reviews_due (KesStore     *self,
                             const GDate  *today,
                             const char   *team_id,
                             GPtrArray    *items,
                             GError      **error)
{
  KesDbStmt *stmt;
  int rc;

  /* Consent given, with a review date; the patient and the carer active. */
  stmt = kes_store_prepare_for_team (self,
    "SELECT k.id, k.review_date, k.patient_id, p.family_name, p.given_name, p.preferred_name, "
    "p.team_id, c.name FROM carer_consent k CROSS JOIN record r ON r.id = k.id "
    "JOIN patient p ON p.id = k.patient_id JOIN record pr ON pr.id = p.id "
    "JOIN carer c ON c.id = k.carer_id JOIN record cr ON cr.id = c.id "
    "WHERE r.state = 'active' AND pr.state = 'active' AND cr.state = 'active' "
    "AND k.status IN ('given', 'best-interests') AND k.review_date IS NOT NULL %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesDueUrgency urgency;
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;

      if (!kes_due_urgency_for_date (kes_store_column_text (stmt, 1), today, REVIEW_WARNING_DAYS,
                                     &urgency))
        continue;
      name = patient_name (stmt, 3);
      title = g_strdup_printf (_("Review consent to share with %s"), kes_store_column_text (stmt, 7));
      g_ptr_array_add (items, kes_due_item_new ("carer-consent-review", urgency,
                                                kes_store_column_text (stmt, 1),
                                                kes_store_column_text (stmt, 2), name,
                                                kes_store_column_text (stmt, 6), title,
                                                _("Ask the patient whether the consent still stands"),
                                                "patient/carers", kes_store_column_text (stmt, 0)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read consent reviews"));
      return FALSE;
    }

  /* A carer's latest completed assessment with a review date. The team is
   * the patient's when the assessment names one, else the named contact's.
   * CROSS JOIN keeps the assessments as the outer loop: left to itself SQLite
   * would walk every record in the database. */
  stmt = kes_store_prepare (self,
    "SELECT a.id, a.review_date, a.patient_id, p.family_name, p.given_name, p.preferred_name, "
    "coalesce (p.team_id, s.team_id), c.name FROM carer_assessment a CROSS JOIN record r ON r.id = a.id "
    "JOIN carer c ON c.id = a.carer_id JOIN record cr ON cr.id = c.id "
    "LEFT JOIN patient p ON p.id = a.patient_id LEFT JOIN staff s ON s.id = c.named_contact_id "
    "WHERE r.state = 'active' AND cr.state = 'active' AND a.status = 'completed' "
    "AND a.review_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM carer_assessment b "
    "JOIN record br ON br.id = b.id WHERE br.state = 'active' AND b.carer_id = a.carer_id "
    "AND b.status = 'completed' AND (b.assessed_on > a.assessed_on OR "
    "(b.assessed_on = a.assessed_on AND b.id > a.id)))", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesDueUrgency urgency;
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;

      if (!kes_due_urgency_for_date (kes_store_column_text (stmt, 1), today, REVIEW_WARNING_DAYS,
                                     &urgency))
        continue;
      name = patient_name (stmt, 3);
      title = g_strdup_printf (_("Carer’s assessment review: %s"), kes_store_column_text (stmt, 7));
      g_ptr_array_add (items, kes_due_item_new ("carer-assessment-review", urgency,
                                                kes_store_column_text (stmt, 1),
                                                kes_store_column_text (stmt, 2), name,
                                                kes_store_column_text (stmt, 6), title,
                                                _("Offer the carer a review of their assessment"),
                                                "carers", kes_store_column_text (stmt, 0)));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read carer’s assessment reviews"));
      return FALSE;
    }
  return TRUE;
}
