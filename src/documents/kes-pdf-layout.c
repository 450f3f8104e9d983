/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-pdf-flow-private.h"

static void
place_title (KesPdfFlow  *flow,
             KesDocument *document)
{
  const char *subtitle = kes_document_get_subtitle (document);
  const char *author = kes_document_get_author (document);
  g_autofree char *created = NULL;
  g_autofree char *meta = NULL;
  PangoLayout *layout;

  layout = kes_pdf_flow_make_layout (flow, kes_document_get_title (document), STYLE_TITLE, KES_PDF_BODY_WIDTH);
  /* The document's title is its first-level heading; its sections are H2 … */
  flow->role = "H1";
  kes_pdf_flow_emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_HEADING);
  flow->role = "P";
  flow->y += kes_pdf_layout_height (layout) + 2;

  if (subtitle != NULL)
    {
      layout = kes_pdf_flow_make_layout (flow, subtitle, STYLE_SUBTITLE, KES_PDF_BODY_WIDTH);
      kes_pdf_flow_emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_TEXT);
      flow->y += kes_pdf_layout_height (layout) + 2;
    }

  {
    g_autofree char *day = g_strndup (kes_document_get_created_at (document), 10);

    created = kes_date_to_display (day);
  }

  if (author != NULL)
    /* Translators: the first %s is a date ("21 Nov 2026"), the second a person */
    meta = g_strdup_printf (_("Created %s by %s"), created, author);
  else
    /* Translators: %s is a date ("21 Nov 2026") */
    meta = g_strdup_printf (_("Created %s"), created);

  layout = kes_pdf_flow_make_layout (flow, meta, STYLE_SMALL, KES_PDF_BODY_WIDTH);
  kes_pdf_flow_emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y + 2, 0, -1, RGB_MUTED);
  flow->y += kes_pdf_layout_height (layout) + 8;

  kes_pdf_flow_emit_shape (flow, KES_PDF_OP_RULE, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, RULE_WIDTH,
              RGB_HEADING);
  flow->y += 14;
}


/* Height the start of @block needs on the page of the heading before it. */
static double
block_lead_height (KesPdfFlow     *flow,
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
      return kes_pdf_grid_lead_height (flow, block);

    case KES_BLOCK_LIST:
      return flow->body_line;

    case KES_BLOCK_HEADING:
      return 24 + 2 * flow->body_line;

    case KES_BLOCK_SIGNATURE:
      return kes_pdf_signature_height (flow, block, NULL);

    case KES_BLOCK_NOT_COMPLETED:
      return kes_pdf_notice_height (flow, block, NULL, NULL);

    case KES_BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

/* Height the blocks after heading @index need on its page: headings
 * directly under it (each about a line and its spacing), then the start of
 * the first block that is not a heading, so a run of headings never ends a
 * page with nothing of theirs below. At most half a page. */
static double
following_lead_height (KesPdfFlow  *flow,
                       KesDocument *document,
                       guint        index)
{
  guint n_blocks = kes_document_get_n_blocks (document);
  double total = 0;

  for (guint i = index + 1; i < n_blocks; i++)
    {
      const KesBlock *block = kes_document_get_block (document, i);

      if (kes_block_get_kind (block) != KES_BLOCK_HEADING)
        {
          total += block_lead_height (flow, block);
          break;
        }
      total += 28;
    }

  return MIN (total, (KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP) / 2);
}

static void
place_heading (KesPdfFlow     *flow,
               const KesBlock *block,
               double          next_lead)
{
  static const KesPdfStyle styles[] = { STYLE_H1, STYLE_H1, STYLE_H2, STYLE_H3 };
  static const double before[] = { 0, 16, 12, 9 };
  static const double after[] = { 0, 7, 5, 4 };
  static const char * const roles[] = { "H2", "H2", "H3", "H4" };
  guint level = kes_block_get_level (block);
  PangoLayout *layout = kes_pdf_flow_make_layout (flow, kes_block_get_text (block), styles[level],
                                     KES_PDF_BODY_WIDTH);
  double height = kes_pdf_layout_height (layout);
  double needed = height + after[level] + next_lead;

  if (!flow->page_empty)
    {
      if (flow->y + before[level] + needed > KES_PDF_BODY_BOTTOM)
        kes_pdf_flow_new_page (flow);
      else
        flow->y += before[level];
    }

  kes_pdf_flow_emit_outline (flow, level, kes_block_get_text (block));
  flow->role = roles[level];
  kes_pdf_flow_emit_text (flow, layout, KES_PDF_MARGIN_X, flow->y, 0, -1, RGB_HEADING);
  flow->role = "P";
  flow->heading = kes_block_get_text (block);
  flow->y += height;

  if (level == 1)
    {
      flow->y += 2;
      kes_pdf_flow_emit_shape (flow, KES_PDF_OP_RULE, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH,
                  RULE_WIDTH, RGB_GRID);
    }

  flow->y += after[level];
}

static void
place_paragraph (KesPdfFlow     *flow,
                 const KesBlock *block)
{
  PangoLayout *layout = kes_pdf_flow_make_layout (flow, kes_block_get_text (block), STYLE_BODY,
                                     KES_PDF_BODY_WIDTH);

  kes_pdf_flow_place_flowing (flow, layout, KES_PDF_MARGIN_X, RGB_TEXT, NULL, 0);
  flow->y += 6;
}

static void
place_list (KesPdfFlow     *flow,
            const KesBlock *block)
{
  guint n_items = kes_block_get_n_rows (block);

  for (guint i = 0; i < n_items; i++)
    {
      PangoLayout *item = kes_pdf_flow_make_layout (flow, kes_block_get_cell (block, i, 0), STYLE_BODY,
                                       KES_PDF_BODY_WIDTH - LIST_INDENT);
      PangoLayout *bullet = kes_pdf_flow_make_layout (flow, "•", STYLE_BODY, LIST_INDENT);

      kes_pdf_flow_place_flowing (flow, item, KES_PDF_MARGIN_X + LIST_INDENT, RGB_TEXT,
                     bullet, KES_PDF_MARGIN_X + 3);
      flow->y += 2;
    }

  flow->y += 4;
}

KesPdfLayout *
kes_pdf_layout_new (KesDocument   *document,
                    PangoContext  *context,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(KesPdfLayout) result = g_new0 (KesPdfLayout, 1);
  guint n_blocks = kes_document_get_n_blocks (document);
  KesPdfFlow flow = { 0 };

  g_return_val_if_fail (KES_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  result->context = g_object_ref (context);
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  result->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  flow.result = result;
  flow.role = "P";
  for (guint i = 0; i < N_STYLES; i++)
    flow.fonts[i] = pango_font_description_from_string (kes_pdf_style_fonts[i]);

  flow.body_line = kes_pdf_layout_height (kes_pdf_flow_make_layout (&flow, "Ág", STYLE_BODY, KES_PDF_BODY_WIDTH));
  flow.cell_line = kes_pdf_layout_height (kes_pdf_flow_make_layout (&flow, "Ág", STYLE_CELL, KES_PDF_BODY_WIDTH));

  kes_pdf_flow_new_page (&flow);
  if (kes_document_get_title (document) != NULL)
    place_title (&flow, document);

  for (guint i = 0; i < n_blocks; i++)
    {
      const KesBlock *block = kes_document_get_block (document, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      switch (kes_block_get_kind (block))
        {
        case KES_BLOCK_HEADING:
          place_heading (&flow, block, following_lead_height (&flow, document, i));
          break;

        case KES_BLOCK_PARAGRAPH:
          place_paragraph (&flow, block);
          break;

        case KES_BLOCK_KEY_VALUES:
        case KES_BLOCK_TABLE:
          kes_pdf_place_grid (&flow, block);
          break;

        case KES_BLOCK_LIST:
          place_list (&flow, block);
          break;

        case KES_BLOCK_SIGNATURE:
          kes_pdf_place_signature (&flow, block);
          break;

        case KES_BLOCK_NOT_COMPLETED:
          kes_pdf_place_not_completed (&flow, block);
          break;

        case KES_BLOCK_PAGE_BREAK:
          if (!flow.page_empty)
            kes_pdf_flow_new_page (&flow);
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
