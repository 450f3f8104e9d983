/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-medication-rules"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-medication-rules-private.h"
#include "kes-medication-rules.h"

/* Rules come from data/rules/medication.ini and data/rules/depot-drugs.ini,
 * read once from the core resource. Each file's provenance keys (source,
 * status, review-by…) are for kes-rule-sources.c; the rules are read here. */

typedef struct
{
  char  *code;
  char  *label;
  guint  min_days;
  guint  max_days;
  guint  default_days;
  guint  observe_hours;
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

static guint
depot_key (GKeyFile   *file,
           const char *group,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  int value = g_key_file_get_integer (file, group, key, &error);

  if (error != NULL || value < 0)
    {
      g_warning ("depot-drugs.ini [%s] %s: %s", group, key,
                 error != NULL ? error->message : "negative");
      return 0;
    }
  return (guint) value;
}

/* One group a drug, in the order forms list them. */
static GPtrArray *
parse_depots (GBytes *bytes)
{
  GPtrArray *depots = g_ptr_array_new_with_free_func (depot_drug_free);
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, &error))
    {
      g_critical ("Could not read the depot drug list: %s", error->message);
      return depots;
    }
  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      DepotDrug *drug = g_new0 (DepotDrug, 1);

      drug->code = g_strdup (groups[i]);
      drug->label = g_key_file_get_string (file, groups[i], "label", NULL);
      if (drug->label == NULL)
        drug->label = g_strdup (groups[i]);
      drug->min_days = depot_key (file, groups[i], "min-days");
      drug->max_days = depot_key (file, groups[i], "max-days");
      drug->default_days = depot_key (file, groups[i], "default-days");
      drug->observe_hours = depot_key (file, groups[i], "observe-hours");
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
      g_autoptr(GBytes) depots = NULL;

      rules.rules = g_key_file_new ();
      if (ini == NULL ||
          !g_key_file_load_from_bytes (rules.rules, ini, G_KEY_FILE_NONE, &error))
        g_critical ("Could not read the medication rules: %s", error->message);
      g_clear_error (&error);
      depots = kes_core_data_lookup ("rules/depot-drugs.ini", &error);
      if (depots == NULL)
        {
          g_critical ("Could not read the depot drug list: %s", error->message);
          rules.depots = g_ptr_array_new_with_free_func (depot_drug_free);
        }
      else
        rules.depots = parse_depots (depots);
      g_once_init_leave (&initialised, 1);
    }
  return &rules;
}

double
kes_medication_rule_double (const char *group,
                            const char *key)
{
  g_autoptr(GError) error = NULL;
  double value = g_key_file_get_double (rules_get ()->rules, group, key, &error);

  if (error != NULL)
    g_warning ("medication.ini [%s] %s: %s", group, key, error->message);
  return value;
}

guint
kes_medication_rule_uint (const char *group,
                          const char *key)
{
  double value = kes_medication_rule_double (group, key);
  return value > 0 ? (guint) value : 0;
}

char *
kes_medication_rule_string (const char *group,
                            const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = g_key_file_get_string (rules_get ()->rules, group, key, &error);

  if (error != NULL)
    g_warning ("medication.ini [%s] %s: %s", group, key, error->message);
  return value;
}

int *
kes_medication_rule_ints (const char *group,
                          const char *key,
                          gsize      *n_values)
{
  g_autoptr(GError) error = NULL;
  int *values = g_key_file_get_integer_list (rules_get ()->rules, group, key, n_values, &error);

  if (error != NULL)
    g_warning ("medication.ini [%s] %s: %s", group, key, error->message);
  return values;
}

GDate *
kes_date_plus_days (const GDate *date,
                    int          days)
{
  GDate *result = g_date_copy (date);

  if (days >= 0)
    g_date_add_days (result, (guint) days);
  else
    g_date_subtract_days (result, (guint) -days);
  return result;
}

GDate *
kes_date_plus_months (const GDate *date,
                      guint        months)
{
  GDate *result = g_date_copy (date);

  g_date_add_months (result, months);
  return result;
}

const GDate *
kes_date_earlier (const GDate *a,
                  const GDate *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return g_date_compare (a, b) <= 0 ? a : b;
}

#define rule_double kes_medication_rule_double
#define rule_uint   kes_medication_rule_uint

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

guint
kes_depot_drug_observe_hours (const char *code)
{
  DepotDrug *drug = depot_find (code);
  return drug != NULL ? drug->observe_hours : 0;
}

gboolean
kes_depot_interval_usual (const char *code,
                          guint       interval_days)
{
  DepotDrug *drug = depot_find (code);
  return drug != NULL && interval_days >= drug->min_days && interval_days <= drug->max_days;
}

GDate *
kes_depot_next_due (const GDate *last_given,
                    const GDate *first_due,
                    guint        interval_days)
{
  g_return_val_if_fail (last_given != NULL || first_due != NULL, NULL);
  g_return_val_if_fail (interval_days > 0, NULL);

  if (last_given == NULL)
    return g_date_copy (first_due);
  return kes_date_plus_days (last_given, (int) interval_days);
}

guint
kes_depot_soon_days (void)
{
  return rule_uint ("today-windows", "depot-soon-days");
}

/* ---- Physical health ---- */

static const char * const checks[] = { "weight", "waist", "bp-pulse", "glucose", "lipids", "prolactin", "ecg" };

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
    case KES_CHECK_PROLACTIN:
      return _("Prolactin");
    case KES_CHECK_ECG:
      return _("ECG");
    case KES_N_CHECKS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
check_once_only (KesPhysicalCheck check)
{
  g_autofree char *list = kes_medication_rule_string ("physical-health", "once-only");
  g_auto(GStrv) names = g_strsplit (list != NULL ? list : "", ";", -1);

  return g_strv_contains ((const char * const *) names, checks[check]);
}

GDate *
kes_physical_check_next_due (KesPhysicalCheck  check,
                             const GDate      *antipsychotic_start,
                             const GDate      *last_done)
{
  g_autofree int *offsets = NULL;
  gsize n_offsets = 0;
  guint annual = rule_uint ("physical-health", "annual-months");
  int early = (int) rule_uint ("physical-health-tolerance", "early-days");

  g_return_val_if_fail (check < KES_N_CHECKS, NULL);
  g_return_val_if_fail (antipsychotic_start != NULL, NULL);

  offsets = kes_medication_rule_ints ("physical-health", checks[check], &n_offsets);
  if (offsets == NULL || n_offsets == 0 || annual == 0)
    return g_date_copy (antipsychotic_start);
  if (last_done == NULL)
    return kes_date_plus_days (antipsychotic_start, MAX (offsets[0], 0));

  /* The first point of the schedule the last check did not cover... */
  for (gsize i = 0; i < n_offsets; i++)
    {
      g_autoptr(GDate) point = kes_date_plus_days (antipsychotic_start, MAX (offsets[i], 0));

      if (g_date_days_between (last_done, point) > early)
        return g_steal_pointer (&point);
    }
  /* ...and once the schedule is behind it, a set time after the last one
   * done (CG178: "then annually"), not on the anniversary of starting. */
  if (check_once_only (check))
    return NULL;
  return kes_date_plus_months (last_done, annual);
}

guint
kes_physical_health_soon_days (void)
{
  return rule_uint ("today-windows", "physical-health-soon-days");
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

static gboolean
bmi_lower_thresholds (const char *ethnicity)
{
  g_autofree char *list = NULL;
  g_auto(GStrv) codes = NULL;

  if (ethnicity == NULL || *ethnicity == '\0')
    return FALSE;
  list = kes_medication_rule_string ("bmi-bands", "lower-threshold-categories");
  codes = g_strsplit (list != NULL ? list : "", ";", -1);
  return g_strv_contains ((const char * const *) codes, ethnicity);
}

void
kes_bmi_band (const char *ethnicity,
              double     *healthy_low,
              double     *healthy_high,
              gboolean   *lower)
{
  gboolean use_lower = bmi_lower_thresholds (ethnicity);

  if (healthy_low != NULL)
    *healthy_low = rule_double ("bmi-bands", "healthy-low");
  if (healthy_high != NULL)
    *healthy_high = rule_double ("bmi-bands", use_lower ? "lower-healthy-high" : "healthy-high");
  if (lower != NULL)
    *lower = use_lower;
}

char *
kes_bmi_band_describe (const char *ethnicity)
{
  double low, high;
  gboolean lower;

  kes_bmi_band (ethnicity, &low, &high, &lower);
  if (lower)
    /* TRANSLATORS: BMI band; the numbers are kg/m² */
    return g_strdup_printf (_("Healthy weight %.1f to %.1f: NICE’s lower thresholds (%.1f increased risk, "
                              "%.1f high risk) for this person’s recorded ethnic category (NICE PH46)"),
                            low, high, rule_double ("bmi-bands", "lower-increased-risk-from"),
                            rule_double ("bmi-bands", "lower-high-risk-from"));
  if (g_strcmp0 (ethnicity, "S") == 0)
    return g_strdup_printf (_("Healthy weight %.1f to %.1f (standard band). “Any other ethnic group” "
                              "includes Middle Eastern backgrounds, for which NICE advises lower "
                              "thresholds (23 and 27.5): the clinician decides"),
                            low, high);
  return g_strdup_printf (_("Healthy weight %.1f to %.1f (NHS standard band)"), low, high);
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
  return kes_date_plus_months (last_held != NULL ? last_held : first, kes_cpa_review_interval_months ());
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
  g_return_val_if_fail (held_on != NULL && g_date_valid (held_on), NULL);
  return kes_date_plus_days (held_on, (int) ((hours + 23) / 24));
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
  return rule_uint ("today-windows", "cpa-soon-days");
}
