/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-equality-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-atomic-file.h"
#include "kes-clock.h"
#include "kes-equality-report.h"

/* What a rate beside a count is "per 100" of. */
typedef enum
{
  RATE_NONE,
  RATE_CASELOAD,  /* per 100 of the group's caseload */
  RATE_DECISIONS, /* per 100 of the group's decisions (accepted + declined) */
} RateBasis;

typedef struct
{
  KesEqualityMeasure measure;
  RateBasis          rate;
} ColumnSpec;

/* Two tables for each dimension: who is on the caseload and what happens to
 * them, then access through referrals. */
static const ColumnSpec outcome_columns[] = {
  { KES_MEASURE_CASELOAD, RATE_NONE },
  { KES_MEASURE_RESTRICTED, RATE_CASELOAD },
  { KES_MEASURE_RECALLS, RATE_CASELOAD },
  { KES_MEASURE_CARER_ASSESSMENTS, RATE_CASELOAD },
};
static const ColumnSpec referral_columns[] = {
  { KES_MEASURE_REFERRALS_RECEIVED, RATE_NONE },
  { KES_MEASURE_REFERRALS_DECLINED, RATE_NONE },
  { KES_MEASURE_REFERRALS_ACCEPTED, RATE_DECISIONS },
};

/* Every measure, in CSV order, with its rate. */
static const ColumnSpec all_columns[] = {
  { KES_MEASURE_CASELOAD, RATE_NONE },
  { KES_MEASURE_RESTRICTED, RATE_CASELOAD },
  { KES_MEASURE_RECALLS, RATE_CASELOAD },
  { KES_MEASURE_CARER_ASSESSMENTS, RATE_CASELOAD },
  { KES_MEASURE_REFERRALS_RECEIVED, RATE_NONE },
  { KES_MEASURE_REFERRALS_ACCEPTED, RATE_DECISIONS },
  { KES_MEASURE_REFERRALS_DECLINED, RATE_DECISIONS },
};

/* The suppressed texts of one measure in one dimension: n groups + total. */
typedef struct
{
  GStrv     cells;
  gboolean *hidden;
} Column;

static void
column_clear (Column *column)
{
  g_clear_pointer (&column->cells, g_strfreev);
  g_clear_pointer (&column->hidden, g_free);
}

static void
column_fill (Column             *column,
             KesEqualityReport  *report,
             GPtrArray          *groups,
             KesEqualityMeasure  measure)
{
  g_autofree guint *values = g_new0 (guint, groups->len);

  for (guint i = 0; i < groups->len; i++)
    values[i] = ((KesEqualityGroup *) groups->pdata[i])->counts[measure];
  column->hidden = g_new0 (gboolean, groups->len + 1);
  column->cells = kes_disclosure_column (&report->disclosure, values, groups->len, report->totals[measure],
                                         column->hidden);
}

static guint
count_at (KesEqualityReport  *report,
          GPtrArray          *groups,
          guint               row,
          KesEqualityMeasure  measure)
{
  return row < groups->len ? ((KesEqualityGroup *) groups->pdata[row])->counts[measure]
                           : report->totals[measure];
}

static char *
period_text (KesEqualityReport *report)
{
  g_autofree char *from = kes_date_to_display (report->from);
  g_autofree char *to = kes_date_to_display (report->to);
  return g_strdup_printf (_("%s to %s"), from, to);
}

static KesEqualityGroup *
group_at (GPtrArray *groups,
          guint      row)
{
  return row < groups->len ? groups->pdata[row] : NULL;
}

/* The suppressed decisions (accepted + declined) of each group and the
 * total, as a column of its own: the basis of the acceptance rate. */
static void
decisions_fill (Column            *column,
                KesEqualityReport *report,
                GPtrArray         *groups)
{
  g_autofree guint *values = g_new0 (guint, groups->len);
  Column accepted = { NULL }, declined = { NULL };

  for (guint i = 0; i < groups->len; i++)
    {
      KesEqualityGroup *group = groups->pdata[i];
      values[i] = group->counts[KES_MEASURE_REFERRALS_ACCEPTED] + group->counts[KES_MEASURE_REFERRALS_DECLINED];
    }
  column->hidden = g_new0 (gboolean, groups->len + 1);
  column->cells = kes_disclosure_column (&report->disclosure, values, groups->len,
                                         report->totals[KES_MEASURE_REFERRALS_ACCEPTED] +
                                         report->totals[KES_MEASURE_REFERRALS_DECLINED],
                                         column->hidden);
  /* A rate of accepted per 100 decided would give a hidden declined count
   * back (and the other way round): treat the basis as hidden then too. */
  column_fill (&accepted, report, groups, KES_MEASURE_REFERRALS_ACCEPTED);
  column_fill (&declined, report, groups, KES_MEASURE_REFERRALS_DECLINED);
  for (guint i = 0; i <= groups->len; i++)
    column->hidden[i] = column->hidden[i] || accepted.hidden[i] || declined.hidden[i];
  column_clear (&accepted);
  column_clear (&declined);
}

static guint
decisions_at (KesEqualityReport *report,
              GPtrArray         *groups,
              guint              row)
{
  return count_at (report, groups, row, KES_MEASURE_REFERRALS_ACCEPTED) +
         count_at (report, groups, row, KES_MEASURE_REFERRALS_DECLINED);
}

/* The rate beside @spec's count in @row. */
static char *
rate_text (KesEqualityReport *report,
           GPtrArray         *groups,
           guint              row,
           const ColumnSpec  *spec,
           Column            *shown,
           Column            *caseload,
           Column            *decisions)
{
  guint count = count_at (report, groups, row, spec->measure);

  if (spec->rate == RATE_CASELOAD)
    return kes_disclosure_rate (&report->disclosure, count, shown->hidden[row],
                                count_at (report, groups, row, KES_MEASURE_CASELOAD), caseload->hidden[row]);
  return kes_disclosure_rate (&report->disclosure, count, shown->hidden[row], decisions_at (report, groups, row),
                              decisions->hidden[row]);
}

static void
add_table (KesDocument          *document,
           KesEqualityReport    *report,
           KesEqualityDimension  dimension,
           const char           *title,
           const ColumnSpec     *specs,
           guint                 n_specs,
           gboolean              median)
{
  GPtrArray *groups = report->groups[dimension];
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree Column *shown = g_new0 (Column, n_specs);
  Column caseload = { NULL }, decisions = { NULL };
  KesBlock *table;
  double first = 2.0, rate = 0.9;

  kes_document_add_heading (document, 3, title);
  column_fill (&caseload, report, groups, KES_MEASURE_CASELOAD);
  decisions_fill (&decisions, report, groups);
  g_ptr_array_add (headers, (gpointer) kes_equality_dimension_label (dimension));
  g_array_append_val (widths, first);
  for (guint c = 0; c < n_specs; c++)
    {
      /* Wide enough for the longest word of the heading. */
      double width = specs[c].measure == KES_MEASURE_CARER_ASSESSMENTS ? 1.6
                     : specs[c].measure == KES_MEASURE_CASELOAD ? 1.2 : 1.3;

      if (!report->available[specs[c].measure])
        continue;
      column_fill (&shown[c], report, groups, specs[c].measure);
      g_ptr_array_add (headers, (gpointer) kes_equality_measure_label (specs[c].measure));
      g_array_append_val (widths, width);
      if (specs[c].rate != RATE_NONE)
        {
          double rate_width = specs[c].rate == RATE_CASELOAD ? rate : 1.4;

          g_ptr_array_add (headers, (gpointer) (specs[c].rate == RATE_CASELOAD ? _("per 100")
                                                                                : _("Accepted per 100 decided")));
          g_array_append_val (widths, rate_width);
        }
    }
  median = median && report->available[KES_MEASURE_REFERRALS_ACCEPTED];
  if (median)
    {
      double width = 1.3;

      g_ptr_array_add (headers, (gpointer) _("Median days to decision"));
      g_array_append_val (widths, width);
    }
  g_ptr_array_add (headers, NULL);
  table = kes_document_add_table (document, (const char * const *) headers->pdata,
                                  (const double *) widths->data);

  for (guint row = 0; row <= groups->len; row++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      KesEqualityGroup *group = group_at (groups, row);

      /* Every group, even an empty one: a missing row would say it is zero. */
      g_ptr_array_add (cells, g_strdup (group != NULL ? group->label : _("All")));
      for (guint c = 0; c < n_specs; c++)
        {
          if (!report->available[specs[c].measure])
            continue;
          g_ptr_array_add (cells, g_strdup (shown[c].cells[row]));
          if (specs[c].rate != RATE_NONE)
            g_ptr_array_add (cells, rate_text (report, groups, row, &specs[c], &shown[c], &caseload, &decisions));
        }
      if (median)
        g_ptr_array_add (cells, kes_disclosure_median (&report->disclosure,
                                                       group != NULL ? group->decision_days : report->decision_days));
      g_ptr_array_add (cells, NULL);
      kes_block_add_row (table, (const char * const *) cells->pdata);
    }
  for (guint c = 0; c < n_specs; c++)
    column_clear (&shown[c]);
  column_clear (&caseload);
  column_clear (&decisions);
}

static void
add_dimension (KesDocument          *document,
               KesEqualityReport    *report,
               KesEqualityDimension  dimension)
{
  g_autofree char *outcomes = g_strdup_printf (_("%s: caseload and outcomes"),
                                               kes_equality_dimension_label (dimension));
  g_autofree char *access = g_strdup_printf (_("%s: referrals (access)"), kes_equality_dimension_label (dimension));

  kes_document_add_heading (document, 2, kes_equality_dimension_label (dimension));
  add_table (document, report, dimension, outcomes, outcome_columns, G_N_ELEMENTS (outcome_columns), FALSE);
  add_table (document, report, dimension, access, referral_columns, G_N_ELEMENTS (referral_columns), TRUE);
}

KesDocument *
kes_equality_report_build (KesEqualityReport *report,
                           const char        *author)
{
  g_autoptr(KesDocument) document = NULL;
  g_autofree char *period = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  KesBlock *about;

  g_return_val_if_fail (report != NULL, NULL);

  period = period_text (report);
  document = kes_document_new ("equality-report", _("Equality monitoring (PCREF)"));
  kes_document_set_subtitle (document, period);
  kes_document_set_subject (document, _("Patient and Carer Race Equality Framework: access, "
                                        "experience and outcomes by ethnic category"));
  if (author != NULL)
    kes_document_set_author (document, author);

  about = kes_document_add_key_values (document, NULL);
  kes_block_add_key_value (about, _("Period"), period);
  kes_block_add_key_value (about, _("Caseload"), _("Active patients registered by the end of the period"));
  kes_block_add_key_value (about, _("Restricted"),
                           _("Patients of the caseload on a restriction order or direction "
                             "(legal status 09, 15, 17 or 37)"));
  kes_block_add_key_value (about, _("Carer’s assessments offered"),
                           _("Offers made in the period, counted by the patient cared for"));
  kes_block_add_key_value (about, _("Recalls to hospital"),
                           _("Recalls of conditionally discharged patients dated in the period"));
  kes_block_add_key_value (about, _("Referrals"),
                           _("Referral episodes received in the period, and those accepted or declined in "
                             "the period, counted by the person referred; a reopened referral is a new "
                             "episode"));
  {
    g_autofree char *median = g_strdup_printf (_("Calendar days from referral to decision, for decisions in the "
                                                 "period; given only where there are at least %u decisions"),
                                               report->disclosure.median_needs);
    kes_block_add_key_value (about, _("Median days to decision"), median);
  }
  kes_block_add_key_value (about, _("per 100"),
                           _("Rate per 100 patients of the same group on the caseload"));
  kes_block_add_key_value (about, _("Accepted per 100 decided"),
                           _("Referrals accepted per 100 decided (accepted or declined) in the same group"));

  for (guint c = 0; c < G_N_ELEMENTS (all_columns); c++)
    if (!report->available[all_columns[c].measure])
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                              kes_equality_measure_label (all_columns[c].measure));
  if (missing->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Not available yet: %s. Kestrel does not record "
                                                 "these in a form this report can count, so they "
                                                 "are left out rather than shown as zero."),
                                               missing->str);
      kes_document_add_paragraph (document, text);
    }
  {
    g_autofree char *rule = kes_disclosure_describe (&report->disclosure);
    kes_document_add_paragraph (document, rule);
  }

  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    add_dimension (document, report, d);
  return g_steal_pointer (&document);
}

static void
csv_field (GString    *out,
           const char *text)
{
  gboolean quote = strpbrk (text, ",\"\n") != NULL ||
                   /* Spreadsheets run cells starting with these as formulas. */
                   strchr ("=+-@", text[0]) != NULL;

  if (text[0] == '\0')
    quote = FALSE;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (strchr ("=+-@", text[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_row (GString           *out,
         KesEqualityReport *report,
         const char        *dimension,
         const char        *group,
         const char        *measure,
         const char        *count,
         const char        *rate,
         const char        *basis)
{
  const char *fields[] = { report->from, report->to, dimension, group, measure, count, rate, basis };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      csv_field (out, fields[i]);
    }
  g_string_append_c (out, '\n');
}

char *
kes_equality_report_to_csv (KesEqualityReport *report)
{
  GString *out = g_string_new ("period_from,period_to,dimension,group,measure,count,rate_per_100,rate_of\n");

  g_return_val_if_fail (report != NULL, NULL);

  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    {
      GPtrArray *groups = report->groups[d];
      const char *dimension = kes_equality_dimension_label (d);
      Column caseload = { NULL }, decisions = { NULL };

      column_fill (&caseload, report, groups, KES_MEASURE_CASELOAD);
      decisions_fill (&decisions, report, groups);
      for (guint c = 0; c < G_N_ELEMENTS (all_columns); c++)
        {
          const ColumnSpec *spec = &all_columns[c];
          const char *measure = kes_equality_measure_label (spec->measure);
          Column shown = { NULL };

          if (report->available[spec->measure])
            column_fill (&shown, report, groups, spec->measure);
          for (guint row = 0; row <= groups->len; row++)
            {
              KesEqualityGroup *group = group_at (groups, row);
              const char *label = group != NULL ? group->label : _("All");
              g_autofree char *rate = NULL;

              if (!report->available[spec->measure])
                {
                  csv_row (out, report, dimension, label, measure, _("not available"), "", "");
                  continue;
                }
              if (spec->rate != RATE_NONE)
                rate = rate_text (report, groups, row, spec, &shown, &caseload, &decisions);
              csv_row (out, report, dimension, label, measure, shown.cells[row], rate != NULL ? rate : "",
                       spec->rate == RATE_CASELOAD ? "caseload" : spec->rate == RATE_DECISIONS ? "decisions" : "");
            }
          column_clear (&shown);
        }
      if (report->available[KES_MEASURE_REFERRALS_ACCEPTED])
        for (guint row = 0; row <= groups->len; row++)
          {
            KesEqualityGroup *group = group_at (groups, row);
            g_autofree char *median = kes_disclosure_median (&report->disclosure,
                                                             group != NULL ? group->decision_days
                                                                           : report->decision_days);
            csv_row (out, report, dimension, group != NULL ? group->label : _("All"),
                     _("Median days to decision"), median, "", "");
          }
      column_clear (&caseload);
      column_clear (&decisions);
    }
  return g_string_free (out, FALSE);
}

gboolean
kes_equality_report_write_csv (KesEqualityReport  *report,
                               const char         *path,
                               GError            **error)
{
  g_autofree char *csv = kes_equality_report_to_csv (report);
  return kes_atomic_file_set_contents (path, csv, strlen (csv), error);
}
