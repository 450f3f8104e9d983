/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-stats"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-catchment.h"
#include "kes-codes.h"
#include "kes-referral-stats.h"
#include "kes-validate.h"

void
kes_referral_episode_free (KesReferralEpisode *episode)
{
  if (episode == NULL)
    return;
  g_free (episode->referral_id);
  g_free (episode->source);
  g_free (episode->area);
  g_free (episode->ethnicity);
  g_free (episode->received);
  g_free (episode->assessed);
  g_free (episode->decided);
  g_free (episode->discharged);
  g_free (episode);
}

static KesReferralEpisode *
episode_new (KesReferral *referral,
             const char  *ethnicity,
             const char  *received)
{
  KesReferralEpisode *episode = g_new0 (KesReferralEpisode, 1);
  const char *id = kes_referral_get_id (referral);

  episode->referral_id = g_strdup (id != NULL ? id : "");
  episode->source = g_strdup (kes_referral_get_text (referral, KES_REFERRAL_SOURCE));
  episode->area = g_strdup (kes_referral_get_text (referral, KES_REFERRAL_AREA));
  episode->ethnicity = ethnicity != NULL && *ethnicity != '\0' ? g_strdup (ethnicity) : NULL;
  episode->received = g_strdup (received);
  return episode;
}

void
kes_referral_episodes_append (GPtrArray   *episodes,
                              KesReferral *referral,
                              const char  *ethnicity)
{
  GPtrArray *steps = kes_referral_get_steps (referral);
  KesReferralEpisode *current = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      KesReferralStep *step = g_ptr_array_index (steps, i);

      if (step->stage == KES_REFERRAL_RECEIVED)
        {
          current = episode_new (referral, ethnicity, step->date);
          g_ptr_array_add (episodes, current);
        }
      else if (current == NULL)
        continue;
      else if ((step->stage == KES_REFERRAL_ACCEPTED || step->stage == KES_REFERRAL_DECLINED ||
                step->stage == KES_REFERRAL_REDIRECTED) &&
               current->decided == NULL)
        {
          current->decided = g_strdup (step->date);
          current->accepted = step->stage == KES_REFERRAL_ACCEPTED;
          current->redirected = step->stage == KES_REFERRAL_REDIRECTED;
        }
      else if (step->stage == KES_REFERRAL_ASSESSED && current->assessed == NULL)
        current->assessed = g_strdup (step->date);
      else if (step->stage == KES_REFERRAL_DISCHARGED && current->accepted &&
               current->discharged == NULL)
        current->discharged = g_strdup (step->date);
    }
}

void
kes_referral_clocks (KesReferral       *referral,
                     const GDate       *today,
                     KesReferralClocks *clocks)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_episode_free);
  g_autofree char *today_iso = kes_date_to_iso (today);
  KesReferralEpisode *latest;

  *clocks = (KesReferralClocks) { -1, -1, -1 };
  kes_referral_episodes_append (episodes, referral, NULL);
  if (episodes->len == 0)
    return;
  latest = g_ptr_array_index (episodes, episodes->len - 1);
  clocks->since_referral = kes_referral_days_between (latest->received, today_iso);
  if (latest->decided != NULL)
    clocks->to_decision = kes_referral_days_between (latest->received, latest->decided);
  else if (latest->assessed != NULL)
    clocks->since_assessment = kes_referral_days_between (latest->assessed, today_iso);
}

int
kes_referral_days_between (const char *from,
                           const char *to)
{
  g_autoptr(GDate) start = kes_date_from_iso (from);
  g_autoptr(GDate) end = kes_date_from_iso (to);

  if (start == NULL || end == NULL)
    return -1;
  return g_date_days_between (start, end);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;
  return (x > y) - (x < y);
}

gboolean
kes_referral_median (GArray *values,
                     double *median)
{
  guint n = values->len;

  if (n == 0)
    return FALSE;
  g_array_sort (values, compare_int);
  if (n % 2 == 1)
    *median = g_array_index (values, int, n / 2);
  else
    *median = (g_array_index (values, int, n / 2 - 1) + g_array_index (values, int, n / 2)) / 2.0;
  return TRUE;
}

gboolean
kes_referral_percentile_90 (GArray *values,
                            int    *p90)
{
  guint n = values->len;
  guint rank;

  if (n == 0)
    return FALSE;
  g_array_sort (values, compare_int);
  /* Nearest rank: ceil (0.9 n), computed in integers (9n/10 rounded up). */
  rank = (9 * n + 9) / 10;
  *p90 = g_array_index (values, int, MAX (rank, 1) - 1);
  return TRUE;
}

void
kes_referral_stats_row_free (KesReferralStatsRow *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->label);
  g_array_unref (row->to_decision);
  g_array_unref (row->to_discharge);
  g_free (row);
}

static gboolean
in_period (const char *date,
           const char *from,
           const char *to)
{
  return date != NULL && (from == NULL || g_strcmp0 (date, from) >= 0) &&
         (to == NULL || g_strcmp0 (date, to) <= 0);
}

static KesReferralStatsRow *
row_for (GHashTable          *rows,
         KesReferralEpisode  *episode,
         const char          *event_date,
         KesReferralGrouping  grouping)
{
  g_autofree char *key = NULL;
  KesReferralStatsRow *row;
  const char *label = NULL;

  switch (grouping)
    {
    case KES_REFERRAL_GROUP_PERIOD:
      key = g_strndup (event_date, 7);
      break;
    case KES_REFERRAL_GROUP_SOURCE:
      key = g_strdup (episode->source);
      label = kes_code_list_lookup (kes_code_list_get (KES_CODES_REFERRAL_SOURCE), key);
      break;
    case KES_REFERRAL_GROUP_AREA:
      /* The areas' names are directory data: the caller names the rows
       * (kes_referral_stats_name_areas). */
      key = g_strdup (episode->area);
      break;
    case KES_REFERRAL_GROUP_ALL:
    default:
      key = g_strdup ("");
      label = _("All referrals");
      break;
    }
  row = g_hash_table_lookup (rows, key);
  if (row == NULL)
    {
      row = g_new0 (KesReferralStatsRow, 1);
      row->key = g_strdup (key);
      row->label = g_strdup (label != NULL ? label : key);
      row->to_decision = g_array_new (FALSE, FALSE, sizeof (int));
      row->to_discharge = g_array_new (FALSE, FALSE, sizeof (int));
      g_hash_table_insert (rows, row->key, row);
    }
  return row;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const KesReferralStatsRow *x = *(KesReferralStatsRow * const *) a;
  const KesReferralStatsRow *y = *(KesReferralStatsRow * const *) b;
  return g_strcmp0 (x->key, y->key);
}

GPtrArray *
kes_referral_stats_compute (GPtrArray           *episodes,
                            const char          *from,
                            const char          *to,
                            KesReferralGrouping  grouping)
{
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_stats_row_free);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < episodes->len; i++)
    {
      KesReferralEpisode *episode = g_ptr_array_index (episodes, i);

      if (in_period (episode->received, from, to))
        row_for (rows, episode, episode->received, grouping)->received++;
      if (in_period (episode->decided, from, to))
        {
          KesReferralStatsRow *row = row_for (rows, episode, episode->decided, grouping);
          int days = kes_referral_days_between (episode->received, episode->decided);

          row->decided++;
          if (episode->accepted)
            row->accepted++;
          else if (episode->redirected)
            row->redirected++;
          else
            row->declined++;
          if (days >= 0)
            g_array_append_val (row->to_decision, days);
        }
      if (in_period (episode->discharged, from, to))
        {
          KesReferralStatsRow *row = row_for (rows, episode, episode->discharged, grouping);
          int days = kes_referral_days_between (episode->decided, episode->discharged);

          if (days >= 0)
            g_array_append_val (row->to_discharge, days);
        }
    }
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (result, value);
  g_ptr_array_sort (result, compare_rows);
  return result;
}

void
kes_referral_ethnicity_row_free (KesReferralEthnicityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->ethnicity);
  g_free (row->label);
  g_free (row);
}

GPtrArray *
kes_referral_stats_by_ethnicity (GPtrArray  *episodes,
                                 const char *from,
                                 const char *to)
{
  KesCodeList *list = kes_code_list_get (KES_CODES_ETHNIC_CATEGORY);
  guint n_codes = kes_code_list_get_n_codes (list);
  g_autofree guint *accepted = g_new0 (guint, n_codes);
  g_autofree guint *declined = g_new0 (guint, n_codes);
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_ethnicity_row_free);
  int not_known = kes_code_list_find (list, "99");

  for (guint i = 0; i < episodes->len; i++)
    {
      KesReferralEpisode *episode = g_ptr_array_index (episodes, i);
      int position;

      if (!in_period (episode->decided, from, to))
        continue;
      position = episode->ethnicity != NULL ? kes_code_list_find (list, episode->ethnicity) : -1;
      if (position < 0)
        position = not_known;
      if (position < 0)
        continue;
      if (episode->accepted)
        accepted[position]++;
      else
        declined[position]++;
    }
  for (guint i = 0; i < n_codes; i++)
    if (accepted[i] + declined[i] > 0)
      {
        KesReferralEthnicityRow *row = g_new0 (KesReferralEthnicityRow, 1);

        row->ethnicity = g_strdup (kes_code_list_get_code (list, i));
        row->label = g_strdup (kes_code_list_get_label (list, i));
        row->accepted = accepted[i];
        row->declined = declined[i];
        row->decided = accepted[i] + declined[i];
        g_ptr_array_add (result, row);
      }
  return result;
}

void
kes_referral_stats_name_areas (GPtrArray          *rows,
                               const KesCatchment *catchment)
{
  g_return_if_fail (rows != NULL && catchment != NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      KesReferralStatsRow *row = g_ptr_array_index (rows, i);

      g_free (row->label);
      row->label = g_strdup (kes_catchment_display_name (catchment, row->key));
    }
}
