/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store-referrals.h"

G_BEGIN_DECLS

#define KES_TYPE_REFERRAL_ASSESSMENT (kes_referral_assessment_get_type ())
G_DECLARE_FINAL_TYPE (KesReferralAssessment, kes_referral_assessment, KES, REFERRAL_ASSESSMENT, AdwBin)

/* The referral assessment form (history, mental state, risk summary,
 * needs, recommendation, decision) with saving and sign-off through core,
 * and the assessment and in-reach plan as PDF previews. Emits "saved" with
 * the saved KesReferral. */
GtkWidget   *kes_referral_assessment_new          (void);
void         kes_referral_assessment_set_store    (KesReferralAssessment *self,
                                                   KesStore              *store);
void         kes_referral_assessment_set_referral (KesReferralAssessment *self,
                                                   KesReferral           *referral);
/* What the Save button does. */
gboolean     kes_referral_assessment_save         (KesReferralAssessment *self);
/* What the Sign Off button does: asks for the password again
 * (kes-signature-dialog.h), then kes_referral_assessment_sign(). */
void         kes_referral_assessment_ask_to_sign  (KesReferralAssessment *self);
/* Signs off what is typed, with the signer's @password; a refusal is shown
 * in the form, and what was typed stays. */
gboolean     kes_referral_assessment_sign         (KesReferralAssessment  *self,
                                                   const char             *password,
                                                   GError                **error);
/* The preview window opened by the PDF buttons (for tests); NULL on error. */
GtkWidget   *kes_referral_assessment_preview      (KesReferralAssessment *self,
                                                   gboolean               plan);

G_END_DECLS
