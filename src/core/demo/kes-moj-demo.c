/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-demo"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-private.h"
#include "kes-moj-incident.h"
#include "kes-moj-report.h"
#include "kes-moj-schedule.h"
#include "kes-validate.h"

/* Demo data for restricted patients: one in three patients on s37/41 is
 * conditionally discharged, with conditions, an index offence and the
 * reports of past periods submitted, so Today shows only what a real team
 * would still owe. Deterministic from @index (no random numbers, so the
 * rest of the demo data is unchanged). Fictional throughout. */

static void
sign_all (KesMojRecord *report,
          KesStaff     *social,
          KesStaff     *clinical,
          const char   *at)
{
  g_auto(GStrv) parts = kes_moj_report_dup_part_ids (report);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      KesStaff *signer = g_str_equal (kes_moj_report_get_signer_role (report, parts[i]), KES_MOJ_SIGNER_CLINICAL)
                           ? clinical : social;
      kes_moj_report_set_part_ready (report, parts[i], TRUE, NULL);
      kes_moj_report_sign_part (report, parts[i], kes_staff_get_id (signer), kes_staff_get_display_name (signer),
                                at, NULL);
    }
}

static gboolean
save (GPtrArray     *sink,
      KesMojRecord  *record,
      GError       **error)
{
  KesBulkRecord *ready = kes_bulk_record_moj (record, error);

  if (ready == NULL)
    return FALSE;
  g_ptr_array_add (sink, ready);
  return TRUE;
}

/* One conditionally discharged patient in three has had an incident ten
 * days ago (a night away from the approved address), MHCS was told, and
 * the urgent report about it went in the same day. */
static gboolean
add_incident (GPtrArray     *sink,
              const char    *patient_id,
              KesStaff      *social,
              KesStaff      *clinical,
              GError       **error)
{
  g_autoptr(GDate) day = kes_clock_today ();
  g_autofree char *when = NULL;
  g_autofree char *signed_at = NULL;
  g_autoptr(KesMojRecord) incident = kes_moj_record_new (KES_MOJ_INCIDENT, patient_id);
  g_autoptr(KesMojRecord) report = NULL;

  g_date_subtract_days (day, 10);
  when = kes_date_to_iso (day);
  kes_moj_record_set_text (incident, "incident_date", when);
  kes_moj_record_set_text (incident, "category", "breach");
  kes_moj_record_set_text (incident, "description", "Stayed two nights away from the approved address without "
                                                    "agreement (demo)");
  kes_moj_record_set_text (incident, "action", "Seen at home the next day; responsible clinician and MHCS told; "
                                               "conditions gone over again (demo)");
  kes_moj_record_set_text (incident, "mhcs_told_date", when);
  kes_moj_record_set_text (incident, "outcome", "No recall: MHCS asked for weekly visits for a month (demo)");
  if (!save (sink, incident, error))
    return FALSE;

  report = kes_moj_report_new (patient_id, "moj-cd-report", "2024-10", KES_MOJ_REPORT_URGENT, when);
  kes_moj_report_add_part (report, "A", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_add_part (report, "B", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_add_part (report, "C", KES_MOJ_SIGNER_CLINICAL);
  kes_moj_report_link_incident (report, incident);
  kes_moj_report_set_value (report, "B.recommendation", "Continue conditional discharge with weekly visits.");
  kes_moj_report_set_value (report, "C.recommendation", "continue");
  signed_at = g_strconcat (when, "T16:00:00Z", NULL);
  sign_all (report, social, clinical, signed_at);
  return kes_moj_report_submit (report, when, "secure-email", "", error) && save (sink, report, error);
}

int
kes_demo_moj_discharged_days_ago (guint index)
{
  return index % 3 == 0 ? (int) (20 + (index * 37) % 400) : -1;
}

gboolean
kes_demo_add_moj (GPtrArray   *sink,
                  KesPatient  *patient,
                  const char  *legal,
                  const char  *mappa_level,
                  KesStaff    *social,
                  KesStaff    *clinical,
                  guint        index,
                  GError     **error)
{
  gboolean restricted = g_str_equal (legal, "09") || g_str_equal (legal, "15") || g_str_equal (legal, "17");
  g_autofree char *mhcs = g_strdup_printf ("MHCS/DEMO/%05u", index + 1);
  const KesMojSchedule *schedule = kes_moj_schedule_get_default ();
  const char *id = kes_patient_get_id (patient);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GDate) discharge = g_date_copy (today);
  g_autofree char *discharge_iso = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, id);
  g_autoptr(KesMojRecord) residence = kes_moj_record_new (KES_MOJ_CONDITION, id);
  g_autoptr(KesMojRecord) treatment = kes_moj_record_new (KES_MOJ_CONDITION, id);

  /* Everyone's legal status, in its one record. */
  kes_moj_record_set_text (status, "authority", legal);
  kes_moj_record_set_text (status, "effective_date", "2018-03-14");
  kes_moj_record_set_text (status, "order_date", "2018-03-14");
  if (mappa_level != NULL)
    {
      kes_moj_record_set_text (status, "mappa_category", "2");
      kes_moj_record_set_text (status, "mappa_level", mappa_level);
    }
  if (restricted)
    {
      kes_moj_record_set_text (status, "restriction_date", "2018-03-14");
      kes_moj_record_set_text (status, "court", "Norwich Crown Court (demo)");
      kes_moj_record_set_text (status, "mhcs_reference", mhcs);
      kes_moj_record_set_text (status, "index_offences",
                               index % 2 == 0 ? "Wounding with intent (demo), 14 Aug 2017, Norwich"
                                              : "Arson with intent to endanger life (demo), 14 Aug 2017, Norwich");
    }
  if (!g_str_equal (legal, "09") || kes_demo_moj_discharged_days_ago (index) < 0)
    return save (sink, status, error);
  g_date_subtract_days (discharge, (guint) kes_demo_moj_discharged_days_ago (index));
  discharge_iso = kes_date_to_iso (discharge);

  kes_moj_record_set_text (status, "effective_date", discharge_iso);
  kes_moj_record_set_text (status, "conditional_discharge_date", discharge_iso);
  kes_moj_record_set_text (status, "discharged_by", index % 2 == 0 ? "First-tier Tribunal" : "Secretary of State");
  kes_moj_record_set_text (residence, "category", "residence");
  kes_moj_record_set_text (residence, "wording", "Reside at the approved address and abide by its rules; "
                                                 "agree nights away in advance with the supervisors");
  kes_moj_record_set_text (residence, "start_date", discharge_iso);
  kes_moj_record_set_text (treatment, "category", "treatment");
  kes_moj_record_set_text (treatment, "wording", "Comply with medication, treatment and monitoring as directed "
                                                 "by the responsible clinician");
  kes_moj_record_set_text (treatment, "start_date", discharge_iso);
  if (!save (sink, status, error) || !save (sink, residence, error) || !save (sink, treatment, error))
    return FALSE;

  /* Reports for periods that ended more than a week ago went in on time. */
  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *due = kes_moj_schedule_due_date (schedule, discharge_iso, n);
      g_autoptr(GDate) due_date = kes_date_from_iso (due);
      g_autoptr(KesMojRecord) report = NULL;
      g_autofree char *at = NULL;

      if (g_date_days_between (due_date, today) <= (int) schedule->warning_days)
        break;
      g_date_subtract_days (due_date, 2);
      at = kes_date_to_iso (due_date);
      report = kes_moj_report_new (id, "moj-cd-report", "2024-10", KES_MOJ_REPORT_ROUTINE, due);
      kes_moj_report_add_part (report, "A", KES_MOJ_SIGNER_SOCIAL);
      kes_moj_report_add_part (report, "B", KES_MOJ_SIGNER_SOCIAL);
      kes_moj_report_add_part (report, "C", KES_MOJ_SIGNER_CLINICAL);
      kes_moj_record_set_text (report, "period_to", at);
      kes_moj_report_set_value (report, "B.recommendation", "Continue conditional discharge.");
      kes_moj_report_set_value (report, "C.recommendation", "continue");
      {
        g_autofree char *signed_at = g_strconcat (at, "T10:00:00Z", NULL);
        sign_all (report, social, clinical, signed_at);
      }
      if (!kes_moj_report_submit (report, at, "secure-email", "", error) || !save (sink, report, error))
        return FALSE;
    }
  if (index % 9 == 0 && kes_demo_moj_discharged_days_ago (index) >= 30)
    return add_incident (sink, id, social, clinical, error);
  return TRUE;
}
