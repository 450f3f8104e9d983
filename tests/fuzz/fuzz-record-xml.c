/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness: untrusted XML. With the first byte even, the bytes
 * after it go through kes_record_archive_read_bytes (safe reader,
 * streaming schema validation, record checks); odd, through a plain walk
 * of the safe reader with small limits. Either must end in a result or an
 * error, never a crash, leak or undefined behaviour. */
#include "config.h"

#include <stdint.h>

#include "kes-record-archive.h"
#include "kes-xml-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
walk (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesXmlReader) reader = NULL;
  KesXmlLimits limits;

  kes_xml_limits_init (&limits);
  limits.max_depth = 16;
  limits.max_text_bytes = 4096;
  reader = kes_xml_reader_new_for_data (bytes, &limits, &error);
  if (reader == NULL)
    {
      g_assert_nonnull (error);
      return;
    }
  while (kes_xml_reader_next (reader, &error))
    {
      g_assert_cmpuint (kes_xml_reader_get_depth (reader), <=, limits.max_depth);
      if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_START)
        {
          g_autofree char *id = kes_xml_reader_dup_attribute (reader, "id");

          g_assert_nonnull (kes_xml_reader_get_name (reader));
          if (id != NULL)
            g_assert_true (g_utf8_validate (id, -1, NULL));
        }
      else if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_TEXT)
        g_assert_true (g_utf8_validate (kes_xml_reader_get_text (reader), -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;

  if (size == 0)
    return 0;
  bytes = g_bytes_new (data + 1, size - 1);
  if (data[0] % 2 == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KesRecordArchive) archive = kes_record_archive_read_bytes (bytes, NULL, &error);

      g_assert_true ((archive == NULL) != (error == NULL));
    }
  else
    walk (bytes);
  return 0;
}
