/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-definition"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-output-guard.h"
#include "kes-report-error.h"
#include "kes-tool-definition-private.h"

/* Reading a whole definition: sections, groups, summaries, the licence and
 * the tool element, within the size limits, from bytes or a file. */
static gboolean
parse_section (Parser  *p,
               GError **error)
{
  KesToolSection *section = g_new0 (KesToolSection, 1);
  gboolean done = FALSE;

  section->code = kes_xml_reader_dup_attribute (p->reader, "code");
  section->signer = kes_xml_reader_dup_attribute (p->reader, "signer");
  section->items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_item_free);
  section->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_field_free);
  section->entries = g_array_new (FALSE, TRUE, sizeof (KesToolSectionEntry));
  g_ptr_array_add (p->def->sections, section);

  if (g_hash_table_contains (p->item_lines, section->code))
    return kes_tool_parser_fail (p, error, _("the section code “%s” is also used for an item or section."),
                    section->code);
  g_hash_table_insert (p->item_lines, section->code,
                       GUINT_TO_POINTER (kes_xml_reader_get_line (p->reader)));

  FOR_EACH_CHILD (p, done, error)
    {
      KesToolSectionEntry entry = { NULL, NULL };

      if (kes_tool_parser_is (p, "title") || kes_tool_parser_is (p, "description"))
        {
          char **slot = kes_tool_parser_is (p, "title") ? &section->title : &section->description;

          g_free (*slot);
          if ((*slot = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
          continue;
        }
      else if (kes_tool_parser_is (p, "item"))
        {
          if ((entry.item = kes_tool_parse_item (p, section, NULL, error)) == NULL)
            return FALSE;
        }
      else if (kes_tool_parser_is (p, "field"))
        {
          if ((entry.field = kes_tool_parse_field (p, section->fields, error)) == NULL)
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
  return kes_tool_parser_finished (done, error);
}

static gboolean
parse_group (Parser  *p,
             GError **error)
{
  KesToolGroup *group = g_new0 (KesToolGroup, 1);
  gboolean done = FALSE;

  group->id = kes_xml_reader_dup_attribute (p->reader, "id");
  group->entry_label = kes_xml_reader_dup_attribute (p->reader, "entryLabel");
  group->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_field_free);
  g_ptr_array_add (p->def->groups, group);

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "title") || kes_tool_parser_is (p, "description"))
        {
          char **slot = kes_tool_parser_is (p, "title") ? &group->title : &group->description;

          g_free (*slot);
          if ((*slot = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
        }
      else if (kes_tool_parser_is (p, "field"))
        {
          if (kes_tool_parse_field (p, group->fields, error) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  if (group->entry_label == NULL)
    group->entry_label = g_strdup (group->title);
  return kes_tool_parser_finished (done, error);
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
    return kes_tool_parser_fail (p, error,
                    _("summary “%s” adds ratings up, but this tool does not allow totals "
                      "(allowTotals is false): structured professional judgement is not a score."),
                    summary->id);
  if (!rating_name_used (p->def, summary->rating))
    return kes_tool_parser_fail (p, error, _("summary “%s” uses the rating “%s”, which no item has."),
                    summary->id, summary->rating);
  for (guint i = 0; summary->sections != NULL && summary->sections[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < p->def->sections->len && !found; j++)
        found = g_strcmp0 (((KesToolSection *) g_ptr_array_index (p->def->sections, j))->code,
                           summary->sections[i]) == 0;
      if (!found)
        return kes_tool_parser_fail (p, error, _("summary “%s” names the section “%s”, which is not declared."),
                        summary->id, summary->sections[i]);
    }

  FOR_EACH_CHILD (p, done, error)
    {
      if (kes_tool_parser_is (p, "label"))
        {
          g_free (summary->label);
          if ((summary->label = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return kes_tool_parser_finished (done, error);
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
      if (kes_tool_parser_is (p, "note"))
        {
          g_free (p->def->licence_note);
          if ((p->def->licence_note = kes_tool_parser_text (p, error)) == NULL)
            return FALSE;
        }
      else if (!kes_xml_reader_skip (p->reader, error))
        return FALSE;
    }
  return kes_tool_parser_finished (done, error);
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
  if (!kes_tool_parser_is (p, "tool") || g_strcmp0 (kes_xml_reader_get_namespace (p->reader), KES_TOOL_NAMESPACE) != 0)
    return kes_tool_parser_fail (p, error, _("this is not a Kestrel tool definition (the root should be <tool> "
                                "in the namespace %s)."), KES_TOOL_NAMESPACE);

  def->id = kes_xml_reader_dup_attribute (p->reader, "id");
  def->version = kes_xml_reader_dup_attribute (p->reader, "version");
  def_version = kes_xml_reader_dup_attribute (p->reader, "defVersion");
  allow = kes_xml_reader_dup_attribute (p->reader, "allowTotals");
  def->def_version = def_version != NULL ? (guint) g_ascii_strtoull (def_version, NULL, 10) : 0;
  def->allow_totals = kes_tool_parse_bool (allow, FALSE);

  FOR_EACH_CHILD (p, done, error)
    {
      gboolean ok = TRUE;

      if (!p->seen_licence && (kes_tool_parser_is (p, "review") || kes_tool_parser_is (p, "scale") || kes_tool_parser_is (p, "section")))
        return kes_tool_parser_fail (p, error, "%s",
                        _("the definition has no <licence>: every definition must say under what "
                          "licence its content is used (kind and a note)."));

      if (kes_tool_parser_is (p, "title"))
        ok = (def->title = kes_tool_parser_text (p, error)) != NULL;
      else if (kes_tool_parser_is (p, "citation"))
        ok = (def->citation = kes_tool_parser_text (p, error)) != NULL;
      else if (kes_tool_parser_is (p, "licence"))
        ok = parse_licence (p, error);
      else if (kes_tool_parser_is (p, "review"))
        {
          g_autofree char *months = kes_xml_reader_dup_attribute (p->reader, "defaultIntervalMonths");
          g_autofree char *sign_off = kes_xml_reader_dup_attribute (p->reader, "requiresSignOff");

          def->review_months = months != NULL ? (guint) g_ascii_strtoull (months, NULL, 10) : 0;
          def->requires_sign_off = kes_tool_parse_bool (sign_off, FALSE);
          ok = kes_xml_reader_skip (p->reader, error);
        }
      else if (kes_tool_parser_is (p, "scale"))
        ok = kes_tool_parse_scale (p, error);
      else if (kes_tool_parser_is (p, "section"))
        ok = parse_section (p, error);
      else if (kes_tool_parser_is (p, "group"))
        ok = parse_group (p, error);
      else if (kes_tool_parser_is (p, "summary"))
        ok = parse_summary (p, error);
      else if (kes_tool_parser_is (p, "judgement"))
        ok = kes_tool_parse_field (p, def->judgements, error) != NULL;
      else
        ok = kes_xml_reader_skip (p->reader, error);
      if (!ok)
        return FALSE;
    }
  if (!kes_tool_parser_finished (done, error))
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
    return kes_tool_parser_fail (p, error, "%s",
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
  p.pending = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_pending_ref_free);

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
