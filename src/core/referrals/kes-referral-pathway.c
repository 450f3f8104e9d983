/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-pathway"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-referral-pathway.h"
#include "kes-validate.h"

typedef struct
{
  const char *name;
  const char *label;
  gboolean    open;
} StageInfo;

static const StageInfo stages[KES_REFERRAL_N_STAGES] = {
  [KES_REFERRAL_RECEIVED] = { "received", N_("Received"), TRUE },
  [KES_REFERRAL_SCREENING] = { "screening", N_("Screening"), TRUE },
  [KES_REFERRAL_ASSESSMENT_BOOKED] = { "assessment-booked", N_("Initial assessment booked"), TRUE },
  [KES_REFERRAL_ASSESSED] = { "assessed", N_("Assessed"), TRUE },
  [KES_REFERRAL_ACCEPTED] = { "accepted", N_("Accepted"), TRUE },
  [KES_REFERRAL_DECLINED] = { "declined", N_("Declined"), FALSE },
  [KES_REFERRAL_IN_REACH] = { "in-reach", N_("In-reach"), TRUE },
  [KES_REFERRAL_DISCHARGED] = { "discharged", N_("Discharged to community"), TRUE },
  [KES_REFERRAL_TRANSFERRED] = { "transferred", N_("Transferred"), FALSE },
  [KES_REFERRAL_ABSOLUTELY_DISCHARGED] = { "absolutely-discharged", N_("Absolutely discharged"), FALSE },
  [KES_REFERRAL_REDIRECTED] = { "redirected", N_("Redirected to another service"), FALSE },
  [KES_REFERRAL_CLOSED] = { "closed", N_("Closed"), FALSE },
};

#define S(x) KES_REFERRAL_##x
/* Eligibility is decided on receipt or at screening: accept (book the
 * assessment), decline or redirect. */
static const KesReferralStage from_received[] = { S (SCREENING), S (DECLINED), S (REDIRECTED), S (CLOSED) };
static const KesReferralStage from_screening[] = { S (ASSESSMENT_BOOKED), S (DECLINED), S (REDIRECTED), S (CLOSED) };
static const KesReferralStage from_booked[] = { S (ASSESSED), S (CLOSED) };
static const KesReferralStage from_assessed[] = { S (ACCEPTED), S (DECLINED) };
static const KesReferralStage from_accepted[] = { S (IN_REACH), S (CLOSED) };
static const KesReferralStage from_declined[] = { S (CLOSED) };
static const KesReferralStage from_in_reach[] = { S (DISCHARGED), S (CLOSED) };
static const KesReferralStage from_discharged[] = { S (TRANSFERRED), S (ABSOLUTELY_DISCHARGED), S (CLOSED) };
static const KesReferralStage from_transferred[] = { S (CLOSED) };
static const KesReferralStage from_absolute[] = { S (CLOSED) };
static const KesReferralStage from_redirected[] = { S (CLOSED) };
static const KesReferralStage from_closed[] = { S (RECEIVED) };
#undef S

typedef struct
{
  const KesReferralStage *next;
  guint                   n_next;
} Moves;

#define M(array) { array, G_N_ELEMENTS (array) }
static const Moves moves[KES_REFERRAL_N_STAGES] = {
  [KES_REFERRAL_RECEIVED] = M (from_received),
  [KES_REFERRAL_SCREENING] = M (from_screening),
  [KES_REFERRAL_ASSESSMENT_BOOKED] = M (from_booked),
  [KES_REFERRAL_ASSESSED] = M (from_assessed),
  [KES_REFERRAL_ACCEPTED] = M (from_accepted),
  [KES_REFERRAL_DECLINED] = M (from_declined),
  [KES_REFERRAL_IN_REACH] = M (from_in_reach),
  [KES_REFERRAL_DISCHARGED] = M (from_discharged),
  [KES_REFERRAL_TRANSFERRED] = M (from_transferred),
  [KES_REFERRAL_ABSOLUTELY_DISCHARGED] = M (from_absolute),
  [KES_REFERRAL_REDIRECTED] = M (from_redirected),
  [KES_REFERRAL_CLOSED] = M (from_closed),
};
#undef M

const char *
kes_referral_stage_to_string (KesReferralStage stage)
{
  g_return_val_if_fail (stage < KES_REFERRAL_N_STAGES, NULL);
  return stages[stage].name;
}

gboolean
kes_referral_stage_from_string (const char       *text,
                                KesReferralStage *stage)
{
  for (guint i = 0; text != NULL && i < KES_REFERRAL_N_STAGES; i++)
    if (g_str_equal (stages[i].name, text))
      {
        *stage = i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_referral_stage_label (KesReferralStage stage)
{
  g_return_val_if_fail (stage < KES_REFERRAL_N_STAGES, NULL);
  return _(stages[stage].label);
}

gboolean
kes_referral_stage_is_open (KesReferralStage stage)
{
  g_return_val_if_fail (stage < KES_REFERRAL_N_STAGES, FALSE);
  return stages[stage].open;
}

const KesReferralStage *
kes_referral_stage_next (KesReferralStage  stage,
                         guint            *n_stages)
{
  g_return_val_if_fail (stage < KES_REFERRAL_N_STAGES, NULL);
  g_return_val_if_fail (n_stages != NULL, NULL);
  *n_stages = moves[stage].n_next;
  return moves[stage].next;
}

gboolean
kes_referral_stage_can_move (KesReferralStage from,
                             KesReferralStage to)
{
  if (from >= KES_REFERRAL_N_STAGES || to >= KES_REFERRAL_N_STAGES)
    return FALSE;
  for (guint i = 0; i < moves[from].n_next; i++)
    if (moves[from].next[i] == to)
      return TRUE;
  return FALSE;
}

gboolean
kes_referral_move_needs_reason (KesReferralStage from,
                                KesReferralStage to)
{
  return to == KES_REFERRAL_DECLINED || to == KES_REFERRAL_REDIRECTED || to == KES_REFERRAL_CLOSED ||
         (from == KES_REFERRAL_CLOSED && to == KES_REFERRAL_RECEIVED);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
kes_referral_check_move (KesReferralStage   from,
                         KesReferralStage   to,
                         const char        *date,
                         const char        *previous_date,
                         const GDate       *today,
                         const char        *reason,
                         const char        *destination,
                         GError           **error)
{
  g_autoptr(GDate) when = NULL;

  g_return_val_if_fail (from < KES_REFERRAL_N_STAGES && to < KES_REFERRAL_N_STAGES, FALSE);

  if (!kes_referral_stage_can_move (from, to))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("A referral can’t move from “%s” to “%s”"),
                   kes_referral_stage_label (from), kes_referral_stage_label (to));
      return FALSE;
    }
  if (is_blank (date) || (when = kes_date_from_iso (date)) == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Date of the move to “%s” is missing or not a real date (write it as 21/11/2026)"),
                   kes_referral_stage_label (to));
      return FALSE;
    }
  if (previous_date != NULL && g_strcmp0 (date, previous_date) < 0)
    {
      g_autofree char *shown = kes_date_to_iso (when);
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Date %s is before the referral’s previous step (%s): dates on the pathway can’t go backwards"),
                   shown, previous_date);
      return FALSE;
    }
  if (today != NULL && g_date_compare (when, today) > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Date %s is in the future: record a step on or after the day it happens"), date);
      return FALSE;
    }
  if (kes_referral_move_needs_reason (from, to) && is_blank (reason))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           to == KES_REFERRAL_DECLINED
                             ? _("Declining a referral needs a reason")
                             : to == KES_REFERRAL_REDIRECTED
                                 ? _("Redirecting a referral needs a reason: why another service should take it")
                             : to == KES_REFERRAL_CLOSED
                                 ? _("Closing a referral needs a reason")
                                 : _("Reopening a referral needs a reason"));
      return FALSE;
    }
  if (to == KES_REFERRAL_TRANSFERRED &&
      g_strcmp0 (destination, KES_REFERRAL_TRANSFER_RECOVERY_TEAM) != 0 &&
      g_strcmp0 (destination, KES_REFERRAL_TRANSFER_PRIMARY_CARE) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("A transfer needs a destination: the adult recovery team or primary care"));
      return FALSE;
    }
  if (to == KES_REFERRAL_REDIRECTED && is_blank (destination))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("A redirect needs the service the referral was sent on to"));
      return FALSE;
    }
  return TRUE;
}
