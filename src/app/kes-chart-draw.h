/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Drawing shared by the app's charts (risk ratings, physical health
 * trends): colours taken from the theme so a chart reads in light and dark
 * style, and text laid out with the widget's font. */

typedef struct
{
  GdkRGBA fg;     /* the widget's text colour */
  GdkRGBA accent; /* lines and points */
  GdkRGBA alert;  /* readings outside a range */
  GdkRGBA band;   /* a reference range, translucent */
} KesChartColors;

void kes_chart_get_colors (GtkWidget      *widget,
                           KesChartColors *colors);
/* Shows @text with its top-left at @x, @y, ellipsized to @width; aligned
 * within @width by @alignment. Returns the height it took. */
int  kes_chart_draw_text  (GtkWidget      *widget,
                           cairo_t        *cr,
                           const char     *text,
                           double          x,
                           double          y,
                           double          width,
                           gboolean        bold,
                           PangoAlignment  alignment);

G_END_DECLS
