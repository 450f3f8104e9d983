/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-database"

#include "config.h"

#include <glib/gstdio.h>

#include "kes-audit.h"
#include "kes-demo.h"
#include "kes-record-archive-private.h"
#include "kes-record-database.h"
#include "kes-record-export.h"
#include "kes-report-error.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store-staff.h"
#include "kes-store-whole-db.h"
#include "kes-test-store.h"
#include "kes-xml-schema.h"

/* The whole-database export (<case-records>): round trip, all-or-nothing
 * import, hostile input, and one patient held at a time. */

#define NOW "2026-11-23T09:00:00Z"

/* The test patient (edited, corrected, entered-in-error contact) and a few
 * demo patients, with their community and MoJ records. */
static KesTestStore *
store_with_patients (void)
{
  KesTestStore *fixture = kes_test_store_new_blank ();
  KesDemoOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  /* The demo fills the new file, then the usual patient joins them. */
  options.patients = 5;
  options.contacts_per_patient = 2;
  options.notes_per_patient = 3;
  options.seed = 11;
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  kes_test_store_add_importer (fixture);
  kes_test_store_add_patient (fixture);
  kes_store_set_actor (fixture->store, fixture->importer);

  return fixture;
}

static char *
export_database (KesTestStore *fixture,
                 const char   *name,
                 guint         expected)
{
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  guint n_patients = 0;

  kes_test_set_now (NOW);
  g_assert_true (kes_record_export_database (fixture->store, path, NULL, &n_patients, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_patients, ==, expected);

  return path;
}

/* An archive made only to be written (the register, contacts and notes as
 * the store's rows) writes the same bytes as one holding them as records,
 * which reports read: for every patient of @store. */
static void
assert_rows_write_as_records (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = kes_store_list_patient_ids (store, &error);
  g_autoptr(KesRecordExportCache) cache = kes_record_export_cache_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(KesRecordArchive) as_records = NULL, as_rows = NULL;
      g_autoptr(GBytes) from_records = NULL, from_rows = NULL;

      kes_test_set_now (NOW);
      as_records = kes_record_export_archive (store, id, &error);
      g_assert_no_error (error);
      as_rows = kes_record_export_archive_for_xml (store, id, cache, &error);
      g_assert_no_error (error);
      from_records = kes_record_archive_to_xml (as_records, &error);
      g_assert_no_error (error);
      from_rows = kes_record_archive_to_xml (as_rows, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (from_records, from_rows));
    }
}

/* Imported revisions keep their provenance through the rows the store
 * reads them as (kes_store_list_patient_histories()). */
static void
assert_histories_keep_provenance (KesStore   *store,
                                  const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) histories = kes_store_list_patient_histories (store, patient_id, &error);
  guint imported = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < histories->len; i++)
    {
      KesRecordHistory *history = g_ptr_array_index (histories, i);

      for (guint r = 0; r < history->revisions->len; r++)
        {
          KesRevision *revision = g_ptr_array_index (history->revisions, r);

          if (kes_revision_get_imported_at (revision) != NULL)
            {
              g_assert_nonnull (kes_revision_get_author_name (revision));
              imported++;
            }
        }
    }
  g_assert_cmpuint (imported, >, 1);
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  return g_bytes_new_take (contents, length);
}

static char *
write_text (KesTestStore *fixture,
            const char   *name,
            const char   *text)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

typedef struct
{
  guint patients;
  guint staff;
  guint audit;
} Counts;

/* Reading the access log adds an entry of its own ("view"), after the
 * entries it returns. */
static Counts
counts (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) audit = kes_store_list_audit (store, NULL, NULL, NULL, &error);

  g_assert_no_error (error);

  return (Counts) { kes_store_count_patients (store), kes_store_count_staff (store),
                    g_list_model_get_n_items (audit) };
}

/* Nothing written since @before was counted but the count's own entry. */
static void
assert_unchanged (KesStore *store,
                  Counts   *before)
{
  Counts after = counts (store);

  g_assert_cmpuint (after.patients, ==, before->patients);
  g_assert_cmpuint (after.staff, ==, before->staff);
  g_assert_cmpuint (after.audit, ==, before->audit + 1);
  *before = after;
}

static void
assert_verifies (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = kes_store_verify (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Export → import into an empty database → export gives the same bytes;
 * the file validates; each patient's own case record is the same from
 * either database; the access log verifies; notes are searchable. */
static int
pragma_int (KesStore   *store,
            const char *sql)
{
  KesDbStmt *stmt = kes_store_prepare (store, sql, NULL);
  int value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (kes_db_step (stmt), ==, KES_DB_ROW);
  value = kes_db_column_int (stmt, 0);
  kes_db_reset (stmt);
  return value;
}

/* An import into an empty file relaxes durability while it runs
 * (kes_store_import_relax); afterwards, whatever happened, the connection
 * is back to what kes_store_open() sets. */
static void
assert_durable_again (KesStore *store)
{
  KesDbStmt *stmt = kes_store_prepare (store, "PRAGMA journal_mode", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (kes_db_step (stmt), ==, KES_DB_ROW);
  g_assert_cmpstr (kes_store_column_text (stmt, 0), ==, "wal");
  kes_db_reset (stmt);
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 2 /* FULL */);
}

static void
test_round_trip (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autoptr(GBytes) first_bytes = NULL, second_bytes = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) source_hits = NULL;
  g_autoptr(KesStaff) alice = NULL;
  KesRecordDatabaseSummary summary = { 0 };
  GStatBuf st;

  ids = kes_store_list_patient_ids (source->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 6);

  first = export_database (source, "all.xml", ids->len);
  g_assert_true (kes_xml_validate_file (first, KES_SCHEMA_RECORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  kes_record_archive_reset_peak ();
  g_assert_true (kes_record_import_database (target->store, first, KES_RECORD_IMPORT_DEFAULT,
                                             &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.patients, ==, ids->len);
  g_assert_cmpuint (summary.records_added, >, ids->len);
  /* Streamed: never more than one patient's case record in memory. */
  g_assert_cmpuint (kes_record_archive_get_peak (), ==, 1);
  assert_durable_again (target->store);

  second = export_database (target, "again.xml", ids->len);
  assert_rows_write_as_records (source->store);
  assert_rows_write_as_records (target->store);
  assert_histories_keep_provenance (target->store, g_ptr_array_index (ids, 0));
  first_bytes = read_file (first);
  second_bytes = read_file (second);
  g_assert_true (g_bytes_equal (first_bytes, second_bytes));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GBytes) ours = NULL, theirs = NULL;

      kes_test_set_now (NOW);
      ours = kes_record_export_bytes (source->store, g_ptr_array_index (ids, i), &error);
      g_assert_no_error (error);
      theirs = kes_record_export_bytes (target->store, g_ptr_array_index (ids, i), &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (ours, theirs));
    }

  assert_verifies (target->store);

  /* The note index was built once at the end, and kept up after. */
  hits = kes_store_search_notes (target->store, "sleep", 100, &error);
  g_assert_no_error (error);
  source_hits = kes_store_search_notes (source->store, "sleep", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  g_assert_cmpuint (hits->len, ==, source_hits->len);
  {
    g_autoptr(KesNote) note = kes_note_new ();
    g_autoptr(GPtrArray) later = NULL;

    kes_note_set_patient_id (note, source->patient_id);
    kes_note_set_written_at (note, "2026-11-23T10:00:00Z");
    kes_note_set_title (note, "After the import");
    kes_note_set_body (note, "Quetiapine reviewed");
    g_assert_true (kes_store_save_note (target->store, note, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    later = kes_store_search_notes (target->store, "quetiapine", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (later->len, ==, 1);
  }
}

/* The file with @search replaced by @replacement in its @nth <record>,
 * after @anchor when given. */
static char *
corrupt_record_after (const char *path,
                      guint       nth,
                      const char *anchor,
                      const char *search,
                      const char *replacement)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) out = NULL;
  const char *record = NULL, *hit;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  record = text;
  for (guint i = 0; i < nth; i++)
    {
      record = strstr (record + 1, "<record ");
      g_assert_nonnull (record);
    }
  if (anchor != NULL)
    {
      record = strstr (record, anchor);
      g_assert_nonnull (record);
    }
  hit = strstr (record, search);
  g_assert_nonnull (hit);

  out = g_string_new_len (text, hit - text);
  g_string_append (out, replacement);
  g_string_append (out, hit + strlen (search));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
corrupt_record (const char *path,
                guint       nth,
                const char *search,
                const char *replacement)
{
  return corrupt_record_after (path, nth, NULL, search, replacement);
}

/* A case record that is sound XML and valid against the schema, but whose
 * history is not (revision numbering), third in the file: nothing at all
 * is imported, and the error says which case record and which patient. A
 * later import of the sound file works (the note index's triggers came
 * back with the rollback). */
static void
test_bad_patient_refuses_all (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GError) error = NULL;
  g_autofree char *good = export_database (source, "all.xml", 6);
  g_autofree char *text = corrupt_record (good, 3, "number=\"1\"", "number=\"2\"");
  g_autofree char *bad = write_text (source, "bad.xml", text);
  g_autofree char *cut = NULL;
  g_autofree char *truncated = NULL;
  Counts before = counts (target->store);
  KesRecordDatabaseSummary summary = { 0 };

  g_assert_false (kes_record_import_database (target->store, bad, KES_RECORD_IMPORT_DEFAULT,
                                              &summary, NULL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_nonnull (strstr (error->message, "case record 3"));
  g_assert_cmpuint (summary.patients, ==, 0);
  assert_unchanged (target->store, &before);
  assert_durable_again (target->store);
  g_clear_error (&error);

  /* Cut short in the middle of a later patient: the same. */
  {
    g_autofree char *whole = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (good, &whole, &length, NULL));
    cut = g_strndup (whole, length * 2 / 3);
  }
  truncated = write_text (source, "cut.xml", cut);
  g_assert_false (kes_record_import_database (target->store, truncated, KES_RECORD_IMPORT_DEFAULT,
                                              NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  assert_unchanged (target->store, &before);
  g_clear_error (&error);

  g_assert_true (kes_record_import_database (target->store, good, KES_RECORD_IMPORT_DEFAULT,
                                             &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.patients, ==, 6);
  assert_verifies (target->store);
}

/* The text between @start and @end (exclusive) after @from. */
static char *
slice (const char *from,
       const char *start,
       const char *end)
{
  const char *a = strstr (from, start);
  const char *b = a != NULL ? strstr (a + strlen (start), end) : NULL;

  g_assert_nonnull (b);

  return g_strndup (a, b - a);
}

/* A whole database's file is validated without the schema's identity
 * constraints (libxml2 would keep every key of the file in memory); the
 * reader checks them itself, per case record: an author who is not among
 * the record's staff, a record id twice, a member of staff twice. */
static void
test_identity_checked (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *good = export_database (source, "all.xml", 6);
  g_autofree char *text = NULL;
  g_autofree char *second = NULL;
  g_autofree char *author = NULL, *note = NULL, *next_note = NULL, *member = NULL;
  g_autofree char *twice_member = NULL;
  const char *record;
  Counts before = counts (target->store);
  struct
  {
    const char *name;
    char       *text;
    const char *says;
  } bad[3];

  g_assert_true (g_file_get_contents (good, &text, NULL, NULL));
  record = strstr (strstr (text, "<record ") + 1, "<record ");
  author = slice (record, "author=\"", "\" at=");
  note = slice (record, "<note id=\"", "\">");
  next_note = slice (strstr (record, note) + strlen (note), "<note id=\"", "\">");
  member = slice (record, "<member ", "</member>");
  twice_member = g_strconcat (member, "</member>\n      ", member, NULL);

  bad[0] = (typeof (bad[0])) { "author.xml",
    corrupt_record (good, 2, author, "author=\"00000000-0000-4000-8000-000000000000"),
    "not among the case record’s staff" };
  bad[1] = (typeof (bad[0])) { "record.xml",
    corrupt_record (good, 2, next_note, note), "twice" };
  bad[2] = (typeof (bad[0])) { "member.xml", corrupt_record (good, 2, member, twice_member),
    "twice" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = write_text (target, bad[i].name, bad[i].text);
      g_autoptr(GError) error = NULL;

      g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                                  NULL, NULL, &error));
      g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_INVALID);
      g_test_message ("%s: %s", bad[i].name, error->message);
      g_assert_nonnull (strstr (error->message, bad[i].says));
      g_assert_nonnull (strstr (error->message, "case record 2"));
      assert_unchanged (target->store, &before);
      g_free (bad[i].text);
    }
}

/* A patient already held refuses the whole file unless merging; a merge
 * adds what is missing and nothing twice. */
static void
test_held_patient (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_database (source, "all.xml", 6);
  g_autofree char *one = g_build_filename (target->dir, "one.xml", NULL);
  KesRecordDatabaseSummary summary = { 0 };
  Counts before;

  g_assert_true (kes_record_export_file (source->store, source->patient_id, one, &error));
  g_assert_no_error (error);
  g_assert_true (kes_record_import_file (target->store, one, KES_RECORD_IMPORT_DEFAULT, NULL, &error));
  g_assert_no_error (error);
  before = counts (target->store);

  g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                              &summary, NULL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, source->patient_id));
  assert_unchanged (target->store, &before);
  g_clear_error (&error);

  g_assert_true (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_MERGE,
                                             &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.patients, ==, 6);
  g_assert_cmpuint (counts (target->store).patients, ==, 6);
  assert_verifies (target->store);
}

static const char * const hostile[] = {
  "xxe-file.xml", "xxe-network.xml", "xxe-parameter.xml", "external-dtd.xml",
  "doctype-after-comment.xml", "billion-laughs.xml", "deep-nesting.xml",
  "invalid-utf8-record.xml", "latin1-declared.xml", "utf16.xml", "not-xml.txt", "empty.xml",
  "undefined-entity.xml", "truncated-record.xml", "xinclude.xml", "valid-record.xml",
};

/* Every hostile fixture is refused (a sound single case record too: it is
 * not a whole-database file), and so are hostile documents in the
 * whole-database shape; the database is left as it was. */
static void
test_hostile (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autofree char *good = export_database (source, "all.xml", 6);
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  Counts before = counts (target->store);
  g_autoptr(GString) deep = g_string_new (NULL);
  const char *head = "<case-records xmlns=\"urn:kestrel:record:1\" version=\"2\" "
                     "exported=\"2026-11-23T09:00:00Z\">";
  g_autofree char *laughs = NULL, *xxe = NULL, *nested = NULL, *huge = NULL;
  g_autofree char *huge_text = NULL;
  struct
  {
    const char *name;
    char       *text;
    int         code;
  } wrapped[4];

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", hostile[i], NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                                  NULL, NULL, &error));
      g_assert_nonnull (error);
      assert_unchanged (target->store, &before);
    }

  laughs = g_strconcat ("<?xml version=\"1.0\"?>\n<!DOCTYPE case-records [\n"
                        "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n", head, "&c;</case-records>",
                        NULL);
  xxe = g_strconcat ("<?xml version=\"1.0\"?>\n<!DOCTYPE case-records [<!ENTITY x SYSTEM "
                     "\"file:///etc/passwd\">]>\n", head, "&x;</case-records>", NULL);
  /* Schema-valid nesting (an entry's data) past the depth limit, and a
   * note longer than the text limit, in the second patient of a real
   * export. */
  for (guint i = 0; i < 80; i++)
    g_string_append (deep, "<object name=\"x\">");
  for (guint i = 0; i < 80; i++)
    g_string_append (deep, "</object>");
  g_string_prepend (deep, "<data>");
  nested = corrupt_record_after (good, 2, "<entry ", "<data>", deep->str);
  huge_text = g_strnfill (11 * 1000 * 1000, 'x');
  {
    g_autofree char *body = g_strconcat ("<body>", huge_text, NULL);

    huge = corrupt_record (good, 2, "<body>", body);
  }
  wrapped[0] = (typeof (wrapped[0])) { "laughs.xml", laughs, KES_REPORT_ERROR_UNSAFE };
  wrapped[1] = (typeof (wrapped[0])) { "xxe.xml", xxe, KES_REPORT_ERROR_UNSAFE };
  wrapped[2] = (typeof (wrapped[0])) { "deep.xml", nested, KES_REPORT_ERROR_TOO_LARGE };
  wrapped[3] = (typeof (wrapped[0])) { "huge.xml", huge, KES_REPORT_ERROR_TOO_LARGE };

  for (guint i = 0; i < G_N_ELEMENTS (wrapped); i++)
    {
      g_autofree char *path = write_text (target, wrapped[i].name, wrapped[i].text);
      g_autoptr(GError) error = NULL;

      g_assert_false (kes_record_import_database (target->store, path, KES_RECORD_IMPORT_DEFAULT,
                                                  NULL, NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", wrapped[i].name, error->message);
      if (wrapped[i].code >= 0)
        g_assert_error (error, KES_REPORT_ERROR, wrapped[i].code);
      assert_unchanged (target->store, &before);
    }
}

/* A cancelled or failed export leaves no file, no temporary file and no
 * access-log entries. */
static void
test_export_all_or_nothing (void)
{
  g_autoptr(KesTestStore) source = store_with_patients ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (source->dir, "out", NULL);
  g_autofree char *path = g_build_filename (folder, "all.xml", NULL);
  g_autofree char *missing = g_build_filename (source->dir, "no-such-folder", "all.xml", NULL);
  g_autoptr(GDir) dir = NULL;
  Counts before = counts (source->store);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_cancellable_cancel (cancellable);
  g_assert_false (kes_record_export_database (source->store, path, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  dir = g_dir_open (folder, 0, NULL);
  g_assert_null (g_dir_read_name (dir));
  assert_unchanged (source->store, &before);

  g_assert_false (kes_record_export_database (source->store, missing, NULL, NULL, &error));
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_WRITE);
  assert_unchanged (source->store, &before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/database/round-trip", test_round_trip);
  g_test_add_func ("/record/database/bad-patient-refuses-all", test_bad_patient_refuses_all);
  g_test_add_func ("/record/database/held-patient", test_held_patient);
  g_test_add_func ("/record/database/identity-checked", test_identity_checked);
  g_test_add_func ("/record/database/hostile", test_hostile);
  g_test_add_func ("/record/database/export-all-or-nothing", test_export_all_or_nothing);

  return g_test_run ();
}
