/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-plan-items"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-care-plan-items.h"
#include "kes-clock.h"
#include "kes-validate.h"

KesPlanItem *
kes_plan_item_new (const char *need,
                   const char *intervention,
                   const char *who,
                   const char *by_when)
{
  KesPlanItem *item = g_new0 (KesPlanItem, 1);

  item->need = g_strdup (need != NULL ? need : "");
  item->intervention = g_strdup (intervention != NULL ? intervention : "");
  item->who = g_strdup (who != NULL ? who : "");
  item->by_when = g_strdup (by_when != NULL ? by_when : "");
  return item;
}

void
kes_plan_item_free (KesPlanItem *item)
{
  if (item == NULL)
    return;
  g_free (item->need);
  g_free (item->intervention);
  g_free (item->who);
  g_free (item->by_when);
  g_free (item);
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

GPtrArray *
kes_plan_items_parse (const char *json)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_plan_item_free);
  g_autoptr(JsonParser) parser = NULL;
  JsonArray *array;

  if (json == NULL || json[0] == '\0')
    return g_steal_pointer (&items);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      g_ptr_array_add (items, kes_plan_item_new (member_text (object, KES_PLAN_ITEM_NEED),
                                                 member_text (object, KES_PLAN_ITEM_INTERVENTION),
                                                 member_text (object, KES_PLAN_ITEM_WHO),
                                                 member_text (object, KES_PLAN_ITEM_BY_WHEN)));
    }
  return g_steal_pointer (&items);
}

char *
kes_plan_items_to_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KesPlanItem *item = g_ptr_array_index (items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, KES_PLAN_ITEM_NEED);
      json_builder_add_string_value (builder, item->need);
      json_builder_set_member_name (builder, KES_PLAN_ITEM_INTERVENTION);
      json_builder_add_string_value (builder, item->intervention);
      json_builder_set_member_name (builder, KES_PLAN_ITEM_WHO);
      json_builder_add_string_value (builder, item->who);
      json_builder_set_member_name (builder, KES_PLAN_ITEM_BY_WHEN);
      json_builder_add_string_value (builder, item->by_when);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
trim (char **text)
{
  g_strstrip (*text);
}

/* "Need 2 (Housing)", or "Need 2" before the need is written. */
static char *
line_name (KesPlanItem *item,
           guint        number)
{
  if (item->need[0] == '\0')
    /* TRANSLATORS: a line of the care plan, by its number */
    return g_strdup_printf (_("Need %u"), number);
  /* TRANSLATORS: a line of the care plan, by its number and the need it is about */
  return g_strdup_printf (_("Need %u (%s)"), number, item->need);
}

static void
check_by_when (KesPlanItem *item,
               const char  *name,
               const char  *field_key,
               const char  *not_before,
               GPtrArray   *issues)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf (_("%s: by when"), name);
  g_autofree char *iso = kes_date_parse (item->by_when, label, &error);

  if (iso == NULL)
    {
      g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR, "%s", error->message));
      return;
    }
  if (not_before != NULL && not_before[0] != '\0' && g_strcmp0 (iso, not_before) < 0)
    {
      g_autofree char *shown = kes_date_to_display (iso);
      g_autofree char *agreed = kes_date_to_display (not_before);

      g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR,
                                              _("%s: by when %s is before the plan was agreed (%s)"), name,
                                              shown, agreed));
      return;
    }
  g_free (item->by_when);
  item->by_when = g_steal_pointer (&iso);
}

char *
kes_plan_items_check (const char *json,
                      const char *field_key,
                      const char *not_before,
                      GPtrArray  *issues)
{
  g_autoptr(GPtrArray) items = kes_plan_items_parse (json);

  g_return_val_if_fail (field_key != NULL && issues != NULL, NULL);

  if (items == NULL)
    {
      g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR, "%s",
                                              _("Needs and interventions: not a list of needs")));
      return NULL;
    }
  if (items->len > KES_PLAN_MAX_ITEMS)
    g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR,
                                            _("Needs and interventions: %u needs, more than the %u a plan can hold"),
                                            items->len, KES_PLAN_MAX_ITEMS));
  for (guint i = 0; i < items->len && i < KES_PLAN_MAX_ITEMS; i++)
    {
      KesPlanItem *item = g_ptr_array_index (items, i);
      g_autofree char *name = NULL;

      trim (&item->need);
      trim (&item->intervention);
      trim (&item->who);
      trim (&item->by_when);
      name = line_name (item, i + 1);
      if (item->need[0] == '\0')
        g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR, _("%s: say what the need is"), name));
      if (item->intervention[0] == '\0')
        g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR,
                                                _("%s: say what will be done about it"), name));
      if (item->who[0] == '\0')
        g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR, _("%s: say who will do it"), name));
      if (item->by_when[0] == '\0')
        g_ptr_array_add (issues, kes_issue_new (field_key, KES_ISSUE_ERROR,
                                                _("%s: give the date it is to be done by"), name));
      else
        check_by_when (item, name, field_key, not_before, issues);
    }
  return kes_plan_items_to_json (items);
}
