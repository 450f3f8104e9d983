/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carer-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-carer-documents.h"
#include "kes-clock.h"
#include "kes-codes.h"

static const char *
or_not_recorded (const char *text)
{
  return text != NULL && *text != '\0' ? text : _("Not recorded");
}

static char *
date_or_not_recorded (const char *iso)
{
  return iso != NULL && *iso != '\0' ? kes_date_to_display (iso) : g_strdup (_("Not recorded"));
}

static void
add_answer (KesDocument    *document,
            KesFieldRecord *assessment,
            const char     *key)
{
  const KesFieldSpec *spec = kes_record_kind_find_field (kes_field_record_get_kind (assessment), key);
  const char *text = kes_field_record_get_text (assessment, key);

  kes_document_add_heading (document, 2, _(spec->label));
  if (*text != '\0')
    kes_document_add_paragraph (document, text);
  else
    kes_document_add_not_completed (document, _(spec->label), _("Not recorded in this assessment"));
}

KesDocument *
kes_carer_assessment_document (KesFieldRecord *carer,
                               KesFieldRecord *assessment,
                               const char     *patient_name,
                               const char     *assessor_name,
                               const char     *signer_name)
{
  static const char *const answers[] = {
    "able_to_care", "willing_to_care", "future_caring", "wellbeing_impact", "outcomes_wanted",
    "support_would_help", "work_education_recreation", "people_involved",
  };
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *offered = NULL;
  g_autofree char *assessed = NULL;
  g_autofree char *review = NULL;
  g_auto(GStrv) outcomes = NULL;
  KesCodeList *eligibility = kes_code_list_get (KES_CODES_CARER_ELIGIBILITY);
  const char *status;
  KesBlock *block;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (carer) && KES_IS_FIELD_RECORD (assessment), NULL);

  document = kes_document_new ("carer-assessment", _("Carer’s assessment"));
  kes_document_set_subtitle (document, _("Care Act 2014, section 10"));
  kes_document_set_subject (document, kes_field_record_get_text (carer, "name"));
  if (assessor_name != NULL)
    kes_document_set_author (document, assessor_name);

  offered = date_or_not_recorded (kes_field_record_get_text (assessment, "offered_on"));
  assessed = date_or_not_recorded (kes_field_record_get_text (assessment, "assessed_on"));
  review = date_or_not_recorded (kes_field_record_get_text (assessment, "review_date"));
  status = kes_code_list_lookup (kes_code_list_get (KES_CODES_CARER_ASSESSMENT_STATUS),
                                 kes_field_record_get_text (assessment, "status"));

  block = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (block, _("Carer"), kes_field_record_get_text (carer, "name"));
  kes_block_add_key_value (block, _("Young carer"),
                           kes_field_record_get_bool (carer, "young_carer") ? _("Yes") : _("No"));
  kes_block_add_key_value (block, _("Caring for"), or_not_recorded (patient_name));
  kes_block_add_key_value (block, _("Assessment"), or_not_recorded (status));
  kes_block_add_key_value (block, _("Offered"), offered);
  kes_block_add_key_value (block, _("Assessed"), assessed);
  kes_block_add_key_value (block, _("Assessor"), or_not_recorded (assessor_name));
  kes_block_add_key_value (block, _("Review date"), review);

  kes_document_add_heading (document, 1, _("The carer’s situation"));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    add_answer (document, assessment, answers[i]);

  kes_document_add_heading (document, 1, _("Eligibility"));
  block = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (block, _("Needs arise from providing necessary care"),
                           kes_field_record_get_bool (assessment, "needs_from_caring") ? _("Yes") : _("No"));
  kes_block_add_key_value (block, _("The carer’s health is at risk"),
                           kes_field_record_get_bool (assessment, "health_at_risk") ? _("Yes") : _("No"));
  kes_block_add_key_value (block, _("Significant impact on wellbeing"),
                           kes_field_record_get_bool (assessment, "significant_impact") ? _("Yes") : _("No"));
  kes_block_add_key_value (block, _("Eligible for support"),
                           kes_carer_assessment_is_eligible (assessment) ? _("Yes") : _("No"));
  outcomes = kes_field_record_dup_list (assessment, "outcomes_unachievable");
  kes_document_add_heading (document, 2, _("Outcomes the carer can’t achieve"));
  if (outcomes[0] == NULL)
    kes_document_add_paragraph (document, _("None recorded."));
  else
    {
      block = kes_document_add_list (document, NULL);
      for (guint i = 0; outcomes[i] != NULL; i++)
        {
          const char *label = kes_code_list_lookup (eligibility, outcomes[i]);
          kes_block_add_item (block, label != NULL ? label : outcomes[i]);
        }
    }

  kes_document_add_heading (document, 1, _("Support plan"));
  if (*kes_field_record_get_text (assessment, "support_plan") != '\0')
    kes_document_add_paragraph (document, kes_field_record_get_text (assessment, "support_plan"));
  else
    kes_document_add_not_completed (document, _("Support plan"), _("No support plan recorded"));
  /* The carer's own signature (issue 21): typed by them, or on paper. */
  if (*kes_field_record_get_text (assessment, "carer_signed_on") != '\0')
    kes_document_add_signature (document, _("Carer: this assessment records what I said."),
                                kes_field_record_get_bool (assessment, "carer_signed_on_paper")
                                  ? _("Signed on paper (the copy is kept on file)")
                                  : kes_field_record_get_text (assessment, "carer_signed_name"),
                                NULL, kes_field_record_get_text (assessment, "carer_signed_on"));
  else
    kes_document_add_not_completed (document, _("Carer’s signature"), _("The carer has not signed this assessment."));
  /* Signed off in Kestrel by the signer, with their password, or not yet:
   * never the assessor's name over a blank sign-off. */
  if (signer_name != NULL && *kes_field_record_get_text (assessment, "signed_at") != '\0')
    {
      g_autofree char *signed_date = g_strndup (kes_field_record_get_text (assessment, "signed_at"), 10);
      const char *role = kes_field_record_get_text (assessment, "signed_role");

      kes_document_add_signature (document, _("Signed off in Kestrel: I have carried out this assessment with "
                                              "the carer and anyone they asked to involve."),
                                  signer_name, *role != '\0' ? role : NULL, signed_date);
    }
  else
    {
      kes_document_add_not_completed (document, _("Sign-off"), _("This assessment has not been signed off."));
      kes_document_add_signature (document, _("I have carried out this assessment with the carer and anyone "
                                              "they asked to involve."),
                                  or_not_recorded (assessor_name), NULL, NULL);
    }
  return g_steal_pointer (&document);
}

KesDocument *
kes_carer_letter_document (KesFieldRecord *carer,
                           KesFieldRecord *consent,
                           GPtrArray      *sections,
                           const char     *from_name)
{
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *greeting = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  g_return_val_if_fail (KES_IS_FIELD_RECORD (carer), NULL);

  /* Filtered first, so nothing the carer may not be told reaches the document. */
  shown = kes_carer_filter_sections (consent, sections, NULL);
  document = kes_document_new ("carer-letter", _("Letter to a carer"));
  kes_document_set_subject (document, kes_field_record_get_text (carer, "name"));
  if (from_name != NULL)
    kes_document_set_author (document, from_name);
  greeting = g_strdup_printf (_("Dear %s,"), kes_field_record_get_text (carer, "name"));
  kes_document_add_paragraph (document, greeting);
  for (guint i = 0; i < shown->len; i++)
    {
      KesCarerSection *section = g_ptr_array_index (shown, i);
      kes_document_add_heading (document, 2, section->heading);
      kes_document_add_paragraph (document, section->text);
    }
  kes_document_add_signature (document, NULL, from_name != NULL ? from_name : "", NULL, today_iso);
  return g_steal_pointer (&document);
}
