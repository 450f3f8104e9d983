/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-backup.h"
#include "kes-error.h"
#include "kes-history-test-util.h"
#include "kes-store-verify-private.h"
#include "kes-test-accounts.h"

/* Every tampering issue 18 found `verify` missing, done with raw SQL on a
 * copy of a demo database by someone with the file and the sqlite3 shell:
 * the append-only triggers dropped first and put back afterwards as they
 * were (so only the tampering itself is left to find). Each is found and
 * named by table, record id, column and access-log sequence number, and the
 * same file offered as a backup is refused on restore for the same reason. */

typedef KesHistoryFixture Fixture;

#define query kes_history_fixture_query

/* Runs `verify` on the tampered copy: @part names it with @fragments. Then
 * restores the copy as a backup: refused, naming the same. */
static void
assert_found (Fixture            *fixture,
              KesVerifyPart       part,
              const char * const *fragments)
{
  g_autofree char *restored = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesVerifyReport) report = kes_history_test_verify (store, NULL);
  g_autoptr(GError) error = NULL;

  kes_history_test_assert_found (report, part, fragments);
  g_clear_object (&store);

  g_assert_false (kes_backup_restore (fixture->path, NULL, restored, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  kes_history_test_assert_says (error->message, fragments);
  g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));
}

static void
test_control (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *restored = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autoptr(KesStore) store = kes_history_test_open (fixture->path);
  g_autoptr(KesVerifyReport) report = kes_history_test_verify (store, NULL);
  g_autoptr(KesVerifyReport) again = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing done to it: every part ran, checked something, found nothing. */
  g_assert_true (kes_verify_report_is_intact (report));
  for (guint part = 0; part < KES_VERIFY_N_PARTS; part++)
    {
      g_assert_true (kes_verify_report_ran (report, part));
      g_assert_cmpuint (kes_verify_report_get_checked (report, part), >, 0);
    }
  /* The close's anchor and the backup's, at least. */
  g_assert_cmpuint (kes_verify_report_get_checked (report, KES_VERIFY_ANCHORS), >=, 2);
  g_clear_object (&store);

  g_assert_true (kes_backup_restore (fixture->path, NULL, restored, NULL, &error));
  g_assert_no_error (error);
  store = kes_history_test_open (restored);
  again = kes_history_test_verify (store, NULL);
  g_assert_true (kes_verify_report_is_intact (again));
}

/* The last entry, and the last twelve, deleted: the anchor written at the
 * close records entries the log no longer holds. */
static void
truncate_tail (Fixture  *fixture,
               int       count,
               gboolean  revisions_lost)
{
  g_autofree char *head = query (fixture, "SELECT max (seq) FROM audit");
  gint64 last = g_ascii_strtoll (head, NULL, 10);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM audit WHERE seq > %d", (int) last - count);
  g_autofree char *ends = g_strdup_printf ("the access log ends at entry %d", (int) last - count);
  g_autofree char *first = g_strdup_printf ("(first bad entry: %d)", (int) last - count + 1);
  g_autofree char *rolled_back = g_strdup_printf ("to entry %d", (int) last);
  const char *fragments[] = { ends, first, NULL };
  const char *lost[] = { "the access log has no entry for it", NULL };
  const char *notice[] = { "was rolled back by the restore of a backup", rolled_back, NULL };
  g_autofree char *restored = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;

  kes_history_test_tamper (fixture->path, sql, TRUE);
  store = kes_history_test_open (fixture->path);
  report = kes_history_test_verify (store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_ANCHORS, fragments);
  if (revisions_lost)
    kes_history_test_assert_found (report, KES_VERIFY_REVISIONS, lost);
  g_clear_object (&store);
  g_clear_pointer (&report, kes_verify_report_free);

  /* Offered as a backup: refused when revisions lost their entries. One
   * that only lost entries after its last save is what an older backup
   * is; restored, its log says what the restore rolled back. */
  if (revisions_lost)
    {
      g_assert_false (kes_backup_restore (fixture->path, NULL, restored, NULL, &error));
      kes_history_test_assert_says (error->message, lost);
      return;
    }
  g_assert_true (kes_backup_restore (fixture->path, NULL, restored, NULL, &error));
  g_assert_no_error (error);
  store = kes_history_test_open (restored);
  report = kes_history_test_verify (store, NULL);
  g_assert_nonnull (kes_verify_report_get_notices (report)[0]);
  kes_history_test_assert_says (kes_verify_report_get_notices (report)[0], notice);
}

static void
test_tail_truncated_by_one (Fixture       *fixture,
                            gconstpointer  data)
{
  truncate_tail (fixture, 1, FALSE);
}

static void
test_tail_truncated_by_twelve (Fixture       *fixture,
                               gconstpointer  data)
{
  truncate_tail (fixture, 12, TRUE);
}

/* One of a revision's own columns changed: named with the revision, its
 * column and the entry that recorded it. */
static void
change_revision (Fixture    *fixture,
                 const char *column,
                 const char *value,
                 const char *named)
{
  const char *note = kes_history_test_note_id ();
  g_autofree char *seq = query (fixture, "SELECT seq FROM audit WHERE record_id = '%s' AND revision = 2", note);
  g_autofree char *sql = g_strdup_printf ("UPDATE revision SET %s = %s WHERE record_id = '%s' AND revision = 2",
                                          column, value, note);
  g_autofree char *where = g_strdup_printf ("record %s revision 2, column %s", note, named);
  g_autofree char *entry = g_strdup_printf ("(access log entry %s)", seq);
  const char *fragments[] = { where, entry, NULL };

  kes_history_test_tamper (fixture->path, sql, TRUE);
  assert_found (fixture, KES_VERIFY_REVISIONS, fragments);
}

static void
test_revision_author (Fixture       *fixture,
                      gconstpointer  data)
{
  change_revision (fixture, "author_id", "(SELECT id FROM staff WHERE username != 'tester' ORDER BY id LIMIT 1)",
                   "revision.author_id");
}

static void
test_revision_time (Fixture       *fixture,
                    gconstpointer  data)
{
  change_revision (fixture, "at", "'2024-01-02T03:04:05Z'", "revision.at");
}

static void
test_revision_reason (Fixture       *fixture,
                      gconstpointer  data)
{
  change_revision (fixture, "reason", "'typed in the wrong record'", "revision.reason");
}

static void
test_revision_change_kind (Fixture       *fixture,
                           gconstpointer  data)
{
  change_revision (fixture, "change", "'edit'", "revision.change");
}

/* A note hidden by marking it entered in error with SQL, as Kestrel would
 * show it: its record and its row both say so, its history does not. */
static void
test_note_hidden (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *note = kes_history_test_note_id ();
  g_autofree char *sql = g_strdup_printf ("UPDATE record SET state = 'entered-in-error' WHERE id = '%s'; "
                                          "UPDATE note SET state = 'entered-in-error' WHERE id = '%s'",
                                          note, note);
  g_autofree char *where = g_strdup_printf ("table record, record %s, column state", note);
  const char *fragments[] = { where, NULL };

  kes_history_test_tamper (fixture->path, sql, TRUE);
  assert_found (fixture, KES_VERIFY_PROJECTIONS, fragments);
}

/* A display table changed without a revision. */
static void
change_row (Fixture    *fixture,
            const char *table,
            const char *id,
            const char *column,
            const char *value)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = %s WHERE id = '%s'", table, column, value, id);
  g_autofree char *where = g_strdup_printf ("table %s, record %s, column %s", table, id, column);
  const char *fragments[] = { where, NULL };

  kes_history_test_tamper (fixture->path, sql, TRUE);
  assert_found (fixture, KES_VERIFY_PROJECTIONS, fragments);
}

static void
test_note_text (Fixture       *fixture,
                gconstpointer  data)
{
  change_row (fixture, "note", kes_history_test_note_id (), "body", "'Nothing of note.'");
}

static void
test_nhs_number (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 3");

  change_row (fixture, "patient", id, "nhs_number", "'9990000999'");
}

/* Moved to another team: the team rule reads patient.team_id, so the other
 * team's clinicians would be let in. */
static void
test_patient_moved_team (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 5");
  g_autofree char *team = query (fixture, "SELECT team_id FROM patient WHERE id = '%s'", id);
  g_autofree char *other = query (fixture, "SELECT id FROM team WHERE id != '%s' ORDER BY id LIMIT 1", team);
  g_autofree char *value = g_strdup_printf ("'%s'", other);

  g_assert_nonnull (other);
  change_row (fixture, "patient", id, "team_id", value);
}

/* What issue 19 found: a neutrophil count changed where monitoring reads it. */
static void
test_neutrophils (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM fbc_result ORDER BY id LIMIT 1");

  g_assert_nonnull (id);
  change_row (fixture, "fbc_result", id, "neutrophils", "neutrophils + 2.5");
}

/* Issue 21: a crisis plan's review date moved a year on, so Today stops
 * asking for the review, without a revision. */
static void
test_crisis_plan_review_date (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM crisis_plan WHERE review_date IS NOT NULL ORDER BY id LIMIT 1");

  g_assert_nonnull (id);
  change_row (fixture, "crisis_plan", id, "review_date", "date (review_date, '+1 year')");
}

/* Issue 21: an incident's account rewritten in the MoJ records list. */
static void
test_incident_rewritten (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM moj_record WHERE kind = 'moj-incident' ORDER BY id LIMIT 1");

  g_assert_nonnull (id);
  change_row (fixture, "moj_record", id, "data",
              "json_set (data, '$.description', 'Nothing happened')");
}

/* A liaison and diversion referral pointed at another service in the
 * directory (issue 21's onward referrals are revisioned like the rest). */
static void
test_onward_referral_service (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM ld_onward_referral ORDER BY id LIMIT 1");
  g_autofree char *service = query (fixture, "SELECT id FROM service WHERE id NOT IN "
                                             "(SELECT service_id FROM ld_onward_referral WHERE id = '%s') "
                                             "ORDER BY id LIMIT 1", id);
  g_autofree char *value = g_strdup_printf ("'%s'", service);

  change_row (fixture, "ld_onward_referral", id, "service_id", value);
}

/* Issue 21: a signposting record moved to another day in its table (the
 * screening's and referral's pages and the record read from it), with no
 * revision saying so. */
static void
test_signposting_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM signposting ORDER BY id LIMIT 1");

  g_assert_nonnull (id);
  change_row (fixture, "signposting", id, "signposted_on", "'2020-01-01'");
}

/* Issue 21: the area outside the catchment made the team's own in the
 * catchment areas table, so referrals from it would pass the eligibility
 * check with no revision saying so. */
static void
test_catchment_membership (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM catchment_area WHERE membership = 'outside' "
                                        "ORDER BY id LIMIT 1");

  g_assert_nonnull (id);
  change_row (fixture, "catchment_area", id, "membership", "'own'");
}

/* An area's name changed under the referrals that show it. */
static void
test_catchment_renamed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM catchment_area WHERE code = 'norfolk'");

  g_assert_nonnull (id);
  change_row (fixture, "catchment_area", id, "name", "'Essex'");
}

/* A note planted in the notes list under the id of a record that is no
 * note (so every reference in the file still resolves). */
static void
test_row_without_revision (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *patient = query (fixture, "SELECT id FROM patient ORDER BY id LIMIT 1");
  g_autofree char *other = query (fixture, "SELECT id FROM record WHERE kind = 'contact' ORDER BY id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO note (id, patient_id, written_at, title, body, state) "
                                          "VALUES ('%s', '%s', '2026-01-01T00:00:00Z', 'Planted', "
                                          "'Never written', 'active')", other, patient);
  g_autofree char *where = g_strdup_printf ("table note, record %s", other);
  const char *fragments[] = { where, "no record of its kind behind it", NULL };

  kes_history_test_tamper (fixture->path, sql, TRUE);
  assert_found (fixture, KES_VERIFY_PROJECTIONS, fragments);
}

/* ---- The staff directory ---- */

/* A member of staff who wrote history (the demo clinician). */
static char *
author_id (Fixture *fixture)
{
  return query (fixture, "SELECT id FROM staff WHERE username = 'demo.clinician'");
}

/* Renamed: every revision they wrote now reads as someone else's. */
static void
test_staff_renamed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = author_id (fixture);

  change_row (fixture, "staff", id, "display_name", "'Dr Someone Else'");
}

/* Given the administrator's role, and a clinician's roles taken away. */
static void
test_staff_roles (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = author_id (fixture);

  change_row (fixture, "staff", id, "roles", "'clinician administrator'");
}

static void
test_staff_roles_cleared (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM staff WHERE username = 'demo.manager'");

  change_row (fixture, "staff", id, "roles", "''");
}

/* A password hash cleared (so the account waits for a one-time password),
 * and another replaced by a hash of a password the attacker knows (here
 * the tester's own), which would let them sign in as that person. */
static void
test_password_hash_cleared (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *id = author_id (fixture);

  change_row (fixture, "staff", id, "password_hash", "NULL");
}

static void
test_password_hash_replaced (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *id = query (fixture, "SELECT id FROM staff WHERE username = 'demo.admin'");

  change_row (fixture, "staff", id, "password_hash",
              "(SELECT password_hash FROM staff WHERE username = 'tester')");
}

/* Marked an author recorded elsewhere (issue 17): everything they wrote
 * here would read as brought in with an imported file, and no
 * administrator could change their account any more. */
static void
test_staff_marked_recorded_elsewhere (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *id = author_id (fixture);

  change_row (fixture, "staff", id, "recorded_elsewhere", "'a case record exported on 2026-01-01T00:00:00Z'");
}

/* Renamed in the directory and in the staff record's latest revision too:
 * the revision no longer matches the hash its entry recorded. */
static void
test_staff_renamed_with_history (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *id = author_id (fixture);
  g_autofree char *latest = query (fixture, "SELECT revision FROM record WHERE id = '%s'", id);
  g_autofree char *sql = g_strdup_printf (
    "UPDATE staff SET display_name = 'Dr Someone Else' WHERE id = '%s'; "
    "UPDATE revision SET data = json_set (data, '$.display_name', 'Dr Someone Else') "
    "WHERE record_id = '%s' AND revision = %s", id, id, latest);
  g_autofree char *where = g_strdup_printf ("record %s revision %s, column data", id, latest);
  const char *fragments[] = { where, NULL };

  kes_history_test_tamper (fixture->path, sql, TRUE);
  assert_found (fixture, KES_VERIFY_REVISIONS, fragments);
}

/* Signing in to @username with @password is refused as changed outside
 * Kestrel, and logged. */
static void
assert_sign_in_refused (KesStore   *store,
                        const char *username,
                        const char *password)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  const char *says[] = { "changed outside Kestrel", NULL };

  staff = kes_store_sign_in (store, username, password, &error);
  g_assert_null (staff);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  kes_history_test_assert_says (error->message, says);
}

/* What the file's attacker put in is never acted on, before anyone has run
 * `verify`: a password hash they know the password of, an administrator's
 * role, an account of their own; and an administrator's change to a changed
 * account is refused rather than making it history. */
static void
test_tampered_accounts_not_acted_on (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *clinician = query (fixture, "SELECT id FROM staff WHERE username = 'demo.clinician'");
  g_autofree char *sql = g_strdup_printf (
    "UPDATE staff SET password_hash = (SELECT password_hash FROM staff WHERE username = 'tester') "
    "WHERE username = 'demo.admin'; "
    "UPDATE staff SET roles = 'clinician administrator' WHERE username = 'demo.clinician'; "
    "INSERT INTO staff (id, username, display_name, created_at, roles, password_hash) "
    "SELECT 'planted-account', 'planted', 'Planted', created_at, 'administrator', password_hash "
    "FROM staff WHERE username = 'tester'");
  const char *roles[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) tester = NULL;
  g_autofree char *revision = NULL;

  kes_history_test_tamper (fixture->path, sql, TRUE);
  store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  assert_sign_in_refused (store, "demo.admin", KES_TEST_PASSWORD);
  assert_sign_in_refused (store, "demo.clinician", "amber-otter-lantern");
  assert_sign_in_refused (store, "planted", KES_TEST_PASSWORD);

  /* An untouched account signs in as ever, but may not change a changed one. */
  tester = kes_store_sign_in (store, "tester", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  revision = query (fixture, "SELECT revision FROM staff WHERE id = '%s'", clinician);
  g_assert_false (kes_store_set_staff_roles (store, clinician, g_ascii_strtoll (revision, NULL, 10), roles, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
}

/* `verify` rebuilds the display tables a chunk of records at a time
 * (10,000 by default), and a record's rows may be read from records in
 * another chunk: a patient's legal status comes from their legal status
 * record. On main before 440c107 an untouched file over 10,000 records was
 * reported changed (patient.legal_status). Here chunks of 1, 7 and 64
 * records cross every boundary a large file has on the 30-patient template:
 * untouched, every chunk size finds nothing and checks as many rows as the
 * default; a legal status changed in the patient table alone is still found. */
static KesVerifyReport *
verify_in_chunks (const char *path,
                  guint       chunk)
{
  g_autoptr(KesStore) store = kes_history_test_open (path);

  kes_store_set_verify_chunk (store, chunk);
  return kes_history_test_verify (store, NULL);
}

static void
test_small_chunks (Fixture       *fixture,
                   gconstpointer  data)
{
  static const guint chunks[] = { 1, 7, 64 };
  g_autoptr(KesVerifyReport) whole = verify_in_chunks (fixture->path, 0);
  guint64 rows = kes_verify_report_get_checked (whole, KES_VERIFY_PROJECTIONS);
  g_autofree char *records = query (fixture, "SELECT count (*) FROM record");
  g_autofree char *patient = query (fixture, "SELECT m.patient_id FROM moj_record m JOIN record r ON r.id = m.id "
                                             "AND r.state = 'active' WHERE m.kind = 'legal-status' "
                                             "ORDER BY m.id DESC LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *where = NULL;

  g_assert_true (kes_verify_report_is_intact (whole));
  /* Chunks of 64 make more than one chunk of this file. */
  g_assert_cmpint (g_ascii_strtoll (records, NULL, 10), >, 64 * 3);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(KesVerifyReport) report = verify_in_chunks (fixture->path, chunks[i]);

      if (!kes_verify_report_is_intact (report))
        g_error ("chunks of %u: %s", chunks[i], kes_verify_report_get_first (report, KES_VERIFY_PROJECTIONS));
      g_assert_cmpuint (kes_verify_report_get_checked (report, KES_VERIFY_PROJECTIONS), ==, rows);
    }

  g_assert_nonnull (patient);
  sql = g_strdup_printf ("UPDATE patient SET legal_status = 'Informal' WHERE id = '%s'", patient);
  kes_history_test_tamper (fixture->path, sql, TRUE);
  where = g_strdup_printf ("table patient, record %s, column legal_status", patient);
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autoptr(KesVerifyReport) report = verify_in_chunks (fixture->path, chunks[i]);
      const char *fragments[] = { where, NULL };

      kes_history_test_assert_found (report, KES_VERIFY_PROJECTIONS, fragments);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/tamper/" name, Fixture, NULL, kes_history_fixture_set_up, func, \
              kes_history_fixture_tear_down)
  ADD ("control", test_control);
  ADD ("tail-truncated-by-one", test_tail_truncated_by_one);
  ADD ("tail-truncated-by-twelve", test_tail_truncated_by_twelve);
  ADD ("revision-author", test_revision_author);
  ADD ("revision-time", test_revision_time);
  ADD ("revision-reason", test_revision_reason);
  ADD ("revision-change-kind", test_revision_change_kind);
  ADD ("note-hidden", test_note_hidden);
  ADD ("note-text", test_note_text);
  ADD ("nhs-number", test_nhs_number);
  ADD ("patient-moved-team", test_patient_moved_team);
  ADD ("neutrophils", test_neutrophils);
  ADD ("onward-referral-service", test_onward_referral_service);
  ADD ("signposting-date", test_signposting_date);
  ADD ("catchment-membership", test_catchment_membership);
  ADD ("catchment-renamed", test_catchment_renamed);
  ADD ("incident-rewritten", test_incident_rewritten);
  ADD ("row-without-revision", test_row_without_revision);
  ADD ("crisis-plan-review-date", test_crisis_plan_review_date);
  ADD ("staff-renamed", test_staff_renamed);
  ADD ("staff-renamed-with-history", test_staff_renamed_with_history);
  ADD ("staff-roles", test_staff_roles);
  ADD ("staff-roles-cleared", test_staff_roles_cleared);
  ADD ("password-hash-cleared", test_password_hash_cleared);
  ADD ("password-hash-replaced", test_password_hash_replaced);
  ADD ("staff-marked-recorded-elsewhere", test_staff_marked_recorded_elsewhere);
  ADD ("tampered-accounts-not-acted-on", test_tampered_accounts_not_acted_on);
  ADD ("small-chunks", test_small_chunks);
#undef ADD

  status = g_test_run ();
  kes_history_test_forget_template ();
  return status;
}
