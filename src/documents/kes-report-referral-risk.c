/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-referral-risk"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-report-common-private.h"
#include "kes-report-referral.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-validate.h"

/* The signed structured risk assessment a referral assessment links to, as
 * its assessor recorded it: tool, date, assessor and each final judgement in
 * the clinician's own words and choices. No level is derived from ratings,
 * and no computed summary is shown. */

static void
add_pair (GPtrArray  *pairs,
          const char *label,
          char       *value)
{
  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, value);
}

GPtrArray *
kes_report_risk_link_pairs (KesStore    *store,
                            const char  *assessment_id,
                            GError     **error)
{
  g_autoptr(KesRiskAssessment) assessment = NULL;
  g_autoptr(KesToolDefinition) definition = NULL;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  const char *assessor;
  GPtrArray *judgements;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (assessment_id != NULL, NULL);

  assessment = kes_store_load_risk_assessment (store, assessment_id, error);
  if (assessment == NULL)
    return NULL;
  definition = kes_tool_library_find (store, kes_risk_assessment_get_tool_id (assessment),
                                      kes_risk_assessment_get_tool_version (assessment),
                                      kes_risk_assessment_get_def_version (assessment), NULL);
  assessor = kes_risk_assessment_get_completed_by (assessment);

  add_pair (pairs, _("Tool"), g_strdup (definition != NULL ? kes_tool_definition_get_title (definition)
                                                             : kes_risk_assessment_get_tool_id (assessment)));
  add_pair (pairs, _("Assessed"), kes_report_date (kes_risk_assessment_get_assessed_on (assessment)));
  add_pair (pairs, _("Assessor"), g_strdup (assessor != NULL && *assessor != '\0' ? assessor : _("Not recorded")));
  if (kes_risk_assessment_get_state (assessment) != KES_RECORD_ACTIVE)
    add_pair (pairs, _("Status"), g_strdup (_("Entered in error since it was linked: do not rely on it")));
  else
    add_pair (pairs, _("Status"), g_strdup (kes_risk_assessment_get_status (assessment) == KES_RISK_STATUS_COMPLETED
                                              ? _("Signed off") : _("Draft, not signed off")));
  if (definition == NULL)
    {
      add_pair (pairs, _("Judgements"),
                g_strdup (_("Not shown: this Kestrel does not have the tool definition the assessment was "
                            "written with.")));
      g_ptr_array_add (pairs, NULL);
      return g_steal_pointer (&pairs);
    }
  judgements = kes_tool_definition_get_judgements (definition);
  for (guint i = 0; i < judgements->len; i++)
    {
      const KesToolField *field = g_ptr_array_index (judgements, i);
      const char *value = kes_risk_assessment_get_field (assessment, field->id);
      char *shown;

      if (value == NULL || *value == '\0' || field->type == KES_TOOL_FIELD_REF)
        continue;
      if (field->type == KES_TOOL_FIELD_CHOICE)
        shown = g_strdup (kes_tool_point_label (field->scale, value));
      else if (field->type == KES_TOOL_FIELD_DATE)
        shown = kes_report_date (value);
      else
        shown = g_strdup (value);
      add_pair (pairs, field->label, shown);
    }
  g_ptr_array_add (pairs, NULL);
  return g_steal_pointer (&pairs);
}
