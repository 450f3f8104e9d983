/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"
#include "kes-validate.h"

G_BEGIN_DECLS

/* The register's text fields. Each is also a GObject property whose name is
 * the JSON key with '_' replaced by '-' ("family_name" -> "family-name").
 * The legal status, MHCS reference and MAPPA are not here: they live in
 * the patient's legal status record (KES_MOJ_LEGAL_STATUS), their one
 * home; earlier revisions of the register may still hold them. */
typedef enum
{
  KES_PATIENT_FAMILY_NAME,
  KES_PATIENT_GIVEN_NAME,
  KES_PATIENT_PREFERRED_NAME,
  KES_PATIENT_BIRTH_DATE,          /* YYYY-MM-DD */
  KES_PATIENT_NHS_NUMBER,          /* 10 digits, no spaces, once normalised */
  KES_PATIENT_GENDER,              /* KES_CODES_GENDER */
  KES_PATIENT_ETHNICITY,           /* KES_CODES_ETHNIC_CATEGORY */
  KES_PATIENT_ADDRESS,
  KES_PATIENT_POSTCODE,
  KES_PATIENT_PHONE,
  KES_PATIENT_GP_PRACTICE,
  KES_PATIENT_TEAM_ID,
  KES_PATIENT_COORDINATOR_ID,      /* staff id: care coordinator / key worker */
  KES_PATIENT_CLINICIAN_ID,        /* staff id: responsible clinician */
  KES_PATIENT_SUPERVISOR_ID,       /* staff id: social supervisor */
  KES_PATIENT_DIAGNOSIS_NOTES,     /* free text beside the coded diagnoses */
  KES_PATIENT_REFERRAL_DATE,       /* YYYY-MM-DD, may be empty */
  KES_PATIENT_AGE_OVERRIDE_REASON, /* why an under-18 referral is accepted */
  KES_PATIENT_GENDER_IDENTITY,     /* KES_CODES_GENDER_IDENTITY (MHSDS), may be empty */
  KES_PATIENT_N_TEXT_FIELDS
} KesPatientField;

/* List fields, also properties (GStrv): "aliases", "diagnoses" (ICD-10 codes), "alerts". */
typedef enum
{
  KES_PATIENT_ALIASES,
  KES_PATIENT_DIAGNOSES,
  KES_PATIENT_ALERTS,
  KES_PATIENT_N_LIST_FIELDS
} KesPatientListField;

#define KES_TYPE_PATIENT (kes_patient_get_type ())
G_DECLARE_FINAL_TYPE (KesPatient, kes_patient, KES, PATIENT, GObject)

KesPatient     *kes_patient_new                 (void);
KesPatient     *kes_patient_copy                (KesPatient         *self);

/* Identity of the stored record: NULL id and revision 0 until first saved. */
const char     *kes_patient_get_id              (KesPatient         *self);
gint64          kes_patient_get_revision        (KesPatient         *self);
KesRecordState  kes_patient_get_state           (KesPatient         *self);
void            kes_patient_set_identity        (KesPatient         *self,
                                                 const char         *id,
                                                 gint64              revision,
                                                 KesRecordState      state);

const char     *kes_patient_get_text            (KesPatient         *self,
                                                 KesPatientField     field);
void            kes_patient_set_text            (KesPatient         *self,
                                                 KesPatientField     field,
                                                 const char         *value);
const char * const *kes_patient_get_list        (KesPatient         *self,
                                                 KesPatientListField field);
void            kes_patient_set_list            (KesPatient         *self,
                                                 KesPatientListField field,
                                                 const char * const *values);

/* Field metadata: JSON key ("family_name") and a translated label ("Family name"). */
const char     *kes_patient_field_key           (KesPatientField     field);
const char     *kes_patient_field_label         (KesPatientField     field);
const char     *kes_patient_list_field_key      (KesPatientListField field);
const char     *kes_patient_list_field_label    (KesPatientListField field);
gboolean        kes_patient_field_from_key      (const char         *key,
                                                 KesPatientField    *field);

/* "O'BRIEN, Zoë (Zo)": family name in capitals, given name, preferred name. */
char           *kes_patient_dup_display_name    (KesPatient         *self);
char           *kes_patient_format_display_name (const char         *family_name,
                                                 const char         *given_name,
                                                 const char         *preferred_name);

/* Every problem with the record as it stands, in field order. Warnings
 * (e.g. under 18 on referral) disappear once an override reason is given.
 * @today is the date age is judged on when no referral date is set. */
GPtrArray      *kes_patient_validate            (KesPatient         *self,
                                                 const GDate        *today);
/* Validates, then rewrites parseable fields in canonical form (NHS number
 * digits, postcode spacing, ISO dates). Returns FALSE with the first issue
 * as a KES_ERROR_INVALID error and every issue joined in its message; the
 * typed values are left untouched in that case. */
gboolean        kes_patient_normalise           (KesPatient         *self,
                                                 const GDate        *today,
                                                 GError            **error);

/* JSON object string of the register fields (not id/revision). */
char           *kes_patient_to_json             (KesPatient         *self);
gboolean        kes_patient_load_json           (KesPatient         *self,
                                                 const char         *json,
                                                 GError            **error);

G_END_DECLS
