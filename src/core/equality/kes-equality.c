/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-equality"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-equality.h"
#include "kes-referral-stats.h"
#include "kes-validate.h"

/* Age bands, youngest first: upper bound of each (inclusive), G_MAXINT last. */
static const struct { int upper; const char *label; } age_bands[] = {
  { 17, N_("Under 18") },
  { 25, N_("18–25") },
  { 35, N_("26–35") },
  { 45, N_("36–45") },
  { 55, N_("46–55") },
  { 65, N_("56–65") },
  { G_MAXINT, N_("Over 65") },
};

const char *
kes_equality_dimension_label (KesEqualityDimension dimension)
{
  switch (dimension)
    {
    case KES_EQUALITY_ETHNICITY:
      return _("Ethnic category");
    case KES_EQUALITY_GENDER:
      return _("Gender");
    case KES_EQUALITY_AGE_BAND:
      return _("Age band");
    case KES_EQUALITY_N_DIMENSIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_equality_measure_label (KesEqualityMeasure measure)
{
  switch (measure)
    {
    case KES_MEASURE_CASELOAD:
      return _("Caseload");
    case KES_MEASURE_RESTRICTED:
      return _("Restricted");
    case KES_MEASURE_CARER_ASSESSMENTS:
      return _("Carer’s assessments offered");
    case KES_MEASURE_REFERRALS_RECEIVED:
      return _("Referrals received");
    case KES_MEASURE_REFERRALS_ACCEPTED:
      return _("Referrals accepted");
    case KES_MEASURE_REFERRALS_DECLINED:
      return _("Referrals declined");
    case KES_MEASURE_RECALLS:
      return _("Recalls to hospital");
    case KES_N_MEASURES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_equality_age_band (const GDate *birth,
                       const GDate *on)
{
  int age;

  if (birth == NULL || !g_date_valid (birth))
    return NULL;
  age = kes_age_on (birth, on);
  for (guint i = 0; i < G_N_ELEMENTS (age_bands); i++)
    if (age <= age_bands[i].upper)
      return _(age_bands[i].label);
  return NULL;
}

static void
group_free (KesEqualityGroup *group)
{
  g_free (group->code);
  g_free (group->label);
  g_clear_pointer (&group->decision_days, g_array_unref);
  g_free (group);
}

static void
add_group (GPtrArray  *groups,
           const char *code,
           const char *label)
{
  KesEqualityGroup *group = g_new0 (KesEqualityGroup, 1);

  group->code = g_strdup (code);
  group->label = g_strdup (label);
  group->decision_days = g_array_new (FALSE, FALSE, sizeof (int));
  g_ptr_array_add (groups, group);
}

static GPtrArray *
groups_from_codes (const char *list_name)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  KesCodeList *list = kes_code_list_get (list_name);

  for (guint i = 0; list != NULL && i < kes_code_list_get_n_codes (list); i++)
    add_group (groups, kes_code_list_get_code (list, i), kes_code_list_get_label (list, i));
  add_group (groups, "", _("Not recorded"));
  return groups;
}

KesEqualityReport *
kes_equality_report_new (const char *from,
                         const char *to)
{
  KesEqualityReport *report = g_new0 (KesEqualityReport, 1);

  report->from = g_strdup (from);
  report->to = g_strdup (to);
  report->decision_days = g_array_new (FALSE, FALSE, sizeof (int));
  kes_disclosure_default (&report->disclosure);
  report->groups[KES_EQUALITY_ETHNICITY] = groups_from_codes (KES_CODES_ETHNIC_CATEGORY);
  report->groups[KES_EQUALITY_GENDER] = groups_from_codes (KES_CODES_GENDER);
  report->groups[KES_EQUALITY_AGE_BAND] = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  for (guint i = 0; i < G_N_ELEMENTS (age_bands); i++)
    add_group (report->groups[KES_EQUALITY_AGE_BAND], age_bands[i].label, _(age_bands[i].label));
  add_group (report->groups[KES_EQUALITY_AGE_BAND], "", _("Not recorded"));
  return report;
}

void
kes_equality_report_free (KesEqualityReport *report)
{
  if (report == NULL)
    return;
  g_free (report->from);
  g_free (report->to);
  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    g_clear_pointer (&report->groups[d], g_ptr_array_unref);
  g_clear_pointer (&report->decision_days, g_array_unref);
  g_free (report);
}

static KesEqualityGroup *
find_group (GPtrArray  *groups,
            const char *code)
{
  KesEqualityGroup *not_recorded = g_ptr_array_index (groups, groups->len - 1);

  for (guint i = 0; code != NULL && *code != '\0' && i + 1 < groups->len; i++)
    {
      KesEqualityGroup *group = g_ptr_array_index (groups, i);
      if (g_str_equal (group->code, code))
        return group;
    }
  return not_recorded;
}

/* The untranslated label of the age band on the last day of the period,
 * which is the band's code; NULL without a birth date. */
static const char *
band_code (KesEqualityReport *report,
           const char        *birth_date)
{
  g_autoptr(GDate) birth = NULL;
  g_autoptr(GDate) end = NULL;
  const char *band = NULL;
  guint position;

  if (birth_date != NULL && *birth_date != '\0')
    birth = kes_date_from_iso (birth_date);
  end = kes_date_from_iso (report->to);
  if (birth != NULL && end != NULL)
    {
      /* Bands are stored by their untranslated label, as their code. */
      int age = kes_age_on (birth, end);
      for (position = 0; position < G_N_ELEMENTS (age_bands); position++)
        if (age <= age_bands[position].upper)
          {
            band = age_bands[position].label;
            break;
          }
    }
  return band;
}

void
kes_equality_report_add (KesEqualityReport  *report,
                         KesEqualityMeasure  measure,
                         const char         *ethnicity,
                         const char         *gender,
                         const char         *birth_date)
{
  const char *band;

  g_return_if_fail (report != NULL && measure < KES_N_MEASURES);

  band = band_code (report, birth_date);
  find_group (report->groups[KES_EQUALITY_ETHNICITY], ethnicity)->counts[measure]++;
  find_group (report->groups[KES_EQUALITY_GENDER], gender)->counts[measure]++;
  find_group (report->groups[KES_EQUALITY_AGE_BAND], band)->counts[measure]++;
  report->totals[measure]++;
}

void
kes_equality_report_add_decision (KesEqualityReport *report,
                                  gboolean           accepted,
                                  int                days,
                                  const char        *ethnicity,
                                  const char        *gender,
                                  const char        *birth_date)
{
  KesEqualityGroup *in[KES_EQUALITY_N_DIMENSIONS];

  g_return_if_fail (report != NULL);

  kes_equality_report_add (report, accepted ? KES_MEASURE_REFERRALS_ACCEPTED : KES_MEASURE_REFERRALS_DECLINED,
                           ethnicity, gender, birth_date);
  if (days < 0)
    return;
  in[KES_EQUALITY_ETHNICITY] = find_group (report->groups[KES_EQUALITY_ETHNICITY], ethnicity);
  in[KES_EQUALITY_GENDER] = find_group (report->groups[KES_EQUALITY_GENDER], gender);
  in[KES_EQUALITY_AGE_BAND] = find_group (report->groups[KES_EQUALITY_AGE_BAND], band_code (report, birth_date));
  for (guint d = 0; d < KES_EQUALITY_N_DIMENSIONS; d++)
    g_array_append_val (in[d]->decision_days, days);
  g_array_append_val (report->decision_days, days);
}
