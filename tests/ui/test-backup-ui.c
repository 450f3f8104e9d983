/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "accounts/kes-lock-screen.h"
#include "admin/kes-admin-page.h"
#include "admin/kes-backup-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "welcome/kes-welcome-page.h"

/* Administration → Backups: back up with a passphrase, restore to a new
 * file, switch to it and sign in again; the restored records are the
 * original's. Screenshots of every state, light and dark, go to
 * $KES_BACKUP_SCREENSHOTS when it is set. */

#define ADMIN_PASSWORD "amber lantern orchard"
#define PASSPHRASE     "copper kettle river"

typedef struct
{
  KesTestDb      *db;
  KesStaff       *admin;
  char           *folder;
  KesWindow      *window;
  KesBackupGroup *group;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *admin_page;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  fixture->db = kes_test_db_new (FALSE);
  fixture->admin = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL, NULL,
                                             NULL, roles, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->db->store, fixture->admin);
  north = kes_store_find_team (fixture->db->store, "North");
  g_assert_nonnull (north);
  a = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren", "943 476 5919",
                            kes_team_get_id (north));
  b = kes_test_add_patient (fixture->db->store, "Dunnock", "Dee", "401 023 2137",
                            kes_team_get_id (north));
  signed_in = kes_store_sign_in (fixture->db->store, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

  fixture->folder = g_build_filename (fixture->db->dir, "backups", NULL);
  fixture->window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 780);
  kes_window_set_store (fixture->window, fixture->db->store);
  admin_page = GTK_WIDGET (kes_window_get_admin_page (fixture->window));
  fixture->group = KES_BACKUP_GROUP (kes_test_child (admin_page, KES_TYPE_ADMIN_PAGE, "backup_group"));
  kes_backup_group_set_folder (fixture->group, fixture->folder);
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_show_area (fixture->window, "admin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->admin);
  g_free (fixture->folder);
  kes_test_db_free (fixture->db);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWidget *
group_child (Fixture    *fixture,
             const char *name)
{
  return kes_test_child (fixture->group, KES_TYPE_BACKUP_GROUP, name);
}

/* The whole screen (dialogs are windows of their own), light and dark. */
static void
shoot (Fixture    *fixture,
       const char *name)
{
  const char *dir = g_getenv ("KES_BACKUP_SCREENSHOTS");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;

  /* Let a page change finish, then bring what the group shows into view (it
   * is low on the page). */
  kes_test_wait (500);
  kes_widget_scroll_into_view (gtk_widget_get_visible (group_child (fixture, "result_row"))
                               ? group_child (fixture, "result_row")
                               : GTK_WIDGET (fixture->group));
  for (int dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("%s%s.png", name, dark ? "-dark" : "");
      g_autofree char *path = g_build_filename (dir, file, NULL);

      adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
      kes_test_wait (400);
      argv[3] = path;
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                    NULL);
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static gboolean
idle_again (gpointer data)
{
  return !kes_backup_group_get_busy (data);
}

static void
wait_for_job (Fixture *fixture)
{
  g_assert_true (kes_test_wait_until (idle_again, fixture->group, 60000));
}

static const char *
result_title (Fixture *fixture)
{
  GtkWidget *row = group_child (fixture, "result_row");

  g_assert_true (gtk_widget_get_visible (row));
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static const char *
result_text (Fixture *fixture)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (group_child (fixture, "result_row")));
}

/* The entries in the dialog's extra child, in order. */
static GtkEditable *
dialog_entry (AdwMessageDialog *dialog,
              guint             index)
{
  GtkWidget *child = adw_message_dialog_get_extra_child (dialog);

  g_assert_nonnull (child);
  if (GTK_IS_EDITABLE (child))
    {
      g_assert_cmpuint (index, ==, 0);
      return GTK_EDITABLE (child);
    }
  child = gtk_widget_get_first_child (child);
  for (guint i = 0; i < index; i++)
    child = gtk_widget_get_next_sibling (child);
  return GTK_EDITABLE (child);
}

static GtkLabel *
dialog_problem (AdwMessageDialog *dialog)
{
  GtkWidget *box = adw_message_dialog_get_extra_child (dialog);

  return GTK_LABEL (gtk_widget_get_last_child (box));
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Every revision of every record, as one string, read from a database file. */
static char *
dump_records (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *dump;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) || ':' || group_concat (record_id || '/' || "
                                       "revision || '/' || data, '|') FROM (SELECT * FROM revision "
                                       "ORDER BY record_id, revision)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  dump = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return dump;
}

static guint
count_action (KesStore   *store,
              const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = kes_store_list_audit (store, NULL, NULL, NULL, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), action))
        count++;
    }
  return count;
}

static const char *
main_page (Fixture *fixture)
{
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_locked (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "locked") == 0;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *restored_path = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  KesStore *restored;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  shoot (fixture, "backups-empty");

  /* Back Up Now… → the folder is chosen → the passphrase, typed twice. */
  kes_backup_group_choose_folder (fixture->group, fixture->folder);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "backup"));
  gtk_editable_set_text (dialog_entry (dialog, 0), PASSPHRASE);
  gtk_editable_set_text (dialog_entry (dialog, 1), "copper kettle rive");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "backup"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog_problem (dialog))));
  g_assert_cmpstr (gtk_label_get_text (dialog_problem (dialog)), ==,
                   "The two passphrases are different: type the same passphrase twice");
  shoot (fixture, "backup-passphrase-mismatch");
  gtk_editable_set_text (dialog_entry (dialog, 1), PASSPHRASE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog_problem (dialog))));
  shoot (fixture, "backup-passphrase");
  respond (dialog, "backup");
  g_assert_true (kes_backup_group_get_busy (fixture->group));
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "progress_row")));
  shoot (fixture, "backup-running");
  wait_for_job (fixture);
  g_assert_cmpstr (result_title (fixture), ==, "Backup Made and Checked");
  g_assert_nonnull (strstr (result_text (fixture), "encrypted"));
  g_assert_nonnull (strstr (result_text (fixture), "integrity check"));
  g_assert_nonnull (strstr (result_text (fixture), "foreign key check"));
  g_assert_nonnull (strstr (result_text (fixture), "access log’s chain"));
  shoot (fixture, "backup-done");
  g_assert_cmpuint (count_action (fixture->db->store, KES_AUDIT_BACKUP), ==, 1);

  /* Core's passphrase rule, straight from the group as well. */
  g_assert_false (kes_backup_group_back_up (fixture->group, fixture->folder, "short", "short", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too short"));
  g_clear_error (&error);

  files = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 1);
  backup = g_strdup (((KesBackupFile *) g_ptr_array_index (files, 0))->path);
  g_assert_true (g_str_has_suffix (backup, KES_BACKUP_ENCRYPTED_SUFFIX));

  /* Restore…: a wrong passphrase says so and writes nothing. */
  kes_backup_group_choose_backup (fixture->group, backup);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "restore"));
  gtk_editable_set_text (dialog_entry (dialog, 0), "the wrong words");
  shoot (fixture, "restore-passphrase");
  respond (dialog, "restore");
  wait_for_job (fixture);
  g_assert_cmpstr (result_title (fixture), ==, "Restore Failed");
  g_assert_nonnull (strstr (result_text (fixture), "passphrase is wrong"));
  g_assert_false (gtk_widget_get_visible (group_child (fixture, "switch_button")));
  g_assert_null (kes_backup_group_get_restored_path (fixture->group));
  shoot (fixture, "restore-wrong-passphrase");

  kes_backup_group_choose_backup (fixture->group, backup);
  dialog = kes_test_find_message_dialog ();
  gtk_editable_set_text (dialog_entry (dialog, 0), PASSPHRASE);
  respond (dialog, "restore");
  wait_for_job (fixture);
  g_assert_cmpstr (result_title (fixture), ==, "Restored and Checked");
  restored_path = g_strdup (kes_backup_group_get_restored_path (fixture->group));
  g_assert_nonnull (restored_path);
  g_assert_cmpstr (restored_path, !=, fixture->db->path);
  g_assert_true (g_file_test (restored_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "switch_button")));
  shoot (fixture, "restore-done");
  g_assert_cmpuint (count_action (fixture->db->store, KES_AUDIT_RESTORE), ==, 1);

  /* The records are the original's, revision for revision. */
  before = dump_records (fixture->db->path);
  after = dump_records (restored_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (strstr (before, "Wagtail"));

  /* The inactivity lock came and went: the lock screen must not keep the
   * old database open either. */
  kes_window_set_inactivity_lock (fixture->window, 200);
  g_assert_true (kes_test_wait_until (is_locked, fixture, 5000));
  kes_window_set_inactivity_lock (fixture->window, 0);
  {
    GtkWidget *lock = kes_window_get_lock_screen (KES_WINDOW (fixture->window));

    gtk_editable_set_text (GTK_EDITABLE (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "password_entry")),
                           ADMIN_PASSWORD);
    g_signal_emit_by_name (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "unlock_button"), "clicked");
  }
  g_assert_cmpstr (main_page (fixture), ==, "main");

  /* Switch: asked first, then the window is on the restored file and
   * everyone signs in again. */
  g_signal_emit_by_name (group_child (fixture, "switch_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  shoot (fixture, "switch-confirm");
  respond (dialog, "switch");
  g_assert_cmpstr (main_page (fixture), ==, "welcome");
  shoot (fixture, "switched-sign-in");
  restored = kes_window_get_store (fixture->window);
  g_assert_cmpstr (kes_store_get_path (restored), ==, restored_path);
  g_assert_null (kes_store_get_actor (restored));

  /* Signing in on the sign-in page, as at start; then the window has let go
   * of the database it had open: nothing holds it now but this test. */
  {
    GtkWidget *welcome = kes_test_child (fixture->window, KES_TYPE_WINDOW, "welcome_page");
    KesStore *old = fixture->db->store;

    gtk_editable_set_text (GTK_EDITABLE (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE,
                                                         "signin_username")), "ada.admin");
    gtk_editable_set_text (GTK_EDITABLE (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE,
                                                         "signin_password")), ADMIN_PASSWORD);
    g_signal_emit_by_name (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, "signin_button"), "clicked");
    g_assert_cmpstr (main_page (fixture), ==, "main");
    g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (restored)), ==, "ada.admin");

    g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
    /* The test's own context holds the old store too, as the test does. */
    g_clear_object (&fixture->db->context);
    g_clear_object (&fixture->db->store);
    kes_test_wait (200);
    g_assert_null (old);
  }
  g_assert_cmpuint (kes_store_count_patients (restored), ==, 2);
  g_assert_cmpuint (count_action (restored, KES_AUDIT_RESTORE), ==, 1);
  g_clear_pointer (&after, g_free);
  after = dump_records (restored_path);
  g_assert_cmpstr (before, ==, after);
}

/* Any other role: the group is not offered, and core refuses anyway. */
static void
test_hidden_without_permission (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_TEAM_MANAGER, NULL };
  g_autoptr(KesStaff) tam = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesBackupReport) report = NULL;
  g_autoptr(GError) error = NULL;

  tam = kes_store_create_account (fixture->db->store, "tam", "Tam Manager", NULL, NULL, NULL, roles,
                                  KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "tam", "violet harbour 27");
  signed_in = kes_store_sign_in (fixture->db->store, "tam", "violet harbour 27", &error);
  g_assert_no_error (error);
  kes_backup_group_reload (fixture->group);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));

  report = kes_backup_create_full (fixture->db->store, fixture->folder, 0, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Team managers can’t back up or restore the database");
}

/* Cancel stops the backup before it counts: nothing is left in the folder. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_backup_group_back_up (fixture->group, fixture->folder, NULL, NULL, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (group_child (fixture, "cancel_button"), "clicked");
  wait_for_job (fixture);
  g_assert_cmpstr (result_title (fixture), ==, "Backup Stopped");
  shoot (fixture, "backup-stopped");
  files = kes_backup_list_folder (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (files->len, ==, 0);
  g_assert_cmpuint (count_action (fixture->db->store, KES_AUDIT_BACKUP), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup-ui/round-trip", test_round_trip);
  ADD ("/backup-ui/hidden-without-permission", test_hidden_without_permission);
  ADD ("/backup-ui/cancel", test_cancel);
#undef ADD

  return g_test_run ();
}
