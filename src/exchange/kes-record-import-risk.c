/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-risk"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-record-import-links-private.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-validate.h"

/* A structured risk assessment in a case record as its form and the
 * store would have it: of the patient whose record it is in, written with
 * a definition installed here, holding only what that definition's form can
 * give, dated no later than the revision, and completed only as the
 * sign-off completes it (every slot rated, every judgement given, who
 * completed it). Once completed it stays so, and each later revision is a
 * correction with its reason, as kes_store_save_risk_assessment() rules. */

static gboolean
refuse_issues (GError             **error,
               KesArchivedRecord   *record,
               KesRevision         *revision,
               GPtrArray           *issues)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", ((KesIssue *) g_ptr_array_index (issues, i))->message);
  return kes_import_links_refuse (error, record, revision, text->str);
}

/* "draft" or "completed": anything else would be read as a draft. */
static gboolean
status_is_known (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  const char *status;

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  status = json_object_get_string_member_with_default (root, "status", "");
  return g_str_equal (status, "draft") || g_str_equal (status, "completed");
}

static KesToolDefinition *
definition_of (KesImportLinks     *links,
               KesRiskAssessment  *assessment,
               GError            **error)
{
  g_autofree char *key = g_strdup_printf ("%s %s #%u", kes_risk_assessment_get_tool_id (assessment),
                                          kes_risk_assessment_get_tool_version (assessment),
                                          kes_risk_assessment_get_def_version (assessment));
  KesToolDefinition *definition = g_hash_table_lookup (links->definitions, key);

  if (definition == NULL)
    {
      definition = kes_tool_library_find (links->store, kes_risk_assessment_get_tool_id (assessment),
                                          kes_risk_assessment_get_tool_version (assessment),
                                          kes_risk_assessment_get_def_version (assessment), error);
      if (definition == NULL)
        return NULL;
      g_hash_table_insert (links->definitions, g_steal_pointer (&key), definition);
    }
  return definition;
}

/* The completion rules kes_tool_assessment_complete() applies before the
 * sign-off, and the sign-off's own. */
static GPtrArray *
completion_issues (KesToolDefinition *definition,
                   KesRiskAssessment *assessment)
{
  GPtrArray *issues = kes_tool_assessment_unrated (definition, assessment);
  g_autoptr(GPtrArray) sign_off = kes_risk_assessment_validate_sign_off (assessment);

  g_ptr_array_extend_and_steal (issues, g_steal_pointer (&sign_off));
  if (kes_tool_definition_get_requires_sign_off (definition) &&
      kes_risk_assessment_get_completed_by (assessment) == NULL)
    g_ptr_array_add (issues, kes_issue_new ("completed_by", KES_ISSUE_ERROR, "%s",
                                            _("Completed by: this tool needs a sign-off; say who completed it")));
  return issues;
}

/* Checks one revision; *@loaded is the assessment it holds, when it reads. */
static gboolean
check_revision (KesImportLinks      *links,
                KesArchivedRecord   *record,
                KesRevision         *revision,
                KesRiskAssessment   *first,
                gboolean             was_completed,
                KesRiskAssessment  **loaded,
                GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  KesRiskAssessment *assessment = *loaded = kes_risk_assessment_new_from_json (kes_revision_get_data (revision),
                                                                               &local_error);
  g_autoptr(GPtrArray) issues = NULL;
  KesToolDefinition *definition;
  const char *assessed_on;
  const char *reason = kes_revision_get_reason (revision);

  if (assessment == NULL)
    return kes_import_links_refuse (error, record, revision, local_error->message);
  if (g_strcmp0 (kes_risk_assessment_get_patient_id (assessment), record->patient_id) != 0)
    return kes_import_links_refuse (error, record, revision,
                                    _("The assessment’s data names a patient other than the one whose "
                                      "record it is in"));
  if (!status_is_known (kes_revision_get_data (revision)))
    return kes_import_links_refuse (error, record, revision, _("Status: neither a draft nor completed"));
  if (first != NULL && !kes_risk_assessment_same_definition (assessment, first))
    return kes_import_links_refuse (error, record, revision,
                                    _("An assessment cannot move to another definition: a new one is started"));
  if (was_completed
      && (kes_risk_assessment_get_status (assessment) != KES_RISK_STATUS_COMPLETED
          || kes_revision_get_change (revision) != KES_CHANGE_CORRECTION || kes_text_is_blank (reason)))
    return kes_import_links_refuse (error, record, revision,
                                    _("A completed assessment is only revised as a correction with a reason, "
                                      "and cannot go back to draft"));

  assessed_on = kes_risk_assessment_get_assessed_on (assessment);
  if (assessed_on != NULL)
    {
      g_autoptr(GDate) date = kes_date_from_iso (assessed_on);

      if (date == NULL || strcmp (assessed_on, kes_revision_get_at (revision)) > 0)
        return kes_import_links_refuse (error, record, revision,
                                        _("Date assessed: not a date, or after the revision that records it"));
    }

  if ((definition = definition_of (links, assessment, &local_error)) == NULL)
    return kes_import_links_refuse (error, record, revision, local_error->message);
  issues = kes_tool_assessment_check_values (definition, assessment);
  if (issues->len == 0 && kes_risk_assessment_get_status (assessment) == KES_RISK_STATUS_COMPLETED)
    {
      g_ptr_array_unref (issues);
      issues = completion_issues (definition, assessment);
    }
  return issues->len == 0 || refuse_issues (error, record, revision, issues);
}

gboolean
kes_import_links_check_risk (KesImportLinks     *links,
                             KesArchivedRecord  *record,
                             GError            **error)
{
  g_autoptr(KesRiskAssessment) first = NULL;
  gboolean completed = FALSE;

  for (guint i = 0; i < record->revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (record->revisions, i);
      g_autoptr(KesRiskAssessment) loaded = NULL;

      if (kes_revision_get_change (revision) == KES_CHANGE_ENTERED_IN_ERROR)
        continue;
      if (!check_revision (links, record, revision, first, completed, &loaded, error))
        return FALSE;
      completed = completed || kes_risk_assessment_get_status (loaded) == KES_RISK_STATUS_COMPLETED;
      if (first == NULL)
        first = g_steal_pointer (&loaded);
    }
  return TRUE;
}
