/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "accounts/kes-lock-screen.h"
#include "caseload/kes-caseload-page.h"
#include "kes-accounts.h"
#include "kes-anchor.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-form.h"
#include "welcome/kes-welcome-page.h"

/* The inactivity lock and Lock (Ctrl+L) keep the work underneath, show
 * none of it (dialogs included) and only let the same person back in;
 * signing out, or signing in as someone else from the lock, ends the
 * session: its pages, search text and dialogs are gone, and whoever signs
 * in next starts afresh. */

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
  kes_test_answer (dialog, "keep");
  g_assert_true (is_locked (fixture));
  g_assert_cmpstr (gtk_editable_get_text (family_entry (fixture)), ==, "Smyth");

  g_signal_emit_by_name (lock_child (fixture, "switch_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  kes_test_answer (dialog, "discard");
  g_assert_cmpstr (visible_page (fixture), ==, "welcome");
  g_assert_null (kes_store_get_actor (fixture->db->store));
}

/* Lock (Ctrl+L, the user menu): a dialog open at the time is hidden with
 * the work, and comes back when the same person unlocks. */
static void
test_lock_hides_dialogs (Fixture       *fixture,
                         gconstpointer  data)
{
  AdwMessageDialog *dialog;

  kes_show_error (GTK_WIDGET (fixture->window), "A Question Left Open", "Still here after unlocking");
  g_assert_nonnull (kes_test_find_message_dialog ());

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_true (is_locked (fixture));
  g_assert_null (kes_test_find_message_dialog ());

  gtk_editable_set_text (GTK_EDITABLE (lock_child (fixture, "password_entry")), PASSWORD);
  g_signal_emit_by_name (lock_child (fixture, "unlock_button"), "clicked");
  g_assert_cmpstr (visible_page (fixture), ==, "main");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "A Question Left Open");
  g_assert_cmpstr (gtk_editable_get_text (family_entry (fixture)), ==, "Smyth");
}

static gboolean
shell_gone (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_child_by_name (GTK_STACK (stack), "main") == NULL;
}

/* Sign Out: asked about the unsaved entry, then every page, the search
 * text and the dialogs go, the access log says so (anchored outside the
 * file), and the next person starts from nothing of it. */
static void
test_sign_out_ends_session (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesStaff) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesAuditEntry) last = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autofree char *anchor_file = kes_anchor_file_path ();
  g_autoptr(GPtrArray) anchors = NULL;
  KesAnchor *signed_out = NULL;
  KesCaseloadPage *caseload = kes_window_get_caseload_page (fixture->window);
  GtkWidget *search = kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE, "search_entry");
  GtkWidget *welcome = kes_test_child (fixture->window, KES_TYPE_WINDOW, "welcome_page");
  AdwMessageDialog *dialog;

  other = kes_test_account (fixture->db->store, "other.user", "Other User", NULL, KES_ROLE_CARERS_LIAISON);
  gtk_editable_set_text (GTK_EDITABLE (search), "Smyth");
  kes_show_error (GTK_WIDGET (fixture->window), "A Dialog of the Session", "Goes with it");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  if (g_str_equal (adw_message_dialog_get_heading (dialog), "A Dialog of the Session"))
    {
      /* Found the open one first: answer it, then the question. */
      kes_test_answer (dialog, "close");
      dialog = kes_test_find_message_dialog ();
    }
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  kes_test_answer (dialog, "discard");
  g_assert_cmpstr (visible_page (fixture), ==, "welcome");
  g_assert_null (kes_store_get_actor (fixture->db->store));
  g_assert_true (kes_test_wait_until (shell_gone, fixture, 5000));
  g_assert_null (kes_test_find_message_dialog ());

  /* The access log has the sign-out, read by the next administrator. */
  kes_test_sign_in (fixture->db->store, fixture->db->actor);
  entries = kes_store_list_audit (fixture->db->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = g_list_model_get_n_items (entries); i > 0 && last == NULL; i--)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i - 1);

      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_SIGN_OUT))
        last = g_steal_pointer (&entry);
    }
  g_assert_nonnull (last);
  g_assert_cmpstr (kes_audit_entry_get_actor_id (last), ==, kes_staff_get_id (fixture->db->actor));
  /* …and its head, the sign-out, anchored outside the file (issue 18). */
  anchors = kes_anchor_file_read (anchor_file, &error);
  g_assert_no_error (error);
  for (guint i = anchors->len; i > 0 && signed_out == NULL; i--)
    if (((KesAnchor *) g_ptr_array_index (anchors, i - 1))->seq == kes_audit_entry_get_seq (last))
      signed_out = g_ptr_array_index (anchors, i - 1);
  g_assert_nonnull (signed_out);
  g_assert_cmpstr (signed_out->reason, ==, "sign-out");
  kes_store_sign_out (fixture->db->store);

  /* Someone else signs in: a new shell, nothing typed, no record open. */
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, "signin_username")),
                         "other.user");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, "signin_password")),
                         PASSWORD);
  g_signal_emit_by_name (kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, "signin_button"), "clicked");
  g_assert_cmpstr (visible_page (fixture), ==, "main");
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (fixture->db->store)), ==, "other.user");
  caseload = kes_window_get_caseload_page (fixture->window);
  search = kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE, "search_entry");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_null (kes_patient_page_get_patient (kes_window_get_patient_page (fixture->window)));
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
  ADD ("/lock/hides-dialogs", test_lock_hides_dialogs);
  ADD ("/lock/sign-out-ends-session", test_sign_out_ends_session);
#undef ADD

  return g_test_run ();
}
