/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-demo.h"
#include "kes-permissions.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "kes-store-private.h"
#include "kes-test-accounts.h"
#include "welcome/kes-welcome-page.h"

/* Signing in: the first administrator, refused sign-ins that say nothing
 * about which accounts exist, one-time passwords, and accounts without a
 * password that never get in. */

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
  g_autoptr(KesAccount) account = NULL;

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
  account = kes_store_load_account (db->store, "zoe.obrien", NULL);
  g_assert_true (kes_account_get_has_password (account));
  g_assert_false (kes_account_get_must_change_password (account));
  g_assert_true (kes_account_has_role (account, KES_ROLE_ADMINISTRATOR));
  g_assert_true (kes_account_has_role (account, KES_ROLE_CLINICIAN));
  g_assert_cmpstr (main_child (window), ==, "main");
  /* The passwords do not stay in the widgets. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "password_entry"))),
                   ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

#define REFUSED "That user name and password don’t match an account, or the account is locked for a " \
                "while after failed sign-ins. Check both and try again; an administrator can unlock it."

/* Every text the sign-in page shows, to look for names in. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* Later runs ask for a user name and password; core's refusal is shown,
 * the same for a wrong password, an unknown name and a locked account, and
 * the page names no one. */
static void
test_sign_in_failure (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  g_autoptr(GString) shown = g_string_new (NULL);
  KesWindow *window = kes_window_new (NULL);
  GtkWidget *stack = welcome_child (window, "stack");
  GtkWidget *error_label = welcome_child (window, "signin_error");

  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (main_child (window), ==, "welcome");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "sign-in");

  /* No list of names to pick from: a stranger learns no account name. */
  collect_text (kes_test_child (window, KES_TYPE_WINDOW, "welcome_page"), shown);
  g_assert_null (strstr (shown->str, "ada.admin"));
  g_assert_null (strstr (shown->str, "Ada Admin"));

  type (window, "signin_username", "ada.admin");
  type (window, "signin_password", "amber lantern orchid");
  click (window, "signin_button");
  g_assert_null (kes_store_get_actor (store));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, REFUSED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (welcome_child (window, "signin_password"))),
                   ==, "");
  g_assert_cmpstr (main_child (window), ==, "welcome");

  type (window, "signin_username", "no.such.person");
  type (window, "signin_password", ADMIN_PASSWORD);
  click (window, "signin_button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, REFUSED);

  /* Four more failures lock the account: even the right password then gets
   * the same answer. */
  type (window, "signin_username", "ada.admin");
  for (int i = 0; i < 4; i++)
    {
      type (window, "signin_password", "amber lantern orchid");
      click (window, "signin_button");
    }
  type (window, "signin_password", ADMIN_PASSWORD);
  click (window, "signin_button");
  g_assert_null (kes_store_get_actor (store));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, REFUSED);

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

/* An account without a password (a name in the directory, or one from
 * before accounts) is refused like any failed sign-in: no offer to set a
 * password, no dialog, no one signed in. */
static void
test_no_password_no_entry (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  g_autoptr(KesStaff) entry = NULL;
  g_autoptr(GError) error = NULL;
  KesWindow *window = kes_window_new (NULL);
  const char *tries[] = { "", " ", "root", "password1234", NULL };

  entry = kes_store_add_staff (store, "root", "root", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; tries[i] != NULL; i++)
    {
      type (window, "signin_username", "root");
      type (window, "signin_password", tries[i]);
      click (window, "signin_button");
      g_assert_null (kes_test_find_message_dialog ());
      g_assert_null (kes_store_get_actor (store));
      g_assert_cmpstr (main_child (window), ==, "welcome");
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (welcome_child (window, "signin_error"))), ==, REFUSED);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every account of the demo database, tried with an empty password: in
 * nowhere. */
static void
test_demo_accounts_need_passwords (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  KesDemoOptions options = { 12, 1, 1, 3 };
  KesWindow *window;
  guint n;

  g_assert_true (kes_demo_generate (db->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  admin = kes_test_demo_sign_in (db->store, KES_ROLE_ADMINISTRATOR);
  accounts = kes_store_list_accounts (db->store, &error);
  g_assert_no_error (error);
  kes_store_sign_out (db->store);
  n = g_list_model_get_n_items (accounts);
  g_assert_cmpuint (n, >=, 12);

  window = kes_window_new (NULL);
  kes_window_set_store (window, db->store);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesAccount) account = g_list_model_get_item (accounts, i);

      type (window, "signin_username", kes_account_get_username (account));
      type (window, "signin_password", "");
      click (window, "signin_button");
      g_assert_null (kes_test_find_message_dialog ());
      g_assert_null (kes_store_get_actor (db->store));
      g_assert_cmpstr (main_child (window), ==, "welcome");
    }
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

/* An account an administrator made signs in with its one-time password and
 * must choose its own before anything else; cancelling signs it out. */
static void
test_one_time_password (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (FALSE);
  g_autoptr(KesStore) store = reopen_with_admin (db);
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(GError) error = NULL;
  KesWindow *window = kes_window_new (NULL);
  AdwMessageDialog *dialog;

  admin = kes_store_sign_in (store, "ada.admin", ADMIN_PASSWORD, &error);
  cai = kes_store_create_account (store, "cai", "Cai Clinician", NULL, "North", NULL,
                                  (const char *[]) { KES_ROLE_CLINICIAN, NULL }, "violet harbour 27", &error);
  g_assert_no_error (error);
  kes_store_sign_out (store);

  kes_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  type (window, "signin_username", "cai");
  type (window, "signin_password", "violet harbour 27");
  click (window, "signin_button");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Choose Your Password");
  kes_test_screenshot ("KES_SIGN_IN_SCREENSHOTS", "first-sign-in-choose-password");
  g_assert_null (g_object_get_data (G_OBJECT (dialog), "kes-current-password"));
  g_assert_cmpstr (main_child (window), ==, "welcome");

  /* Cancelled: signed out again, back at the sign-in form. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (kes_store_get_actor (store));
  g_assert_cmpstr (main_child (window), ==, "welcome");

  type (window, "signin_password", "violet harbour 27");
  click (window, "signin_button");
  dialog = kes_test_find_message_dialog ();
  /* Too short: the dialog asks again with core's reason. */
  set_dialog_entry (dialog, "kes-new-password", "short");
  set_dialog_entry (dialog, "kes-confirm-password", "short");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (gtk_label_get_text (g_object_get_data (G_OBJECT (dialog), "kes-problem")),
                            "too short"));
  g_assert_cmpstr (main_child (window), ==, "welcome");

  set_dialog_entry (dialog, "kes-new-password", "copper kettle dawn");
  set_dialog_entry (dialog, "kes-confirm-password", "copper kettle dawn");
  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (kes_staff_get_username (kes_store_get_actor (store)), ==, "cai");
  g_assert_false (kes_store_must_change_password (store));
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
  g_test_add_func ("/sign-in/no-password-no-entry", test_no_password_no_entry);
  g_test_add_func ("/sign-in/demo-accounts-need-passwords", test_demo_accounts_need_passwords);
  g_test_add_func ("/sign-in/one-time-password", test_one_time_password);

  return g_test_run ();
}
