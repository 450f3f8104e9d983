/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store-referrals.h"
#include "referrals/kes-referral-form.h"

G_BEGIN_DECLS

/* Called with the saved referral after a correction went through. */
typedef void (*KesReferralCorrected) (KesReferral *saved,
                                      gpointer     user_data);

/* A window to correct a saved referral's intake details: the intake form
 * filled from @referral and a required reason; Save goes through core
 * (kes_store_correct_referral), and on failure the window stays open with
 * what was typed and the problem shown. */
GtkWidget       *kes_referral_correction_new      (GtkWindow            *parent,
                                                   KesStore             *store,
                                                   KesReferral          *referral,
                                                   KesReferralCorrected  done,
                                                   gpointer              user_data);
KesReferralForm *kes_referral_correction_get_form (GtkWidget            *window);
GtkEditable     *kes_referral_correction_get_reason (GtkWidget          *window);
/* What the Save button does; TRUE when saved (the window is then closed). */
gboolean         kes_referral_correction_save     (GtkWidget            *window);

G_END_DECLS
