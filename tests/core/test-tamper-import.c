/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kes-error.h"
#include "kes-history-test-util.h"
#include "kes-store-private.h"
#include "kes-store-verify-private.h"
#include "kes-store-whole-db.h"

/* History brought by an import of a patient since migration 0024: one
 * access-log entry for the import, whose hash covers every revision it
 * brought (kes-store-import-patient.c), and its provenance in one
 * patient_import row. Each tampering below, done with the sqlite3 shell on
 * a copy of the demo database (the append-only triggers dropped first and
 * put back as they were), is one `verify` found on history imported with an
 * entry a revision, and must still find. */

typedef KesHistoryFixture Fixture;

#define query kes_history_fixture_query

#define NOTE_A "01a00000-0000-7000-8000-0000000000a1"
#define NOTE_B "01a00000-0000-7000-8000-0000000000b2"
#define SOURCE "2026-11-30T09:00:00Z"

static KesRevision *
note_revision (const char *note,
               gint64      number,
               const char *author,
               const char *at,
               const char *body)
{
  g_autofree char *data = g_strdup_printf ("{\"written_at\":\"%s\",\"title\":\"Visit\",\"body\":\"%s\"}",
                                           at, body);

  return kes_revision_new (note, number, number == 1 ? KES_CHANGE_CREATE : KES_CHANGE_EDIT,
                           number == 1 ? NULL : "typing", author, NULL, at, data);
}

/* Imports two notes for the fixture's first patient as one import of that
 * patient (note A with two revisions, note B with one), as the case-record
 * import does. Returns the patient's id. */
static char *
import_two_notes (Fixture *fixture)
{
  char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1");
  g_autofree char *author = query (fixture, "SELECT id FROM staff WHERE username != 'tester' "
                                            "AND password_hash IS NOT NULL ORDER BY id LIMIT 1");
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (a, note_revision (NOTE_A, 1, author, "2024-03-01T10:00:00Z", "Seen at home."));
  g_ptr_array_add (a, note_revision (NOTE_A, 2, author, "2024-03-02T10:00:00Z", "Seen at home, with his sister."));
  g_ptr_array_add (b, note_revision (NOTE_B, 1, author, "2024-03-05T10:00:00Z", "Telephoned."));
  g_assert_true (kes_store_begin (store, &error));
  kes_store_set_import_source (store, SOURCE);
  g_assert_true (kes_store_import_patient_begin (store, patient, &error));
  g_assert_true (kes_store_import_patient_open (store));
  /* In the order a file may give them: the digest does not depend on it. */
  g_assert_true (kes_store_import_revisions_in_transaction (store, "note", NOTE_B, patient, b, &error));
  g_assert_true (kes_store_import_revisions_in_transaction (store, "note", NOTE_A, patient, a, &error));
  g_assert_true (kes_store_import_patient_end (store, "case record imported (test)", &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_import_patient_open (store));
  g_assert_true (kes_store_commit (store, &error));
  g_assert_no_error (error);
  return patient;
}

static char *
import_seq (Fixture *fixture)
{
  return query (fixture, "SELECT audit_seq FROM patient_import ORDER BY id DESC LIMIT 1");
}

/* Tampers with @sql, then `verify` names @part with @fragments. */
static void
assert_tamper_found (Fixture            *fixture,
                     const char         *sql,
                     KesVerifyPart       part,
                     const char * const *fragments)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  kes_history_test_tamper (fixture->path, sql, TRUE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, part, fragments);
}

/* The revisions of an import no longer match its entry. */
static void
assert_import_broken (Fixture    *fixture,
                      const char *sql)
{
  g_autofree char *seq = import_seq (fixture);
  g_autofree char *entry = g_strdup_printf ("(access-log entry %s) no longer match that entry", seq);
  const char *fragments[] = { entry, NULL };

  assert_tamper_found (fixture, sql, KES_VERIFY_REVISIONS, fragments);
}

static void
test_control (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *patient = import_two_notes (fixture);
  g_autofree char *seq = import_seq (fixture);
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesVerifyReport) report = kes_history_test_verify (store, NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entries = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (kes_verify_report_is_intact (report));
  /* One entry for the import, none a revision, no provenance row a revision. */
  entries = query (fixture, "SELECT count (*) FROM audit WHERE record_id IN ('%s', '%s')", NOTE_A, NOTE_B);
  g_assert_cmpstr (entries, ==, "0");
  rows = query (fixture, "SELECT (SELECT count (*) FROM revision_import) || ' ' || "
                         "(SELECT count (*) FROM revision WHERE import_id IS NOT NULL)");
  g_assert_cmpstr (rows, ==, "0 3");
  entry = query (fixture, "SELECT action || ' ' || patient_id || ' ' || length (revision_hash) || ' ' || "
                          "(data_hash IS NULL) FROM audit WHERE seq = %s", seq);
  expected = g_strdup_printf ("import %s 64 1", patient);
  g_assert_cmpstr (entry, ==, expected);

  /* Provenance is still shown revision by revision. */
  history = kes_store_list_revisions (store, NOTE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  for (guint i = 0; i < history->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (history, i);

      g_autofree char *provenance = kes_revision_dup_provenance (revision);

      g_assert_nonnull (kes_revision_get_imported_at (revision));
      g_assert_nonnull (provenance);
      /* "imported by" the tester, the revision still its author's. */
      g_assert_nonnull (strstr (provenance, "imported by"));
      g_assert_nonnull (strstr (provenance, "Tester"));
      g_assert_cmpstr (kes_revision_get_author_id (revision), !=, kes_staff_get_id (kes_store_get_actor (store)));
    }
}

/* Tampering with imported revisions or their import: each case is SQL
 * (the notes' ids spelled in), and each leaves the revisions of the import
 * no longer matching its entry. */
typedef struct
{
  const char *name;
  const char *sql;
} Broken;

static const Broken broken_cases[] = {
  { "revision-data", "UPDATE revision SET data = json_set (data, '$.body', 'Not seen.') "
                     "WHERE record_id = '" NOTE_A "' AND revision = 1" },
  { "revision-author", "UPDATE revision SET author_id = (SELECT id FROM staff WHERE username = 'tester') "
                       "WHERE record_id = '" NOTE_B "'" },
  { "revision-time", "UPDATE revision SET at = '2024-03-02T11:00:00Z' WHERE record_id = '" NOTE_A "' AND revision = 2" },
  /* The history's own check (1..N) would not see this one: the record's
   * revision follows. */
  { "revision-removed", "DELETE FROM revision WHERE record_id = '" NOTE_A "' AND revision = 2; "
                        "UPDATE record SET revision = 1 WHERE id = '" NOTE_A "'" },
  { "revision-added-to-import",
    "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data, import_id) "
    "SELECT record_id, 2, 'edit', 'typing', author_id, '2024-03-06T10:00:00Z', data, import_id "
    "FROM revision WHERE record_id = '" NOTE_B "'; UPDATE record SET revision = 2 WHERE id = '" NOTE_B "'" },
  /* Revisions 1 and 2 swapped: each keeps its data but not its place. */
  { "revisions-reordered", "UPDATE revision SET revision = revision + 10 WHERE record_id = '" NOTE_A "'; "
                           "UPDATE revision SET revision = 13 - revision WHERE record_id = '" NOTE_A "'" },
  /* Taken out of the import (so it seems written here). */
  { "revision-taken-out", "UPDATE revision SET import_id = NULL WHERE record_id = '" NOTE_B "'" },
  /* A revision written here put into the import (so it seems brought in). */
  { "revision-put-in", "UPDATE revision SET import_id = (SELECT max (id) FROM patient_import) "
                       "WHERE revision = 1 AND record_id = (SELECT min (v.record_id) FROM revision v "
                       "JOIN record r ON r.id = v.record_id WHERE r.kind = 'note' AND v.import_id IS NULL)" },
  { "source-changed", "UPDATE patient_import SET source = '2025-01-01T00:00:00Z'" },
};

static void
test_import_broken (Fixture       *fixture,
                    gconstpointer  data)
{
  const Broken *broken = data;
  g_autofree char *patient = import_two_notes (fixture);

  assert_import_broken (fixture, broken->sql);
}

/* Added without naming any import: no entry vouches for it. */
static void
test_revision_added_outside (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *patient = import_two_notes (fixture);
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) "
    "SELECT record_id, 2, 'edit', 'typing', author_id, '2024-03-06T10:00:00Z', data "
    "FROM revision WHERE record_id = '%s'; UPDATE record SET revision = 2 WHERE id = '%s'", NOTE_B, NOTE_B);
  g_autofree char *named = g_strdup_printf ("record %s revision 2: the access log has no entry for it", NOTE_B);
  const char *fragments[] = { named, NULL };

  assert_tamper_found (fixture, sql, KES_VERIFY_REVISIONS, fragments);
}

static void
test_importer_changed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *patient = import_two_notes (fixture);
  const char *fragments[] = { "who imported it, when or which patient differs from its access-log entry", NULL };

  assert_tamper_found (fixture,
                       "UPDATE patient_import SET imported_by = (SELECT id FROM staff WHERE username != 'tester' "
                       "ORDER BY id LIMIT 1)",
                       KES_VERIFY_REVISIONS, fragments);
}

static void
test_import_row_removed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *patient = import_two_notes (fixture);
  const char *fragments[] = { "which does not exist", NULL };

  assert_tamper_found (fixture, "DELETE FROM patient_import", KES_VERIFY_REVISIONS, fragments);
}

/* The entry itself: its digest replaced (the chain's hash gives it away). */
static void
test_entry_altered (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *patient = import_two_notes (fixture);
  g_autofree char *seq = import_seq (fixture);
  g_autofree char *sql = g_strdup_printf ("UPDATE audit SET revision_hash = '%064d' WHERE seq = %s", 0, seq);
  g_autofree char *named = g_strdup_printf ("entry %s was altered after it was written", seq);
  const char *fragments[] = { named, NULL };

  assert_tamper_found (fixture, sql, KES_VERIFY_ACCESS_LOG, fragments);
}

/* Undoes migration 0024 and the one after it, 0027 (the append-only rules
 * of other tables kept). */
static void
downgrade_to_0023 (const char *path)
{
  g_autofree char *sql = g_strdup_printf ("DROP TABLE patient_import; ALTER TABLE revision DROP COLUMN import_id; "
                                          "DROP INDEX ld_screening_converted; "
                                          "PRAGMA user_version = %d", kes_store_import_per_patient_version () - 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A database from before migration 0024, holding history imported with an
 * entry and a revision_import row a revision: updated, it still verifies,
 * that history still shows its provenance, and the next import is audited
 * per patient beside it. */
static void
test_upgrade_from_0023 (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *old_note = "01a00000-0000-7000-8000-0000000000c3";
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1");
  g_autofree char *author = query (fixture, "SELECT id FROM staff WHERE username != 'tester' "
                                            "AND password_hash IS NOT NULL ORDER BY id LIMIT 1");
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *provenance = NULL;

  /* Written as 0023 wrote it: the revision's own entry and provenance row. */
  g_ptr_array_add (revisions, note_revision (old_note, 1, author, "2023-05-01T10:00:00Z", "Seen in clinic."));
  kes_store_set_import_source (store, "2023-06-01T09:00:00Z");
  g_assert_true (kes_store_import_revisions (store, "note", old_note, patient, revisions, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  downgrade_to_0023 (fixture->path);

  g_free (import_two_notes (fixture));
  store = kes_history_test_open (fixture->path);
  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  report = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (report));
  counts = query (fixture, "SELECT (SELECT count (*) FROM revision_import WHERE record_id = '%s') || ' ' || "
                           "(SELECT count (*) FROM audit WHERE record_id = '%s') || ' ' || "
                           "(SELECT count (*) FROM revision WHERE import_id IS NOT NULL)", old_note, old_note);
  g_assert_cmpstr (counts, ==, "1 1 3");
  history = kes_store_list_revisions (store, old_note, &error);
  g_assert_no_error (error);
  provenance = kes_revision_dup_provenance (g_ptr_array_index (history, 0));
  g_assert_nonnull (provenance);
  g_assert_nonnull (strstr (provenance, "imported by"));
  g_clear_object (&store);

  /* And the old history is still held to its own entry. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE revision SET at = '2023-05-01T11:00:00Z' WHERE record_id = '%s'",
                                            old_note);
    g_autofree char *named = g_strdup_printf ("record %s revision 1, column revision.at", old_note);
    const char *fragments[] = { named, NULL };

    assert_tamper_found (fixture, sql, KES_VERIFY_REVISIONS, fragments);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/tamper-import/" name, Fixture, NULL, kes_history_fixture_set_up, func, \
              kes_history_fixture_tear_down)
  ADD ("control", test_control);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/tamper-import/", broken_cases[i].name, NULL);

      g_test_add (path, Fixture, &broken_cases[i], kes_history_fixture_set_up, test_import_broken,
                  kes_history_fixture_tear_down);
    }
  ADD ("revision-added-outside", test_revision_added_outside);
  ADD ("importer-changed", test_importer_changed);
  ADD ("import-row-removed", test_import_row_removed);
  ADD ("entry-altered", test_entry_altered);
  ADD ("upgrade-from-0023", test_upgrade_from_0023);
#undef ADD

  status = g_test_run ();
  kes_history_test_forget_template ();
  return status;
}
