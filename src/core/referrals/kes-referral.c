/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-referral-private.h"
#include "kes-validate.h"

G_DEFINE_FINAL_TYPE (KesReferral, kes_referral, G_TYPE_OBJECT)

/* Stable JSON member names, by field. */
static const char *const field_names[KES_REFERRAL_N_TEXT_FIELDS] = {
  [KES_REFERRAL_PATIENT_ID] = "patient_id",
  [KES_REFERRAL_DATE] = "referral_date",
  [KES_REFERRAL_REFERRER] = "referrer",
  [KES_REFERRAL_REFERRER_CONTACT] = "referrer_contact",
  [KES_REFERRAL_SOURCE] = "source",
  [KES_REFERRAL_UNIT] = "unit",
  [KES_REFERRAL_SECURITY_LEVEL] = "security_level",
  [KES_REFERRAL_AREA] = "area",
  [KES_REFERRAL_REASON] = "reason",
  [KES_REFERRAL_LEGAL_STATUS] = "legal_status",
  [KES_REFERRAL_INDEX_OFFENCE] = "index_offence",
  [KES_REFERRAL_EXPECTED_DISCHARGE] = "expected_discharge",
  [KES_REFERRAL_OVERRIDE_REASON] = "override_reason",
  [KES_REFERRAL_OVERRIDE_BY] = "override_by",
  [KES_REFERRAL_OVERRIDE_AT] = "override_at",
  [KES_REFERRAL_ASSESSMENT_DATE] = "assessment_date",
  [KES_REFERRAL_HISTORY] = "history",
  [KES_REFERRAL_MENTAL_STATE] = "mental_state",
  [KES_REFERRAL_RISK_SUMMARY] = "risk_summary",
  [KES_REFERRAL_NEEDS] = "needs",
  [KES_REFERRAL_RECOMMENDATION] = "recommendation",
  [KES_REFERRAL_DECISION] = "decision",
  [KES_REFERRAL_SIGNED_BY] = "signed_by",
  [KES_REFERRAL_SIGNED_AT] = "signed_at",
  [KES_REFERRAL_RISK_ASSESSMENT_ID] = "risk_assessment_id",
  [KES_REFERRAL_SIGNED_ROLE] = "signed_role",
  [KES_REFERRAL_SIGNED_DIGEST] = "signed_digest",
};

/* ---- Steps ---- */

KesReferralStep *
kes_referral_step_copy (const KesReferralStep *step)
{
  KesReferralStep *copy = g_new0 (KesReferralStep, 1);

  copy->stage = step->stage;
  copy->date = g_strdup (step->date);
  copy->recorded_at = g_strdup (step->recorded_at);
  copy->by_id = g_strdup (step->by_id);
  copy->by_name = g_strdup (step->by_name);
  copy->reason = g_strdup (step->reason);
  copy->signposting = g_strdup (step->signposting);
  copy->destination = g_strdup (step->destination);
  return copy;
}

void
kes_referral_step_free (KesReferralStep *step)
{
  if (step == NULL)
    return;
  g_free (step->date);
  g_free (step->recorded_at);
  g_free (step->by_id);
  g_free (step->by_name);
  g_free (step->reason);
  g_free (step->signposting);
  g_free (step->destination);
  g_free (step);
}

/* ---- GObject ---- */

static void
kes_referral_finalize (GObject *object)
{
  KesReferral *self = KES_REFERRAL (object);

  g_free (self->id);
  for (guint i = 0; i < KES_REFERRAL_N_TEXT_FIELDS; i++)
    g_free (self->text[i]);
  g_ptr_array_unref (self->steps);
  kes_referral_inreach_clear (self);
  G_OBJECT_CLASS (kes_referral_parent_class)->finalize (object);
}

static void
kes_referral_class_init (KesReferralClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_referral_finalize;
}

static void
kes_referral_init (KesReferral *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_step_free);
  self->inpatient = TRUE;
  kes_referral_inreach_init (self);
}

KesReferral *
kes_referral_new (void)
{
  return g_object_new (KES_TYPE_REFERRAL, NULL);
}

const char *kes_referral_get_id (KesReferral *self) { return self->id; }
gint64 kes_referral_get_revision (KesReferral *self) { return self->revision; }
KesRecordState kes_referral_get_state (KesReferral *self) { return self->state; }
gboolean kes_referral_get_inpatient (KesReferral *self) { return self->inpatient; }
GPtrArray *kes_referral_get_steps (KesReferral *self) { return self->steps; }

void
kes_referral_set_identity (KesReferral    *self,
                           const char     *id,
                           gint64          revision,
                           KesRecordState  state)
{
  char *copy;

  g_return_if_fail (KES_IS_REFERRAL (self));

  copy = g_strdup (id); /* @id may be self->id itself */

  g_free (self->id);
  self->id = copy;
  self->revision = revision;
  self->state = state;
}

const char *
kes_referral_get_text (KesReferral      *self,
                       KesReferralField  field)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), "");
  g_return_val_if_fail (field < KES_REFERRAL_N_TEXT_FIELDS, "");
  return self->text[field] != NULL ? self->text[field] : "";
}

void
kes_referral_set_text (KesReferral      *self,
                       KesReferralField  field,
                       const char       *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (field < KES_REFERRAL_N_TEXT_FIELDS);
  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_free (self->text[field]);
  self->text[field] = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

void
kes_referral_set_inpatient (KesReferral *self,
                            gboolean     inpatient)
{
  g_return_if_fail (KES_IS_REFERRAL (self));
  self->inpatient = !!inpatient;
}

void
kes_referral_append_step (KesReferral           *self,
                          const KesReferralStep *step)
{
  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (step != NULL && step->stage < KES_REFERRAL_N_STAGES);
  g_ptr_array_add (self->steps, kes_referral_step_copy (step));
}

KesReferralStage
kes_referral_get_stage (KesReferral *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), KES_REFERRAL_RECEIVED);
  if (self->steps->len == 0)
    return KES_REFERRAL_RECEIVED;
  return ((KesReferralStep *) g_ptr_array_index (self->steps, self->steps->len - 1))->stage;
}

const char *
kes_referral_get_stage_date (KesReferral *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), "");
  if (self->steps->len == 0)
    return kes_referral_get_text (self, KES_REFERRAL_DATE);
  return ((KesReferralStep *) g_ptr_array_index (self->steps, self->steps->len - 1))->date;
}

gboolean
kes_referral_check_acceptance (KesReferral  *self,
                               GError      **error)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), FALSE);

  if (*kes_referral_get_text (self, KES_REFERRAL_SIGNED_BY) == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The referral can’t be accepted before its assessment is signed off: complete "
                             "the assessment, sign it off, then accept"));
      return FALSE;
    }
  if (g_strcmp0 (kes_referral_get_text (self, KES_REFERRAL_DECISION), KES_REFERRAL_DECISION_ACCEPT) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The signed-off assessment does not recommend accepting this referral: correct "
                             "the assessment if the decision has changed, then accept"));
      return FALSE;
    }
  return TRUE;
}

int
kes_referral_days_in_stage (KesReferral *self,
                            const GDate *today)
{
  g_autoptr(GDate) since = kes_date_from_iso (kes_referral_get_stage_date (self));

  g_return_val_if_fail (today != NULL, 0);
  if (since == NULL)
    return 0;
  return MAX (0, g_date_days_between (since, today));
}

/* ---- Validation ---- */

typedef enum { CODE_OK, CODE_MISSING, CODE_UNKNOWN } CodeState;

static CodeState
code_state (KesReferral      *self,
            KesReferralField  field,
            const char       *list)
{
  if (self->text[field] == NULL)
    return CODE_MISSING;
  return kes_code_list_contains (kes_code_list_get (list), self->text[field]) ? CODE_OK : CODE_UNKNOWN;
}

#define ADD_ISSUE(field, ...) \
  g_ptr_array_add (issues, kes_issue_new (field_names[field], KES_ISSUE_ERROR, __VA_ARGS__))

GPtrArray *
kes_referral_validate (KesReferral *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autoptr(GDate) referred = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  const char *date = self->text[KES_REFERRAL_DATE];
  const char *discharge = self->text[KES_REFERRAL_EXPECTED_DISCHARGE];

  g_return_val_if_fail (KES_IS_REFERRAL (self), issues);

  if (self->text[KES_REFERRAL_PATIENT_ID] == NULL)
    g_ptr_array_add (issues, kes_issue_new ("patient_id", KES_ISSUE_ERROR,
                                            _("A referral must be for a patient: pick or add one")));
  if (date == NULL)
    g_ptr_array_add (issues, kes_issue_new ("referral_date", KES_ISSUE_ERROR,
                                            _("Referral date is required")));
  else if ((referred = kes_date_from_iso (date)) == NULL)
    g_ptr_array_add (issues, kes_issue_new ("referral_date", KES_ISSUE_ERROR,
                                            _("Referral date “%s” is not a date (write it as 21/11/2026)"), date));
  else if (g_date_compare (referred, today) > 0)
    g_ptr_array_add (issues, kes_issue_new ("referral_date", KES_ISSUE_ERROR,
                                            _("Referral date %s is in the future"), date));

  if (self->text[KES_REFERRAL_REFERRER] == NULL)
    g_ptr_array_add (issues, kes_issue_new ("referrer", KES_ISSUE_ERROR,
                                            _("Referrer is required: who made the referral")));
  switch (code_state (self, KES_REFERRAL_SOURCE, KES_CODES_REFERRAL_SOURCE))
    {
    case CODE_MISSING:
      ADD_ISSUE (KES_REFERRAL_SOURCE, _("Source of the referral is required: an own-trust ward or an external hospital"));
      break;
    case CODE_UNKNOWN:
      ADD_ISSUE (KES_REFERRAL_SOURCE, _("Source “%s” is not a known referral source"),
                 self->text[KES_REFERRAL_SOURCE]);
      break;
    case CODE_OK:
    default:
      break;
    }
  switch (code_state (self, KES_REFERRAL_SECURITY_LEVEL, KES_CODES_SECURITY_LEVEL))
    {
    case CODE_MISSING:
      ADD_ISSUE (KES_REFERRAL_SECURITY_LEVEL, _("Security level is required: low, medium or high secure"));
      break;
    case CODE_UNKNOWN:
      ADD_ISSUE (KES_REFERRAL_SECURITY_LEVEL,
                 _("Security level “%s” is not a known level: use low, medium or high secure"),
                 self->text[KES_REFERRAL_SECURITY_LEVEL]);
      break;
    case CODE_OK:
    default:
      break;
    }
  /* Which areas exist is directory data: the store checks the code
   * (kes_store_save_referral). */
  if (self->text[KES_REFERRAL_AREA] == NULL)
    ADD_ISSUE (KES_REFERRAL_AREA, _("Area is required: where the person will live after discharge"));
  if (code_state (self, KES_REFERRAL_LEGAL_STATUS, KES_CODES_LEGAL_STATUS) == CODE_UNKNOWN)
    ADD_ISSUE (KES_REFERRAL_LEGAL_STATUS, _("Legal status “%s” is not a known Mental Health Act status"),
               self->text[KES_REFERRAL_LEGAL_STATUS]);
  if (self->text[KES_REFERRAL_REASON] == NULL)
    g_ptr_array_add (issues, kes_issue_new ("reason", KES_ISSUE_ERROR,
                                            _("Reason for referral is required")));

  if (discharge != NULL)
    {
      g_autoptr(GDate) expected = kes_date_from_iso (discharge);

      if (expected == NULL)
        g_ptr_array_add (issues, kes_issue_new ("expected_discharge", KES_ISSUE_ERROR,
                                                _("Expected discharge date “%s” is not a date (write it as 21/11/2026)"),
                                                discharge));
      else if (referred != NULL && g_date_compare (expected, referred) < 0)
        g_ptr_array_add (issues, kes_issue_new ("expected_discharge", KES_ISSUE_ERROR,
                                                _("Expected discharge date %s is before the referral date %s"),
                                                discharge, date));
    }

  /* The referral date is the pathway's first day: no step may come before it. */
  if (referred != NULL && self->steps->len > 1)
    {
      KesReferralStep *second = g_ptr_array_index (self->steps, 1);

      if (g_strcmp0 (second->date, date) < 0)
        g_ptr_array_add (issues, kes_issue_new ("referral_date", KES_ISSUE_ERROR,
                                                _("Referral date %s is after the pathway’s next step (%s)"),
                                                date, second->date));
    }
  if (self->text[KES_REFERRAL_ASSESSMENT_DATE] != NULL)
    {
      g_autoptr(GDate) assessed = kes_date_from_iso (self->text[KES_REFERRAL_ASSESSMENT_DATE]);

      if (assessed == NULL)
        ADD_ISSUE (KES_REFERRAL_ASSESSMENT_DATE, _("Assessment date “%s” is not a date (write it as 21/11/2026)"),
                   self->text[KES_REFERRAL_ASSESSMENT_DATE]);
      else if (referred != NULL && g_date_compare (assessed, referred) < 0)
        ADD_ISSUE (KES_REFERRAL_ASSESSMENT_DATE, _("Assessment date %s is before the referral date %s"),
                   self->text[KES_REFERRAL_ASSESSMENT_DATE], date);
    }
  if (self->text[KES_REFERRAL_DECISION] != NULL &&
      g_strcmp0 (self->text[KES_REFERRAL_DECISION], KES_REFERRAL_DECISION_ACCEPT) != 0 &&
      g_strcmp0 (self->text[KES_REFERRAL_DECISION], KES_REFERRAL_DECISION_DECLINE) != 0)
    ADD_ISSUE (KES_REFERRAL_DECISION, _("Decision “%s” is not one of accept or decline"),
               self->text[KES_REFERRAL_DECISION]);
  kes_referral_inreach_validate (self, issues);
  return issues;
}

GPtrArray *
kes_referral_check_assessment (KesReferral *self)
{
  static const struct { KesReferralField field; const char *message; } needed[] = {
    { KES_REFERRAL_ASSESSMENT_DATE, N_("Assessment date is required to sign off") },
    { KES_REFERRAL_HISTORY, N_("History is required to sign off") },
    { KES_REFERRAL_MENTAL_STATE, N_("Mental state is required to sign off") },
    { KES_REFERRAL_RISK_SUMMARY, N_("Risk summary is required to sign off") },
    { KES_REFERRAL_NEEDS, N_("Needs are required to sign off") },
    { KES_REFERRAL_RECOMMENDATION, N_("Recommendation is required to sign off") },
    { KES_REFERRAL_DECISION, N_("Decision (accept or decline) is required to sign off") },
  };
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);

  g_return_val_if_fail (KES_IS_REFERRAL (self), issues);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    if (self->text[needed[i].field] == NULL)
      g_ptr_array_add (issues, kes_issue_new (field_names[needed[i].field], KES_ISSUE_ERROR, "%s",
                                              _(needed[i].message)));
  return issues;
}

char *
kes_referral_assessment_digest (KesReferral *self)
{
  static const KesReferralField signed_fields[] = {
    KES_REFERRAL_ASSESSMENT_DATE, KES_REFERRAL_HISTORY, KES_REFERRAL_MENTAL_STATE,
    KES_REFERRAL_RISK_SUMMARY, KES_REFERRAL_RISK_ASSESSMENT_ID, KES_REFERRAL_NEEDS,
    KES_REFERRAL_RECOMMENDATION, KES_REFERRAL_DECISION,
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (KES_IS_REFERRAL (self), NULL);

  /* Each field with its name and length, so that text moved from one
   * field to the next changes the digest. */
  for (guint i = 0; i < G_N_ELEMENTS (signed_fields); i++)
    {
      const char *value = kes_referral_get_text (self, signed_fields[i]);
      g_autofree char *header = g_strdup_printf ("%s=%zu:", field_names[signed_fields[i]], strlen (value));

      g_checksum_update (checksum, (const guchar *) header, strlen (header));
      g_checksum_update (checksum, (const guchar *) value, strlen (value));
    }
  return g_strdup (g_checksum_get_string (checksum));
}

KesReferralSignState
kes_referral_get_sign_state (KesReferral *self)
{
  const char *stored;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL (self), KES_REFERRAL_ASSESSMENT_UNSIGNED);

  if (*kes_referral_get_text (self, KES_REFERRAL_SIGNED_AT) == '\0')
    return KES_REFERRAL_ASSESSMENT_UNSIGNED;
  stored = kes_referral_get_text (self, KES_REFERRAL_SIGNED_DIGEST);
  if (*stored == '\0')
    return KES_REFERRAL_ASSESSMENT_SIGNED;
  digest = kes_referral_assessment_digest (self);
  return g_str_equal (digest, stored) ? KES_REFERRAL_ASSESSMENT_SIGNED : KES_REFERRAL_ASSESSMENT_ALTERED;
}

GPtrArray *
kes_referral_check_eligibility (KesReferral        *self,
                                const char         *birth_date,
                                const KesCatchment *catchment)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autoptr(GDate) birth = kes_date_from_iso (birth_date);
  g_autoptr(GDate) referred = kes_date_from_iso (self->text[KES_REFERRAL_DATE]);
  const char *area = self->text[KES_REFERRAL_AREA];

  g_return_val_if_fail (KES_IS_REFERRAL (self), issues);
  g_return_val_if_fail (catchment != NULL, issues);

  if (!self->inpatient || self->text[KES_REFERRAL_SECURITY_LEVEL] == NULL)
    g_ptr_array_add (issues, kes_issue_new ("inpatient", KES_ISSUE_WARNING,
                                            _("Not an inpatient in a secure service (low, medium or high secure)")));
  if (birth == NULL)
    g_ptr_array_add (issues, kes_issue_new ("age", KES_ISSUE_WARNING,
                                            _("Age unknown: the patient’s date of birth is not recorded")));
  else if (referred != NULL && kes_age_on (birth, referred) < 18)
    g_ptr_array_add (issues, kes_issue_new ("age", KES_ISSUE_WARNING,
                                            _("Aged %d on the referral date: the service is for adults aged 18 or over"),
                                            kes_age_on (birth, referred)));
  if (area != NULL && !kes_catchment_includes (catchment, area))
    g_ptr_array_add (issues, kes_issue_new ("area", KES_ISSUE_WARNING,
                                            _("Area “%s” is outside the team’s catchment"),
                                            kes_catchment_display_name (catchment, area)));
  return issues;
}

char *
kes_referral_area_note (const KesCatchment *catchment,
                        const char         *area,
                        gboolean            kept)
{
  g_return_val_if_fail (catchment != NULL, NULL);

  if (area == NULL || *area == '\0' || kes_catchment_includes (catchment, area))
    return NULL;
  if (!kes_catchment_knows (catchment, area))
    return g_strdup_printf (_("“%s” is not one of the catchment areas: choose another"), area);
  if (!kes_catchment_offers (catchment, area))
    return kept
      ? g_strdup_printf (_("“%s” has been retired from the catchment areas. This referral keeps it and counts "
                           "as outside the catchment."), kes_catchment_display_name (catchment, area))
      : g_strdup_printf (_("“%s” has been retired from the catchment areas: choose the area the person will "
                           "live in"), kes_catchment_display_name (catchment, area));
  return g_strdup_printf (_("“%s” is outside the team’s catchment. The referral is still recorded and counted: "
                            "on its page, decline it or redirect it to another service with a reason, or a "
                            "team manager accepts it for assessment."),
                          kes_catchment_display_name (catchment, area));
}

/* ---- JSON ---- */

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static char *
dup_member (JsonObject *object,
            const char *key)
{
  const char *value = json_object_get_string_member_with_default (object, key, "");
  return *value != '\0' ? g_strdup (value) : NULL;
}

char *
kes_referral_to_json (KesReferral *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KES_IS_REFERRAL (self), NULL);

  json_builder_begin_object (builder);
  for (guint i = 0; i < KES_REFERRAL_N_TEXT_FIELDS; i++)
    if (i != KES_REFERRAL_PATIENT_ID)
      add_string (builder, field_names[i], self->text[i]);
  json_builder_set_member_name (builder, "inpatient");
  json_builder_add_boolean_value (builder, self->inpatient);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->steps->len; i++)
    {
      KesReferralStep *step = g_ptr_array_index (self->steps, i);

      json_builder_begin_object (builder);
      add_string (builder, "stage", kes_referral_stage_to_string (step->stage));
      add_string (builder, "date", step->date);
      add_string (builder, "recorded_at", step->recorded_at);
      add_string (builder, "by", step->by_id);
      add_string (builder, "reason", step->reason);
      add_string (builder, "signposting", step->signposting);
      add_string (builder, "destination", step->destination);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  kes_referral_inreach_to_json (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kes_referral_load_json (KesReferral  *self,
                        const char   *json,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (KES_IS_REFERRAL (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                           _("A stored referral is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);
  for (guint i = 0; i < KES_REFERRAL_N_TEXT_FIELDS; i++)
    if (i != KES_REFERRAL_PATIENT_ID)
      {
        g_free (self->text[i]);
        self->text[i] = dup_member (object, field_names[i]);
      }
  self->inpatient = json_object_get_boolean_member_with_default (object, "inpatient", TRUE);
  g_ptr_array_set_size (self->steps, 0);
  if (json_object_has_member (object, "steps"))
    {
      JsonArray *steps = json_object_get_array_member (object, "steps");

      for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
        {
          JsonObject *item = json_array_get_object_element (steps, i);
          KesReferralStep *step;
          KesReferralStage stage;

          if (item == NULL ||
              !kes_referral_stage_from_string (json_object_get_string_member_with_default (item, "stage", ""),
                                               &stage))
            {
              g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                                   _("A stored referral has a step with an unknown stage"));
              return FALSE;
            }
          step = g_new0 (KesReferralStep, 1);
          step->stage = stage;
          step->date = dup_member (item, "date");
          step->recorded_at = dup_member (item, "recorded_at");
          step->by_id = dup_member (item, "by");
          step->reason = dup_member (item, "reason");
          step->signposting = dup_member (item, "signposting");
          step->destination = dup_member (item, "destination");
          g_ptr_array_add (self->steps, step);
        }
    }
  return kes_referral_inreach_from_json (self, object, error);
}
