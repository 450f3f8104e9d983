/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reports"

#include "config.h"

#include "kes-pdf-writer.h"
#include "kes-report-sar.h"
#include "kes-report-summary.h"
#include "kes-store-community.h"
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
    "Agreed next visit.", "Seen at home.",
  };

  kes_store_set_actor (fixture->store, fixture->alice);
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
                                                   NULL, &error));
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
  g_object_unref (poppler);

  pdf_path = g_build_filename (folder, KES_SAR_PDF_NAME, NULL);
  kes_test_pdf_check_pdfinfo (pdf_path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/summary", test_summary);
  g_test_add_func ("/reports/summary-monitoring", test_summary_monitoring);
  g_test_add_func ("/reports/subject-access", test_subject_access);

  return g_test_run ();
}
