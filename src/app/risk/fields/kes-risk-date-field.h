/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_DATE_FIELD (kes_risk_date_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskDateField, kes_risk_date_field, KES, RISK_DATE_FIELD, KesRiskField)

/* A date field (type="date"), typed DD/MM/YYYY: its value is the ISO
 * date, or the text as typed when it is not a date (kept, so nothing typed
 * is lost, and refused by check() with a plain message under the field). */
GtkWidget *kes_risk_date_field_new (const KesToolField *field);

G_END_DECLS
