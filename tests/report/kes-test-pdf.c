/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-test-pdf"

#include "config.h"

#include "kes-test-pdf.h"

PopplerDocument *
kes_test_pdf_open (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;

  g_assert_nonnull (pdf);
  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

char *
kes_test_pdf_page_text (PopplerDocument *document,
                        int              page)
{
  PopplerPage *p = poppler_document_get_page (document, page);
  char *text;

  g_assert_nonnull (p);
  text = poppler_page_get_text (p);
  g_object_unref (p);

  return text;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

void
kes_test_pdf_assert_furniture (PopplerDocument *document,
                               const char      *marking,
                               const char      *name,
                               const char      *nhs_display,
                               const char      *birth_display)
{
  int n_pages = poppler_document_get_n_pages (document);

  g_assert_cmpint (n_pages, >, 0);

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (document, i);
      g_autofree char *number = g_strdup_printf ("Page %d of %d", i + 1, n_pages);

      g_assert_cmpuint (count (text, marking), >=, 2);
      g_assert_nonnull (strstr (text, number));
      if (name != NULL)
        g_assert_nonnull (strstr (text, name));
      if (nhs_display != NULL)
        g_assert_nonnull (strstr (text, nhs_display));
      if (birth_display != NULL)
        g_assert_nonnull (strstr (text, birth_display));
    }
}

int
kes_test_pdf_action_page (PopplerDocument *document,
                          PopplerAction   *action)
{
  PopplerDest *dest;
  int page;

  g_assert_nonnull (action);
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);

  dest = action->goto_dest.dest;
  g_assert_nonnull (dest);

  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (document, dest->named_dest);

      g_assert_nonnull (named);
      page = named->page_num;
      poppler_dest_free (named);
    }
  else
    page = dest->page_num;

  return page - 1;
}

gboolean
kes_test_pdf_check_pdfinfo (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { pdfinfo, path, NULL };
  int status = 0;

  if (pdfinfo == NULL)
    return FALSE;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdfinfo refused %s: %s", path, err);
  g_assert_nonnull (strstr (out, "Pages:"));
  g_assert_null (strstr (err, "Error"));

  return TRUE;
}
