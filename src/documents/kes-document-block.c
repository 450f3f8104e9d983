/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-document-block"

#include "config.h"

#include "kes-document-private.h"

/* Valid UTF-8, no control characters other than newlines (when @multiline)
 * and nothing XML 1.0 cannot carry. */
char *
kes_document_clean_text (const char *text,
                         gboolean    multiline)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] == '\n')
            continue;
          c = '\n';
        }

      if (c == '\n')
        g_string_append_c (out, multiline ? '\n' : ' ');
      else if (c == '\t')
        g_string_append_c (out, ' ');
      else if (c < 0x20 || c == 0x7f)
        continue;
      else if (c == 0xfffe || c == 0xffff)
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

void
kes_block_free (KesBlock *block)
{
  g_free (block->text);
  g_free (block->detail);
  g_free (block->role);
  g_free (block->date);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

void
kes_block_add_cells (KesBlock           *block,
                     const char * const *cells,
                     guint               n_cells)
{
  GStrv row = g_new0 (char *, block->n_columns + 1);

  for (guint i = 0; i < block->n_columns; i++)
    {
      const char *cell = i < n_cells ? cells[i] : NULL;

      row[i] = kes_document_clean_text (cell != NULL ? cell : "", TRUE);
    }

  g_ptr_array_add (block->rows, row);
}

void
kes_block_add_key_value (KesBlock   *block,
                         const char *label,
                         const char *value)
{
  const char *cells[] = { label, value };

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_KEY_VALUES);
  g_return_if_fail (label != NULL);

  kes_block_add_cells (block, cells, 2);
}

void
kes_block_add_row (KesBlock           *block,
                   const char * const *cells)
{
  guint n_cells;

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_TABLE);
  g_return_if_fail (cells != NULL);

  n_cells = g_strv_length ((char **)cells);
  g_return_if_fail (n_cells <= block->n_columns);

  kes_block_add_cells (block, cells, n_cells);
}

void
kes_block_add_row_cells (KesBlock   *block,
                         const char *first_cell,
                         ...)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  va_list args;

  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_TABLE);

  va_start (args, first_cell);
  for (const char *cell = first_cell; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, (gpointer)cell);
  va_end (args);
  g_ptr_array_add (cells, NULL);

  kes_block_add_row (block, (const char * const *)cells->pdata);
}

void
kes_block_add_item (KesBlock   *block,
                    const char *item)
{
  g_return_if_fail (block != NULL && block->kind == KES_BLOCK_LIST);
  g_return_if_fail (item != NULL);

  kes_block_add_cells (block, &item, 1);
}

KesBlockKind
kes_block_get_kind (const KesBlock *block)
{
  return block->kind;
}

guint
kes_block_get_level (const KesBlock *block)
{
  return block->level;
}

const char *
kes_block_get_text (const KesBlock *block)
{
  return block->text;
}

const char *
kes_block_get_detail (const KesBlock *block)
{
  return block->detail;
}

const char *
kes_block_get_role (const KesBlock *block)
{
  return block->role;
}

const char *
kes_block_get_date (const KesBlock *block)
{
  return block->date;
}

guint
kes_block_get_n_columns (const KesBlock *block)
{
  return block->n_columns;
}

const char *
kes_block_get_header (const KesBlock *block,
                      guint           column)
{
  g_return_val_if_fail (column < block->n_columns, NULL);

  return block->headers[column];
}

double
kes_block_get_width (const KesBlock *block,
                     guint           column)
{
  g_return_val_if_fail (column < block->n_columns, 0);

  return block->widths[column];
}

guint
kes_block_get_n_rows (const KesBlock *block)
{
  return block->rows != NULL ? block->rows->len : 0;
}

const char *
kes_block_get_cell (const KesBlock *block,
                    guint           row,
                    guint           column)
{
  g_return_val_if_fail (block->rows != NULL && row < block->rows->len, NULL);
  g_return_val_if_fail (column < block->n_columns, NULL);

  return ((GStrv)g_ptr_array_index (block->rows, row))[column];
}

const char *
kes_block_kind_to_string (KesBlockKind kind)
{
  switch (kind)
    {
    case KES_BLOCK_HEADING:       return "heading";
    case KES_BLOCK_PARAGRAPH:     return "paragraph";
    case KES_BLOCK_KEY_VALUES:    return "key-values";
    case KES_BLOCK_TABLE:         return "table";
    case KES_BLOCK_LIST:          return "list";
    case KES_BLOCK_SIGNATURE:     return "signature";
    case KES_BLOCK_NOT_COMPLETED: return "not-completed";
    case KES_BLOCK_PAGE_BREAK:    return "page-break";
    default:                      g_return_val_if_reached (NULL);
    }
}

char *
kes_document_format_nhs_number (const char *digits)
{
  if (digits == NULL)
    return NULL;

  if (strlen (digits) != 10 || strspn (digits, "0123456789") != 10)
    return g_strdup (digits);

  return g_strdup_printf ("%.3s %.3s %.4s", digits, digits + 3, digits + 6);
}
