/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-admin-page"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-access-log.h"
#include "admin/kes-admin-page.h"
#include "admin/kes-backup-group.h"
#include "admin/kes-history-group.h"
#include "admin/kes-record-import-group.h"
#include "admin/kes-catchment-group.h"
#include "admin/kes-services-group.h"
#include "admin/kes-staff-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-records.h"
#include "kes-store-staff.h"
#include "risk/kes-risk-export.h"

struct _KesAdminPage
{
  AdwBin               parent_instance;

  KesStore            *store;
  GPtrArray           *team_rows;
  GPtrArray           *break_glass_rows;

  KesStaffGroup       *staff_group;
  AdwPreferencesGroup *teams_group;
  GtkWidget           *add_team_button;
  AdwPreferencesGroup *break_glass_group;
  GtkWidget           *tools_group;
  AdwPreferencesGroup *access_log_group;
  KesAccessLog        *access_log;
  KesRecordImportGroup *import_group;
  KesBackupGroup      *backup_group;
  KesHistoryGroup     *history_group;
  KesServicesGroup    *services_group;
  KesCatchmentGroup   *catchment_group;
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

static void
staff_changed_cb (KesAdminPage *self)
{
  g_signal_emit (self, signals[DIRECTORY_CHANGED], 0);
}

static void
import_tool_clicked_cb (KesAdminPage *self)
{
  kes_risk_import_definition (GTK_WIDGET (self), self->store, NULL);
}

/* ---- Emergency access, for managers to review ---- */

static void clear_rows (AdwPreferencesGroup *group,
                        GPtrArray           *rows);

/* The emergency accesses listed on the page (the access log has them all). */
#define BREAK_GLASS_SHOWN 200

static void
reload_break_glass (KesAdminPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  KesAuditFilter filter = { NULL };

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
  filter.from = from = g_date_time_format (since, "%Y-%m-%d");
  filter.action = KES_AUDIT_BREAK_GLASS;
  /* Read as the access log is, so each names its patient. */
  entries = kes_store_query_audit (self->store, &filter, 0, BREAK_GLASS_SHOWN, &error);
  if (entries == NULL)
    {
      g_warning ("Could not list emergency access: %s", g_quark_to_string (error->domain));
      return;
    }

  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No emergency access in the last 90 days"));
      adw_preferences_group_add (self->break_glass_group, row);
      g_ptr_array_add (self->break_glass_rows, row);
      return;
    }

  /* Newest first: whose record, when, who, and why. */
  for (guint i = 0; i < entries->len; i++)
    {
      KesAuditEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open Record"));
      g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
      const char *who = kes_audit_entry_get_actor_name (entry);
      const char *patient = kes_audit_entry_get_patient_name (entry);
      g_autofree char *title = NULL;
      g_autofree char *reason = NULL;

      /* TRANSLATORS: "OKAFOR, Sam · 21 Nov 2026 14:05 · Alex Smith" */
      title = g_markup_printf_escaped (_("%s · %s · %s"), patient != NULL ? patient : _("Patient not found"),
                                       when, who != NULL ? who : _("Unknown"));
      /* TRANSLATORS: the reason given for an emergency access */
      reason = g_markup_printf_escaped (_("Reason: %s"), kes_audit_entry_get_summary (entry));
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

static void
kes_admin_page_dispose (GObject *object)
{
  KesAdminPage *self = KES_ADMIN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_ADMIN_PAGE);
  g_clear_object (&self->store);
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
  g_type_ensure (KES_TYPE_CATCHMENT_GROUP);
  g_type_ensure (KES_TYPE_HISTORY_GROUP);
  g_type_ensure (KES_TYPE_STAFF_GROUP);

  g_type_ensure (KES_TYPE_ACCESS_LOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-admin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, staff_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, teams_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, add_team_button);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, break_glass_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, tools_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, access_log_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, access_log);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, database_row);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, import_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, backup_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, services_group);
  gtk_widget_class_bind_template_child (widget_class, KesAdminPage, catchment_group);
  gtk_widget_class_bind_template_callback (widget_class, staff_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_tool_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_team_clicked_cb);
}

static void
kes_admin_page_init (KesAdminPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
  kes_catchment_group_set_store (self->catchment_group, store);
  kes_staff_group_set_store (self->staff_group, store);
  kes_admin_page_reload (self);
}

void
kes_admin_page_reload (KesAdminPage *self)
{
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GError) error = NULL;
  gboolean can_audit;
  gboolean edit_teams;
  guint n;

  g_return_if_fail (KES_IS_ADMIN_PAGE (self));

  if (self->staff_group != NULL)
    kes_staff_group_reload (self->staff_group);
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

  /* Offered only to those core lets change teams. */
  edit_teams = kes_store_check_permission (self->store, KES_PERMISSION_MANAGE_DIRECTORY, NULL, NULL);
  gtk_widget_set_visible (self->add_team_button, edit_teams);
  gtk_widget_set_visible (GTK_WIDGET (self->teams_group), teams != NULL);
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
      gtk_widget_set_visible (button, edit_teams);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->teams_group, row);
      g_ptr_array_add (self->team_rows, row);
    }

  gtk_widget_set_visible (self->tools_group,
                          kes_store_check_permission (self->store, KES_PERMISSION_MANAGE_STAFF, NULL, NULL));
  reload_break_glass (self);
  kes_backup_group_reload (self->backup_group);
  kes_history_group_reload (self->history_group);
  kes_services_group_reload (self->services_group);
  kes_catchment_group_reload (self->catchment_group);

  /* The whole access log, for those who may read it, once someone is signed in. */
  can_audit = kes_store_get_actor (self->store) != NULL &&
              kes_store_check_permission (self->store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->access_log_group), can_audit);
  kes_access_log_set_store (self->access_log, can_audit ? self->store : NULL, NULL);
}
