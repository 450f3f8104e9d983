/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-pdf-layout-boxes"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-pdf-flow-private.h"

#define SIGN_ROW   26.0  /* room to sign by hand, above the line */
#define FIELD_ROW  17.0

double
kes_pdf_signature_height (KesPdfFlow      *flow,
                          const KesBlock  *block,
                          PangoLayout    **statement)
{
  const char *text = kes_block_get_detail (block);
  double height = 2 * BOX_PAD + SIGN_ROW + 8 + 2 * FIELD_ROW;

  if (text != NULL)
    {
      PangoLayout *layout = kes_pdf_flow_make_layout (flow, text, STYLE_BODY,
                                         KES_PDF_BODY_WIDTH - 2 * BOX_PAD);

      height += kes_pdf_layout_height (layout) + 4;
      if (statement != NULL)
        *statement = layout;
    }

  return height;
}

/* A small label and a value (or a line to write on) sharing a baseline. */
static void
place_label_value (KesPdfFlow *flow,
                   double      x,
                   double      baseline,
                   double      width,
                   const char *label,
                   const char *value)
{
  PangoLayout *layout = kes_pdf_flow_make_layout (flow, label, STYLE_SMALL, 62);

  kes_pdf_flow_emit_text (flow, layout, x, baseline - pango_layout_get_baseline (layout) / (double)PANGO_SCALE,
             0, -1, RGB_MUTED);

  if (value != NULL)
    {
      layout = kes_pdf_flow_make_layout (flow, value, STYLE_BODY, width - 66);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      kes_pdf_flow_emit_text (flow, layout, x + 66,
                 baseline - pango_layout_get_baseline (layout) / (double)PANGO_SCALE,
                 0, -1, RGB_TEXT);
    }
  else
    {
      kes_pdf_flow_emit_shape (flow, KES_PDF_OP_RULE, x + 66, baseline + 2, width - 72, RULE_WIDTH, RGB_TEXT);
    }
}

void
kes_pdf_place_signature (KesPdfFlow     *flow,
                         const KesBlock *block)
{
  PangoLayout *statement = NULL;
  double height = kes_pdf_signature_height (flow, block, &statement);
  double x = KES_PDF_MARGIN_X + BOX_PAD;
  double inner = KES_PDF_BODY_WIDTH - 2 * BOX_PAD;
  double top, baseline;
  g_autofree char *date = NULL;

  if (!flow->page_empty && flow->y + height > KES_PDF_BODY_BOTTOM)
    kes_pdf_flow_new_page (flow);

  top = flow->y;
  kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FRAME, KES_PDF_MARGIN_X, top, KES_PDF_BODY_WIDTH, height, RGB_GRID);
  baseline = top + BOX_PAD;

  if (statement != NULL)
    {
      kes_pdf_flow_emit_text (flow, statement, x, baseline, 0, -1, RGB_TEXT);
      baseline += kes_pdf_layout_height (statement) + 4;
    }

  baseline += SIGN_ROW;
  place_label_value (flow, x, baseline, inner * 0.62, _("Signature"), NULL);
  if (kes_block_get_date (block) != NULL)
    date = kes_date_to_display (kes_block_get_date (block));
  place_label_value (flow, x + inner * 0.64, baseline, inner * 0.36, _("Date"), date);

  baseline += 8 + FIELD_ROW;
  place_label_value (flow, x, baseline, inner, _("Name"), kes_block_get_text (block));
  baseline += FIELD_ROW;
  place_label_value (flow, x, baseline, inner, _("Role"), kes_block_get_role (block));

  flow->y = top + height + 10;
}

double
kes_pdf_notice_height (KesPdfFlow      *flow,
                       const KesBlock  *block,
                       PangoLayout    **title,
                       PangoLayout    **reason)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double height;

  /* Translators: %s is the name of a section of a report */
  text = g_strdup_printf (_("Section not completed: %s"), kes_block_get_text (block));
  layout = kes_pdf_flow_make_layout (flow, text, STYLE_NOTICE, KES_PDF_BODY_WIDTH - 2 * BOX_PAD - 4);
  height = 2 * BOX_PAD + kes_pdf_layout_height (layout);
  if (title != NULL)
    *title = layout;

  if (kes_block_get_detail (block) != NULL)
    {
      layout = kes_pdf_flow_make_layout (flow, kes_block_get_detail (block), STYLE_ITALIC,
                            KES_PDF_BODY_WIDTH - 2 * BOX_PAD - 4);
      height += 3 + kes_pdf_layout_height (layout);
      if (reason != NULL)
        *reason = layout;
    }

  return height;
}

/* A shaded box with a bar down its left side. When the reason is longer than
 * a page it flows on beneath the box instead. */
void
kes_pdf_place_not_completed (KesPdfFlow     *flow,
                             const KesBlock *block)
{
  PangoLayout *title = NULL;
  PangoLayout *reason = NULL;
  double height = kes_pdf_notice_height (flow, block, &title, &reason);
  double x = KES_PDF_MARGIN_X + BOX_PAD + 4;
  gboolean whole = height <= KES_PDF_BODY_BOTTOM - KES_PDF_BODY_TOP;
  double box_h = whole ? height : 2 * BOX_PAD + kes_pdf_layout_height (title);

  if (!flow->page_empty && flow->y + box_h > KES_PDF_BODY_BOTTOM)
    kes_pdf_flow_new_page (flow);

  kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FILL, KES_PDF_MARGIN_X, flow->y, KES_PDF_BODY_WIDTH, box_h,
              RGB_NOTICE_BG);
  kes_pdf_flow_emit_shape (flow, KES_PDF_OP_FILL, KES_PDF_MARGIN_X, flow->y, 3, box_h, RGB_NOTICE_BAR);
  kes_pdf_flow_emit_text (flow, title, x, flow->y + BOX_PAD, 0, -1, RGB_TEXT);

  if (whole)
    {
      if (reason != NULL)
        kes_pdf_flow_emit_text (flow, reason, x, flow->y + BOX_PAD + kes_pdf_layout_height (title) + 3, 0, -1,
                   RGB_TEXT);
      flow->y += height + 10;
      return;
    }

  flow->y += box_h + 4;
  kes_pdf_flow_place_flowing (flow, reason, x, RGB_TEXT, NULL, 0);
  flow->y += 10;
}
