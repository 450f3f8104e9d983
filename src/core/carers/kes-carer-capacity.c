/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carer-capacity"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-carer-capacity.h"
#include "kes-clock.h"
#include "kes-error.h"

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has (KesFieldRecord *record,
     const char     *key)
{
  return *kes_field_record_get_text (record, key) != '\0';
}

gboolean
kes_carer_consent_check_capacity (KesFieldRecord  *consent,
                                  GError         **error)
{
  const char *status = kes_field_record_get_text (consent, "status");
  gboolean lacks = kes_field_record_get_bool (consent, "lacks_capacity");
  gboolean best_interests = g_str_equal (status, "best-interests");

  g_return_val_if_fail (KES_IS_FIELD_RECORD (consent), FALSE);

  if (lacks && !best_interests)
    return refuse (error, _("Consent: a patient who lacks capacity to make this decision can’t give, refuse or "
                            "withdraw consent. Choose “Lacks capacity to decide: shared in their best interests” "
                            "and record the best-interests decision"));
  if (!best_interests)
    {
      if (has (consent, "best_interests"))
        return refuse (error, _("Best-interests decision: only for a patient who lacks capacity to make this "
                                "decision; clear it, or switch on that the patient lacks capacity"));
      return TRUE;
    }
  if (!lacks)
    return refuse (error, _("The patient lacks capacity to make this decision: switch this on to record a "
                            "best-interests decision (the Mental Capacity Act starts from the presumption "
                            "that a person has capacity)"));
  if (!has (consent, "capacity_assessment"))
    return refuse (error, _("How capacity was assessed: say why the patient could not understand, retain, use "
                            "or weigh the information, or communicate a decision"));
  if (!has (consent, "capacity_assessed_on"))
    return refuse (error, _("Date capacity was assessed: fill this in"));
  if (strcmp (kes_field_record_get_text (consent, "capacity_assessed_on"),
              kes_field_record_get_text (consent, "decided_on")) > 0)
    return refuse (error, _("Date capacity was assessed: it must be on or before the date of the decision"));
  if (!has (consent, "best_interests"))
    return refuse (error, _("Best-interests decision and why: fill this in"));
  if (!has (consent, "consulted"))
    return refuse (error, _("Who was consulted: name the carers and others consulted about the patient’s best "
                            "interests"));
  return TRUE;
}

gboolean
kes_carer_assessment_check_signature (KesFieldRecord  *assessment,
                                      const char      *today,
                                      GError         **error)
{
  gboolean typed = has (assessment, "carer_signed_name");
  gboolean paper = kes_field_record_get_bool (assessment, "carer_signed_on_paper");
  const char *on = kes_field_record_get_text (assessment, "carer_signed_on");

  g_return_val_if_fail (KES_IS_FIELD_RECORD (assessment), FALSE);

  if (typed && paper)
    return refuse (error, _("Carer’s signature: either the carer types their name or they signed a paper copy, "
                            "not both"));
  if ((typed || paper) && *on == '\0')
    return refuse (error, _("Date the carer signed: fill this in"));
  if (*on != '\0' && !typed && !paper)
    return refuse (error, _("Carer’s signature: the carer types their full name, or switch on that they signed a "
                            "paper copy"));
  if (*on == '\0')
    return TRUE;
  if (today != NULL && strcmp (on, today) > 0)
    return refuse (error, _("Date the carer signed: it is in the future"));
  if (has (assessment, "assessed_on") && strcmp (on, kes_field_record_get_text (assessment, "assessed_on")) < 0)
    return refuse (error, _("Date the carer signed: it is before the date of the assessment"));
  return TRUE;
}

const char * const *
kes_carer_capacity_fields (void)
{
  static const char * const keys[] = {
    "capacity_assessment", "capacity_assessed_on", "best_interests", "consulted", NULL
  };

  return keys;
}

/* Letters and digits only, folded: "O'Brien-Smith, Ana" → "obriensmithana". */
static char *
name_key (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  GString *key = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

gboolean
kes_carer_signature_matches_name (const char *typed,
                                  const char *name)
{
  g_autofree char *a = name_key (typed);
  g_autofree char *b = name_key (name);

  return *a != '\0' && g_str_equal (a, b);
}
