/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-application.h"
#include "kes-secondary-window.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "preview/kes-report-preview.h"

/* The shortcuts window lists exactly what works (issue 24): every entry of
 * ui/gtk/help-overlay.ui is bound, either as an accelerator the
 * application sets for an action the window really has, or as a
 * shortcut of a widget in the window (the record, the note form, the
 * caseload's search, a preview); and every accelerator the application
 * sets is listed there. */

typedef struct
{
  KesApplication *app;
  KesTestDb      *db;
  KesWindow      *window;
  GtkWindow      *preview_window;
  GHashTable     *widget_keys;  /* accelerator names the widgets bind */
} Fixture;

/* One canonical spelling of an accelerator, for comparing. */
static char *
canonical (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &mods) || keyval == 0)
    g_error ("“%s” is no accelerator GTK can read", accelerator);
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), mods);
}

static void
collect_trigger (GHashTable        *keys,
                 GtkShortcutTrigger *trigger)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    g_hash_table_add (keys, gtk_accelerator_name (
      gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      collect_trigger (keys, gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)));
      collect_trigger (keys, gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)));
    }
}

/* Every key a shortcut controller under @widget binds (the widgets' own
 * bindings, such as the record's Ctrl+S, are such controllers). */
static void
collect_widget_keys (GHashTable *keys,
                     GtkWidget  *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);

          collect_trigger (keys, gtk_shortcut_get_trigger (shortcut));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_keys (keys, child);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint made;
  g_autofree char *id = g_strdup_printf ("io.github.kestrelcare.Kestrel.Shortcuts%u", ++made);
  g_autoptr(GError) error = NULL;
  g_autofree char *patient = NULL;
  KesPatientPage *page;
  GtkWidget *preview;

  /* An id of each test's own: the last test's may still be on the bus. */
  fixture->app = kes_application_new ();
  g_application_set_application_id (G_APPLICATION (fixture->app), id);
  g_assert_true (g_application_register (G_APPLICATION (fixture->app), NULL, &error));
  g_assert_no_error (error);

  fixture->db = kes_test_db_new (TRUE);
  patient = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren", "943 476 5919", NULL);
  fixture->window = kes_window_new (GTK_APPLICATION (fixture->app));
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The caseload, a record with a note begun: every page whose keys are
   * listed is built. */
  kes_window_get_caseload_page (fixture->window);
  kes_window_open_patient (fixture->window, patient);
  page = kes_window_get_patient_page (fixture->window);
  g_assert_true (kes_patient_page_add_note (page));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* A preview, as the record's summary opens it. */
  fixture->preview_window = GTK_WINDOW (gtk_window_new ());
  preview = kes_report_preview_new ();
  gtk_window_set_child (fixture->preview_window, preview);
  kes_secondary_window_add_close_keys (fixture->preview_window);

  fixture->widget_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  collect_widget_keys (fixture->widget_keys, GTK_WIDGET (fixture->window));
  collect_widget_keys (fixture->widget_keys, GTK_WIDGET (fixture->preview_window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (fixture->preview_window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->widget_keys, g_hash_table_unref);
  /* The application's context holds the store too (as when the app ends). */
  kes_context_set_store (kes_application_get_context (fixture->app), NULL);
  g_clear_object (&fixture->app);
  kes_test_db_free (fixture->db);
}

/* Whether the window (or the application) has the action @name
 * ("win.go-back", "window.close", "app.quit"). */
static gboolean
action_exists (Fixture    *fixture,
               const char *name)
{
  const char *dot = strchr (name, '.');

  g_assert_nonnull (dot);
  if (g_str_has_prefix (name, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (fixture->app), dot + 1);
  if (g_str_has_prefix (name, "win.") &&
      g_action_map_lookup_action (G_ACTION_MAP (fixture->window), dot + 1) != NULL)
    return TRUE;
  /* Installed by a class: the window's own, or GtkWindow's "window.close". */
  for (GType type = G_OBJECT_TYPE (fixture->window); type != GTK_TYPE_WIDGET; type = g_type_parent (type))
    {
      GtkWidgetClass *klass = g_type_class_peek (type);
      GType owner;
      const char *installed;
      const GVariantType *parameter;
      const char *property;

      for (guint i = 0;
           gtk_widget_class_query_action (klass, i, &owner, &installed, &parameter, &property); i++)
        if (g_str_equal (installed, name))
          return TRUE;
    }
  return FALSE;
}

/* "<Alt>1...<Alt>9" → "<Alt>1" … "<Alt>9"; one accelerator → itself. */
static void
expand (const char *token,
        GPtrArray  *into)
{
  g_auto(GStrv) ends = g_strsplit (token, "...", 2);
  guint first, last;
  GdkModifierType mods, last_mods;

  if (ends[1] == NULL)
    {
      g_ptr_array_add (into, canonical (token));
      return;
    }
  g_assert_true (gtk_accelerator_parse (ends[0], &first, &mods));
  g_assert_true (gtk_accelerator_parse (ends[1], &last, &last_mods));
  g_assert_cmpuint (mods, ==, last_mods);
  g_assert_cmpuint (first, <, last);
  for (guint keyval = first; keyval <= last; keyval++)
    g_ptr_array_add (into, gtk_accelerator_name (keyval, mods));
}

static void
test_listed_are_bound (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) app_actions = gtk_application_list_action_descriptions (GTK_APPLICATION (fixture->app));
  guint entries = 0;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      entries++;
      g_object_get (l->data, "title", &title, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), action);
          g_autofree char *name = NULL;
          g_autoptr(GVariant) target = NULL;
          g_autoptr(GError) error = NULL;

          g_assert_true (g_action_parse_detailed_name (action, &name, &target, &error));
          if (!action_exists (fixture, name))
            g_error ("“%s” lists %s, which the window does not have", title, name);
          if (accels == NULL || accels[0] == NULL)
            g_error ("“%s” lists %s, which has no accelerator", title, action);
          for (guint i = 0; accels[i] != NULL; i++)
            g_hash_table_add (listed, canonical (accels[i]));
        }
      else
        {
          g_auto(GStrv) tokens = g_strsplit (accelerator, " ", -1);
          g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

          g_assert_nonnull (accelerator);
          for (guint i = 0; tokens[i] != NULL; i++)
            expand (tokens[i], keys);
          for (guint i = 0; i < keys->len; i++)
            {
              const char *key = g_ptr_array_index (keys, i);
              g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (fixture->app), key);

              if ((actions == NULL || actions[0] == NULL) && !g_hash_table_contains (fixture->widget_keys, key))
                g_error ("“%s” lists %s, which nothing in the window binds", title, key);
              g_hash_table_add (listed, g_strdup (key));
            }
        }
    }
  g_assert_cmpuint (entries, >=, 20);

  /* And every accelerator the application sets is in the list. */
  for (guint i = 0; app_actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), app_actions[i]);

      for (guint a = 0; accels[a] != NULL; a++)
        {
          g_autofree char *key = canonical (accels[a]);

          if (!g_hash_table_contains (listed, key))
            g_error ("%s (%s) is not in the shortcuts window", key, app_actions[i]);
        }
    }
}

/* The keys the window lists for the record exist with the meaning given:
 * the record's Ctrl+S and Escape, the note form's Ctrl+S, the preview's. */
static void
test_widget_keys_where_listed (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char * const expected[] = {
    "<Control>s", "Escape", "Down", "<Control>p", "Page_Down", "Page_Up", "<Control>plus", "<Control>minus",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *key = canonical (expected[i]);

      g_assert_true (g_hash_table_contains (fixture->widget_keys, key));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/shortcuts/listed-are-bound-and-bound-are-listed", test_listed_are_bound);
  ADD ("/shortcuts/widget-keys", test_widget_keys_where_listed);
#undef ADD

  return g_test_run ();
}
