/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kes-clock.h"
#include "kes-context.h"
#include "kes-core-test-util.h"
#include "kes-records.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* KesStore::changed: one per revision written, after the transaction that
 * wrote it commits; nothing for what is rolled back. */

typedef struct
{
  GPtrArray *seen;          /* "kind record-id patient-id" per emission */
  char      *path;          /* a file database: NULL for in-memory */
  gboolean   committed_seen; /* a second connection saw the record when announced */
} Changes;

static void
changed_cb (KesStore   *store,
            const char *kind,
            const char *record_id,
            const char *patient_id,
            Changes    *changes)
{
  g_ptr_array_add (changes->seen, g_strdup_printf ("%s %s %s", kind != NULL ? kind : "(many)",
                                                   record_id != NULL ? record_id : "-",
                                                   patient_id != NULL ? patient_id : "-"));

  /* Another connection reads only what is committed. */
  if (changes->path != NULL && record_id != NULL)
    {
      sqlite3 *other = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (changes->path, &other, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (other, "SELECT count(*) FROM revision WHERE record_id = ?", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      changes->committed_seen = sqlite3_column_int (stmt, 0) > 0;
      sqlite3_finalize (stmt);
      sqlite3_close (other);
    }
}

static KesNote *
note_for (const char *patient_id,
          const char *title)
{
  KesNote *note = kes_note_new ();
  g_autofree char *now = kes_clock_now_iso ();

  kes_note_set_patient_id (note, patient_id);
  kes_note_set_written_at (note, now);
  kes_note_set_title (note, title);
  kes_note_set_body (note, "Seen at home; settled.");
  return note;
}

static void
save_note (KesStore   *store,
           const char *patient_id,
           const char *title,
           char      **record_id)
{
  g_autoptr(KesNote) note = note_for (patient_id, title);
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_note (store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  if (record_id != NULL)
    *record_id = g_strdup (kes_note_get_id (note));
}

static void
watch (KesStore *store,
       Changes  *changes)
{
  changes->seen = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), changes);
}

/* A database file with Alice (every role) acting and one patient, FAMILY,
 * Sam; @changes, when given, watches from before the patient is saved. */
typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;
  KesStaff *alice;
  char     *patient_id;
} FileDb;

static void
file_db_open (FileDb     *db,
              const char *family,
              Changes    *changes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = kes_patient_new ();

  db->dir = g_dir_make_tmp ("kes-changes-XXXXXX", NULL);
  db->path = g_build_filename (db->dir, "changes.db", NULL);
  db->store = kes_store_open (db->path, &error);
  g_assert_no_error (error);
  db->alice = kes_test_account (db->store, "alice", "Alice Adeyemi", "North", KES_TEST_ALL_ROLES);
  kes_store_set_actor (db->store, db->alice);
  if (changes != NULL)
    watch (db->store, changes);
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  kes_store_save_patient (db->store, patient, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  db->patient_id = g_strdup (kes_patient_get_id (patient));
}

static void
file_db_close (FileDb *db)
{
  g_clear_object (&db->alice);
  g_clear_object (&db->store);
  kes_core_test_remove_database (db->dir, db->path);
  g_free (db->patient_id);
  g_free (db->path);
  g_free (db->dir);
}

static void
test_save_emits_once_after_commit (void)
{
  g_autofree char *note_id = NULL;
  g_autofree char *expected = NULL;
  Changes changes = { 0 };
  FileDb db = { 0 };

  file_db_open (&db, "CHANGES", &changes);
  /* A patient is its own record: its patient id is its id. */
  g_assert_cmpuint (changes.seen->len, ==, 1);
  expected = g_strdup_printf ("patient %s %s", db.patient_id, db.patient_id);
  g_assert_cmpstr (changes.seen->pdata[0], ==, expected);

  /* A note: seen committed by a second connection when announced. */
  changes.path = db.path;
  save_note (db.store, db.patient_id, "Home visit", &note_id);
  g_assert_cmpuint (changes.seen->len, ==, 2);
  g_free (expected);
  expected = g_strdup_printf ("note %s %s", note_id, db.patient_id);
  g_assert_cmpstr (changes.seen->pdata[1], ==, expected);
  g_assert_true (changes.committed_seen);

  g_ptr_array_unref (changes.seen);
  file_db_close (&db);
}

/* A save that fails after its revision was written (here the note's
 * display table refuses the row, through a trigger someone with the sqlite3
 * shell added) is rolled back whole: nothing is announced. So is a whole
 * transaction rolled back, and a save refused before it writes. */
static void
test_failed_save_emits_none (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesNote) note = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autofree char *note_id = NULL;
  sqlite3 *shell = NULL;
  Changes changes = { 0 };
  FileDb db = { 0 };

  file_db_open (&db, "FAILED", NULL);
  watch (db.store, &changes);

  /* The whole transaction rolled back. */
  g_assert_true (kes_store_begin (db.store, &error));
  g_assert_no_error (error);
  save_note (db.store, db.patient_id, "Rolled back", NULL);
  g_assert_cmpuint (changes.seen->len, ==, 0);
  kes_store_rollback (db.store);
  g_assert_cmpuint (changes.seen->len, ==, 0);

  /* Refused before writing: a base revision the record never had. */
  note = note_for (db.patient_id, "First");
  g_assert_true (kes_store_save_note (db.store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.seen->len, ==, 1);
  /* A copy: kes_note_set_identity() frees the id it replaces first. */
  note_id = g_strdup (kes_note_get_id (note));
  kes_note_set_identity (note, note_id, kes_note_get_revision (note) + 5, KES_RECORD_ACTIVE);
  g_assert_false (kes_store_save_note (db.store, note, KES_CHANGE_EDIT, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (changes.seen->len, ==, 1);

  /* Refused after the revision was written: the projection fails. */
  g_assert_cmpint (sqlite3_open (db.path, &shell), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (shell, "CREATE TRIGGER refuse_notes BEFORE INSERT ON note "
                                        "BEGIN SELECT RAISE (ABORT, 'refused'); END", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (shell);
  g_clear_object (&note);
  note = note_for (db.patient_id, "Refused");
  g_assert_false (kes_store_save_note (db.store, note, KES_CHANGE_CREATE, NULL, &error));
  /* The engine's own words: the trigger, not a check before writing. */
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);
  g_assert_cmpuint (changes.seen->len, ==, 1);
  notes = kes_store_list_notes (db.store, db.patient_id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);

  g_ptr_array_unref (changes.seen);
  file_db_close (&db);
}

/* Saves inside a transaction are announced when the outermost level
 * commits, and a savepoint rolled back inside it takes its saves back. */
static void
test_nested_emits_at_outer_commit (void)
{
  KesCoreRecordFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_too = NULL;
  g_autofree char *dropped = NULL;
  Changes changes = { 0 };

  kes_core_record_fixture_set_up (&fixture, "2026-12-07", "NESTED");
  watch (fixture.store, &changes);

  g_assert_true (kes_store_begin (fixture.store, &error));
  save_note (fixture.store, fixture.patient_id, "Kept", &kept);
  g_assert_true (kes_store_begin (fixture.store, &error));
  save_note (fixture.store, fixture.patient_id, "Dropped", &dropped);
  kes_store_rollback (fixture.store);
  g_assert_true (kes_store_begin (fixture.store, &error));
  save_note (fixture.store, fixture.patient_id, "Kept too", &kept_too);
  g_assert_true (kes_store_commit (fixture.store, &error));
  g_assert_no_error (error);
  /* Only the outermost commit announces. */
  g_assert_cmpuint (changes.seen->len, ==, 0);
  g_assert_true (kes_store_commit (fixture.store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changes.seen->len, ==, 2);
  g_assert_true (strstr (changes.seen->pdata[0], kept) != NULL);
  g_assert_true (strstr (changes.seen->pdata[1], kept_too) != NULL);
  for (guint i = 0; i < changes.seen->len; i++)
    g_assert_null (strstr (changes.seen->pdata[i], dropped));

  g_ptr_array_unref (changes.seen);
  kes_core_record_fixture_tear_down (&fixture);
}

/* A transaction of very many records says "many" once. */
static void
test_many_said_once (void)
{
  KesCoreRecordFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };

  kes_core_record_fixture_set_up (&fixture, "2026-12-07", "MANY");
  watch (fixture.store, &changes);
  g_assert_true (kes_store_begin (fixture.store, &error));
  for (guint i = 0; i < 1001; i++)
    save_note (fixture.store, fixture.patient_id, "Bulk", NULL);
  g_assert_true (kes_store_commit (fixture.store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.seen->len, ==, 1);
  g_assert_cmpstr (changes.seen->pdata[0], ==, "(many) - -");

  /* The next transaction lists its records again. */
  save_note (fixture.store, fixture.patient_id, "One more", NULL);
  g_assert_cmpuint (changes.seen->len, ==, 2);
  g_assert_true (g_str_has_prefix (changes.seen->pdata[1], "note "));

  g_ptr_array_unref (changes.seen);
  kes_core_record_fixture_tear_down (&fixture);
}

static void
context_changed_cb (KesContext *context,
                    const char *kind,
                    const char *record_id,
                    const char *patient_id,
                    guint      *count)
{
  (*count)++;
}

/* The context says what its store says, and follows a store swapped in. */
static void
test_context_follows_store (void)
{
  KesCoreRecordFixture first = { 0 };
  KesCoreRecordFixture second = { 0 };
  g_autoptr(KesContext) context = NULL;
  guint count = 0;

  kes_core_record_fixture_set_up (&first, "2026-12-07", "FIRST");
  kes_core_record_fixture_set_up (&second, "2026-12-07", "SECOND");
  context = kes_context_new (first.store, NULL);
  g_assert_true (kes_context_get_store (context) == first.store);
  g_assert_true (kes_context_get_actor (context) == kes_store_get_actor (first.store));
  g_signal_connect (context, "changed", G_CALLBACK (context_changed_cb), &count);

  save_note (first.store, first.patient_id, "In the first", NULL);
  g_assert_cmpuint (count, ==, 1);
  kes_context_set_store (context, second.store);
  save_note (first.store, first.patient_id, "Not followed", NULL);
  g_assert_cmpuint (count, ==, 1);
  save_note (second.store, second.patient_id, "In the second", NULL);
  g_assert_cmpuint (count, ==, 2);

  g_clear_object (&context);
  kes_core_record_fixture_tear_down (&second);
  kes_core_record_fixture_tear_down (&first);
}

/* What another connection commits changes the outside version; this
 * store's own saves do not. */
static void
test_outside_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) other = NULL;
  g_autoptr(KesStaff) bob = NULL;
  gint64 version;
  FileDb db = { 0 };

  file_db_open (&db, "OUTSIDE", NULL);
  version = kes_store_get_outside_version (db.store);
  save_note (db.store, db.patient_id, "Our own", NULL);
  g_assert_cmpint (kes_store_get_outside_version (db.store), ==, version);

  other = kes_store_open (db.path, &error);
  g_assert_no_error (error);
  bob = kes_test_account (other, "bob", "Bob Okoro", "North", KES_TEST_ALL_ROLES);
  kes_store_set_actor (other, bob);
  version = kes_store_get_outside_version (db.store);
  save_note (other, db.patient_id, "A colleague's", NULL);
  g_assert_cmpint (kes_store_get_outside_version (db.store), !=, version);

  g_clear_object (&bob);
  g_clear_object (&other);
  file_db_close (&db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-changes/save-emits-once-after-commit", test_save_emits_once_after_commit);
  g_test_add_func ("/store-changes/failed-save-emits-none", test_failed_save_emits_none);
  g_test_add_func ("/store-changes/nested-emits-at-outer-commit", test_nested_emits_at_outer_commit);
  g_test_add_func ("/store-changes/many-said-once", test_many_said_once);
  g_test_add_func ("/store-changes/context-follows-store", test_context_follows_store);
  g_test_add_func ("/store-changes/outside-version", test_outside_version);

  return g_test_run ();
}
