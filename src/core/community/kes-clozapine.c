/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-clozapine"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-clozapine.h"
#include "kes-medication-rules-private.h"
#include "kes-validate.h"

#define rule_double kes_medication_rule_double
#define rule_uint   kes_medication_rule_uint

/* ---- Traffic lights ---- */

static const char * const fbc_lights[] = { "green", "amber", "red" };
static const char * const threshold_sets[] = { "standard", "ben" };
static const char * const threshold_groups[] = { "clozapine-thresholds-standard", "clozapine-thresholds-ben" };
static const char * const threshold_sources[] = { "medication:clozapine-thresholds-standard",
                                                  "medication:clozapine-thresholds-ben" };

KesFbcLight
kes_fbc_traffic_light (KesFbcThresholds thresholds,
                       double           wbc,
                       double           neutrophils)
{
  const char *group;
  /* Compare in hundredths so 3.5 typed in is 3.5, not 3.4999… */
  long w = lround (wbc * 100), n = lround (neutrophils * 100);

  g_return_val_if_fail (thresholds <= KES_FBC_THRESHOLDS_BEN, KES_FBC_RED);

  group = threshold_groups[thresholds];
  if (w < lround (rule_double (group, "red-wbc") * 100) || n < lround (rule_double (group, "red-anc") * 100))
    return KES_FBC_RED;
  if (w < lround (rule_double (group, "green-wbc") * 100) || n < lround (rule_double (group, "green-anc") * 100))
    return KES_FBC_AMBER;
  return KES_FBC_GREEN;
}

KesFbcLight
kes_fbc_light_worse (KesFbcLight a,
                     KesFbcLight b)
{
  return MAX (a, b);
}

const char *
kes_fbc_light_to_string (KesFbcLight light)
{
  g_return_val_if_fail (light <= KES_FBC_RED, NULL);
  return fbc_lights[light];
}

gboolean
kes_fbc_light_parse (const char  *text,
                     KesFbcLight *light)
{
  for (guint i = 0; i < G_N_ELEMENTS (fbc_lights); i++)
    if (g_strcmp0 (text, fbc_lights[i]) == 0)
      {
        *light = (KesFbcLight) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_fbc_light_label (KesFbcLight light)
{
  switch (light)
    {
    case KES_FBC_GREEN:
      return _("Green");
    case KES_FBC_AMBER:
      return _("Amber");
    case KES_FBC_RED:
      return _("Red");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_fbc_light_action (KesFbcLight light)
{
  switch (light)
    {
    case KES_FBC_GREEN:
      return _("Continue clozapine and routine monitoring.");
    case KES_FBC_AMBER:
      return _("Continue clozapine; repeat the blood test twice weekly until the result is green.");
    case KES_FBC_RED:
      return _("Stop clozapine now and do not give it again: the SmPC says a patient with a red result "
               "must not be re-exposed. Test daily while the counts stay red, watch for infection and "
               "contact the monitoring service and the prescriber.");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kes_fbc_thresholds_parse (const char       *text,
                          KesFbcThresholds *thresholds)
{
  for (guint i = 0; i < G_N_ELEMENTS (threshold_sets); i++)
    if (g_strcmp0 (text, threshold_sets[i]) == 0)
      {
        *thresholds = (KesFbcThresholds) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_fbc_thresholds_to_string (KesFbcThresholds thresholds)
{
  g_return_val_if_fail (thresholds <= KES_FBC_THRESHOLDS_BEN, NULL);
  return threshold_sets[thresholds];
}

const char *
kes_fbc_thresholds_source_id (KesFbcThresholds thresholds)
{
  g_return_val_if_fail (thresholds <= KES_FBC_THRESHOLDS_BEN, NULL);
  return threshold_sources[thresholds];
}

void
kes_fbc_result_clear (KesFbcResult *result)
{
  g_clear_pointer (&result->taken, g_date_free);
}

KesFbcLight
kes_fbc_result_light (const KesFbcResult *result)
{
  KesFbcLight own = kes_fbc_traffic_light (result->thresholds, result->wbc, result->neutrophils);

  if (result->service_light < 0)
    return own;
  return kes_fbc_light_worse (own, (KesFbcLight) result->service_light);
}

gboolean
kes_fbc_result_disagrees (const KesFbcResult *result)
{
  return result->service_light >= 0 &&
         (KesFbcLight) result->service_light !=
           kes_fbc_traffic_light (result->thresholds, result->wbc, result->neutrophils);
}

/* ---- Schedule ---- */

KesClozapinePhase
kes_clozapine_phase (const GDate *start,
                     const GDate *on)
{
  int days;
  guint weeks;

  g_return_val_if_fail (start != NULL && on != NULL, KES_CLOZAPINE_WEEKLY);

  days = g_date_days_between (start, on);
  weeks = days > 0 ? (guint) days / 7 : 0;
  if (weeks < rule_uint ("clozapine-schedule", "weekly-until-week"))
    return KES_CLOZAPINE_WEEKLY;
  if (weeks < rule_uint ("clozapine-schedule", "fortnightly-until-week"))
    return KES_CLOZAPINE_FORTNIGHTLY;
  return KES_CLOZAPINE_FOUR_WEEKLY;
}

guint
kes_clozapine_phase_interval_days (KesClozapinePhase phase)
{
  switch (phase)
    {
    case KES_CLOZAPINE_WEEKLY:
      return rule_uint ("clozapine-schedule", "weekly-interval-days");
    case KES_CLOZAPINE_FORTNIGHTLY:
      return rule_uint ("clozapine-schedule", "fortnightly-interval-days");
    case KES_CLOZAPINE_FOUR_WEEKLY:
      return rule_uint ("clozapine-schedule", "four-weekly-interval-days");
    default:
      g_return_val_if_reached (0);
    }
}

const char *
kes_clozapine_phase_label (KesClozapinePhase phase)
{
  switch (phase)
    {
    case KES_CLOZAPINE_WEEKLY:
      return _("Weekly blood tests");
    case KES_CLOZAPINE_FORTNIGHTLY:
      return _("Fortnightly blood tests");
    case KES_CLOZAPINE_FOUR_WEEKLY:
      return _("Four-weekly blood tests");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
kes_clozapine_break_needs_retitration (double break_hours)
{
  return break_hours > kes_clozapine_retitrate_hours ();
}

gboolean
kes_clozapine_break_weekly_again (double break_hours)
{
  return break_hours > kes_clozapine_weekly_again_hours ();
}

gboolean
kes_clozapine_break_restarts_schedule (double break_hours)
{
  return break_hours >= 24.0 * kes_clozapine_restart_schedule_days ();
}

double
kes_clozapine_retitrate_hours (void)
{
  return rule_double ("clozapine-breaks", "retitrate-after-hours");
}

double
kes_clozapine_weekly_again_hours (void)
{
  return rule_double ("clozapine-breaks", "weekly-again-after-hours");
}

guint
kes_clozapine_weekly_again_weeks (void)
{
  return rule_uint ("clozapine-breaks", "weekly-again-weeks");
}

guint
kes_clozapine_restart_schedule_days (void)
{
  return rule_uint ("clozapine-breaks", "restart-schedule-after-days");
}

guint
kes_clozapine_after_stop_weeks (void)
{
  return rule_uint ("clozapine-schedule", "after-stop-weeks");
}

guint
kes_clozapine_soon_days (void)
{
  return rule_uint ("today-windows", "clozapine-soon-days");
}

/* ---- What is due ---- */

/* Where the schedule stands after every break before today. */
typedef struct
{
  GDate  *start;          /* weeks of the schedule count from here */
  GDate  *weekly_until;   /* weekly again after a break, until this date */
  GDate  *restarted;      /* the last restart after a break needing re-titration */
  double  restart_hours;
} Schedule;

static void
schedule_clear (Schedule *schedule)
{
  g_clear_pointer (&schedule->start, g_date_free);
  g_clear_pointer (&schedule->weekly_until, g_date_free);
  g_clear_pointer (&schedule->restarted, g_date_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Schedule, schedule_clear)

static void
schedule_break (Schedule    *schedule,
                const GDate *restarted,
                double       hours)
{
  if (kes_clozapine_break_restarts_schedule (hours))
    {
      /* Four weeks or more: the whole schedule again (18 weeks weekly). */
      g_date_free (schedule->start);
      schedule->start = g_date_copy (restarted);
      g_clear_pointer (&schedule->weekly_until, g_date_free);
    }
  else if (kes_clozapine_break_weekly_again (hours))
    {
      g_autoptr(GDate) until = kes_date_plus_days (restarted, 7 * (int) kes_clozapine_weekly_again_weeks ());

      if (schedule->weekly_until == NULL || g_date_compare (until, schedule->weekly_until) > 0)
        {
          g_clear_pointer (&schedule->weekly_until, g_date_free);
          schedule->weekly_until = g_steal_pointer (&until);
        }
    }
  if (kes_clozapine_break_needs_retitration (hours))
    {
      g_clear_pointer (&schedule->restarted, g_date_free);
      schedule->restarted = g_date_copy (restarted);
      schedule->restart_hours = hours;
    }
}

typedef struct
{
  GDate  *on;
  double  hours;
} BreakEvent;

static int
compare_breaks (gconstpointer a,
                gconstpointer b)
{
  return g_date_compare (((const BreakEvent *) a)->on, ((const BreakEvent *) b)->on);
}

/* Every break up to and including period @current, in date order: gaps
 * between periods, and breaks recorded inside a course. */
static void
schedule_build (Schedule    *schedule,
                GPtrArray   *courses,
                GArray      *periods,
                guint        current,
                const GDate *today)
{
  g_autoptr(GArray) breaks = g_array_new (FALSE, FALSE, sizeof (BreakEvent));

  schedule->start = g_date_copy (g_array_index (periods, KesTreatmentPeriod, 0).start);
  for (guint i = 1; i <= current; i++)
    {
      KesTreatmentPeriod *before = &g_array_index (periods, KesTreatmentPeriod, i - 1);
      KesTreatmentPeriod *after = &g_array_index (periods, KesTreatmentPeriod, i);
      BreakEvent event = { after->start, 24.0 * kes_treatment_gap_days (before, after) };

      g_array_append_val (breaks, event);
    }
  for (guint i = 0; i < courses->len; i++)
    {
      KesCourse *course = courses->pdata[i];
      KesTreatmentPeriod *period = &g_array_index (periods, KesTreatmentPeriod, current);

      if (course->restarted != NULL && g_date_compare (course->restarted, today) <= 0 &&
          g_date_compare (course->restarted, period->start) >= 0 && course->break_hours > 0)
        {
          BreakEvent event = { course->restarted, course->break_hours };
          g_array_append_val (breaks, event);
        }
    }
  g_array_sort (breaks, compare_breaks);
  for (guint i = 0; i < breaks->len; i++)
    {
      BreakEvent *event = &g_array_index (breaks, BreakEvent, i);
      schedule_break (schedule, event->on, event->hours);
    }
}

static char *
shown (const GDate *date)
{
  g_autofree char *iso = kes_date_to_iso (date);
  return kes_date_to_display (iso);
}

/* The first test after a planned restart, when nothing else is due. */
static KesMonitoringItem *
restart_item (GArray *periods,
              int     current)
{
  KesTreatmentPeriod *next;

  if ((guint) current + 1 >= periods->len)
    return NULL;
  next = &g_array_index (periods, KesTreatmentPeriod, current + 1);
  return kes_monitoring_item_new ("clozapine-fbc", next->start, FALSE, _("Clozapine blood test"),
                                  _("A valid blood result is needed before clozapine restarts"),
                                  next->latest->id);
}

/* The routine detail: the phase or the amber action, then what the reader
 * must also know (stopped, weekly again, re-titration, the service's colour). */
static char *
routine_detail (const Schedule     *schedule,
                const KesFbcResult *last,
                KesFbcLight         last_light,
                const KesTreatmentPeriod *period,
                const GDate        *monitor_until,
                gboolean            no_rechallenge,
                const GDate        *today)
{
  GString *detail = g_string_new (NULL);

  if (last == NULL)
    g_string_append (detail, _("Baseline blood test at registration"));
  else if (last_light == KES_FBC_AMBER)
    g_string_append (detail, kes_fbc_light_action (KES_FBC_AMBER));
  else if (schedule->weekly_until != NULL && g_date_compare (last->taken, schedule->weekly_until) < 0)
    {
      g_autofree char *until = shown (schedule->weekly_until);
      g_string_append_printf (detail, _("Weekly blood tests again after a break, until %s"), until);
    }
  else
    g_string_append (detail, kes_clozapine_phase_label (kes_clozapine_phase (schedule->start, last->taken)));

  if (monitor_until != NULL)
    {
      g_autofree char *stopped = shown (period->stop);
      g_autofree char *until = shown (monitor_until);
      g_string_append_printf (detail, _("; clozapine stopped on %s: blood tests go on until %s"), stopped,
                              until);
    }
  if (schedule->restarted != NULL)
    {
      g_autoptr(GDate) shown_until = kes_date_plus_days (schedule->restarted,
                                                         7 * (int) kes_clozapine_weekly_again_weeks ());
      if (g_date_compare (today, shown_until) < 0)
        {
          g_autofree char *on = shown (schedule->restarted);
          g_string_append_printf (detail, _("; restarted on %s after a break of %.0f hours: re-titrate "
                                            "from a low dose"), on, schedule->restart_hours);
        }
    }
  if (last != NULL && kes_fbc_result_disagrees (last))
    g_string_append_printf (detail, _("; the monitoring service’s colour (%s) differs from Kestrel’s (%s): "
                                      "the more cautious is used"),
                            kes_fbc_light_label ((KesFbcLight) last->service_light),
                            kes_fbc_light_label (kes_fbc_traffic_light (last->thresholds, last->wbc,
                                                                         last->neutrophils)));
  if (no_rechallenge)
    g_string_append (detail, _("; recorded as not to be re-challenged with clozapine"));
  return g_string_free (detail, FALSE);
}

KesMonitoringItem *
kes_clozapine_monitoring (GPtrArray   *courses,
                          GArray      *results,
                          gboolean     no_rechallenge,
                          const GDate *today)
{
  g_autoptr(GArray) periods = NULL;
  g_auto(Schedule) schedule = { 0 };
  g_autoptr(GDate) due = NULL;
  g_autoptr(GDate) monitor_until = NULL;
  g_autofree char *detail = NULL;
  const KesFbcResult *last = NULL;
  const GDate *last_red = NULL;
  KesFbcLight last_light = KES_FBC_GREEN;
  KesTreatmentPeriod *period;
  gboolean active, red_open;
  int current;

  g_return_val_if_fail (courses != NULL && results != NULL && today != NULL, NULL);

  periods = kes_treatment_periods (courses);
  current = kes_treatment_periods_current (periods, today);
  if (current < 0)
    return NULL;
  period = &g_array_index (periods, KesTreatmentPeriod, current);
  if (g_date_compare (period->start, today) > 0)
    return kes_monitoring_item_new ("clozapine-fbc", period->start, FALSE, _("Clozapine blood test"),
                                    _("Baseline blood test before starting clozapine"), period->latest->id);

  schedule_build (&schedule, courses, periods, (guint) current, today);
  for (guint i = 0; i < results->len; i++)
    {
      const KesFbcResult *result = &g_array_index (results, KesFbcResult, i);

      if (g_date_compare (result->taken, schedule.start) < 0)
        continue;
      last = result;
      last_light = kes_fbc_result_light (result);
      if (last_light == KES_FBC_RED)
        last_red = result->taken;
    }

  active = kes_treatment_period_active (period, today);
  /* A red during this period while clozapine is still prescribed: stop it.
   * A course started after the red (an authorised re-challenge) ends that. */
  red_open = active && last_red != NULL && g_date_compare (last_red, period->start) >= 0 &&
             g_date_compare (period->latest->start, last_red) <= 0;
  if (red_open || (last != NULL && last_light == KES_FBC_RED))
    {
      g_autofree char *on = shown (last_light == KES_FBC_RED ? last->taken : last_red);
      g_autofree char *title = NULL;
      g_autoptr(GString) text = g_string_new (kes_fbc_light_action (KES_FBC_RED));

      if (no_rechallenge)
        g_string_append (text, _(" Recorded as not to be re-challenged with clozapine."));
      else
        g_string_append (text, _(" Record on the medication tab that clozapine must not be re-challenged."));
      /* TRANSLATORS: the date of a red blood result */
      title = red_open ? g_strdup_printf (_("Red clozapine result on %s"), on)
                       : g_strdup_printf (_("Red clozapine result on %s: daily blood tests"), on);
      return kes_monitoring_item_new ("clozapine-fbc", today, TRUE, title, text->str, period->latest->id);
    }

  if (last == NULL)
    due = g_date_copy (schedule.start);
  else
    {
      guint interval;

      if (last_light == KES_FBC_AMBER)
        interval = rule_uint ("clozapine-results", "amber-interval-days");
      else
        {
          interval = kes_clozapine_phase_interval_days (kes_clozapine_phase (schedule.start, last->taken));
          if (schedule.weekly_until != NULL && g_date_compare (last->taken, schedule.weekly_until) < 0)
            interval = MIN (interval, kes_clozapine_phase_interval_days (KES_CLOZAPINE_WEEKLY));
        }
      due = kes_date_plus_days (last->taken, (int) interval);
    }

  if (!active)
    {
      /* Monitoring goes on for weeks after stopping (SmPC): until a test on
       * or after that day, or longer while the counts are not green. */
      monitor_until = kes_date_plus_days (period->stop, 7 * (int) kes_clozapine_after_stop_weeks ());
      if (last_light == KES_FBC_GREEN)
        {
          /* Done only with a test on or after that day: a missed last test
           * stays overdue rather than vanishing. */
          if (last != NULL && g_date_compare (last->taken, monitor_until) >= 0)
            return restart_item (periods, current);
          if (g_date_compare (due, monitor_until) > 0)
            *due = *monitor_until;
        }
    }

  detail = routine_detail (&schedule, last, last_light, period, monitor_until, no_rechallenge, today);
  return kes_monitoring_item_new ("clozapine-fbc", due, FALSE, _("Clozapine blood test"), detail,
                                  period->latest->id);
}
