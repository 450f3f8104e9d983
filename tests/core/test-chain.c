/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-anchor.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-error.h"
#include "kes-history-test-util.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-test-accounts.h"
#include "kes-records.h"

/* The keyed chain and what stands behind it: the installation key outside
 * the file, the append-only rules the store insists on, anchors kept
 * elsewhere, and the migration that seals an existing database's history. */

typedef KesHistoryFixture Fixture;

#define query kes_history_fixture_query

/* ---- The append-only rules ---- */

static KesNote *
first_note (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autofree char *id = kes_history_test_query (kes_store_get_path (store),
                                                "SELECT id FROM patient ORDER BY id LIMIT 1");

  patient = kes_store_load_patient (store, id, &error);
  g_assert_no_error (error);
  notes = kes_store_list_notes (store, kes_patient_get_id (patient), FALSE, &error);
  g_assert_no_error (error);
  return g_list_model_get_item (notes, 0);
}

static void
test_rules_left_dropped (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *named[] = { "audit_no_delete", "revision_no_update", NULL };
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(KesVerifyReport) after = NULL;
  g_autoptr(KesNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *logged = NULL;

  kes_history_test_tamper (fixture->path, "SELECT 1", FALSE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_GUARDS, named);

  /* Nothing is written to records while they are missing… */
  note = first_note (store);
  kes_note_set_body (note, "Written while the rules were missing");
  g_assert_false (kes_store_save_note (store, note, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  kes_history_test_assert_says (error->message, (const char *[]) { "Nothing was saved",
                                                                   "kestrel-cli guards restore", NULL });
  g_clear_error (&error);
  /* …but reading goes on, and is logged. */
  g_assert_true (kes_store_audit (store, KES_AUDIT_VIEW, NULL, NULL, "caseload", &error));
  g_assert_no_error (error);

  /* An administrator puts them back, and that is logged too. */
  g_assert_true (kes_store_restore_guards (store, &restored, &error));
  g_assert_no_error (error);
  kes_history_test_assert_says (restored, named);
  logged = kes_history_test_query (fixture->path, "SELECT summary FROM audit WHERE action = 'guards-restored'");
  kes_history_test_assert_says (logged, named);
  g_assert_true (kes_store_save_note (store, note, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  after = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (after));
}

static void
test_rules_reworded (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *named[] = { "audit_no_delete", "audit_sneak (a trigger that does not belong there)", NULL };
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  /* The same name, a body that lets anything through; and one more. */
  kes_history_test_tamper (fixture->path,
                           "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END; "
                           "CREATE TRIGGER audit_sneak AFTER INSERT ON audit BEGIN SELECT 1; END", TRUE);
  store = kes_history_test_open (fixture->path);
  missing = kes_store_get_missing_guards (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (missing, !=, "");
  report = kes_history_test_verify (store, NULL);
  g_assert_cmpuint (kes_verify_report_get_problems (report, KES_VERIFY_GUARDS), ==, 2);
  kes_history_test_assert_found (report, KES_VERIFY_GUARDS, named);
}

static void
test_rules_restored_by_administrators_only (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) nurse = NULL;
  g_autoptr(GError) error = NULL;

  store = kes_history_test_open (fixture->path);
  nurse = kes_test_account (store, "nurse", "Nadia Nurse", NULL, "clinician");
  g_clear_object (&store);

  kes_history_test_tamper (fixture->path, "SELECT 1", FALSE);
  store = kes_history_test_open (fixture->path);
  kes_store_set_actor (store, nurse);
  g_assert_false (kes_store_restore_guards (store, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_store_set_actor (store, NULL);
  g_assert_false (kes_store_restore_guards (store, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
}

/* ---- Rewriting the chain ---- */

/* Someone reads the caseload in the copy and closes it: its head is
 * anchored for this file. */
static void
close_after_use (Fixture *fixture)
{
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_audit (store, KES_AUDIT_VIEW, NULL, NULL, "caseload", &error));
  g_assert_true (kes_store_anchor (store, "close", FALSE, &error));
  g_assert_no_error (error);
}

/* A whole patient deleted, the log renumbered and hashed again with the
 * unkeyed SHA-256 the chain used to have, as the attacker did. */
static void
test_rehashed_unkeyed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 7");
  const char *seal[] = { "the access log has lost its seal", NULL };
  const char *anchor[] = { "the access log ends at entry", NULL };
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  /* Used here (and so anchored for this file) before the attack. */
  close_after_use (fixture);
  kes_history_test_delete_patient (fixture->path, patient);
  kes_history_test_rehash (fixture->path, NULL, FALSE, 0);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ACCESS_LOG, seal);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, anchor);
}

/* The same, but hashed with the right algorithm (keyed BLAKE2b, every
 * entry naming this installation's key) under a key the attacker made. */
static void
test_rehashed_without_the_key (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 7");
  const char *chain[] = { "entry 1 was altered after it was written, or hashed without the installation key",
                          "(first bad entry: 1)", NULL };
  g_autoptr(KesInstallationKey) guess = kes_history_test_other_key (fixture->dir, "attacker-keys");
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  kes_history_test_delete_patient (fixture->path, patient);
  kes_history_test_rehash (fixture->path, guess, TRUE, 0);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ACCESS_LOG, chain);
  g_assert_cmpuint (kes_verify_report_get_problems (report, KES_VERIFY_ANCHORS), >, 0);
}

/* Under the attacker's own key id instead: entries sealed with a key this
 * installation does not have are never taken for intact. */
static void
test_rehashed_under_another_key (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KesInstallationKey) other = kes_history_test_other_key (fixture->dir, "attacker-keys");
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  kes_history_test_tamper (fixture->path, "DELETE FROM audit WHERE seq = 5", TRUE);
  kes_history_test_rehash (fixture->path, other, FALSE, 0);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  g_assert_false (kes_verify_report_is_intact (report));
  g_assert_nonnull (kes_verify_report_get_unverified (report, KES_VERIFY_ACCESS_LOG));
  g_assert_cmpuint (kes_verify_report_get_problems (report, KES_VERIFY_ANCHORS), >, 0);
}

/* ---- History brought in by an import ---- */

/* An imported revision keeps its own author and time; its entry is the
 * import's, and says whose and when the revision was, so a change to either
 * is still named. */
static void
test_imported_history (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1");
  g_autofree char *author = query (fixture, "SELECT id FROM staff WHERE username != 'tester' ORDER BY id LIMIT 1");
  const char *note = "01a00000-0000-7000-8000-00000000abcd";
  g_autofree char *entry = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *named = g_strdup_printf ("record %s revision 1, column revision.author_id", note);
  const char *fragments[] = { named, NULL };
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(KesVerifyReport) tampered = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (revisions, kes_revision_new (note, 1, KES_CHANGE_CREATE, NULL, author, NULL, "2024-03-01T10:00:00Z",
                                                "{\"written_at\":\"2024-03-01T10:00:00Z\",\"title\":\"Visit\","
                                                "\"body\":\"Seen at home.\"}"));
  g_assert_true (kes_store_import_revisions (store, "note", note, patient, revisions, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT revision_author = '%s' AND revision_at = '2024-03-01T10:00:00Z' "
                         "AND actor_id != '%s' FROM audit WHERE record_id = '%s'", author, author, note);
  entry = kes_history_test_query (fixture->path, sql);
  g_assert_cmpstr (entry, ==, "1");
  report = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (report));
  g_clear_object (&store);

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE revision SET author_id = (SELECT id FROM staff WHERE username = 'tester') "
                         "WHERE record_id = '%s'", note);
  kes_history_test_tamper (fixture->path, sql, TRUE);
  store = kes_history_test_open (fixture->path);
  tampered = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (tampered, KES_VERIFY_REVISIONS, fragments);
}

/* Stripped back to the format from before the keyed chain, its unkeyed
 * chain hashed again without a patient, and its identity replaced, so that
 * the next start seals the rewritten history under a new identity: the
 * anchors this file had as the old database give it away. */
static void
test_downgraded_and_sealed_again (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 3");
  const char *resealed[] = { "this file was anchored as another database", "sealed again", NULL };
  g_autofree char *sql = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  close_after_use (fixture);
  kes_history_test_delete_patient (fixture->path, patient);
  kes_history_test_rehash (fixture->path, NULL, FALSE, 0);
  /* A new identity rather than none: the identity's migration comes before
   * the accounts' one, which can't be undone by ALTER TABLE. What the
   * migrations after the keyed chain's added goes too (issue 17's authors
   * recorded elsewhere first). */
  sql = g_strdup_printf ("DROP TRIGGER staff_elsewhere_never_signs_in_insert; "
                         "DROP TRIGGER staff_elsewhere_never_signs_in_update; DROP TABLE revision_import; "
                         "ALTER TABLE staff DROP COLUMN recorded_elsewhere; "
                         "ALTER TABLE staff DROP COLUMN source_username; "
                         "ALTER TABLE audit DROP COLUMN revision_hash; ALTER TABLE audit DROP COLUMN revision_author; "
                         "ALTER TABLE audit DROP COLUMN revision_at; ALTER TABLE audit DROP COLUMN key_id; "
                         "DROP TABLE chain_anchor; UPDATE database_identity SET id = lower (hex (randomblob (16))); "
                         /* What the migrations after the keyed chain's added (issue 20's). */
                         "DROP TABLE crisis_plan_share; "
                         /* Issue 21's crisis plan review date. */
                         "DROP INDEX crisis_plan_review; ALTER TABLE crisis_plan DROP COLUMN review_date; "
                         /* ...and its liaison onward referrals. */
                         "DROP TABLE ld_onward_referral; "
                         /* ...and its catchment areas (seeded again as the file starts). */
                         "DROP TABLE catchment_area; "
                         /* ...and its signposting. */
                         "DROP TABLE signposting; "
                         /* ...and issue 17's imports audited per patient. */
                         "DROP TABLE patient_import; ALTER TABLE revision DROP COLUMN import_id; "
                         /* Issue 17's index of screenings by the patient they became. */
                         "DROP INDEX ld_screening_converted; "
                         "PRAGMA user_version = %d",
                         kes_store_keyed_chain_version () - 1);
  kes_history_test_tamper (fixture->path, sql, FALSE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, resealed);
}

/* ---- Another computer ---- */

static void
test_copied_without_the_key (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *elsewhere = g_build_filename (fixture->dir, "other-computer-keys", NULL);
  g_autofree char *own_keys = g_strdup (g_getenv ("KESTREL_KEY_DIR"));
  g_autofree char *own_file = g_build_filename (own_keys, "installation.key", NULL);
  g_autofree char *copied = g_build_filename (elsewhere, "from-the-ward.key", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (own_file);
  g_autoptr(GFile) to = g_file_new_for_path (copied);
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(KesVerifyReport) with_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  /* The other computer has a Kestrel of its own, and so its own key. */
  g_autoptr(KesInstallationKey) theirs = kes_history_test_other_key (fixture->dir, "other-computer-keys");

  g_setenv ("KESTREL_KEY_DIR", elsewhere, TRUE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  g_assert_false (kes_verify_report_is_intact (report));
  g_assert_false (kes_verify_report_has_problems (report));
  g_assert_true (kes_verify_report_needs_key (report));
  text = kes_verify_report_to_text (report);
  kes_history_test_assert_says (text, (const char *[]) { "cannot be verified without the installation key",
                                                         NULL });
  g_assert_null (strstr (text, "is intact"));

  /* The administrator copies that computer's key across: now it verifies. */
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  with_key = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (with_key));
  g_clear_object (&store);
  g_setenv ("KESTREL_KEY_DIR", own_keys, TRUE);
}

/* ---- Anchors kept elsewhere ---- */

static void
test_anchors_from_a_backup (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *anchors = g_build_filename (fixture->dir, "anchors", NULL);
  g_autoptr(KesBackupReport) backup = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) blind = NULL;
  g_autoptr(KesVerifyReport) seen = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *sql = NULL;
  const char *files[] = { NULL, NULL };
  const char *truncated[] = { "removed (first bad entry:", NULL };

  store = kes_history_test_open (fixture->path);
  g_assert_true (kes_store_audit (store, KES_AUDIT_VIEW, NULL, NULL, "caseload", &error));
  backup = kes_backup_create_full (store, backups, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The attacker removes what they can reach: the tail of the log, the
   * anchors the database keeps and this installation's anchor file. */
  head = query (fixture, "SELECT max (seq) FROM chain_anchor");
  sql = g_strdup_printf ("DELETE FROM audit WHERE seq > %s - 1; DELETE FROM chain_anchor", head);
  kes_history_test_tamper (fixture->path, sql, TRUE);
  g_assert_cmpint (g_unlink (anchors), ==, 0);

  store = kes_history_test_open (fixture->path);
  blind = kes_history_test_verify (store, NULL);
  g_assert_cmpuint (kes_verify_report_get_problems (blind, KES_VERIFY_ANCHORS), ==, 0);
  /* The backup copied off the machine still holds the anchor it was made with. */
  files[0] = backup->path;
  seen = kes_history_test_verify (store, files);
  kes_history_test_assert_found (seen, KES_VERIFY_ANCHORS, truncated);
}

/* Some views, then the close's anchor: a file's own history going on. */
static void
work_in (const char *path)
{
  g_autoptr(KesStore) store = kes_history_test_open (path);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 3; i++)
    g_assert_true (kes_store_audit (store, KES_AUDIT_VIEW, NULL, NULL, "caseload", &error));
  g_assert_true (kes_store_anchor (store, "close", FALSE, &error));
  g_assert_no_error (error);
}

static void
assert_cut_found (const char *path)
{
  g_autofree char *head = kes_history_test_query (path, "SELECT max (seq) FROM audit");
  g_autofree char *cut = g_strdup_printf ("DELETE FROM audit WHERE seq >= %s - 1", head);
  const char *removed[] = { "removed (first bad entry:", NULL };
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;

  kes_history_test_tamper (path, cut, TRUE);
  store = kes_history_test_open (path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, removed);
}

/* A backup restored to a new file: the two share a database id and history
 * up to the backup, then each goes its own way, anchored under its own file.
 * Neither's later anchors count against the other (each is told so), and
 * each is still held to its own: cutting either's end is found. */
static void
test_copies_go_their_own_way (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *backups = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autofree char *restored_as = NULL;
  g_autoptr(KesBackupReport) backup = NULL;
  g_autoptr(KesBackupReport) restore = NULL;
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesVerifyReport) original_report = NULL;
  g_autoptr(KesVerifyReport) copy_report = NULL;
  g_autoptr(GError) error = NULL;
  const char *other_copy[] = { "is of another copy of this database", NULL };
  g_autofree char *notices = NULL;

  backup = kes_backup_create_full (store, backups, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  restore = kes_backup_restore_full (store, backup->path, NULL, copy, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  restored_as = kes_history_test_query (copy, "SELECT summary FROM audit ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (restored_as, ", restored as file "));

  work_in (fixture->path);
  work_in (copy);
  work_in (fixture->path);

  store = kes_history_test_open (fixture->path);
  original_report = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (original_report));
  notices = g_strjoinv ("\n", (char **) kes_verify_report_get_notices (original_report));
  kes_history_test_assert_says (notices, other_copy);
  g_clear_object (&store);
  store = kes_history_test_open (copy);
  copy_report = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (copy_report));
  g_assert_nonnull (kes_verify_report_get_notices (copy_report)[0]);
  g_clear_object (&store);

  assert_cut_found (copy);
  assert_cut_found (fixture->path);
}

static void
test_anchor_lines (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *exported = g_build_filename (fixture->dir, "journal.txt", NULL);
  g_autofree char *line = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forged = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(KesAnchor) anchor = NULL;
  g_autoptr(GError) error = NULL;
  const char *files[] = { exported, NULL };
  const char *not_signed[] = { "is not signed by its installation key", NULL };

  /* As `journalctl -t kestrel` prints it: a prefix, then the anchor. */
  line = query (fixture, "SELECT anchor FROM chain_anchor ORDER BY seq DESC LIMIT 1");
  anchor = kes_anchor_parse (line);
  g_assert_nonnull (anchor);
  g_assert_null (kes_anchor_parse ("kestrel-anchor-1 db=x seq=1 sig=AAAA"));
  forged = g_strdup_printf ("Dec 07 10:00:00 ward kestrel[41]: Kestrel access log anchor: "
                            "kestrel-anchor-1 db=%s file=%s seq=%" G_GINT64_FORMAT " hash=%s at=%s reason=close "
                            "key=%s sig=%s",
                            anchor->database_id, anchor->file_tag, anchor->seq,
                            "0000000000000000000000000000000000000000000000000000000000000001", anchor->at,
                            anchor->key_id, anchor->signature);
  text = g_strconcat ("Dec 07 09:00:00 ward kestrel[40]: Kestrel access log anchor: ", line, "\n", forged, "\n", NULL);
  g_assert_true (g_file_set_contents (exported, text, -1, &error));
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, files);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, not_signed);
}

/* A session's part of the log is anchored when it signs out: cutting the
 * sign-out (and what came before it) from the end is found. */
static void
test_anchored_at_sign_out (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *anchors = kes_anchor_file_path ();
  g_autofree char *head = NULL;
  g_autofree char *last_action = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *ends = NULL;
  g_autoptr(KesStore) store = kes_store_open (fixture->path, NULL);
  g_autoptr(KesStaff) tester = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  KesAnchor *last;

  tester = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_audit (store, "view", NULL, NULL, "caseload", &error));
  kes_store_sign_out (store);
  g_clear_object (&store);

  head = query (fixture, "SELECT max (seq) FROM audit");
  last_action = query (fixture, "SELECT action FROM audit WHERE seq = %s", head);
  g_assert_cmpstr (last_action, ==, "sign-out");
  lines = kes_anchor_file_read (anchors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, >, 0);
  last = g_ptr_array_index (lines, lines->len - 1);
  g_assert_cmpstr (last->reason, ==, "sign-out");
  g_assert_cmpint (last->seq, ==, g_ascii_strtoll (head, NULL, 10));

  /* The session cut from the end, as someone hiding what they read would. */
  cut = g_strdup_printf ("DELETE FROM audit WHERE seq >= %s - 2", head);
  ends = g_strdup_printf ("the access log ends at entry %" G_GINT64_FORMAT, g_ascii_strtoll (head, NULL, 10) - 3);
  kes_history_test_tamper (fixture->path, cut, TRUE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, (const char *[]) { ends, NULL });
}

/* A member of staff's own record says when their password changed (a
 * digest of the hash): only those who manage staff read its history, and
 * no one marks it in error. */
static void
test_staff_history_guarded (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesStaff) clinician = NULL;
  g_autofree char *id = query (fixture, "SELECT id FROM staff WHERE username = 'demo.clinician'");
  g_autofree char *revision = query (fixture, "SELECT revision FROM record WHERE id = '%s'", id);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hashes = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *held = NULL;
  g_autofree char *digest = NULL;

  /* The tester may manage staff; the revisions are there to read. */
  history = kes_store_list_history (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, g_ascii_strtoll (revision, NULL, 10));
  g_clear_pointer (&history, g_ptr_array_unref);
  g_assert_false (kes_store_mark_entered_in_error (store, id, g_ascii_strtoll (revision, NULL, 10),
                                                   "testing", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  /* History keeps a digest of each password hash, never the hash, and it
   * matches the hash in use. */
  hashes = query (fixture, "SELECT count (*) FROM revision v JOIN record r ON r.id = v.record_id "
                           "WHERE r.kind = 'staff' AND v.data LIKE '%%argon2%%'");
  g_assert_cmpstr (hashes, ==, "0");
  recorded = query (fixture, "SELECT json_extract (data, '$.password_hash_sha256') FROM revision "
                             "WHERE record_id = '%s' AND revision = %s", id, revision);
  held = query (fixture, "SELECT password_hash FROM staff WHERE id = '%s'", id);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, held, -1);
  g_assert_cmpstr (recorded, ==, digest);

  clinician = kes_test_demo_sign_in (store, KES_ROLE_CLINICIAN);
  history = kes_store_list_history (store, id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (history);
}

/* "NUMBER ROLES DISABLED AUTHOR" of a member of staff's latest revision. */
static char *
latest_staff_revision (Fixture    *fixture,
                       const char *id)
{
  return query (fixture, "SELECT v.revision || ' ' || json_extract (v.data, '$.roles') || ' ' || "
                         "coalesce (json_extract (v.data, '$.disabled'), '-') || ' ' || v.author_id "
                         "FROM revision v WHERE v.record_id = '%s' AND v.revision = "
                         "(SELECT max (revision) FROM revision WHERE record_id = '%s')", id, id);
}

/* What an administrator changes about an account, and a password the owner
 * changes, are each a revision by whoever did it; an unlock (sign-in
 * bookkeeping) is none. */
static void
test_account_changes_are_revisions (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesStaff) nurse = kes_test_account (store, "nurse", "Nadia Nurse", NULL, "clinician");
  g_autoptr(KesStaff) tester = g_object_ref (kes_store_get_actor (store));
  const char *roles[] = { KES_ROLE_CLINICIAN, KES_ROLE_TEAM_MANAGER, NULL };
  const char *id = kes_staff_get_id (nurse);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *given = NULL;
  g_autofree char *disabled = NULL;
  g_autofree char *unlocked = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *digests = NULL;

  /* Made with a one-time password (by the test administrator), then its
   * owner's own password. */
  made = latest_staff_revision (fixture, id);
  expected = g_strdup_printf ("2 clinician 0 %s", id);
  g_assert_cmpstr (made, ==, expected);

  kes_store_set_actor (store, tester);
  revision = query (fixture, "SELECT revision FROM staff WHERE id = '%s'", id);
  g_assert_true (kes_store_set_staff_roles (store, id, g_ascii_strtoll (revision, NULL, 10), roles, &error));
  g_assert_no_error (error);
  given = latest_staff_revision (fixture, id);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("3 clinician team-manager 0 %s", kes_staff_get_id (tester));
  g_assert_cmpstr (given, ==, expected);

  g_clear_pointer (&revision, g_free);
  revision = query (fixture, "SELECT revision FROM staff WHERE id = '%s'", id);
  g_assert_true (kes_store_disable_staff (store, id, g_ascii_strtoll (revision, NULL, 10), &error));
  g_assert_no_error (error);
  disabled = latest_staff_revision (fixture, id);
  g_assert_true (g_str_has_prefix (disabled, "4 clinician team-manager 1 "));

  g_clear_pointer (&revision, g_free);
  revision = query (fixture, "SELECT revision FROM staff WHERE id = '%s'", id);
  g_assert_true (kes_store_unlock_account (store, id, g_ascii_strtoll (revision, NULL, 10), &error));
  g_assert_no_error (error);
  unlocked = latest_staff_revision (fixture, id);
  g_assert_cmpstr (unlocked, ==, disabled);

  /* Each password a digest of its own. */
  digests = query (fixture, "SELECT count (DISTINCT json_extract (data, '$.password_hash_sha256')) FROM revision "
                            "WHERE record_id = '%s'", id);
  g_assert_cmpstr (digests, ==, "2");
}

/* ---- An existing database sealed ---- */

/* tests/data/schema-12.sql, as today's Kestrel wrote it, in a new file. */
static char *
load_schema_12 (Fixture *fixture)
{
  g_autofree char *fixture_sql = g_test_build_filename (G_TEST_DIST, "data", "schema-12.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, "schema-12.db", NULL);
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (fixture_sql, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  /* Schema 12 let an account without roles or a password act; today none
   * may, so the fixture's administrator is given roles and a password (the
   * demo administrator's). */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE staff SET roles = 'administrator clinician', password_hash = "
                                     "(SELECT password_hash FROM staff WHERE username = 'demo.admin') "
                                     "WHERE username = 'admin'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static KesStore *
open_as_admin (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) admin = NULL;
  KesStore *store = kes_store_open (path, &error);

  g_assert_no_error (error);
  /* Set, not signed in: a password-less account of schema 12 now needs a
   * one-time password first, and a sign-in would add to the log. */
  admin = kes_store_lookup_staff (store, "admin");
  g_assert_nonnull (admin);
  kes_store_set_actor (store, admin);
  return store;
}

static KesVerifyReport *
verify_file (const char *path)
{
  g_autoptr(KesStore) store = open_as_admin (path);
  return kes_history_test_verify (store, NULL);
}

static void
test_migrates_schema_12 (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = load_schema_12 (fixture);
  g_autofree char *old_head = kes_history_test_query (path, "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1");
  g_autoptr(KesStore) store = open_as_admin (path);
  g_autoptr(KesVerifyReport) report = kes_history_test_verify (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesNote) note = NULL;
  g_autofree char *follows = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *unkeyed = NULL;
  g_autofree char *latest = NULL;

  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());
  g_assert_true (kes_verify_report_is_intact (report));
  /* The log goes on from the old head: the staff directory's first
   * revisions, then the seal, the first keyed entry, over all of it. */
  follows = kes_history_test_query (path, "SELECT prev_hash FROM audit WHERE seq = 46");
  g_assert_cmpstr (follows, ==, old_head);
  /* Less what issue 20's legal status update and issue 21's catchment
   * areas (0022), after the seal, wrote. */
  seal = kes_history_test_query (path, "SELECT summary = printf ('keyed chain: %d earlier entries and %d revisions "
                                       "sealed', seq - 1, (SELECT count (*) FROM revision WHERE author_id NOT IN "
                                       "('kestrel-update-0016', 'kestrel-update-0022') AND record_id NOT IN "
                                       "('kestrel-update-0016', 'kestrel-update-0022'))) FROM audit "
                                       "WHERE action = 'seal' AND key_id IS NOT NULL");
  g_assert_cmpstr (seal, ==, "1");
  unkeyed = kes_history_test_query (path, "SELECT count (*) = (SELECT seq - 1 FROM audit WHERE action = 'seal') "
                                          "FROM audit WHERE key_id IS NULL");
  g_assert_cmpstr (unkeyed, ==, "1");

  /* What is written from now on is keyed, with its revision hash. */
  note = first_note (store);
  kes_note_set_body (note, "Reviewed after the upgrade");
  g_assert_true (kes_store_save_note (store, note, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  latest = kes_history_test_query (path, "SELECT (key_id IS NOT NULL) || (revision_hash IS NOT NULL) FROM audit "
                                         "WHERE action = 'change' ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (latest, ==, "11");
  g_clear_pointer (&report, kes_verify_report_free);
  report = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (report));
}

/* What was written before the seal is still held to it. */
static void
test_sealed_history_tampered (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = load_schema_12 (fixture);
  g_autoptr(KesStore) store = open_as_admin (path);
  g_autoptr(KesVerifyReport) author = NULL;
  g_autoptr(KesVerifyReport) entry = NULL;
  g_autoptr(KesVerifyReport) rewritten = NULL;
  const char *seal[] = { "no longer match the seal at entry", NULL };
  const char *old_entry[] = { "entry 3 was altered after it was written", NULL };
  const char *relinked[] = { "entry 46 does not follow on from the entry before it", NULL };

  g_clear_object (&store);

  /* An old revision's author, its hashes left as they were. */
  kes_history_test_tamper (path, "UPDATE revision SET author_id = (SELECT id FROM staff WHERE username != 'admin' "
                                 "ORDER BY id LIMIT 1) WHERE revision = 1 AND record_id = (SELECT min (id) FROM record)",
                           TRUE);
  author = verify_file (path);
  kes_history_test_assert_found (author, KES_VERIFY_REVISIONS, seal);
  kes_history_test_tamper (path, "UPDATE revision SET author_id = (SELECT created_by FROM record WHERE "
                                 "id = revision.record_id) WHERE revision = 1", TRUE);

  /* An old entry. */
  kes_history_test_tamper (path, "UPDATE audit SET summary = 'nothing' WHERE seq = 3", TRUE);
  entry = verify_file (path);
  kes_history_test_assert_found (entry, KES_VERIFY_ACCESS_LOG, old_entry);

  /* The same, with the unkeyed part of the chain hashed again to match. */
  kes_history_test_rehash (path, NULL, TRUE, 45);
  rewritten = verify_file (path);
  kes_history_test_assert_found (rewritten, KES_VERIFY_ACCESS_LOG, relinked);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/chain/" name, Fixture, NULL, kes_history_fixture_set_up, func, \
              kes_history_fixture_tear_down)
  ADD ("rules-left-dropped", test_rules_left_dropped);
  ADD ("rules-reworded", test_rules_reworded);
  ADD ("rules-restored-by-administrators-only", test_rules_restored_by_administrators_only);
  ADD ("rehashed-unkeyed", test_rehashed_unkeyed);
  ADD ("rehashed-without-the-key", test_rehashed_without_the_key);
  ADD ("rehashed-under-another-key", test_rehashed_under_another_key);
  ADD ("imported-history", test_imported_history);
  ADD ("downgraded-and-sealed-again", test_downgraded_and_sealed_again);
  ADD ("copied-without-the-key", test_copied_without_the_key);
  ADD ("anchors-from-a-backup", test_anchors_from_a_backup);
  ADD ("anchor-lines", test_anchor_lines);
  ADD ("copies-go-their-own-way", test_copies_go_their_own_way);
  ADD ("anchored-at-sign-out", test_anchored_at_sign_out);
  ADD ("staff-history-guarded", test_staff_history_guarded);
  ADD ("account-changes-are-revisions", test_account_changes_are_revisions);
  ADD ("migrates-schema-12", test_migrates_schema_12);
  ADD ("sealed-history-tampered", test_sealed_history_tampered);
#undef ADD

  status = g_test_run ();
  kes_history_test_forget_template ();
  return status;
}
