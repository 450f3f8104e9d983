/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-risk"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-report-common-private.h"
#include "kes-report-risk.h"
#include "kes-store-patients.h"
#include "kes-tool-assessment.h"

static char *
ratings_text (KesRiskAssessment *a,
              const KesToolItem *item)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < item->ratings->len; i++)
    {
      const KesToolRating *rating = g_ptr_array_index (item->ratings, i);
      const char *code = kes_risk_assessment_get_rating (a, item->code, rating->name);
      const char *label = code != NULL ? kes_tool_point_label (rating->scale, code) : _("Not rated");

      if (item->ratings->len > 1)
        g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "", rating->label, label);
      else
        g_string_append (text, label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
entry_name (KesRiskAssessment  *a,
            const KesToolGroup *group,
            const char         *entry_id)
{
  g_auto(GStrv) entries = kes_risk_assessment_list_entries (a, group->id);
  const KesToolField *first = group->fields->len > 0 ? g_ptr_array_index (group->fields, 0) : NULL;

  for (guint i = 0; entries[i] != NULL; i++)
    if (g_str_equal (entries[i], entry_id))
      {
        const char *name = first != NULL && first->type == KES_TOOL_FIELD_TEXT
          ? kes_risk_assessment_get_entry_value (a, group->id, entry_id, first->id) : NULL;

        return name != NULL ? g_strdup_printf ("%s %u: %s", group->entry_label, i + 1, name)
                            : g_strdup_printf ("%s %u", group->entry_label, i + 1);
      }
  return g_strdup (entry_id);
}

/* A field's value as people read it: choices by label, references by name. */
static char *
field_text (KesRiskAssessment  *a,
            const KesToolField *field,
            const char         *value)
{
  if (value == NULL)
    return NULL;
  if (field->type == KES_TOOL_FIELD_CHOICE)
    return g_strdup (kes_tool_point_label (field->scale, value));
  if (field->type == KES_TOOL_FIELD_DATE)
    return kes_report_date (value);
  if (field->type == KES_TOOL_FIELD_REF)
    {
      g_auto(GStrv) ids = g_strsplit (value, " ", -1);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        if (ids[i][0] != '\0')
          {
            g_autofree char *name = entry_name (a, field->ref_group, ids[i]);
            g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", name);
          }
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  return g_strdup (value);
}

static void
add_field (KesBlock           *values,
           KesRiskAssessment  *a,
           const KesToolField *field,
           const char         *value)
{
  g_autofree char *text = field_text (a, field, value);

  kes_block_add_key_value (values, field->label, kes_report_or_not_recorded (text));
}

static void
add_header (KesDocument       *document,
            KesToolDefinition *def,
            KesRiskAssessment *a)
{
  g_autofree char *assessed = kes_report_date (kes_risk_assessment_get_assessed_on (a));
  g_autofree char *mdt = kes_report_date (kes_risk_assessment_get_mdt_reviewed_on (a));
  g_autofree char *next = kes_report_date (kes_risk_assessment_get_next_review_on (a));
  g_autofree char *version = g_strdup_printf (_("%s, definition version %u"),
                                              kes_risk_assessment_get_tool_version (a),
                                              kes_risk_assessment_get_def_version (a));
  g_autofree char *licence = g_strdup_printf ("%s. %s",
                                              kes_tool_licence_kind_to_label (kes_tool_definition_get_licence_kind (def)),
                                              kes_tool_definition_get_licence_note (def));
  KesBlock *values = kes_document_add_key_values (document, NULL);

  kes_block_add_key_value (values, _("Tool"), kes_tool_definition_get_title (def));
  kes_block_add_key_value (values, _("Version"), version);
  kes_block_add_key_value (values, _("Assessment date"), kes_report_or_not_recorded (assessed));
  kes_block_add_key_value (values, _("Status"),
                           kes_risk_assessment_get_status (a) == KES_RISK_STATUS_COMPLETED
                             ? _("Completed and signed off") : _("Draft: not signed off"));
  kes_block_add_key_value (values, _("Completed by"),
                           kes_report_or_not_recorded (kes_risk_assessment_get_completed_by (a)));
  kes_block_add_key_value (values, _("Under the supervision of"),
                           kes_report_or_not_recorded (kes_risk_assessment_get_supervised_by (a)));
  kes_block_add_key_value (values, _("Reviewed by the MDT on"), kes_report_or_not_recorded (mdt));
  kes_block_add_key_value (values, _("Next review due"), kes_report_or_not_recorded (next));

  kes_document_add_heading (document, 2, _("Source and licence"));
  kes_document_add_paragraph (document, kes_tool_definition_get_citation (def));
  kes_document_add_paragraph (document, licence);
}

KesDocument *
kes_report_risk_assessment (KesStore           *store,
                            KesToolDefinition  *def,
                            KesRiskAssessment  *a,
                            GError            **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  GPtrArray *sections;
  GPtrArray *groups;
  GPtrArray *judgements;
  const char *patient_id;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (def), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (a), NULL);

  patient_id = kes_risk_assessment_get_patient_id (a);
  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;
  if (!kes_tool_assessment_matches (def, a))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("This assessment was not written with %s"), kes_tool_definition_get_key (def));
      return NULL;
    }
  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;

  document = kes_report_new_document (store, patient, "risk-assessment", kes_tool_definition_get_title (def));
  kes_document_set_subtitle (document, _("Structured risk assessment"));
  kes_document_set_subject (document, kes_tool_definition_get_key (def));
  add_header (document, def, a);

  sections = kes_tool_definition_get_sections (def);
  for (guint s = 0; s < sections->len; s++)
    {
      const KesToolSection *section = g_ptr_array_index (sections, s);
      g_autofree char *title = g_strdup_printf ("%s · %s", section->code, section->title);
      const char *headers[] = { _("Item"), _("Rating"), _("Evidence"), NULL };
      const double widths[] = { 2.2, 2.4, 3.4 };
      KesBlock *table = NULL;
      KesBlock *values = NULL;

      kes_document_add_heading (document, 1, title);
      for (guint e = 0; e < section->entries->len; e++)
        {
          KesToolSectionEntry *entry = &g_array_index (section->entries, KesToolSectionEntry, e);

          if (entry->field != NULL)
            {
              if (values == NULL)
                values = kes_document_add_key_values (document, NULL);
              add_field (values, a, entry->field, kes_risk_assessment_get_field (a, entry->field->id));
              table = NULL;
              continue;
            }
          if (table == NULL)
            table = kes_document_add_table (document, headers, widths);
          values = NULL;
          for (guint k = 0; k <= entry->item->subitems->len; k++)
            {
              const KesToolItem *item = k == 0 ? entry->item : g_ptr_array_index (entry->item->subitems, k - 1);
              g_autofree char *name = kes_tool_item_describe (item);
              g_autofree char *ratings = ratings_text (a, item);
              g_autoptr(GString) evidence = g_string_new (NULL);

              for (guint f = 0; f < item->fields->len; f++)
                {
                  const KesToolField *field = g_ptr_array_index (item->fields, f);
                  g_autofree char *text = field_text (a, field, kes_risk_assessment_get_field (a, field->id));

                  if (text != NULL)
                    g_string_append_printf (evidence, "%s%s%s%s", evidence->len > 0 ? "\n" : "",
                                            item->fields->len > 1 ? field->label : "",
                                            item->fields->len > 1 ? ": " : "", text);
                }
              kes_block_add_row_cells (table, name, ratings, evidence->str, NULL);
            }
        }
    }

  groups = kes_tool_definition_get_groups (def);
  for (guint g = 0; g < groups->len; g++)
    {
      const KesToolGroup *group = g_ptr_array_index (groups, g);
      g_auto(GStrv) entries = kes_risk_assessment_list_entries (a, group->id);

      kes_document_add_heading (document, 1, group->title);
      if (entries[0] == NULL)
        kes_document_add_not_completed (document, group->title, _("None recorded"));
      for (guint e = 0; entries[e] != NULL; e++)
        {
          g_autofree char *name = g_strdup_printf ("%s %u", group->entry_label, e + 1);
          KesBlock *values;

          kes_document_add_heading (document, 2, name);
          values = kes_document_add_key_values (document, NULL);
          for (guint f = 0; f < group->fields->len; f++)
            {
              const KesToolField *field = g_ptr_array_index (group->fields, f);

              add_field (values, a, field, kes_risk_assessment_get_entry_value (a, group->id, entries[e], field->id));
            }
        }
    }

  summaries = kes_tool_assessment_summaries (def, a);
  if (summaries->len > 0)
    {
      KesBlock *values;

      kes_document_add_heading (document, 1, _("Summary"));
      kes_document_add_paragraph (document, kes_tool_definition_get_allow_totals (def)
                                              ? _("Computed from the ratings. This is not a risk level.")
                                              : _("Counts only: this tool is structured professional judgement, not a score."));
      values = kes_document_add_key_values (document, NULL);
      for (guint i = 0; i < summaries->len; i++)
        {
          KesToolSummaryValue *value = g_ptr_array_index (summaries, i);
          g_autofree char *text = value->has_value ? g_strdup_printf ("%d", value->value) : g_strdup ("–");

          kes_block_add_key_value (values, value->summary->label, text);
        }
    }

  judgements = kes_tool_definition_get_judgements (def);
  if (judgements->len > 0)
    {
      KesBlock *values;

      kes_document_add_heading (document, 1, _("Judgements"));
      kes_document_add_paragraph (document, _("The clinician's own judgement. Kestrel never derives a risk "
                                              "level from the ratings."));
      values = kes_document_add_key_values (document, NULL);
      for (guint i = 0; i < judgements->len; i++)
        {
          const KesToolField *field = g_ptr_array_index (judgements, i);

          add_field (values, a, field, kes_risk_assessment_get_field (a, field->id));
        }
    }

  if (kes_risk_assessment_get_status (a) == KES_RISK_STATUS_COMPLETED)
    kes_document_add_signature (document, _("Completed and signed off"),
                                kes_risk_assessment_get_completed_by (a), NULL,
                                kes_risk_assessment_get_assessed_on (a));
  return g_steal_pointer (&document);
}

KesDocument *
kes_report_risk_comparison (KesStore           *store,
                            KesToolDefinition  *def,
                            KesRiskAssessment  *before,
                            KesRiskAssessment  *after,
                            GError            **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) judgements = NULL;
  g_autoptr(GError) refused = NULL;
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a_date = NULL;
  g_autofree char *b_date = NULL;
  g_autofree char *count = NULL;
  const char *patient_id;
  GPtrArray *items;
  KesBlock *table;
  const char *headers[5] = { NULL };
  const double widths[] = { 3, 2, 2, 1 };

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (def), NULL);

  patient_id = kes_risk_assessment_get_patient_id (after);
  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;
  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;

  document = kes_report_new_document (store, patient, "risk-comparison", kes_tool_definition_get_title (def));
  kes_document_set_subtitle (document, _("Comparison of two assessments"));
  kes_document_add_heading (document, 2, _("Source and licence"));
  kes_document_add_paragraph (document, kes_tool_definition_get_citation (def));
  kes_document_add_paragraph (document, kes_tool_definition_get_licence_note (def));

  changes = kes_tool_assessment_compare (def, before, after, &refused);
  judgements = changes != NULL ? kes_tool_assessment_compare_judgements (def, before, after, &refused) : NULL;
  if (changes == NULL || judgements == NULL)
    {
      kes_document_add_not_completed (document, _("Item-by-item comparison"), refused->message);
      return g_steal_pointer (&document);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      KesToolRatingChange *change = g_ptr_array_index (changes, i);
      g_hash_table_add (changed, g_strdup_printf ("%s/%s", change->item->code, change->rating->name));
    }
  count = kes_tool_comparison_headline (changes, judgements);
  kes_document_add_heading (document, 1, count);

  a_date = kes_report_date (kes_risk_assessment_get_assessed_on (before));
  b_date = kes_report_date (kes_risk_assessment_get_assessed_on (after));
  headers[0] = _("Item");
  headers[1] = a_date;
  headers[2] = b_date;
  headers[3] = _("Changed");
  table = kes_document_add_table (document, headers, widths);
  items = kes_tool_definition_get_all_items (def);
  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
          g_autofree char *key = g_strdup_printf ("%s/%s", item->code, rating->name);
          g_autofree char *name = kes_tool_item_describe (item);
          g_autofree char *label = item->ratings->len > 1 ? g_strdup_printf ("%s · %s", name, rating->label)
                                                          : g_strdup (name);
          const char *x = kes_risk_assessment_get_rating (before, item->code, rating->name);
          const char *y = kes_risk_assessment_get_rating (after, item->code, rating->name);

          kes_block_add_row_cells (table, label,
                                   x != NULL ? kes_tool_point_label (rating->scale, x) : _("Not rated"),
                                   y != NULL ? kes_tool_point_label (rating->scale, y) : _("Not rated"),
                                   g_hash_table_contains (changed, key) ? _("Changed") : "", NULL);
        }
    }
  if (judgements->len > 0)
    {
      headers[0] = _("Judgement");
      kes_document_add_heading (document, 2, _("The clinician’s judgements"));
      table = kes_document_add_table (document, headers, widths);
      for (guint i = 0; i < judgements->len; i++)
        {
          KesToolJudgementPair *pair = g_ptr_array_index (judgements, i);

          kes_block_add_row_cells (table, pair->field->label,
                                   pair->before != NULL ? pair->before : _("Not given"),
                                   pair->after != NULL ? pair->after : _("Not given"),
                                   pair->changed ? _("Changed") : "", NULL);
        }
    }
  return g_steal_pointer (&document);
}
