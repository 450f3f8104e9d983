/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-export"

#include "config.h"

#include "kes-audit.h"
#include "kes-record-export.h"
#include "kes-report-error.h"
#include "kes-test-store.h"
#include "kes-xml-schema.h"

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static GBytes *
export_fixture (KesTestStore *fixture)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml = kes_record_export_bytes (fixture->store, fixture->patient_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);

  return xml;
}

static void
test_everything_exported (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) xml = export_fixture (fixture);
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autofree char *patient = g_strdup_printf ("<patient id=\"%s\">", fixture->patient_id);

  g_assert_nonnull (strstr (text, "xmlns=\"urn:kestrel:record:1\""));
  g_assert_nonnull (strstr (text, "exported=\"2026-11-21T13:00:00Z\""));
  g_assert_nonnull (strstr (text, patient));
  g_assert_nonnull (strstr (text, "<family-name>O’Brien — café</family-name>"));
  g_assert_nonnull (strstr (text, "<given-name>Zoë</given-name>"));
  g_assert_nonnull (strstr (text, "<item>F20.0</item>"));
  g_assert_nonnull (strstr (text, "<item>Do not visit alone</item>"));
  g_assert_nonnull (strstr (text, "<phone/>"));
  g_assert_nonnull (strstr (text, "<phone>07700 900123</phone>"));
  g_assert_nonnull (strstr (text, "<reason>GP practice was recorded against the wrong patient</reason>"));
  g_assert_nonnull (strstr (text, "change=\"entered-in-error\""));
  g_assert_nonnull (strstr (text, "<reason>Wrong patient</reason>"));
  g_assert_nonnull (strstr (text, "&lt;brief&gt; &amp; calm"));
  g_assert_nonnull (strstr (text, "<duration-minutes>45</duration-minutes>"));
  g_assert_nonnull (strstr (text, "Carer raised one concern about sleep."));
  g_assert_nonnull (strstr (text, "No concerns raised by carer."));
  g_assert_nonnull (strstr (text, "username=\"alice\""));
  g_assert_nonnull (strstr (text, "<display-name>Dr Bob Okafor</display-name>"));
  g_assert_nonnull (strstr (text, "name=\"North\""));
  g_assert_nonnull (strstr (text, "name=\"South\""));

  /* Register 3, contacts 1 + 2 + 2, notes 2 + 1. */
  g_assert_cmpuint (count (text, "<revision "), ==, 11);
  g_assert_cmpuint (count (text, "<contact id="), ==, 3);
  g_assert_cmpuint (count (text, "<note id="), ==, 2);

  /* Oldest contact first. */
  g_assert_true (strstr (text, "2026-11-02T10:00:00Z") < strstr (text, "2026-11-09T14:30:00Z"));
}

/* Every export is in the access log. */
static void
test_export_audited (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) xml = export_fixture (fixture);
  g_autoptr(GListModel) log = NULL;
  g_autoptr(GError) error = NULL;
  guint exports = 0;

  log = kes_store_list_audit (fixture->store, fixture->patient_id, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (log, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_EXPORT))
        exports++;
    }
  g_assert_cmpuint (exports, ==, 1);
}

static void
test_deterministic (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) first = export_fixture (fixture);
  g_autoptr(GBytes) second = export_fixture (fixture);

  g_assert_true (g_bytes_equal (first, second));
}

/* Reading an export back and writing it again gives the same bytes: the
 * reader misses nothing the writer wrote. */
static void
test_read_back (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) xml = export_fixture (fixture);
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  KesArchivedRecord *patient;
  KesRevision *last;

  archive = kes_record_archive_read_bytes (xml, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (archive);

  patient = kes_record_archive_get_patient (archive);
  g_assert_cmpstr (patient->id, ==, fixture->patient_id);
  g_assert_cmpuint (patient->revisions->len, ==, 3);
  last = g_ptr_array_index (patient->revisions, 2);
  g_assert_cmpint (kes_revision_get_change (last), ==, KES_CHANGE_CORRECTION);
  g_assert_cmpstr (kes_revision_get_author_name (last), ==, "Dr Bob Okafor");
  g_assert_cmpuint (kes_record_archive_get_records (archive, KES_ARCHIVE_CONTACT)->len, ==, 3);
  g_assert_cmpuint (kes_record_archive_get_staff (archive)->len, ==, 2);

  /* The revision data is the JSON the store holds, byte for byte. */
  {
    g_autoptr(GPtrArray) held = kes_store_list_revisions (fixture->store, fixture->patient_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < held->len; i++)
      g_assert_cmpstr (kes_revision_get_data (g_ptr_array_index (held, i)), ==,
                       kes_revision_get_data (g_ptr_array_index (patient->revisions, i)));
  }

  again = kes_record_archive_to_xml (archive, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (xml, again));
}

static void
test_validates_with_xmllint (void)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "schemas",
                                                   "kestrel-record-1.xsd", NULL);
  g_autoptr(KesTestStore) fixture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (xmllint == NULL)
    {
      g_test_skip ("xmllint is not installed");
      return;
    }

  fixture = kes_test_store_new_with_patient ();
  path = g_build_filename (fixture->dir, "record.xml", NULL);
  g_assert_true (kes_record_export_file (fixture->store, fixture->patient_id, path, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", schema, path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xmllint: %s", err);
}

static void
test_unknown_patient (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;

  xml = kes_record_export_bytes (fixture->store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (xml);
  g_assert_nonnull (error);
}

static GError *
read_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(KesRecordArchive) archive = NULL;
  GError *error = NULL;

  archive = kes_record_archive_read_bytes (bytes, NULL, &error);
  g_assert_null (archive);

  return error;
}

/* What the schema catches, and what only the reader can. */
static void
test_invalid_records (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) xml = export_fixture (fixture);
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  struct { const char *from; const char *to; int code; } cases[] = {
    { "change=\"edit\"", "change=\"deleted\"", KES_REPORT_ERROR_INVALID },
    { "number=\"2\"", "number=\"7\"", KES_REPORT_ERROR_INVALID },
    { "<duration-minutes>45<", "<duration-minutes>many<", KES_REPORT_ERROR_INVALID },
    { "username=\"alice\"", "username=\"alice\" extra=\"x\"", KES_REPORT_ERROR_INVALID },
    { "xmlns=\"urn:kestrel:record:1\"", "xmlns=\"urn:kestrel:record:2\"", KES_REPORT_ERROR_INVALID },
  };

  g_autofree char *author = g_strdup_printf ("author=\"%s\"", kes_staff_get_id (fixture->alice));

  /* A revision by someone not in the staff list (the schema's keyref). */
  {
    g_auto(GStrv) parts = g_strsplit (text, author, 2);
    g_autofree char *changed = g_strjoin ("author=\"00000000-0000-4000-8000-000000000000\"",
                                          parts[0], parts[1], NULL);
    g_autoptr(GError) error = read_text (changed);

    g_test_message ("unknown author: %s", error->message);
    g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) parts = g_strsplit (text, cases[i].from, 2);
      g_autofree char *changed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      changed = g_strjoin (cases[i].to, parts[0], parts[1], NULL);
      error = read_text (changed);
      g_test_message ("%s → %s: %s", cases[i].from, cases[i].to, error->message);
      g_assert_error (error, KES_REPORT_ERROR, cases[i].code);
      g_assert_true (g_str_has_prefix (error->message, "Line "));
    }
}

/* A file exported earlier (by another database) still reads. */
static void
test_valid_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-record.xml", NULL);
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;

  archive = kes_record_archive_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_record_archive_get_patient (archive)->revisions->len, ==, 3);
  g_assert_cmpuint (kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE)->len, ==, 2);
}

typedef struct
{
  const char *file;
  int         code;
} Hostile;

static const Hostile hostile[] = {
  { "xxe-file.xml", KES_REPORT_ERROR_UNSAFE },
  { "xxe-network.xml", KES_REPORT_ERROR_UNSAFE },
  { "xxe-parameter.xml", KES_REPORT_ERROR_UNSAFE },
  { "external-dtd.xml", KES_REPORT_ERROR_UNSAFE },
  { "doctype-after-comment.xml", KES_REPORT_ERROR_UNSAFE },
  { "billion-laughs.xml", KES_REPORT_ERROR_UNSAFE },
  /* The schema refuses the first stray element before the depth limit bites. */
  { "deep-nesting.xml", KES_REPORT_ERROR_INVALID },
  { "invalid-utf8-record.xml", KES_REPORT_ERROR_NOT_XML },
  { "latin1-declared.xml", KES_REPORT_ERROR_NOT_XML },
  { "utf16.xml", KES_REPORT_ERROR_NOT_XML },
  { "not-xml.txt", KES_REPORT_ERROR_NOT_XML },
  { "empty.xml", KES_REPORT_ERROR_NOT_XML },
  { "undefined-entity.xml", KES_REPORT_ERROR_UNSAFE },
  { "truncated-record.xml", KES_REPORT_ERROR_NOT_XML },
  { "xinclude.xml", KES_REPORT_ERROR_INVALID },
};

static void
test_hostile (gconstpointer data)
{
  const Hostile *h = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", h->file, NULL);
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;

  /* Refused for the right reason (the code), before any entity could expand. */
  archive = kes_record_archive_read_file (path, NULL, &error);
  g_assert_null (archive);
  g_test_message ("%s: %s", h->file, error->message);
  g_assert_error (error, KES_REPORT_ERROR, h->code);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/export/everything", test_everything_exported);
  g_test_add_func ("/record/export/deterministic", test_deterministic);
  g_test_add_func ("/record/export/audited", test_export_audited);
  g_test_add_func ("/record/export/read-back", test_read_back);
  g_test_add_func ("/record/export/validates-with-xmllint", test_validates_with_xmllint);
  g_test_add_func ("/record/export/unknown-patient", test_unknown_patient);
  g_test_add_func ("/record/read/invalid", test_invalid_records);
  g_test_add_func ("/record/read/fixture", test_valid_fixture);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strdup_printf ("/record/read/hostile/%s", hostile[i].file);

      g_test_add_data_func (name, &hostile[i], test_hostile);
    }

  return g_test_run ();
}
