/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-tool-definition.h"

G_BEGIN_DECLS

#define KES_TYPE_RISK_CHART (kes_risk_chart_get_type ())
G_DECLARE_FINAL_TYPE (KesRiskChart, kes_risk_chart, KES, RISK_CHART, GtkWidget)

/* Ratings over time for assessments of one definition: one row per item and
 * rating slot, one column per assessment (oldest on the left), the point's
 * height its ordinal; an unrated or "missing" point is a hollow ring. Drawn
 * with the theme's foreground colour, so it reads in dark style too. The
 * same content is its accessible description (kes_risk_chart_dup_text). */
GtkWidget  *kes_risk_chart_new      (KesToolDefinition *definition,
                                     GPtrArray         *assessments);
char       *kes_risk_chart_dup_text (KesRiskChart      *self);

G_END_DECLS
