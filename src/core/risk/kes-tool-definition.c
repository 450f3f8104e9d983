/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-definition"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-output-guard.h"
#include "kes-report-error.h"
#include "kes-tool-definition.h"
#include "kes-xml-reader.h"

/* Definitions are small; anything near these limits is not a form. */
#define TOOL_MAX_BYTES      (4 * 1024 * 1024)
#define TOOL_MAX_TEXT_BYTES (64 * 1024)
#define TOOL_MAX_DEPTH      8

struct _KesToolDefinition
{
  GObject             parent_instance;

  GBytes             *source;
  char               *id;
  char               *version;
  guint               def_version;
  char               *key;
  gboolean            allow_totals;
  char               *title;
  char               *citation;
  KesToolLicenceKind  licence_kind;
  char               *licence_url;
  char               *licence_note;
  guint               review_months;
  gboolean            requires_sign_off;

  GPtrArray          *scales;      /* KesToolScale */
  GPtrArray          *sections;    /* KesToolSection */
  GPtrArray          *groups;      /* KesToolGroup */
  GPtrArray          *summaries;   /* KesToolSummary */
  GPtrArray          *judgements;  /* KesToolField */
  GPtrArray          *all_items;   /* borrowed KesToolItem */
  GHashTable         *items;       /* code -> borrowed KesToolItem */
  GHashTable         *fields;      /* id -> borrowed KesToolField */
};

G_DEFINE_FINAL_TYPE (KesToolDefinition, kes_tool_definition, G_TYPE_OBJECT)

/* ---- Freeing the model ---- */

static void
point_free (KesToolPoint *point)
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

static void
rating_free (KesToolRating *rating)
{
  g_free (rating->name);
  g_free (rating->label);
  g_strfreev (rating->when_points);
  g_free (rating);
}

static void
field_free (KesToolField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->hint);
  g_free (field->prefill);
  g_free (field);
}

static void
item_free (KesToolItem *item)
{
  g_free (item->code);
  g_free (item->title);
  g_ptr_array_unref (item->ratings);
  g_ptr_array_unref (item->subitems);
  g_ptr_array_unref (item->fields);
  g_free (item);
}

static void
section_free (KesToolSection *section)
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
group_free (KesToolGroup *group)
{
  g_free (group->id);
  g_free (group->title);
  g_free (group->description);
  g_free (group->entry_label);
  g_ptr_array_unref (group->fields);
  g_free (group);
}

static void
summary_free (KesToolSummary *summary)
{
  g_free (summary->id);
  g_free (summary->rating);
  g_strfreev (summary->values);
  g_strfreev (summary->sections);
  g_free (summary->label);
  g_free (summary);
}

/* ---- Parsing ---- */

/* A reference that can only be checked once everything is read. */
typedef struct
{
  KesToolField *field;
  char         *group_id;
  guint         line;
} PendingRef;

static void
pending_ref_free (PendingRef *ref)
{
  g_free (ref->group_id);
  g_free (ref);
}

typedef struct
{
  KesXmlReader      *reader;
  KesToolDefinition *def;
  GHashTable        *item_lines;  /* code -> line first seen */
  GPtrArray         *pending;     /* PendingRef */
  gboolean           seen_licence;
} Parser;

static gboolean
fail_at (Parser      *p,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail_at (Parser      *p,
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

static gboolean
is (Parser     *p,
    const char *name)
{
  return g_strcmp0 (kes_xml_reader_get_name (p->reader), name) == 0;
}

/* Moves to the next child START of the current element; FALSE at its END
 * (*done set) or on error. */
static gboolean
next_child (Parser    *p,
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
            return fail_at (p, error, _("the element “%s” is not part of a Kestrel tool definition."),
                            kes_xml_reader_get_name (p->reader));
          return TRUE;
        }
    }
}

/* Iterates the child elements of the element the reader is on (a START);
 * afterwards finished() tells whether it ended cleanly. */
#define FOR_EACH_CHILD(p, done, error)                                        \
  if (!kes_xml_reader_is_empty_element ((p)->reader))                         \
    while (next_child ((p), &(done), (error)))

static gboolean
finished (gboolean  done,
          GError  **error)
{
  return done || error == NULL || *error == NULL;
}

static char *
text (Parser  *p,
      GError **error)
{
  char *value = kes_xml_reader_read_text (p->reader, error);

  return value != NULL ? g_strstrip (value) : NULL;
}

static gboolean
parse_bool (const char *value,
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
  point->missing = parse_bool (missing, FALSE);
  if (ordinal != NULL)
    {
      point->has_ordinal = TRUE;
      point->ordinal = (int) g_ascii_strtoll (ordinal, NULL, 10);
    }
  g_ptr_array_add (scale->points, point);

  if (point->missing && point->has_ordinal)
    return fail_at (p, error,
                    _("scale “%s”, point “%s”: a point that means “missing” cannot have an ordinal."),
                    scale->id, point->code);

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "label"))
        {
          g_free (point->label);
          if ((point->label = text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return finished (done, error) || kes_xml_reader_is_empty_element (p->reader);
}

static gboolean
parse_scale (Parser  *p,
             GError **error)
{
  KesToolScale *scale = g_new0 (KesToolScale, 1);
  gboolean done = FALSE;

  scale->id = kes_xml_reader_dup_attribute (p->reader, "id");
  scale->points = g_ptr_array_new_with_free_func ((GDestroyNotify) point_free);
  g_ptr_array_add (p->def->scales, scale);

  if (kes_tool_definition_find_scale (p->def, scale->id) != scale)
    return fail_at (p, error, _("the scale “%s” is declared twice."), scale->id);

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "point"))
        {
          if (!parse_point (p, scale, error))
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return finished (done, error);
}

static gboolean
register_field (Parser        *p,
                KesToolField  *field,
                GError       **error)
{
  if (g_hash_table_contains (p->def->fields, field->id))
    return fail_at (p, error, _("the field id “%s” is used twice."), field->id);
  g_hash_table_insert (p->def->fields, field->id, field);
  return TRUE;
}

static KesToolField *
parse_field (Parser     *p,
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
  field->required = parse_bool (required, FALSE);
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
          fail_at (p, error, _("field “%s” is a choice but names no scale to choose from."),
                   field->id);
          return NULL;
        }
      field->scale = kes_tool_definition_find_scale (p->def, scale);
      if (field->scale == NULL)
        {
          fail_at (p, error, _("field “%s” uses the scale “%s”, which this definition does not declare."),
                   field->id, scale);
          return NULL;
        }
    }
  if (field->type == KES_TOOL_FIELD_REF)
    {
      PendingRef *ref;

      if (group == NULL)
        {
          fail_at (p, error, _("field “%s” is a reference but names no group (refGroup)."),
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
      char **slot = is (p, "label") ? &field->label : is (p, "hint") ? &field->hint : NULL;

      if (slot != NULL)
        {
          g_free (*slot);
          if ((*slot = text (p, error)) == NULL)
            return NULL;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return NULL;
    }
  if (!finished (done, error))
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
    return fail_at (p, error, _("item “%s”, rating “%s”: dependsOn and whenPoints go together."),
                    item->code, rating->name);
  for (guint i = 0; i + 1 < item->ratings->len && rating->depends_on == NULL; i++)
    {
      const KesToolRating *other = g_ptr_array_index (item->ratings, i);

      if (g_str_equal (other->name, depends))
        rating->depends_on = other;
    }
  if (rating->depends_on == NULL)
    return fail_at (p, error, _("item “%s”, rating “%s”: it depends on “%s”, which is not an earlier rating "
                                "of the same item."), item->code, rating->name, depends);
  rating->when_points = g_strsplit_set (g_strstrip (points), " ", -1);
  for (guint i = 0; rating->when_points[i] != NULL; i++)
    if (kes_tool_scale_find_point (rating->depends_on->scale, rating->when_points[i]) == NULL)
      return fail_at (p, error, _("item “%s”, rating “%s”: “%s” is not a point of the scale of “%s”."),
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
        return fail_at (p, error, _("item “%s” has two ratings called “%s”."),
                        item->code, rating->name);
    }
  rating->scale = kes_tool_definition_find_scale (p->def, scale);
  if (rating->scale == NULL)
    return fail_at (p, error,
                    _("item “%s”, rating “%s”: the scale “%s” is not declared in this definition."),
                    item->code, rating->name, scale);

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "label"))
        {
          g_free (rating->label);
          if ((rating->label = text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  if (rating->label == NULL)
    rating->label = g_strdup (rating->name);
  if (!finished (done, error))
    return FALSE;
  return parse_rating_dependency (p, item, rating, error);
}

static KesToolItem *
parse_item (Parser          *p,
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
  item->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_free);
  item->subitems = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  item->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
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
      fail_at (p, error, _("the item code “%s” is used twice (first on line %u)."), item->code,
               GPOINTER_TO_UINT (g_hash_table_lookup (p->item_lines, item->code)));
      return NULL;
    }
  g_hash_table_insert (p->item_lines, item->code, GUINT_TO_POINTER (line));
  g_hash_table_insert (p->def->items, item->code, item);
  g_ptr_array_add (p->def->all_items, item);

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "title"))
        {
          g_free (item->title);
          if ((item->title = text (p, error)) == NULL)
            return NULL;
        }
      else if (is (p, "rating"))
        {
          if (!parse_rating (p, item, error))
            return NULL;
        }
      else if (is (p, "subitem"))
        {
          if (parent != NULL)
            {
              fail_at (p, error, _("sub-item inside sub-item “%s”: sub-items do not nest."),
                       item->code);
              return NULL;
            }
          if (parse_item (p, section, item, error) == NULL)
            return NULL;
        }
      else if (is (p, "field"))
        {
          if (parse_field (p, item->fields, error) == NULL)
            return NULL;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return NULL;
    }
  return finished (done, error) ? item : NULL;
}

static gboolean
parse_section (Parser  *p,
               GError **error)
{
  KesToolSection *section = g_new0 (KesToolSection, 1);
  gboolean done = FALSE;

  section->code = kes_xml_reader_dup_attribute (p->reader, "code");
  section->signer = kes_xml_reader_dup_attribute (p->reader, "signer");
  section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  section->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  section->entries = g_array_new (FALSE, TRUE, sizeof (KesToolSectionEntry));
  g_ptr_array_add (p->def->sections, section);

  if (g_hash_table_contains (p->item_lines, section->code))
    return fail_at (p, error, _("the section code “%s” is also used for an item or section."),
                    section->code);
  g_hash_table_insert (p->item_lines, section->code,
                       GUINT_TO_POINTER (kes_xml_reader_get_line (p->reader)));

  FOR_EACH_CHILD (p, done, error)
    {
      KesToolSectionEntry entry = { NULL, NULL };

      if (is (p, "title") || is (p, "description"))
        {
          char **slot = is (p, "title") ? &section->title : &section->description;

          g_free (*slot);
          if ((*slot = text (p, error)) == NULL)
            return FALSE;
          continue;
        }
      else if (is (p, "item"))
        {
          if ((entry.item = parse_item (p, section, NULL, error)) == NULL)
            return FALSE;
        }
      else if (is (p, "field"))
        {
          if ((entry.field = parse_field (p, section->fields, error)) == NULL)
            return FALSE;
        }
      else
        {
          if (!kes_xml_reader_skip (p->reader, error))
            return FALSE;
          continue;
        }
      g_array_append_val (section->entries, entry);
    }
  return finished (done, error);
}

static gboolean
parse_group (Parser  *p,
             GError **error)
{
  KesToolGroup *group = g_new0 (KesToolGroup, 1);
  gboolean done = FALSE;

  group->id = kes_xml_reader_dup_attribute (p->reader, "id");
  group->entry_label = kes_xml_reader_dup_attribute (p->reader, "entryLabel");
  group->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  g_ptr_array_add (p->def->groups, group);

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "title") || is (p, "description"))
        {
          char **slot = is (p, "title") ? &group->title : &group->description;

          g_free (*slot);
          if ((*slot = text (p, error)) == NULL)
            return FALSE;
        }
      else if (is (p, "field"))
        {
          if (parse_field (p, group->fields, error) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  if (group->entry_label == NULL)
    group->entry_label = g_strdup (group->title);
  return finished (done, error);
}

static gboolean
rating_name_used (KesToolDefinition *def,
                  const char        *name)
{
  for (guint i = 0; i < def->all_items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (def->all_items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        if (g_strcmp0 (((KesToolRating *) g_ptr_array_index (item->ratings, j))->name, name) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
parse_summary (Parser  *p,
               GError **error)
{
  g_autofree char *op = kes_xml_reader_dup_attribute (p->reader, "op");
  g_autofree char *values = kes_xml_reader_dup_attribute (p->reader, "values");
  g_autofree char *sections = kes_xml_reader_dup_attribute (p->reader, "sections");
  KesToolSummary *summary = g_new0 (KesToolSummary, 1);
  gboolean done = FALSE;

  summary->id = kes_xml_reader_dup_attribute (p->reader, "id");
  summary->rating = kes_xml_reader_dup_attribute (p->reader, "rating");
  if (values != NULL)
    summary->values = g_strsplit_set (g_strstrip (values), " \t\r\n", -1);
  if (sections != NULL)
    summary->sections = g_strsplit_set (g_strstrip (sections), " \t\r\n", -1);
  if (g_strcmp0 (op, "sum") == 0)
    summary->op = KES_TOOL_SUMMARY_SUM;
  else if (g_strcmp0 (op, "missing") == 0)
    summary->op = KES_TOOL_SUMMARY_MISSING;
  else if (g_strcmp0 (op, "max") == 0)
    summary->op = KES_TOOL_SUMMARY_MAX;
  else
    summary->op = KES_TOOL_SUMMARY_COUNT;
  g_ptr_array_add (p->def->summaries, summary);

  if (summary->op == KES_TOOL_SUMMARY_SUM && !p->def->allow_totals)
    return fail_at (p, error,
                    _("summary “%s” adds ratings up, but this tool does not allow totals "
                      "(allowTotals is false): structured professional judgement is not a score."),
                    summary->id);
  if (!rating_name_used (p->def, summary->rating))
    return fail_at (p, error, _("summary “%s” uses the rating “%s”, which no item has."),
                    summary->id, summary->rating);
  for (guint i = 0; summary->sections != NULL && summary->sections[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < p->def->sections->len && !found; j++)
        found = g_strcmp0 (((KesToolSection *) g_ptr_array_index (p->def->sections, j))->code,
                           summary->sections[i]) == 0;
      if (!found)
        return fail_at (p, error, _("summary “%s” names the section “%s”, which is not declared."),
                        summary->id, summary->sections[i]);
    }

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "label"))
        {
          g_free (summary->label);
          if ((summary->label = text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return finished (done, error);
}

static gboolean
parse_licence (Parser  *p,
               GError **error)
{
  g_autofree char *kind = kes_xml_reader_dup_attribute (p->reader, "kind");
  static const char * const kinds[] = {
    "open", "attribution", "attribution-no-derivatives", "proprietary-frame-only",
    "licensed-wording", "local",
  };
  gboolean done = FALSE;

  p->seen_licence = TRUE;
  p->def->licence_url = kes_xml_reader_dup_attribute (p->reader, "url");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      p->def->licence_kind = (KesToolLicenceKind) i;

  FOR_EACH_CHILD (p, done, error)
    {
      if (is (p, "note"))
        {
          g_free (p->def->licence_note);
          if ((p->def->licence_note = text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return finished (done, error);
}

static gboolean
parse_tool (Parser  *p,
            GError **error)
{
  KesToolDefinition *def = p->def;
  g_autofree char *def_version = NULL;
  g_autofree char *allow = NULL;
  gboolean done = FALSE;

  if (!kes_xml_reader_next (p->reader, error))
    return FALSE;
  if (!is (p, "tool") || g_strcmp0 (kes_xml_reader_get_namespace (p->reader), KES_TOOL_NAMESPACE) != 0)
    return fail_at (p, error, _("this is not a Kestrel tool definition (the root should be <tool> "
                                "in the namespace %s)."), KES_TOOL_NAMESPACE);

  def->id = kes_xml_reader_dup_attribute (p->reader, "id");
  def->version = kes_xml_reader_dup_attribute (p->reader, "version");
  def_version = kes_xml_reader_dup_attribute (p->reader, "defVersion");
  allow = kes_xml_reader_dup_attribute (p->reader, "allowTotals");
  def->def_version = def_version != NULL ? (guint) g_ascii_strtoull (def_version, NULL, 10) : 0;
  def->allow_totals = parse_bool (allow, FALSE);

  FOR_EACH_CHILD (p, done, error)
    {
      gboolean ok = TRUE;

      if (!p->seen_licence && (is (p, "review") || is (p, "scale") || is (p, "section")))
        return fail_at (p, error, "%s",
                        _("the definition has no <licence>: every definition must say under what "
                          "licence its content is used (kind and a note)."));

      if (is (p, "title"))
        ok = (def->title = text (p, error)) != NULL;
      else if (is (p, "citation"))
        ok = (def->citation = text (p, error)) != NULL;
      else if (is (p, "licence"))
        ok = parse_licence (p, error);
      else if (is (p, "review"))
        {
          g_autofree char *months = kes_xml_reader_dup_attribute (p->reader, "defaultIntervalMonths");
          g_autofree char *sign_off = kes_xml_reader_dup_attribute (p->reader, "requiresSignOff");

          def->review_months = months != NULL ? (guint) g_ascii_strtoull (months, NULL, 10) : 0;
          def->requires_sign_off = parse_bool (sign_off, FALSE);
          ok = kes_xml_reader_skip (p->reader, error);
        }
      else if (is (p, "scale"))
        ok = parse_scale (p, error);
      else if (is (p, "section"))
        ok = parse_section (p, error);
      else if (is (p, "group"))
        ok = parse_group (p, error);
      else if (is (p, "summary"))
        ok = parse_summary (p, error);
      else if (is (p, "judgement"))
        ok = parse_field (p, def->judgements, error) != NULL;
      else
        ok = kes_xml_reader_skip (p->reader, error);
      if (!ok)
        return FALSE;
    }
  if (!finished (done, error))
    return FALSE;

  for (guint i = 0; i < p->pending->len; i++)
    {
      PendingRef *ref = g_ptr_array_index (p->pending, i);

      ref->field->ref_group = kes_tool_definition_find_group (def, ref->group_id);
      if (ref->field->ref_group == NULL)
        {
          g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                       _("Line %u: field “%s” refers to the group “%s”, which this definition "
                         "does not declare."), ref->line, ref->field->id, ref->group_id);
          return FALSE;
        }
    }
  if (!p->seen_licence)
    return fail_at (p, error, "%s",
                    _("the definition has no <licence>: every definition must say under what "
                      "licence its content is used (kind and a note)."));

  return kes_xml_reader_finish (p->reader, error);
}

/* libxml2 names elements as {namespace}name; people read <name>. */
static void
tidy_error (GError *error)
{
  g_autoptr(GString) message = NULL;

  if (error == NULL)
    return;
  message = g_string_new (error->message);
  g_string_replace (message, "{" KES_TOOL_NAMESPACE "}", "", 0);
  if (strstr (message->str, "Expected is ( licence )") != NULL)
    g_string_append_printf (message, " %s",
                            _("The definition has no <licence>: every definition must say under "
                              "what licence its content is used (kind and a note)."));
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

static KesToolDefinition *
load (KesXmlReader  *reader,
      GBytes        *source,
      GError       **error)
{
  g_autoptr(KesToolDefinition) def = NULL;
  g_autoptr(GError) local_error = NULL;
  Parser p = { 0 };

  if (reader == NULL)
    return NULL;
  if (!kes_xml_reader_set_schema (reader, KES_SCHEMA_TOOL, error))
    return NULL;

  def = g_object_new (KES_TYPE_TOOL_DEFINITION, NULL);
  def->source = g_bytes_ref (source);
  p.reader = reader;
  p.def = def;
  p.item_lines = g_hash_table_new (g_str_hash, g_str_equal);
  p.pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_ref_free);

  if (!parse_tool (&p, &local_error))
    {
      g_hash_table_unref (p.item_lines);
      g_ptr_array_unref (p.pending);
      if (local_error == NULL)
        g_set_error_literal (&local_error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                             _("The definition could not be read."));
      tidy_error (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_hash_table_unref (p.item_lines);
  g_ptr_array_unref (p.pending);

  def->key = g_strdup_printf ("%s %s #%u", def->id, def->version, def->def_version);
  return g_steal_pointer (&def);
}

static KesXmlLimits
tool_limits (void)
{
  KesXmlLimits limits;

  kes_xml_limits_init (&limits);
  limits.max_bytes = TOOL_MAX_BYTES;
  limits.max_text_bytes = TOOL_MAX_TEXT_BYTES;
  limits.max_depth = TOOL_MAX_DEPTH;
  return limits;
}

KesToolDefinition *
kes_tool_definition_new_from_bytes (GBytes  *xml,
                                    GError **error)
{
  KesXmlLimits limits = tool_limits ();
  g_autoptr(KesXmlReader) reader = NULL;

  g_return_val_if_fail (xml != NULL, NULL);

  reader = kes_xml_reader_new_for_data (xml, &limits, error);
  return load (reader, xml, error);
}

KesToolDefinition *
kes_tool_definition_new_from_file (const char  *path,
                                   GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!kes_output_guard_check_source (path, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_READ,
                   _("The definition could not be read: %s"), local_error->message);
      return NULL;
    }
  if (length > TOOL_MAX_BYTES)
    {
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE,
                           _("The file is too large to be a tool definition (over 4 MB)."));
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return kes_tool_definition_new_from_bytes (bytes, error);
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
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->summaries = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_free);
  self->judgements = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
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
