/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-incident"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-moj-incident.h"
#include "kes-moj-report.h"

void
kes_moj_report_link_incident (KesMojRecord *report,
                              KesMojRecord *incident)
{
  g_return_if_fail (KES_IS_MOJ_RECORD (report) && KES_IS_MOJ_RECORD (incident));
  g_return_if_fail (kes_moj_record_get_kind (incident) == KES_MOJ_INCIDENT);

  kes_moj_record_set_text (report, "trigger", kes_moj_record_get_text (incident, "category"));
  kes_moj_record_set_text (report, "trigger_when", kes_moj_record_get_text (incident, "incident_date"));
  kes_moj_record_set_text (report, "trigger_what", kes_moj_record_get_text (incident, "description"));
  kes_moj_record_set_text (report, "trigger_action", kes_moj_record_get_text (incident, "action"));
  kes_moj_record_set_text (report, KES_MOJ_INCIDENT_LINK, kes_moj_record_get_id (incident));
}

KesMojRecord *
kes_moj_incident_find_report (KesMojRecord *incident,
                              GPtrArray    *reports)
{
  const char *id;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (incident), NULL);

  id = kes_moj_record_get_id (incident);
  for (guint i = 0; id != NULL && reports != NULL && i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);

      if (kes_moj_record_get_state (report) == KES_RECORD_ACTIVE && kes_moj_report_is_urgent (report) &&
          g_str_equal (kes_moj_record_get_text (report, KES_MOJ_INCIDENT_LINK), id))
        return report;
    }
  return NULL;
}

gboolean
kes_moj_report_check_incident_link (KesMojRecord  *report,
                                    const char    *incident_patient_id,
                                    GError       **error)
{
  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), FALSE);

  if (*kes_moj_record_get_text (report, KES_MOJ_INCIDENT_LINK) == '\0')
    return TRUE;
  if (kes_moj_record_get_kind (report) != KES_MOJ_REPORT || !kes_moj_report_is_urgent (report))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Only an urgent report can be written about an incident"));
      return FALSE;
    }
  if (g_strcmp0 (incident_patient_id, kes_moj_record_get_patient_id (report)) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The urgent report names an incident that is not one of this patient’s "
                             "incidents in force: record the incident first"));
      return FALSE;
    }
  return TRUE;
}
