/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-xml-writer"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-atomic-file.h"
#include "kes-xml-out-private.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"

static void
write_patient (KesXmlOut   *out,
               KesDocument *document)
{
  if (!kes_document_has_patient (document))
    return;

  kes_xml_out_start (out, "patient");
  kes_xml_out_element (out, "name", kes_document_get_patient_name (document));
  kes_xml_out_element (out, "nhs-number", kes_document_get_patient_nhs_number (document));
  kes_xml_out_element (out, "birth-date", kes_document_get_patient_birth_date (document));
  kes_xml_out_end (out);
}

static void
write_grid (KesXmlOut      *out,
            const KesBlock *block)
{
  guint n_rows = kes_block_get_n_rows (block);
  guint n_columns = kes_block_get_n_columns (block);

  switch (kes_block_get_kind (block))
    {
    case KES_BLOCK_KEY_VALUES:
      kes_xml_out_start (out, "key-values");
      for (guint r = 0; r < n_rows; r++)
        {
          kes_xml_out_start (out, "entry");
          kes_xml_out_element_always (out, "label", kes_block_get_cell (block, r, 0));
          kes_xml_out_element_always (out, "value", kes_block_get_cell (block, r, 1));
          kes_xml_out_end (out);
        }
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_LIST:
      kes_xml_out_start (out, "list");
      for (guint r = 0; r < n_rows; r++)
        kes_xml_out_element_always (out, "item", kes_block_get_cell (block, r, 0));
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_TABLE:
      kes_xml_out_start (out, "table");
      kes_xml_out_start (out, "columns");
      for (guint c = 0; c < n_columns; c++)
        {
          char width[G_ASCII_DTOSTR_BUF_SIZE];

          g_ascii_formatd (width, sizeof width, "%.4g", kes_block_get_width (block, c));
          kes_xml_out_start (out, "column");
          kes_xml_out_attribute (out, "width", width);
          kes_xml_out_text (out, kes_block_get_header (block, c));
          kes_xml_out_end (out);
        }
      kes_xml_out_end (out);

      for (guint r = 0; r < n_rows; r++)
        {
          kes_xml_out_start (out, "row");
          for (guint c = 0; c < n_columns; c++)
            kes_xml_out_element_always (out, "cell", kes_block_get_cell (block, r, c));
          kes_xml_out_end (out);
        }
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_HEADING:
    case KES_BLOCK_PARAGRAPH:
    case KES_BLOCK_SIGNATURE:
    case KES_BLOCK_NOT_COMPLETED:
    case KES_BLOCK_PAGE_BREAK:
    default:
      g_assert_not_reached ();
    }
}

static void
write_block (KesXmlOut      *out,
             const KesBlock *block)
{
  switch (kes_block_get_kind (block))
    {
    case KES_BLOCK_HEADING:
      kes_xml_out_start (out, "heading");
      kes_xml_out_attribute_int (out, "level", kes_block_get_level (block));
      kes_xml_out_text (out, kes_block_get_text (block));
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_PARAGRAPH:
      kes_xml_out_element_always (out, "paragraph", kes_block_get_text (block));
      break;

    case KES_BLOCK_KEY_VALUES:
    case KES_BLOCK_TABLE:
    case KES_BLOCK_LIST:
      write_grid (out, block);
      break;

    case KES_BLOCK_SIGNATURE:
      kes_xml_out_start (out, "signature");
      kes_xml_out_element (out, "statement", kes_block_get_detail (block));
      kes_xml_out_element (out, "name", kes_block_get_text (block));
      kes_xml_out_element (out, "role", kes_block_get_role (block));
      kes_xml_out_element (out, "date", kes_block_get_date (block));
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_NOT_COMPLETED:
      kes_xml_out_start (out, "not-completed");
      kes_xml_out_attribute (out, "section", kes_block_get_text (block));
      kes_xml_out_element (out, "reason", kes_block_get_detail (block));
      kes_xml_out_end (out);
      break;

    case KES_BLOCK_PAGE_BREAK:
      kes_xml_out_element_always (out, "page-break", NULL);
      break;

    default:
      g_assert_not_reached ();
    }
}

GBytes *
kes_xml_render_bytes (KesDocument  *document,
                      GError      **error)
{
  g_autoptr(KesXmlOut) out = NULL;
  guint n_blocks;

  g_return_val_if_fail (KES_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  out = kes_xml_out_new ("document", KES_DOCUMENT_XML_NAMESPACE);
  kes_xml_out_attribute (out, "type", kes_document_get_type_id (document));
  kes_xml_out_attribute_int (out, "version", KES_DOCUMENT_XML_VERSION);
  kes_xml_out_attribute (out, "created", kes_document_get_created_at (document));

  kes_xml_out_element (out, "title", kes_document_get_title (document));
  kes_xml_out_element (out, "subtitle", kes_document_get_subtitle (document));
  kes_xml_out_element (out, "author", kes_document_get_author (document));
  kes_xml_out_element (out, "subject", kes_document_get_subject (document));
  kes_xml_out_element (out, "marking", kes_document_get_marking (document));
  write_patient (out, document);

  kes_xml_out_start (out, "body");
  n_blocks = kes_document_get_n_blocks (document);
  for (guint i = 0; i < n_blocks; i++)
    write_block (out, kes_document_get_block (document, i));
  kes_xml_out_end (out);

  return kes_xml_out_finish (out, error);
}

gboolean
kes_xml_write_file (KesDocument  *document,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (KES_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = kes_xml_render_bytes (document, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);

  return kes_xml_validate_memory (data, length, KES_SCHEMA_DOCUMENT, error)
      && kes_atomic_file_set_contents (path, data, length, error);
}
