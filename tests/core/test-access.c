/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-store-whole-db.h"
#include "kes-test-accounts.h"
#include "kes-verify.h"

/* The access log, accounts and permissions. */

typedef struct
{
  char      *dir;
  char      *path;
  KesStore  *store;
  KesStaff  *alice;  /* North */
  KesStaff  *bob;    /* South */
  gint64     setup_seq; /* the last access-log entry of setting the accounts up */
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL, KES_TEST_ALL_ROLES);
  fixture->bob = kes_test_account_titled (fixture->store, "bob", "Bob Barker", "Social worker", "South", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->alice);
  {
    g_autoptr(GListModel) entries = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
    g_autoptr(KesAuditEntry) last = g_list_model_get_item (entries, g_list_model_get_n_items (entries) - 1);

    fixture->setup_seq = kes_audit_entry_get_seq (last) + 1; /* reading it is logged too */
  }
}

/* The log since the accounts were set up, oldest first. */
static GListModel *
entries_since_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
  GListStore *since = g_list_store_new (KES_TYPE_AUDIT_ENTRY);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (all, i);

      if (kes_audit_entry_get_seq (entry) > fixture->setup_seq)
        g_list_store_append (since, entry);
    }
  return G_LIST_MODEL (since);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->bob);
  g_clear_object (&fixture->store);
  kes_core_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  kes_clock_set_fixed (NULL);
}

static KesPatient *
create_patient (Fixture    *fixture,
                const char *family,
                const char *team)
{
  g_autoptr(GError) error = NULL;
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, team);
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return patient;
}

static KesNote *
add_note (Fixture    *fixture,
          KesPatient *patient,
          const char *body)
{
  g_autoptr(GError) error = NULL;
  KesNote *note = kes_note_new ();

  kes_note_set_patient_id (note, kes_patient_get_id (patient));
  kes_note_set_title (note, "Home visit");
  kes_note_set_body (note, body);
  g_assert_true (kes_store_save_note (fixture->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return note;
}

static void
set_roles (Fixture    *fixture,
           KesStaff   *staff,
           const char *roles)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = kes_roles_parse (roles);

  g_assert_true ((kes_test_set_role_list (fixture->store, staff, (const char * const *) list), TRUE));
  g_assert_no_error (error);
}

/* Runs SQL on the database file behind the store's back, as an attacker with
 * the file and the sqlite3 tool would. */
static void
tamper (Fixture    *fixture,
        const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s", message);
  sqlite3_close (db);
}

/* The first problem `verify` finds beyond the append-only rules (which
 * these tests drop to tamper, as the sqlite3 shell would). */
static char *
first_problem (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesVerifyReport) report = kes_store_verify_parts (fixture->store,
                                                              KES_VERIFY_ALL & ~KES_VERIFY_PART_GUARDS,
                                                              NULL, NULL, NULL, NULL, &error);
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_no_error (error);
  problems = kes_verify_report_list_problems (report);
  return problems->len > 0 ? g_strdup (problems->pdata[0]) : NULL;
}

static guint
count_action (GListModel *entries,
              const char *action)
{
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);
      if (g_str_equal (kes_audit_entry_get_action (entry), action))
        count++;
    }
  return count;
}

static void
test_log_records_access (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesPatient) other = create_patient (fixture, "Dunnock", "North");
  g_autoptr(KesNote) note = add_note (fixture, patient, "Discussed the zanzibar plan at length");
  g_autoptr(KesPatient) loaded = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  kes_patient_set_text (patient, KES_PATIENT_PHONE, "01603 000111");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_EDIT, NULL, &error));
  loaded = kes_store_load_patient (fixture->store, kes_patient_get_id (patient), &error);
  g_assert_no_error (error);
  notes = kes_store_list_notes (fixture->store, kes_patient_get_id (patient), FALSE, &error);
  contacts = kes_store_list_contacts (fixture->store, kes_patient_get_id (patient), FALSE, &error);
  hits = kes_store_search_notes (fixture->store, "zanzibar", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);

  entries = entries_since_setup (fixture);
  g_assert_cmpuint (count_action (entries, KES_AUDIT_CREATE), ==, 3);
  g_assert_cmpuint (count_action (entries, KES_AUDIT_CHANGE), ==, 1);
  g_assert_cmpuint (count_action (entries, KES_AUDIT_VIEW), ==, 3);
  g_assert_cmpuint (count_action (entries, KES_AUDIT_SEARCH), ==, 1);

  /* Who and what, never clinical content or the words searched for. */
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      /* The seal that keys a new database's log is the system's own, and
       * so is the staff directory's first history, written before anyone
       * signed in. */
      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_SEAL) ||
          g_str_equal (kes_audit_entry_get_summary (entry), "staff"))
        continue;
      g_assert_cmpstr (kes_audit_entry_get_actor_name (entry), ==, "Alice Adeyemi");
      g_assert_null (strstr (kes_audit_entry_get_summary (entry), "zanzibar"));
      g_assert_null (strstr (kes_audit_entry_get_summary (entry), "01603"));
      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_SEARCH))
        g_assert_cmpstr (kes_audit_entry_get_summary (entry), ==, "1 hits");
    }

  /* One patient's access log leaves the other patient out. */
  mine = kes_store_list_audit (fixture->store, kes_patient_get_id (other), "2026-11-21", "2026-11-21", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);

  problem = first_problem (fixture);
  g_assert_null (problem);
}

static void
test_log_is_append_only (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesPatient) patient = create_patient (fixture, "Wagtail", "North");
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET summary = 'x'", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_cmpstr (message, ==, "the audit log is append-only");
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

static void
test_detects_altered_entry (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesPatient) two = create_patient (fixture, "Dunnock", "North");
  g_autoptr(KesPatient) seen = kes_store_load_patient (fixture->store, kes_patient_get_id (one), NULL);
  g_autofree char *problem = NULL;

  tamper (fixture, "DROP TRIGGER audit_no_update; UPDATE audit SET summary = 'nothing to see' WHERE seq = 3");
  problem = first_problem (fixture);
  g_assert_cmpstr (problem, ==, "Access log: entry 3 was altered after it was written, or hashed without the "
                   "installation key (first bad entry: 3)");
}

static void
test_detects_rehashed_entry (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesPatient) two = create_patient (fixture, "Dunnock", "North");
  g_autofree char *problem = NULL;

  /* Someone who rewrites an entry with a fresh hash still breaks the link to the next. */
  tamper (fixture, "DROP TRIGGER audit_no_update; "
                   "UPDATE audit SET hash = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' WHERE seq = 1");
  problem = first_problem (fixture);
  g_assert_cmpstr (problem, ==, "Access log: entry 1 was altered after it was written, or hashed without the "
                   "installation key (first bad entry: 1)");
}

static void
test_detects_deleted_entry (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesPatient) seen = kes_store_load_patient (fixture->store, kes_patient_get_id (one), NULL);
  g_autoptr(KesPatient) again = kes_store_load_patient (fixture->store, kes_patient_get_id (one), NULL);
  g_autofree char *problem = NULL;

  tamper (fixture, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2");
  problem = first_problem (fixture);
  g_assert_cmpstr (problem, ==, "Access log: entry 2 was removed (first bad entry: 2)");
}

static void
test_detects_edited_revision (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesNote) note = add_note (fixture, one, "Mental state settled");
  g_autofree char *problem = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;

  g_assert_null (first_problem (fixture));
  sql = g_strdup_printf ("DROP TRIGGER revision_no_update; "
                         "UPDATE revision SET data = json_set (data, '$.body', 'Mental state unsettled') "
                         "WHERE record_id = '%s'", kes_note_get_id (note));
  tamper (fixture, sql);
  problem = first_problem (fixture);
  expected = g_strdup_printf ("Revisions: table revision, record %s revision 1, column data: differs "
                              "from what was written (access log entry %" G_GINT64_FORMAT ")",
                              kes_note_get_id (note), fixture->setup_seq + 2);
  g_assert_cmpstr (problem, ==, expected);
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown_error = NULL;
  g_autoptr(GError) locked_error = NULL;
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GListModel) entries = NULL;
  guint failures_before;

  entries = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
  failures_before = count_action (entries, KES_AUDIT_SIGN_IN_FAILED);
  g_clear_object (&entries);

  signed_in = kes_store_sign_in (fixture->store, "bob", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_id (signed_in), ==, kes_staff_get_id (fixture->bob));
  g_assert_cmpstr (kes_staff_get_id (kes_store_get_actor (fixture->store)), ==, kes_staff_get_id (fixture->bob));
  g_clear_object (&signed_in);

  /* Wrong password, unknown name, no name: the same words, not saying which. */
  g_assert_null (kes_store_sign_in (fixture->store, "bob", "wrong horse battery", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (kes_store_sign_in (fixture->store, "nobody", KES_TEST_PASSWORD, &unknown_error));
  g_assert_error (unknown_error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, unknown_error->message);
  g_assert_null (kes_store_sign_in (fixture->store, "", "", &empty_error));
  g_assert_cmpstr (error->message, ==, empty_error->message);
  g_clear_error (&error);

  /* Five failures in a row lock the account for 30 s, right password or
   * not, and the locked account answers exactly as an unknown one does. */
  for (int i = 0; i < 4; i++)
    {
      g_assert_null (kes_store_sign_in (fixture->store, "bob", "wrong horse battery", &error));
      g_clear_error (&error);
    }
  g_assert_null (kes_store_sign_in (fixture->store, "bob", KES_TEST_PASSWORD, &locked_error));
  g_assert_error (locked_error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (locked_error->message, ==, unknown_error->message);
  /* Tries during the lock don't lengthen it. */
  for (int i = 0; i < 3; i++)
    g_assert_null (kes_store_sign_in (fixture->store, "bob", "wrong horse battery", NULL));
  kes_store_set_actor (fixture->store, fixture->alice);
  account = kes_store_load_account (fixture->store, "bob", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_account_get_locked_until (account), ==, "2026-11-21T09:00:30Z");
  g_clear_object (&account);

  /* Once the lock runs out, the next failure locks it for twice as long:
   * 30 s, then 60 s. */
  set_now ("2026-11-21T09:00:31Z");
  g_assert_null (kes_store_sign_in (fixture->store, "bob", "wrong horse battery", NULL));
  g_assert_null (kes_store_sign_in (fixture->store, "bob", KES_TEST_PASSWORD, NULL));
  kes_store_set_actor (fixture->store, fixture->alice);
  account = kes_store_load_account (fixture->store, "bob", &error);
  g_assert_cmpstr (kes_account_get_locked_until (account), ==, "2026-11-21T09:01:31Z");

  /* An administrator lifts it at once. */
  g_assert_true (kes_store_unlock_account (fixture->store, kes_staff_get_id (fixture->bob),
                                           kes_account_get_revision (account), &error));
  g_assert_no_error (error);
  g_clear_object (&account);
  signed_in = kes_store_sign_in (fixture->store, "bob", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_clear_object (&signed_in);

  /* Disabled: refused even with the right password. */
  kes_store_set_actor (fixture->store, fixture->alice);
  account = kes_store_load_account (fixture->store, "bob", &error);
  g_assert_true (kes_store_disable_staff (fixture->store, kes_staff_get_id (fixture->bob),
                                          kes_account_get_revision (account), &error));
  g_assert_no_error (error);
  g_assert_null (kes_store_sign_in (fixture->store, "bob", KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "disabled"));
  g_clear_error (&error);

  /* Every failure is in the log, never with what was typed. */
  kes_store_set_actor (fixture->store, fixture->alice);
  entries = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_action (entries, KES_AUDIT_SIGN_IN_FAILED) - failures_before, ==, 1 + 1 + 1 + 4 + 1 + 3 + 2 + 1);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      g_assert_null (strstr (kes_audit_entry_get_summary (entry), "horse"));
      g_assert_null (strstr (kes_audit_entry_get_summary (entry), "nobody"));
    }
  g_assert_null (first_problem (fixture));
}

/* An import reads the importer's account once for its transaction
 * (kes_store_hold_actor); once the transaction ends, an account disabled
 * from another connection is refused again at the next check. */
static void
test_held_account_ends_with_transaction (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) other = kes_store_open (fixture->path, &error);
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GListModel) entries = NULL;

  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->bob);
  g_assert_true (kes_store_begin (fixture->store, &error));
  g_assert_true (kes_store_hold_actor (fixture->store, &error));
  g_assert_no_error (error);
  entries = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&entries);
  g_assert_true (kes_store_commit (fixture->store, &error));

  kes_store_set_actor (other, fixture->alice);
  account = kes_store_load_account (other, "bob", &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_disable_staff (other, kes_staff_get_id (fixture->bob),
                                          kes_account_get_revision (account), &error));
  g_assert_no_error (error);

  entries = kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

static void
test_permission_matrix (void)
{
  const char *carers[] = { KES_ROLE_CARERS_LIAISON, NULL };
  const char *both[] = { KES_ROLE_CARERS_LIAISON, KES_ROLE_CLINICIAN, NULL };
  const char *none[] = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_permission_check (carers, KES_PERMISSION_VIEW_CLINICAL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Carers’ liaison staff can’t read clinical notes");
  g_clear_error (&error);
  g_assert_true (kes_permission_check (both, KES_PERMISSION_VIEW_CLINICAL, NULL));
  /* Deny by default: no roles, no permission. */
  g_assert_false (kes_permission_check (none, KES_PERMISSION_VIEW_IDENTITY, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (kes_role_grants (KES_ROLE_ADMINISTRATOR, KES_PERMISSION_MANAGE_STAFF));
  g_assert_false (kes_role_grants (KES_ROLE_ADMINISTRATOR, KES_PERMISSION_VIEW_CLINICAL));
  g_assert_false (kes_role_grants (KES_ROLE_TEAM_MANAGER, KES_PERMISSION_EDIT_CLINICAL));
  g_assert_true (kes_role_grants (KES_ROLE_TEAM_MANAGER, KES_PERMISSION_VIEW_AUDIT));
  g_assert_false (kes_role_grants (KES_ROLE_CLINICIAN, KES_PERMISSION_VIEW_AUDIT));
  g_assert_null (kes_roles_join ((const char *[]) { "wizard", NULL }, NULL));
}

static void
test_roles_enforced (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesPatient) north = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesPatient) south = create_patient (fixture, "Dunnock", "South");
  g_autoptr(KesNote) note = NULL;
  g_autoptr(KesStaff) carol = kes_test_account_titled (fixture->store, "carol", "Carol Carer", "", "North", NULL, KES_TEST_ALL_ROLES);
  g_autoptr(KesStaff) dan = kes_test_account_titled (fixture->store, "dan", "Dan Admin", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_autoptr(KesPatient) loaded = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(KesNote) refused = NULL;
  g_autoptr(GError) error = NULL;

  /* The South patient's note is written in the South team. */
  kes_store_set_actor (fixture->store, fixture->bob);
  note = add_note (fixture, south, "Seen at home");
  set_roles (fixture, carol, KES_ROLE_CARERS_LIAISON);
  set_roles (fixture, dan, KES_ROLE_ADMINISTRATOR);
  set_roles (fixture, fixture->alice, KES_ROLE_CLINICIAN);

  /* Carers' liaison: their team's register, not the notes; another team's
   * register entry is need-to-know too. */
  kes_store_set_actor (fixture->store, carol);
  loaded = kes_store_load_patient (fixture->store, kes_patient_get_id (north), &error);
  g_assert_no_error (error);
  g_assert_null (kes_store_load_patient (fixture->store, kes_patient_get_id (south), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "under the South team"));
  g_clear_error (&error);
  g_assert_null (kes_store_list_notes (fixture->store, kes_patient_get_id (north), FALSE, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Carers’ liaison staff can’t read clinical notes");
  g_clear_error (&error);
  g_assert_null (kes_store_search_notes (fixture->store, "home", 10, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_store_list_contacts (fixture->store, kes_patient_get_id (north), FALSE, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_store_list_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (kes_store_break_glass (fixture->store, kes_patient_get_id (south), "Crisis call", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Administrator: accounts and the log, no clinical writing. */
  kes_store_set_actor (fixture->store, dan);
  refused = kes_note_new ();
  kes_note_set_patient_id (refused, kes_patient_get_id (north));
  kes_note_set_body (refused, "Should not be saved");
  g_assert_false (kes_store_save_note (fixture->store, refused, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Administrators can’t write clinical notes or contacts");
  g_clear_error (&error);

  /* A North clinician: North's notes, South's only after break-glass with a reason. */
  kes_store_set_actor (fixture->store, fixture->alice);
  list = kes_store_list_notes (fixture->store, kes_patient_get_id (north), FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&list);
  g_assert_null (kes_store_list_notes (fixture->store, kes_patient_get_id (south), FALSE, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "under the South team"));
  g_clear_error (&error);
  hits = kes_store_search_notes (fixture->store, "home", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_false (kes_store_break_glass (fixture->store, kes_patient_get_id (south), "  ", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kes_store_break_glass (fixture->store, kes_patient_get_id (south),
                                        "Police called: patient missing", &error));
  g_assert_no_error (error);
  list = kes_store_list_notes (fixture->store, kes_patient_get_id (south), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  /* Managers (here the administrator) see the break-glass and its reason. */
  kes_store_set_actor (fixture->store, dan);
  list = kes_store_list_break_glass (fixture->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(KesAuditEntry) entry = g_list_model_get_item (list, 0);
    g_assert_cmpstr (kes_audit_entry_get_summary (entry), ==, "Police called: patient missing");
    g_assert_cmpstr (kes_audit_entry_get_actor_name (entry), ==, "Alice Adeyemi");
  }

  /* Staff without roles may do nothing at all. */
  set_roles (fixture, fixture->bob, NULL);
  kes_store_set_actor (fixture->store, fixture->bob);
  g_clear_object (&list);
  g_assert_null (kes_store_list_notes (fixture->store, kes_patient_get_id (north), FALSE, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  kes_store_set_actor (fixture->store, dan);
  g_assert_null (first_problem (fixture));
}

/* Every revision, as one string, read straight from a database file. */
static void
test_backup_restores_records (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autoptr(KesNote) note = add_note (fixture, one, "Mental state settled");
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(KesStore) restored = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  guint files = 0;

  path = kes_backup_create (fixture->store, folder, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kes_backup_is_encrypted (path, NULL));
  g_assert_true (kes_backup_restore (path, NULL, target, kes_staff_get_id (fixture->alice), &error));
  g_assert_no_error (error);

  before = kes_core_test_dump_revisions (fixture->path);
  after = kes_core_test_dump_revisions (target);
  g_assert_cmpstr (before, ==, after);
  restored = kes_store_open (target, &error);
  g_assert_no_error (error);
  kes_store_set_actor (restored, fixture->alice);
  problems = kes_store_verify (restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Never over an existing file. */
  g_assert_false (kes_backup_restore (path, NULL, target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  /* Keep 2: a third backup removes the oldest. */
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *more = kes_backup_create (fixture->store, folder, 2, NULL, &error);
      g_assert_no_error (error);
    }
  dir = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_backup_refuses_tampered (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  path = kes_backup_create (fixture->store, folder, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* Someone with the sqlite3 shell edits the backup: its checksum no longer
   * matches, and nothing is written. */
  g_assert_false (kes_backup_restore (path, NULL, target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_backup_encrypted (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KesPatient) one = create_patient (fixture, "Wagtail", "North");
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  path = kes_backup_create (fixture->store, folder, 0, "a long backup passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, KES_BACKUP_ENCRYPTED_SUFFIX));
  g_assert_true (kes_backup_is_encrypted (path, NULL));

  /* Nothing readable inside: no SQLite header, no patient's name. */
  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  for (gsize i = 0; i + 15 <= size; i++)
    {
      g_assert_false (memcmp (contents + i, "SQLite format 3", 15) == 0);
      g_assert_false (i + 7 <= size && g_ascii_strncasecmp (contents + i, "Wagtail", 7) == 0);
    }

  g_assert_false (kes_backup_restore (path, NULL, target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_backup_restore (path, "the wrong passphrase", target, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  g_assert_true (kes_backup_restore (path, "a long backup passphrase", target, NULL, &error));
  g_assert_no_error (error);
  before = kes_core_test_dump_revisions (fixture->path);
  after = kes_core_test_dump_revisions (target);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_needs_permission (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  set_roles (fixture, fixture->alice, KES_ROLE_CLINICIAN);
  path = kes_backup_create (fixture->store, folder, 0, NULL, &error);
  g_assert_null (path);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Clinicians can’t back up or restore the database");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/audit/records-access", test_log_records_access);
  ADD ("/audit/append-only", test_log_is_append_only);
  ADD ("/audit/detects-altered-entry", test_detects_altered_entry);
  ADD ("/audit/detects-rehashed-entry", test_detects_rehashed_entry);
  ADD ("/audit/detects-deleted-entry", test_detects_deleted_entry);
  ADD ("/audit/detects-edited-revision", test_detects_edited_revision);
  ADD ("/accounts/sign-in", test_sign_in);
  ADD ("/permissions/roles-enforced", test_roles_enforced);
  ADD ("/permissions/held-account-ends-with-transaction", test_held_account_ends_with_transaction);
  ADD ("/backup/restores-records", test_backup_restores_records);
  ADD ("/backup/refuses-tampered", test_backup_refuses_tampered);
  ADD ("/backup/encrypted", test_backup_encrypted);
  ADD ("/backup/needs-permission", test_backup_needs_permission);
#undef ADD
  g_test_add_func ("/permissions/matrix", test_permission_matrix);

  return g_test_run ();
}
