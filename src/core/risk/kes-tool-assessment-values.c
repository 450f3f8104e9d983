/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-assessment-values"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-tool-assessment.h"
#include "kes-validate.h"

/* What an assessment's form can give and nothing else: the form offers an
 * item's slots with the points of their scales, the definition's fields
 * (a choice from its scale, a date) and its groups. A stored assessment that
 * holds more came from elsewhere (a file, the sqlite3 shell) and would be
 * shown, printed and reported as if a clinician had rated it. */

static void
add (GPtrArray  *issues,
     const char *key,
     char       *message)
{
  g_ptr_array_add (issues, kes_issue_new (key, KES_ISSUE_ERROR, "%s", message));
  g_free (message);
}

static gboolean
is_iso_date (const char *value)
{
  g_autoptr(GDate) date = strlen (value) == 10 ? kes_date_from_iso (value) : NULL;

  return date != NULL;
}

/* A field's value as its type allows: a choice is a point of its scale, a
 * date a calendar date, a reference names entries of its group. */
static void
check_value (GPtrArray          *issues,
             KesRiskAssessment  *assessment,
             const KesToolField *field,
             const char         *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (field->type == KES_TOOL_FIELD_CHOICE && kes_tool_scale_find_point (field->scale, value) == NULL)
    /* Translators: a field's label, then the value held */
    add (issues, field->id, g_strdup_printf (_("%s: “%s” is not one of its choices"), field->label, value));
  else if (field->type == KES_TOOL_FIELD_DATE && !is_iso_date (value))
    add (issues, field->id, g_strdup_printf (_("%s: “%s” is not a date"), field->label, value));
  else if (field->type == KES_TOOL_FIELD_REF)
    {
      g_auto(GStrv) held = kes_risk_assessment_list_entries (assessment, field->ref_group->id);
      g_auto(GStrv) named = g_strsplit (value, " ", -1);

      for (guint i = 0; named[i] != NULL; i++)
        if (*named[i] != '\0' && !g_strv_contains ((const char * const *) held, named[i]))
          {
            add (issues, field->id, g_strdup_printf (_("%s: refers to an entry the assessment does not hold"),
                                                     field->label));
            return;
          }
    }
}

static const KesToolRating *
find_rating (const KesToolItem *item,
             const char        *slot)
{
  for (guint i = 0; i < item->ratings->len; i++)
    {
      const KesToolRating *rating = g_ptr_array_index (item->ratings, i);

      if (g_str_equal (rating->name, slot))
        return rating;
    }
  return NULL;
}

static void
check_ratings (GPtrArray          *issues,
               KesToolDefinition  *definition,
               KesRiskAssessment  *assessment)
{
  g_auto(GStrv) items = kes_risk_assessment_list_held (assessment, KES_RISK_HELD_RATED_ITEMS, NULL, NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const KesToolItem *item = kes_tool_definition_find_item (definition, items[i]);
      g_auto(GStrv) slots = kes_risk_assessment_list_held (assessment, KES_RISK_HELD_SLOTS, items[i], NULL);

      if (item == NULL)
        {
          add (issues, items[i], g_strdup_printf (_("Item %s: not an item of %s"), items[i],
                                                  kes_tool_definition_get_key (definition)));
          continue;
        }
      for (guint j = 0; slots[j] != NULL; j++)
        {
          const KesToolRating *rating = find_rating (item, slots[j]);
          const char *point = kes_risk_assessment_get_rating (assessment, items[i], slots[j]);
          g_autofree char *key = g_strdup_printf ("%s/%s", items[i], slots[j]);

          if (rating == NULL)
            add (issues, key, g_strdup_printf (_("Item %s: it is not rated for “%s”"), items[i], slots[j]));
          else if (point == NULL || kes_tool_scale_find_point (rating->scale, point) == NULL)
            /* Translators: item code, the slot's label, then the point held */
            add (issues, key, g_strdup_printf (_("Item %s, %s: “%s” is not a point of its scale"), items[i],
                                               rating->label, point != NULL ? point : ""));
        }
    }
}

static const KesToolField *
find_group_field (const KesToolGroup *group,
                  const char         *id)
{
  for (guint i = 0; i < group->fields->len; i++)
    {
      const KesToolField *field = g_ptr_array_index (group->fields, i);

      if (g_str_equal (field->id, id))
        return field;
    }
  return NULL;
}

static void
check_groups (GPtrArray          *issues,
              KesToolDefinition  *definition,
              KesRiskAssessment  *assessment)
{
  g_auto(GStrv) groups = kes_risk_assessment_list_held (assessment, KES_RISK_HELD_GROUPS, NULL, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const KesToolGroup *group = kes_tool_definition_find_group (definition, groups[i]);
      g_auto(GStrv) entries = kes_risk_assessment_list_entries (assessment, groups[i]);

      if (group == NULL)
        {
          add (issues, groups[i], g_strdup_printf (_("“%s”: not a part of %s"), groups[i],
                                                   kes_tool_definition_get_key (definition)));
          continue;
        }
      for (guint j = 0; entries[j] != NULL; j++)
        {
          g_auto(GStrv) fields = kes_risk_assessment_list_held (assessment, KES_RISK_HELD_ENTRY_FIELDS,
                                                                groups[i], entries[j]);

          for (guint k = 0; fields[k] != NULL; k++)
            {
              const KesToolField *field = find_group_field (group, fields[k]);

              if (field == NULL)
                add (issues, fields[k], g_strdup_printf (_("%s: “%s” is not one of its fields"),
                                                         group->title, fields[k]));
              else
                check_value (issues, assessment, field,
                             kes_risk_assessment_get_entry_value (assessment, groups[i], entries[j], fields[k]));
            }
        }
    }
}

GPtrArray *
kes_tool_assessment_check_values (KesToolDefinition *definition,
                                  KesRiskAssessment *assessment)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  g_auto(GStrv) fields = NULL;

  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), issues);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), issues);

  check_ratings (issues, definition, assessment);
  fields = kes_risk_assessment_list_held (assessment, KES_RISK_HELD_FIELDS, NULL, NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const KesToolField *field = kes_tool_definition_find_field (definition, fields[i]);

      if (field == NULL)
        add (issues, fields[i], g_strdup_printf (_("“%s”: not a field of %s"), fields[i],
                                                 kes_tool_definition_get_key (definition)));
      else
        check_value (issues, assessment, field, kes_risk_assessment_get_field (assessment, fields[i]));
    }
  check_groups (issues, definition, assessment);
  return issues;
}
