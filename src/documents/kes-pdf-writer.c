/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-writer"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "kes-atomic-file.h"
#include "kes-clock.h"
#include "kes-pdf-layout-private.h"
#include "kes-pdf-writer.h"
#include "kes-report-error.h"

#define HEADER_MARKING_Y   22.0
#define HEADER_BAND_Y      40.0
#define HEADER_RULE_Y      60.0
#define FOOTER_RULE_Y      (KES_PDF_BODY_BOTTOM + 16.0)
#define FOOTER_TEXT_Y      (KES_PDF_BODY_BOTTOM + 22.0)
#define FOOTER_MARKING_Y   (KES_PDF_PAGE_HEIGHT - 34.0)

/* Where the bytes go, and the first error on the way. */
typedef struct
{
  GByteArray    *bytes;
  KesAtomicFile *file;
  GError        *error;
} Sink;

/* The running header and footer: the same on every page but the page
 * number. */
typedef struct
{
  PangoLayout *marking;
  PangoLayout *name;
  PangoLayout *identifiers;
  PangoLayout *title;
  PangoFontDescription *small;
} Furniture;

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
sink_cb (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (sink->bytes != NULL)
    g_byte_array_append (sink->bytes, data, length);
  else if (!kes_atomic_file_write (sink->file, data, length, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
furniture_layout (PangoContext *context,
                  const char   *font,
                  const char   *text,
                  double        width,
                  PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

static void
furniture_init (Furniture    *furniture,
                KesDocument  *document,
                PangoContext *context)
{
  const char *title = kes_document_get_title (document);

  furniture->marking = furniture_layout (context, "DejaVu Sans Bold 9",
                                         kes_document_get_marking (document),
                                         KES_PDF_BODY_WIDTH, PANGO_ALIGN_CENTER);
  furniture->title = furniture_layout (context, "DejaVu Sans 8",
                                       title != NULL ? title : "",
                                       KES_PDF_BODY_WIDTH * 0.7, PANGO_ALIGN_LEFT);
  furniture->small = pango_font_description_from_string ("DejaVu Sans 8");

  if (kes_document_has_patient (document))
    {
      const char *name = kes_document_get_patient_name (document);
      const char *nhs = kes_document_get_patient_nhs_number (document);
      const char *birth = kes_document_get_patient_birth_date (document);
      g_autoptr(GString) ids = g_string_new (NULL);
      int ids_width;

      if (nhs != NULL)
        {
          g_autofree char *formatted = kes_document_format_nhs_number (nhs);

          /* Translators: %s is an NHS number, "943 476 5919" */
          g_string_append_printf (ids, _("NHS No. %s"), formatted);
        }
      if (birth != NULL)
        {
          g_autofree char *display = kes_date_to_display (birth);

          if (ids->len > 0)
            g_string_append (ids, "   ");
          /* Translators: %s is a date of birth, "1 Feb 1990" */
          g_string_append_printf (ids, _("DOB %s"), display);
        }

      /* The identifiers are never cut short; a long name is. */
      furniture->identifiers = furniture_layout (context, "DejaVu Sans 9", ids->str,
                                                 KES_PDF_BODY_WIDTH, PANGO_ALIGN_RIGHT);
      pango_layout_get_size (furniture->identifiers, &ids_width, NULL);
      furniture->name = furniture_layout (context, "DejaVu Sans Bold 9.5",
                                          name != NULL ? name : "",
                                          KES_PDF_BODY_WIDTH - (double)ids_width / PANGO_SCALE - 12,
                                          PANGO_ALIGN_LEFT);
    }
}

static void
furniture_clear (Furniture *furniture)
{
  g_clear_object (&furniture->marking);
  g_clear_object (&furniture->name);
  g_clear_object (&furniture->identifiers);
  g_clear_object (&furniture->title);
  g_clear_pointer (&furniture->small, pango_font_description_free);
}

static void
show_at (cairo_t     *cr,
         PangoLayout *layout,
         double       x,
         double       y,
         guint32      rgb)
{
  set_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hairline (cairo_t *cr,
          double   y,
          guint32  rgb)
{
  set_rgb (cr, rgb);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, KES_PDF_MARGIN_X, y);
  cairo_line_to (cr, KES_PDF_MARGIN_X + KES_PDF_BODY_WIDTH, y);
  cairo_stroke (cr);
}

static void
draw_furniture (cairo_t      *cr,
                Furniture    *furniture,
                PangoContext *context,
                guint         page,
                guint         n_pages)
{
  g_autoptr(PangoLayout) number = pango_layout_new (context);
  g_autofree char *text = NULL;

  show_at (cr, furniture->marking, KES_PDF_MARGIN_X, HEADER_MARKING_Y, 0x000000);
  show_at (cr, furniture->marking, KES_PDF_MARGIN_X, FOOTER_MARKING_Y, 0x000000);

  if (furniture->name != NULL)
    {
      show_at (cr, furniture->name, KES_PDF_MARGIN_X, HEADER_BAND_Y, 0x1a1a1a);
      show_at (cr, furniture->identifiers, KES_PDF_MARGIN_X, HEADER_BAND_Y + 0.5, 0x1a1a1a);
    }
  hairline (cr, HEADER_RULE_Y, 0x9aa3ad);

  hairline (cr, FOOTER_RULE_Y, 0x9aa3ad);
  show_at (cr, furniture->title, KES_PDF_MARGIN_X, FOOTER_TEXT_Y, 0x555555);

  /* Translators: page numbers, "Page 3 of 12" */
  text = g_strdup_printf (_("Page %u of %u"), page, n_pages);
  pango_layout_set_font_description (number, furniture->small);
  pango_layout_set_width (number, (int)(KES_PDF_BODY_WIDTH * 0.3 * PANGO_SCALE));
  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (number, text, -1);
  show_at (cr, number, KES_PDF_MARGIN_X + KES_PDF_BODY_WIDTH * 0.7, FOOTER_TEXT_Y, 0x1a1a1a);
}

static void
draw_lines (cairo_t        *cr,
            const KesPdfOp *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  double top = 0;
  int line = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (line >= op->first_line + op->n_lines)
        break;

      if (line >= op->first_line)
        {
          pango_layout_iter_get_line_yrange (iter, &y0, &y1);
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (line == op->first_line)
            top = (double)y0 / PANGO_SCALE;

          cairo_move_to (cr,
                         op->x + (double)logical.x / PANGO_SCALE,
                         op->y - top + (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }

      line++;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
add_outline (cairo_surface_t *surface,
             int             *parents,
             const KesPdfOp  *op,
             guint            page)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE];
  char y[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *attributes = NULL;
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  g_assert (op->level >= 1 && op->level <= 3);

  for (guint level = op->level - 1; level >= 1; level--)
    if (parents[level] != 0)
      {
        parent = parents[level];
        break;
      }

  g_ascii_formatd (x, sizeof x, "%.2f", op->x);
  g_ascii_formatd (y, sizeof y, "%.2f", op->y);
  attributes = g_strdup_printf ("page=%u pos=[%s %s]", page, x, y);

  parents[op->level] = cairo_pdf_surface_add_outline (surface, parent, op->text, attributes,
                                                      op->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN
                                                                     : 0);
  for (guint level = op->level + 1; level <= 3; level++)
    parents[level] = 0;
}

static void
draw_page (cairo_t         *cr,
           cairo_surface_t *surface,
           GArray          *ops,
           guint            page,
           int             *parents)
{
  for (guint i = 0; i < ops->len; i++)
    {
      const KesPdfOp *op = &g_array_index (ops, KesPdfOp, i);

      switch (op->kind)
        {
        case KES_PDF_OP_TEXT:
          if (op->role != NULL)
            cairo_tag_begin (cr, op->role, NULL);
          set_rgb (cr, op->rgb);
          if (op->n_lines < 0)
            {
              cairo_move_to (cr, op->x, op->y);
              pango_cairo_show_layout (cr, op->layout);
            }
          else
            draw_lines (cr, op);
          if (op->role != NULL)
            cairo_tag_end (cr, op->role);
          break;

        case KES_PDF_OP_TAG_BEGIN:
          cairo_tag_begin (cr, op->role, NULL);
          break;

        case KES_PDF_OP_TAG_END:
          cairo_tag_end (cr, op->role);
          break;

        case KES_PDF_OP_FILL:
          set_rgb (cr, op->rgb);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;

        case KES_PDF_OP_FRAME:
          set_rgb (cr, op->rgb);
          cairo_set_line_width (cr, 0.5);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_stroke (cr);
          break;

        case KES_PDF_OP_RULE:
          set_rgb (cr, op->rgb);
          cairo_set_line_width (cr, op->h);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->w, op->y);
          cairo_stroke (cr);
          break;

        case KES_PDF_OP_OUTLINE:
          add_outline (surface, parents, op, page);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
set_metadata (cairo_surface_t *surface,
              KesDocument     *document)
{
  const char *title = kes_document_get_title (document);
  const char *author = kes_document_get_author (document);
  const char *subject = kes_document_get_subject (document);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  title != NULL ? title : kes_document_get_type_id (document));
  if (author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS,
                                  kes_document_get_type_id (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Kestrel " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                  kes_document_get_created_at (document));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE,
                                  kes_document_get_created_at (document));
}

/* First pass: paginate on a PDF surface whose output is thrown away, with
 * hint metrics off so measurements do not depend on the device. */
static KesPdfLayout *
paginate (KesDocument   *document,
          GCancellable  *cancellable,
          GError       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_font_options_t *options;
  PangoContext *context;
  KesPdfLayout *layout;

  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL,
                                                 KES_PDF_PAGE_WIDTH, KES_PDF_PAGE_HEIGHT);
  cr = cairo_create (surface);

  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* PDF user space is in points: a 10 pt font is 10 units high. */
  pango_cairo_context_set_resolution (context, 72);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  layout = kes_pdf_layout_new (document, context, cancellable, error);
  g_object_unref (context);

  return layout;
}

static gboolean
render (KesDocument   *document,
        Sink          *sink,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(KesPdfLayout) layout = NULL;
  Furniture furniture = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int parents[4] = { 0 };
  guint n_pages;

  layout = paginate (document, cancellable, error);
  if (layout == NULL)
    return FALSE;

  n_pages = kes_pdf_layout_n_pages (layout);

  /* Second pass: draw what the first pass laid out, now that the number of
   * pages is known. */
  surface = cairo_pdf_surface_create_for_stream (sink_cb, sink,
                                                 KES_PDF_PAGE_WIDTH, KES_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  set_metadata (surface, document);
  cr = cairo_create (surface);
  furniture_init (&furniture, document, layout->context);

  /* Tagged PDF (cairo 1.16 writes the structure tree and marks the
   * content): the body's headings, paragraphs and tables are elements of
   * one Document; the running header and footer are left out of every
   * element but the Document, since cairo 1.16 has no Artifact tag. */
  cairo_tag_begin (cr, "Document", NULL);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;

      draw_furniture (cr, &furniture, layout->context, page + 1, n_pages);
      draw_page (cr, surface, kes_pdf_layout_get_page (layout, page), page + 1, parents);
      cairo_show_page (cr);
    }
  cairo_tag_end (cr, "Document");

  furniture_clear (&furniture);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER,
                   /* Translators: %s is a technical reason from the drawing library */
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

GBytes *
kes_pdf_render_bytes (KesDocument   *document,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Sink sink = { 0 };

  g_return_val_if_fail (KES_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sink.bytes = g_byte_array_new ();

  if (!render (document, &sink, cancellable, error))
    {
      g_byte_array_unref (sink.bytes);
      return NULL;
    }

  return g_byte_array_free_to_bytes (sink.bytes);
}

gboolean
kes_pdf_write_file (KesDocument   *document,
                    const char    *path,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(KesAtomicFile) file = NULL;
  Sink sink = { 0 };

  g_return_val_if_fail (KES_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = kes_atomic_file_new (path, error);
  if (file == NULL)
    return FALSE;

  sink.file = file;

  return render (document, &sink, cancellable, error)
      && kes_atomic_file_commit (file, error);
}
