/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-field-record.h"
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
 * mappa_liaison, mappa_category, mappa_level, mappa_notes;
 * converted_patient_id (set by the store). */
extern const KesRecordKind kes_screening_kind;

KesFieldRecord *kes_screening_new (void);

/* Counts for the activity report. Arrays follow the order of their code
 * lists (kes_code_list_get_n_codes). */
typedef struct
{
  guint  total;
  guint  mappa_liaison;
  guint  converted;
  guint  n_settings;
  guint  n_outcomes;
  guint  n_vulnerabilities;
  guint *by_setting;
  guint *by_outcome;
  guint *by_vulnerability;
  guint *by_setting_outcome; /* [setting * n_outcomes + outcome] */
} KesLiaisonActivity;

/* Counts @screenings (KesFieldRecord of kes_screening_kind); pure. */
KesLiaisonActivity *kes_liaison_activity_count (GPtrArray          *screenings);
void                kes_liaison_activity_free  (KesLiaisonActivity *activity);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesLiaisonActivity, kes_liaison_activity_free)

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

G_END_DECLS
