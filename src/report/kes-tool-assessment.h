/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-risk-assessment.h"
#include "kes-store.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

/* Rules of an assessment that need its definition: what is unrated, the
 * summaries the definition allows, completion and comparison. GTK-free, so
 * the app, the CLI and the tests apply the same rules. None of them derives
 * a risk level. */

/* Whether @assessment was written with @definition (tool id, version and
 * definition version all equal). */
gboolean    kes_tool_assessment_matches    (KesToolDefinition  *definition,
                                            KesRiskAssessment  *assessment);

/* What stops completion: every rating slot of every item and sub-item
 * without a rating, each required judgement or section field left empty, and
 * each required field of a group entry left empty. KesIssue list (field is
 * "ITEM/slot" or the field id), in the order of the form; empty when
 * complete. */
GPtrArray  *kes_tool_assessment_unrated    (KesToolDefinition  *definition,
                                            KesRiskAssessment  *assessment);

typedef struct
{
  const KesToolSummary *summary;
  int                   value;
  gboolean              has_value;  /* FALSE for a max over nothing rated */
} KesToolSummaryValue;

/* The definition's summaries computed over @assessment (KesToolSummaryValue,
 * g_free). Sums appear only where the definition allows totals. */
GPtrArray  *kes_tool_assessment_summaries  (KesToolDefinition  *definition,
                                            KesRiskAssessment  *assessment);

/* Checks the completion rules, then completes and signs off @assessment
 * with the signer's @password typed again (see
 * kes_store_sign_off_risk_assessment for the sign-off and revision rules).
 * Unrated items are KES_ERROR_INVALID naming them. On failure @assessment
 * is left as it was. */
gboolean    kes_tool_assessment_complete   (KesStore           *store,
                                            KesToolDefinition  *definition,
                                            KesRiskAssessment  *assessment,
                                            const char         *reason,
                                            const char         *password,
                                            GError            **error);

typedef struct
{
  const KesToolItem   *item;
  const KesToolRating *rating;
  char                *before;  /* point code or NULL (unrated) */
  char                *after;
} KesToolRatingChange;

void        kes_tool_rating_change_free    (KesToolRatingChange *change);

/* The item ratings that differ between @before and @after (KesToolRatingChange),
 * in the order of the form. Both must have been written with @definition:
 * assessments of different definitions (another tool, version or definition
 * version) are refused with KES_REPORT_ERROR_INVALID saying why, because
 * their items need not mean the same. */
GPtrArray  *kes_tool_assessment_compare    (KesToolDefinition  *definition,
                                            KesRiskAssessment  *before,
                                            KesRiskAssessment  *after,
                                            GError            **error);

/* "TS3 Immediacy of violence" / "H1 (wording supplied by your licence)". */
char       *kes_tool_item_describe         (const KesToolItem  *item);

/* The label of a rated point, "3" or "Yes: present"; @code when unknown. */
const char *kes_tool_point_label           (const KesToolScale *scale,
                                            const char         *code);

G_END_DECLS
