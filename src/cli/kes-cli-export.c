/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-export"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-cli.h"
#include "kes-pdf-writer.h"
#include "kes-record-database.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-report-sar.h"
#include "kes-report-summary.h"
#include "kes-store-patients.h"
#include "kes-xml-writer.h"

const KesCliCommand kes_cli_export_commands[] = {
  { "export", N_("Export a patient summary, subject access folder, case record or every case record"), kes_cli_export },
  { "import", N_("Import a case record or a whole-database export (XML), all or nothing"), kes_cli_import },
  { NULL, NULL, NULL },
};

/* The patient summary goes through the same permission and access log as
 * every other export. */
static gboolean
export_summary (KesStore    *store,
                const char  *patient_id,
                gboolean     as_pdf,
                const char  *output,
                GError     **error)
{
  g_autoptr(KesDocument) document = NULL;

  if (!kes_store_check_permission (store, KES_PERMISSION_EXPORT, patient_id, error))
    return FALSE;
  document = kes_report_patient_summary (store, patient_id, error);
  if (document == NULL)
    return FALSE;
  if (as_pdf ? !kes_pdf_write_file (document, output, NULL, error)
             : !kes_xml_write_file (document, output, error))
    return FALSE;
  return kes_store_audit (store, KES_AUDIT_EXPORT, patient_id, patient_id,
                          as_pdf ? "patient summary (PDF)" : "patient summary (XML)", error);
}

/* Every case record in one file, streamed: see kes-record-database.h. */
static int
export_database (KesCliContext *context,
                 const char    *output)
{
  g_autoptr(GError) error = NULL;
  guint n_patients = 0;

  if (!kes_record_export_database (context->store, output, NULL, &n_patients, &error))
    return kes_cli_fail (error);
  g_print (ngettext ("%s: %u patient\n", "%s: %u patients\n", n_patients),
           output, n_patients);
  return KES_CLI_OK;
}

static int
import_database (KesCliContext        *context,
                 const char           *path,
                 KesRecordImportFlags  flags,
                 gboolean              dry_run)
{
  KesRecordDatabaseSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  /* A dry run does the whole import, every check included, then undoes it. */
  if (dry_run && !kes_store_begin (context->store, &error))
    return kes_cli_fail (error);
  if (!kes_record_import_database (context->store, path, flags, &summary, NULL, &error))
    {
      if (dry_run)
        kes_store_rollback (context->store);
      return kes_cli_fail (error);
    }
  if (dry_run)
    {
      kes_store_rollback (context->store);
      g_print (_("Dry run: the file is sound and would add %u records and %u revisions for %u patients\n"),
               summary.records_added, summary.revisions_added, summary.patients);
    }
  else
    g_print (_("Imported %u records and %u revisions for %u patients\n"),
             summary.records_added, summary.revisions_added, summary.patients);
  return KES_CLI_OK;
}

int
kes_cli_export (KesCliContext *context)
{
  g_autofree char *patient_key = NULL;
  g_autofree char *report = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every patient's case record in one XML file (instead of --patient)"), NULL },
    { "patient", 0, 0, G_OPTION_ARG_STRING, &patient_key, N_("The patient: id, NHS number or MHCS reference"), "ID" },
    { "report", 0, 0, G_OPTION_ARG_STRING, &report, N_("summary, sar (subject access) or record"), "REPORT" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("pdf or xml (record is always xml; sar writes both)"), "FORMAT" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (a folder for sar)"), "PATH" },
    { NULL }
  };
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Writes through a temporary file beside the output, renamed into place.")))
    return KES_CLI_USAGE;
  if (all && output != NULL && patient_key == NULL && report == NULL && format == NULL)
    return export_database (context, output);
  if (patient_key == NULL || output == NULL || all)
    {
      kes_cli_print_error (_("export needs --patient and --output, or --all and --output alone"));
      return KES_CLI_USAGE;
    }
  if (report == NULL)
    report = g_strdup ("summary");
  if (format == NULL)
    format = g_strdup (g_str_equal (report, "summary") ? "pdf" : "xml");
  if (!g_str_equal (format, "pdf") && !g_str_equal (format, "xml"))
    {
      kes_cli_print_error (_("--format must be pdf or xml"));
      return KES_CLI_USAGE;
    }

  patient = kes_store_find_patient (context->store, patient_key, &error);
  if (patient == NULL)
    return kes_cli_fail (error);

  if (g_str_equal (report, "summary"))
    ok = export_summary (context->store, kes_patient_get_id (patient), g_str_equal (format, "pdf"),
                         output, &error);
  else if (g_str_equal (report, "sar"))
    ok = kes_report_subject_access_export (context->store, kes_patient_get_id (patient), output,
                                           /* No one reviews other people here: each is withheld,
                                            * and the manifest says so. */
                                           NULL, NULL, &error);
  else if (g_str_equal (report, "record"))
    {
      if (g_str_equal (format, "pdf"))
        {
          kes_cli_print_error (_("the case record is exported as XML only; use --report sar for a PDF"));
          return KES_CLI_USAGE;
        }
      ok = kes_record_export_file (context->store, kes_patient_get_id (patient), output, &error);
    }
  else
    {
      kes_cli_print_error (_("--report must be summary, sar or record"));
      return KES_CLI_USAGE;
    }

  if (!ok)
    return kes_cli_fail (error);
  g_print ("%s\n", output);
  return KES_CLI_OK;
}

int
kes_cli_import (KesCliContext *context)
{
  gboolean dry_run = FALSE;
  gboolean merge = FALSE;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("The file is a whole-database export (export --all)"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and report what it would add; write nothing"), NULL },
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge, N_("Add to a patient already held (histories must agree)"), NULL },
    { NULL }
  };
  KesRecordImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  if (!kes_cli_parse_options (context, entries, "FILE",
                              _("Reads the file safely, checks it against the schema and applies it in one "
                                "transaction: all of it, or nothing.")))
    return KES_CLI_USAGE;
  if (context->argc != 2)
    {
      kes_cli_print_error (_("import needs one case record file"));
      return KES_CLI_USAGE;
    }
  if (all)
    return import_database (context, context->argv[1],
                            merge ? KES_RECORD_IMPORT_MERGE : KES_RECORD_IMPORT_DEFAULT, dry_run);

  /* A dry run does the whole import, every check included, then undoes it. */
  if (dry_run && !kes_store_begin (context->store, &error))
    return kes_cli_fail (error);
  if (!kes_record_import_file (context->store, context->argv[1],
                               merge ? KES_RECORD_IMPORT_MERGE : KES_RECORD_IMPORT_DEFAULT,
                               &summary, &error))
    {
      if (dry_run)
        kes_store_rollback (context->store);
      kes_record_import_summary_clear (&summary);
      return kes_cli_fail (error);
    }
  if (dry_run)
    kes_store_rollback (context->store);

  if (dry_run)
    g_print (_("Dry run: the file is sound and would add %u records and %u revisions for patient %s\n"),
             summary.records_added, summary.revisions_added, summary.patient_id);
  else
    g_print (_("Imported %u records and %u revisions for patient %s\n"),
             summary.records_added, summary.revisions_added, summary.patient_id);
  kes_record_import_summary_clear (&summary);
  return KES_CLI_OK;
}
