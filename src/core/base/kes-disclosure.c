/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-disclosure"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-disclosure.h"
#include "kes-error.h"
#include "kes-referral-stats.h"

static guint
rule_value (GKeyFile   *file,
            const char *group,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  int value = g_key_file_get_integer (file, group, key, &error);

  if (error != NULL || value < 0)
    {
      g_critical ("disclosure.ini [%s] %s: %s", group, key, error != NULL ? error->message : "negative");
      return 0;
    }
  return (guint) value;
}

void
kes_disclosure_default (KesDisclosure *rule)
{
  static gsize initialised;
  static KesDisclosure published;

  g_return_if_fail (rule != NULL);

  if (g_once_init_enter (&initialised))
    {
      g_autoptr(GBytes) bytes = kes_core_data_lookup ("rules/disclosure.ini", NULL);
      g_autoptr(GKeyFile) file = g_key_file_new ();

      if (bytes == NULL || !g_key_file_load_from_bytes (file, bytes, G_KEY_FILE_NONE, NULL))
        g_critical ("Could not read rules/disclosure.ini");
      published.suppress_up_to = rule_value (file, "nhs-digital", "suppress-up-to");
      published.round_to = MAX (rule_value (file, "nhs-digital", "round-to"), 1);
      published.median_needs = rule_value (file, "nhs-digital", "median-needs-at-least");
      published.hide_zeros = g_key_file_get_boolean (file, "kestrel-stricter", "hide-zeros", NULL);
      g_once_init_leave (&initialised, 1);
    }
  *rule = published;
}

gboolean
kes_disclosure_set_local (KesDisclosure  *rule,
                          guint           suppress_up_to,
                          guint           round_to,
                          GError        **error)
{
  KesDisclosure published;

  g_return_val_if_fail (rule != NULL, FALSE);

  kes_disclosure_default (&published);
  if (suppress_up_to < published.suppress_up_to)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Hide counts up to %u: a local rule may hide more than NHS Digital’s method, never "
                     "less (counts up to %u are always hidden)"), suppress_up_to, published.suppress_up_to);
      return FALSE;
    }
  if (round_to < published.round_to || round_to % published.round_to != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Round to the nearest %u: a local rule may round to a multiple of %u, never to less"),
                   round_to, published.round_to);
      return FALSE;
    }
  *rule = published;
  rule->suppress_up_to = suppress_up_to;
  rule->round_to = round_to;
  rule->median_needs = MAX (published.median_needs, suppress_up_to + 1);
  return TRUE;
}

guint
kes_disclosure_round (const KesDisclosure *rule,
                      guint                value)
{
  return (value + rule->round_to / 2) / rule->round_to * rule->round_to;
}

gboolean
kes_disclosure_is_small (const KesDisclosure *rule,
                         guint                value)
{
  return (value >= 1 || rule->hide_zeros) && value <= rule->suppress_up_to;
}

/* What a reader can tell of a count from what is printed: a small one
 * (hidden as "*") lies from 0 to suppress_up_to; one hidden to protect
 * another ("[c]") is above that; a rounded one lies around its rounding
 * and above the small range. */
static void
printed_bounds (const KesDisclosure *rule,
                guint                value,
                gboolean             small,
                gboolean             protecting,
                gint64              *low,
                gint64              *high)
{
  gint64 shown = kes_disclosure_round (rule, value);

  if (small)
    {
      *low = rule->hide_zeros ? 0 : 1;
      *high = rule->suppress_up_to;
    }
  else if (protecting)
    {
      *low = (gint64) rule->suppress_up_to + 1;
      *high = G_MAXINT32;
    }
  else if (value == 0)
    *low = *high = 0;
  else
    {
      *low = MAX (shown - (gint64) (rule->round_to / 2), (gint64) rule->suppress_up_to + 1);
      *high = shown + (gint64) (rule->round_to - 1) - (gint64) (rule->round_to / 2);
    }
}

/* TRUE when some of the small hidden cells together could be worked out,
 * from the total less every other cell, to be a small group (from 1 to
 * suppress_up_to). Any m of the k small cells hold at least what the total
 * leaves once the rest are at their most, and at most what it leaves once
 * the rest are at their least. */
static gboolean
column_discloses (const KesDisclosure *rule,
                  const guint         *values,
                  guint                n,
                  guint                total,
                  const gboolean      *small,
                  const gboolean      *protecting)
{
  gint64 total_low, total_high, others_low = 0, others_high = 0;
  gint64 up_to = rule->suppress_up_to;
  guint k = 0;

  if (small[n])
    return FALSE;
  printed_bounds (rule, total, FALSE, protecting[n], &total_low, &total_high);
  for (guint i = 0; i < n; i++)
    {
      gint64 low, high;

      if (small[i])
        {
          k++;
          continue;
        }
      printed_bounds (rule, values[i], FALSE, protecting[i], &low, &high);
      others_low += low;
      others_high = MIN (others_high + high, (gint64) G_MAXINT32);
    }
  for (guint m = 1; m <= k; m++)
    {
      gint64 low = total_low - others_high - up_to * (gint64) (k - m);
      gint64 high = MIN (up_to * (gint64) m, total_high - others_low);

      if (low >= 1 && high <= up_to)
        return TRUE;
    }
  return FALSE;
}

GStrv
kes_disclosure_column (const KesDisclosure *rule,
                       const guint         *values,
                       guint                n,
                       guint                total,
                       gboolean            *hidden_out)
{
  g_autofree gboolean *small = g_new0 (gboolean, n + 1);
  g_autofree gboolean *protecting = g_new0 (gboolean, n + 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (rule != NULL && (values != NULL || n == 0), NULL);

  for (guint i = 0; i < n; i++)
    small[i] = kes_disclosure_is_small (rule, values[i]);
  small[n] = kes_disclosure_is_small (rule, total);

  /* Hide the smallest shown cell, then the next, until subtraction from the
   * total gives no small group back; the total when no cell is left. */
  while (column_discloses (rule, values, n, total, small, protecting))
    {
      int smallest = -1;

      for (guint i = 0; i < n; i++)
        if (!small[i] && !protecting[i] && (smallest < 0 || values[i] < values[smallest]))
          smallest = (int) i;
      if (smallest < 0 && protecting[n])
        break; /* nothing left to hide */
      protecting[smallest >= 0 ? (guint) smallest : n] = TRUE;
    }

  for (guint i = 0; i <= n; i++)
    {
      if (small[i])
        g_strv_builder_add (builder, KES_DISCLOSURE_HIDDEN);
      else if (protecting[i])
        g_strv_builder_add (builder, KES_DISCLOSURE_PROTECTED);
      else
        {
          g_autofree char *number = g_strdup_printf ("%u", kes_disclosure_round (rule, i < n ? values[i] : total));
          g_strv_builder_add (builder, number);
        }
      if (hidden_out != NULL)
        hidden_out[i] = small[i] || protecting[i];
    }
  return g_strv_builder_end (builder);
}

char *
kes_disclosure_count (const KesDisclosure *rule,
                      guint                value)
{
  if (kes_disclosure_is_small (rule, value))
    return g_strdup (KES_DISCLOSURE_HIDDEN);
  return g_strdup_printf ("%u", kes_disclosure_round (rule, value));
}

char *
kes_disclosure_rate (const KesDisclosure *rule,
                     guint                numerator,
                     gboolean             numerator_hidden,
                     guint                denominator,
                     gboolean             denominator_hidden)
{
  guint shown_denominator = kes_disclosure_round (rule, denominator);

  /* From the rounded counts, so a rate never gives an exact count back. */
  if (numerator_hidden || denominator_hidden || shown_denominator == 0)
    return g_strdup (KES_DISCLOSURE_WITHHELD);
  return g_strdup_printf ("%.1f", 100.0 * kes_disclosure_round (rule, numerator) / shown_denominator);
}

char *
kes_disclosure_median (const KesDisclosure *rule,
                       GArray              *days)
{
  g_autoptr(GArray) sorted = NULL;
  double median;

  if (days == NULL || days->len < rule->median_needs)
    return g_strdup (KES_DISCLOSURE_WITHHELD);
  sorted = g_array_copy (days);
  if (!kes_referral_median (sorted, &median))
    return g_strdup (KES_DISCLOSURE_WITHHELD);
  if (median == (double) (int) median)
    return g_strdup_printf ("%d", (int) median);
  return g_strdup_printf ("%.1f", median);
}

char *
kes_disclosure_describe (const KesDisclosure *rule)
{
  return g_strdup_printf (_("Small numbers are protected as NHS Digital does for tables below national level: "
                            "a count from 1 to %u is hidden (“%s”) and every other count is rounded to the "
                            "nearest %u. Kestrel also hides zeros, and where subtraction from a total could "
                            "show a hidden count to be small it hides a larger count too, as “%s”. A rate is worked out "
                            "from the rounded counts and shown only when both are shown (“%s” otherwise); a "
                            "median needs at least %u values."),
                          rule->suppress_up_to, KES_DISCLOSURE_HIDDEN, rule->round_to, KES_DISCLOSURE_PROTECTED,
                          KES_DISCLOSURE_WITHHELD, rule->median_needs);
}
