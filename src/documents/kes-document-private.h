/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"

G_BEGIN_DECLS

struct _KesBlock
{
  KesBlockKind  kind;
  guint         level;
  char         *text;
  char         *detail;
  char         *role;
  char         *date;
  GStrv         headers;  /* tables: column titles */
  double       *widths;   /* one a column */
  guint         n_columns;
  GPtrArray    *rows;     /* of GStrv, n_columns cells each */
};

/* Valid UTF-8, no control characters other than newlines (when
 * @multiline) and nothing XML 1.0 cannot carry. NULL stays NULL. */
char *kes_document_clean_text (const char         *text,
                               gboolean            multiline);
void  kes_block_free          (KesBlock           *block);
/* Appends a row of @n_cells (missing cells are empty). */
void  kes_block_add_cells     (KesBlock           *block,
                               const char * const *cells,
                               guint               n_cells);

G_END_DECLS
