/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-record-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-care-record-private.h"
#include "kes-medication-rules.h"
#include "kes-validate.h"

#define has     kes_care_record_has
#define require kes_care_record_require

static void
add (GPtrArray  *issues,
     const char *key,
     const char *message)
{
  g_ptr_array_add (issues, kes_issue_new (key, KES_ISSUE_ERROR, "%s", message));
}

static void
check_date_order (KesCareRecord *self,
                  GPtrArray     *issues,
                  const char    *earlier,
                  const char    *later,
                  const char    *message)
{
  if (has (self, earlier) && has (self, later) &&
      g_strcmp0 (kes_care_record_get (self, later), kes_care_record_get (self, earlier)) < 0)
    add (issues, later, message);
}

/* A depot's interval comes from the drug table: empty takes the drug's
 * default; outside the drug's usual range is a warning the prescriber
 * confirms with a reason. */
static void
check_depot_interval (KesCareRecord *self,
                      GPtrArray     *issues)
{
  const char *drug = kes_care_record_get (self, "depot_drug");
  guint min_days, max_days, default_days;
  double interval;

  if (!kes_depot_drug_get_interval_range (drug, &min_days, &max_days, &default_days))
    return;
  if (!has (self, "interval_days"))
    {
      g_autofree char *text = g_strdup_printf ("%u", default_days);
      kes_care_record_set (self, "interval_days", text);
    }
  if (kes_care_record_get_number (self, "interval_days", &interval) &&
      !kes_depot_interval_usual (drug, (guint) interval) && !has (self, "interval_reason"))
    g_ptr_array_add (issues, kes_issue_new ("interval_reason", KES_ISSUE_WARNING,
                                            _("Interval between injections %s days: outside the usual "
                                              "%u to %u days for %s. Check it, and give a reason to keep it"),
                                            kes_care_record_get (self, "interval_days"), min_days, max_days,
                                            kes_depot_drug_lookup_label (drug)));
}

static void
check_prescription (KesCareRecord *self,
                    GPtrArray     *issues)
{
  if (g_str_equal (kes_care_record_get (self, "category"), "depot"))
    {
      require (self, issues, "depot_drug", _("choose the depot drug"));
      check_depot_interval (self, issues);
    }
  if (has (self, "stop_date"))
    {
      require (self, issues, "stop_reason", _("say why the medicine was stopped"));
      check_date_order (self, issues, "start_date", "stop_date", _("Stop date: is before the start date"));
    }
  if (has (self, "restarted_on"))
    {
      require (self, issues, "break_hours", _("give the length of the break"));
      check_date_order (self, issues, "start_date", "restarted_on",
                        _("Restarted after the break on: is before the start date"));
    }
  check_date_order (self, issues, "start_date", "dose_changed_on",
                    _("Date of the last change of dose: is before the start date"));
}

static void
check_depot_dose (KesCareRecord *self,
                  GPtrArray     *issues)
{
  if (g_str_equal (kes_care_record_get (self, "outcome"), "given"))
    {
      require (self, issues, "dose", _("record the dose given"));
      require (self, issues, "site", _("record where it was injected"));
      require (self, issues, "batch", _("record the batch number"));
      require (self, issues, "given_by", _("record who gave it"));
    }
  else if (has (self, "outcome"))
    {
      require (self, issues, "reason", _("say why it was not given and what happens next"));
      if (has (self, "observed_hours"))
        add (issues, "observed_hours",
             _("Hours observed after the injection: only for an injection that was given"));
    }
}

/* The systolic pressure is the peak in the arteries as the heart beats,
 * the diastolic the lowest between beats, so the first is always the
 * higher (NICE NG136 records blood pressure as systolic/diastolic). 80/120
 * is two readings swapped or mistyped; so is an equal pair. */
static void
check_blood_pressure (KesCareRecord *self,
                      GPtrArray     *issues)
{
  double systolic, diastolic;

  if (!kes_care_record_get_number (self, "systolic", &systolic) ||
      !kes_care_record_get_number (self, "diastolic", &diastolic) || systolic > diastolic)
    return;
  g_ptr_array_add (issues, kes_issue_new ("systolic", KES_ISSUE_ERROR,
                                          _("Blood pressure %s/%s: the systolic (upper) pressure must be higher "
                                            "than the diastolic (lower); check whether the two were swapped"),
                                          kes_care_record_get (self, "systolic"),
                                          kes_care_record_get (self, "diastolic")));
}

static void
check_physical_health (KesCareRecord *self,
                       GPtrArray     *issues)
{
  static const char * const measures[] = { "weight_kg", "height_cm", "waist_cm", "systolic", "diastolic",
                                           "pulse", "hba1c", "glucose", "cholesterol", "prolactin",
                                           "ecg_done", "egfr", "ue_done", "calcium", "tsh", "smoking" };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    any = any || has (self, measures[i]);
  if (!any)
    add (issues, "weight_kg", _("Physical health check: record at least one measurement"));
  if (has (self, "systolic") != has (self, "diastolic"))
    add (issues, has (self, "systolic") ? "diastolic" : "systolic",
         _("Blood pressure: record both the systolic and the diastolic pressure"));
  check_blood_pressure (self, issues);
  if (has (self, "ecg_note") && !has (self, "ecg_done"))
    add (issues, "ecg_done", _("ECG done: switch this on to record an ECG finding"));
}

static void
check_cpa_review (KesCareRecord *self,
                  GPtrArray     *issues)
{
  const char *status = kes_care_record_get (self, "status");

  if (g_str_equal (status, "held") || g_str_equal (status, "validated"))
    {
      require (self, issues, "held_on", _("give the date the review was held"));
      require (self, issues, "attendees", _("list who attended"));
      require (self, issues, "outcomes", _("record the outcomes"));
    }
  if (g_str_equal (status, "validated"))
    require (self, issues, "validated_on", _("give the date the review was validated"));
  check_date_order (self, issues, "held_on", "validated_on",
                    _("Date validated: is before the date the review was held"));
  if (g_str_equal (status, "cancelled"))
    require (self, issues, "cancel_reason", _("say why the review was cancelled"));
}

/* A plan written before issue 21 keeps its free-text needs; a new one
 * lists at least one need with what will be done, who and by when. */
static void
check_care_plan (KesCareRecord *self,
                 GPtrArray     *issues)
{
  if (!has (self, "actions") && !has (self, "needs"))
    add (issues, "actions",
         _("Needs, interventions, who and by when: add at least one need, what will be done about it, who will "
           "do it and by when"));
  check_date_order (self, issues, "start_date", "review_date",
                    _("Review date: is before the date the care plan was agreed"));
}

static void
check_monitoring_settings (KesCareRecord *self,
                           GPtrArray     *issues)
{
  const char *kind = kes_care_record_get_kind (self);

  if (g_str_equal (kind, KES_CARE_CLOZAPINE_MONITORING) &&
      g_str_equal (kes_care_record_get (self, "thresholds"), "ben"))
    require (self, issues, "reason", _("say on what basis the patient is monitored under BEN criteria"));
  else if (g_str_equal (kind, KES_CARE_LITHIUM_PLAN) &&
           g_str_equal (kes_care_record_get (self, "target_range"), "higher"))
    require (self, issues, "reason", _("say why the higher range (0.8 to 1.0) is needed"));
  else if (g_str_equal (kind, KES_CARE_CLOZAPINE_NO_RECHALLENGE) && has (self, "lifted_on"))
    {
      require (self, issues, "lifted_by", _("name the clinician who lifted it"));
      require (self, issues, "lift_reason", _("say why it no longer applies"));
      check_date_order (self, issues, "decided_on", "lifted_on",
                        _("No longer applies from: is before the date it was decided"));
    }
  else if (g_str_equal (kind, KES_CARE_CLOZAPINE_NO_RECHALLENGE) &&
           (has (self, "lifted_by") || has (self, "lift_reason")))
    require (self, issues, "lifted_on", _("give the date from which it no longer applies"));
}

void
kes_care_record_check_rules (KesCareRecord *self,
                             GPtrArray     *issues)
{
  const char *kind = kes_care_record_get_kind (self);
  double wbc, anc;

  if (g_str_equal (kind, KES_CARE_PRESCRIPTION))
    check_prescription (self, issues);
  else if (g_str_equal (kind, KES_CARE_DEPOT_DOSE))
    check_depot_dose (self, issues);
  else if (g_str_equal (kind, KES_CARE_FBC))
    {
      if (kes_care_record_get_number (self, "wbc", &wbc) &&
          kes_care_record_get_number (self, "neutrophils", &anc) && anc > wbc)
        add (issues, "neutrophils",
             _("Neutrophils: cannot be more than the white cell count; check the two values"));
    }
  else if (g_str_equal (kind, KES_CARE_PHYSICAL_HEALTH))
    check_physical_health (self, issues);
  else if (g_str_equal (kind, KES_CARE_CPA_REVIEW))
    check_cpa_review (self, issues);
  else if (g_str_equal (kind, KES_CARE_CARE_PLAN))
    check_care_plan (self, issues);
  else if (g_str_equal (kind, KES_CARE_CRISIS_PLAN))
    {
      require (self, issues, "review_date", _("give the date the crisis plan is to be reviewed by"));
      check_date_order (self, issues, "agreed_on", "review_date",
                        _("Review date: is before the date the crisis plan was agreed"));
    }
  else
    check_monitoring_settings (self, issues);
}
