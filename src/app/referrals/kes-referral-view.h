/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store-referrals.h"

G_BEGIN_DECLS

#define KES_TYPE_REFERRAL_VIEW (kes_referral_view_get_type ())
G_DECLARE_FINAL_TYPE (KesReferralView, kes_referral_view, KES, REFERRAL_VIEW, AdwBin)

/* One referral: its pathway timeline, the moves core allows from where it
 * stands (asking date and reason), in-reach visits, the discharge-readiness
 * checklist and attached letters. Emits "changed" after every save. */
GtkWidget   *kes_referral_view_new          (void);
void         kes_referral_view_set_store    (KesReferralView  *self,
                                             KesStore         *store);
/* Loads and shows a referral; FALSE (and a message shown) if it can't. */
gboolean     kes_referral_view_load         (KesReferralView  *self,
                                             const char       *referral_id);
KesReferral *kes_referral_view_get_referral (KesReferralView  *self);
/* What the move buttons and their dialog do: saves through core, shows
 * the result. */
gboolean     kes_referral_view_move         (KesReferralView  *self,
                                             KesReferralStage  to,
                                             const char       *date,
                                             const char       *reason,
                                             const char       *signposting,
                                             const char       *destination,
                                             GError          **error);
/* What the visit dialog does: adds (@index -1) or changes a visit through
 * core (kes_store_save_inreach_visit), shows the result. */
gboolean     kes_referral_view_save_visit   (KesReferralView  *self,
                                             int               index,
                                             const KesInreachVisit *visit,
                                             const char       *reason,
                                             GError          **error);
gboolean     kes_referral_view_visit_entered_in_error (KesReferralView *self,
                                                       guint            index,
                                                       const char      *reason,
                                                       GError         **error);
/* The window correcting the intake details (kes-referral-correction.h),
 * not yet presented; the view reloads after a correction is saved. */
GtkWidget   *kes_referral_view_correct_details (KesReferralView *self);
/* Whether the patient's name heads the view (not inside the patient record). */
void         kes_referral_view_set_show_title (KesReferralView *self,
                                               gboolean         show);
/* The stages offered as moves now, for tests (KesReferralStage as uint). */
GArray      *kes_referral_view_get_offered  (KesReferralView  *self);
/* Page count and text of a PDF (Poppler), for attaching and search. */
gboolean     kes_referral_letter_extract    (GBytes           *pdf,
                                             guint            *n_pages,
                                             char            **text,
                                             GError          **error);

G_END_DECLS
