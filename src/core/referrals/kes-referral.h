/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-referral-pathway.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* Code lists for referrals (data/codes/…). */
#define KES_CODES_REFERRAL_SOURCE    "referral-source"    /* internal-ward, external-hospital */
#define KES_CODES_SECURITY_LEVEL     "security-level"     /* low, medium, high */

#define KES_REFERRAL_DECISION_ACCEPT  "accept"
#define KES_REFERRAL_DECISION_DECLINE "decline"

/* The text fields of a referral, by number (for forms and JSON). */
typedef enum
{
  KES_REFERRAL_PATIENT_ID,
  KES_REFERRAL_DATE,               /* YYYY-MM-DD: the day the referral arrived */
  KES_REFERRAL_REFERRER,           /* who referred: name and role */
  KES_REFERRAL_REFERRER_CONTACT,
  KES_REFERRAL_SOURCE,             /* KES_CODES_REFERRAL_SOURCE */
  KES_REFERRAL_UNIT,               /* the ward or hospital */
  KES_REFERRAL_SECURITY_LEVEL,     /* KES_CODES_SECURITY_LEVEL */
  KES_REFERRAL_AREA,               /* KES_CODES_REFERRAL_AREA */
  KES_REFERRAL_REASON,
  KES_REFERRAL_LEGAL_STATUS,       /* KES_CODES_LEGAL_STATUS, may be empty */
  KES_REFERRAL_INDEX_OFFENCE,
  KES_REFERRAL_EXPECTED_DISCHARGE, /* YYYY-MM-DD, may be empty */
  KES_REFERRAL_OVERRIDE_REASON,    /* why a referral failing a check goes ahead */
  KES_REFERRAL_OVERRIDE_BY,        /* staff id, set by the store */
  KES_REFERRAL_OVERRIDE_AT,        /* UTC time, set by the store */
  /* The referral assessment (kes_store_sign_referral_assessment) */
  KES_REFERRAL_ASSESSMENT_DATE,    /* YYYY-MM-DD */
  KES_REFERRAL_HISTORY,
  KES_REFERRAL_MENTAL_STATE,
  KES_REFERRAL_RISK_SUMMARY,
  KES_REFERRAL_NEEDS,
  KES_REFERRAL_RECOMMENDATION,
  KES_REFERRAL_DECISION,           /* KES_REFERRAL_DECISION_* */
  KES_REFERRAL_SIGNED_BY,          /* staff id, set by the store at sign-off */
  KES_REFERRAL_SIGNED_AT,          /* UTC time, set by the store at sign-off */
  KES_REFERRAL_RISK_ASSESSMENT_ID, /* the signed structured risk assessment the risk summary draws on */
  KES_REFERRAL_SIGNED_ROLE,        /* the signer's role when they signed, set by the store */
  KES_REFERRAL_SIGNED_DIGEST,      /* SHA-256 of the assessment as signed (kes_referral_assessment_digest) */
  KES_REFERRAL_N_TEXT_FIELDS
} KesReferralField;

/* Whether the assessment stands as it was signed off. */
typedef enum
{
  KES_REFERRAL_ASSESSMENT_UNSIGNED,
  KES_REFERRAL_ASSESSMENT_SIGNED,
  KES_REFERRAL_ASSESSMENT_ALTERED, /* changed since it was signed: sign it again */
} KesReferralSignState;

/* One step on the pathway: where to, the day it happened, and who recorded
 * it, when and why. */
typedef struct
{
  KesReferralStage  stage;
  char             *date;        /* YYYY-MM-DD */
  char             *recorded_at; /* UTC time */
  char             *by_id;       /* staff id */
  char             *by_name;     /* filled on load, for display */
  char             *reason;
  char             *signposting; /* declines: where the referrer was pointed */
  char             *destination; /* transfers: KES_REFERRAL_TRANSFER_* */
} KesReferralStep;

KesReferralStep *kes_referral_step_copy (const KesReferralStep *step);
void             kes_referral_step_free (KesReferralStep       *step);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesReferralStep, kes_referral_step_free)

#define KES_TYPE_REFERRAL (kes_referral_get_type ())
G_DECLARE_FINAL_TYPE (KesReferral, kes_referral, KES, REFERRAL, GObject)

KesReferral      *kes_referral_new            (void);
const char       *kes_referral_get_id         (KesReferral      *self);
gint64            kes_referral_get_revision   (KesReferral      *self);
KesRecordState    kes_referral_get_state      (KesReferral      *self);
void              kes_referral_set_identity   (KesReferral      *self,
                                               const char       *id,
                                               gint64            revision,
                                               KesRecordState    state);
/* Never NULL ("" when empty). */
const char       *kes_referral_get_text       (KesReferral      *self,
                                               KesReferralField  field);
void              kes_referral_set_text       (KesReferral      *self,
                                               KesReferralField  field,
                                               const char       *text);
/* "Currently an inpatient in a secure service" as the referrer states it. */
gboolean          kes_referral_get_inpatient  (KesReferral      *self);
void              kes_referral_set_inpatient  (KesReferral      *self,
                                               gboolean          inpatient);

/* The pathway so far, oldest first (KesReferralStep*, owned by @self). A
 * new referral has none until it is saved: the store adds "received" dated
 * the referral date. */
GPtrArray        *kes_referral_get_steps      (KesReferral      *self);
void              kes_referral_append_step    (KesReferral      *self,
                                               const KesReferralStep *step);
KesReferralStage  kes_referral_get_stage      (KesReferral      *self);
/* The date the current stage began ("" before the first step). */
const char       *kes_referral_get_stage_date (KesReferral      *self);
/* Whole calendar days in the current stage up to @today. */
int               kes_referral_days_in_stage  (KesReferral      *self,
                                               const GDate      *today);

/* A SHA-256 (hex) over the assessment as it reads: date, history, mental
 * state, risk summary and its linked risk assessment, needs,
 * recommendation and decision. Pure. */
char             *kes_referral_assessment_digest (KesReferral   *self);
/* Signed, and unchanged since (its digest matches the one stored at
 * signing); a sign-off from before digests were kept counts as standing. */
KesReferralSignState kes_referral_get_sign_state (KesReferral   *self);

/* The assessment fields a sign-off needs, as KesIssue errors naming each
 * one missing (empty when it can be signed). */
GPtrArray        *kes_referral_check_assessment (KesReferral    *self);

/* Whether the referral may be accepted: its assessment must be signed off,
 * recommending acceptance (a decision is made on a finished, owned
 * assessment). FALSE with a KES_ERROR_INVALID error saying what to do. */
gboolean          kes_referral_check_acceptance (KesReferral    *self,
                                                 GError        **error);

/* Errors block saving and name the field: a missing area, a
 * discharge date before the referral date, … (KesIssue*, errors only). */
GPtrArray        *kes_referral_validate       (KesReferral      *self);
/* The eligibility checklist against @birth_date (the patient's, may be
 * NULL) and @catchment (the areas as they stand, kes_store_get_catchment):
 * inpatient in a secure service, aged 18 or over on the referral date,
 * area in the catchment (in use, the team's own or external). Failed checks come back as warnings
 * (KesIssue*, field "inpatient", "age" or "area"); an empty array when the
 * referral meets every criterion. A manager may override the warnings with
 * a reason (KES_REFERRAL_OVERRIDE_REASON). */
GPtrArray        *kes_referral_check_eligibility (KesReferral         *self,
                                                  const char          *birth_date,
                                                  const KesCatchment  *catchment);
/* What the referral form says beside the area as it is chosen, in plain
 * words: NULL for an area in the catchment (or none chosen); for one
 * outside it, that the referral is recorded all the same and what can be
 * decided; for a retired one, that it stays only on a referral that
 * already had it (@kept: this referral was saved with it), or that a new
 * referral needs the area the person will live in. Saving stays allowed
 * wherever core allows it. Pure. */
char             *kes_referral_area_note        (const KesCatchment  *catchment,
                                                 const char          *area,
                                                 gboolean             kept);

/* ---- In-reach planning ---- */

/* A visit to the unit before discharge: planned (no outcome yet) or held. */
typedef struct
{
  char *date;      /* YYYY-MM-DD */
  char *unit;
  char *attendees;
  char *purpose;
  char *outcome;   /* empty while the visit is only planned */
  char *error_reason; /* set when the visit was entered in error: kept, not shown as planned or held */
} KesInreachVisit;

KesInreachVisit *kes_inreach_visit_copy (const KesInreachVisit *visit);
void             kes_inreach_visit_free (KesInreachVisit       *visit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesInreachVisit, kes_inreach_visit_free)

/* The discharge-readiness checklist: fixed items, each with a status, an
 * owner and a due date. */
typedef enum
{
  KES_READINESS_ACCOMMODATION,
  KES_READINESS_GP_REGISTRATION,
  KES_READINESS_BENEFITS,
  KES_READINESS_MEDICATION,        /* supply and prescriber */
  KES_READINESS_S117,              /* section 117 aftercare arrangements */
  KES_READINESS_CPA_REVIEW,        /* CPA / first community review booked */
  KES_READINESS_CRISIS_PLAN,
  KES_READINESS_CARER_INVOLVEMENT,
  KES_READINESS_MAPPA,             /* MAPPA notification */
  KES_READINESS_MOJ_CONDITIONS,    /* Ministry of Justice conditions known */
  KES_READINESS_N_ITEMS
} KesReadinessItem;

typedef enum
{
  KES_READINESS_NOT_STARTED,
  KES_READINESS_IN_PROGRESS,
  KES_READINESS_DONE,
  KES_READINESS_NOT_APPLICABLE,
  KES_READINESS_N_STATUSES
} KesReadinessStatus;

typedef struct
{
  KesReadinessStatus  status;
  char               *owner;    /* who is doing it */
  char               *due_date; /* YYYY-MM-DD or NULL */
  char               *note;
} KesReadinessTask;

const char       *kes_readiness_item_to_string   (KesReadinessItem    item);
const char       *kes_readiness_item_label       (KesReadinessItem    item);
const char       *kes_readiness_status_to_string (KesReadinessStatus  status);
gboolean          kes_readiness_status_from_string (const char       *text,
                                                    KesReadinessStatus *status);
const char       *kes_readiness_status_label     (KesReadinessStatus  status);
/* Whether the task still needs doing (not done, not "not applicable"). */
gboolean          kes_readiness_task_is_pending  (const KesReadinessTask *task);

/* KesInreachVisit*, in date order, owned by @self. */
GPtrArray        *kes_referral_get_visits        (KesReferral      *self);
void              kes_referral_add_visit         (KesReferral      *self,
                                                  const KesInreachVisit *visit);
void              kes_referral_remove_visit      (KesReferral      *self,
                                                  guint             index);
/* Replaces visit @index with a copy of @visit (the list stays in date order). */
void              kes_referral_replace_visit     (KesReferral      *self,
                                                  guint             index,
                                                  const KesInreachVisit *visit);
/* Whether the visit still counts (not entered in error). */
gboolean          kes_inreach_visit_is_active    (const KesInreachVisit *visit);
/* Owned by @self; never NULL. */
const KesReadinessTask *kes_referral_get_readiness (KesReferral    *self,
                                                    KesReadinessItem item);
void              kes_referral_set_readiness     (KesReferral      *self,
                                                  KesReadinessItem  item,
                                                  KesReadinessStatus status,
                                                  const char       *owner,
                                                  const char       *due_date,
                                                  const char       *note);
/* Items done or not applicable, out of KES_READINESS_N_ITEMS. */
guint             kes_referral_readiness_complete (KesReferral     *self);

char             *kes_referral_to_json        (KesReferral      *self);
gboolean          kes_referral_load_json      (KesReferral      *self,
                                               const char       *json,
                                               GError          **error);

G_END_DECLS
