/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-monitoring"

#include "config.h"

#include "kes-monitoring.h"
#include "kes-validate.h"

static GDate *
date_or_null (const char *iso)
{
  return iso != NULL && *iso != '\0' ? kes_date_from_iso (iso) : NULL;
}

KesCourse *
kes_course_new (const char *id,
                const char *start,
                const char *stop,
                const char *restarted,
                double      break_hours,
                const char *dose_changed)
{
  KesCourse *course = g_new0 (KesCourse, 1);

  course->id = g_strdup (id);
  course->start = date_or_null (start);
  course->stop = date_or_null (stop);
  course->restarted = date_or_null (restarted);
  course->break_hours = break_hours;
  course->dose_changed = date_or_null (dose_changed);
  return course;
}

void
kes_course_free (KesCourse *course)
{
  if (course == NULL)
    return;
  g_free (course->id);
  g_clear_pointer (&course->start, g_date_free);
  g_clear_pointer (&course->stop, g_date_free);
  g_clear_pointer (&course->restarted, g_date_free);
  g_clear_pointer (&course->dose_changed, g_date_free);
  g_free (course);
}

static int
compare_courses (gconstpointer a,
                 gconstpointer b)
{
  const KesCourse *x = *(KesCourse * const *) a;
  const KesCourse *y = *(KesCourse * const *) b;
  int by_start = g_date_compare (x->start, y->start);

  return by_start != 0 ? by_start : g_strcmp0 (x->id, y->id);
}

static void
period_clear (KesTreatmentPeriod *period)
{
  g_clear_pointer (&period->start, g_date_free);
  g_clear_pointer (&period->stop, g_date_free);
}

GArray *
kes_treatment_periods (GPtrArray *courses)
{
  GArray *periods = g_array_new (FALSE, TRUE, sizeof (KesTreatmentPeriod));

  g_array_set_clear_func (periods, (GDestroyNotify) period_clear);
  for (guint i = courses->len; i > 0; i--)
    if (((KesCourse *) courses->pdata[i - 1])->start == NULL)
      g_ptr_array_remove_index (courses, i - 1);
  g_ptr_array_sort (courses, compare_courses);

  for (guint i = 0; i < courses->len; i++)
    {
      KesCourse *course = courses->pdata[i];
      KesTreatmentPeriod *last = periods->len > 0
                                   ? &g_array_index (periods, KesTreatmentPeriod, periods->len - 1) : NULL;

      /* A course starting before the last period ends (or on its last day)
       * continues it: no break in treatment. */
      if (last != NULL && (last->stop == NULL || g_date_compare (course->start, last->stop) <= 0))
        {
          if (last->stop != NULL && (course->stop == NULL || g_date_compare (course->stop, last->stop) > 0))
            {
              g_date_free (last->stop);
              last->stop = course->stop != NULL ? g_date_copy (course->stop) : NULL;
            }
          last->latest = course;
          last->n_courses++;
          continue;
        }
      {
        KesTreatmentPeriod period = { 0 };

        period.start = g_date_copy (course->start);
        period.stop = course->stop != NULL ? g_date_copy (course->stop) : NULL;
        period.latest = course;
        period.first = i;
        period.n_courses = 1;
        g_array_append_val (periods, period);
      }
    }
  return periods;
}

int
kes_treatment_periods_current (GArray      *periods,
                               const GDate *today)
{
  int current = -1;

  for (guint i = 0; i < periods->len; i++)
    if (g_date_compare (g_array_index (periods, KesTreatmentPeriod, i).start, today) <= 0)
      current = (int) i;
  if (current < 0 && periods->len > 0)
    current = 0;
  return current;
}

gboolean
kes_treatment_period_active (const KesTreatmentPeriod *period,
                             const GDate              *today)
{
  return period->stop == NULL || g_date_compare (period->stop, today) > 0;
}

int
kes_treatment_gap_days (const KesTreatmentPeriod *before,
                        const KesTreatmentPeriod *after)
{
  if (before->stop == NULL)
    return 0;
  return g_date_days_between (before->stop, after->start);
}

KesMonitoringItem *
kes_monitoring_item_new (const char  *kind,
                         const GDate *due,
                         gboolean     urgent,
                         const char  *title,
                         const char  *detail,
                         const char  *record_id)
{
  KesMonitoringItem *item = g_new0 (KesMonitoringItem, 1);

  item->kind = g_strdup (kind);
  item->due = g_date_copy (due);
  item->urgent = urgent;
  item->title = g_strdup (title);
  item->detail = g_strdup (detail);
  item->record_id = g_strdup (record_id);
  return item;
}

void
kes_monitoring_item_free (KesMonitoringItem *item)
{
  if (item == NULL)
    return;
  g_free (item->kind);
  g_clear_pointer (&item->due, g_date_free);
  g_free (item->title);
  g_free (item->detail);
  g_free (item->record_id);
  g_free (item);
}
