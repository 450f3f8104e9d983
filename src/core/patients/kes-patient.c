/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-field-limits.h"
#include "kes-patient.h"

struct _KesPatient
{
  GObject         parent_instance;

  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *text[KES_PATIENT_N_TEXT_FIELDS];
  GStrv           lists[KES_PATIENT_N_LIST_FIELDS];
};

G_DEFINE_FINAL_TYPE (KesPatient, kes_patient, G_TYPE_OBJECT)

typedef struct
{
  const char *key;
  const char *label;
} FieldInfo;

static const FieldInfo text_fields[KES_PATIENT_N_TEXT_FIELDS] = {
  [KES_PATIENT_FAMILY_NAME] = { "family_name", N_("Family name") },
  [KES_PATIENT_GIVEN_NAME] = { "given_name", N_("Given name") },
  [KES_PATIENT_PREFERRED_NAME] = { "preferred_name", N_("Preferred name") },
  [KES_PATIENT_BIRTH_DATE] = { "birth_date", N_("Date of birth") },
  [KES_PATIENT_NHS_NUMBER] = { "nhs_number", N_("NHS number") },
  [KES_PATIENT_GENDER] = { "gender", N_("Stated gender") },
  [KES_PATIENT_ETHNICITY] = { "ethnicity", N_("Ethnic category") },
  [KES_PATIENT_ADDRESS] = { "address", N_("Address") },
  [KES_PATIENT_POSTCODE] = { "postcode", N_("Postcode") },
  [KES_PATIENT_PHONE] = { "phone", N_("Phone") },
  [KES_PATIENT_GP_PRACTICE] = { "gp_practice", N_("GP practice") },
  [KES_PATIENT_TEAM_ID] = { "team_id", N_("Team") },
  [KES_PATIENT_COORDINATOR_ID] = { "coordinator_id", N_("Care coordinator") },
  [KES_PATIENT_CLINICIAN_ID] = { "clinician_id", N_("Responsible clinician") },
  [KES_PATIENT_SUPERVISOR_ID] = { "supervisor_id", N_("Social supervisor") },
  [KES_PATIENT_DIAGNOSIS_NOTES] = { "diagnosis_notes", N_("Diagnosis notes") },
  [KES_PATIENT_REFERRAL_DATE] = { "referral_date", N_("Referral date") },
  [KES_PATIENT_AGE_OVERRIDE_REASON] = { "age_override_reason", N_("Reason for accepting under 18") },
  [KES_PATIENT_GENDER_IDENTITY] = { "gender_identity", N_("Gender identity") },
};

static const FieldInfo list_fields[KES_PATIENT_N_LIST_FIELDS] = {
  [KES_PATIENT_ALIASES] = { "aliases", N_("Aliases") },
  [KES_PATIENT_DIAGNOSES] = { "diagnoses", N_("Diagnoses") },
  [KES_PATIENT_ALERTS] = { "alerts", N_("Alerts") },
};

/* Property ids: text fields first, then list fields. */
#define PROP_FIRST_TEXT 1
#define PROP_FIRST_LIST (PROP_FIRST_TEXT + KES_PATIENT_N_TEXT_FIELDS)
#define N_PROPS (PROP_FIRST_LIST + KES_PATIENT_N_LIST_FIELDS)

static GParamSpec *properties[N_PROPS];

const char *
kes_patient_field_key (KesPatientField field)
{
  g_return_val_if_fail (field < KES_PATIENT_N_TEXT_FIELDS, NULL);
  return text_fields[field].key;
}

const char *
kes_patient_field_label (KesPatientField field)
{
  g_return_val_if_fail (field < KES_PATIENT_N_TEXT_FIELDS, NULL);
  return _(text_fields[field].label);
}

const char *
kes_patient_list_field_key (KesPatientListField field)
{
  g_return_val_if_fail (field < KES_PATIENT_N_LIST_FIELDS, NULL);
  return list_fields[field].key;
}

const char *
kes_patient_list_field_label (KesPatientListField field)
{
  g_return_val_if_fail (field < KES_PATIENT_N_LIST_FIELDS, NULL);
  return _(list_fields[field].label);
}

gboolean
kes_patient_field_from_key (const char      *key,
                            KesPatientField *field)
{
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      if (g_strcmp0 (key, text_fields[i].key) == 0)
        {
          *field = (KesPatientField) i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
kes_patient_finalize (GObject *object)
{
  KesPatient *self = (KesPatient *) object;

  g_free (self->id);
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    g_free (self->text[i]);
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    g_strfreev (self->lists[i]);

  G_OBJECT_CLASS (kes_patient_parent_class)->finalize (object);
}

static void
kes_patient_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KesPatient *self = KES_PATIENT (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    g_value_set_string (value, self->text[prop_id - PROP_FIRST_TEXT]);
  else if (prop_id >= PROP_FIRST_LIST && prop_id < N_PROPS)
    g_value_set_boxed (value, self->lists[prop_id - PROP_FIRST_LIST]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kes_patient_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KesPatient *self = KES_PATIENT (object);

  if (prop_id >= PROP_FIRST_TEXT && prop_id < PROP_FIRST_LIST)
    kes_patient_set_text (self, prop_id - PROP_FIRST_TEXT, g_value_get_string (value));
  else if (prop_id >= PROP_FIRST_LIST && prop_id < N_PROPS)
    kes_patient_set_list (self, prop_id - PROP_FIRST_LIST, g_value_get_boxed (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static char *
property_name_for_key (const char *key)
{
  char *name = g_strdup (key);
  g_strdelimit (name, "_", '-');
  return name;
}

static void
kes_patient_class_init (KesPatientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kes_patient_finalize;
  object_class->get_property = kes_patient_get_property;
  object_class->set_property = kes_patient_set_property;

  /* Property names are interned for the life of the type. */
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      g_autofree char *name = property_name_for_key (text_fields[i].key);
      properties[PROP_FIRST_TEXT + i] =
        g_param_spec_string (g_intern_string (name), NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
    }
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    properties[PROP_FIRST_LIST + i] =
      g_param_spec_boxed (list_fields[i].key, NULL, NULL, G_TYPE_STRV,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kes_patient_init (KesPatient *self)
{
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    self->lists[i] = g_new0 (char *, 1);
}

KesPatient *
kes_patient_new (void)
{
  return g_object_new (KES_TYPE_PATIENT, NULL);
}

KesPatient *
kes_patient_copy (KesPatient *self)
{
  KesPatient *copy;

  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);

  copy = kes_patient_new ();
  kes_patient_set_identity (copy, self->id, self->revision, self->state);
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    copy->text[i] = g_strdup (self->text[i]);
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    kes_patient_set_list (copy, i, (const char * const *) self->lists[i]);
  return copy;
}

const char *
kes_patient_get_id (KesPatient *self)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);
  return self->id;
}

gint64
kes_patient_get_revision (KesPatient *self)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), 0);
  return self->revision;
}

KesRecordState
kes_patient_get_state (KesPatient *self)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), KES_RECORD_ACTIVE);
  return self->state;
}

void
kes_patient_set_identity (KesPatient     *self,
                          const char     *id,
                          gint64          revision,
                          KesRecordState  state)
{
  char *copy;

  g_return_if_fail (KES_IS_PATIENT (self));

  copy = g_strdup (id); /* @id may be self->id itself */

  g_free (self->id);
  self->id = copy;
  self->revision = revision;
  self->state = state;
}

const char *
kes_patient_get_text (KesPatient      *self,
                      KesPatientField  field)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);
  g_return_val_if_fail (field < KES_PATIENT_N_TEXT_FIELDS, NULL);
  return self->text[field] != NULL ? self->text[field] : "";
}

void
kes_patient_set_text (KesPatient      *self,
                      KesPatientField  field,
                      const char      *value)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (KES_IS_PATIENT (self));
  g_return_if_fail (field < KES_PATIENT_N_TEXT_FIELDS);

  /* Leading and trailing blanks are never meaningful in the register. */
  if (value != NULL)
    trimmed = g_strstrip (g_strdup (value));
  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);

  if (g_strcmp0 (self->text[field], trimmed) == 0)
    return;
  g_free (self->text[field]);
  self->text[field] = g_steal_pointer (&trimmed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TEXT + field]);
}

const char * const *
kes_patient_get_list (KesPatient          *self,
                      KesPatientListField  field)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);
  g_return_val_if_fail (field < KES_PATIENT_N_LIST_FIELDS, NULL);
  return (const char * const *) self->lists[field];
}

void
kes_patient_set_list (KesPatient          *self,
                      KesPatientListField  field,
                      const char * const  *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (KES_IS_PATIENT (self));
  g_return_if_fail (field < KES_PATIENT_N_LIST_FIELDS);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (values[i]));
      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }

  g_strfreev (self->lists[field]);
  self->lists[field] = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_LIST + field]);
}

char *
kes_patient_format_display_name (const char *family_name,
                                 const char *given_name,
                                 const char *preferred_name)
{
  g_autofree char *family = g_utf8_strup (family_name != NULL ? family_name : "", -1);
  GString *name = g_string_new (family);

  if (given_name != NULL && *given_name != '\0')
    g_string_append_printf (name, ", %s", given_name);
  if (preferred_name != NULL && *preferred_name != '\0' && g_strcmp0 (preferred_name, given_name) != 0)
    g_string_append_printf (name, " (%s)", preferred_name);
  return g_string_free (name, FALSE);
}

char *
kes_patient_dup_display_name (KesPatient *self)
{
  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);
  return kes_patient_format_display_name (kes_patient_get_text (self, KES_PATIENT_FAMILY_NAME),
                                          kes_patient_get_text (self, KES_PATIENT_GIVEN_NAME),
                                          kes_patient_get_text (self, KES_PATIENT_PREFERRED_NAME));
}

/* ---- Validation ---- */

static void
check_code (GPtrArray       *issues,
            KesPatient      *self,
            KesPatientField  field,
            const char      *list_name,
            gboolean         required)
{
  const char *value = kes_patient_get_text (self, field);

  if (*value == '\0')
    {
      if (required)
        g_ptr_array_add (issues, kes_issue_new (text_fields[field].key, KES_ISSUE_ERROR,
                                                _("%s is required"),
                                                kes_patient_field_label (field)));
      return;
    }
  if (!kes_code_list_contains (kes_code_list_get (list_name), value))
    g_ptr_array_add (issues, kes_issue_new (text_fields[field].key, KES_ISSUE_ERROR,
                                            _("%s “%s” is not a known code"),
                                            kes_patient_field_label (field), value));
}

/* Every text field and every list item within kes-field-limits.c's table. */
static void
check_lengths (GPtrArray  *issues,
               KesPatient *self)
{
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      g_autofree char *key = g_strconcat ("patient.", text_fields[i].key, NULL);

      kes_field_limit_check (issues, key, kes_patient_field_label (i), self->text[i]);
    }
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      g_autofree char *key = g_strconcat ("patient.", list_fields[i].key, NULL);

      for (char **item = self->lists[i]; *item != NULL; item++)
        kes_field_limit_check (issues, key, kes_patient_list_field_label (i), *item);
    }
}

static void
add_error_issue (GPtrArray  *issues,
                 const char *key,
                 GError     *error)
{
  g_ptr_array_add (issues, kes_issue_new (key, KES_ISSUE_ERROR, "%s", error->message));
}

GPtrArray *
kes_patient_validate (KesPatient  *self,
                      const GDate *today)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autoptr(GDate) birth = NULL;
  g_autoptr(GDate) referral = NULL;
  const char *value;

  g_return_val_if_fail (KES_IS_PATIENT (self), issues);
  g_return_val_if_fail (today != NULL, issues);

  check_lengths (issues, self);
  if (*kes_patient_get_text (self, KES_PATIENT_FAMILY_NAME) == '\0')
    g_ptr_array_add (issues, kes_issue_new ("family_name", KES_ISSUE_ERROR,
                                            _("Family name is required")));
  if (*kes_patient_get_text (self, KES_PATIENT_GIVEN_NAME) == '\0')
    g_ptr_array_add (issues, kes_issue_new ("given_name", KES_ISSUE_ERROR,
                                            _("Given name is required")));

  value = kes_patient_get_text (self, KES_PATIENT_BIRTH_DATE);
  if (*value == '\0')
    g_ptr_array_add (issues, kes_issue_new ("birth_date", KES_ISSUE_ERROR,
                                            _("Date of birth is required")));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kes_date_parse (value, _("Date of birth"), &error);

      if (iso == NULL)
        add_error_issue (issues, "birth_date", error);
      else
        {
          birth = kes_date_from_iso (iso);
          if (g_date_compare (birth, today) > 0)
            {
              g_autofree char *shown = kes_date_to_display (iso);
              g_ptr_array_add (issues, kes_issue_new ("birth_date", KES_ISSUE_ERROR,
                                                      _("Date of birth %s is in the future"),
                                                      shown));
              g_clear_pointer (&birth, g_date_free);
            }
        }
    }

  value = kes_patient_get_text (self, KES_PATIENT_NHS_NUMBER);
  if (*value != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *digits = kes_nhs_number_parse (value, &error);
      if (digits == NULL)
        add_error_issue (issues, "nhs_number", error);
    }

  check_code (issues, self, KES_PATIENT_GENDER, KES_CODES_GENDER, TRUE);
  check_code (issues, self, KES_PATIENT_ETHNICITY, KES_CODES_ETHNIC_CATEGORY, TRUE);
  check_code (issues, self, KES_PATIENT_GENDER_IDENTITY, KES_CODES_GENDER_IDENTITY, FALSE);

  value = kes_patient_get_text (self, KES_PATIENT_POSTCODE);
  if (*value != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *postcode = kes_postcode_parse (value, &error);
      if (postcode == NULL)
        add_error_issue (issues, "postcode", error);
    }

  for (const char * const *code = kes_patient_get_list (self, KES_PATIENT_DIAGNOSES); *code; code++)
    if (!kes_code_list_contains (kes_code_list_get (KES_CODES_ICD10), *code))
      g_ptr_array_add (issues, kes_issue_new ("diagnoses", KES_ISSUE_ERROR,
                                              _("Diagnosis “%s” is not in the ICD-10 list; "
                                                "describe it in the diagnosis notes instead"),
                                              *code));

  value = kes_patient_get_text (self, KES_PATIENT_REFERRAL_DATE);
  if (*value != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = kes_date_parse (value, _("Referral date"), &error);
      if (iso == NULL)
        add_error_issue (issues, "referral_date", error);
      else
        {
          referral = kes_date_from_iso (iso);
          if (birth != NULL && g_date_compare (referral, birth) < 0)
            g_ptr_array_add (issues, kes_issue_new ("referral_date", KES_ISSUE_ERROR,
                                                    _("Referral date is before the date of birth")));
        }
    }

  /* Forensic community teams take adults; a younger person is a warning a
   * clinician may override with a recorded reason. */
  if (birth != NULL)
    {
      const GDate *on = referral != NULL ? referral : today;
      int age = kes_age_on (birth, on);

      if (age < 18 && *kes_patient_get_text (self, KES_PATIENT_AGE_OVERRIDE_REASON) == '\0')
        g_ptr_array_add (issues, kes_issue_new ("age_override_reason", KES_ISSUE_WARNING,
                                                _("The patient is %d, under 18 on referral: give a "
                                                  "reason to accept the referral"), age));
    }

  return issues;
}

gboolean
kes_patient_normalise (KesPatient   *self,
                       const GDate  *today,
                       GError      **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  static const KesPatientField date_fields[] = { KES_PATIENT_BIRTH_DATE, KES_PATIENT_REFERRAL_DATE };
  const char *value;

  g_return_val_if_fail (KES_IS_PATIENT (self), FALSE);

  issues = kes_patient_validate (self, today);
  if (!kes_issues_to_error (issues, error))
    return FALSE;

  value = kes_patient_get_text (self, KES_PATIENT_NHS_NUMBER);
  if (*value != '\0')
    {
      g_autofree char *digits = kes_nhs_number_parse (value, NULL);
      kes_patient_set_text (self, KES_PATIENT_NHS_NUMBER, digits);
    }
  value = kes_patient_get_text (self, KES_PATIENT_POSTCODE);
  if (*value != '\0')
    {
      g_autofree char *postcode = kes_postcode_parse (value, NULL);
      kes_patient_set_text (self, KES_PATIENT_POSTCODE, postcode);
    }
  for (guint i = 0; i < G_N_ELEMENTS (date_fields); i++)
    {
      value = kes_patient_get_text (self, date_fields[i]);
      if (*value != '\0')
        {
          g_autofree char *iso = kes_date_parse (value, "", NULL);
          kes_patient_set_text (self, date_fields[i], iso);
        }
    }
  return TRUE;
}

/* ---- JSON ---- */

char *
kes_patient_to_json (KesPatient *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (KES_IS_PATIENT (self), NULL);

  /* Every key is always written, in a fixed order, so revisions compare
   * and exports are byte-stable. */
  json_builder_begin_object (builder);
  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      json_builder_set_member_name (builder, text_fields[i].key);
      json_builder_add_string_value (builder, kes_patient_get_text (self, i));
    }
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      json_builder_set_member_name (builder, list_fields[i].key);
      json_builder_begin_array (builder);
      for (char **item = self->lists[i]; *item != NULL; item++)
        json_builder_add_string_value (builder, *item);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kes_patient_load_json (KesPatient  *self,
                       const char  *json,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (KES_IS_PATIENT (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                           _("A stored patient record is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);

  for (guint i = 0; i < KES_PATIENT_N_TEXT_FIELDS; i++)
    {
      JsonNode *node = json_object_get_member (object, text_fields[i].key);
      kes_patient_set_text (self, i, node != NULL && JSON_NODE_HOLDS_VALUE (node)
                                       ? json_node_get_string (node) : NULL);
    }
  for (guint i = 0; i < KES_PATIENT_N_LIST_FIELDS; i++)
    {
      JsonNode *node = json_object_get_member (object, list_fields[i].key);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) values = NULL;

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          for (guint j = 0; j < json_array_get_length (array); j++)
            {
              /* json_array_get_string_element() is critical about arrays and objects. */
              JsonNode *element = json_array_get_element (array, j);
              const char *item = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_string (element) : NULL;
              if (item != NULL)
                g_strv_builder_add (builder, item);
            }
        }
      values = g_strv_builder_end (builder);
      kes_patient_set_list (self, i, (const char * const *) values);
    }
  return TRUE;
}
