/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-referrals"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-import-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-private.h"
#include "kes-store-records-private.h"
#include "kes-store-referrals-private.h"
#include "kes-store-referrals.h"
#include "kes-uuid.h"
#include "kes-validate.h"

/* Referrals: revisioned records whose pathway (every step, who, when, why)
 * lives in the revision JSON, projected into `referral` for lists. Letters
 * are attachments in `referral_document`, indexed for search. */

static gboolean
issues_to_error (GPtrArray  *issues,
                 const char *intro,
                 const char *outro,
                 GError    **error)
{
  g_autoptr(GString) message = NULL;

  if (issues->len == 0)
    return TRUE;
  message = g_string_new (intro);
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, issue->message);
    }
  if (outro != NULL)
    g_string_append_printf (message, "\n%s", outro);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message->str);
  return FALSE;
}

gboolean
kes_store_check_referral_record (KesStore    *self,
                                 const char  *id,
                                 const char  *want_kind,
                                 GError     **error)
{
  g_autofree char *kind = NULL;
  KesRecordState state;

  if (!kes_store_record_state (self, id, &kind, &state, error))
    return FALSE;
  if (!g_str_equal (kind, want_kind))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   g_str_equal (want_kind, "patient") ? _("No patient has the id %s")
                                                      : _("No referral has the id %s"), id);
      return FALSE;
    }
  if (state != KES_RECORD_ACTIVE)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                           g_str_equal (want_kind, "patient")
                             ? _("This patient record was marked as entered in error")
                             : _("This referral was marked as entered in error"));
      return FALSE;
    }
  return TRUE;
}

static char *
patient_birth_date (KesStore   *self,
                    const char *patient_id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT birth_date FROM patient WHERE id = ?1", NULL);
  char *birth = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW && kes_db_column_type (stmt, 0) != KES_DB_NULL)
    birth = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return birth;
}

/* The area a stored referral names, or NULL for a new one. */
static char *
stored_area (KesStore   *self,
             const char *referral_id)
{
  KesDbStmt *stmt;
  char *area = NULL;

  if (referral_id == NULL || (stmt = kes_store_prepare (self, "SELECT area FROM referral WHERE id = ?1", NULL)) == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, referral_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    area = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return area;
}

/* The area must be one of the catchment areas (directory data, which an
 * administrator edits); a retired one only on a referral that already had
 * it, so old referrals can still be edited but no new one starts there. */
static KesIssue *
area_issue (KesStore           *self,
            KesReferral        *referral,
            const KesCatchment *catchment)
{
  const char *area = kes_referral_get_text (referral, KES_REFERRAL_AREA);
  g_autofree char *before = NULL;

  if (*area == '\0' || kes_catchment_offers (catchment, area))
    return NULL;
  if (!kes_catchment_knows (catchment, area))
    return kes_issue_new ("area", KES_ISSUE_ERROR, _("Area “%s” is not one of the catchment areas"), area);
  before = stored_area (self, kes_referral_get_id (referral));
  if (g_strcmp0 (before, area) == 0)
    return NULL;
  return kes_issue_new ("area", KES_ISSUE_ERROR,
                        _("Area “%s” has been retired from the catchment areas: choose the area the person "
                          "will live in"), kes_catchment_display_name (catchment, area));
}

/* Records a manager's decision to take on a referral that fails an
 * eligibility check: who and when (once), and @reason when given. */
static gboolean
record_override (KesStore     *self,
                 KesReferral  *referral,
                 const char   *reason,
                 GError      **error)
{
  g_autofree char *now = NULL;
  KesStaff *actor;

  if (*kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY) != '\0')
    return TRUE;
  if (!kes_store_require (self, KES_PERMISSION_OVERRIDE_ELIGIBILITY,
                          kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), error))
    return FALSE;
  now = kes_clock_now_iso ();
  actor = kes_store_get_actor (self);
  if (reason != NULL)
    kes_referral_set_text (referral, KES_REFERRAL_OVERRIDE_REASON, reason);
  kes_referral_set_text (referral, KES_REFERRAL_OVERRIDE_BY, actor != NULL ? kes_staff_get_id (actor) : NULL);
  kes_referral_set_text (referral, KES_REFERRAL_OVERRIDE_AT, now);
  return TRUE;
}

/* Booking the assessment is the decision that a referral is eligible. One
 * that fails a check goes on only as a team manager's recorded decision
 * (the move's reason, or an override already on the referral). */
static gboolean
check_eligibility_decision (KesStore     *self,
                            KesReferral  *referral,
                            const char   *reason,
                            GError      **error)
{
  g_autofree char *birth = patient_birth_date (self, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  g_autoptr(KesCatchment) catchment = kes_store_get_catchment (self, error);
  g_autoptr(GPtrArray) warnings = NULL;

  if (catchment == NULL)
    return FALSE;
  warnings = kes_referral_check_eligibility (referral, birth, catchment);

  if (warnings->len == 0 || *kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY) != '\0')
    return TRUE;
  if (*reason == '\0')
    return issues_to_error (warnings, _("This referral does not meet the criteria:"),
                            _("Decline or redirect it, or a team manager can accept it for assessment with a "
                              "recorded reason."), error);
  return record_override (self, referral, reason, error);
}

/* Everything a save checks, before anything is written. Fills in the
 * override's author and the first step; the caller restores @referral if
 * the write then fails. */
static gboolean
prepare_referral (KesStore     *self,
                  KesReferral  *referral,
                  GError      **error)
{
  g_autoptr(GPtrArray) issues = kes_referral_validate (referral);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(KesCatchment) catchment = NULL;
  g_autofree char *birth = NULL;
  const char *patient_id = kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID);
  GPtrArray *steps = kes_referral_get_steps (referral);
  KesIssue *area = NULL;

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error) ||
      (catchment = kes_store_get_catchment (self, error)) == NULL)
    return FALSE;
  /* The area with the form's own problems, where the form has it. */
  if ((area = area_issue (self, referral, catchment)) != NULL)
    {
      static const char *const above[] = { "patient_id", "referral_date", "referrer", "source", "security_level", NULL };
      guint at = 0;

      while (at < issues->len && g_strv_contains (above, ((KesIssue *) issues->pdata[at])->field))
        at++;
      g_ptr_array_insert (issues, (gint) at, area);
    }
  if (!issues_to_error (issues, NULL, NULL, error) ||
      !kes_store_check_referral_record (self, patient_id, "patient", error))
    return FALSE;
  if (kes_referral_get_id (referral) != NULL && !kes_store_check_referral_record (self, kes_referral_get_id (referral), "referral", error))
    return FALSE;
  if (!kes_store_check_referral_risk_link (self, referral, error))
    return FALSE;

  /* Every referral is recorded, eligible or not: eligibility is decided on
   * the pathway (accept, decline, redirect), so it counts in the figures.
   * An override typed in with the referral is still a manager's decision. */
  birth = patient_birth_date (self, patient_id);
  warnings = kes_referral_check_eligibility (referral, birth, catchment);
  if (warnings->len > 0 && *kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON) != '\0' &&
      !record_override (self, referral, NULL, error))
    return FALSE;

  if (steps->len == 0)
    {
      g_autofree char *now = kes_clock_now_iso ();
      KesStaff *actor = kes_store_get_actor (self);
      KesReferralStep first = {
        .stage = KES_REFERRAL_RECEIVED,
        .date = (char *) kes_referral_get_text (referral, KES_REFERRAL_DATE),
        .recorded_at = now,
        .by_id = actor != NULL ? (char *) kes_staff_get_id (actor) : NULL,
      };
      kes_referral_append_step (referral, &first);
    }
  else
    {
      /* The first step is the referral's receipt: it follows the referral
       * date, also when that date is corrected later (validation keeps it
       * before every later step). */
      KesReferralStep *first = g_ptr_array_index (steps, 0);
      g_free (first->date);
      first->date = g_strdup (kes_referral_get_text (referral, KES_REFERRAL_DATE));
    }
  return TRUE;
}

gboolean
kes_store_save_referral (KesStore      *self,
                         KesReferral   *referral,
                         KesChangeKind  change,
                         const char    *reason,
                         GError       **error)
{
  g_autofree char *before = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  /* Keep what the caller had, so a refused save changes nothing. */
  before = kes_referral_to_json (referral);
  if (prepare_referral (self, referral, error) && kes_store_save_record (self, &kes_referral_record_kind, referral, change, reason, error))
    return TRUE;
  kes_referral_load_json (referral, before, NULL);
  return FALSE;
}

gboolean
kes_store_sign_referral_assessment (KesStore     *self,
                                    KesReferral  *referral,
                                    const char   *password,
                                    GError      **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *role = NULL;
  g_autofree char *digest = NULL;
  KesStaff *actor;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL,
                          kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), error))
    return FALSE;
  missing = kes_referral_check_assessment (referral);
  if (!issues_to_error (missing, NULL, NULL, error))
    return FALSE;
  /* Signing means the signer: the password again, checked like a sign-in. */
  if (!kes_store_confirm_password (self, password, error))
    return FALSE;
  actor = kes_store_get_actor (self);
  before = kes_referral_to_json (referral);
  role = kes_store_signer_role (self);
  digest = kes_referral_assessment_digest (referral);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_BY, kes_staff_get_id (actor));
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_AT, now);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_ROLE, role);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_DIGEST, digest);
  if (kes_store_save_referral (self, referral, KES_CHANGE_EDIT, NULL, error))
    return TRUE;
  kes_referral_load_json (referral, before, NULL);
  return FALSE;
}

gboolean
kes_store_referral_alteration (KesStore     *self,
                               KesReferral  *referral,
                               char        **altered_by,
                               char        **altered_at,
                               GError      **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  const char *signed_digest;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  *altered_by = NULL;
  *altered_at = NULL;
  if (kes_referral_get_sign_state (referral) != KES_REFERRAL_ASSESSMENT_ALTERED)
    return TRUE;
  revisions = kes_store_list_revisions (self, kes_referral_get_id (referral), error);
  if (revisions == NULL)
    return FALSE;
  /* The first revision, after the signed one, whose assessment no longer
   * matches what was signed. */
  signed_digest = kes_referral_get_text (referral, KES_REFERRAL_SIGNED_DIGEST);
  for (guint i = 0; i < revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i);
      g_autoptr(KesReferral) then = kes_referral_new ();
      g_autofree char *digest = NULL;

      if (!kes_referral_load_json (then, kes_revision_get_data (revision), NULL) ||
          !g_str_equal (kes_referral_get_text (then, KES_REFERRAL_SIGNED_DIGEST), signed_digest))
        continue;
      digest = kes_referral_assessment_digest (then);
      if (!g_str_equal (digest, signed_digest))
        {
          *altered_by = g_strdup (kes_revision_get_author_name (revision));
          *altered_at = g_strdup (kes_revision_get_at (revision));
          return TRUE;
        }
    }
  return TRUE;
}

static void
fill_step_names (KesStore    *self,
                 KesReferral *referral)
{
  GPtrArray *steps = kes_referral_get_steps (referral);
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT display_name FROM staff WHERE id = ?1", NULL);

  for (guint i = 0; stmt != NULL && i < steps->len; i++)
    {
      KesReferralStep *step = g_ptr_array_index (steps, i);

      kes_db_bind_text (stmt, 1, step->by_id != NULL ? step->by_id : "", -1, KES_DB_COPY);
      if (kes_db_step (stmt) == KES_DB_ROW)
        {
          g_free (step->by_name);
          step->by_name = g_strdup (kes_store_column_text (stmt, 0));
        }
      kes_db_reset (stmt);
    }
}

static KesReferral *
referral_from_row (KesStore     *self,
                   KesDbStmt *stmt,
                   GError      **error)
{
  g_autoptr(KesReferral) referral = kes_referral_new ();

  /* Columns: id, revision, state, patient_id, data. */
  if (!kes_referral_load_json (referral, kes_store_column_text (stmt, 4), error))
    return NULL;
  kes_referral_set_identity (referral, kes_store_column_text (stmt, 0), kes_db_column_int64 (stmt, 1),
                             g_str_equal (kes_store_column_text (stmt, 2), "active")
                               ? KES_RECORD_ACTIVE : KES_RECORD_ENTERED_IN_ERROR);
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_store_column_text (stmt, 3));
  return g_steal_pointer (&referral);
}

KesReferral *
kes_store_load_referral (KesStore    *self,
                         const char  *id,
                         GError     **error)
{
  g_autoptr(KesReferral) referral = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = kes_store_prepare (self,
    "SELECT r.id, r.revision, r.state, r.patient_id, v.data FROM record r "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.id = ?1 AND r.kind = 'referral'", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    referral = referral_from_row (self, stmt, error);
  else if (rc == KES_DB_DONE)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No referral has the id %s"), id);
  else
    kes_store_set_db_error (self, error, _("Could not read the referral"));
  kes_db_reset (stmt);
  if (referral == NULL)
    return NULL;
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL,
                          kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), error))
    return NULL;
  fill_step_names (self, referral);
  if (!kes_store_audit_view (self, id, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID),
                             "referral", error))
    return NULL;
  return g_steal_pointer (&referral);
}

gboolean
kes_store_move_referral (KesStore          *self,
                         KesReferral       *referral,
                         KesReferralStage   to,
                         const char        *date,
                         const char        *reason,
                         const char        *signposting,
                         const char        *destination,
                         GError           **error)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *clean_reason = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  g_autofree char *clean_signposting = g_strstrip (g_strdup (signposting != NULL ? signposting : ""));
  g_autofree char *clean_destination = g_strdup (destination != NULL ? destination : "");
  gboolean had_override;
  GPtrArray *steps;
  KesStaff *actor;
  KesReferralStep step = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL,
                          kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), error))
    return FALSE;
  if (kes_referral_get_id (referral) == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Save the referral before moving it along the pathway"));
      return FALSE;
    }
  had_override = *kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY) != '\0';
  if (!kes_store_check_referral_record (self, kes_referral_get_id (referral), "referral", error) ||
      !kes_referral_check_move (kes_referral_get_stage (referral), to, date,
                                kes_referral_get_stage_date (referral), today,
                                clean_reason, destination, error) ||
      (to == KES_REFERRAL_ACCEPTED && !kes_referral_check_acceptance (referral, error)) ||
      (to == KES_REFERRAL_ASSESSMENT_BOOKED && !check_eligibility_decision (self, referral, clean_reason, error)))
    return FALSE;

  actor = kes_store_get_actor (self);
  step.stage = to;
  step.date = (char *) date;
  step.recorded_at = now;
  step.by_id = actor != NULL ? (char *) kes_staff_get_id (actor) : NULL;
  step.by_name = actor != NULL ? (char *) kes_staff_get_display_name (actor) : NULL;
  step.reason = *clean_reason != '\0' ? clean_reason : NULL;
  step.signposting = *clean_signposting != '\0' ? clean_signposting : NULL;
  step.destination = to == KES_REFERRAL_TRANSFERRED || to == KES_REFERRAL_REDIRECTED
                       ? g_strstrip (clean_destination) : NULL;
  kes_referral_append_step (referral, &step);

  if (kes_store_save_record (self, &kes_referral_record_kind, referral, KES_CHANGE_EDIT, NULL, error))
    return TRUE;
  steps = kes_referral_get_steps (referral);
  g_ptr_array_remove_index (steps, steps->len - 1);
  if (!had_override)
    for (KesReferralField f = KES_REFERRAL_OVERRIDE_REASON; f <= KES_REFERRAL_OVERRIDE_AT; f++)
      kes_referral_set_text (referral, f, NULL);
  return FALSE;
}

GPtrArray *
kes_store_list_referrals (KesStore    *self,
                          const char  *patient_id,
                          gboolean     open_only,
                          GError     **error)
{
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func (g_object_unref);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  /* One patient's referrals are found by the patient's key: "?1 IS NULL OR"
   * would keep SQLite from using it and read every referral. */
#define LIST_REFERRALS(patient_filter) \
    "SELECT r.id, r.revision, r.state, r.patient_id, v.data FROM referral f " \
    "CROSS JOIN record r ON r.id = f.id JOIN revision v ON v.record_id = r.id AND v.revision = r.revision " \
    "WHERE r.state = 'active' " patient_filter " AND (NOT ?2 OR f.is_open) " \
    "ORDER BY f.referral_date DESC, f.id"
  stmt = kes_store_prepare (self, patient_id != NULL ? LIST_REFERRALS ("AND f.patient_id = ?1")
                                                     : LIST_REFERRALS ("AND ?1 IS NULL"), error);
#undef LIST_REFERRALS
  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, patient_id);
  kes_db_bind_int (stmt, 2, open_only);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesReferral *referral = referral_from_row (self, stmt, error);

      if (referral == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (referrals, referral);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the referrals"));
      return NULL;
    }
  /* Referrals of patients outside the actor's reach are left out. */
  for (guint i = referrals->len; patient_id == NULL && i > 0; i--)
    if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL,
                            kes_referral_get_text (referrals->pdata[i - 1], KES_REFERRAL_PATIENT_ID), NULL))
      g_ptr_array_remove_index (referrals, i - 1);
  for (guint i = 0; i < referrals->len; i++)
    fill_step_names (self, referrals->pdata[i]);
  if (!kes_store_audit_view (self, NULL, patient_id, "referrals", error))
    return NULL;
  return g_steal_pointer (&referrals);
}

GPtrArray *
kes_store_referral_eligibility (KesStore     *self,
                                KesReferral  *referral,
                                GError      **error)
{
  const char *patient_id;
  g_autofree char *birth = NULL;
  g_autoptr(KesCatchment) catchment = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), NULL);

  patient_id = kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID);
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  catchment = kes_store_get_catchment (self, error);
  if (catchment == NULL)
    return NULL;
  birth = patient_birth_date (self, patient_id);
  return kes_referral_check_eligibility (referral, birth, catchment);
}

char *
kes_store_referral_patient_name (KesStore   *self,
                                 const char *patient_id)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT family_name, given_name, preferred_name FROM patient WHERE id = ?1", NULL);
  char *name = NULL;

  /* A name is the register: someone who may not open the patient sees none. */
  if (stmt == NULL || !kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, patient_id, NULL))
    return g_strdup ("");
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    name = kes_patient_format_display_name (kes_store_column_text (stmt, 0),
                                            kes_store_column_text (stmt, 1),
                                            kes_store_column_text (stmt, 2));
  kes_db_reset (stmt);
  return name != NULL ? name : g_strdup ("");
}

GPtrArray *
kes_store_referral_episodes (KesStore  *self,
                             GError   **error)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_episode_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT r.id, r.revision, r.state, r.patient_id, v.data, "
    "(SELECT json_extract (pv.data, '$.ethnicity') FROM record pr "
    " JOIN revision pv ON pv.record_id = pr.id AND pv.revision = pr.revision WHERE pr.id = r.patient_id) "
    "FROM referral f CROSS JOIN record r ON r.id = f.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.state = 'active' ORDER BY f.referral_date, f.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesReferral) referral = referral_from_row (self, stmt, error);

      if (referral == NULL)
        {
          kes_db_reset (stmt);
          return NULL;
        }
      kes_referral_episodes_append (episodes, referral, kes_store_column_text (stmt, 5));
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the referrals"));
      return NULL;
    }
  return g_steal_pointer (&episodes);
}

/* ---- Import (kes-store-import-private.h) ---- */

gboolean
kes_store_project_referral_json (KesStore        *self,
                                 const char      *id,
                                 const char      *patient_id,
                                 gint64           revision,
                                 KesRecordState   state,
                                 const char      *json,
                                 GError         **error)
{
  g_autoptr(KesReferral) referral = kes_referral_new ();

  if (!kes_referral_load_json (referral, json, error))
    return FALSE;
  kes_referral_set_identity (referral, id, revision, state);
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);

  return kes_store_project_referral (self, referral, error);
}
