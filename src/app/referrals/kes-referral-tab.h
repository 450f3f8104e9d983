/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_REFERRAL_TAB (kes_referral_tab_get_type ())
G_DECLARE_FINAL_TYPE (KesReferralTab, kes_referral_tab, KES, REFERRAL_TAB, AdwBin)

/* The Referral tab of the patient record: the pathway timeline (and the
 * rest of KesReferralView) of the patient's newest referral, with a choice
 * of earlier ones. */
GtkWidget *kes_referral_tab_new        (void);
void       kes_referral_tab_set_record (KesReferralTab *self,
                                        KesStore       *store,
                                        const char     *patient_id);
/* How many referrals the patient has (for tests). */
guint      kes_referral_tab_get_count  (KesReferralTab *self);

G_END_DECLS
