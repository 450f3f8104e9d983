/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-referral-stats.h"
#include "kes-referral.h"
#include "kes-risk-assessment.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* ---- Referrals (kind "referral", revisioned) ---- */

/* Validates @referral (kes_referral_validate: errors name the field, nothing
 * is saved). A referral is recorded whether or not it meets the
 * eligibility criteria (kes_referral_check_eligibility): eligibility is
 * decided on the pathway (kes_store_move_referral), so every referral
 * counts in the figures. A KES_REFERRAL_OVERRIDE_REASON given with a
 * referral that fails a check is a new override: it needs the
 * override-eligibility permission (team managers), and the store records
 * who overrode and when. A new referral starts the pathway at "received"
 * on its referral date. Needs edit-clinical for the patient. */
gboolean     kes_store_save_referral      (KesStore         *self,
                                           KesReferral      *referral,
                                           KesChangeKind     change,
                                           const char       *reason,
                                           GError          **error);
KesReferral *kes_store_load_referral      (KesStore         *self,
                                           const char       *id,
                                           GError          **error);
/* Moves @referral (as loaded: its revision must be current) to @to on
 * @date, checked by kes_referral_check_move(); records who and when.
 * Booking the assessment accepts the referral as eligible: one that fails
 * an eligibility check (and has no override yet) needs @reason and the
 * override-eligibility permission, recorded as the override. Declining and
 * redirecting (@destination: the service's name) are the other eligibility
 * decisions. On failure nothing is saved and @referral is as it was. */
gboolean     kes_store_move_referral      (KesStore         *self,
                                           KesReferral      *referral,
                                           KesReferralStage  to,
                                           const char       *date,
                                           const char       *reason,
                                           const char       *signposting,
                                           const char       *destination,
                                           GError          **error);
/* Corrects the intake details of a saved referral (@referral as loaded,
 * then edited): a new revision with @reason, which is required; the same
 * validation and eligibility checks as on creation. A stale revision is
 * KES_ERROR_CONFLICT. On failure @referral keeps what was typed. */
gboolean     kes_store_correct_referral   (KesStore         *self,
                                           KesReferral      *referral,
                                           const char       *reason,
                                           GError          **error);
/* Adds (@index -1) or changes visit @index of @referral's in-reach plan and
 * saves a revision. Recording the outcome of a planned visit is an edit;
 * changing a visit's date, unit, attendees or purpose, or an outcome
 * already recorded, is a correction and needs @reason. An outcome cannot be
 * recorded before the day of the visit; a visit entered in error cannot be
 * changed. On failure nothing is saved and @referral is as it was. */
gboolean     kes_store_save_inreach_visit (KesStore         *self,
                                           KesReferral      *referral,
                                           int               index,
                                           const KesInreachVisit *visit,
                                           const char       *reason,
                                           GError          **error);
/* Marks visit @index entered in error with @reason (required). The visit
 * stays in the record and its history; plans, Today and the in-reach plan
 * leave it out. */
gboolean     kes_store_inreach_visit_entered_in_error (KesStore    *self,
                                                       KesReferral *referral,
                                                       guint        index,
                                                       const char  *reason,
                                                       GError     **error);
/* The patient's latest signed-off structured risk assessment (newest
 * assessment date), for linking to a referral assessment through
 * KES_REFERRAL_RISK_ASSESSMENT_ID; KES_ERROR_NOT_FOUND when there is none.
 * A saved link must name a signed-off assessment of the same patient. */
KesRiskAssessment *kes_store_latest_signed_risk_assessment (KesStore    *self,
                                                            const char  *patient_id,
                                                            GError     **error);
/* Signs the referral assessment as the actor, who types their @password
 * again (kes_store_confirm_password: signing means the signer). Every
 * assessment field must be filled (kes_referral_check_assessment); then the
 * signer, their role, the time and a digest of what was signed are recorded
 * with a new revision. An assessment changed after that reads as altered
 * (kes_referral_get_sign_state) until it is signed again; the signed
 * revision stays in the history. Needs edit-clinical. */
gboolean     kes_store_sign_referral_assessment (KesStore   *self,
                                                 KesReferral *referral,
                                                 const char *password,
                                                 GError    **error);
/* For an assessment changed since it was signed off
 * (KES_REFERRAL_ASSESSMENT_ALTERED): who first changed it and when (UTC),
 * from the record's history; both NULL otherwise. Needs view-clinical. */
gboolean     kes_store_referral_alteration (KesStore     *self,
                                            KesReferral  *referral,
                                            char        **altered_by,
                                            char        **altered_at,
                                            GError      **error);
/* The eligibility checks @referral fails (kes_referral_check_eligibility
 * against the patient's date of birth), as warnings; empty when it meets
 * every criterion. Needs view-clinical. */
GPtrArray   *kes_store_referral_eligibility (KesStore       *self,
                                             KesReferral    *referral,
                                             GError        **error);
/* KesReferral*, newest referral first; @patient_id NULL for every patient
 * the actor may see; only open ones when @open_only. Entered-in-error
 * referrals are left out. Step authors' names are filled in. */
GPtrArray   *kes_store_list_referrals     (KesStore         *self,
                                           const char       *patient_id,
                                           gboolean          open_only,
                                           GError          **error);
/* Display name of a referral's patient ("" when unknown). */
char        *kes_store_referral_patient_name (KesStore      *self,
                                              const char    *patient_id);
/* Every episode of every active referral, for the pathway report
 * (KesReferralEpisode*, with the patient's ethnic category). Needs
 * view-clinical. */
GPtrArray   *kes_store_referral_episodes  (KesStore         *self,
                                           GError          **error);

/* ---- Letters attached to a referral ---- */
typedef struct
{
  char  *id;
  char  *referral_id;
  char  *file_name;
  char  *added_at;
  char  *added_by_name;
  guint  page_count;
  gint64 size;
  char  *snippet; /* search hits only: text around the match, matches in « » */
} KesReferralDocument;

void         kes_referral_document_free   (KesReferralDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesReferralDocument, kes_referral_document_free)

/* Stores a PDF letter with its page count and text (extracted by the
 * caller: core does not read PDFs). Refuses anything that does not start
 * "%PDF-". Returns the new document's id. */
char        *kes_store_add_referral_document (KesStore      *self,
                                              const char    *referral_id,
                                              const char    *file_name,
                                              GBytes        *content,
                                              guint          page_count,
                                              const char    *text,
                                              GError       **error);
/* KesReferralDocument*, oldest first. */
GPtrArray   *kes_store_list_referral_documents (KesStore    *self,
                                                const char  *referral_id,
                                                GError     **error);
GBytes      *kes_store_load_referral_document  (KesStore    *self,
                                                const char  *document_id,
                                                GError     **error);
/* Full-text search over the letters' text and file names (the last word a
 * prefix); newest first, at most @limit. */
GPtrArray   *kes_store_search_referral_documents (KesStore  *self,
                                                  const char *query,
                                                  guint      limit,
                                                  GError   **error);

G_END_DECLS
