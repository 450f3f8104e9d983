/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-staff-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-account-editor.h"
#include "admin/kes-staff-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-store-staff.h"

struct _KesStaffGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;
  gboolean             manage;   /* the actor manages accounts */

  GtkWidget           *add_button;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (KesStaffGroup, kes_staff_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ACCOUNT_KEY "kes-account"
#define USERNAME_KEY "kes-username"

static GtkWindow *
parent_window (KesStaffGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* "Clinician, Team manager · North · Last signed in 21 Nov 2026 09:00 · Active" */
static char *
account_summary (KesAccount *account)
{
  g_autofree char *roles = kes_account_dup_roles_label (account);
  g_autofree char *state = kes_account_dup_state_label (account);
  const char *team = kes_account_get_team_name (account);
  const char *last = kes_account_get_last_sign_in_at (account);
  g_autofree char *when = last != NULL && *last != '\0' ? kes_time_to_display (last) : NULL;
  g_autofree char *signed_in = when != NULL ? g_strdup_printf (_("Last signed in %s"), when)
                                            : g_strdup (_("Never signed in"));

  /* TRANSLATORS: roles · team · last sign-in · state */
  return g_strdup_printf (_("%s · %s · %s · %s"), roles, *team != '\0' ? team : _("No team"), signed_in, state);
}

static void
editor_changed_cb (KesAccountEditor *editor,
                   KesStaffGroup    *self)
{
  kes_staff_group_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWindow *
open_editor (KesStaffGroup *self,
             KesAccount    *account)
{
  KesAccountEditor *editor = kes_account_editor_new (parent_window (self), self->store, account);

  g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
add_clicked_cb (KesStaffGroup *self)
{
  open_editor (self, NULL);
}

static void
row_activated_cb (KesStaffGroup *self,
                  GtkListBoxRow *row)
{
  KesAccount *account = g_object_get_data (G_OBJECT (row), ACCOUNT_KEY);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesAccount) fresh = NULL;

  if (account == NULL)
    return;
  /* The window starts from the account as it is now, not as listed. */
  fresh = kes_store_load_account (self->store, kes_account_get_id (account), &error);
  if (fresh == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Account Could Not Be Opened"), error->message);
      return;
    }
  open_editor (self, fresh);
}

static void
add_account_rows (KesStaffGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = kes_store_list_accounts (self->store, &error);

  if (accounts == NULL)
    {
      g_warning ("Could not list accounts: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(KesAccount) account = g_list_model_get_item (accounts, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (kes_account_get_display_name (account), -1);
      g_autofree char *summary = account_summary (account);
      g_autofree char *subtitle = g_markup_escape_text (summary, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (kes_account_get_state (account) == KES_ACCOUNT_DISABLED)
        gtk_widget_add_css_class (row, "dim-label");
      g_object_set_data_full (G_OBJECT (row), ACCOUNT_KEY, g_object_ref (account), g_object_unref);
      g_object_set_data_full (G_OBJECT (row), USERNAME_KEY, g_strdup (kes_account_get_username (account)), g_free);
      gtk_list_box_append (self->list, row);
    }
}

/* The directory as everyone may read it: who works where. */
static void
add_directory_rows (KesStaffGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) staff = kes_store_list_staff (self->store, &error);
  g_autoptr(GListModel) teams = kes_store_list_teams (self->store, NULL);

  if (staff == NULL)
    {
      g_warning ("Could not list staff: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (staff); i++)
    {
      g_autoptr(KesStaff) member = g_list_model_get_item (staff, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (kes_staff_get_role_title (member));
      g_autofree char *title = g_markup_escape_text (kes_staff_get_display_name (member), -1);
      g_autofree char *escaped = NULL;

      for (guint t = 0; teams != NULL && t < g_list_model_get_n_items (teams); t++)
        {
          g_autoptr(KesTeam) team = g_list_model_get_item (teams, t);

          if (g_strcmp0 (kes_team_get_id (team), kes_staff_get_team_id (member)) == 0)
            g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", kes_team_get_name (team));
        }
      escaped = g_markup_escape_text (subtitle->str, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_list_box_append (self->list, row);
    }
}

void
kes_staff_group_reload (KesStaffGroup *self)
{
  g_return_if_fail (KES_IS_STAFF_GROUP (self));

  kes_list_box_remove_all (self->list);
  if (self->store == NULL || kes_store_get_actor (self->store) == NULL ||
      !kes_store_check_permission (self->store, KES_PERMISSION_VIEW_DIRECTORY, NULL, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  self->manage = kes_store_check_permission (self->store, KES_PERMISSION_MANAGE_STAFF, NULL, NULL);
  gtk_widget_set_visible (self->add_button, self->manage);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         self->manage
                                         ? _("Everyone who can sign in, and names kept on older records. Open an "
                                             "account to change its roles, reset its password, unlock, disable or "
                                             "enable it, and to see its history.")
                                         : _("Who works in which team. Administrators manage accounts."));
  if (self->manage)
    add_account_rows (self);
  else
    add_directory_rows (self);
}

GtkWindow *
kes_staff_group_open (KesStaffGroup *self,
                      const char    *username)
{
  g_return_val_if_fail (KES_IS_STAFF_GROUP (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), USERNAME_KEY), username) == 0)
      {
        g_autoptr(KesAccount) fresh = kes_store_load_account (self->store, username, NULL);

        return fresh != NULL ? open_editor (self, fresh) : NULL;
      }
  return NULL;
}

void
kes_staff_group_set_store (KesStaffGroup *self,
                           KesStore      *store)
{
  g_return_if_fail (KES_IS_STAFF_GROUP (self));

  g_set_object (&self->store, store);
  kes_staff_group_reload (self);
}

static void
kes_staff_group_dispose (GObject *object)
{
  KesStaffGroup *self = KES_STAFF_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_STAFF_GROUP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kes_staff_group_parent_class)->dispose (object);
}

static void
kes_staff_group_class_init (KesStaffGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_staff_group_dispose;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/kes-staff-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KesStaffGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, KesStaffGroup, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
kes_staff_group_init (KesStaffGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_staff_group_new (void)
{
  return g_object_new (KES_TYPE_STAFF_GROUP, NULL);
}
