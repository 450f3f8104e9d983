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

static int
equality_report (KesCliContext *context)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "DATE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf, csv or xml (default pdf)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };
  g_autoptr(KesEqualityReport) report = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  KesStaff *actor;
  gboolean written;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Counts by ethnic category, gender and age band; numbers from 1 to 4 "
                                "are shown as “<5”.")))
    return KES_CLI_USAGE;
  if (from == NULL || to == NULL || output == NULL)
    {
      kes_cli_print_error (_("equality-report needs --from, --to and --output"));
      return KES_CLI_USAGE;
    }
  if (format == NULL)
    format = g_strdup ("pdf");
  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "csv") && !g_str_equal (format, "xml"))
    {
      g_autofree char *message = g_strdup_printf (_("--format %s: use pdf, csv or xml"), format);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }
  if ((from_iso = kes_date_parse (from, _("--from"), &error)) == NULL ||
      (to_iso = kes_date_parse (to, _("--to"), &error)) == NULL)
    return kes_cli_fail (error);

  report = kes_store_equality_report (context->store, from_iso, to_iso, &error);
  if (report == NULL)
    return kes_cli_fail (error);

  if (g_str_equal (format, "csv"))
    written = kes_equality_report_write_csv (report, output, &error);
  else
    {
      actor = kes_store_get_actor (context->store);
      document = kes_equality_report_build (report, actor != NULL ? kes_staff_get_display_name (actor) : NULL);
      written = g_str_equal (format, "pdf") ? kes_pdf_write_file (document, output, NULL, &error)
                                            : kes_xml_write_file (document, output, &error);
    }
  if (!written)
    return kes_cli_fail (error);
  return KES_CLI_OK;
}

static int
liaison_report (KesCliContext *context)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), "DATE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf, csv or xml (default pdf)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), "FILE" },
    { NULL }
  };
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  KesStaff *actor;
  gboolean written;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Screenings by setting, who asked, vulnerabilities identified and "
                                "outcome; numbers from 1 to 4 are shown as “<5”.")))
    return KES_CLI_USAGE;
  if (from == NULL || to == NULL || output == NULL)
    {
      kes_cli_print_error (_("liaison-report needs --from, --to and --output"));
      return KES_CLI_USAGE;
    }
  if (format == NULL)
    format = g_strdup ("pdf");
  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "csv") && !g_str_equal (format, "xml"))
    {
      g_autofree char *message = g_strdup_printf (_("--format %s: use pdf, csv or xml"), format);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }
  if ((from_iso = kes_date_parse (from, _("--from"), &error)) == NULL ||
      (to_iso = kes_date_parse (to, _("--to"), &error)) == NULL)
    return kes_cli_fail (error);

  activity = kes_store_liaison_activity (context->store, from_iso, to_iso, &error);
  if (activity == NULL)
    return kes_cli_fail (error);

  if (g_str_equal (format, "csv"))
    written = kes_liaison_report_write_csv (activity, from_iso, to_iso, output, &error);
  else
    {
      actor = kes_store_get_actor (context->store);
      document = kes_liaison_report_build (activity, from_iso, to_iso,
                                           actor != NULL ? kes_staff_get_display_name (actor) : NULL);
      written = g_str_equal (format, "pdf") ? kes_pdf_write_file (document, output, NULL, &error)
                                            : kes_xml_write_file (document, output, &error);
    }
  if (!written)
    return kes_cli_fail (error);
  return KES_CLI_OK;
}
