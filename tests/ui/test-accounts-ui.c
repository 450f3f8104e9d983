/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "admin/kes-account-editor.h"
#include "admin/kes-admin-page.h"
#include "admin/kes-staff-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-error.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"

/* Administration → Staff: the accounts with their roles, team, last
 * sign-in and state; adding one with a one-time password; changing roles
 * from the revision the window opened at (a stale change refused with
 * who and when, what was typed kept); disabling and enabling; the plain
 * directory for everyone else. Screenshots go to $KES_ACCOUNTS_SCREENSHOTS
 * when set. */

#define ADMIN_PASSWORD "amber lantern orchard"

typedef struct
{
  KesTestDb     *db;
  KesStaff      *admin;
  KesWindow     *window;
  KesStaffGroup *group;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *admin_roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (FALSE);
  fixture->admin = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", "Administrator", NULL,
                                             NULL, admin_roles, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_use_admin (fixture->db->store, fixture->admin);
  cai = kes_test_account_titled (fixture->db->store, "cai", "Cai Clinician", "Community psychiatric nurse",
                                 "North", NULL, KES_ROLE_CLINICIAN);
  signed_in = kes_store_sign_in (fixture->db->store, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

  fixture->window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 780);
  kes_window_set_store (fixture->window, fixture->db->store);
  fixture->group = KES_STAFF_GROUP (kes_test_child (kes_window_get_admin_page (fixture->window),
                                                    KES_TYPE_ADMIN_PAGE, "staff_group"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_show_area (fixture->window, "admin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  kes_test_destroy_windows (KES_TYPE_ACCOUNT_EDITOR);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->admin);
  kes_test_db_free (fixture->db);
}

static void
shoot_showing (GtkWidget  *window,
               GtkWidget  *show,
               const char *name)
{
  if (g_getenv ("KES_ACCOUNTS_SCREENSHOTS") == NULL)
    return;
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (300);
  if (show != NULL)
    kes_widget_scroll_into_view (show);
  kes_test_screenshot ("KES_ACCOUNTS_SCREENSHOTS", name);
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  shoot_showing (window, NULL, name);
}

static GtkWidget *
editor_child (KesAccountEditor *editor,
              const char       *name)
{
  return kes_test_child (editor, KES_TYPE_ACCOUNT_EDITOR, name);
}

static void
type (KesAccountEditor *editor,
      const char       *name,
      const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, name)), text);
}

static const char *
shown_error (KesAccountEditor *editor)
{
  GtkWidget *label = editor_child (editor, "error_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static KesAccountEditor *
find_editor (void)
{
  return (KesAccountEditor *) kes_test_find_window (KES_TYPE_ACCOUNT_EDITOR);
}

/* Each account's row says its roles, team, last sign-in and state. */
static void
test_list_shows_accounts (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *row = kes_test_find_row (GTK_WIDGET (fixture->group), "Cai Clinician");
  const char *subtitle;

  g_assert_nonnull (row);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_nonnull (strstr (subtitle, "Clinician · North · Last signed in "));
  g_assert_true (g_str_has_suffix (subtitle, " · Active"));
  g_assert_true (gtk_widget_get_visible (kes_test_child (fixture->group, KES_TYPE_STAFF_GROUP, "add_button")));
  shoot (GTK_WIDGET (fixture->window), "staff-list");
}

/* Add Account: a weak one-time password is refused with what was typed
 * kept; a good one makes an account that must change it at first sign-in. */
static void
test_add_account (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  KesAccountEditor *editor;

  g_signal_emit_by_name (kes_test_child (fixture->group, KES_TYPE_STAFF_GROUP, "add_button"), "clicked");
  editor = find_editor ();
  g_assert_nonnull (editor);
  type (editor, "name_row", "Rhys Jones");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "username_row"))), ==, "rhys.jones");
  type (editor, "title_row", "Social worker");
  kes_dropdown_set_code (GTK_DROP_DOWN (editor_child (editor, "team_dropdown")),
                         "6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001");
  kes_account_editor_set_role (editor, KES_ROLE_CLINICIAN, TRUE);
  kes_account_editor_set_role (editor, KES_ROLE_SOCIAL_SUPERVISOR, TRUE);
  type (editor, "password_row", "short");
  shoot (GTK_WIDGET (editor), "add-account");

  g_assert_false (kes_account_editor_save (editor));
  g_assert_nonnull (shown_error (editor));
  g_assert_nonnull (strstr (shown_error (editor), "10 characters"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "name_row"))), ==, "Rhys Jones");
  g_assert_null (kes_store_load_account (fixture->db->store, "rhys.jones", NULL));
  shoot (GTK_WIDGET (editor), "add-account-refused");

  type (editor, "password_row", "lichen-copper-estuary-4");
  g_assert_true (kes_account_editor_save (editor));
  account = kes_store_load_account (fixture->db->store, "rhys.jones", &error);
  g_assert_no_error (error);
  g_assert_true (kes_account_get_must_change_password (account));
  g_assert_true (kes_account_has_role (account, KES_ROLE_CLINICIAN));
  g_assert_true (kes_account_has_role (account, KES_ROLE_SOCIAL_SUPERVISOR));
  g_assert_false (kes_account_has_role (account, KES_ROLE_ADMINISTRATOR));
  g_assert_cmpstr (kes_account_get_team_name (account), ==, "North");
  g_assert_nonnull (kes_test_find_row (GTK_WIDGET (fixture->group), "Rhys Jones"));
}

/* Another administrator changed the account after this window opened:
 * nothing is saved, the message names them and when, and what was typed
 * stays. */
static void
test_stale_change_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_CLINICIAN, KES_ROLE_TEAM_MANAGER, NULL };
  g_autoptr(KesStaff) bea = NULL;
  g_autoptr(KesAccount) before = NULL;
  g_autoptr(KesAccount) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) second = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  KesAccountEditor *editor;

  bea = kes_test_account (fixture->db->store, "bea.admin", "Bea Admin", NULL, KES_ROLE_ADMINISTRATOR);
  g_assert_nonnull (kes_staff_group_open (fixture->group, "cai"));
  editor = find_editor ();
  g_assert_nonnull (editor);
  before = kes_store_load_account (fixture->db->store, "cai", NULL);

  /* Bea, at another desk (another connection), gives Cai a role. */
  second = kes_store_open (fixture->db->path, &error);
  g_assert_no_error (error);
  signed_in = kes_store_sign_in (second, "bea.admin", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_set_staff_roles (second, kes_account_get_id (before), kes_account_get_revision (before),
                                            roles, &error));
  g_assert_no_error (error);

  type (editor, "contact_row", "07700 900123");
  kes_account_editor_set_role (editor, KES_ROLE_CARERS_LIAISON, TRUE);
  g_assert_false (kes_account_editor_save (editor));
  g_assert_nonnull (shown_error (editor));
  g_assert_true (g_str_has_prefix (shown_error (editor), "Bea Admin changed this account on "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "contact_row"))), ==, "07700 900123");
  shoot (GTK_WIDGET (editor), "account-conflict");

  /* Bea's change stands; nothing of this window's was written. */
  after = kes_store_load_account (fixture->db->store, "cai", NULL);
  g_assert_true (kes_account_has_role (after, KES_ROLE_TEAM_MANAGER));
  g_assert_false (kes_account_has_role (after, KES_ROLE_CARERS_LIAISON));
  g_assert_cmpstr (kes_staff_get_contact (kes_account_get_staff (after)), ==, "");
}

/* Roles changed from the window, then disabled (asked first) and enabled;
 * each change is in the account's history. */
static void
test_roles_disable_enable (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesAccount) account = NULL;
  KesAccountEditor *editor;
  AdwMessageDialog *dialog;
  GtkListBox *history;

  kes_staff_group_open (fixture->group, "cai");
  editor = find_editor ();
  kes_account_editor_set_role (editor, KES_ROLE_CARERS_LIAISON, TRUE);
  g_assert_true (kes_account_editor_save (editor));
  account = kes_store_load_account (fixture->db->store, "cai", NULL);
  g_assert_true (kes_account_has_role (account, KES_ROLE_CARERS_LIAISON));
  g_clear_object (&account);

  kes_staff_group_open (fixture->group, "cai");
  editor = find_editor ();
  g_signal_emit_by_name (editor_child (editor, "disable_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  shoot (GTK_WIDGET (dialog), "disable-asks");
  kes_test_answer (dialog, "disable");
  account = kes_store_load_account (fixture->db->store, "cai", NULL);
  g_assert_true (kes_account_get_disabled (account));
  g_clear_object (&account);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (editor_child (editor, "state_row"))), ==,
                   "Disabled");

  g_signal_emit_by_name (editor_child (editor, "disable_button"), "clicked");
  account = kes_store_load_account (fixture->db->store, "cai", NULL);
  g_assert_false (kes_account_get_disabled (account));

  /* Newest first: enabled, disabled, the roles. */
  history = GTK_LIST_BOX (editor_child (editor, "history_list"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (history, 2));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (history, 2))),
                            "roles of cai"));
  shoot_showing (GTK_WIDGET (editor), editor_child (editor, "history_list"), "account-window");
}

/* Reset Password…: the administrator's password dialog sets a one-time
 * password from the revision the window opened at; the window then shows
 * the new state. */
static void
test_reset_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesAccount) account = NULL;
  KesAccountEditor *editor;
  AdwMessageDialog *dialog;

  kes_staff_group_open (fixture->group, "cai");
  editor = find_editor ();
  g_signal_emit_by_name (editor_child (editor, "reset_button"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "kes-new-password"), "ember-willow-crane-52");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "kes-confirm-password"), "ember-willow-crane-52");
  shoot (GTK_WIDGET (dialog), "reset-password");
  kes_test_answer (dialog, "set");
  g_assert_null (kes_test_find_message_dialog ());

  account = kes_store_load_account (fixture->db->store, "cai", NULL);
  g_assert_true (kes_account_get_must_change_password (account));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (editor_child (editor, "state_row"))), ==,
                   "One-time password: to be changed at the next sign-in");
  shoot_showing (GTK_WIDGET (editor), editor_child (editor, "state_row"), "account-after-reset");
}

/* Everyone else reads the directory: names, titles and teams, no roles,
 * no Add Account, no account window. */
static void
test_directory_for_others (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  signed_in = kes_store_sign_in (fixture->db->store, "cai", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  kes_staff_group_reload (fixture->group);
  row = kes_test_find_row (GTK_WIDGET (fixture->group), "Ada Admin");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Administrator");
  row = kes_test_find_row (GTK_WIDGET (fixture->group), "Cai Clinician");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Community psychiatric nurse · North");
  g_assert_false (gtk_widget_get_visible (kes_test_child (fixture->group, KES_TYPE_STAFF_GROUP, "add_button")));
  g_assert_null (kes_staff_group_open (fixture->group, "ada.admin"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/accounts/list-shows-accounts", test_list_shows_accounts);
  ADD ("/accounts/add-account", test_add_account);
  ADD ("/accounts/stale-change-refused", test_stale_change_refused);
  ADD ("/accounts/roles-disable-enable", test_roles_disable_enable);
  ADD ("/accounts/reset-password", test_reset_password);
  ADD ("/accounts/directory-for-others", test_directory_for_others);
#undef ADD

  return g_test_run ();
}
