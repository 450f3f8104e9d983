/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-equality"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-cli.h"
#include "kes-equality-report.h"
#include "kes-liaison-report.h"
#include "kes-pdf-writer.h"
#include "kes-validate.h"
#include "kes-xml-writer.h"

/* kestrel-cli equality-report: the PCREF equality monitoring report;
 * kestrel-cli liaison-report: the liaison and diversion activity report. */

static int equality_report (KesCliContext *context);
static int liaison_report  (KesCliContext *context);

const KesCliCommand kes_cli_equality_commands[] = {
  { "equality-report", N_("Write the equality monitoring (PCREF) report as PDF, CSV or XML"),
    equality_report },
  { "liaison-report", N_("Write the liaison and diversion activity report as PDF, CSV or XML"),
    liaison_report },
  { NULL, NULL, NULL },
};

/* What both reports take: a period, a format and a file. */
typedef struct
{
  char *from_iso;
  char *to_iso;
  char *format;
  char *output;
  int   suppress_up_to; /* a stricter local disclosure rule; 0: the published one */
  int   round_to;
} PeriodReport;

static void
period_report_clear (PeriodReport *args)
{
  g_free (args->from_iso);
  g_free (args->to_iso);
  g_free (args->format);
  g_free (args->output);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PeriodReport, period_report_clear)

/* Parses --from, --to, --format and --output; KES_CLI_OK or the exit code. */
static int
parse_period_report (KesCliContext *context,
                     const char    *command,
                     const char    *description,
                     PeriodReport  *args)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "DATE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args->format, N_("pdf, csv or xml (default pdf)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args->output, N_("File to write"), "FILE" },
    { "suppress-up-to", 0, 0, G_OPTION_ARG_INT, &args->suppress_up_to,
      N_("Hide counts up to N (at least 7, NHS Digital's method)"), "N" },
    { "round-to", 0, 0, G_OPTION_ARG_INT, &args->round_to,
      N_("Round counts to the nearest N (a multiple of 5)"), "N" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, NULL, description))
    return KES_CLI_USAGE;
  if (from == NULL || to == NULL || args->output == NULL)
    {
      /* Translators: %s is the command, "equality-report" */
      g_autofree char *message = g_strdup_printf (_("%s needs --from, --to and --output"), command);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }
  if (args->format == NULL)
    args->format = g_strdup ("pdf");
  if (!g_str_equal (args->format, "pdf") && !g_str_equal (args->format, "csv") &&
      !g_str_equal (args->format, "xml"))
    {
      g_autofree char *message = g_strdup_printf (_("--format %s: use pdf, csv or xml"), args->format);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }
  if ((args->from_iso = kes_date_parse (from, _("--from"), &error)) == NULL ||
      (args->to_iso = kes_date_parse (to, _("--to"), &error)) == NULL)
    return kes_cli_fail (error);
  if (args->suppress_up_to < 0 || args->round_to < 0)
    {
      kes_cli_print_error (_("--suppress-up-to and --round-to take a number"));
      return KES_CLI_USAGE;
    }
  return KES_CLI_OK;
}

/* The published rule, or the stricter one asked for (core refuses looser). */
static gboolean
disclosure_rule (const PeriodReport  *args,
                 KesDisclosure       *rule,
                 GError             **error)
{
  kes_disclosure_default (rule);
  return kes_disclosure_set_local (rule, args->suppress_up_to > 0 ? (guint) args->suppress_up_to
                                                                  : rule->suppress_up_to,
                                   args->round_to > 0 ? (guint) args->round_to : rule->round_to, error);
}

/* Writes @document as PDF or XML, as asked. */
static gboolean
write_document (KesDocument         *document,
                const PeriodReport  *args,
                GError             **error)
{
  return g_str_equal (args->format, "pdf") ? kes_pdf_write_file (document, args->output, NULL, error)
                                           : kes_xml_write_file (document, args->output, error);
}

static const char *
actor_name (KesCliContext *context)
{
  KesStaff *actor = kes_store_get_actor (context->store);

  return actor != NULL ? kes_staff_get_display_name (actor) : NULL;
}

static int
equality_report (KesCliContext *context)
{
  g_auto(PeriodReport) args = { 0 };
  g_autoptr(KesEqualityReport) report = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written;
  int status;

  status = parse_period_report (context, "equality-report",
                                _("Counts by ethnic category, gender and age band, protected as NHS "
                                  "Digital does: counts from 0 to 7 hidden (“*”), the others rounded to "
                                  "the nearest 5."), &args);
  if (status != KES_CLI_OK)
    return status;

  report = kes_store_equality_report (context->store, args.from_iso, args.to_iso, &error);
  if (report == NULL || !disclosure_rule (&args, &report->disclosure, &error))
    return kes_cli_fail (error);

  if (g_str_equal (args.format, "csv"))
    written = kes_equality_report_write_csv (report, args.output, &error);
  else
    {
      document = kes_equality_report_build (report, actor_name (context));
      written = write_document (document, &args, &error);
    }
  if (!written)
    return kes_cli_fail (error);
  return KES_CLI_OK;
}

static int
liaison_report (KesCliContext *context)
{
  g_auto(PeriodReport) args = { 0 };
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written;
  int status;

  status = parse_period_report (context, "liaison-report",
                                _("Screenings by setting, who asked, vulnerabilities identified and "
                                  "outcome, protected as NHS Digital does: counts from 0 to 7 hidden "
                                  "(“*”), the others rounded to the nearest 5."), &args);
  if (status != KES_CLI_OK)
    return status;

  activity = kes_store_liaison_activity (context->store, args.from_iso, args.to_iso, &error);
  if (activity == NULL || !disclosure_rule (&args, &activity->disclosure, &error))
    return kes_cli_fail (error);

  if (g_str_equal (args.format, "csv"))
    written = kes_liaison_report_write_csv (activity, args.from_iso, args.to_iso, args.output, &error);
  else
    {
      document = kes_liaison_report_build (activity, args.from_iso, args.to_iso, actor_name (context));
      written = write_document (document, &args, &error);
    }
  if (!written)
    return kes_cli_fail (error);
  return KES_CLI_OK;
}
