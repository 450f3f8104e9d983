/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-admin"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-cli.h"
#include "kes-demo.h"

const KesCliCommand kes_cli_admin_commands[] = {
  { "verify", N_("Check the database’s integrity, history and access log"), kes_cli_verify },
  { "demo", N_("Fill a new database with fictional demo patients and demo accounts"), kes_cli_demo, TRUE },
  { NULL, NULL, NULL },
};

int
kes_cli_verify (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Runs SQLite’s integrity and foreign key checks, checks every "
                                "record’s revision history is complete, walks the access log’s hash "
                                "chain and checks every revision against the hash it logged.")))
    return KES_CLI_USAGE;

  problems = kes_store_verify (context->store, &error);
  if (problems == NULL)
    return kes_cli_fail (error);
  if (problems->len == 0)
    {
      g_print ("%s\n", _("ok: the database is intact"));
      return KES_CLI_OK;
    }
  for (guint i = 0; i < problems->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (problems, i));
  kes_cli_print_error (_("the database failed verification"));
  return KES_CLI_FAILED;
}

typedef struct
{
  gint64   started;
  gboolean shown; /* a progress line is on the terminal, to be ended */
} Progress;

static void
print_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  Progress *progress = user_data;

  progress->shown = TRUE;
  g_printerr ("\r%u / %u patients (%.1f s)", done, total,
              (g_get_monotonic_time () - progress->started) / (double) G_USEC_PER_SEC);
}

static void
print_demo_accounts (void)
{
  guint n;
  const KesDemoAccount *accounts = kes_demo_accounts (&n);

  g_print ("%s\n", _("Demo accounts (fictional; change or disable them before real use):"));
  for (guint i = 0; i < n; i++)
    g_print ("  %-16s %-22s %s\n", accounts[i].username, accounts[i].password,
             kes_role_title (accounts[i].role));
}

int
kes_cli_demo (KesCliContext *context)
{
  int patients = 100, contacts = 4, notes = 4, seed = 1984;
  GOptionEntry entries[] = {
    { "patients", 0, 0, G_OPTION_ARG_INT, &patients, N_("How many patients (default 100)"), "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, N_("Contacts per patient (default 4)"), "N" },
    { "notes", 0, 0, G_OPTION_ARG_INT, &notes, N_("Notes per patient (default 4)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed, for repeatable data"), "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  Progress progress = { g_get_monotonic_time (), FALSE };
  KesDemoOptions options;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Fills a new, empty database (a file that does not exist yet) with clearly "
                                "fictional patients with NHS numbers from the 999 test range, and "
                                "one account per role. Runs without signing in.")))
    return KES_CLI_USAGE;
  if (patients < 0 || contacts < 0 || notes < 0)
    {
      kes_cli_print_error (_("--patients, --contacts and --notes must not be negative"));
      return KES_CLI_USAGE;
    }

  options = (KesDemoOptions) { (guint) patients, (guint) contacts, (guint) notes, (guint32) seed };
  if (!kes_demo_generate (context->store, &options, print_progress_cb, &progress, &error))
    {
      if (progress.shown)
        g_printerr ("\n");
      return kes_cli_fail (error);
    }
  if (progress.shown)
    g_printerr ("\n");
  g_print (_("Added %d demo patients with %d contacts and %d notes each in %.1f s\n"),
           patients, contacts, notes, (g_get_monotonic_time () - progress.started) / (double) G_USEC_PER_SEC);
  print_demo_accounts ();
  return KES_CLI_OK;
}
