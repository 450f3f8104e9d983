/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <poppler.h>

#include "kes-clock.h"
#include "kes-pdf-writer.h"
#include "kes-report-error.h"
#include "kes-report-moj.h"
#include "kes-test-pdf.h"
#include "kes-validate.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"

typedef struct
{
  KesStore   *store;
  KesStaff   *social;
  KesStaff   *clinical;
  KesPatient *patient;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  static const char *times[] = { "2026-02-03T10:00:00Z", "2026-02-10T11:00:00Z", "2026-02-17T10:00:00Z",
                                 "2026-02-20T10:00:00Z" };
  static const char *types[] = { "face-to-face", "phone", "dna", "face-to-face" };

  set_now ("2026-02-25T09:00:00Z");
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->social = kes_store_add_staff (fixture->store, "sam", "Sam Social", "Social supervisor", "North", "", &error);
  fixture->clinical = kes_store_add_staff (fixture->store, "cara", "Dr Cara Clinic", "Consultant", "North", "", &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->social);

  fixture->patient = kes_patient_new ();
  kes_patient_set_text (fixture->patient, KES_PATIENT_FAMILY_NAME, "Crane");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GIVEN_NAME, "John");
  kes_patient_set_text (fixture->patient, KES_PATIENT_BIRTH_DATE, "1979-05-02");
  kes_patient_set_text (fixture->patient, KES_PATIENT_NHS_NUMBER, "9434765919");
  kes_patient_set_text (fixture->patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (fixture->patient, KES_PATIENT_ETHNICITY, "A");
  kes_patient_set_text (fixture->patient, KES_PATIENT_TEAM_ID, "North");
  kes_patient_set_text (fixture->patient, KES_PATIENT_SUPERVISOR_ID, kes_staff_get_id (fixture->social));
  kes_patient_set_text (fixture->patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (fixture->clinical));
  g_assert_true (kes_store_save_patient (fixture->store, fixture->patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, kes_patient_get_id (fixture->patient));
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2026-01-31");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2026-01-31");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();
      kes_contact_set_patient_id (contact, kes_patient_get_id (fixture->patient));
      kes_contact_set_occurred_at (contact, times[i]);
      kes_contact_set_contact_type (contact, types[i]);
      kes_contact_set_summary (contact, "Visit");
      g_assert_true (kes_store_save_contact (fixture->store, contact, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->social);
  g_clear_object (&fixture->clinical);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static void
test_shipped_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojTemplate) template = kes_moj_template_get_current (&error);
  const KesMojTemplateField *field;

  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_template_get_id (template), ==, "moj-cd-report");
  g_assert_cmpstr (kes_moj_template_get_version (template), ==, "2024-10");
  g_assert_cmpuint (kes_moj_template_get_parts (template)->len, ==, 3);
  g_assert_cmpstr (kes_moj_template_find_part (template, "C")->signer, ==, KES_MOJ_SIGNER_CLINICAL);
  g_assert_cmpstr (kes_moj_template_find_part (template, "B")->signer, ==, KES_MOJ_SIGNER_SOCIAL);
  field = kes_moj_template_find_field (template, "B.contacts_count");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->prefill, ==, "contacts.count");
  g_assert_null (kes_moj_template_find ("moj-cd-report", "1999-01", &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
}

static void
assert_refused (const char *xml,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(KesMojTemplate) template = kes_moj_template_new_from_bytes (bytes, &error);

  g_assert_null (template);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_error ("expected “%s” in “%s”", expected, error->message);
}

#define HEAD "<?xml version=\"1.0\"?>\n<tool xmlns=\"urn:kestrel:tooldef:1\" id=\"t\" version=\"1\" defVersion=\"1\">" \
             "<title>T</title><citation>C</citation><licence kind=\"local\"><note>N</note></licence>" \
             "<review defaultIntervalMonths=\"3\" requiresSignOff=\"true\"/>"

static void
test_bad_templates (void)
{
  /* A field filed under the wrong part. */
  assert_refused (HEAD "<section code=\"A\" signer=\"social-supervisor\"><title>A</title>"
                  "<item code=\"A-s\"><title>S</title><field id=\"B.x\" type=\"text\"><label>X</label></field>"
                  "</item></section></tool>", "must start with its part");
  /* A prefill source core does not offer. */
  assert_refused (HEAD "<section code=\"A\" signer=\"social-supervisor\"><title>A</title>"
                  "<item code=\"A-s\"><title>S</title><field id=\"A.x\" type=\"text\" prefill=\"patient.password\">"
                  "<label>X</label></field></item></section></tool>", "does not record");
  /* A part nobody signs, or signed by a role Kestrel does not know. */
  assert_refused (HEAD "<section code=\"A\"><title>A</title>"
                  "<field id=\"A.x\" type=\"text\"><label>X</label></field></section></tool>",
                  "social or the clinical supervisor");
  assert_refused (HEAD "<section code=\"A\" signer=\"anyone\"><title>A</title>"
                  "<field id=\"A.x\" type=\"text\"><label>X</label></field></section></tool>",
                  "social or the clinical supervisor");
  /* Ratings have no place in a report. */
  assert_refused (HEAD "<scale id=\"s\"><point code=\"0\"><label>No</label></point></scale>"
                  "<section code=\"A\" signer=\"social-supervisor\"><title>A</title>"
                  "<item code=\"A-s\"><title>S</title><rating name=\"r\" scale=\"s\"/></item></section></tool>",
                  "not ratings");
  /* Two fields with one id: the definition's own schema refuses it. */
  assert_refused (HEAD "<section code=\"A\" signer=\"social-supervisor\"><title>A</title>"
                  "<field id=\"A.x\" type=\"text\"><label>X</label></field>"
                  "<field id=\"A.x\" type=\"text\"><label>Y</label></field></section></tool>", "Line");
  /* Hostile input: a DOCTYPE is refused before anything is read. */
  assert_refused ("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x \"y\">]><tool/>", "");
}

static void
complete_and_sign (Fixture      *fixture,
                   KesMojRecord *report)
{
  g_autoptr(GError) error = NULL;
  const char *parts[] = { "A", "B", "C" };

  kes_moj_report_set_value (report, "B.mental_state", "Settled, engaging well with weekly visits.");
  kes_moj_report_set_value (report, "B.recommendation", "Continue conditional discharge.");
  kes_moj_report_set_value (report, "C.insight", "Good insight into relapse signatures.");
  kes_moj_report_set_value (report, "C.recommendation", "continue");
  g_assert_true (kes_store_save_moj_record (fixture->store, report, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      kes_store_set_actor (fixture->store, i < 2 ? fixture->social : fixture->clinical);
      g_assert_true (kes_store_set_moj_part_ready (fixture->store, report, parts[i], TRUE, &error));
      g_assert_true (kes_store_sign_moj_report_part (fixture->store, report, parts[i], &error));
      g_assert_no_error (error);
    }
  kes_store_set_actor (fixture->store, fixture->social);
}

static void
test_prefill_and_render (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojTemplate) template = kes_moj_template_get_current (&error);
  g_autoptr(KesMojRecord) report = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  PopplerDocument *poppler = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  guint logged;
  g_autofree char *count = NULL;

  report = kes_report_moj_new_report (fixture->store, template, kes_patient_get_id (fixture->patient),
                                      KES_MOJ_REPORT_ROUTINE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_text (report, "due_date"), ==, "2026-02-28");
  g_assert_cmpstr (kes_moj_record_get_text (report, "template_version"), ==, "2024-10");
  /* The prefilled count is the contact log's count over the period. */
  logged = kes_store_count_contacts (fixture->store, kes_patient_get_id (fixture->patient),
                                     kes_moj_record_get_text (report, "period_from"),
                                     kes_moj_record_get_text (report, "period_to"));
  g_assert_cmpuint (logged, ==, 3);
  count = g_strdup_printf ("%u", logged);
  g_assert_cmpstr (kes_moj_report_get_value (report, "B.contacts_count"), ==, count);
  g_assert_true (kes_moj_report_is_prefilled (report, "B.contacts_count"));
  g_assert_cmpstr (kes_moj_report_get_value (report, "A.name"), ==, "CRANE, John");
  g_assert_cmpstr (kes_moj_report_get_value (report, "A.mhcs_reference"), ==, "MHCS/2019/4411");
  g_assert_false (kes_moj_report_is_prefilled (report, "B.mental_state"));

  complete_and_sign (fixture, report);
  document = kes_report_moj_document (fixture->store, report, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  poppler = kes_test_pdf_open (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), >=, 4);
  kes_test_pdf_assert_furniture (poppler, "OFFICIAL-SENSITIVE", "CRANE, John", "943 476 5919", "2 May 1979");
  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (poppler, i);
      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Part A: patient details and supervision"));
  g_assert_nonnull (strstr (all->str, "Part B: social supervisor’s report"));
  g_assert_nonnull (strstr (all->str, "Part C: clinical supervisor’s report"));
  g_assert_nonnull (strstr (all->str, "Contacts since the last report"));
  g_assert_nonnull (strstr (all->str, "Continue conditional discharge"));
  g_assert_nonnull (strstr (all->str, "Dr Cara Clinic"));
  g_assert_nonnull (strstr (all->str, "moj-cd-report 2024-10"));
  g_assert_null (strstr (all->str, "Altered after signing"));
  if (g_getenv ("KES_MOJ_PDF") != NULL)
    g_file_set_contents (g_getenv ("KES_MOJ_PDF"), g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  g_assert_true (kes_xml_validate_memory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                          KES_SCHEMA_DOCUMENT, &error));
  g_assert_no_error (error);

  /* Changed after signing: the PDF says so. */
  kes_moj_report_set_value (report, "C.insight", "Insight is partial.");
  g_clear_object (&document);
  document = kes_report_moj_document (fixture->store, report, &error);
  g_assert_no_error (error);
  g_clear_pointer (&pdf, g_bytes_unref);
  g_clear_object (&poppler);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  poppler = kes_test_pdf_open (pdf);
  g_string_truncate (all, 0);
  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (poppler, i);
      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Altered after signing"));
  g_clear_object (&poppler);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/moj-report/shipped-template", test_shipped_template);
  g_test_add_func ("/moj-report/bad-templates", test_bad_templates);
  g_test_add ("/moj-report/prefill-and-render", Fixture, NULL, fixture_set_up, test_prefill_and_render,
              fixture_tear_down);
  return g_test_run ();
}
