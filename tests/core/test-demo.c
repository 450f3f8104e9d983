/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kes-clock.h"
#include "kes-demo.h"
#include "kes-due.h"
#include "kes-json-writer.h"
#include "kes-referral.h"
#include "kes-store-private.h"
#include "kes-store-referrals.h"
#include "kes-uuid.h"

/* Demo data at scale: time-ordered ids, the JSON writer that stands in for
 * json-glib on contacts and notes, the batch path the generator writes
 * through, and what the generated database must hold. */

typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;
  KesStaff *actor;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->dir = g_dir_make_tmp ("kestrel-demo-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "demo.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->actor = kes_store_ensure_staff (fixture->store, "tester", &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->actor);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->actor);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  kes_clock_set_fixed (NULL);
}

/* One text value from the file, read past the store (a second connection). */
static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  g_autofree char *text = query_text (path, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
test_uuid_time_ordered (void)
{
  g_autofree char *previous = NULL;

  for (guint i = 0; i < 20000; i++)
    {
      char *id = kes_uuid_new ();

      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_cmpint (id[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", id[19]));
      if (previous != NULL)
        g_assert_cmpstr (previous, <, id);
      g_free (previous);
      previous = id;
    }
}

/* What json-glib writes for an object of string members and one integer. */
static char *
json_glib_text (const char * const *keys,
                const char * const *values,
                gint64              number)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_set_member_name (builder, "number");
  json_builder_add_int_value (builder, number);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
test_json_writer_matches_json_glib (void)
{
  static const char *values[] = {
    "", "plain", "quote \" and backslash \\", "slash / stays", "tab\tnew line\nreturn\r",
    "bell \a backspace \b form feed \f", "\x01\x02\x1e\x1f", "delete \x7f", "Zoë O’Kestrel café",
    "emoji \xf0\x9f\x98\x80", "<script>&amp;</script>", NULL,
  };
  static const char *keys[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", NULL };
  static const gint64 numbers[] = { 0, 1, -1, 90, G_MAXINT32, G_MININT64 + 1 };

  for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
    {
      g_autofree char *expected = json_glib_text (keys, values, numbers[n]);
      g_autoptr(GString) written = g_string_new (NULL);

      kes_json_begin_object (written);
      for (guint i = 0; keys[i] != NULL; i++)
        kes_json_add_string (written, keys[i], values[i]);
      kes_json_add_int (written, "number", numbers[n]);
      kes_json_end_object (written);
      g_assert_cmpstr (written->str, ==, expected);
    }
}

static KesPatient *
save_patient (KesStore *store)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Curlew");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Zoë");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-02-03");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "9434765919");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&patient);
}

/* Every column of a record's rows (identity, revision, audit entry,
 * projection) that does not differ by nature between two records: ids and
 * times are left out. */
static char *
describe_record (const char *path,
                 const char *table,
                 const char *columns,
                 const char *id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT json_array (r.kind, r.patient_id, r.revision, r.state, r.created_by, r.updated_by, "
    "v.revision, v.change, v.reason, v.author_id, v.data, "
    "a.actor_id, a.action, a.patient_id, a.revision, a.data_hash, a.summary, %s) "
    "FROM record r JOIN revision v ON v.record_id = r.id JOIN audit a ON a.record_id = r.id "
    "JOIN %s p ON p.id = r.id WHERE r.id = '%s'", columns, table, id);

  /* Test-only SQL from the test's own constants and store-made ids. */
  return query_text (path, sql);
}

#define CONTACT_COLUMNS \
  "p.patient_id, p.occurred_at, p.contact_type, p.with_whom, p.location, p.duration_minutes, p.summary, p.state"
#define NOTE_COLUMNS "p.patient_id, p.written_at, p.title, p.body, p.state"

static void
test_batch_matches_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesPatient) patient = save_patient (fixture->store);
  const char *patient_id = kes_patient_get_id (patient);
  g_autoptr(KesContact) saved_contact = kes_contact_new ();
  g_autoptr(KesContact) batch_contact = kes_contact_new ();
  g_autoptr(KesNote) saved_note = kes_note_new ();
  g_autoptr(KesNote) batch_note = kes_note_new ();
  KesBulkRow contact_row = { 0 };
  KesBulkRow note_row = { 0 };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  KesContact *contacts[] = { saved_contact, batch_contact };
  KesNote *notes[] = { saved_note, batch_note };

  for (guint i = 0; i < 2; i++)
    {
      kes_contact_set_patient_id (contacts[i], patient_id);
      kes_contact_set_occurred_at (contacts[i], "2026-11-20T10:30:00Z");
      kes_contact_set_contact_type (contacts[i], "face-to-face");
      kes_contact_set_with_whom (contacts[i], "Patient and carer");
      kes_contact_set_location (contacts[i], "Home");
      kes_contact_set_duration_minutes (contacts[i], 45);
      kes_note_set_patient_id (notes[i], patient_id);
      kes_note_set_written_at (notes[i], "2026-11-20T11:00:00Z");
      kes_note_set_title (notes[i], "Progress note");
      kes_note_set_body (notes[i], "Seen with “Zoë”.\nClozapine bloods taken; result awaited.");
    }
  g_assert_true (kes_store_save_contact (fixture->store, saved_contact, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_save_note (fixture->store, saved_note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_bulk_prepare_contact (batch_contact, &contact_row);
  kes_bulk_prepare_note (batch_note, &note_row);
  g_assert_true (kes_store_batch_begin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_bulk_add_contact (fixture->store, batch_contact, &contact_row, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_bulk_add_note (fixture->store, batch_note, &note_row, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_batch_commit (fixture->store, &error));
  g_assert_no_error (error);
  kes_bulk_row_clear (&contact_row);
  kes_bulk_row_clear (&note_row);

  /* The same rows, but for ids and times, whichever way they were written. */
  {
    g_autofree char *saved = describe_record (fixture->path, "contact", CONTACT_COLUMNS,
                                              kes_contact_get_id (saved_contact));
    g_autofree char *batch = describe_record (fixture->path, "contact", CONTACT_COLUMNS,
                                              kes_contact_get_id (batch_contact));

    g_assert_nonnull (saved);
    g_assert_cmpstr (batch, ==, saved);
  }
  {
    g_autofree char *saved = describe_record (fixture->path, "note", NOTE_COLUMNS, kes_note_get_id (saved_note));
    g_autofree char *batch = describe_record (fixture->path, "note", NOTE_COLUMNS, kes_note_get_id (batch_note));

    g_assert_nonnull (saved);
    g_assert_cmpstr (batch, ==, saved);
  }
  /* Both notes are found, the batch's one indexed when the batch ended. */
  {
    g_autoptr(GPtrArray) hits = kes_store_search_notes (fixture->store, "zoe clozapine", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 2);
  }
  problems = kes_store_verify (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
assert_generated (Fixture *fixture,
                  guint    patients)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *journal = NULL;
  gboolean in_reach_due = FALSE;
  sqlite3 *db = NULL;

  g_assert_cmpuint (kes_store_count_patients (fixture->store), ==, patients);
  /* The audit chain, every revision against its entry, every reference. */
  problems = kes_store_verify (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  /* The file is left as every connection opens it. */
  journal = query_text (fixture->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  /* The notes written with the index trigger set aside are all indexed. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO note_fts (note_fts) VALUES ('integrity-check')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'note_fts_insert'"),
                   ==, 1);

  /* Every patient came through a referral; some are still on their way. */
  g_assert_cmpint (query_int (fixture->path, "SELECT count(DISTINCT patient_id) FROM referral"), ==, patients);
  open = kes_store_list_referrals (fixture->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, >, 0);
  g_assert_cmpuint (open->len, <, patients / 5);
  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GPtrArray) issues = kes_referral_validate (open->pdata[i]);

      g_assert_true (kes_referral_stage_is_open (kes_referral_get_stage (open->pdata[i])));
      g_assert_cmpuint (issues->len, ==, 0);
    }
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM referral WHERE stage = 'closed'"), >, 0);

  hits = kes_store_search_notes (fixture->store, "clozapine", 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 20);

  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, >, 0);
  for (guint i = 0; i < due->len; i++)
    in_reach_due |= g_str_equal (kes_due_item_get_kind (due->pdata[i]), "in-reach-task");
  g_assert_true (in_reach_due);
}

static void
test_generated_database (Fixture       *fixture,
                         gconstpointer  data)
{
  KesDemoOptions options = { 300, 3, 3, 5 };
  g_autoptr(GError) error = NULL;

  /* Into a new file (relaxed while generating), then into one that holds
   * records (kept in write-ahead logging throughout). */
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_generated (fixture, 300);
  options.patients = 100;
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_generated (fixture, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/uuid-time-ordered", test_uuid_time_ordered);
  g_test_add_func ("/demo/json-writer-matches-json-glib", test_json_writer_matches_json_glib);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/demo/batch-matches-save", test_batch_matches_save);
  ADD ("/demo/generated-database", test_generated_database);
#undef ADD
  return g_test_run ();
}
