/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_FLAG_FIELD (kes_risk_flag_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskFlagField, kes_risk_flag_field, KES, RISK_FLAG_FIELD, KesRiskField)

/* A marker (type="choice" on a one-point scale: SAPROF's key and goal
 * factors): a check button; its value is the point's code or NULL. */
GtkWidget *kes_risk_flag_field_new (const KesToolField *field);

G_END_DECLS
