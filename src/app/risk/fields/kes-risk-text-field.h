/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_TEXT_FIELD (kes_risk_text_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskTextField, kes_risk_text_field, KES, RISK_TEXT_FIELD, KesRiskField)

/* A one-line text field (type="text"): the text as typed, trimmed. */
GtkWidget *kes_risk_text_field_new (const KesToolField *field);

G_END_DECLS
