/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-carer-documents.h"
#include "kes-clock.h"
#include "kes-pdf-writer.h"
#include "kes-test-pdf.h"
#include "kes-xml-writer.h"

/* The carer's assessment as PDF and XML, and a carer-facing letter that
 * shows only what consent allows. */

static KesFieldRecord *
make_carer (void)
{
  KesFieldRecord *carer = kes_field_record_new (&kes_carer_kind);

  kes_field_record_set_text (carer, "name", "Grace Okafor");
  kes_field_record_set_text (carer, "phone", "07700 900123");
  return carer;
}

static char *
pdf_text (KesDocument *document,
          const char  *keep_as)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = kes_pdf_render_bytes (document, NULL, &error);
  PopplerDocument *poppler = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  if (g_getenv ("KES_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), keep_as, NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }
  poppler = kes_test_pdf_open (pdf);
  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      g_autofree char *page = kes_test_pdf_page_text (poppler, i);
      g_string_append (text, page);
    }
  g_object_unref (poppler);
  return g_string_free (text, FALSE);
}

static void
test_assessment (void)
{
  g_autoptr(KesFieldRecord) carer = make_carer ();
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *outcomes[] = { "work", "recreation", NULL };

  kes_field_record_set_text (assessment, "status", "completed");
  kes_field_record_set_text (assessment, "offered_on", "2026-05-01");
  kes_field_record_set_text (assessment, "assessed_on", "2026-05-20");
  kes_field_record_set_text (assessment, "review_date", "2027-05-20");
  kes_field_record_set_text (assessment, "wellbeing_impact", "Sleeps badly after visits; has stopped seeing friends.");
  kes_field_record_set_text (assessment, "willing_to_care", "Willing, but not to be the only support at weekends.");
  kes_field_record_set_bool (assessment, "needs_from_caring", TRUE);
  kes_field_record_set_bool (assessment, "significant_impact", TRUE);
  kes_field_record_set_list (assessment, "outcomes_unachievable", outcomes);
  kes_field_record_set_text (assessment, "support_plan", "Carers’ group on Tuesdays; respite one weekend a month.");

  document = kes_carer_assessment_document (carer, assessment, "OKAFOR, Daniel", "Carla Carter", NULL);
  text = pdf_text (document, "carer-assessment.pdf");
  g_assert_nonnull (strstr (text, "Carer’s assessment"));
  g_assert_nonnull (strstr (text, "Grace Okafor"));
  g_assert_nonnull (strstr (text, "OKAFOR, Daniel"));
  g_assert_nonnull (strstr (text, "Sleeps badly after visits"));
  g_assert_nonnull (strstr (text, "Work, training, education or volunteering"));
  g_assert_nonnull (strstr (text, "respite one weekend a month"));
  /* An unanswered question says so rather than disappearing. */
  g_assert_nonnull (strstr (text, "Not recorded in this assessment"));

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "Grace Okafor"));
}

static GPtrArray *
sections (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_carer_section_free);

  g_ptr_array_add (list, kes_carer_section_new ("general", "Contacting the team", "Call the duty worker on weekdays."));
  g_ptr_array_add (list, kes_carer_section_new ("diagnosis", "Diagnosis", "Paranoid schizophrenia, stable."));
  g_ptr_array_add (list, kes_carer_section_new ("medication", "Medication", "Depot every four weeks."));
  g_ptr_array_add (list, kes_carer_section_new ("appointments", "Next appointment", "CPA review on 2 December."));
  return list;
}

static void
test_letter_follows_consent (void)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) carer = make_carer ();
  g_autoptr(KesFieldRecord) consent = kes_field_record_new (&kes_carer_consent_kind);
  g_autoptr(GPtrArray) parts = sections ();
  g_autoptr(KesDocument) given = NULL;
  g_autoptr(KesDocument) withdrawn = NULL;
  g_autofree char *given_text = NULL;
  g_autofree char *withdrawn_text = NULL;
  const char *scope[] = { "medication", "appointments", NULL };

  kes_clock_set_fixed (now);
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "2026-11-03");

  given = kes_carer_letter_document (carer, consent, parts, "Carla Carter");
  given_text = pdf_text (given, "carer-letter.pdf");
  g_assert_nonnull (strstr (given_text, "Dear Grace Okafor,"));
  g_assert_nonnull (strstr (given_text, "Call the duty worker"));
  g_assert_nonnull (strstr (given_text, "Depot every four weeks."));
  g_assert_nonnull (strstr (given_text, "CPA review on 2 December."));
  g_assert_null (strstr (given_text, "schizophrenia"));

  /* Withdrawn: the same letter now holds general information only. */
  kes_field_record_set_text (consent, "status", "withdrawn");
  withdrawn = kes_carer_letter_document (carer, consent, parts, "Carla Carter");
  withdrawn_text = pdf_text (withdrawn, "carer-letter-withdrawn.pdf");
  g_assert_nonnull (strstr (withdrawn_text, "Call the duty worker"));
  g_assert_null (strstr (withdrawn_text, "Depot"));
  g_assert_null (strstr (withdrawn_text, "CPA review"));
  g_assert_null (strstr (withdrawn_text, "schizophrenia"));
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/carer-documents/assessment", test_assessment);
  g_test_add_func ("/carer-documents/letter-follows-consent", test_letter_follows_consent);
  return g_test_run ();
}
