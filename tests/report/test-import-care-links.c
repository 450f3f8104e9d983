/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-record.h"
#include "kes-moj-incident.h"
#include "kes-moj-report.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-test-dump.h"

/* The rules a care or MoJ record meets against another record of its
 * patient hold on import as on a save (issue 17 item 1): a depot dose names one of
 * the patient's depot prescriptions, is observed as long as the drug needs
 * and is not a second injection the same day; a shared crisis plan is one
 * of the patient's at a revision it had; a clozapine course after a
 * not-to-be-re-challenged record has a clinician's reason; a blood result
 * under BEN thresholds has the monitoring service's colour; an urgent
 * report names one of the patient's incidents. Each hostile
 * file is refused with the database unchanged apart from the access log;
 * the valid control imports. Before, a dose naming a referral imported, a
 * second dose the same day imported, and a dose naming no record failed
 * with "FOREIGN KEY constraint failed". */

#define IMPORTED_AT "2026-11-23T09:00:00Z"

static KesCareRecord *
save (KesTestStore *source,
      const char   *kind,
      ...)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *record = kes_care_record_new (kind);
  va_list args;
  const char *key;

  kes_care_record_set_patient_id (record, source->patient_id);
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  kes_store_save_care_record (source->store, record, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  return record;
}

static KesMojRecord *
save_moj (KesTestStore *source,
          KesMojRecord *record)
{
  g_autoptr(GError) error = NULL;

  kes_store_save_moj_record (source->store, record, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  return record;
}

/* A breach on 10 November and the urgent report written about it. */
static void
add_incident_and_report (KesTestStore *source)
{
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, source->patient_id);
  g_autoptr(KesMojRecord) incident = kes_moj_record_new (KES_MOJ_INCIDENT, source->patient_id);
  g_autoptr(KesMojRecord) urgent = kes_moj_report_new (source->patient_id, "moj-cd-report", "2024-10",
                                                       KES_MOJ_REPORT_URGENT, "2026-11-30");

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2025-06-02");
  kes_moj_record_set_text (status, "court", "Norwich Crown Court");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2025-06-02");
  kes_moj_record_set_text (status, "discharged_by", "First-tier Tribunal");
  kes_moj_record_set_text (status, "index_offences", "Wounding with intent, 14 Aug 2019, Norwich");
  save_moj (source, status);
  kes_moj_record_set_text (incident, "incident_date", "2026-11-10");
  kes_moj_record_set_text (incident, "category", "breach");
  kes_moj_record_set_text (incident, "description", "Two nights away from the approved address.");
  kes_moj_record_set_text (incident, "action", "Seen at home; MHCS told.");
  kes_moj_record_set_text (incident, "mhcs_told_date", "2026-11-10");
  save_moj (source, incident);
  kes_moj_report_link_incident (urgent, incident);
  save_moj (source, urgent);
}

/* Zoë's record with an olanzapine pamoate depot given and observed for 3
 * hours, a crisis plan shared with the crisis team, a not-to-be-re-challenged
 * record and a later clozapine course with the reason, BEN thresholds and a
 * blood result with the service's colour, and an urgent report about an
 * incident. Made once. */
static const char *
clinical_case_record (void)
{
  static char *exported = NULL;

  if (exported == NULL)
    {
      g_autoptr(KesTestStore) source = kes_test_store_new_with_patient ();
      g_autoptr(KesCareRecord) script = NULL;
      g_autoptr(KesCareRecord) plan = NULL;
      g_autoptr(KesCareRecord) share = NULL;
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(GError) error = NULL;

      kes_test_set_now (IMPORTED_AT);
      script = save (source, KES_CARE_PRESCRIPTION, "drug", "Olanzapine pamoate", "category", "depot",
                     "depot_drug", "olanzapine-pamoate", "dose", "300 mg", "route", "IM", "interval_days", "14",
                     "prescriber", "Dr Patel", "start_date", "2026-11-01", NULL);
      g_object_unref (save (source, KES_CARE_DEPOT_DOSE, "prescription_id", kes_care_record_get_id (script),
                            "given_on", "2026-11-15", "outcome", "given", "dose", "300 mg", "site", "Left gluteal",
                            "batch", "ZY1001", "given_by", "Alice", "observed_hours", "3", NULL));
      plan = save (source, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-19", "review_date", "2027-05-19",
                   "early_warning_signs", "Stops eating", "responds_to", "Her brother",
                   "crisis_actions", "Same-day visit", "out_of_hours", "Crisis team",
                   "contingency", "The duty worker visits", "risk_to_others", "None known", "signed", "true",
                   NULL);
      share = kes_store_share_crisis_plan (source->store, plan, "Crisis resolution and home treatment team",
                                           "secure-email", "", &error);
      g_assert_no_error (error);
      g_object_unref (save (source, KES_CARE_CLOZAPINE_NO_RECHALLENGE, "decided_on", "2026-11-02",
                            "decided_by", "Dr Patel, consultant psychiatrist", "reason", "Red result", NULL));
      g_object_unref (save (source, KES_CARE_PRESCRIPTION, "drug", "Clozapine", "category", "clozapine",
                            "dose", "12.5 mg", "prescriber", "Dr Patel", "start_date", "2026-11-10",
                            "rechallenge_reason", "Haematology review: BEN confirmed", NULL));
      g_object_unref (save (source, KES_CARE_CLOZAPINE_MONITORING, "decided_on", "2026-11-09",
                            "monitoring_service", "ztas", "thresholds", "ben", "decided_by", "Dr Okonjo, consultant",
                            "reason", "Benign ethnic neutropenia confirmed by haematology", NULL));
      g_object_unref (save (source, KES_CARE_FBC, "taken_on", "2026-11-12", "wbc", "3.2", "neutrophils", "1.4",
                            "service_light", "green", NULL));
      add_incident_and_report (source);
      xml = kes_record_export_bytes (source->store, source->patient_id, &error);
      g_assert_no_error (error);
      exported = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
    }
  return exported;
}

/* The file with the first @from after the first entry of @kind (and, if
 * @field, after its <text name="@field">) replaced by @to. */
static char *
edited (const char *kind,
        const char *field,
        const char *from,
        const char *to)
{
  const char *xml = clinical_case_record ();
  g_autofree char *attribute = g_strdup_printf ("<entry kind=\"%s\"", kind);
  g_autofree char *element = field != NULL ? g_strdup_printf ("<text name=\"%s\">", field) : NULL;
  const char *at = strstr (xml, attribute);

  g_assert_nonnull (at);
  if (element != NULL)
    at = strstr (at, element);
  g_assert_nonnull (at);
  at = strstr (at, from);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, to, at + strlen (from));
}

/* The file with the first entry of @kind repeated under an id ending in 99. */
static char *
repeated (const char *kind)
{
  const char *xml = clinical_case_record ();
  g_autofree char *attribute = g_strdup_printf ("<entry kind=\"%s\" id=\"", kind);
  const char *start = strstr (xml, attribute);
  const char *end = strstr (start, "</entry>") + strlen ("</entry>");
  g_autofree char *entry = g_strndup (start, end - start);

  memcpy (entry + strlen (attribute) + 34, "99", 2);
  return g_strdup_printf ("%.*s\n%s%s", (int) (end - xml), xml, entry, end);
}

static void
assert_refused (const char *xml,
                const char *expected)
{
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autofree char *before = kes_test_dump_without_audit (target);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  kes_test_set_now (IMPORTED_AT);
  kes_test_import_bytes (target->store, bytes, KES_RECORD_IMPORT_DEFAULT, &error);
  kes_test_assert_plain_refusal (error, expected);
  after = kes_test_dump_without_audit (target);
  g_assert_cmpstr (before, ==, after);
}

static void
test_valid_control (void)
{
  const char *xml = clinical_case_record ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;

  kes_test_set_now (IMPORTED_AT);
  kes_test_import_bytes (target->store, bytes, KES_RECORD_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
test_depot_dose (void)
{
  const char *xml = clinical_case_record ();
  const char *plan = strstr (xml, "<entry kind=\"crisis-plan\" id=\"");
  g_autofree char *plan_id = g_strndup (plan + strlen ("<entry kind=\"crisis-plan\" id=\""), 36);
  g_autofree char *no_record = NULL;
  g_autofree char *a_plan = NULL;
  g_autofree char *short_watch = edited ("depot-dose", NULL, "<number name=\"observed_hours\">3",
                                         "<number name=\"observed_hours\">1");
  g_autofree char *twice = repeated ("depot-dose");
  const char *dose = strstr (xml, "<entry kind=\"depot-dose\"");
  const char *named = strstr (dose, "<text name=\"prescription_id\">") + strlen ("<text name=\"prescription_id\">");
  g_autofree char *script_id = g_strndup (named, 36);

  no_record = edited ("depot-dose", "prescription_id", script_id, "00000000-0000-4000-8000-000000000003");
  a_plan = edited ("depot-dose", "prescription_id", script_id, plan_id);
  assert_refused (no_record, "choose one of this patient's depot prescriptions");
  assert_refused (a_plan, "choose one of this patient's depot prescriptions");
  assert_refused (short_watch, "less than the 3 hours");
  assert_refused (twice, "already recorded as given on 15 Nov 2026");
}

static void
test_crisis_plan_share (void)
{
  g_autofree char *later = edited ("crisis-plan-share", NULL, "<number name=\"plan_revision\">1",
                                   "<number name=\"plan_revision\">5");

  assert_refused (later, "must be one of this patient’s crisis plans");
}

static void
test_clozapine (void)
{
  g_autofree char *no_reason = edited ("prescription", NULL, "Haematology review: BEN confirmed", "");
  g_autofree char *no_colour = edited ("fbc-result", NULL, "<text name=\"service_light\">green",
                                       "<text name=\"service_light\">");

  assert_refused (no_reason, "not to be re-challenged");
  assert_refused (no_colour, "Monitoring service’s colour");
}

/* An urgent report names an incident of the patient's the file holds. */
static void
test_urgent_report_incident (void)
{
  const char *xml = clinical_case_record ();
  const char *incident = strstr (xml, "<entry kind=\"moj-incident\" id=\"");
  g_autofree char *incident_id = g_strndup (incident + strlen ("<entry kind=\"moj-incident\" id=\""), 36);
  g_autofree char *elsewhere = edited ("moj-report", "incident_id", incident_id,
                                       "00000000-0000-4000-8000-000000000004");

  assert_refused (elsewhere, "names an incident that is not one of this patient’s incidents in force");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-care-links/valid-control", test_valid_control);
  g_test_add_func ("/import-care-links/depot-dose", test_depot_dose);
  g_test_add_func ("/import-care-links/crisis-plan-share", test_crisis_plan_share);
  g_test_add_func ("/import-care-links/clozapine", test_clozapine);
  g_test_add_func ("/import-care-links/urgent-report-incident", test_urgent_report_incident);

  return g_test_run ();
}
