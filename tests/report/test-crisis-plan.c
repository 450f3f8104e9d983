/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-care-record.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-pdf-writer.h"
#include "kes-report-crisis.h"
#include "kes-services.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-test-pdf.h"
#include "kes-test-store.h"
#include "kes-xml-writer.h"

/* The crisis plan a crisis team gets: the plan, the forensic essentials
 * taken from the record on the day, on one or two A4 pages, read back with
 * Poppler; and the same content as XML. */

static void
save (KesTestStore *fixture,
      const char   *kind,
      ...)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);
  g_autoptr(GError) error = NULL;
  const char *key;
  va_list args;

  kes_care_record_set_patient_id (record, fixture->patient_id);
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  g_assert_true (kes_store_save_care_record (fixture->store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static char *
all_text (PopplerDocument *poppler)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      g_autofree char *page = kes_test_pdf_page_text (poppler, i);
      g_string_append (text, page);
    }
  return g_string_free (text, FALSE);
}

static void
test_no_plan (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = kes_report_crisis_plan (fixture->store, fixture->patient_id, &error);

  g_assert_null (document);
  g_assert_error (error, KES_ERROR, KES_ERROR_NOT_FOUND);
}

static void
test_plan_with_essentials (void)
{
  g_autoptr(KesTestStore) fixture = kes_test_store_new_with_patient ();
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(KesMojRecord) condition = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *xml_text = NULL;
  PopplerDocument *poppler;

  status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2019-06-01");
  kes_moj_record_set_text (status, "order_date", "2019-06-01");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2024-02-03");
  kes_moj_record_set_text (status, "exclusion_zones", "Not to enter the Thorpe St Andrew area");
  g_assert_true (kes_store_save_moj_record (fixture->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  condition = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
  kes_moj_record_set_text (condition, "category", "victims");
  kes_moj_record_set_text (condition, "wording", "No contact, direct or indirect, with the victim’s family");
  kes_moj_record_set_text (condition, "start_date", "2024-02-03");
  g_assert_true (kes_store_save_moj_record (fixture->store, condition, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  save (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine", "category", "clozapine", "dose", "350 mg",
        "route", "oral", "frequency", "at night", "prescriber", "Dr Bob Okafor", "start_date", "2024-01-10", NULL);
  save (fixture, KES_CARE_FBC, "taken_on", "2026-11-18", "wbc", "6.1", "neutrophils", "3.8", NULL);
  save (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-19", "review_date", "2027-05-19",
        "early_warning_signs", "Stops eating; talks about being followed; misses the clozapine clinic",
        "responds_to", "Her brother on 07700 900456; Alice, care coordinator",
        "helped", "Short daily visits; time at the allotment",
        "not_helped", "Being seen by several new staff at once",
        "treatment_preferences", "Prefers oral medication; refuses haloperidol (dystonia in 2018)",
        "crisis_actions", "Same-day visit by the care coordinator or duty worker; tell the RC",
        "out_of_hours", "Crisis resolution and home treatment team, then 111 option 2",
        "contingency", "If Alice is away, the duty worker visits",
        "risk_to_others", "Risk to her ex-partner when unwell: see the victim conditions",
        "signed", "true", NULL);

  /* The team's own entry in the service directory, with its crisis line. */
  {
    g_autoptr(KesFieldRecord) team = kes_service_new ();
    g_autoptr(KesPatient) patient = kes_store_load_patient (fixture->store, fixture->patient_id, &error);

    kes_field_record_set_text (team, "kind", "team");
    kes_field_record_set_text (team, "name", "North Forensic Community Team");
    kes_field_record_set_text (team, "team_id", kes_patient_get_text (patient, KES_PATIENT_TEAM_ID));
    kes_field_record_set_text (team, "general_phone", "01603 421 000");
    kes_field_record_set_text (team, "crisis_phone", "01603 421 999");
    kes_field_record_set_text (team, "office_hours", "Monday to Friday 9:00–17:00");
    g_assert_true (kes_store_save_service (fixture->store, team, &error));
    g_assert_no_error (error);
  }

  document = kes_report_crisis_plan (fixture->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  if (g_getenv ("KES_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), "crisis-plan-report.pdf", NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }
  poppler = kes_test_pdf_open (pdf);

  /* One or two pages, each with the marking, the person and Page N of M. */
  g_assert_cmpint (poppler_document_get_n_pages (poppler), >=, 1);
  g_assert_cmpint (poppler_document_get_n_pages (poppler), <=, 2);
  kes_test_pdf_assert_furniture (poppler, "OFFICIAL-SENSITIVE", "O’BRIEN — CAFÉ, Zoë", "943 476 5919",
                                 "1 Feb 1990");
  text = all_text (poppler);
  g_object_unref (poppler);

  g_assert_nonnull (strstr (text, "Crisis and contingency plan"));
  g_assert_nonnull (strstr (text, "Stops eating"));
  g_assert_nonnull (strstr (text, "refuses haloperidol"));
  g_assert_nonnull (strstr (text, "signed by the person"));
  /* Taken from the record, with the day. */
  g_assert_nonnull (strstr (text, "Taken from the record on 21 Nov 2026"));
  g_assert_nonnull (strstr (text, "Section 37 with section 41 restrictions"));
  g_assert_nonnull (strstr (text, "MHCS/2019/4411"));
  g_assert_nonnull (strstr (text, "Dr Bob Okafor, Responsible clinician"));
  g_assert_nonnull (strstr (text, "Alice Adeyemi, Care coordinator · 01603 000 111"));
  g_assert_nonnull (strstr (text, "Thorpe St Andrew"));
  g_assert_nonnull (strstr (text, "No contact, direct or indirect"));
  g_assert_nonnull (strstr (text, "Risk to her ex-partner")); /* the plan's own note beside them */
  g_assert_nonnull (strstr (text, "18 Nov 2026: Green"));
  g_assert_nonnull (strstr (text, "48 hours"));
  g_assert_nonnull (strstr (text, "No carers recorded"));
  g_assert_nonnull (strstr (text, "Samaritans"));
  /* What an out-of-hours team needs first: where the person lives, the
   * diagnosis, the team's own crisis line, the latest risk assessment. */
  g_assert_nonnull (strstr (text, "Flat 3, 14 Rue de la Paix Court"));
  g_assert_nonnull (strstr (text, "NR1 3SR"));
  g_assert_nonnull (strstr (text, "F20.0 Paranoid schizophrenia"));
  g_assert_nonnull (strstr (text, "North Forensic Community Team"));
  g_assert_nonnull (strstr (text, "patient’s team)"));
  g_assert_null (strstr (text, "not in the service directory"));
  g_assert_nonnull (strstr (text, "01603 421 999"));
  g_assert_nonnull (strstr (text, "Latest structured risk assessment"));
  g_assert_nonnull (strstr (text, "350 mg oral at night"));

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  xml_text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_assert_nonnull (strstr (xml_text, "Taken from the record on 21 Nov 2026"));
  g_assert_nonnull (strstr (xml_text, "MHCS/2019/4411"));
  g_assert_nonnull (strstr (xml_text, "No contact, direct or indirect"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crisis-plan/no-plan", test_no_plan);
  g_test_add_func ("/crisis-plan/plan-with-essentials", test_plan_with_essentials);
  return g_test_run ();
}
