/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-pdf-layout-private.h"

G_BEGIN_DECLS

/* The first pass, shared by the files that place each kind of block: a
 * cursor down the current page, the page's operations, and the fonts. */

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
} KesPdfStyle;

typedef struct
{
  KesPdfLayout         *result;
  GArray               *page;
  double                y;
  gboolean              page_empty;
  PangoFontDescription *fonts[N_STYLES];
  double                body_line;
  double                cell_line;
  const char           *heading;   /* the last heading placed: names a table that continues */
  const char           *role;      /* the structure tag of the text emitted now (tagged PDF) */
} KesPdfFlow;

/* The font of each style, as Pango describes it. */
extern const char * const kes_pdf_style_fonts[N_STYLES];

double       kes_pdf_layout_height         (PangoLayout    *layout);
void         kes_pdf_line_range            (PangoLayout    *layout,
                                            int             line,
                                            double         *top,
                                            double         *bottom);
int          kes_pdf_lines_fitting         (PangoLayout    *layout,
                                            int             first,
                                            double          space,
                                            double         *height);
PangoLayout *kes_pdf_flow_make_layout      (KesPdfFlow     *flow,
                                            const char     *text,
                                            KesPdfStyle     style,
                                            double          width);
void         kes_pdf_flow_new_page         (KesPdfFlow     *flow);
double       kes_pdf_flow_space_left       (KesPdfFlow     *flow);
void         kes_pdf_flow_emit_text        (KesPdfFlow     *flow,
                                            PangoLayout    *layout,
                                            double          x,
                                            double          y,
                                            int             first_line,
                                            int             n_lines,
                                            guint32         rgb);
void         kes_pdf_flow_emit_shape       (KesPdfFlow     *flow,
                                            KesPdfOpKind    kind,
                                            double          x,
                                            double          y,
                                            double          w,
                                            double          h,
                                            guint32         rgb);
/* Opens (KES_PDF_OP_TAG_BEGIN) or closes (KES_PDF_OP_TAG_END) a structure
 * element around the operations between: a table ("Table") or a row ("TR"). */
void         kes_pdf_flow_emit_tag         (KesPdfFlow     *flow,
                                            KesPdfOpKind    kind,
                                            const char     *role);
void         kes_pdf_flow_emit_outline     (KesPdfFlow     *flow,
                                            guint           level,
                                            const char     *text);
void         kes_pdf_flow_place_flowing    (KesPdfFlow     *flow,
                                            PangoLayout    *layout,
                                            double          x,
                                            guint32         rgb,
                                            PangoLayout    *marker,
                                            double          marker_x);

/* Tables and key–value tables (kes-pdf-layout-grid.c). */
void         kes_pdf_place_grid            (KesPdfFlow     *flow,
                                            const KesBlock *block);
double       kes_pdf_grid_lead_height      (KesPdfFlow     *flow,
                                            const KesBlock *block);

/* Boxes kept whole (kes-pdf-layout-boxes.c). */
double       kes_pdf_signature_height      (KesPdfFlow     *flow,
                                            const KesBlock *block,
                                            PangoLayout   **statement);
void         kes_pdf_place_signature       (KesPdfFlow     *flow,
                                            const KesBlock *block);
double       kes_pdf_notice_height         (KesPdfFlow     *flow,
                                            const KesBlock *block,
                                            PangoLayout   **title,
                                            PangoLayout   **reason);
void         kes_pdf_place_not_completed   (KesPdfFlow     *flow,
                                            const KesBlock *block);

G_END_DECLS
