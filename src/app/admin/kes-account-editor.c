/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-account-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-access-log.h"
#include "accounts/kes-password-dialog.h"
#include "admin/kes-account-editor.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-secondary-window.h"
#include "kes-store-staff.h"

struct _KesAccountEditor
{
  AdwWindow            parent_instance;

  KesStore            *store;
  KesAccount          *account;       /* NULL while adding one */
  gboolean             username_typed; /* stop suggesting one from the name */
  GHashTable          *role_checks;   /* role -> GtkCheckButton */

  AdwWindowTitle      *window_title;
  GtkLabel            *error_label;
  GtkWidget           *save_button;
  GtkWidget           *name_row;
  GtkWidget           *username_row;
  GtkWidget           *title_row;
  GtkDropDown         *team_dropdown;
  GtkWidget           *contact_row;
  AdwPreferencesGroup *roles_group;
  GtkWidget           *password_group;
  GtkWidget           *password_row;
  GtkWidget           *sign_in_group;
  AdwActionRow        *state_row;
  AdwActionRow        *last_sign_in_row;
  GtkWidget           *reset_button;
  GtkWidget           *unlock_row;
  AdwActionRow        *disable_row;
  GtkButton           *disable_button;
  GtkWidget           *history_group;
  GtkListBox          *history_list;
};

G_DEFINE_FINAL_TYPE (KesAccountEditor, kes_account_editor, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What each role is for, in a clinician's words (kes-permissions.c has
 * the matrix, docs/permissions.md the table). */
static const struct { const char *role; const char *summary; } role_summaries[] = {
  { KES_ROLE_CLINICIAN, N_("Reads and writes clinical records, risk, medication and carers of their team’s patients") },
  { KES_ROLE_SOCIAL_SUPERVISOR, N_("As a clinician, for social supervision of restricted patients") },
  { KES_ROLE_CARERS_LIAISON, N_("Carers, consent to share and carer’s assessments; no notes, risk or medication") },
  { KES_ROLE_LIAISON_DIVERSION, N_("Screenings and referrals, clinical records; no export, no carers") },
  { KES_ROLE_TEAM_MANAGER, N_("Reads clinical records, reviews the access log and emergency access; writes no notes") },
  { KES_ROLE_ADMINISTRATOR, N_("Accounts, teams, backups and the service directory; no clinical content") },
};

static void
show_problem (KesAccountEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    kes_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

/* The roles ticked, in the order kes_role_all() gives. */
static GStrv
checked_roles (KesAccountEditor *self)
{
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  const char * const *all = kes_role_all ();

  for (guint i = 0; all[i] != NULL; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->role_checks, all[i])))
      g_strv_builder_add (roles, all[i]);
  return g_strv_builder_end (roles);
}

static void
add_role_rows (KesAccountEditor *self)
{
  const char * const *all = kes_role_all ();

  for (guint i = 0; all[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      for (guint j = 0; j < G_N_ELEMENTS (role_summaries); j++)
        if (g_str_equal (role_summaries[j].role, all[i]))
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(role_summaries[j].summary));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kes_role_title (all[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kes_role_title (all[i]), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->roles_group, row);
      g_hash_table_insert (self->role_checks, (gpointer) all[i], check);
    }
}

/* ---- What the account is now ---- */

static void
fill_history (KesAccountEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  guint n;

  kes_list_box_remove_all (self->history_list);
  entries = kes_store_list_account_history (self->store, kes_account_get_id (self->account), &error);
  if (entries == NULL)
    {
      g_warning ("Could not read an account's history: %s", error->message);
      return;
    }
  n = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
      const char *who = kes_audit_entry_get_actor_name (entry);
      g_autofree char *title = NULL;
      g_autofree char *summary = g_markup_escape_text (kes_audit_entry_get_summary (entry), -1);

      /* TRANSLATORS: "21 Nov 2026 14:05 · Account change · Ada Admin" */
      title = g_markup_printf_escaped (_("%s · %s · %s"), when,
                                       kes_access_log_action_label (kes_audit_entry_get_action (entry)),
                                       who != NULL ? who : _("No one signed in"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      gtk_list_box_append (self->history_list, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing recorded yet"));
      gtk_list_box_append (self->history_list, row);
    }
}

/* The state rows and buttons, from self->account. */
static void
show_state (KesAccountEditor *self)
{
  KesStaff *actor = kes_store_get_actor (self->store);
  gboolean own = actor != NULL && g_str_equal (kes_staff_get_id (actor), kes_account_get_id (self->account));
  gboolean disabled = kes_account_get_disabled (self->account);
  g_autofree char *state = kes_account_dup_state_label (self->account);
  const char *last = kes_account_get_last_sign_in_at (self->account);
  g_autofree char *last_text = last != NULL && *last != '\0' ? kes_time_to_display (last) : NULL;

  adw_action_row_set_subtitle (self->state_row, state);
  adw_action_row_set_subtitle (self->last_sign_in_row, last_text != NULL ? last_text : _("Never"));
  gtk_widget_set_visible (self->unlock_row, kes_account_get_locked_until (self->account) != NULL);
  /* Core refuses disabling one's own account: not offered. */
  gtk_widget_set_visible (GTK_WIDGET (self->disable_row), !own);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->disable_row),
                                 disabled ? _("Disabled: can’t sign in") : _("Can sign in"));
  adw_action_row_set_subtitle (self->disable_row,
                               disabled ? _("Their name stays on everything they wrote and signed")
                                        : _("Accounts are never deleted: disabling stops every sign-in"));
  gtk_button_set_label (self->disable_button, disabled ? _("_Enable") : _("_Disable…"));
  if (disabled)
    gtk_widget_remove_css_class (GTK_WIDGET (self->disable_button), "destructive-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->disable_button), "destructive-action");
  fill_history (self);
}

/* After a change this window made: the account as core has it now. What
 * is typed in the fields stays. */
static void
reload_account (KesAccountEditor *self)
{
  g_autoptr(GError) error = NULL;
  KesAccount *fresh = kes_store_load_account (self->store, kes_account_get_id (self->account), &error);

  if (fresh == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  g_set_object (&self->account, fresh);
  g_object_unref (fresh);
  show_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- Reset, unlock, disable ---- */

static void
password_reset_cb (KesStaff   *staff,
                   const char *password,
                   gpointer    user_data)
{
  g_autoptr(KesAccountEditor) self = user_data;

  if (password == NULL)
    return;
  reload_account (self);
  show_problem (self, NULL);
}

static void
reset_clicked_cb (KesAccountEditor *self)
{
  g_autofree char *heading = g_strdup_printf (_("Reset the Password of %s"),
                                              kes_account_get_display_name (self->account));

  kes_ask_new_password (GTK_WIDGET (self), self->store, kes_account_get_staff (self->account),
                        kes_account_get_revision (self->account), KES_PASSWORD_RESET, heading,
                        _("Choose a one-time password and give it to them in person. They must choose "
                          "their own at their next sign-in. It also lifts a lock after failed sign-ins."),
                        password_reset_cb, g_object_ref (self));
}

static void
unlock_clicked_cb (KesAccountEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!kes_store_unlock_account (self->store, kes_account_get_id (self->account),
                                 kes_account_get_revision (self->account), &error))
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  reload_account (self);
}

static void
set_disabled (KesAccountEditor *self,
              gboolean          disable)
{
  g_autoptr(GError) error = NULL;
  const char *id = kes_account_get_id (self->account);
  gint64 revision = kes_account_get_revision (self->account);
  gboolean done = disable ? kes_store_disable_staff (self->store, id, revision, &error)
                          : kes_store_enable_staff (self->store, id, revision, &error);

  if (!done)
    {
      show_problem (self, error->message);
      return;
    }
  show_problem (self, NULL);
  reload_account (self);
}

static void
disable_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KesAccountEditor *self)
{
  if (g_strcmp0 (response, "disable") == 0)
    set_disabled (self, TRUE);
}

static void
disable_clicked_cb (KesAccountEditor *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (kes_account_get_disabled (self->account))
    {
      set_disabled (self, FALSE);
      return;
    }
  heading = g_strdup_printf (_("Disable the Account of %s?"), kes_account_get_display_name (self->account));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("They can no longer sign in, and a session they have open stops "
                                     "working at once. Nothing they wrote is removed, and the account "
                                     "can be enabled again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disable", _("_Disable"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disable",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (disable_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Saving ---- */

static void
cancel_clicked_cb (KesAccountEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (KesAccountEditor *self)
{
  kes_account_editor_save (self);
}

static void
name_changed_cb (KesAccountEditor *self)
{
  g_autofree char *name = NULL;
  g_autofree char *username = NULL;

  if (self->account != NULL || self->username_typed)
    return;
  name = kes_editable_dup_text (GTK_EDITABLE (self->name_row));
  username = *name != '\0' ? kes_unique_username (self->store, name) : g_strdup ("");
  g_signal_handlers_block_matched (self->username_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  g_signal_handlers_unblock_matched (self->username_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
username_changed_cb (KesAccountEditor *self)
{
  self->username_typed = TRUE;
}

static gboolean
create_account (KesAccountEditor *self,
                GError          **error)
{
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *username = kes_editable_dup_text (GTK_EDITABLE (self->username_row));
  g_autofree char *title = kes_editable_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char *contact = kes_editable_dup_text (GTK_EDITABLE (self->contact_row));
  g_auto(GStrv) roles = checked_roles (self);
  g_autoptr(KesStaff) staff = NULL;

  staff = kes_store_create_account (self->store, username, name, title, kes_dropdown_get_code (self->team_dropdown),
                                    contact, (const char * const *) roles,
                                    gtk_editable_get_text (GTK_EDITABLE (self->password_row)), error);
  return staff != NULL;
}

/* Whether @typed differs from @stored, NULL being "". */
static gboolean
differs (const char *typed,
         const char *stored)
{
  return g_strcmp0 (typed != NULL ? typed : "", stored != NULL ? stored : "") != 0;
}

/* Details, then roles, from the revision the window was opened at, in one
 * transaction: both or neither. */
static gboolean
change_account (KesAccountEditor *self,
                GError          **error)
{
  KesStaff *staff = kes_account_get_staff (self->account);
  g_autofree char *name = kes_editable_dup_text (GTK_EDITABLE (self->name_row));
  g_autofree char *title = kes_editable_dup_text (GTK_EDITABLE (self->title_row));
  g_autofree char *contact = kes_editable_dup_text (GTK_EDITABLE (self->contact_row));
  const char *team = kes_dropdown_get_code (self->team_dropdown);
  g_auto(GStrv) roles = checked_roles (self);
  gint64 revision = kes_account_get_revision (self->account);
  gboolean details = differs (name, kes_staff_get_display_name (staff)) ||
                     differs (title, kes_staff_get_role_title (staff)) ||
                     differs (contact, kes_staff_get_contact (staff)) ||
                     differs (team, kes_staff_get_team_id (staff));
  gboolean new_roles = !g_strv_equal ((const char * const *) roles, kes_account_get_roles (self->account));

  if (!details && !new_roles)
    return TRUE;
  if (!kes_store_begin (self->store, error))
    return FALSE;
  if ((details && !kes_store_update_staff_details (self->store, kes_account_get_id (self->account), revision++,
                                                   name, title, team, contact, error)) ||
      (new_roles && !kes_store_set_staff_roles (self->store, kes_account_get_id (self->account), revision,
                                                (const char * const *) roles, error)) ||
      !kes_store_commit (self->store, error))
    {
      kes_store_rollback (self->store);
      return FALSE;
    }
  return TRUE;
}

gboolean
kes_account_editor_save (KesAccountEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  g_return_val_if_fail (KES_IS_ACCOUNT_EDITOR (self), FALSE);

  done = self->account == NULL ? create_account (self, &error) : change_account (self, &error);
  if (!done)
    {
      /* What was typed stays, with core's reason beside it. */
      show_problem (self, error->message);
      return FALSE;
    }
  show_problem (self, NULL);
  g_signal_emit (self, signals[CHANGED], 0);
  kes_secondary_window_mark_saved (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

void
kes_account_editor_set_role (KesAccountEditor *self,
                             const char       *role,
                             gboolean          held)
{
  GtkCheckButton *check;

  g_return_if_fail (KES_IS_ACCOUNT_EDITOR (self));

  check = g_hash_table_lookup (self->role_checks, role);
  g_return_if_fail (check != NULL);
  gtk_check_button_set_active (check, held);
}

/* ---- The class ---- */

static void
kes_account_editor_dispose (GObject *object)
{
  KesAccountEditor *self = KES_ACCOUNT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_ACCOUNT_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->account);
  g_clear_pointer (&self->role_checks, g_hash_table_unref);

  G_OBJECT_CLASS (kes_account_editor_parent_class)->dispose (object);
}

static void
kes_account_editor_class_init (KesAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_account_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-account-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, username_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, roles_group);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, password_group);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, state_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, last_sign_in_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, reset_button);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, unlock_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, disable_row);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, disable_button);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, KesAccountEditor, history_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, username_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, disable_clicked_cb);
}

static void
kes_account_editor_init (KesAccountEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->role_checks = g_hash_table_new (g_str_hash, g_str_equal);
  add_role_rows (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->team_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team"), -1);
}

KesAccountEditor *
kes_account_editor_new (GtkWindow  *parent,
                        KesStore   *store,
                        KesAccount *account)
{
  KesAccountEditor *self;
  g_autoptr(GListModel) teams = NULL;
  const char *title;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (account == NULL || KES_IS_ACCOUNT (account), NULL);

  self = g_object_new (KES_TYPE_ACCOUNT_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->account = account != NULL ? g_object_ref (account) : NULL;

  teams = kes_store_list_teams (store, NULL);
  if (teams != NULL)
    kes_dropdown_fill_teams (self->team_dropdown, teams, _("No team"));
  title = account != NULL ? kes_account_get_display_name (account) : _("Add Account");
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->password_group, account == NULL);
  gtk_widget_set_visible (self->sign_in_group, account != NULL);
  gtk_widget_set_visible (self->history_group, account != NULL);
  /* A user name is how someone signs in and what the log shows: it stays
   * (the window's subtitle shows it). */
  gtk_widget_set_visible (self->username_row, account == NULL);
  gtk_button_set_label (GTK_BUTTON (self->save_button), account != NULL ? _("_Save") : _("_Add"));

  if (account != NULL)
    {
      KesStaff *staff = kes_account_get_staff (account);
      const char * const *roles = kes_account_get_roles (account);

      adw_window_title_set_subtitle (self->window_title, kes_account_get_username (account));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), kes_staff_get_display_name (staff));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), kes_account_get_username (account));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), kes_staff_get_role_title (staff) != NULL
                                                              ? kes_staff_get_role_title (staff) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->contact_row), kes_staff_get_contact (staff) != NULL
                                                                ? kes_staff_get_contact (staff) : "");
      kes_dropdown_set_code (self->team_dropdown, kes_staff_get_team_id (staff));
      for (guint i = 0; roles[i] != NULL; i++)
        kes_account_editor_set_role (self, roles[i], TRUE);
      show_state (self);
    }
  self->username_typed = FALSE;
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self));
  return self;
}
