/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-care-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_CARE_FORM (kes_care_form_get_type ())
G_DECLARE_FINAL_TYPE (KesCareForm, kes_care_form, KES, CARE_FORM, AdwWindow)

/* A dialog with the form for one care record (a prescription, a depot dose,
 * a blood result, a care plan, a crisis plan…), its rows made from the
 * kind's fields in core. Save validates and writes through the store; a
 * failed save shows core's messages and keeps what was typed. FBC entry
 * shows the traffic light and its action, physical health checks the BMI,
 * as they are typed. Emits "saved" with the record after a save. */
KesCareForm   *kes_care_form_new        (GtkWindow      *parent,
                                         KesStore       *store,
                                         KesCareRecord  *record,
                                         const char     *title);
/* Sets a field's widget from text, as typing would (for tests). */
void           kes_care_form_set_value  (KesCareForm    *self,
                                         const char     *key,
                                         const char     *value);
/* The record as the form's widgets hold it now. */
KesCareRecord *kes_care_form_get_record (KesCareForm    *self);
/* What the form shows beside the values: "" or e.g. "Red: Stop clozapine now…". */
const char    *kes_care_form_get_computed (KesCareForm  *self);
/* Validates and saves; FALSE with the messages shown when it was not saved. */
gboolean       kes_care_form_save       (KesCareForm    *self);

/* Text shown beside the values while typing: an FBC's light (under the
 * patient's thresholds, and the service's colour where it differs), a BMI,
 * a lithium level against the patient's target, the observation an
 * injection needs. Reads the patient's settings, logs no view. */
char          *kes_care_form_computed_text (KesStore      *store,
                                            KesCareRecord *record);

G_END_DECLS
