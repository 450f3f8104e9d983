/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-lithium"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-lithium.h"
#include "kes-medication-rules-private.h"
#include "kes-validate.h"

#define rule_double kes_medication_rule_double
#define rule_uint   kes_medication_rule_uint

static const char * const targets[] = { "standard", "higher" };

gboolean
kes_lithium_target_parse (const char       *text,
                          KesLithiumTarget *target)
{
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_strcmp0 (text, targets[i]) == 0)
      {
        *target = (KesLithiumTarget) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_lithium_target_to_string (KesLithiumTarget target)
{
  g_return_val_if_fail (target <= KES_LITHIUM_TARGET_HIGHER, NULL);
  return targets[target];
}

void
kes_lithium_range (KesLithiumTarget  target,
                   double           *low,
                   double           *high)
{
  gboolean higher = target == KES_LITHIUM_TARGET_HIGHER;

  if (low != NULL)
    *low = rule_double ("lithium-target", higher ? "higher-range-low" : "range-low");
  if (high != NULL)
    *high = rule_double ("lithium-target", higher ? "higher-range-high" : "range-high");
}

double
kes_lithium_toxic_level (void)
{
  return rule_double ("lithium-toxic", "toxic");
}

KesLithiumBand
kes_lithium_band (KesLithiumTarget target,
                  double           level)
{
  double low, high;
  /* Compare in hundredths so 0.8 typed in is 0.8, not 0.7999… */
  long l = lround (level * 100);

  kes_lithium_range (target, &low, &high);
  if (l >= lround (kes_lithium_toxic_level () * 100))
    return KES_LITHIUM_TOXIC;
  if (l > lround (high * 100))
    return KES_LITHIUM_ABOVE;
  if (l < lround (low * 100))
    return KES_LITHIUM_BELOW;
  return KES_LITHIUM_IN_RANGE;
}

const char *
kes_lithium_band_label (KesLithiumBand band)
{
  switch (band)
    {
    case KES_LITHIUM_BELOW:
      return _("Below the target range");
    case KES_LITHIUM_IN_RANGE:
      return _("In the target range");
    case KES_LITHIUM_ABOVE:
      return _("Above the target range");
    case KES_LITHIUM_TOXIC:
      return _("Toxic level: seek medical advice now");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_lithium_toxic_action (void)
{
  return _("Treat as a medical emergency today: withhold lithium, check for signs of toxicity "
           "(diarrhoea, vomiting, coarse tremor, unsteadiness, confusion) and get a doctor to see "
           "the person now. Levels can go on rising for a day or two after stopping.");
}

guint
kes_lithium_soon_days (void)
{
  return rule_uint ("today-windows", "lithium-soon-days");
}

static const char * const check_kinds[] = {
  "lithium-egfr", "lithium-ue", "lithium-calcium", "lithium-thyroid", "lithium-weight",
};

const char *
kes_lithium_check_kind (KesLithiumCheck check)
{
  g_return_val_if_fail (check < KES_N_LITHIUM_CHECKS, NULL);
  return check_kinds[check];
}

const char *
kes_lithium_check_label (KesLithiumCheck check)
{
  switch (check)
    {
    case KES_LITHIUM_CHECK_EGFR:
      return _("Kidney function (eGFR)");
    case KES_LITHIUM_CHECK_UE:
      return _("Urea and electrolytes");
    case KES_LITHIUM_CHECK_CALCIUM:
      return _("Calcium");
    case KES_LITHIUM_CHECK_THYROID:
      return _("Thyroid function");
    case KES_LITHIUM_CHECK_WEIGHT:
      return _("Weight or BMI");
    case KES_N_LITHIUM_CHECKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
kes_lithium_level_clear (KesLithiumLevel *level)
{
  g_clear_pointer (&level->taken, g_date_free);
}

/* Plain words for why the patient is in a higher-risk group; NULL if not. */
static char *
higher_risk_reasons (const KesLithiumPlan *plan,
                     double                last_level,
                     const GDate          *on)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  guint older = rule_uint ("lithium-higher-risk", "older-age-years");
  double high_level = rule_double ("lithium-higher-risk", "last-level-at-least");

  if (plan->birth != NULL && kes_age_on (plan->birth, on) >= (int) older)
    g_ptr_array_add (reasons, g_strdup_printf (_("aged %u or over"), older));
  if (plan->interacting_drugs)
    g_ptr_array_add (reasons, g_strdup (_("taking drugs that interact with lithium")));
  if (plan->renal_thyroid_calcium_risk)
    g_ptr_array_add (reasons, g_strdup (_("at risk of impaired kidney or thyroid function or raised calcium")));
  if (plan->poor_control_or_adherence)
    g_ptr_array_add (reasons, g_strdup (_("poor symptom control or adherence")));
  if (lround (last_level * 100) >= lround (high_level * 100))
    g_ptr_array_add (reasons, g_strdup_printf (_("last level %.1f mmol/L or more"), high_level));
  if (reasons->len == 0)
    return NULL;
  g_ptr_array_add (reasons, NULL);
  return g_strjoinv ("; ", (char **) reasons->pdata);
}

gboolean
kes_lithium_higher_risk (const KesLithiumPlan *plan,
                         double                last_level,
                         const GDate          *on)
{
  g_autofree char *reasons = higher_risk_reasons (plan, last_level, on);
  return reasons != NULL;
}

static char *
shown (const GDate *date)
{
  g_autofree char *iso = kes_date_to_iso (date);
  return kes_date_to_display (iso);
}

/* The last dose change inside @period on or before @today, or NULL. */
static const GDate *
last_dose_change (GPtrArray                *courses,
                  const KesTreatmentPeriod *period,
                  const GDate              *today)
{
  const GDate *latest = NULL;

  for (guint i = period->first; i < period->first + period->n_courses; i++)
    {
      KesCourse *course = courses->pdata[i];

      if (course->dose_changed == NULL || g_date_compare (course->dose_changed, today) > 0 ||
          g_date_compare (course->dose_changed, period->start) < 0)
        continue;
      if (latest == NULL || g_date_compare (course->dose_changed, latest) > 0)
        latest = course->dose_changed;
    }
  return latest;
}

static KesMonitoringItem *
level_item (GPtrArray                *courses,
            const KesTreatmentPeriod *period,
            GArray                   *levels,
            const KesLithiumPlan     *plan,
            const GDate              *today)
{
  const GDate *changed = last_dose_change (courses, period, today);
  const GDate *since = changed != NULL ? changed : period->start;
  const KesLithiumLevel *last = NULL;
  guint in_range = 0, needed = rule_uint ("lithium-schedule", "stable-levels-needed");
  guint weekly = rule_uint ("lithium-schedule", "unstable-interval-days");
  g_autoptr(GDate) due = NULL;
  g_autoptr(GDate) year_one_end = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *detail = NULL;
  double low, high;

  kes_lithium_range (plan->target, &low, &high);
  for (guint i = 0; i < levels->len; i++)
    {
      const KesLithiumLevel *level = &g_array_index (levels, KesLithiumLevel, i);

      if (g_date_compare (level->taken, since) < 0)
        continue;
      last = level;
      in_range = kes_lithium_band (plan->target, level->level) == KES_LITHIUM_IN_RANGE ? in_range + 1 : 0;
    }

  if (last == NULL)
    {
      g_autofree char *on = shown (since);

      due = kes_date_plus_days (since, (int) weekly);
      detail = changed != NULL ? g_strdup_printf (_("First level a week after the dose change on %s"), on)
                               : g_strdup_printf (_("First level a week after starting on %s"), on);
    }
  else if (in_range < needed)
    {
      due = kes_date_plus_days (last->taken, (int) weekly);
      detail = g_strdup_printf (_("%s; weekly until %u levels in a row are in the target range (%.1f to %.1f)"),
                                kes_lithium_band_label (kes_lithium_band (plan->target, last->level)),
                                needed, low, high);
    }
  else if ((reasons = higher_risk_reasons (plan, last->level, today)) != NULL)
    {
      due = kes_date_plus_months (last->taken, rule_uint ("lithium-higher-risk", "interval-months"));
      detail = g_strdup_printf (_("In the target range; every 3 months (%s)"), reasons);
    }
  else
    {
      year_one_end = kes_date_plus_months (period->start, 12);
      if (g_date_compare (last->taken, year_one_end) < 0)
        {
          due = kes_date_plus_months (last->taken, rule_uint ("lithium-schedule", "first-year-interval-months"));
          detail = g_strdup (_("In the target range; every 3 months in the first year"));
        }
      else
        {
          due = kes_date_plus_months (last->taken, rule_uint ("lithium-schedule", "later-interval-months"));
          detail = g_strdup (_("In the target range; every 6 months"));
        }
    }
  return kes_monitoring_item_new ("lithium-level", due, FALSE, _("Lithium level"), detail, period->latest->id);
}

static KesMonitoringItem *
check_item (KesLithiumCheck           check,
            const KesTreatmentPeriod *period,
            const GDate              *last_done)
{
  guint months = rule_uint ("lithium-physical", "interval-months");
  g_autoptr(GDate) due = NULL;
  g_autofree char *title = g_strdup_printf (_("Lithium: %s"), kes_lithium_check_label (check));
  g_autofree char *detail = NULL;

  if (last_done != NULL)
    due = kes_date_plus_months (last_done, months);
  /* Done too long before starting to count: the check before starting. */
  if (due == NULL || g_date_compare (due, period->start) <= 0)
    {
      g_clear_pointer (&due, g_date_free);
      due = g_date_copy (period->start);
      detail = g_strdup (_("Before starting lithium, then every 6 months"));
    }
  else
    {
      g_autofree char *on = shown (last_done);
      detail = g_strdup_printf (_("Every 6 months while on lithium; last done %s"), on);
    }
  return kes_monitoring_item_new (kes_lithium_check_kind (check), due, FALSE, title, detail, period->latest->id);
}

GPtrArray *
kes_lithium_monitoring (GPtrArray            *courses,
                        GArray               *levels,
                        const KesLithiumPlan *plan,
                        GDate * const        *last_checks,
                        const GDate          *today)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_monitoring_item_free);
  g_autoptr(GArray) periods = NULL;
  KesTreatmentPeriod *period = NULL;
  gboolean toxic = FALSE;
  int current;

  g_return_val_if_fail (courses != NULL && levels != NULL && plan != NULL && today != NULL, items);

  periods = kes_treatment_periods (courses);
  current = kes_treatment_periods_current (periods, today);
  if (current >= 0)
    period = &g_array_index (periods, KesTreatmentPeriod, current);

  /* A toxic level stays at the top until a later level is below it,
   * stopped or not: levels can go on rising after stopping. */
  if (levels->len > 0)
    {
      const KesLithiumLevel *latest = &g_array_index (levels, KesLithiumLevel, levels->len - 1);

      if (kes_lithium_band (plan->target, latest->level) == KES_LITHIUM_TOXIC)
        {
          g_autofree char *on = shown (latest->taken);
          g_autofree char *detail = g_strdup_printf (_("Lithium level %.2f mmol/L on %s (toxic from %.1f). %s"),
                                                     latest->level, on, kes_lithium_toxic_level (),
                                                     kes_lithium_toxic_action ());

          toxic = TRUE;
          g_ptr_array_add (items, kes_monitoring_item_new ("lithium-level", today, TRUE, _("Toxic lithium level"),
                                                           detail, period != NULL ? period->latest->id : NULL));
        }
    }
  if (period == NULL || !kes_treatment_period_active (period, today))
    return items;

  if (g_date_compare (period->start, today) > 0)
    {
      g_autoptr(GDate) first = kes_date_plus_days (period->start,
                                                   (int) rule_uint ("lithium-schedule", "unstable-interval-days"));
      g_ptr_array_add (items, kes_monitoring_item_new ("lithium-level", first, FALSE, _("Lithium level"),
                                                       _("First level a week after starting"),
                                                       period->latest->id));
    }
  else if (!toxic)
    g_ptr_array_add (items, level_item (courses, period, levels, plan, today));
  for (KesLithiumCheck check = 0; check < KES_N_LITHIUM_CHECKS; check++)
    g_ptr_array_add (items, check_item (check, period, last_checks[check]));
  return items;
}
