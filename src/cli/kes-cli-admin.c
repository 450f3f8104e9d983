/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-admin"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "kes-accounts.h"
#include "kes-cli.h"
#include "kes-demo.h"
#include "kes-verify.h"

const KesCliCommand kes_cli_admin_commands[] = {
  { "verify", N_("Check the database’s integrity, history, access log, display tables and anchors"),
    kes_cli_verify, FALSE, TRUE },
  { "guards restore", N_("Put back the append-only rules protecting history (administrators)"),
    kes_cli_guards_restore },
  { "demo", N_("Fill a new database with fictional demo patients and demo accounts"), kes_cli_demo, TRUE },
  { NULL, NULL, NULL },
};

static void
print_progress_cb (KesVerifyPart part,
                   guint64       done,
                   guint64       total,
                   gpointer      user_data)
{
  g_printerr ("\r%s: %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT "   ", kes_verify_part_label (part), done,
              MAX (done, total));
}

int
kes_cli_verify (KesCliContext *context)
{
  gboolean anchors = FALSE, quick = FALSE;
  GOptionEntry entries[] = {
    { "anchors", 0, 0, G_OPTION_ARG_NONE, &anchors,
      N_("Also check the anchors in the files named after the options (anchor files, journal "
         "exports, plain backups)"), NULL },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("Only what the app checks when it opens a database: the append-only rules, the last "
         "entry and the newest anchor"), NULL },
    { NULL }
  };
  g_autoptr(KesVerifyReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char * const *files = NULL;
  gboolean tty = isatty (STDERR_FILENO);

  if (!kes_cli_parse_options (context, entries, _("[FILE…]"),
                              _("Checks the database file, the append-only rules, every record’s "
                                "history, the access log’s keyed chain, every revision against the hashes "
                                "its entry recorded, the display tables against the latest revisions, and "
                                "every anchor of the log’s head found (this installation’s anchor file, "
                                "the backups’ anchors, and the files given with --anchors). Exit status: 0 "
                                "intact, 1 a problem was found, 3 it cannot be verified without the "
                                "installation key it was sealed with.")))
    return KES_CLI_USAGE;
  if (anchors != (context->argc > 1))
    {
      kes_cli_print_error (anchors ? _("--anchors needs at least one file")
                                   : _("files are only read with --anchors"));
      return KES_CLI_USAGE;
    }
  if (anchors)
    files = (const char * const *) context->argv + 1;

  report = quick ? kes_store_verify_quick (context->store, &error)
                 : kes_store_verify_parts (context->store, KES_VERIFY_ALL, files, tty ? print_progress_cb : NULL,
                                           NULL, NULL, &error);
  if (tty && !quick)
    g_printerr ("\r%*s\r", 60, "");
  if (report == NULL)
    return kes_cli_fail (error);
  text = kes_verify_report_to_text (report);
  g_print ("%s", text);
  if (kes_verify_report_is_intact (report))
    return KES_CLI_OK;
  if (kes_verify_report_has_problems (report))
    {
      kes_cli_print_error (_("the database failed verification"));
      return KES_CLI_FAILED;
    }
  kes_cli_print_error (_("the database cannot be verified without the installation key it was sealed with"));
  return KES_CLI_UNVERIFIED;
}

int
kes_cli_guards_restore (KesCliContext *context)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autofree char *restored = NULL;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Puts back the append-only rules that stop history and the access log "
                                "being rewritten, when they were removed outside Kestrel, and logs it. "
                                "Needs an administrator. Run verify afterwards: what was changed while "
                                "they were missing is found there.")))
    return KES_CLI_USAGE;
  if (!kes_store_restore_guards (context->store, &restored, &error))
    return kes_cli_fail (error);
  if (*restored == '\0')
    g_print ("%s\n", _("Every append-only rule was in place: nothing was changed."));
  else
    g_print (_("Put back: %s. Run “kestrel-cli verify” to see what was changed while they were "
               "missing.\n"), restored);
  return KES_CLI_OK;
}

typedef struct
{
  gint64   started;
  gboolean shown; /* a progress line is on the terminal, to be ended */
} Progress;

static void
print_demo_progress_cb (guint    done,
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
  if (!kes_demo_generate (context->store, &options, print_demo_progress_cb, &progress, &error))
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
