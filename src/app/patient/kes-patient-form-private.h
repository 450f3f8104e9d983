/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "patient/kes-patient-form.h"

G_BEGIN_DECLS

/* Shared by kes-patient-form.c (filling and reading the fields) and
 * kes-patient-form-problems.c (showing core's issues under them). */

typedef enum
{
  KES_PATIENT_FORM_ENTRY,
  KES_PATIENT_FORM_DATE,
  KES_PATIENT_FORM_NHS,
  KES_PATIENT_FORM_TEXT,
  KES_PATIENT_FORM_CODE,
  KES_PATIENT_FORM_TEAM,
  KES_PATIENT_FORM_STAFF,
} KesPatientFormFieldKind;

typedef struct
{
  KesPatientField          field;
  const char              *widget;
  const char              *error;
  KesPatientFormFieldKind  kind;
  const char              *code_list;
} KesPatientFormField;

typedef struct
{
  KesPatientListField  field;
  const char          *widget;
  const char          *error;
} KesPatientFormListField;

/* Every register text field, in form order; the list fields. */
extern const KesPatientFormField     kes_patient_form_text_fields[];
extern const guint                   kes_patient_form_n_text_fields;
extern const KesPatientFormListField kes_patient_form_list_fields[];
extern const guint                   kes_patient_form_n_list_fields;

struct _KesPatientForm
{
  AdwBin       parent_instance;

  KesStore    *store;
  GPtrArray   *diagnoses;   /* ICD-10 codes */
  gboolean     editing;
  gboolean     can_correct;
  gboolean     filling;
  KesPatient  *checked;     /* the last candidate checked, while its problems show */

  GtkLabel    *summary_label;
  GtkWidget   *correction_box;
  GtkSwitch   *correction_switch;
  GtkEntry    *correction_reason_entry;
  GtkLabel    *correction_reason_error;
  GtkListBox  *diagnosis_list;
  GtkWidget   *diagnosis_add_box;
  GtkDropDown *diagnosis_dropdown;
};

/* A template child by name (every field and error label is one). */
GtkWidget *kes_patient_form_child                    (KesPatientForm *self,
                                                      const char     *name);
void       kes_patient_form_set_age_override_visible (KesPatientForm *self,
                                                      gboolean        visible);
/* kes-patient-form-problems.c: rewrites the problems showing after a
 * change to a field. */
void       kes_patient_form_refresh_problems         (KesPatientForm *self);

G_END_DECLS
