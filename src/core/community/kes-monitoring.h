/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a patient's medicines ask to be monitored, worked out from every
 * course of a drug (not only the first): pure functions of the courses,
 * the results and a date, so they can be tested over many histories and
 * the store only gathers rows (kes-store-medication-due.c). */

/* One prescription of a monitored drug. */
typedef struct
{
  char   *id;           /* the prescription's record id */
  GDate  *start;
  GDate  *stop;         /* NULL while it goes on */
  GDate  *restarted;    /* back on it after a break inside the course, or NULL */
  double  break_hours;  /* the length of that break */
  GDate  *dose_changed; /* the last change of dose, or NULL */
} KesCourse;

KesCourse *kes_course_new  (const char *id,
                            const char *start,
                            const char *stop,
                            const char *restarted,
                            double      break_hours,
                            const char *dose_changed);
void       kes_course_free (KesCourse  *course);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesCourse, kes_course_free)

/* Continuous treatment: courses that overlap or follow on the same day are
 * one period. */
typedef struct
{
  GDate      *start;
  GDate      *stop;       /* NULL while treatment goes on */
  KesCourse  *latest;     /* the course that started last in the period (borrowed) */
  guint       first;      /* index of its first course in the sorted courses */
  guint       n_courses;
} KesTreatmentPeriod;

/* Sorts @courses (KesCourse*) by start and returns the periods, oldest
 * first (free with g_array_unref; they borrow the courses). */
GArray    *kes_treatment_periods          (GPtrArray   *courses);
/* The period @today falls in, else the last to have started before it,
 * else the first to come; -1 when there are none. */
int        kes_treatment_periods_current  (GArray      *periods,
                                           const GDate *today);
/* TRUE while the period goes on after @today. */
gboolean   kes_treatment_period_active    (const KesTreatmentPeriod *period,
                                           const GDate *today);
/* Whole days between the end of @before and the start of @after. */
int        kes_treatment_gap_days         (const KesTreatmentPeriod *before,
                                           const KesTreatmentPeriod *after);

/* One thing the monitoring asks for next, due or not yet due. */
typedef struct
{
  char     *kind;      /* "clozapine-fbc", "lithium-level", "lithium-egfr" … */
  GDate    *due;
  gboolean  urgent;    /* past a danger threshold: due today, the source's action in detail */
  char     *title;
  char     *detail;
  char     *record_id; /* the prescription it belongs to */
} KesMonitoringItem;

KesMonitoringItem *kes_monitoring_item_new  (const char  *kind,
                                             const GDate *due,
                                             gboolean     urgent,
                                             const char  *title,
                                             const char  *detail,
                                             const char  *record_id);
void               kes_monitoring_item_free (KesMonitoringItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesMonitoringItem, kes_monitoring_item_free)

G_END_DECLS
