/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-risk-assessment.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"

/* A structured risk assessment comes through the import's door as through
 * its form (issue 17 item 1). Before, a case record's risk assessment was
 * imported unchecked: a case prioritisation of "EXTREME", a completed
 * HCR-20 with no item rated and no judgement, a tool no one has installed,
 * an assessment dated 2099 and a status of "whatever" all went in and were
 * shown as a clinician's. Each hostile file is refused with the database
 * unchanged apart from the access log; the valid control imports. */

#define IMPORTED_AT "2026-11-23T09:00:00Z"

/* Zoë's record with an HCR-20 completed, signed off, then corrected with a
 * reason. Made once. */
static const char *
risk_case_record (void)
{
  static char *exported = NULL;

  if (exported == NULL)
    {
      g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
      g_autoptr(KesToolDefinition) def = NULL;
      g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new (source->patient_id, "HCR-20", "3", 1);
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *items;

      kes_test_set_now (IMPORTED_AT);
      def = kes_tool_library_find (source->store, "HCR-20", "3", 1, &error);
      g_assert_no_error (error);
      items = kes_tool_definition_get_all_items (def);
      for (guint i = 0; i < items->len; i++)
        {
          const KesToolItem *item = g_ptr_array_index (items, i);

          kes_risk_assessment_set_rating (a, item->code, "presence", i % 2 == 0 ? "P" : "N");
          if (item->parent == NULL && i % 2 == 0)
            kes_risk_assessment_set_rating (a, item->code, "relevance", "M");
        }
      kes_risk_assessment_set_field (a, "formulation", "Violence when intoxicated and feeling disrespected.");
      kes_risk_assessment_set_field (a, "case_prioritisation", "M");
      kes_risk_assessment_set_field (a, "serious_harm", "M");
      kes_risk_assessment_set_field (a, "imminent_violence", "L");
      kes_risk_assessment_set_field (a, "other_risks", "No");
      kes_risk_assessment_set_assessed_on (a, "2026-11-20");
      kes_risk_assessment_set_completed_by (a, "Dr A Example");
      kes_risk_assessment_set_next_review_on (a, "2027-05-20");
      g_assert_true (kes_tool_assessment_complete (source->store, def, a, NULL, KES_TEST_PASSWORD, &error));
      g_assert_no_error (error);
      kes_risk_assessment_set_field (a, "serious_harm", "H");
      g_assert_true (kes_tool_assessment_complete (source->store, def, a, "Threats reported by his sister",
                                                   KES_TEST_PASSWORD, &error));
      g_assert_no_error (error);

      xml = kes_record_export_bytes (source->store, source->patient_id, &error);
      g_assert_no_error (error);
      exported = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
    }
  return exported;
}

/* The file with the first @from inside the risk assessment replaced by @to. */
static char *
edited (const char *from,
        const char *to)
{
  const char *xml = risk_case_record ();
  const char *entry = strstr (xml, "<entry kind=\"risk-assessment\"");
  const char *at = entry != NULL ? strstr (entry, from) : NULL;

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, to, at + strlen (from));
}

static void
import_text (KesTestStore  *target,
             const char    *xml,
             GError       **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  kes_test_set_now (IMPORTED_AT);
  kes_test_import_bytes (target->store, bytes, KES_RECORD_IMPORT_DEFAULT, error);
}

static void
test_valid_control (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GError) error = NULL;

  import_text (target, risk_case_record (), &error);
  g_assert_no_error (error);
}

static void
test_hostile (void)
{
  const struct
  {
    const char *from;
    const char *to;
    const char *expected;
  } cases[] = {
    { "<text name=\"case_prioritisation\">M", "<text name=\"case_prioritisation\">EXTREME",
      "Case prioritisation: “EXTREME” is not one of its choices" },
    { "<text name=\"case_prioritisation\">M</text>", "", "Case prioritisation: not filled in" },
    { "<text name=\"presence\">P", "<text name=\"presence\">maybe", "is not a point of its scale" },
    { "<text name=\"presence\">P", "<text name=\"verdict\">P", "it is not rated for “verdict”" },
    { "<text name=\"tool_id\">HCR-20", "<text name=\"tool_id\">MADE-UP", "is not installed" },
    { "<text name=\"assessed_on\">2026-11-20", "<text name=\"assessed_on\">2099-11-20", "Date assessed" },
    { "<text name=\"status\">completed", "<text name=\"status\">whatever", "neither a draft nor completed" },
    { "change=\"correction\"", "change=\"edit\"", "only revised as a correction with a reason" },
    { "<text name=\"formulation\">", "<text name=\"made_up_field\">", "not a field of HCR-20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
      g_autofree char *xml = edited (cases[i].from, cases[i].to);
      g_autofree char *before = kes_test_dump_without_audit (target);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      import_text (target, xml, &error);
      kes_test_assert_plain_refusal (error, cases[i].expected);
      after = kes_test_dump_without_audit (target);
      g_assert_cmpstr (before, ==, after);
    }
}

/* The assessment's data names its patient too: it must be the patient
 * whose record it is in. */
static void
test_other_patient (void)
{
  const char *xml = risk_case_record ();
  const char *entry = strstr (xml, "<entry kind=\"risk-assessment\"");
  const char *named = strstr (entry, "<text name=\"patient_id\">") + strlen ("<text name=\"patient_id\">");
  g_autofree char *patient_id = g_strndup (named, 36);
  g_autofree char *from = g_strconcat ("<text name=\"patient_id\">", patient_id, NULL);
  g_autofree char *other = edited (from, "<text name=\"patient_id\">00000000-0000-4000-8000-000000000005");
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GError) error = NULL;

  import_text (target, other, &error);
  kes_test_assert_plain_refusal (error, "names a patient other than the one whose record it is in");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-risk/valid-control", test_valid_control);
  g_test_add_func ("/import-risk/hostile", test_hostile);
  g_test_add_func ("/import-risk/other-patient", test_other_patient);

  return g_test_run ();
}
