/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-pdf-layout-private.h"

/* Typography, in points. */
#define CELL_PAD_X       4.0
#define CELL_PAD_Y       3.0
#define LIST_INDENT     14.0
#define BOX_PAD          8.0
#define RULE_WIDTH       0.6

#define RGB_TEXT       0x1a1a1a
#define RGB_HEADING    0x17324d
#define RGB_MUTED      0x555555
#define RGB_GRID       0x9aa3ad
#define RGB_HEADER_BG  0xe3e8ee
#define RGB_LABEL_BG   0xf2f4f7
#define RGB_NOTICE_BG  0xfbf3e4
#define RGB_NOTICE_BAR 0x9c6500

typedef enum
{
  STYLE_BODY,
  STYLE_ITALIC,
  STYLE_SMALL,
  STYLE_CELL,
  STYLE_CELL_BOLD,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_NOTICE,
  N_STYLES
} Style;

static const char * const style_fonts[N_STYLES] = {
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

typedef struct
{
  KesPdfLayout         *result;
  GArray               *page;
  double                y;
  gboolean              page_empty;
  PangoFontDescription *fonts[N_STYLES];
  double                body_line;
  double                cell_line;
} Flow;

/* A table row being placed: one layout a cell, and how far each has got. */
typedef struct
{
  guint         n_cells;
  PangoLayout **cells;
  int          *next_line;
  double        height;
  guint32       bg[2];    /* background of the first column and of the others; 0 for none */
  guint32       fg[2];
} Row;

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);

  return (double)logical.height / PANGO_SCALE;
}

/* Top and bottom of a line, relative to the layout. */
static void
line_range (PangoLayout *layout,
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
static int
lines_fitting (PangoLayout *layout,
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

static PangoLayout *
make_layout (Flow       *flow,
             const char *text,
             Style       style,
             double      width)
{
  PangoLayout *layout = pango_layout_new (flow->result->context);

  pango_layout_set_font_description (layout, flow->fonts[style]);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  g_ptr_array_add (flow->result->layouts, layout);

  return layout;
}

static void
new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, TRUE, sizeof (KesPdfOp));
  g_ptr_array_add (flow->result->pages, flow->page);
  flow->y = KES_PDF_BODY_TOP;
  flow->page_empty = TRUE;
}

static double
space_left (Flow *flow)
{
  return KES_PDF_BODY_BOTTOM - flow->y;
}

static void
emit_text (Flow        *flow,
           PangoLayout *layout,
           double       x,
           double       y,
           int          first_line,
           int          n_lines,
           guint32      rgb)
{
  KesPdfOp op = { KES_PDF_OP_TEXT, x, y, 0, 0, rgb, layout, first_line, n_lines, 0, NULL };

  g_array_append_val (flow->page, op);
  flow->page_empty = FALSE;
}

static void
emit_shape (Flow         *flow,
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

static void
emit_outline (Flow       *flow,
              guint       level,
              const char *text)
{
  KesPdfOp op = { KES_PDF_OP_OUTLINE, KES_PDF_MARGIN_X, flow->y, 0, 0, 0, NULL, 0, 0, level, text };

  g_array_append_val (flow->page, op);
}

/* Places a layout that may be split between lines across pages: at least two
 * lines at the foot of a page and two at the head of the next. @marker (a
 * bullet) is drawn beside the first line. */
static void
place_flowing (Flow        *flow,
               PangoLayout *layout,
               double       x,
               guint32      rgb,
               PangoLayout *marker,
               double       marker_x)
{
  int n_lines = pango_layout_get_line_count (layout);
  double height = layout_height (layout);
  int first = 0;

  if (height <= space_left (flow))
    {
      emit_text (flow, layout, x, flow->y, 0, -1, rgb);
      if (marker != NULL)
        emit_text (flow, marker, marker_x, flow->y, 0, -1, rgb);
      flow->y += height;
      return;
    }

  while (first < n_lines)
    {
      int remaining = n_lines - first;
      double slice = 0;
      double top, bottom, last_top;
      int fit = lines_fitting (layout, first, space_left (flow), &slice);

      if (fit < MIN (2, remaining) && !flow->page_empty)
        {
          new_page (flow);
          continue;
        }

      if (fit < remaining && remaining - fit < 2 && fit > 2)
        fit--;
      if (fit == 0)
        fit = 1;

      line_range (layout, first, &top, &bottom);
      line_range (layout, first + fit - 1, &last_top, &bottom);
      slice = bottom - top;

      emit_text (flow, layout, x, flow->y, first, fit, rgb);
      if (marker != NULL && first == 0)
        emit_text (flow, marker, marker_x, flow->y, 0, -1, rgb);

      first += fit;
      if (first < n_lines)
        new_page (flow);
      else
        flow->y += slice;
    }
}

static void
place_title (Flow        *flow,
             KesDocument *document)
{
  const char *subtitle = kes_document_get_subtitle (document);
  const char *author = kes_document_get_author (document);
  g_autofree char *created = NULL;
  g_autofree char *meta = NULL;
  PangoLayout *layout;

  layout = make_layout (flow, kes_document_get_title (document), STYLE_TITLE, KES_PDF_BODY_WIDTH);
  emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_HEADING);
  flow->y += layout_height (layout) + 2;

  if (subtitle != NULL)
    {
      layout = make_layout (flow, subtitle, STYLE_SUBTITLE, KES_PDF_BODY_WIDTH);
      emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_TEXT);
      flow->y += layout_height (layout) + 2;
    }

  {
    g_autofree char *day = g_strndup (kes_document_get_created_at (document), 10);

    created = kes_pdf_format_date (day);
  }

  if (author != NULL)
    /* Translators: the first %s is a date ("21 Nov 2026"), the second a person */
    meta = g_strdup_printf (_("Created %s by %s"), created, author);
  else
    /* Translators: %s is a date ("21 Nov 2026") */
    meta = g_strdup_printf (_("Created %s"), created);

  layout = make_layout (flow, meta, STYLE_SMALL, KES_PDF_BODY_WIDTH);
  emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y + 2, 0, -1, RGB_MUTED);
  flow->y += layout_height (layout) + 8;

  emit_shape (flow, KES_PDF_OP_RULE, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, RULE_WIDTH,
              RGB_HEADING);
  flow->y += 14;
}

static double grid_lead_height (Flow *flow, const KesBlock *block);
static double signature_height (Flow *flow, const KesBlock *block, PangoLayout **statement);
static double notice_height (Flow *flow, const KesBlock *block, PangoLayout **title,
                             PangoLayout **reason);

/* Height the start of @block needs on the page of the heading before it. */
static double
block_lead_height (Flow           *flow,
                   const KesBlock *block)
{
  if (block == NULL)
    return 0;

  switch (kes_block_get_kind (block))
    {
    case KES_BLOCK_PARAGRAPH:
      return 2 * flow->body_line;

    case KES_BLOCK_TABLE:
    case KES_BLOCK_KEY_VALUES:
      return grid_lead_height (flow, block);

    case KES_BLOCK_LIST:
      return flow->body_line;

    case KES_BLOCK_HEADING:
      return 24 + 2 * flow->body_line;

    case KES_BLOCK_SIGNATURE:
      return signature_height (flow, block, NULL);

    case KES_BLOCK_NOT_COMPLETED:
      return notice_height (flow, block, NULL, NULL);

    case KES_BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

static void
place_heading (Flow           *flow,
               const KesBlock *block,
               const KesBlock *next)
{
  static const Style styles[] = { STYLE_H1, STYLE_H1, STYLE_H2, STYLE_H3 };
  static const double before[] = { 0, 16, 12, 9 };
  static const double after[] = { 0, 7, 5, 4 };
  guint level = kes_block_get_level (block);
  PangoLayout *layout = make_layout (flow, kes_block_get_text (block), styles[level],
                                     KES_PDF_BODY_WIDTH);
  double height = layout_height (layout);
  double needed = height + after[level] + block_lead_height (flow, next);

  if (!flow->page_empty)
    {
      if (flow->y + before[level] + needed > KES_PDF_BODY_BOTTOM)
        new_page (flow);
      else
        flow->y += before[level];
    }

  emit_outline (flow, level, kes_block_get_text (block));
  emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_HEADING);
  flow->y += height;

  if (level == 1)
    {
      flow->y += 2;
      emit_shape (flow, KES_PDF_OP_RULE, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH,
                  RULE_WIDTH, RGB_GRID);
    }

  flow->y += after[level];
}

static void
place_paragraph (Flow           *flow,
                 const KesBlock *block)
{
  PangoLayout *layout = make_layout (flow, kes_block_get_text (block), STYLE_BODY,
                                     KES_PDF_BODY_WIDTH);

  place_flowing (flow, layout, KES_PDF_MARGIN_X, RGB_TEXT, NULL, 0);
  flow->y += 6;
}

static void
place_list (Flow           *flow,
            const KesBlock *block)
{
  guint n_items = kes_block_get_n_rows (block);

  for (guint i = 0; i < n_items; i++)
    {
      PangoLayout *item = make_layout (flow, kes_block_get_cell (block, i, 0), STYLE_BODY,
                                       KES_PDF_BODY_WIDTH - LIST_INDENT);
      PangoLayout *bullet = make_layout (flow, "•", STYLE_BODY, LIST_INDENT);

      place_flowing (flow, item, KES_PDF_MARGIN_X + LIST_INDENT, RGB_TEXT,
                     bullet, KES_PDF_MARGIN_X + 3);
      flow->y += 2;
    }

  flow->y += 4;
}

static Row *
row_new (Flow               *flow,
         const KesBlock     *block,
         const double       *col_w,
         const char * const *texts,
         Style               style)
{
  Row *row = g_new0 (Row, 1);

  row->n_cells = kes_block_get_n_columns (block);
  row->cells = g_new0 (PangoLayout *, row->n_cells);
  row->next_line = g_new0 (int, row->n_cells);
  row->fg[0] = row->fg[1] = RGB_TEXT;

  for (guint i = 0; i < row->n_cells; i++)
    {
      row->cells[i] = make_layout (flow, texts[i], style, col_w[i] - 2 * CELL_PAD_X);
      row->height = MAX (row->height, layout_height (row->cells[i]));
    }
  row->height += 2 * CELL_PAD_Y;

  return row;
}

static void
row_free (Row *row)
{
  g_free (row->cells);
  g_free (row->next_line);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

/* Draws what is left of @row, at most @space high; returns the height used
 * and whether the row is finished. */
static double
draw_row (Flow         *flow,
          Row          *row,
          const double *col_w,
          double        space,
          gboolean     *finished)
{
  double x = KES_PDF_MARGIN_X;
  double used = 0;
  int *fit = g_newa (int, row->n_cells);
  gboolean progress = FALSE;

  *finished = TRUE;

  for (guint i = 0; i < row->n_cells; i++)
    {
      int n_lines = pango_layout_get_line_count (row->cells[i]);
      double slice = 0;

      fit[i] = 0;
      if (row->next_line[i] >= n_lines)
        continue;

      fit[i] = lines_fitting (row->cells[i], row->next_line[i], space - 2 * CELL_PAD_Y, &slice);
      if (fit[i] > 0)
        progress = TRUE;
      used = MAX (used, slice);
    }

  if (!progress)
    {
      /* A single line taller than the page: place one line a cell anyway. */
      for (guint i = 0; i < row->n_cells; i++)
        if (row->next_line[i] < pango_layout_get_line_count (row->cells[i]))
          {
            double top, bottom;

            fit[i] = 1;
            line_range (row->cells[i], row->next_line[i], &top, &bottom);
            used = MAX (used, bottom - top);
          }
    }

  used += 2 * CELL_PAD_Y;

  for (guint i = 0; i < row->n_cells; i++)
    {
      guint32 bg = row->bg[i == 0 ? 0 : 1];

      if (bg != 0)
        emit_shape (flow, KES_PDF_OP_FILL, x, flow->y, col_w[i], used, bg);
      emit_shape (flow, KES_PDF_OP_FRAME, x, flow->y, col_w[i], used, RGB_GRID);

      if (fit[i] > 0)
        emit_text (flow, row->cells[i], x + CELL_PAD_X, flow->y + CELL_PAD_Y,
                   row->next_line[i], fit[i], row->fg[i == 0 ? 0 : 1]);

      row->next_line[i] += fit[i];
      if (row->next_line[i] < pango_layout_get_line_count (row->cells[i]))
        *finished = FALSE;

      x += col_w[i];
    }

  flow->y += used;

  return used;
}

static void
draw_whole_row (Flow         *flow,
                Row          *row,
                const double *col_w)
{
  gboolean finished;

  memset (row->next_line, 0, sizeof (int) * row->n_cells);
  draw_row (flow, row, col_w, G_MAXDOUBLE, &finished);
}

static double *
grid_columns (const KesBlock *block)
{
  guint n_columns = kes_block_get_n_columns (block);
  double *col_w = g_new (double, n_columns);
  double total = 0;

  for (guint i = 0; i < n_columns; i++)
    total += kes_block_get_width (block, i);
  for (guint i = 0; i < n_columns; i++)
    col_w[i] = KES_PDF_BODY_WIDTH * kes_block_get_width (block, i) / total;

  return col_w;
}

static Row *
grid_header (Flow           *flow,
             const KesBlock *block,
             const double   *col_w)
{
  guint n_columns = kes_block_get_n_columns (block);
  g_autofree const char **titles = NULL;
  Row *header;

  if (kes_block_get_kind (block) != KES_BLOCK_TABLE)
    return NULL;

  titles = g_new0 (const char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    titles[i] = kes_block_get_header (block, i);

  header = row_new (flow, block, col_w, titles, STYLE_CELL_BOLD);
  header->bg[0] = header->bg[1] = RGB_HEADER_BG;

  return header;
}

static Row *
grid_row (Flow           *flow,
          const KesBlock *block,
          const double   *col_w,
          guint           r)
{
  guint n_columns = kes_block_get_n_columns (block);
  g_autofree const char **texts = g_new0 (const char *, n_columns + 1);
  Row *row;

  for (guint i = 0; i < n_columns; i++)
    texts[i] = kes_block_get_cell (block, r, i);

  row = row_new (flow, block, col_w, texts, STYLE_CELL);
  if (kes_block_get_kind (block) == KES_BLOCK_KEY_VALUES)
    {
      row->bg[0] = RGB_LABEL_BG;
      row->fg[0] = RGB_MUTED;
    }

  return row;
}

/* What must fit for the table to start on this page: the header and the
 * whole first row, or three lines of a first row taller than a page. */
static double
lead_of (Flow   *flow,
         double  header_h,
         Row    *first)
{
  double page_room = KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP - header_h;

  if (first == NULL)
    return header_h + flow->cell_line + 2 * CELL_PAD_Y;
  if (first->height <= page_room)
    return header_h + first->height;

  return header_h + 3 * flow->cell_line + 2 * CELL_PAD_Y;
}

static double
grid_lead_height (Flow           *flow,
                  const KesBlock *block)
{
  g_autofree double *col_w = grid_columns (block);
  g_autoptr(Row) header = grid_header (flow, block, col_w);
  g_autoptr(Row) first = NULL;

  if (kes_block_get_n_rows (block) > 0)
    first = grid_row (flow, block, col_w, 0);

  return lead_of (flow, header != NULL ? header->height : 0, first);
}

/* Tables and key–value tables. A row moves whole to the next page, under a
 * repeated header row, unless it is taller than a page: then it is split
 * between lines. */
static void
place_grid (Flow           *flow,
            const KesBlock *block)
{
  guint n_rows = kes_block_get_n_rows (block);
  g_autofree double *col_w = grid_columns (block);
  g_autoptr(Row) header = grid_header (flow, block, col_w);
  double header_h = header != NULL ? header->height : 0;
  double page_room = KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP - header_h;

  if (n_rows == 0)
    {
      PangoLayout *none = make_layout (flow, _("None recorded."), STYLE_ITALIC,
                                       KES_PDF_BODY_WIDTH - 2 * CELL_PAD_X);
      double h = layout_height (none) + 2 * CELL_PAD_Y;

      if (!flow->page_empty && flow->y + header_h + h > KES_PDF_BODY_BOTTOM)
        new_page (flow);
      if (header != NULL)
        draw_whole_row (flow, header, col_w);
      emit_shape (flow, KES_PDF_OP_FRAME, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, h,
                  RGB_GRID);
      emit_text (flow, none, KES_PDF_MARGIN_X + CELL_PAD_X, flow->y + CELL_PAD_Y, 0, -1, RGB_MUTED);
      flow->y += h + 10;
      return;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(Row) row = grid_row (flow, block, col_w, r);
      gboolean finished = FALSE;

      if (r == 0)
        {
          if (!flow->page_empty && flow->y + lead_of (flow, header_h, row) > KES_PDF_BODY_BOTTOM)
            new_page (flow);
          if (header != NULL)
            draw_whole_row (flow, header, col_w);
        }

      if (flow->y + row->height <= KES_PDF_BODY_BOTTOM)
        {
          draw_row (flow, row, col_w, G_MAXDOUBLE, &finished);
          continue;
        }

      if (row->height <= page_room
          || space_left (flow) < 3 * flow->cell_line + 2 * CELL_PAD_Y)
        {
          new_page (flow);
          if (header != NULL)
            draw_whole_row (flow, header, col_w);
        }

      while (TRUE)
        {
          draw_row (flow, row, col_w, space_left (flow), &finished);
          if (finished)
            break;
          new_page (flow);
          if (header != NULL)
            draw_whole_row (flow, header, col_w);
        }
    }

  flow->y += 10;
}

#define SIGN_ROW   26.0  /* room to sign by hand, above the line */
#define FIELD_ROW  17.0

static double
signature_height (Flow            *flow,
                  const KesBlock  *block,
                  PangoLayout    **statement)
{
  const char *text = kes_block_get_detail (block);
  double height = 2 * BOX_PAD + SIGN_ROW + 8 + 2 * FIELD_ROW;

  if (text != NULL)
    {
      PangoLayout *layout = make_layout (flow, text, STYLE_BODY,
                                         KES_PDF_BODY_WIDTH - 2 * BOX_PAD);

      height += layout_height (layout) + 4;
      if (statement != NULL)
        *statement = layout;
    }

  return height;
}

/* A small label and a value (or a line to write on) sharing a baseline. */
static void
place_label_value (Flow       *flow,
                   double      x,
                   double      baseline,
                   double      width,
                   const char *label,
                   const char *value)
{
  PangoLayout *layout = make_layout (flow, label, STYLE_SMALL, 62);

  emit_text (flow, layout, x, baseline - pango_layout_get_baseline (layout) / (double)PANGO_SCALE,
             0, -1, RGB_MUTED);

  if (value != NULL)
    {
      layout = make_layout (flow, value, STYLE_BODY, width - 66);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      emit_text (flow, layout, x + 66,
                 baseline - pango_layout_get_baseline (layout) / (double)PANGO_SCALE,
                 0, -1, RGB_TEXT);
    }
  else
    {
      emit_shape (flow, KES_PDF_OP_RULE, x + 66, baseline + 2, width - 72, RULE_WIDTH, RGB_TEXT);
    }
}

static void
place_signature (Flow           *flow,
                 const KesBlock *block)
{
  PangoLayout *statement = NULL;
  double height = signature_height (flow, block, &statement);
  double x = KES_PDF_MARGIN_X + BOX_PAD;
  double inner = KES_PDF_BODY_WIDTH - 2 * BOX_PAD;
  double top, baseline;
  g_autofree char *date = NULL;

  if (!flow->page_empty && flow->y + height > KES_PDF_BODY_BOTTOM)
    new_page (flow);

  top = flow->y;
  emit_shape (flow, KES_PDF_OP_FRAME, KES_PDF_MARGIN_X, top, KES_PDF_BODY_WIDTH, height, RGB_GRID);
  baseline = top + BOX_PAD;

  if (statement != NULL)
    {
      emit_text (flow, statement, x, baseline, 0, -1, RGB_TEXT);
      baseline += layout_height (statement) + 4;
    }

  baseline += SIGN_ROW;
  place_label_value (flow, x, baseline, inner * 0.62, _("Signature"), NULL);
  if (kes_block_get_date (block) != NULL)
    date = kes_pdf_format_date (kes_block_get_date (block));
  place_label_value (flow, x + inner * 0.64, baseline, inner * 0.36, _("Date"), date);

  baseline += 8 + FIELD_ROW;
  place_label_value (flow, x, baseline, inner, _("Name"), kes_block_get_text (block));
  baseline += FIELD_ROW;
  place_label_value (flow, x, baseline, inner, _("Role"), kes_block_get_role (block));

  flow->y = top + height + 10;
}

static double
notice_height (Flow            *flow,
               const KesBlock  *block,
               PangoLayout    **title,
               PangoLayout    **reason)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double height;

  /* Translators: %s is the name of a section of a report */
  text = g_strdup_printf (_("Section not completed: %s"), kes_block_get_text (block));
  layout = make_layout (flow, text, STYLE_NOTICE, KES_PDF_BODY_WIDTH - 2 * BOX_PAD - 4);
  height = 2 * BOX_PAD + layout_height (layout);
  if (title != NULL)
    *title = layout;

  if (kes_block_get_detail (block) != NULL)
    {
      layout = make_layout (flow, kes_block_get_detail (block), STYLE_ITALIC,
                            KES_PDF_BODY_WIDTH - 2 * BOX_PAD - 4);
      height += 3 + layout_height (layout);
      if (reason != NULL)
        *reason = layout;
    }

  return height;
}

/* A shaded box with a bar down its left side. When the reason is longer than
 * a page it flows on beneath the box instead. */
static void
place_not_completed (Flow           *flow,
                     const KesBlock *block)
{
  PangoLayout *title = NULL;
  PangoLayout *reason = NULL;
  double height = notice_height (flow, block, &title, &reason);
  double x = KES_PDF_MARGIN_X + BOX_PAD + 4;
  gboolean whole = height <= KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP;
  double box_h = whole ? height : 2 * BOX_PAD + layout_height (title);

  if (!flow->page_empty && flow->y + box_h > KES_PDF_BODY_BOTTOM)
    new_page (flow);

  emit_shape (flow, KES_PDF_OP_FILL, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, box_h,
              RGB_NOTICE_BG);
  emit_shape (flow, KES_PDF_OP_FILL, KES_PDF_MARGIN_X, flow->y, 3, box_h, RGB_NOTICE_BAR);
  emit_text (flow, title, x, flow->y + BOX_PAD, 0, -1, RGB_TEXT);

  if (whole)
    {
      if (reason != NULL)
        emit_text (flow, reason, x, flow->y + BOX_PAD + layout_height (title) + 3, 0, -1,
                   RGB_TEXT);
      flow->y += height + 10;
      return;
    }

  flow->y += box_h + 4;
  place_flowing (flow, reason, x, RGB_TEXT, NULL, 0);
  flow->y += 10;
}

KesPdfLayout *
kes_pdf_layout_new (KesDocument   *document,
                    PangoContext  *context,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(KesPdfLayout) result = g_new0 (KesPdfLayout, 1);
  guint n_blocks = kes_document_get_n_blocks (document);
  Flow flow = { 0 };

  g_return_val_if_fail (KES_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  result->context = g_object_ref (context);
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  result->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  flow.result = result;
  for (guint i = 0; i < N_STYLES; i++)
    flow.fonts[i] = pango_font_description_from_string (style_fonts[i]);

  flow.body_line = layout_height (make_layout (&flow, "Ág", STYLE_BODY, KES_PDF_BODY_WIDTH));
  flow.cell_line = layout_height (make_layout (&flow, "Ág", STYLE_CELL, KES_PDF_BODY_WIDTH));

  new_page (&flow);
  if (kes_document_get_title (document) != NULL)
    place_title (&flow, document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const KesBlock *block = kes_document_get_block (document, i);
      const KesBlock *next = i + 1 < n_blocks ? kes_document_get_block (document, i + 1) : NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      switch (kes_block_get_kind (block))
        {
        case KES_BLOCK_HEADING:
          place_heading (&flow, block, next);
          break;

        case KES_BLOCK_PARAGRAPH:
          place_paragraph (&flow, block);
          break;

        case KES_BLOCK_KEY_VALUES:
        case KES_BLOCK_TABLE:
          place_grid (&flow, block);
          break;

        case KES_BLOCK_LIST:
          place_list (&flow, block);
          break;

        case KES_BLOCK_SIGNATURE:
          place_signature (&flow, block);
          break;

        case KES_BLOCK_NOT_COMPLETED:
          place_not_completed (&flow, block);
          break;

        case KES_BLOCK_PAGE_BREAK:
          if (!flow.page_empty)
            new_page (&flow);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; i < N_STYLES; i++)
    pango_font_description_free (flow.fonts[i]);

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  return g_steal_pointer (&result);
}

void
kes_pdf_layout_free (KesPdfLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->pages, g_ptr_array_unref);
  g_clear_pointer (&layout->layouts, g_ptr_array_unref);
  g_clear_object (&layout->context);
  g_free (layout);
}

guint
kes_pdf_layout_n_pages (KesPdfLayout *layout)
{
  return layout->pages->len;
}

GArray *
kes_pdf_layout_get_page (KesPdfLayout *layout,
                         guint         page)
{
  g_return_val_if_fail (page < layout->pages->len, NULL);

  return g_ptr_array_index (layout->pages, page);
}

char *
kes_pdf_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day;

  if (iso_date == NULL)
    return NULL;

  if (strlen (iso_date) != 10
      || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3
      || (time = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso_date);

  return g_date_time_format (time, "%-d %b %Y");
}
