/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-patients.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Backups as the app uses them: reports of what was checked, passphrase
 * rules, the folder's list, restore to a new file with permission, log and
 * cancel. */

typedef struct
{
  char     *dir;
  char     *path;
  char     *folder;
  KesStore *store;
  KesStaff *admin;
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
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->folder = g_build_filename (fixture->dir, "backups", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->admin = kes_test_account_titled (fixture->store, "ada", "Ada Admin", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->admin);
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, "Wagtail");
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true ((kes_test_set_role_list (fixture->store, fixture->admin, roles), TRUE));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->store);
  kes_core_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->folder);
  kes_clock_set_fixed (NULL);
}

static guint
count_action (KesStore   *store,
              const char *action,
              const char *summary_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = kes_store_list_audit (store, NULL, NULL, NULL, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), action) &&
          strstr (kes_audit_entry_get_summary (entry), summary_part) != NULL)
        count++;
    }
  return count;
}

static void
test_passphrase_rules (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_backup_check_passphrase ("", "", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Type a passphrase for the backup");
  g_clear_error (&error);
  g_assert_false (kes_backup_check_passphrase ("short one", "short one", &error));
  g_assert_cmpstr (error->message, ==, "The passphrase is too short: use at least 12 characters");
  g_clear_error (&error);
  g_assert_false (kes_backup_check_passphrase ("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa", &error));
  g_assert_nonnull (strstr (error->message, "one character repeated"));
  g_clear_error (&error);
  g_assert_false (kes_backup_check_passphrase ("copper kettle river", "copper kettle rover", &error));
  g_assert_cmpstr (error->message, ==,
                   "The two passphrases are different: type the same passphrase twice");
  g_clear_error (&error);
  /* Twelve characters, counted as characters, not bytes. */
  g_assert_true (kes_backup_check_passphrase ("ëëëëëëëëëëëa", "ëëëëëëëëëëëa", &error));
  g_assert_no_error (error);
}

static void
test_report_and_list (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KesBackupReport) plain = NULL;
  g_autoptr(KesBackupReport) secret = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "none", NULL);
  KesBackupFile *newest;
  GStatBuf info;

  files = kes_backup_list_folder (missing, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);
  g_clear_pointer (&files, g_ptr_array_unref);

  plain = kes_backup_create_full (fixture->store, fixture->folder, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (plain->encrypted);
  /* The patient, and the four catchment areas a new file starts with. */
  g_assert_cmpuint (plain->records, ==, 5);
  g_assert_cmpuint (plain->audit_entries, >, 0);
  g_assert_cmpint (g_stat (plain->path, &info), ==, 0);
  g_assert_cmpuint (plain->size, ==, (guint64) info.st_size);

  set_now ("2026-11-21T10:30:00Z");
  secret = kes_backup_create_full (fixture->store, fixture->folder, 0, "copper kettle river", NULL, NULL, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_true (secret->encrypted);
  g_assert_true (g_str_has_suffix (secret->path, KES_BACKUP_ENCRYPTED_SUFFIX));
  g_assert_cmpuint (count_action (fixture->store, KES_AUDIT_BACKUP, "(encrypted)"), ==, 1);

  /* A file that is not a backup is not listed. */
  {
    g_autofree char *other = g_build_filename (fixture->folder, "notes.txt", NULL);
    g_assert_true (g_file_set_contents (other, "x", 1, NULL));
  }
  files = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 2);
  newest = g_ptr_array_index (files, 0);
  g_assert_cmpstr (newest->path, ==, secret->path);
  g_assert_true (newest->encrypted);
  g_assert_cmpuint (newest->size, ==, secret->size);
  g_assert_cmpint (g_date_time_get_hour (newest->made), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (newest->made), ==, 30);
  g_assert_false (((KesBackupFile *) g_ptr_array_index (files, 1))->encrypted);
}

static void
test_restore_full (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KesBackupReport) made = NULL;
  g_autoptr(KesBackupReport) restored = NULL;
  g_autoptr(KesStore) opened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);

  made = kes_backup_create_full (fixture->store, fixture->folder, 0, "copper kettle river", NULL, NULL, NULL,
                                 &error);
  g_assert_no_error (error);

  /* Encrypted: no passphrase, or a wrong one, writes nothing. */
  g_assert_null (kes_backup_restore_full (fixture->store, made->path, NULL, target, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This backup is encrypted: type its passphrase");
  g_clear_error (&error);
  g_assert_null (kes_backup_restore_full (fixture->store, made->path, "copper kettle rover", target, NULL, NULL,
                                          NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  /* Never over the open database. */
  g_assert_null (kes_backup_restore_full (fixture->store, made->path, "copper kettle river",
                                          fixture->path, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  restored = kes_backup_restore_full (fixture->store, made->path, "copper kettle river", target, NULL, NULL, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->path, ==, target);
  g_assert_true (restored->encrypted);
  g_assert_cmpuint (restored->records, ==, made->records);
  g_assert_cmpuint (restored->audit_entries, >, made->audit_entries);

  /* Logged in the open database and in the restored one, as the same person. */
  g_assert_cmpuint (count_action (fixture->store, KES_AUDIT_RESTORE, "restored.db"), ==, 1);
  opened = kes_store_open (target, &error);
  g_assert_no_error (error);
  kes_store_set_actor (opened, fixture->admin);
  g_assert_cmpuint (count_action (opened, KES_AUDIT_RESTORE, "kestrel-backup-"), ==, 1);
}

static void
test_needs_administrator (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_TEAM_MANAGER, NULL };
  g_autoptr(KesBackupReport) made = NULL;
  g_autoptr(KesStaff) tam = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);

  made = kes_backup_create_full (fixture->store, fixture->folder, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  tam = kes_test_account_titled (fixture->store, "tam", "Tam Manager", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  g_assert_true ((kes_test_set_role_list (fixture->store, tam, roles), TRUE));
  g_assert_no_error (error);

  kes_store_set_actor (fixture->store, tam);
  g_assert_null (kes_backup_create_full (fixture->store, fixture->folder, 0, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Team managers can’t back up or restore the database");
  g_clear_error (&error);
  g_assert_null (kes_backup_restore_full (fixture->store, made->path, NULL, target, NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(KesBackupReport) made = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->dir, "restored.db", NULL);

  made = kes_backup_create_full (fixture->store, fixture->folder, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_null (kes_backup_create_full (fixture->store, fixture->folder, 0, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  files = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_null (kes_backup_restore_full (fixture->store, made->path, NULL, target, NULL, NULL, cancellable,
                                          &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/backup/passphrase-rules", test_passphrase_rules);
  ADD ("/backup/report-and-list", test_report_and_list);
  ADD ("/backup/restore-full", test_restore_full);
  ADD ("/backup/needs-administrator", test_needs_administrator);
  ADD ("/backup/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
