/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-field-record"

#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-error.h"
#include "kes-field-record.h"

struct _KesFieldRecord
{
  GObject              parent_instance;

  const KesRecordKind *kind;
  char                *id;
  gint64               revision;
  KesRecordState       state;
  char                *patient_id;
  char                *author_name;
  char                *updated_at;
  JsonObject          *data;
};

G_DEFINE_FINAL_TYPE (KesFieldRecord, kes_field_record, G_TYPE_OBJECT)

static const KesFieldSpec *
require_field (KesFieldRecord *self,
               const char     *key)
{
  const KesFieldSpec *spec = kes_record_kind_find_field (self->kind, key);

  if (spec == NULL)
    g_critical ("Record kind %s has no field %s", self->kind->name, key);
  return spec;
}

static void
kes_field_record_finalize (GObject *object)
{
  KesFieldRecord *self = KES_FIELD_RECORD (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->updated_at, g_free);
  g_clear_pointer (&self->data, json_object_unref);
  G_OBJECT_CLASS (kes_field_record_parent_class)->finalize (object);
}

static void
kes_field_record_class_init (KesFieldRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_field_record_finalize;
}

static void
kes_field_record_init (KesFieldRecord *self)
{
  self->data = json_object_new ();
}

const KesFieldSpec *
kes_record_kind_find_field (const KesRecordKind *kind,
                            const char          *key)
{
  g_return_val_if_fail (kind != NULL, NULL);
  for (const KesFieldSpec *spec = kind->fields; key != NULL && spec->key != NULL; spec++)
    if (g_str_equal (spec->key, key))
      return spec;
  return NULL;
}

KesFieldRecord *
kes_field_record_new (const KesRecordKind *kind)
{
  KesFieldRecord *self;

  g_return_val_if_fail (kind != NULL, NULL);
  self = g_object_new (KES_TYPE_FIELD_RECORD, NULL);
  self->kind = kind;
  return self;
}

KesFieldRecord *
kes_field_record_copy (KesFieldRecord *self)
{
  g_autofree char *json = NULL;
  KesFieldRecord *copy;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  copy = kes_field_record_new (self->kind);
  json = kes_field_record_to_json (self);
  kes_field_record_load_json (copy, json, NULL);
  kes_field_record_set_identity (copy, self->id, self->revision, self->state);
  kes_field_record_set_patient_id (copy, self->patient_id);
  kes_field_record_set_written (copy, self->author_name, self->updated_at);
  return copy;
}

const KesRecordKind *
kes_field_record_get_kind (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  return self->kind;
}

const char *
kes_field_record_get_id (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  return self->id;
}

gint64
kes_field_record_get_revision (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), 0);
  return self->revision;
}

KesRecordState
kes_field_record_get_state (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), KES_RECORD_ACTIVE);
  return self->state;
}

void
kes_field_record_set_identity (KesFieldRecord *self,
                               const char     *id,
                               gint64          revision,
                               KesRecordState  state)
{
  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  if (self->id != id)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }
  self->revision = revision;
  self->state = state;
}

const char *
kes_field_record_get_patient_id (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  return self->patient_id;
}

void
kes_field_record_set_patient_id (KesFieldRecord *self,
                                 const char     *patient_id)
{
  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  if (self->patient_id != patient_id)
    {
      g_free (self->patient_id);
      self->patient_id = (patient_id != NULL && *patient_id != '\0') ? g_strdup (patient_id) : NULL;
    }
}

const char *
kes_field_record_get_author_name (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  return self->author_name != NULL ? self->author_name : "";
}

const char *
kes_field_record_get_updated_at (KesFieldRecord *self)
{
  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  return self->updated_at != NULL ? self->updated_at : "";
}

void
kes_field_record_set_written (KesFieldRecord *self,
                              const char     *author_name,
                              const char     *updated_at)
{
  g_autofree char *old_author = NULL;
  g_autofree char *old_time = NULL;

  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  old_author = g_steal_pointer (&self->author_name);
  old_time = g_steal_pointer (&self->updated_at);
  self->author_name = g_strdup (author_name);
  self->updated_at = g_strdup (updated_at);
}

const char *
kes_field_record_get_text (KesFieldRecord *self,
                           const char     *key)
{
  const KesFieldSpec *spec;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), "");
  spec = require_field (self, key);
  if (spec == NULL || spec->type == KES_FIELD_BOOL || spec->type == KES_FIELD_CODES)
    return "";
  return json_object_get_string_member_with_default (self->data, key, "");
}

void
kes_field_record_set_text (KesFieldRecord *self,
                           const char     *key,
                           const char     *value)
{
  const KesFieldSpec *spec;

  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  spec = require_field (self, key);
  g_return_if_fail (spec != NULL && spec->type != KES_FIELD_BOOL && spec->type != KES_FIELD_CODES);
  if (value == NULL || *value == '\0')
    json_object_remove_member (self->data, key);
  else
    json_object_set_string_member (self->data, key, value);
}

gboolean
kes_field_record_get_bool (KesFieldRecord *self,
                           const char     *key)
{
  const KesFieldSpec *spec;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), FALSE);
  spec = require_field (self, key);
  g_return_val_if_fail (spec != NULL && spec->type == KES_FIELD_BOOL, FALSE);
  return json_object_get_boolean_member_with_default (self->data, key, FALSE);
}

void
kes_field_record_set_bool (KesFieldRecord *self,
                           const char     *key,
                           gboolean        value)
{
  const KesFieldSpec *spec;

  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  spec = require_field (self, key);
  g_return_if_fail (spec != NULL && spec->type == KES_FIELD_BOOL);
  json_object_set_boolean_member (self->data, key, value);
}

GStrv
kes_field_record_dup_list (KesFieldRecord *self,
                           const char     *key)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const KesFieldSpec *spec;
  JsonNode *member;
  JsonArray *array;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);
  spec = require_field (self, key);
  g_return_val_if_fail (spec != NULL && spec->type == KES_FIELD_CODES, NULL);
  member = json_object_get_member (self->data, key);
  array = member != NULL && JSON_NODE_HOLDS_ARRAY (member) ? json_node_get_array (member) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *code = json_array_get_string_element (array, i);
      if (code != NULL)
        g_strv_builder_add (builder, code);
    }
  return g_strv_builder_end (builder);
}

void
kes_field_record_set_list (KesFieldRecord     *self,
                           const char         *key,
                           const char * const *codes)
{
  const KesFieldSpec *spec;
  JsonArray *array;

  g_return_if_fail (KES_IS_FIELD_RECORD (self));
  spec = require_field (self, key);
  g_return_if_fail (spec != NULL && spec->type == KES_FIELD_CODES);
  array = json_array_new ();
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      gboolean repeat = FALSE;

      if (*codes[i] == '\0')
        continue;
      for (guint j = 0; j < i; j++)
        repeat = repeat || g_str_equal (codes[j], codes[i]);
      if (!repeat)
        json_array_add_string_element (array, codes[i]);
    }
  json_object_set_array_member (self->data, key, array);
}

gboolean
kes_field_record_has_code (KesFieldRecord *self,
                           const char     *key,
                           const char     *code)
{
  g_auto(GStrv) codes = kes_field_record_dup_list (self, key);
  return codes != NULL && code != NULL && g_strv_contains ((const char * const *) codes, code);
}

GPtrArray *
kes_field_record_check (KesFieldRecord *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), issues);

  if (self->kind->per_patient && self->patient_id == NULL)
    g_ptr_array_add (issues, kes_issue_new ("patient_id", KES_ISSUE_ERROR,
                                            _("Choose the patient this record belongs to")));

  for (const KesFieldSpec *spec = self->kind->fields; spec->key != NULL; spec++)
    {
      const char *label = _(spec->label);

      if (spec->type == KES_FIELD_BOOL)
        continue;
      if (spec->type == KES_FIELD_CODES)
        {
          g_auto(GStrv) codes = kes_field_record_dup_list (self, spec->key);
          KesCodeList *list = kes_code_list_get (spec->code_list);

          if (spec->required && g_strv_length (codes) == 0)
            g_ptr_array_add (issues, kes_issue_new (spec->key, KES_ISSUE_ERROR,
                                                    _("%s: choose at least one"), label));
          for (guint i = 0; codes[i] != NULL; i++)
            if (list == NULL || !kes_code_list_contains (list, codes[i]))
              g_ptr_array_add (issues, kes_issue_new (spec->key, KES_ISSUE_ERROR,
                                                      _("%s: “%s” is not one of the choices"),
                                                      label, codes[i]));
          continue;
        }
      {
        g_autofree char *value = g_strstrip (g_strdup (kes_field_record_get_text (self, spec->key)));

        kes_field_record_set_text (self, spec->key, value);
        if (*value == '\0')
          {
            if (spec->required)
              g_ptr_array_add (issues, kes_issue_new (spec->key, KES_ISSUE_ERROR,
                                                      _("%s is required"), label));
            continue;
          }
        if (spec->type == KES_FIELD_DATE)
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *date = kes_date_parse (value, label, &error);

            if (date == NULL)
              g_ptr_array_add (issues, kes_issue_new (spec->key, KES_ISSUE_ERROR, "%s",
                                                      error->message));
            else
              kes_field_record_set_text (self, spec->key, date);
          }
        else if (spec->type == KES_FIELD_CODE)
          {
            KesCodeList *list = kes_code_list_get (spec->code_list);

            if (list == NULL || !kes_code_list_contains (list, value))
              g_ptr_array_add (issues, kes_issue_new (spec->key, KES_ISSUE_ERROR,
                                                      _("%s: “%s” is not one of the choices"),
                                                      label, value));
          }
      }
    }
  return issues;
}

char *
kes_field_record_to_json (KesFieldRecord *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonObject) object = json_object_new ();

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), NULL);

  /* Fields in the kind's order, so equal records give equal text (and hashes). */
  for (const KesFieldSpec *spec = self->kind->fields; spec->key != NULL; spec++)
    {
      JsonNode *member = json_object_get_member (self->data, spec->key);
      if (member != NULL)
        json_object_set_member (object, spec->key, json_node_copy (member));
    }
  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
kes_field_record_load_json (KesFieldRecord  *self,
                            const char      *json,
                            GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (self), FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("A %s record is not a JSON object"),
                   self->kind->name);
      return FALSE;
    }
  object = json_node_get_object (root);
  g_clear_pointer (&self->data, json_object_unref);
  self->data = json_object_new ();
  /* Only known fields of the right JSON type are kept. */
  for (const KesFieldSpec *spec = self->kind->fields; spec->key != NULL; spec++)
    {
      JsonNode *member = json_object_get_member (object, spec->key);
      GType type;

      if (member == NULL)
        continue;
      type = json_node_get_value_type (member);
      if ((spec->type == KES_FIELD_BOOL && type == G_TYPE_BOOLEAN) ||
          (spec->type == KES_FIELD_CODES && type == JSON_TYPE_ARRAY) ||
          (spec->type != KES_FIELD_BOOL && spec->type != KES_FIELD_CODES && type == G_TYPE_STRING))
        json_object_set_member (self->data, spec->key, json_node_copy (member));
    }
  return TRUE;
}
