/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_REF_FIELD (kes_risk_ref_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskRefField, kes_risk_ref_field, KES, RISK_REF_FIELD, KesRiskField)

/* Entries of another repeating group (type="ref": the scenarios a
 * strategy addresses), one check button each, titled from @assessment;
 * the value is the chosen entry ids separated by spaces. */
GtkWidget *kes_risk_ref_field_new (const KesToolField *field,
                                   KesRiskAssessment  *assessment);

G_END_DECLS
