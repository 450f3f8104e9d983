/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"
#include "kes-store-referrals.h"
#include "referrals/kes-referral-form.h"
#include "referrals/kes-referral-view.h"

G_BEGIN_DECLS

#define KES_TYPE_REFERRALS_PAGE (kes_referrals_page_get_type ())
G_DECLARE_FINAL_TYPE (KesReferralsPage, kes_referrals_page, KES, REFERRALS_PAGE, AdwBin)

/* The Referrals area: open referrals with their stage and days in stage
 * (amber and red past the referral-amber-days / referral-red-days settings
 * while a referral awaits a decision), filtered by stage, source and area
 * and searched by name, unit or referrer; a referral opens in a
 * KesReferralView; "New Referral…" opens the intake form. */
GtkWidget       *kes_referrals_page_new            (void);
/* The "context" property: the list loads, and loads again when a referral
 * or a patient is saved (KesContext::changed). */
void             kes_referrals_page_set_context    (KesReferralsPage *self,
                                                    KesContext       *context);
/* Loads now (what another program wrote). */
void             kes_referrals_page_reload         (KesReferralsPage *self);
/* Opens the intake form in its own window, and returns the form. */
KesReferralForm *kes_referrals_page_new_referral   (KesReferralsPage *self);
/* Saves what the open intake form holds (the window's Save button);
 * closes the window and opens the new referral on success. */
gboolean         kes_referrals_page_save_intake    (KesReferralsPage *self);
void             kes_referrals_page_open_referral  (KesReferralsPage *self,
                                                    const char       *referral_id);
/* From a referral's details back to the list (Alt+Left, the Back
 * button); FALSE when the list is shown already. */
gboolean         kes_referrals_page_go_back        (KesReferralsPage *self);
KesReferralView *kes_referrals_page_get_view       (KesReferralsPage *self);
/* Whether the list is loading in its worker (for tests). */
gboolean         kes_referrals_page_is_loading     (KesReferralsPage *self);
/* Rows shown: KesReferral in list order, for tests. */
GPtrArray       *kes_referrals_page_get_shown      (KesReferralsPage *self);

/* Pure helpers, tested without a display. */
typedef enum
{
  KES_REFERRAL_WAIT_OK,
  KES_REFERRAL_WAIT_AMBER,
  KES_REFERRAL_WAIT_RED,
} KesReferralWait;

/* Amber from @amber_days, red from @red_days, for stages awaiting a
 * decision (received to assessed); OK otherwise. */
KesReferralWait  kes_referrals_wait_level          (KesReferralStage  stage,
                                                    int               days,
                                                    guint             amber_days,
                                                    guint             red_days);
/* The colour of shown row @index, from the thresholds in settings (for tests). */
KesReferralWait  kes_referrals_page_get_shown_wait (KesReferralsPage *self,
                                                    guint             index);

/* The list's orders, as in the sort drop-down. */
typedef enum
{
  KES_REFERRALS_SORT_LONGEST_WAIT, /* most days in the current stage first */
  KES_REFERRALS_SORT_NEWEST,       /* latest referral date first */
  KES_REFERRALS_SORT_NAME,         /* patient name, A to Z */
  KES_REFERRALS_SORT_STAGE,        /* pathway order, earliest stage first */
  KES_REFERRALS_N_SORTS
} KesReferralsSort;

/* Ties fall back to days in stage, then the id, so the order is stable. */
int              kes_referrals_compare             (KesReferral      *a,
                                                    KesReferral      *b,
                                                    KesReferralsSort  sort,
                                                    const char       *name_a,
                                                    const char       *name_b,
                                                    const GDate      *today);
/* Whether a referral passes the filters (NULL/"" = any). */
gboolean         kes_referrals_matches             (KesReferral      *referral,
                                                    const char       *patient_name,
                                                    const char       *search,
                                                    const char       *stage,
                                                    const char       *source,
                                                    const char       *area);

G_END_DECLS
