/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-import"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kes-error.h"
#include "kes-record-export.h"
#include "kes-record-database.h"
#include "kes-record-import.h"
#include "kes-report-error.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"
#include "kes-test-store.h"

/* Exports at a fixed time after every change the tests make. */
static GBytes *
export_patient (KesStore   *store,
                const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml;

  kes_test_set_now ("2026-11-23T09:00:00Z");
  xml = kes_record_export_bytes (store, patient_id, &error);

  g_assert_no_error (error);

  return xml;
}

static char *
write_temp (KesTestStore *fixture,
            const char   *name,
            GBytes       *bytes)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));

  return path;
}

/* What a failed import must leave exactly as it was. */
typedef struct
{
  guint patients;
  guint staff;
} Counts;

static Counts
counts (KesStore *store)
{
  return (Counts) { kes_store_count_patients (store), kes_store_count_staff (store) };
}

static void
test_round_trip (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) first = export_patient (source->store, source->patient_id);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autofree char *path = write_temp (target, "record.xml", first);
  KesRecordImportSummary summary = { 0 };

  g_assert_true (kes_record_import_file (target->store, path, KES_RECORD_IMPORT_DEFAULT, &summary,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpstr (summary.patient_id, ==, source->patient_id);
  g_assert_cmpuint (summary.records_added, ==, 1 + 3 + 2);
  g_assert_cmpuint (summary.revisions_added, ==, 11);
  kes_record_import_summary_clear (&summary);

  /* Export → import → export gives the same bytes. */
  second = export_patient (target->store, source->patient_id);
  g_assert_true (g_bytes_equal (first, second));

  /* The imported history passes the integrity check, audit chain included. */
  {
    g_autoptr(GPtrArray) problems = kes_store_verify (target->store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < problems->len; i++)
      g_test_message ("%s", (const char *)g_ptr_array_index (problems, i));
    g_assert_cmpuint (problems->len, ==, 0);
  }

  /* The imported record works like any other. */
  patient = kes_store_load_patient (target->store, source->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_GIVEN_NAME), ==, "Zoë");
  g_assert_cmpint (kes_patient_get_revision (patient), ==, 3);
  contacts = kes_store_list_contacts (target->store, source->patient_id, FALSE, &error);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  hits = kes_store_search_notes (target->store, "sleep", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_existing_patient_refused (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GBytes) xml = export_patient (fixture->store, fixture->patient_id);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  kes_test_import_bytes (fixture->store, xml, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Zoë"));
  g_assert_nonnull (strstr (error->message, "merge"));

  after = export_patient (fixture->store, fixture->patient_id);
  g_assert_true (g_bytes_equal (xml, after));
}

static void
test_merge (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) older = export_patient (source->store, source->patient_id);
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  KesRecordImportSummary summary = { 0 };

  kes_test_import_bytes (target->store, older, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  /* The source moves on: the register is edited and a note added. */
  kes_test_set_now ("2026-11-22T09:00:00Z");
  patient = kes_store_load_patient (source->store, source->patient_id, &error);
  kes_patient_set_text (patient, KES_PATIENT_PHONE, "07700 900456");
  g_assert_true (kes_store_save_patient (source->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  kes_note_set_patient_id (note, source->patient_id);
  kes_note_set_written_at (note, "2026-11-22T08:00:00Z");
  kes_note_set_title (note, "Follow-up");
  kes_note_set_body (note, "Phone number changed.");
  g_assert_true (kes_store_save_note (source->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  newer = export_patient (source->store, source->patient_id);

  /* Without merging, refused and nothing changes. */
  kes_test_import_bytes (target->store, newer, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS);
  g_clear_error (&error);

  archive = kes_record_archive_read_bytes (newer, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_MERGE,
                                            &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.records_added, ==, 1);
  g_assert_cmpuint (summary.revisions_added, ==, 2);
  kes_record_import_summary_clear (&summary);

  merged = export_patient (target->store, source->patient_id);
  g_assert_true (g_bytes_equal (newer, merged));

  /* Merging the same file again adds nothing. */
  g_assert_true (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_MERGE,
                                            &summary, &error));
  g_assert_cmpuint (summary.revisions_added, ==, 0);
  kes_record_import_summary_clear (&summary);
}

/* While a merge advances a record held here, another writer advances it
 * first (a trigger stands in for one whose lock did not hold): the update
 * matches no row, the merge is refused as a conflict naming the record, and
 * nothing of it is kept. */
static void
test_merge_update_is_the_check (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) older = export_patient (source->store, source->patient_id);
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint held;
  sqlite3 *db;

  kes_test_import_bytes (target->store, older, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  revisions = kes_store_list_revisions (target->store, source->patient_id, &error);
  held = revisions->len;
  g_clear_pointer (&revisions, g_ptr_array_unref);
  kes_test_set_now ("2026-11-22T09:00:00Z");
  patient = kes_store_load_patient (source->store, source->patient_id, &error);
  kes_patient_set_text (patient, KES_PATIENT_PHONE, "07700 900456");
  g_assert_true (kes_store_save_patient (source->store, patient, KES_CHANGE_EDIT, NULL, &error));
  newer = export_patient (source->store, source->patient_id);

  sql = g_strdup_printf ("CREATE TRIGGER meanwhile BEFORE UPDATE OF revision ON record "
                         "WHEN OLD.id = '%s' BEGIN "
                         "  UPDATE record SET revision = OLD.revision + 1 WHERE id = OLD.id; "
                         "  SELECT RAISE (IGNORE); "
                         "END", source->patient_id);
  g_assert_cmpint (sqlite3_open (kes_store_get_path (target->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);

  kes_test_import_bytes (target->store, newer, KES_RECORD_IMPORT_MERGE, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, source->patient_id));
  g_assert_nonnull (strstr (error->message, "while it was being imported"));
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER meanwhile", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  revisions = kes_store_list_revisions (target->store, source->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, held);
}

static void
test_merge_diverged_refused (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) older = export_patient (source->store, source->patient_id);
  g_autoptr(GBytes) newer = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(KesPatient) there = NULL;
  g_autoptr(KesPatient) here = NULL;
  g_autoptr(KesStaff) alice = NULL;
  g_autoptr(GError) error = NULL;

  kes_test_import_bytes (target->store, older, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  /* Both databases edit the register independently. */
  kes_test_set_now ("2026-11-22T09:00:00Z");
  there = kes_store_load_patient (source->store, source->patient_id, &error);
  kes_patient_set_text (there, KES_PATIENT_PHONE, "07700 900456");
  g_assert_true (kes_store_save_patient (source->store, there, KES_CHANGE_EDIT, NULL, &error));
  newer = export_patient (source->store, source->patient_id);

  /* Imported authors are names in the directory, not accounts: the
   * target's own importer edits. */
  here = kes_store_load_patient (target->store, source->patient_id, &error);
  kes_patient_set_text (here, KES_PATIENT_PHONE, "07700 900789");
  g_assert_true (kes_store_save_patient (target->store, here, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  before = export_patient (target->store, source->patient_id);

  kes_test_import_bytes (target->store, newer, KES_RECORD_IMPORT_MERGE, &error);
  g_assert_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "differs"));

  after = export_patient (target->store, source->patient_id);
  g_assert_true (g_bytes_equal (before, after));
}

/* A failure part-way leaves nothing behind: the patient and staff written
 * before it are rolled back. */
static void
test_all_or_nothing (void)
{
  g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) xml = export_patient (source->store, source->patient_id);
  g_autoptr(KesRecordArchive) archive = kes_record_archive_read_bytes (xml, NULL, NULL);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  KesArchivedRecord *last;
  GPtrArray *notes;
  Counts before;

  /* The last note's id clashes with the patient's: the store refuses it. */
  notes = kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE);
  last = g_ptr_array_index (notes, notes->len - 1);
  g_free (last->id);
  last->id = g_strdup (source->patient_id);

  before = counts (target->store);
  g_assert_false (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_DEFAULT,
                                             NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);

  g_assert_cmpuint (counts (target->store).patients, ==, before.patients);
  g_assert_cmpuint (counts (target->store).staff, ==, before.staff);
  g_clear_error (&error);
  revisions = kes_store_list_revisions (target->store, source->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 0);
}

static const char * const hostile[] = {
  "xxe-file.xml", "xxe-network.xml", "xxe-parameter.xml", "external-dtd.xml",
  "doctype-after-comment.xml", "billion-laughs.xml", "deep-nesting.xml",
  "invalid-utf8-record.xml", "latin1-declared.xml", "utf16.xml", "not-xml.txt", "empty.xml",
  "undefined-entity.xml", "truncated-record.xml", "xinclude.xml",
};

static void
test_hostile_leaves_database_unchanged (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  Counts before = counts (target->store);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", hostile[i], NULL);
      g_autoptr(GError) error = NULL;
      g_assert_false (kes_record_import_file (target->store, path, KES_RECORD_IMPORT_DEFAULT, NULL,
                                              &error));
      g_assert_nonnull (error);
      g_assert_cmpuint (counts (target->store).patients, ==, before.patients);
      g_assert_cmpuint (counts (target->store).staff, ==, before.staff);
    }

  /* And the valid fixture imports. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-record.xml", NULL);
    g_autoptr(GError) error = NULL;

    /* Imported after the file's last revision was written. */
    kes_test_set_now ("2026-11-23T09:00:00Z");
    kes_record_import_file (target->store, path, KES_RECORD_IMPORT_DEFAULT, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (counts (target->store).patients, ==, before.patients + 1);
  }
}

/* A case record exported before migration 0017 holds the legal status in
 * the register: imported, it lands in the legal status record, as the
 * migration moved it in databases; the register's history keeps it. */
static void
test_older_register_legal_status (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "xml", "valid-record.xml", NULL);
  g_autoptr(GError) error = NULL;
  KesRecordImportSummary summary = { 0 };
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  KesRevision *latest;

  /* After the file's last revision: an import never brings history from
   * the future (issue 17). */
  kes_test_set_now ("2026-11-23T09:00:00Z");
  g_assert_true (kes_record_import_file (target->store, path, KES_RECORD_IMPORT_DEFAULT, &summary, &error));
  g_assert_no_error (error);
  status = kes_store_current_legal_status (target->store, summary.patient_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_assert_cmpstr (kes_moj_record_get_text (status, "authority"), ==, "09");
  revisions = kes_store_list_revisions (target->store, summary.patient_id, &error);
  g_assert_no_error (error);
  latest = g_ptr_array_index (revisions, revisions->len - 1);
  g_assert_null (strstr (kes_revision_get_data (latest), "legal_status"));
  g_assert_nonnull (strstr (kes_revision_get_data (g_ptr_array_index (revisions, 0)), "\"legal_status\":\"09\""));
  g_assert_nonnull (strstr (kes_revision_get_reason (latest), "imported register"));
  kes_record_import_summary_clear (&summary);
}

#define EARLIER_PATIENT "01a24f9f-ad99-725f-91a1-4c4df9a1945d"
#define EARLIER_AUTHOR "01a24f9f-ad6d-73fb-8d2f-598b6c621e68"
#define EARLIER_CRISIS_PLAN "0badc0de-0000-4000-8000-000000000021"

/* A crisis plan as Kestrel wrote it before migration 0021: no review date
 * (the fixture has none of its own). */
static const char earlier_crisis_plan[] =
  "INSERT INTO record VALUES ('" EARLIER_CRISIS_PLAN "', 'crisis-plan', '" EARLIER_PATIENT "', 1, "
  "  'active', '2026-12-07T08:29:54Z', '" EARLIER_AUTHOR "', '2026-12-07T08:29:54Z', '" EARLIER_AUTHOR "');"
  "INSERT INTO revision VALUES ('" EARLIER_CRISIS_PLAN "', 1, 'create', NULL, '" EARLIER_AUTHOR "', "
  "  '2026-12-07T08:29:54Z', '{\"agreed_on\":\"2026-10-01\",\"early_warning_signs\":\"Stops sleeping\","
  "\"responds_to\":\"Care coordinator\",\"crisis_actions\":\"Increase visits\","
  "\"out_of_hours\":\"Crisis line\",\"contingency\":\"Duty worker\"}');"
  "INSERT INTO crisis_plan VALUES ('" EARLIER_CRISIS_PLAN "', '" EARLIER_PATIENT "', '2026-10-01');";

/* The update of migration 0016 in @fixture's directory, as the update
 * itself writes it: its own user name, disabled, not an author recorded
 * elsewhere, and named @display_name. */
static void
assert_update_author (KesTestStore *fixture,
                      const char   *display_name)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT username, display_name, disabled, recorded_elsewhere IS NULL FROM staff "
    "WHERE id = 'kestrel-update-0016'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "kestrel-database-update-0016");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, display_name);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* A whole-database file held in @xml, imported into @fixture. */
static gboolean
import_text (KesTestStore  *fixture,
             const char    *xml,
             GError       **error)
{
  g_autofree char *path = g_build_filename (fixture->dir, "edited.xml", NULL);

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  kes_test_set_now ("2027-01-04T09:00:00Z");
  return kes_record_import_database (fixture->store, path, KES_RECORD_IMPORT_DEFAULT, NULL, NULL,
                                     error);
}

/* A database an earlier Kestrel wrote (tests/data/schema-13.sql, before
 * crisis plans had review dates, screenings asked for demographics and care
 * plans were structured), brought up to date by its migrations, exports
 * and imports into a new database: what a database may hold, an import
 * takes, however the forms' rules have grown since. */
static void
test_earlier_kestrel_database (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-13.sql", NULL);
  g_autofree char *source_path = g_build_filename (target->dir, "earlier.db", NULL);
  g_autofree char *export_path = g_build_filename (target->dir, "earlier.xml", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) source = NULL;
  g_autoptr(KesStaff) reader = NULL;
  KesRecordDatabaseSummary summary = { 0 };
  guint exported = 0;
  gboolean imported;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (source_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, earlier_crisis_plan, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* The upgrade runs after the fixture was written (2026-12-07 08:29). */
  kes_test_set_now ("2026-12-07T10:00:00Z");
  source = kes_store_open (source_path, &error);
  g_assert_no_error (error);
  reader = kes_test_account (source, "reader", "Record Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (source, reader);
  g_assert_true (kes_record_export_database (source, export_path, NULL, &exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exported, >, 0);

  kes_test_set_now ("2027-01-04T09:00:00Z");
  imported = kes_record_import_database (target->store, export_path, KES_RECORD_IMPORT_DEFAULT,
                                         &summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (imported);
  g_assert_cmpuint (summary.patients, ==, exported);
  assert_update_author (target, "Kestrel database update");

  /* A file can't rename the update, nor make one of its own. */
  {
    g_autofree char *xml = NULL;
    g_autofree char *renamed = NULL;
    g_autofree char *other_user = NULL;
    g_autoptr(KesTestStore) second = kes_test_store_new_empty ();
    g_autoptr(KesTestStore) third = kes_test_store_new_empty ();

    g_assert_true (g_file_get_contents (export_path, &xml, NULL, NULL));
    renamed = replace_once (xml, "<display-name>Kestrel database update</display-name>",
                            "<display-name>Dr Evil</display-name>");
    imported = import_text (second, renamed, &error);
    g_assert_no_error (error);
    g_assert_true (imported);
    assert_update_author (second, "Kestrel database update");

    other_user = replace_once (xml, "username=\"kestrel-database-update-0016\"",
                               "username=\"dr.evil\"");
    g_assert_false (import_text (third, other_user, &error));
    kes_test_assert_plain_refusal (error, "not how Kestrel names its database updates");
    g_assert_cmpuint (kes_store_count_patients (third->store), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/import/round-trip", test_round_trip);
  g_test_add_func ("/record/import/existing-patient-refused", test_existing_patient_refused);
  g_test_add_func ("/record/import/merge", test_merge);
  g_test_add_func ("/record/import/merge-diverged-refused", test_merge_diverged_refused);
  g_test_add_func ("/record/import/merge-update-is-the-check", test_merge_update_is_the_check);
  g_test_add_func ("/record/import/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/record/import/hostile-leaves-database-unchanged",
                   test_hostile_leaves_database_unchanged);
  g_test_add_func ("/record/import/older-register-legal-status", test_older_register_legal_status);
  g_test_add_func ("/record/import/earlier-kestrel-database", test_earlier_kestrel_database);

  return g_test_run ();
}
