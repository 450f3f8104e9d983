/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-physical-trend.h"

G_BEGIN_DECLS

#define KES_TYPE_TREND_CHART (kes_trend_chart_get_type ())
G_DECLARE_FINAL_TYPE (KesTrendChart, kes_trend_chart, KES, TREND_CHART, GtkWidget)

/* One physical health measure over time: dates along the bottom, values up
 * the side, the reference range from data as a band, readings outside it
 * drawn hollow and larger (not by colour alone). Colours follow the theme,
 * so it reads in dark style too. Its accessible description is the same
 * content in words (kes_physical_trend_describe). @trends holds @series. */
GtkWidget      *kes_trend_chart_new        (GPtrArray     *trends,
                                            KesTrendSeries *series);
KesTrendSeries *kes_trend_chart_get_series (KesTrendChart *self);

G_END_DECLS
