/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-crisis"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-crisis-essentials.h"
#include "kes-error.h"
#include "kes-medication-rules.h"
#include "kes-pdf-writer.h"
#include "kes-permissions.h"
#include "kes-report-common-private.h"
#include "kes-report-crisis.h"
#include "kes-report-moj.h"
#include "kes-services.h"
#include "kes-store-community.h"
#include "kes-store-patients.h"
#include "kes-validate.h"
#include "kes-xml-writer.h"

static KesCareRecord *
latest (KesStore    *store,
        const char  *patient_id,
        const char  *kind,
        GError     **error)
{
  g_autoptr(GListModel) list = kes_store_list_care_records (store, patient_id, kind, FALSE, error);

  if (list == NULL || g_list_model_get_n_items (list) == 0)
    return NULL;
  return g_list_model_get_item (list, 0);
}

/* A part of the plan as a row of @values, or its label added to @missing
 * (listed once, briefly, so the plan stays on one or two pages). */
static void
add_section (KesBlock      *values,
             KesCareRecord *plan,
             const char    *key,
             GPtrArray     *missing)
{
  const KesCareField *field = kes_care_kind_find_field (KES_CARE_CRISIS_PLAN, key);
  const char *text = kes_care_record_get (plan, key);

  if (*text == '\0')
    {
      g_ptr_array_add (missing, (gpointer) _(field->label));
      return;
    }
  kes_block_add_key_value (values, _(field->label), text);
}

static void
add_missing (KesDocument *document,
             GPtrArray   *missing)
{
  g_autoptr(GString) text = NULL;

  if (missing->len == 0)
    return;
  /* TRANSLATORS: followed by a list of section names */
  text = g_string_new (_("Not recorded: "));
  for (guint i = 0; i < missing->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", (char *) missing->pdata[i]);
  kes_document_add_paragraph (document, text->str);
  g_ptr_array_set_size (missing, 0);
}

/* "F20.0 Paranoid schizophrenia; F10.1 …", then the clinician's note. */
static char *
diagnoses_text (KesPatient *patient)
{
  const char * const *codes = kes_patient_get_list (patient, KES_PATIENT_DIAGNOSES);
  const char *notes = kes_patient_get_text (patient, KES_PATIENT_DIAGNOSIS_NOTES);
  KesCodeList *icd10 = kes_code_list_get (KES_CODES_ICD10);
  GString *text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *label = kes_code_list_lookup (icd10, codes[i]);

      g_string_append_printf (text, "%s%s%s%s", i > 0 ? "; " : "", codes[i], label != NULL ? " " : "",
                              label != NULL ? label : "");
    }
  if (notes != NULL && *notes != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? ". " : "", notes);
  return g_string_free (text, FALSE);
}

/* Who the plan is about and where to find them: what an out-of-hours team
 * needs before anything else. */
static KesBlock *
add_person (KesDocument *document,
            KesPatient  *patient)
{
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *nhs = kes_document_format_nhs_number (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER));
  g_autofree char *birth = kes_report_date (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  g_autofree char *address = NULL;
  g_autofree char *diagnoses = diagnoses_text (patient);
  const char *postcode = kes_patient_get_text (patient, KES_PATIENT_POSTCODE);
  KesBlock *values;

  address = g_strstrip (g_strjoin ("\n", kes_patient_get_text (patient, KES_PATIENT_ADDRESS),
                                   postcode != NULL ? postcode : "", NULL));
  kes_document_add_heading (document, 1, _("Person"));
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("Name"), name);
  kes_block_add_key_value (values, _("NHS number"), kes_report_or_not_recorded (nhs));
  kes_block_add_key_value (values, _("Date of birth"), kes_report_or_not_recorded (birth));
  kes_block_add_key_value (values, _("Address"), kes_report_or_not_recorded (address));
  kes_block_add_key_value (values, _("Phone"),
                           kes_report_or_not_recorded (kes_patient_get_text (patient, KES_PATIENT_PHONE)));
  kes_block_add_key_value (values, _("Diagnosis"), kes_report_or_not_recorded (diagnoses));
  return values;
}

/* One section of what was taken from the record, with the plan's own note
 * on the same subject (@key, may be NULL) after it. */
static void
add_essentials (KesDocument          *document,
                KesCrisisEssentials  *essentials,
                KesEssentialsSection  section,
                KesCareRecord        *plan,
                const char           *key)
{
  GPtrArray *lines = essentials->sections[section];
  KesBlock *values;

  kes_document_add_heading (document, 2, kes_crisis_essentials_heading (section));
  values = kes_document_add_key_values (document, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      KesEssentialLine *line = g_ptr_array_index (lines, i);
      kes_block_add_key_value (values, line->label, line->value);
    }
  if (key != NULL && *kes_care_record_get (plan, key) != '\0')
    kes_block_add_key_value (values, _("Note in the plan"), kes_care_record_get (plan, key));
}

/* The latest signed-off structured risk assessment as its assessor put it
 * (tool, date, who, each final judgement in their words; never a level
 * worked out from ratings), under the risk section. */
static gboolean
add_risk_summary (KesDocument  *document,
                  KesStore     *store,
                  const char   *patient_id,
                  GError      **error)
{
  g_autofree char *summary = kes_report_moj_risk_summary (store, patient_id, error);
  KesBlock *values;

  if (summary == NULL)
    return FALSE;
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("Latest structured risk assessment"),
                           *summary != '\0' ? summary : _("None signed off yet"));
  return TRUE;
}

/* The plan; @sent, when shared, says to whom, how, when, by whom and which
 * version, beside "This plan". */
static KesDocument *
build_plan (KesStore    *store,
            const char  *patient_id,
            const char  *sent,
            GError     **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesCareRecord) plan = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *agreed = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(KesCrisisEssentials) essentials = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *agreement = NULL;
  KesBlock *values;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return NULL;
  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;
  plan = latest (store, patient_id, KES_CARE_CRISIS_PLAN, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (plan == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                           _("No crisis plan has been written for this patient yet"));
      return NULL;
    }

  essentials = kes_store_crisis_essentials (store, patient_id, error);
  if (essentials == NULL)
    return NULL;

  document = kes_report_new_document (store, patient, "crisis-plan", _("Crisis and contingency plan"));
  agreed = kes_report_date (kes_care_record_get (plan, "agreed_on"));
  subtitle = g_strdup_printf (_("For the crisis resolution and home treatment team · agreed %s"), agreed);
  kes_document_set_subtitle (document, subtitle);
  kes_document_set_subject (document, _("Crisis and contingency plan"));

  values = add_person (document, patient);
  /* TRANSLATORS: agreed date, whether signed, whether a copy was given, who last changed the plan */
  agreement = g_strdup_printf (_("Agreed %s · %s · %s · last updated by %s"), agreed,
                               kes_care_record_get_bool (plan, "signed") ? _("signed by the person")
                                                                        : _("not signed by the person"),
                               kes_care_record_get_bool (plan, "copy_given") ? _("copy given to the person")
                                                                            : _("no copy given yet"),
                               kes_care_record_get_author_name (plan));
  kes_block_add_key_value (values, _("This plan"), agreement);
  if (*kes_care_record_get (plan, "review_date") != '\0')
    {
      g_autofree char *review = kes_report_date (kes_care_record_get (plan, "review_date"));
      kes_block_add_key_value (values, _("To be reviewed by"), review);
    }
  if (sent != NULL)
    kes_block_add_key_value (values, _("Sent to"), sent);

  kes_document_add_heading (document, 1, _("When things start to go wrong"));
  values = kes_document_add_key_values (document, NULL);
  add_section (values, plan, "early_warning_signs", missing);
  add_section (values, plan, "responds_to", missing);
  add_section (values, plan, "helped", missing);
  add_section (values, plan, "not_helped", missing);
  add_section (values, plan, "treatment_preferences", missing);
  add_missing (document, missing);

  kes_document_add_heading (document, 1, _("In a crisis"));
  values = kes_document_add_key_values (document, NULL);
  add_section (values, plan, "crisis_actions", missing);
  add_section (values, plan, "out_of_hours", missing);
  add_section (values, plan, "contingency", missing);
  add_section (values, plan, "carer_involvement", missing);
  add_missing (document, missing);
  add_essentials (document, essentials, KES_ESSENTIALS_SERVICES, plan, NULL);

  kes_document_add_heading (document, 1, _("Forensic essentials"));
  taken = kes_crisis_essentials_dup_note (essentials);
  kes_document_add_paragraph (document, taken);
  add_essentials (document, essentials, KES_ESSENTIALS_LEGAL, plan, "legal_contacts");
  add_essentials (document, essentials, KES_ESSENTIALS_RISK, plan, "risk_to_others");
  if (!add_risk_summary (document, store, patient_id, error))
    return NULL;
  add_essentials (document, essentials, KES_ESSENTIALS_MEDICATION, plan, "medication_notes");
  add_essentials (document, essentials, KES_ESSENTIALS_CARERS, plan, "carer_consent");

  return g_steal_pointer (&document);
}

KesDocument *
kes_report_crisis_plan (KesStore    *store,
                        const char  *patient_id,
                        GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  return build_plan (store, patient_id, NULL, error);
}

gboolean
kes_report_crisis_plan_share (KesStore       *store,
                              KesCareRecord  *plan,
                              const char     *recipient,
                              const char     *method,
                              const char     *note,
                              const char     *pdf_path,
                              const char     *xml_path,
                              GError        **error)
{
  const char *patient_id;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(KesCareRecord) check = NULL;
  g_autoptr(KesCareRecord) share = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *on = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *how = NULL;
  KesStaff *actor;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (KES_IS_CARE_RECORD (plan), FALSE);

  patient_id = kes_care_record_get_patient_id (plan);
  /* Checked before anything is written: a missing recipient or method is
   * said at once, not after the files exist. */
  check = kes_care_record_new (KES_CARE_CRISIS_PLAN_SHARE);
  kes_care_record_set (check, "plan_id", kes_care_record_get_id (plan));
  kes_care_record_set (check, "plan_revision", "1");
  kes_care_record_set (check, "shared_with", recipient);
  kes_care_record_set (check, "method", method);
  kes_care_record_set (check, "shared_on", today_iso);
  {
    g_autoptr(GPtrArray) issues = kes_care_record_validate (check, today);

    if (!kes_issues_to_error (issues, error))
      return FALSE;
  }
  {
    g_autoptr(GError) local = NULL;
    g_autoptr(KesCareRecord) current = latest (store, patient_id, KES_CARE_CRISIS_PLAN, &local);

    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    if (current == NULL || g_strcmp0 (kes_care_record_get_id (current), kes_care_record_get_id (plan)) != 0)
      {
        g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                             _("This is not the patient’s current crisis plan: share the current one"));
        return FALSE;
      }
  }

  /* Which version went to whom, when and from whom, on the copy itself. */
  actor = kes_store_get_actor (store);
  on = kes_report_date (today_iso);
  how = kes_report_code_label ("share-method", method);
  /* TRANSLATORS: recipient, how, date, sender, version of the plan */
  sent = g_strdup_printf (_("%s · %s · %s · by %s · version %" G_GINT64_FORMAT " of the plan"), recipient, how, on,
                          actor != NULL ? kes_staff_get_display_name (actor) : _("Unknown"),
                          kes_care_record_get_revision (plan));
  document = build_plan (store, patient_id, sent, error);
  if (document == NULL)
    return FALSE;

  if ((pdf_path != NULL && !kes_pdf_write_file (document, pdf_path, NULL, error)) ||
      (xml_path != NULL && !kes_xml_write_file (document, xml_path, error)))
    return FALSE;
  share = kes_store_share_crisis_plan (store, plan, recipient, method, note, error);
  if (share == NULL)
    return FALSE;
  return kes_store_audit (store, KES_AUDIT_EXPORT, kes_care_record_get_id (plan), patient_id,
                          pdf_path != NULL && xml_path != NULL ? "crisis plan (PDF, XML)"
                          : pdf_path != NULL ? "crisis plan (PDF)" : "crisis plan (XML)", error);
}
