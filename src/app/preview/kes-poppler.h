/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* The few Poppler calls the app makes, loaded on first use rather than linked.
 * Linking Poppler brings a dozen libraries (NSS, ICU, lcms, OpenJPEG) and
 * about 40,000 relocations into every start of the app, for a feature that
 * is used only once a preview or a referral letter is opened. */
typedef struct
{
  PopplerDocument *(*document_new_from_bytes)  (GBytes           *bytes,
                                                const char       *password,
                                                GError          **error);
  int              (*document_get_n_pages)     (PopplerDocument  *document);
  PopplerPage     *(*document_get_page)        (PopplerDocument  *document,
                                                int               index);
  void             (*page_get_size)            (PopplerPage      *page,
                                                double           *width,
                                                double           *height);
  void             (*page_render)              (PopplerPage      *page,
                                                cairo_t          *cairo);
  void             (*page_render_for_printing) (PopplerPage      *page,
                                                cairo_t          *cairo);
  char            *(*page_get_text)            (PopplerPage      *page);
} KesPoppler;

/* Poppler's functions, or NULL with @error set when the library could not
 * be loaded. Safe to call from any thread. */
const KesPoppler *kes_poppler_get (GError **error);

G_END_DECLS
