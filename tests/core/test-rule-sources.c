/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-codes.h"
#include "kes-rule-sources.h"
#include "kes-validate.h"

/* Every rule file and code list carries its source and a review-by date,
 * and docs/clinical-rules.md lists every rule with the value the data holds
 * (so the document and the data can't drift apart unnoticed). */

static void
test_every_block_has_a_source (void)
{
  g_autoptr(GPtrArray) sources = kes_rule_sources_load ();
  guint n_rules = 0;

  g_assert_cmpuint (sources->len, >, 40);
  for (guint i = 0; i < sources->len; i++)
    {
      KesRuleSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GPtrArray) problems = kes_rule_source_problems (source);

      for (guint p = 0; p < problems->len; p++)
        g_test_message ("%s (%s): %s", source->id, source->file, (char *) problems->pdata[p]);
      g_assert_cmpuint (problems->len, ==, 0);
      n_rules += source->rule_ids->len;
    }
  g_assert_cmpuint (n_rules, >, 100);
  /* Blocks can be found by id, as the app asks for them. */
  g_assert_nonnull (kes_rule_source_lookup ("medication:clozapine-thresholds-ben"));
  g_assert_cmpint (kes_rule_source_lookup ("medication:clozapine-thresholds-ben")->status, ==,
                   KES_SOURCE_UNCONFIRMED);
  g_assert_cmpint (kes_rule_source_lookup ("medication:lithium-toxic")->status, ==, KES_SOURCE_PUBLISHED);
  g_assert_cmpint (kes_rule_source_lookup ("template-sources:moj-cd-report@2024-10.2")->status, ==,
                   KES_SOURCE_UNCONFIRMED);
  g_assert_nonnull (kes_rule_source_lookup ("codes:gender-identity"));
  g_assert_null (kes_rule_source_lookup ("medication:nonsense"));
}

/* A review-by date: the day before and the day of are in time, the day
 * after is overdue. */
static void
test_review_overdue_boundary (void)
{
  KesRuleSource source = { 0 };
  g_autoptr(GDate) before = kes_date_from_iso ("2027-12-06");
  g_autoptr(GDate) on = kes_date_from_iso ("2027-12-07");
  g_autoptr(GDate) after = kes_date_from_iso ("2027-12-08");

  source.review_by = (char *) "2027-12-07";
  g_assert_false (kes_rule_source_review_overdue (&source, before));
  g_assert_false (kes_rule_source_review_overdue (&source, on));
  g_assert_true (kes_rule_source_review_overdue (&source, after));
  source.review_by = (char *) "next year";
  g_assert_true (kes_rule_source_review_overdue (&source, before));
}

/* There are three MAPPA categories in law (Criminal Justice Act 2003
 * ss325–327); gender identity is the NHS Data Dictionary's list. */
static void
test_code_lists (void)
{
  KesCodeList *mappa = kes_code_list_get (KES_CODES_MAPPA_CATEGORY);
  KesCodeList *identity = kes_code_list_get ("gender-identity");
  const char *codes[] = { "1", "2", "3", "4", "Z", "X" };

  g_assert_cmpuint (kes_code_list_get_n_codes (mappa), ==, 3);
  g_assert_false (kes_code_list_contains (mappa, "4"));
  g_assert_cmpuint (kes_code_list_get_n_codes (identity), ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_assert_cmpstr (kes_code_list_get_code (identity, i), ==, codes[i]);
}

/* The line of @doc that names @id in backticks, or NULL. */
static const char *
doc_line (GStrv       lines,
          const char *id)
{
  g_autofree char *quoted = g_strdup_printf ("`%s`", id);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], quoted) != NULL)
      return lines[i];
  return NULL;
}

static void
test_document_agrees_with_data (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "clinical-rules.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) sources = kes_rule_sources_load ();
  g_autoptr(GError) error = NULL;
  guint missing = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < sources->len; i++)
    {
      KesRuleSource *source = g_ptr_array_index (sources, i);

      if (doc_line (lines, source->id) == NULL)
        {
          g_test_message ("docs/clinical-rules.md does not name the block `%s`", source->id);
          missing++;
        }
      for (guint r = 0; r < source->rule_ids->len; r++)
        {
          const char *id = g_ptr_array_index (source->rule_ids, r);
          const char *value = g_ptr_array_index (source->values, r);
          const char *line = doc_line (lines, id);

          if (line == NULL)
            {
              g_test_message ("docs/clinical-rules.md does not list the rule `%s`", id);
              missing++;
            }
          /* Rules show their value; a code list its id only. */
          else if (!g_str_has_prefix (id, "codes:") && strstr (line, value) == NULL)
            {
              g_test_message ("docs/clinical-rules.md gives `%s` a value other than the data's “%s”", id, value);
              missing++;
            }
        }
    }
  g_assert_cmpuint (missing, ==, 0);
}

/* The hazard log has the two hazards of this rule content and cites the
 * tests and the document above. */
static void
test_hazard_log (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "clinical-safety", "hazard-log.md",
                                                 NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Wrong or out-of-date clinical rule content"));
  g_assert_nonnull (strstr (text, "Kestrel disagrees with the clozapine monitoring service"));
  g_assert_nonnull (strstr (text, "test-rule-sources /rules/document-agrees-with-data"));
  g_assert_nonnull (strstr (text, "test-monitoring-property /monitoring/property/never-nothing-due"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rules/every-block-has-a-source", test_every_block_has_a_source);
  g_test_add_func ("/rules/review-overdue-boundary", test_review_overdue_boundary);
  g_test_add_func ("/rules/code-lists", test_code_lists);
  g_test_add_func ("/rules/document-agrees-with-data", test_document_agrees_with_data);
  g_test_add_func ("/rules/hazard-log", test_hazard_log);
  return g_test_run ();
}
