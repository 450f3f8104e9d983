/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-risk-assessment.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

/* Two assessments of one definition side by side: every item rating, the
 * changed ones marked "Changed" and highlighted (not by colour alone). When
 * they were written with different definitions, says why they are not
 * compared item by item instead. */
GtkWidget *kes_risk_compare_new (KesToolDefinition *definition,
                                 KesRiskAssessment *before,
                                 KesRiskAssessment *after);

G_END_DECLS
