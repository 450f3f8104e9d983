/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-field.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_RICH_TEXT_FIELD (kes_risk_rich_text_field_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskRichTextField, kes_risk_rich_text_field, KES, RISK_RICH_TEXT_FIELD, KesRiskField)

/* A multi-line text field (type="richtext"): evidence, formulation,
 * judgement in words. Tab moves on, as in every form. */
GtkWidget *kes_risk_rich_text_field_new (const KesToolField *field);

G_END_DECLS
