/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kes-chart-draw.h"
#include "kes-clock.h"
#include "kes-risk-assessment.h"
#include "kes-tool-assessment.h"
#include "risk/kes-risk-chart.h"

#define ROW_HEIGHT   34
#define LABEL_WIDTH  150
#define COLUMN_WIDTH 112
#define TOP          28

struct _KesRiskChart
{
  GtkWidget          parent_instance;

  KesToolDefinition *definition;
  GPtrArray         *assessments;  /* KesRiskAssessment, oldest first */
  GPtrArray         *rows;         /* Row */
};

typedef struct
{
  const KesToolItem   *item;
  const KesToolRating *rating;
  int                  low;
  int                  high;
} Row;

G_DEFINE_FINAL_TYPE (KesRiskChart, kes_risk_chart, GTK_TYPE_WIDGET)

static void
scale_range (const KesToolScale *scale,
             int                *low,
             int                *high)
{
  gboolean any = FALSE;

  *low = 0;
  *high = 1;
  for (guint i = 0; i < scale->points->len; i++)
    {
      const KesToolPoint *point = g_ptr_array_index (scale->points, i);

      if (!point->has_ordinal)
        continue;
      if (!any || point->ordinal < *low)
        *low = point->ordinal;
      if (!any || point->ordinal > *high)
        *high = point->ordinal;
      any = TRUE;
    }
  if (*high <= *low)
    *high = *low + 1;
}

static char *
short_date (KesRiskAssessment *a)
{
  return kes_date_to_display (kes_risk_assessment_get_assessed_on (a));
}

static void
kes_risk_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KesRiskChart *self = KES_RISK_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KesChartColors colors;
  GdkRGBA fg, accent;
  cairo_t *cr;

  kes_chart_get_colors (widget, &colors);
  fg = colors.fg;
  accent = colors.accent;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1);

  for (guint c = 0; c < self->assessments->len; c++)
    {
      g_autofree char *date = short_date (g_ptr_array_index (self->assessments, c));

      gdk_cairo_set_source_rgba (cr, &fg);
      kes_chart_draw_text (widget, cr, date, LABEL_WIDTH + c * COLUMN_WIDTH, 4, COLUMN_WIDTH - 6, TRUE,
                           PANGO_ALIGN_LEFT);
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);
      double top = TOP + r * ROW_HEIGHT;
      double bottom = top + ROW_HEIGHT - 8;
      double prev_x = 0, prev_y = 0;
      gboolean have_prev = FALSE;
      g_autofree char *label = row->item->ratings->len > 1
        ? g_strdup_printf ("%s %s", row->item->code, row->rating->label)
        : g_strdup (row->item->code);

      gdk_cairo_set_source_rgba (cr, &fg);
      kes_chart_draw_text (widget, cr, label, 4, top + 6, LABEL_WIDTH - 10, FALSE, PANGO_ALIGN_LEFT);

      /* Baseline of the row, faint. */
      cairo_save (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
      cairo_move_to (cr, LABEL_WIDTH, bottom + 0.5);
      cairo_line_to (cr, LABEL_WIDTH + MAX (1u, self->assessments->len) * COLUMN_WIDTH - 20, bottom + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);

      for (guint c = 0; c < self->assessments->len; c++)
        {
          KesRiskAssessment *a = g_ptr_array_index (self->assessments, c);
          const char *code = kes_risk_assessment_get_rating (a, row->item->code, row->rating->name);
          const KesToolPoint *point = code != NULL ? kes_tool_scale_find_point (row->rating->scale, code) : NULL;
          double x = LABEL_WIDTH + c * COLUMN_WIDTH + 10;

          if (point == NULL || !point->has_ordinal)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
              cairo_arc (cr, x, bottom - 2, 3.5, 0, 2 * G_PI);
              cairo_stroke (cr);
              have_prev = FALSE;
              continue;
            }
          {
            double y = bottom - 2 - (double) (point->ordinal - row->low) / (row->high - row->low) * (ROW_HEIGHT - 14);

            gdk_cairo_set_source_rgba (cr, &accent);
            if (have_prev)
              {
                cairo_set_line_width (cr, 2);
                cairo_move_to (cr, prev_x, prev_y);
                cairo_line_to (cr, x, y);
                cairo_stroke (cr);
                cairo_set_line_width (cr, 1);
              }
            cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
            cairo_fill (cr);
            gdk_cairo_set_source_rgba (cr, &fg);
            kes_chart_draw_text (widget, cr, point->code, x + 7, y - 9, COLUMN_WIDTH - 24, FALSE,
                                 PANGO_ALIGN_LEFT);
            prev_x = x;
            prev_y = y;
            have_prev = TRUE;
          }
        }
    }
  cairo_destroy (cr);
}

static void
kes_risk_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KesRiskChart *self = KES_RISK_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = LABEL_WIDTH + MAX (1u, self->assessments->len) * COLUMN_WIDTH;
  else
    *minimum = *natural = TOP + self->rows->len * ROW_HEIGHT + 8;
}

char *
kes_risk_chart_dup_text (KesRiskChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KES_IS_RISK_CHART (self), NULL);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = g_ptr_array_index (self->rows, r);

      g_string_append_printf (text, "%s%s %s:", r > 0 ? "\n" : "", row->item->code, row->rating->label);
      for (guint c = 0; c < self->assessments->len; c++)
        {
          KesRiskAssessment *a = g_ptr_array_index (self->assessments, c);
          const char *code = kes_risk_assessment_get_rating (a, row->item->code, row->rating->name);
          g_autofree char *date = short_date (a);

          g_string_append_printf (text, "%s %s (%s)", c > 0 ? "," : "",
                                  code != NULL ? kes_tool_point_label (row->rating->scale, code) : _("not rated"),
                                  date);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
kes_risk_chart_finalize (GObject *object)
{
  KesRiskChart *self = KES_RISK_CHART (object);

  g_clear_object (&self->definition);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kes_risk_chart_parent_class)->finalize (object);
}

static void
kes_risk_chart_class_init (KesRiskChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kes_risk_chart_finalize;
  widget_class->snapshot = kes_risk_chart_snapshot;
  widget_class->measure = kes_risk_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "kes-risk-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
kes_risk_chart_init (KesRiskChart *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
kes_risk_chart_new (KesToolDefinition *definition,
                    GPtrArray         *assessments)
{
  KesRiskChart *self = g_object_new (KES_TYPE_RISK_CHART, NULL);
  GPtrArray *items = kes_tool_definition_get_all_items (definition);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  self->definition = g_object_ref (definition);
  self->assessments = g_ptr_array_ref (assessments);
  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          Row *row = g_new0 (Row, 1);

          row->item = item;
          row->rating = g_ptr_array_index (item->ratings, j);
          scale_range (row->rating->scale, &row->low, &row->high);
          g_ptr_array_add (self->rows, row);
        }
    }
  text = kes_risk_chart_dup_text (self);
  /* Translators: %s is a tool's title */
  label = g_strdup_printf (_("Ratings over time: %s"), kes_tool_definition_get_title (definition));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  return GTK_WIDGET (self);
}
