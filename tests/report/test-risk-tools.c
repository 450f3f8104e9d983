/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-risk-tools"

#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-report-error.h"
#include "kes-store-due.h"
#include "kes-store-risk.h"
#include "kes-test-store.h"
#include "kes-tool-assessment.h"
#include "kes-tool-library.h"
#include "kes-xml-schema.h"
#include "kes-test-accounts.h"

/* ---- Definitions ---- */

static KesToolDefinition *
shipped (const char *tool_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = kes_tool_library_list_shipped (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (kes_tool_definition_get_id (g_ptr_array_index (list, i)), tool_id))
      return g_object_ref (g_ptr_array_index (list, i));
  g_assert_not_reached ();
}

static char *
shipped_source (const char *tool_id)
{
  g_autoptr(KesToolDefinition) def = shipped (tool_id);
  GBytes *bytes = kes_tool_definition_get_source (def);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* @source with the first @from replaced by @to. */
static GBytes *
edited (const char *source,
        const char *from,
        const char *to)
{
  const char *at = strstr (source, from);
  GString *text;

  g_assert_nonnull (at);
  text = g_string_new_len (source, at - source);
  g_string_append (text, to);
  g_string_append (text, at + strlen (from));
  return g_string_free_to_bytes (text);
}

static void
test_shipped_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = kes_tool_library_list_shipped (&error);
  const char *expected[] = { "5PS", "DUNDRUM-1", "DUNDRUM-2", "HCR-20", "KESTREL-CRAM", "SAPROF", "START" };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      g_autoptr(KesToolDefinition) def = shipped (expected[e]);
      GBytes *source = kes_tool_definition_get_source (def);

      /* Every shipped file also passes the XSD on its own. */
      g_assert_true (kes_xml_validate_memory (g_bytes_get_data (source, NULL), g_bytes_get_size (source),
                                              KES_SCHEMA_TOOL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (kes_tool_definition_get_title (def));
      g_assert_nonnull (kes_tool_definition_get_citation (def));
      g_assert_nonnull (kes_tool_definition_get_licence_note (def));
      g_assert_cmpuint (kes_tool_definition_get_def_version (def), ==, 1);
    }
}

static void
test_shipped_structure (void)
{
  g_autoptr(KesToolDefinition) d1 = shipped ("DUNDRUM-1");
  g_autoptr(KesToolDefinition) hcr = shipped ("HCR-20");
  g_autoptr(KesToolDefinition) start = shipped ("START");
  g_autoptr(KesToolDefinition) saprof = shipped ("SAPROF");
  const KesToolItem *item;
  const KesToolField *field;
  guint top_level = 0;

  /* DUNDRUM-1: eleven labelled items 0-4, totals allowed. */
  g_assert_cmpuint (kes_tool_definition_get_all_items (d1)->len, ==, 11);
  item = kes_tool_definition_find_item (d1, "TS8");
  g_assert_cmpstr (item->title, ==, "Victim issues");
  g_assert_cmpstr (kes_tool_item_get_display_title (item), ==, "Victim issues");
  g_assert_true (kes_tool_definition_get_allow_totals (d1));
  g_assert_cmpint (kes_tool_definition_get_licence_kind (d1), ==,
                   KES_TOOL_LICENCE_ATTRIBUTION_NO_DERIVATIVES);

  /* HCR-20 V3: a frame of 20 items, no wording, no totals, presence and relevance. */
  for (guint i = 0; i < kes_tool_definition_get_all_items (hcr)->len; i++)
    {
      const KesToolItem *it = g_ptr_array_index (kes_tool_definition_get_all_items (hcr), i);

      g_assert_null (it->title);
      g_assert_cmpint (it->text_source, ==, KES_TOOL_TEXT_USER_SUPPLIED);
      if (it->parent == NULL)
        {
          top_level++;
          g_assert_cmpuint (it->ratings->len, ==, 2);
        }
    }
  g_assert_cmpuint (top_level, ==, 20);
  g_assert_false (kes_tool_definition_get_allow_totals (hcr));
  item = kes_tool_definition_find_item (hcr, "H1");
  g_assert_cmpuint (item->subitems->len, ==, 3);
  g_assert_cmpstr (kes_tool_item_get_display_title (item), ==, "Wording supplied by your licence");
  g_assert_true (kes_tool_scale_find_point (((KesToolRating *) g_ptr_array_index (item->ratings, 0))->scale,
                                            "Omit")->missing);
  field = kes_tool_definition_find_field (hcr, "strategy_scenarios");
  g_assert_cmpint (field->type, ==, KES_TOOL_FIELD_REF);
  g_assert_cmpstr (field->ref_group->id, ==, "scenarios");
  g_assert_cmpuint (kes_tool_definition_get_judgements (hcr)->len, ==, 5);
  for (guint i = 0; i < kes_tool_definition_get_summaries (hcr)->len; i++)
    g_assert_cmpint (((KesToolSummary *) g_ptr_array_index (kes_tool_definition_get_summaries (hcr), i))->op,
                     !=, KES_TOOL_SUMMARY_SUM);

  /* START: 20 items rated twice; seven risk estimates are judgements. */
  g_assert_cmpuint (kes_tool_definition_get_all_items (start)->len, ==, 20);
  item = kes_tool_definition_find_item (start, "12");
  g_assert_cmpstr (((KesToolRating *) g_ptr_array_index (item->ratings, 0))->name, ==, "strength");
  g_assert_cmpstr (((KesToolRating *) g_ptr_array_index (item->ratings, 1))->name, ==, "vulnerability");
  g_assert_cmpuint (kes_tool_definition_get_judgements (start)->len, ==, 8);

  /* SAPROF: 5 + 7 + 5 factors. */
  g_assert_cmpuint (kes_tool_definition_get_sections (saprof)->len, ==, 3);
  g_assert_cmpuint (((KesToolSection *) g_ptr_array_index (kes_tool_definition_get_sections (saprof), 1))->items->len,
                    ==, 7);
  g_assert_cmpuint (kes_tool_definition_get_all_items (saprof)->len, ==, 17);
}

static void
expect_refused (GBytes     *xml,
                const char *line,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesToolDefinition) def = kes_tool_definition_new_from_bytes (xml, &error);

  g_assert_null (def);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (line != NULL)
    g_assert_true (g_str_has_prefix (error->message, line));
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_malformed (void)
{
  g_autofree char *source = shipped_source ("DUNDRUM-1");
  g_autoptr(GBytes) bad_scale = edited (source, "<rating name=\"score\" scale=\"d0to4\">",
                                        "<rating name=\"score\" scale=\"d0to5\">");
  g_autoptr(GBytes) duplicate = edited (source, "code=\"TS2\"", "code=\"TS1\"");
  g_autoptr(GBytes) no_licence = NULL;
  g_autoptr(GBytes) sum_not_allowed = edited (source, "allowTotals=\"true\"", "allowTotals=\"false\"");
  g_autoptr(GBytes) bad_group = NULL;
  g_autofree char *hcr = shipped_source ("HCR-20");
  const char *licence_start = strstr (source, "  <licence");
  const char *licence_end = strstr (source, "</licence>\n");
  GString *text = g_string_new_len (source, licence_start - source);
  GError *error = NULL;

  g_string_append (text, licence_end + strlen ("</licence>\n"));
  no_licence = g_string_free_to_bytes (text);

  /* The XSD alone rejects each. */
  g_assert_false (kes_xml_validate_memory (g_bytes_get_data (bad_scale, NULL), g_bytes_get_size (bad_scale),
                                           KES_SCHEMA_TOOL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_xml_validate_memory (g_bytes_get_data (duplicate, NULL), g_bytes_get_size (duplicate),
                                           KES_SCHEMA_TOOL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_xml_validate_memory (g_bytes_get_data (no_licence, NULL), g_bytes_get_size (no_licence),
                                           KES_SCHEMA_TOOL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* The loader says which line and what is wrong, in words. */
  expect_refused (bad_scale, "Line 29:", "the scale “d0to5” is not declared");
  expect_refused (duplicate, "Line 32:", "the item code “TS1” is used twice (first on line 27)");
  expect_refused (no_licence, "Line 7:", "The definition has no <licence>");
  expect_refused (sum_not_allowed, "Line ", "does not allow totals");

  bad_group = edited (hcr, "refGroup=\"scenarios\"", "refGroup=\"scenes\"");
  expect_refused (bad_group, "Line ", "scenes");
}

static void
test_hostile (void)
{
  g_autoptr(GBytes) doctype = g_bytes_new_static (
    "<?xml version=\"1.0\"?><!DOCTYPE tool [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<tool xmlns=\"urn:kestrel:tooldef:1\">&x;</tool>", 118);
  g_autoptr(GBytes) other = g_bytes_new_static ("<?xml version=\"1.0\"?><record/>", 30);
  g_autoptr(GError) error = NULL;

  g_assert_null (kes_tool_definition_new_from_bytes (doctype, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (kes_tool_definition_new_from_bytes (other, &error));
  g_assert_nonnull (error);
}

/* ---- Import ---- */

static void
test_import (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autofree char *source = shipped_source ("DUNDRUM-1");
  g_autoptr(GBytes) again = g_bytes_new (source, strlen (source));
  g_autoptr(GBytes) newer = edited (source, "defVersion=\"1\"", "defVersion=\"2\"");
  g_autoptr(GBytes) broken = edited (source, "code=\"TS2\"", "code=\"TS1\"");
  g_autoptr(KesToolDefinition) imported = NULL;
  g_autoptr(KesToolDefinition) found = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GError *error = NULL;

  before = kes_tool_library_list (fixture->store, &error);
  g_assert_no_error (error);

  /* Invalid: refused, nothing stored. */
  g_assert_null (kes_tool_library_import (fixture->store, broken, &error));
  g_assert_nonnull (strstr (error->message, "Line 32"));
  g_clear_error (&error);
  /* The same key as a shipped definition: refused. */
  g_assert_null (kes_tool_library_import (fixture->store, again, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS);
  g_clear_error (&error);
  after = kes_tool_library_list (fixture->store, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);

  imported = kes_tool_library_import (fixture->store, newer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_tool_definition_get_key (imported), ==, "DUNDRUM-1 1.0.30 #2");
  after = kes_tool_library_list (fixture->store, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  found = kes_tool_library_find (fixture->store, "DUNDRUM-1", "1.0.30", 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  /* Stored definitions never change under the same key. */
  g_assert_null (kes_tool_library_import (fixture->store, newer, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);
}

/* ---- Assessments ---- */

static KesRiskAssessment *
rated_dundrum (KesTestStore      *fixture,
               KesToolDefinition *def,
               const char        *scores)
{
  KesRiskAssessment *a = kes_risk_assessment_new (fixture->patient_id, kes_tool_definition_get_id (def),
                                                  kes_tool_definition_get_version (def),
                                                  kes_tool_definition_get_def_version (def));
  g_auto(GStrv) each = g_strsplit (scores, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *code = g_strdup_printf ("TS%u", i + 1);
      kes_risk_assessment_set_rating (a, code, "score", g_str_equal (each[i], "-") ? NULL : each[i]);
    }
  return a;
}

static void
sign_off (KesRiskAssessment *a,
          const char        *on,
          const char        *next)
{
  kes_risk_assessment_set_assessed_on (a, on);
  kes_risk_assessment_set_completed_by (a, "Dr A Example");
  kes_risk_assessment_set_supervised_by (a, "Dr B Supervisor");
  kes_risk_assessment_set_mdt_reviewed_on (a, on);
  kes_risk_assessment_set_next_review_on (a, next);
  kes_risk_assessment_set_field (a, "security_need", "LOW");
}

static void
test_lifecycle (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesToolDefinition) def = shipped ("DUNDRUM-1");
  g_autoptr(KesRiskAssessment) a = rated_dundrum (fixture, def, "2 1 - 0 3 1 2 U 2 1 0");
  g_autoptr(KesRiskAssessment) loaded = NULL;
  g_autoptr(GPtrArray) unrated = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GListModel) list = NULL;
  GError *error = NULL;

  /* Draft autosave: as often as wanted, no sign-off needed. */
  g_assert_true (kes_store_save_risk_assessment (fixture->store, a, NULL, &error));
  g_assert_no_error (error);
  kes_risk_assessment_set_field (a, "TS1_evidence", "Assault on staff, 2019.");
  g_assert_true (kes_store_save_risk_assessment (fixture->store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_risk_assessment_get_revision (a), ==, 2);

  /* Completion check names what is missing. */
  unrated = kes_tool_assessment_unrated (def, a);
  g_assert_cmpuint (unrated->len, ==, 2);
  g_assert_cmpstr (((KesIssue *) g_ptr_array_index (unrated, 0))->field, ==, "TS3/score");
  g_assert_cmpstr (((KesIssue *) g_ptr_array_index (unrated, 0))->message, ==,
                   "TS3 Immediacy of violence: Rating not given");
  g_assert_cmpstr (((KesIssue *) g_ptr_array_index (unrated, 1))->field, ==, "security_need");
  sign_off (a, "2026-11-21", "2027-05-21");
  kes_risk_assessment_set_field (a, "security_need", NULL);
  g_assert_false (kes_tool_assessment_complete (fixture->store, def, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "TS3 Immediacy of violence: Rating not given"));
  g_clear_error (&error);
  g_assert_cmpint (kes_risk_assessment_get_status (a), ==, KES_RISK_STATUS_DRAFT);

  /* Summaries: sums of ordinals (U is missing, not zero). */
  kes_risk_assessment_set_rating (a, "TS3", "score", "2");
  summaries = kes_tool_assessment_summaries (def, a);
  g_assert_cmpuint (summaries->len, ==, 2);
  g_assert_cmpint (((KesToolSummaryValue *) g_ptr_array_index (summaries, 0))->value, ==, 14);
  g_assert_cmpint (((KesToolSummaryValue *) g_ptr_array_index (summaries, 1))->value, ==, 1);

  /* Sign-off rules. */
  sign_off (a, "2026-11-21", "2026-11-01");
  g_assert_false (kes_tool_assessment_complete (fixture->store, def, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_nonnull (strstr (error->message, "Next review date 2026-11-01: must be after"));
  g_clear_error (&error);

  sign_off (a, "2026-11-21", "2027-05-21");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_risk_assessment_get_status (a), ==, KES_RISK_STATUS_COMPLETED);

  /* Completed: changes only by a revision with a reason, never back to draft. */
  kes_risk_assessment_set_rating (a, "TS5", "score", "2");
  g_assert_false (kes_store_save_risk_assessment (fixture->store, a, NULL, &error));
  g_assert_nonnull (strstr (error->message, "use Complete and Sign Off"));
  g_clear_error (&error);
  g_assert_false (kes_store_sign_off_risk_assessment (fixture->store, a, NULL, KES_TEST_PASSWORD, &error));
  g_assert_nonnull (strstr (error->message, "Reason for change"));
  g_clear_error (&error);
  g_assert_cmpstr (kes_risk_assessment_get_rating (a, "TS5", "score"), ==, "2");
  kes_risk_assessment_set_status (a, KES_RISK_STATUS_DRAFT);
  g_assert_false (kes_store_save_risk_assessment (fixture->store, a, "typo", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kes_store_sign_off_risk_assessment (fixture->store, a, "TS5 mis-keyed: 2, not 3",
                                                    KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  revisions = kes_store_list_revisions (fixture->store, kes_risk_assessment_get_id (a), &error);
  g_assert_cmpuint (revisions->len, ==, 4);

  loaded = kes_store_load_risk_assessment (fixture->store, kes_risk_assessment_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_risk_assessment_get_rating (loaded, "TS5", "score"), ==, "2");
  g_assert_cmpstr (kes_risk_assessment_get_field (loaded, "TS1_evidence"), ==, "Assault on staff, 2019.");
  g_assert_cmpstr (kes_risk_assessment_get_completed_by (loaded), ==, "Dr A Example");
  g_assert_cmpstr (kes_risk_assessment_get_tool_version (loaded), ==, "1.0.30");
  g_assert_cmpint (kes_risk_assessment_get_def_version (loaded), ==, 1);

  list = kes_store_list_risk_assessments (fixture->store, fixture->patient_id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
}

static void
test_spj_no_totals (void)
{
  g_autoptr(KesToolDefinition) hcr = shipped ("HCR-20");
  g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new ("p", "HCR-20", "3", 1);
  g_autoptr(GPtrArray) summaries = NULL;

  kes_risk_assessment_set_rating (a, "H1", "presence", "Y");
  kes_risk_assessment_set_rating (a, "H2", "presence", "Omit");
  summaries = kes_tool_assessment_summaries (hcr, a);
  /* Only the count of what is unrated or omitted: no score. */
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpint (((KesToolSummaryValue *) g_ptr_array_index (summaries, 0))->summary->op, ==,
                   KES_TOOL_SUMMARY_MISSING);
  g_assert_cmpint (((KesToolSummaryValue *) g_ptr_array_index (summaries, 0))->value, ==,
                   kes_tool_definition_get_all_items (hcr)->len - 1);
}

static void
test_groups (void)
{
  g_autoptr(KesToolDefinition) hcr = shipped ("HCR-20");
  g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new ("p", "HCR-20", "3", 1);
  g_autoptr(KesRiskAssessment) copy = NULL;
  g_autofree char *s1 = kes_risk_assessment_add_entry (a, "scenarios");
  g_autofree char *s2 = kes_risk_assessment_add_entry (a, "scenarios");
  g_autofree char *m1 = kes_risk_assessment_add_entry (a, "strategies");
  g_autofree char *refs = g_strdup_printf ("%s %s", s1, s2);
  g_autoptr(GPtrArray) unrated = NULL;
  g_auto(GStrv) entries = NULL;

  kes_risk_assessment_set_entry_value (a, "scenarios", s1, "scenario_name", "Repeat of index offence");
  kes_risk_assessment_set_entry_value (a, "strategies", m1, "strategy_scenarios", refs);
  unrated = kes_tool_assessment_unrated (hcr, a);
  /* Scenario 2 has no name; the strategy has no kind. */
  {
    gboolean scenario = FALSE, strategy = FALSE;

    for (guint i = 0; i < unrated->len; i++)
      {
        KesIssue *issue = g_ptr_array_index (unrated, i);

        scenario |= g_str_equal (issue->message, "Scenario 2: Scenario: not filled in");
        strategy |= g_str_equal (issue->message, "Strategy 1: Kind of strategy: not filled in");
      }
    g_assert_true (scenario);
    g_assert_true (strategy);
  }

  /* Removing a scenario removes references to it. */
  kes_risk_assessment_remove_entry (a, "scenarios", s2);
  g_assert_cmpstr (kes_risk_assessment_get_entry_value (a, "strategies", m1, "strategy_scenarios"), ==, s1);
  copy = kes_risk_assessment_copy (a);
  entries = kes_risk_assessment_list_entries (copy, "scenarios");
  g_assert_cmpuint (g_strv_length (entries), ==, 1);
  g_assert_cmpstr (kes_risk_assessment_get_entry_value (copy, "scenarios", s1, "scenario_name"), ==,
                   "Repeat of index offence");
}

static void
test_compare (void)
{
  g_autoptr(KesToolDefinition) def = shipped ("DUNDRUM-1");
  g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new ("p", "DUNDRUM-1", "1.0.30", 1);
  g_autoptr(KesRiskAssessment) b = kes_risk_assessment_new ("p", "DUNDRUM-1", "1.0.30", 1);
  g_autoptr(KesRiskAssessment) v2 = kes_risk_assessment_new ("p", "DUNDRUM-1", "1.0.30", 2);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  KesToolRatingChange *change;
  const char *scores_a[] = { "2", "1", "3", "0", "3", "1", "2", "U", "2", "1", "0" };
  const char *scores_b[] = { "2", "1", "2", "0", "3", "1", "2", "2", "2", "1", NULL };

  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *code = g_strdup_printf ("TS%u", i + 1);
      kes_risk_assessment_set_rating (a, code, "score", scores_a[i]);
      kes_risk_assessment_set_rating (b, code, "score", scores_b[i]);
      kes_risk_assessment_set_rating (v2, code, "score", scores_b[i]);
    }
  kes_risk_assessment_set_field (b, "TS1_evidence", "Evidence is not a rating.");

  changes = kes_tool_assessment_compare (def, a, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->item->code, ==, "TS3");
  g_assert_cmpstr (change->before, ==, "3");
  g_assert_cmpstr (change->after, ==, "2");
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpstr (change->item->code, ==, "TS8");
  g_assert_cmpstr (kes_tool_point_label (change->rating->scale, change->before), ==, "Insufficient information");
  change = g_ptr_array_index (changes, 2);
  g_assert_cmpstr (change->item->code, ==, "TS11");
  g_assert_null (change->after);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* The judgements, every one, with the changed ones marked. */
  kes_risk_assessment_set_field (a, "security_need", "LOW");
  kes_risk_assessment_set_field (b, "security_need", "MEDIUM");
  {
    g_autoptr(GPtrArray) judgements = kes_tool_assessment_compare_judgements (def, a, b, &error);
    g_autofree char *headline = NULL;
    KesToolJudgementPair *pair;

    g_assert_no_error (error);
    g_assert_cmpuint (judgements->len, ==, 2);
    pair = g_ptr_array_index (judgements, 1);
    g_assert_cmpstr (pair->field->id, ==, "rationale");
    g_assert_null (pair->before);
    g_assert_false (pair->changed);
    pair = g_ptr_array_index (judgements, 0);
    g_assert_cmpstr (pair->field->id, ==, "security_need");
    g_assert_cmpstr (pair->before, ==, "Low secure");
    g_assert_cmpstr (pair->after, ==, "Medium secure");
    g_assert_true (pair->changed);
    {
      g_autoptr(GPtrArray) ratings = kes_tool_assessment_compare (def, a, b, &error);

      headline = kes_tool_comparison_headline (ratings, judgements);
    }
    g_assert_cmpstr (headline, ==, "3 ratings changed · 1 judgement changed");
    g_clear_pointer (&judgements, g_ptr_array_unref);
    judgements = kes_tool_assessment_compare_judgements (def, a, a, &error);
    g_assert_false (((KesToolJudgementPair *) g_ptr_array_index (judgements, 0))->changed);
    g_assert_null (kes_tool_assessment_compare_judgements (def, a, v2, &error));
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* No change: an empty list, not an error. */
  changes = kes_tool_assessment_compare (def, a, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* A new definition version: refused item-wise, saying why. */
  changes = kes_tool_assessment_compare (def, a, v2, &error);
  g_assert_null (changes);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "DUNDRUM-1 1.0.30 #1 and DUNDRUM-1 1.0.30 #2"));
  g_assert_nonnull (strstr (error->message, "only within one definition version"));
}

static gboolean
has_issue (GPtrArray  *issues,
           const char *field,
           const char *message)
{
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_equal (issue->field, field) && (message == NULL || g_str_equal (issue->message, message)))
        return TRUE;
    }
  return FALSE;
}

/* HCR-20 V3 rates relevance only for a factor present or partially
 * present: N and Omit take no relevance, Y and P need one, and a relevance
 * given to an absent item stops completion, saying what to do. */
static void
test_relevance_needs_presence (void)
{
  g_autoptr(KesToolDefinition) def = shipped ("HCR-20");
  const KesToolItem *h2 = kes_tool_definition_find_item (def, "H2");
  const KesToolRating *relevance = g_ptr_array_index (h2->ratings, 1);
  const char *presence[] = { NULL, "N", "Omit", "P", "Y" };
  const gboolean applies[] = { FALSE, FALSE, FALSE, TRUE, TRUE };

  g_assert_cmpstr (relevance->name, ==, "relevance");
  g_assert_nonnull (relevance->depends_on);
  g_assert_cmpstr (relevance->depends_on->name, ==, "presence");
  for (guint i = 0; i < G_N_ELEMENTS (presence); i++)
    {
      g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new ("p", "HCR-20", "3", 1);
      g_autoptr(GPtrArray) unrated = NULL;
      g_autoptr(GPtrArray) rated = NULL;

      if (presence[i] != NULL)
        kes_risk_assessment_set_rating (a, "H2", "presence", presence[i]);
      g_assert_cmpint (kes_tool_rating_applies (h2, relevance, a), ==, applies[i]);
      unrated = kes_tool_assessment_unrated (def, a);
      /* Missing only where it applies. */
      g_assert_cmpint (has_issue (unrated, "H2/relevance", NULL), ==, applies[i]);

      kes_risk_assessment_set_rating (a, "H2", "relevance", "H");
      rated = kes_tool_assessment_unrated (def, a);
      if (applies[i])
        g_assert_false (has_issue (rated, "H2/relevance", NULL));
      else if (presence[i] == NULL)
        g_assert_true (has_issue (rated, "H2/relevance",
                                  "H2 (wording supplied by your licence): Relevance is rated before Presence: rate "
                                  "Presence first"));
      else
        g_assert_true (has_issue (rated, "H2/relevance", NULL));
    }
  {
    g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new ("p", "HCR-20", "3", 1);
    g_autoptr(GPtrArray) issues = NULL;

    kes_risk_assessment_set_rating (a, "H2", "presence", "N");
    kes_risk_assessment_set_rating (a, "H2", "relevance", "M");
    issues = kes_tool_assessment_unrated (def, a);
    g_assert_true (has_issue (issues, "H2/relevance",
                              "H2 (wording supplied by your licence): Relevance is rated, but Presence is “No: not "
                              "present”: clear the Relevance"));
  }
}

/* A dependency must name an earlier slot of the item and its points. */
static void
test_relevance_dependency_checked (void)
{
  g_autofree char *hcr = shipped_source ("HCR-20");
  g_autoptr(GBytes) unknown_slot = edited (hcr, "dependsOn=\"presence\" whenPoints=\"P Y\"",
                                           "dependsOn=\"presance\" whenPoints=\"P Y\"");
  g_autoptr(GBytes) unknown_point = edited (hcr, "dependsOn=\"presence\" whenPoints=\"P Y\"",
                                            "dependsOn=\"presence\" whenPoints=\"P Maybe\"");
  g_autoptr(GBytes) half = edited (hcr, "dependsOn=\"presence\" whenPoints=\"P Y\"", "dependsOn=\"presence\"");

  expect_refused (unknown_slot, "Line ", "it depends on “presance”, which is not an earlier rating");
  expect_refused (unknown_point, "Line ", "“Maybe” is not a point of the scale of “presence”");
  expect_refused (half, "Line ", "dependsOn and whenPoints go together");
}

static void
test_version_change_keeps_old (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesToolDefinition) def = shipped ("DUNDRUM-1");
  g_autofree char *source = shipped_source ("DUNDRUM-1");
  g_autoptr(GBytes) newer = edited (source, "defVersion=\"1\"", "defVersion=\"2\"");
  g_autoptr(KesToolDefinition) def2 = NULL;
  g_autoptr(KesRiskAssessment) old = rated_dundrum (fixture, def, "2 1 3 0 3 1 2 1 2 1 0");
  g_autoptr(KesRiskAssessment) fresh = NULL;
  g_autoptr(KesRiskAssessment) reread = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GError *error = NULL;

  sign_off (old, "2026-05-01", "2026-11-01");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, old, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  def2 = kes_tool_library_import (fixture->store, newer, &error);
  g_assert_no_error (error);
  fresh = rated_dundrum (fixture, def2, "2 1 3 0 3 1 2 1 2 1 0");
  sign_off (fresh, "2026-11-21", "2027-05-21");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def2, fresh, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  /* The old assessment stays readable with its own definition. */
  reread = kes_store_load_risk_assessment (fixture->store, kes_risk_assessment_get_id (old), &error);
  g_assert_no_error (error);
  g_assert_true (kes_tool_assessment_matches (def, reread));
  g_assert_false (kes_tool_assessment_matches (def2, reread));
  changes = kes_tool_assessment_compare (def2, reread, fresh, &error);
  g_assert_null (changes);
  g_assert_nonnull (strstr (error->message, "different definitions"));
  g_clear_error (&error);

  /* An assessment cannot move to another definition by a revision. */
  {
    g_autoptr(KesRiskAssessment) moved = kes_risk_assessment_new (fixture->patient_id, "DUNDRUM-1", "1.0.30", 2);
    kes_risk_assessment_set_identity (moved, kes_risk_assessment_get_id (reread),
                                      kes_risk_assessment_get_revision (reread), KES_RECORD_ACTIVE);
    g_assert_false (kes_store_save_risk_assessment (fixture->store, moved, "move", &error));
    g_assert_nonnull (strstr (error->message, "cannot move to"));
    g_clear_error (&error);
  }
}

static void
test_due (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesToolDefinition) def = shipped ("DUNDRUM-1");
  g_autoptr(KesRiskAssessment) old = rated_dundrum (fixture, def, "2 1 3 0 3 1 2 1 2 1 0");
  g_autoptr(KesRiskAssessment) draft = rated_dundrum (fixture, def, "2 1 3 0 3 1 2 1 2 1 0");
  g_autoptr(KesRiskAssessment) later = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (21, 11, 2026);
  GError *error = NULL;
  guint found = 0;

  sign_off (old, "2026-05-01", "2026-11-01");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, old, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  kes_risk_assessment_set_next_review_on (draft, "2026-11-10");
  g_assert_true (kes_store_save_risk_assessment (fixture->store, draft, NULL, &error));

  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (g_str_equal (kes_due_item_get_kind (g_ptr_array_index (due, i)), "risk-review"))
      {
        KesDueItem *item = g_ptr_array_index (due, i);

        found++;
        g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_OVERDUE);
        g_assert_cmpstr (kes_due_item_get_due_date (item), ==, "2026-11-01");
        g_assert_cmpstr (kes_due_item_get_record_id (item), ==, kes_risk_assessment_get_id (old));
      }
  g_assert_cmpuint (found, ==, 1);
  g_clear_pointer (&due, g_ptr_array_unref);
  /* It names the patient as people read them (not the sort key "o'brien
   * ..."), and is still there two years on. */
  {
    g_autoptr(GDate) later_day = g_date_new_dmy (21, 11, 2028);

    due = kes_store_list_due (fixture->store, later_day, NULL, &error);
    g_assert_no_error (error);
    found = 0;
    for (guint i = 0; i < due->len; i++)
      if (g_str_equal (kes_due_item_get_kind (g_ptr_array_index (due, i)), "risk-review"))
        {
          KesDueItem *item = g_ptr_array_index (due, i);

          found++;
          g_assert_cmpstr (kes_due_item_get_patient_name (item), ==, "O’BRIEN — CAFÉ, Zoë (Zo)");
          g_assert_cmpstr (kes_due_item_get_title (item), ==, "DUNDRUM-1 review");
        }
    g_assert_cmpuint (found, ==, 1);
    g_clear_pointer (&due, g_ptr_array_unref);
  }

  /* A newer completed assessment supersedes the overdue review. */
  later = rated_dundrum (fixture, def, "2 1 3 0 3 1 2 1 2 1 0");
  sign_off (later, "2026-11-20", "2027-05-20");
  g_assert_true (kes_tool_assessment_complete (fixture->store, def, later, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  due = kes_store_list_due (fixture->store, today, NULL, &error);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpstr (kes_due_item_get_kind (g_ptr_array_index (due, i)), !=, "risk-review");
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Closed with a reason: the old assessment entered in error leaves no
   * review of it; the newer one's comes in its time. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_risk_assessment_get_id (later),
                                                  kes_risk_assessment_get_revision (later),
                                                  "Rated for the wrong patient", &error));
  g_assert_no_error (error);
  due = kes_store_list_due (fixture->store, today, NULL, &error);
  found = 0;
  for (guint i = 0; i < due->len; i++)
    if (g_str_equal (kes_due_item_get_kind (g_ptr_array_index (due, i)), "risk-review"))
      found++;
  /* The superseded review is due again once the newer one is withdrawn. */
  g_assert_cmpuint (found, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk/definition/shipped-load", test_shipped_load);
  g_test_add_func ("/risk/definition/shipped-structure", test_shipped_structure);
  g_test_add_func ("/risk/definition/malformed", test_malformed);
  g_test_add_func ("/risk/definition/hostile", test_hostile);
  g_test_add_func ("/risk/definition/import", test_import);
  g_test_add_func ("/risk/assessment/lifecycle", test_lifecycle);
  g_test_add_func ("/risk/assessment/spj-no-totals", test_spj_no_totals);
  g_test_add_func ("/risk/assessment/groups", test_groups);
  g_test_add_func ("/risk/assessment/compare", test_compare);
  g_test_add_func ("/risk/assessment/relevance-needs-presence", test_relevance_needs_presence);
  g_test_add_func ("/risk/definition/relevance-dependency-checked", test_relevance_dependency_checked);
  g_test_add_func ("/risk/assessment/version-change", test_version_change_keeps_old);
  g_test_add_func ("/risk/assessment/due", test_due);

  return g_test_run ();
}
