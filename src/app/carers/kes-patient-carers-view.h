/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The Carers tab of a patient's record: each carer, and plainly what may
 * and may not be discussed with them now. */
#define KES_TYPE_PATIENT_CARERS_VIEW (kes_patient_carers_view_get_type ())
G_DECLARE_FINAL_TYPE (KesPatientCarersView, kes_patient_carers_view, KES, PATIENT_CARERS_VIEW, GtkWidget)

GtkWidget *kes_patient_carers_view_new        (void);
void       kes_patient_carers_view_set_record (KesPatientCarersView *self,
                                               KesStore             *store,
                                               const char           *patient_id);

G_END_DECLS
