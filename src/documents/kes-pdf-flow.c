/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-flow"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-pdf-flow-private.h"

const char * const kes_pdf_style_fonts[N_STYLES] = {
  [STYLE_BODY]      = "DejaVu Sans 10",
  [STYLE_ITALIC]    = "DejaVu Sans Oblique 9.5",
  [STYLE_SMALL]     = "DejaVu Sans 8.5",
  [STYLE_CELL]      = "DejaVu Sans 9",
  [STYLE_CELL_BOLD] = "DejaVu Sans Bold 9",
  [STYLE_H1]        = "DejaVu Sans Bold 14.5",
  [STYLE_H2]        = "DejaVu Sans Bold 12",
  [STYLE_H3]        = "DejaVu Sans Bold 10.5",
  [STYLE_TITLE]     = "DejaVu Sans Bold 19",
  [STYLE_SUBTITLE]  = "DejaVu Sans 12",
  [STYLE_NOTICE]    = "DejaVu Sans Bold 10",
};

double
kes_pdf_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);

  return (double)logical.height / PANGO_SCALE;
}

/* Top and bottom of a line, relative to the layout. */
void
kes_pdf_line_range (PangoLayout *layout,
                    int          line,
                    double      *top,
                    double      *bottom)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int y0 = 0, y1 = 0;

  for (int i = 0; i < line; i++)
    pango_layout_iter_next_line (iter);
  pango_layout_iter_get_line_yrange (iter, &y0, &y1);
  pango_layout_iter_free (iter);

  *top = (double)y0 / PANGO_SCALE;
  *bottom = (double)y1 / PANGO_SCALE;
}

/* How many lines from @first fit in @space, and the height they take. */
int
kes_pdf_lines_fitting (PangoLayout *layout,
                       int          first,
                       double       space,
                       double      *height)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_fit = 0;
  double top = 0;
  int line = 0;

  *height = 0;

  do
    {
      int y0, y1;

      if (line < first)
        {
          line++;
          continue;
        }

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (line == first)
        top = (double)y0 / PANGO_SCALE;
      if ((double)y1 / PANGO_SCALE - top > space)
        break;

      *height = (double)y1 / PANGO_SCALE - top;
      n_fit++;
      line++;
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);

  return n_fit;
}

PangoLayout *
kes_pdf_flow_make_layout (KesPdfFlow  *flow,
                          const char  *text,
                          KesPdfStyle  style,
                          double       width)
{
  PangoLayout *layout = pango_layout_new (flow->result->context);

  pango_layout_set_font_description (layout, flow->fonts[style]);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  g_ptr_array_add (flow->result->layouts, layout);

  return layout;
}

void
kes_pdf_flow_new_page (KesPdfFlow *flow)
{
  flow->page = g_array_new (FALSE, TRUE, sizeof (KesPdfOp));
  g_ptr_array_add (flow->result->pages, flow->page);
  flow->y = KES_PDF_BODY_TOP;
  flow->page_empty = TRUE;
}

double
kes_pdf_flow_space_left (KesPdfFlow *flow)
{
  return KES_PDF_BODY_BOTTOM - flow->y;
}

void
kes_pdf_flow_emit_text (KesPdfFlow  *flow,
                        PangoLayout *layout,
                        double       x,
                        double       y,
                        int          first_line,
                        int          n_lines,
                        guint32      rgb)
{
  KesPdfOp op = { KES_PDF_OP_TEXT, x, y, 0, 0, rgb, layout, first_line, n_lines, 0, NULL, flow->role };

  g_array_append_val (flow->page, op);
  flow->page_empty = FALSE;
}

void
kes_pdf_flow_emit_shape (KesPdfFlow   *flow,
                         KesPdfOpKind  kind,
                         double        x,
                         double        y,
                         double        w,
                         double        h,
                         guint32       rgb)
{
  KesPdfOp op = { kind, x, y, w, h, rgb, NULL, 0, 0, 0, NULL };

  g_array_append_val (flow->page, op);
  flow->page_empty = FALSE;
}

void
kes_pdf_flow_emit_tag (KesPdfFlow   *flow,
                       KesPdfOpKind  kind,
                       const char   *role)
{
  KesPdfOp op = { kind, 0, 0, 0, 0, 0, NULL, 0, 0, 0, NULL, role };

  g_assert (kind == KES_PDF_OP_TAG_BEGIN || kind == KES_PDF_OP_TAG_END);
  g_array_append_val (flow->page, op);
}

/* A list's bullet belongs to no element: its item is read without it. */
static void
emit_marker (KesPdfFlow  *flow,
             PangoLayout *marker,
             double       x,
             double       y,
             guint32      rgb)
{
  const char *role = flow->role;

  flow->role = NULL;
  kes_pdf_flow_emit_text (flow, marker, x, y, 0, -1, rgb);
  flow->role = role;
}

void
kes_pdf_flow_emit_outline (KesPdfFlow *flow,
                           guint       level,
                           const char *text)
{
  KesPdfOp op = { KES_PDF_OP_OUTLINE, KES_PDF_MARGIN_X, flow->y, 0, 0, 0, NULL, 0, 0, level, text };

  g_array_append_val (flow->page, op);
}

/* Places a layout that may be split between lines across pages: at least two
 * lines at the foot of a page and two at the head of the next. @marker (a
 * bullet) is drawn beside the first line. */
void
kes_pdf_flow_place_flowing (KesPdfFlow  *flow,
                            PangoLayout *layout,
                            double       x,
                            guint32      rgb,
                            PangoLayout *marker,
                            double       marker_x)
{
  int n_lines = pango_layout_get_line_count (layout);
  double height = kes_pdf_layout_height (layout);
  int first = 0;

  if (height <= kes_pdf_flow_space_left (flow))
    {
      kes_pdf_flow_emit_text (flow, layout, x, flow->y, 0, -1, rgb);
      if (marker != NULL)
        emit_marker (flow, marker, marker_x, flow->y, rgb);
      flow->y += height;
      return;
    }

  while (first < n_lines)
    {
      int remaining = n_lines - first;
      double slice = 0;
      double top, bottom, last_top;
      int fit = kes_pdf_lines_fitting (layout, first, kes_pdf_flow_space_left (flow), &slice);

      if (fit < MIN (2, remaining) && !flow->page_empty)
        {
          kes_pdf_flow_new_page (flow);
          continue;
        }

      if (fit < remaining && remaining - fit < 2 && fit > 2)
        fit--;
      if (fit == 0)
        fit = 1;

      kes_pdf_line_range (layout, first, &top, &bottom);
      kes_pdf_line_range (layout, first + fit - 1, &last_top, &bottom);
      slice = bottom - top;

      kes_pdf_flow_emit_text (flow, layout, x, flow->y, first, fit, rgb);
      if (marker != NULL && first == 0)
        emit_marker (flow, marker, marker_x, flow->y, rgb);

      first += fit;
      if (first < n_lines)
        kes_pdf_flow_new_page (flow);
      else
        flow->y += slice;
    }
}
