/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reports"

#include "config.h"

#include "kes-pdf-writer.h"
#include "kes-carers.h"
#include "kes-moj.h"
#include "kes-report-sar.h"
#include "kes-store-moj.h"
#include "kes-report-summary.h"
#include "kes-store-community.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-test-pdf.h"
#include "kes-test-store.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *page = kes_test_pdf_page_text (document, i);

      g_string_append (text, page);
      g_string_append_c (text, '\n');
    }

  /* Lines wrapped in narrow table cells read as one line. */
  g_strdelimit (text->str, "\n", ' ');

  return g_string_free (text, FALSE);
}

static void
test_summary (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  PopplerDocument *poppler;
  const char *expected[] = {
    "Patient summary", "North team", "Demographics", "O’BRIEN — CAFÉ, Zoë",
    "Female", "White: Any other White background", "NR1 3SR", "07700 900123", "Prince’s Street Surgery",
    "Section 37 with section 41 restrictions", "North", "Alice Adeyemi, Care coordinator",
    "Dr Bob Okafor, Responsible clinician", "10 Jan 2026", "F20.0", "Paranoid schizophrenia",
    "Do not visit alone", "Allergy: penicillin", "Recent contacts", "Telephone",
    "Agreed next visit.", "Seen at home.", "MHCS/2019/4411", "Category 2: violent offender or hospital order",
    "Wounding with intent (s18), 14 Aug 2018, Norwich",
  };
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);

  kes_store_set_actor (fixture->store, fixture->alice);
  /* The legal status, MHCS reference, MAPPA and index offence come from
   * the one legal status record. */
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2024-02-03");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "mappa_category", "2");
  kes_moj_record_set_text (status, "index_offences", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  document = kes_report_patient_summary (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);

  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  poppler = kes_test_pdf_open (pdf);
  kes_test_pdf_assert_furniture (poppler, "OFFICIAL-SENSITIVE", NULL, "943 476 5919", "1 Feb 1990");
  text = all_text (poppler);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the summary:\n%s", expected[i], text);

  /* An entered-in-error contact is not a recent contact. */
  g_assert_null (strstr (text, "Recorded against the wrong patient"));
  /* Nothing monitored, nothing recorded: no monitoring section. */
  g_assert_null (strstr (text, "Medication monitoring"));

  title = poppler_document_get_author (poppler);
  g_assert_cmpstr (title, ==, "Alice Adeyemi");
  g_object_unref (poppler);

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  g_assert_true (kes_xml_validate_memory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                          KES_SCHEMA_DOCUMENT, &error));
  g_assert_no_error (error);
}

static void
save_care (KesTestStore *fixture,
           const char   *kind,
           const char   *const *pairs)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);
  g_autoptr(GError) error = NULL;

  kes_care_record_set_patient_id (record, fixture->patient_id);
  for (guint i = 0; pairs[i] != NULL; i += 2)
    kes_care_record_set (record, pairs[i], pairs[i + 1]);
  g_assert_true (kes_store_save_care_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

/* The summary carries the clinician's monitoring settings, the latest BMI
 * against the band for the patient's ethnic category (NICE PH46: lower
 * thresholds for people of Indian background) and what is due. */
static void
test_summary_monitoring (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PopplerDocument *poppler;
  const char *expected[] = {
    "Medication monitoring", "Not to be re-challenged with clozapine",
    "Red result on 14 Oct 2019 at another trust", "Clozapine blood count thresholds",
    "Benign ethnic neutropenia (BEN) criteria, CPMS (Clozaril Patient Monitoring Service): chosen by "
    "Dr Bob Okafor on 20 Nov 2026", "Latest BMI", "24.2 on 2 Nov 2026, above the healthy weight band",
    "NICE’s lower thresholds", "Clozapine blood test", "Lipids",
  };

  kes_store_set_actor (fixture->store, fixture->alice);
  patient = kes_store_load_patient (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "H");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  save_care (fixture, KES_CARE_PRESCRIPTION, (const char * const[]) {
    "drug", "Clozapine", "category", "clozapine", "dose", "300 mg", "prescriber", "Dr Bob Okafor",
    "start_date", "2026-01-05", NULL });
  save_care (fixture, KES_CARE_CLOZAPINE_MONITORING, (const char * const[]) {
    "decided_on", "2026-11-20", "monitoring_service", "cpms", "thresholds", "ben",
    "decided_by", "Dr Bob Okafor", "reason", "Haematology review; registered with CPMS under BEN", NULL });
  save_care (fixture, KES_CARE_CLOZAPINE_NO_RECHALLENGE, (const char * const[]) {
    "decided_on", "2026-11-20", "decided_by", "Dr Bob Okafor", "reason",
    "Red result on 14 Oct 2019 at another trust", NULL });
  save_care (fixture, KES_CARE_PHYSICAL_HEALTH, (const char * const[]) {
    "taken_on", "2026-11-02", "weight_kg", "70", "height_cm", "170", NULL });

  document = kes_report_patient_summary (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  if (g_getenv ("KES_SHOTS_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "summary-monitoring.pdf", NULL);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
    }
  poppler = kes_test_pdf_open (pdf);
  text = all_text (poppler);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the summary:\n%s", expected[i], text);
  g_object_unref (poppler);
}

/* With checks due but no setting recorded (no thresholds chosen, no BMI),
 * the section goes straight to what is due: it used to print "None
 * recorded." above the table of due checks. */
static void
test_summary_monitoring_due_only (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *section = NULL;
  const char *start, *end;
  PopplerDocument *poppler;

  kes_store_set_actor (fixture->store, fixture->alice);
  save_care (fixture, KES_CARE_PRESCRIPTION, (const char * const[]) {
    "drug", "Clozapine", "category", "clozapine", "dose", "300 mg", "prescriber", "Dr Bob Okafor",
    "start_date", "2026-01-05", NULL });
  document = kes_report_patient_summary (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  poppler = kes_test_pdf_open (pdf);
  text = all_text (poppler);
  start = strstr (text, "Medication monitoring");
  g_assert_nonnull (start);
  end = strstr (start, "Clozapine blood test");
  g_assert_nonnull (end);
  section = g_strndup (start, end - start);
  g_assert_null (strstr (section, "None recorded"));
  g_object_unref (poppler);
}

/* The summary shows the alerts the header shows, medication alerts first
 * (it used to say "No alerts are recorded" beside a toxic lithium level),
 * and what is prescribed now with the latest results. */
static void
test_summary_alerts_and_medication (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PopplerDocument *poppler;
  const char *expected[] = {
    "Alerts", "Toxic", "Do not visit alone", "Current medication and latest results", "Lithium carbonate",
    "400 mg oral at night", "Latest lithium level", "1.6 mmol/L on 19 Nov 2026", "Depot: Paliperidone palmitate",
    "100 mg every 28 days", "last given 2 Nov 2026", "Latest physical health check", "BP 138/86 mmHg",
  };

  kes_store_set_actor (fixture->store, fixture->alice);
  save_care (fixture, KES_CARE_PRESCRIPTION, (const char * const[]) {
    "drug", "Lithium carbonate", "category", "lithium", "dose", "400 mg", "route", "oral", "frequency", "at night",
    "prescriber", "Dr Bob Okafor", "start_date", "2026-01-05", NULL });
  save_care (fixture, KES_CARE_LITHIUM_LEVEL, (const char * const[]) {
    "taken_on", "2026-11-19", "level", "1.6", "hours_post_dose", "12", NULL });
  save_care (fixture, KES_CARE_PRESCRIPTION, (const char * const[]) {
    "drug", "Paliperidone palmitate", "category", "depot", "depot_drug", "paliperidone-palmitate-1m",
    "dose", "100 mg", "interval_days", "28", "prescriber", "Dr Bob Okafor", "start_date", "2026-06-01", NULL });
  {
    g_autoptr(GListModel) scripts = kes_store_list_care_records (fixture->store, fixture->patient_id,
                                                                 KES_CARE_PRESCRIPTION, FALSE, &error);
    g_autoptr(KesCareRecord) depot = g_list_model_get_item (scripts, 0);

    g_assert_cmpstr (kes_care_record_get (depot, "category"), ==, "depot");
    save_care (fixture, KES_CARE_DEPOT_DOSE, (const char * const[]) {
      "prescription_id", kes_care_record_get_id (depot), "given_on", "2026-11-02", "outcome", "given",
      "dose", "100 mg", "site", "Left deltoid", "batch", "PP1", "given_by", "Alice", NULL });
  }
  save_care (fixture, KES_CARE_PHYSICAL_HEALTH, (const char * const[]) {
    "taken_on", "2026-11-16", "systolic", "138", "diastolic", "86", "weight_kg", "95.1", NULL });

  document = kes_report_patient_summary (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  if (g_getenv ("KES_SHOTS_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "summary-alerts-medication.pdf", NULL);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
    }
  poppler = kes_test_pdf_open (pdf);
  text = all_text (poppler);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the summary:\n%s", expected[i], text);
  g_assert_null (strstr (text, "No alerts are recorded"));
  g_object_unref (poppler);
}

static char *
read_file (const char *folder,
           const char *name,
           gsize      *length)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_subject_access (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *pdf_data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf_path = NULL;
  g_autoptr(GBytes) pdf = NULL;
  const char *names[] = {
    KES_SAR_PDF_NAME, KES_SAR_XML_NAME, KES_SAR_RECORD_NAME,
    "kestrel-document-1.xsd", "kestrel-record-1.xsd",
  };
  const char *expected[] = {
    "Subject access disclosure", "Register", "History of the register",
    "Corrected: GP practice was recorded against the wrong patient",
    "Phone: added “07700 900123”", "Contacts", "(entered in error)",
    "Marked entered in error: Wrong patient", "Recorded against the wrong patient",
    "No concerns raised by carer.", "Carer raised one concern about sleep.",
    "Corrected: Carer's concern was left out", "Staff named in this record", "Dr Bob Okafor",
    "Release",
  };
  PopplerDocument *poppler;
  gsize length;

  kes_store_set_actor (fixture->store, fixture->alice);
  folder = g_build_filename (fixture->dir, "sar", NULL);
  g_assert_true (kes_report_subject_access_export (fixture->store, fixture->patient_id, folder,
                                                   NULL, NULL, &error));
  g_assert_no_error (error);

  /* The manifest names every file with its checksum. */
  manifest = read_file (folder, KES_SAR_MANIFEST_NAME, &length);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *contents = read_file (folder, names[i], &length);
      g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *)contents, length);
      g_autofree char *line = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes, SHA-256 %s", length, sum);

      g_assert_nonnull (strstr (manifest, names[i]));
      g_assert_nonnull (strstr (manifest, line));
    }
  g_assert_nonnull (strstr (manifest, "3 contacts (1 entered in error), with 5 revisions."));
  g_assert_nonnull (strstr (manifest, "2 notes (0 entered in error), with 3 revisions."));
  g_assert_nonnull (strstr (manifest, "The register, with 3 revisions."));

  /* Both XML files validate. */
  {
    g_autofree char *path = g_build_filename (folder, KES_SAR_XML_NAME, NULL);
    g_autofree char *record = g_build_filename (folder, KES_SAR_RECORD_NAME, NULL);

    g_assert_true (kes_xml_validate_file (path, KES_SCHEMA_DOCUMENT, &error));
    g_assert_no_error (error);
    g_assert_true (kes_xml_validate_file (record, KES_SCHEMA_RECORD, &error));
    g_assert_no_error (error);
  }

  pdf_data = read_file (folder, KES_SAR_PDF_NAME, &length);
  pdf = g_bytes_new_take (g_steal_pointer (&pdf_data), length);
  poppler = kes_test_pdf_open (pdf);
  kes_test_pdf_assert_furniture (poppler, "OFFICIAL-SENSITIVE", NULL, "943 476 5919", "1 Feb 1990");
  text = all_text (poppler);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in the disclosure:\n%s", expected[i], text);
  /* The history reads in words: the gender's label and the team's name,
   * never the code or the id. */
  g_assert_nonnull (strstr (text, "“Female”"));
  g_assert_nonnull (strstr (text, "“North”"));
  g_assert_null (strstr (text, "“2”"));
  g_assert_null (strstr (text, "6a0c3f2e"));
  g_object_unref (poppler);

  pdf_path = g_build_filename (folder, KES_SAR_PDF_NAME, NULL);
  kes_test_pdf_check_pdfinfo (pdf_path);
}

static KesFieldRecord *
save_carer_record (KesTestStore        *fixture,
                   const KesRecordKind *kind,
                   gboolean             of_patient,
                   ...)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *record = kes_field_record_new (kind);
  const char *key;
  va_list args;

  if (of_patient)
    kes_field_record_set_patient_id (record, fixture->patient_id);
  va_start (args, of_patient);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_field_record_set_text (record, key, va_arg (args, const char *));
  va_end (args);
  if (!kes_store_save_carer_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error))
    g_error ("%s: %s", kind->name, error->message);
  return record;
}

static KesSarThirdParty *
find_party (GPtrArray       *parties,
            KesSarThirdKind  kind)
{
  for (guint i = 0; i < parties->len; i++)
    if (((KesSarThirdParty *) parties->pdata[i])->kind == kind)
      return parties->pdata[i];
  return NULL;
}

/* The redaction step: a carer, victims and another patient named in a
 * note are listed; withheld, the carer's address and assessment and the
 * other patient's name are nowhere in the export (PDF, document XML or
 * case record), included victim information is there, and the manifest
 * records each decision with its reason. A decision without a reason is
 * refused and nothing is written. */
static void
test_subject_access_redaction (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(KesFieldRecord) link = NULL;
  g_autoptr(KesFieldRecord) assessment = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  g_autoptr(KesPatient) other = kes_patient_new ();
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GPtrArray) parties = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *record = NULL;
  g_autofree char *document_xml = NULL;
  g_autofree char *pdf_data = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  PopplerDocument *poppler;

  kes_store_set_actor (fixture->store, fixture->alice);
  carer = save_carer_record (fixture, &kes_carer_kind, FALSE, "name", "Grace Okafor", "address",
                             "4 Mill Lane, Wymondham", "phone", "07700 900999", "email", "grace@example.org", NULL);
  link = save_carer_record (fixture, &kes_carer_link_kind, TRUE, "carer_id", kes_field_record_get_id (carer),
                            "relationship", "sister", NULL);
  assessment = save_carer_record (fixture, &kes_carer_assessment_kind, TRUE, "carer_id",
                                  kes_field_record_get_id (carer), "status", "completed", "offered_on", "2026-10-01",
                                  "assessed_on", "2026-10-20", "review_date", "2027-10-20", "wellbeing_impact",
                                  "Not sleeping since the arrest",
                                  NULL);
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2024-02-03");
  kes_moj_record_set_text (status, "victim_concerns", "The victim fears meeting him in Thorpe");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_patient_set_text (other, KES_PATIENT_FAMILY_NAME, "Dunnock");
  kes_patient_set_text (other, KES_PATIENT_GIVEN_NAME, "Dee");
  kes_patient_set_text (other, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (other, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (other, KES_PATIENT_BIRTH_DATE, "1991-04-02");
  g_assert_true (kes_store_save_patient (fixture->store, other, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_note_set_patient_id (note, fixture->patient_id);
  kes_note_set_title (note, "Ward round");
  kes_note_set_body (note, "Argued with Dee Dunnock on the ward; settled after.");
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  parties = kes_report_subject_access_third_parties (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parties->len, ==, 3);
  g_assert_cmpstr (find_party (parties, KES_SAR_THIRD_CARER)->name, ==, "Grace Okafor (carer)");
  g_assert_nonnull (find_party (parties, KES_SAR_THIRD_VICTIMS));
  g_assert_cmpstr (find_party (parties, KES_SAR_THIRD_PATIENT)->name, ==, "Dee Dunnock (another patient)");
  for (guint i = 0; i < parties->len; i++)
    g_assert_false (((KesSarThirdParty *) parties->pdata[i])->include);

  folder = g_build_filename (fixture->dir, "sar-redacted", NULL);
  /* Every decision needs its reason. */
  g_assert_false (kes_report_subject_access_export (fixture->store, fixture->patient_id, folder, parties, NULL,
                                                    &error));
  g_assert_nonnull (strstr (error->message, "say why this is included or withheld"));
  g_clear_error (&error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS) &&
                  g_file_test (g_build_filename (folder, KES_SAR_MANIFEST_NAME, NULL), G_FILE_TEST_EXISTS));

  find_party (parties, KES_SAR_THIRD_CARER)->reason = g_strdup ("Carer did not consent to disclosure");
  find_party (parties, KES_SAR_THIRD_VICTIMS)->include = TRUE;
  find_party (parties, KES_SAR_THIRD_VICTIMS)->reason = g_strdup ("Already known to him from the tribunal papers");
  find_party (parties, KES_SAR_THIRD_PATIENT)->reason = g_strdup ("Another patient's confidentiality");
  g_assert_true (kes_report_subject_access_export (fixture->store, fixture->patient_id, folder, parties, NULL,
                                                   &error));
  g_assert_no_error (error);

  manifest = read_file (folder, KES_SAR_MANIFEST_NAME, NULL);
  g_assert_nonnull (strstr (manifest, "Withheld: Grace Okafor (carer)"));
  g_assert_nonnull (strstr (manifest, "Reason: Carer did not consent to disclosure"));
  g_assert_nonnull (strstr (manifest, "Included: Victims"));
  g_assert_nonnull (strstr (manifest, "Reason: Already known to him from the tribunal papers"));
  g_assert_nonnull (strstr (manifest, "Withheld: Dee Dunnock (another patient)"));
  record = read_file (folder, KES_SAR_RECORD_NAME, NULL);
  document_xml = read_file (folder, KES_SAR_XML_NAME, NULL);
  pdf_data = read_file (folder, KES_SAR_PDF_NAME, &length);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&pdf_data), length);

    poppler = kes_test_pdf_open (bytes);
  }
  text = all_text (poppler);
  g_object_unref (poppler);
  for (guint i = 0; i < 3; i++)
    {
      const char *where = i == 0 ? text : i == 1 ? record : document_xml;

      g_assert_null (strstr (where, "Mill Lane"));
      g_assert_null (strstr (where, "07700 900999"));
      g_assert_null (strstr (where, "Not sleeping since the arrest"));
      g_assert_null (strstr (where, "Dunnock"));
      g_assert_nonnull (strstr (where, "The victim fears meeting him in Thorpe"));
    }
  g_assert_nonnull (strstr (text, "Argued with [Withheld: another person’s name] on the ward"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/summary", test_summary);
  g_test_add_func ("/reports/summary-monitoring", test_summary_monitoring);
  g_test_add_func ("/reports/summary-monitoring-due-only", test_summary_monitoring_due_only);
  g_test_add_func ("/reports/summary-alerts-and-medication", test_summary_alerts_and_medication);
  g_test_add_func ("/reports/subject-access", test_subject_access);
  g_test_add_func ("/reports/subject-access-redaction", test_subject_access_redaction);

  return g_test_run ();
}
