/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "kes-account.h"
#include "kes-accounts.h"
#include "kes-core-test-util.h"
#include "kes-moj.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Migration 0016: the legal status, MHCS reference and MAPPA leave the
 * patient register for the legal status record, and separate index
 * offence records are folded into it, on a database as the previous
 * Kestrel wrote it (tests/data/schema-13.sql) with two patients added as
 * an older Kestrel or the sqlite3 shell could leave them. */

#define ADMIN  "01a24f9f-ad6d-73fb-8d2f-598b6c621e68"
#define HERON  "7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0101"
#define HERON_STATUS "7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0102"
#define PLOVER "7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0103"
#define SISKIN "01a24f9f-ad9a-7328-a9af-2dc988bb0b41"
#define BITTERN "01a24f9f-ad9a-7322-af30-c02ed8df5723"

/* Heron: the register says s37 and an MHCS reference; the legal status
 * record says s37/41 and has none. Plover: a register code no list knows. */
static const char disagreeing[] =
  "BEGIN;"
  "INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, updated_at, updated_by) VALUES"
  "  ('" HERON "', 'patient', NULL, 1, 'active', '2026-03-01T10:00:00Z', '" ADMIN "', '2026-03-01T10:00:00Z', '" ADMIN "'),"
  "  ('" HERON_STATUS "', 'legal-status', '" HERON "', 1, 'active', '2026-03-02T10:00:00Z', '" ADMIN "',"
  "   '2026-03-02T10:00:00Z', '" ADMIN "'),"
  "  ('" PLOVER "', 'patient', NULL, 1, 'active', '2026-03-01T11:00:00Z', '" ADMIN "', '2026-03-01T11:00:00Z', '" ADMIN "');"
  "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) VALUES"
  "  ('" HERON "', 1, 'create', NULL, '" ADMIN "', '2026-03-01T10:00:00Z',"
  "   '{\"family_name\":\"Heron\",\"given_name\":\"Kit\",\"birth_date\":\"1984-03-07\",\"gender\":\"1\","
  "     \"ethnicity\":\"A\",\"legal_status\":\"10\",\"mhcs_reference\":\"MHCS/OLD/1\","
  "     \"aliases\":[],\"diagnoses\":[],\"alerts\":[]}'),"
  "  ('" HERON_STATUS "', 1, 'create', NULL, '" ADMIN "', '2026-03-02T10:00:00Z',"
  "   '{\"authority\":\"09\",\"effective_date\":\"2025-06-02\"}'),"
  "  ('" PLOVER "', 1, 'create', NULL, '" ADMIN "', '2026-03-01T11:00:00Z',"
  "   '{\"family_name\":\"Plover\",\"given_name\":\"Lee\",\"birth_date\":\"1990-01-01\",\"gender\":\"2\","
  "     \"ethnicity\":\"A\",\"legal_status\":\"XX\",\"aliases\":[],\"diagnoses\":[],\"alerts\":[]}');"
  "INSERT INTO patient (id, family_name, given_name, preferred_name, sort_name, birth_date, nhs_number,"
  "  mhcs_reference, team_id, coordinator_id, legal_status) VALUES"
  "  ('" HERON "', 'Heron', 'Kit', '', 'heron kit', '1984-03-07', NULL, 'MHCS/OLD/1', NULL, NULL, '10'),"
  "  ('" PLOVER "', 'Plover', 'Lee', '', 'plover lee', '1990-01-01', NULL, NULL, NULL, NULL, 'XX');"
  "INSERT INTO moj_record (id, patient_id, kind, sort_date, data) VALUES"
  "  ('" HERON_STATUS "', '" HERON "', 'legal-status', '2025-06-02',"
  "   '{\"authority\":\"09\",\"effective_date\":\"2025-06-02\"}');"
  "COMMIT;";

static KesStore *
open_fixture (const char *path,
              gboolean    with_disagreeing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-13.sql", NULL);
  g_autofree char *sql = NULL;
  KesStore *store;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (with_disagreeing)
    g_assert_cmpint (sqlite3_exec (db, disagreeing, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static KesMojRecord *
current_status (KesStore   *store,
                const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  KesMojRecord *status = kes_store_current_legal_status (store, patient_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (status);
  return status;
}

static KesNote *
only_note (KesStore   *store,
           const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = kes_store_list_notes (store, patient_id, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  return g_list_model_get_item (notes, 0);
}

static guint
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_one_legal_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(KesStore) store = open_fixture (path, TRUE);
  g_autoptr(KesStaff) reader = NULL;
  g_autoptr(KesMojRecord) heron = NULL;
  g_autoptr(KesMojRecord) bittern = NULL;
  g_autoptr(KesMojRecord) siskin = NULL;
  g_autoptr(KesNote) note = NULL;
  g_autoptr(KesPatient) found = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GListModel) offences = NULL;
  g_autoptr(KesAccount) update = NULL;
  KesRevision *latest;
  guint total;

  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  reader = kes_test_account (store, "reader", "Record Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, reader);

  /* No register revision holds the four keys any more. */
  g_assert_cmpuint (count_rows (path,
    "SELECT count(*) FROM record r JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.kind = 'patient' AND (json_type (v.data, '$.legal_status') IS NOT NULL OR "
    "json_type (v.data, '$.mhcs_reference') IS NOT NULL OR json_type (v.data, '$.mappa_category') IS NOT NULL OR "
    "json_type (v.data, '$.mappa_level') IS NOT NULL)"), ==, 0);

  /* Bittern had only the register: a new legal status record holds it all. */
  bittern = current_status (store, BITTERN);
  g_assert_cmpstr (kes_moj_record_get_text (bittern, "authority"), ==, "09");
  g_assert_cmpstr (kes_moj_record_get_text (bittern, "mhcs_reference"), ==, "MHCS/DEMO/00002");
  g_assert_cmpstr (kes_moj_record_get_text (bittern, "mappa_category"), ==, "2");
  g_assert_cmpstr (kes_moj_record_get_text (bittern, "mappa_level"), ==, "1");
  revisions = kes_store_list_revisions (store, BITTERN, &error);
  g_assert_no_error (error);
  latest = g_ptr_array_index (revisions, revisions->len - 1);
  g_assert_cmpstr (kes_revision_get_author_name (latest), ==, "Kestrel database update");
  g_assert_nonnull (strstr (kes_revision_get_reason (latest), "moved to the legal status record"));
  g_clear_pointer (&revisions, g_ptr_array_unref);

  /* Siskin's index offence is in the legal status record; the record of
   * its own is withdrawn with a reason that says it was moved. */
  siskin = current_status (store, SISKIN);
  g_assert_cmpstr (kes_moj_record_get_text (siskin, "index_offences"), ==,
                   "Arson with intent to endanger life (demo), 14 Aug 2017, Norwich");
  g_assert_cmpstr (kes_moj_record_get_text (siskin, "mappa_category"), ==, "2");
  offences = kes_store_list_moj_records (store, SISKIN, KES_MOJ_INDEX_OFFENCE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (offences), ==, 1);
  {
    g_autoptr(KesMojRecord) offence = g_list_model_get_item (offences, 0);

    g_assert_cmpint (kes_moj_record_get_state (offence), ==, KES_RECORD_ENTERED_IN_ERROR);
    revisions = kes_store_list_revisions (store, kes_moj_record_get_id (offence), &error);
    g_assert_no_error (error);
    latest = g_ptr_array_index (revisions, revisions->len - 1);
    g_assert_nonnull (strstr (kes_revision_get_reason (latest), "the offence itself is not in error"));
    g_clear_pointer (&revisions, g_ptr_array_unref);
  }

  /* Heron: the two disagreed; the legal status record stands, the missing
   * MHCS reference is filled from the register, and a note asks for a check. */
  heron = current_status (store, HERON);
  g_assert_cmpstr (kes_moj_record_get_text (heron, "authority"), ==, "09");
  g_assert_cmpstr (kes_moj_record_get_text (heron, "mhcs_reference"), ==, "MHCS/OLD/1");
  note = only_note (store, HERON);
  g_assert_cmpstr (kes_note_get_title (note), ==, "Legal status to check");
  g_assert_nonnull (strstr (kes_note_get_body (note), "• Detention authority: Section 37\n"));
  g_clear_object (&note);
  /* The caseload and search read the legal status record now. */
  found = kes_store_find_patient (store, "MHCS/OLD/1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_id (found), ==, HERON);
  g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM patient WHERE id = '" HERON "' AND legal_status = '09'"),
                    ==, 1);

  /* Plover's unknown code is not moved (nor does it stop the database
   * opening): the note names it, and there is no legal status record. */
  note = only_note (store, PLOVER);
  g_assert_nonnull (strstr (kes_note_get_body (note), "Detention authority: “XX” (not a known code, so not moved)"));
  g_assert_null (kes_store_current_legal_status (store, PLOVER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM patient WHERE id = '" PLOVER "' AND legal_status IS NULL"),
                    ==, 1);

  /* The only complaint of the check is about the rows this test wrote with
   * SQL (no access log entry); what the update wrote is in order. The
   * update's entry cannot sign in. */
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (g_ptr_array_index (problems, i), "outside Kestrel"));
  update = kes_store_load_account (store, "kestrel-database-update-0016", &error);
  g_assert_no_error (error);
  g_assert_false (kes_account_get_has_password (update));
  g_assert_true (kes_account_get_disabled (update));

  /* Opening it again changes nothing. */
  total = count_rows (path, "SELECT count(*) FROM revision");
  g_clear_object (&store);
  store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM revision"), ==, total);
  g_clear_object (&store);
  kes_core_test_remove_database (dir, path);
}

/* On the database as Kestrel wrote it, nothing else added: the history,
 * the revisions the update wrote and the access log all verify. */
static void
test_verifies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(KesStore) store = open_fixture (path, FALSE);
  g_autoptr(KesStaff) reader = kes_test_account (store, "reader", "Record Reader", NULL, KES_TEST_ALL_ROLES);
  g_autoptr(GPtrArray) problems = NULL;

  kes_store_set_actor (store, reader);
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (count_rows (path, "SELECT count(*) FROM revision WHERE author_id = 'kestrel-update-0016'"), >, 0);
  g_clear_object (&store);
  kes_core_test_remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/one-legal-status", test_one_legal_status);
  g_test_add_func ("/migrate/one-legal-status-verifies", test_verifies);
  return g_test_run ();
}
