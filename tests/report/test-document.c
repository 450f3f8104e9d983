/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-document"

#include "config.h"

#include <string.h>

#include "kes-clock.h"
#include "kes-document.h"

static void
test_builder (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("patient-summary", "Patient summary");
  const KesBlock *block;
  KesBlock *table;
  KesBlock *values;

  g_assert_cmpstr (kes_document_get_type_id (document), ==, "patient-summary");
  g_assert_cmpstr (kes_document_get_marking (document), ==, "OFFICIAL-SENSITIVE");
  g_assert_false (kes_document_has_patient (document));

  kes_document_set_patient (document, "Zoë O’Brien — café", "943-476-5919", "1990-02-01");
  g_assert_true (kes_document_has_patient (document));
  g_assert_cmpstr (kes_document_get_patient_nhs_number (document), ==, "9434765919");

  kes_document_add_heading (document, 2, "Background");
  kes_document_add_paragraph (document, "First line\r\nsecond line\tand a tab\x01.");
  values = kes_document_add_key_values (document, (const char * const[]) {
    "Name", "Zoë", "Phone", NULL });
  kes_block_add_key_value (values, "Postcode", "NR1 3SR");
  table = kes_document_add_table (document, (const char * const[]) { "A", "B", "C", NULL },
                                  (const double[]) { 1, 2, 0 });
  kes_block_add_row_cells (table, "a1", "b1", NULL);
  kes_document_add_list (document, (const char * const[]) { "one", "two", NULL });
  kes_document_add_signature (document, NULL, "Dr A", "Clinician", "2026-11-21");
  kes_document_add_not_completed (document, "Risk", NULL);
  kes_document_add_page_break (document);

  g_assert_cmpuint (kes_document_get_n_blocks (document), ==, 8);

  block = kes_document_get_block (document, 0);
  g_assert_cmpint (kes_block_get_kind (block), ==, KES_BLOCK_HEADING);
  g_assert_cmpuint (kes_block_get_level (block), ==, 2);

  /* Newlines normalised, tabs become spaces, control characters dropped. */
  block = kes_document_get_block (document, 1);
  g_assert_cmpstr (kes_block_get_text (block), ==, "First line\nsecond line and a tab.");

  block = kes_document_get_block (document, 2);
  g_assert_cmpuint (kes_block_get_n_rows (block), ==, 3);
  g_assert_cmpstr (kes_block_get_cell (block, 1, 0), ==, "Phone");
  g_assert_cmpstr (kes_block_get_cell (block, 1, 1), ==, "");
  g_assert_cmpstr (kes_block_get_cell (block, 2, 1), ==, "NR1 3SR");

  block = kes_document_get_block (document, 3);
  g_assert_cmpuint (kes_block_get_n_columns (block), ==, 3);
  g_assert_cmpstr (kes_block_get_header (block, 2), ==, "C");
  g_assert_cmpfloat (kes_block_get_width (block, 1), ==, 2.0);
  /* A width of 0 falls back to 1. */
  g_assert_cmpfloat (kes_block_get_width (block, 2), ==, 1.0);
  g_assert_cmpstr (kes_block_get_cell (block, 0, 2), ==, "");

  block = kes_document_get_block (document, 5);
  g_assert_cmpstr (kes_block_get_text (block), ==, "Dr A");
  g_assert_cmpstr (kes_block_get_role (block), ==, "Clinician");
  g_assert_null (kes_block_get_detail (block));

  block = kes_document_get_block (document, 6);
  g_assert_cmpstr (kes_block_get_text (block), ==, "Risk");
}

static void
test_invalid_utf8_repaired (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("test", "Bad \xff bytes");
  const KesBlock *block = kes_document_add_paragraph (document, "caf\xc3");

  g_assert_true (g_utf8_validate (kes_document_get_title (document), -1, NULL));
  g_assert_true (g_utf8_validate (kes_block_get_text (block), -1, NULL));
}

static void
test_created_at (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("test", NULL);

  g_assert_true (kes_document_set_created_at (document, "2026-11-21T10:00:00+01:00"));
  g_assert_cmpstr (kes_document_get_created_at (document), ==, "2026-11-21T09:00:00Z");
  g_assert_false (kes_document_set_created_at (document, "yesterday"));
  g_assert_cmpstr (kes_document_get_created_at (document), ==, "2026-11-21T09:00:00Z");
}

static void
test_type_id_normalised (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("Subject Access_Export", NULL);

  g_assert_cmpstr (kes_document_get_type_id (document), ==, "subject-access-export");
}

static void
test_nhs_format (void)
{
  g_autofree char *formatted = kes_document_format_nhs_number ("9434765919");
  g_autofree char *other = kes_document_format_nhs_number ("12345");

  g_assert_cmpstr (formatted, ==, "943 476 5919");
  g_assert_cmpstr (other, ==, "12345");
}

/* A saved copy is named for what it is, whom it is about and the day. */
static void
test_file_names (void)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesDocument) document = kes_document_new ("patient-summary", "Patient summary");
  g_autofree char *pdf = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *team = NULL;
  g_autofree char *hostile = NULL;

  kes_clock_set_fixed (now);
  kes_document_set_patient (document, "O'BRIEN, Zoë", "9434765919", "1984-11-21");
  pdf = kes_document_suggest_file_name (document, "pdf");
  g_assert_cmpstr (pdf, ==, "Patient summary – O'BRIEN, Zoë – 2026-11-21.pdf");
  folder = kes_file_name_suggest ("Subject access", "SMITH, Alex", NULL);
  g_assert_cmpstr (folder, ==, "Subject access – SMITH, Alex – 2026-11-21");
  team = kes_file_name_suggest ("Equality report", NULL, "csv");
  g_assert_cmpstr (team, ==, "Equality report – 2026-11-21.csv");
  /* Nothing that makes a path or trips a shell. */
  hostile = kes_file_name_suggest ("Notes", "../ETC/passwd: \"x\" <y>|*?", "pdf");
  g_assert_cmpstr (hostile, ==, "Notes – ..-ETC-passwd- -x- -y---- – 2026-11-21.pdf");
  g_assert_null (strchr (hostile, '/'));
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/builder", test_builder);
  g_test_add_func ("/document/invalid-utf8-repaired", test_invalid_utf8_repaired);
  g_test_add_func ("/document/created-at", test_created_at);
  g_test_add_func ("/document/type-id-normalised", test_type_id_normalised);
  g_test_add_func ("/document/nhs-format", test_nhs_format);
  g_test_add_func ("/document/file-names", test_file_names);

  return g_test_run ();
}
