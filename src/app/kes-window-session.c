/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

/* The main window: who is signed in, signing in and out, and the
 * inactivity lock (kes-window-private.h). */

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

/* ---- Who is using Kestrel ---- */

void
kes_window_update_user (KesWindow *self)
{
  KesStaff *actor = self->store != NULL ? kes_store_get_actor (self->store) : NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  const char *role;

  kes_window_ensure_shell (self);
  if (actor == NULL)
    {
      gtk_label_set_text (self->user_label, "");
      return;
    }

  role = kes_staff_get_role_title (actor);
  gtk_label_set_text (self->user_label, kes_staff_get_display_name (actor));
  if (role != NULL && *role != '\0')
    /* TRANSLATORS: "Signed in as Alex Smith, Community Psychiatric Nurse" */
    tooltip = g_strdup_printf (_("Signed in as %s, %s"), kes_staff_get_display_name (actor), role);
  else
    tooltip = g_strdup_printf (_("Signed in as %s"), kes_staff_get_display_name (actor));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_button), tooltip);

  accessible = g_strdup_printf (_("Current user: %s"), kes_staff_get_display_name (actor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->user_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

void
kes_window_set_main_actions_enabled (KesWindow *self,
                          gboolean   enabled)
{
  /* Adding to the register is for those who may (not carers' liaison). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-patient",
                                 enabled && kes_window_actor_may (self, KES_PERMISSION_EDIT_IDENTITY));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-caseload", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-password", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-patient", enabled);
  self->main_enabled = enabled;
  kes_window_keys_update (self);
}

/* The areas get the store only once someone has signed in: nothing about
 * patients is read before that, and the first frame waits on no query. */
static void
give_areas_store (KesWindow *self)
{
  if (self->pages_store == self->store)
    return;
  g_set_object (&self->pages_store, self->store);

  kes_window_give_lazy_areas_store (self);
  if (self->patient_page != NULL)
    kes_patient_page_set_context (self->patient_page, self->context);
}

/* Everything the session showed goes: its dialogs, and the whole shell
 * (every area, the record, search text, selections), built afresh for
 * whoever signs in next. */
static void
drop_shell (KesWindow *self)
{
  kes_session_windows_destroy (GTK_WINDOW (self));
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  if (self->leaflet == NULL)
    return;
  gtk_stack_remove (self->main_stack, GTK_WIDGET (self->leaflet));
  self->leaflet = NULL;
  self->content_box = NULL;
  self->sidebar_list = NULL;
  self->content_title = NULL;
  self->caseload_back_button = NULL;
  self->new_patient_button = NULL;
  self->user_label = NULL;
  self->user_button = NULL;
  self->content_stack = NULL;
  self->moj_reports_page = NULL;
  self->equality_view = NULL;
  self->caseload_page = NULL;
  self->referrals_page = NULL;
  self->admin_page = NULL;
  self->today_page = NULL;
  self->carers_page = NULL;
  self->liaison_page = NULL;
  self->patient_page = NULL;
  g_clear_object (&self->pages_store);
}

static gboolean
drop_shell_idle_cb (gpointer data)
{
  KesWindow *self = data;

  self->drop_shell_id = 0;
  drop_shell (self);
  return G_SOURCE_REMOVE;
}

/* Hidden at once, destroyed when idle: a session often ends from one of
 * its own dialogs ("Discard Changes?"), which must not be destroyed while
 * it is answering. Signing in first drops it at once (end_pending_drop). */
void
kes_window_end_session (KesWindow *self)
{
  kes_inactivity_set_running (self->inactivity, FALSE);
  kes_window_set_main_actions_enabled (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  self->locked_away = kes_session_windows_hide (GTK_WINDOW (self));
  if (self->drop_shell_id == 0)
    self->drop_shell_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, drop_shell_idle_cb,
                                           g_object_ref (self), g_object_unref);
  if (self->store != NULL)
    kes_store_sign_out (self->store);
}

static void
end_pending_drop (KesWindow *self)
{
  if (self->drop_shell_id == 0)
    return;
  g_clear_handle_id (&self->drop_shell_id, g_source_remove);
  drop_shell (self);
}

/* Sign Out, and "Sign in as someone else" on the lock screen. */
void
kes_window_sign_out_now (KesWindow  *self,
              const char *unused)
{
  if (unused == NULL)
    return;

  kes_window_end_session (self);
  if (self->store != NULL)
    kes_welcome_page_set_store (self->welcome_page, self->store);
}

void
kes_window_enter_main (KesWindow *self)
{
  end_pending_drop (self);
  give_areas_store (self);
  kes_window_ensure_shell (self);
  kes_window_show_permitted_areas (self);
  kes_window_update_user (self);
  kes_window_set_main_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  kes_window_show_area_now (self, "caseload");
  kes_caseload_page_focus_search (self->caseload_page);
  kes_inactivity_set_running (self->inactivity, TRUE);
}

void
kes_window_actor_chosen_cb (KesWindow *self,
                 KesStaff  *staff)
{
  kes_store_set_actor (self->store, staff);
  if (self->pages_store == self->store)
    {
      if (self->admin_page != NULL)
        kes_admin_page_reload (self->admin_page);
      if (self->caseload_page != NULL)
        kes_caseload_page_reload_directory (self->caseload_page);
    }
  kes_window_enter_main (self);
}

/* ---- Inactivity lock ---- */

void
kes_window_inactivity_setting_changed_cb (KesWindow *self)
{
  /* 0 minutes turns the lock off. */
  kes_inactivity_set_timeout (self->inactivity,
                              g_settings_get_uint (self->settings, "inactivity-lock-minutes")
                              * 60 * 1000);
}

static void lock_unlocked_cb    (KesWindow *self);
static void lock_switch_user_cb (KesWindow *self);

/* Built the first time the window locks: most sessions never do. */
void
kes_window_ensure_lock_screen (KesWindow *self)
{
  if (self->lock_screen != NULL)
    return;

  self->lock_screen = KES_LOCK_SCREEN (kes_lock_screen_new ());
  g_signal_connect_swapped (self->lock_screen, "unlocked", G_CALLBACK (lock_unlocked_cb), self);
  g_signal_connect_swapped (self->lock_screen, "switch-user", G_CALLBACK (lock_switch_user_cb), self);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->lock_screen), "locked");
}

/* The inactivity lock and Lock (Ctrl+L): the work stays underneath for
 * the same person, but nothing of it shows, dialogs included. */
void
kes_window_lock_now (KesWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") != 0)
    return;

  kes_window_ensure_lock_screen (self);
  kes_window_set_main_actions_enabled (self, FALSE);
  kes_inactivity_set_running (self->inactivity, FALSE);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  self->locked_away = kes_session_windows_hide (GTK_WINDOW (self));
  kes_lock_screen_lock (self->lock_screen, self->store);
  gtk_stack_set_visible_child_name (self->main_stack, "locked");
  gtk_widget_grab_focus (GTK_WIDGET (self->lock_screen));
}

void
kes_window_idle_cb (KesWindow *self)
{
  kes_window_lock_now (self);
}

static void
lock_unlocked_cb (KesWindow *self)
{
  kes_window_set_main_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  if (self->locked_away != NULL)
    kes_session_windows_show (self->locked_away);
  g_clear_pointer (&self->locked_away, g_ptr_array_unref);
  kes_inactivity_set_running (self->inactivity, TRUE);
}

static void
lock_switch_user_cb (KesWindow *self)
{
  /* Once only: a second press arriving after the session ended must not
   * end the next one's sign-in. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "locked") != 0)
    return;
  /* Unsaved edits are not thrown away silently: the window asks first, and
   * keeping them leaves the window locked. */
  kes_window_after_unsaved_changes (self, kes_window_sign_out_now, "sign-out");
}
