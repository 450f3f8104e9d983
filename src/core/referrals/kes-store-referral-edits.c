/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-referral-edits"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-store-referrals-private.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-validate.h"

/* Changes to a saved referral after intake: corrections of the intake
 * details, in-reach visits (planned, held, corrected, entered in error) and
 * the link from the referral assessment to a signed structured risk
 * assessment. Every change is a revision written by kes_store_save_referral,
 * so history, conflicts and audit come with it. */

static gboolean
require_reason (const char  *reason,
                const char  *message,
                GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*stripped != '\0')
    return TRUE;
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}

/* Checked before anything about the change, so that someone who may not
 * make it learns nothing from the answer. */
static gboolean
may_edit (KesStore     *self,
          KesReferral  *referral,
          GError      **error)
{
  return kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL,
                            kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), error);
}

gboolean
kes_store_correct_referral (KesStore     *self,
                            KesReferral  *referral,
                            const char   *reason,
                            GError      **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  if (!may_edit (self, referral, error))
    return FALSE;
  if (kes_referral_get_id (referral) == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Only a saved referral can be corrected: save it first"));
      return FALSE;
    }
  if (!require_reason (reason, _("Reason for the correction is required: say what was wrong"), error))
    return FALSE;
  return kes_store_save_referral (self, referral, KES_CHANGE_CORRECTION, reason, error);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL && *a != '\0' ? a : NULL, b != NULL && *b != '\0' ? b : NULL) == 0;
}

gboolean
kes_store_save_inreach_visit (KesStore              *self,
                              KesReferral           *referral,
                              int                    index,
                              const KesInreachVisit *visit,
                              const char            *reason,
                              GError               **error)
{
  g_autofree char *before = NULL;
  g_autoptr(KesInreachVisit) wanted = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GDate) visit_day = NULL;
  GPtrArray *visits;
  KesChangeKind change = KES_CHANGE_EDIT;
  const char *why = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);
  g_return_val_if_fail (visit != NULL, FALSE);

  if (!may_edit (self, referral, error))
    return FALSE;
  visits = kes_referral_get_visits (referral);
  if (index >= 0 && (guint) index >= visits->len)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("This referral has no in-reach visit %d"), index + 1);
      return FALSE;
    }
  wanted = kes_inreach_visit_copy (visit);
  g_clear_pointer (&wanted->error_reason, g_free);

  visit_day = kes_date_from_iso (wanted->date);
  if (wanted->outcome != NULL && visit_day != NULL && g_date_compare (visit_day, today) > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Outcome: the visit on %s has not happened yet; record its outcome on or after that day"),
                   wanted->date);
      return FALSE;
    }

  if (index >= 0)
    {
      const KesInreachVisit *old = g_ptr_array_index (visits, index);

      if (!kes_inreach_visit_is_active (old))
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                               _("This in-reach visit was entered in error and cannot be changed"));
          return FALSE;
        }
      /* Writing an outcome on a planned visit is the plan going ahead;
       * anything else rewrites what was recorded. */
      if (!same_text (old->date, wanted->date) || !same_text (old->unit, wanted->unit) ||
          !same_text (old->attendees, wanted->attendees) || !same_text (old->purpose, wanted->purpose) ||
          (old->outcome != NULL && !same_text (old->outcome, wanted->outcome)))
        {
          if (!require_reason (reason, _("Reason for the change is required: this visit was already recorded"),
                               error))
            return FALSE;
          change = KES_CHANGE_CORRECTION;
          why = reason;
        }
    }

  before = kes_referral_to_json (referral);
  if (index >= 0)
    kes_referral_replace_visit (referral, index, wanted);
  else
    kes_referral_add_visit (referral, wanted);
  if (kes_store_save_referral (self, referral, change, why, error))
    return TRUE;
  kes_referral_load_json (referral, before, NULL);
  return FALSE;
}

gboolean
kes_store_inreach_visit_entered_in_error (KesStore     *self,
                                          KesReferral  *referral,
                                          guint         index,
                                          const char   *reason,
                                          GError      **error)
{
  g_autofree char *before = NULL;
  g_autoptr(KesInreachVisit) marked = NULL;
  GPtrArray *visits;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (KES_IS_REFERRAL (referral), FALSE);

  if (!may_edit (self, referral, error))
    return FALSE;
  visits = kes_referral_get_visits (referral);
  if (index >= visits->len)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("This referral has no in-reach visit %u"), index + 1);
      return FALSE;
    }
  if (!kes_inreach_visit_is_active (g_ptr_array_index (visits, index)))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                           _("This in-reach visit is already marked as entered in error"));
      return FALSE;
    }
  if (!require_reason (reason, _("Reason is required: say why this visit was entered in error"), error))
    return FALSE;

  before = kes_referral_to_json (referral);
  marked = kes_inreach_visit_copy (g_ptr_array_index (visits, index));
  marked->error_reason = g_strstrip (g_strdup (reason));
  kes_referral_replace_visit (referral, index, marked);
  if (kes_store_save_referral (self, referral, KES_CHANGE_CORRECTION, reason, error))
    return TRUE;
  kes_referral_load_json (referral, before, NULL);
  return FALSE;
}

/* ---- The risk assessment a referral assessment draws on ---- */

KesRiskAssessment *
kes_store_latest_signed_risk_assessment (KesStore    *self,
                                         const char  *patient_id,
                                         GError     **error)
{
  g_autoptr(GListModel) assessments = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  assessments = kes_store_list_risk_assessments (self, patient_id, FALSE, error);
  if (assessments == NULL)
    return NULL;
  /* Newest assessment date first: the first signed off is the latest. */
  for (guint i = 0; i < g_list_model_get_n_items (assessments); i++)
    {
      g_autoptr(KesRiskAssessment) assessment = g_list_model_get_item (assessments, i);

      if (kes_risk_assessment_get_status (assessment) == KES_RISK_STATUS_COMPLETED)
        return g_steal_pointer (&assessment);
    }
  g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                       _("This patient has no signed-off structured risk assessment to link"));
  return NULL;
}

gboolean
kes_store_check_referral_risk_link (KesStore     *self,
                                    KesReferral  *referral,
                                    GError      **error)
{
  const char *linked = kes_referral_get_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID);
  g_autoptr(KesRiskAssessment) assessment = NULL;
  g_autoptr(GError) local = NULL;

  if (*linked == '\0')
    return TRUE;
  /* A link already saved stays as it was, even if the assessment was
   * entered in error since: the pathway must not stall on it. */
  if (kes_referral_get_id (referral) != NULL)
    {
      g_autoptr(KesReferral) stored = kes_store_load_referral (self, kes_referral_get_id (referral), NULL);

      if (stored != NULL && g_str_equal (kes_referral_get_text (stored, KES_REFERRAL_RISK_ASSESSMENT_ID), linked))
        return TRUE;
    }
  assessment = kes_store_load_risk_assessment (self, linked, &local);
  if (assessment == NULL || kes_risk_assessment_get_state (assessment) != KES_RECORD_ACTIVE ||
      g_strcmp0 (kes_risk_assessment_get_patient_id (assessment),
                 kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID)) != 0)
    {
      if (local != NULL && local->domain == KES_ERROR && local->code == KES_ERROR_PERMISSION)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Structured risk assessment: the linked assessment is not one of this patient’s "
                             "current assessments"));
      return FALSE;
    }
  if (kes_risk_assessment_get_status (assessment) != KES_RISK_STATUS_COMPLETED)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Structured risk assessment: only a signed-off assessment can be linked, "
                             "not a draft"));
      return FALSE;
    }
  return TRUE;
}
