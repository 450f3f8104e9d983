/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole-file check after sign-in, as the window shows it: sign-in does
 * not wait for it; its progress shows at the foot of the window; when it
 * finds damage in a page the sign-in checks never read, the window says so
 * in plain words, every save is refused with the same advice, and what was
 * typed into the open form stays there. */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "accounts/kes-lock-screen.h"
#include "integrity/kes-integrity-bar.h"
#include "kes-accounts.h"
#include "kes-demo.h"
#include "kes-error.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "welcome/kes-welcome-page.h"

#define ADMIN_PASSWORD "amber lantern orchard"

typedef struct
{
  char      *dir;
  char      *path;
  char      *patient_id;
  KesStore  *store;
  KesWindow *window;
} Fixture;

/* A database with demo records and an administrator with a password, made
 * under another name: this process has never checked the file the test
 * opens (checks are remembered per process and path). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, KES_ROLE_CLINICIAN, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) made = NULL;
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) demo_admin = NULL;
  g_autofree char *made_path = NULL;
  KesDemoOptions options = { 60, 3, 3, 5 };

  fixture->dir = g_dir_make_tmp ("kestrel-integrity-XXXXXX", &error);
  g_assert_no_error (error);
  made_path = g_build_filename (fixture->dir, "made.db", NULL);
  fixture->path = g_build_filename (fixture->dir, "team.db", NULL);
  made = kes_store_open (made_path, &error);
  g_assert_no_error (error);
  /* The demo fills the new file first; its administrator then adds Ada. */
  g_assert_true (kes_demo_generate (made, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  demo_admin = kes_test_demo_sign_in (made, KES_ROLE_ADMINISTRATOR);
  admin = kes_store_create_account (made, "ada.admin", "Ada Admin", NULL, NULL, NULL, roles,
                                    KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (made, "ada.admin", ADMIN_PASSWORD);
  g_clear_object (&admin);
  admin = kes_store_sign_in (made, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  fixture->patient_id = kes_test_add_patient (made, "Wagtail", "Wren", "943 476 5919", NULL);
  g_clear_object (&made);
  g_assert_cmpint (g_rename (made_path, fixture->path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  g_clear_object (&fixture->store);
  kes_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->patient_id);
}

/* Overwrites a few leaf pages of the note search index: pages that neither
 * signing in nor opening a patient's register reads. */
static void
damage_search_index (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char garbage[4096];
  int fd;
  guint damaged = 0;

  memset (garbage, 0x5a, sizeof garbage);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'note_fts_data' "
                                           "AND pagetype = 'leaf' LIMIT 3", -1, &stmt, NULL), ==, SQLITE_OK);
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      off_t page = sqlite3_column_int64 (stmt, 0);

      g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (page - 1) * 4096), ==, sizeof garbage);
      damaged++;
    }
  close (fd);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (damaged, >, 0);
}

static GtkWidget *
welcome_child (KesWindow  *window,
               const char *name)
{
  GtkWidget *welcome = kes_test_child (window, KES_TYPE_WINDOW, "welcome_page");

  return kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, name);
}

/* Opens the file as the application does at start and shows the sign-in page. */
static void
open_window (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gboolean pending = FALSE;

  fixture->store = kes_store_open_check_later (fixture->path, &pending, &error);
  g_assert_no_error (error);
  g_assert_true (pending);
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
sign_in (Fixture *fixture)
{
  gtk_editable_set_text (GTK_EDITABLE (welcome_child (fixture->window, "signin_username")), "ada.admin");
  gtk_editable_set_text (GTK_EDITABLE (welcome_child (fixture->window, "signin_password")), ADMIN_PASSWORD);
  g_assert_true (gtk_widget_is_sensitive (welcome_child (fixture->window, "signin_button")));
  g_signal_emit_by_name (welcome_child (fixture->window, "signin_button"), "clicked");
  g_assert_nonnull (kes_store_get_actor (fixture->store));
}

static gboolean
check_ended (gpointer data)
{
  return kes_integrity_bar_get_state (data) != KES_INTEGRITY_CHECKING;
}

static GtkWidget *
bar_child (KesIntegrityBar *bar,
           const char      *name)
{
  return kes_test_child (bar, KES_TYPE_INTEGRITY_BAR, name);
}

/* A sound file: signing in works while the check runs, the foot of the
 * window shows it going, then goes away. */
static void
test_sign_in_while_checking (Fixture       *fixture,
                             gconstpointer  data)
{
  KesIntegrityBar *bar;

  open_window (fixture);
  bar = kes_window_get_integrity_bar (fixture->window);
  g_assert_cmpint (kes_integrity_bar_get_state (bar), ==, KES_INTEGRITY_IDLE);
  kes_integrity_bar_check (bar, fixture->path);
  g_assert_cmpint (kes_integrity_bar_get_state (bar), ==, KES_INTEGRITY_CHECKING);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar_child (bar, "revealer"))));
  g_assert_true (gtk_widget_get_visible (bar_child (bar, "progress_bar")));

  /* The check has not ended (its result comes through the main loop). */
  sign_in (fixture);
  g_assert_cmpint (kes_integrity_bar_get_state (bar), ==, KES_INTEGRITY_CHECKING);

  g_assert_true (kes_test_wait_until (check_ended, bar, 60000));
  g_assert_cmpint (kes_integrity_bar_get_state (bar), ==, KES_INTEGRITY_IDLE);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar_child (bar, "revealer"))));
  g_assert_false (kes_store_is_damaged (fixture->store));
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
form_field (KesPatientPage *page,
            const char     *name)
{
  return kes_test_child (kes_patient_page_get_form (page), KES_TYPE_PATIENT_FORM, name);
}

/* Damage in a page the sign-in checks never read: sign-in works, a record
 * is opened and typed into, then the check reports; the window says so,
 * the save is refused with what to do, and the typed text is still there. */
static void
test_damage_after_sign_in (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KesIntegrityBar *bar;
  KesPatientPage *page;
  AdwMessageDialog *dialog;
  GtkWidget *lock;
  const char *detail;

  damage_search_index (fixture->path);
  open_window (fixture);
  bar = kes_window_get_integrity_bar (fixture->window);
  sign_in (fixture);

  page = kes_window_get_patient_page (fixture->window);
  g_assert_true (kes_patient_page_load (page, fixture->patient_id, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit", NULL));
  gtk_editable_set_text (GTK_EDITABLE (form_field (page, "family_entry")), "Wagtail-Finch");
  gtk_editable_set_text (GTK_EDITABLE (form_field (page, "given_entry")), "Wren Alexandra");

  kes_integrity_bar_check (bar, fixture->path);
  g_assert_true (kes_test_wait_until (check_ended, bar, 60000));
  g_assert_cmpint (kes_integrity_bar_get_state (bar), ==, KES_INTEGRITY_DAMAGED);
  g_assert_true (kes_store_is_damaged (fixture->store));

  /* Said at the foot of the window, in plain words, with what to do. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar_child (bar, "revealer"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (bar_child (bar, "title"))), ==,
                   "The database file is damaged");
  detail = gtk_label_get_text (GTK_LABEL (bar_child (bar, "detail")));
  g_assert_nonnull (strstr (detail, "stopped saving changes"));
  g_assert_nonnull (strstr (detail, "copy what you typed"));
  g_assert_nonnull (strstr (detail, "restore the latest verified backup"));
  g_assert_true (gtk_widget_has_css_class (bar_child (bar, "box"), "damaged"));

  /* The record is still on screen, still being edited. */
  g_assert_true (kes_patient_page_get_editing (page));
  g_assert_false (kes_patient_page_save (page));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Record Was Not Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stopped saving changes"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Restore the latest verified backup"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kes_patient_page_get_editing (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (page, "family_entry"))), ==,
                   "Wagtail-Finch");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (page, "given_entry"))), ==,
                   "Wren Alexandra");

  /* The window locks; its owner unlocks it though nothing can be written
   * (not even the sign-in's access-log entry) and finds the record as it
   * was left, to copy what was typed. */
  lock = kes_window_get_lock_screen (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL));
  g_assert_cmpstr (visible_page (fixture), ==, "locked");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "password_entry")),
                         ADMIN_PASSWORD);
  g_signal_emit_by_name (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "unlock_button"), "clicked");
  g_assert_cmpstr (visible_page (fixture), ==, "main");
  g_assert_true (kes_patient_page_get_editing (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (page, "family_entry"))), ==,
                   "Wagtail-Finch");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/integrity-ui/sign-in-while-checking", test_sign_in_while_checking);
  ADD ("/integrity-ui/damage-after-sign-in", test_damage_after_sign_in);
#undef ADD

  return g_test_run ();
}
