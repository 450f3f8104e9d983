/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-referral.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* Writes the projection row of a referral whose revision was just written. */
gboolean kes_store_project_referral (KesStore     *self,
                                     KesReferral  *referral,
                                     GError      **error);

/* Today provider (kes-store-due.c): due discharge-readiness tasks and
 * planned in-reach visits of accepted and in-reach referrals, kind
 * "in-reach-task". */
gboolean kes_store_inreach_tasks_due (KesStore     *store,
                                      const GDate  *today,
                                      const char   *team_id,
                                      GPtrArray    *items,
                                      GError      **error);

/* Whether the risk assessment a referral links to (if any) is a signed-off
 * assessment of the same patient (kes-store-referral-edits.c). */
gboolean kes_store_check_referral_risk_link (KesStore     *self,
                                             KesReferral  *referral,
                                             GError      **error);

G_END_DECLS
