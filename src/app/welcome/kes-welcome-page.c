/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-password-dialog.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-error.h"
#include "kes-store-staff.h"
#include "welcome/kes-welcome-page.h"

struct _KesWelcomePage
{
  AdwBin       parent_instance;

  KesStore    *store;
  gboolean     username_edited;

  GtkStack    *stack;
  GtkEntry    *name_entry;
  GtkEntry    *username_entry;
  GtkEntry    *role_entry;
  GtkDropDown *team_dropdown;
  GtkDropDown *clinical_role_dropdown;
  GtkWidget   *password_entry;
  GtkWidget   *confirm_entry;
  GtkLabel    *password_hint;
  GtkLabel    *error_label;
  GtkButton   *continue_button;
  GtkWidget   *signin_username;
  GtkWidget   *signin_password;
  GtkLabel    *signin_error;
  GtkButton   *signin_button;
};

G_DEFINE_FINAL_TYPE (KesWelcomePage, kes_welcome_page, ADW_TYPE_BIN)

enum {
  ACTOR_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The clinical roles the first administrator may also hold. */
static const char * const clinical_roles[] = {
  KES_ROLE_CLINICIAN,
  KES_ROLE_SOCIAL_SUPERVISOR,
  KES_ROLE_LIAISON_DIVERSION,
  KES_ROLE_TEAM_MANAGER,
  KES_ROLE_CARERS_LIAISON,
};

/* ---- First run: the administrator account ---- */

static void
update_password_hint (KesWelcomePage *self)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *username = kes_editable_dup_text (GTK_EDITABLE (self->username_entry));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = NULL;

  if (*password == '\0')
    {
      rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "At least %d character, not your name or user name. "
                                            "Three or four unrelated words work well.",
                                            "At least %d characters, not your name or user name. "
                                            "Three or four unrelated words work well.",
                                            KES_PASSWORD_MIN_LENGTH),
                               KES_PASSWORD_MIN_LENGTH);
      gtk_label_set_text (self->password_hint, rules);
    }
  else if (!kes_password_check (password, username, name, &error))
    gtk_label_set_text (self->password_hint, error->message);
  else if (*confirm != '\0' && g_strcmp0 (password, confirm) != 0)
    gtk_label_set_text (self->password_hint, _("The two passwords are different."));
  else
    gtk_label_set_text (self->password_hint, _("This password is strong enough."));
}

static void
entry_changed_cb (KesWelcomePage *self)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *username = kes_editable_dup_text (GTK_EDITABLE (self->username_entry));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));

  update_password_hint (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button),
                            *name != '\0' && *username != '\0' &&
                            *password != '\0' && *confirm != '\0');
}

static void username_changed_cb (KesWelcomePage *self);

static void
name_changed_cb (KesWelcomePage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *username = NULL;

  /* Suggest a user name from the full name until the user types their own. */
  if (self->username_edited || self->store == NULL)
    return;
  name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));
  username = *name != '\0' ? kes_unique_username (self->store, name) : g_strdup ("");
  g_signal_handlers_block_by_func (self->username_entry, username_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->username_entry), username);
  g_signal_handlers_unblock_by_func (self->username_entry, username_changed_cb, self);
}

static void
username_changed_cb (KesWelcomePage *self)
{
  self->username_edited = TRUE;
}

static void
continue_clicked_cb (KesWelcomePage *self)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_entry));
  g_autofree char *username = kes_editable_dup_text (GTK_EDITABLE (self->username_entry));
  g_autofree char *role = kes_editable_dup_text (GTK_EDITABLE (self->role_entry));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
  const char *clinical = kes_dropdown_get_code (self->clinical_role_dropdown);
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, clinical, NULL };
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL);

  if (*name == '\0')
    {
      kes_field_set_error (GTK_WIDGET (self->name_entry), self->error_label,
                           _("Enter your full name."));
      return;
    }
  if (g_strcmp0 (password, confirm) != 0)
    {
      kes_field_set_error (self->confirm_entry, self->error_label,
                           _("Confirm password: the two passwords are different. Type the same "
                             "password in both."));
      return;
    }

  /* Core checks the password and writes the account, roles and password
   * together; signing in then logs the first sign-in like any other. */
  staff = kes_store_create_account (self->store, username, name, role,
                                    kes_dropdown_get_code (self->team_dropdown), NULL, roles,
                                    password, &error);
  if (staff == NULL)
    {
      GtkWidget *field = g_error_matches (error, KES_ERROR, KES_ERROR_INVALID) &&
                         strstr (error->message, "password") != NULL
                         ? self->password_entry : GTK_WIDGET (self->username_entry);

      kes_field_set_error (field, self->error_label, error->message);
      return;
    }
  signed_in = kes_store_sign_in (self->store, kes_staff_get_username (staff), password, &error);
  if (signed_in == NULL)
    {
      kes_field_set_error (self->password_entry, self->error_label, error->message);
      return;
    }

  kes_field_set_error (GTK_WIDGET (self->name_entry), self->error_label, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  g_signal_emit (self, signals[ACTOR_CHOSEN], 0, signed_in);
}

static void
entry_activate_cb (KesWelcomePage *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->continue_button)))
    continue_clicked_cb (self);
}

/* ---- Later runs: sign in ---- */

static void
signed_in (KesWelcomePage *self,
           KesStaff       *staff)
{
  gtk_editable_set_text (GTK_EDITABLE (self->signin_password), "");
  kes_field_set_error (self->signin_password, self->signin_error, NULL);
  g_signal_emit (self, signals[ACTOR_CHOSEN], 0, staff);
}

static void
first_password_changed_cb (KesStaff   *staff,
                           const char *password,
                           gpointer    user_data)
{
  g_autoptr(KesWelcomePage) self = user_data;

  /* Not changed: nobody goes on with a one-time password. */
  if (password == NULL)
    {
      kes_store_sign_out (self->store);
      kes_field_set_error (self->signin_password, self->signin_error,
                           _("Your password was not changed, so you are not signed in. Sign in "
                             "again and choose a new password."));
      gtk_widget_grab_focus (self->signin_password);
      return;
    }
  signed_in (self, staff);
}

/* An account an administrator set up or reset holds a one-time password:
 * its owner chooses their own before anything else. */
static void
ask_first_password (KesWelcomePage *self,
                    KesStaff       *staff)
{
  kes_ask_new_password (GTK_WIDGET (self), self->store, staff, 0, KES_PASSWORD_FIRST_SIGN_IN,
                        _("Choose Your Password"),
                        _("You signed in with a one-time password. Choose your own now: no one "
                          "else will know it."),
                        first_password_changed_cb, g_object_ref (self));
}

static void
signin_clicked_cb (KesWelcomePage *self)
{
  g_autofree char *username = kes_editable_dup_text (GTK_EDITABLE (self->signin_username));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->signin_password));
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL);

  if (*username == '\0')
    {
      kes_field_set_error (self->signin_username, self->signin_error, _("Enter your user name."));
      gtk_widget_grab_focus (self->signin_username);
      return;
    }

  /* Core checks the password, throttles repeated failures and audits both;
   * its message is shown as it is, the same whatever was wrong. An account
   * without a password never gets further than this. */
  staff = kes_store_sign_in (self->store, username, password, &error);
  if (staff == NULL)
    {
      kes_field_set_error (self->signin_password, self->signin_error, error->message);
      gtk_editable_set_text (GTK_EDITABLE (self->signin_password), "");
      gtk_widget_grab_focus (self->signin_password);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->signin_password), "");
  if (kes_store_must_change_password (self->store))
    {
      ask_first_password (self, staff);
      return;
    }
  signed_in (self, staff);
}

static void
signin_activate_cb (KesWelcomePage *self,
                    GtkWidget      *entry)
{
  if (entry == self->signin_username)
    gtk_widget_grab_focus (self->signin_password);
  else
    signin_clicked_cb (self);
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
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, username_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, role_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, clinical_role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, password_hint);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, signin_username);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, signin_password);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, signin_error);
  gtk_widget_class_bind_template_child (widget_class, KesWelcomePage, signin_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, username_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, signin_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, signin_activate_cb);
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

  if (kes_store_needs_first_administrator (store))
    {
      g_autoptr(GListModel) teams = kes_store_list_teams (store, NULL);
      const char *labels[G_N_ELEMENTS (clinical_roles)];

      for (guint i = 0; i < G_N_ELEMENTS (clinical_roles); i++)
        labels[i] = kes_role_title (clinical_roles[i]);
      kes_dropdown_fill (self->clinical_role_dropdown, _("None (administration only)"),
                         clinical_roles, labels, G_N_ELEMENTS (clinical_roles));
      gtk_drop_down_set_selected (self->clinical_role_dropdown, 1);
      kes_dropdown_fill_teams (self->team_dropdown, teams, _("No team"));
      if (teams != NULL && g_list_model_get_n_items (teams) > 0)
        gtk_drop_down_set_selected (self->team_dropdown, 1);
      update_password_hint (self);
      gtk_stack_set_visible_child_name (self->stack, "first-run");
    }
  else
    {
      /* Nothing of the last person stays, not even their user name. */
      gtk_editable_set_text (GTK_EDITABLE (self->signin_username), "");
      gtk_editable_set_text (GTK_EDITABLE (self->signin_password), "");
      kes_field_set_error (self->signin_password, self->signin_error, NULL);
      gtk_stack_set_visible_child_name (self->stack, "sign-in");
    }
}

void
kes_welcome_page_focus_first_field (KesWelcomePage *self)
{
  const char *page;

  g_return_if_fail (KES_IS_WELCOME_PAGE (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "first-run") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->signin_username)) == '\0')
    gtk_widget_grab_focus (self->signin_username);
  else
    gtk_widget_grab_focus (self->signin_password);
}
