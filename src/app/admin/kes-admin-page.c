/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-admin-page"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-access-log.h"
#include "accounts/kes-password-dialog.h"
#include "admin/kes-admin-page.h"
#include "admin/kes-backup-group.h"
#include "admin/kes-history-group.h"
#include "admin/kes-record-import-group.h"
#include "admin/kes-services-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-records.h"

struct _KesAdminPage
{
  AdwBin               parent_instance;

  KesStore            *store;
  GPtrArray           *staff_rows;
  GPtrArray           *team_rows;
  GPtrArray           *break_glass_rows;

  AdwPreferencesGroup *staff_group;
  AdwPreferencesGroup *teams_group;
  AdwPreferencesGroup *break_glass_group;
  AdwPreferencesGroup *access_log_group;
  KesAccessLog        *access_log;
  KesRecordImportGroup *import_group;
  KesBackupGroup      *backup_group;
  KesHistoryGroup     *history_group;
  KesServicesGroup    *services_group;
  AdwActionRow        *database_row;
};

G_DEFINE_FINAL_TYPE (KesAdminPage, kes_admin_page, ADW_TYPE_BIN)

enum {
  DIRECTORY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
directory_changed (KesAdminPage *self,
                   const char   *toast)
{
  kes_admin_page_reload (self);
  kes_widget_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[DIRECTORY_CHANGED], 0);
}

/* ---- Add a member of staff ---- */

typedef struct
{
  KesAdminPage *page;
  GtkEditable  *name_entry;
  GtkEditable  *role_entry;
  GtkEditable  *contact_entry;
  GtkEditable  *password_entry;
  GtkDropDown  *team_dropdown;
  GtkDropDown  *access_dropdown;
} StaffForm;

static void
staff_form_free (StaffForm *form)
{
  g_clear_object (&form->page);
  g_free (form);
}

static void
staff_name_changed_cb (GtkEditable      *entry,
                       AdwMessageDialog *dialog)
{
  g_autofree char *name = kes_editable_dup_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "add", *name != '\0');
}

static void
staff_dialog_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          StaffForm        *form)
{
  KesAdminPage *self = form->page;
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *username = NULL;
  g_autofree char *toast = NULL;
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;
  const char *roles[2] = { NULL, NULL };
  const char *access;

  if (g_strcmp0 (response, "add") != 0)
    return;

  name = kes_editable_dup_text (form->name_entry);
  role = kes_editable_dup_text (form->role_entry);
  contact = kes_editable_dup_text (form->contact_entry);
  username = kes_unique_username (self->store, name);
  access = kes_dropdown_get_code (form->access_dropdown);
  roles[0] = access;

  /* The account, its role and its first password are written together. */
  staff = kes_store_create_account (self->store, username, name, role,
                                    kes_dropdown_get_code (form->team_dropdown),
                                    *contact != '\0' ? contact : NULL, roles,
                                    gtk_editable_get_text (form->password_entry), &error);
  if (staff == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Staff Member Was Not Added"), error->message);
      return;
    }
  /* TRANSLATORS: "Alex Smith added as alex.smith" */
  toast = g_strdup_printf (_("%s added as %s"), name, username);
  directory_changed (self, toast);
}

/* Every role, by its label. */
static void
fill_roles (GtkDropDown *dropdown)
{
  const char * const *roles = kes_role_all ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n = g_strv_length ((char **) roles);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, (gpointer) kes_role_label (roles[i]));
  kes_dropdown_fill (dropdown, NULL, roles, (const char * const *) labels->pdata, n);
  gtk_drop_down_set_selected (dropdown, 0);
}

static GtkWidget *
form_row (GtkGrid    *grid,
          int         row,
          const char *mnemonic,
          GtkWidget  *field)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_hexpand (field, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, field, 1, row, 1, 1);
  return field;
}

static void
add_staff_clicked_cb (KesAdminPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GListModel) teams = kes_store_list_teams (self->store, NULL);
  GtkWidget *dialog, *grid;
  StaffForm *form = g_new0 (StaffForm, 1);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add a Staff Member"),
                                   _("Their user name is made from their name. Give them the "
                                     "first password in person; they can change it from their "
                                     "menu once signed in."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  form->page = g_object_ref (self);
  form->name_entry = GTK_EDITABLE (form_row (GTK_GRID (grid), 0, _("_Full name"), gtk_entry_new ()));
  form->role_entry = GTK_EDITABLE (form_row (GTK_GRID (grid), 1, _("_Role title"), gtk_entry_new ()));
  form->team_dropdown = GTK_DROP_DOWN (form_row (GTK_GRID (grid), 2, _("_Team"),
                                                 gtk_drop_down_new (NULL, NULL)));
  form->contact_entry = GTK_EDITABLE (form_row (GTK_GRID (grid), 3, _("C_ontact"),
                                                gtk_entry_new ()));
  form->access_dropdown = GTK_DROP_DOWN (form_row (GTK_GRID (grid), 4, _("_Access"),
                                                   gtk_drop_down_new (NULL, NULL)));
  form->password_entry = GTK_EDITABLE (form_row (GTK_GRID (grid), 5, _("First _password"),
                                                 gtk_password_entry_new ()));
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (form->password_entry), TRUE);
  fill_roles (form->access_dropdown);
  kes_dropdown_fill_teams (form->team_dropdown, teams, _("No team"));
  if (teams != NULL && g_list_model_get_n_items (teams) > 0)
    gtk_drop_down_set_selected (form->team_dropdown, 1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);

  g_signal_connect (form->name_entry, "changed", G_CALLBACK (staff_name_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (staff_dialog_response_cb), form,
                         (GClosureNotify) staff_form_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->name_entry));
}

/* ---- Accounts: reset a password, disable and enable ---- */

static void
password_reset_cb (KesStaff   *staff,
                   const char *password,
                   gpointer    user_data)
{
  g_autoptr(KesAdminPage) self = user_data;
  g_autofree char *toast = NULL;

  if (password == NULL)
    return;
  /* TRANSLATORS: "Password reset for Alex Smith" */
  toast = g_strdup_printf (_("Password reset for %s"), kes_staff_get_display_name (staff));
  directory_changed (self, toast);
}

static void
reset_password_clicked_cb (GtkButton    *button,
                           KesAdminPage *self)
{
  KesStaff *staff = g_object_get_data (G_OBJECT (button), "kes-staff");
  g_autofree char *heading = g_strdup_printf (_("Reset the Password of %s"),
                                              kes_staff_get_display_name (staff));

  kes_ask_new_password (GTK_WIDGET (self), self->store, staff, FALSE, heading,
                        _("Choose a new password and give it to them in person. It also lifts a "
                          "lock after failed sign-ins."),
                        password_reset_cb, g_object_ref (self));
}

static void
disable_clicked_cb (GtkButton    *button,
                    KesAdminPage *self)
{
  KesStaff *staff = g_object_get_data (G_OBJECT (button), "kes-staff");
  gboolean disabled = kes_store_staff_is_disabled (self->store, kes_staff_get_id (staff));
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  gboolean done;

  /* Accounts are never deleted: their name stays on everything they signed. */
  if (disabled)
    done = kes_store_enable_staff (self->store, kes_staff_get_id (staff), &error);
  else
    done = kes_store_disable_staff (self->store, kes_staff_get_id (staff), &error);
  if (!done)
    {
      kes_show_error (GTK_WIDGET (self),
                      disabled ? _("The Account Was Not Enabled") : _("The Account Was Not Disabled"),
                      error->message);
      return;
    }
  toast = g_strdup_printf (disabled ? _("%s can sign in again") : _("%s can no longer sign in"),
                           kes_staff_get_display_name (staff));
  directory_changed (self, toast);
}

static GtkWidget *
account_button (KesAdminPage *self,
                KesStaff     *staff,
                const char   *mnemonic,
                char         *label,
                GCallback     callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "kes-staff", g_object_ref (staff), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  g_free (label);
  return button;
}

/* ---- Emergency access, for managers to review ---- */

static void clear_rows (AdwPreferencesGroup *group,
                        GPtrArray           *rows);

static void
reload_break_glass (KesAdminPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  clear_rows (self->break_glass_group, self->break_glass_rows);
  /* Reading the list is itself logged: only for someone signed in. */
  if (kes_store_get_actor (self->store) == NULL ||
      !kes_store_check_permission (self->store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->break_glass_group), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->break_glass_group), TRUE);

  now = kes_clock_now_utc ();
  since = g_date_time_add_days (now, -90);
  from = g_date_time_format (since, "%Y-%m-%d");
  entries = kes_store_list_break_glass (self->store, from, NULL, &error);
  if (entries == NULL)
    {
      g_warning ("Could not list emergency access: %s", error->message);
      return;
    }

  n = g_list_model_get_n_items (entries);
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No emergency access in the last 90 days"));
      adw_preferences_group_add (self->break_glass_group, row);
      g_ptr_array_add (self->break_glass_rows, row);
      return;
    }

  /* Newest first. */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Record"));
      g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
      const char *who = kes_audit_entry_get_actor_name (entry);
      g_autofree char *title = NULL;
      g_autofree char *reason = g_markup_escape_text (kes_audit_entry_get_summary (entry), -1);

      /* TRANSLATORS: "21 Nov 2026 14:05 · Alex Smith" */
      title = g_markup_printf_escaped (_("%s · %s"), when, who != NULL ? who : _("Unknown"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-patient");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        kes_audit_entry_get_patient_id (entry));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->break_glass_group, row);
      g_ptr_array_add (self->break_glass_rows, row);
    }
}

/* ---- Teams ---- */

static void
team_added_cb (const char *name,
               gpointer    user_data)
{
  g_autoptr(KesAdminPage) self = user_data;
  g_autoptr(KesTeam) team = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  if (name == NULL)
    return;

  team = kes_store_add_team (self->store, name, &error);
  if (team == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Team Was Not Added"), error->message);
      return;
    }

  toast = g_strdup_printf (_("Team “%s” added"), name);
  directory_changed (self, toast);
}

static void
add_team_clicked_cb (KesAdminPage *self)
{
  kes_ask_text (GTK_WIDGET (self), _("Add a Team"), NULL, _("Team name"), NULL, _("_Add"), FALSE,
                team_added_cb, g_object_ref (self));
}

typedef struct
{
  KesAdminPage *page;
  char         *team_id;
  gint64        revision; /* the team as the page showed it */
} RenameRequest;

static void
team_renamed_cb (const char *name,
                 gpointer    user_data)
{
  RenameRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (name != NULL)
    {
      if (kes_store_rename_team (request->page->store, request->team_id, request->revision, name,
                                 &error))
        directory_changed (request->page, _("Team renamed"));
      else
        {
          kes_show_error (GTK_WIDGET (request->page), _("The Team Was Not Renamed"), error->message);
          /* After a conflict, show the name it has now. */
          if (g_error_matches (error, KES_ERROR, KES_ERROR_CONFLICT))
            kes_admin_page_reload (request->page);
        }
    }

  g_object_unref (request->page);
  g_free (request->team_id);
  g_free (request);
}

static void
rename_clicked_cb (GtkButton    *button,
                   KesAdminPage *self)
{
  KesTeam *team = g_object_get_data (G_OBJECT (button), "kes-team");
  RenameRequest *request = g_new0 (RenameRequest, 1);

  request->page = g_object_ref (self);
  request->team_id = g_strdup (kes_team_get_id (team));
  request->revision = kes_team_get_revision (team);
  kes_ask_text (GTK_WIDGET (self), _("Rename the Team"), NULL, _("Team name"),
                kes_team_get_name (team), _("_Rename"), FALSE, team_renamed_cb, request);
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static const char *
team_name (GListModel *teams,
           const char *team_id)
{
  guint n = teams != NULL ? g_list_model_get_n_items (teams) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesTeam) team = g_list_model_get_item (teams, i);

      if (g_strcmp0 (kes_team_get_id (team), team_id) == 0)
        return kes_team_get_name (team);
    }

  return NULL;
}

static void
kes_admin_page_dispose (GObject *object)
{
  KesAdminPage *self = KES_ADMIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_ADMIN_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->staff_rows, g_ptr_array_unref);
  g_clear_pointer (&self->team_rows, g_ptr_array_unref);
  g_clear_pointer (&self->break_glass_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kes_admin_page_parent_class)->dispose (object);
}

static void
kes_admin_page_class_init (KesAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_admin_page_dispose;

  signals[DIRECTORY_CHANGED] = g_signal_new ("directory-changed",
                                             G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);

  g_type_ensure (KES_TYPE_RECORD_IMPORT_GROUP);
  g_type_ensure (KES_TYPE_BACKUP_GROUP);
  g_type_ensure (KES_TYPE_SERVICES_GROUP);
  g_type_ensure (KES_TYPE_HISTORY_GROUP);

  g_type_ensure (KES_TYPE_ACCESS_LOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-admin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, staff_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, teams_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, break_glass_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, access_log_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, access_log);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, database_row);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, import_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, backup_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, services_group);
  gtk_widget_class_bind_template_callback (widget_class, add_staff_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_team_clicked_cb);
}

static void
kes_admin_page_init (KesAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_rows = g_ptr_array_new ();
  self->team_rows = g_ptr_array_new ();
  self->break_glass_rows = g_ptr_array_new ();
}

GtkWidget *
kes_admin_page_new (void)
{
  return g_object_new (KES_TYPE_ADMIN_PAGE, NULL);
}

void
kes_admin_page_set_store (KesAdminPage *self,
                          KesStore     *store)
{
  g_autofree char *path = NULL;

  g_return_if_fail (KES_IS_ADMIN_PAGE (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);
  path = g_markup_escape_text (kes_store_get_path (store), -1);
  adw_action_row_set_subtitle (self->database_row, path);
  kes_record_import_group_set_store (self->import_group, store);
  kes_backup_group_set_store (self->backup_group, store);
  kes_history_group_set_store (self->history_group, store);
  kes_services_group_set_store (self->services_group, store);
  kes_admin_page_reload (self);
}

void
kes_admin_page_reload (KesAdminPage *self)
{
  g_autoptr(GListModel) staff = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GError) error = NULL;
  gboolean manage;
  gboolean can_audit;
  guint n;

  g_return_if_fail (KES_IS_ADMIN_PAGE (self));

  clear_rows (self->staff_group, self->staff_rows);
  clear_rows (self->teams_group, self->team_rows);
  clear_rows (self->break_glass_group, self->break_glass_rows);

  if (self->store == NULL)
    return;

  teams = kes_store_list_teams (self->store, &error);
  if (teams == NULL)
    {
      g_warning ("Could not list teams: %s", error->message);
      g_clear_error (&error);
    }

  staff = kes_store_list_staff (self->store, &error);
  if (staff == NULL)
    g_warning ("Could not list staff: %s", error->message);
  manage = kes_store_check_permission (self->store, KES_PERMISSION_MANAGE_STAFF, NULL, NULL);

  n = staff != NULL ? g_list_model_get_n_items (staff) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesStaff) member = g_list_model_get_item (staff, i);
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *role = kes_staff_get_role_title (member);
      const char *team = team_name (teams, kes_staff_get_team_id (member));
      g_autofree char *title = g_markup_escape_text (kes_staff_get_display_name (member), -1);
      g_autofree char *escaped = NULL;

      if (kes_store_staff_is_disabled (self->store, kes_staff_get_id (member)))
        g_string_append (subtitle, _("Disabled"));
      if (role != NULL && *role != '\0')
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", role);
      if (team != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "", team);
      g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " · " : "",
                              kes_staff_get_username (member));
      escaped = g_markup_escape_text (subtitle->str, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (manage)
        {
          gboolean disabled = kes_store_staff_is_disabled (self->store, kes_staff_get_id (member));
          KesStaff *actor = kes_store_get_actor (self->store);
          gboolean self_row = actor != NULL &&
                              g_strcmp0 (kes_staff_get_id (actor), kes_staff_get_id (member)) == 0;
          const char *name = kes_staff_get_display_name (member);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     account_button (self, member, _("Reset _Password…"),
                                                     g_strdup_printf (_("Reset the password of %s"),
                                                                      name),
                                                     G_CALLBACK (reset_password_clicked_cb)));
          /* Core refuses disabling one's own account: not offered. */
          if (!self_row)
            {
              char *label = disabled
                            ? g_strdup_printf (_("Enable the account of %s"), name)
                            : g_strdup_printf (_("Disable the account of %s"), name);

              adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                         account_button (self, member,
                                                         disabled ? _("_Enable") : _("_Disable"),
                                                         label, G_CALLBACK (disable_clicked_cb)));
            }
          if (disabled)
            gtk_widget_add_css_class (row, "dim-label");
        }
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }

  n = teams != NULL ? g_list_model_get_n_items (teams) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesTeam) team = g_list_model_get_item (teams, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Rename…"));
      g_autofree char *title = g_markup_escape_text (kes_team_get_name (team), -1);
      g_autofree char *rename_label = g_strdup_printf (_("Rename %s"), kes_team_get_name (team));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, rename_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "kes-team", g_object_ref (team), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (rename_clicked_cb), self);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->teams_group, row);
      g_ptr_array_add (self->team_rows, row);
    }

  reload_break_glass (self);
  kes_backup_group_reload (self->backup_group);
  kes_history_group_reload (self->history_group);
  kes_services_group_reload (self->services_group);

  /* The whole access log, for those who may read it, once someone is signed in. */
  can_audit = kes_store_get_actor (self->store) != NULL &&
              kes_store_check_permission (self->store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->access_log_group), can_audit);
  kes_access_log_set_store (self->access_log, can_audit ? self->store : NULL, NULL);
}
