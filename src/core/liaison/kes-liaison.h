/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-disclosure.h"
#include "kes-field-record.h"
#include "kes-referral.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Liaison and diversion: a lightweight screening record for people who may
 * not be on the caseload (police custody, courts, probation, prison), which
 * can become a patient record without retyping. */

#define KES_CODES_LD_SETTING       "ld-setting"
#define KES_CODES_LD_SOURCE        "ld-referral-source"
#define KES_CODES_LD_VULNERABILITY "ld-vulnerability"
#define KES_CODES_LD_OUTCOME       "ld-outcome"

/* Fields: family_name, given_name, birth_date, gender, ethnicity,
 * nhs_number, address, postcode (who); screened_on, setting,
 * referral_source, source_detail (where and why); vulnerabilities,
 * screening_notes; outcome, referred_to (named services), outcome_notes;
 * offence, legal_situation, legal_status (legal);
 * mappa_liaison, mappa_category, mappa_level, mappa_notes;
 * converted_patient_id, converted_referral_id (set by the store). */
extern const KesRecordKind kes_screening_kind;

KesFieldRecord *kes_screening_new (void);

/* ---- A screening made into a referral ---- */

/* The referral source code for referrals made from a screening
 * (KES_CODES_REFERRAL_SOURCE). */
#define KES_REFERRAL_SOURCE_LIAISON "liaison-diversion"

/* What a referral needs that a screening does not hold: where the person
 * will live after discharge, the secure service they are in (if any), and
 * a manager's reason when the referral does not meet the criteria. */
typedef struct
{
  const char *area;            /* KES_CODES_REFERRAL_AREA */
  const char *security_level;  /* KES_CODES_SECURITY_LEVEL, NULL when none */
  gboolean    inpatient;       /* currently an inpatient in a secure service */
  const char *override_reason; /* NULL unless overriding the criteria */
} KesScreeningReferral;

/* A new referral (not saved) with the screening's details carried over:
 * referral date @referral_date (YYYY-MM-DD); source "liaison and
 * diversion"; @referrer (the practitioner making it); the referrer's contact
 * from the screening's referrer; unit = the setting where the person was
 * seen; legal status and alleged offence; and a reason written from the
 * screening (date and setting, who asked for it, legal situation,
 * vulnerabilities identified, notes, outcome, MAPPA). The patient id is
 * left for the store to fill in. Pure. */
KesReferral    *kes_screening_build_referral (KesFieldRecord             *screening,
                                              const KesScreeningReferral *details,
                                              const char                 *referral_date,
                                              const char                 *referrer);

/* Counts for the activity report. Arrays follow the order of their code
 * lists (kes_code_list_get_n_codes). */
typedef struct
{
  guint  total;
  guint  mappa_liaison;
  guint  converted;
  guint  referred_onward;    /* screenings with a referral to a directory service */
  guint  n_settings;
  guint  n_sources;
  guint  n_outcomes;
  guint  n_vulnerabilities;
  guint  n_genders;
  guint  n_ethnicities;
  guint *by_setting;
  guint *by_source;
  guint *by_outcome;
  guint *by_vulnerability;
  guint *by_gender;          /* KES_CODES_GENDER */
  guint *by_ethnicity;       /* KES_CODES_ETHNIC_CATEGORY */
  guint *by_setting_outcome; /* [setting * n_outcomes + outcome] */
  KesDisclosure disclosure;  /* how counts are shown (the published rule unless set) */
} KesLiaisonActivity;

/* Counts @screenings (KesFieldRecord of kes_screening_kind); pure. */
KesLiaisonActivity *kes_liaison_activity_count (GPtrArray          *screenings);
void                kes_liaison_activity_free  (KesLiaisonActivity *activity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesLiaisonActivity, kes_liaison_activity_free)

/* The activity report's counts as they may be shown outside the team, with
 * the equality report's rule (kes-equality.h): settings, sources and
 * outcomes each divide the screenings, so each is a column with the total
 * (primary and complementary suppression); vulnerabilities overlap (one
 * person may have several), so each count is only hidden from 1 to 4, as
 * are the MAPPA and converted counts and a total from 1 to 4. Returns
 * n + 1 texts for a column (the last is the total). */
typedef enum
{
  KES_LIAISON_BY_SETTING,
  KES_LIAISON_BY_SOURCE,
  KES_LIAISON_BY_VULNERABILITY,
  KES_LIAISON_BY_OUTCOME,
  KES_LIAISON_BY_GENDER,
  KES_LIAISON_BY_ETHNICITY,
  KES_LIAISON_N_BREAKDOWNS
} KesLiaisonBreakdown;

const char         *kes_liaison_breakdown_label    (KesLiaisonBreakdown  breakdown);
/* The code list behind @breakdown. */
const char         *kes_liaison_breakdown_codes    (KesLiaisonBreakdown  breakdown);
GStrv               kes_liaison_activity_shown     (KesLiaisonActivity  *activity,
                                                    KesLiaisonBreakdown  breakdown);

/* ---- In the store (kes-store-liaison.c); view-clinical / edit-clinical ---- */
/* Checks the fields, an NHS number's check digit, that named services are
 * given for a referral outcome and that MAPPA details come with MAPPA
 * liaison; a converted screening keeps its link to the patient. */
gboolean        kes_store_save_screening    (KesStore        *store,
                                             KesFieldRecord  *screening,
                                             KesChangeKind    change,
                                             const char      *reason,
                                             GError         **error);
KesFieldRecord *kes_store_load_screening    (KesStore        *store,
                                             const char      *id,
                                             GError         **error);
/* Screenings dated in [from, to] (YYYY-MM-DD, inclusive, NULL for
 * open-ended), newest first. */
GPtrArray      *kes_store_list_screenings   (KesStore        *store,
                                             const char      *from,
                                             const char      *to,
                                             GError         **error);
/* The activity counts for [from, to] (inclusive), with how many of those
 * screenings led to a referral to a directory service; needs view-clinical
 * (liaison and diversion practitioners, clinicians, team managers). The run
 * is written to the access log (counts only). */
KesLiaisonActivity *kes_store_liaison_activity (KesStore      *store,
                                                const char    *from,
                                                const char    *to,
                                                GError       **error);
/* Creates a patient record from @screening (as loaded: its revision must be
 * current) in @team_id, carrying over name, date of birth, gender, ethnic
 * category, NHS number, address, MAPPA details and the screening date as the
 * referral date, and records the new patient's id on the screening — all in
 * one transaction. Needs edit-identity and edit-clinical. A screening
 * already converted is refused (KES_ERROR_CONFLICT); a patient that fails
 * validation names the field to complete on the screening first. */
KesPatient     *kes_store_convert_screening (KesStore        *store,
                                             KesFieldRecord  *screening,
                                             const char      *team_id,
                                             GError         **error);

/* Makes @screening (as loaded: its revision must be current) into a
 * referral on the referral pathway, dated today, with its details carried
 * over (kes_screening_build_referral; the referrer is the signed-in member
 * of staff). The referral is for the patient record already made from the
 * screening, or for a new one made in @team_id as
 * kes_store_convert_screening() does. The referral is checked and saved as
 * kes_store_save_referral() does (validation naming the field, eligibility
 * with a manager's override), and the screening records the referral's id —
 * all in one transaction, so a refused referral leaves no patient record
 * behind. A screening already made into a referral is refused
 * (KES_ERROR_CONFLICT). Needs edit-clinical (and edit-identity for a new
 * patient record). Returns the saved referral. */
KesReferral    *kes_store_refer_screening    (KesStore                   *store,
                                              KesFieldRecord             *screening,
                                              const KesScreeningReferral *details,
                                              const char                 *team_id,
                                              GError                    **error);
/* The id of the screening @referral_id was made from, or NULL (no error)
 * when it was not made from one. Needs view-clinical. */
char           *kes_store_find_referral_screening (KesStore           *store,
                                                   const char         *referral_id,
                                                   GError            **error);

/* ---- Referrals onward to services in the directory
 * (kes-store-liaison-onward.c) ----
 * A screening's referral to a community team, a crisis team, a substance
 * misuse, housing or learning disability service: any service in the
 * directory, not through the secure-services referral pathway.
 * Fields: screening_id, service_id (a directory entry), service_name (the
 * entry's name on the day, set by the store), referred_on, reason,
 * contact_made (who was spoken to or how it was sent). */
extern const KesRecordKind kes_onward_referral_kind;

KesFieldRecord *kes_onward_referral_new          (void);
/* Checks the fields; the screening must be an active screening and the
 * service an entry in use in the directory; the date no earlier than the
 * screening and not in the future. Needs edit-clinical. An edit starts from
 * the revision it was loaded at, or is refused as a conflict. */
gboolean        kes_store_save_onward_referral   (KesStore        *store,
                                                  KesFieldRecord  *referral,
                                                  GError         **error);
/* The active onward referrals of @screening_id, oldest first; needs
 * view-clinical. */
GPtrArray      *kes_store_list_onward_referrals  (KesStore        *store,
                                                  const char      *screening_id,
                                                  GError         **error);

G_END_DECLS
