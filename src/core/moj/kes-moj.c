/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj.h"

/* ---- Field tables ---- */

static const KesMojField legal_status_fields[] = {
  { "authority", N_("Detention authority"), KES_MOJ_FIELD_CODE, KES_CODES_LEGAL_STATUS, TRUE },
  /* Not required: a legal status brought in from a referral or an older
   * record may not say when it began, and is shown as not recorded. */
  { "effective_date", N_("In force from"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "order_date", N_("Date of order"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "restriction_date", N_("Date of restriction"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "court", N_("Court"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "index_offences", N_("Index offence(s): what, when and where"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
  { "mhcs_reference", N_("MHCS reference"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "conditional_discharge_date", N_("Date of conditional discharge"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "discharged_by", N_("Discharged by"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "supervised_discharge", N_("Supervised discharge (Mental Health Act 2025)"), KES_MOJ_FIELD_BOOL, NULL, FALSE },
  { "recall_date", N_("Date of recall"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "absolute_discharge_date", N_("Date of absolute discharge"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "mappa_category", N_("MAPPA category"), KES_MOJ_FIELD_CODE, KES_CODES_MAPPA_CATEGORY, FALSE },
  { "mappa_level", N_("MAPPA level"), KES_MOJ_FIELD_CODE, KES_CODES_MAPPA_LEVEL, FALSE },
  { "mappa_referral_date", N_("MAPPA referral date"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "mappa_coordinator", N_("MAPPA coordinator and contact"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "mappa_notification_sent", N_("MAPPA notification sent on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "vlo", N_("Victim Liaison Officer and contact"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "vlo_last_contact", N_("Last contact with the VLO"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "victim_concerns", N_("Victim concerns"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
  { "exclusion_zones", N_("Exclusion zones and no-contact conditions"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
};

static const KesMojField offence_fields[] = {
  { "description", N_("Index offence"), KES_MOJ_FIELD_TEXT, NULL, TRUE },
  { "offence_date", N_("Date of offence"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "place", N_("Place"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
};

static const KesMojField condition_fields[] = {
  { "category", N_("Kind of condition"), KES_MOJ_FIELD_CODE, KES_CODES_DISCHARGE_CONDITION, TRUE },
  { "wording", N_("Wording"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "start_date", N_("Start date"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "end_date", N_("End date"), KES_MOJ_FIELD_DATE, NULL, FALSE },
};

static const KesMojField address_fields[] = {
  { "move_date", N_("Date of the move"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "new_address", N_("New address"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "accommodation", N_("Accommodation and level of support"), KES_MOJ_FIELD_TEXT, NULL, FALSE },
  { "notified_date", N_("MHCS told on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
};

static const KesMojField late_notice_fields[] = {
  { "due_date", N_("Report due on"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "sent_date", N_("Late notice sent to MHCS on"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "expected_date", N_("Report expected by"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "reason", N_("Reason for the delay"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
};

static const KesMojField application_fields[] = {
  { "application_date", N_("Date of application"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "proposed_changes", N_("Conditions to vary, add or remove"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "reasons", N_("Reasons"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "patient_view", N_("The patient’s view"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
  { "sent_date", N_("Sent to MHCS on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "decision_date", N_("Decision received on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "decision", N_("Decision"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
};

/* An incident or recall of a conditionally discharged patient: what
 * happened (the urgent-report triggers), what was done, MHCS told, recall.
 * The urgent report written about it names it ("incident_id"). */
static const KesMojField incident_fields[] = {
  { "incident_date", N_("Date of the incident"), KES_MOJ_FIELD_DATE, NULL, TRUE },
  { "category", N_("What kind of incident"), KES_MOJ_FIELD_CODE, KES_CODES_URGENT_TRIGGER, TRUE },
  { "description", N_("What happened"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "action", N_("What has been done"), KES_MOJ_FIELD_LONG_TEXT, NULL, TRUE },
  { "mhcs_told_date", N_("MHCS told on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "recall_requested", N_("Recall asked for"), KES_MOJ_FIELD_BOOL, NULL, FALSE },
  { "recall_date", N_("Recalled to hospital on"), KES_MOJ_FIELD_DATE, NULL, FALSE },
  { "outcome", N_("Outcome"), KES_MOJ_FIELD_LONG_TEXT, NULL, FALSE },
};

static const struct
{
  const char        *name;
  const char        *label;
  const KesMojField *fields;
  guint              n_fields;
  const char        *sort_key;
} kinds[KES_MOJ_N_KINDS] = {
  { "legal-status", N_("Legal status"), legal_status_fields, G_N_ELEMENTS (legal_status_fields), "effective_date" },
  { "index-offence", N_("Index offence"), offence_fields, G_N_ELEMENTS (offence_fields), "offence_date" },
  { "discharge-condition", N_("Condition of discharge"), condition_fields, G_N_ELEMENTS (condition_fields), "start_date" },
  { "address-notice", N_("Change of address notice"), address_fields, G_N_ELEMENTS (address_fields), "move_date" },
  { "moj-late-notice", N_("Late report notice"), late_notice_fields, G_N_ELEMENTS (late_notice_fields), "due_date" },
  { "conditions-application", N_("Change of conditions application"), application_fields, G_N_ELEMENTS (application_fields), "application_date" },
  { "moj-report", N_("Ministry of Justice report"), NULL, 0, "due_date" },
  { "moj-incident", N_("Incident or recall"), incident_fields, G_N_ELEMENTS (incident_fields), "incident_date" },
};

const char *
kes_moj_kind_to_string (KesMojKind kind)
{
  g_return_val_if_fail (kind < KES_MOJ_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
kes_moj_kind_from_string (const char *text,
                          KesMojKind *kind)
{
  for (guint i = 0; i < KES_MOJ_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_moj_kind_label (KesMojKind kind)
{
  g_return_val_if_fail (kind < KES_MOJ_N_KINDS, NULL);
  return _(kinds[kind].label);
}

const KesMojField *
kes_moj_kind_fields (KesMojKind  kind,
                     guint      *n_fields)
{
  g_return_val_if_fail (kind < KES_MOJ_N_KINDS, NULL);
  *n_fields = kinds[kind].n_fields;
  return kinds[kind].fields;
}

const char *
kes_moj_kind_sort_key (KesMojKind kind)
{
  g_return_val_if_fail (kind < KES_MOJ_N_KINDS, NULL);
  return kinds[kind].sort_key;
}

/* ---- Record ---- */

struct _KesMojRecord
{
  GObject         parent_instance;
  KesMojKind      kind;
  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *patient_id;
  JsonObject     *data;
};

G_DEFINE_FINAL_TYPE (KesMojRecord, kes_moj_record, G_TYPE_OBJECT)

static void
kes_moj_record_finalize (GObject *object)
{
  KesMojRecord *self = (KesMojRecord *) object;

  g_free (self->id);
  g_free (self->patient_id);
  g_clear_pointer (&self->data, json_object_unref);
  G_OBJECT_CLASS (kes_moj_record_parent_class)->finalize (object);
}

static void
kes_moj_record_class_init (KesMojRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_moj_record_finalize;
}

static void
kes_moj_record_init (KesMojRecord *self)
{
  self->data = json_object_new ();
}

KesMojRecord *
kes_moj_record_new (KesMojKind  kind,
                    const char *patient_id)
{
  KesMojRecord *self;

  g_return_val_if_fail (kind < KES_MOJ_N_KINDS, NULL);

  self = g_object_new (KES_TYPE_MOJ_RECORD, NULL);
  self->kind = kind;
  self->patient_id = g_strdup (patient_id);
  return self;
}

KesMojRecord *
kes_moj_record_copy (KesMojRecord *self)
{
  KesMojRecord *copy;
  g_autofree char *json = NULL;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (self), NULL);

  copy = kes_moj_record_new (self->kind, self->patient_id);
  kes_moj_record_set_identity (copy, self->id, self->revision, self->state);
  json = kes_moj_record_to_json (self);
  kes_moj_record_load_json (copy, json, NULL);
  return copy;
}

KesMojKind kes_moj_record_get_kind (KesMojRecord *self) { return self->kind; }
const char *kes_moj_record_get_id (KesMojRecord *self) { return self->id; }
gint64 kes_moj_record_get_revision (KesMojRecord *self) { return self->revision; }
KesRecordState kes_moj_record_get_state (KesMojRecord *self) { return self->state; }
const char *kes_moj_record_get_patient_id (KesMojRecord *self) { return self->patient_id; }
gpointer kes_moj_record_peek_object (KesMojRecord *self) { return self->data; }

void
kes_moj_record_set_identity (KesMojRecord   *self,
                             const char     *id,
                             gint64          revision,
                             KesRecordState  state)
{
  g_return_if_fail (KES_IS_MOJ_RECORD (self));

  if (id != self->id)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }
  self->revision = revision;
  self->state = state;
}

const char *
kes_moj_record_get_text (KesMojRecord *self,
                         const char   *key)
{
  JsonNode *node;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (self), "");

  node = json_object_get_member (self->data, key);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

void
kes_moj_record_set_text (KesMojRecord *self,
                         const char   *key,
                         const char   *value)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (KES_IS_MOJ_RECORD (self));

  stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

  json_object_set_string_member (self->data, key, stripped);
}

gboolean
kes_moj_record_get_bool (KesMojRecord *self,
                         const char   *key)
{
  return g_str_equal (kes_moj_record_get_text (self, key), "yes");
}

void
kes_moj_record_set_bool (KesMojRecord *self,
                         const char   *key,
                         gboolean      value)
{
  kes_moj_record_set_text (self, key, value ? "yes" : "");
}

char *
kes_moj_record_dup_display (KesMojRecord      *self,
                            const KesMojField *field)
{
  const char *value = kes_moj_record_get_text (self, field->key);

  if (*value == '\0')
    return g_strdup ("");
  switch (field->type)
    {
    case KES_MOJ_FIELD_DATE:
      {
        char *shown = kes_date_to_display (value);
        return shown != NULL ? shown : g_strdup (value);
      }
    case KES_MOJ_FIELD_CODE:
      {
        const char *label = kes_code_list_lookup (kes_code_list_get (field->code_list), value);
        return g_strdup (label != NULL ? label : value);
      }
    case KES_MOJ_FIELD_BOOL:
      return g_strdup (_("Yes"));
    case KES_MOJ_FIELD_TEXT:
    case KES_MOJ_FIELD_LONG_TEXT:
    default:
      return g_strdup (value);
    }
}

static GDate *
field_date (KesMojRecord *self,
            const char   *key)
{
  const char *value = kes_moj_record_get_text (self, key);
  g_autofree char *iso = *value != '\0' ? kes_date_parse (value, key, NULL) : NULL;

  return iso != NULL ? kes_date_from_iso (iso) : NULL;
}

/* @later must not be before @earlier when both are given. */
static void
check_order (KesMojRecord *self,
             GPtrArray    *issues,
             const char   *earlier,
             const char   *later,
             const char   *message)
{
  g_autoptr(GDate) a = field_date (self, earlier);
  g_autoptr(GDate) b = field_date (self, later);

  if (a != NULL && b != NULL && g_date_compare (b, a) < 0)
    g_ptr_array_add (issues, kes_issue_new (later, KES_ISSUE_ERROR, "%s", message));
}

GPtrArray *
kes_moj_record_validate (KesMojRecord *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  const KesMojField *fields;
  guint n_fields;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (self), issues);

  fields = kes_moj_kind_fields (self->kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const KesMojField *field = &fields[i];
      const char *value = kes_moj_record_get_text (self, field->key);
      const char *label = _(field->label);

      if (*value == '\0')
        {
          if (field->required)
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                    _("%s: please fill this in"), label));
          continue;
        }
      if (field->type == KES_MOJ_FIELD_DATE)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *iso = kes_date_parse (value, label, &error);
          if (iso == NULL)
            g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR, "%s", error->message));
        }
      else if (field->type == KES_MOJ_FIELD_CODE &&
               !kes_code_list_contains (kes_code_list_get (field->code_list), value))
        g_ptr_array_add (issues, kes_issue_new (field->key, KES_ISSUE_ERROR,
                                                _("%s: “%s” is not one of the listed choices"),
                                                label, value));
    }

  if (self->kind == KES_MOJ_LEGAL_STATUS)
    {
      check_order (self, issues, "order_date", "restriction_date",
                   _("Date of restriction: it cannot be before the date of the order"));
      check_order (self, issues, "order_date", "conditional_discharge_date",
                   _("Date of conditional discharge: it cannot be before the date of the order"));
      check_order (self, issues, "conditional_discharge_date", "absolute_discharge_date",
                   _("Date of absolute discharge: it cannot be before the conditional discharge"));
      check_order (self, issues, "mappa_referral_date", "mappa_notification_sent",
                   _("MAPPA notification sent on: it cannot be before the MAPPA referral"));
      if (kes_moj_record_get_bool (self, "supervised_discharge") &&
          *kes_moj_record_get_text (self, "conditional_discharge_date") == '\0')
        g_ptr_array_add (issues, kes_issue_new ("conditional_discharge_date", KES_ISSUE_ERROR, "%s",
                                                _("Date of conditional discharge: a supervised "
                                                  "discharge needs the date of discharge")));
      if (*kes_moj_record_get_text (self, "recall_date") != '\0' &&
          *kes_moj_record_get_text (self, "conditional_discharge_date") == '\0')
        g_ptr_array_add (issues, kes_issue_new ("recall_date", KES_ISSUE_ERROR, "%s",
                                                _("Date of recall: a recall needs the date of "
                                                  "the conditional discharge it ended")));
    }
  else if (self->kind == KES_MOJ_CONDITION)
    check_order (self, issues, "start_date", "end_date",
                 _("End date: it cannot be before the start date"));
  else if (self->kind == KES_MOJ_LATE_NOTICE)
    check_order (self, issues, "due_date", "expected_date",
                 _("Report expected by: it cannot be before the date the report was due"));
  else if (self->kind == KES_MOJ_INCIDENT)
    {
      check_order (self, issues, "incident_date", "mhcs_told_date",
                   _("MHCS told on: it cannot be before the incident"));
      check_order (self, issues, "incident_date", "recall_date",
                   _("Recalled to hospital on: it cannot be before the incident"));
    }
  else if (self->kind == KES_MOJ_CONDITIONS_APPLICATION)
    {
      check_order (self, issues, "application_date", "sent_date",
                   _("Sent to MHCS on: it cannot be before the date of the application"));
      check_order (self, issues, "application_date", "decision_date",
                   _("Decision received on: it cannot be before the date of the application"));
      check_order (self, issues, "sent_date", "decision_date",
                   _("Decision received on: it cannot be before the application was sent"));
    }
  return issues;
}

gboolean
kes_moj_record_normalise (KesMojRecord  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) issues = kes_moj_record_validate (self);
  const KesMojField *fields;
  guint n_fields;

  if (issues->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);
      for (guint i = 0; i < issues->len; i++)
        {
          KesIssue *issue = g_ptr_array_index (issues, i);
          if (message->len > 0)
            g_string_append (message, "\n");
          g_string_append (message, issue->message);
        }
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message->str);
      return FALSE;
    }
  fields = kes_moj_kind_fields (self->kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == KES_MOJ_FIELD_DATE)
      {
        const char *value = kes_moj_record_get_text (self, fields[i].key);
        if (*value != '\0')
          {
            g_autofree char *iso = kes_date_parse (value, fields[i].key, NULL);
            kes_moj_record_set_text (self, fields[i].key, iso);
          }
      }
  return TRUE;
}

char *
kes_moj_record_to_json (KesMojRecord *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (KES_IS_MOJ_RECORD (self), NULL);

  json_node_set_object (root, self->data);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kes_moj_record_load_json (KesMojRecord  *self,
                          const char    *json,
                          GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                           _("A stored record is not a JSON object"));
      return FALSE;
    }
  g_clear_pointer (&self->data, json_object_unref);
  self->data = json_object_ref (json_node_get_object (root));
  return TRUE;
}

const char * const *
kes_moj_prefill_sources (void)
{
  static const char * const sources[] = {
    "patient.name", "patient.aliases", "patient.birth_date", "patient.nhs_number",
    "patient.mhcs_reference", "patient.diagnosis", "patient.address", "accommodation",
    "legal.authority", "legal.order_date", "legal.restriction_date", "legal.court",
    "legal.conditional_discharge_date", "legal.discharged_by", "legal.supervised_discharge",
    "legal.summary", "legal.mappa", "legal.victims", "offences", "conditions",
    "supervisor.social", "supervisor.clinical", "contacts.count", "contacts.dates",
    "period.from", "period.to",
    /* Filled by the report layer (src/documents/kes-report-moj.c): the latest
     * signed-off structured risk assessment as its assessor recorded it,
     * and the rows of a compliance table (one per condition in force). */
    "risk.latest", "conditions.in_force", NULL,
  };
  return sources;
}

/* ---- Legal status rules ---- */

gboolean
kes_legal_status_is_conditionally_discharged (KesMojRecord *status)
{
  g_autoptr(GDate) discharge = NULL;
  g_autoptr(GDate) recall = NULL;

  if (status == NULL)
    return FALSE;
  discharge = field_date (status, "conditional_discharge_date");
  recall = field_date (status, "recall_date");
  if (discharge == NULL || *kes_moj_record_get_text (status, "absolute_discharge_date") != '\0')
    return FALSE;
  /* A re-discharge after a recall is a later discharge date. */
  return recall == NULL || g_date_compare (recall, discharge) < 0;
}

char *
kes_legal_status_dup_summary (KesMojRecord *status)
{
  const char *code;
  const char *label;
  GString *text;

  if (status == NULL)
    return g_strdup (_("No legal status recorded"));
  code = kes_moj_record_get_text (status, "authority");
  label = kes_code_list_lookup (kes_code_list_get (KES_CODES_LEGAL_STATUS), code);
  text = g_string_new (label != NULL ? label : code);

  if (*kes_moj_record_get_text (status, "absolute_discharge_date") != '\0')
    {
      g_autofree char *date = kes_date_to_display (kes_moj_record_get_text (status, "absolute_discharge_date"));
      g_string_append_printf (text, _(" · absolutely discharged %s"), date);
    }
  else if (kes_legal_status_is_conditionally_discharged (status))
    {
      g_autofree char *date = kes_date_to_display (kes_moj_record_get_text (status, "conditional_discharge_date"));
      if (kes_moj_record_get_bool (status, "supervised_discharge"))
        g_string_append_printf (text, _(" · supervised discharge %s"), date);
      else
        g_string_append_printf (text, _(" · conditionally discharged %s"), date);
    }
  else if (*kes_moj_record_get_text (status, "recall_date") != '\0')
    {
      g_autofree char *date = kes_date_to_display (kes_moj_record_get_text (status, "recall_date"));
      g_string_append_printf (text, _(" · recalled %s"), date);
    }
  return g_string_free (text, FALSE);
}

char *
kes_legal_status_dup_header (KesMojRecord *status)
{
  g_autofree char *summary = NULL;
  const char *category, *level;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (status), NULL);

  summary = kes_legal_status_dup_summary (status);
  category = kes_moj_record_get_text (status, "mappa_category");
  level = kes_moj_record_get_text (status, "mappa_level");
  /* The numbers, as teams say them ("MAPPA category 2, level 1"); the tab
   * and documents spell them out. */
  if (*category != '\0' && *level != '\0')
    /* TRANSLATORS: the legal status, then the MAPPA category and level numbers */
    return g_strdup_printf (_("%s · MAPPA category %s, level %s"), summary, category, level);
  if (*category != '\0')
    /* TRANSLATORS: the legal status, then the MAPPA category number */
    return g_strdup_printf (_("%s · MAPPA category %s"), summary, category);
  if (*level != '\0')
    /* TRANSLATORS: the legal status, then the MAPPA level number */
    return g_strdup_printf (_("%s · MAPPA level %s (category not recorded)"), summary, level);
  return g_steal_pointer (&summary);
}
