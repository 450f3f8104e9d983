/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "risk/fields/kes-risk-choice-field.h"
#include "risk/fields/kes-risk-date-field.h"
#include "risk/fields/kes-risk-field.h"
#include "risk/fields/kes-risk-flag-field.h"
#include "risk/fields/kes-risk-ref-field.h"
#include "risk/fields/kes-risk-rich-text-field.h"
#include "risk/fields/kes-risk-text-field.h"

G_BEGIN_DECLS

/* The widget for @field (the subclass its type calls for), showing what
 * @assessment holds for it; @group_id and @entry_id name an entry of a
 * repeating group, or are both NULL. */
GtkWidget *kes_risk_field_new_for (const KesToolField *field,
                                   KesRiskAssessment  *assessment,
                                   const char         *group_id,
                                   const char         *entry_id);

G_END_DECLS
