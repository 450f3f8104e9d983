/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/kes-risk-form.h"

G_BEGIN_DECLS

/* Shared by kes-risk-form.c (building, fields, groups, autosave) and
 * kes-risk-form-sign-off.c (sign-off rows, completion check, signing). */
struct _KesRiskForm
{
  AdwBin              parent_instance;

  KesStore           *store;
  KesToolDefinition  *definition;
  KesRiskAssessment  *assessment;

  GtkWidget          *content;      /* the vertical box inside the scroller */
  GtkWidget          *groups_box;   /* rebuilt when entries come and go */
  GtkWidget          *status_label;
  GtkWidget          *check_label;  /* the completion check's summary */
  GPtrArray          *marked;       /* names of ratings marked by the check */
  GtkWidget          *complete_button;
  GPtrArray          *summary_rows; /* AdwActionRow, one per computed summary */
  GtkWidget          *completed_by;
  GtkWidget          *supervised_by;
  GtkWidget          *assessed_on;
  GtkWidget          *mdt_reviewed_on;
  GtkWidget          *next_review_on;
  guint               autosave_id;
  gboolean            building;
  GPtrArray          *pending;      /* PendingEntry, built in idle time */
  guint               pending_id;
};

/* Something the user changed: summaries follow, a draft saves shortly. */
void       kes_risk_form_changed        (KesRiskForm *self);
void       kes_risk_form_update_status  (KesRiskForm *self);
void       kes_risk_form_emit_saved     (KesRiskForm *self);
/* A wrapping, left-aligned label with an optional CSS class. */
GtkWidget *kes_risk_form_heading        (const char  *text,
                                         const char  *css);

/* kes-risk-form-sign-off.c */
void       kes_risk_form_build_sign_off (KesRiskForm *self,
                                         GtkBox      *box);
/* While the completion check shows, it follows what is changed. */
void       kes_risk_form_refresh_check  (KesRiskForm *self);

G_END_DECLS
