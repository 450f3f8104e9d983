/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include "kes-document.h"
#include "preview/kes-poppler.h"

G_BEGIN_DECLS

/* The slow parts of the preview, as GTask jobs: writing the PDF and opening
 * it with Poppler, and drawing one page into a texture. Poppler is used by
 * one thread at a time. */

typedef struct
{
  GBytes          *pdf;
  PopplerDocument *poppler;
  guint            n_pages;
} KesPreviewPdf;

void           kes_preview_pdf_free          (KesPreviewPdf        *pdf);

void           kes_preview_render_pdf_async  (KesDocument          *document,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
KesPreviewPdf *kes_preview_render_pdf_finish (GAsyncResult         *result,
                                              GError              **error);

/* Page @page (0-based) at @scale pixels a point, on white; @text gets
 * the page's text as Poppler reads it (for a screen reader). */
void           kes_preview_render_page_async  (PopplerDocument     *poppler,
                                               guint                page,
                                               double               scale,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GdkTexture    *kes_preview_render_page_finish (GAsyncResult        *result,
                                               char               **text,
                                               GError             **error);

/* Draws a page for printing into @cr, fitted to @width × @height. */
void           kes_preview_print_page         (PopplerDocument     *poppler,
                                               guint                page,
                                               cairo_t             *cr,
                                               double               width,
                                               double               height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesPreviewPdf, kes_preview_pdf_free)

G_END_DECLS
