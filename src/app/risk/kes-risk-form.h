/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-risk-assessment.h"
#include "kes-store.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_FORM (kes_risk_form_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskForm, kes_risk_form, KES, RISK_FORM, AdwBin)

/* The one form engine for data-defined forms: builds the widgets for any
 * KesToolDefinition (sections, items with their rating slots as toggle
 * groups or drop-downs, evidence, repeating groups with add/remove and
 * references, summaries where allowed, judgements, completion check and
 * sign-off) and edits a KesRiskAssessment in place. A draft is saved
 * shortly after each change (autosave); a completed assessment changes only
 * by a revision with a reason. Rating controls are named
 * "rating:<item>:<slot>:<point>" for tests. */
GtkWidget          *kes_risk_form_new            (KesStore           *store,
                                                  KesToolDefinition  *definition,
                                                  KesRiskAssessment  *assessment);
KesRiskAssessment  *kes_risk_form_get_assessment (KesRiskForm        *self);
KesToolDefinition  *kes_risk_form_get_definition (KesRiskForm        *self);
/* Saves a draft now (what autosave does after a pause). */
gboolean            kes_risk_form_save_draft     (KesRiskForm        *self,
                                                  GError            **error);
/* Builds the items still waiting for idle time (a long form shows its
 * first items at once and adds the rest while the user reads). */
void                kes_risk_form_finish_building (KesRiskForm       *self);
/* The completion check, shown under the form: the number of problems. */
guint               kes_risk_form_check          (KesRiskForm        *self);
/* Completes and signs off with the signer's @password typed again (the
 * Complete and Sign Off button asks for it); @reason for a revision of a
 * completed one. */
gboolean            kes_risk_form_complete       (KesRiskForm        *self,
                                                  const char         *reason,
                                                  const char         *password,
                                                  GError            **error);

G_END_DECLS
