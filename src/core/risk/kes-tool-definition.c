/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-definition"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-output-guard.h"
#include "kes-report-error.h"
#include "kes-tool-definition-private.h"
#include "kes-xml-reader.h"

G_DEFINE_FINAL_TYPE (KesToolDefinition, kes_tool_definition, G_TYPE_OBJECT)

/* ---- Freeing the model ---- */

void
kes_tool_point_free (KesToolPoint *point)
{
  g_free (point->code);
  g_free (point->label);
  g_free (point);
}

static void
scale_free (KesToolScale *scale)
{
  g_free (scale->id);
  g_ptr_array_unref (scale->points);
  g_free (scale);
}

void
kes_tool_rating_free (KesToolRating *rating)
{
  g_free (rating->name);
  g_free (rating->label);
  g_strfreev (rating->when_points);
  g_free (rating);
}

void
kes_tool_field_free (KesToolField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->hint);
  g_free (field->prefill);
  g_free (field);
}

void
kes_tool_item_free (KesToolItem *item)
{
  g_free (item->code);
  g_free (item->title);
  g_ptr_array_unref (item->ratings);
  g_ptr_array_unref (item->subitems);
  g_ptr_array_unref (item->fields);
  g_free (item);
}

static void
kes_tool_section_free (KesToolSection *section)
{
  g_free (section->code);
  g_free (section->title);
  g_free (section->description);
  g_free (section->signer);
  g_ptr_array_unref (section->items);
  g_ptr_array_unref (section->fields);
  g_array_unref (section->entries);
  g_free (section);
}

static void
kes_tool_group_free (KesToolGroup *group)
{
  g_free (group->id);
  g_free (group->title);
  g_free (group->description);
  g_free (group->entry_label);
  g_ptr_array_unref (group->fields);
  g_free (group);
}

static void
kes_tool_summary_free (KesToolSummary *summary)
{
  g_free (summary->id);
  g_free (summary->rating);
  g_strfreev (summary->values);
  g_strfreev (summary->sections);
  g_free (summary->label);
  g_free (summary);
}

/* ---- GObject ---- */

static void
kes_tool_definition_finalize (GObject *object)
{
  KesToolDefinition *self = KES_TOOL_DEFINITION (object);

  g_clear_pointer (&self->source, g_bytes_unref);
  g_free (self->id);
  g_free (self->version);
  g_free (self->key);
  g_free (self->title);
  g_free (self->citation);
  g_free (self->licence_url);
  g_free (self->licence_note);
  g_hash_table_unref (self->items);
  g_hash_table_unref (self->fields);
  g_ptr_array_unref (self->all_items);
  g_ptr_array_unref (self->judgements);
  g_ptr_array_unref (self->summaries);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->scales);

  G_OBJECT_CLASS (kes_tool_definition_parent_class)->finalize (object);
}

static void
kes_tool_definition_class_init (KesToolDefinitionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_tool_definition_finalize;
}

static void
kes_tool_definition_init (KesToolDefinition *self)
{
  self->scales = g_ptr_array_new_with_free_func ((GDestroyNotify) scale_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_section_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_group_free);
  self->summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_summary_free);
  self->judgements = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_field_free);
  self->all_items = g_ptr_array_new ();
  self->items = g_hash_table_new (g_str_hash, g_str_equal);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
}

/* ---- Accessors ---- */

GBytes *
kes_tool_definition_get_source (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->source;
}

const char *
kes_tool_definition_get_id (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->id;
}

const char *
kes_tool_definition_get_version (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->version;
}

guint
kes_tool_definition_get_def_version (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), 0);
  return self->def_version;
}

const char *
kes_tool_definition_get_key (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->key;
}

gboolean
kes_tool_definition_get_allow_totals (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), FALSE);
  return self->allow_totals;
}

const char *
kes_tool_definition_get_title (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->title;
}

const char *
kes_tool_definition_get_citation (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->citation;
}

KesToolLicenceKind
kes_tool_definition_get_licence_kind (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), KES_TOOL_LICENCE_LOCAL);
  return self->licence_kind;
}

const char *
kes_tool_definition_get_licence_url (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->licence_url;
}

const char *
kes_tool_definition_get_licence_note (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->licence_note;
}

guint
kes_tool_definition_get_review_months (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), 0);
  return self->review_months;
}

gboolean
kes_tool_definition_get_requires_sign_off (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), FALSE);
  return self->requires_sign_off;
}

GPtrArray *
kes_tool_definition_get_scales (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->scales;
}

GPtrArray *
kes_tool_definition_get_sections (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->sections;
}

GPtrArray *
kes_tool_definition_get_groups (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->groups;
}

GPtrArray *
kes_tool_definition_get_summaries (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->summaries;
}

GPtrArray *
kes_tool_definition_get_judgements (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->judgements;
}

GPtrArray *
kes_tool_definition_get_all_items (KesToolDefinition *self)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return self->all_items;
}

const KesToolScale *
kes_tool_definition_find_scale (KesToolDefinition *self,
                                const char        *id)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);

  for (guint i = 0; id != NULL && i < self->scales->len; i++)
    {
      const KesToolScale *scale = g_ptr_array_index (self->scales, i);

      if (g_strcmp0 (scale->id, id) == 0)
        return scale;
    }
  return NULL;
}

const KesToolItem *
kes_tool_definition_find_item (KesToolDefinition *self,
                               const char        *code)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return code != NULL ? g_hash_table_lookup (self->items, code) : NULL;
}

const KesToolGroup *
kes_tool_definition_find_group (KesToolDefinition *self,
                                const char        *id)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);

  for (guint i = 0; id != NULL && i < self->groups->len; i++)
    {
      const KesToolGroup *group = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (group->id, id) == 0)
        return group;
    }
  return NULL;
}

const KesToolField *
kes_tool_definition_find_field (KesToolDefinition *self,
                                const char        *id)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (self), NULL);
  return id != NULL ? g_hash_table_lookup (self->fields, id) : NULL;
}

const KesToolPoint *
kes_tool_scale_find_point (const KesToolScale *scale,
                           const char         *code)
{
  g_return_val_if_fail (scale != NULL, NULL);

  for (guint i = 0; code != NULL && i < scale->points->len; i++)
    {
      const KesToolPoint *point = g_ptr_array_index (scale->points, i);

      if (g_strcmp0 (point->code, code) == 0)
        return point;
    }
  return NULL;
}

const char *
kes_tool_item_get_display_title (const KesToolItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (item->title != NULL)
    return item->title;
  if (item->text_source == KES_TOOL_TEXT_USER_SUPPLIED)
    return _("Wording supplied by your licence");
  return "";
}

const char *
kes_tool_licence_kind_to_label (KesToolLicenceKind kind)
{
  switch (kind)
    {
    case KES_TOOL_LICENCE_OPEN:
      return _("Open");
    case KES_TOOL_LICENCE_ATTRIBUTION:
      return _("Free to use with attribution");
    case KES_TOOL_LICENCE_ATTRIBUTION_NO_DERIVATIVES:
      return _("Free to use with attribution, unchanged");
    case KES_TOOL_LICENCE_PROPRIETARY_FRAME_ONLY:
      return _("Proprietary: structure only, wording from your licence");
    case KES_TOOL_LICENCE_LICENSED_WORDING:
      return _("Wording used under your site's licence");
    case KES_TOOL_LICENCE_LOCAL:
    default:
      return _("Local form");
    }
}
