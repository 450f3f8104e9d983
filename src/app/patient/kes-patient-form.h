/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-patient.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_PATIENT_FORM (kes_patient_form_get_type ())
G_DECLARE_FINAL_TYPE (KesPatientForm, kes_patient_form, KES, PATIENT_FORM, AdwBin)

/* The patient register form. It only moves values between a KesPatient and
 * its fields and shows validation issues under them; the page around it
 * decides when to validate and save. "changed" is emitted on every edit. */
GtkWidget  *kes_patient_form_new                   (void);
/* Fills the team and staff choices from the store. */
void        kes_patient_form_set_store             (KesPatientForm *self,
                                                    KesStore       *store);
void        kes_patient_form_set_patient           (KesPatientForm *self,
                                                    KesPatient     *patient);
/* A copy of @base (or a new record) carrying the typed values. */
KesPatient *kes_patient_form_dup_patient           (KesPatientForm *self,
                                                    KesPatient     *base);
void        kes_patient_form_set_editing           (KesPatientForm *self,
                                                    gboolean        editing);
gboolean    kes_patient_form_get_editing           (KesPatientForm *self);
/* Shows the correction switch (for edits of a saved record). */
void        kes_patient_form_set_can_correct       (KesPatientForm *self,
                                                    gboolean        can_correct);
/* TRUE when the correction switch is on; @reason gets the typed reason
 * (possibly empty). */
gboolean    kes_patient_form_get_correction        (KesPatientForm *self,
                                                    char          **reason);
/* Shows each KesIssue under its field; issues for fields without a place on
 * the form go into the summary. Returns the number of issues shown. */
guint       kes_patient_form_show_issues           (KesPatientForm *self,
                                                    GPtrArray      *issues);
/* Checks @candidate as core would on saving (kes_patient_validate, then
 * what only the store can see, such as an NHS number another patient
 * holds) and shows every problem under its field, the first scrolled to
 * and focused. Returns the number of problems. */
guint       kes_patient_form_check                 (KesPatientForm *self,
                                                    KesPatient     *candidate);
void        kes_patient_form_show_correction_error (KesPatientForm *self,
                                                    const char     *message);
void        kes_patient_form_clear_issues          (KesPatientForm *self);
/* The message shown under the field with this JSON key, or NULL. */
const char *kes_patient_form_get_field_error       (KesPatientForm *self,
                                                    const char     *key);
void        kes_patient_form_focus_first           (KesPatientForm *self);

G_END_DECLS
