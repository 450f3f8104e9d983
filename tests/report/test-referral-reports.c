/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-core-test-util.h"

#include <string.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-pdf-writer.h"
#include "kes-report-referral.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-test-pdf.h"
#include "kes-xml-writer.h"
#include "kes-test-accounts.h"

typedef struct
{
  KesStore    *store;
  KesStaff    *alice;
  KesPatient  *patient;
  KesReferral *referral;
} Fixture;

static KesPatient *
add_patient (KesStore   *store,
             const char *family,
             const char *nhs,
             const char *ethnicity)
{
  g_autoptr(GError) error = NULL;
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return patient;
}

static KesReferral *
add_referral (Fixture    *fixture,
              KesPatient *patient,
              const char *date,
              const char *source,
              const char *area)
{
  g_autoptr(GError) error = NULL;
  KesReferral *referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, date);
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, source);
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, area);
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation in Norwich");
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, "Wounding (s20), 2019");
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, "09");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return referral;
}

static void
move (Fixture          *fixture,
      KesReferral      *referral,
      KesReferralStage  to,
      const char       *date,
      const char       *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_move_referral (fixture->store, referral, to, date, reason, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GError) error = NULL;

  kes_clock_set_fixed (now);
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->alice);
  fixture->patient = add_patient (fixture->store, "Wagtail", "9434765919", "M");
  fixture->referral = add_referral (fixture, fixture->patient, "2026-10-01", "external-hospital", "norfolk");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->referral);
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static char *
pdf_text (KesDocument *document,
          const char  *save_as)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = kes_pdf_render_bytes (document, NULL, &error);
  PopplerDocument *poppler;
  GString *all = g_string_new (NULL);
  const char *dir = g_getenv ("KES_SHOTS_DIR");

  g_assert_no_error (error);
  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, save_as, NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }
  poppler = kes_test_pdf_open (pdf);
  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      g_autofree char *text = kes_test_pdf_page_text (poppler, i);
      g_string_append (all, text);
    }
  g_object_unref (poppler);
  return g_string_free (all, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in the document text", needle);
}

static void
test_assessment_pdf_and_xml (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *xml_text = NULL;

  move (fixture, fixture->referral, KES_REFERRAL_SCREENING, "2026-10-02", NULL);
  move (fixture, fixture->referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-10-02", NULL);
  kes_referral_set_text (fixture->referral, KES_REFERRAL_ASSESSMENT_DATE, "2026-10-09");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_HISTORY, "Long history of psychosis; first admission at 19.");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_MENTAL_STATE, "Settled on the ward, no psychotic symptoms.");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_RISK_SUMMARY, "Violence risk reduced with depot treatment.");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_NEEDS, "Supported accommodation and a depot clinic.");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_RECOMMENDATION, "Accept for in-reach before discharge.");
  kes_referral_set_text (fixture->referral, KES_REFERRAL_DECISION, KES_REFERRAL_DECISION_ACCEPT);
  {
    g_autoptr(KesRiskAssessment) risk = kes_risk_assessment_new (kes_referral_get_text (fixture->referral,
                                                                                        KES_REFERRAL_PATIENT_ID),
                                                                 "HCR-20", "3", 1);

    kes_risk_assessment_set_assessed_on (risk, "2026-09-28");
    kes_risk_assessment_set_completed_by (risk, "Dr Cara Clinic");
    kes_risk_assessment_set_mdt_reviewed_on (risk, "2026-09-29");
    kes_risk_assessment_set_next_review_on (risk, "2027-03-28");
    kes_risk_assessment_set_field (risk, "serious_harm", "H");
    kes_risk_assessment_set_field (risk, "other_risks_detail", "Exploitation by peers when unwell.");
    kes_risk_assessment_set_status (risk, KES_RISK_STATUS_COMPLETED);
    g_assert_true (kes_store_sign_off_risk_assessment (fixture->store, risk, NULL, KES_TEST_PASSWORD, &error));
    g_assert_no_error (error);
    kes_referral_set_text (fixture->referral, KES_REFERRAL_RISK_ASSESSMENT_ID, kes_risk_assessment_get_id (risk));
  }
  g_assert_true (kes_store_sign_referral_assessment (fixture->store, fixture->referral, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  move (fixture, fixture->referral, KES_REFERRAL_ASSESSED, "2026-10-09", NULL);
  move (fixture, fixture->referral, KES_REFERRAL_ACCEPTED, "2026-10-12", NULL);

  document = kes_report_referral_assessment (fixture->store, kes_referral_get_id (fixture->referral), &error);
  g_assert_no_error (error);
  text = pdf_text (document, "referral-assessment.pdf");
  assert_contains (text, "Referral Assessment");
  assert_contains (text, "OFFICIAL-SENSITIVE");
  assert_contains (text, "943 476 5919");
  assert_contains (text, "Dr Rook, consultant forensic psychiatrist");
  assert_contains (text, "Ash Ward, Fenland Secure Unit");
  assert_contains (text, "Medium secure");
  assert_contains (text, "Norfolk");
  assert_contains (text, "Section 37 with section 41 restrictions");
  assert_contains (text, "Long history of psychosis");
  assert_contains (text, "Settled on the ward");
  assert_contains (text, "Violence risk reduced");
  assert_contains (text, "Supported accommodation and a depot clinic");
  assert_contains (text, "Accept for in-reach before discharge");
  assert_contains (text, "Meets every criterion");
  assert_contains (text, "Alice Adeyemi");
  assert_contains (text, "Accepted");

  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
  xml_text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  assert_contains (xml_text, "urn:kestrel:document:1");
  assert_contains (xml_text, "Violence risk reduced with depot treatment.");
  /* The linked structured risk assessment, as its assessor recorded it. */
  assert_contains (text, "Structured risk assessment drawn on");
  assert_contains (text, "Dr Cara Clinic");
  assert_contains (text, "28 Sep 2026");
  assert_contains (text, "Serious physical harm");
  assert_contains (text, "Exploitation by peers when unwell.");
  assert_contains (xml_text, "Dr Cara Clinic");
  assert_contains (xml_text, "Exploitation by peers when unwell.");

  /* The linked assessment entered in error later: the document still
   * builds and says so. */
  {
    const char *risk_id = kes_referral_get_text (fixture->referral, KES_REFERRAL_RISK_ASSESSMENT_ID);
    g_autoptr(KesRiskAssessment) risk = kes_store_load_risk_assessment (fixture->store, risk_id, &error);
    g_autoptr(KesDocument) again = NULL;
    g_autofree char *again_text = NULL;

    g_assert_no_error (error);
    g_assert_true (kes_store_mark_entered_in_error (fixture->store, risk_id, kes_risk_assessment_get_revision (risk),
                                                    "Wrong patient", &error));
    g_assert_no_error (error);
    again = kes_report_referral_assessment (fixture->store, kes_referral_get_id (fixture->referral), &error);
    g_assert_no_error (error);
    again_text = pdf_text (again, "referral-assessment-risk-in-error.pdf");
    assert_contains (again_text, "Entered in error since it was linked");
  }
}

static void
fill_assessment (KesReferral *referral)
{
  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, "2026-10-09");
  kes_referral_set_text (referral, KES_REFERRAL_HISTORY, "Long history of psychosis; first admission at 19.");
  kes_referral_set_text (referral, KES_REFERRAL_MENTAL_STATE, "Settled on the ward, no psychotic symptoms.");
  kes_referral_set_text (referral, KES_REFERRAL_RISK_SUMMARY, "Violence risk reduced with depot treatment.");
  kes_referral_set_text (referral, KES_REFERRAL_NEEDS, "Supported accommodation and a depot clinic.");
  kes_referral_set_text (referral, KES_REFERRAL_RECOMMENDATION, "Accept for in-reach before discharge.");
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, KES_REFERRAL_DECISION_ACCEPT);
}

/* Signing means the signer, and a signed assessment changed later says so
 * on screen and in the PDF, with who changed it and when, until it is
 * signed again; the sign-off line names the signer and their role. */
static void
test_altered_after_sign_off (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesStaff) dr = kes_test_account_titled (fixture->store, "dr.rook", "Dr Rhian Rook", "Consultant forensic psychiatrist",
                                                    "North", NULL, KES_ROLE_CLINICIAN);
  g_autoptr(KesStaff) ben = kes_test_account_titled (fixture->store, "ben", "Ben Barn", "CPN", "North", NULL,
                                                     KES_ROLE_CLINICIAN);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *by = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GDateTime) later = kes_time_from_iso ("2026-11-22T14:30:00Z");

  kes_store_set_actor (fixture->store, dr);
  fill_assessment (fixture->referral);

  /* The password again; a wrong one signs nothing (and counts like a failed
   * sign-in). */
  g_assert_false (kes_store_sign_referral_assessment (fixture->store, fixture->referral, "not my password", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_sign_state (fixture->referral), ==, KES_REFERRAL_ASSESSMENT_UNSIGNED);
  g_assert_cmpstr (kes_referral_get_text (fixture->referral, KES_REFERRAL_SIGNED_AT), ==, "");

  g_assert_true (kes_store_sign_referral_assessment (fixture->store, fixture->referral, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_referral_get_sign_state (fixture->referral), ==, KES_REFERRAL_ASSESSMENT_SIGNED);
  g_assert_cmpstr (kes_referral_get_text (fixture->referral, KES_REFERRAL_SIGNED_ROLE), ==,
                   "Consultant forensic psychiatrist");
  document = kes_report_referral_assessment (fixture->store, kes_referral_get_id (fixture->referral), &error);
  g_assert_no_error (error);
  text = pdf_text (document, "referral-assessment-signed.pdf");
  assert_contains (text, "Assessment signed off in Kestrel by");
  assert_contains (text, "Dr Rhian Rook");
  assert_contains (text, "Consultant forensic psychiatrist");
  g_assert_null (strstr (text, "Altered after sign-off"));
  g_clear_object (&document);
  g_clear_pointer (&text, g_free);

  /* A colleague changes the mental state a day later. */
  kes_clock_set_fixed (later);
  kes_store_set_actor (fixture->store, ben);
  kes_referral_set_text (fixture->referral, KES_REFERRAL_MENTAL_STATE, "Paranoid about staff since Tuesday.");
  g_assert_true (kes_store_save_referral (fixture->store, fixture->referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_referral_get_sign_state (fixture->referral), ==, KES_REFERRAL_ASSESSMENT_ALTERED);
  g_assert_true (kes_store_referral_alteration (fixture->store, fixture->referral, &by, &at, &error));
  g_assert_cmpstr (by, ==, "Ben Barn");
  g_assert_cmpstr (at, ==, "2026-11-22T14:30:00Z");

  document = kes_report_referral_assessment (fixture->store, kes_referral_get_id (fixture->referral), &error);
  g_assert_no_error (error);
  text = pdf_text (document, "referral-assessment-altered.pdf");
  assert_contains (text, "Altered after sign-off");
  assert_contains (text, "signed off by Dr Rhian Rook (Consultant forensic");
  assert_contains (text, "changed by Ben Barn on 22 Nov 2026 14:30");
  assert_contains (text, "must be signed off again");
  /* The altered text is printed, and never above a standing signature. */
  g_assert_null (strstr (text, "Assessment signed off in Kestrel by"));
  g_clear_object (&document);
  g_clear_pointer (&text, g_free);

  /* Signed again by Ben: his name and role, the alteration gone. */
  g_assert_true (kes_store_sign_referral_assessment (fixture->store, fixture->referral, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  document = kes_report_referral_assessment (fixture->store, kes_referral_get_id (fixture->referral), &error);
  text = pdf_text (document, "referral-assessment-signed-again.pdf");
  assert_contains (text, "Ben Barn");
  assert_contains (text, "CPN");
  g_assert_null (strstr (text, "Altered after sign-off"));
}

static void
test_inreach_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KesInreachVisit visit = { (char *) "2026-11-10", (char *) "Ash Ward", (char *) "Alice Adeyemi, ward nurse",
                            (char *) "Meet the ward team", (char *) "Agreed a leave plan", NULL };

  KesInreachVisit wrong = { (char *) "2026-11-12", (char *) "Elm Ward", NULL, (char *) "Visit recorded in error",
                            NULL, NULL };

  kes_referral_add_visit (fixture->referral, &visit);
  g_assert_true (kes_store_save_referral (fixture->store, fixture->referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_true (kes_store_save_inreach_visit (fixture->store, fixture->referral, -1, &wrong, NULL, &error));
  g_assert_true (kes_store_inreach_visit_entered_in_error (fixture->store, fixture->referral, 1, "Wrong patient",
                                                           &error));
  g_assert_no_error (error);
  kes_referral_set_readiness (fixture->referral, KES_READINESS_GP_REGISTRATION, KES_READINESS_IN_PROGRESS,
                              "Alice Adeyemi", "2026-12-01", "Practice asked for ID");
  kes_referral_set_readiness (fixture->referral, KES_READINESS_ACCOMMODATION, KES_READINESS_DONE,
                              "Housing officer", NULL, NULL);
  g_assert_true (kes_store_save_referral (fixture->store, fixture->referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  document = kes_report_inreach_plan (fixture->store, kes_referral_get_id (fixture->referral), &error);
  g_assert_no_error (error);
  text = pdf_text (document, "inreach-plan.pdf");
  assert_contains (text, "In-Reach Plan");
  assert_contains (text, "Meet the ward team");
  assert_contains (text, "Agreed a leave plan");
  assert_contains (text, "GP registration");
  assert_contains (text, "In progress");
  assert_contains (text, "1 Dec 2026");
  assert_contains (text, "Housing officer");
  assert_contains (text, "MAPPA notification");
  assert_contains (text, "1 of 10 items ready");
  /* A visit entered in error stays in the record, not in the plan. */
  g_assert_null (strstr (text, "Visit recorded in error"));
  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);
}

static void
test_pathway_report (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesPatient) other = add_patient (fixture->store, "Dunnock", "4010232137", "A");
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  /* Six accepted and five declined (category M), two accepted (category A). */
  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(KesReferral) referral = add_referral (fixture, i < 11 ? fixture->patient : other, "2026-03-06",
                                                      i % 2 ? "internal-ward" : "external-hospital",
                                                      i % 3 ? "suffolk" : "norfolk");
      move (fixture, referral, KES_REFERRAL_SCREENING, "2026-03-06", NULL);
      if (i >= 6 && i < 11)
        {
          move (fixture, referral, KES_REFERRAL_DECLINED, "2026-03-09", "Needs met by the ward");
          continue;
        }
      move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-03-06", NULL);
      move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-03-16", NULL);
      kes_core_test_sign_to_accept (fixture->store, referral, "2026-03-16");
      move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-03-16", NULL);
    }

  document = kes_report_pathway (fixture->store, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  text = pdf_text (document, "referral-pathway.pdf");
  assert_contains (text, "Referral Pathway Report");
  assert_contains (text, "calendar days");
  assert_contains (text, "External specialist");
  assert_contains (text, "Suffolk");
  assert_contains (text, "Black or Black British: Caribbean");
  /* Small numbers as the equality report protects them (NHS Digital's
   * rule, kes-disclosure.h), and the rule said. */
  assert_contains (text, "Small numbers are protected as NHS Digital does");
  assert_contains (text, "[c]");
  g_assert_null (strstr (text, "<5"));
  /* No patient is named in an aggregate report. */
  g_assert_null (strstr (text, "Wagtail"));
  g_assert_null (strstr (text, "WAGTAIL"));
  xml = kes_xml_render_bytes (document, &error);
  g_assert_no_error (error);

  csv = kes_report_pathway_csv (fixture->store, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  /* 13 referrals, 13 decided, 8 accepted (shown rounded: 15, 15, 10);
   * waits 3 (declines) and 10 days: median 10, p90 10 (13 values, enough
   * for a median); no discharges (a zero is hidden too). */
  assert_contains (csv, "table,group,received,decided,accepted,declined,redirected,median_days_to_decision,"
                        "p90_days_to_decision,discharged,median_days_to_discharge,p90_days_to_discharge\r\n");
  /* The 5 declined are hidden (1 to 7), and so are the no redirects. */
  assert_contains (csv, "all,all,15,15,10,*,*,10,10,*,–,–\r\n");
  assert_contains (csv, "month,2026-03,15,15,10,*,*,10,10,*,–,–\r\n");
  /* The old "<5" beside 11 gave White British's 2 away: 13 in all less 11.
   * Now the 2 is hidden, and the 11 with it ([c]), so no subtraction
   * finds it; the rates, beside hidden counts, are withheld. */
  assert_contains (csv, "ethnicity,A,White: British,*,*,*,–\r\n");
  assert_contains (csv, "ethnicity,M,Black or Black British: Caribbean,[c],*,*,–\r\n");
  g_assert_null (strstr (csv, ",11,"));
  g_assert_null (strstr (csv, ",13,"));

  /* A period that isn't one is refused plainly. */
  g_assert_null (kes_report_pathway_csv (fixture->store, "2026-04-01", "2026-03-01", &error));
  g_assert_nonnull (strstr (error->message, "is not a period"));
}

static void
test_needs_export_permission (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesStaff) carol = kes_test_account_titled (fixture->store, "carol", "Carol", "", "North", NULL, KES_TEST_ALL_ROLES);
  const char *roles[] = { KES_ROLE_LIAISON_DIVERSION, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true ((kes_test_set_role_list (fixture->store, carol, roles), TRUE));
  kes_store_set_actor (fixture->store, carol);
  g_assert_null (kes_report_pathway (fixture->store, "2026-01-01", "2026-12-31", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_report_inreach_plan (fixture->store, kes_referral_get_id (fixture->referral), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/referral-report/assessment", test_assessment_pdf_and_xml);
  ADD ("/referral-report/altered-after-sign-off", test_altered_after_sign_off);
  ADD ("/referral-report/inreach-plan", test_inreach_plan);
  ADD ("/referral-report/pathway", test_pathway_report);
  ADD ("/referral-report/needs-export", test_needs_export_permission);
#undef ADD
  return g_test_run ();
}
