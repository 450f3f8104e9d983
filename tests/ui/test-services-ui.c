/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "admin/kes-admin-page.h"
#include "admin/kes-service-editor.h"
#include "admin/kes-services-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-error.h"
#include "kes-services.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"

/* Administration → Service Directory: search, add (core's message kept
 * with what was typed), edit, retire; hidden from those core refuses.
 * Screenshots, light and dark, go to $KES_SERVICES_SCREENSHOTS when set. */

#define PASSWORD "violet harbour 27"

typedef struct
{
  KesTestDb        *db;
  KesWindow        *window;
  KesServicesGroup *group;
} Fixture;

static void
sign_in (Fixture    *fixture,
         const char *username)
{
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  signed_in = kes_store_sign_in (fixture->db->store, username, PASSWORD, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *admin[] = { KES_ROLE_ADMINISTRATOR, NULL };
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) ada = NULL;
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *admin_page;

  fixture->db = kes_test_db_new (FALSE);
  ada = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL, NULL, NULL, admin,
                                  PASSWORD, &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->db->store, ada);
  cai = kes_store_create_account (fixture->db->store, "cai", "Cai Clinician", NULL, NULL, NULL,
                                  clinician, KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "cai", PASSWORD);
  sign_in (fixture, "ada.admin");

  fixture->window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 780);
  kes_window_set_store (fixture->window, fixture->db->store);
  admin_page = GTK_WIDGET (kes_window_get_admin_page (fixture->window));
  fixture->group = KES_SERVICES_GROUP (kes_test_child (admin_page, KES_TYPE_ADMIN_PAGE,
                                                       "services_group"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_show_area (fixture->window, "admin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  kes_test_destroy_windows (KES_TYPE_SERVICE_EDITOR);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_db_free (fixture->db);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWidget *
group_child (Fixture    *fixture,
             const char *name)
{
  return kes_test_child (fixture->group, KES_TYPE_SERVICES_GROUP, name);
}

static void
shoot (Fixture    *fixture,
       GtkWidget  *show,
       const char *name)
{
  const char *dir = g_getenv ("KES_SERVICES_SCREENSHOTS");
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;

  kes_test_wait (300);
  if (show != NULL)
    kes_widget_scroll_into_view (show);
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

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list = group_child (fixture, "list");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child))
      n++;
  return n;
}

static GtkWidget *
find_row (Fixture    *fixture,
          const char *title)
{
  GtkWidget *list = group_child (fixture, "list");

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
      return child;
  return NULL;
}

/* The row's suffix button whose accessible label starts with @verb. */
static GtkWidget *
row_button (GtkWidget  *row,
            const char *mnemonic)
{
  GtkWidget *found = NULL;
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = row;
  while (n > 0 && found == NULL)
    {
      GtkWidget *widget = stack[--n];

      if (GTK_IS_BUTTON (widget) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), mnemonic) == 0)
        found = widget;
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && n < 64;
           child = gtk_widget_get_next_sibling (child))
        stack[n++] = child;
    }
  g_assert_nonnull (found);
  return found;
}

static KesServiceEditor *
find_editor (void)
{
  return (KesServiceEditor *) kes_test_find_window (KES_TYPE_SERVICE_EDITOR);
}

static GtkWidget *
editor_child (KesServiceEditor *editor,
              const char       *name)
{
  return kes_test_child (editor, KES_TYPE_SERVICE_EDITOR, name);
}

static void
type (KesServiceEditor *editor,
      const char       *row,
      const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, row)), text);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  /* The list follows the entry's search-changed, which comes a moment later. */
  gtk_editable_set_text (GTK_EDITABLE (group_child (fixture, "search_entry")), text);
  kes_test_wait (500);
}

static void
test_add_edit_retire (Fixture       *fixture,
                      gconstpointer  data)
{
  KesServiceEditor *editor;
  GtkWidget *error_label;
  GtkWidget *row;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));
  /* The five national numbers every database starts with. */
  g_assert_cmpuint (count_rows (fixture), ==, 5);
  search (fixture, "samaritans");
  g_assert_cmpuint (count_rows (fixture), ==, 1);
  shoot (fixture, GTK_WIDGET (fixture->group), "services-search");
  search (fixture, "");

  /* Add: what core refuses is said in plain words, the window stays open
   * with everything typed, the fields named are marked. */
  g_signal_emit_by_name (group_child (fixture, "add_button"), "clicked");
  editor = find_editor ();
  g_assert_nonnull (editor);
  type (editor, "name_row", "Norfolk forensic community team");
  type (editor, "area_row", "Norfolk");
  type (editor, "address_row", "The Old Mill, Norwich NR1 1AA");
  type (editor, "hours_row", "9 till 5");
  type (editor, "general_row", "01603 421 000");
  type (editor, "crisis_row", "ring reception");
  g_assert_false (kes_service_editor_save (editor));
  g_assert_true (find_editor () == editor);
  error_label = editor_child (editor, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Office hours “9 till 5”"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)),
                            "Out-of-hours crisis number “ring reception”: use digits"));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "hours_row"), "error"));
  g_assert_true (gtk_widget_has_css_class (editor_child (editor, "crisis_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (editor_child (editor, "general_row"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "address_row"))), ==,
                   "The Old Mill, Norwich NR1 1AA");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  shoot (fixture, NULL, "service-editor-refused");

  type (editor, "hours_row", "Monday to Friday 09:00–17:00");
  type (editor, "crisis_row", "0800 051 0000");
  g_assert_true (kes_service_editor_save (editor));
  g_assert_null (find_editor ());
  search (fixture, "norfolk");
  row = find_row (fixture, "Norfolk forensic community team");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Out of hours 0800 051 0000"));
  shoot (fixture, row, "services-added");

  /* Edit: the form opens with what is stored; the change is saved by core. */
  g_signal_emit_by_name (row_button (row, "Edit…"), "clicked");
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "hours_row"))), ==,
                   "Monday to Friday 09:00–17:00");
  shoot (fixture, NULL, "service-editor-edit");
  type (editor, "urgent_row", "01603 421 999");
  g_assert_true (kes_service_editor_save (editor));
  stored = kes_store_search_services (fixture->db->store, "Norfolk forensic", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (stored->pdata[0], "urgent_phone"), ==, "01603 421 999");
  g_assert_cmpstr (kes_field_record_get_text (stored->pdata[0], "area"), ==, "Norfolk");

  /* Retire: asked first; out of use, never deleted. */
  row = find_row (fixture, "Norfolk forensic community team");
  g_signal_emit_by_name (row_button (row, "Retire…"), "clicked");
  {
    AdwMessageDialog *dialog = kes_test_find_message_dialog ();

    g_assert_nonnull (dialog);
    shoot (fixture, NULL, "service-retire-confirm");
    adw_message_dialog_response (dialog, "retire");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_null (find_row (fixture, "Norfolk forensic community team"));
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = kes_store_list_services (fixture->db->store, "Norfolk", &error);
  g_assert_cmpuint (stored->len, ==, 5);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (group_child (fixture, "retired_check")), TRUE);
  row = find_row (fixture, "Norfolk forensic community team");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Retired"));
  shoot (fixture, row, "services-retired");
}

/* Another administrator saves the same entry first, on another connection
 * (another computer, or kestrel-cli): the editor says who and when, keeps
 * everything typed and stays open; their number is the one stored. */
static void
test_conflict_keeps_typed (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *admin[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesStore) other = NULL;
  g_autoptr(KesStaff) bob = NULL;
  g_autoptr(KesFieldRecord) theirs = NULL;
  g_autoptr(KesFieldRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  KesServiceEditor *editor;
  GtkWidget *row, *error_label;
  const char *id;

  search (fixture, "samaritans");
  row = find_row (fixture, "Samaritans");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row_button (row, "Edit…"), "clicked");
  editor = find_editor ();
  g_assert_nonnull (editor);

  bob = kes_store_create_account (fixture->db->store, "bob.admin", "Bob Barker", NULL, NULL, NULL,
                                  admin, KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "bob.admin", PASSWORD);
  other = kes_store_open (fixture->db->path, &error);
  g_assert_no_error (error);
  g_clear_object (&bob);
  bob = kes_store_sign_in (other, "bob.admin", PASSWORD, &error);
  g_assert_no_error (error);
  theirs = kes_store_search_services (other, "Samaritans", FALSE, &error)->pdata[0];
  g_object_ref (theirs);
  id = kes_field_record_get_id (theirs);
  kes_field_record_set_text (theirs, "notes", "Free from any phone, day or night.");
  g_assert_true (kes_store_save_service (other, theirs, &error));
  g_assert_no_error (error);

  type (editor, "urgent_row", "116 123 0002");
  type (editor, "notes_row", "Our team's note, typed before the other save");
  g_assert_false (kes_service_editor_save (editor));
  g_assert_true (find_editor () == editor);
  error_label = editor_child (editor, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)),
                                   "Bob Barker changed this entry of the service directory on "));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "notes_row"))), ==,
                   "Our team's note, typed before the other save");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_child (editor, "urgent_row"))), ==,
                   "116 123 0002");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  shoot (fixture, NULL, "service-editor-conflict");

  stored = kes_store_load_service (fixture->db->store, id, &error);
  g_assert_cmpstr (kes_field_record_get_text (stored, "notes"), ==, "Free from any phone, day or night.");
  g_assert_cmpint (kes_field_record_get_revision (stored), ==, 2);
  gtk_window_close (GTK_WINDOW (editor));
}

/* The teams beside the directory: a rename from a page that shows an old
 * name is refused, naming who renamed it, and the page then shows the name
 * the team has now. */
static void
test_team_rename_conflict (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *admin_page = GTK_WIDGET (kes_window_get_admin_page (fixture->window));
  GtkWidget *teams = kes_test_child (admin_page, KES_TYPE_ADMIN_PAGE, "teams_group");
  g_autoptr(KesStore) other = kes_store_open (fixture->db->path, NULL);
  g_autoptr(KesStaff) ada = kes_store_sign_in (other, "ada.admin", PASSWORD, NULL);
  g_autoptr(KesTeam) north = kes_store_find_team (other, "North");
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row = NULL;

  for (GtkWidget *child = kes_test_find_descendant (teams, ADW_TYPE_ACTION_ROW); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), "North") == 0)
      row = child;
  g_assert_nonnull (row);

  /* Someone else renames it first, from another copy of Kestrel. */
  g_assert_nonnull (ada);
  g_assert_true (kes_store_rename_team (other, kes_team_get_id (north), kes_team_get_revision (north),
                                        "North Forensic", &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (row_button (row, "_Rename…"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "North Community");
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Team Was Not Renamed");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Ada Admin renamed this team on "));
  shoot (fixture, NULL, "team-rename-conflict");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&north);
  north = kes_store_find_team (fixture->db->store, "North Forensic");
  g_assert_nonnull (north);
  g_assert_null (kes_store_find_team (fixture->db->store, "North Community"));
}

/* A clinician: no Service Directory in Administration, and core refuses. */
static void
test_hidden_for_clinician (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(GError) error = NULL;

  sign_in (fixture, "cai");
  kes_services_group_reload (fixture->group);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));

  kes_field_record_set_text (service, "kind", "team");
  kes_field_record_set_text (service, "name", "Shadow team");
  kes_field_record_set_text (service, "general_phone", "01603 000 000");
  g_assert_false (kes_store_save_service (fixture->db->store, service, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/services-ui/add-edit-retire", test_add_edit_retire);
  ADD ("/services-ui/hidden-for-clinician", test_hidden_for_clinician);
  ADD ("/services-ui/conflict-keeps-typed", test_conflict_keeps_typed);
  ADD ("/services-ui/team-rename-conflict", test_team_rename_conflict);
#undef ADD

  return g_test_run ();
}
