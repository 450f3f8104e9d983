/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The referral pathway as a state machine. Core decides which moves are
 * legal; the app only offers what kes_referral_stage_next() returns.
 *
 *   received → screening → assessment-booked → assessed → accepted | declined
 *   accepted → in-reach → discharged (to community)
 *   discharged → transferred (adult recovery team / primary care)
 *              | absolutely-discharged
 *   any open stage → closed (withdrawn, died, moved away …; reason needed)
 *   declined, transferred, absolutely-discharged, redirected → closed
 *   closed → received (reopened; reason needed). The referral keeps its
 *   whole history: reopening appends, it never rewinds.
 *
 * Eligibility is a decision made on receipt or at screening: accept (on to
 * "assessment-booked"), decline, or redirect to another service
 * ("redirected", naming the service). Every referral is recorded, eligible
 * or not, so each decision counts in the figures; accepting one that fails
 * a check is a team manager's decision (kes_store_move_referral). "received"
 * may go to closed (withdrawn). A decline or redirect needs a reason and
 * records any signposting; a transfer names where to
 * (KES_REFERRAL_TRANSFER_*), a redirect the service it went to. Every
 * move is dated (a calendar date); a move dated before the previous move is
 * refused. */
typedef enum
{
  KES_REFERRAL_RECEIVED,
  KES_REFERRAL_SCREENING,
  KES_REFERRAL_ASSESSMENT_BOOKED,
  KES_REFERRAL_ASSESSED,
  KES_REFERRAL_ACCEPTED,
  KES_REFERRAL_DECLINED,
  KES_REFERRAL_IN_REACH,
  KES_REFERRAL_DISCHARGED,
  KES_REFERRAL_TRANSFERRED,
  KES_REFERRAL_ABSOLUTELY_DISCHARGED,
  KES_REFERRAL_REDIRECTED,
  KES_REFERRAL_CLOSED,
  KES_REFERRAL_N_STAGES
} KesReferralStage;

#define KES_REFERRAL_TRANSFER_RECOVERY_TEAM "adult-recovery-team"
#define KES_REFERRAL_TRANSFER_PRIMARY_CARE  "primary-care"

/* "in-reach": the stage's stable name, as stored. */
const char *kes_referral_stage_to_string   (KesReferralStage  stage);
gboolean    kes_referral_stage_from_string (const char       *text,
                                            KesReferralStage *stage);
/* "In-reach": for people (translated). */
const char *kes_referral_stage_label       (KesReferralStage  stage);
/* An open referral is one the team still works on: not declined,
 * transferred, absolutely discharged or closed. */
gboolean    kes_referral_stage_is_open     (KesReferralStage  stage);

/* The legal next stages from @stage, in the order to offer them; sets
 * *@n_stages. The array is static. */
const KesReferralStage *kes_referral_stage_next (KesReferralStage  stage,
                                                 guint            *n_stages);
gboolean    kes_referral_stage_can_move    (KesReferralStage  from,
                                            KesReferralStage  to);
/* Whether moving @from → @to needs a reason (decline, redirect, close,
 * reopen). */
gboolean    kes_referral_move_needs_reason (KesReferralStage  from,
                                            KesReferralStage  to);

/* Checks one move: legal, dated (YYYY-MM-DD, not before @previous_date and
 * not after @today), a reason where one is needed, a destination (one of
 * KES_REFERRAL_TRANSFER_*) for a transfer, the service's name for a
 * redirect. KES_ERROR_INVALID with a message
 * in plain words otherwise. */
gboolean    kes_referral_check_move        (KesReferralStage   from,
                                            KesReferralStage   to,
                                            const char        *date,
                                            const char        *previous_date,
                                            const GDate       *today,
                                            const char        *reason,
                                            const char        *destination,
                                            GError           **error);

G_END_DECLS
