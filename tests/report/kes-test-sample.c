/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-test-sample"

#include "config.h"

#include "kes-test-sample.h"

static const char * const words[] = {
  "assessment", "contact", "risk", "plan", "medication", "review", "carer", "housing",
  "probation", "supervision", "relapse", "indicators", "engagement", "clozapine", "depot",
  "community", "team", "conditions", "discharge", "tribunal", "MAPPA", "liaison",
};

char *
kes_test_paragraph_text (guint i)
{
  GString *text = g_string_new (NULL);
  guint n_words = 40 + (i * 7) % 60;

  g_string_append_printf (text, "Paragraph %u. ", i + 1);
  for (guint w = 0; w < n_words; w++)
    {
      g_string_append (text, words[(i * 3 + w * 5) % G_N_ELEMENTS (words)]);
      g_string_append_c (text, (w % 11 == 10) ? '.' : ' ');
      if (w % 11 == 10)
        g_string_append_c (text, ' ');
    }
  g_string_append (text, "end.");

  return g_string_free (text, FALSE);
}

KesDocument *
kes_test_sample_document (guint n_table_rows)
{
  g_autoptr(KesDocument) document = kes_document_new ("patient-summary", "Patient summary");
  g_autoptr(GString) tall = g_string_new (NULL);
  KesBlock *table;
  KesBlock *values;

  kes_document_set_subtitle (document, "North forensic community team");
  kes_document_set_author (document, "Dr Amal Hussain");
  kes_document_set_subject (document, "Summary of the record of " KES_TEST_PATIENT_NAME);
  kes_document_set_created_at (document, KES_TEST_CREATED_AT);
  kes_document_set_patient (document, KES_TEST_PATIENT_NAME, "943 476 5919", KES_TEST_BIRTH_DATE);

  kes_document_add_heading (document, 1, "Demographics");
  values = kes_document_add_key_values (document, (const char * const[]) {
    "Name", KES_TEST_PATIENT_NAME,
    "NHS number", "943 476 5919",
    "Date of birth", "1 Feb 1990",
    "Address", "Flat 3, 14 Rue de la Paix Court\nNorwich",
    NULL });
  kes_block_add_key_value (values, "Legal status", "Conditionally discharged restricted patient (s.37/41)");
  kes_block_add_key_value (values, "Phone", NULL);

  kes_document_add_heading (document, 2, "Background");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = kes_test_paragraph_text (i);

      kes_document_add_paragraph (document, text);
    }

  kes_document_add_heading (document, 2, "Alerts");
  kes_document_add_list (document, (const char * const[]) {
    "Risk to others: do not visit alone",
    "Allergy: penicillin",
    "Uses the name “Zo” — please use it",
    NULL });

  kes_document_add_heading (document, 1, "Contacts");
  table = kes_document_add_table (document,
                                  (const char * const[]) { "Date", "Type", "With", "Summary", NULL },
                                  (const double[]) { 1.3, 1.2, 1.5, 4 });
  for (guint i = 0; i < n_table_rows; i++)
    {
      g_autofree char *date = g_strdup_printf ("%u Nov 2026", 1 + i % 28);
      g_autofree char *summary = kes_test_paragraph_text (i);

      if (i % 3 != 0)
        summary[40 + i % 50] = '\0';
      kes_block_add_row_cells (table, date, i % 2 ? "Face to face" : "Phone",
                               "Patient and care coordinator", summary, NULL);
    }

  kes_document_add_heading (document, 2, "An entry longer than a page");
  table = kes_document_add_table (document,
                                  (const char * const[]) { "Date", "Entry", NULL },
                                  (const double[]) { 1, 5 });
  for (guint i = 0; i < 90; i++)
    g_string_append_printf (tall, "Line %u of a very long entry.\n", i + 1);
  g_string_append (tall, "Last line.");
  kes_block_add_row_cells (table, "2 Nov 2026", tall->str, NULL);
  kes_block_add_row_cells (table, "3 Nov 2026", "A short entry after the long one.", NULL);

  kes_document_add_heading (document, 1, "Risk assessment");
  kes_document_add_heading (document, 2, "Historical items");
  kes_document_add_not_completed (document, "Historical items (H1–H10)",
                                  "Records from the secure unit have been requested and not yet received.");
  kes_document_add_heading (document, 3, "Empty table");
  kes_document_add_table (document, (const char * const[]) { "Code", "Diagnosis", NULL }, NULL);

  kes_document_add_page_break (document);
  kes_document_add_heading (document, 1, "Sign-off");
  kes_document_add_paragraph (document, "The content of this summary was checked against the record.");
  kes_document_add_signature (document,
                              "I confirm that this summary is accurate to the best of my knowledge.",
                              "Dr Amal Hussain", "Responsible clinician", "2026-11-21");
  kes_document_add_signature (document, NULL, "Sam Carter", "Care coordinator", NULL);

  return g_steal_pointer (&document);
}

KesDocument *
kes_test_long_document (guint n_pages)
{
  g_autoptr(KesDocument) document = kes_document_new ("benchmark", "A long document");

  kes_document_set_created_at (document, KES_TEST_CREATED_AT);
  kes_document_set_author (document, "Kestrel benchmark");
  kes_document_set_patient (document, KES_TEST_PATIENT_NAME, KES_TEST_NHS_NUMBER, KES_TEST_BIRTH_DATE);

  /* One page a section: a heading, four paragraphs, a table of eight rows
   * and a page break. */
  for (guint page = 0; page < n_pages; page++)
    {
      g_autofree char *title = g_strdup_printf ("Section %u", page + 1);
      KesBlock *table;

      kes_document_add_heading (document, page % 5 == 0 ? 1 : 2, title);
      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *text = kes_test_paragraph_text (page * 4 + i);

          kes_document_add_paragraph (document, text);
        }

      table = kes_document_add_table (document,
                                      (const char * const[]) { "Date", "Type", "Summary", NULL },
                                      (const double[]) { 1, 1, 4 });
      for (guint r = 0; r < 8; r++)
        {
          g_autofree char *text = kes_test_paragraph_text (page + r);

          text[60] = '\0';
          kes_block_add_row_cells (table, "21 Nov 2026", "Phone", text, NULL);
        }
      kes_document_add_page_break (document);
    }

  return g_steal_pointer (&document);
}
