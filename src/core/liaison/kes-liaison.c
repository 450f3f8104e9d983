/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-equality.h"
#include "kes-liaison.h"
#include "kes-validate.h"

static const KesFieldSpec screening_fields[] = {
  { "family_name", N_("Family name"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "given_name", N_("Given name"), KES_FIELD_TEXT, NULL, FALSE, TRUE },
  { "birth_date", N_("Date of birth"), KES_FIELD_DATE, NULL, FALSE, FALSE },
  /* Gender and ethnic category are asked at screening: liaison and
   * diversion activity is reported to NHS England in the Mental Health
   * Services Data Set, whose person record (MHS001) carries Person Stated
   * Gender Code and Ethnic Category, and the activity report breaks the
   * screenings down by both. "Not known" and "Not stated" are codes of
   * their own, so nobody is held up by them. */
  { "gender", N_("Gender"), KES_FIELD_CODE, KES_CODES_GENDER, TRUE, FALSE },
  { "ethnicity", N_("Ethnic category"), KES_FIELD_CODE, KES_CODES_ETHNIC_CATEGORY, TRUE, TRUE },
  { "nhs_number", N_("NHS number"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "address", N_("Address"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "postcode", N_("Postcode"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "screened_on", N_("Date screened"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "setting", N_("Setting"), KES_FIELD_CODE, KES_CODES_LD_SETTING, TRUE, TRUE },
  { "arrived_at", N_("Time of arrival (HH:MM)"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "seen_at", N_("Time seen (HH:MM)"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "referral_source", N_("Referred by"), KES_FIELD_CODE, KES_CODES_LD_SOURCE, TRUE, TRUE },
  { "source_detail", N_("Referrer’s name and contact"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "offence", N_("Alleged offence or charge"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "legal_situation", N_("Legal situation (custody, bail, remand, sentence)"), KES_FIELD_LONG_TEXT, NULL,
    FALSE, FALSE },
  { "legal_status", N_("Mental Health Act status"), KES_FIELD_CODE, KES_CODES_LEGAL_STATUS, FALSE, FALSE },
  { "presenting_needs", N_("Presenting needs"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "vulnerabilities", N_("Vulnerabilities identified"), KES_FIELD_CODES, KES_CODES_LD_VULNERABILITY,
    FALSE, TRUE },
  { "screening_notes", N_("Screening notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "outcome", N_("Outcome"), KES_FIELD_CODE, KES_CODES_LD_OUTCOME, TRUE, TRUE },
  { "outcome_at", N_("Time of outcome (HH:MM)"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "referred_to", N_("Services referred to"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "outcome_notes", N_("Outcome notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "mappa_liaison", N_("MAPPA liaison"), KES_FIELD_BOOL, NULL, FALSE, TRUE },
  { "mappa_category", N_("MAPPA category"), KES_FIELD_CODE, KES_CODES_MAPPA_CATEGORY, FALSE, FALSE },
  { "mappa_level", N_("MAPPA level"), KES_FIELD_CODE, KES_CODES_MAPPA_LEVEL, FALSE, FALSE },
  { "mappa_notes", N_("MAPPA liaison notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "converted_patient_id", N_("Patient record"), KES_FIELD_RECORD_ID, NULL, FALSE, TRUE },
  { "converted_referral_id", N_("Referral"), KES_FIELD_RECORD_ID, NULL, FALSE, FALSE },
  { NULL }
};
const KesRecordKind kes_screening_kind = { "ld-screening", "ld_screening", FALSE, screening_fields };

KesFieldRecord *
kes_screening_new (void)
{
  return kes_field_record_new (&kes_screening_kind);
}

static guint *
count_codes (KesCodeList *list,
             guint       *n)
{
  *n = list != NULL ? kes_code_list_get_n_codes (list) : 0;
  return g_new0 (guint, MAX (*n, 1));
}

KesLiaisonActivity *
kes_liaison_activity_count (GPtrArray *screenings)
{
  KesCodeList *settings = kes_code_list_get (KES_CODES_LD_SETTING);
  KesCodeList *sources = kes_code_list_get (KES_CODES_LD_SOURCE);
  KesCodeList *outcomes = kes_code_list_get (KES_CODES_LD_OUTCOME);
  KesCodeList *vulnerabilities = kes_code_list_get (KES_CODES_LD_VULNERABILITY);
  KesCodeList *genders = kes_code_list_get (KES_CODES_GENDER);
  KesCodeList *ethnicities = kes_code_list_get (KES_CODES_ETHNIC_CATEGORY);
  KesLiaisonActivity *activity = g_new0 (KesLiaisonActivity, 1);

  activity->by_setting = count_codes (settings, &activity->n_settings);
  activity->by_source = count_codes (sources, &activity->n_sources);
  activity->by_outcome = count_codes (outcomes, &activity->n_outcomes);
  activity->by_vulnerability = count_codes (vulnerabilities, &activity->n_vulnerabilities);
  activity->by_gender = count_codes (genders, &activity->n_genders);
  activity->by_ethnicity = count_codes (ethnicities, &activity->n_ethnicities);
  activity->by_setting_outcome = g_new0 (guint, MAX (activity->n_settings * activity->n_outcomes, 1));
  kes_disclosure_default (&activity->disclosure);

  for (guint i = 0; screenings != NULL && i < screenings->len; i++)
    {
      KesFieldRecord *screening = g_ptr_array_index (screenings, i);
      int setting = kes_code_list_find (settings, kes_field_record_get_text (screening, "setting"));
      int outcome = kes_code_list_find (outcomes, kes_field_record_get_text (screening, "outcome"));
      int source = kes_code_list_find (sources, kes_field_record_get_text (screening, "referral_source"));
      int gender = kes_code_list_find (genders, kes_field_record_get_text (screening, "gender"));
      int ethnicity = kes_code_list_find (ethnicities, kes_field_record_get_text (screening, "ethnicity"));
      g_auto(GStrv) found = kes_field_record_dup_list (screening, "vulnerabilities");

      activity->total++;
      if (kes_field_record_get_bool (screening, "mappa_liaison"))
        activity->mappa_liaison++;
      if (*kes_field_record_get_text (screening, "converted_patient_id") != '\0')
        activity->converted++;
      if (setting >= 0)
        activity->by_setting[setting]++;
      if (source >= 0)
        activity->by_source[source]++;
      if (outcome >= 0)
        activity->by_outcome[outcome]++;
      /* Screenings from before gender and ethnic category were asked
       * count as not known, so each column still adds up to the total. */
      activity->by_gender[gender >= 0 ? gender : kes_code_list_find (genders, "X")]++;
      activity->by_ethnicity[ethnicity >= 0 ? ethnicity : kes_code_list_find (ethnicities, "99")]++;
      if (setting >= 0 && outcome >= 0)
        activity->by_setting_outcome[setting * activity->n_outcomes + outcome]++;
      for (guint v = 0; found[v] != NULL; v++)
        {
          int position = kes_code_list_find (vulnerabilities, found[v]);
          if (position >= 0)
            activity->by_vulnerability[position]++;
        }
    }
  return activity;
}

void
kes_liaison_activity_free (KesLiaisonActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->by_setting);
  g_free (activity->by_source);
  g_free (activity->by_outcome);
  g_free (activity->by_vulnerability);
  g_free (activity->by_gender);
  g_free (activity->by_ethnicity);
  g_free (activity->by_setting_outcome);
  g_free (activity);
}

const char *
kes_liaison_breakdown_label (KesLiaisonBreakdown breakdown)
{
  switch (breakdown)
    {
    case KES_LIAISON_BY_SETTING:
      return _("Setting");
    case KES_LIAISON_BY_SOURCE:
      return _("Referred by");
    case KES_LIAISON_BY_VULNERABILITY:
      return _("Vulnerabilities identified");
    case KES_LIAISON_BY_OUTCOME:
      return _("Outcome");
    case KES_LIAISON_BY_GENDER:
      return _("Gender");
    case KES_LIAISON_BY_ETHNICITY:
      return _("Ethnic category");
    case KES_LIAISON_N_BREAKDOWNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kes_liaison_breakdown_codes (KesLiaisonBreakdown breakdown)
{
  switch (breakdown)
    {
    case KES_LIAISON_BY_SETTING:
      return KES_CODES_LD_SETTING;
    case KES_LIAISON_BY_SOURCE:
      return KES_CODES_LD_SOURCE;
    case KES_LIAISON_BY_VULNERABILITY:
      return KES_CODES_LD_VULNERABILITY;
    case KES_LIAISON_BY_OUTCOME:
      return KES_CODES_LD_OUTCOME;
    case KES_LIAISON_BY_GENDER:
      return KES_CODES_GENDER;
    case KES_LIAISON_BY_ETHNICITY:
      return KES_CODES_ETHNIC_CATEGORY;
    case KES_LIAISON_N_BREAKDOWNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

GStrv
kes_liaison_activity_shown (KesLiaisonActivity  *activity,
                            KesLiaisonBreakdown  breakdown)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  const KesDisclosure *rule;
  const guint *values;
  guint n;

  g_return_val_if_fail (activity != NULL, NULL);

  rule = &activity->disclosure;
  switch (breakdown)
    {
    case KES_LIAISON_BY_SETTING:
      return kes_disclosure_column (rule, activity->by_setting, activity->n_settings, activity->total, NULL);
    case KES_LIAISON_BY_SOURCE:
      return kes_disclosure_column (rule, activity->by_source, activity->n_sources, activity->total, NULL);
    case KES_LIAISON_BY_OUTCOME:
      return kes_disclosure_column (rule, activity->by_outcome, activity->n_outcomes, activity->total, NULL);
    case KES_LIAISON_BY_GENDER:
      return kes_disclosure_column (rule, activity->by_gender, activity->n_genders, activity->total, NULL);
    case KES_LIAISON_BY_ETHNICITY:
      return kes_disclosure_column (rule, activity->by_ethnicity, activity->n_ethnicities, activity->total, NULL);
    case KES_LIAISON_BY_VULNERABILITY:
      values = activity->by_vulnerability;
      n = activity->n_vulnerabilities;
      break;
    case KES_LIAISON_N_BREAKDOWNS:
    default:
      g_return_val_if_reached (NULL);
    }

  /* Overlapping counts: no total to subtract from, so each is protected alone. */
  builder = g_strv_builder_new ();
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *text = kes_disclosure_count (rule, i < n ? values[i] : activity->total);
      g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

/* ---- A screening as a referral on the referral pathway: everything the
 * screening holds is carried over, so nobody types it again. ---- */

static const char *
label_of (const char *list,
          const char *code)
{
  const char *label = kes_code_list_lookup (kes_code_list_get (list), code);
  return label != NULL ? label : code;
}

static void
append_line (GString    *text,
             const char *title,
             const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append_printf (text, "%s: %s", title, value);
}

static char *
build_reason (KesFieldRecord *screening)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GString) outcome = g_string_new (NULL);
  g_autoptr(GString) asked = g_string_new (NULL);
  g_autoptr(GString) mappa = g_string_new (NULL);
  g_autofree char *screened = kes_date_to_display (kes_field_record_get_text (screening, "screened_on"));
  g_auto(GStrv) vulnerabilities = kes_field_record_dup_list (screening, "vulnerabilities");
  const char *detail = kes_field_record_get_text (screening, "source_detail");
  const char *referred_to = kes_field_record_get_text (screening, "referred_to");
  g_autofree char *first = NULL;

  first = g_strdup_printf (_("Liaison and diversion screening on %s (%s)."), screened,
                           label_of (KES_CODES_LD_SETTING, kes_field_record_get_text (screening, "setting")));
  g_string_append (text, first);

  g_string_append (asked, label_of (KES_CODES_LD_SOURCE, kes_field_record_get_text (screening, "referral_source")));
  if (*detail != '\0')
    g_string_append_printf (asked, " (%s)", detail);
  append_line (text, _("Screening asked for by"), asked->str);
  append_line (text, _("Alleged offence or charge"), kes_field_record_get_text (screening, "offence"));
  append_line (text, _("Legal situation"), kes_field_record_get_text (screening, "legal_situation"));

  for (guint i = 0; vulnerabilities[i] != NULL; i++)
    g_string_append_printf (found, "%s%s", i > 0 ? ", " : "",
                            label_of (KES_CODES_LD_VULNERABILITY, vulnerabilities[i]));
  append_line (text, _("Vulnerabilities identified"), found->len > 0 ? found->str : _("none"));
  append_line (text, _("Screening notes"), kes_field_record_get_text (screening, "screening_notes"));

  g_string_append (outcome, label_of (KES_CODES_LD_OUTCOME, kes_field_record_get_text (screening, "outcome")));
  if (*referred_to != '\0')
    g_string_append_printf (outcome, " (%s)", referred_to);
  append_line (text, _("Outcome of the screening"), outcome->str);
  append_line (text, _("Outcome notes"), kes_field_record_get_text (screening, "outcome_notes"));

  if (kes_field_record_get_bool (screening, "mappa_liaison"))
    {
      const char *category = kes_field_record_get_text (screening, "mappa_category");
      const char *level = kes_field_record_get_text (screening, "mappa_level");
      const char *notes = kes_field_record_get_text (screening, "mappa_notes");

      g_string_append (mappa, _("liaison with MAPPA"));
      if (*category != '\0')
        g_string_append_printf (mappa, ", %s", label_of (KES_CODES_MAPPA_CATEGORY, category));
      if (*level != '\0')
        g_string_append_printf (mappa, ", %s", label_of (KES_CODES_MAPPA_LEVEL, level));
      if (*notes != '\0')
        g_string_append_printf (mappa, ". %s", notes);
      append_line (text, _("MAPPA"), mappa->str);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

KesReferral *
kes_screening_build_referral (KesFieldRecord             *screening,
                              const KesScreeningReferral *details,
                              const char                 *referral_date,
                              const char                 *referrer)
{
  g_autoptr(KesReferral) referral = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (KES_IS_FIELD_RECORD (screening), NULL);
  g_return_val_if_fail (kes_field_record_get_kind (screening) == &kes_screening_kind, NULL);
  g_return_val_if_fail (details != NULL, NULL);

  referral = kes_referral_new ();
  reason = build_reason (screening);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, referral_date);
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, referrer);
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER_CONTACT,
                         kes_field_record_get_text (screening, "source_detail"));
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, KES_REFERRAL_SOURCE_LIAISON);
  kes_referral_set_text (referral, KES_REFERRAL_UNIT,
                         label_of (KES_CODES_LD_SETTING, kes_field_record_get_text (screening, "setting")));
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, kes_field_record_get_text (screening, "legal_status"));
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, kes_field_record_get_text (screening, "offence"));
  kes_referral_set_text (referral, KES_REFERRAL_REASON, reason);
  kes_referral_set_text (referral, KES_REFERRAL_AREA, details->area);
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, details->security_level);
  kes_referral_set_inpatient (referral, details->inpatient);
  kes_referral_set_text (referral, KES_REFERRAL_OVERRIDE_REASON, details->override_reason);
  return g_steal_pointer (&referral);
}
