/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_CARE_PLAN_VIEW (kes_care_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (KesCarePlanView, kes_care_plan_view, KES, CARE_PLAN_VIEW, AdwBin)

/* A patient's care plan (CPA or Community Mental Health Framework words, by
 * the care-vocabulary setting), its reviews (booked → held → validated, or
 * cancelled with a reason) and the crisis and contingency plan, which
 * "Share with Crisis Team…" exports as PDF and XML. Emits "changed" after a save. */
GtkWidget *kes_care_plan_view_new        (void);
void       kes_care_plan_view_set_record (KesCarePlanView  *self,
                                          KesStore         *store,
                                          const char       *patient_id);
void       kes_care_plan_view_reload     (KesCarePlanView  *self);
/* Shares the current crisis plan with @recipient by @method (a
 * share-method code): writes @pdf_path and @xml_path and records the
 * sharing (kes_report_crisis_plan_share), as Share with Crisis Team… does
 * after asking. */
gboolean   kes_care_plan_view_share      (KesCarePlanView  *self,
                                          const char       *recipient,
                                          const char       *method,
                                          const char       *note,
                                          const char       *pdf_path,
                                          const char       *xml_path,
                                          GError          **error);

G_END_DECLS
