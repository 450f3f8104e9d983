/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-tool-assessment"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-report-error.h"
#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "kes-validate.h"

gboolean
kes_tool_assessment_matches (KesToolDefinition *definition,
                             KesRiskAssessment *assessment)
{
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), FALSE);

  return g_strcmp0 (kes_tool_definition_get_id (definition),
                    kes_risk_assessment_get_tool_id (assessment)) == 0 &&
         g_strcmp0 (kes_tool_definition_get_version (definition),
                    kes_risk_assessment_get_tool_version (assessment)) == 0 &&
         kes_tool_definition_get_def_version (definition) ==
           kes_risk_assessment_get_def_version (assessment);
}

char *
kes_tool_item_describe (const KesToolItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (item->title != NULL)
    return g_strdup_printf ("%s %s", item->code, item->title);
  if (item->text_source == KES_TOOL_TEXT_USER_SUPPLIED)
    /* Translators: %s is an item code, "H1" */
    return g_strdup_printf (_("%s (wording supplied by your licence)"), item->code);
  return g_strdup (item->code);
}

const char *
kes_tool_point_label (const KesToolScale *scale,
                      const char         *code)
{
  const KesToolPoint *point;

  if (code == NULL)
    return NULL;
  point = scale != NULL ? kes_tool_scale_find_point (scale, code) : NULL;
  return point != NULL && point->label != NULL ? point->label : code;
}

static void
check_field (GPtrArray          *issues,
             const KesToolField *field,
             const char         *value,
             const char         *where)
{
  if (!field->required || (value != NULL && value[0] != '\0'))
    return;
  if (where != NULL)
    g_ptr_array_add (issues, kes_issue_new (field->id, KES_ISSUE_ERROR,
                                            /* Translators: "Scenario 2: Scenario: not filled in" */
                                            _("%s: %s: not filled in"), where, field->label));
  else
    g_ptr_array_add (issues, kes_issue_new (field->id, KES_ISSUE_ERROR, _("%s: not filled in"),
                                            field->label));
}

gboolean
kes_tool_rating_applies (const KesToolItem   *item,
                         const KesToolRating *rating,
                         KesRiskAssessment   *assessment)
{
  const char *held;

  g_return_val_if_fail (item != NULL && rating != NULL, FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), FALSE);

  if (rating->depends_on == NULL)
    return TRUE;
  held = kes_risk_assessment_get_rating (assessment, item->code, rating->depends_on->name);
  return held != NULL && g_strv_contains ((const char * const *) rating->when_points, held);
}

/* A rating on a slot that does not apply: "H2: Relevance is rated, but
 * Presence is “No: not present”". */
static KesIssue *
inapplicable_issue (const KesToolItem   *item,
                    const KesToolRating *rating,
                    KesRiskAssessment   *assessment,
                    const char          *key)
{
  g_autofree char *name = kes_tool_item_describe (item);
  const char *held = kes_risk_assessment_get_rating (assessment, item->code, rating->depends_on->name);

  if (held == NULL)
    /* Translators: "H2 …: Relevance is rated before Presence" */
    return kes_issue_new (key, KES_ISSUE_ERROR, _("%s: %s is rated before %s: rate %s first"), name,
                          rating->label, rating->depends_on->label, rating->depends_on->label);
  /* Translators: "H2 …: Relevance is rated, but Presence is “No: not present”: clear the relevance" */
  return kes_issue_new (key, KES_ISSUE_ERROR, _("%s: %s is rated, but %s is “%s”: clear the %s"), name,
                        rating->label, rating->depends_on->label,
                        kes_tool_point_label (rating->depends_on->scale, held), rating->label);
}

GPtrArray *
kes_tool_assessment_unrated (KesToolDefinition *definition,
                             KesRiskAssessment *assessment)
{
  GPtrArray *issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_issue_free);
  GPtrArray *items;
  GPtrArray *sections;
  GPtrArray *groups;
  GPtrArray *judgements;

  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), issues);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), issues);

  items = kes_tool_definition_get_all_items (definition);
  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
          gboolean rated = kes_risk_assessment_get_rating (assessment, item->code, rating->name) != NULL;
          g_autofree char *key = g_strdup_printf ("%s/%s", item->code, rating->name);
          g_autofree char *name = NULL;

          if (!kes_tool_rating_applies (item, rating, assessment))
            {
              if (rated)
                g_ptr_array_add (issues, inapplicable_issue (item, rating, assessment, key));
              continue;
            }
          if (rated)
            continue;
          name = kes_tool_item_describe (item);
          g_ptr_array_add (issues, kes_issue_new (key, KES_ISSUE_ERROR,
                                                  /* Translators: "TS3 Immediacy of violence: Rating not given" */
                                                  _("%s: %s not given"), name, rating->label));
        }
      for (guint j = 0; j < item->fields->len; j++)
        {
          const KesToolField *field = g_ptr_array_index (item->fields, j);

          check_field (issues, field, kes_risk_assessment_get_field (assessment, field->id), item->code);
        }
    }

  sections = kes_tool_definition_get_sections (definition);
  for (guint i = 0; i < sections->len; i++)
    {
      const KesToolSection *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->fields->len; j++)
        {
          const KesToolField *field = g_ptr_array_index (section->fields, j);

          check_field (issues, field, kes_risk_assessment_get_field (assessment, field->id), NULL);
        }
    }

  groups = kes_tool_definition_get_groups (definition);
  for (guint i = 0; i < groups->len; i++)
    {
      const KesToolGroup *group = g_ptr_array_index (groups, i);
      g_auto(GStrv) entries = kes_risk_assessment_list_entries (assessment, group->id);

      for (guint e = 0; entries[e] != NULL; e++)
        {
          /* Translators: "Scenario 2" */
          g_autofree char *where = g_strdup_printf (_("%s %u"), group->entry_label, e + 1);

          for (guint j = 0; j < group->fields->len; j++)
            {
              const KesToolField *field = g_ptr_array_index (group->fields, j);

              check_field (issues, field,
                           kes_risk_assessment_get_entry_value (assessment, group->id, entries[e],
                                                                field->id), where);
            }
        }
    }

  judgements = kes_tool_definition_get_judgements (definition);
  for (guint i = 0; i < judgements->len; i++)
    {
      const KesToolField *field = g_ptr_array_index (judgements, i);

      check_field (issues, field, kes_risk_assessment_get_field (assessment, field->id), NULL);
    }
  return issues;
}

static gboolean
in_sections (const KesToolSummary *summary,
             const KesToolItem    *item)
{
  if (summary->sections == NULL)
    return TRUE;
  return g_strv_contains ((const char * const *) summary->sections, item->section->code);
}

GPtrArray *
kes_tool_assessment_summaries (KesToolDefinition *definition,
                               KesRiskAssessment *assessment)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *summaries;
  GPtrArray *items;

  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), values);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), values);

  summaries = kes_tool_definition_get_summaries (definition);
  items = kes_tool_definition_get_all_items (definition);
  for (guint s = 0; s < summaries->len; s++)
    {
      const KesToolSummary *summary = g_ptr_array_index (summaries, s);
      KesToolSummaryValue *value;

      if (summary->op == KES_TOOL_SUMMARY_SUM && !kes_tool_definition_get_allow_totals (definition))
        continue;
      value = g_new0 (KesToolSummaryValue, 1);
      value->summary = summary;
      value->has_value = summary->op != KES_TOOL_SUMMARY_MAX;
      for (guint i = 0; i < items->len; i++)
        {
          const KesToolItem *item = g_ptr_array_index (items, i);

          if (!in_sections (summary, item))
            continue;
          for (guint j = 0; j < item->ratings->len; j++)
            {
              const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
              const char *code;
              const KesToolPoint *point;

              if (!g_str_equal (rating->name, summary->rating))
                continue;
              code = kes_risk_assessment_get_rating (assessment, item->code, rating->name);
              point = code != NULL ? kes_tool_scale_find_point (rating->scale, code) : NULL;
              switch (summary->op)
                {
                case KES_TOOL_SUMMARY_COUNT:
                  if (point != NULL && (summary->values == NULL
                      ? !point->missing
                      : g_strv_contains ((const char * const *) summary->values, point->code)))
                    value->value++;
                  break;
                case KES_TOOL_SUMMARY_MISSING:
                  if (point == NULL || point->missing)
                    value->value++;
                  break;
                case KES_TOOL_SUMMARY_SUM:
                  if (point != NULL && point->has_ordinal)
                    value->value += point->ordinal;
                  break;
                case KES_TOOL_SUMMARY_MAX:
                  if (point != NULL && point->has_ordinal &&
                      (!value->has_value || point->ordinal > value->value))
                    {
                      value->value = point->ordinal;
                      value->has_value = TRUE;
                    }
                  break;
                default:
                  break;
                }
            }
        }
      g_ptr_array_add (values, value);
    }
  return values;
}

gboolean
kes_tool_assessment_complete (KesStore           *store,
                              KesToolDefinition  *definition,
                              KesRiskAssessment  *assessment,
                              const char         *reason,
                              const char         *password,
                              GError            **error)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), FALSE);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), FALSE);

  if (!kes_tool_assessment_matches (definition, assessment))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("This assessment was not written with %s"), kes_tool_definition_get_key (definition));
      return FALSE;
    }
  /* What the form could not have given first, then what is missing. */
  issues = kes_tool_assessment_check_values (definition, assessment);
  if (issues->len == 0)
    {
      g_ptr_array_unref (issues);
      issues = kes_tool_assessment_unrated (definition, assessment);
    }
  if (issues->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "One thing is still missing before "
                                           "the assessment can be completed:",
                                           "%u things are still missing before the assessment "
                                           "can be completed:", issues->len), issues->len);
      for (guint i = 0; i < issues->len; i++)
        g_string_append_printf (message, "\n%s", ((KesIssue *) g_ptr_array_index (issues, i))->message);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message->str);
      return FALSE;
    }
  if (kes_tool_definition_get_requires_sign_off (definition) &&
      kes_risk_assessment_get_completed_by (assessment) == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Completed by: this tool needs a sign-off; say who completed it"));
      return FALSE;
    }

  return kes_store_sign_off_risk_assessment (store, assessment, reason, password, error);
}

void
kes_tool_rating_change_free (KesToolRatingChange *change)
{
  if (change == NULL)
    return;
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

static char *
definition_key (KesRiskAssessment *a)
{
  return g_strdup_printf ("%s %s #%u", kes_risk_assessment_get_tool_id (a),
                          kes_risk_assessment_get_tool_version (a),
                          kes_risk_assessment_get_def_version (a));
}

/* Both written with @definition, or an error saying why they are not
 * compared. */
static gboolean
comparable (KesToolDefinition  *definition,
            KesRiskAssessment  *before,
            KesRiskAssessment  *after,
            GError            **error)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (kes_risk_assessment_same_definition (before, after) && kes_tool_assessment_matches (definition, before))
    return TRUE;
  a = definition_key (before);
  b = definition_key (after);
  if (g_str_equal (a, b))
    g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                 _("These assessments were written with %s, not with %s: compare them with "
                   "their own definition"), a, kes_tool_definition_get_key (definition));
  else
    g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID,
                 _("These assessments were written with different definitions (%s and %s). "
                   "Ratings are compared item by item only within one definition version, "
                   "because item wording, sub-items and scales may differ between versions; "
                   "both assessments stay readable on their own."), a, b);
  return FALSE;
}

GPtrArray *
kes_tool_assessment_compare (KesToolDefinition  *definition,
                             KesRiskAssessment  *before,
                             KesRiskAssessment  *after,
                             GError            **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  GPtrArray *items;

  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (before), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (after), NULL);

  if (!comparable (definition, before, after, error))
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_rating_change_free);
  items = kes_tool_definition_get_all_items (definition);
  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
          const char *x = kes_risk_assessment_get_rating (before, item->code, rating->name);
          const char *y = kes_risk_assessment_get_rating (after, item->code, rating->name);
          KesToolRatingChange *change;

          if (g_strcmp0 (x, y) == 0)
            continue;
          change = g_new0 (KesToolRatingChange, 1);
          change->item = item;
          change->rating = rating;
          change->before = g_strdup (x);
          change->after = g_strdup (y);
          g_ptr_array_add (changes, change);
        }
    }
  return g_steal_pointer (&changes);
}

void
kes_tool_judgement_pair_free (KesToolJudgementPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->before);
  g_free (pair->after);
  g_free (pair);
}

/* A judgement's value as it reads: a point's label, an en-GB date, text. */
static char *
judgement_text (const KesToolField *field,
                const char         *value)
{
  if (value == NULL || *value == '\0')
    return NULL;
  if (field->type == KES_TOOL_FIELD_CHOICE && field->scale != NULL)
    return g_strdup (kes_tool_point_label (field->scale, value));
  if (field->type == KES_TOOL_FIELD_DATE)
    return kes_date_to_display (value);
  return g_strdup (value);
}

GPtrArray *
kes_tool_assessment_compare_judgements (KesToolDefinition  *definition,
                                        KesRiskAssessment  *before,
                                        KesRiskAssessment  *after,
                                        GError            **error)
{
  GPtrArray *pairs;
  GPtrArray *judgements;

  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (before), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (after), NULL);

  if (!comparable (definition, before, after, error))
    return NULL;
  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_tool_judgement_pair_free);
  judgements = kes_tool_definition_get_judgements (definition);
  for (guint i = 0; i < judgements->len; i++)
    {
      const KesToolField *field = g_ptr_array_index (judgements, i);
      const char *x = kes_risk_assessment_get_field (before, field->id);
      const char *y = kes_risk_assessment_get_field (after, field->id);
      KesToolJudgementPair *pair = g_new0 (KesToolJudgementPair, 1);

      pair->field = field;
      pair->before = judgement_text (field, x);
      pair->after = judgement_text (field, y);
      pair->changed = g_strcmp0 (x != NULL && *x != '\0' ? x : NULL, y != NULL && *y != '\0' ? y : NULL) != 0;
      g_ptr_array_add (pairs, pair);
    }
  return pairs;
}

char *
kes_tool_comparison_headline (GPtrArray *rating_changes,
                              GPtrArray *judgements)
{
  guint changed = 0;
  g_autofree char *ratings = NULL;

  g_return_val_if_fail (rating_changes != NULL && judgements != NULL, NULL);

  for (guint i = 0; i < judgements->len; i++)
    changed += ((KesToolJudgementPair *) g_ptr_array_index (judgements, i))->changed ? 1 : 0;
  ratings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rating changed", "%u ratings changed",
                                          rating_changes->len), rating_changes->len);
  if (judgements->len == 0)
    return g_steal_pointer (&ratings);
  /* Translators: "3 ratings changed · 1 judgement changed" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u judgement changed", "%s · %u judgements changed",
                                       changed), ratings, changed);
}
