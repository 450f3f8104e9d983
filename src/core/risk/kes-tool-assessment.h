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
 * without a rating (a slot that does not apply is not asked for, and a
 * rating given to one is a problem too), each required judgement or
 * section field left empty, and each required field of a group entry left
 * empty. KesIssue list (field is
 * "ITEM/slot" or the field id), in the order of the form; empty when
 * complete. */
GPtrArray  *kes_tool_assessment_unrated    (KesToolDefinition  *definition,
                                            KesRiskAssessment  *assessment);

/* What the assessment holds that its form could not have given
 * (kes-tool-assessment-values.c): an item or a rating slot the definition
 * lacks, a point not on the slot's scale, a field or group the definition
 * lacks, a choice not on its scale, a date that is not one, a reference to
 * an entry not held. KesIssue list, empty when sound. */
GPtrArray  *kes_tool_assessment_check_values (KesToolDefinition  *definition,
                                              KesRiskAssessment  *assessment);

/* Whether @rating of @item is to be rated in @assessment now: always,
 * unless it depends on another slot (KesToolRating.depends_on) that holds
 * none of its points. */
gboolean    kes_tool_rating_applies        (const KesToolItem   *item,
                                            const KesToolRating *rating,
                                            KesRiskAssessment   *assessment);

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

/* One of the clinician's judgements (final opinions such as case
 * prioritisation or the recommended level of security) in two
 * assessments: the values as a reader reads them ("Medium", a date in
 * en-GB, the text), NULL when not given. */
typedef struct
{
  const KesToolField *field;
  char               *before;
  char               *after;
  gboolean            changed;
} KesToolJudgementPair;

void        kes_tool_judgement_pair_free   (KesToolJudgementPair *pair);

/* Every judgement of @definition, in its order, as @before and @after
 * hold it (KesToolJudgementPair); a comparison is not complete without
 * them, since the judgements are the clinician's conclusions. NULL, with
 * the same refusal as kes_tool_assessment_compare(), across definitions. */
GPtrArray  *kes_tool_assessment_compare_judgements (KesToolDefinition  *definition,
                                                    KesRiskAssessment  *before,
                                                    KesRiskAssessment  *after,
                                                    GError            **error);
/* "2 ratings changed · 1 judgement changed" for the heading of a comparison. */
char       *kes_tool_comparison_headline   (GPtrArray          *rating_changes,
                                            GPtrArray          *judgements);

/* "TS3 Immediacy of violence" / "H1 (wording supplied by your licence)". */
char       *kes_tool_item_describe         (const KesToolItem  *item);

/* The label of a rated point, "3" or "Yes: present"; @code when unknown. */
const char *kes_tool_point_label           (const KesToolScale *scale,
                                            const char         *code);

G_END_DECLS
