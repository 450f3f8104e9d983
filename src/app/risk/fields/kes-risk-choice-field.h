/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_CHOICE_FIELD (kes_risk_choice_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskChoiceField, kes_risk_choice_field, KES, RISK_CHOICE_FIELD, KesRiskField)

/* One point of a scale (type="choice" with two or more points), from a
 * drop-down that starts at "Not chosen": the point's code or NULL. A
 * stored code the scale no longer has is kept as an extra item. */
GtkWidget *kes_risk_choice_field_new (const KesToolField *field);

G_END_DECLS
