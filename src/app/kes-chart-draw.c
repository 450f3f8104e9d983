/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-chart-draw"

#include "config.h"

#include "kes-chart-draw.h"

void
kes_chart_get_colors (GtkWidget      *widget,
                      KesChartColors *colors)
{
  gboolean dark;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colors->fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Light text means a dark background: use the lighter shades Adwaita
   * uses for its dark style. */
  dark = 0.299 * colors->fg.red + 0.587 * colors->fg.green + 0.114 * colors->fg.blue > 0.5;
  colors->accent = dark ? (GdkRGBA) { 0.47, 0.68, 0.93, 1.0 } : (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  colors->alert = dark ? (GdkRGBA) { 1.0, 0.48, 0.39, 1.0 } : (GdkRGBA) { 0.75, 0.11, 0.16, 1.0 };
  colors->band = dark ? (GdkRGBA) { 0.56, 0.94, 0.64, 0.16 } : (GdkRGBA) { 0.15, 0.64, 0.41, 0.16 };
}

int
kes_chart_draw_text (GtkWidget      *widget,
                     cairo_t        *cr,
                     const char     *text,
                     double          x,
                     double          y,
                     double          width,
                     gboolean        bold,
                     PangoAlignment  alignment)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int height = 0;

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  return height;
}
