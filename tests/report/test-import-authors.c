/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-authors"

/* Staff named in a case record are authors recorded elsewhere: never
 * accounts, never signing in, whatever the file calls them; a file can't
 * claim a person of this database under another name; and a record moves
 * between databases whatever the user names in each. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "kes-accounts.h"
#include "kes-error.h"
#include "kes-history-test-util.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-report-sar.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-test-dump.h"

#define IMPORTED_AT "2026-11-23T09:00:00Z"

static char *
source_xml (void)
{
  return kes_test_zoe_case_record (IMPORTED_AT);
}

static gboolean
import_text (KesStore    *store,
             const char  *xml,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(KesRecordArchive) archive = NULL;

  kes_test_set_now (IMPORTED_AT);
  archive = kes_record_archive_read_bytes (bytes, NULL, error);
  return archive != NULL
      && kes_record_import_archive (store, archive, KES_RECORD_IMPORT_DEFAULT, NULL, error);
}

/* The attribute value after @name=" in the first element @element. */
static char *
attribute_of (const char *xml,
              const char *element,
              const char *name)
{
  const char *at = strstr (xml, element);
  g_autofree char *pattern = g_strdup_printf (" %s=\"", name);
  const char *value;

  g_assert_nonnull (at);
  value = strstr (at, pattern);
  g_assert_nonnull (value);
  value += strlen (pattern);
  return g_strndup (value, strchr (value, '"') - value);
}

/* Runs @sql on the database file as the sqlite3 shell would: the return
 * code. */
static int
shell (KesTestStore *fixture,
       const char   *sql)
{
  g_autofree char *path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);

  return rc;
}

static gboolean
is_account (KesStore   *store,
            const char *staff_id)
{
  g_autoptr(GListModel) accounts = kes_store_list_accounts (store, NULL);

  g_assert_nonnull (accounts);
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(KesAccount) account = g_list_model_get_item (accounts, i);

      if (g_str_equal (kes_staff_get_id (kes_account_get_staff (account)), staff_id))
        return TRUE;
    }

  return FALSE;
}

/* Not among the people the forms, the caseload filter and the access log
 * offer (a care coordinator must be someone of this team). */
static void
assert_not_listed (KesStore   *store,
                   const char *staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) staff = kes_store_list_staff (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (staff), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr(KesStaff) member = g_list_model_get_item (staff, i);

      g_assert_cmpstr (kes_staff_get_id (member), !=, staff_id);
    }
}

static void
test_never_accounts (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *xml = source_xml ();
  g_autofree char *alice_id = attribute_of (xml, "<member ", "id");
  g_autofree char *tilde = g_strconcat ("~", alice_id, NULL);
  g_autofree char *update = NULL;
  g_autoptr(KesStaff) author = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (target->store, xml, &error));
  g_assert_no_error (error);

  /* In the directory under the name the file gives, not an account. */
  author = kes_store_find_staff (target->store, alice_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_display_name (author), ==, "Alice Adeyemi");
  g_assert_cmpstr (kes_staff_get_username (author), ==, "alice");
  admin = kes_test_admin (target->store);
  kes_store_set_actor (target->store, admin);
  g_assert_false (is_account (target->store, alice_id));
  assert_not_listed (target->store, alice_id);

  /* Signing in under the file's user name or the key here fails. */
  signed_in = kes_store_sign_in (target->store, "alice", KES_TEST_PASSWORD, &error);
  g_assert_null (signed_in);
  g_clear_error (&error);
  signed_in = kes_store_sign_in (target->store, tilde, "", &error);
  g_assert_null (signed_in);
  g_clear_error (&error);
  kes_store_set_actor (target->store, admin);

  /* An administrator can't make them an account. */
  before = kes_test_dump_without_audit (target);
  g_assert_false (kes_store_reset_password (target->store, alice_id, 1, "new-secret-pass-1234",
                                            &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "not an account here"));
  g_clear_error (&error);

  /* Nor can someone with the file and the sqlite3 shell. */
  update = g_strdup_printf ("UPDATE staff SET roles = 'administrator' WHERE id = '%s'", alice_id);
  g_assert_cmpint (shell (target, update), ==, SQLITE_CONSTRAINT);
  g_free (update);
  update = g_strdup_printf ("UPDATE staff SET recorded_elsewhere = NULL WHERE id = '%s'", alice_id);
  g_assert_cmpint (shell (target, update), ==, SQLITE_CONSTRAINT);
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

/* A look-alike of an account here (a zero-width space in "test.admin")
 * and a user name that is taken here both come in as authors only. */
static void
test_look_alike_and_taken_names (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *original = source_xml ();
  g_auto(GStrv) parts = g_strsplit (original, "username=\"bob\"", -1);
  g_autofree char *xml = NULL;
  g_autofree char *bob_id = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) alice = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  alice = kes_test_account (target->store, "alice", "Alice Here", "North", "clinician");
  xml = g_strjoinv ("username=\"test.\xe2\x80\x8b" "admin\"", parts);
  g_assert_true (import_text (target->store, xml, &error));
  g_assert_no_error (error);

  /* The look-alike is an author only. */
  bob_id = attribute_of (strstr (xml, "<member ") + 1, "<member ", "id"); /* the second member */
  admin = kes_test_admin (target->store);
  kes_store_set_actor (target->store, admin);
  g_assert_false (is_account (target->store, bob_id));

  /* The local alice is still the one who signs in as alice. */
  signed_in = kes_store_sign_in (target->store, "alice", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_id (signed_in), ==, kes_staff_get_id (alice));
}

/* A file claiming an id of this database under another user name. */
static void
test_claims_local_id (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *original = source_xml ();
  g_autofree char *alice_id = attribute_of (original, "<member ", "id");
  g_auto(GStrv) parts = g_strsplit (original, alice_id, -1);
  g_autofree char *xml = g_strjoinv (kes_staff_get_id (target->importer), parts);
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (import_text (target->store, xml, &error));
  kes_test_assert_plain_refusal (error, "check where the file came from");
  g_assert_nonnull (strstr (error->message, "Ida Importer"));
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

/* Every space, tab and line break run as one space. */
static char *
collapse_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* History and the subject access PDF say where an imported revision was
 * written and who brought it here; the revision keeps its author. */
static void
test_provenance_shown (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *xml = source_xml ();
  g_autofree char *patient_id = attribute_of (xml, "<patient ", "id");
  g_autofree char *folder = g_build_filename (target->dir, "sar", NULL);
  g_autofree char *pdf = g_build_filename (folder, "subject-access.pdf", NULL);
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *provenance = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (import_text (target->store, xml, &error));
  g_assert_no_error (error);

  history = kes_store_list_history (target->store, patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_revision_get_author_name (g_ptr_array_index (history, 0)), ==,
                   "Alice Adeyemi");
  provenance = kes_revision_dup_provenance (g_ptr_array_index (history, 0));
  g_assert_cmpstr (provenance, ==, "Recorded by Alice Adeyemi at 21 Nov 2026 09:00 in a case "
                                   "record exported on 23 Nov 2026 09:00, imported by Ida "
                                   "Importer on 23 Nov 2026 09:00");

  /* No third-party decisions: the authors are staff, not third parties. */
  g_assert_true (kes_report_subject_access_export (target->store, patient_id, folder, NULL, NULL,
                                                   &error));
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  flat = collapse_space (text);
  g_assert_nonnull (strstr (flat, "Recorded by Alice Adeyemi"));
  g_assert_nonnull (strstr (flat, "imported by Ida Importer"));
}

/* An author recorded elsewhere is a staff record with a history like any
 * member of staff (issue 18): the import leaves a file `verify` finds
 * intact, the staff revision says where they came from and who they were
 * there, and what is changed behind Kestrel's back is named: the author
 * made an account with the sqlite3 shell (never acted on either), a
 * provenance row for no revision, provenance's append-only rule dropped,
 * provenance put on a revision that was never imported. */
static void
test_history_verified (void)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autofree char *path = g_build_filename (target->dir, "kestrel.db", NULL);
  g_autofree char *xml = source_xml ();
  g_autofree char *alice_id = attribute_of (xml, "<member ", "id");
  g_autofree char *tilde = g_strconcat ("~", alice_id, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *held = NULL;
  g_autofree char *recorded = NULL;
  g_autofree char *where = NULL;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  const char *orphan[] = { "table revision_import has a reference to a row of revision that does not exist",
                           NULL };
  const char *rule[] = { "revision_import_no_delete", NULL };

  g_assert_true (import_text (target->store, xml, &error));
  g_assert_no_error (error);
  admin = kes_test_admin (target->store);
  kes_store_set_actor (target->store, admin);
  report = kes_history_test_verify (target->store, NULL);
  g_assert_true (kes_verify_report_is_intact (report));

  /* The author's one revision holds the columns an author from elsewhere has. */
  sql = g_strdup_printf ("SELECT count (*) || ' ' || json_extract (data, '$.source_username') || ' ' || "
                         "(json_extract (data, '$.recorded_elsewhere') = s.recorded_elsewhere) "
                         "FROM revision v JOIN staff s ON s.id = v.record_id WHERE v.record_id = '%s'",
                         alice_id);
  held = kes_history_test_query (path, sql);
  g_assert_cmpstr (held, ==, "1 alice 1");

  /* Made an account with the shell: the rule against it dropped, a
   * password (the administrator's) and roles given. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DROP TRIGGER staff_elsewhere_never_signs_in_update; "
                         "UPDATE staff SET recorded_elsewhere = NULL, source_username = NULL, "
                         "roles = 'administrator', password_hash = "
                         "(SELECT password_hash FROM staff WHERE id = '%s') WHERE id = '%s'",
                         kes_staff_get_id (admin), alice_id);
  g_assert_cmpint (shell (target, sql), ==, SQLITE_OK);
  signed_in = kes_store_sign_in (target->store, tilde, KES_TEST_PASSWORD, &error);
  g_assert_null (signed_in);
  g_assert_error (error, KES_ERROR, KES_ERROR_CORRUPT);
  g_clear_error (&error);
  kes_store_set_actor (target->store, admin);
  g_clear_pointer (&report, kes_verify_report_free);
  report = kes_history_test_verify (target->store, NULL);
  where = g_strdup_printf ("table staff, record %s, column roles, password_hash, recorded_elsewhere, "
                           "source_username", alice_id);
  kes_history_test_assert_found (report, KES_VERIFY_PROJECTIONS, (const char *[]) { where, NULL });

  /* Provenance for a revision that was never written, and its rule gone. */
  recorded = kes_history_test_query (path, "SELECT source FROM patient_import LIMIT 1");
  g_assert_nonnull (recorded);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO revision_import VALUES ('no-such-record', 1, '%s', '%s', '%s'); "
                         "DROP TRIGGER revision_import_no_delete",
                         kes_staff_get_id (admin), IMPORTED_AT, recorded);
  g_assert_cmpint (shell (target, sql), ==, SQLITE_OK);
  g_clear_pointer (&report, kes_verify_report_free);
  report = kes_history_test_verify (target->store, NULL);
  kes_history_test_assert_found (report, KES_VERIFY_FILE, orphan);
  kes_history_test_assert_found (report, KES_VERIFY_GUARDS, rule);

  /* Provenance put on a revision written here (the administrator's first),
   * naming the author from the file as the one who imported it. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO revision_import VALUES ('%s', 1, '%s', '%s', '%s')",
                         kes_staff_get_id (admin), alice_id, IMPORTED_AT, recorded);
  g_assert_cmpint (shell (target, sql), ==, SQLITE_OK);
  g_clear_pointer (&report, kes_verify_report_free);
  g_clear_pointer (&where, g_free);
  report = kes_history_test_verify (target->store, NULL);
  where = g_strdup_printf ("table revision_import, record %s: revision 1: its access-log entry does not record "
                           "it imported by", kes_staff_get_id (admin));
  kes_history_test_assert_found (report, KES_VERIFY_RECORDS, (const char *[]) { where, NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-authors/never-accounts", test_never_accounts);
  g_test_add_func ("/import-authors/look-alike-and-taken-names", test_look_alike_and_taken_names);
  g_test_add_func ("/import-authors/claims-local-id", test_claims_local_id);
  g_test_add_func ("/import-authors/provenance-shown", test_provenance_shown);
  g_test_add_func ("/import-authors/history-verified", test_history_verified);

  return g_test_run ();
}
