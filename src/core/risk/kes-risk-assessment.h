/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* A structured risk assessment (or formulation, or any form defined as data
 * by a tool definition, see src/core/risk/kes-tool-definition.h): ratings per
 * item and rating slot, free-text fields (evidence, formulation, judgements),
 * and entries of repeating groups (scenarios, strategies). It is pinned to
 * the definition it was written with: tool id + version + definition
 * version. It holds no risk level: the judgements are the clinician's words
 * and choices, never computed. Stored as the revisioned record kind
 * "risk-assessment" (see kes-store-risk.h). */

typedef enum
{
  KES_RISK_STATUS_DRAFT,
  KES_RISK_STATUS_COMPLETED,
} KesRiskStatus;

#define KES_TYPE_RISK_ASSESSMENT (kes_risk_assessment_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskAssessment, kes_risk_assessment, KES, RISK_ASSESSMENT, GObject)

KesRiskAssessment *kes_risk_assessment_new          (const char         *patient_id,
                                                     const char         *tool_id,
                                                     const char         *tool_version,
                                                     guint               def_version);
KesRiskAssessment *kes_risk_assessment_copy         (KesRiskAssessment  *self);

/* Identity, set by the store. */
const char        *kes_risk_assessment_get_id        (KesRiskAssessment *self);
gint64             kes_risk_assessment_get_revision  (KesRiskAssessment *self);
KesRecordState     kes_risk_assessment_get_state     (KesRiskAssessment *self);
void               kes_risk_assessment_set_identity  (KesRiskAssessment *self,
                                                      const char        *id,
                                                      gint64             revision,
                                                      KesRecordState     state);
const char        *kes_risk_assessment_get_author_name (KesRiskAssessment *self);
void               kes_risk_assessment_set_author_name (KesRiskAssessment *self,
                                                        const char        *name);

const char        *kes_risk_assessment_get_patient_id   (KesRiskAssessment *self);
const char        *kes_risk_assessment_get_tool_id      (KesRiskAssessment *self);
const char        *kes_risk_assessment_get_tool_version (KesRiskAssessment *self);
guint              kes_risk_assessment_get_def_version  (KesRiskAssessment *self);
/* TRUE when both were written with the same definition. */
gboolean           kes_risk_assessment_same_definition  (KesRiskAssessment *self,
                                                         KesRiskAssessment *other);

KesRiskStatus      kes_risk_assessment_get_status    (KesRiskAssessment *self);
void               kes_risk_assessment_set_status    (KesRiskAssessment *self,
                                                      KesRiskStatus      status);
/* Calendar dates are "YYYY-MM-DD". */
const char        *kes_risk_assessment_get_assessed_on (KesRiskAssessment *self);
void               kes_risk_assessment_set_assessed_on (KesRiskAssessment *self,
                                                        const char        *date);

/* Sign-off. */
const char        *kes_risk_assessment_get_completed_by    (KesRiskAssessment *self);
void               kes_risk_assessment_set_completed_by    (KesRiskAssessment *self,
                                                            const char        *name);
const char        *kes_risk_assessment_get_supervised_by   (KesRiskAssessment *self);
void               kes_risk_assessment_set_supervised_by   (KesRiskAssessment *self,
                                                            const char        *name);
const char        *kes_risk_assessment_get_mdt_reviewed_on (KesRiskAssessment *self);
void               kes_risk_assessment_set_mdt_reviewed_on (KesRiskAssessment *self,
                                                            const char        *date);
const char        *kes_risk_assessment_get_next_review_on  (KesRiskAssessment *self);
void               kes_risk_assessment_set_next_review_on  (KesRiskAssessment *self,
                                                            const char        *date);

/* Ratings: a point code of the slot's scale, NULL when unrated. */
const char        *kes_risk_assessment_get_rating    (KesRiskAssessment *self,
                                                      const char        *item_code,
                                                      const char        *slot);
void               kes_risk_assessment_set_rating    (KesRiskAssessment *self,
                                                      const char        *item_code,
                                                      const char        *slot,
                                                      const char        *point_code);
/* Fields (evidence, section text, judgements) by field id; NULL when empty. */
const char        *kes_risk_assessment_get_field     (KesRiskAssessment *self,
                                                      const char        *field_id);
void               kes_risk_assessment_set_field     (KesRiskAssessment *self,
                                                      const char        *field_id,
                                                      const char        *value);

/* Repeating groups: entries have stable ids, so a reference from another
 * group ("this strategy addresses scenario …") survives reordering. A ref
 * field's value is the referred entries' ids separated by spaces. */
char              *kes_risk_assessment_add_entry     (KesRiskAssessment *self,
                                                      const char        *group_id);
/* Removes the entry and every reference to it. */
void               kes_risk_assessment_remove_entry  (KesRiskAssessment *self,
                                                      const char        *group_id,
                                                      const char        *entry_id);
/* Entry ids in order; free with g_strfreev. */
char             **kes_risk_assessment_list_entries  (KesRiskAssessment *self,
                                                      const char        *group_id);
/* What the assessment holds, names in order (free with g_strfreev), for
 * checking it against its definition: the codes of the items rated, the
 * slots rated of item @group_or_item, the field ids, the group ids, the
 * field ids of entry @entry_id of group @group_or_item. */
typedef enum
{
  KES_RISK_HELD_RATED_ITEMS,
  KES_RISK_HELD_SLOTS,
  KES_RISK_HELD_FIELDS,
  KES_RISK_HELD_GROUPS,
  KES_RISK_HELD_ENTRY_FIELDS,
} KesRiskHeld;
char             **kes_risk_assessment_list_held     (KesRiskAssessment *self,
                                                      KesRiskHeld        part,
                                                      const char        *group_or_item,
                                                      const char        *entry_id);
const char        *kes_risk_assessment_get_entry_value (KesRiskAssessment *self,
                                                        const char        *group_id,
                                                        const char        *entry_id,
                                                        const char        *field_id);
void               kes_risk_assessment_set_entry_value (KesRiskAssessment *self,
                                                        const char        *group_id,
                                                        const char        *entry_id,
                                                        const char        *field_id,
                                                        const char        *value);

/* Sign-off checks that need no definition: who completed it, and dates
 * that parse and make sense. KesIssue list, empty when fine. */
GPtrArray         *kes_risk_assessment_validate_sign_off (KesRiskAssessment *self);

/* The revision's JSON (metadata and content) and back. */
char              *kes_risk_assessment_to_json       (KesRiskAssessment *self);
KesRiskAssessment *kes_risk_assessment_new_from_json (const char        *json,
                                                      GError           **error);

G_END_DECLS
