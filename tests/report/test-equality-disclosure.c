/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-equality-report.h"

/* The equality report as it leaves the team (its CSV, the same cells as
 * the PDF), read by someone trying to single people out. The attacker
 * knows how the tables are made (NHS Digital's method, disclosure.ini) and
 * combines them: for every measure, every union of groups in a table (from
 * the total less the other cells) and every crossing of the ethnicity,
 * gender and age tables (a single group or all but one of each). No group
 * may come out as certainly between 1 and the threshold — the issue's case
 * was one carer's assessment pinned to one 56–65-year-old Chinese man by
 * zeros printed beside "<5". Reports are made at random (reproducible with
 * --seed); one with the old printing is shown to be caught. */

#define INF G_MAXINT32

typedef struct
{
  gint64 low;
  gint64 high;
} Bounds;

/* One measure in one table: the cells in order, then the total. */
typedef struct
{
  GPtrArray *texts; /* char*, cells then total */
} Column;

typedef struct
{
  GHashTable *columns; /* "dimension\tmeasure" -> Column* */
} Published;

static void
column_free (Column *column)
{
  g_ptr_array_unref (column->texts);
  g_free (column);
}

/* Splits one CSV line of plain or quoted fields. */
static GPtrArray *
csv_fields (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; ; p++)
    {
      if (*p == '\0' || (*p == ',' && !quoted))
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\0')
            break;
        }
      else if (*p == '"')
        {
          if (quoted && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else
            quoted = !quoted;
        }
      else
        g_string_append_c (field, *p);
    }
  g_string_free (field, TRUE);
  return fields;
}

static Published *
published_read (const char *csv)
{
  Published *published = g_new0 (Published, 1);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  published->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) column_free);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) fields = NULL;
      g_autofree char *key = NULL;
      Column *column;

      if (lines[i][0] == '\0')
        continue;
      fields = csv_fields (lines[i]);
      g_assert_cmpuint (fields->len, ==, 8);
      /* Medians and unavailable measures carry no count to attack. */
      if (strstr (fields->pdata[4], "Median") != NULL || g_str_equal (fields->pdata[5], "not available"))
        continue;
      key = g_strdup_printf ("%s\t%s", (char *) fields->pdata[2], (char *) fields->pdata[4]);
      column = g_hash_table_lookup (published->columns, key);
      if (column == NULL)
        {
          column = g_new0 (Column, 1);
          column->texts = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (published->columns, g_steal_pointer (&key), column);
        }
      g_ptr_array_add (column->texts, g_strdup (fields->pdata[5]));
    }
  return published;
}

static void
published_free (Published *published)
{
  g_hash_table_unref (published->columns);
  g_free (published);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Published, published_free)

/* What a printed cell says a count is (the attacker knows the method):
 * "*" a small count, 0 up to the threshold (1 up when zeros are printed);
 * "[c]" a larger count hidden to protect one; a number r rounded to the
 * nearest 5 and above the hidden range. */
static gboolean zeros_printed;

static Bounds
read_cell (const char *text,
           guint       threshold)
{
  Bounds bounds = { zeros_printed ? 1 : 0, threshold };
  gint64 value;

  if (g_str_equal (text, "*"))
    return bounds;
  if (g_str_equal (text, "[c]"))
    {
      bounds.low = threshold + 1;
      bounds.high = INF;
      return bounds;
    }
  value = g_ascii_strtoll (text, NULL, 10);
  if (value == 0)
    {
      bounds.low = bounds.high = 0;
      return bounds;
    }
  bounds.low = MAX (value - 2, (gint64) threshold + 1);
  bounds.high = value + 2;
  return bounds;
}

static gboolean
small (Bounds   bounds,
       guint    threshold)
{
  return bounds.low >= 1 && bounds.high <= threshold;
}

/* A union of cells given by @mask, from their own bounds and from the total
 * less the other cells. */
static Bounds
union_bounds (const Bounds *cells,
              guint         n,
              Bounds        total,
              guint64       mask)
{
  gint64 in_low = 0, in_high = 0, out_low = 0, out_high = 0;
  Bounds bounds;

  for (guint i = 0; i < n; i++)
    {
      gboolean in = (mask >> i) & 1;
      gint64 *low = in ? &in_low : &out_low;
      gint64 *high = in ? &in_high : &out_high;

      *low += cells[i].low;
      *high = MIN (*high + cells[i].high, (gint64) INF);
    }
  bounds.low = MAX (in_low, total.low - out_high);
  bounds.high = MIN (in_high, total.high - out_low);
  return bounds;
}

typedef struct
{
  guint   n;
  Bounds *cells;
  Bounds  total;
} Table;

static void
table_read (Table     *table,
            Column    *column,
            guint      threshold)
{
  table->n = column->texts->len - 1;
  table->cells = g_new0 (Bounds, table->n);
  for (guint i = 0; i < table->n; i++)
    table->cells[i] = read_cell (column->texts->pdata[i], threshold);
  table->total = read_cell (column->texts->pdata[table->n], threshold);
}

/* Every union of groups in one table: none certainly small. Sums over
 * each union are built from the union less its lowest group. Returns the
 * number of disclosures found. */
static guint
attack_table (const Table *table,
              guint        threshold)
{
  guint64 size = (guint64) 1 << table->n, all = size - 1;
  g_autofree gint64 *low = g_new0 (gint64, size);
  g_autofree gint64 *high = g_new0 (gint64, size);
  guint found = 0;

  for (guint64 mask = 1; mask < size; mask++)
    {
      guint bit = (guint) __builtin_ctzll (mask);
      guint64 rest = mask & (mask - 1);

      low[mask] = low[rest] + table->cells[bit].low;
      high[mask] = MIN (high[rest] + table->cells[bit].high, (gint64) INF);
    }
  for (guint64 mask = 1; mask < size; mask++)
    {
      Bounds bounds;

      bounds.low = MAX (low[mask], table->total.low - high[all & ~mask]);
      bounds.high = MIN (high[mask], table->total.high - low[all & ~mask]);
      if (small (bounds, threshold))
        found++;
    }
  return found;
}

/* A group (@group) or everyone but it (@group + n) within @table. */
static Bounds
choice_bounds (const Table *table,
               guint        choice,
               gboolean     complement)
{
  guint64 all = ((guint64) 1 << table->n) - 1;
  guint64 mask = (guint64) 1 << (choice % table->n);
  gboolean not = choice >= table->n;

  if (complement)
    not = !not;
  return union_bounds (table->cells, table->n, table->total, not ? all & ~mask : mask);
}

/* Crossings of two or three tables: people in X1 ∩ X2 (∩ X3) number at
 * least N − Σ|not Xk| and at most min |Xk|. */
static guint
attack_crossings (Table   *tables,
                  guint    n_tables,
                  guint    threshold)
{
  guint found = 0;

  for (guint a = 0; a < 2 * tables[0].n; a++)
    for (guint b = 0; b < 2 * tables[1].n; b++)
      for (guint c = 0; c <= 2 * tables[2].n; c++) /* the last: no third table */
        {
          guint choices[3] = { a, b, c };
          guint used = c == 2 * tables[2].n ? 2 : 3;
          Bounds crossing = { tables[0].total.low, INF };

          for (guint k = 0; k < used; k++)
            {
              Bounds in = choice_bounds (&tables[k], choices[k], FALSE);
              Bounds out = choice_bounds (&tables[k], choices[k], TRUE);

              crossing.low -= out.high;
              crossing.high = MIN (crossing.high, in.high);
            }
          if (small (crossing, threshold))
            found++;
        }
  (void) n_tables;
  return found;
}

static guint
attack (const char *csv,
        guint       threshold)
{
  g_autoptr(Published) published = published_read (csv);
  const char *dimensions[] = { "Ethnic category", "Gender", "Age band" };
  g_autoptr(GHashTable) measures = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  guint found = 0;

  zeros_printed = strstr (csv, ",0,") != NULL;

  g_hash_table_iter_init (&iter, published->columns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (measures, strchr (key, '\t') + 1);
  g_hash_table_iter_init (&iter, measures);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Table tables[3];

      for (guint d = 0; d < 3; d++)
        {
          g_autofree char *column_key = g_strdup_printf ("%s\t%s", dimensions[d], (char *) key);
          Column *column = g_hash_table_lookup (published->columns, column_key);

          g_assert_nonnull (column);
          table_read (&tables[d], column, threshold);
          found += attack_table (&tables[d], threshold);
        }
      found += attack_crossings (tables, 3, threshold);
      for (guint d = 0; d < 3; d++)
        g_free (tables[d].cells);
    }
  return found;
}

static const char * const ethnicities[] = { "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P",
                                            "R", "S", "Z", "99", "" };
static const char * const genders[] = { "1", "2", "9", "X", "" };
static const char * const births[] = { "2010-01-01", "2004-01-01", "1995-01-01", "1985-01-01", "1975-01-01",
                                       "1965-01-01", "1950-01-01", "" };

/* The issue's case: a large caseload, one carer's assessment for a
 * Chinese man aged 56–65. */
static KesEqualityReport *
issue_case (void)
{
  KesEqualityReport *report = kes_equality_report_new ("2026-01-01", "2026-12-31");

  for (guint i = 0; i < 60; i++)
    kes_equality_report_add (report, KES_MEASURE_CASELOAD, i < 40 ? "A" : "M", i % 3 ? "1" : "2", "1985-01-01");
  kes_equality_report_add (report, KES_MEASURE_CASELOAD, "R", "1", "1965-01-01");
  kes_equality_report_add (report, KES_MEASURE_CARER_ASSESSMENTS, "R", "1", "1965-01-01");
  for (guint m = 0; m < KES_N_MEASURES; m++)
    report->available[m] = TRUE;
  return report;
}

static void
test_issue_case (void)
{
  g_autoptr(KesEqualityReport) report = issue_case ();
  g_autofree char *csv = kes_equality_report_to_csv (report);
  g_autofree char *weak_csv = NULL;

  g_assert_cmpuint (attack (csv, report->disclosure.suppress_up_to), ==, 0);
  /* Printed the old way (zeros shown, so the one non-zero group is
   * known), the attacker finds the person: the attack is not vacuous. */
  report->disclosure.hide_zeros = FALSE;
  weak_csv = kes_equality_report_to_csv (report);
  g_assert_cmpuint (attack (weak_csv, report->disclosure.suppress_up_to), >, 0);
}

static void
test_random_reports (void)
{
  for (guint r = 0; r < 12; r++)
    {
      g_autoptr(KesEqualityReport) report = kes_equality_report_new ("2026-01-01", "2026-12-31");
      guint people = (guint) g_test_rand_int_range (1, r < 4 ? 30 : 400);
      g_autofree char *csv = NULL;
      guint found;

      for (guint m = 0; m < KES_N_MEASURES; m++)
        report->available[m] = TRUE;
      for (guint i = 0; i < people; i++)
        {
          /* Skewed so that small groups are common. */
          const char *ethnicity = ethnicities[g_test_rand_bit () ? 0 : g_test_rand_int_range (0, 19)];
          const char *gender = genders[g_test_rand_int_range (0, g_test_rand_bit () ? 2 : 5)];
          const char *birth = births[g_test_rand_int_range (0, 8)];

          kes_equality_report_add (report, KES_MEASURE_CASELOAD, ethnicity, gender, birth);
          for (guint m = 1; m < KES_N_MEASURES; m++)
            if (g_test_rand_int_range (0, 10) < 2)
              kes_equality_report_add (report, (KesEqualityMeasure) m, ethnicity, gender, birth);
        }
      csv = kes_equality_report_to_csv (report);
      found = attack (csv, report->disclosure.suppress_up_to);
      if (found > 0)
        g_error ("report %u (%u people): %u groups smaller than %u can be worked out:\n%s", r, people, found,
                 report->disclosure.suppress_up_to + 1, csv);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/equality-disclosure/issue-case", test_issue_case);
  g_test_add_func ("/equality-disclosure/combined-tables", test_random_reports);
  return g_test_run ();
}
