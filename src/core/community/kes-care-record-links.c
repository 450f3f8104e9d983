/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-record-links"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-care-record-links.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-medication-rules.h"

/* The rules a care record meets against another record, given what that
 * record says: the store reads it from the database (kes-store-community.c),
 * an import from the file (kes-record-import-care-links.c), so both refuse
 * the same things in the same words. */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, message);
  return FALSE;
}

gboolean
kes_depot_dose_check_prescription (KesCareRecord  *dose,
                                   const char     *patient_id,
                                   const char     *category,
                                   const char     *drug,
                                   GError        **error)
{
  double observed;
  guint needed;

  g_return_val_if_fail (KES_IS_CARE_RECORD (dose), FALSE);

  if (patient_id == NULL || g_strcmp0 (patient_id, kes_care_record_get_patient_id (dose)) != 0 ||
      g_strcmp0 (category, "depot") != 0)
    return invalid (error, _("Depot prescription: choose one of this patient's depot prescriptions"));
  needed = drug != NULL ? kes_depot_drug_observe_hours (drug) : 0;
  if (needed > 0 && kes_care_record_get_number (dose, "observed_hours", &observed) && observed < needed &&
      *kes_care_record_get (dose, "observation_note") == '\0')
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Observation after the injection: %s hours is less than the %u hours the SmPC asks "
                     "for %s; say what happened and why"),
                   kes_care_record_get (dose, "observed_hours"), needed, kes_depot_drug_lookup_label (drug));
      return FALSE;
    }
  return TRUE;
}

gboolean
kes_depot_dose_refuse_second (KesCareRecord  *dose,
                              GError        **error)
{
  g_autofree char *day = kes_date_to_display (kes_care_record_get (dose, "given_on"));

  g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
               _("Date: a dose of this depot is already recorded as given on %s. A second injection the "
                 "same day is not recorded as routine: if the first record is wrong, correct it"), day);
  return FALSE;
}

gboolean
kes_crisis_plan_share_check (KesCareRecord  *share,
                             gint64          plan_revisions,
                             GError        **error)
{
  double revision = 0;

  g_return_val_if_fail (KES_IS_CARE_RECORD (share), FALSE);

  if (plan_revisions < 1 || !kes_care_record_get_number (share, "plan_revision", &revision) || revision < 1 ||
      revision > plan_revisions)
    return invalid (error, _("Crisis plan: the plan shared must be one of this patient’s crisis plans"));
  return TRUE;
}

gboolean
kes_clozapine_course_check (KesCareRecord  *prescription,
                            const char     *standing_since,
                            gboolean       *overridden,
                            GError        **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (KES_IS_CARE_RECORD (prescription), FALSE);

  if (standing_since == NULL || !g_str_equal (kes_care_record_get (prescription, "category"), "clozapine"))
    return TRUE;
  if (*kes_care_record_get (prescription, "rechallenge_reason") != '\0')
    {
      if (overridden != NULL)
        *overridden = TRUE;
      return TRUE;
    }
  shown = kes_date_to_display (standing_since);
  g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
               _("Reason to give clozapine despite the record that it must not be re-challenged: this "
                 "patient has been recorded since %s as not to be re-challenged with clozapine. A new course "
                 "needs a clinician’s reason, which is logged"), shown);
  return FALSE;
}

gboolean
kes_fbc_check_service_light (KesCareRecord     *fbc,
                             KesFbcThresholds   thresholds,
                             GError           **error)
{
  g_return_val_if_fail (KES_IS_CARE_RECORD (fbc), FALSE);

  if (*kes_care_record_get (fbc, "service_light") != '\0' || thresholds != KES_FBC_THRESHOLDS_BEN)
    return TRUE;
  return invalid (error, _("Monitoring service’s colour: record it for a patient monitored under BEN criteria "
                           "(Kestrel’s BEN thresholds are not confirmed against the service, so the service’s "
                           "colour decides)"));
}
