/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-community"

#include "config.h"

#include "kes-care-plan-items.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-clozapine.h"
#include "kes-demo-private.h"
#include "kes-medication-rules.h"
#include "kes-validate.h"

/* Demo care in the community: prescriptions with depots given (and now and
 * then refused or missed), clozapine blood results, lithium levels,
 * physical health checks, care plans, reviews and crisis plans, spread so
 * that Today has overdue, due and coming work. Every value is invented. */

static const char * const sites[] = { "Left gluteal", "Right gluteal", "Left deltoid", "Right deltoid" };
static const char * const orals[] = { "Aripiprazole", "Olanzapine", "Risperidone", "Quetiapine" };
static const char * const refusals[] = {
  "Declined today; wants to discuss side effects with the doctor. Rebooked for tomorrow.",
  "Not at home for the visit; letter left and sister contacted.",
  "Unwell with a chest infection; deferred on the nurse's advice.",
};

#define PICK(rand, array) (array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))]

static char *
days_ago (const GDate *today,
          int          days)
{
  g_autoptr(GDate) date = g_date_copy (today);

  if (days > 0)
    g_date_subtract_days (date, (guint) days);
  return kes_date_to_iso (date);
}

/* @days ahead of @today (behind when negative). */
static char *
days_ahead (const GDate *today,
            int          days)
{
  g_autoptr(GDate) date = g_date_copy (today);

  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
  return kes_date_to_iso (date);
}

/* The record made ready for the batch and added to @sink; returned (with
 * its new id) for records that others refer to. */
static KesCareRecord *
save (GPtrArray   *sink,
      const char  *patient_id,
      const char  *kind,
      GError     **error,
      ...)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);
  g_autoptr(GDate) today = kes_clock_today ();
  KesBulkRecord *ready;
  va_list args;
  const char *key;

  kes_care_record_set_patient_id (record, patient_id);
  va_start (args, error);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  ready = kes_bulk_record_care (record, today, error);
  if (ready == NULL)
    return NULL;
  g_ptr_array_add (sink, ready);
  return g_steal_pointer (&record);
}

/* Whether a record was saved, dropping it. */
static gboolean
saved (KesCareRecord *record)
{
  if (record == NULL)
    return FALSE;
  g_object_unref (record);
  return TRUE;
}

static gboolean
add_depot (GPtrArray   *sink,
           GRand       *rand,
           const char  *patient_id,
           const GDate *today,
           GError     **error)
{
  const char *drug = kes_depot_drug_get_code (g_rand_int_range (rand, 0, kes_depot_drug_get_n_drugs ()));
  guint interval = 14;
  g_autofree char *interval_text = NULL;
  g_autofree char *start = NULL;
  g_autofree char *last = NULL;
  g_autoptr(KesCareRecord) script = NULL;
  int since_last;

  kes_depot_drug_get_interval_range (drug, NULL, NULL, &interval);
  interval_text = g_strdup_printf ("%u", interval);
  start = days_ago (today, g_rand_int_range (rand, 60, 900));
  script = save (sink, patient_id, KES_CARE_PRESCRIPTION, error, "drug", kes_depot_drug_lookup_label (drug),
                 "category", "depot", "depot_drug", drug, "dose", "As prescribed (demo)", "route", "IM",
                 "interval_days", interval_text, "prescriber", "Dr Demo", "start_date", start, NULL);
  if (script == NULL)
    return FALSE;

  /* The last dose given: mostly on time, sometimes late (overdue now). */
  since_last = g_rand_int_range (rand, 0, 10) == 0 ? (int) interval + g_rand_int_range (rand, 1, 10)
                                                   : g_rand_int_range (rand, 0, (int) interval);
  last = days_ago (today, since_last);
  if (!saved (save (sink, patient_id, KES_CARE_DEPOT_DOSE, error, "prescription_id", kes_care_record_get_id (script),
            "given_on", last, "outcome", "given", "dose", "As prescribed (demo)", "site", PICK (rand, sites),
            "batch", "DEMO-BATCH", "given_by", "Demo nurse", NULL)))
    return FALSE;
  if (since_last > (int) interval)
    {
      g_autofree char *refused = days_ago (today, since_last - (int) interval);
      g_autoptr(KesCareRecord) dose = save (sink, patient_id, KES_CARE_DEPOT_DOSE, error,
                                            "prescription_id", kes_care_record_get_id (script),
                                            "given_on", refused,
                                            "outcome", g_rand_boolean (rand) ? "refused" : "missed",
                                            "reason", PICK (rand, refusals), NULL);
      if (dose == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_clozapine (GPtrArray   *sink,
               GRand       *rand,
               const char  *patient_id,
               const GDate *today,
               GError     **error)
{
  int started = g_rand_int_range (rand, 10, 1500);
  g_autofree char *start = days_ago (today, started);
  g_autoptr(GDate) start_date = kes_date_from_iso (start);
  g_autoptr(KesCareRecord) script = NULL;
  g_autofree char *last = NULL;
  int roll = g_rand_int_range (rand, 0, 60);
  guint interval;
  int since;

  script = save (sink, patient_id, KES_CARE_PRESCRIPTION, error, "drug", "Clozapine", "category", "clozapine",
                 "dose", "300 mg", "route", "oral", "frequency", "at night", "prescriber", "Dr Demo",
                 "start_date", start, NULL);
  if (script == NULL)
    return FALSE;
  /* The latest result: within the phase interval, a few late; rarely amber or red. */
  interval = kes_clozapine_phase_interval_days (kes_clozapine_phase (start_date, today));
  since = MIN (started, g_rand_int_range (rand, 0, (int) interval + (roll < 6 ? 6 : 1)));
  last = days_ago (today, since);
  return saved (save (sink, patient_id, KES_CARE_FBC, error, "taken_on", last,
               "wbc", roll == 0 ? "2.7" : roll < 3 ? "3.3" : "6.2",
               "neutrophils", roll == 0 ? "1.3" : roll < 3 ? "1.8" : "3.9", NULL));
}

static gboolean
add_lithium (GPtrArray   *sink,
             GRand       *rand,
             const char  *patient_id,
             const GDate *today,
             GError     **error)
{
  g_autofree char *start = days_ago (today, g_rand_int_range (rand, 100, 1200));
  g_autofree char *first = days_ago (today, g_rand_int_range (rand, 120, 200));
  g_autofree char *second = days_ago (today, g_rand_int_range (rand, 0, 200));
  /* The six-monthly kidney, thyroid, calcium and weight checks: some done
   * lately, some falling due. */
  g_autofree char *bloods = days_ago (today, g_rand_int_range (rand, 30, 240));

  return saved (save (sink, patient_id, KES_CARE_PRESCRIPTION, error, "drug", "Lithium carbonate",
               "category", "lithium", "dose", "800 mg", "route", "oral", "frequency", "at night",
               "prescriber", "Dr Demo", "start_date", start, NULL)) &&
         saved (save (sink, patient_id, KES_CARE_LITHIUM_LEVEL, error, "taken_on", first, "level", "0.7", NULL)) &&
         saved (save (sink, patient_id, KES_CARE_LITHIUM_LEVEL, error, "taken_on", g_strcmp0 (second, first) > 0 ? second : first,
               "level", g_rand_int_range (rand, 0, 8) == 0 ? "0.9" : "0.65", NULL)) &&
         saved (save (sink, patient_id, KES_CARE_PHYSICAL_HEALTH, error, "taken_on", bloods, "weight_kg", "80",
               "egfr", "78", "ue_done", "true", "calcium", "2.35", "tsh", "1.9", NULL));
}

/* Yearly checks for someone on antipsychotics: the latest within the last
 * fourteen months, one to three before it a year or so apart, the weight
 * and waist creeping up as they do on these drugs, so the trend shows. */
static gboolean
add_physical_checks (GPtrArray   *sink,
                     GRand       *rand,
                     const char  *patient_id,
                     const GDate *today,
                     GError     **error)
{
  int n_checks = g_rand_int_range (rand, 2, 5);
  int ago = g_rand_int_range (rand, 0, 420);

  for (int n = n_checks - 1; n >= 0; n--)
    {
      g_autofree char *check = days_ago (today, ago + n * g_rand_int_range (rand, 300, 420));
      g_autofree char *weight = g_strdup_printf ("%d", 88 - 2 * n);
      g_autofree char *waist = g_strdup_printf ("%d", 98 - 2 * n);
      g_autofree char *hba1c = g_strdup_printf ("%d", 40 - n);

      if (!saved (save (sink, patient_id, KES_CARE_PHYSICAL_HEALTH, error, "taken_on", check,
                        "weight_kg", weight, "height_cm", "176", "systolic", "128", "diastolic", "82",
                        "pulse", "76", "hba1c", hba1c, "cholesterol", "5.1", "waist_cm", waist,
                        "smoking", "current",
                        /* The baseline prolactin NICE CG178 asks for, on the first check. */
                        "prolactin", n == n_checks - 1 ? "310" : NULL, NULL)))
        return FALSE;
    }
  return TRUE;
}

/* A structured plan's lines: each need with what is done, who and by
 * when; the first soon after the plan was agreed, the rest by its review. */
static char *
demo_plan_lines (int          agreed_ago,
                 int          review_in,
                 const GDate *today)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_plan_item_free);
  g_autofree char *soon = days_ahead (today, MIN (-agreed_ago + 56, review_in));
  g_autofree char *review = days_ahead (today, review_in);

  g_ptr_array_add (lines, kes_plan_item_new ("Stable accommodation (demo)",
                                             "Housing support worker; tenancy sustainment referral (demo)",
                                             "Care coordinator (demo)", soon));
  g_ptr_array_add (lines, kes_plan_item_new ("Staying well on medication (demo)",
                                             "Depot clinic every four weeks; side-effect check at each dose (demo)",
                                             "Depot clinic nurse (demo)", review));
  g_ptr_array_add (lines, kes_plan_item_new ("A structured week (demo)",
                                             "Occupational therapy: college taster course (demo)",
                                             "Occupational therapist (demo)", review));
  return kes_plan_items_to_json (lines);
}

static gboolean
add_plans (GPtrArray   *sink,
           GRand       *rand,
           const char  *patient_id,
           const GDate *today,
           GError     **error)
{
  int agreed_ago = g_rand_int_range (rand, 200, 1000);
  g_autofree char *start = days_ago (today, agreed_ago);
  g_autofree char *review = days_ago (today, g_rand_int_range (rand, 10, 400));
  /* The plan's own review date: most ahead, some up to two months past. */
  int review_in = g_rand_int_range (rand, -60, 300);
  g_autofree char *review_by = days_ahead (today, review_in);
  g_autofree char *lines = demo_plan_lines (agreed_ago, review_in, today);
  /* The crisis plan's review, from the care plan's (no draw of its own,
   * so the rest of the demo stays as it was): a few a little overdue. */
  g_autofree char *crisis_review_by = days_ahead (today, review_in / 2 + 14);

  if (!saved (save (sink, patient_id, KES_CARE_CARE_PLAN, error, "start_date", start,
            "goals", "“I want to keep my flat and get back to college.” (demo)", "actions", lines,
            "review_date", review_by, "s117_status", "receiving", "co_produced", "true", NULL)))
    return FALSE;
  if (g_rand_int_range (rand, 0, 20) != 0 &&
      !saved (save (sink, patient_id, KES_CARE_CPA_REVIEW, error, "status", "validated", "scheduled_for", review,
            "held_on", review, "attendees", "Patient, care coordinator, consultant, carer (demo)",
            "carer_attended", "true", "outcomes", "Plan continued (demo)", "validated_on", review, NULL)))
    return FALSE;
  if (g_rand_int_range (rand, 0, 6) == 0 &&
      !saved (save (sink, patient_id, KES_CARE_CRISIS_PLAN, error, "agreed_on", start,
            "review_date", crisis_review_by,
            "early_warning_signs", "Stops sleeping, misses appointments (demo)",
            "responds_to", "Care coordinator; sister (demo)", "crisis_actions", "Increase visits; medical review (demo)",
            "out_of_hours", "Crisis line (demo)", "contingency", "Duty worker (demo)", NULL)))
    return FALSE;
  return TRUE;
}

gboolean
kes_demo_add_community (GPtrArray   *sink,
                        guint        seed,
                        const char  *patient_id,
                        GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDate) today = kes_clock_today ();
  int kind = g_rand_int_range (rand, 0, 100);

  /* Its own random sequence, so other demo data stays as it was. Fewer
   * records than a real caseload keeps, so 50,000 patients build quickly. */
  if (kind < 35 && !add_depot (sink, rand, patient_id, today, error))
    return FALSE;
  if (kind >= 35 && kind < 43 && !add_clozapine (sink, rand, patient_id, today, error))
    return FALSE;
  if (kind >= 43 && kind < 48 && !add_lithium (sink, rand, patient_id, today, error))
    return FALSE;
  if (kind >= 48 && kind < 60)
    {
      g_autofree char *start = days_ago (today, g_rand_int_range (rand, 30, 1500));
      if (!saved (save (sink, patient_id, KES_CARE_PRESCRIPTION, error, "drug", PICK (rand, orals),
                "category", "antipsychotic", "dose", "As prescribed (demo)", "route", "oral",
                "prescriber", "Dr Demo", "start_date", start, NULL)))
        return FALSE;
    }
  if (kind < 60 && kind % 2 == 0 && !add_physical_checks (sink, rand, patient_id, today, error))
    return FALSE;
  /* Nearly everyone has a care plan; a few newly taken on have none yet. */
  if (g_rand_int_range (rand, 0, 25) != 0 && !add_plans (sink, rand, patient_id, today, error))
    return FALSE;
  return TRUE;
}
