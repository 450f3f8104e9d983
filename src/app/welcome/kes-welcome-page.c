/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "welcome/kes-welcome-page.h"

struct _KesWelcomePage
{
  AdwBin       parent_instance;

  KesStore    *store;

  GtkStack    *stack;
  GtkEntry    *name_entry;
  GtkEntry    *role_entry;
  GtkDropDown *team_dropdown;
  GtkLabel    *error_label;
  GtkButton   *continue_button;
  GtkListBox  *staff_list;
};

G_DEFINE_FINAL_TYPE (KesWelcomePage, kes_welcome_page, ADW_TYPE_BIN)

enum {
  ACTOR_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_changed_cb (KesWelcomePage *self)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), *name != '\0');
}

static void
continue_clicked_cb (KesWelcomePage *self)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *role = kes_editable_dup_text (GTK_EDITABLE (self->role_entry));
  g_autofree char *username = NULL;
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL);

  if (*name == '\0')
    {
      kes_field_set_error (GTK_WIDGET (self->name_entry), self->error_label,
                           _("Enter your full name."));
      return;
    }

  username = kes_unique_username (self->store, name);
  staff = kes_store_add_staff (self->store, username, name, role,
                               kes_dropdown_get_code (self->team_dropdown), NULL, &error);
  if (staff == NULL)
    {
      kes_field_set_error (GTK_WIDGET (self->name_entry), self->error_label, error->message);
      return;
    }

  kes_field_set_error (GTK_WIDGET (self->name_entry), self->error_label, NULL);
  g_signal_emit (self, signals[ACTOR_CHOSEN], 0, staff);
}

static void
entry_activate_cb (KesWelcomePage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->continue_button)))
    continue_clicked_cb (self);
}

static void ask_password (KesWelcomePage *self,
                          KesStaff       *staff,
                          const char     *problem);

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KesWelcomePage   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kes-password-entry");
  KesStaff *staff = g_object_get_data (G_OBJECT (dialog), "kes-staff");
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign-in") != 0)
    return;

  /* Core checks the password, throttles repeated failures and audits both. */
  signed_in = kes_store_sign_in (self->store, kes_staff_get_username (staff),
                                 gtk_editable_get_text (entry), &error);
  if (signed_in == NULL)
    {
      ask_password (self, staff, error->message);
      return;
    }
  g_signal_emit (self, signals[ACTOR_CHOSEN], 0, signed_in);
}

/* Accounts with a password must sign in; picking the name is not enough. */
static void
ask_password (KesWelcomePage *self,
              KesStaff       *staff,
              const char     *problem)
{
  GtkWidget *dialog;
  GtkWidget *entry = gtk_password_entry_new ();
  g_autofree char *heading = g_strdup_printf (_("Sign in as %s"), kes_staff_get_display_name (staff));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   problem != NULL ? problem : _("Enter your password."));
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "sign-in-password",
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-in", _("_Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kes-password-entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "kes-staff", g_object_ref (staff), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
staff_row_activated_cb (KesWelcomePage *self,
                        GtkListBoxRow  *row)
{
  KesStaff *staff = g_object_get_data (G_OBJECT (row), "kes-staff");

  if (staff == NULL)
    return;
  if (kes_store_staff_has_password (self->store, kes_staff_get_id (staff)))
    ask_password (self, staff, NULL);
  else
    g_signal_emit (self, signals[ACTOR_CHOSEN], 0, staff);
}

static void
populate_pick_list (KesWelcomePage *self)
{
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  kes_list_box_remove_all (self->staff_list);

  staff = kes_store_list_staff (self->store, &error);
  if (staff == NULL)
    {
      g_warning ("Could not list staff: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (staff);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesStaff) member = g_list_model_get_item (staff, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (kes_staff_get_display_name (member), -1);
      g_autofree char *subtitle = g_markup_escape_text (kes_staff_get_role_title (member) != NULL
                                                        ? kes_staff_get_role_title (member)
                                                        : "", -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kes-staff", g_object_ref (member), g_object_unref);
      gtk_list_box_append (self->staff_list, row);
    }
}

static void
kes_welcome_page_dispose (GObject *object)
{
  KesWelcomePage *self = KES_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_WELCOME_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kes_welcome_page_parent_class)->dispose (object);
}

static void
kes_welcome_page_class_init (KesWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_welcome_page_dispose;

  /**
   * KesWelcomePage::actor-chosen:
   * @staff: the KesStaff who is using Kestrel
   */
  signals[ACTOR_CHOSEN] = g_signal_new ("actor-chosen",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, KES_TYPE_STAFF);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/welcome/kes-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, stack);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, role_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, staff_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_row_activated_cb);
}

static void
kes_welcome_page_init (KesWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_welcome_page_new (void)
{
  return g_object_new (KES_TYPE_WELCOME_PAGE, NULL);
}

void
kes_welcome_page_set_store (KesWelcomePage *self,
                            KesStore       *store)
{
  g_return_if_fail (KES_IS_WELCOME_PAGE (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);

  if (kes_store_count_staff (store) == 0)
    {
      g_autoptr(GListModel) teams = kes_store_list_teams (store, NULL);

      kes_dropdown_fill_teams (self->team_dropdown, teams, _("No team"));
      if (teams != NULL && g_list_model_get_n_items (teams) > 0)
        gtk_drop_down_set_selected (self->team_dropdown, 1);
      gtk_stack_set_visible_child_name (self->stack, "first-run");
    }
  else
    {
      populate_pick_list (self);
      gtk_stack_set_visible_child_name (self->stack, "pick");
    }
}
