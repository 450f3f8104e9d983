/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-break-glass-dialog.h"
#include "accounts/kes-inactivity.h"
#include "accounts/kes-lock-screen.h"
#include "accounts/kes-password-dialog.h"
#include "accounts/kes-session-windows.h"
#include "admin/kes-admin-page.h"
#include "carers/kes-carers-page.h"
#include "liaison/kes-liaison-page.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "kes-window-private.h"
#include "moj/kes-moj-reports-page.h"
#include "today/kes-today-page.h"
#include "referrals/kes-referrals-page.h"
#include "reports/kes-equality-view.h"
#include "welcome/kes-welcome-page.h"

#define SETTINGS_SCHEMA_ID "io.github.kestrelcare.Kestrel"

G_DEFINE_FINAL_TYPE (KesWindow, kes_window, ADW_TYPE_APPLICATION_WINDOW)

/* ---- Settings: tolerated when the schema is not installed ---- */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char * const keys[] = { "window-width", "window-height", "window-maximized" };

  if (source == NULL)
    return NULL;

  schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (!g_settings_schema_has_key (schema, keys[i]))
        return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
restore_window_state (KesWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (KesWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
kes_window_lock_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  kes_window_lock_now (KES_WINDOW (widget));
}

/* ---- Own password ---- */

static void
own_password_changed_cb (KesStaff   *staff,
                         const char *password,
                         gpointer    user_data)
{
  KesWindow *self = user_data;

  if (password != NULL)
    kes_widget_toast (GTK_WIDGET (self), _("Password changed"));
  g_object_unref (self);
}

static void
kes_window_change_password_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;

  if (actor == NULL)
    return;
  kes_ask_new_password (widget, self->store, actor, 0, KES_PASSWORD_CHANGE_OWN, _("Change Password"),
                        _("Type your current password, then the new one twice."),
                        own_password_changed_cb, g_object_ref (self));
}

/* ---- Actions ---- */

static void
kes_window_new_patient_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  kes_window_after_unsaved_changes (KES_WINDOW (widget), kes_window_new_patient_now, "new");
}

static void
search_now (KesWindow  *self,
            const char *unused)
{
  if (unused == NULL)
    return;

  kes_window_show_area_now (self, "caseload");
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  kes_caseload_page_focus_search (self->caseload_page);
}

static void
kes_window_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  if (kes_window_showing_patient (self))
    kes_window_after_unsaved_changes (self, search_now, "search");
  else
    search_now (self, "search");
}

static void
kes_window_show_caseload_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  kes_window_after_unsaved_changes (KES_WINDOW (widget), kes_window_show_area_now, "caseload");
}

static void
kes_window_sign_out_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  kes_window_after_unsaved_changes (KES_WINDOW (widget), kes_window_sign_out_now, "sign-out");
}

static void
kes_window_open_patient_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  kes_window_open_patient (KES_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* From a liaison and diversion screening made into a referral. */
static void
kes_window_open_referral_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  kes_window_show_area (self, "referrals");
  kes_referrals_page_open_referral (self->referrals_page, g_variant_get_string (parameter, NULL));
}

/* ---- Closing ---- */

static void
close_after_discard (KesWindow  *self,
                     const char *argument)
{
  if (argument == NULL)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (KesWindow *self)
{
  if (!self->close_confirmed && self->patient_page != NULL &&
      kes_patient_page_has_unsaved_changes (self->patient_page))
    {
      kes_window_after_unsaved_changes (self, close_after_discard, "close");
      return TRUE;
    }

  save_window_state (self);
  return FALSE;
}

/* ---- GObject ---- */

static void
kes_window_dispose (GObject *object)
{
  KesWindow *self = KES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_WINDOW);
  g_clear_object (&self->inactivity);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  g_clear_handle_id (&self->drop_shell_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->pages_store);
  g_clear_object (&self->context);
  g_clear_weak_pointer (&self->area_focus);
  g_clear_pointer (&self->record_from, g_free);

  G_OBJECT_CLASS (kes_window_parent_class)->dispose (object);
}

static void
kes_window_class_init (KesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_window_dispose;

  g_type_ensure (KES_TYPE_ADMIN_PAGE);
  g_type_ensure (KES_TYPE_CARERS_PAGE);
  g_type_ensure (KES_TYPE_LIAISON_PAGE);
  g_type_ensure (KES_TYPE_CASELOAD_PAGE);
  g_type_ensure (KES_TYPE_INTEGRITY_BAR);
  g_type_ensure (KES_TYPE_PATIENT_PAGE);
  g_type_ensure (KES_TYPE_TODAY_PAGE);
  g_type_ensure (KES_TYPE_REFERRALS_PAGE);
  g_type_ensure (KES_TYPE_WELCOME_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/kes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, KesWindow, integrity_bar);
  gtk_widget_class_bind_template_callback_full (widget_class, "actor_chosen_cb",
                                                G_CALLBACK (kes_window_actor_chosen_cb));
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "win.new-patient", NULL, kes_window_new_patient_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, kes_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-caseload", NULL, kes_window_show_caseload_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, kes_window_sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, kes_window_lock_action);
  gtk_widget_class_install_action (widget_class, "win.change-password", NULL,
                                   kes_window_change_password_action);
  gtk_widget_class_install_action (widget_class, "win.open-patient", "s", kes_window_open_patient_action);
  gtk_widget_class_install_action (widget_class, "win.open-referral", "s", kes_window_open_referral_action);
  kes_window_keys_class_init (widget_class);
}

static void
kes_window_init (KesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = settings_new_if_installed ();
  restore_window_state (self);

  self->inactivity = kes_inactivity_new (GTK_WIDGET (self));
  g_signal_connect_object (self->inactivity, "idle", G_CALLBACK (kes_window_idle_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::inactivity-lock-minutes",
                               G_CALLBACK (kes_window_inactivity_setting_changed_cb), self,
                               G_CONNECT_SWAPPED);
      kes_window_inactivity_setting_changed_cb (self);
    }
  kes_window_set_main_actions_enabled (self, FALSE);
}

KesWindow *
kes_window_new (GtkApplication *application)
{
  return g_object_new (KES_TYPE_WINDOW, "application", application, NULL);
}

void
kes_window_set_store (KesWindow *self,
                      KesStore  *store)
{
  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);
  kes_context_set_store (kes_window_get_context (self), store);

  /* Everyone signs in, even when there is only one account: the first run
   * creates the administrator, later runs ask for a user name and password. */
  if (kes_store_get_actor (store) != NULL)
    {
      kes_window_enter_main (self);
    }
  else
    {
      kes_welcome_page_set_store (self->welcome_page, store);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
}

void
kes_window_show_open_error (KesWindow    *self,
                            const char   *path,
                            const GError *error)
{
  const char *title;
  g_autofree char *advice = NULL;
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* Core's message says what is wrong; the advice says what to do. */
  if (g_error_matches (error, KES_ERROR, KES_ERROR_NEWER_SCHEMA))
    {
      title = _("This Database Needs a Newer Kestrel");
      advice = g_strdup (_("To work with a different database, start Kestrel with "
                           "“kestrel --database FILE”."));
    }
  else if (g_error_matches (error, KES_ERROR, KES_ERROR_CORRUPT))
    {
      title = _("The Database Is Damaged");
      advice = g_strdup (_("Restore it from your most recent backup, or ask your system "
                           "administrator for help. Kestrel has not written to the file."));
    }
  else
    {
      title = _("The Database Could Not Be Opened");
      advice = g_strdup_printf (_("File: %s\n\nCheck that the file is complete and that you may "
                                  "read and write it and its folder. If it is damaged, restore it "
                                  "from your most recent backup or ask your system administrator. "
                                  "To use a different database, start Kestrel with "
                                  "“kestrel --database FILE”."),
                                path);
    }

  description = g_strdup_printf ("%s\n\n%s", error->message, advice);
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_title (self->error_status, title);
  adw_status_page_set_description (self->error_status, escaped);
  /* The page says it all: the foot of the window would say it again. */
  kes_integrity_bar_dismiss (self->integrity_bar);
  kes_window_set_main_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

void
kes_window_show_area (KesWindow  *self,
                      const char *area)
{
  g_return_if_fail (KES_IS_WINDOW (self));

  kes_window_after_unsaved_changes (self, kes_window_show_area_now, area);
}

void
kes_window_open_patient (KesWindow  *self,
                         const char *patient_id)
{
  KesPatient *current;

  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (patient_id != NULL);

  current = self->patient_page != NULL ? kes_patient_page_get_patient (self->patient_page) : NULL;
  if (kes_window_showing_patient (self) && current != NULL
      && g_strcmp0 (kes_patient_get_id (current), patient_id) == 0)
    return;

  kes_window_after_unsaved_changes (self, kes_window_open_patient_now, patient_id);
}

void
kes_window_set_inactivity_lock (KesWindow *self,
                                guint      milliseconds)
{
  g_return_if_fail (KES_IS_WINDOW (self));

  kes_inactivity_set_timeout (self->inactivity, milliseconds);
}

static void
open_database_now (KesWindow  *self,
                   const char *path)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application;

  if (path == NULL)
    return;

  store = kes_store_open (path, &error);
  if (store == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("Could Not Open the Database"), error->message);
      return;
    }

  /* As at start: nobody is signed in to the new database yet, and nothing
   * of the old one's session stays. */
  kes_window_end_session (self);
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (KES_IS_APPLICATION (application))
    kes_application_set_store (KES_APPLICATION (application), store);
  kes_window_set_store (self, store);
}

void
kes_window_open_database (KesWindow  *self,
                          const char *path)
{
  g_return_if_fail (KES_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  kes_window_after_unsaved_changes (self, open_database_now, path);
}

KesAdminPage *
kes_window_get_admin_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  kes_window_ensure_area (self, "admin");
  return self->admin_page;
}

KesReferralsPage *
kes_window_get_referrals_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  kes_window_ensure_area (self, "referrals");
  return self->referrals_page;
}

KesContext *
kes_window_get_context (KesWindow *self)
{
  GtkApplication *application;

  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  /* The application's, shared by its windows; a window made without one
   * (tests) has its own. */
  if (self->context == NULL)
    {
      application = gtk_window_get_application (GTK_WINDOW (self));
      if (KES_IS_APPLICATION (application))
        self->context = g_object_ref (kes_application_get_context (KES_APPLICATION (application)));
      else
        self->context = kes_context_new (self->store, NULL);
    }
  return self->context;
}

KesStore *
kes_window_get_store (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);
  return self->store;
}

KesCaseloadPage *
kes_window_get_caseload_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  kes_window_ensure_area (self, "caseload");
  return self->caseload_page;
}

KesPatientPage *
kes_window_get_patient_page (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  return kes_window_ensure_patient_page (self);
}

GtkStack *
kes_window_get_content_stack (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  kes_window_ensure_shell (self);
  return self->content_stack;
}

GtkWidget *
kes_window_get_lock_screen (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  kes_window_ensure_lock_screen (self);
  return GTK_WIDGET (self->lock_screen);
}

KesIntegrityBar *
kes_window_get_integrity_bar (KesWindow *self)
{
  g_return_val_if_fail (KES_IS_WINDOW (self), NULL);

  return self->integrity_bar;
}
