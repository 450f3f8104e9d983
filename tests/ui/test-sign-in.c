/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-permissions.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "welcome/kes-welcome-page.h"

/* Signing in: the first administrator, refused sign-ins, accounts from
 * before passwords. */

#define ADMIN_PASSWORD "amber lantern orchard"

static GtkWidget *
welcome_child (KesWindow  *window,
               const char *name)
{
  GtkWidget *welcome = kes_test_child (window, KES_TYPE_WINDOW, "welcome_page");

  return kes_test_child (welcome, KES_TYPE_WELCOME_PAGE, name);
}

static const char *
main_child (KesWindow *window)
{
  GtkWidget *main_stack = kes_test_child (window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (main_stack));
}

static void
type (KesWindow  *window,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (welcome_child (window, name)), text);
}

static void
click (KesWindow  *window,
       const char *name)
{
  g_signal_emit_by_name (welcome_child (window, name), "clicked");
}

/* A database with an administrator who has a password, opened afresh. */
static KesStore *
reopen_with_admin (KesTestDb *db)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(GError) error = NULL;
  KesStore *store;

  admin = kes_store_create_account (db->store, "ada.admin", "Ada Admin", NULL, NULL, NULL, roles,
                                    ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  store = kes_store_open (db->path, &error);
  g_assert_no_error (error);
  g_assert_null (kes_store_get_actor (store));
  return store;
}

/* An empty staff directory: the first user creates the administrator. */
static void
test_first_run (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  KesWindow *window = kes_window_new (NULL);
  GtkWidget *stack = welcome_child (window, "stack");
  GtkWidget *button = welcome_child (window, "continue_button");
  GtkWidget *error_label = welcome_child (window, "error_label");
  GtkWidget *hint = welcome_child (window, "password_hint");
  g_auto(GStrv) roles = NULL;

  kes_window_set_store (window, db->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (main_child (window), ==, "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "first-run");
  g_assert_false (gtk_widget_get_sensitive (button));

  /* The user name follows the full name. */
  type (window, "name_entry", "Zoë O'Brien");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "username_entry"))),
                   ==, "zoe.obrien");
  type (window, "role_entry", "Community psychiatric nurse");

  /* A weak password: core's reason shows as it is typed, and on saving. */
  type (window, "password_entry", "zoe-obrien-1");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "user name"));
  type (window, "confirm_entry", "zoe-obrien-1");
  g_assert_true (gtk_widget_get_sensitive (button));
  click (window, "continue_button");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "user name"));
  g_assert_cmpuint (kes_store_count_staff (db->store), ==, 0);

  /* Two different passwords. */
  type (window, "password_entry", ADMIN_PASSWORD);
  type (window, "confirm_entry", "amber lantern orchid");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "The two passwords are different.");
  click (window, "continue_button");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Confirm password"));
  g_assert_cmpuint (kes_store_count_staff (db->store), ==, 0);

  type (window, "confirm_entry", ADMIN_PASSWORD);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "This password is strong enough.");
  click (window, "continue_button");

  g_assert_cmpuint (kes_store_count_staff (db->store), ==, 1);
  g_assert_nonnull (kes_store_get_actor (db->store));
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (db->store)), ==, "zoe.obrien");
  g_assert_true (kes_store_staff_has_password (db->store, "zoe.obrien"));
  roles = kes_store_get_staff_roles (db->store, "zoe.obrien", NULL);
  g_assert_true (g_strv_contains ((const char * const *) roles, KES_ROLE_ADMINISTRATOR));
  g_assert_true (g_strv_contains ((const char * const *) roles, KES_ROLE_CLINICIAN));
  g_assert_cmpstr (main_child (window), ==, "main");
  /* The passwords do not stay in the widgets. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "password_entry"))),
                   ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Later runs ask for a user name and password; core's refusal is shown. */
static void
test_sign_in_failure (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  KesWindow *window = kes_window_new (NULL);
  GtkWidget *stack = welcome_child (window, "stack");
  GtkWidget *error_label = welcome_child (window, "signin_error");
  GtkWidget *list = welcome_child (window, "staff_list");

  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (main_child (window), ==, "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "sign-in");

  /* Choosing a name only fills in the user name. */
  g_signal_emit_by_name (list, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "signin_username"))),
                   ==, "ada.admin");
  g_assert_null (kes_store_get_actor (store));

  type (window, "signin_password", "amber lantern orchid");
  click (window, "signin_button");
  g_assert_null (kes_store_get_actor (store));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "That user name and password don’t match an account. Check both and try again.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "signin_password"))),
                   ==, "");
  g_assert_cmpstr (main_child (window), ==, "welcome");

  /* Four more failures lock the account: core's message says until when. */
  for (int i = 0; i < 4; i++)
    {
      type (window, "signin_password", "amber lantern orchid");
      click (window, "signin_button");
    }
  type (window, "signin_password", ADMIN_PASSWORD);
  click (window, "signin_button");
  g_assert_null (kes_store_get_actor (store));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "locked until"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  KesWindow *window = kes_window_new (NULL);

  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  type (window, "signin_username", "ada.admin");
  type (window, "signin_password", ADMIN_PASSWORD);
  click (window, "signin_button");
  g_assert_nonnull (kes_store_get_actor (store));
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (store)), ==, "ada.admin");
  g_assert_cmpstr (main_child (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A team's few names are offered to pick from; a trust's many are not:
 * everyone types their user name, and signing in works the same. */
static void
test_pick_list_only_for_a_team (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  KesWindow *window = kes_window_new (NULL);
  g_autoptr(GError) error = NULL;

  kes_window_set_store (window, store);
  g_assert_true (gtk_widget_get_visible (welcome_child (window, "staff_list")));
  g_assert_true (gtk_widget_get_visible (welcome_child (window, "pick_heading")));
  gtk_window_destroy (GTK_WINDOW (window));

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *username = g_strdup_printf ("staff.%02u", i);
      g_autoptr(KesStaff) member = kes_store_add_staff (store, username, username, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
    }
  window = kes_window_new (NULL);
  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (welcome_child (window, "staff_list")));
  g_assert_false (gtk_widget_get_visible (welcome_child (window, "pick_heading")));
  type (window, "signin_username", "ada.admin");
  type (window, "signin_password", ADMIN_PASSWORD);
  click (window, "signin_button");
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (store)), ==, "ada.admin");
  g_assert_cmpstr (main_child (window), ==, "main");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
set_dialog_entry (AdwMessageDialog *dialog,
                  const char       *key,
                  const char       *text)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), key);

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, text);
}

/* An account from before passwords is asked to set one, then signed in. */
static void
test_legacy_account (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KesWindow *window = kes_window_new (NULL);
  AdwMessageDialog *dialog;

  store = kes_store_open (db->path, &error);
  g_assert_no_error (error);
  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (main_child (window), ==, "welcome");

  type (window, "signin_username", "test.user");
  click (window, "signin_button");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Set a Password for Test User");

  /* Too short: the dialog asks again with core's reason. */
  set_dialog_entry (dialog, "kes-new-password", "short");
  set_dialog_entry (dialog, "kes-confirm-password", "short");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), "kes-problem"));
  g_assert_nonnull (strstr (gtk_label_get_text (g_object_get_data (G_OBJECT (dialog), "kes-problem")),
                            "too short"));
  g_assert_false (kes_store_staff_has_password (store, "test.user"));

  set_dialog_entry (dialog, "kes-new-password", "violet harbour 27");
  set_dialog_entry (dialog, "kes-confirm-password", "violet harbour 27");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (kes_store_staff_has_password (store, "test.user"));
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (store)), ==, "test.user");
  g_assert_cmpstr (main_child (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/sign-in/first-run-administrator", test_first_run);
  g_test_add_func ("/sign-in/failure-message", test_sign_in_failure);
  g_test_add_func ("/sign-in/success", test_sign_in);
  g_test_add_func ("/sign-in/pick-list-only-for-a-team", test_pick_list_only_for_a_team);
  g_test_add_func ("/sign-in/legacy-account-sets-password", test_legacy_account);

  return g_test_run ();
}
