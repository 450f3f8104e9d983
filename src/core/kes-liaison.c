/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-liaison.h"

static const KesFieldSpec screening_fields[] = {
  { "family_name", N_("Family name"), KES_FIELD_TEXT, NULL, TRUE, TRUE },
  { "given_name", N_("Given name"), KES_FIELD_TEXT, NULL, FALSE, TRUE },
  { "birth_date", N_("Date of birth"), KES_FIELD_DATE, NULL, FALSE, FALSE },
  { "gender", N_("Gender"), KES_FIELD_CODE, KES_CODES_GENDER, FALSE, FALSE },
  { "ethnicity", N_("Ethnic category"), KES_FIELD_CODE, KES_CODES_ETHNIC_CATEGORY, FALSE, TRUE },
  { "nhs_number", N_("NHS number"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "address", N_("Address"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "postcode", N_("Postcode"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "screened_on", N_("Date screened"), KES_FIELD_DATE, NULL, TRUE, TRUE },
  { "setting", N_("Setting"), KES_FIELD_CODE, KES_CODES_LD_SETTING, TRUE, TRUE },
  { "referral_source", N_("Referred by"), KES_FIELD_CODE, KES_CODES_LD_SOURCE, TRUE, TRUE },
  { "source_detail", N_("Referrer’s name and contact"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "vulnerabilities", N_("Vulnerabilities identified"), KES_FIELD_CODES, KES_CODES_LD_VULNERABILITY,
    FALSE, TRUE },
  { "screening_notes", N_("Screening notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "outcome", N_("Outcome"), KES_FIELD_CODE, KES_CODES_LD_OUTCOME, TRUE, TRUE },
  { "referred_to", N_("Services referred to"), KES_FIELD_TEXT, NULL, FALSE, FALSE },
  { "outcome_notes", N_("Outcome notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "mappa_liaison", N_("MAPPA liaison"), KES_FIELD_BOOL, NULL, FALSE, TRUE },
  { "mappa_category", N_("MAPPA category"), KES_FIELD_CODE, KES_CODES_MAPPA_CATEGORY, FALSE, FALSE },
  { "mappa_level", N_("MAPPA level"), KES_FIELD_CODE, KES_CODES_MAPPA_LEVEL, FALSE, FALSE },
  { "mappa_notes", N_("MAPPA liaison notes"), KES_FIELD_LONG_TEXT, NULL, FALSE, FALSE },
  { "converted_patient_id", N_("Patient record"), KES_FIELD_RECORD_ID, NULL, FALSE, TRUE },
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
  KesCodeList *outcomes = kes_code_list_get (KES_CODES_LD_OUTCOME);
  KesCodeList *vulnerabilities = kes_code_list_get (KES_CODES_LD_VULNERABILITY);
  KesLiaisonActivity *activity = g_new0 (KesLiaisonActivity, 1);

  activity->by_setting = count_codes (settings, &activity->n_settings);
  activity->by_outcome = count_codes (outcomes, &activity->n_outcomes);
  activity->by_vulnerability = count_codes (vulnerabilities, &activity->n_vulnerabilities);
  activity->by_setting_outcome = g_new0 (guint, MAX (activity->n_settings * activity->n_outcomes, 1));

  for (guint i = 0; screenings != NULL && i < screenings->len; i++)
    {
      KesFieldRecord *screening = g_ptr_array_index (screenings, i);
      int setting = kes_code_list_find (settings, kes_field_record_get_text (screening, "setting"));
      int outcome = kes_code_list_find (outcomes, kes_field_record_get_text (screening, "outcome"));
      g_auto(GStrv) found = kes_field_record_dup_list (screening, "vulnerabilities");

      activity->total++;
      if (kes_field_record_get_bool (screening, "mappa_liaison"))
        activity->mappa_liaison++;
      if (*kes_field_record_get_text (screening, "converted_patient_id") != '\0')
        activity->converted++;
      if (setting >= 0)
        activity->by_setting[setting]++;
      if (outcome >= 0)
        activity->by_outcome[outcome]++;
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
  g_free (activity->by_outcome);
  g_free (activity->by_vulnerability);
  g_free (activity->by_setting_outcome);
  g_free (activity);
}
