/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-risk-report"

#include "config.h"

#include <string.h>

#include "kes-pdf-writer.h"
#include "kes-report-risk.h"
#include "kes-store-risk.h"
#include "kes-test-pdf.h"
#include "kes-test-store.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"
#include "kes-test-accounts.h"

static KesToolDefinition *
shipped (KesStore   *store,
         const char *tool_id,
         const char *version)
{
  g_autoptr(GError) error = NULL;
  KesToolDefinition *def = kes_tool_library_find (store, tool_id, version, 1, &error);

  g_assert_no_error (error);
  return def;
}

static char *
all_text (GBytes *pdf)
{
  PopplerDocument *document = kes_test_pdf_open (pdf);
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *page = kes_test_pdf_page_text (document, i);
      g_string_append (text, page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

/* Writes the file under $RISK_PDF_DIR when set, to look at. */
static void
keep (GBytes     *bytes,
      const char *name)
{
  const char *dir = g_getenv ("RISK_PDF_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static void
test_hcr20_export (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesToolDefinition) def = shipped (fixture->store, "HCR-20", "3");
  g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new (fixture->patient_id, "HCR-20", "3", 1);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *text = NULL;
  g_autofree char *s1 = NULL;
  g_autofree char *m1 = NULL;
  GPtrArray *items = kes_tool_definition_get_all_items (def);
  GError *error = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      kes_risk_assessment_set_rating (a, item->code, "presence", i % 3 == 0 ? "Y" : i % 3 == 1 ? "P" : "N");
      /* Relevance only for a factor present or partially present. */
      if (item->parent == NULL && i % 3 != 2)
        kes_risk_assessment_set_rating (a, item->code, "relevance", "M");
    }
  kes_risk_assessment_set_field (a, "H1_evidence", "Violence reported from age 14.");
  kes_risk_assessment_set_field (a, "formulation", "Violence when intoxicated and feeling disrespected.");
  s1 = kes_risk_assessment_add_entry (a, "scenarios");
  kes_risk_assessment_set_entry_value (a, "scenarios", s1, "scenario_name", "Assault in a pub after drinking");
  m1 = kes_risk_assessment_add_entry (a, "strategies");
  kes_risk_assessment_set_entry_value (a, "strategies", m1, "strategy_kind", "monitoring");
  kes_risk_assessment_set_entry_value (a, "strategies", m1, "strategy_detail", "Weekly alcohol screening.");
  kes_risk_assessment_set_entry_value (a, "strategies", m1, "strategy_scenarios", s1);
  kes_risk_assessment_set_field (a, "case_prioritisation", "M");
  kes_risk_assessment_set_field (a, "serious_harm", "M");
  kes_risk_assessment_set_field (a, "imminent_violence", "L");
  kes_risk_assessment_set_field (a, "other_risks", "No");
  kes_risk_assessment_set_assessed_on (a, "2026-11-21");
  kes_risk_assessment_set_completed_by (a, "Dr A Example");
  kes_risk_assessment_set_next_review_on (a, "2027-05-21");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  document = kes_report_risk_assessment (fixture->store, def, a, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  keep (pdf, "risk-hcr20.pdf");
  text = all_text (pdf);
  /* Citation, licence note, the honest frame note, the scenario behind a strategy. */
  g_assert_nonnull (strstr (text, "Douglas KS, Hart SD"));
  g_assert_nonnull (strstr (text, "supplied by a licensed site"));
  g_assert_nonnull (strstr (text, "H1 (wording supplied by"));
  g_assert_nonnull (strstr (text, "Scenario 1: Assault in a pub after drinking"));
  g_assert_nonnull (strstr (text, "Completed and signed off"));
  /* No totals for a structured professional judgement tool. */
  g_assert_null (strstr (text, "Total"));

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  keep (xml, "risk-hcr20.xml");
  g_assert_true (kes_xml_validate_memory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                          KES_SCHEMA_DOCUMENT, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), "Simon Fraser University"));
}

static KesRiskAssessment *
dundrum (KesTestStore      *fixture,
         KesToolDefinition *def,
         const char        *on,
         const char        *scores,
         const char        *security_need)
{
  KesRiskAssessment *a = kes_risk_assessment_new (fixture->patient_id, "DUNDRUM-1", "1.0.30", 1);
  g_auto(GStrv) each = g_strsplit (scores, " ", -1);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *code = g_strdup_printf ("TS%u", i + 1);
      kes_risk_assessment_set_rating (a, code, "score", each[i]);
    }
  kes_risk_assessment_set_assessed_on (a, on);
  kes_risk_assessment_set_completed_by (a, "Dr A Example");
  kes_risk_assessment_set_next_review_on (a, "2027-05-21");
  kes_risk_assessment_set_field (a, "security_need", security_need);
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  return a;
}

static void
test_dundrum_and_comparison (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesToolDefinition) def = shipped (fixture->store, "DUNDRUM-1", "1.0.30");
  g_autoptr(KesRiskAssessment) a = dundrum (fixture, def, "2026-05-20", "3 1 2 0 2 1 2 U 2 1 0", "LOW");
  g_autoptr(KesRiskAssessment) b = dundrum (fixture, def, "2026-11-20", "3 1 1 0 2 1 2 2 2 1 0", "MEDIUM");
  g_autoptr(KesRiskAssessment) other = kes_risk_assessment_new (fixture->patient_id, "DUNDRUM-1", "1.0.30", 2);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(KesDocument) comparison = NULL;
  g_autoptr(KesDocument) refused = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) cmp_pdf = NULL;
  g_autoptr(GBytes) refused_pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *text = NULL;
  g_autofree char *cmp_text = NULL;
  g_autofree char *refused_text = NULL;
  GError *error = NULL;

  document = kes_report_risk_assessment (fixture->store, def, b, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  keep (pdf, "risk-dundrum1.pdf");
  text = all_text (pdf);
  g_assert_nonnull (strstr (text, "Kennedy HG"));
  g_assert_nonnull (strstr (text, "TS8 Victim issues"));
  g_assert_nonnull (strstr (text, "Total of rated items (0–44)"));
  g_assert_nonnull (strstr (text, "Medium secure"));

  comparison = kes_report_risk_comparison (fixture->store, def, a, b, &error);
  g_assert_no_error (error);
  cmp_pdf = kes_pdf_render_bytes (comparison, NULL, &error);
  g_assert_no_error (error);
  keep (cmp_pdf, "risk-comparison.pdf");
  cmp_text = all_text (cmp_pdf);
  /* The ratings and the clinician's own judgement, Low → Medium secure. */
  g_assert_nonnull (strstr (cmp_text, "2 ratings changed · 1 judgement changed"));
  g_assert_nonnull (strstr (cmp_text, "The clinician’s judgements"));
  g_assert_nonnull (strstr (cmp_text, "Recommended level of therapeutic"));
  g_assert_nonnull (strstr (cmp_text, "Low secure"));
  g_assert_nonnull (strstr (cmp_text, "Medium secure"));
  xml = kes_xml_render_bytes (comparison, &error);
  g_assert_no_error (error);
  kes_xml_validate_memory (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), KES_SCHEMA_DOCUMENT, &error);
  g_assert_no_error (error);

  refused = kes_report_risk_comparison (fixture->store, def, a, other, &error);
  g_assert_no_error (error);
  refused_pdf = kes_pdf_render_bytes (refused, NULL, &error);
  g_assert_no_error (error);
  refused_text = all_text (refused_pdf);
  g_assert_nonnull (strstr (refused_text, "different definitions"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk/report/hcr20", test_hcr20_export);
  g_test_add_func ("/risk/report/dundrum-and-comparison", test_dundrum_and_comparison);

  return g_test_run ();
}
