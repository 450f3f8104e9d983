/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "accounts/kes-lock-screen.h"
#include "kes-accounts.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-form.h"

/* The inactivity lock keeps the work underneath and only lets the same
 * person back in. */

#define PASSWORD KES_TEST_PASSWORD

typedef struct
{
  KesTestDb *db;
  KesWindow *window;
  GtkWidget *lock;
} Fixture;

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_locked (gpointer data)
{
  return g_strcmp0 (visible_page (data), "locked") == 0;
}

static GtkWidget *
lock_child (Fixture    *fixture,
            const char *name)
{
  return kes_test_child (fixture->lock, KES_TYPE_LOCK_SCREEN, name);
}

static GtkEditable *
family_entry (Fixture *fixture)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *form = GTK_WIDGET (kes_patient_page_get_form (page));

  return GTK_EDITABLE (kes_test_child (form, KES_TYPE_PATIENT_FORM, "family_entry"));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (TRUE);
  fixture->window = kes_window_new (NULL);
  fixture->lock = kes_window_get_lock_screen (KES_WINDOW (fixture->window));
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_cmpstr (visible_page (fixture), ==, "main");

  /* A new register entry, half typed. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient", NULL);
  gtk_editable_set_text (family_entry (fixture), "Smyth");
  g_assert_true (kes_patient_page_has_unsaved_changes (kes_window_get_patient_page (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_db_free (fixture->db);
}

static void
test_lock_keeps_work (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *error_label = lock_child (fixture, "error_label");

  kes_window_set_inactivity_lock (fixture->window, 200);
  g_assert_true (kes_test_wait_until (is_locked, fixture, 5000));

  /* Nothing underneath was thrown away. */
  g_assert_cmpstr (gtk_editable_get_text (family_entry (fixture)), ==, "Smyth");

  /* A wrong password: core's message, still locked. */
  gtk_editable_set_text (GTK_EDITABLE (lock_child (fixture, "password_entry")), "not my password");
  g_signal_emit_by_name (lock_child (fixture, "unlock_button"), "clicked");
  g_assert_true (is_locked (fixture));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "don’t match"));

  kes_window_set_inactivity_lock (fixture->window, 0);
  gtk_editable_set_text (GTK_EDITABLE (lock_child (fixture, "password_entry")), PASSWORD);
  g_signal_emit_by_name (lock_child (fixture, "unlock_button"), "clicked");
  g_assert_cmpstr (visible_page (fixture), ==, "main");
  g_assert_cmpstr (gtk_editable_get_text (family_entry (fixture)), ==, "Smyth");
  g_assert_true (kes_patient_page_has_unsaved_changes (kes_window_get_patient_page (fixture->window)));
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (fixture->db->store)), ==,
                   "test.user");
}

/* "Sign in as someone else" asks before unsaved edits go; keeping them
 * leaves the window locked. */
static void
test_switch_user_asks (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog;

  kes_window_set_inactivity_lock (fixture->window, 100);
  g_assert_true (kes_test_wait_until (is_locked, fixture, 5000));

  g_signal_emit_by_name (lock_child (fixture, "switch_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (is_locked (fixture));
  g_assert_cmpstr (gtk_editable_get_text (family_entry (fixture)), ==, "Smyth");

  g_signal_emit_by_name (lock_child (fixture, "switch_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (visible_page (fixture), ==, "welcome");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lock/keeps-work-and-unlocks", test_lock_keeps_work);
  ADD ("/lock/switch-user-asks-first", test_switch_user_asks);
#undef ADD

  return g_test_run ();
}
