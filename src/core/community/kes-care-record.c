/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-record"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-care-plan-items.h"
#include "kes-care-record-private.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-medication-rules.h"
#include "kes-validate.h"

#define T KES_CARE_FIELD_TEXT
#define L KES_CARE_FIELD_LONG_TEXT
#define D KES_CARE_FIELD_DATE
#define N KES_CARE_FIELD_NUMBER
#define B KES_CARE_FIELD_BOOL
#define C KES_CARE_FIELD_CODE
#define R KES_CARE_FIELD_RECORD
#define I KES_CARE_FIELD_ITEMS

static const KesCareField prescription_fields[] = {
  { "drug", N_("Medicine"), T, NULL, TRUE, TRUE, 0, 0 },
  { "category", N_("Kind of medicine"), C, "medication-category", TRUE, TRUE, 0, 0 },
  { "depot_drug", N_("Depot drug"), C, "depot-drug", FALSE, TRUE, 0, 0 },
  { "dose", N_("Dose"), T, NULL, TRUE, FALSE, 0, 0 },
  { "route", N_("Route"), T, NULL, FALSE, FALSE, 0, 0 },
  { "frequency", N_("Frequency"), T, NULL, FALSE, FALSE, 0, 0 },
  { "interval_days", N_("Interval between injections (days)"), N, NULL, FALSE, TRUE, 1, 365 },
  { "prescriber", N_("Prescriber"), T, NULL, TRUE, FALSE, 0, 0 },
  { "start_date", N_("Start date"), D, NULL, TRUE, TRUE, 0, 0 },
  { "stop_date", N_("Stop date"), D, NULL, FALSE, TRUE, 0, 0 },
  { "stop_reason", N_("Reason for stopping"), L, NULL, FALSE, FALSE, 0, 0 },
  { "break_hours", N_("Length of the last treatment break (hours)"), N, NULL, FALSE, TRUE, 0, 100000 },
  { "restarted_on", N_("Restarted after the break on"), D, NULL, FALSE, TRUE, 0, 0 },
  { "dose_changed_on", N_("Date of the last change of dose"), D, NULL, FALSE, TRUE, 0, 0 },
  { "interval_reason", N_("Reason for an interval outside the drug’s usual range"), L, NULL, FALSE, FALSE, 0, 0 },
  { "ecg_indicated", N_("ECG needed before starting (the SPC asks for one, cardiovascular risk or "
                        "history, or admitted as an inpatient)"), B, NULL, FALSE, TRUE, 0, 0 },
  { "rechallenge_reason", N_("Reason to give clozapine despite the record that it must not be "
                             "re-challenged"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField depot_dose_fields[] = {
  { "prescription_id", N_("Depot prescription"), R, NULL, TRUE, TRUE, 0, 0 },
  { "given_on", N_("Date"), D, NULL, TRUE, TRUE, 0, 0 },
  { "outcome", N_("Outcome"), C, "depot-outcome", TRUE, TRUE, 0, 0 },
  { "dose", N_("Dose given"), T, NULL, FALSE, FALSE, 0, 0 },
  { "site", N_("Injection site"), T, NULL, FALSE, FALSE, 0, 0 },
  { "batch", N_("Batch number"), T, NULL, FALSE, FALSE, 0, 0 },
  { "given_by", N_("Given by"), T, NULL, FALSE, FALSE, 0, 0 },
  { "reason", N_("Reason and what happens next"), L, NULL, FALSE, FALSE, 0, 0 },
  { "observed_hours", N_("Hours observed after the injection"), N, NULL, FALSE, TRUE, 0, 72 },
  { "observation_note", N_("Observation after the injection: what happened"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField fbc_fields[] = {
  { "taken_on", N_("Date of the blood test"), D, NULL, TRUE, TRUE, 0, 0 },
  { "wbc", N_("White cell count (×10⁹/L)"), N, NULL, TRUE, TRUE, 0, 200 },
  { "neutrophils", N_("Neutrophils (×10⁹/L)"), N, NULL, TRUE, TRUE, 0, 200 },
  { "service_light", N_("Monitoring service’s colour"), C, "fbc-light", FALSE, TRUE, 0, 0 },
  { "note", N_("Note"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField lithium_fields[] = {
  { "taken_on", N_("Date of the blood test"), D, NULL, TRUE, TRUE, 0, 0 },
  { "level", N_("Lithium level (mmol/L)"), N, NULL, TRUE, TRUE, 0, 10 },
  { "hours_post_dose", N_("Hours after the last dose"), N, NULL, FALSE, FALSE, 0, 72 },
  { "note", N_("Note"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField physical_fields[] = {
  { "taken_on", N_("Date of the check"), D, NULL, TRUE, TRUE, 0, 0 },
  { "weight_kg", N_("Weight (kg)"), N, NULL, FALSE, TRUE, 2, 700 },
  { "height_cm", N_("Height (cm)"), N, NULL, FALSE, TRUE, 50, 275 },
  { "waist_cm", N_("Waist (cm)"), N, NULL, FALSE, TRUE, 30, 300 },
  { "systolic", N_("Systolic blood pressure (mmHg)"), N, NULL, FALSE, TRUE, 50, 300 },
  { "diastolic", N_("Diastolic blood pressure (mmHg)"), N, NULL, FALSE, TRUE, 20, 200 },
  { "pulse", N_("Pulse (beats a minute)"), N, NULL, FALSE, TRUE, 20, 250 },
  { "hba1c", N_("HbA1c (mmol/mol)"), N, NULL, FALSE, TRUE, 10, 200 },
  { "glucose", N_("Fasting glucose (mmol/L)"), N, NULL, FALSE, TRUE, 1, 50 },
  { "cholesterol", N_("Total cholesterol (mmol/L)"), N, NULL, FALSE, TRUE, 1, 20 },
  { "prolactin", N_("Prolactin (mIU/L)"), N, NULL, FALSE, TRUE, 1, 20000 },
  { "ecg_done", N_("ECG done"), B, NULL, FALSE, TRUE, 0, 0 },
  { "ecg_note", N_("ECG finding (for example QTc)"), T, NULL, FALSE, FALSE, 0, 0 },
  { "egfr", N_("eGFR (mL/min/1.73m²)"), N, NULL, FALSE, TRUE, 1, 200 },
  { "ue_done", N_("Urea and electrolytes checked"), B, NULL, FALSE, TRUE, 0, 0 },
  { "calcium", N_("Adjusted calcium (mmol/L)"), N, NULL, FALSE, TRUE, 1, 5 },
  { "tsh", N_("TSH, thyroid function (mU/L)"), N, NULL, FALSE, TRUE, 0, 200 },
  { "smoking", N_("Smoking"), C, "smoking-status", FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField cpa_review_fields[] = {
  { "status", N_("Status"), C, "cpa-review-status", TRUE, TRUE, 0, 0 },
  { "scheduled_for", N_("Review date"), D, NULL, TRUE, TRUE, 0, 0 },
  { "held_on", N_("Date held"), D, NULL, FALSE, TRUE, 0, 0 },
  { "attendees", N_("Who attended"), L, NULL, FALSE, FALSE, 0, 0 },
  { "carer_attended", N_("Carer attended"), B, NULL, FALSE, FALSE, 0, 0 },
  { "outcomes", N_("Outcomes and changes to the care plan"), L, NULL, FALSE, FALSE, 0, 0 },
  { "validated_on", N_("Date validated"), D, NULL, FALSE, TRUE, 0, 0 },
  { "cancel_reason", N_("Reason for cancelling"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

/* Needs, interventions and who is responsible were free text until issue
 * 21: a plan written then keeps them (legacy), a new plan lists each need
 * with what will be done, who does it and by when ("actions"). */
static const char * const care_plan_legacy[] = { "needs", "interventions", "responsible", NULL };

static const KesCareField care_plan_fields[] = {
  { "start_date", N_("Care plan agreed on"), D, NULL, TRUE, TRUE, 0, 0 },
  { "goals", N_("Goals, in the person's own words"), L, NULL, TRUE, FALSE, 0, 0 },
  { "actions", N_("Needs, interventions, who and by when"), I, NULL, FALSE, FALSE, 0, 0 },
  { "needs", N_("Needs"), L, NULL, FALSE, FALSE, 0, 0 },
  { "interventions", N_("Interventions"), L, NULL, FALSE, FALSE, 0, 0 },
  { "responsible", N_("Who is responsible"), L, NULL, FALSE, FALSE, 0, 0 },
  { "review_date", N_("Review date"), D, NULL, TRUE, TRUE, 0, 0 },
  { "co_produced", N_("Written with the person"), B, NULL, FALSE, FALSE, 0, 0 },
  { "copy_given", N_("Copy given to the person"), B, NULL, FALSE, FALSE, 0, 0 },
  { "s117_status", N_("Section 117 aftercare"), C, "s117-status", TRUE, TRUE, 0, 0 },
  { NULL }
};

static const KesCareField crisis_plan_fields[] = {
  { "agreed_on", N_("Plan agreed on"), D, NULL, TRUE, TRUE, 0, 0 },
  /* Not required here so plans written before issue 21 still load and
   * import; a plan saved now needs one (kes-care-record-rules.c). */
  { "review_date", N_("Review date"), D, NULL, FALSE, TRUE, 0, 0 },
  { "early_warning_signs", N_("Early warning signs"), L, NULL, TRUE, FALSE, 0, 0 },
  { "responds_to", N_("Who the person responds to and how to reach them"), L, NULL, TRUE, FALSE, 0, 0 },
  { "helped", N_("What has helped"), L, NULL, FALSE, FALSE, 0, 0 },
  { "not_helped", N_("What has not helped"), L, NULL, FALSE, FALSE, 0, 0 },
  { "treatment_preferences", N_("Treatment preferences and refusals"), L, NULL, FALSE, FALSE, 0, 0 },
  { "crisis_actions", N_("Crisis actions"), L, NULL, TRUE, FALSE, 0, 0 },
  { "out_of_hours", N_("Out-of-hours arrangements"), L, NULL, TRUE, FALSE, 0, 0 },
  { "contingency", N_("Contingency if support fails"), L, NULL, TRUE, FALSE, 0, 0 },
  { "carer_involvement", N_("Carer involvement"), L, NULL, FALSE, FALSE, 0, 0 },
  { "legal_contacts", N_("Legal status, MHCS and responsible clinician contacts"), L, NULL, FALSE, FALSE, 0, 0 },
  { "risk_to_others", N_("Risk to others and victim conditions"), L, NULL, FALSE, FALSE, 0, 0 },
  { "medication_notes", N_("Medication, depot dates and clozapine break rules"), L, NULL, FALSE, FALSE, 0, 0 },
  { "carer_consent", N_("Carer contacts and consent to share"), L, NULL, FALSE, FALSE, 0, 0 },
  { "signed", N_("Signed by the person"), B, NULL, FALSE, FALSE, 0, 0 },
  { "copy_given", N_("Copy given to the person"), B, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField clozapine_monitoring_fields[] = {
  { "decided_on", N_("Decided on"), D, NULL, TRUE, TRUE, 0, 0 },
  { "monitoring_service", N_("Monitoring service"), C, "clozapine-monitoring-service", TRUE, TRUE, 0, 0 },
  { "thresholds", N_("Blood count thresholds"), C, "clozapine-threshold-set", TRUE, TRUE, 0, 0 },
  { "decided_by", N_("Clinician who decided (name and role)"), T, NULL, TRUE, FALSE, 0, 0 },
  { "reason", N_("Basis for BEN criteria (haematology assessment, the service’s registration)"), L, NULL,
    FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField clozapine_no_rechallenge_fields[] = {
  { "decided_on", N_("Decided on"), D, NULL, TRUE, TRUE, 0, 0 },
  { "decided_by", N_("Clinician who decided (name and role)"), T, NULL, TRUE, FALSE, 0, 0 },
  { "reason", N_("Why clozapine must not be given again (e.g. the red result and its date)"), L, NULL,
    TRUE, FALSE, 0, 0 },
  { "lifted_on", N_("No longer applies from"), D, NULL, FALSE, TRUE, 0, 0 },
  { "lifted_by", N_("Clinician who lifted it (name and role)"), T, NULL, FALSE, FALSE, 0, 0 },
  { "lift_reason", N_("Why it no longer applies (e.g. haematology review, BEN confirmed)"), L, NULL,
    FALSE, FALSE, 0, 0 },
  { NULL }
};

static const KesCareField lithium_plan_fields[] = {
  { "decided_on", N_("Decided on"), D, NULL, TRUE, TRUE, 0, 0 },
  { "target_range", N_("Target range"), C, "lithium-target-range", TRUE, TRUE, 0, 0 },
  { "decided_by", N_("Clinician who decided (name and role)"), T, NULL, TRUE, FALSE, 0, 0 },
  { "reason", N_("Reason for the higher range"), L, NULL, FALSE, FALSE, 0, 0 },
  { "interacting_drugs", N_("Takes drugs that interact with lithium"), B, NULL, FALSE, TRUE, 0, 0 },
  { "renal_thyroid_calcium_risk", N_("At risk of impaired kidney or thyroid function or raised calcium"), B,
    NULL, FALSE, TRUE, 0, 0 },
  { "poor_control_or_adherence", N_("Poor symptom control or poor adherence"), B, NULL, FALSE, TRUE, 0, 0 },
  { NULL }
};

/* To whom, how and when a crisis plan went, and which one: the plan and its
 * revision are set by kes_store_share_crisis_plan, the author is who sent it. */
static const KesCareField crisis_plan_share_fields[] = {
  { "plan_id", N_("Crisis plan"), R, NULL, TRUE, TRUE, 0, 0 },
  { "plan_revision", N_("Version of the plan"), N, NULL, TRUE, TRUE, 1, 1000000 },
  { "shared_with", N_("Shared with (service or person)"), T, NULL, TRUE, FALSE, 0, 0 },
  { "method", N_("How"), C, "share-method", TRUE, FALSE, 0, 0 },
  { "shared_on", N_("Date"), D, NULL, TRUE, TRUE, 0, 0 },
  { "note", N_("Note"), L, NULL, FALSE, FALSE, 0, 0 },
  { NULL }
};

#undef T
#undef L
#undef D
#undef N
#undef B
#undef C
#undef R
#undef I

typedef struct
{
  const char         *kind;
  const char         *table;
  const char         *date_field;
  const KesCareField *fields;
} CareKind;

static const CareKind kinds[] = {
  { KES_CARE_PRESCRIPTION, "prescription", "start_date", prescription_fields },
  { KES_CARE_DEPOT_DOSE, "depot_dose", "given_on", depot_dose_fields },
  { KES_CARE_FBC, "fbc_result", "taken_on", fbc_fields },
  { KES_CARE_LITHIUM_LEVEL, "lithium_level", "taken_on", lithium_fields },
  { KES_CARE_PHYSICAL_HEALTH, "physical_health", "taken_on", physical_fields },
  { KES_CARE_CPA_REVIEW, "cpa_review", "scheduled_for", cpa_review_fields },
  { KES_CARE_CARE_PLAN, "care_plan", "start_date", care_plan_fields },
  { KES_CARE_CRISIS_PLAN, "crisis_plan", "agreed_on", crisis_plan_fields },
  { KES_CARE_CLOZAPINE_MONITORING, "clozapine_monitoring", "decided_on", clozapine_monitoring_fields },
  { KES_CARE_CLOZAPINE_NO_RECHALLENGE, "clozapine_no_rechallenge", "decided_on", clozapine_no_rechallenge_fields },
  { KES_CARE_LITHIUM_PLAN, "lithium_plan", "decided_on", lithium_plan_fields },
  { KES_CARE_CRISIS_PLAN_SHARE, "crisis_plan_share", "shared_on", crisis_plan_share_fields },
};

static const CareKind *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return &kinds[i];
  return NULL;
}

const KesCareField *
kes_care_kind_fields (const char *kind)
{
  const CareKind *k = find_kind (kind);
  return k != NULL ? k->fields : NULL;
}

const char *
kes_care_kind_table (const char *kind)
{
  const CareKind *k = find_kind (kind);
  return k != NULL ? k->table : NULL;
}

const char *
kes_care_kind_date_field (const char *kind)
{
  const CareKind *k = find_kind (kind);
  return k != NULL ? k->date_field : NULL;
}

gboolean
kes_care_field_is_legacy (const char *kind,
                          const char *key)
{
  return g_strcmp0 (kind, KES_CARE_CARE_PLAN) == 0 && g_strv_contains (care_plan_legacy, key);
}

const KesCareField *
kes_care_kind_find_field (const char *kind,
                          const char *key)
{
  const KesCareField *fields = kes_care_kind_fields (kind);

  for (guint i = 0; fields != NULL && fields[i].key != NULL; i++)
    if (g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

struct _KesCareRecord
{
  GObject         parent_instance;

  const CareKind *kind;
  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *patient_id;
  char           *author_name;
  char           *updated_at;
  GHashTable     *values; /* key -> text */
};

G_DEFINE_FINAL_TYPE (KesCareRecord, kes_care_record, G_TYPE_OBJECT)

static void
set_str (char       **target,
         const char  *value)
{
  if (*target != value)
    {
      g_free (*target);
      *target = g_strdup (value);
    }
}

/* Locale-independent, as short as the value allows. */
static char *
format_number (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", number));
}

static void
kes_care_record_finalize (GObject *object)
{
  KesCareRecord *self = KES_CARE_RECORD (object);

  g_free (self->id);
  g_free (self->patient_id);
  g_free (self->author_name);
  g_free (self->updated_at);
  g_hash_table_unref (self->values);
  G_OBJECT_CLASS (kes_care_record_parent_class)->finalize (object);
}

static void
kes_care_record_class_init (KesCareRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_care_record_finalize;
}

static void
kes_care_record_init (KesCareRecord *self)
{
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

KesCareRecord *
kes_care_record_new (const char *kind)
{
  const CareKind *k = find_kind (kind);
  KesCareRecord *self;

  g_return_val_if_fail (k != NULL, NULL);
  self = g_object_new (KES_TYPE_CARE_RECORD, NULL);
  self->kind = k;
  return self;
}

const char *
kes_care_record_get_kind (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);
  return self->kind->kind;
}

const char *
kes_care_record_get_id (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);
  return self->id;
}

gint64
kes_care_record_get_revision (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), 0);
  return self->revision;
}

KesRecordState
kes_care_record_get_state (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), KES_RECORD_ACTIVE);
  return self->state;
}

void
kes_care_record_set_identity (KesCareRecord  *self,
                              const char     *id,
                              gint64          revision,
                              KesRecordState  state)
{
  g_return_if_fail (KES_IS_CARE_RECORD (self));
  set_str (&self->id, id);
  self->revision = revision;
  self->state = state;
}

const char *
kes_care_record_get_patient_id (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);
  return self->patient_id;
}

void
kes_care_record_set_patient_id (KesCareRecord *self,
                                const char    *patient_id)
{
  g_return_if_fail (KES_IS_CARE_RECORD (self));
  set_str (&self->patient_id, patient_id);
}

const char *
kes_care_record_get_author_name (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);
  return self->author_name != NULL ? self->author_name : "";
}

const char *
kes_care_record_get_updated_at (KesCareRecord *self)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);
  return self->updated_at != NULL ? self->updated_at : "";
}

void
kes_care_record_set_written (KesCareRecord *self,
                             const char    *author_name,
                             const char    *updated_at)
{
  g_return_if_fail (KES_IS_CARE_RECORD (self));
  set_str (&self->author_name, author_name);
  set_str (&self->updated_at, updated_at);
}

static const KesCareField *
field_or_warn (KesCareRecord *self,
               const char    *key)
{
  for (guint i = 0; self->kind->fields[i].key != NULL; i++)
    if (g_str_equal (self->kind->fields[i].key, key))
      return &self->kind->fields[i];
  g_critical ("%s has no field %s", self->kind->kind, key);
  return NULL;
}

const char *
kes_care_record_get (KesCareRecord *self,
                     const char    *key)
{
  const KesCareField *field;
  const char *value;

  g_return_val_if_fail (KES_IS_CARE_RECORD (self), "");
  field = field_or_warn (self, key);
  if (field == NULL)
    return "";
  value = g_hash_table_lookup (self->values, field->key);
  return value != NULL ? value : "";
}

void
kes_care_record_set (KesCareRecord *self,
                     const char    *key,
                     const char    *value)
{
  const KesCareField *field;

  g_return_if_fail (KES_IS_CARE_RECORD (self));
  field = field_or_warn (self, key);
  if (field == NULL)
    return;
  if (value == NULL || value[0] == '\0')
    g_hash_table_remove (self->values, field->key);
  else
    g_hash_table_replace (self->values, (gpointer) field->key, g_strdup (value));
}

gboolean
kes_care_record_get_bool (KesCareRecord *self,
                          const char    *key)
{
  return g_str_equal (kes_care_record_get (self, key), "true");
}

void
kes_care_record_set_bool (KesCareRecord *self,
                          const char    *key,
                          gboolean       value)
{
  kes_care_record_set (self, key, value ? "true" : NULL);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (copy[0] == '\0')
    return FALSE;
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
kes_care_record_get_number (KesCareRecord *self,
                            const char    *key,
                            double        *value)
{
  return parse_number (kes_care_record_get (self, key), value);
}

gboolean
kes_care_record_has (KesCareRecord *self,
                     const char    *key)
{
  return kes_care_record_get (self, key)[0] != '\0';
}

void
kes_care_record_require (KesCareRecord *self,
                         GPtrArray     *issues,
                         const char    *key,
                         const char    *why)
{
  const KesCareField *field = field_or_warn (self, key);

  if (field != NULL && !kes_care_record_has (self, key))
    g_ptr_array_add (issues, kes_issue_new (key, KES_ISSUE_ERROR, "%s: %s", _(field->label), why));
}

static gboolean
code_known (const KesCareField *field,
            const char         *code)
{
  KesCodeList *list;

  if (g_str_equal (field->codes, "depot-drug"))
    return kes_depot_drug_lookup_label (code) != NULL;
  list = kes_code_list_get (field->codes);
  return list != NULL && kes_code_list_contains (list, code);
}

static void
check_field (KesCareRecord      *self,
             const KesCareField *field,
             const GDate        *today,
             GPtrArray          *issues)
{
  const char *raw = g_hash_table_lookup (self->values, field->key);
  g_autofree char *value = raw != NULL ? g_strstrip (g_strdup (raw)) : NULL;

  if (value == NULL || value[0] == '\0')
    {
      g_hash_table_remove (self->values, field->key);
      if (field->required)
        g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR, _("%s: fill this in"),
                                                _(field->label)));
      return;
    }

  switch (field->type)
    {
    case KES_CARE_FIELD_DATE:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *iso = kes_date_parse (value, _(field->label), &error);
        g_autoptr(GDate) date = NULL;

        if (iso == NULL)
          {
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR, "%s", error->message));
            return;
          }
        date = kes_date_from_iso (iso);
        if (today != NULL && !g_str_equal (field->key, "scheduled_for") &&
            !g_str_equal (field->key, "review_date") && !g_str_equal (field->key, "stop_date") &&
            g_date_compare (date, today) > 0)
          {
            g_autofree char *shown = kes_date_to_display (iso);
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                    _("%s %s is in the future"),
                                                    _(field->label), shown));
            return;
          }
        g_hash_table_replace (self->values, (gpointer) field->key, g_steal_pointer (&iso));
        return;
      }
    case KES_CARE_FIELD_NUMBER:
      {
        double number;

        if (!parse_number (value, &number))
          {
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                    _("%s “%s”: enter a number, such as 4.2"),
                                                    _(field->label), value));
            return;
          }
        if (number < field->min || number > field->max)
          {
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                    _("%s %s: should be between %g and %g"),
                                                    _(field->label), value, field->min, field->max));
            return;
          }
        g_hash_table_replace (self->values, (gpointer) field->key,
                              format_number (number));
        return;
      }
    case KES_CARE_FIELD_CODE:
      if (!code_known (field, value))
        {
          g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                  _("%s: “%s” is not one of the choices"),
                                                  _(field->label), value));
          return;
        }
      break;
    case KES_CARE_FIELD_BOOL:
      if (!g_str_equal (value, "true"))
        {
          g_hash_table_remove (self->values, field->key);
          return;
        }
      break;
    case KES_CARE_FIELD_ITEMS:
      {
        const char *agreed = g_hash_table_lookup (self->values, self->kind->date_field);
        g_autofree char *lines = kes_plan_items_check (value, field->key, agreed, issues);

        if (lines == NULL || g_str_equal (lines, "[]"))
          g_hash_table_remove (self->values, field->key);
        else
          g_hash_table_replace (self->values, (gpointer) field->key, g_steal_pointer (&lines));
        return;
      }
    case KES_CARE_FIELD_TEXT:
    case KES_CARE_FIELD_LONG_TEXT:
    case KES_CARE_FIELD_RECORD:
    default:
      break;
    }
  g_hash_table_replace (self->values, (gpointer) field->key, g_steal_pointer (&value));
}

GPtrArray *
kes_care_record_validate (KesCareRecord *self,
                          const GDate   *today)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);

  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);

  for (guint i = 0; self->kind->fields[i].key != NULL; i++)
    check_field (self, &self->kind->fields[i], today, issues);
  if (issues->len == 0)
    kes_care_record_check_rules (self, issues);
  return g_steal_pointer (&issues);
}

/* The lines of a structured plan as the array they are, or as the text
 * typed when that is not JSON (validation has named the problem). */
static JsonNode *
items_node (const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_parser_load_from_data (parser, value, -1, NULL) && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return json_node_copy (json_parser_get_root (parser));
  return json_node_init_string (json_node_alloc (), value);
}

char *
kes_care_record_to_json (KesCareRecord *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KES_IS_CARE_RECORD (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; self->kind->fields[i].key != NULL; i++)
    {
      const KesCareField *field = &self->kind->fields[i];
      const char *value = g_hash_table_lookup (self->values, field->key);
      double number;

      if (value == NULL)
        continue;
      json_builder_set_member_name (builder, field->key);
      if (field->type == KES_CARE_FIELD_BOOL)
        json_builder_add_boolean_value (builder, g_str_equal (value, "true"));
      else if (field->type == KES_CARE_FIELD_ITEMS)
        json_builder_add_value (builder, items_node (value));
      else if (field->type == KES_CARE_FIELD_NUMBER && parse_number (value, &number))
        json_builder_add_double_value (builder, number);
      else
        json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kes_care_record_load_json (KesCareRecord  *self,
                           const char     *json,
                           GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_return_val_if_fail (KES_IS_CARE_RECORD (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("The record's data is not an object"));
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  g_hash_table_remove_all (self->values);
  for (guint i = 0; self->kind->fields[i].key != NULL; i++)
    {
      const KesCareField *field = &self->kind->fields[i];
      JsonNode *node = json_object_get_member (object, field->key);

      if (node != NULL && field->type == KES_CARE_FIELD_ITEMS && JSON_NODE_HOLDS_ARRAY (node))
        {
          g_autofree char *lines = json_to_string (node, FALSE);
          kes_care_record_set (self, field->key, lines);
          continue;
        }
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (field->type == KES_CARE_FIELD_BOOL)
        kes_care_record_set_bool (self, field->key, json_node_get_boolean (node));
      else if (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
               json_node_get_value_type (node) == G_TYPE_INT64)
        {
          g_autofree char *text = format_number (json_node_get_double (node));
          kes_care_record_set (self, field->key, text);
        }
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        kes_care_record_set (self, field->key, json_node_get_string (node));
    }
  return TRUE;
}
