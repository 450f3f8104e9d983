/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "kes-report-error.h"
#include "kes-test-sample.h"
#include "kes-xml-reader.h"
#include "kes-xml-schema.h"
#include "kes-xml-writer.h"

static GBytes *
render_sample (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (20);
  g_autoptr(GError) error = NULL;
  GBytes *xml = kes_xml_render_bytes (document, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);

  return xml;
}

static void
test_sample_validates (void)
{
  g_autoptr(GBytes) xml = render_sample ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (xml, &length);

  g_assert_true (kes_xml_validate_memory (data, length, KES_SCHEMA_DOCUMENT, &error));
  g_assert_no_error (error);
}

/* The independent check: xmllint against the XSD as shipped in data/. */
static void
test_sample_validates_with_xmllint (void)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "schemas",
                                                   "kestrel-document-1.xsd", NULL);
  g_autoptr(GBytes) xml = render_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  int fd, status = 0;

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }

  fd = g_file_open_tmp ("kestrel-XXXXXX.xml", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                      &error));

  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
}

static void
test_content (void)
{
  g_autoptr(GBytes) xml = render_sample ();
  g_autoptr(KesXmlReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *name = NULL;
  guint headings = 0, rows = 0;

  reader = kes_xml_reader_new_for_data (xml, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (kes_xml_reader_next (reader, &error));
  g_assert_cmpstr (kes_xml_reader_get_name (reader), ==, "document");
  g_assert_cmpstr (kes_xml_reader_get_namespace (reader), ==, KES_DOCUMENT_XML_NAMESPACE);
  created = kes_xml_reader_dup_attribute (reader, "created");
  g_assert_cmpstr (created, ==, KES_TEST_CREATED_AT);

  while (kes_xml_reader_next (reader, &error))
    {
      const char *element = kes_xml_reader_get_name (reader);

      if (kes_xml_reader_get_kind (reader) != KES_XML_NODE_START)
        continue;

      if (g_str_equal (element, "name") && name == NULL)
        name = kes_xml_reader_read_text (reader, &error);
      else if (g_str_equal (element, "heading"))
        headings++;
      else if (g_str_equal (element, "row"))
        rows++;
    }
  g_assert_no_error (error);

  g_assert_cmpstr (name, ==, KES_TEST_PATIENT_NAME);
  g_assert_cmpuint (headings, ==, 9);
  g_assert_cmpuint (rows, ==, 20 + 2);
}

static void
test_deterministic (void)
{
  g_autoptr(GBytes) first = render_sample ();
  g_autoptr(GBytes) second = NULL;

  g_usleep (1100 * 1000);
  second = render_sample ();
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_invalid_named_with_line (void)
{
  const char *xml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<document xmlns=\"urn:kestrel:document:1\" type=\"x\" version=\"1\" created=\"2026-11-21T09:00:00Z\">\n"
    "  <marking>OFFICIAL</marking>\n"
    "  <body>\n"
    "    <heading level=\"7\">Too deep</heading>\n"
    "  </body>\n"
    "</document>\n";
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_xml_validate_memory (xml, strlen (xml), KES_SCHEMA_DOCUMENT, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Line 5:"));
  g_assert_nonnull (strstr (error->message, "level"));
}

static void
test_wrong_namespace (void)
{
  const char *xml =
    "<document xmlns=\"urn:example:other\" type=\"x\" version=\"1\" created=\"2026-11-21T09:00:00Z\">"
    "<marking>OFFICIAL</marking><body/></document>";
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_xml_validate_memory (xml, strlen (xml), KES_SCHEMA_DOCUMENT, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Line 1:"));
}

static void
test_unknown_schema (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_xml_validate_memory ("<a/>", 4, "no-such-schema", &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_NO_SCHEMA);
}

static void
test_write_file (void)
{
  g_autoptr(KesDocument) document = kes_test_sample_document (5);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "summary.xml", NULL);
  GDir *listing;

  g_assert_no_error (error);
  g_assert_true (kes_xml_write_file (document, path, &error));
  g_assert_no_error (error);
  g_assert_true (kes_xml_validate_file (path, KES_SCHEMA_DOCUMENT, &error));
  g_assert_no_error (error);

  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "summary.xml");
  g_assert_null (g_dir_read_name (listing));
  g_dir_close (listing);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_schema_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) source = kes_xml_schema_dup_source (KES_SCHEMA_DOCUMENT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (g_bytes_get_data (source, NULL), "urn:kestrel:document:1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xml/document/validates", test_sample_validates);
  g_test_add_func ("/xml/document/validates-with-xmllint", test_sample_validates_with_xmllint);
  g_test_add_func ("/xml/document/content", test_content);
  g_test_add_func ("/xml/document/deterministic", test_deterministic);
  g_test_add_func ("/xml/validate/invalid-named-with-line", test_invalid_named_with_line);
  g_test_add_func ("/xml/validate/wrong-namespace", test_wrong_namespace);
  g_test_add_func ("/xml/validate/unknown-schema", test_unknown_schema);
  g_test_add_func ("/xml/document/write-file", test_write_file);
  g_test_add_func ("/xml/schema/source", test_schema_source);

  return g_test_run ();
}
