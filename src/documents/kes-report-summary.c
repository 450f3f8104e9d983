/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-crisis-essentials.h"
#include "kes-error.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-report-common-private.h"
#include "kes-report-summary.h"
#include "kes-report-summary-private.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"

static void
add_value (KesBlock   *values,
           const char *label,
           const char *value)
{
  kes_block_add_key_value (values, label, kes_report_or_not_recorded (value));
}

static void
add_code (KesBlock   *values,
          const char *label,
          const char *list_name,
          const char *code)
{
  g_autofree char *text = kes_report_code_label (list_name, code);

  add_value (values, label, text);
}

static void
add_staff (KesStore   *store,
           KesBlock   *values,
           const char *label,
           const char *staff_id)
{
  g_autofree char *name = kes_report_staff_name (store, staff_id);

  add_value (values, label, name);
}

static void
add_demographics (KesDocument *document,
                  KesPatient  *patient)
{
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *birth = kes_report_date (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  g_autofree char *nhs = kes_document_format_nhs_number (kes_patient_get_text (patient, KES_PATIENT_NHS_NUMBER));
  const char * const *list = kes_patient_get_list (patient, KES_PATIENT_ALIASES);
  g_autofree char *aliases = list != NULL ? g_strjoinv ("\n", (char **)list) : NULL;
  KesBlock *values;

  kes_document_add_heading (document, 1, _("Demographics"));
  values = kes_document_add_key_values (document, NULL);
  add_value (values, _("Name"), name);
  add_value (values, kes_patient_field_label (KES_PATIENT_PREFERRED_NAME),
             kes_patient_get_text (patient, KES_PATIENT_PREFERRED_NAME));
  add_value (values, _("Other names"), aliases);
  add_value (values, kes_patient_field_label (KES_PATIENT_BIRTH_DATE), birth);
  add_value (values, kes_patient_field_label (KES_PATIENT_NHS_NUMBER), nhs);
  add_code (values, kes_patient_field_label (KES_PATIENT_GENDER), KES_CODES_GENDER,
            kes_patient_get_text (patient, KES_PATIENT_GENDER));
  add_code (values, kes_patient_field_label (KES_PATIENT_GENDER_IDENTITY), KES_CODES_GENDER_IDENTITY,
            kes_patient_get_text (patient, KES_PATIENT_GENDER_IDENTITY));
  add_code (values, kes_patient_field_label (KES_PATIENT_ETHNICITY), KES_CODES_ETHNIC_CATEGORY,
            kes_patient_get_text (patient, KES_PATIENT_ETHNICITY));
  add_value (values, kes_patient_field_label (KES_PATIENT_ADDRESS),
             kes_patient_get_text (patient, KES_PATIENT_ADDRESS));
  add_value (values, kes_patient_field_label (KES_PATIENT_POSTCODE),
             kes_patient_get_text (patient, KES_PATIENT_POSTCODE));
  add_value (values, kes_patient_field_label (KES_PATIENT_PHONE),
             kes_patient_get_text (patient, KES_PATIENT_PHONE));
  add_value (values, kes_patient_field_label (KES_PATIENT_GP_PRACTICE),
             kes_patient_get_text (patient, KES_PATIENT_GP_PRACTICE));
}

static void
add_care (KesDocument *document,
          KesStore    *store,
          KesPatient  *patient)
{
  /* The legal status from its one record (the Legal & MoJ tab). */
  g_autoptr(KesMojRecord) legal = kes_store_current_legal_status (store, kes_patient_get_id (patient), NULL);
  g_autofree char *summary = legal != NULL ? kes_legal_status_dup_summary (legal) : NULL;
  g_autoptr(KesTeam) team = NULL;
  g_autofree char *referral = kes_report_date (kes_patient_get_text (patient, KES_PATIENT_REFERRAL_DATE));
  const char *team_id = kes_patient_get_text (patient, KES_PATIENT_TEAM_ID);
  KesBlock *values;

  if (team_id != NULL && team_id[0] != '\0')
    team = kes_store_find_team (store, team_id);

  kes_document_add_heading (document, 1, _("Legal status and care team"));
  values = kes_document_add_key_values (document, NULL);
  add_value (values, _("Mental Health Act status"), summary);
  add_value (values, _("MHCS reference"), legal != NULL ? kes_moj_record_get_text (legal, "mhcs_reference") : NULL);
  add_code (values, _("MAPPA category"), KES_CODES_MAPPA_CATEGORY,
            legal != NULL ? kes_moj_record_get_text (legal, "mappa_category") : NULL);
  add_code (values, _("MAPPA level"), KES_CODES_MAPPA_LEVEL,
            legal != NULL ? kes_moj_record_get_text (legal, "mappa_level") : NULL);
  add_value (values, _("Index offence"), legal != NULL ? kes_moj_record_get_text (legal, "index_offences") : NULL);
  add_value (values, kes_patient_field_label (KES_PATIENT_TEAM_ID),
             team != NULL ? kes_team_get_name (team) : NULL);
  add_staff (store, values, kes_patient_field_label (KES_PATIENT_COORDINATOR_ID),
             kes_patient_get_text (patient, KES_PATIENT_COORDINATOR_ID));
  add_staff (store, values, kes_patient_field_label (KES_PATIENT_CLINICIAN_ID),
             kes_patient_get_text (patient, KES_PATIENT_CLINICIAN_ID));
  add_staff (store, values, kes_patient_field_label (KES_PATIENT_SUPERVISOR_ID),
             kes_patient_get_text (patient, KES_PATIENT_SUPERVISOR_ID));
  add_value (values, kes_patient_field_label (KES_PATIENT_REFERRAL_DATE), referral);
}

static void
add_diagnoses (KesDocument *document,
               KesPatient  *patient)
{
  const char * const *codes = kes_patient_get_list (patient, KES_PATIENT_DIAGNOSES);
  const char *notes = kes_patient_get_text (patient, KES_PATIENT_DIAGNOSIS_NOTES);
  KesCodeList *icd10 = kes_code_list_get (KES_CODES_ICD10);
  KesBlock *table;

  kes_document_add_heading (document, 1, _("Diagnoses"));
  table = kes_document_add_table (document,
                                  (const char * const[]) { _("ICD-10"), _("Diagnosis"), NULL },
                                  (const double[]) { 1, 5 });
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const char *label = kes_code_list_lookup (icd10, codes[i]);

      kes_block_add_row_cells (table, codes[i], label != NULL ? label : _("Not in Kestrel’s code list"),
                               NULL);
    }

  if (notes != NULL && notes[0] != '\0')
    kes_document_add_paragraph (document, notes);
}

/* Every alert the record header shows: the medication alerts (a red
 * clozapine result, a toxic lithium level, not to be re-challenged) first,
 * then those typed on the register. */
static gboolean
add_alerts (KesDocument  *document,
            KesStore     *store,
            KesPatient   *patient,
            GError      **error)
{
  const char * const *typed = kes_patient_get_list (patient, KES_PATIENT_ALERTS);
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) care = kes_store_list_care_alerts (store, kes_patient_get_id (patient), &local);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  /* A reader who may not see clinical records gets the register's alerts. */
  if (care == NULL && !g_error_matches (local, KES_ERROR, KES_ERROR_PERMISSION))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  for (guint i = 0; care != NULL && i < care->len; i++)
    g_ptr_array_add (all, care->pdata[i]);
  for (guint i = 0; typed != NULL && typed[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) typed[i]);
  g_ptr_array_add (all, NULL);

  kes_document_add_heading (document, 1, _("Alerts"));
  if (all->len == 1)
    kes_document_add_paragraph (document, _("No alerts are recorded."));
  else
    kes_document_add_list (document, (const char * const *) all->pdata);
  return TRUE;
}

/* What the patient takes now, with the latest results that go with it
 * (kes_store_medication_lines, as the crisis plan has them). */
static gboolean
add_medication (KesDocument  *document,
                KesStore     *store,
                KesPatient   *patient,
                GError      **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GPtrArray) lines = kes_store_medication_lines (store, kes_patient_get_id (patient), &local);
  KesBlock *values;

  if (lines == NULL)
    {
      if (g_error_matches (local, KES_ERROR, KES_ERROR_PERMISSION))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  kes_document_add_heading (document, 1, _("Current medication and latest results"));
  values = kes_document_add_key_values (document, NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      KesEssentialLine *line = g_ptr_array_index (lines, i);

      kes_block_add_key_value (values, line->label, line->value);
    }
  return TRUE;
}

static gboolean
add_contacts (KesDocument  *document,
              KesStore     *store,
              KesPatient   *patient,
              GError      **error)
{
  g_autoptr(GListModel) contacts = kes_store_list_contacts (store, kes_patient_get_id (patient),
                                                            FALSE, error);
  guint n_contacts;
  KesBlock *table;

  if (contacts == NULL)
    return FALSE;

  n_contacts = g_list_model_get_n_items (contacts);
  kes_document_add_heading (document, 1, _("Recent contacts"));
  if (n_contacts > KES_REPORT_SUMMARY_CONTACTS)
    {
      g_autofree char *text = g_strdup_printf (_("The %u most recent of %u contacts."),
                                               KES_REPORT_SUMMARY_CONTACTS, n_contacts);

      kes_document_add_paragraph (document, text);
    }

  table = kes_document_add_table (document,
                                  (const char * const[]) { _("Date"), _("Type"), _("With"),
                                                           _("Minutes"), _("Summary"), NULL },
                                  (const double[]) { 1.5, 1.3, 1.3, 1.1, 4 });

  /* The store lists newest first. */
  for (guint i = 0; i < MIN (n_contacts, KES_REPORT_SUMMARY_CONTACTS); i++)
    {
      g_autoptr(KesContact) contact = g_list_model_get_item (contacts, i);
      g_autofree char *when = kes_report_time (kes_contact_get_occurred_at (contact));
      g_autofree char *type = kes_report_code_label (KES_CODES_CONTACT_TYPE,
                                                     kes_contact_get_contact_type (contact));
      g_autofree char *minutes = g_strdup_printf ("%d", kes_contact_get_duration_minutes (contact));
      const char *with = kes_contact_get_with_whom (contact);
      const char *summary = kes_contact_get_summary (contact);

      kes_block_add_row_cells (table, when, type != NULL ? type : "", with != NULL ? with : "",
                               minutes, summary != NULL ? summary : "", NULL);
    }

  return TRUE;
}

KesDocument *
kes_report_patient_summary (KesStore    *store,
                            const char  *patient_id,
                            GError     **error)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(KesTeam) team = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subject = NULL;
  const char *team_id;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  patient = kes_store_load_patient (store, patient_id, error);
  if (patient == NULL)
    return NULL;

  name = kes_patient_dup_display_name (patient);
  document = kes_report_new_document (store, patient, "patient-summary", _("Patient summary"));
  /* Translators: %s is a patient's name */
  subject = g_strdup_printf (_("Summary of the record of %s"), name);
  kes_document_set_subject (document, subject);

  team_id = kes_patient_get_text (patient, KES_PATIENT_TEAM_ID);
  if (team_id != NULL && team_id[0] != '\0' && (team = kes_store_find_team (store, team_id)) != NULL)
    {
      /* Translators: %s is a team name, "North" */
      g_autofree char *subtitle = g_strdup_printf (_("%s team"), kes_team_get_name (team));

      kes_document_set_subtitle (document, subtitle);
    }

  add_demographics (document, patient);
  add_care (document, store, patient);
  add_diagnoses (document, patient);
  if (!add_alerts (document, store, patient, error) ||
      !add_medication (document, store, patient, error) ||
      !kes_report_summary_add_monitoring (document, store, patient, error) ||
      !add_contacts (document, store, patient, error))
    return NULL;

  return g_steal_pointer (&document);
}
