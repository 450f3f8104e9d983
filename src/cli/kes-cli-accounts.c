/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-cli.h"
#include "kes-clock.h"
#include "kes-error.h"

/* Accounts from the command line: the first administrator of a new
 * database, then what administrators do (add, roles, one-time passwords,
 * disable, enable, unlock, history) and everyone's own password. Core
 * checks every permission; a new password is read from
 * --new-password-fd, $KESTREL_NEW_PASSWORD or typed twice. */

static int account_create_admin (KesCliContext *context);
static int account_add          (KesCliContext *context);
static int account_list         (KesCliContext *context);
static int account_history      (KesCliContext *context);
static int account_roles        (KesCliContext *context);
static int account_edit         (KesCliContext *context);
static int account_password     (KesCliContext *context);
static int account_disable      (KesCliContext *context);
static int account_enable       (KesCliContext *context);
static int account_unlock       (KesCliContext *context);

const KesCliCommand kes_cli_account_commands[] = {
  { "account create-admin", N_("Create the first administrator of a new database"), account_create_admin, TRUE },
  { "account add", N_("Add a member of staff’s account, with a one-time password"), account_add, FALSE },
  { "account list", N_("List the accounts: roles, team, last sign-in, state"), account_list, FALSE },
  { "account history", N_("Show what was done to an account, and its sign-ins"), account_history, FALSE },
  { "account roles", N_("Set a member of staff’s roles"), account_roles, FALSE },
  { "account edit", N_("Change a member of staff’s name, job title, team or contact"), account_edit, FALSE },
  { "account password", N_("Change your password, or set someone’s one-time password"), account_password, FALSE },
  { "account disable", N_("Disable a member of staff’s account"), account_disable, FALSE },
  { "account enable", N_("Enable a disabled account again"), account_enable, FALSE },
  { "account unlock", N_("Unlock an account locked after failed sign-ins"), account_unlock, FALSE },
  { NULL, NULL, NULL, FALSE },
};

/* The account named by the first argument, as an administrator sees it. */
static KesAccount *
account_argument (KesCliContext  *context,
                  GError        **error)
{
  if (context->argc < 2)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Name the member of staff (user name)"));
      return NULL;
    }
  return kes_store_load_account (context->store, context->argv[1], error);
}

static char *
read_new_password (int          fd,
                   const char  *username,
                   GError     **error)
{
  g_autofree char *prompt = g_strdup_printf (_("New password for %s: "), username);

  return kes_cli_read_new_secret (fd, "KESTREL_NEW_PASSWORD", prompt, error);
}

static int
account_create_admin (KesCliContext *context)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *team = NULL;
  g_autofree char *clinical = NULL;
  g_autofree char *password = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Job title"), "TITLE" },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("Team (name or id)"), "TEAM" },
    { "clinical-role", 0, 0, G_OPTION_ARG_STRING, &clinical, N_("A second, clinical role to hold as well"), "ROLE" },
    { NULL }
  };
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, NULL, NULL };
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, N_("USER"),
                              _("Only while the database has no administrator who can sign in (a new "
                                "one, or one from before accounts). The password is read from "
                                "--password-fd, else $KESTREL_NEW_PASSWORD, else typed twice.")))
    return KES_CLI_USAGE;
  if (context->argc != 2 || name == NULL)
    {
      kes_cli_print_error (_("account create-admin needs the USER name and --name"));
      return KES_CLI_USAGE;
    }
  if (!kes_store_needs_first_administrator (context->store))
    {
      kes_cli_print_error (_("This database already has an administrator: they add accounts with "
                             "“kestrel-cli --user NAME account add”"));
      return KES_CLI_FAILED;
    }
  roles[1] = clinical;
  password = kes_cli_read_new_secret (context->password_fd, "KESTREL_NEW_PASSWORD", _("Password: "), &error);
  if (password == NULL)
    return kes_cli_fail (error);
  staff = kes_store_create_account (context->store, context->argv[1], name, title, team, NULL, roles,
                                    password, &error);
  memset (password, 0, strlen (password));
  if (staff == NULL)
    return kes_cli_fail (error);
  g_print (_("Created the administrator %s\n"), kes_staff_get_username (staff));
  return KES_CLI_OK;
}

static int
account_add (KesCliContext *context)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *team = NULL;
  g_autofree char *contact = NULL;
  g_auto(GStrv) roles = NULL;
  int new_password_fd = -1;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "role", 0, 0, G_OPTION_ARG_STRING_ARRAY, &roles, N_("A role (repeat for more)"), "ROLE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Job title"), "TITLE" },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("Team (name or id)"), "TEAM" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Telephone or e-mail"), "CONTACT" },
    { "new-password-fd", 0, 0, G_OPTION_ARG_INT, &new_password_fd,
      N_("Read the one-time password from this file descriptor"), "N" },
    { NULL }
  };
  g_autofree char *known = g_strjoinv (", ", (char **) kes_role_all ());
  g_autofree char *summary = g_strdup_printf (_("The password is one-time: its owner changes it at the "
                                                "first sign-in. Roles: %s."), known);
  g_autofree char *password = NULL;
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, N_("USER"), summary))
    return KES_CLI_USAGE;
  if (context->argc != 2 || name == NULL)
    {
      kes_cli_print_error (_("account add needs the USER name and --name"));
      return KES_CLI_USAGE;
    }
  /* Core checks the permission before a password is asked for. */
  if (!kes_store_check_permission (context->store, KES_PERMISSION_MANAGE_STAFF, NULL, &error))
    return kes_cli_fail (error);
  password = read_new_password (new_password_fd, context->argv[1], &error);
  if (password == NULL)
    return kes_cli_fail (error);
  staff = kes_store_create_account (context->store, context->argv[1], name, title, team, contact,
                                    (const char * const *) roles, password, &error);
  memset (password, 0, strlen (password));
  if (staff == NULL)
    return kes_cli_fail (error);
  g_print (_("Added %s with a one-time password\n"), kes_staff_get_username (staff));
  return KES_CLI_OK;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
account_to_json (JsonBuilder *builder,
                 KesAccount  *account)
{
  const char * const *roles = kes_account_get_roles (account);
  static const char * const states[] = { "active", "disabled", "no-password", "locked", "must-change-password" };

  json_builder_begin_object (builder);
  add_string (builder, "id", kes_account_get_id (account));
  add_string (builder, "username", kes_account_get_username (account));
  add_string (builder, "name", kes_account_get_display_name (account));
  add_string (builder, "team", kes_account_get_team_name (account));
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; roles[i] != NULL; i++)
    json_builder_add_string_value (builder, roles[i]);
  json_builder_end_array (builder);
  add_string (builder, "state", states[kes_account_get_state (account)]);
  add_string (builder, "locked_until", kes_account_get_locked_until (account));
  add_string (builder, "last_sign_in", kes_account_get_last_sign_in_at (account));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, kes_account_get_revision (account));
  json_builder_end_object (builder);
}

static int
account_list (KesCliContext *context)
{
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!kes_cli_parse_options (context, entries, NULL, _("Every account, enabled ones first.")))
    return KES_CLI_USAGE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      kes_cli_print_error (_("--format must be text or json"));
      return KES_CLI_USAGE;
    }
  accounts = kes_store_list_accounts (context->store, &error);
  if (accounts == NULL)
    return kes_cli_fail (error);
  n = g_list_model_get_n_items (accounts);
  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KesAccount) account = g_list_model_get_item (accounts, i);
          account_to_json (builder, account);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return KES_CLI_OK;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesAccount) account = g_list_model_get_item (accounts, i);
      g_autofree char *roles = kes_account_dup_roles_label (account);
      g_autofree char *state = kes_account_dup_state_label (account);
      const char *last = kes_account_get_last_sign_in_at (account);
      g_autofree char *last_shown = last != NULL ? kes_time_to_display (last) : g_strdup (_("never"));

      g_print ("%-18s %-26s %-12s %-17s %s; %s\n", kes_account_get_username (account),
               kes_account_get_display_name (account), kes_account_get_team_name (account),
               last_shown, roles, state);
    }
  return KES_CLI_OK;
}

static int
account_history (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, N_("USER"), _("Newest first. Reading it is logged.")))
    return KES_CLI_USAGE;
  if ((account = account_argument (context, &error)) == NULL ||
      (history = kes_store_list_account_history (context->store, kes_account_get_id (account), &error)) == NULL)
    return kes_cli_fail (error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
      const char *by = kes_audit_entry_get_actor_name (entry);

      g_print ("%-17s  %-20s  %-15s  %s\n", when, *by != '\0' ? by : _("(no one)"),
               kes_audit_entry_get_action (entry), kes_audit_entry_get_summary (entry));
    }
  return KES_CLI_OK;
}

static int
account_roles (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *known = g_strjoinv (", ", (char **) kes_role_all ());
  g_autofree char *summary = g_strdup_printf (_("Replaces the user’s roles with ROLE… (none clears "
                                                "them). Roles: %s."), known);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roles = NULL;
  g_autofree char *shown = NULL;

  if (!kes_cli_parse_options (context, entries, N_("USER [ROLE…]"), summary))
    return KES_CLI_USAGE;
  if ((account = account_argument (context, &error)) == NULL)
    return kes_cli_fail (error);
  for (int i = 2; i < context->argc; i++)
    g_strv_builder_add (builder, context->argv[i]);
  roles = g_strv_builder_end (builder);
  if (!kes_store_set_staff_roles (context->store, kes_account_get_id (account),
                                  kes_account_get_revision (account), (const char * const *) roles, &error))
    return kes_cli_fail (error);
  shown = g_strjoinv (" ", roles);
  g_print (_("Roles of %s: %s\n"), kes_account_get_username (account), *shown != '\0' ? shown : _("none"));
  return KES_CLI_OK;
}

static int
account_edit (KesCliContext *context)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *team = NULL;
  g_autofree char *contact = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Full name"), "NAME" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Job title"), "TITLE" },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("Team (name or id; \"\" for none)"), "TEAM" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("Telephone or e-mail"), "CONTACT" },
    { NULL }
  };
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  KesStaff *staff;

  if (!kes_cli_parse_options (context, entries, N_("USER"), _("What is not given stays as it is.")))
    return KES_CLI_USAGE;
  if ((account = account_argument (context, &error)) == NULL)
    return kes_cli_fail (error);
  staff = kes_account_get_staff (account);
  if (!kes_store_update_staff_details (context->store, kes_account_get_id (account),
                                       kes_account_get_revision (account),
                                       name != NULL ? name : kes_staff_get_display_name (staff),
                                       title != NULL ? title : kes_staff_get_role_title (staff),
                                       team != NULL ? team : kes_staff_get_team_id (staff),
                                       contact != NULL ? contact : kes_staff_get_contact (staff), &error))
    return kes_cli_fail (error);
  g_print (_("Changed %s\n"), kes_account_get_username (account));
  return KES_CLI_OK;
}

static int
account_password (KesCliContext *context)
{
  int new_password_fd = -1;
  GOptionEntry entries[] = {
    { "new-password-fd", 0, 0, G_OPTION_ARG_INT, &new_password_fd,
      N_("Read the new password from this file descriptor"), "N" },
    { NULL }
  };
  KesStaff *actor;
  g_autoptr(KesAccount) account = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  gboolean own;
  gboolean done;

  if (!kes_cli_parse_options (context, entries, N_("[USER]"),
                              _("Without USER, or with your own, changes your password (the one you "
                                "signed in with is checked again). With someone else’s, an "
                                "administrator sets a one-time password they must change.")))
    return KES_CLI_USAGE;
  actor = kes_store_get_actor (context->store);
  own = context->argc < 2 || g_str_equal (context->argv[1], kes_staff_get_username (actor)) ||
        g_str_equal (context->argv[1], kes_staff_get_id (actor));
  if (!own && (account = account_argument (context, &error)) == NULL)
    return kes_cli_fail (error);
  password = read_new_password (new_password_fd, own ? kes_staff_get_username (actor)
                                                     : kes_account_get_username (account), &error);
  if (password == NULL)
    return kes_cli_fail (error);
  if (own)
    done = kes_store_change_own_password (context->store, context->password, password, &error);
  else
    done = kes_store_reset_password (context->store, kes_account_get_id (account),
                                     kes_account_get_revision (account), password, &error);
  memset (password, 0, strlen (password));
  if (!done)
    return kes_cli_fail (error);
  if (own)
    g_print ("%s\n", _("Your password is changed"));
  else
    g_print (_("One-time password set for %s: they change it when they next sign in\n"),
             kes_account_get_username (account));
  return KES_CLI_OK;
}

typedef enum
{
  CHANGE_DISABLE,
  CHANGE_ENABLE,
  CHANGE_UNLOCK,
} SimpleChange;

static int
simple_change (KesCliContext *context,
               SimpleChange   change,
               const char    *summary)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  gint64 revision;
  gboolean done = FALSE;

  if (!kes_cli_parse_options (context, entries, N_("USER"), summary))
    return KES_CLI_USAGE;
  if ((account = account_argument (context, &error)) == NULL)
    return kes_cli_fail (error);
  id = kes_account_get_id (account);
  revision = kes_account_get_revision (account);
  switch (change)
    {
    case CHANGE_DISABLE:
      done = kes_store_disable_staff (context->store, id, revision, &error);
      break;
    case CHANGE_ENABLE:
      done = kes_store_enable_staff (context->store, id, revision, &error);
      break;
    case CHANGE_UNLOCK:
      done = kes_store_unlock_account (context->store, id, revision, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!done)
    return kes_cli_fail (error);
  if (change == CHANGE_DISABLE)
    g_print (_("Disabled %s\n"), kes_account_get_username (account));
  else if (change == CHANGE_ENABLE)
    g_print (_("Enabled %s\n"), kes_account_get_username (account));
  else
    g_print (_("Unlocked %s\n"), kes_account_get_username (account));
  return KES_CLI_OK;
}

static int
account_disable (KesCliContext *context)
{
  return simple_change (context, CHANGE_DISABLE, _("The account can no longer sign in; its history stays."));
}

static int
account_enable (KesCliContext *context)
{
  return simple_change (context, CHANGE_ENABLE, _("The account can sign in again."));
}

static int
account_unlock (KesCliContext *context)
{
  return simple_change (context, CHANGE_UNLOCK, _("Ends a lock after failed sign-ins now."));
}
