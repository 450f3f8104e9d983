/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-referral.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_REFERRAL_FORM (kes_referral_form_get_type ())
G_DECLARE_FINAL_TYPE (KesReferralForm, kes_referral_form, KES, REFERRAL_FORM, AdwBin)

/* The referral intake form: moves values between a KesReferral and its
 * fields, shows core's issues under them and the eligibility checklist
 * (core's kes_referral_check_eligibility) as the user types. */
GtkWidget   *kes_referral_form_new            (void);
/* Fills the patient, source, level, area and legal-status choices. */
void         kes_referral_form_set_store      (KesReferralForm *self,
                                               KesStore        *store);
void         kes_referral_form_set_referral   (KesReferralForm *self,
                                               KesReferral     *referral);
/* A copy of @base (or a new referral) carrying the typed values. */
KesReferral *kes_referral_form_dup_referral   (KesReferralForm *self,
                                               KesReferral     *base);
void         kes_referral_form_select_patient (KesReferralForm *self,
                                               const char      *patient_id);
/* Shows each issue under its field (the rest in the summary). */
void         kes_referral_form_show_issues    (KesReferralForm *self,
                                               GPtrArray       *issues);
/* Shows a message that is not about one field (permission, eligibility). */
void         kes_referral_form_show_message   (KesReferralForm *self,
                                               const char      *message);
void         kes_referral_form_clear_issues   (KesReferralForm *self);
/* The number of eligibility checks failing for what is typed now. */
guint        kes_referral_form_get_n_warnings (KesReferralForm *self);

G_END_DECLS
