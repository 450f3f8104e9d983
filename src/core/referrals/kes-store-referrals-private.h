/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-kind.h"
#include "kes-referral.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* The referral's record kind, for kes_store_save_record(), and the
 * projection row of a referral whose revision was just written
 * (kes-store-referral-kind.c). */
extern const KesRecordKind kes_referral_record_kind;

gboolean kes_store_project_referral (KesStore     *self,
                                     KesReferral  *referral,
                                     GError      **error);

/* @id is an active record of @want_kind ("patient" or "referral"): missing,
 * of another kind or entered in error is refused in plain words
 * (kes-store-referrals.c). */
gboolean kes_store_check_referral_record (KesStore    *self,
                                          const char  *id,
                                          const char  *want_kind,
                                          GError     **error);

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
