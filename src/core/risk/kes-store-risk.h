/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-risk-assessment.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Store access for structured risk assessments and imported tool
 * definitions (kes-store-risk.c). */

/* ---- Tool definitions imported by an administrator ---- */

/* Stores a definition's XML under tool id + version + definition version.
 * The caller has validated it (kes_tool_library_import does). Needs the
 * manage-staff permission (administrators). A definition already held
 * under the same key is KES_ERROR_CONFLICT: a changed definition needs a
 * new definition version, so assessments stay pinned to what they used. */
gboolean     kes_store_add_tool_definition    (KesStore     *self,
                                               const char   *tool_id,
                                               const char   *version,
                                               guint         def_version,
                                               const char   *title,
                                               GBytes       *xml,
                                               GError      **error);
/* The XML of every imported definition (GBytes), oldest import first. */
GPtrArray   *kes_store_list_tool_definitions  (KesStore     *self,
                                               GError      **error);

/* ---- Assessments: the revisioned record kind "risk-assessment" ---- */

/* Writes a revision of a draft: a new record when it has no id. A draft may
 * be saved as often as wanted (autosave). A stale revision is
 * KES_ERROR_CONFLICT. Needs edit-clinical for the patient. On failure
 * @assessment keeps what was typed. A completed assessment is saved only
 * by kes_store_sign_off_risk_assessment(). */
gboolean            kes_store_save_risk_assessment  (KesStore           *self,
                                                     KesRiskAssessment  *assessment,
                                                     const char         *reason,
                                                     GError            **error);
/* Completes and signs off @assessment as the actor, who types their
 * @password again (kes_store_confirm_password: signing means the signer).
 * It needs its sign-off fields (kes_risk_assessment_validate_sign_off);
 * once completed it changes only by this, with a reason. Whether every
 * item is rated depends on the definition: kes_tool_assessment_complete
 * (report) checks that before calling this. */
gboolean            kes_store_sign_off_risk_assessment (KesStore           *self,
                                                        KesRiskAssessment  *assessment,
                                                        const char         *reason,
                                                        const char         *password,
                                                        GError            **error);
KesRiskAssessment  *kes_store_load_risk_assessment  (KesStore           *self,
                                                     const char         *id,
                                                     GError            **error);
/* GListModel of KesRiskAssessment, newest assessment date first. */
GListModel         *kes_store_list_risk_assessments (KesStore           *self,
                                                     const char         *patient_id,
                                                     gboolean            include_errors,
                                                     GError            **error);

/* Days before a next review date that Today starts showing it. */
#define KES_RISK_REVIEW_WARNING_DAYS 14

G_END_DECLS
