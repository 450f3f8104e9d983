/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_VIEW (kes_risk_view_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskView, kes_risk_view, KES, RISK_VIEW, AdwBin)

/* The Risk tab of a patient record: the timeline of structured risk
 * assessments (newest first), "New assessment" from any installed
 * definition, the generated form, a side-by-side comparison with the
 * previous assessment of the same definition, and the trend chart. */
GtkWidget *kes_risk_view_new            (void);
void       kes_risk_view_set_record     (KesRiskView *self,
                                         KesStore    *store,
                                         const char  *patient_id);
void       kes_risk_view_reload         (KesRiskView *self);
/* Starts a new assessment with the definition of @tool_id (the newest
 * installed version); returns the form, or NULL when there is no such tool. */
GtkWidget *kes_risk_view_start          (KesRiskView *self,
                                         const char  *tool_id);
/* The timeline's list (for tests). */
GtkListBox *kes_risk_view_get_list      (KesRiskView *self);
/* Shows the list again. */
void       kes_risk_view_show_list      (KesRiskView *self);

G_END_DECLS
