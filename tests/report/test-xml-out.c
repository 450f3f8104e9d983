/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml-out"

#include "config.h"

#include <gio/gio.h>
#include <libxml/xmlwriter.h>

#include "kes-report-error.h"
#include "kes-xml-out-private.h"

/* KesXmlOut writes its own bytes rather than going through xmlTextWriter,
 * and promises the same bytes xmlTextWriter writes (so an export is the
 * same file whichever wrote it). Every test here drives both with the same
 * calls and compares. */

#define X(s) ((const xmlChar *) (s))

typedef struct
{
  KesXmlOut        *ours;
  xmlBufferPtr      buffer;
  xmlTextWriterPtr  theirs;
} Pair;

static void
pair_init (Pair       *pair,
           const char *root,
           const char *namespace_uri)
{
  pair->ours = kes_xml_out_new (root, namespace_uri);
  pair->buffer = xmlBufferCreate ();
  pair->theirs = xmlNewTextWriterMemory (pair->buffer, 0);
  xmlTextWriterSetIndent (pair->theirs, 1);
  xmlTextWriterSetIndentString (pair->theirs, X ("  "));
  xmlTextWriterStartDocument (pair->theirs, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (pair->theirs, NULL, X (root), X (namespace_uri));
}

static void
start (Pair *pair, const char *name)
{
  kes_xml_out_start (pair->ours, name);
  xmlTextWriterStartElement (pair->theirs, X (name));
}

static void
end (Pair *pair)
{
  kes_xml_out_end (pair->ours);
  xmlTextWriterEndElement (pair->theirs);
}

static void
attribute (Pair *pair, const char *name, const char *value)
{
  kes_xml_out_attribute (pair->ours, name, value);
  xmlTextWriterWriteAttribute (pair->theirs, X (name), X (value));
}

static void
text (Pair *pair, const char *value)
{
  kes_xml_out_text (pair->ours, value);
  xmlTextWriterWriteString (pair->theirs, X (value));
}

/* kes_xml_out_element_always() is xmlTextWriterWriteElement() for text,
 * and an empty element otherwise. */
static void
element (Pair *pair, const char *name, const char *value)
{
  kes_xml_out_element_always (pair->ours, name, value);
  if (value[0] != '\0')
    xmlTextWriterWriteElement (pair->theirs, X (name), X (value));
  else
    {
      xmlTextWriterStartElement (pair->theirs, X (name));
      xmlTextWriterEndElement (pair->theirs);
    }
}

static void
assert_same (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ours = kes_xml_out_finish (pair->ours, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  xmlTextWriterEndDocument (pair->theirs);
  xmlTextWriterFlush (pair->theirs);
  text = g_strndup (g_bytes_get_data (ours, NULL), g_bytes_get_size (ours));
  g_assert_cmpstr (text, ==, (const char *) xmlBufferContent (pair->buffer));

  kes_xml_out_free (pair->ours);
  xmlFreeTextWriter (pair->theirs);
  xmlBufferFree (pair->buffer);
}

/* Text that needs escaping in text or in an attribute, and text beyond
 * ASCII (which an attribute carries as character references). */
static const char * const values[] = {
  "", "plain", "a < b > c & d", "\"quoted\" and 'single'", "line\nbreak", "carriage\rreturn",
  "tab\there", "Zoë O’Brien — café", "😀 emoji", "\x01 control \x1f", "&amp; already",
  "]]> end of CDATA", "  spaces  ", "\xef\xbf\xbe noncharacter", "mixed \r\n\t<&>\"é",
};

static void
test_fixed (void)
{
  Pair pair;

  pair_init (&pair, "case-records", "urn:kestrel:record:1");
  attribute (&pair, "version", "2");
  attribute (&pair, "exported", "2026-12-07T12:00:00Z");
  start (&pair, "record");
  start (&pair, "teams");
  end (&pair);
  start (&pair, "staff");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      start (&pair, "member");
      attribute (&pair, "name", values[i]);
      element (&pair, "display-name", values[i]);
      start (&pair, "text");
      attribute (&pair, "name", "x");
      text (&pair, values[i]);
      end (&pair);
      end (&pair);
    }
  end (&pair);
  end (&pair);
  assert_same (&pair);

  /* An empty root, and a root closed by its text. */
  pair_init (&pair, "record", "urn:kestrel:record:1");
  attribute (&pair, "version", "2");
  assert_same (&pair);
  pair_init (&pair, "record", "urn:a&b");
  text (&pair, "only text");
  assert_same (&pair);
}

/* Random documents: any nesting, attributes, text, empty elements, and
 * elements left open for the end of the document to close. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  static const char * const names[] = { "a", "data", "revision", "text", "list", "b-c" };

  for (guint round = 0; round < 400; round++)
    {
      Pair pair;
      guint depth = 0;
      gboolean can_attribute = TRUE;

      pair_init (&pair, "root", round % 2 ? "urn:kestrel:record:1" : "urn:x");
      for (guint step = 0, n = g_rand_int_range (rand, 0, 60); step < n; step++)
        {
          const char *name = names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))];
          const char *value = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];

          switch (g_rand_int_range (rand, 0, 6))
            {
            case 0:
            case 1:
              start (&pair, name);
              depth++;
              can_attribute = TRUE;
              break;
            case 2:
              if (depth > 0)
                {
                  end (&pair);
                  depth--;
                  can_attribute = FALSE;
                }
              break;
            case 3:
              if (can_attribute)
                attribute (&pair, name, value);
              break;
            case 4:
              /* Text then elements in one parent is not what Kestrel
               * writes, but both must still agree. */
              text (&pair, value);
              can_attribute = FALSE;
              break;
            default:
              element (&pair, name, value);
              can_attribute = FALSE;
              break;
            }
        }
      assert_same (&pair);
    }
}

/* Written to a sink in pieces: the same bytes as in memory; a sink that
 * fails stops the writing with its own error. */
static gboolean
collect (const char  *data,
         gsize        length,
         gpointer     user_data,
         GError     **error)
{
  g_string_append_len (user_data, data, length);

  return TRUE;
}

static gboolean
refuse (const char  *data,
        gsize        length,
        gpointer     user_data,
        GError     **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");

  return FALSE;
}

static void
write_many (KesXmlOut *out)
{
  for (guint i = 0; i < 5000; i++)
    {
      kes_xml_out_start (out, "entry");
      kes_xml_out_attribute_int (out, "number", i);
      kes_xml_out_element_always (out, "value", values[i % G_N_ELEMENTS (values)]);
      kes_xml_out_end (out);
    }
}

static void
test_sink (void)
{
  g_autoptr(GString) collected = g_string_new (NULL);
  g_autoptr(KesXmlOut) memory = kes_xml_out_new ("root", "urn:x");
  g_autoptr(KesXmlOut) sink = kes_xml_out_new_for_sink ("root", "urn:x", collect, collected);
  g_autoptr(KesXmlOut) failing = kes_xml_out_new_for_sink ("root", "urn:x", refuse, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  write_many (memory);
  write_many (sink);
  bytes = kes_xml_out_finish (memory, &error);
  g_assert_no_error (error);
  g_assert_true (kes_xml_out_close (sink, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (collected->len, ==, g_bytes_get_size (bytes));
  g_assert_cmpmem (collected->str, collected->len, g_bytes_get_data (bytes, NULL),
                   g_bytes_get_size (bytes));

  /* Larger than one piece: the failure shows before the end. */
  write_many (failing);
  g_assert_false (kes_xml_out_check (failing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_false (kes_xml_out_close (failing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* What the writer refuses (an attribute once the start tag is closed, an
 * end with nothing open) is reported, not written. */
static void
test_misuse (void)
{
  g_autoptr(KesXmlOut) out = kes_xml_out_new ("root", "urn:x");
  g_autoptr(KesXmlOut) ended = kes_xml_out_new ("root", "urn:x");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  kes_xml_out_text (out, "text");
  kes_xml_out_attribute (out, "late", "value");
  bytes = kes_xml_out_finish (out, &error);
  g_assert_null (bytes);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER);
  g_clear_error (&error);

  kes_xml_out_end (ended);
  kes_xml_out_end (ended);
  g_assert_false (kes_xml_out_check (ended, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_RENDER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml-out/fixed", test_fixed);
  g_test_add_func ("/xml-out/random", test_random);
  g_test_add_func ("/xml-out/sink", test_sink);
  g_test_add_func ("/xml-out/misuse", test_misuse);

  return g_test_run ();
}
