/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "referrals/kes-referral-assessment.h"
#include "referrals/kes-referral-view.h"

G_BEGIN_DECLS

/* Shared by kes-referral-view.c and its parts (kes-referral-view-visits.c). */
struct _KesReferralView
{
  AdwBin        parent_instance;

  KesStore     *store;
  KesReferral  *referral;
  GArray       *offered;
  GtkWidget    *status_fields[KES_READINESS_N_ITEMS];
  GtkWidget    *owner_fields[KES_READINESS_N_ITEMS];
  GtkWidget    *due_fields[KES_READINESS_N_ITEMS];

  GtkLabel     *title_label;
  GtkLabel     *stage_label;
  GtkLabel     *details_label;
  GtkLabel     *clocks_label;
  GtkLabel     *eligibility_label;
  GtkLabel     *message_label;
  GtkBox       *moves_box;
  GtkListBox   *timeline_list;
  GtkBox       *signposting_slot;
  GtkListBox   *visits_list;
  GtkListBox   *readiness_list;
  GtkLabel     *readiness_heading;
  GtkListBox   *letters_list;
  KesReferralAssessment *assessment;
  GtkWidget    *correction_window;
};

/* The message line above the stages: a refusal, read where it is shown. */
void         kes_referral_view_show_message           (KesReferralView *self,
                                                       const char      *message);
void         kes_referral_view_emit_changed           (KesReferralView *self);
/* A copy to change and save, so a refused save leaves the shown one as it was. */
KesReferral *kes_referral_view_copy_referral          (KesReferral     *referral);
/* A mnemonic caption and an entry, appended to @box: the entry. */
GtkWidget   *kes_referral_view_labelled_entry         (GtkWidget       *box,
                                                       const char      *label,
                                                       const char      *text);

/* kes-referral-view-visits.c: in-reach visits. */
void         kes_referral_view_add_visit_clicked_cb   (KesReferralView *self);
void         kes_referral_view_edit_visit_clicked_cb  (GtkButton       *button,
                                                       KesReferralView *self);
void         kes_referral_view_visit_error_clicked_cb (GtkButton       *button,
                                                       KesReferralView *self);

G_END_DECLS
