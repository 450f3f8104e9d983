/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-crisis"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-codes.h"
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

static void
add_person (KesDocument *document,
            KesStore    *store,
            KesPatient  *patient)
{
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *nhs = kes_document_format_nhs_number (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER));
  g_autofree char *birth = kes_report_date (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  g_autofree char *legal = kes_report_code_label (KES_CODES_LEGAL_STATUS,
                                                  kes_patient_get_text (patient, KES_PATIENT_LEGAL_STATUS));
  g_autofree char *coordinator = kes_report_staff_name (store, kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
  g_autofree char *clinician = kes_report_staff_name (store, kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID));
  KesBlock *values;

  kes_document_add_heading (document, 1, _("Person"));
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("Name"), name);
  kes_block_add_key_value (values, _("NHS number"), kes_report_or_not_recorded (nhs));
  kes_block_add_key_value (values, _("Date of birth"), kes_report_or_not_recorded (birth));
  kes_block_add_key_value (values, _("Legal status"), kes_report_or_not_recorded (legal));
  kes_block_add_key_value (values, _("MHCS reference"),
                           kes_report_or_not_recorded (kes_patient_get_text (patient, KES_PATIENT_MHCS_REFERENCE)));
  kes_block_add_key_value (values, _("Care coordinator"), kes_report_or_not_recorded (coordinator));
  kes_block_add_key_value (values, _("Responsible clinician"), kes_report_or_not_recorded (clinician));
}

static gboolean
add_medication (KesDocument  *document,
                KesStore     *store,
                const char   *patient_id,
                GError      **error)
{
  g_autoptr(GListModel) scripts = kes_store_list_care_records (store, patient_id, KES_CARE_PRESCRIPTION, FALSE, error);
  g_autoptr(GListModel) doses = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  gboolean clozapine = FALSE;
  KesBlock *table;

  if (scripts == NULL)
    return FALSE;
  doses = kes_store_list_care_records (store, patient_id, KES_CARE_DEPOT_DOSE, FALSE, error);
  if (doses == NULL)
    return FALSE;

  kes_document_add_heading (document, 2, _("Current medication"));
  table = kes_document_add_table (document,
                                  (const char * const[]) { _("Medicine"), _("Dose"), _("How"), _("Next depot due"), NULL },
                                  (const double[]) { 3, 2, 2, 2 });
  for (guint i = 0; i < g_list_model_get_n_items (scripts); i++)
    {
      g_autoptr(KesCareRecord) script = g_list_model_get_item (scripts, i);
      const char *stop = kes_care_record_get (script, "stop_date");
      g_autofree char *how = NULL;
      g_autofree char *next = g_strdup ("");
      double interval;

      if (*stop != '\0' && g_strcmp0 (stop, today_iso) <= 0)
        continue;
      if (g_str_equal (kes_care_record_get (script, "category"), "clozapine"))
        clozapine = TRUE;
      how = g_strjoin (" ", kes_care_record_get (script, "route"), kes_care_record_get (script, "frequency"), NULL);
      if (g_str_equal (kes_care_record_get (script, "category"), "depot") &&
          kes_care_record_get_number (script, "interval_days", &interval) && interval >= 1)
        {
          g_autoptr(GDate) start = kes_date_from_iso (kes_care_record_get (script, "start_date"));
          g_autoptr(GDate) last = NULL;
          g_autoptr(GDate) due = NULL;
          g_autofree char *due_iso = NULL;

          for (guint j = 0; j < g_list_model_get_n_items (doses) && last == NULL; j++)
            {
              g_autoptr(KesCareRecord) dose = g_list_model_get_item (doses, j);
              if (g_str_equal (kes_care_record_get (dose, "prescription_id"), kes_care_record_get_id (script)) &&
                  g_str_equal (kes_care_record_get (dose, "outcome"), "given"))
                last = kes_date_from_iso (kes_care_record_get (dose, "given_on"));
            }
          due = start != NULL ? kes_depot_next_due (last, start, (guint) interval) : NULL;
          due_iso = due != NULL ? kes_date_to_iso (due) : NULL;
          g_free (next);
          next = kes_report_date (due_iso);
        }
      kes_block_add_row_cells (table, kes_care_record_get (script, "drug"), kes_care_record_get (script, "dose"),
                               g_strstrip (how), next, NULL);
    }
  if (kes_block_get_n_rows (table) == 0)
    kes_block_add_row_cells (table, _("No current prescriptions recorded"), "", "", "", NULL);
  if (clozapine)
    {
      g_autofree char *rule = g_strdup_printf (
        _("Clozapine: after a break of more than %.0f hours do not restart at the usual dose — it must "
          "be re-titrated; contact the prescriber. After a break of more than %.0f hours blood tests "
          "restart weekly for %u weeks."),
        kes_clozapine_retitrate_hours (), kes_clozapine_restart_weekly_hours (),
        kes_clozapine_restart_weekly_weeks ());
      kes_document_add_paragraph (document, rule);
    }
  return TRUE;
}

static gboolean
add_services (KesDocument  *document,
              KesStore     *store,
              KesPatient   *patient,
              GError      **error)
{
  const char *team_id = kes_patient_get_text (patient, KES_PATIENT_TEAM_ID);
  g_autoptr(KesTeam) team = team_id != NULL && *team_id != '\0' ? kes_store_find_team (store, team_id) : NULL;
  g_autoptr(GPtrArray) services = NULL;
  KesBlock *table;

  /* From the service directory: the team's area and the national numbers. */
  services = kes_store_list_services (store, team != NULL ? kes_team_get_name (team) : NULL, error);
  if (services == NULL)
    return FALSE;
  kes_document_add_heading (document, 2, _("Crisis and out-of-hours numbers"));
  if (services->len == 0)
    {
      kes_document_add_paragraph (document, _("The service directory lists no services for this area."));
      return TRUE;
    }
  table = kes_document_add_table (document,
                                  (const char * const[]) { _("Service"), _("Phone"), _("Out of hours"), NULL },
                                  (const double[]) { 4, 2, 2 });
  for (guint i = 0; i < services->len; i++)
    {
      KesFieldRecord *service = g_ptr_array_index (services, i);
      const char *phone = kes_field_record_get_text (service, "general_phone");

      if (*phone == '\0')
        phone = kes_field_record_get_text (service, "urgent_phone");
      kes_block_add_row_cells (table, kes_field_record_get_text (service, "name"), phone,
                               kes_field_record_get_text (service, "crisis_phone"), NULL);
    }
  return TRUE;
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

  document = kes_report_new_document (store, patient, "crisis-plan", _("Crisis and contingency plan"));
  agreed = kes_report_date (kes_care_record_get (plan, "agreed_on"));
  subtitle = g_strdup_printf (_("For the crisis resolution and home treatment team · agreed %s"), agreed);
  kes_document_set_subtitle (document, subtitle);
  kes_document_set_subject (document, _("Crisis and contingency plan"));

  add_person (document, store, patient);

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
  if (!add_services (document, store, patient, error))
    return NULL;
  add_section (document, plan, "contingency", missing);
  add_section (document, plan, "carer_involvement", missing);
  add_missing (document, missing);

  kes_document_add_heading (document, 1, _("Forensic essentials"));
  add_section (document, plan, "legal_contacts", missing);
  add_section (document, plan, "risk_to_others", missing);
  add_section (document, plan, "medication_notes", missing);
  if (!add_medication (document, store, patient_id, error))
    return NULL;
  add_section (document, plan, "carer_consent", missing);
  add_missing (document, missing);

  kes_document_add_heading (document, 1, _("Agreement"));
  values = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (values, _("Plan agreed on"), agreed);
  kes_block_add_key_value (values, _("Signed by the person"),
                           kes_care_record_get_bool (plan, "signed") ? _("Yes") : _("No"));
  kes_block_add_key_value (values, _("Copy given to the person"),
                           kes_care_record_get_bool (plan, "copy_given") ? _("Yes") : _("No"));
  kes_block_add_key_value (values, _("Last updated by"), kes_care_record_get_author_name (plan));
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
