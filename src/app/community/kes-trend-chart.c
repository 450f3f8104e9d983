/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-trend-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "community/kes-trend-chart.h"
#include "kes-chart-draw.h"
#include "kes-clock.h"
#include "kes-validate.h"

#define LEFT    48
#define RIGHT   16
#define TOP     10
#define BOTTOM  26
#define HEIGHT  170
#define WIDTH   360

struct _KesTrendChart
{
  GtkWidget       parent_instance;

  GPtrArray      *trends;
  KesTrendSeries *series;
};

G_DEFINE_FINAL_TYPE (KesTrendChart, kes_trend_chart, GTK_TYPE_WIDGET)

static double
julian (const char *iso)
{
  g_autoptr(GDate) date = kes_date_from_iso (iso);

  return date != NULL ? (double) g_date_get_julian (date) : 0;
}

static void
include (double *low,
         double *high,
         double  value)
{
  if (isnan (value))
    return;
  *low = MIN (*low, value);
  *high = MAX (*high, value);
}

/* The value range shown: every reading and the reference range, padded. */
static void
value_range (KesTrendSeries *series,
             double         *low,
             double         *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint i = 0; i < series->points->len; i++)
    {
      KesTrendPoint *point = &g_array_index (series->points, KesTrendPoint, i);
      include (low, high, point->value);
      include (low, high, point->second);
    }
  include (low, high, series->low);
  include (low, high, series->high);
  include (low, high, series->second_low);
  include (low, high, series->second_high);
  if (*high - *low < 1e-9)
    {
      *low -= 1;
      *high += 1;
    }
  {
    double pad = (*high - *low) * 0.08;
    *low -= pad;
    *high += pad;
  }
}

static gboolean
outside (double value,
         double low,
         double high)
{
  return (!isnan (low) && value < low) || (!isnan (high) && value > high);
}

static char *
axis_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", round (value * 10.0) / 10.0));
}

/* 1, 2, 2.5 or 5 times a power of ten, at least @rough. */
static double
nice_step (double rough)
{
  double power = pow (10, floor (log10 (rough)));
  static const double factors[] = { 1, 2, 2.5, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
    if (factors[i] * power >= rough)
      return factors[i] * power;
  return 10 * power;
}

static void
draw_band (cairo_t              *cr,
           const KesChartColors *colors,
           double                band_low,
           double                band_high,
           double                low,
           double                high,
           double                plot_top,
           double                plot_height,
           double                plot_width)
{
  double from, to;

  if (isnan (band_low) && isnan (band_high))
    return;
  from = isnan (band_low) ? low : band_low;
  to = isnan (band_high) ? high : band_high;
  gdk_cairo_set_source_rgba (cr, &colors->band);
  cairo_rectangle (cr, LEFT, plot_top + (high - to) / (high - low) * plot_height, plot_width,
                   (to - from) / (high - low) * plot_height);
  cairo_fill (cr);

  /* Its edges, so two ranges side by side stay two. */
  cairo_save (cr);
  cairo_set_source_rgba (cr, colors->band.red, colors->band.green, colors->band.blue, 0.6);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < 2; i++)
    {
      double bound = i == 0 ? band_low : band_high;
      double y;

      if (isnan (bound))
        continue;
      y = floor (plot_top + (high - bound) / (high - low) * plot_height) + 0.5;
      cairo_move_to (cr, LEFT, y);
      cairo_line_to (cr, LEFT + plot_width, y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_line (cairo_t              *cr,
           const KesChartColors *colors,
           KesTrendSeries       *series,
           gboolean              second,
           double                x_of[],
           double                low,
           double                high,
           double                plot_top,
           double                plot_height)
{
  gboolean started = FALSE;
  static const double dash[] = { 5, 3 };

  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, &colors->accent);
  cairo_set_line_width (cr, 2);
  if (second)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 0; i < series->points->len; i++)
    {
      KesTrendPoint *point = &g_array_index (series->points, KesTrendPoint, i);
      double value = second ? point->second : point->value;
      double y = plot_top + (high - value) / (high - low) * plot_height;

      if (isnan (value))
        continue;
      if (started)
        cairo_line_to (cr, x_of[i], y);
      else
        cairo_move_to (cr, x_of[i], y);
      started = TRUE;
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < series->points->len; i++)
    {
      KesTrendPoint *point = &g_array_index (series->points, KesTrendPoint, i);
      double value = second ? point->second : point->value;
      double y = plot_top + (high - value) / (high - low) * plot_height;
      gboolean out = second ? outside (value, series->second_low, series->second_high)
                            : outside (value, series->low, series->high);

      if (isnan (value))
        continue;
      if (out)
        {
          /* Outside the range: a larger ring, in the alert colour. */
          gdk_cairo_set_source_rgba (cr, &colors->alert);
          cairo_set_line_width (cr, 2.5);
          cairo_arc (cr, x_of[i], y, 5.5, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &colors->accent);
          cairo_arc (cr, x_of[i], y, 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
kes_trend_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  KesTrendChart *self = KES_TREND_CHART (widget);
  KesTrendSeries *series = self->series;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double plot_width = MAX (10, width - LEFT - RIGHT);
  double plot_height = MAX (10, height - TOP - BOTTOM);
  guint n = series->points->len;
  g_autofree double *x_of = g_new0 (double, n);
  double first_day = julian (g_array_index (series->points, KesTrendPoint, 0).date);
  double last_day = julian (g_array_index (series->points, KesTrendPoint, n - 1).date);
  double low, high, last_label_end = -1;
  KesChartColors colors;
  cairo_t *cr;

  kes_chart_get_colors (widget, &colors);
  value_range (series, &low, &high);
  for (guint i = 0; i < n; i++)
    {
      double day = julian (g_array_index (series->points, KesTrendPoint, i).date);
      x_of[i] = last_day > first_day ? LEFT + (day - first_day) / (last_day - first_day) * plot_width
                                     : LEFT + plot_width / 2;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  draw_band (cr, &colors, series->low, series->high, low, high, TOP, plot_height, plot_width);
  draw_band (cr, &colors, series->second_low, series->second_high, low, high, TOP, plot_height, plot_width);

  /* Faint grid lines at round values, labelled. */
  cairo_set_line_width (cr, 1);
  {
    double step = nice_step ((high - low) / 4);

    for (double value = ceil (low / step) * step; value <= high; value += step)
      {
        double y = TOP + (high - value) / (high - low) * plot_height;
        g_autofree char *text = axis_value (value);

        cairo_set_source_rgba (cr, colors.fg.red, colors.fg.green, colors.fg.blue, 0.18);
        cairo_move_to (cr, LEFT, floor (y) + 0.5);
        cairo_line_to (cr, LEFT + plot_width, floor (y) + 0.5);
        cairo_stroke (cr);
        cairo_set_source_rgba (cr, colors.fg.red, colors.fg.green, colors.fg.blue, 0.75);
        kes_chart_draw_text (widget, cr, text, 0, y - 9, LEFT - 6, FALSE, PANGO_ALIGN_RIGHT);
      }
  }

  /* The date axis: each reading's date where there is room, always the last. */
  cairo_set_source_rgba (cr, colors.fg.red, colors.fg.green, colors.fg.blue, 0.4);
  cairo_move_to (cr, LEFT, TOP + plot_height + 0.5);
  cairo_line_to (cr, LEFT + plot_width, TOP + plot_height + 0.5);
  cairo_stroke (cr);
  {
    const double label_width = 84;
    double last_x = CLAMP (x_of[n - 1] - label_width / 2, 0, width - label_width);

    cairo_set_source_rgba (cr, colors.fg.red, colors.fg.green, colors.fg.blue, 0.75);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *date = NULL;
        double x = CLAMP (x_of[i] - label_width / 2, 0, width - label_width);

        /* The last date always; earlier ones where they do not overlap. */
        if (i + 1 < n && (x < last_label_end + 6 || x + label_width > last_x - 6))
          continue;
        date = kes_date_to_display (g_array_index (series->points, KesTrendPoint, i).date);
        kes_chart_draw_text (widget, cr, date, x, TOP + plot_height + 5, label_width, FALSE, PANGO_ALIGN_CENTER);
        last_label_end = x + label_width;
      }
  }

  draw_line (cr, &colors, series, FALSE, x_of, low, high, TOP, plot_height);
  if (g_str_equal (series->measure, "systolic"))
    draw_line (cr, &colors, series, TRUE, x_of, low, high, TOP, plot_height);
  cairo_destroy (cr);
}

/* Hovering shows the nearest reading with its date. */
static gboolean
kes_trend_chart_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  KesTrendChart *self = KES_TREND_CHART (widget);
  KesTrendSeries *series = self->series;
  guint n = series->points->len;
  double plot_width = MAX (10, gtk_widget_get_width (widget) - LEFT - RIGHT);
  double first_day = julian (g_array_index (series->points, KesTrendPoint, 0).date);
  double last_day = julian (g_array_index (series->points, KesTrendPoint, n - 1).date);
  double best = G_MAXDOUBLE;
  KesTrendPoint *nearest = NULL;
  g_autofree char *value = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      KesTrendPoint *point = &g_array_index (series->points, KesTrendPoint, i);
      double day = julian (point->date);
      double px = last_day > first_day ? LEFT + (day - first_day) / (last_day - first_day) * plot_width
                                       : LEFT + plot_width / 2;

      if (fabs (px - x) < best)
        {
          best = fabs (px - x);
          nearest = point;
        }
    }
  if (nearest == NULL || best > 24)
    return FALSE;
  value = kes_trend_point_format (series, nearest);
  date = kes_date_to_display (nearest->date);
  /* TRANSLATORS: a reading, its unit and date, "95.1 kg on 16 Nov 2026" */
  text = g_strdup_printf (_("%s %s on %s"), value, series->unit, date);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
kes_trend_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = WIDTH;
    }
  else
    *minimum = *natural = HEIGHT;
}

static void
kes_trend_chart_finalize (GObject *object)
{
  KesTrendChart *self = KES_TREND_CHART (object);

  g_clear_pointer (&self->trends, g_ptr_array_unref);
  G_OBJECT_CLASS (kes_trend_chart_parent_class)->finalize (object);
}

static void
kes_trend_chart_class_init (KesTrendChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kes_trend_chart_finalize;
  widget_class->snapshot = kes_trend_chart_snapshot;
  widget_class->measure = kes_trend_chart_measure;
  widget_class->query_tooltip = kes_trend_chart_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "kes-trend-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kes_trend_chart_init (KesTrendChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
kes_trend_chart_new (GPtrArray      *trends,
                     KesTrendSeries *series)
{
  KesTrendChart *self;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (trends != NULL && series != NULL && series->points->len > 0, NULL);

  self = g_object_new (KES_TYPE_TREND_CHART, NULL);
  self->trends = g_ptr_array_ref (trends);
  self->series = series;
  text = kes_physical_trend_describe (series);
  /* TRANSLATORS: a chart's accessible name, "Weight over time" */
  label = g_strdup_printf (_("%s over time"), series->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  return GTK_WIDGET (self);
}

KesTrendSeries *
kes_trend_chart_get_series (KesTrendChart *self)
{
  g_return_val_if_fail (KES_IS_TREND_CHART (self), NULL);
  return self->series;
}
