/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-referral"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kes-atomic-file.h"
#include "kes-cli.h"
#include "kes-pdf-writer.h"
#include "kes-report-referral.h"
#include "kes-validate.h"
#include "kes-xml-writer.h"

/* kestrel-cli referral report: the referral pathway report. */

static int referral_report (KesCliContext *context);

const KesCliCommand kes_cli_referral_commands[] = {
  { "referral report", N_("Write the referral pathway report (waiting times, acceptance by ethnic category) as PDF, CSV or XML"),
    referral_report },
  { NULL, NULL, NULL },
};

static int
referral_report (KesCliContext *context)
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
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_iso = NULL;
  g_autofree char *to_iso = NULL;
  gboolean written;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Referrals, decisions and waiting times in calendar days by month, source and "
                                "area, and acceptance by ethnic category; small counts are hidden and others rounded, as NHS "
                                "Digital does (the report says how).")))
    return KES_CLI_USAGE;
  if (from == NULL || to == NULL || output == NULL)
    {
      kes_cli_print_error (_("referral report needs --from, --to and --output"));
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

  if (g_str_equal (format, "csv"))
    {
      g_autofree char *csv = kes_report_pathway_csv (context->store, from_iso, to_iso, &error);

      written = csv != NULL && kes_atomic_file_set_contents (output, csv, strlen (csv), &error);
    }
  else
    {
      document = kes_report_pathway (context->store, from_iso, to_iso, &error);
      written = document != NULL &&
                (g_str_equal (format, "pdf") ? kes_pdf_write_file (document, output, NULL, &error)
                                             : kes_xml_write_file (document, output, &error));
    }
  if (!written)
    return kes_cli_fail (error);
  return KES_CLI_OK;
}
