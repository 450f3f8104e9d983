/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-access"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-cli.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-patients.h"

const KesCliCommand kes_cli_access_commands[] = {
  { "audit", N_("Show the access log"), kes_cli_audit },
  { "backup", N_("Back up the database to a folder and verify the copy"), kes_cli_backup },
  { "restore", N_("Restore a backup to a new database file"), kes_cli_restore },
  { NULL, NULL, NULL },
};

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
kes_cli_audit (KesCliContext *context)
{
  g_autofree char *patient = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  g_autofree char *patient_id = NULL;
  GOptionEntry entries[] = {
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient, N_("Only this patient (id, NHS number or MHCS reference)"), "ID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this date (YYYY-MM-DD)"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Up to this date (YYYY-MM-DD)"), "DATE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GListModel) entries_model = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Lists who viewed or changed what, oldest first. Reading the log is "
                                "itself logged.")))
    return KES_CLI_USAGE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      kes_cli_print_error (_("--format must be text or json"));
      return KES_CLI_USAGE;
    }
  json = format != NULL && g_str_equal (format, "json");

  if (patient != NULL)
    {
      g_autoptr(KesPatient) found = kes_store_find_patient (context->store, patient, &error);
      if (found == NULL)
        return kes_cli_fail (error);
      patient_id = g_strdup (kes_patient_get_id (found));
    }
  entries_model = kes_store_list_audit (context->store, patient_id, from, to, &error);
  if (entries_model == NULL)
    return kes_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (entries_model); i++)
        {
          g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries_model, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "seq");
          json_builder_add_int_value (builder, kes_audit_entry_get_seq (entry));
          add_member (builder, "at", kes_audit_entry_get_at (entry));
          add_member (builder, "actor_id", kes_audit_entry_get_actor_id (entry));
          add_member (builder, "actor", kes_audit_entry_get_actor_name (entry));
          add_member (builder, "action", kes_audit_entry_get_action (entry));
          add_member (builder, "record_id", kes_audit_entry_get_record_id (entry));
          add_member (builder, "patient_id", kes_audit_entry_get_patient_id (entry));
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, kes_audit_entry_get_revision (entry));
          add_member (builder, "summary", kes_audit_entry_get_summary (entry));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return KES_CLI_OK;
    }

  for (guint i = 0; i < g_list_model_get_n_items (entries_model); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries_model, i);
      g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
      const char *actor = kes_audit_entry_get_actor_name (entry);

      g_print ("%6" G_GINT64_FORMAT "  %-17s  %-20s  %-16s  %s  %s\n",
               kes_audit_entry_get_seq (entry), when,
               *actor != '\0' ? actor : _("(no one)"),
               kes_audit_entry_get_action (entry),
               kes_audit_entry_get_patient_id (entry) != NULL ? kes_audit_entry_get_patient_id (entry) : "-",
               kes_audit_entry_get_summary (entry));
    }
  return KES_CLI_OK;
}

/* The passphrase named by --passphrase-env: never on the command line,
 * where other users could read it. */
static gboolean
passphrase_from_env (const char  *variable,
                     char       **passphrase)
{
  const char *value;

  *passphrase = NULL;
  if (variable == NULL)
    return TRUE;
  value = g_getenv (variable);
  if (value == NULL || *value == '\0')
    {
      g_autofree char *message = g_strdup_printf (_("--passphrase-env: the variable %s is not set"), variable);
      kes_cli_print_error (message);
      return FALSE;
    }
  *passphrase = g_strdup (value);
  return TRUE;
}

int
kes_cli_backup (KesCliContext *context)
{
  g_autofree char *folder = NULL;
  g_autofree char *variable = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *path = NULL;
  int keep = 0;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &folder, N_("Folder to write the backup to"), "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("Keep only the newest N backups there (default: all)"), "N" },
    { "passphrase-env", 0, 0, G_OPTION_ARG_STRING, &variable,
      N_("Encrypt with the passphrase in this environment variable"), "VAR" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Copies the database with SQLite’s online backup API, reads the copy "
                                "back and verifies it.")))
    return KES_CLI_USAGE;
  if (folder == NULL)
    {
      kes_cli_print_error (_("--folder is required"));
      return KES_CLI_USAGE;
    }
  if (keep < 0)
    {
      kes_cli_print_error (_("--keep must not be negative"));
      return KES_CLI_USAGE;
    }
  if (!passphrase_from_env (variable, &passphrase))
    return KES_CLI_USAGE;
  path = kes_backup_create (context->store, folder, (guint) keep, passphrase, &error);
  if (path == NULL)
    return kes_cli_fail (error);
  g_print ("%s\n", path);
  return KES_CLI_OK;
}

int
kes_cli_restore (KesCliContext *context)
{
  g_autofree char *target = NULL;
  g_autofree char *variable = NULL;
  g_autofree char *passphrase = NULL;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &target, N_("The new database file to restore into"), "NEWDB" },
    { "passphrase-env", 0, 0, G_OPTION_ARG_STRING, &variable,
      N_("The encrypted backup’s passphrase is in this environment variable"), "VAR" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KesBackupReport) report = NULL;

  if (!kes_cli_parse_options (context, entries, N_("FILE"),
                              _("Verifies the backup, then writes it to a new file. Nothing existing "
                                "is overwritten; open the new file with --database to switch.")))
    return KES_CLI_USAGE;
  if (context->argc < 2 || target == NULL)
    {
      kes_cli_print_error (_("Give the backup FILE and --to NEWDB"));
      return KES_CLI_USAGE;
    }
  if (!kes_store_check_permission (context->store, KES_PERMISSION_BACKUP, NULL, &error))
    return kes_cli_fail (error);
  if (!passphrase_from_env (variable, &passphrase))
    return KES_CLI_USAGE;
  /* Core checks the permission again, verifies the new file after writing
   * and logs the restore in this database and in the restored one. */
  report = kes_backup_restore_full (context->store, context->argv[1], passphrase, target, NULL, NULL, NULL,
                                    &error);
  if (report == NULL)
    return kes_cli_fail (error);
  g_print (_("Restored and verified: %s\n"), target);
  return KES_CLI_OK;
}
