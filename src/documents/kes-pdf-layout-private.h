/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <pango/pango.h>

#include "kes-document.h"

G_BEGIN_DECLS

/* A4 portrait in PostScript points. */
#define KES_PDF_PAGE_WIDTH   595.276
#define KES_PDF_PAGE_HEIGHT  841.890
#define KES_PDF_MARGIN_X      56.693  /* 20 mm */
#define KES_PDF_BODY_TOP      86.0
#define KES_PDF_BODY_BOTTOM  (KES_PDF_PAGE_HEIGHT - 78.0)
#define KES_PDF_BODY_WIDTH   (KES_PDF_PAGE_WIDTH - 2 * KES_PDF_MARGIN_X)

/* What the first pass produces: every page as a list of drawing operations
 * over Pango layouts already measured, so the second pass only draws and
 * cannot paginate differently. */
typedef enum
{
  KES_PDF_OP_TEXT,    /* lines [first_line, first_line + n_lines) of a layout, top at y */
  KES_PDF_OP_FILL,    /* a filled rectangle */
  KES_PDF_OP_FRAME,   /* a stroked rectangle */
  KES_PDF_OP_RULE,    /* a horizontal line from x to x + w */
  KES_PDF_OP_OUTLINE, /* a bookmark to (x, y) on this page */
  KES_PDF_OP_TAG_BEGIN, /* a structure element opens (tagged PDF): role */
  KES_PDF_OP_TAG_END,   /* and closes */
} KesPdfOpKind;

typedef struct
{
  KesPdfOpKind  kind;
  double        x;
  double        y;
  double        w;
  double        h;
  guint32       rgb;
  PangoLayout  *layout;     /* TEXT: owned by the KesPdfLayout */
  int           first_line; /* TEXT */
  int           n_lines;    /* TEXT: -1 for the whole layout */
  guint         level;      /* OUTLINE */
  const char   *text;       /* OUTLINE: owned by the document */
  const char   *role;       /* TEXT, TAG_*: the structure tag ("H2", "P", "TD" …), a static
                             * string; NULL for text that belongs to no element (a bullet) */
} KesPdfOp;

typedef struct
{
  PangoContext *context;
  GPtrArray    *pages;    /* of GArray of KesPdfOp */
  GPtrArray    *layouts;  /* every PangoLayout the ops refer to */
} KesPdfLayout;

/* Paginates @document with @context, whose font options must already be
 * those of the surface the layout will be drawn on (hint metrics off). */
KesPdfLayout *kes_pdf_layout_new      (KesDocument   *document,
                                       PangoContext  *context,
                                       GCancellable  *cancellable,
                                       GError       **error);
void          kes_pdf_layout_free     (KesPdfLayout  *layout);
guint         kes_pdf_layout_n_pages  (KesPdfLayout  *layout);
GArray       *kes_pdf_layout_get_page (KesPdfLayout  *layout,
                                       guint          page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesPdfLayout, kes_pdf_layout_free)

G_END_DECLS
