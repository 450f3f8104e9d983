/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-templates"

#include "config.h"

#include <string.h>

#include "admin/kes-admin-page.h"
#include "caseload/kes-caseload-page.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-history-view.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "welcome/kes-welcome-page.h"

/* Every template builds: a broken .ui fails here, not in front of a user. */
static void
test_every_template (void)
{
  const GType types[] = {
    KES_TYPE_ADMIN_PAGE, KES_TYPE_CASELOAD_PAGE, KES_TYPE_CONTACTS_VIEW, KES_TYPE_HISTORY_VIEW,
    KES_TYPE_NOTES_VIEW, KES_TYPE_PATIENT_FORM, KES_TYPE_PATIENT_PAGE, KES_TYPE_WELCOME_PAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *widget = g_object_new (types[i], NULL);

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (widget, types[i]));
      g_assert_nonnull (gtk_widget_get_first_child (widget));
      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      kes_test_wait (20);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_window_template (void)
{
  KesWindow *window = kes_window_new (NULL);

  g_assert_true (KES_IS_WINDOW (window));
  g_assert_true (KES_IS_CASELOAD_PAGE (kes_window_get_caseload_page (window)));
  g_assert_true (KES_IS_PATIENT_PAGE (kes_window_get_patient_page (window)));
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (20);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_resources_linked (void)
{
  static const char * const paths[] = {
    "/kes-window.ui", "/gtk/help-overlay.ui", "/style.css",
    "/caseload/kes-caseload-page.ui", "/patient/kes-patient-form.ui",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_PREFIX, paths[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
    }
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX
                                                                 "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_open_error_page (void)
{
  KesWindow *window = kes_window_new (NULL);
  GtkWidget *main_stack = kes_test_child (window, KES_TYPE_WINDOW, "main_stack");
  GtkWidget *status = kes_test_child (window, KES_TYPE_WINDOW, "error_status");
  g_autoptr(GError) error = g_error_new_literal (KES_ERROR, KES_ERROR_NEWER_SCHEMA,
                                                 "The database has schema version 99");

  kes_window_show_open_error (window, "/tmp/x.db", error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (main_stack)), ==, "error");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "This Database Needs a Newer Kestrel");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "schema version 99"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *kestrel_path;

/* The application: accelerators, the style action, and the real binary's
 * command line. */
static void
test_application (void)
{
  g_autoptr(KesApplication) app = kes_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  g_autoptr(GVariant) state = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.new-patient");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>n"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>slash"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));

  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("dark"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "style");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");

  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("light"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("system"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* The style chosen is where the next start begins (issue 24). */
static void
test_style_remembered (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.kestrelcare.Kestrel");
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KesApplication) first = kes_application_new ();

    /* An id of its own: another test's application is registered here. */
    g_application_set_application_id (G_APPLICATION (first), "io.github.kestrelcare.Kestrel.StyleFirst");
    g_assert_true (g_application_register (G_APPLICATION (first), NULL, &error));
    g_assert_no_error (error);
    g_action_group_activate_action (G_ACTION_GROUP (first), "style", g_variant_new_string ("dark"));
  }
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 2);

  /* Another start, from the system's style. */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  {
    g_autoptr(KesApplication) second = kes_application_new ();

    g_application_set_application_id (G_APPLICATION (second), "io.github.kestrelcare.Kestrel.StyleSecond");
    g_assert_true (g_application_register (G_APPLICATION (second), NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
    state = g_action_group_get_action_state (G_ACTION_GROUP (second), "style");
    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "dark");
    g_action_group_activate_action (G_ACTION_GROUP (second), "style", g_variant_new_string ("system"));
  }
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, 0);
}

static void
test_version_option (void)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf ("kestrel %s\n", PACKAGE_VERSION);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { kestrel_path, "--version", NULL };
  int status = -1;

  if (kestrel_path == NULL)
    {
      g_test_skip ("the path of the kestrel binary was not given");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The meson test passes the real binary after the test's own options. */
  if (argc > 1)
    kestrel_path = argv[1];

  g_test_add_func ("/application/accels-and-style", test_application);
  g_test_add_func ("/application/style-remembered", test_style_remembered);
  g_test_add_func ("/application/version-option", test_version_option);

  g_test_add_func ("/templates/every-widget", test_every_template);
  g_test_add_func ("/templates/window", test_window_template);
  g_test_add_func ("/templates/resources-linked", test_resources_linked);
  g_test_add_func ("/templates/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/open-error", test_open_error_page);

  return g_test_run ();
}
