/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "admin/kes-history-job.h"
#include "backup/kes-auto-backup.h"
#include "kes-accessible-names.h"
#include "kes-app-util.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-window.h"

struct _KesApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  KesStore       *store;
  KesContext     *context;  /* the store (once open), settings and clock for every window */
  GError         *open_error;
  gboolean        store_tried;
  gboolean        check_pending;
};

G_DEFINE_FINAL_TYPE (KesApplication, kes_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this database file instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of Kestrel and exit"), NULL },
  { NULL }
};

static const char *
style_to_string (AdwColorScheme scheme)
{
  switch (scheme)
    {
    case ADW_COLOR_SCHEME_FORCE_LIGHT:
      return "light";
    case ADW_COLOR_SCHEME_FORCE_DARK:
      return "dark";
    case ADW_COLOR_SCHEME_DEFAULT:
    case ADW_COLOR_SCHEME_PREFER_LIGHT:
    case ADW_COLOR_SCHEME_PREFER_DARK:
    default:
      return "system";
    }
}

static GSettings *
style_settings (void)
{
  static const char * const keys[] = { "style", NULL };

  return kes_settings_new_with_keys (keys);
}

static void
apply_style (const char *style)
{
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (style, "light") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (style, "dark") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* The choice is kept for the next start (someone who needs the dark style
 * to read should not have to choose it every morning). */
static void
style_action_cb (GSimpleAction *action,
                 GVariant      *value,
                 gpointer       user_data)
{
  const char *style = g_variant_get_string (value, NULL);
  g_autoptr(GSettings) settings = style_settings ();

  apply_style (style);
  g_simple_action_set_state (action, g_variant_new_string (style_to_string (
                               adw_style_manager_get_color_scheme (adw_style_manager_get_default ()))));
  if (settings != NULL)
    g_settings_set_string (settings, "style", style_to_string (
                             adw_style_manager_get_color_scheme (adw_style_manager_get_default ())));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing each window lets a record with unsaved changes ask first; the
   * application ends when the last window has gone. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_list_free (windows);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Kestrel"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Kestrel contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Clinical records and reports for forensic community mental "
                                      "health teams, liaison and diversion teams and carers' "
                                      "liaison staff."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© The Kestrel contributors"),
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb, NULL, NULL, NULL },
  { "about", about_action_cb, NULL, NULL, NULL },
  { "style", NULL, "s", "'system'", style_action_cb },
};

static void
open_store (KesApplication *self)
{
  g_autofree char *dir = NULL;

  if (self->store_tried)
    return;
  self->store_tried = TRUE;

  if (self->database_path == NULL)
    self->database_path = kes_store_default_path ();

  if (g_strcmp0 (self->database_path, ":memory:") != 0)
    {
      dir = g_path_get_dirname (self->database_path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_debug ("Could not create %s: %s", dir, g_strerror (errno));
    }

  /* The whole-file check runs after the first frame (check_database). */
  self->store = kes_store_open_check_later (self->database_path, &self->check_pending, &self->open_error);
  kes_context_set_store (self->context, self->store);
  if (self->store == NULL)
    g_warning ("Could not open %s: %s", self->database_path, self->open_error->message);
}

static int
kes_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  KesApplication *self = KES_APPLICATION (application);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("kestrel %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database != NULL)
    {
      g_free (self->database_path);
      self->database_path = g_strcmp0 (database, ":memory:") == 0
                              ? g_strdup (database)
                              : g_canonicalize_filename (database, NULL);
    }

  return G_APPLICATION_CLASS (kes_application_parent_class)->handle_local_options (application,
                                                                                   options);
}

static void
kes_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);
  AdwStyleManager *manager;
  g_autoptr(GSettings) settings = NULL;
  GAction *style;
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.new-patient", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.lock", { "<Control>l", NULL } },
    { "win.show-help-overlay", { "<Control>question", "<Control>slash", NULL } },
    { "window.close", { "<Control>w", NULL } },
    /* Issue 24: back, the areas (Ctrl+number, as Evolution switches its
     * parts), the record's tabs (as GNOME's browsers and terminal switch
     * tabs), a note and the Export menu. */
    { "win.go-back", { "<Alt>Left", NULL } },
    { "win.show-area('today')", { "<Control>1", NULL } },
    { "win.show-area('caseload')", { "<Control>2", NULL } },
    { "win.show-area('referrals')", { "<Control>3", NULL } },
    { "win.show-area('reports')", { "<Control>4", NULL } },
    { "win.show-area('carers')", { "<Control>5", NULL } },
    { "win.show-area('liaison')", { "<Control>6", NULL } },
    { "win.show-area('admin')", { "<Control>7", NULL } },
    { "win.next-tab", { "<Control>Page_Down", NULL } },
    { "win.previous-tab", { "<Control>Page_Up", NULL } },
    { "win.show-tab(1)", { "<Alt>1", NULL } },
    { "win.show-tab(2)", { "<Alt>2", NULL } },
    { "win.show-tab(3)", { "<Alt>3", NULL } },
    { "win.show-tab(4)", { "<Alt>4", NULL } },
    { "win.show-tab(5)", { "<Alt>5", NULL } },
    { "win.show-tab(6)", { "<Alt>6", NULL } },
    { "win.show-tab(7)", { "<Alt>7", NULL } },
    { "win.show-tab(8)", { "<Alt>8", NULL } },
    { "win.show-tab(9)", { "<Alt>9", NULL } },
    { "win.show-tab(10)", { "<Alt>0", NULL } },
    { "win.add-note", { "<Control><Shift>n", NULL } },
    { "win.export", { "<Control>e", NULL } },
  };

  G_APPLICATION_CLASS (kes_application_parent_class)->startup (application);
  kes_accessible_names_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  manager = adw_style_manager_get_default ();
  settings = style_settings ();
  if (settings != NULL)
    {
      g_autofree char *kept = g_settings_get_string (settings, "style");

      apply_style (kept);
    }
  style = g_action_map_lookup_action (G_ACTION_MAP (app), "style");
  g_simple_action_set_state (G_SIMPLE_ACTION (style),
                             g_variant_new_string (style_to_string (
                               adw_style_manager_get_color_scheme (manager))));
}

static void
start_auto_backup (KesApplication *self,
                   GtkWindow      *window)
{
  g_autofree char *folder = kes_auto_backup_folder (self->store);

  /* Once a day, in the background. */
  if (folder != NULL)
    kes_auto_backup_start (GTK_WIDGET (window), self->store, folder);
}

/* ---- The access log's quick check, and its anchor at the end ---- */

/* What the quick check found, one problem a paragraph, and what to do. */
static char *
history_alert_text (KesVerifyReport *report)
{
  g_autoptr(GPtrArray) problems = kes_verify_report_list_problems (report);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s\n\n", (const char *) g_ptr_array_index (problems, i));
  if (kes_verify_report_get_problems (report, KES_VERIFY_GUARDS) > 0)
    g_string_append (text, _("Nothing can be saved to records until the append-only rules are put back. "));
  g_string_append (text, _("An administrator should run the full check: Administration, History and Access "
                           "Log, Check Now."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
history_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWindow) window = user_data;
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  report = kes_history_job_quick_finish (result, &error);
  if (report == NULL)
    {
      g_warning ("The quick check of the access log did not run: %s", error->message);
      return;
    }
  if (kes_verify_report_is_intact (report))
    return;
  /* Rule names, entry numbers and dates only: fine before anyone signs in. */
  body = history_alert_text (report);
  dialog = adw_message_dialog_new (window, _("This Database’s History Needs Checking"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Checked each time the database opens, in a worker, in well under a
 * second: the append-only rules, the key, the newest entry and the newest
 * anchor this installation holds. */
static void
check_history (KesApplication *self,
               GtkWindow      *window)
{
  if (g_strcmp0 (self->database_path, ":memory:") == 0)
    return;
  kes_history_job_quick_async (self->database_path, NULL, history_checked_cb, g_object_ref (window));
}

/* What this program added to the access log is anchored outside the file. */
static void
anchor_store (KesStore *store)
{
  g_autoptr(GError) error = NULL;

  if (store != NULL && !kes_store_anchor (store, "close", FALSE, &error))
    g_warning ("The access log’s head was not anchored: %s", error->message);
}

static void
database_checked_cb (KesIntegrityBar *bar,
                     const GError    *error,
                     gpointer         user_data)
{
  KesApplication *self = KES_APPLICATION (user_data);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (bar), KES_TYPE_WINDOW);

  if (error == NULL)
    {
      if (self->store != NULL && window != NULL)
        {
          check_history (self, GTK_WINDOW (window));
          start_auto_backup (self, GTK_WINDOW (window));
        }
      return;
    }
  /* Damage found before anyone signed in: nobody signs in (a sign-in is
   * itself written to the file). Found later, the bar says so, core refuses
   * every write, and the screen is left as it is. */
  if (g_error_matches (error, KES_ERROR, KES_ERROR_CORRUPT) && self->store != NULL &&
      kes_store_get_actor (self->store) == NULL && window != NULL)
    {
      g_clear_object (&self->store);
      kes_context_set_store (self->context, NULL);
      g_clear_error (&self->open_error);
      self->open_error = g_error_copy (error);
      kes_window_show_open_error (KES_WINDOW (window), self->database_path, error);
    }
}

static void
first_paint_done_cb (GdkFrameClock *clock,
                     gpointer       user_data)
{
  KesWindow *window = user_data;
  KesStore *store = kes_window_get_store (window);

  g_signal_handlers_disconnect_by_func (clock, first_paint_done_cb, window);
  if (store != NULL)
    kes_integrity_bar_check (kes_window_get_integrity_bar (window), kes_store_get_path (store));
  g_object_unref (window);
}

static gboolean
first_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  /* Started once the first frame is painted, so as not to compete with it
   * for the CPU and the disk. */
  g_signal_connect (clock, "after-paint", G_CALLBACK (first_paint_done_cb), g_object_ref (widget));
  return G_SOURCE_REMOVE;
}

/* The whole-file check of a large database takes seconds to minutes: sign-in
 * waits only for the checks of what it relies on (kes_store_open_check_later);
 * the rest runs in a worker after the first frame, shown at the foot of the
 * window (integrity/kes-integrity-bar.c). */
static void
check_database (KesApplication *self,
                KesWindow      *window)
{
  g_signal_connect_object (kes_window_get_integrity_bar (window), "checked",
                           G_CALLBACK (database_checked_cb), self, 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), first_tick_cb, NULL, NULL);
}

static void
kes_application_activate (GApplication *application)
{
  KesApplication *self = KES_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  open_store (self);

  window = GTK_WINDOW (kes_window_new (GTK_APPLICATION (application)));
  if (self->store != NULL)
    kes_window_set_store (KES_WINDOW (window), self->store);
  else
    kes_window_show_open_error (KES_WINDOW (window), self->database_path, self->open_error);

  gtk_window_present (window);

  if (self->store != NULL && self->check_pending)
    check_database (self, KES_WINDOW (window));
  else if (self->store != NULL)
    {
      check_history (self, window);
      start_auto_backup (self, window);
    }
}

static void
kes_application_shutdown (GApplication *application)
{
  KesApplication *self = KES_APPLICATION (application);

  anchor_store (self->store);
  G_APPLICATION_CLASS (kes_application_parent_class)->shutdown (application);
}

static void
kes_application_finalize (GObject *object)
{
  KesApplication *self = KES_APPLICATION (object);

  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_error (&self->open_error);
  g_free (self->database_path);

  G_OBJECT_CLASS (kes_application_parent_class)->finalize (object);
}

static void
kes_application_class_init (KesApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = kes_application_finalize;

  app_class->handle_local_options = kes_application_handle_local_options;
  app_class->startup = kes_application_startup;
  app_class->activate = kes_application_activate;
  app_class->shutdown = kes_application_shutdown;
}

static void
kes_application_init (KesApplication *self)
{
  static const char * const context_keys[] = { "inactivity-lock-minutes", NULL };
  g_autoptr(GSettings) settings = kes_settings_new_with_keys (context_keys);

  self->context = kes_context_new (NULL, settings);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Clinical records for forensic community mental "
                                              "health teams."));
}

KesApplication *
kes_application_new (void)
{
  return g_object_new (KES_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

const char *
kes_application_get_database_path (KesApplication *self)
{
  g_return_val_if_fail (KES_IS_APPLICATION (self), NULL);

  return self->database_path;
}

KesContext *
kes_application_get_context (KesApplication *self)
{
  g_return_val_if_fail (KES_IS_APPLICATION (self), NULL);

  return self->context;
}

KesStore *
kes_application_get_store (KesApplication *self)
{
  g_return_val_if_fail (KES_IS_APPLICATION (self), NULL);

  return self->store;
}

void
kes_application_set_store (KesApplication *self,
                           KesStore       *store)
{
  g_return_if_fail (KES_IS_APPLICATION (self));
  g_return_if_fail (KES_IS_STORE (store));

  if (self->store != store)
    anchor_store (self->store);
  g_set_object (&self->store, store);
  kes_context_set_store (self->context, store);
  g_free (self->database_path);
  self->database_path = g_strdup (kes_store_get_path (store));
  g_clear_error (&self->open_error);
  self->store_tried = TRUE;
}
