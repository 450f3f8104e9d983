/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-moj"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-report-common-private.h"
#include "kes-report-moj.h"
#include "kes-store-patients.h"
#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-validate.h"

char *
kes_report_moj_risk_summary (KesStore    *store,
                             const char  *patient_id,
                             GError     **error)
{
  g_autoptr(GListModel) assessments = NULL;
  g_autoptr(KesRiskAssessment) latest = NULL;
  g_autoptr(KesToolDefinition) definition = NULL;
  g_autoptr(GError) missing = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *assessed = NULL;
  GPtrArray *judgements;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  assessments = kes_store_list_risk_assessments (store, patient_id, FALSE, error);
  if (assessments == NULL)
    return NULL;
  /* Newest assessment date first: the first signed off is the latest. */
  for (guint i = 0; latest == NULL && i < g_list_model_get_n_items (assessments); i++)
    {
      g_autoptr(KesRiskAssessment) a = g_list_model_get_item (assessments, i);
      if (kes_risk_assessment_get_status (a) == KES_RISK_STATUS_COMPLETED)
        latest = g_steal_pointer (&a);
    }
  if (latest == NULL)
    return g_strdup ("");

  definition = kes_tool_library_find (store, kes_risk_assessment_get_tool_id (latest),
                                      kes_risk_assessment_get_tool_version (latest),
                                      kes_risk_assessment_get_def_version (latest), &missing);
  assessed = kes_date_to_display (kes_risk_assessment_get_assessed_on (latest));
  /* Translators: "HCR-20 V3, assessed 12 Jan 2026 by Dr Cara Clinic, signed off." */
  g_string_append_printf (text, _("%s, assessed %s by %s, signed off."),
                          definition != NULL ? kes_tool_definition_get_title (definition)
                                             : kes_risk_assessment_get_tool_id (latest),
                          assessed != NULL ? assessed : _("an unrecorded date"),
                          *kes_risk_assessment_get_completed_by (latest) != '\0'
                            ? kes_risk_assessment_get_completed_by (latest) : _("an unrecorded assessor"));
  if (definition == NULL)
    {
      g_string_append_printf (text, "\n%s",
                              _("Its judgements cannot be shown: this Kestrel does not have the tool "
                                "definition it was written with."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  judgements = kes_tool_definition_get_judgements (definition);
  for (guint i = 0; i < judgements->len; i++)
    {
      const KesToolField *field = g_ptr_array_index (judgements, i);
      const char *value = kes_risk_assessment_get_field (latest, field->id);
      g_autofree char *shown = NULL;

      if (value == NULL || *value == '\0')
        continue;
      if (field->type == KES_TOOL_FIELD_CHOICE)
        shown = g_strdup (kes_tool_point_label (field->scale, value));
      else if (field->type == KES_TOOL_FIELD_DATE)
        shown = kes_date_to_display (value);
      else if (field->type == KES_TOOL_FIELD_REF)
        continue;
      g_string_append_printf (text, "\n%s: %s", field->label, shown != NULL ? shown : value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
add_compliance_rows (KesStore                  *store,
                     KesMojRecord              *report,
                     const KesMojTemplateField *field,
                     GError                   **error)
{
  g_autoptr(GListModel) model = kes_store_list_moj_records (store, kes_moj_record_get_patient_id (report),
                                                            KES_MOJ_CONDITION, FALSE, error);
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();

  if (model == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (conditions, g_list_model_get_item (model, i));
  for (guint i = 0; i < field->scale->points->len; i++)
    g_ptr_array_add (codes, ((KesToolPoint *) g_ptr_array_index (field->scale->points, i))->code);
  g_ptr_array_add (codes, NULL);
  kes_moj_report_add_compliance_table (report, field->id, (const char * const *) codes->pdata, conditions);
  return TRUE;
}

KesMojRecord *
kes_report_moj_new_report (KesStore        *store,
                           KesMojTemplate  *template,
                           const char      *patient_id,
                           const char      *report_type,
                           const char      *due_date,
                           const char      *trigger,
                           GError         **error)
{
  g_autoptr(KesMojRecord) report = NULL;
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *due = g_strdup (due_date);
  GPtrArray *parts;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (template != NULL, NULL);

  if (due == NULL && g_strcmp0 (report_type, KES_MOJ_REPORT_ROUTINE) == 0)
    {
      g_autoptr(GError) local = NULL;
      due = kes_store_moj_next_due (store, patient_id, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (!kes_store_moj_report_period (store, patient_id, today, &from, &to, error))
    return NULL;
  values = kes_store_moj_prefill_values (store, patient_id, from, to, error);
  if (values == NULL)
    return NULL;
  {
    char *risk = kes_report_moj_risk_summary (store, patient_id, error);
    if (risk == NULL)
      return NULL;
    g_hash_table_insert (values, g_strdup ("risk.latest"), risk);
  }

  report = kes_moj_report_new (patient_id, kes_moj_template_get_id (template),
                               kes_moj_template_get_version (template), report_type, due);
  if (trigger != NULL)
    kes_moj_record_set_text (report, "trigger", trigger);
  if (from != NULL)
    kes_moj_record_set_text (report, "period_from", from);
  kes_moj_record_set_text (report, "period_to", to);

  parts = kes_moj_template_get_parts (template);
  for (guint p = 0; p < parts->len; p++)
    {
      KesMojTemplatePart *part = g_ptr_array_index (parts, p);

      kes_moj_report_add_part (report, part->id, part->signer);
      for (guint s = 0; s < part->sections->len; s++)
        {
          KesMojTemplateSection *section = g_ptr_array_index (part->sections, s);
          for (guint f = 0; f < section->fields->len; f++)
            {
              KesMojTemplateField *field = g_ptr_array_index (section->fields, f);
              const char *value = field->prefill != NULL ? g_hash_table_lookup (values, field->prefill) : NULL;

              if (field->type == KES_MOJ_TEMPLATE_CONDITIONS)
                {
                  if (!add_compliance_rows (store, report, field, error))
                    return NULL;
                }
              else if (field->prefill != NULL)
                kes_moj_report_prefill_value (report, field->id, value != NULL ? value : "");
            }
        }
    }
  return g_steal_pointer (&report);
}

static char *
field_display (KesMojRecord              *report,
               const KesMojTemplateField *field)
{
  const char *value = kes_moj_report_get_value (report, field->id);

  if (*value == '\0')
    return g_strdup ("");
  if (field->type == KES_MOJ_TEMPLATE_CHOICE && field->scale != NULL)
    {
      const KesToolPoint *point = kes_tool_scale_find_point (field->scale, value);
      return g_strdup (point != NULL ? point->label : value);
    }
  if (field->type == KES_MOJ_TEMPLATE_DATE)
    {
      char *shown = kes_date_to_display (value);
      return shown != NULL ? shown : g_strdup (value);
    }
  return g_strdup (value);
}

/* One row per condition of discharge: the condition as worded when the
 * report was started, the rating and the evidence. */
static void
add_compliance_table (KesDocument               *document,
                      KesMojRecord              *report,
                      const KesMojTemplateField *field)
{
  g_auto(GStrv) rows = kes_moj_report_dup_compliance_rows (report, field->id);
  const char *headers[] = { _("Condition"), field->rating_label, field->evidence_label, NULL };
  static const double widths[] = { 2.8, 1.9, 3.3 };
  KesBlock *table;

  if (rows[0] == NULL)
    {
      kes_document_add_paragraph (document, _("No condition of discharge was in force during this period."));
      return;
    }
  table = kes_document_add_table (document, headers, widths);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_autofree char *condition_key = kes_moj_compliance_key (field->id, rows[i], KES_MOJ_COMPLIANCE_CONDITION);
      g_autofree char *rating_key = kes_moj_compliance_key (field->id, rows[i], KES_MOJ_COMPLIANCE_RATING);
      g_autofree char *evidence_key = kes_moj_compliance_key (field->id, rows[i], KES_MOJ_COMPLIANCE_EVIDENCE);
      const char *rating = kes_moj_report_get_value (report, rating_key);
      const char *evidence = kes_moj_report_get_value (report, evidence_key);
      const KesToolPoint *point = *rating != '\0' ? kes_tool_scale_find_point (field->scale, rating) : NULL;

      kes_block_add_row_cells (table, kes_moj_report_get_value (report, condition_key),
                               point != NULL ? point->label : (*rating != '\0' ? rating : _("Not rated")),
                               *evidence != '\0' ? evidence : _("Not recorded"), NULL);
    }
}

static const char *
signer_label (const char *signer)
{
  return g_strcmp0 (signer, KES_MOJ_SIGNER_CLINICAL) == 0 ? _("Clinical supervisor") : _("Social supervisor");
}

static void
add_part (KesDocument        *document,
          KesMojRecord       *report,
          KesMojTemplatePart *part)
{
  KesMojPartState state = kes_moj_report_get_part_state (report, part->id);
  const char *signed_at = kes_moj_report_get_signed_at (report, part->id);
  g_autofree char *signed_date = *signed_at != '\0' ? g_strndup (signed_at, 10) : NULL;

  kes_document_add_heading (document, 1, part->title);
  for (guint s = 0; s < part->sections->len; s++)
    {
      KesMojTemplateSection *section = g_ptr_array_index (part->sections, s);
      KesBlock *block;

      kes_document_add_heading (document, 2, section->title);
      block = NULL;
      for (guint f = 0; f < section->fields->len; f++)
        {
          KesMojTemplateField *field = g_ptr_array_index (section->fields, f);
          g_autofree char *value = NULL;

          if (field->type == KES_MOJ_TEMPLATE_CONDITIONS)
            {
              add_compliance_table (document, report, field);
              block = NULL;
              continue;
            }
          if (block == NULL)
            block = kes_document_add_key_values (document, NULL);
          value = field_display (report, field);
          kes_block_add_key_value (block, field->label, *value != '\0' ? value : _("Not recorded"));
        }
    }

  kes_document_add_heading (document, 2, _("Signature"));
  switch (state)
    {
    case KES_MOJ_PART_SIGNED:
      {
        g_autofree char *digest = kes_moj_report_part_digest (report, part->id);
        g_autofree char *note = g_strdup_printf (_("Signed in Kestrel by the named supervisor; the signed "
                                                   "content has the SHA-256 digest %.16s…"), digest);
        kes_document_add_paragraph (document, note);
      }
      kes_document_add_signature (document, part->statement, kes_moj_report_get_signer_name (report, part->id),
                                  signer_label (part->signer), signed_date);
      break;
    case KES_MOJ_PART_ALTERED:
      {
        g_autofree char *shown = kes_date_to_display (signed_date);
        g_autofree char *note = g_strdup_printf (_("Altered after signing: this part was signed by %s on %s "
                                                   "and has changed since. The signature does not cover "
                                                   "the content above."),
                                                 kes_moj_report_get_signer_name (report, part->id), shown);
        kes_document_add_paragraph (document, note);
        kes_document_add_signature (document, part->statement, NULL, signer_label (part->signer), NULL);
      }
      break;
    case KES_MOJ_PART_DRAFT:
    case KES_MOJ_PART_READY:
    default:
      kes_document_add_paragraph (document, kes_moj_part_state_label (state));
      kes_document_add_signature (document, part->statement, NULL, signer_label (part->signer), NULL);
      break;
    }
}

KesDocument *
kes_report_moj_document (KesStore      *store,
                         KesMojRecord  *report,
                         GError       **error)
{
  g_autoptr(KesMojTemplate) template = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *patient_name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *due = NULL;
  g_autofree char *created = kes_clock_now_iso ();
  KesBlock *block;
  GPtrArray *parts;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, kes_moj_record_get_patient_id (report), error))
    return NULL;
  template = kes_moj_template_find (kes_moj_record_get_text (report, "template_id"),
                                    kes_moj_record_get_text (report, "template_version"), error);
  if (template == NULL)
    return NULL;
  patient = kes_store_load_patient (store, kes_moj_record_get_patient_id (report), error);
  if (patient == NULL)
    return NULL;

  document = kes_document_new ("moj-report", kes_moj_template_get_title (template));
  kes_document_set_created_at (document, created);
  patient_name = kes_patient_dup_display_name (patient);
  kes_document_set_patient (document, patient_name, kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER),
                            kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  kes_document_set_subject (document, _("Report to the Ministry of Justice (Mental Health Casework Section)"));
  due = kes_date_to_display (kes_moj_record_get_text (report, "due_date"));
  if (kes_moj_report_is_urgent (report))
    {
      const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_URGENT_TRIGGER),
                                                kes_moj_record_get_text (report, "trigger"));
      subtitle = g_strdup_printf (_("URGENT REPORT: %s"), label != NULL ? label : "");
    }
  else
    subtitle = g_strdup_printf (_("Routine report due %s"), due);
  kes_document_set_subtitle (document, subtitle);

  block = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (block, _("MHCS reference"), kes_moj_report_get_value (report, "A.mhcs_reference"));
  kes_block_add_key_value (block, _("Patient"), patient_name);
  {
    g_autofree char *from = kes_date_to_display (kes_moj_record_get_text (report, "period_from"));
    g_autofree char *to = kes_date_to_display (kes_moj_record_get_text (report, "period_to"));
    g_autofree char *period = g_strdup_printf (_("%s to %s"), from != NULL ? from : "", to != NULL ? to : "");
    kes_block_add_key_value (block, _("Period of report"), period);
  }
  if (kes_moj_report_is_urgent (report))
    {
      const char *older = kes_moj_record_get_text (report, "trigger_detail");
      g_autofree char *when = kes_date_to_display (kes_moj_record_get_text (report, "trigger_when"));
      const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_URGENT_TRIGGER),
                                                kes_moj_record_get_text (report, "trigger"));

      /* What happened, when and what was done; a report written before these
       * were asked for keeps its single note. */
      kes_block_add_key_value (block, _("What prompted this report"), label != NULL ? label : "");
      if (*older != '\0')
        kes_block_add_key_value (block, _("Details"), older);
      kes_block_add_key_value (block, _("What happened"),
                               kes_report_or_not_recorded (kes_moj_record_get_text (report, "trigger_what")));
      kes_block_add_key_value (block, _("When it happened"), kes_report_or_not_recorded (when));
      kes_block_add_key_value (block, _("What has been done"),
                               kes_report_or_not_recorded (kes_moj_record_get_text (report, "trigger_action")));
    }
  {
    g_autofree char *pinned = g_strdup_printf ("%s %s", kes_moj_template_get_id (template),
                                               kes_moj_template_get_version (template));
    kes_block_add_key_value (block, _("Form"), pinned);
  }
  if (kes_moj_report_is_submitted (report))
    {
      g_autofree char *date = kes_date_to_display (kes_moj_record_get_text (report, "submitted_date"));
      const char *method = kes_code_list_lookup (kes_code_list_get (KES_CODES_SUBMISSION_METHOD),
                                                 kes_moj_record_get_text (report, "submission_method"));
      g_autofree char *line = g_strdup_printf (_("%s by %s"), date, method != NULL ? method : "");
      kes_block_add_key_value (block, _("Submitted"), line);
      kes_block_add_key_value (block, _("Submission reference"),
                               kes_moj_record_get_text (report, "submission_reference"));
    }
  else
    kes_block_add_key_value (block, _("Submitted"), _("Not yet submitted"));
  /* A draft says so when its template's wording can't be checked against the form. */
  if (!kes_moj_report_is_submitted (report))
    {
      g_autofree char *notice = kes_moj_template_wording_notice (template);

      if (notice != NULL)
        kes_block_add_key_value (block, _("Draft"), notice);
    }
  kes_document_add_paragraph (document, kes_moj_template_get_source (template));

  parts = kes_moj_template_get_parts (template);
  for (guint p = 0; p < parts->len; p++)
    {
      KesMojTemplatePart *part = g_ptr_array_index (parts, p);

      /* Each supervisor's parts start on a new page; one supervisor's
       * parts (A and B) run on. */
      if (p > 0 && g_strcmp0 (part->signer, ((KesMojTemplatePart *) g_ptr_array_index (parts, p - 1))->signer) != 0)
        kes_document_add_page_break (document);
      add_part (document, report, part);
    }
  return g_steal_pointer (&document);
}
