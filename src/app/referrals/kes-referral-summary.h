/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-referrals.h"

G_BEGIN_DECLS

/* One line of a referral's waiting-time clocks for people, with the
 * pathway report's definitions (kes_referral_clocks): "12 days since
 * referral · 5 days since assessment" or "Decided 3 days after referral". */
char *kes_referral_clocks_text      (KesReferral *referral,
                                     const GDate *today);

/* Where @referral stands against the eligibility criteria, in plain words:
 * met, or what it fails and the decisions open at this stage (decline,
 * redirect, or a manager's acceptance with a reason), or the decision
 * already recorded. */
char *kes_referral_eligibility_text (KesStore    *store,
                                     KesReferral *referral);

G_END_DECLS
