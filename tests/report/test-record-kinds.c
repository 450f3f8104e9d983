/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-kinds"

#include "config.h"

#include <glib/gstdio.h>

#include "kes-care-record.h"
#include "kes-carers.h"
#include "kes-liaison.h"
#include "kes-moj-report.h"
#include "kes-moj.h"
#include "kes-record-export.h"
#include "kes-record-import.h"
#include "kes-report-error.h"
#include "kes-report-sar.h"
#include "kes-risk-assessment.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-community.h"
#include "kes-store-moj-private.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-store-staff.h"
#include "kes-test-pdf.h"
#include "kes-test-store.h"
#include "kes-xml-schema.h"
#include "kes-test-accounts.h"

/* The whole case record: a patient with a record of every kind Kestrel
 * keeps (kes_store_record_kinds()), some edited and one entered in error,
 * exported, imported into an empty database and exported again. */

typedef struct
{
  KesTestStore *store;
  char         *patient_id;
} Fixture;

static void
save_care (Fixture     *fixture,
           const char  *kind,
           char       **id,
           ...)
{
  g_autoptr(KesCareRecord) record = kes_care_record_new (kind);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *key;
  va_list args;

  kes_care_record_set_patient_id (record, fixture->patient_id);
  va_start (args, id);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  ok = kes_store_save_care_record (fixture->store->store, record, KES_CHANGE_CREATE, NULL,
                                             &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (id != NULL)
    *id = g_strdup (kes_care_record_get_id (record));
}

static KesMojRecord *
save_moj (Fixture    *fixture,
          KesMojKind  kind,
          ...)
{
  KesMojRecord *record = kes_moj_record_new (kind, fixture->patient_id);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *key;
  va_list args;

  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_moj_record_set_text (record, key, va_arg (args, const char *));
  va_end (args);
  /* Index offences of their own are history now (migration 0017 folded
   * them into the legal status record); written as an older Kestrel did. */
  if (kind == KES_MOJ_INDEX_OFFENCE)
    ok = kes_store_write_moj_record (fixture->store->store, record, KES_CHANGE_CREATE, NULL, &error);
  else
    ok = kes_store_save_moj_record (fixture->store->store, record, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return record;
}

static KesFieldRecord *
save_carer_kind (Fixture             *fixture,
                 const KesRecordKind *kind,
                 gboolean             for_patient,
                 ...)
{
  KesFieldRecord *record = kes_field_record_new (kind);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *key;
  va_list args;

  if (for_patient)
    kes_field_record_set_patient_id (record, fixture->patient_id);
  va_start (args, for_patient);
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (kes_record_kind_find_field (kind, key)->type == KES_FIELD_CODES)
        {
          g_auto(GStrv) codes = g_strsplit (value, " ", -1);

          kes_field_record_set_list (record, key, (const char * const *) codes);
        }
      else if (kes_record_kind_find_field (kind, key)->type == KES_FIELD_BOOL)
        kes_field_record_set_bool (record, key, g_str_equal (value, "yes"));
      else
        kes_field_record_set_text (record, key, value);
    }
  va_end (args);
  ok = kes_store_save_carer_record (fixture->store->store, record, KES_CHANGE_CREATE, NULL,
                                              &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  return record;
}

/* The patient comes from a liaison and diversion screening, so the
 * screening belongs with the record too. */
static void
add_patient_from_screening (Fixture *fixture)
{
  KesStore *store = fixture->store->store;
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesFieldRecord) loaded = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesTeam) north = kes_store_find_team (store, "North");
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *found[] = { "mental-health", "housing", NULL };

  kes_field_record_set_text (screening, "family_name", "O’Brien — café");
  kes_field_record_set_text (screening, "given_name", "Zoë");
  kes_field_record_set_text (screening, "birth_date", "1990-02-01");
  kes_field_record_set_text (screening, "nhs_number", "943 476 5919");
  kes_field_record_set_text (screening, "gender", "2");
  kes_field_record_set_text (screening, "ethnicity", "C");
  kes_field_record_set_text (screening, "address", "Flat 3, 14 Rue de la Paix Court\nNorwich");
  kes_field_record_set_text (screening, "postcode", "NR1 3SR");
  kes_field_record_set_text (screening, "screened_on", "2026-01-05");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_list (screening, "vulnerabilities", found);
  kes_field_record_set_text (screening, "outcome", "signposting");
  ok = kes_store_save_screening (store, screening, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  loaded = kes_store_load_screening (store, kes_field_record_get_id (screening), &error);
  g_assert_no_error (error);
  patient = kes_store_convert_screening (store, loaded, kes_team_get_id (north), &error);
  g_assert_no_error (error);
  fixture->patient_id = g_strdup (kes_patient_get_id (patient));

  /* ...and its referral onward to a service in the directory. */
  {
    g_autoptr(GPtrArray) services = kes_store_list_services (store, NULL, &error);
    g_autoptr(KesFieldRecord) onward = kes_onward_referral_new ();

    g_assert_no_error (error);
    kes_field_record_set_text (onward, "screening_id", kes_field_record_get_id (screening));
    kes_field_record_set_text (onward, "service_id", kes_field_record_get_id (services->pdata[0]));
    kes_field_record_set_text (onward, "referred_on", "2026-01-06");
    kes_field_record_set_text (onward, "reason", "Housing advice — “urgent”");
    ok = kes_store_save_onward_referral (store, onward, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
  /* ...and where she was signposted (issue 21). */
  {
    g_autoptr(KesFieldRecord) signposting = kes_signposting_new ();
    const char *given[] = { "leaflet", "other", NULL };

    kes_field_record_set_text (signposting, "source_id", kes_field_record_get_id (screening));
    kes_field_record_set_text (signposting, "organisation", "Café “Drop-in” — Norwich");
    kes_field_record_set_text (signposting, "signposted_on", "2026-01-06");
    kes_field_record_set_text (signposting, "signposted_by", kes_staff_get_id (kes_store_get_actor (store)));
    kes_field_record_set_list (signposting, "given", given);
    kes_field_record_set_text (signposting, "details", "A bus ticket & the map <b>not markup</b>");
    ok = kes_store_save_signposting (store, signposting, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
}

static void
add_referral (Fixture *fixture)
{
  KesStore *store = fixture->store->store;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  KesInreachVisit visit = { (char *) "2026-02-10", (char *) "Ash Ward, Fenland Secure Unit",
                            (char *) "Alice, the patient, ward nurse", (char *) "Meet and plan",
                            (char *) "Agreed a first leave to the flat", NULL };

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, fixture->patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-01-10");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation");
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, "09");
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, "Wounding (s20), 2019");
  ok = kes_store_save_referral (store, referral, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  loaded = kes_store_load_referral (store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  ok = kes_store_move_referral (store, loaded, KES_REFERRAL_SCREENING, "2026-01-12", NULL, NULL,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_object (&loaded);

  {
    static const char letter[] = "%PDF-1.4\n% a letter from the ward\n%%EOF\n";
    g_autoptr(GBytes) content = g_bytes_new_static (letter, sizeof letter - 1);
    g_autofree char *document_id = kes_store_add_referral_document (store, kes_referral_get_id (referral),
                                                                    "../Referral letter.pdf", content, 1,
                                                                    "Referral letter", &error);

    g_assert_no_error (error);
    g_assert_nonnull (document_id);
  }

  loaded = kes_store_load_referral (store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  kes_referral_add_visit (loaded, &visit);
  ok = kes_store_save_referral (store, loaded, KES_CHANGE_EDIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
add_risk (Fixture *fixture)
{
  g_autoptr(KesRiskAssessment) a = kes_risk_assessment_new (fixture->patient_id, "HCR-20", "3", 1);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  kes_risk_assessment_set_assessed_on (a, "2026-02-01");
  kes_risk_assessment_set_completed_by (a, "Dr Cara Clinic");
  kes_risk_assessment_set_field (a, "serious_harm", "L");
  kes_risk_assessment_set_field (a, "other_risks_detail", "Self-neglect when unwell.");
  ok = kes_store_save_risk_assessment (fixture->store->store, a, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
add_moj (Fixture *fixture)
{
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(KesMojRecord) offence = NULL;
  g_autoptr(KesMojRecord) condition = NULL;
  g_autoptr(KesMojRecord) address = NULL;
  g_autoptr(KesMojRecord) late = NULL;
  g_autoptr(KesMojRecord) application = NULL;
  g_autoptr(KesMojRecord) report = NULL;
  g_autoptr(KesMojRecord) incident = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  status = save_moj (fixture, KES_MOJ_LEGAL_STATUS, "authority", "09", "effective_date", "2025-06-02",
                     "court", "Norwich Crown Court", "conditional_discharge_date", "2025-06-02",
                     "discharged_by", "First-tier Tribunal",
                     "index_offences", "Wounding with intent, 14 Aug 2019, Norwich", NULL);
  offence = save_moj (fixture, KES_MOJ_INDEX_OFFENCE, "description", "Wounding with intent",
                      "offence_date", "2019-08-14", "place", "Norwich", NULL);
  condition = save_moj (fixture, KES_MOJ_CONDITION, "category", "residence",
                        "wording", "Reside at the approved address.", "start_date", "2025-06-02", NULL);
  address = save_moj (fixture, KES_MOJ_ADDRESS_NOTICE, "move_date", "2026-03-01",
                      "new_address", "2 Elm Hill, Norwich", NULL);
  late = save_moj (fixture, KES_MOJ_LATE_NOTICE, "due_date", "2026-03-02", "sent_date", "2026-02-25",
                   "reason", "The responsible clinician was on leave.", NULL);
  application = save_moj (fixture, KES_MOJ_CONDITIONS_APPLICATION, "application_date", "2026-04-01",
                          "proposed_changes", "Remove the curfew.", "reasons", "Settled for a year.", NULL);

  incident = save_moj (fixture, KES_MOJ_INCIDENT, "incident_date", "2026-04-10", "category", "breach",
                       "description", "Two nights away from the approved address.",
                       "action", "Seen at home; MHCS told.", "mhcs_told_date", "2026-04-10", NULL);

  report = kes_moj_report_new (fixture->patient_id, "moj-cd-report", "2024-10", KES_MOJ_REPORT_ROUTINE,
                               "2026-06-02");
  kes_moj_report_add_part (report, "A", KES_MOJ_SIGNER_SOCIAL);
  kes_moj_report_set_value (report, "B.recommendation", "Continue conditional discharge.");
  ok = kes_store_save_moj_record (fixture->store->store, report, KES_CHANGE_CREATE, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* An edit: a second revision. */
  kes_moj_record_set_text (status, "index_offences", "Wounding with intent, 14 Aug 2019, Norwich city centre");
  ok = kes_store_save_moj_record (fixture->store->store, status, KES_CHANGE_EDIT, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
add_care (Fixture *fixture)
{
  g_autofree char *script = NULL;
  g_autofree char *lithium = NULL;
  g_autofree char *crisis = NULL;

  save_care (fixture, KES_CARE_CARE_PLAN, NULL, "start_date", "2025-07-01",
             "needs", "Medication, housing support", "goals", "“Keep my flat.”",
             "interventions", "Fortnightly visits", "responsible", "Care coordinator",
             "review_date", "2026-07-01", "s117_status", "receiving", NULL);
  save_care (fixture, KES_CARE_CPA_REVIEW, NULL, "status", "validated", "scheduled_for", "2026-01-20",
             "held_on", "2026-01-20", "attendees", "Patient, care coordinator", "outcomes", "Plan continued",
             "validated_on", "2026-01-20", NULL);
  save_care (fixture, KES_CARE_CRISIS_PLAN, &crisis, "agreed_on", "2025-07-01", "review_date", "2026-01-01",
             "early_warning_signs", "Stops sleeping", "responds_to", "Sister, 01603 000000",
             "crisis_actions", "Call the team", "out_of_hours", "Crisis line",
             "contingency", "Duty worker visits", NULL);
  save_care (fixture, KES_CARE_CRISIS_PLAN_SHARE, NULL, "plan_id", crisis, "plan_revision", "1",
             "shared_with", "Norfolk crisis resolution and home treatment team", "method", "secure-email",
             "shared_on", "2025-07-02", NULL);
  save_care (fixture, KES_CARE_PRESCRIPTION, &script, "drug", "Clozapine", "category", "clozapine",
             "dose", "300 mg", "route", "oral", "frequency", "at night", "prescriber", "Dr Demo",
             "start_date", "2024-01-10", NULL);
  save_care (fixture, KES_CARE_PRESCRIPTION, &lithium, "drug", "Flupentixol decanoate", "category", "depot",
             "depot_drug", "flupentixol-decanoate", "dose", "40 mg", "route", "IM", "interval_days", "14",
             "prescriber", "Dr Demo", "start_date", "2025-01-10", NULL);
  save_care (fixture, KES_CARE_DEPOT_DOSE, NULL, "prescription_id", lithium, "given_on", "2026-02-01",
             "outcome", "given", "dose", "40 mg", "site", "deltoid",
             "batch", "FD-2026-114", "given_by", "Nurse Demo", NULL);
  save_care (fixture, KES_CARE_FBC, NULL, "taken_on", "2026-02-02", "wbc", "6.2", "neutrophils", "3.9",
             "service_light", "green", NULL);
  save_care (fixture, KES_CARE_LITHIUM_LEVEL, NULL, "taken_on", "2026-02-03", "level", "0.7", NULL);
  save_care (fixture, KES_CARE_PHYSICAL_HEALTH, NULL, "taken_on", "2026-02-04", "weight_kg", "88",
             "height_cm", "176", "systolic", "128", "diastolic", "82", "prolactin", "420", "egfr", "86",
             "ue_done", "true", NULL);
  save_care (fixture, KES_CARE_CLOZAPINE_MONITORING, NULL, "decided_on", "2024-01-05", "monitoring_service",
             "ztas", "thresholds", "ben", "decided_by", "Dr Demo, consultant",
             "reason", "Haematology review; registered under BEN criteria", NULL);
  save_care (fixture, KES_CARE_CLOZAPINE_NO_RECHALLENGE, NULL, "decided_on", "2026-02-05",
             "decided_by", "Dr Demo, consultant", "reason", "Myocarditis, February 2026", NULL);
  save_care (fixture, KES_CARE_LITHIUM_PLAN, NULL, "decided_on", "2025-06-01", "target_range", "higher",
             "decided_by", "Dr Demo, consultant", "reason", "Relapsed at 0.6 to 0.8",
             "interacting_drugs", "true", NULL);
}

static void
add_carers (Fixture *fixture)
{
  KesStore *store = fixture->store->store;
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(KesFieldRecord) link = NULL;
  g_autoptr(KesFieldRecord) consent = NULL;
  g_autoptr(KesFieldRecord) share = NULL;
  g_autoptr(KesFieldRecord) assessment = NULL;
  g_autoptr(KesFieldRecord) involvement = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  const char *carer_id;

  carer = save_carer_kind (fixture, &kes_carer_kind, FALSE, "name", "Siobhán O’Brien",
                           "phone", "01603 000000", "preferred_contact", "phone",
                           "named_contact_id", kes_staff_get_id (fixture->store->alice), NULL);
  carer_id = kes_field_record_get_id (carer);
  link = save_carer_kind (fixture, &kes_carer_link_kind, TRUE, "carer_id", carer_id,
                          "relationship", "Sister", "main_carer", "yes", NULL);
  consent = save_carer_kind (fixture, &kes_carer_consent_kind, TRUE, "carer_id", carer_id,
                             "status", "given", "scope", "medication appointments",
                             "decided_on", "2026-01-03", "review_date", "2027-01-03", NULL);
  share = save_carer_kind (fixture, &kes_carer_share_kind, TRUE, "carer_id", carer_id,
                           "shared_on", "2026-01-20", "categories", "medication",
                           "summary", "Explained the change of depot.", NULL);
  assessment = save_carer_kind (fixture, &kes_carer_assessment_kind, FALSE, "carer_id", carer_id,
                                "status", "offered", "offered_on", "2026-01-21", NULL);
  involvement = save_carer_kind (fixture, &kes_carer_involvement_kind, FALSE, "carer_id", carer_id,
                                 "occurred_on", "2026-01-22", "involvement", "cpa-review",
                                 "summary", "Came to the CPA review.", NULL);

  /* One entered in error, with its reason. */
  ok = kes_store_mark_entered_in_error (store, kes_field_record_get_id (share),
                                                  kes_field_record_get_revision (share),
                                                  "Recorded against the wrong carer", &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static Fixture *
fixture_new (void)
{
  Fixture *fixture = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  fixture->store = kes_test_store_new_empty ();
  fixture->store->alice = kes_test_account_titled (fixture->store->store, "alice", "Alice Adeyemi", "Care coordinator", "North",
                                                   "01603 000 111", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store->store, fixture->store->alice);

  add_patient_from_screening (fixture);
  add_referral (fixture);
  add_risk (fixture);
  add_moj (fixture);
  add_care (fixture);
  add_carers (fixture);

  return fixture;
}

static void
fixture_free (Fixture *fixture)
{
  kes_test_store_free (fixture->store);
  g_free (fixture->patient_id);
  g_free (fixture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

static GBytes *
export_patient (KesStore   *store,
                const char *patient_id)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml;

  kes_test_set_now ("2026-11-23T09:00:00Z");
  xml = kes_record_export_bytes (store, patient_id, &error);
  g_assert_no_error (error);

  return xml;
}

static guint
count (GBytes     *xml,
       const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Every kind is there, the file validates, and export → import into an
 * empty database → export gives the same bytes; each kind's list is
 * rebuilt in the new database. */
static void
test_every_kind_round_trip (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) first = export_patient (fixture->store->store, fixture->patient_id);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *kinds = kes_store_record_kinds ();
  KesRecordImportSummary summary = { 0 };
  gboolean ok;

  g_assert_true (kes_xml_validate_memory (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                          KES_SCHEMA_RECORD, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count (first, "version=\"2\""), ==, 1);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *needle = g_strdup_printf ("<entry kind=\"%s\"", kinds[i]);

      if (count (first, needle) == 0)
        g_error ("no %s in the case record", kinds[i]);
    }
  g_assert_cmpuint (count (first, "change=\"entered-in-error\""), ==, 1);

  archive = kes_record_archive_read_bytes (first, NULL, &error);
  g_assert_no_error (error);
  ok = kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_DEFAULT, &summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (summary.patient_id, ==, fixture->patient_id);
  kes_record_import_summary_clear (&summary);

  second = export_patient (target->store, fixture->patient_id);
  g_assert_cmpuint (g_bytes_get_size (first), ==, g_bytes_get_size (second));
  g_assert_true (g_bytes_equal (first, second));

  /* The projections were rebuilt the way the store builds them. */
  referrals = kes_store_list_referrals (target->store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (referrals->len, ==, 1);
  links = kes_store_list_carer_records (target->store, &kes_carer_link_kind, NULL, fixture->patient_id,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  records = kes_store_list_carer_records (target->store, &kes_carer_share_kind, NULL,
                                          fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0); /* entered in error */
}

/* The subject access export holds every kind too: in the PDF, counted in
 * the manifest, and the referral's letter written beside them. */
static void
test_subject_access (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autofree char *folder = g_build_filename (fixture->store->dir, "sar", NULL);
  g_autofree char *manifest_path = g_build_filename (folder, KES_SAR_MANIFEST_NAME, NULL);
  g_autofree char *letter_path = g_build_filename (folder, "letters", "01-Referral_letter.pdf", NULL);
  g_autofree char *pdf_path = g_build_filename (folder, KES_SAR_PDF_NAME, NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  gsize length;
  gboolean ok;

  kes_test_set_now ("2026-11-23T09:00:00Z");
  ok = kes_report_subject_access_export (fixture->store->store, fixture->patient_id, folder, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  g_assert_nonnull (strstr (manifest, "Referrals, their pathway and in-reach visits: 1 (0 entered in error)"));
  /* No one reviewed the third parties (an export with no decisions): the
   * carer's own records are withheld, and the manifest says so and why. */
  g_assert_null (strstr (manifest, "Information shared with carers:"));
  g_assert_nonnull (strstr (manifest, "Third-party information"));
  g_assert_nonnull (strstr (manifest, "Withheld: Siobhán O’Brien (carer)"));
  g_assert_nonnull (strstr (manifest, "Reason: Withheld: no one reviewed it before this export"));
  g_assert_nonnull (strstr (manifest, "Index offences: 1 (0 entered in error), with 1 revisions."));
  /* The referral's legal status and index offence made a legal status record. */
  g_assert_nonnull (strstr (manifest, "Legal status: 2 (0 entered in error), with 3 revisions."));
  g_assert_nonnull (strstr (manifest, "1 letter attached to a referral"));
  g_assert_nonnull (strstr (manifest, "letters/01-Referral_letter.pdf\n"));
  g_assert_true (g_file_get_contents (letter_path, &letter, NULL, NULL));
  g_assert_true (g_str_has_prefix (letter, "%PDF-1.4"));

  g_assert_true (g_file_get_contents (pdf_path, &pdf, &length, NULL));
  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&pdf), length);

    document = kes_test_pdf_open (bytes);
  }
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autofree char *page = kes_test_pdf_page_text (document, i);

      g_string_append (text, page);
    }
  g_assert_nonnull (strstr (text->str, "Other records"));
  g_assert_nonnull (strstr (text->str, "Liaison and diversion screenings"));
  g_assert_nonnull (strstr (text->str, "Ministry of Justice reports"));
  /* The withheld carer is nowhere in the disclosure. */
  g_assert_null (strstr (text->str, "Siobhán"));
  g_object_unref (document);

  /* The fixture removes only its own folder's files. */
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
    g_autofree char *letters = g_path_get_dirname (letter_path);
    const char *name;

    g_unlink (letter_path);
    g_rmdir (letters);
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (folder, name, NULL);

        g_unlink (path);
      }
    g_rmdir (folder);
  }
}

/* A file whose entry claims another patient, or a kind Kestrel does not
 * know, is refused whole. */
static void
test_hostile_entries (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GBytes) xml = export_patient (fixture->store->store, fixture->patient_id);
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autofree char *attribute = g_strdup_printf ("patient=\"%s\"", fixture->patient_id);
  const char *cases[][2] = {
    { attribute, "patient=\"0b9a3e37-5d44-4a6e-9d3c-2f1f4c1f7a11\"" },
    { "kind=\"referral\"", "kind=\"tea-order\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
      g_autoptr(GString) bad = g_string_new (text);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KesRecordArchive) archive = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (g_string_replace (bad, cases[i][0], cases[i][1], 1), ==, 1);
      bytes = g_bytes_new (bad->str, bad->len);
      archive = kes_record_archive_read_bytes (bytes, NULL, &error);
      if (archive != NULL)
        {
          /* Valid XML that the store refuses: nothing written either way. */
          g_assert_false (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_DEFAULT,
                                                     NULL, &error));
        }
      g_assert_nonnull (error);
      g_assert_cmpuint (kes_store_count_patients (target->store), ==, 0);
      g_assert_cmpuint (kes_store_count_staff (target->store), ==, 2); /* the test administrator and the importer */
    }
}

/* Deep nesting inside an entry's data is refused by the safe reader's
 * depth limit before anything could be applied. */
static void
test_deep_entry (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(GBytes) xml = export_patient (fixture->store->store, fixture->patient_id);
  g_autoptr(GString) bad = g_string_new_len (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry = strstr (bad->str, "<entry ");
  const char *data;
  gint64 start;

  g_assert_nonnull (entry);
  data = strstr (entry, "<data>");
  g_assert_nonnull (data);
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "<object name=\"x\">");
  for (guint i = 0; i < 5000; i++)
    g_string_append (deep, "</object>");
  g_string_insert (bad, data - bad->str + strlen ("<data>"), deep->str);

  bytes = g_bytes_new (bad->str, bad->len);
  start = g_get_monotonic_time ();
  archive = kes_record_archive_read_bytes (bytes, NULL, &error);
  g_assert_null (archive);
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "nested") != NULL);
  g_test_message ("refused in %.1f ms: %s", (g_get_monotonic_time () - start) / 1e3, error->message);
}

/* A record of another kind meets its own form's rules on import too: a
 * referral for an area the pathway does not know is refused, naming the
 * referral and the problem, and nothing is written. */
static void
test_other_kind_rules (void)
{
  g_autoptr(Fixture) fixture = fixture_new ();
  g_autoptr(KesTestStore) target = kes_test_store_new_empty ();
  g_autoptr(GBytes) first = export_patient (fixture->store->store, fixture->patient_id);
  g_autofree char *text = g_strndup (g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  g_autoptr(GRegex) area = g_regex_new ("<text name=\"area\">[^<]*</text>", 0, 0, NULL);
  g_autofree char *edited = g_regex_replace_literal (area, text, -1, 0,
                                                     "<text name=\"area\">atlantis</text>", 0,
                                                     NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (edited, strlen (edited));
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(GError) error = NULL;
  guint before = kes_store_count_patients (target->store);

  g_assert_cmpstr (edited, !=, text);
  archive = kes_record_archive_read_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (kes_record_import_archive (target->store, archive, KES_RECORD_IMPORT_DEFAULT,
                                             NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "of referral "));
  g_assert_nonnull (strstr (error->message, "atlantis"));
  g_assert_cmpuint (kes_store_count_patients (target->store), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record/kinds/round-trip", test_every_kind_round_trip);
  g_test_add_func ("/record/kinds/other-kind-rules", test_other_kind_rules);
  g_test_add_func ("/record/kinds/subject-access", test_subject_access);
  g_test_add_func ("/record/kinds/hostile-entries", test_hostile_entries);
  g_test_add_func ("/record/kinds/deep-entry", test_deep_entry);

  return g_test_run ();
}
