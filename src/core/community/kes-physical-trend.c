/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-physical-trend"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-medication-rules.h"
#include "kes-physical-trend.h"
#include "kes-validate.h"

typedef struct
{
  const char *measure;
  const char *second; /* a value drawn with it (diastolic), or NULL */
  const char *title;
  const char *unit;
} Measure;

static const Measure measures[] = {
  { "weight_kg", NULL, N_("Weight"), N_("kg") },
  { "bmi", NULL, N_("BMI"), N_("kg/m²") },
  { "waist_cm", NULL, N_("Waist"), N_("cm") },
  { "systolic", "diastolic", N_("Blood pressure"), N_("mmHg") },
  { "pulse", NULL, N_("Pulse"), N_("beats a minute") },
  { "hba1c", NULL, N_("HbA1c"), N_("mmol/mol") },
  { "glucose", NULL, N_("Fasting glucose"), N_("mmol/L") },
  { "cholesterol", NULL, N_("Total cholesterol"), N_("mmol/L") },
};

static void
point_clear (gpointer data)
{
  KesTrendPoint *point = data;

  g_free (point->date);
}

void
kes_trend_series_free (KesTrendSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->measure);
  g_free (series->title);
  g_free (series->unit);
  g_free (series->note);
  g_array_unref (series->points);
  g_free (series);
}

static int
compare_checks (gconstpointer a,
                gconstpointer b)
{
  KesCareRecord *first = *(KesCareRecord **) a;
  KesCareRecord *second = *(KesCareRecord **) b;

  return g_strcmp0 (kes_care_record_get (first, "taken_on"), kes_care_record_get (second, "taken_on"));
}

static char *
format_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", round (value * 10.0) / 10.0));
}

GPtrArray *
kes_physical_trends (GListModel *checks,
                     const char *ethnicity)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_trend_series_free);

  g_return_val_if_fail (G_IS_LIST_MODEL (checks), result);

  for (guint i = 0; i < g_list_model_get_n_items (checks); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (checks, i));
  g_ptr_array_sort (sorted, compare_checks);

  for (guint m = 0; m < G_N_ELEMENTS (measures); m++)
    {
      const Measure *measure = &measures[m];
      KesTrendSeries *series = g_new0 (KesTrendSeries, 1);
      double height = NAN;

      series->measure = g_strdup (measure->measure);
      series->title = g_strdup (_(measure->title));
      series->unit = g_strdup (_(measure->unit));
      series->points = g_array_new (FALSE, FALSE, sizeof (KesTrendPoint));
      g_array_set_clear_func (series->points, point_clear);
      if (g_str_equal (measure->measure, "bmi"))
        {
          /* NICE's lower thresholds for the person's ethnic category, said
           * in words beside the chart and to screen readers. */
          kes_bmi_band (ethnicity, &series->low, &series->high, NULL);
          series->note = kes_bmi_band_describe (ethnicity);
        }
      else if (!kes_physical_measure_range (measure->measure, &series->low, &series->high))
        series->low = series->high = NAN;
      series->second_low = series->second_high = NAN;
      if (measure->second != NULL &&
          !kes_physical_measure_range (measure->second, &series->second_low, &series->second_high))
        series->second_low = series->second_high = NAN;

      for (guint i = 0; i < sorted->len; i++)
        {
          KesCareRecord *check = g_ptr_array_index (sorted, i);
          KesTrendPoint point = { NULL, NAN, NAN };
          double value, measured_height;

          if (kes_care_record_get_number (check, "height_cm", &measured_height))
            height = measured_height;
          if (g_str_equal (measure->measure, "bmi"))
            {
              double weight;

              if (!kes_care_record_get_number (check, "weight_kg", &weight) || isnan (height) ||
                  !kes_bmi_compute (weight, height, &value))
                continue;
            }
          else if (!kes_care_record_get_number (check, measure->measure, &value))
            continue;
          if (measure->second != NULL && !kes_care_record_get_number (check, measure->second, &point.second))
            point.second = NAN;
          point.value = value;
          point.date = g_strdup (kes_care_record_get (check, "taken_on"));
          g_array_append_val (series->points, point);
        }
      if (series->points->len == 0)
        kes_trend_series_free (series);
      else
        g_ptr_array_add (result, series);
    }
  return result;
}

char *
kes_trend_point_format (KesTrendSeries *series,
                        KesTrendPoint  *point)
{
  g_autofree char *value = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (series != NULL && point != NULL, NULL);

  value = format_value (point->value);
  if (isnan (point->second))
    return g_steal_pointer (&value);
  second = format_value (point->second);
  return g_strdup_printf ("%s/%s", value, second);
}

static gboolean
outside (double value,
         double low,
         double high)
{
  return (!isnan (low) && value < low) || (!isnan (high) && value > high);
}

static char *
range_text (double low,
            double high)
{
  g_autofree char *l = isnan (low) ? NULL : format_value (low);
  g_autofree char *h = isnan (high) ? NULL : format_value (high);

  if (l != NULL && h != NULL)
    /* TRANSLATORS: a reference range, "18.5 to 24.9" */
    return g_strdup_printf (_("%s to %s"), l, h);
  if (h != NULL)
    return g_strdup_printf (_("up to %s"), h);
  if (l != NULL)
    return g_strdup_printf (_("from %s"), l);
  return NULL;
}

char *
kes_physical_trend_describe (KesTrendSeries *series)
{
  g_autoptr(GString) text = NULL;
  KesTrendPoint *first, *last;
  g_autofree char *first_date = NULL;
  g_autofree char *last_date = NULL;
  g_autofree char *last_value = NULL;
  g_autofree char *range = NULL;
  g_autofree char *second_range = NULL;
  guint n = 0, n_outside = 0;

  g_return_val_if_fail (series != NULL && series->points->len > 0, NULL);

  n = series->points->len;
  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("%s (%s), %u reading: ", "%s (%s), %u readings: ", n),
                          series->title, series->unit, n);
  for (guint i = 0; i < n; i++)
    {
      KesTrendPoint *point = &g_array_index (series->points, KesTrendPoint, i);
      g_autofree char *value = kes_trend_point_format (series, point);
      g_autofree char *date = kes_date_to_display (point->date);

      /* TRANSLATORS: a reading and its date, "92.4 on 21 Nov 2026" */
      g_string_append_printf (text, _("%s on %s"), value, date);
      g_string_append (text, i + 1 < n ? ", " : ".");
      if (outside (point->value, series->low, series->high) ||
          (!isnan (point->second) && outside (point->second, series->second_low, series->second_high)))
        n_outside++;
    }

  first = &g_array_index (series->points, KesTrendPoint, 0);
  last = &g_array_index (series->points, KesTrendPoint, n - 1);
  if (n > 1)
    {
      double change = round ((last->value - first->value) * 10.0) / 10.0;
      g_autofree char *amount = format_value (fabs (change));

      first_date = kes_date_to_display (first->date);
      last_date = kes_date_to_display (last->date);
      last_value = kes_trend_point_format (series, last);
      if (change > 0)
        g_string_append_printf (text, _(" Latest %s on %s, up %s since %s."), last_value, last_date, amount,
                                first_date);
      else if (change < 0)
        g_string_append_printf (text, _(" Latest %s on %s, down %s since %s."), last_value, last_date, amount,
                                first_date);
      else
        g_string_append_printf (text, _(" Latest %s on %s, no change since %s."), last_value, last_date,
                                first_date);
    }

  range = range_text (series->low, series->high);
  second_range = range_text (series->second_low, series->second_high);
  if (range != NULL && second_range != NULL)
    g_string_append_printf (text, _(" Reference range %s over %s;"), range, second_range);
  else if (range != NULL)
    g_string_append_printf (text, _(" Reference range %s;"), range);
  if (range != NULL)
    {
      if (n_outside == 0)
        g_string_append (text, _(" every reading is inside it."));
      else
        g_string_append_printf (text, ngettext (" %u reading is outside it.",
                                                   " %u readings are outside it.", n_outside),
                                n_outside);
    }
  if (series->note != NULL)
    g_string_append_printf (text, " %s.", series->note);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
