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
#include "kes-services.h"
#include "kes-store-community.h"
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

/* A section with text, or its label added to @missing (listed once, briefly,
 * so the plan stays on one or two pages). */
static void
add_section (KesDocument   *document,
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
  kes_document_add_heading (document, 2, _(field->label));
  kes_document_add_paragraph (document, text);
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

static KesBlock *
add_person (KesDocument *document,
            KesPatient  *patient)
{
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *nhs = kes_document_format_nhs_number (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER));
  g_autofree char *birth = kes_report_date (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  KesBlock *values;

  kes_document_add_heading (document, 1, _("Person"));
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("Name"), name);
  kes_block_add_key_value (values, _("NHS number"), kes_report_or_not_recorded (nhs));
  kes_block_add_key_value (values, _("Date of birth"), kes_report_or_not_recorded (birth));
  kes_block_add_key_value (values, _("Phone"),
                           kes_report_or_not_recorded (kes_patient_get_text (patient, KES_PATIENT_PHONE)));
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

KesDocument *
kes_report_crisis_plan (KesStore    *store,
                        const char  *patient_id,
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

  kes_document_add_heading (document, 1, _("When things start to go wrong"));
  add_section (document, plan, "early_warning_signs", missing);
  add_section (document, plan, "responds_to", missing);
  add_section (document, plan, "helped", missing);
  add_section (document, plan, "not_helped", missing);
  add_section (document, plan, "treatment_preferences", missing);
  add_missing (document, missing);

  kes_document_add_heading (document, 1, _("In a crisis"));
  add_section (document, plan, "crisis_actions", missing);
  add_section (document, plan, "out_of_hours", missing);
  add_essentials (document, essentials, KES_ESSENTIALS_SERVICES, plan, NULL);
  add_section (document, plan, "contingency", missing);
  add_section (document, plan, "carer_involvement", missing);
  add_missing (document, missing);

  kes_document_add_heading (document, 1, _("Forensic essentials"));
  taken = kes_crisis_essentials_dup_note (essentials);
  kes_document_add_paragraph (document, taken);
  add_essentials (document, essentials, KES_ESSENTIALS_LEGAL, plan, "legal_contacts");
  add_essentials (document, essentials, KES_ESSENTIALS_RISK, plan, "risk_to_others");
  add_essentials (document, essentials, KES_ESSENTIALS_MEDICATION, plan, "medication_notes");
  add_essentials (document, essentials, KES_ESSENTIALS_CARERS, plan, "carer_consent");

  return g_steal_pointer (&document);
}

gboolean
kes_report_crisis_plan_export (KesStore    *store,
                               const char  *patient_id,
                               const char  *pdf_path,
                               const char  *xml_path,
                               GError     **error)
{
  g_autoptr(KesDocument) document = kes_report_crisis_plan (store, patient_id, error);

  if (document == NULL)
    return FALSE;
  if (pdf_path != NULL && !kes_pdf_write_file (document, pdf_path, NULL, error))
    return FALSE;
  if (xml_path != NULL && !kes_xml_write_file (document, xml_path, error))
    return FALSE;
  return kes_store_audit (store, KES_AUDIT_EXPORT, NULL, patient_id,
                          pdf_path != NULL && xml_path != NULL ? "crisis plan (PDF, XML)"
                          : pdf_path != NULL ? "crisis plan (PDF)" : "crisis plan (XML)", error);
}
