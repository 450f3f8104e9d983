/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kes-audit.h"
#include "kes-care-record.h"
#include "kes-catchment.h"
#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-due.h"
#include "kes-json-writer.h"
#include "kes-moj.h"
#include "kes-referral.h"
#include "kes-store-community.h"
#include "kes-store-due.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store-referrals.h"
#include "kes-store-staff.h"
#include "kes-uuid.h"
#include "kes-test-accounts.h"

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
  fixture->actor = kes_test_account (fixture->store, "tester", "tester", NULL, KES_TEST_ALL_ROLES);
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

static void
fill_patient (KesPatient *patient,
              const char *team_id)
{
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Curlew");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Zoë");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-02-03");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, "943 476 5919");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, team_id);
}

/* A record's rows as text, but for what differs by nature between two
 * records of the same content (ids, times, the audit sequence and hash):
 * identity, revision, audit entry, and every column of its projection. */
static char *
describe_record (const char *path,
                 const char *table,
                 const char *id)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *projection_sql = g_strdup_printf ("SELECT * FROM %s WHERE id = ?1", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT json_array (r.kind, r.patient_id, r.revision, r.state, r.created_by, r.updated_by, "
    "v.revision, v.change, v.reason, v.author_id, v.data, "
    "a.actor_id, a.action, a.patient_id, a.revision, a.data_hash, a.summary) "
    "FROM record r JOIN revision v ON v.record_id = r.id JOIN audit a ON a.record_id = r.id "
    "WHERE r.id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* Test-only SQL: the table name is one of the test's constants. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, projection_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    if (!g_str_equal (sqlite3_column_name (stmt, i), "id") && !g_str_equal (sqlite3_column_name (stmt, i), "rowid"))
      g_string_append_printf (text, " | %s=%s", sqlite3_column_name (stmt, i),
                              sqlite3_column_type (stmt, i) == SQLITE_NULL
                                ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* @text with every @what replaced by @with (@text is taken and freed). */
static char *
replace (char       *text,
         const char *what,
         const char *with)
{
  g_auto(GStrv) parts = g_strsplit (text, what, -1);

  g_free (text);
  return g_strjoinv (with, parts);
}

static void
assert_same_rows (Fixture    *fixture,
                  const char *table,
                  const char *saved_id,
                  const char *batch_id)
{
  g_autofree char *saved = describe_record (fixture->path, table, saved_id);
  g_autofree char *batch = describe_record (fixture->path, table, batch_id);

  g_assert_cmpstr (batch, ==, saved);
}

static void
write_in_batch (Fixture        *fixture,
                KesBulkRecord  *record)
{
  g_autoptr(KesBulkRecord) owned = record;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (record);
  g_assert_true (kes_store_batch_begin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_bulk_write (fixture->store, record, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_batch_commit (fixture->store, &error));
  g_assert_no_error (error);
}

static KesReferral *
make_referral (const char *patient_id,
               const char *by_id)
{
  KesReferral *referral = kes_referral_new ();
  KesReferralStep first = {
    .stage = KES_REFERRAL_RECEIVED, .date = (char *) "2026-10-01",
    .recorded_at = (char *) "2026-10-01T10:00:00Z", .by_id = (char *) by_id,
  };

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-10-01");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Ward consultant (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "internal-ward");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Norvic Clinic");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Community follow-up");
  kes_referral_set_inpatient (referral, TRUE);
  kes_referral_append_step (referral, &first);
  return referral;
}

#define SAME_CONTENT(saved, batch, setup) \
  G_STMT_START { setup (saved); setup (batch); } G_STMT_END

static void
contact_values (KesContact *contact)
{
  kes_contact_set_occurred_at (contact, "2026-11-20T10:30:00Z");
  kes_contact_set_contact_type (contact, "face-to-face");
  kes_contact_set_with_whom (contact, "Patient and carer");
  kes_contact_set_location (contact, "Home");
  kes_contact_set_duration_minutes (contact, 45);
}

static void
note_values (KesNote *note)
{
  kes_note_set_written_at (note, "2026-11-20T11:00:00Z");
  kes_note_set_title (note, "Progress note");
  kes_note_set_body (note, "Seen with “Zoë”.\nClozapine bloods taken; result awaited.");
}

/* Field, value: a physical health check, then a legal status. */
static const char * const care_fields[] = {
  "taken_on", "2026-11-19", "weight_kg", "88", "height_cm", "176", "systolic", "128", "diastolic", "82",
  "smoking", "current", NULL,
};
static const char * const moj_fields[] = {
  "authority", "09", "effective_date", "2026-06-01", "order_date", "2018-03-14",
  "restriction_date", "2018-03-14", "court", "Norwich Crown Court", "conditional_discharge_date", "2026-06-01",
  "discharged_by", "First-tier Tribunal", NULL,
};

static void
care_values (KesCareRecord *record)
{
  for (guint i = 0; care_fields[i] != NULL; i += 2)
    kes_care_record_set (record, care_fields[i], care_fields[i + 1]);
}

static void
moj_values (KesMojRecord *record)
{
  for (guint i = 0; moj_fields[i] != NULL; i += 2)
    kes_moj_record_set_text (record, moj_fields[i], moj_fields[i + 1]);
}

/* What a batch writes is what a clinician's save writes for the same
 * content, kind by kind, row by row (ids and times aside), and it verifies
 * the same. */
static void
test_batch_matches_save (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesTeam) north = kes_store_find_team (fixture->store, "North");
  g_autoptr(KesPatient) saved_patient = kes_patient_new ();
  g_autoptr(KesPatient) batch_patient = kes_patient_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *patient_id;

  fill_patient (saved_patient, kes_team_get_id (north));
  g_assert_true (kes_store_save_patient (fixture->store, saved_patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  /* The same person twice: a save would refuse the second, a batch (whose
   * generator makes each NHS number once) does not look. */
  fill_patient (batch_patient, kes_team_get_id (north));
  write_in_batch (fixture, kes_bulk_record_patient (batch_patient, today, &error));
  {
    /* A patient's audit entry names the patient. */
    g_autofree char *saved = replace (describe_record (fixture->path, "patient", kes_patient_get_id (saved_patient)),
                                      kes_patient_get_id (saved_patient), "ID");
    g_autofree char *batch = replace (describe_record (fixture->path, "patient", kes_patient_get_id (batch_patient)),
                                      kes_patient_get_id (batch_patient), "ID");

    g_assert_cmpstr (batch, ==, saved);
  }
  patient_id = kes_patient_get_id (saved_patient);

  {
    g_autoptr(KesContact) saved = kes_contact_new ();
    g_autoptr(KesContact) batch = kes_contact_new ();

    SAME_CONTENT (saved, batch, contact_values);
    kes_contact_set_patient_id (saved, patient_id);
    kes_contact_set_patient_id (batch, patient_id);
    g_assert_true (kes_store_save_contact (fixture->store, saved, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    write_in_batch (fixture, kes_bulk_record_contact (batch));
    assert_same_rows (fixture, "contact", kes_contact_get_id (saved), kes_contact_get_id (batch));
  }
  {
    g_autoptr(KesNote) saved = kes_note_new ();
    g_autoptr(KesNote) batch = kes_note_new ();

    SAME_CONTENT (saved, batch, note_values);
    kes_note_set_patient_id (saved, patient_id);
    kes_note_set_patient_id (batch, patient_id);
    g_assert_true (kes_store_save_note (fixture->store, saved, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    write_in_batch (fixture, kes_bulk_record_note (batch));
    assert_same_rows (fixture, "note", kes_note_get_id (saved), kes_note_get_id (batch));
  }
  {
    g_autoptr(KesCareRecord) saved = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
    g_autoptr(KesCareRecord) batch = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);

    SAME_CONTENT (saved, batch, care_values);
    kes_care_record_set_patient_id (saved, patient_id);
    kes_care_record_set_patient_id (batch, patient_id);
    g_assert_true (kes_store_save_care_record (fixture->store, saved, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    write_in_batch (fixture, kes_bulk_record_care (batch, today, &error));
    assert_same_rows (fixture, "physical_health", kes_care_record_get_id (saved), kes_care_record_get_id (batch));
  }
  {
    g_autoptr(KesMojRecord) saved = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, patient_id);
    g_autoptr(KesMojRecord) batch = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, patient_id);

    SAME_CONTENT (saved, batch, moj_values);
    g_assert_true (kes_store_save_moj_record (fixture->store, saved, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    write_in_batch (fixture, kes_bulk_record_moj (batch, &error));
    assert_same_rows (fixture, "moj_record", kes_moj_record_get_id (saved), kes_moj_record_get_id (batch));
  }
  {
    g_autoptr(KesReferral) saved = make_referral (patient_id, kes_staff_get_id (fixture->actor));
    g_autoptr(KesReferral) batch = make_referral (patient_id, kes_staff_get_id (fixture->actor));
    g_autoptr(KesCatchment) catchment = kes_store_get_catchment (fixture->store, &error);

    g_assert_nonnull (catchment);
    g_assert_true (kes_store_save_referral (fixture->store, saved, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    write_in_batch (fixture, kes_bulk_record_referral (batch, "1980-02-03", catchment, &error));
    assert_same_rows (fixture, "referral", kes_referral_get_id (saved), kes_referral_get_id (batch));
  }

  /* Both notes are found, the batch's one indexed when its batch ended. */
  hits = kes_store_search_notes (fixture->store, "zoe clozapine", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  problems = kes_store_verify (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Entries hashed ahead of time are used only while the chain is as they
 * were sealed against; after another program's entry they are hashed
 * again, and the log verifies either way. */
static void
test_sealed_entries (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(KesTeam) north = kes_store_find_team (fixture->store, "North");
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_bulk_record_free);
  const char *actor_id = kes_staff_get_id (fixture->actor);
  KesAuditTail tail;
  g_autofree char *first_at = NULL;
  g_autofree char *second_at = NULL;

  fill_patient (patient, kes_team_get_id (north));
  g_ptr_array_add (records, kes_bulk_record_patient (patient, today, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_audit_read_tail (fixture->store, &tail, &error));
  kes_bulk_records_seal (records, &tail, actor_id, "2026-11-21T08:59:59Z");
  write_in_batch (fixture, g_ptr_array_steal_index (records, 0));

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();

      kes_contact_set_patient_id (contact, kes_patient_get_id (patient));
      contact_values (contact);
      g_ptr_array_add (records, kes_bulk_record_contact (contact));
    }
  kes_bulk_records_seal (records, &tail, actor_id, "2026-11-21T08:59:59Z");
  /* Another entry joins the chain between the batches. */
  g_assert_true (kes_store_audit (fixture->store, KES_AUDIT_VIEW, NULL, kes_patient_get_id (patient), "notes",
                                  &error));
  g_assert_no_error (error);
  write_in_batch (fixture, g_ptr_array_steal_index (records, 0));
  write_in_batch (fixture, g_ptr_array_steal_index (records, 0));

  problems = kes_store_verify (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  /* The first as sealed; the others hashed when written (the fixed clock's now). */
  /* (After the catchment areas the new file starts with, migration 0022.) */
  first_at = query_text (fixture->path, "SELECT at FROM audit WHERE action = 'create' AND summary != 'staff' "
                                         "AND actor_id NOT LIKE 'kestrel-update-%' ORDER BY seq LIMIT 1");
  second_at = query_text (fixture->path, "SELECT at FROM audit WHERE action = 'create' AND summary != 'staff' "
                                          "ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (first_at, ==, "2026-11-21T08:59:59Z");
  g_assert_cmpstr (second_at, ==, "2026-11-21T09:00:00Z");
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

  /* Issue 21: every area has something to show. The demo clinician
   * coordinates a caseload of their own ("My caseload" is not empty)... */
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM patient p JOIN staff s ON s.id = p.coordinator_id "
                                             "WHERE s.username = 'demo.clinician'"), >=, 3);
  /* ...with signed-off risk assessments, each judgement the clinician's own
   * (typed in: the demo never works a level out), with a formulation... */
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM risk_assessment r JOIN patient p ON p.id = "
                                             "r.patient_id JOIN staff s ON s.id = p.coordinator_id WHERE "
                                             "s.username = 'demo.clinician'"), >=, 3);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM risk_assessment a JOIN revision v ON "
                                             "v.record_id = a.id WHERE json_extract (v.data, '$.status') = "
                                             "'completed' AND length (json_extract (v.data, "
                                             "'$.fields.formulation')) > 40"), >=, 3);
  /* ...carers with a best-interests consent (how capacity was assessed,
   * who was consulted) and assessments the carer signed, typed or on paper. */
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM carer_consent c JOIN record r ON r.id = c.id "
                                             "JOIN revision v ON v.record_id = c.id AND v.revision = r.revision "
                                             "WHERE c.status = 'best-interests' AND json_extract (v.data, "
                                             "'$.lacks_capacity') AND json_extract (v.data, '$.consulted') != ''"),
                   >=, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM carer_assessment a JOIN record r ON r.id = a.id "
                                             "JOIN revision v ON v.record_id = a.id AND v.revision = r.revision "
                                             "WHERE json_extract (v.data, '$.carer_signed_name') != ''"), >=, 1);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM carer_assessment a JOIN record r ON r.id = a.id "
                                             "JOIN revision v ON v.record_id = a.id AND v.revision = r.revision "
                                             "WHERE json_extract (v.data, '$.carer_signed_on_paper')"), >=, 1);
  /* ...signposting for the screening whose outcome was signposting and
   * for declined or redirected referrals. */
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM signposting g JOIN ld_screening s "
                                             "ON s.id = g.source_id WHERE s.outcome = 'signposting'"), >=, 2);
  g_assert_cmpint (query_int (fixture->path, "SELECT count(*) FROM signposting g JOIN referral f "
                                             "ON f.id = g.source_id WHERE f.stage IN ('declined', 'redirected')"),
                   >=, 1);
}

static void
test_generated_database (Fixture       *fixture,
                         gconstpointer  data)
{
  KesDemoOptions options = { 300, 3, 3, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) carers = NULL;
  guint n;
  const KesDemoAccount *accounts = kes_demo_accounts (&n);

  /* Never into a database that holds anyone or anything. */
  g_assert_false (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  /* Into a new file (relaxed while generating), by no one: the demo's own
   * system operation, which leaves no one signed in. */
  g_clear_object (&fixture->actor);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
  fixture->path = g_build_filename (fixture->dir, "new.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (kes_store_get_actor (fixture->store));

  /* Each demo account signs in with the password the demo prints, and may
   * do what its role allows and nothing more. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesStaff) staff = kes_store_sign_in (fixture->store, accounts[i].username, accounts[i].password,
                                                     &error);
      g_assert_no_error (error);
      g_assert_false (kes_store_must_change_password (fixture->store));
      g_assert_cmpint (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_CLINICAL, NULL, NULL), ==,
                       kes_role_grants (accounts[i].role, KES_PERMISSION_VIEW_CLINICAL));
    }
  carers = kes_test_demo_sign_in (fixture->store, KES_ROLE_CARERS_LIAISON);
  g_assert_null (kes_store_search_notes (fixture->store, "clozapine", 20, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Someone with every role and no team reads it all. */
  fixture->actor = kes_test_account (fixture->store, "tester", "tester", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->actor);
  assert_generated (fixture, 300);

  /* A second run is refused: the file now holds the first. */
  kes_store_set_actor (fixture->store, NULL);
  g_assert_false (kes_demo_generate (fixture->store, &options, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
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
  ADD ("/demo/sealed-entries", test_sealed_entries);
  ADD ("/demo/generated-database", test_generated_database);
#undef ADD
  return g_test_run ();
}
