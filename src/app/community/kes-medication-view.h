/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_MEDICATION_VIEW (kes_medication_view_get_type ())
G_DECLARE_FINAL_TYPE (KesMedicationView, kes_medication_view, KES, MEDICATION_VIEW, AdwBin)

/* A patient's medication and physical health: prescriptions (with the next
 * depot date), depot injections given, refused, missed or deferred,
 * clozapine blood results with their traffic light, lithium levels and
 * physical health checks with BMI. Emits "changed" after a save. */
GtkWidget *kes_medication_view_new        (void);
void       kes_medication_view_set_record (KesMedicationView *self,
                                           KesStore          *store,
                                           const char        *patient_id);
void       kes_medication_view_reload     (KesMedicationView *self);

G_END_DECLS
