/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-assessment"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-error.h"
#include "kes-risk-assessment.h"
#include "kes-uuid.h"
#include "kes-validate.h"

struct _KesRiskAssessment
{
  GObject         parent_instance;

  char           *id;
  gint64          revision;
  KesRecordState  state;
  char           *author_name;

  char           *patient_id;
  char           *tool_id;
  char           *tool_version;
  guint           def_version;
  KesRiskStatus   status;
  char           *assessed_on;
  char           *completed_by;
  char           *supervised_by;
  char           *mdt_reviewed_on;
  char           *next_review_on;

  JsonObject     *ratings;  /* item code -> { slot -> point code } */
  JsonObject     *fields;   /* field id -> text */
  JsonObject     *groups;   /* group id -> [ { "id": …, "values": { field id -> text } } ] */
};

G_DEFINE_FINAL_TYPE (KesRiskAssessment, kes_risk_assessment, G_TYPE_OBJECT)

/* Members that may be absent (json-glib warns on a missing one). */
static JsonObject *
obj_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL && name != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
arr_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL && name != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
set_string (char       **slot,
            const char  *value)
{
  char *copy = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;

  g_free (*slot);
  *slot = copy;
}

static void
kes_risk_assessment_finalize (GObject *object)
{
  KesRiskAssessment *self = KES_RISK_ASSESSMENT (object);

  g_free (self->id);
  g_free (self->author_name);
  g_free (self->patient_id);
  g_free (self->tool_id);
  g_free (self->tool_version);
  g_free (self->assessed_on);
  g_free (self->completed_by);
  g_free (self->supervised_by);
  g_free (self->mdt_reviewed_on);
  g_free (self->next_review_on);
  g_clear_pointer (&self->ratings, json_object_unref);
  g_clear_pointer (&self->fields, json_object_unref);
  g_clear_pointer (&self->groups, json_object_unref);

  G_OBJECT_CLASS (kes_risk_assessment_parent_class)->finalize (object);
}

static void
kes_risk_assessment_class_init (KesRiskAssessmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_risk_assessment_finalize;
}

static void
kes_risk_assessment_init (KesRiskAssessment *self)
{
  self->ratings = json_object_new ();
  self->fields = json_object_new ();
  self->groups = json_object_new ();
}

KesRiskAssessment *
kes_risk_assessment_new (const char *patient_id,
                         const char *tool_id,
                         const char *tool_version,
                         guint       def_version)
{
  KesRiskAssessment *self = g_object_new (KES_TYPE_RISK_ASSESSMENT, NULL);

  self->patient_id = g_strdup (patient_id);
  self->tool_id = g_strdup (tool_id);
  self->tool_version = g_strdup (tool_version);
  self->def_version = def_version;
  return self;
}

KesRiskAssessment *
kes_risk_assessment_copy (KesRiskAssessment *self)
{
  g_autofree char *json = NULL;
  KesRiskAssessment *copy;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  json = kes_risk_assessment_to_json (self);
  copy = kes_risk_assessment_new_from_json (json, NULL);
  g_assert (copy != NULL);
  kes_risk_assessment_set_identity (copy, self->id, self->revision, self->state);
  kes_risk_assessment_set_author_name (copy, self->author_name);
  return copy;
}

/* ---- Identity and metadata ---- */

const char *
kes_risk_assessment_get_id (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return self->id;
}

gint64
kes_risk_assessment_get_revision (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), 0);
  return self->revision;
}

KesRecordState
kes_risk_assessment_get_state (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), KES_RECORD_ACTIVE);
  return self->state;
}

void
kes_risk_assessment_set_identity (KesRiskAssessment *self,
                                  const char        *id,
                                  gint64             revision,
                                  KesRecordState     state)
{
  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));
  set_string (&self->id, id);
  self->revision = revision;
  self->state = state;
}

const char *
kes_risk_assessment_get_author_name (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return self->author_name;
}

void
kes_risk_assessment_set_author_name (KesRiskAssessment *self,
                                     const char        *name)
{
  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));
  set_string (&self->author_name, name);
}

const char *
kes_risk_assessment_get_patient_id (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return self->patient_id;
}

const char *
kes_risk_assessment_get_tool_id (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return self->tool_id;
}

const char *
kes_risk_assessment_get_tool_version (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return self->tool_version;
}

guint
kes_risk_assessment_get_def_version (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), 0);
  return self->def_version;
}

gboolean
kes_risk_assessment_same_definition (KesRiskAssessment *self,
                                     KesRiskAssessment *other)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (other), FALSE);

  return g_strcmp0 (self->tool_id, other->tool_id) == 0 &&
         g_strcmp0 (self->tool_version, other->tool_version) == 0 &&
         self->def_version == other->def_version;
}

KesRiskStatus
kes_risk_assessment_get_status (KesRiskAssessment *self)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), KES_RISK_STATUS_DRAFT);
  return self->status;
}

void
kes_risk_assessment_set_status (KesRiskAssessment *self,
                                KesRiskStatus      status)
{
  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));
  self->status = status;
}

#define STRING_ACCESSORS(field)                                                   \
  const char *                                                                    \
  kes_risk_assessment_get_##field (KesRiskAssessment *self)                       \
  {                                                                               \
    g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);                   \
    return self->field;                                                           \
  }                                                                               \
  void                                                                            \
  kes_risk_assessment_set_##field (KesRiskAssessment *self,                       \
                                   const char        *value)                      \
  {                                                                               \
    g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));                             \
    set_string (&self->field, value);                                             \
  }

STRING_ACCESSORS (assessed_on)
STRING_ACCESSORS (completed_by)
STRING_ACCESSORS (supervised_by)
STRING_ACCESSORS (mdt_reviewed_on)
STRING_ACCESSORS (next_review_on)

/* ---- Content ---- */

const char *
kes_risk_assessment_get_rating (KesRiskAssessment *self,
                                const char        *item_code,
                                const char        *slot)
{
  JsonObject *item;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  item = obj_member (self->ratings, item_code);
  if (item == NULL || !json_object_has_member (item, slot))
    return NULL;
  return json_object_get_string_member (item, slot);
}

void
kes_risk_assessment_set_rating (KesRiskAssessment *self,
                                const char        *item_code,
                                const char        *slot,
                                const char        *point_code)
{
  JsonObject *item;

  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));
  g_return_if_fail (item_code != NULL && slot != NULL);

  item = obj_member (self->ratings, item_code);
  if (point_code == NULL || point_code[0] == '\0')
    {
      if (item != NULL)
        {
          json_object_remove_member (item, slot);
          if (json_object_get_size (item) == 0)
            json_object_remove_member (self->ratings, item_code);
        }
      return;
    }
  if (item == NULL)
    {
      item = json_object_new ();
      json_object_set_object_member (self->ratings, item_code, item);
    }
  json_object_set_string_member (item, slot, point_code);
}

static const char *
get_text (JsonObject *object,
          const char *name)
{
  if (object == NULL || name == NULL || !json_object_has_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static void
set_text (JsonObject *object,
          const char *name,
          const char *value)
{
  if (value == NULL || value[0] == '\0')
    {
      if (json_object_has_member (object, name))
        json_object_remove_member (object, name);
    }
  else
    json_object_set_string_member (object, name, value);
}

const char *
kes_risk_assessment_get_field (KesRiskAssessment *self,
                               const char        *field_id)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  return get_text (self->fields, field_id);
}

void
kes_risk_assessment_set_field (KesRiskAssessment *self,
                               const char        *field_id,
                               const char        *value)
{
  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));
  g_return_if_fail (field_id != NULL);
  set_text (self->fields, field_id, value);
}

static JsonArray *
group_entries (KesRiskAssessment *self,
               const char        *group_id,
               gboolean           create)
{
  JsonArray *entries = arr_member (self->groups, group_id);

  if (entries == NULL && create)
    {
      entries = json_array_new ();
      json_object_set_array_member (self->groups, group_id, entries);
    }
  return entries;
}

static JsonObject *
find_entry (KesRiskAssessment *self,
            const char        *group_id,
            const char        *entry_id)
{
  JsonArray *entries = group_entries (self, group_id, FALSE);

  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (get_text (entry, "id"), entry_id) == 0)
        return entry;
    }
  return NULL;
}

char *
kes_risk_assessment_add_entry (KesRiskAssessment *self,
                               const char        *group_id)
{
  JsonObject *entry;
  char *id;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);
  g_return_val_if_fail (group_id != NULL, NULL);

  id = kes_uuid_new ();
  entry = json_object_new ();
  json_object_set_string_member (entry, "id", id);
  json_object_set_object_member (entry, "values", json_object_new ());
  json_array_add_object_element (group_entries (self, group_id, TRUE), entry);
  return id;
}

static void
drop_references (KesRiskAssessment *self,
                 const char        *entry_id)
{
  g_autoptr(GList) groups = json_object_get_members (self->groups);

  for (GList *g = groups; g != NULL; g = g->next)
    {
      JsonArray *entries = arr_member (self->groups, g->data);

      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *values = obj_member (json_array_get_object_element (entries, i),
                                                              "values");
          g_autoptr(GList) names = values != NULL ? json_object_get_members (values) : NULL;

          for (GList *n = names; n != NULL; n = n->next)
            {
              const char *value = get_text (values, n->data);
              g_auto(GStrv) ids = NULL;
              g_autoptr(GStrvBuilder) kept = NULL;
              g_auto(GStrv) kept_ids = NULL;
              g_autofree char *joined = NULL;

              if (value == NULL || strstr (value, entry_id) == NULL)
                continue;
              ids = g_strsplit (value, " ", -1);
              kept = g_strv_builder_new ();
              for (guint k = 0; ids[k] != NULL; k++)
                if (ids[k][0] != '\0' && !g_str_equal (ids[k], entry_id))
                  g_strv_builder_add (kept, ids[k]);
              kept_ids = g_strv_builder_end (kept);
              joined = g_strjoinv (" ", kept_ids);
              set_text (values, n->data, joined);
            }
        }
    }
}

void
kes_risk_assessment_remove_entry (KesRiskAssessment *self,
                                  const char        *group_id,
                                  const char        *entry_id)
{
  JsonArray *entries;

  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));

  entries = group_entries (self, group_id, FALSE);
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    if (g_strcmp0 (get_text (json_array_get_object_element (entries, i), "id"), entry_id) == 0)
      {
        json_array_remove_element (entries, i);
        break;
      }
  drop_references (self, entry_id);
}

char **
kes_risk_assessment_list_entries (KesRiskAssessment *self,
                                  const char        *group_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *entries;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  entries = group_entries (self, group_id, FALSE);
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    g_strv_builder_add (builder, get_text (json_array_get_object_element (entries, i), "id"));
  return g_strv_builder_end (builder);
}

/* The member names of @object, in order. */
static char **
member_names (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GList) names = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *n = names; n != NULL; n = n->next)
    g_strv_builder_add (builder, n->data);
  return g_strv_builder_end (builder);
}

char **
kes_risk_assessment_list_held (KesRiskAssessment *self,
                               KesRiskHeld        part,
                               const char        *group_or_item,
                               const char        *entry_id)
{
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  switch (part)
    {
    case KES_RISK_HELD_RATED_ITEMS:
      return member_names (self->ratings);
    case KES_RISK_HELD_SLOTS:
      return member_names (obj_member (self->ratings, group_or_item));
    case KES_RISK_HELD_FIELDS:
      return member_names (self->fields);
    case KES_RISK_HELD_GROUPS:
      return member_names (self->groups);
    case KES_RISK_HELD_ENTRY_FIELDS:
      return member_names (obj_member (find_entry (self, group_or_item, entry_id), "values"));
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_risk_assessment_get_entry_value (KesRiskAssessment *self,
                                     const char        *group_id,
                                     const char        *entry_id,
                                     const char        *field_id)
{
  JsonObject *entry;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  entry = find_entry (self, group_id, entry_id);
  return entry != NULL ? get_text (obj_member (entry, "values"), field_id) : NULL;
}

void
kes_risk_assessment_set_entry_value (KesRiskAssessment *self,
                                     const char        *group_id,
                                     const char        *entry_id,
                                     const char        *field_id,
                                     const char        *value)
{
  JsonObject *entry;

  g_return_if_fail (KES_IS_RISK_ASSESSMENT (self));

  entry = find_entry (self, group_id, entry_id);
  g_return_if_fail (entry != NULL);
  set_text (obj_member (entry, "values"), field_id, value);
}

/* ---- Checks ---- */

static GDate *
check_date (GPtrArray  *issues,
            const char *field,
            const char *label,
            const char *value)
{
  GDate *date;

  if (value == NULL)
    return NULL;
  date = kes_date_from_iso (value);
  if (date == NULL)
    g_ptr_array_add (issues, kes_issue_new (field, KES_ISSUE_ERROR,
                                            /* Translators: "Next review date 2026-13-01: …" */
                                            _("%s %s: not a date (write it as 21/11/2026)"), label, value));
  return date;
}

GPtrArray *
kes_risk_assessment_validate_sign_off (KesRiskAssessment *self)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_autoptr(GDate) assessed = NULL;
  g_autoptr(GDate) mdt = NULL;
  g_autoptr(GDate) review = NULL;

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), issues);

  if (self->completed_by == NULL)
    g_ptr_array_add (issues, kes_issue_new ("completed_by", KES_ISSUE_ERROR, "%s",
                                            _("Completed by: say who completed the assessment")));
  if (self->assessed_on == NULL)
    g_ptr_array_add (issues, kes_issue_new ("assessed_on", KES_ISSUE_ERROR, "%s",
                                            _("Assessment date: required")));
  if (self->next_review_on == NULL)
    g_ptr_array_add (issues, kes_issue_new ("next_review_on", KES_ISSUE_ERROR, "%s",
                                            _("Next review date: required, so the review appears in Today when due")));
  assessed = check_date (issues, "assessed_on", _("Assessment date"), self->assessed_on);
  mdt = check_date (issues, "mdt_reviewed_on", _("MDT review date"), self->mdt_reviewed_on);
  review = check_date (issues, "next_review_on", _("Next review date"), self->next_review_on);
  if (assessed != NULL && review != NULL && g_date_compare (review, assessed) <= 0)
    g_ptr_array_add (issues, kes_issue_new ("next_review_on", KES_ISSUE_ERROR,
                                            _("Next review date %s: must be after the assessment date %s"),
                                            self->next_review_on, self->assessed_on));
  if (assessed != NULL && mdt != NULL && g_date_compare (mdt, assessed) < 0)
    g_ptr_array_add (issues, kes_issue_new ("mdt_reviewed_on", KES_ISSUE_ERROR,
                                            _("MDT review date %s: cannot be before the assessment date %s"),
                                            self->mdt_reviewed_on, self->assessed_on));
  return issues;
}

/* ---- JSON ---- */

static void
add_optional (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
kes_risk_assessment_to_json (KesRiskAssessment *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (self), NULL);

  json_builder_begin_object (builder);
  add_optional (builder, "patient_id", self->patient_id);
  add_optional (builder, "tool_id", self->tool_id);
  add_optional (builder, "tool_version", self->tool_version);
  json_builder_set_member_name (builder, "def_version");
  json_builder_add_int_value (builder, self->def_version);
  add_optional (builder, "status", self->status == KES_RISK_STATUS_COMPLETED ? "completed" : "draft");
  add_optional (builder, "assessed_on", self->assessed_on);
  add_optional (builder, "completed_by", self->completed_by);
  add_optional (builder, "supervised_by", self->supervised_by);
  add_optional (builder, "mdt_reviewed_on", self->mdt_reviewed_on);
  add_optional (builder, "next_review_on", self->next_review_on);
  json_builder_set_member_name (builder, "ratings");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->ratings));
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->fields));
  json_builder_set_member_name (builder, "groups");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), self->groups));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
all_strings (JsonObject *object,
             guint       depth)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *n = names; n != NULL; n = n->next)
    {
      JsonNode *node = json_object_get_member (object, n->data);

      if (depth > 0 && JSON_NODE_HOLDS_OBJECT (node))
        {
          if (!all_strings (json_node_get_object (node), depth - 1))
            return FALSE;
        }
      else if (json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
ratings_sound (JsonObject *ratings)
{
  g_autoptr(GList) names = json_object_get_members (ratings);

  for (GList *n = names; n != NULL; n = n->next)
    {
      JsonNode *node = json_object_get_member (ratings, n->data);

      if (!JSON_NODE_HOLDS_OBJECT (node) || !all_strings (json_node_get_object (node), 0))
        return FALSE;
    }
  return TRUE;
}

/* FALSE when @name is there but not an object; *@out is NULL when absent. */
static gboolean
object_member (JsonObject  *object,
               const char  *name,
               JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
groups_sound (JsonObject *groups)
{
  g_autoptr(GList) names = json_object_get_members (groups);

  for (GList *n = names; n != NULL; n = n->next)
    {
      JsonNode *node = json_object_get_member (groups, n->data);
      JsonArray *entries;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      entries = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonNode *entry = json_array_get_element (entries, i);
          JsonObject *values;

          if (!JSON_NODE_HOLDS_OBJECT (entry) ||
              !object_member (json_node_get_object (entry), "values", &values) ||
              !all_strings (json_node_get_object (entry), 1) ||
              get_text (json_node_get_object (entry), "id") == NULL || values == NULL ||
              !all_strings (values, 0))
            return FALSE;
        }
    }
  return TRUE;
}

KesRiskAssessment *
kes_risk_assessment_new_from_json (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(KesRiskAssessment) self = NULL;
  JsonObject *root;
  JsonObject *part;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  root = json_node_get_object (json_parser_get_root (parser));
  self = kes_risk_assessment_new (get_text (root, "patient_id"), get_text (root, "tool_id"),
                                  get_text (root, "tool_version"),
                                  (guint) json_object_get_int_member_with_default (root, "def_version", 0));
  self->status = g_strcmp0 (get_text (root, "status"), "completed") == 0
    ? KES_RISK_STATUS_COMPLETED : KES_RISK_STATUS_DRAFT;
  set_string (&self->assessed_on, get_text (root, "assessed_on"));
  set_string (&self->completed_by, get_text (root, "completed_by"));
  set_string (&self->supervised_by, get_text (root, "supervised_by"));
  set_string (&self->mdt_reviewed_on, get_text (root, "mdt_reviewed_on"));
  set_string (&self->next_review_on, get_text (root, "next_review_on"));

  if (!object_member (root, "ratings", &part))
    goto invalid;
  if (part != NULL)
    {
      if (!ratings_sound (part))
        goto invalid;
      json_object_unref (self->ratings);
      self->ratings = json_object_ref (part);
    }
  if (!object_member (root, "fields", &part))
    goto invalid;
  if (part != NULL)
    {
      if (!all_strings (part, 0))
        goto invalid;
      json_object_unref (self->fields);
      self->fields = json_object_ref (part);
    }
  if (!object_member (root, "groups", &part))
    goto invalid;
  if (part != NULL)
    {
      if (!groups_sound (part))
        goto invalid;
      json_object_unref (self->groups);
      self->groups = json_object_ref (part);
    }
  if (self->tool_id == NULL || self->tool_version == NULL || self->def_version == 0)
    goto invalid;
  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                       _("The stored risk assessment could not be read (its data is malformed)"));
  return NULL;
}
