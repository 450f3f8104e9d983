/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Physical health measurements over time, one series a chart: weight,
 * BMI, waist, blood pressure (systolic with diastolic), pulse, HbA1c,
 * fasting glucose and total cholesterol. Built from a patient's physical
 * health checks (KesCareRecord, any order); the charts draw them and read
 * kes_physical_trend_describe() to screen readers. */

typedef struct
{
  char   *date;   /* YYYY-MM-DD */
  double  value;
  double  second; /* diastolic beside systolic; NAN otherwise */
} KesTrendPoint;

typedef struct
{
  char   *measure;    /* "weight_kg", "bmi", "systolic" … */
  char   *title;      /* "Weight", "Blood pressure" … (translated) */
  char   *unit;       /* "kg", "mmHg" … (translated) */
  GArray *points;     /* KesTrendPoint, oldest first */
  double  low;        /* reference range from data, NAN when none */
  double  high;
  double  second_low; /* diastolic range beside systolic, NAN otherwise */
  double  second_high;
  char   *note;       /* what the range is and where it comes from, or NULL */
} KesTrendSeries;

/* Series with at least one point, in the order above. BMI uses the height
 * measured at the check, or else the latest height measured before it, and
 * the healthy band for the person's ethnic category @ethnicity (NICE's lower
 * thresholds where they apply; may be NULL). */
GPtrArray *kes_physical_trends          (GListModel     *checks,
                                         const char     *ethnicity);
void       kes_trend_series_free        (KesTrendSeries *series);
/* The chart in words: "Weight (kg), 3 readings: 92 on 1 Jan 2026, … Latest
 * 95 on 1 Apr 2026, up 3 since 1 Jan 2026." with the range and how many
 * readings fall outside it. */
char      *kes_physical_trend_describe  (KesTrendSeries *series);
/* The value as the chart labels it: "92.5", "132/84". */
char      *kes_trend_point_format       (KesTrendSeries *series,
                                         KesTrendPoint  *point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesTrendSeries, kes_trend_series_free)

G_END_DECLS
