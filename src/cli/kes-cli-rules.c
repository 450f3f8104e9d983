/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-cli-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-cli.h"
#include "kes-clock.h"
#include "kes-rule-sources.h"

/* kestrel-cli rules: where every clinical rule and code list comes from,
 * and which are due for review (today from the clock, so KESTREL_NOW can
 * set it). */

static int rules (KesCliContext *context);

const KesCliCommand kes_cli_rules_commands[] = {
  { "rules", N_("List the sources of the clinical rules and code lists, and reviews that are due"), rules },
  { NULL, NULL, NULL },
};

static void
print_field (const char *label,
             const char *value)
{
  if (value != NULL && *value != '\0')
    g_print ("    %s: %s\n", label, value);
}

static void
print_text (KesRuleSource *source,
            gboolean       overdue,
            GPtrArray     *problems)
{
  g_print ("%s  [%s]  %s %s%s\n", source->id, kes_rule_source_status_to_string (source->status),
           _("review by"), source->review_by != NULL ? source->review_by : _("(none)"),
           overdue ? _("  REVIEW OVERDUE") : "");
  print_field (_("Source"), source->title);
  print_field (_("Issuer"), source->issuer);
  print_field (_("Published"), source->published);
  print_field (_("Section"), source->section);
  print_field (_("URL"), source->url);
  print_field (_("Reviewed"), source->reviewed);
  print_field (_("Note"), source->note);
  print_field (_("File"), source->file);
  for (guint r = 0; r < source->rule_ids->len; r++)
    g_print ("    %s = %s\n", (char *) source->rule_ids->pdata[r], (char *) source->values->pdata[r]);
  for (guint p = 0; p < problems->len; p++)
    g_print ("    %s: %s\n", _("PROBLEM"), (char *) problems->pdata[p]);
}

/* One line a block; tabs and newlines in values become spaces. */
static void
print_tsv (KesRuleSource *source,
           gboolean       overdue,
           GPtrArray     *problems)
{
  const char *fields[] = { source->id, kes_rule_source_status_to_string (source->status), source->review_by,
                           overdue ? "overdue" : "", source->title, source->issuer, source->published,
                           source->section, source->url, source->note, source->file };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *clean = g_strdup (fields[i] != NULL ? fields[i] : "");

      g_strdelimit (clean, "\t\n\r", ' ');
      g_print ("%s%s", i > 0 ? "\t" : "", clean);
    }
  g_print ("\t%u\n", problems->len);
}

static int
rules (KesCliContext *context)
{
  g_autofree char *format = NULL;
  gboolean overdue_only = FALSE;
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default) or tsv"), "FORMAT" },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue_only, N_("Only sources whose review date has passed"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Exit with status 1 when a review is overdue or a source is incomplete"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  guint n_rules = 0, n_overdue = 0, n_unconfirmed = 0, n_local = 0, n_problems = 0;
  gboolean tsv;

  if (!kes_cli_parse_options (context, entries, NULL,
                              _("Every block of clinical rules and every code list, with its source, "
                                "whether it is confirmed against that source, and when it must be "
                                "reviewed; reviews past their date are flagged.")))
    return KES_CLI_USAGE;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "tsv"))
    {
      g_autofree char *message = g_strdup_printf (_("--format %s: use text or tsv"), format);
      kes_cli_print_error (message);
      return KES_CLI_USAGE;
    }
  tsv = g_strcmp0 (format, "tsv") == 0;
  if (tsv)
    g_print ("id\tstatus\treview_by\toverdue\tsource\tissuer\tpublished\tsection\turl\tnote\tfile\tproblems\n");

  sources = kes_rule_sources_load ();
  for (guint i = 0; i < sources->len; i++)
    {
      KesRuleSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GPtrArray) problems = kes_rule_source_problems (source);
      gboolean overdue = kes_rule_source_review_overdue (source, today);

      n_rules += source->rule_ids->len;
      n_overdue += overdue;
      n_unconfirmed += source->status == KES_SOURCE_UNCONFIRMED;
      n_local += source->status == KES_SOURCE_LOCAL;
      n_problems += problems->len > 0;
      if (overdue_only && !overdue)
        continue;
      if (tsv)
        print_tsv (source, overdue, problems);
      else
        print_text (source, overdue, problems);
    }
  if (!tsv)
    g_print (_("%u blocks, %u rules: %u not confirmed against a source, %u local choices, %u overdue for "
               "review, %u with incomplete sources.\n"),
             sources->len, n_rules, n_unconfirmed, n_local, n_overdue, n_problems);
  return check && (n_overdue > 0 || n_problems > 0) ? KES_CLI_FAILED : KES_CLI_OK;
}
