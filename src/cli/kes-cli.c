/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli"

#include "config.h"

#include <errno.h>
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
  kes_cli_account_commands,
  kes_cli_access_commands,
  kes_cli_services_commands,
  kes_cli_catchment_commands,
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

/* One line from @fd: a script hands the password over a pipe, never on the
 * command line or in a file others can read. Read a byte at a time so that
 * nothing after the line is taken from the descriptor. */
static char *
read_line_from_fd (int      fd,
                   GError **error)
{
  GString *line = g_string_new (NULL);
  gssize got;
  char c;

  while ((got = read (fd, &c, 1)) == 1 && c != '\n')
    g_string_append_c (line, c);
  if (got < 0)
    {
      int saved = errno;

      g_string_free (line, TRUE);
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the password from file descriptor %d: %s"),
                   fd, g_strerror (saved));
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

/* Asked on the terminal, not stdin, with echo off. */
static char *
ask_on_terminal (const char  *prompt,
                 const char  *variable,
                 GError     **error)
{
  struct termios saved, quiet;
  GString *secret;
  int fd;
  char c;

  fd = g_open ("/dev/tty", O_RDWR | O_CLOEXEC, 0);
  if (fd < 0 || tcgetattr (fd, &saved) != 0)
    {
      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, KES_ERROR, KES_ERROR_IO,
                   _("No terminal to ask for the password on: use --password-fd or set %s"),
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

char *
kes_cli_read_secret (int          fd,
                     const char  *variable,
                     const char  *prompt,
                     GError     **error)
{
  const char *value = variable != NULL ? g_getenv (variable) : NULL;

  if (fd >= 0)
    return read_line_from_fd (fd, error);
  if (value != NULL)
    return g_strdup (value);
  return ask_on_terminal (prompt, variable, error);
}

char *
kes_cli_read_new_secret (int          fd,
                         const char  *variable,
                         const char  *prompt,
                         GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  if (fd >= 0 || (variable != NULL && g_getenv (variable) != NULL))
    return kes_cli_read_secret (fd, variable, prompt, error);
  first = ask_on_terminal (prompt, variable, error);
  if (first == NULL)
    return NULL;
  again = ask_on_terminal (_("Type it again: "), variable, error);
  if (again == NULL)
    return NULL;
  if (!g_str_equal (first, again))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The two passwords are different: nothing was changed"));
      return NULL;
    }
  return g_steal_pointer (&first);
}

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: kestrel-cli [--database FILE] --user NAME [--password-fd N] COMMAND [OPTIONS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KesCliCommand *c = command_tables[t]; c->name != NULL; c++)
      g_print ("  %-16s %s\n", c->name, _(c->summary));
  g_print ("\n%s\n", _("Every command but “demo” and “account create-admin” signs in as --user: the "
                        "password is read from --password-fd N (one line), else $KESTREL_PASSWORD, "
                        "else asked on the terminal."));
  g_print ("%s\n", _("Run “kestrel-cli COMMAND --help” for a command’s options."));
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

/* The file must exist for anything but setting a new one up: a typing
 * mistake in --database must not leave an empty database behind. */
static gboolean
database_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Signs --user in with the password from --password-fd, $KESTREL_PASSWORD or
 * the terminal. A missing or unknown user gets the same message as a wrong
 * password, after the same work. */
static gboolean
sign_in (KesStore    *store,
         const char  *user,
         int          password_fd,
         char       **password,
         GError     **error)
{
  g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), user != NULL ? user : "");
  g_autoptr(KesStaff) actor = NULL;

  *password = kes_cli_read_secret (password_fd, "KESTREL_PASSWORD", prompt, error);
  if (*password == NULL)
    return FALSE;
  actor = kes_store_sign_in (store, user != NULL ? user : "", *password, error);
  return actor != NULL;
}

static gboolean
parse_fd (const char  *text,
          int         *fd)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT, &value, NULL))
    return FALSE;
  *fd = (int) value;
  return TRUE;
}

/* The options that come before the command, in this order. */
static const char * const global_options[] = { "--database", "--user", "--password-fd" };

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) command_argv = g_ptr_array_new ();
  const KesCliCommand *command;
  KesCliContext context = { 0 };
  gboolean asking_for_help = FALSE;
  int password_fd = -1;
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
      const char *value = NULL;
      const char * const *names = global_options;
      guint which = G_N_ELEMENTS (global_options);

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
      for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
        {
          gsize length = strlen (names[i]);

          if (g_str_equal (arg, names[i]) && first + 1 < argc)
            {
              which = i;
              value = argv[++first];
            }
          else if (g_str_has_prefix (arg, names[i]) && arg[length] == '=')
            {
              which = i;
              value = arg + length + 1;
            }
        }
      if (which == 0)
        {
          g_free (database);
          database = g_strdup (value);
        }
      else if (which == 1)
        {
          g_free (user);
          user = g_strdup (value);
        }
      else if (which != 2 || !parse_fd (value, &password_fd))
        {
          g_autofree char *message = which == 2
            ? g_strdup_printf (_("--password-fd needs a file descriptor number, not “%s”"), value)
            : g_strdup_printf (_("unknown option %s (try --help)"), arg);
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

  /* A global option after the command would be refused by the command's
   * own parser only once the store is open, and the store opened would be
   * the default database, created if missing: "demo --database X" once
   * filled the user's own database. Refused here, before anything opens. */
  for (int i = first + words; i < argc; i++)
    for (guint j = 0; j < G_N_ELEMENTS (global_options); j++)
      if (g_str_equal (argv[i], global_options[j]) ||
          (g_str_has_prefix (argv[i], global_options[j]) && argv[i][strlen (global_options[j])] == '='))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s goes before the command: kestrel-cli %s … %s …"), global_options[j],
                             global_options[j], command->name);
          kes_cli_print_error (message);
          return KES_CLI_USAGE;
        }

  /* A command's --help is answered by its option parser, which exits
   * before the command touches the store: no database is opened (or
   * created) and no one signs in to read it. */
  for (int i = first + words; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "--help-all"))
      asking_for_help = TRUE;

  if (database == NULL)
    database = kes_store_default_path ();
  if (!asking_for_help && !command->without_sign_in && !database_exists (database))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no Kestrel database at %s: check --database, or set one up with "
                           "“kestrel-cli account create-admin” or the app’s first run"), database);
      kes_cli_print_error (message);
      return KES_CLI_FAILED;
    }
  if (asking_for_help)
    store = NULL;
  else if (command->checks_file)
    {
      gboolean check_pending = FALSE;

      store = kes_store_open_check_later (database, &check_pending, &error);
    }
  else
    store = kes_store_open (database, &error);
  if (store == NULL && !asking_for_help)
    return kes_cli_fail (error);

  /* No one acts without signing in: --user and their password. */
  if (!asking_for_help && !command->without_sign_in && !sign_in (store, user, password_fd, &password, &error))
    return kes_cli_fail (error);
  if (!asking_for_help && !command->without_sign_in && kes_store_must_change_password (store) &&
      !g_str_equal (command->name, "account password"))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s holds a one-time password: change it first with “kestrel-cli --user %s "
                           "account password”"), user, user);
      kes_cli_print_error (message);
      return KES_CLI_FAILED;
    }

  /* The command sees "kestrel-cli patient add" as its program name. */
  g_ptr_array_add (command_argv, (gpointer) command->name);
  for (int i = first + words; i < argc; i++)
    g_ptr_array_add (command_argv, argv[i]);
  g_ptr_array_add (command_argv, NULL);

  context.store = store;
  context.argc = (int) command_argv->len - 1;
  context.argv = (char **) command_argv->pdata;
  context.password_fd = password_fd;
  context.password = password;
  status = command->run (&context);
  if (password != NULL)
    memset (password, 0, strlen (password));

  /* What this run added to the access log is anchored outside the file. */
  if (store != NULL && !kes_store_anchor (store, "close", FALSE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("warning: the access log’s head was not anchored: %s"),
                                                  error->message);
      kes_cli_print_error (message);
    }
  return status;
}
