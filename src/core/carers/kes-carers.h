/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Carers: the register, links to patients, consent to share, what was
 * shared, carer's assessments (Care Act 2014 s10) and involvement. The
 * rules are here and in kes-store-carers.c; the app only shows them. */

#define KES_CODES_CARER_INFORMATION       "carer-information"
#define KES_CODES_CARER_CONSENT_STATUS    "carer-consent-status"
#define KES_CODES_CARER_PREFERRED_CONTACT "carer-preferred-contact"
#define KES_CODES_CARER_ASSESSMENT_STATUS "carer-assessment-status"
#define KES_CODES_CARER_ELIGIBILITY       "carer-eligibility-outcome"
#define KES_CODES_CARER_INVOLVEMENT       "carer-involvement-type"

/* The one information category that never needs the patient's consent:
 * conditions, medicines in general, how services and the MHA work, the
 * keyworker's contact, discharge arrangements affecting the carer, how to
 * get a carer's assessment. */
#define KES_CARER_INFO_GENERAL "general"

/* carer: name, address, phone, email, preferred_contact, young_carer,
 *   named_contact_id (staff: the carer's named contact in the team), notes.
 * carer-link (per patient): carer_id, relationship, main_carer, ended_on.
 * carer-consent (per patient, one per patient–carer pair, revised over
 *   time): carer_id, status, scope (carer-information codes), decided_on,
 *   recorded_by, review_date, notes.
 * carer-share (per patient): carer_id, shared_on, categories, summary,
 *   basis ("consent" or "general"), consent_id, consent_revision, shared_by.
 * carer-assessment (patient optional): carer_id, status, offered_on,
 *   assessed_on, assessor_id, able_to_care, willing_to_care, future_caring,
 *   wellbeing_impact, outcomes_wanted, support_would_help,
 *   work_education_recreation, people_involved, needs_from_caring,
 *   outcomes_unachievable (carer-eligibility-outcome codes),
 *   significant_impact, eligible (set by the store), support_plan, review_date.
 * carer-involvement (patient optional): carer_id, occurred_on, involvement,
 *   summary. */
extern const KesRecordKind kes_carer_kind;
extern const KesRecordKind kes_carer_link_kind;
extern const KesRecordKind kes_carer_consent_kind;
extern const KesRecordKind kes_carer_share_kind;
extern const KesRecordKind kes_carer_assessment_kind;
extern const KesRecordKind kes_carer_involvement_kind;

/* ---- What can be shared (pure) ---- */
typedef enum
{
  KES_SHARE_GENERAL,      /* general information: no consent needed */
  KES_SHARE_CONSENTED,    /* in the scope of consent given */
  KES_SHARE_NO_CONSENT,   /* no consent recorded for this carer */
  KES_SHARE_REFUSED,
  KES_SHARE_WITHDRAWN,    /* takes effect at once */
  KES_SHARE_OUT_OF_SCOPE, /* consent given, but not for this */
} KesShareDecision;

/* Whether @category may be discussed with the carer now, under @consent
 * (the current consent record for the pair, or NULL when there is none).
 * Withdrawn and refused consent allow only general information. A review
 * date that has passed does not end consent (the review shows in Today). */
KesShareDecision kes_carer_share_decision      (KesFieldRecord   *consent,
                                                const char       *category);
gboolean         kes_share_decision_allows     (KesShareDecision  decision);
/* "Diagnosis: may be discussed (consent given on 3 Nov 2026)" and the like. */
char            *kes_carer_share_explain       (KesFieldRecord   *consent,
                                                const char       *category);
/* Every carer-information code that may be discussed now, in list order. */
GStrv            kes_carer_shareable_categories (KesFieldRecord  *consent);

/* A part of something written or shown to a carer, tagged with the
 * information category it discloses. */
typedef struct
{
  char *category;
  char *heading;
  char *text;
} KesCarerSection;

KesCarerSection *kes_carer_section_new         (const char       *category,
                                                const char       *heading,
                                                const char       *text);
void             kes_carer_section_free        (KesCarerSection  *section);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesCarerSection, kes_carer_section_free)

/* The sections of @sections (KesCarerSection) that may be shown to the
 * carer under @consent, in order (new array, sections copied). The labels
 * of categories left out go to @withheld when not NULL. Carer views and
 * carer-facing letters both go through this. */
GPtrArray       *kes_carer_filter_sections     (KesFieldRecord   *consent,
                                                GPtrArray        *sections,
                                                GStrv            *withheld);

/* Care Act eligibility: needs arise from caring, the carer's health is at
 * risk or at least one outcome can't be achieved, and there is (or is
 * likely to be) a significant impact on wellbeing. */
gboolean         kes_carer_assessment_is_eligible (KesFieldRecord *assessment);

/* ---- In the store (kes-store-carers.c) ---- */
/* Saves any carer record kind above after its rules: permissions
 * (edit-carers), the carer exists, dates make sense, one consent record per
 * patient–carer pair, one open link per pair; a share is refused when its
 * categories may not be discussed now (and records the consent it relied
 * on); an assessment's "eligible" is worked out here, and any sign-off on
 * it is cleared (kes_store_sign_carer_assessment signs). */
gboolean         kes_store_save_carer_record   (KesStore         *store,
                                                KesFieldRecord   *record,
                                                KesChangeKind     change,
                                                const char       *reason,
                                                GError          **error);
/* Signs off a completed carer's assessment as the actor, who types their
 * @password again (kes_store_confirm_password: signing means the signer):
 * records the signer, their role and the time with a new revision. Saving
 * the assessment again takes the sign-off away until it is signed again.
 * Needs edit-carers. */
gboolean         kes_store_sign_carer_assessment (KesStore       *store,
                                                  KesFieldRecord *assessment,
                                                  const char     *password,
                                                  GError        **error);
/* One record of a carer kind, needs view-carers. */
KesFieldRecord  *kes_store_load_carer_record   (KesStore            *store,
                                                const KesRecordKind *kind,
                                                const char          *id,
                                                GError             **error);
/* Every active carer, by name. */
GPtrArray       *kes_store_list_carers         (KesStore         *store,
                                                GError          **error);
/* Active records of @kind (not the carer kind) for a carer and/or a
 * patient (NULL for any), newest first. */
GPtrArray       *kes_store_list_carer_records  (KesStore            *store,
                                                const KesRecordKind *kind,
                                                const char          *carer_id,
                                                const char          *patient_id,
                                                GError             **error);
/* The consent record for a pair, or NULL (error unset) when none. */
KesFieldRecord  *kes_store_find_carer_consent  (KesStore         *store,
                                                const char       *patient_id,
                                                const char       *carer_id,
                                                GError          **error);

G_END_DECLS
