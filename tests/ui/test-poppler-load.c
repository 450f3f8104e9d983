/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Poppler is loaded when the app first shows a PDF, not linked: this program
 * is linked like the app (without Poppler) and checks that the library is
 * absent until kes_poppler_get() is asked, and that what it loads then reads
 * a PDF Kestrel wrote. */
/* dl_iterate_phdr */
#define _GNU_SOURCE
#include "config.h"

#include <link.h>
#include <string.h>

#include "kes-document.h"
#include "kes-pdf-writer.h"
#include "preview/kes-poppler.h"
#include "referrals/kes-referral-view.h"

static int
find_poppler_cb (struct dl_phdr_info *info,
                 size_t               size,
                 void                *data)
{
  if (info->dlpi_name != NULL && strstr (info->dlpi_name, "libpoppler") != NULL)
    *(gboolean *) data = TRUE;
  return 0;
}

static gboolean
poppler_is_loaded (void)
{
  gboolean found = FALSE;

  dl_iterate_phdr (find_poppler_cb, &found);
  return found;
}

static void
test_loaded_on_first_use (void)
{
  g_autoptr(KesDocument) document = kes_document_new ("poppler-test", "A letter");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const KesPoppler *lib;
  guint n_pages = 0;

  g_assert_false (poppler_is_loaded ());

  kes_document_add_paragraph (document, "Referral for in-reach assessment before discharge.");
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  /* Writing a PDF is cairo's work: still no Poppler. */
  g_assert_false (poppler_is_loaded ());

  lib = kes_poppler_get (&error);
  g_assert_no_error (error);
  g_assert_nonnull (lib);
  g_assert_true (poppler_is_loaded ());
  g_assert_true (kes_poppler_get (NULL) == lib);

  g_assert_true (kes_referral_letter_extract (pdf, &n_pages, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_nonnull (strstr (text, "in-reach assessment"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/poppler/loaded-on-first-use", test_loaded_on_first_use);
  return g_test_run ();
}
