/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-preview-render"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-pdf-writer.h"
#include "preview/kes-preview-render.h"

/* Poppler documents are not safe to use from two threads at once. */
G_LOCK_DEFINE_STATIC (poppler);

void
kes_preview_pdf_free (KesPreviewPdf *pdf)
{
  if (pdf == NULL)
    return;

  g_clear_pointer (&pdf->pdf, g_bytes_unref);
  g_clear_object (&pdf->poppler);
  g_free (pdf);
}

static void
render_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  KesDocument *document = task_data;
  g_autoptr(KesPreviewPdf) pdf = g_new0 (KesPreviewPdf, 1);
  const KesPoppler *lib;
  GError *error = NULL;

  pdf->pdf = kes_pdf_render_bytes (document, cancellable, &error);
  if (pdf->pdf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  lib = kes_poppler_get (&error);
  if (lib == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  G_LOCK (poppler);
  pdf->poppler = lib->document_new_from_bytes (pdf->pdf, NULL, &error);
  if (pdf->poppler != NULL)
    pdf->n_pages = (guint) MAX (lib->document_get_n_pages (pdf->poppler), 0);
  G_UNLOCK (poppler);

  if (pdf->poppler == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&pdf), (GDestroyNotify)kes_preview_pdf_free);
}

void
kes_preview_render_pdf_async (KesDocument         *document,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, kes_preview_render_pdf_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_task_run_in_thread (task, render_pdf_thread);
}

KesPreviewPdf *
kes_preview_render_pdf_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  PopplerDocument *poppler;
  guint            page;
  double           scale;
} PageJob;

typedef struct
{
  GBytes *pixels;
  int     width;
  int     height;
  int     stride;
  char   *text;   /* the page's text, for a screen reader */
} PageImage;

static void
page_job_free (PageJob *job)
{
  g_clear_object (&job->poppler);
  g_free (job);
}

static void
page_image_free (PageImage *image)
{
  g_clear_pointer (&image->pixels, g_bytes_unref);
  g_free (image->text);
  g_free (image);
}

static void
render_page_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PageJob *job = task_data;
  const KesPoppler *lib = kes_poppler_get (NULL);
  PageImage *image;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height;

  /* The document was opened through Poppler, so it is loaded. */
  g_assert (lib != NULL);
  if (g_task_return_error_if_cancelled (task))
    return;

  G_LOCK (poppler);
  page = lib->document_get_page (job->poppler, job->page);
  if (page == NULL)
    {
      G_UNLOCK (poppler);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The document has no page %u"), job->page + 1);
      return;
    }

  lib->page_get_size (page, &width, &height);
  image = g_new0 (PageImage, 1);
  image->width = MAX (1, (int)(width * job->scale + 0.5));
  image->height = MAX (1, (int)(height * job->scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, image->width, image->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, job->scale, job->scale);
  lib->page_render (page, cr);
  cairo_destroy (cr);
  image->text = lib->page_get_text (page);
  g_object_unref (page);
  G_UNLOCK (poppler);

  cairo_surface_flush (surface);
  image->stride = cairo_image_surface_get_stride (surface);
  image->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                               (gsize)image->stride * image->height);
  cairo_surface_destroy (surface);

  g_task_return_pointer (task, image, (GDestroyNotify)page_image_free);
}

void
kes_preview_render_page_async (PopplerDocument     *poppler,
                               guint                page,
                               double               scale,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PageJob *job = g_new0 (PageJob, 1);

  job->poppler = g_object_ref (poppler);
  job->page = page;
  job->scale = scale;

  g_task_set_source_tag (task, kes_preview_render_page_async);
  g_task_set_task_data (task, job, (GDestroyNotify)page_job_free);
  g_task_run_in_thread (task, render_page_thread);
}

/* The texture is made here, on the main thread, from the worker's pixels:
 * cairo's ARGB32 is premultiplied BGRA in memory on little-endian machines,
 * which is GDK_MEMORY_DEFAULT. */
GdkTexture *
kes_preview_render_page_finish (GAsyncResult  *result,
                                char         **text,
                                GError       **error)
{
  PageImage *image;
  GdkTexture *texture;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  image = g_task_propagate_pointer (G_TASK (result), error);
  if (image == NULL)
    return NULL;

  texture = gdk_memory_texture_new (image->width, image->height, GDK_MEMORY_DEFAULT,
                                    image->pixels, image->stride);
  if (text != NULL)
    *text = g_steal_pointer (&image->text);
  page_image_free (image);

  return texture;
}

void
kes_preview_print_page (PopplerDocument *poppler,
                        guint            page_number,
                        cairo_t         *cr,
                        double           width,
                        double           height)
{
  const KesPoppler *lib = kes_poppler_get (NULL);
  PopplerPage *page;
  double page_width, page_height, scale;

  g_assert (lib != NULL);
  G_LOCK (poppler);
  page = lib->document_get_page (poppler, page_number);
  if (page != NULL)
    {
      lib->page_get_size (page, &page_width, &page_height);
      scale = MIN (width / page_width, height / page_height);
      cairo_save (cr);
      cairo_scale (cr, scale, scale);
      lib->page_render_for_printing (page, cr);
      cairo_restore (cr);
      g_object_unref (page);
    }
  G_UNLOCK (poppler);
}
