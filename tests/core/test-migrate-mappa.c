/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-patient.h"
#include "kes-records.h"
#include "kes-store-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Migration 0014: MAPPA category 4 ("other, local use") does not exist in
 * law (Criminal Justice Act 2003 ss325–327: three categories). A database
 * that holds it is migrated to "not recorded" with a new revision of the
 * record, a note on the patient's record, and an intact audit chain. */

#define WREN "7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0009"

/* A second patient as an older Kestrel could write them: category 4. */
static const char category_four[] =
  "BEGIN;"
  "INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, updated_at, updated_by)"
  "  VALUES ('" WREN "', 'patient', NULL, 1, 'active', '2026-03-01T10:00:00Z',"
  "          '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-03-01T10:00:00Z', '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001');"
  "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) VALUES"
  "  ('" WREN "', 1, 'create', NULL, '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-03-01T10:00:00Z',"
  "   '{\"family_name\":\"Wren\",\"given_name\":\"Jo\",\"birth_date\":\"1984-03-07\",\"gender\":\"2\","
  "     \"ethnicity\":\"A\",\"legal_status\":\"09\",\"mappa_category\":\"4\",\"mappa_level\":\"1\","
  "     \"aliases\":[],\"diagnoses\":[],\"alerts\":[]}');"
  "INSERT INTO patient (id, family_name, given_name, preferred_name, sort_name, birth_date, nhs_number,"
  "  mhcs_reference, team_id, coordinator_id, legal_status)"
  "  VALUES ('" WREN "', 'Wren', 'Jo', '', 'wren jo', '1984-03-07', NULL, NULL, NULL, NULL, '09');"
  "COMMIT;";

static void
test_fixture_migrates (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-1.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) reader = NULL;
  g_autoptr(KesAccount) update = NULL;
  g_autoptr(KesPatient) wren = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(KesPatient) fieldfare = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) untouched = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(KesNote) note = NULL;
  KesRevision *latest;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (fixture, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, category_four, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = kes_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  reader = kes_test_account (store, "reader", "Record Reader", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, reader);

  /* The category is not recorded now; the level stays for a clinician to
   * check (in the legal status record, where migration 0017 moved it). */
  wren = kes_store_load_patient (store, WREN, &error);
  g_assert_no_error (error);
  status = kes_store_current_legal_status (store, WREN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_assert_cmpstr (kes_moj_record_get_text (status, "mappa_category"), ==, "");
  g_assert_cmpstr (kes_moj_record_get_text (status, "mappa_level"), ==, "1");
  g_assert_cmpstr (kes_moj_record_get_text (status, "authority"), ==, "09");
  /* A new revision, a correction with its reason, by the update, not a
   * person (then 0016's, which moved the legal status out). */
  revisions = kes_store_list_revisions (store, WREN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  latest = g_ptr_array_index (revisions, 1);
  g_assert_cmpint (kes_revision_get_change (latest), ==, KES_CHANGE_CORRECTION);
  g_assert_nonnull (strstr (kes_revision_get_reason (latest), "MAPPA category 4 does not exist in law"));
  g_assert_cmpstr (kes_revision_get_author_name (latest), ==, "Kestrel database update");
  g_assert_nonnull (strstr (kes_revision_get_data (g_ptr_array_index (revisions, 0)), "\"mappa_category\":\"4\""));

  /* A note on the patient's record says what happened and what to do. */
  notes = kes_store_list_notes (store, WREN, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_cmpstr (kes_note_get_title (note), ==, "MAPPA category needs recording again");
  g_assert_nonnull (strstr (kes_note_get_body (note), "Please record the right category (1, 2 or 3)"));

  /* A patient without category 4 is left alone. */
  fieldfare = kes_store_find_patient (store, "943 476 5870", &error);
  g_assert_no_error (error);
  untouched = kes_store_list_revisions (store, kes_patient_get_id (fieldfare), &error);
  for (guint i = 0; i < untouched->len; i++)
    g_assert_cmpint (kes_revision_get_change (g_ptr_array_index (untouched, i)), !=, KES_CHANGE_CORRECTION);

  /* The history and the audit chain still verify. */
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Nobody can act as the update: its staff entry is disabled. */
  update = kes_store_load_account (store, "kestrel-database-update-0014", &error);
  g_assert_no_error (error);
  g_assert_false (kes_account_get_has_password (update));
  g_assert_true (kes_account_get_disabled (update));
  g_clear_object (&store);
  kes_core_test_remove_database (dir, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migrate/mappa-category-four", test_fixture_migrates);
  return g_test_run ();
}
