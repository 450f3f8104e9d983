/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-pdf"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "kes-pdf-writer.h"
#include "kes-report-error.h"
#include "kes-test-pdf.h"
#include "kes-test-sample.h"

static GBytes *
render_sample (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (60);
  g_autoptr(GError) error = NULL;
  GBytes *pdf = kes_pdf_render_bytes (document, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pdf);

  return pdf;
}

static void
test_furniture (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);

  g_assert_cmpint (poppler_document_get_n_pages (document), >=, 8);
  kes_test_pdf_assert_furniture (document, "OFFICIAL-SENSITIVE", KES_TEST_PATIENT_NAME,
                                 "943 476 5919", "1 Feb 1990");
  g_object_unref (document);
}

static void
test_metadata (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);
  g_autofree char *title = poppler_document_get_title (document);
  g_autofree char *author = poppler_document_get_author (document);
  g_autofree char *subject = poppler_document_get_subject (document);
  g_autofree char *creator = poppler_document_get_creator (document);
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (KES_TEST_CREATED_AT, NULL);

  g_assert_cmpstr (title, ==, "Patient summary");
  g_assert_cmpstr (author, ==, "Dr Amal Hussain");
  g_assert_cmpstr (subject, ==, "Summary of the record of " KES_TEST_PATIENT_NAME);
  g_assert_cmpstr (creator, ==, "Kestrel " PACKAGE_VERSION);
  g_assert_cmpint (poppler_document_get_creation_date (document), ==,
                   g_date_time_to_unix (expected));
  g_object_unref (document);
}

typedef struct
{
  const char *title;
  int         depth;
} Bookmark;

static void
collect_bookmarks (PopplerDocument  *document,
                   PopplerIndexIter *iter,
                   int               depth,
                   GString          *out)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);
      int page = kes_test_pdf_action_page (document, action);
      g_autofree char *text = kes_test_pdf_page_text (document, page);

      /* The bookmark leads to the page the heading is on. */
      g_assert_nonnull (strstr (text, action->any.title));
      g_string_append_printf (out, "%*s%s\n", depth * 2, "", action->any.title);
      poppler_action_free (action);

      if (child != NULL)
        {
          collect_bookmarks (document, child, depth + 1, out);
          poppler_index_iter_free (child);
        }
    }
  while (poppler_index_iter_next (iter));
}

static void
test_bookmarks (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);
  PopplerIndexIter *iter = poppler_index_iter_new (document);
  g_autoptr(GString) outline = g_string_new (NULL);

  g_assert_nonnull (iter);
  collect_bookmarks (document, iter, 0, outline);
  poppler_index_iter_free (iter);

  g_assert_cmpstr (outline->str, ==,
                   "Demographics\n"
                   "  Background\n"
                   "  Alerts\n"
                   "Contacts\n"
                   "  An entry longer than a page\n"
                   "Risk assessment\n"
                   "  Historical items\n"
                   "    Empty table\n"
                   "Sign-off\n");
  g_object_unref (document);
}

/* Every page holding rows of a table starts them under its header row, and
 * no heading is left at the foot of a page with nothing of its own below.
 * A table that goes on from the page before says so, above the repeated
 * header: "<heading> (continued)"; the page it starts on does not. */
static void
test_table_header_repeats (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);
  int n_pages = poppler_document_get_n_pages (document);
  int pages_with_rows = 0;
  int first_rows = -1;
  int first_long = -1, last_long = -1;

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (document, i);
      const char *row = strstr (text, "Patient and care");
      const char *line = strstr (text, "of a very long entry");

      if (row != NULL)
        {
          const char *summary = strstr (text, "Summary");
          const char *continued = strstr (text, "Contacts (continued)");

          pages_with_rows++;
          g_assert_nonnull (summary);
          g_assert_true (summary < row);
          g_assert_nonnull (strstr (text, "With"));
          if (first_rows < 0)
            {
              first_rows = i;
              g_assert_null (continued);
            }
          else
            {
              g_assert_nonnull (continued);
              g_assert_true (continued < summary);
            }
        }

      if (line != NULL)
        {
          const char *entry = strstr (text, "Entry");
          const char *continued = strstr (text, "An entry longer than a page (continued)");

          g_assert_nonnull (entry);
          g_assert_true (entry < line);
          if (first_long >= 0)
            {
              g_assert_nonnull (continued);
              g_assert_true (continued < entry);
            }
          if (first_long < 0)
            first_long = i;
          last_long = i;
        }
    }

  g_assert_cmpint (pages_with_rows, >=, 3);
  /* The row taller than a page was split across pages, every line kept. */
  g_assert_cmpint (last_long, >, first_long);
  {
    g_autofree char *first = kes_test_pdf_page_text (document, first_long);
    g_autofree char *last = kes_test_pdf_page_text (document, last_long);

    g_assert_nonnull (strstr (first, "Line 1 of a very long entry."));
    g_assert_null (strstr (first, "Line 90 of a very long entry."));
    g_assert_nonnull (strstr (last, "Line 90 of a very long entry."));
    g_assert_nonnull (strstr (last, "Last line."));
  }

  g_object_unref (document);
}

static void
test_no_orphaned_headings (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);
  int n_pages = poppler_document_get_n_pages (document);
  const char *headings[] = { "Contacts", "Risk assessment", "Historical items", "Sign-off" };

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (document, i);
      const char *footer = g_strrstr (text, "Patient summary");

      for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
        {
          const char *at = strstr (text, headings[h]);

          if (at == NULL || footer == NULL || at > footer)
            continue;
          /* Something of the section follows the heading on its page. */
          g_assert_cmpint (footer - (at + strlen (headings[h])), >, 20);
        }
    }

  g_object_unref (document);
}

static void
test_deterministic (void)
{
  g_autoptr(GBytes) first = render_sample ();
  g_autoptr(GBytes) second = NULL;

  /* Cross a second boundary: nothing may depend on the time of writing. */
  g_usleep (1100 * 1000);
  second = render_sample ();

  g_assert_true (g_bytes_equal (first, second));
}

static void
test_write_file (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (10);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-pdf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;
  GDir *listing;
  struct stat st;
  gsize length;

  g_assert_no_error (error);

  /* Replacing an existing file works the same. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (kes_pdf_write_file (document, path, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  expected = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_true (g_bytes_equal (bytes, expected));

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  kes_test_pdf_check_pdfinfo (path);

  /* Nothing but the document is left in the folder. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "summary.pdf");
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_write_fails_cleanly (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (2);
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_pdf_write_file (document, "/nonexistent-kestrel-dir/summary.pdf", NULL,
                                      &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "summary.pdf"));
}

static void
test_cancelled (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  g_cancellable_cancel (cancellable);
  pdf = kes_pdf_render_bytes (document, cancellable, &error);
  g_assert_null (pdf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_no_patient (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("team-list", "Team list");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *poppler;
  g_autofree char *text = NULL;

  kes_document_set_marking (document, "OFFICIAL");
  kes_document_add_paragraph (document, "No patient here.");
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);

  poppler = kes_test_pdf_open (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, 1);
  kes_test_pdf_assert_furniture (poppler, "OFFICIAL", NULL, NULL, NULL);
  text = kes_test_pdf_page_text (poppler, 0);
  g_assert_null (strstr (text, "NHS No."));
  g_assert_nonnull (strstr (text, "No patient here."));
  g_object_unref (poppler);
}

/* A 100-page document renders completely. How fast is bench-pdf's job:
 * tests assert behaviour, never speed on a shared machine. */
static void
test_long_document (void)
{
  g_autoptr(KesDocument) document = kes_test_long_document (100);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  PopplerDocument *poppler;

  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);

  poppler = kes_test_pdf_open (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), >=, 100);
  g_object_unref (poppler);
}

typedef struct
{
  guint  counts[POPPLER_STRUCTURE_ELEMENT_FORM + 1];
  char  *first_h1;
  gboolean furniture_in_element;
} Structure;

static void
walk_structure (PopplerStructureElementIter *iter,
                Structure                   *seen)
{
  do
    {
      PopplerStructureElement *element = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementKind kind = poppler_structure_element_get_kind (element);
      PopplerStructureElementIter *children;

      /* Checked in a way the optimiser sees: an assertion alone left an
       * out-of-bounds warning in release builds (tools/bench.sh). */
      if ((guint) kind >= G_N_ELEMENTS (seen->counts))
        g_error ("Unknown structure element kind %d", (int) kind);
      seen->counts[kind]++;
      if (kind != POPPLER_STRUCTURE_ELEMENT_DOCUMENT)
        {
          g_autofree char *text = poppler_structure_element_get_text (element,
                                                                      POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);

          if (text != NULL && strstr (text, "OFFICIAL-SENSITIVE") != NULL)
            seen->furniture_in_element = TRUE;
          if (kind == POPPLER_STRUCTURE_ELEMENT_HEADING_1 && seen->first_h1 == NULL)
            seen->first_h1 = g_strdup (text);
        }
      g_object_unref (element);
      children = poppler_structure_element_iter_get_child (iter);
      if (children != NULL)
        {
          walk_structure (children, seen);
          poppler_structure_element_iter_free (children);
        }
    }
  while (poppler_structure_element_iter_next (iter));
}

/* A tagged PDF (issue 24): a screen reader reads the document's structure,
 * not its drawing. cairo 1.16 writes the structure tree and marks the
 * content; the title is the H1, the sections H2 and below, the text P,
 * each table (and each page's part of a long one) a Table of rows of
 * header and data cells. The running header and footer are in no element
 * but the Document. */
static void
test_tagged (void)
{
  g_autoptr(GBytes) pdf = render_sample ();
  PopplerDocument *document = kes_test_pdf_open (pdf);
  PopplerStructureElementIter *iter = poppler_structure_element_iter_new (document);
  Structure seen = { { 0 } };

  g_assert_nonnull (iter);
  walk_structure (iter, &seen);
  poppler_structure_element_iter_free (iter);

  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_DOCUMENT], ==, 1);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_HEADING_1], ==, 1);
  g_assert_cmpstr (seen.first_h1, ==, "Patient summary");
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_HEADING_2], ==, 4);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_HEADING_3], >=, 3);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_PARAGRAPH], >, 0);
  /* The contacts table spans three pages or more: a table on each. */
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_TABLE], >=, 5);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_TABLE_ROW], >, 60);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_TABLE_HEADING], >, 0);
  g_assert_cmpuint (seen.counts[POPPLER_STRUCTURE_ELEMENT_TABLE_DATA], >, 120);
  g_assert_false (seen.furniture_in_element);

  g_free (seen.first_h1);
  g_object_unref (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/furniture", test_furniture);
  g_test_add_func ("/pdf/metadata", test_metadata);
  g_test_add_func ("/pdf/bookmarks", test_bookmarks);
  g_test_add_func ("/pdf/table-header-repeats", test_table_header_repeats);
  g_test_add_func ("/pdf/no-orphaned-headings", test_no_orphaned_headings);
  g_test_add_func ("/pdf/deterministic", test_deterministic);
  g_test_add_func ("/pdf/write-file", test_write_file);
  g_test_add_func ("/pdf/write-fails-cleanly", test_write_fails_cleanly);
  g_test_add_func ("/pdf/cancelled", test_cancelled);
  g_test_add_func ("/pdf/no-patient", test_no_patient);
  g_test_add_func ("/pdf/long-document", test_long_document);
  g_test_add_func ("/pdf/tagged", test_tagged);

  return g_test_run ();
}
