/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-demo.h"
#include "kes-history-hash.h"
#include "kes-history-test-util.h"
#include "kes-records.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-test-accounts.h"

static char *template_path;
static char *note_id;
static char *contact_id;
/* Who works in the template and its copies: every role, no team. */
static KesStaff *template_tester;

static void
save_corrections (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kes_store_load_caseload_rows (store, &error);
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(KesNote) note = NULL;
  g_autoptr(KesContact) contact = NULL;
  g_autoptr(KesPatient) first = NULL;
  g_autofree char *nhs = NULL;

  g_assert_no_error (error);
  /* Any patient with a note and a contact: the first by NHS number. */
  nhs = kes_history_test_query (template_path, "SELECT nhs_number FROM patient ORDER BY nhs_number LIMIT 1");
  first = kes_store_find_patient (store, nhs, &error);
  g_assert_no_error (error);
  notes = kes_store_list_notes (store, kes_patient_get_id (first), FALSE, &error);
  contacts = kes_store_list_contacts (store, kes_patient_get_id (first), FALSE, &error);
  g_assert_no_error (error);
  note = g_list_model_get_item (notes, 0);
  contact = g_list_model_get_item (contacts, 0);
  kes_note_set_body (note, "Seen at home on Tuesday; settled, taking medication.");
  g_assert_true (kes_store_save_note (store, note, KES_CHANGE_CORRECTION, "the day of the visit was wrong", &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_mark_entered_in_error (store, kes_contact_get_id (contact),
                                                  kes_contact_get_revision (contact),
                                                  "recorded against the wrong patient", &error));
  g_assert_no_error (error);
  note_id = g_strdup (kes_note_get_id (note));
  contact_id = g_strdup (kes_contact_get_id (contact));
}

static void
make_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kestrel-tamper-XXXXXX", &error);
  g_autofree char *backups = NULL;
  g_autofree char *anchors = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesBackupReport) backup = NULL;
  KesDemoOptions options = { 30, 2, 2, 1984 };

  g_assert_no_error (error);
  template_path = g_build_filename (dir, "template.db", NULL);
  anchors = g_build_filename (dir, "anchors", NULL);
  g_setenv ("KESTREL_ANCHOR_FILE", anchors, TRUE);
  backups = g_build_filename (dir, "backups", NULL);
  store = kes_store_open (template_path, &error);
  g_assert_no_error (error);
  /* The demo fills a new file as its own system operation; then someone
   * with every role and no team (so every patient) works in it. */
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  template_tester = kes_test_account (store, "tester", "Tess Tester", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, template_tester);
  save_corrections (store);
  backup = kes_backup_create_full (store, backups, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* A few views after the backup, then the close's anchor. */
  g_assert_true (kes_store_audit (store, "view", NULL, NULL, "caseload", &error));
  g_assert_true (kes_store_anchor (store, "close", FALSE, &error));
  g_assert_no_error (error);
}

const char *
kes_history_test_template (void)
{
  if (template_path == NULL)
    make_template ();
  return template_path;
}

const char *
kes_history_test_note_id (void)
{
  kes_history_test_template ();
  return note_id;
}

const char *
kes_history_test_contact_id (void)
{
  kes_history_test_template ();
  return contact_id;
}

static void
copy_file (const char *from_path,
           const char *to_path)
{
  g_autoptr(GFile) from = g_file_new_for_path (from_path);
  g_autoptr(GFile) to = g_file_new_for_path (to_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

char *
kes_history_test_copy (const char *dir,
                       const char *name)
{
  g_autofree char *template_dir = g_path_get_dirname (kes_history_test_template ());
  g_autofree char *template_anchors = g_build_filename (template_dir, "anchors", NULL);
  g_autofree char *anchors = g_build_filename (dir, "anchors", NULL);
  char *path = g_build_filename (dir, name, NULL);

  /* The template is closed: a plain copy of a file no connection holds.
   * Its anchor file goes with it, so each copy's anchors are its own. */
  copy_file (template_path, path);
  copy_file (template_anchors, anchors);
  g_setenv ("KESTREL_ANCHOR_FILE", anchors, TRUE);
  return path;
}

void
kes_history_test_remove_folder (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        kes_history_test_remove_folder (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
kes_history_test_forget_template (void)
{
  g_autofree char *dir = NULL;

  if (template_path == NULL)
    return;
  dir = g_path_get_dirname (template_path);
  kes_history_test_remove_folder (dir);
  g_clear_pointer (&template_path, g_free);
  g_clear_pointer (&note_id, g_free);
  g_clear_pointer (&contact_id, g_free);
}

void
kes_history_fixture_set_up (KesHistoryFixture *fixture,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  kes_history_test_template ();
  fixture->dir = g_dir_make_tmp ("kestrel-history-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = kes_history_test_copy (fixture->dir, "copy.db");
}

void
kes_history_fixture_tear_down (KesHistoryFixture *fixture,
                               gconstpointer      data)
{
  kes_history_test_remove_folder (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

char *
kes_history_fixture_query (KesHistoryFixture *fixture,
                           const char        *format,
                           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return kes_history_test_query (fixture->path, sql);
}

KesInstallationKey *
kes_history_test_other_key (const char *dir,
                            const char *name)
{
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *own = g_strdup (g_getenv ("KESTREL_KEY_DIR"));
  g_autoptr(GError) error = NULL;
  KesInstallationKey *key;

  g_setenv ("KESTREL_KEY_DIR", folder, TRUE);
  key = kes_installation_key_get_own (&error);
  g_assert_no_error (error);
  g_setenv ("KESTREL_KEY_DIR", own, TRUE);
  return key;
}

static void
exec_or_fail (sqlite3    *db,
              const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s (%s)", message, sql);
}

void
kes_history_test_tamper (const char *path,
                         const char *sql,
                         gboolean    put_rules_back)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                                           "AND (name LIKE '%\\_no\\_update' ESCAPE '\\' "
                                           "OR name LIKE '%\\_no\\_delete' ESCAPE '\\')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (rules, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER %s", (char *) names->pdata[i]);
      exec_or_fail (db, drop);
    }
  exec_or_fail (db, sql);
  for (guint i = 0; put_rules_back && i < rules->len; i++)
    {
      int exists = 0;

      /* Unless the tampering made one of that name itself. */
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_schema WHERE name = ?", -1, &stmt,
                                           NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, names->pdata[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        exists = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      if (!exists)
        exec_or_fail (db, rules->pdata[i]);
    }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

char *
kes_history_test_query (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static const char *
text_or_null (sqlite3_stmt *stmt,
              int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

void
kes_history_test_rehash (const char         *path,
                         KesInstallationKey *key,
                         gboolean            keep_key_ids,
                         gint64              last_seq)
{
  g_autofree char *copy = g_strdup_printf ("CREATE TEMP TABLE old AS SELECT * FROM audit WHERE %" G_GINT64_FORMAT
                                           " = 0 OR seq <= %" G_GINT64_FORMAT " ORDER BY seq; "
                                           "DELETE FROM audit WHERE seq IN (SELECT seq FROM temp.old)",
                                           last_seq, last_seq);
  g_autofree char *rules = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *read = NULL;
  sqlite3_stmt *write = NULL;
  char previous[KES_HASH_HEX_CHARS + 1];
  gint64 seq = 0;

  g_strlcpy (previous, "0000000000000000000000000000000000000000000000000000000000000000", sizeof previous);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* The rules on the log, as they are, to put back afterwards. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat (sql, '; ') FROM sqlite_schema "
                                           "WHERE type = 'trigger' AND tbl_name = 'audit'", -1, &read, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (read) == SQLITE_ROW && sqlite3_column_type (read, 0) != SQLITE_NULL)
    rules = g_strdup ((const char *) sqlite3_column_text (read, 0));
  sqlite3_finalize (read);
  exec_or_fail (db, "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete");
  exec_or_fail (db, copy);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT at, actor_id, action, record_id, patient_id, revision, data_hash, revision_hash, "
    "revision_author, revision_at, summary, key_id FROM temp.old ORDER BY seq", -1, &read, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO audit (seq, at, actor_id, action, record_id, patient_id, revision, data_hash, revision_hash, "
    "revision_author, revision_at, summary, key_id, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &write, NULL), ==, SQLITE_OK);
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      char hash[KES_HASH_HEX_CHARS + 1];
      const char *key_id = keep_key_ids ? text_or_null (read, 11)
                                        : key != NULL ? kes_installation_key_get_id (key) : NULL;
      KesAuditFields fields = {
        .seq = ++seq,
        .at = text_or_null (read, 0),
        .actor_id = text_or_null (read, 1),
        .action = text_or_null (read, 2),
        .record_id = text_or_null (read, 3),
        .patient_id = text_or_null (read, 4),
        .revision = sqlite3_column_int64 (read, 5),
        .data_hash = text_or_null (read, 6),
        .revision_hash = text_or_null (read, 7),
        .revision_author = text_or_null (read, 8),
        .revision_at = text_or_null (read, 9),
        .summary = text_or_null (read, 10),
        .key_id = key_id,
        .prev_hash = previous,
      };

      /* The unkeyed SHA-256 for entries that claim no key; otherwise the
       * attacker's key, whatever key id the entry names. */
      kes_audit_entry_hash (&fields, key_id != NULL ? key : NULL, hash);
      sqlite3_bind_int64 (write, 1, fields.seq);
      for (int c = 0; c < 11; c++)
        sqlite3_bind_value (write, 2 + c, sqlite3_column_value (read, c));
      if (key_id != NULL)
        sqlite3_bind_text (write, 13, key_id, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (write, 13);
      sqlite3_bind_text (write, 14, previous, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 15, hash, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (write), ==, SQLITE_DONE);
      sqlite3_reset (write);
      g_strlcpy (previous, hash, sizeof previous);
    }
  sqlite3_finalize (read);
  sqlite3_finalize (write);
  exec_or_fail (db, "DROP TABLE temp.old");
  if (rules != NULL)
    exec_or_fail (db, rules);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

void
kes_history_test_delete_patient (const char *path,
                                 const char *patient_id)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_string_append_printf (sql, "CREATE TEMP TABLE gone AS SELECT id FROM record WHERE id = '%s' "
                               "OR patient_id = '%s'; ", patient_id, patient_id);
  /* Every display table: those whose id is a record's. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM "
    "pragma_foreign_key_list (m.name) f WHERE f.\"from\" = 'id' AND f.\"table\" = 'record')",
    -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (sql, "DELETE FROM \"%s\" WHERE id IN (SELECT id FROM temp.gone); ",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_string_append_printf (sql, "DELETE FROM revision WHERE record_id IN (SELECT id FROM temp.gone); "
                               "DELETE FROM audit WHERE patient_id = '%s' OR record_id IN (SELECT id FROM temp.gone); "
                               "DELETE FROM record WHERE patient_id = '%s'; DELETE FROM record WHERE id = '%s'; "
                               "DROP TABLE temp.gone", patient_id, patient_id, patient_id);
  kes_history_test_tamper (path, sql->str, TRUE);
}

KesStore *
kes_history_test_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  KesStore *store = kes_store_open (path, &error);

  g_assert_no_error (error);
  kes_history_test_template ();
  /* The template's tester, set without signing in: a sign-in would add an
   * entry to the log the test is about to look at. */
  kes_store_set_actor (store, template_tester);
  return store;
}

KesVerifyReport *
kes_history_test_verify (KesStore           *store,
                         const char * const *anchor_files)
{
  g_autoptr(GError) error = NULL;
  KesVerifyReport *report = kes_store_verify_parts (store, KES_VERIFY_ALL, anchor_files, NULL, NULL, NULL,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

void
kes_history_test_assert_says (const char         *text,
                              const char * const *fragments)
{
  for (guint i = 0; fragments[i] != NULL; i++)
    if (text == NULL || strstr (text, fragments[i]) == NULL)
      g_error ("“%s” does not say “%s”", text != NULL ? text : "(nothing)", fragments[i]);
}

void
kes_history_test_assert_found (KesVerifyReport    *report,
                               KesVerifyPart       part,
                               const char * const *fragments)
{
  g_assert_false (kes_verify_report_is_intact (report));
  g_assert_cmpuint (kes_verify_report_get_problems (report, part), >, 0);
  kes_history_test_assert_says (kes_verify_report_get_first (report, part), fragments);
}
