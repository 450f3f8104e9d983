/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-template"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-core-resources.h"
#include "kes-moj-report.h"
#include "kes-moj-template.h"
#include "kes-report-error.h"
#include "kes-rule-sources.h"

#define TEMPLATES_PATH "/io/github/kestrelcare/Kestrel/core/templates/"

struct _KesMojTemplate
{
  gatomicrefcount    ref_count;
  KesToolDefinition *definition;
  GPtrArray         *parts;   /* KesMojTemplatePart */
  GHashTable        *fields;  /* id -> KesMojTemplateField (borrowed) */
};

static void
field_free (KesMojTemplateField *field)
{
  g_free (field->id);
  g_free (field->label);
  g_free (field->hint);
  g_free (field->prefill);
  g_free (field->rating_label);
  g_free (field->evidence_label);
  g_free (field->evidence_hint);
  g_free (field);
}

static void
section_free (KesMojTemplateSection *section)
{
  g_free (section->id);
  g_free (section->title);
  g_ptr_array_unref (section->fields);
  g_free (section);
}

static void
part_free (KesMojTemplatePart *part)
{
  g_free (part->id);
  g_free (part->title);
  g_free (part->signer);
  g_free (part->statement);
  g_ptr_array_unref (part->sections);
  g_free (part);
}

KesMojTemplate *
kes_moj_template_ref (KesMojTemplate *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kes_moj_template_unref (KesMojTemplate *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_object (&self->definition);
  g_ptr_array_unref (self->parts);
  g_hash_table_unref (self->fields);
  g_free (self);
}

static gboolean
invalid (GError     **error,
         const char  *what,
         const char  *name)
{
  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
               /* Translators: the first %s is the problem, the second names the part or field */
               _("Report template: %s (%s)"), what, name);
  return FALSE;
}

/* A compliance table's columns from its group: exactly one choice field
 * (the rating) and one text field (the evidence). */
static gboolean
compliance_columns (KesMojTemplateField *field,
                    const KesToolGroup  *group)
{
  const KesToolField *rating = NULL;
  const KesToolField *evidence = NULL;

  if (group == NULL || group->fields->len != 2)
    return FALSE;
  for (guint i = 0; i < group->fields->len; i++)
    {
      const KesToolField *column = g_ptr_array_index (group->fields, i);

      if (column->type == KES_TOOL_FIELD_CHOICE && column->scale != NULL)
        rating = column;
      else if (column->type == KES_TOOL_FIELD_TEXT || column->type == KES_TOOL_FIELD_RICHTEXT)
        evidence = column;
    }
  if (rating == NULL || evidence == NULL)
    return FALSE;
  field->scale = rating->scale;
  field->rating_label = g_strdup (rating->label);
  field->evidence_label = g_strdup (evidence->label);
  field->evidence_hint = g_strdup (evidence->hint);
  return TRUE;
}

static gboolean
add_fields (KesMojTemplate         *self,
            KesMojTemplatePart     *part,
            KesMojTemplateSection  *section,
            GPtrArray              *fields,
            GError                **error)
{
  g_autofree char *prefix = g_strconcat (part->id, ".", NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const KesToolField *source = g_ptr_array_index (fields, i);
      KesMojTemplateField *field;

      if (!g_str_has_prefix (source->id, prefix))
        return invalid (error, _("a field’s id must start with its part’s code and a dot"), source->id);
      if (source->prefill != NULL && !g_strv_contains (kes_moj_prefill_sources (), source->prefill))
        return invalid (error, _("the field is prefilled from something Kestrel does not record"), source->id);
      if (source->type == KES_TOOL_FIELD_REF && g_strcmp0 (source->prefill, "conditions.in_force") != 0)
        return invalid (error, _("a report field refers to a group only for the conditions of discharge "
                                 "(prefill “conditions.in_force”)"), source->id);
      if (source->type != KES_TOOL_FIELD_REF && g_strcmp0 (source->prefill, "conditions.in_force") == 0)
        return invalid (error, _("only a field referring to a group holds one row per condition"), source->id);

      field = g_new0 (KesMojTemplateField, 1);
      if (source->type == KES_TOOL_FIELD_REF && !compliance_columns (field, source->ref_group))
        {
          field_free (field);
          return invalid (error, _("a compliance table’s group needs one choice field (the rating) and one "
                                   "text field (the evidence)"), source->id);
        }
      field->id = g_strdup (source->id);
      field->label = g_strdup (source->label);
      field->hint = g_strdup (source->hint);
      field->prefill = g_strdup (source->prefill);
      if (field->scale == NULL)
        field->scale = source->scale;
      switch (source->type)
        {
        case KES_TOOL_FIELD_RICHTEXT:
          field->type = KES_MOJ_TEMPLATE_LONG_TEXT;
          break;
        case KES_TOOL_FIELD_DATE:
          field->type = KES_MOJ_TEMPLATE_DATE;
          break;
        case KES_TOOL_FIELD_CHOICE:
          field->type = KES_MOJ_TEMPLATE_CHOICE;
          break;
        case KES_TOOL_FIELD_REF:
          field->type = KES_MOJ_TEMPLATE_CONDITIONS;
          break;
        case KES_TOOL_FIELD_TEXT:
        default:
          field->type = KES_MOJ_TEMPLATE_TEXT;
          break;
        }
      g_ptr_array_add (section->fields, field);
      g_hash_table_insert (self->fields, field->id, field);
    }
  return TRUE;
}

static KesMojTemplate *
template_new (KesToolDefinition  *definition,
              GError            **error)
{
  g_autoptr(KesMojTemplate) self = g_new0 (KesMojTemplate, 1);
  GPtrArray *sections = kes_tool_definition_get_sections (definition);

  g_atomic_ref_count_init (&self->ref_count);
  self->definition = g_object_ref (definition);
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);

  if (sections->len == 0)
    {
      invalid (error, _("it has no parts"), kes_tool_definition_get_id (definition));
      return NULL;
    }
  for (guint s = 0; s < sections->len; s++)
    {
      const KesToolSection *source = g_ptr_array_index (sections, s);
      KesMojTemplatePart *part;

      if (g_strcmp0 (source->signer, KES_MOJ_SIGNER_SOCIAL) != 0 &&
          g_strcmp0 (source->signer, KES_MOJ_SIGNER_CLINICAL) != 0)
        {
          invalid (error, _("every part must be signed by the social or the clinical supervisor"), source->code);
          return NULL;
        }
      if (strchr (source->code, '.') != NULL || strchr (source->code, ',') != NULL)
        {
          invalid (error, _("a part’s code cannot hold a dot or a comma"), source->code);
          return NULL;
        }
      part = g_new0 (KesMojTemplatePart, 1);
      part->id = g_strdup (source->code);
      part->title = g_strdup (source->title);
      part->signer = g_strdup (source->signer);
      part->statement = g_strdup (source->description != NULL ? source->description : "");
      part->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
      g_ptr_array_add (self->parts, part);

      /* Fields straight in the part come first, under the part's title. */
      if (source->fields->len > 0)
        {
          KesMojTemplateSection *section = g_new0 (KesMojTemplateSection, 1);
          section->id = g_strdup (source->code);
          section->title = g_strdup (source->title);
          section->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
          g_ptr_array_add (part->sections, section);
          if (!add_fields (self, part, section, source->fields, error))
            return NULL;
        }
      for (guint i = 0; i < source->items->len; i++)
        {
          const KesToolItem *item = g_ptr_array_index (source->items, i);
          KesMojTemplateSection *section;

          if (item->ratings->len > 0 || item->subitems->len > 0)
            {
              invalid (error, _("report headings hold fields, not ratings"), item->code);
              return NULL;
            }
          section = g_new0 (KesMojTemplateSection, 1);
          section->id = g_strdup (item->code);
          section->title = g_strdup (kes_tool_item_get_display_title (item));
          section->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
          g_ptr_array_add (part->sections, section);
          if (!add_fields (self, part, section, item->fields, error))
            return NULL;
        }
    }
  return g_steal_pointer (&self);
}

KesMojTemplate *
kes_moj_template_new_from_bytes (GBytes  *xml,
                                 GError **error)
{
  g_autoptr(KesToolDefinition) definition = NULL;

  g_return_val_if_fail (xml != NULL, NULL);

  definition = kes_tool_definition_new_from_bytes (xml, error);
  if (definition == NULL)
    return NULL;
  return template_new (definition, error);
}

const char *kes_moj_template_get_id (KesMojTemplate *self) { return kes_tool_definition_get_id (self->definition); }
const char *kes_moj_template_get_version (KesMojTemplate *self) { return kes_tool_definition_get_version (self->definition); }
const char *kes_moj_template_get_title (KesMojTemplate *self) { return kes_tool_definition_get_title (self->definition); }
const char *kes_moj_template_get_source (KesMojTemplate *self) { return kes_tool_definition_get_citation (self->definition); }
KesToolDefinition *kes_moj_template_get_definition (KesMojTemplate *self) { return self->definition; }
GPtrArray *kes_moj_template_get_parts (KesMojTemplate *self) { return self->parts; }

const KesMojTemplatePart *
kes_moj_template_find_part (KesMojTemplate *self,
                            const char     *part_id)
{
  for (guint i = 0; i < self->parts->len; i++)
    {
      KesMojTemplatePart *part = g_ptr_array_index (self->parts, i);
      if (g_strcmp0 (part->id, part_id) == 0)
        return part;
    }
  return NULL;
}

const KesMojTemplateField *
kes_moj_template_find_field (KesMojTemplate *self,
                             const char     *field_id)
{
  return g_hash_table_lookup (self->fields, field_id);
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  KesMojTemplate *x = *(KesMojTemplate **) a;
  KesMojTemplate *y = *(KesMojTemplate **) b;
  int by_id = g_strcmp0 (kes_moj_template_get_id (x), kes_moj_template_get_id (y));

  /* Versions are dates (YYYY-MM): newest first. */
  return by_id != 0 ? by_id : g_strcmp0 (kes_moj_template_get_version (y), kes_moj_template_get_version (x));
}

GPtrArray *
kes_moj_template_list_shipped (GError **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_moj_template_unref);
  g_auto(GStrv) names = g_resource_enumerate_children (kes_core_get_resource (), TEMPLATES_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (TEMPLATES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (kes_core_get_resource (), path,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      KesMojTemplate *template;

      if (bytes == NULL)
        return NULL;
      template = kes_moj_template_new_from_bytes (bytes, error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }
  g_ptr_array_sort (templates, compare_templates);
  return g_steal_pointer (&templates);
}

KesMojTemplate *
kes_moj_template_get_current (GError **error)
{
  g_autoptr(GPtrArray) templates = kes_moj_template_list_shipped (error);

  if (templates == NULL)
    return NULL;
  if (templates->len == 0)
    {
      g_set_error_literal (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NO_SCHEMA,
                           _("Kestrel ships no Ministry of Justice report template"));
      return NULL;
    }
  return kes_moj_template_ref (g_ptr_array_index (templates, 0));
}

KesMojTemplate *
kes_moj_template_find (const char  *id,
                       const char  *version,
                       GError     **error)
{
  g_autoptr(GPtrArray) templates = kes_moj_template_list_shipped (error);

  if (templates == NULL)
    return NULL;
  for (guint i = 0; i < templates->len; i++)
    {
      KesMojTemplate *template = g_ptr_array_index (templates, i);
      if (g_strcmp0 (kes_moj_template_get_id (template), id) == 0 &&
          g_strcmp0 (kes_moj_template_get_version (template), version) == 0)
        return kes_moj_template_ref (template);
    }
  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
               _("This report was written on template %s version %s, which this Kestrel does not have"),
               id, version);
  return NULL;
}

char *
kes_moj_template_wording_notice (KesMojTemplate *self)
{
  g_autofree char *id = NULL;
  const KesRuleSource *source;

  g_return_val_if_fail (self != NULL, NULL);

  id = g_strdup_printf ("template-sources:%s@%s", kes_moj_template_get_id (self), kes_moj_template_get_version (self));
  source = kes_rule_source_lookup (id);
  if (source != NULL && source->status == KES_SOURCE_PUBLISHED)
    return NULL;
  if (source == NULL || source->note == NULL)
    return g_strdup (_("Wording not confirmed against the current MoJ form."));
  /* TRANSLATORS: the note says why, from data/moj/template-sources.ini */
  return g_strdup_printf (_("Wording not confirmed against the current MoJ form. %s"), source->note);
}
