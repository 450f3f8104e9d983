/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-medication-rules"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-medication-rules.h"

/* Rules come from data/rules/medication.ini and data/rules/depot-drugs.tsv,
 * read once from the core resource. A missing key is a build error in the
 * data, caught by the unit tests, so lookups warn and fall back to 0. */

typedef struct
{
  char  *code;
  char  *label;
  guint  min_days;
  guint  max_days;
  guint  default_days;
} DepotDrug;

typedef struct
{
  GKeyFile  *rules;
  GPtrArray *depots; /* DepotDrug* */
} Rules;

static void
depot_drug_free (gpointer data)
{
  DepotDrug *drug = data;

  g_free (drug->code);
  g_free (drug->label);
  g_free (drug);
}

static GPtrArray *
parse_depots (GBytes *bytes)
{
  GPtrArray *depots = g_ptr_array_new_with_free_func (depot_drug_free);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      DepotDrug *drug;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) != 5)
        {
          g_warning ("depot-drugs.tsv line %u: expected 5 fields", i + 1);
          continue;
        }
      drug = g_new0 (DepotDrug, 1);
      drug->code = g_strdup (fields[0]);
      drug->label = g_strdup (fields[1]);
      drug->min_days = (guint) g_ascii_strtoull (fields[2], NULL, 10);
      drug->max_days = (guint) g_ascii_strtoull (fields[3], NULL, 10);
      drug->default_days = (guint) g_ascii_strtoull (fields[4], NULL, 10);
      g_ptr_array_add (depots, drug);
    }
  return depots;
}

static Rules *
rules_get (void)
{
  static gsize initialised;
  static Rules rules;

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) ini = kes_core_data_lookup ("rules/medication.ini", &error);
      g_autoptr(GBytes) tsv = NULL;

      rules.rules = g_key_file_new ();
      if (ini == NULL ||
          !g_key_file_load_from_bytes (rules.rules, ini, G_KEY_FILE_NONE, &error))
        g_critical ("Could not read the medication rules: %s", error->message);
      g_clear_error (&error);
      tsv = kes_core_data_lookup ("rules/depot-drugs.tsv", &error);
      if (tsv == NULL)
        {
          g_critical ("Could not read the depot drug list: %s", error->message);
          rules.depots = g_ptr_array_new_with_free_func (depot_drug_free);
        }
      else
        rules.depots = parse_depots (tsv);
      g_once_init_leave (&initialised, 1);
    }
  return &rules;
}

static double
rule_double (const char *group,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  double value = g_key_file_get_double (rules_get ()->rules, group, key, &error);

  if (error != NULL)
    g_warning ("medication.ini [%s] %s: %s", group, key, error->message);
  return value;
}

static guint
rule_uint (const char *group,
           const char *key)
{
  double value = rule_double (group, key);
  return value > 0 ? (guint) value : 0;
}

static GDate *
date_copy (const GDate *date)
{
  GDate *copy = g_date_new ();

  *copy = *date;
  return copy;
}

static GDate *
date_plus_days (const GDate *date,
                guint        days)
{
  GDate *result = date_copy (date);

  g_date_add_days (result, days);
  return result;
}

static GDate *
date_plus_months (const GDate *date,
                  guint        months)
{
  GDate *result = date_copy (date);

  g_date_add_months (result, months);
  return result;
}

/* ---- Depot injections ---- */

static const char * const depot_outcomes[] = { "given", "refused", "missed", "deferred" };

gboolean
kes_depot_outcome_parse (const char      *text,
                         KesDepotOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (depot_outcomes); i++)
    if (g_strcmp0 (text, depot_outcomes[i]) == 0)
      {
        *outcome = (KesDepotOutcome) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_depot_outcome_to_string (KesDepotOutcome outcome)
{
  g_return_val_if_fail (outcome <= KES_DEPOT_DEFERRED, NULL);
  return depot_outcomes[outcome];
}

const char *
kes_depot_outcome_label (KesDepotOutcome outcome)
{
  switch (outcome)
    {
    case KES_DEPOT_GIVEN:
      return _("Given");
    case KES_DEPOT_REFUSED:
      return _("Refused");
    case KES_DEPOT_MISSED:
      return _("Missed");
    case KES_DEPOT_DEFERRED:
      return _("Deferred");
    default:
      g_return_val_if_reached (NULL);
    }
}

static DepotDrug *
depot_find (const char *code)
{
  GPtrArray *depots = rules_get ()->depots;

  for (guint i = 0; i < depots->len; i++)
    {
      DepotDrug *drug = g_ptr_array_index (depots, i);
      if (g_strcmp0 (drug->code, code) == 0)
        return drug;
    }
  return NULL;
}

guint
kes_depot_drug_get_n_drugs (void)
{
  return rules_get ()->depots->len;
}

const char *
kes_depot_drug_get_code (guint position)
{
  GPtrArray *depots = rules_get ()->depots;

  g_return_val_if_fail (position < depots->len, NULL);
  return ((DepotDrug *) g_ptr_array_index (depots, position))->code;
}

const char *
kes_depot_drug_lookup_label (const char *code)
{
  DepotDrug *drug = depot_find (code);
  return drug != NULL ? drug->label : NULL;
}

gboolean
kes_depot_drug_get_interval_range (const char *code,
                                   guint      *min_days,
                                   guint      *max_days,
                                   guint      *default_days)
{
  DepotDrug *drug = depot_find (code);

  if (drug == NULL)
    return FALSE;
  if (min_days != NULL)
    *min_days = drug->min_days;
  if (max_days != NULL)
    *max_days = drug->max_days;
  if (default_days != NULL)
    *default_days = drug->default_days;
  return TRUE;
}

GDate *
kes_depot_next_due (const GDate *last_given,
                    const GDate *first_due,
                    guint        interval_days)
{
  g_return_val_if_fail (last_given != NULL || first_due != NULL, NULL);
  g_return_val_if_fail (interval_days > 0, NULL);

  if (last_given == NULL)
    return date_copy (first_due);
  return date_plus_days (last_given, interval_days);
}

guint
kes_depot_soon_days (void)
{
  return rule_uint ("depot", "soon-days");
}

/* ---- Clozapine ---- */

static const char * const fbc_lights[] = { "green", "amber", "red" };

KesFbcLight
kes_fbc_traffic_light (double wbc,
                       double neutrophils)
{
  /* Compare in hundredths so 3.5 typed in is 3.5, not 3.4999… */
  long w = lround (wbc * 100), n = lround (neutrophils * 100);

  if (w < lround (rule_double ("clozapine", "red-wbc") * 100) ||
      n < lround (rule_double ("clozapine", "red-anc") * 100))
    return KES_FBC_RED;
  if (w < lround (rule_double ("clozapine", "green-wbc") * 100) ||
      n < lround (rule_double ("clozapine", "green-anc") * 100))
    return KES_FBC_AMBER;
  return KES_FBC_GREEN;
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
      return _("Stop clozapine now. Test daily until two consecutive green results and "
                "contact the monitoring service and the prescriber.");
    default:
      g_return_val_if_reached (NULL);
    }
}

KesClozapinePhase
kes_clozapine_phase (const GDate *start,
                     const GDate *on)
{
  int days;
  guint weeks;

  g_return_val_if_fail (start != NULL && on != NULL, KES_CLOZAPINE_WEEKLY);

  days = g_date_days_between (start, on);
  weeks = days > 0 ? (guint) days / 7 : 0;
  if (weeks < rule_uint ("clozapine", "weekly-until-week"))
    return KES_CLOZAPINE_WEEKLY;
  if (weeks < rule_uint ("clozapine", "fortnightly-until-week"))
    return KES_CLOZAPINE_FORTNIGHTLY;
  return KES_CLOZAPINE_FOUR_WEEKLY;
}

guint
kes_clozapine_phase_interval_days (KesClozapinePhase phase)
{
  switch (phase)
    {
    case KES_CLOZAPINE_WEEKLY:
      return rule_uint ("clozapine", "weekly-interval-days");
    case KES_CLOZAPINE_FORTNIGHTLY:
      return rule_uint ("clozapine", "fortnightly-interval-days");
    case KES_CLOZAPINE_FOUR_WEEKLY:
      return rule_uint ("clozapine", "four-weekly-interval-days");
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
kes_clozapine_stopped (const KesFbcLight *lights,
                       guint              n_lights)
{
  guint greens = 0;
  guint needed = rule_uint ("clozapine", "red-greens-needed");

  /* Walk back from the latest result: count trailing greens until a red. */
  for (guint i = n_lights; i > 0; i--)
    {
      if (lights[i - 1] == KES_FBC_RED)
        return greens < needed;
      if (lights[i - 1] == KES_FBC_GREEN)
        greens++;
      else
        greens = 0;
      if (greens >= needed)
        return FALSE;
    }
  return FALSE;
}

GDate *
kes_clozapine_next_fbc_due (const GDate       *start,
                            const KesFbcLight *lights,
                            guint              n_lights,
                            const GDate       *last_test,
                            const GDate       *restart_weekly_until)
{
  guint interval;

  g_return_val_if_fail (start != NULL, NULL);

  if (n_lights == 0 || last_test == NULL)
    return date_copy (start);
  if (kes_clozapine_stopped (lights, n_lights))
    return date_plus_days (last_test, rule_uint ("clozapine", "red-interval-days"));
  if (lights[n_lights - 1] == KES_FBC_AMBER)
    return date_plus_days (last_test, rule_uint ("clozapine", "amber-interval-days"));

  interval = kes_clozapine_phase_interval_days (kes_clozapine_phase (start, last_test));
  if (restart_weekly_until != NULL && g_date_compare (last_test, restart_weekly_until) < 0)
    interval = MIN (interval, kes_clozapine_phase_interval_days (KES_CLOZAPINE_WEEKLY));
  return date_plus_days (last_test, interval);
}

gboolean
kes_clozapine_break_needs_retitration (double break_hours)
{
  return break_hours > rule_double ("clozapine", "break-retitrate-hours");
}

gboolean
kes_clozapine_break_restarts_weekly (double break_hours)
{
  return break_hours > rule_double ("clozapine", "break-restart-weekly-hours");
}

double
kes_clozapine_retitrate_hours (void)
{
  return rule_double ("clozapine", "break-retitrate-hours");
}

double
kes_clozapine_restart_weekly_hours (void)
{
  return rule_double ("clozapine", "break-restart-weekly-hours");
}

guint
kes_clozapine_restart_weekly_weeks (void)
{
  return rule_uint ("clozapine", "restart-weekly-weeks");
}

guint
kes_clozapine_soon_days (void)
{
  return rule_uint ("clozapine", "soon-days");
}

/* ---- Lithium ---- */

void
kes_lithium_range (double *low,
                   double *high,
                   double *toxic)
{
  if (low != NULL)
    *low = rule_double ("lithium", "range-low");
  if (high != NULL)
    *high = rule_double ("lithium", "range-high");
  if (toxic != NULL)
    *toxic = rule_double ("lithium", "toxic");
}

KesLithiumBand
kes_lithium_band (double level)
{
  double low, high, toxic;
  long l = lround (level * 100);

  kes_lithium_range (&low, &high, &toxic);
  if (l >= lround (toxic * 100))
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

GDate *
kes_lithium_next_due (const GDate          *start,
                      const KesLithiumBand *bands,
                      guint                 n_bands,
                      const GDate          *last_test)
{
  guint in_range = 0;
  g_autoptr(GDate) year_one_end = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  if (n_bands == 0 || last_test == NULL)
    return date_copy (start);
  for (guint i = n_bands; i > 0 && bands[i - 1] == KES_LITHIUM_IN_RANGE; i--)
    in_range++;
  if (in_range < rule_uint ("lithium", "stable-levels-needed"))
    return date_plus_days (last_test, rule_uint ("lithium", "unstable-interval-days"));

  year_one_end = date_plus_months (start, 12);
  if (g_date_compare (last_test, year_one_end) < 0)
    return date_plus_months (last_test, rule_uint ("lithium", "first-year-interval-months"));
  return date_plus_months (last_test, rule_uint ("lithium", "later-interval-months"));
}

guint
kes_lithium_soon_days (void)
{
  return rule_uint ("lithium", "soon-days");
}

/* ---- Physical health ---- */

static const char * const checks[] = { "weight", "waist", "bp-pulse", "glucose", "lipids" };

const char *
kes_physical_check_to_string (KesPhysicalCheck check)
{
  g_return_val_if_fail (check < KES_N_CHECKS, NULL);
  return checks[check];
}

const char *
kes_physical_check_label (KesPhysicalCheck check)
{
  switch (check)
    {
    case KES_CHECK_WEIGHT:
      return _("Weight and BMI");
    case KES_CHECK_WAIST:
      return _("Waist circumference");
    case KES_CHECK_BP_PULSE:
      return _("Blood pressure and pulse");
    case KES_CHECK_GLUCOSE:
      return _("HbA1c or fasting glucose");
    case KES_CHECK_LIPIDS:
      return _("Lipids");
    case KES_N_CHECKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

GDate *
kes_physical_check_next_due (KesPhysicalCheck  check,
                             const GDate      *antipsychotic_start,
                             const GDate      *last_done)
{
  g_autoptr(GError) error = NULL;
  g_autofree int *offsets = NULL;
  gsize n_offsets = 0;
  guint annual = rule_uint ("physical-health", "annual-months");
  guint early = rule_uint ("physical-health", "early-days");

  g_return_val_if_fail (check < KES_N_CHECKS, NULL);
  g_return_val_if_fail (antipsychotic_start != NULL, NULL);

  offsets = g_key_file_get_integer_list (rules_get ()->rules, "physical-health", checks[check],
                                         &n_offsets, &error);
  if (offsets == NULL || n_offsets == 0 || annual == 0)
    {
      g_warning ("medication.ini [physical-health] %s: %s", checks[check],
                 error != NULL ? error->message : "empty");
      return date_copy (antipsychotic_start);
    }
  if (last_done == NULL)
    return date_plus_days (antipsychotic_start, (guint) MAX (offsets[0], 0));

  /* The first scheduled point that the last check did not already cover. */
  for (guint i = 0;; i++)
    {
      g_autoptr(GDate) due = NULL;

      if (i < n_offsets)
        due = date_plus_days (antipsychotic_start, (guint) MAX (offsets[i], 0));
      else
        {
          due = date_plus_days (antipsychotic_start, (guint) MAX (offsets[n_offsets - 1], 0));
          g_date_add_months (due, annual * (i - n_offsets + 1));
        }
      if (g_date_days_between (last_done, due) > (int) early)
        return g_steal_pointer (&due);
    }
}

guint
kes_physical_health_soon_days (void)
{
  return rule_uint ("physical-health", "soon-days");
}

gboolean
kes_bmi_compute (double  weight_kg,
                 double  height_cm,
                 double *bmi)
{
  double metres = height_cm / 100.0;

  if (!(weight_kg >= 2 && weight_kg <= 700) || !(height_cm >= 50 && height_cm <= 275))
    return FALSE;
  *bmi = round (weight_kg / (metres * metres) * 10.0) / 10.0;
  return TRUE;
}

gboolean
kes_physical_measure_range (const char *measure,
                            double     *low,
                            double     *high)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) sides = NULL;
  double bounds[2] = { NAN, NAN };

  g_return_val_if_fail (measure != NULL && low != NULL && high != NULL, FALSE);

  *low = *high = NAN;
  text = g_key_file_get_string (rules_get ()->rules, "physical-health-ranges", measure, NULL);
  if (text == NULL)
    return FALSE;
  sides = g_strsplit (text, ";", -1);
  if (g_strv_length (sides) != 2)
    {
      g_warning ("medication.ini [physical-health-ranges] %s: expected low;high", measure);
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      g_strstrip (sides[i]);
      if (sides[i][0] != '\0')
        bounds[i] = g_ascii_strtod (sides[i], NULL);
    }
  *low = bounds[0];
  *high = bounds[1];
  return TRUE;
}

/* ---- CPA ---- */

GDate *
kes_cpa_review_next_due (const GDate *last_held,
                         const GDate *first)
{
  g_return_val_if_fail (last_held != NULL || first != NULL, NULL);
  return date_plus_months (last_held != NULL ? last_held : first,
                           kes_cpa_review_interval_months ());
}

guint
kes_cpa_review_interval_months (void)
{
  return rule_uint ("cpa", "review-interval-months");
}

guint
kes_cpa_validate_hours (void)
{
  return rule_uint ("cpa", "validate-hours");
}

GDate *
kes_cpa_validation_last_day (const GDate *held_on,
                             guint        hours)
{
  GDate *last;

  g_return_val_if_fail (held_on != NULL && g_date_valid (held_on), NULL);
  last = g_date_copy (held_on);
  g_date_add_days (last, (hours + 23) / 24);
  return last;
}

gboolean
kes_cpa_validation_is_late (const GDate *held_on,
                            const GDate *validated_on,
                            const GDate *today)
{
  g_autoptr(GDate) last = NULL;

  g_return_val_if_fail (held_on != NULL, FALSE);
  g_return_val_if_fail (validated_on != NULL || today != NULL, FALSE);

  last = kes_cpa_validation_last_day (held_on, kes_cpa_validate_hours ());
  return g_date_compare (validated_on != NULL ? validated_on : today, last) > 0;
}

guint
kes_cpa_soon_days (void)
{
  return rule_uint ("cpa", "soon-days");
}
