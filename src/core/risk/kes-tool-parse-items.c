/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-definition"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-report-error.h"
#include "kes-tool-definition-private.h"

/* Reading a definition's parts: points and scales, fields, ratings and
 * items (kes-tool-definition-load.c reads the whole). */


void
kes_tool_pending_ref_free (PendingRef *ref)
{
  g_free (ref->group_id);
  g_free (ref);
}



gboolean
kes_tool_parser_fail (Parser      *p,
                      GError     **error,
                      const char  *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  kes_xml_reader_set_error (p->reader, error, KES_REPORT_ERROR_INVALID, "%s", message);
  return FALSE;
}

gboolean
kes_tool_parser_is (Parser     *p,
                    const char *name)
{
  return g_strcmp0 (kes_xml_reader_get_name (p->reader), name) == 0;
}

/* Moves to the next child START of the current element; FALSE at its END
 * (*done set) or on error. */
gboolean
kes_tool_parser_next_child (Parser    *p,
                            gboolean  *done,
                            GError   **error)
{
  *done = FALSE;
  for (;;)
    {
      if (!kes_xml_reader_next (p->reader, error))
        {
          if (error == NULL || *error == NULL)
            kes_xml_reader_set_error (p->reader, error, KES_REPORT_ERROR_NOT_XML, "%s",
                                      _("the definition ends too early."));
          return FALSE;
        }
      switch (kes_xml_reader_get_kind (p->reader))
        {
        case KES_XML_NODE_TEXT:
          continue;
        case KES_XML_NODE_END:
          *done = TRUE;
          return FALSE;
        case KES_XML_NODE_START:
        default:
          if (g_strcmp0 (kes_xml_reader_get_namespace (p->reader), KES_TOOL_NAMESPACE) != 0)
            return kes_tool_parser_fail (p, error, _("the element “%s” is not part of a Kestrel tool definition."),
                            kes_xml_reader_get_name (p->reader));
          return TRUE;
        }
    }
}


gboolean
kes_tool_parser_finished (gboolean  done,
                          GError  **error)
{
  return done || error == NULL || *error == NULL;
}

char *
kes_tool_parser_text (Parser  *p,
                      GError **error)
{
  char *value = kes_xml_reader_read_text (p->reader, error);

  return value != NULL ? g_strstrip (value) : NULL;
}

gboolean
kes_tool_parse_bool (const char *value,
                     gboolean    fallback)
{
  if (value == NULL)
    return fallback;
  return g_str_equal (value, "true") || g_str_equal (value, "1");
}

static gboolean
parse_point (Parser        *p,
             KesToolScale  *scale,
             GError       **error)
{
  g_autofree char *ordinal = kes_xml_reader_dup_attribute (p->reader, "ordinal");
  g_autofree char *missing = kes_xml_reader_dup_attribute (p->reader, "missing");
  KesToolPoint *point = g_new0 (KesToolPoint, 1);
  gboolean done = FALSE;

  point->code = kes_xml_reader_dup_attribute (p->reader, "code");
  point->missing = kes_tool_parse_bool (missing, FALSE);
  if (ordinal != NULL)
    {
      point->has_ordinal = TRUE;
      point->ordinal = (int) g_ascii_strtoll (ordinal, NULL, 10);
    }
  g_ptr_array_add (scale->points, point);

  if (point->missing && point->has_ordinal)
    return kes_tool_parser_fail (p, error,
                    _("scale “%s”, point “%s”: a point that means “missing” cannot have an ordinal."),
                    scale->id, point->code);

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "label"))
        {
          g_free (point->label);
          if ((point->label = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return kes_tool_parser_finished (done, error) || kes_xml_reader_is_empty_element (p->reader);
}

gboolean
kes_tool_parse_scale (Parser  *p,
                      GError **error)
{
  KesToolScale *scale = g_new0 (KesToolScale, 1);
  gboolean done = FALSE;

  scale->id = kes_xml_reader_dup_attribute (p->reader, "id");
  scale->points = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_point_free);
  g_ptr_array_add (p->def->scales, scale);

  if (kes_tool_definition_find_scale (p->def, scale->id) != scale)
    return kes_tool_parser_fail (p, error, _("the scale “%s” is declared twice."), scale->id);

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "point"))
        {
          if (!parse_point (p, scale, error))
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return kes_tool_parser_finished (done, error);
}

static gboolean
register_field (Parser        *p,
                KesToolField  *field,
                GError       **error)
{
  if (g_hash_table_contains (p->def->fields, field->id))
    return kes_tool_parser_fail (p, error, _("the field id “%s” is used twice."), field->id);
  g_hash_table_insert (p->def->fields, field->id, field);
  return TRUE;
}

KesToolField *
kes_tool_parse_field (Parser     *p,
                      GPtrArray  *into,
                      GError    **error)
{
  g_autofree char *type = kes_xml_reader_dup_attribute (p->reader, "type");
  g_autofree char *scale = kes_xml_reader_dup_attribute (p->reader, "scale");
  g_autofree char *group = kes_xml_reader_dup_attribute (p->reader, "refGroup");
  g_autofree char *required = kes_xml_reader_dup_attribute (p->reader, "required");
  KesToolField *field = g_new0 (KesToolField, 1);
  gboolean done = FALSE;

  field->id = kes_xml_reader_dup_attribute (p->reader, "id");
  field->prefill = kes_xml_reader_dup_attribute (p->reader, "prefill");
  field->required = kes_tool_parse_bool (required, FALSE);
  if (g_strcmp0 (type, "richtext") == 0)
    field->type = KES_TOOL_FIELD_RICHTEXT;
  else if (g_strcmp0 (type, "date") == 0)
    field->type = KES_TOOL_FIELD_DATE;
  else if (g_strcmp0 (type, "choice") == 0)
    field->type = KES_TOOL_FIELD_CHOICE;
  else if (g_strcmp0 (type, "ref") == 0)
    field->type = KES_TOOL_FIELD_REF;
  else
    field->type = KES_TOOL_FIELD_TEXT;
  g_ptr_array_add (into, field);

  if (field->id == NULL || !register_field (p, field, error))
    return NULL;

  if (field->type == KES_TOOL_FIELD_CHOICE)
    {
      if (scale == NULL)
        {
          kes_tool_parser_fail (p, error, _("field “%s” is a choice but names no scale to choose from."),
                   field->id);
          return NULL;
        }
      field->scale = kes_tool_definition_find_scale (p->def, scale);
      if (field->scale == NULL)
        {
          kes_tool_parser_fail (p, error, _("field “%s” uses the scale “%s”, which this definition does not declare."),
                   field->id, scale);
          return NULL;
        }
    }
  if (field->type == KES_TOOL_FIELD_REF)
    {
      PendingRef *ref;

      if (group == NULL)
        {
          kes_tool_parser_fail (p, error, _("field “%s” is a reference but names no group (refGroup)."),
                   field->id);
          return NULL;
        }
      ref = g_new0 (PendingRef, 1);
      ref->field = field;
      ref->group_id = g_steal_pointer (&group);
      ref->line = kes_xml_reader_get_line (p->reader);
      g_ptr_array_add (p->pending, ref);
    }

  FOR_EACH_CHILD (p, done, error)
    {
      char **slot = kes_tool_parser_is (p, "label") ? &field->label : kes_tool_parser_is (p, "hint") ? &field->hint : NULL;

      if (slot != NULL)
        {
          g_free (*slot);
          if ((*slot = kes_tool_parser_text (p, error)) == NULL)
            return NULL;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return NULL;
    }
  if (!kes_tool_parser_finished (done, error))
    return NULL;
  if (field->label == NULL)
    field->label = g_strdup (field->id);
  return field;
}

/* dependsOn="presence" whenPoints="P Y": an earlier slot of the same item,
 * and points of its scale. */
static gboolean
parse_rating_dependency (Parser         *p,
                         KesToolItem    *item,
                         KesToolRating  *rating,
                         GError        **error)
{
  g_autofree char *depends = kes_xml_reader_dup_attribute (p->reader, "dependsOn");
  g_autofree char *points = kes_xml_reader_dup_attribute (p->reader, "whenPoints");

  if (depends == NULL && points == NULL)
    return TRUE;
  if (depends == NULL || points == NULL)
    return kes_tool_parser_fail (p, error, _("item “%s”, rating “%s”: dependsOn and whenPoints go together."),
                    item->code, rating->name);
  for (guint i = 0; i + 1 < item->ratings->len && rating->depends_on == NULL; i++)
    {
      const KesToolRating *other = g_ptr_array_index (item->ratings, i);

      if (g_str_equal (other->name, depends))
        rating->depends_on = other;
    }
  if (rating->depends_on == NULL)
    return kes_tool_parser_fail (p, error, _("item “%s”, rating “%s”: it depends on “%s”, which is not an earlier rating "
                                "of the same item."), item->code, rating->name, depends);
  rating->when_points = g_strsplit_set (g_strstrip (points), " ", -1);
  for (guint i = 0; rating->when_points[i] != NULL; i++)
    if (kes_tool_scale_find_point (rating->depends_on->scale, rating->when_points[i]) == NULL)
      return kes_tool_parser_fail (p, error, _("item “%s”, rating “%s”: “%s” is not a point of the scale of “%s”."),
                      item->code, rating->name, rating->when_points[i], depends);
  return TRUE;
}

static gboolean
parse_rating (Parser       *p,
              KesToolItem  *item,
              GError      **error)
{
  g_autofree char *scale = kes_xml_reader_dup_attribute (p->reader, "scale");
  KesToolRating *rating = g_new0 (KesToolRating, 1);
  gboolean done = FALSE;

  rating->name = kes_xml_reader_dup_attribute (p->reader, "name");
  g_ptr_array_add (item->ratings, rating);
  for (guint i = 0; i + 1 < item->ratings->len; i++)
    {
      const KesToolRating *other = g_ptr_array_index (item->ratings, i);

      if (g_strcmp0 (other->name, rating->name) == 0)
        return kes_tool_parser_fail (p, error, _("item “%s” has two ratings called “%s”."),
                        item->code, rating->name);
    }
  rating->scale = kes_tool_definition_find_scale (p->def, scale);
  if (rating->scale == NULL)
    return kes_tool_parser_fail (p, error,
                    _("item “%s”, rating “%s”: the scale “%s” is not declared in this definition."),
                    item->code, rating->name, scale);

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "label"))
        {
          g_free (rating->label);
          if ((rating->label = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  if (rating->label == NULL)
    rating->label = g_strdup (rating->name);
  if (!kes_tool_parser_finished (done, error))
    return FALSE;
  return parse_rating_dependency (p, item, rating, error);
}

KesToolItem *
kes_tool_parse_item (Parser          *p,
                     KesToolSection  *section,
                     KesToolItem     *parent,
                     GError         **error)
{
  g_autofree char *source = kes_xml_reader_dup_attribute (p->reader, "textSource");
  KesToolItem *item = g_new0 (KesToolItem, 1);
  gboolean done = FALSE;
  guint line = kes_xml_reader_get_line (p->reader);

  item->code = kes_xml_reader_dup_attribute (p->reader, "code");
  item->section = section;
  item->parent = parent;
  item->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_rating_free);
  item->subitems = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_item_free);
  item->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_field_free);
  if (g_strcmp0 (source, "user-supplied") == 0)
    item->text_source = KES_TOOL_TEXT_USER_SUPPLIED;
  else if (g_strcmp0 (source, "none") == 0)
    item->text_source = KES_TOOL_TEXT_NONE;
  else
    item->text_source = KES_TOOL_TEXT_EMBEDDED;
  g_ptr_array_add (parent != NULL ? parent->subitems : section->items, item);

  if (item->code == NULL)
    return NULL;
  if (g_hash_table_contains (p->item_lines, item->code))
    {
      kes_tool_parser_fail (p, error, _("the item code “%s” is used twice (first on line %u)."), item->code,
               GPOINTER_TO_UINT (g_hash_table_lookup (p->item_lines, item->code)));
      return NULL;
    }
  g_hash_table_insert (p->item_lines, item->code, GUINT_TO_POINTER (line));
  g_hash_table_insert (p->def->items, item->code, item);
  g_ptr_array_add (p->def->all_items, item);

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "title"))
        {
          g_free (item->title);
          if ((item->title = kes_tool_parser_text (p, error)) == NULL)
            return NULL;
        }
      else if (kes_tool_parser_is (p, "rating"))
        {
          if (!parse_rating (p, item, error))
            return NULL;
        }
      else if (kes_tool_parser_is (p, "subitem"))
        {
          if (parent != NULL)
            {
              kes_tool_parser_fail (p, error, _("sub-item inside sub-item “%s”: sub-items do not nest."),
                       item->code);
              return NULL;
            }
          if (kes_tool_parse_item (p, section, item, error) == NULL)
            return NULL;
        }
      else if (kes_tool_parser_is (p, "field"))
        {
          if (kes_tool_parse_field (p, item->fields, error) == NULL)
            return NULL;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return NULL;
    }
  return kes_tool_parser_finished (done, error) ? item : NULL;
}
