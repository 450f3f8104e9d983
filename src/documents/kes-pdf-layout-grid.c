/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-layout-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-pdf-flow-private.h"

/* A table row being placed: one layout a cell, and how far each has got. */
typedef struct
{
  guint         n_cells;
  PangoLayout **cells;
  int          *next_line;
  double        height;
  guint32       bg[2];    /* background of the first column and of the others; 0 for none */
  guint32       fg[2];
  const char   *role[2];  /* structure tag of the first cell and of the others: TH, TD */
} Row;

static Row *
row_new (KesPdfFlow         *flow,
         const KesBlock     *block,
         const double       *col_w,
         const char * const *texts,
         KesPdfStyle         style)
{
  Row *row = g_new0 (Row, 1);

  row->n_cells = kes_block_get_n_columns (block);
  row->cells = g_new0 (PangoLayout *, row->n_cells);
  row->next_line = g_new0 (int, row->n_cells);
  row->fg[0] = row->fg[1] = RGB_TEXT;
  row->role[0] = row->role[1] = "TD";

  for (guint i = 0; i < row->n_cells; i++)
    {
      row->cells[i] = kes_pdf_flow_make_layout (flow, texts[i], style, col_w[i] - 2 * CELL_PAD_X);
      row->height = MAX (row->height, kes_pdf_layout_height (row->cells[i]));
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
draw_row (KesPdfFlow   *flow,
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

      fit[i] = kes_pdf_lines_fitting (row->cells[i], row->next_line[i], space - 2 * CELL_PAD_Y, &slice);
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
            kes_pdf_line_range (row->cells[i], row->next_line[i], &top, &bottom);
            used = MAX (used, bottom - top);
          }
    }

  used += 2 * CELL_PAD_Y;

  /* A row split across pages is two rows to a screen reader: each page's
   * part of a table is a table of its own (continue_on_new_page). */
  kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_BEGIN, "TR");
  for (guint i = 0; i < row->n_cells; i++)
    {
      guint32 bg = row->bg[i == 0 ? 0 : 1];

      if (bg != 0)
        kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FILL, x, flow->y, col_w[i], used, bg);
      kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FRAME, x, flow->y, col_w[i], used, RGB_GRID);

      flow->role = row->role[i == 0 ? 0 : 1];
      if (fit[i] > 0)
        kes_pdf_flow_emit_text (flow, row->cells[i], x + CELL_PAD_X, flow->y + CELL_PAD_Y,
                   row->next_line[i], fit[i], row->fg[i == 0 ? 0 : 1]);
      flow->role = "P";

      row->next_line[i] += fit[i];
      if (row->next_line[i] < pango_layout_get_line_count (row->cells[i]))
        *finished = FALSE;

      x += col_w[i];
    }

  kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_END, "TR");
  flow->y += used;

  return used;
}

static void
draw_whole_row (KesPdfFlow   *flow,
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
grid_header (KesPdfFlow     *flow,
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
  header->role[0] = header->role[1] = "TH";

  return header;
}

static Row *
grid_row (KesPdfFlow     *flow,
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
      /* The label heads its row. */
      row->role[0] = "TH";
    }

  return row;
}

/* What must fit for the table to start on this page: the header and the
 * whole first row, or three lines of a first row taller than a page. */
static double
lead_of (KesPdfFlow *flow,
         double      header_h,
         Row        *first)
{
  double page_room = KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP - header_h;

  if (first == NULL)
    return header_h + flow->cell_line + 2 * CELL_PAD_Y;
  if (first->height <= page_room)
    return header_h + first->height;

  return header_h + 3 * flow->cell_line + 2 * CELL_PAD_Y;
}

double
kes_pdf_grid_lead_height (KesPdfFlow     *flow,
                          const KesBlock *block)
{
  g_autofree double *col_w = grid_columns (block);
  g_autoptr(Row) header = grid_header (flow, block, col_w);
  g_autoptr(Row) first = NULL;

  if (kes_block_get_n_rows (block) > 0)
    first = grid_row (flow, block, col_w, 0);

  return lead_of (flow, header != NULL ? header->height : 0, first);
}

/* The caption over a table that goes on from the page before: the heading
 * it sits under, "(continued)". */
static PangoLayout *
continued_caption (KesPdfFlow *flow)
{
  g_autofree char *text = NULL;

  if (flow->heading != NULL && flow->heading[0] != '\0')
    /* Translators: %s is the heading of a table that goes on from the page before */
    text = g_strdup_printf (_("%s (continued)"), flow->heading);
  else
    text = g_strdup (_("(continued)"));

  return kes_pdf_flow_make_layout (flow, text, STYLE_ITALIC, KES_PDF_BODY_WIDTH);
}

/* A new page for a table that goes on: the caption, then its header row. */
static void
continue_on_new_page (KesPdfFlow   *flow,
                      PangoLayout  *caption,
                      Row          *header,
                      const double *col_w)
{
  kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_END, "Table");
  kes_pdf_flow_new_page (flow);
  kes_pdf_flow_emit_text (flow, caption, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_MUTED);
  flow->y += kes_pdf_layout_height (caption) + 2;
  kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_BEGIN, "Table");
  if (header != NULL)
    draw_whole_row (flow, header, col_w);
}

/* Tables and key–value tables. A row moves whole to the next page, under a
 * "(continued)" caption and the repeated header row, unless it is taller
 * than a page: then it is split between lines. */
void
kes_pdf_place_grid (KesPdfFlow     *flow,
                    const KesBlock *block)
{
  guint n_rows = kes_block_get_n_rows (block);
  g_autofree double *col_w = grid_columns (block);
  g_autoptr(Row) header = grid_header (flow, block, col_w);
  double header_h = header != NULL ? header->height : 0;
  PangoLayout *caption = NULL;
  double page_room;

  if (n_rows == 0)
    {
      PangoLayout *none = kes_pdf_flow_make_layout (flow, _("None recorded."), STYLE_ITALIC,
                                       KES_PDF_BODY_WIDTH - 2 * CELL_PAD_X);
      double h = kes_pdf_layout_height (none) + 2 * CELL_PAD_Y;

      if (!flow->page_empty && flow->y + header_h + h > KES_PDF_BODY_BOTTOM)
        kes_pdf_flow_new_page (flow);
      kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_BEGIN, "Table");
      if (header != NULL)
        draw_whole_row (flow, header, col_w);
      kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FRAME, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, h,
                  RGB_GRID);
      kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_BEGIN, "TR");
      flow->role = "TD";
      kes_pdf_flow_emit_text (flow, none, KES_PDF_MARGIN_X + CELL_PAD_X, flow->y + CELL_PAD_Y, 0, -1, RGB_MUTED);
      flow->role = "P";
      kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_END, "TR");
      kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_END, "Table");
      flow->y += h + 10;
      return;
    }

  caption = continued_caption (flow);
  page_room = KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP - header_h - kes_pdf_layout_height (caption) - 2;

  for (guint r = 0; r < n_rows; r++)
    {
      g_autoptr(Row) row = grid_row (flow, block, col_w, r);
      gboolean finished = FALSE;

      if (r == 0)
        {
          if (!flow->page_empty && flow->y + lead_of (flow, header_h, row) > KES_PDF_BODY_BOTTOM)
            kes_pdf_flow_new_page (flow);
          kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_BEGIN, "Table");
          if (header != NULL)
            draw_whole_row (flow, header, col_w);
        }

      if (flow->y + row->height <= KES_PDF_BODY_BOTTOM)
        {
          draw_row (flow, row, col_w, G_MAXDOUBLE, &finished);
          continue;
        }

      if (row->height <= page_room
          || kes_pdf_flow_space_left (flow) < 3 * flow->cell_line + 2 * CELL_PAD_Y)
        continue_on_new_page (flow, caption, header, col_w);

      while (TRUE)
        {
          draw_row (flow, row, col_w, kes_pdf_flow_space_left (flow), &finished);
          if (finished)
            break;
          continue_on_new_page (flow, caption, header, col_w);
        }
    }

  kes_pdf_flow_emit_tag (flow, KES_PDF_OP_TAG_END, "Table");
  flow->y += 10;
}
