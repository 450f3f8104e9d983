/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-equality-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-atomic-file.h"
#include "kes-clock.h"
#include "kes-equality-report.h"

/* The measures shown as columns, in order, and whether each has a rate per
 * 100 of the group's caseload beside it. */
static const struct { KesEqualityMeasure measure; gboolean rate; } columns[] = {
  { KES_MEASURE_CASELOAD, FALSE },
  { KES_MEASURE_RESTRICTED, TRUE },
  { KES_MEASURE_CARER_ASSESSMENTS, TRUE },
  { KES_MEASURE_REFERRALS_RECEIVED, FALSE },
  { KES_MEASURE_REFERRALS_ACCEPTED, FALSE },
  { KES_MEASURE_REFERRALS_DECLINED, FALSE },
  { KES_MEASURE_RECALLS, FALSE },
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
  column->cells = kes_equality_suppress_column (values, groups->len, report->totals[measure],
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

static void
add_dimension_table (KesDocument          *document,
                     KesEqualityReport    *report,
                     KesEqualityDimension  dimension)
{
  GPtrArray *groups = report->groups[dimension];
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  Column shown[G_N_ELEMENTS (columns)] = { { NULL } };
  KesBlock *table;
  double wide = 2.6, narrow = 1.1;

  kes_document_add_heading (document, 2, kes_equality_dimension_label (dimension));
  g_ptr_array_add (headers, (gpointer) kes_equality_dimension_label (dimension));
  g_array_append_val (widths, wide);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      if (!report->available[columns[c].measure])
        continue;
      column_fill (&shown[c], report, groups, columns[c].measure);
      g_ptr_array_add (headers, (gpointer) kes_equality_measure_label (columns[c].measure));
      if (columns[c].measure == KES_MEASURE_CARER_ASSESSMENTS)
        g_array_append_val (widths, wide);
      else
        g_array_append_val (widths, narrow);
      if (columns[c].rate)
        {
          g_ptr_array_add (headers, (gpointer) _("per 100"));
          g_array_append_val (widths, narrow);
        }
    }
  g_ptr_array_add (headers, NULL);
  table = kes_document_add_table (document, (const char * const *) headers->pdata,
                                  (const double *) widths->data);

  for (guint row = 0; row <= groups->len; row++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      if (row < groups->len && report->totals[KES_MEASURE_CASELOAD] > 0 &&
          count_at (report, groups, row, KES_MEASURE_CASELOAD) == 0 &&
          count_at (report, groups, row, KES_MEASURE_CARER_ASSESSMENTS) == 0)
        continue; /* a group with nobody in it says nothing */
      g_ptr_array_add (cells, g_strdup (row < groups->len
                                          ? ((KesEqualityGroup *) groups->pdata[row])->label
                                          : _("All")));
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          if (!report->available[columns[c].measure])
            continue;
          g_ptr_array_add (cells, g_strdup (shown[c].cells[row]));
          if (columns[c].rate)
            g_ptr_array_add (cells, kes_equality_rate (count_at (report, groups, row, columns[c].measure),
                                                       shown[c].hidden[row],
                                                       count_at (report, groups, row, KES_MEASURE_CASELOAD),
                                                       shown[0].hidden[row]));
        }
      g_ptr_array_add (cells, NULL);
      kes_block_add_row (table, (const char * const *) cells->pdata);
    }
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    column_clear (&shown[c]);
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
  kes_block_add_key_value (about, _("per 100"), _("Rate per 100 patients of the same group on the caseload"));

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (!report->available[columns[c].measure])
      g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "",
                              kes_equality_measure_label (columns[c].measure));
  if (missing->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Not available yet: %s. Kestrel does not record "
                                                 "these in a form this report can count, so they "
                                                 "are left out rather than shown as zero."),
                                               missing->str);
      kes_document_add_paragraph (document, text);
    }
  kes_document_add_paragraph (document,
                              _("Small numbers are suppressed: a count from 1 to 4 is shown as “<5”. "
                                "When one count in a column is hidden, the next smallest is hidden "
                                "too (or the total), so no hidden count can be worked out from the "
                                "total. A rate is shown only when its count and the group’s caseload "
                                "are both shown (“–” otherwise)."));

  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    add_dimension_table (document, report, d);
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

char *
kes_equality_report_to_csv (KesEqualityReport *report)
{
  GString *out = g_string_new ("period_from,period_to,dimension,group,measure,count,rate_per_100_caseload\n");

  g_return_val_if_fail (report != NULL, NULL);

  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    {
      GPtrArray *groups = report->groups[d];
      Column caseload = { NULL };

      column_fill (&caseload, report, groups, KES_MEASURE_CASELOAD);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          Column shown = { NULL };

          if (report->available[columns[c].measure])
            column_fill (&shown, report, groups, columns[c].measure);
          for (guint row = 0; row <= groups->len; row++)
            {
              g_autofree char *rate = NULL;

              csv_field (out, report->from);
              g_string_append_c (out, ',');
              csv_field (out, report->to);
              g_string_append_c (out, ',');
              csv_field (out, kes_equality_dimension_label (d));
              g_string_append_c (out, ',');
              csv_field (out, row < groups->len ? ((KesEqualityGroup *) groups->pdata[row])->label
                                                : _("All"));
              g_string_append_c (out, ',');
              csv_field (out, kes_equality_measure_label (columns[c].measure));
              g_string_append_c (out, ',');
              if (!report->available[columns[c].measure])
                {
                  csv_field (out, _("not available"));
                  g_string_append (out, ",\n");
                  continue;
                }
              csv_field (out, shown.cells[row]);
              g_string_append_c (out, ',');
              if (columns[c].rate)
                rate = kes_equality_rate (count_at (report, groups, row, columns[c].measure),
                                          shown.hidden[row],
                                          count_at (report, groups, row, KES_MEASURE_CASELOAD),
                                          caseload.hidden[row]);
              csv_field (out, rate != NULL ? rate : "");
              g_string_append_c (out, '\n');
            }
          column_clear (&shown);
        }
      column_clear (&caseload);
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
