/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml-reader"

#include "config.h"

#include "kes-report-error.h"
#include "kes-xml-reader.h"

/* Hostile and broken input: each must be refused quickly, with the right
 * error, without reading anything outside the input. */

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "xml", name, NULL);
}

/* Reads the whole file; returns the error. */
static GError *
read_all (const char         *path,
          const KesXmlLimits *limits,
          double             *seconds)
{
  g_autoptr(KesXmlReader) reader = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  reader = kes_xml_reader_new_for_path (path, limits, &error);
  if (reader != NULL)
    {
      while (kes_xml_reader_next (reader, &error))
        {
          /* Nothing from outside the file may appear in it. */
          if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_TEXT)
            g_assert_null (strstr (kes_xml_reader_get_text (reader), "root:"));
        }
    }

  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - start) / 1e6;

  return error;
}

typedef struct
{
  const char *file;
  int         code;
  const char *words;   /* in the message */
} Hostile;

static const Hostile hostile[] = {
  { "xxe-file.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "xxe-network.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "xxe-parameter.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "external-dtd.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "doctype-after-comment.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "billion-laughs.xml", KES_REPORT_ERROR_UNSAFE, "DOCTYPE" },
  { "deep-nesting.xml", KES_REPORT_ERROR_TOO_LARGE, "nested" },
  { "invalid-utf8.xml", KES_REPORT_ERROR_NOT_XML, "UTF-8" },
  { "latin1-declared.xml", KES_REPORT_ERROR_NOT_XML, "UTF-8" },
  /* Found by fuzz-record-import: the name was quoted into the message, which
   * was then not UTF-8 itself. */
  { "bad-encoding-name.xml", KES_REPORT_ERROR_NOT_XML, "UTF-8 only" },
  { "utf16.xml", KES_REPORT_ERROR_NOT_XML, "UTF-8" },
  { "not-xml.txt", KES_REPORT_ERROR_NOT_XML, "not an XML file" },
  { "empty.xml", KES_REPORT_ERROR_NOT_XML, "empty" },
  { "undefined-entity.xml", KES_REPORT_ERROR_UNSAFE, "entit" },
  { "truncated.xml", KES_REPORT_ERROR_NOT_XML, "cut short" },
};

static void
test_hostile (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *path = fixture (h->file);
  g_autoptr(GError) error = NULL;
  double seconds = 0;

  error = read_all (path, NULL, &seconds);
  g_assert_nonnull (error);
  g_test_message ("%s: %s (%.4f s)", h->file, error->message, seconds);
  g_assert_error (error, KES_REPORT_ERROR, h->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, h->words));
}

/* Without a DOCTYPE an XInclude is just an element: nothing is fetched. */
static void
test_xinclude_not_processed (void)
{
  g_autofree char *path = fixture ("xinclude.xml");
  g_autoptr(KesXmlReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gboolean seen = FALSE;

  reader = kes_xml_reader_new_for_path (path, NULL, &error);
  g_assert_no_error (error);
  while (kes_xml_reader_next (reader, &error))
    {
      if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_START
          && g_str_equal (kes_xml_reader_get_name (reader), "include"))
        seen = TRUE;
      if (kes_xml_reader_get_kind (reader) == KES_XML_NODE_TEXT)
        g_assert_null (strstr (kes_xml_reader_get_text (reader), "root:"));
    }
  g_assert_no_error (error);
  g_assert_true (seen);
}

static void
test_huge_text_node (void)
{
  gsize size = 11 * 1000 * 1000;
  g_autoptr(GString) xml = g_string_sized_new (size + 100);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KesXmlReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_string_append (xml, "<record xmlns=\"urn:kestrel:record:1\"><note>");
  for (gsize i = 0; i < size; i++)
    g_string_append_c (xml, 'a');
  g_string_append (xml, "</note></record>");
  bytes = g_bytes_new (xml->str, xml->len);

  reader = kes_xml_reader_new_for_data (bytes, NULL, &error);
  g_assert_no_error (error);
  while (kes_xml_reader_next (reader, &error))
    ;
  g_test_message ("%s (%.3f s)", error != NULL ? error->message : "", (g_get_monotonic_time () - start) / 1e6);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
}

static void
test_limits (void)
{
  const char *xml = "<a><b><c><d>text of twenty letters</d></c></b></a>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  KesXmlLimits limits;

  {
    g_autoptr(KesXmlReader) reader = NULL;
    g_autoptr(GError) error = NULL;

    kes_xml_limits_init (&limits);
    limits.max_depth = 2;
    reader = kes_xml_reader_new_for_data (bytes, &limits, &error);
    g_assert_false (kes_xml_reader_finish (reader, &error));
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  }

  {
    g_autoptr(KesXmlReader) reader = NULL;
    g_autoptr(GError) error = NULL;

    kes_xml_limits_init (&limits);
    limits.max_text_bytes = 10;
    reader = kes_xml_reader_new_for_data (bytes, &limits, &error);
    g_assert_false (kes_xml_reader_finish (reader, &error));
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  }

  {
    g_autoptr(KesXmlReader) reader = NULL;
    g_autoptr(GError) error = NULL;

    kes_xml_limits_init (&limits);
    limits.max_bytes = 16;
    reader = kes_xml_reader_new_for_data (bytes, &limits, &error);
    g_assert_null (reader);
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  }

  /* The same limit applies to a file, counted as it streams. */
  {
    g_autofree char *path = fixture ("deep-nesting.xml");
    g_autoptr(GError) error = NULL;

    kes_xml_limits_init (&limits);
    limits.max_bytes = 4096;
    limits.max_depth = 100000;
    error = read_all (path, &limits, NULL);
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  }

  {
    g_autoptr(KesXmlReader) reader = NULL;
    g_autoptr(GError) error = NULL;

    reader = kes_xml_reader_new_for_data (bytes, NULL, &error);
    g_assert_true (kes_xml_reader_finish (reader, &error));
    g_assert_no_error (error);
  }
}

static void
test_reading (void)
{
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- a comment -->\n"
    "<r xmlns=\"urn:example\" a=\"1 &amp; 2\">\n"
    "  <t>Zoë &lt;O’Brien&gt;<![CDATA[ <raw> ]]></t>\n"
    "  <e/>\n"
    "  <s><x>skipped</x><y/></s>\n"
    "  <bad><x/></bad>\n"
    "</r>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(KesXmlReader) reader = kes_xml_reader_new_for_data (bytes, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *attribute = NULL;
  g_autofree char *text = NULL;
  g_autofree char *empty = NULL;

  g_assert_true (kes_xml_reader_next (reader, &error));
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "r");
  g_assert_cmpstr (kes_xml_reader_get_namespace (reader), ==, "urn:example");
  g_assert_cmpuint (kes_xml_reader_get_depth (reader), ==, 0);
  attribute = kes_xml_reader_dup_attribute (reader, "a");
  g_assert_cmpstr (attribute, ==, "1 & 2");

  while (kes_xml_reader_next (reader, &error) && kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
    ;
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "t");
  text = kes_xml_reader_read_text (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Zoë <O’Brien> <raw> ");

  while (kes_xml_reader_next (reader, &error) && kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
    ;
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "e");
  g_assert_true (kes_xml_reader_is_empty_element (reader));
  empty = kes_xml_reader_read_text (reader, &error);
  g_assert_cmpstr (empty, ==, "");

  while (kes_xml_reader_next (reader, &error) && kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
    ;
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "s");
  g_assert_true (kes_xml_reader_skip (reader, &error));
  g_assert_cmpint (kes_xml_reader_get_kind (reader), ==, KES_XML_NODE_END);
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "s");

  while (kes_xml_reader_next (reader, &error) && kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
    ;
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "bad");
  g_assert_null (kes_xml_reader_read_text (reader, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Line 7:"));
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesXmlReader) reader = kes_xml_reader_new_for_path ("/nonexistent/kestrel.xml", NULL, &error);

  g_assert_null (reader);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_READ);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strdup_printf ("/xml/reader/hostile/%s", hostile[i].file);

      g_test_add_data_func (name, &hostile[i], test_hostile);
    }
  g_test_add_func ("/xml/reader/xinclude-not-processed", test_xinclude_not_processed);
  g_test_add_func ("/xml/reader/huge-text-node", test_huge_text_node);
  g_test_add_func ("/xml/reader/limits", test_limits);
  g_test_add_func ("/xml/reader/reading", test_reading);
  g_test_add_func ("/xml/reader/missing-file", test_missing_file);

  return g_test_run ();
}
