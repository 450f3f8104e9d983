/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli"

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "kes-accounts.h"
#include "kes-cli.h"
#include "kes-error.h"
#include "kes-verify.h"

/* Every command, in the order `kestrel-cli --help` lists them. */
static const KesCliCommand *const command_tables[] = {
  kes_cli_patient_commands,
  kes_cli_admin_commands,
  kes_cli_export_commands,
  kes_cli_access_commands,
  kes_cli_services_commands,
  kes_cli_referral_commands,
  kes_cli_equality_commands,
  kes_cli_rules_commands,
};

void
kes_cli_print_error (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  g_autofree char *one_line = g_strjoinv ("; ", lines);

  g_printerr ("kestrel-cli: %s\n", one_line);
}

int
kes_cli_fail (GError *error)
{
  kes_cli_print_error (error != NULL ? error->message : _("unknown error"));
  return KES_CLI_FAILED;
}

gboolean
kes_cli_parse_options (KesCliContext *context,
                       GOptionEntry  *entries,
                       const char    *parameter_string,
                       const char    *summary)
{
  g_autoptr(GOptionContext) options = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (options, summary);
  g_option_context_add_main_entries (options, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (options, &context->argc, &context->argv, &error))
    {
      kes_cli_print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

char *
kes_cli_read_secret (const char  *variable,
                     const char  *prompt,
                     GError     **error)
{
  const char *value = variable != NULL ? g_getenv (variable) : NULL;
  struct termios saved, quiet;
  GString *secret;
  int fd;
  char c;

  if (value != NULL)
    return g_strdup (value);

  /* From the terminal, not stdin, with echo off. */
  fd = g_open ("/dev/tty", O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 || tcgetattr (fd, &saved) != 0)
    {
      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, KES_ERROR, KES_ERROR_IO,
                   _("No terminal to ask for the password on: set %s"),
                   variable != NULL ? variable : "KESTREL_PASSWORD");
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) (ECHO | ECHONL);
  quiet.c_lflag |= ICANON;
  if (write (fd, prompt, strlen (prompt)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    {
      g_close (fd, NULL);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("Could not ask for the password"));
      return NULL;
    }
  secret = g_string_new (NULL);
  while (read (fd, &c, 1) == 1 && c != '\n' && c != '\r')
    g_string_append_c (secret, c);
  tcsetattr (fd, TCSAFLUSH, &saved);
  if (write (fd, "\n", 1) < 0)
    g_debug ("Could not end the password prompt's line");
  g_close (fd, NULL);
  return g_string_free (secret, FALSE);
}

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: kestrel-cli [--database FILE] [--user NAME] COMMAND [OPTIONS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KesCliCommand *c = command_tables[t]; c->name != NULL; c++)
      g_print ("  %-16s %s\n", c->name, _(c->summary));
  g_print ("\n%s\n", _("Run “kestrel-cli COMMAND --help” for a command’s options."));
}

/* Finds the longest command name matching the leading words of @argv. */
static const KesCliCommand *
find_command (int     argc,
              char  **argv,
              int    *words)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KesCliCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        g_auto(GStrv) parts = g_strsplit (c->name, " ", -1);
        guint n = g_strv_length (parts);
        gboolean match = n <= (guint) argc;

        for (guint i = 0; match && i < n; i++)
          match = g_str_equal (parts[i], argv[i]);
        if (match)
          {
            *words = (int) n;
            return c;
          }
      }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) command_argv = g_ptr_array_new ();
  const KesCliCommand *command;
  KesCliContext context = { 0 };
  int first = 1;
  int words = 0;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  while (first < argc && g_str_has_prefix (argv[first], "--"))
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help"))
        {
          print_usage ();
          return KES_CLI_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          g_print ("kestrel-cli %s\n", PACKAGE_VERSION);
          return KES_CLI_OK;
        }
      if ((g_str_equal (arg, "--database") || g_str_equal (arg, "--user")) && first + 1 < argc)
        {
          g_free (g_str_equal (arg, "--database") ? database : user);
          if (g_str_equal (arg, "--database"))
            database = g_strdup (argv[first + 1]);
          else
            user = g_strdup (argv[first + 1]);
          first += 2;
          continue;
        }
      if (g_str_has_prefix (arg, "--database="))
        {
          g_free (database);
          database = g_strdup (arg + strlen ("--database="));
        }
      else if (g_str_has_prefix (arg, "--user="))
        {
          g_free (user);
          user = g_strdup (arg + strlen ("--user="));
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown option %s (try --help)"), arg);
          kes_cli_print_error (message);
          return KES_CLI_USAGE;
        }
      first++;
    }

  if (first >= argc)
    {
      print_usage ();
      return KES_CLI_USAGE;
    }
  command = find_command (argc - first, argv + first, &words);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s” (try --help)"), argv[first]);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }

  if (database == NULL)
    database = kes_store_default_path ();
  if (command->checks_file)
    {
      gboolean check_pending = FALSE;

      store = kes_store_open_check_later (database, &check_pending, &error);
    }
  else
    store = kes_store_open (database, &error);
  if (store == NULL)
    return kes_cli_fail (error);

  /* The acting user: --user, else the login name; added on first use. A
   * user with a password signs in with it: $KESTREL_PASSWORD, else a prompt. */
  if (user == NULL)
    user = g_strdup (g_get_user_name ());
  if (kes_store_staff_has_password (store, user))
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), user);
      g_autofree char *password = kes_cli_read_secret ("KESTREL_PASSWORD", prompt, &error);

      if (password == NULL)
        return kes_cli_fail (error);
      actor = kes_store_sign_in (store, user, password, &error);
      if (actor == NULL)
        return kes_cli_fail (error);
    }
  else
    {
      /* Without a password (the transitional rule, kes-permissions.h). */
      actor = kes_store_ensure_staff (store, user, &error);
      if (actor == NULL)
        return kes_cli_fail (error);
      kes_store_set_actor (store, actor);
    }

  /* The command sees "kestrel-cli patient add" as its program name. */
  g_ptr_array_add (command_argv, (gpointer) command->name);
  for (int i = first + words; i < argc; i++)
    g_ptr_array_add (command_argv, argv[i]);
  g_ptr_array_add (command_argv, NULL);

  context.store = store;
  context.argc = (int) command_argv->len - 1;
  context.argv = (char **) command_argv->pdata;
  status = command->run (&context);

  /* What this run added to the access log is anchored outside the file. */
  if (!kes_store_anchor (store, "close", FALSE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("warning: the access log’s head was not anchored: %s"),
                                                  error->message);
      kes_cli_print_error (message);
    }
  return status;
}
