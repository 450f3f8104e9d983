/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-risk-assessment.h"
#include "kes-store.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

/* A structured risk assessment as a document (PDF and XML through the
 * report engine): the definition's citation and licence note, the
 * sign-off, every item's ratings and evidence, the groups (scenarios with
 * the strategies that address them), the summaries the definition allows
 * and the clinician's judgements. Needs the export permission. */
KesDocument *kes_report_risk_assessment (KesStore           *store,
                                         KesToolDefinition  *definition,
                                         KesRiskAssessment  *assessment,
                                         GError            **error);

/* Two assessments side by side, the changed ratings marked. Assessments of
 * different definitions give a document that says why they are not
 * compared item by item. */
KesDocument *kes_report_risk_comparison (KesStore           *store,
                                         KesToolDefinition  *definition,
                                         KesRiskAssessment  *before,
                                         KesRiskAssessment  *after,
                                         GError            **error);

G_END_DECLS
