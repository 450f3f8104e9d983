/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-cost"

/* Bounded cost: what makes libxml2 slow or big however small the file is
 * counted as the bytes stream in (kes-xml-input-scan.c) and refused naming
 * the real problem, for a single case record and for a whole-database file
 * alike; markup that only looks like attributes is not counted. Nothing
 * here is timed (a shared machine is slow): bench.sh prints the times. */

#include "config.h"

#include <string.h>

#include "kes-record-archive.h"
#include "kes-record-database.h"
#include "kes-report-error.h"
#include "kes-test-dump.h"

/* The fixture case record with @insert written right after @marker. */
static GString *
valid_record_with (const char *marker,
                   const char *insert,
                   guint       times)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-record.xml",
                                                 NULL);
  g_autofree char *text = NULL;
  GString *out = g_string_new (NULL);
  const char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  at = strstr (text, marker);
  g_assert_nonnull (at);
  at += strlen (marker);
  g_string_append_len (out, text, at - text);
  for (guint i = 0; i < times; i++)
    g_string_append (out, insert);
  g_string_append (out, at);

  return out;
}

static void
assert_read_refused (GString    *xml,
                     const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml->str, xml->len);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesRecordArchive) archive = kes_record_archive_read_bytes (bytes, NULL, &error);

  g_assert_null (archive);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_many_attributes (void)
{
  g_autoptr(GString) attributes = g_string_new (NULL);
  g_autoptr(GString) xml = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (attributes, " a%u=\"x\"", i);
  xml = valid_record_with ("<teams", attributes->str, 1);
  assert_read_refused (xml, "an element has more than 64 attributes");
  g_string_free (g_steal_pointer (&xml), TRUE);
}

static void
test_char_refs_in_one_text (void)
{
  g_autoptr(GString) xml = valid_record_with ("<family-name>", "&#65;", 2000000);

  assert_read_refused (xml, "a text holds more than 65536 character references");
}

/* Many texts each under the limit, over the file's total. */
static void
test_char_refs_in_the_file (void)
{
  g_autoptr(GString) xml = g_string_new ("<a>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KesXmlReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_string_append (xml, "<b>");
      for (guint j = 0; j < 60000; j++)
        g_string_append (xml, "&#66;");
      g_string_append (xml, "</b>");
    }
  g_string_append (xml, "</a>");
  bytes = g_bytes_new (xml->str, xml->len);
  reader = kes_xml_reader_new_for_data (bytes, NULL, &error);
  g_assert_no_error (error);
  while (kes_xml_reader_next (reader, &error))
    ;
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "the file holds more than 1000000 character "
                                            "references"));
}

/* Quotes, "=" and "&#" in comments, CDATA and processing instructions are
 * not attributes; nor are "=" in values. */
static void
test_lookalikes_not_counted (void)
{
  const char *xml = "<?xml version=\"1.0\"?>\n"
                    "<a one=\"1=2=3\" two='x=\"y\"'>"
                    "<!-- p=\"1\" q=\"2\" r='3' &#1; -->"
                    "<?pi s=\"1\" t=\"2\"?>"
                    "<![CDATA[ u=\" v=' ]] > ]]>"
                    "<b c=\"1\" d=\"2\"/></a>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(KesXmlReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  KesXmlLimits limits;
  guint elements = 0;

  kes_xml_limits_init (&limits);
  limits.scan.max_attributes = 2;
  limits.scan.max_char_refs = 0;
  reader = kes_xml_reader_new_for_data (bytes, &limits, &error);
  g_assert_no_error (error);
  while (kes_xml_reader_next (reader, &error))
    elements += kes_xml_reader_get_kind (reader) == KES_XML_NODE_START;
  g_assert_no_error (error);
  g_assert_cmpuint (elements, ==, 2);
}

/* import --all: blank space before the root and between case records is
 * refused once it passes the limit, never held whole. */
static void
test_whole_database_blank_space (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *blank = g_strnfill (2 * 1024 * 1024, ' ');
  const char *places[] = { "leading", "between" };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autofree char *path = g_build_filename (target->dir, "all.xml", NULL);
      g_autofree char *xml = NULL;
      g_autofree char *before = kes_test_dump_without_audit (target);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      if (i == 0)
        xml = g_strconcat (blank, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><case-records "
                           "xmlns=\"urn:kestrel:record:1\" version=\"2\" "
                           "exported=\"2026-11-21T13:00:00Z\"></case-records>", NULL);
      else
        xml = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><case-records "
                           "xmlns=\"urn:kestrel:record:1\" version=\"2\" "
                           "exported=\"2026-11-21T13:00:00Z\">", blank, "</case-records>", NULL);
      g_assert_true (g_file_set_contents (path, xml, -1, NULL));
      g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                                  NULL, NULL, &error));
      g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_TOO_LARGE);
      g_test_message ("%s: %s", places[i], error->message);
      g_assert_nonnull (strstr (error->message, "blank space in a row"));
      after = kes_test_dump_without_audit (target);
      g_assert_cmpstr (before, ==, after);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-cost/many-attributes", test_many_attributes);
  g_test_add_func ("/import-cost/char-refs-in-one-text", test_char_refs_in_one_text);
  g_test_add_func ("/import-cost/char-refs-in-the-file", test_char_refs_in_the_file);
  g_test_add_func ("/import-cost/look-alikes-not-counted", test_lookalikes_not_counted);
  g_test_add_func ("/import-cost/whole-database-blank-space", test_whole_database_blank_space);

  return g_test_run ();
}
