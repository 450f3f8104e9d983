/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-fields"

#include "config.h"

#include "risk/fields/kes-risk-fields.h"

static GtkWidget *
field_new (const KesToolField *field,
           KesRiskAssessment  *assessment)
{
  switch (field->type)
    {
    case KES_TOOL_FIELD_RICHTEXT:
      return kes_risk_rich_text_field_new (field);
    case KES_TOOL_FIELD_CHOICE:
      /* A one-point scale is a marker: ticked or not. */
      if (field->scale->points->len == 1)
        return kes_risk_flag_field_new (field);
      return kes_risk_choice_field_new (field);
    case KES_TOOL_FIELD_REF:
      return kes_risk_ref_field_new (field, assessment);
    case KES_TOOL_FIELD_DATE:
      return kes_risk_date_field_new (field);
    case KES_TOOL_FIELD_TEXT:
    default:
      return kes_risk_text_field_new (field);
    }
}

GtkWidget *
kes_risk_field_new_for (const KesToolField *field,
                        KesRiskAssessment  *assessment,
                        const char         *group_id,
                        const char         *entry_id)
{
  GtkWidget *widget;
  const char *value;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), NULL);

  widget = field_new (field, assessment);
  value = entry_id != NULL
    ? kes_risk_assessment_get_entry_value (assessment, group_id, entry_id, field->id)
    : kes_risk_assessment_get_field (assessment, field->id);
  kes_risk_field_set_value (KES_RISK_FIELD (widget), value);
  return widget;
}
