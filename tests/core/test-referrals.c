/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-core-test-util.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-referral-stats.h"
#include "kes-store-due.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-risk.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"

typedef struct
{
  KesStore   *store;
  KesStaff   *alice;
  KesPatient *patient;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static KesPatient *
add_patient (KesStore   *store,
             const char *family,
             const char *birth,
             const char *ethnicity)
{
  g_autoptr(GError) error = NULL;
  KesPatient *patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, birth);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  if (g_strcmp0 (birth, "2008-11-21") > 0)
    kes_patient_set_text (patient, KES_PATIENT_AGE_OVERRIDE_REASON, "Referred ahead of transition to adult services");
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return patient;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-21T09:00:00Z");
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->store, fixture->alice);
  fixture->patient = add_patient (fixture->store, "Wagtail", "1980-03-14", "M");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->patient);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

static KesReferral *
make_referral (KesPatient *patient,
               const char *date)
{
  KesReferral *referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, date);
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook, consultant forensic psychiatrist");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward, Fenland Secure Unit");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge to supported accommodation");
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, "09");
  kes_referral_set_text (referral, KES_REFERRAL_INDEX_OFFENCE, "Wounding (s20), 2019");
  return referral;
}

static guint
count_referrals (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kes_store_list_referrals (fixture->store, NULL, FALSE, &error);

  g_assert_no_error (error);
  return all->len;
}

static void
move (Fixture          *fixture,
      KesReferral      *referral,
      KesReferralStage  to,
      const char       *date,
      const char       *reason)
{
  g_autoptr(GError) error = NULL;

  if (to == KES_REFERRAL_ACCEPTED)
    kes_core_test_sign_to_accept (fixture->store, referral, kes_referral_get_stage_date (referral));

  g_assert_true (kes_store_move_referral (fixture->store, referral, to, date, reason, NULL,
                                          to == KES_REFERRAL_TRANSFERRED ? KES_REFERRAL_TRANSFER_PRIMARY_CARE : NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, to);
}

/* ---- The state machine ---- */

/* Written out independently of the table in kes-referral-pathway.c: the
 * legal moves, as "from>to". */
static const char *const legal_moves[] = {
  "received>screening", "received>declined", "received>redirected", "received>closed",
  "screening>assessment-booked", "screening>declined", "screening>redirected", "screening>closed",
  "assessment-booked>assessed", "assessment-booked>closed",
  "assessed>accepted", "assessed>declined",
  "accepted>in-reach", "accepted>closed",
  "declined>closed",
  "in-reach>discharged", "in-reach>closed",
  "discharged>transferred", "discharged>absolutely-discharged", "discharged>closed",
  "transferred>closed",
  "absolutely-discharged>closed",
  "redirected>closed",
  "closed>received",
  NULL, /* g_strv_contains() reads up to here */
};

static void
test_every_transition (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  guint legal = 0;

  for (KesReferralStage from = 0; from < KES_REFERRAL_N_STAGES; from++)
    for (KesReferralStage to = 0; to < KES_REFERRAL_N_STAGES; to++)
      {
        g_autofree char *name = g_strdup_printf ("%s>%s", kes_referral_stage_to_string (from),
                                                 kes_referral_stage_to_string (to));
        gboolean expected = g_strv_contains ((const char * const *) legal_moves, name);
        const KesReferralStage *next;
        guint n_next, offered = 0;
        g_autoptr(GError) error = NULL;
        gboolean ok;

        g_assert_cmpint (kes_referral_stage_can_move (from, to), ==, expected);
        next = kes_referral_stage_next (from, &n_next);
        for (guint i = 0; i < n_next; i++)
          offered += next[i] == to;
        g_assert_cmpuint (offered, ==, expected ? 1 : 0);

        ok = kes_referral_check_move (from, to, "2026-11-20", "2026-11-01", today,
                                      "a reason", KES_REFERRAL_TRANSFER_RECOVERY_TEAM, &error);
        g_assert_cmpint (ok, ==, expected);
        if (expected)
          {
            g_assert_no_error (error);
            legal++;
          }
        else
          {
            g_autofree char *message = g_strdup_printf ("A referral can’t move from “%s” to “%s”",
                                                        kes_referral_stage_label (from),
                                                        kes_referral_stage_label (to));
            g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
            g_assert_cmpstr (error->message, ==, message);
          }
      }
  g_assert_cmpuint (legal, ==, G_N_ELEMENTS (legal_moves) - 1);
}

static void
test_stage_names (void)
{
  for (KesReferralStage stage = 0; stage < KES_REFERRAL_N_STAGES; stage++)
    {
      KesReferralStage back;

      g_assert_true (kes_referral_stage_from_string (kes_referral_stage_to_string (stage), &back));
      g_assert_cmpint (back, ==, stage);
      g_assert_cmpstr (kes_referral_stage_label (stage), !=, "");
    }
  g_assert_false (kes_referral_stage_from_string ("limbo", &(KesReferralStage) { 0 }));
  g_assert_true (kes_referral_stage_is_open (KES_REFERRAL_IN_REACH));
  g_assert_false (kes_referral_stage_is_open (KES_REFERRAL_DECLINED));
  g_assert_false (kes_referral_stage_is_open (KES_REFERRAL_CLOSED));
}

static void
test_move_rules (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GError) error = NULL;

  /* Dates can't go backwards; the same day is fine. */
  g_assert_false (kes_referral_check_move (KES_REFERRAL_RECEIVED, KES_REFERRAL_SCREENING,
                                           "2026-10-31", "2026-11-01", today, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "dates on the pathway can’t go backwards"));
  g_clear_error (&error);
  g_assert_true (kes_referral_check_move (KES_REFERRAL_RECEIVED, KES_REFERRAL_SCREENING,
                                          "2026-11-01", "2026-11-01", today, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Not in the future, and a real date. */
  g_assert_false (kes_referral_check_move (KES_REFERRAL_RECEIVED, KES_REFERRAL_SCREENING,
                                           "2026-11-22", "2026-11-01", today, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "in the future"));
  g_clear_error (&error);
  g_assert_false (kes_referral_check_move (KES_REFERRAL_RECEIVED, KES_REFERRAL_SCREENING,
                                           "31/02/2026", "2026-11-01", today, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Date of the move to “Screening” is missing or not a real date (write it as 21/11/2026)");
  g_clear_error (&error);

  /* Reasons: decline, close, reopen. */
  g_assert_false (kes_referral_check_move (KES_REFERRAL_ASSESSED, KES_REFERRAL_DECLINED,
                                           "2026-11-20", NULL, today, "  ", NULL, &error));
  g_assert_cmpstr (error->message, ==, "Declining a referral needs a reason");
  g_clear_error (&error);
  g_assert_false (kes_referral_check_move (KES_REFERRAL_IN_REACH, KES_REFERRAL_CLOSED,
                                           "2026-11-20", NULL, today, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Closing a referral needs a reason");
  g_clear_error (&error);
  g_assert_false (kes_referral_check_move (KES_REFERRAL_CLOSED, KES_REFERRAL_RECEIVED,
                                           "2026-11-20", NULL, today, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Reopening a referral needs a reason");
  g_clear_error (&error);
  g_assert_true (kes_referral_move_needs_reason (KES_REFERRAL_SCREENING, KES_REFERRAL_DECLINED));
  g_assert_false (kes_referral_move_needs_reason (KES_REFERRAL_ASSESSED, KES_REFERRAL_ACCEPTED));

  /* A transfer names where to. */
  g_assert_false (kes_referral_check_move (KES_REFERRAL_DISCHARGED, KES_REFERRAL_TRANSFERRED,
                                           "2026-11-20", NULL, today, NULL, "somewhere", &error));
  g_assert_cmpstr (error->message, ==, "A transfer needs a destination: the adult recovery team or primary care");
  g_clear_error (&error);
  g_assert_true (kes_referral_check_move (KES_REFERRAL_DISCHARGED, KES_REFERRAL_TRANSFERRED,
                                          "2026-11-20", NULL, today, NULL,
                                          KES_REFERRAL_TRANSFER_RECOVERY_TEAM, &error));
  g_assert_no_error (error);
}

/* ---- Saving referrals ---- */

static void
test_create_and_load (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GError) error = NULL;
  KesReferralStep *first;

  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, "2027-02-01");
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kes_referral_get_id (referral));
  g_assert_cmpint (kes_referral_get_revision (referral), ==, 1);

  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_UNIT), ==, "Ash Ward, Fenland Secure Unit");
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_EXPECTED_DISCHARGE), ==, "2027-02-01");
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_PATIENT_ID), ==,
                   kes_patient_get_id (fixture->patient));
  g_assert_cmpint (kes_referral_get_stage (loaded), ==, KES_REFERRAL_RECEIVED);
  g_assert_cmpuint (kes_referral_get_steps (loaded)->len, ==, 1);
  first = g_ptr_array_index (kes_referral_get_steps (loaded), 0);
  g_assert_cmpstr (first->date, ==, "2026-11-02");
  g_assert_cmpstr (first->by_id, ==, kes_staff_get_id (fixture->alice));
  g_assert_cmpstr (first->by_name, ==, "Alice Adeyemi");
  g_assert_cmpstr (first->recorded_at, ==, "2026-11-21T09:00:00Z");
  /* 2 Nov (a Monday) to 21 Nov: calendar days, weekends included. */
  g_assert_cmpint (kes_referral_days_in_stage (loaded, today), ==, 19);
}

static void
test_refusals_save_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(GError) error = NULL;

  /* An unknown area. */
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "atlantis");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Area “atlantis” is not one of the catchment areas");
  g_clear_error (&error);
  g_assert_cmpuint (count_referrals (fixture), ==, 0);
  /* What was typed is kept, and no step was added. */
  g_assert_cmpstr (kes_referral_get_text (referral, KES_REFERRAL_AREA), ==, "atlantis");
  g_assert_cmpuint (kes_referral_get_steps (referral)->len, ==, 0);
  g_assert_null (kes_referral_get_id (referral));

  /* No area at all. */
  kes_referral_set_text (referral, KES_REFERRAL_AREA, NULL);
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Area is required: where the person will live after discharge");
  g_clear_error (&error);

  /* An expected discharge before the referral date. */
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "suffolk");
  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, "2026-10-30");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Expected discharge date 2026-10-30 is before the referral date 2026-11-02");
  g_clear_error (&error);
  g_assert_cmpuint (count_referrals (fixture), ==, 0);

  /* A referral date in the future, a missing reason, an unknown level. */
  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, NULL);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-12-01");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, " ");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "maximum");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Referral date 2026-12-01 is in the future\n"
                   "Security level “maximum” is not a known level: use low, medium or high secure\n"
                   "Reason for referral is required");
  g_clear_error (&error);
  g_assert_cmpuint (count_referrals (fixture), ==, 0);
}

static void
test_declined_needs_reason (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-11-03", NULL);
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_DECLINED,
                                           "2026-11-04", "", "GP and local CMHT", NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Declining a referral needs a reason");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_SCREENING);
  g_assert_cmpint (kes_referral_get_revision (referral), ==, 2);
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_cmpint (kes_referral_get_stage (loaded), ==, KES_REFERRAL_SCREENING);
  g_assert_cmpint (kes_referral_get_revision (loaded), ==, 2);

  /* With a reason, the signposting is recorded with it. */
  g_assert_true (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_DECLINED,
                                          "2026-11-04", "Not in a secure service",
                                          "GP and local CMHT", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  {
    KesReferralStep *last = g_ptr_array_index (kes_referral_get_steps (loaded), 2);
    g_assert_cmpint (last->stage, ==, KES_REFERRAL_DECLINED);
    g_assert_cmpstr (last->reason, ==, "Not in a secure service");
    g_assert_cmpstr (last->signposting, ==, "GP and local CMHT");
    g_assert_cmpstr (last->by_name, ==, "Alice Adeyemi");
  }
  /* A declined referral is no longer open. */
  {
    g_autoptr(GPtrArray) open = kes_store_list_referrals (fixture->store, NULL, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (open->len, ==, 0);
  }
}

static void
test_whole_pathway_and_reopen (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-01-09");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  KesReferralStep *step;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-01-12", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-01-12", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-01-30", NULL);

  /* A step dated before the previous one is refused and nothing is saved. */
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ACCEPTED,
                                           "2026-01-29", NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "can’t go backwards"));
  g_clear_error (&error);
  g_assert_cmpuint (kes_referral_get_steps (referral)->len, ==, 4);

  /* An illegal move is refused too. */
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_DISCHARGED,
                                           "2026-02-01", NULL, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "A referral can’t move from “Assessed” to “Discharged to community”");
  g_clear_error (&error);

  move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-02-02", NULL);
  move (fixture, referral, KES_REFERRAL_IN_REACH, "2026-02-10", NULL);
  move (fixture, referral, KES_REFERRAL_DISCHARGED, "2026-06-01", NULL);
  move (fixture, referral, KES_REFERRAL_TRANSFERRED, "2026-09-01", NULL);
  move (fixture, referral, KES_REFERRAL_CLOSED, "2026-09-02", "Transfer complete");
  move (fixture, referral, KES_REFERRAL_RECEIVED, "2026-10-05", "Readmitted; new referral from the ward");
  g_assert_true (kes_referral_stage_is_open (kes_referral_get_stage (referral)));

  /* A stale copy can't move the referral (no lost updates). */
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_referral_get_steps (loaded)->len, ==, 10);
  step = g_ptr_array_index (kes_referral_get_steps (loaded), 7);
  g_assert_cmpstr (step->destination, ==, KES_REFERRAL_TRANSFER_PRIMARY_CARE);
  step = g_ptr_array_index (kes_referral_get_steps (loaded), 9);
  g_assert_cmpint (step->stage, ==, KES_REFERRAL_RECEIVED);
  g_assert_cmpstr (step->reason, ==, "Readmitted; new referral from the ward");
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-10-06", NULL);
  g_assert_false (kes_store_move_referral (fixture->store, loaded, KES_REFERRAL_SCREENING,
                                           "2026-10-06", NULL, NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Every step is a revision, as is the assessment's sign-off before the
   * acceptance: the history is all there. */
  revisions = kes_store_list_revisions (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 12);
}

static void
test_eligibility_override (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesPatient) young = add_patient (fixture->store, "Dunnock", "2009-01-01", "A");
  g_autoptr(KesReferral) referral = make_referral (young, "2026-11-02");
  g_autoptr(KesCatchment) catchment = kes_store_get_catchment (fixture->store, NULL);
  g_autoptr(KesStaff) manager = NULL;
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  const char *managing[] = { KES_ROLE_CLINICIAN, KES_ROLE_TEAM_MANAGER, NULL };

  /* Aged 17, outside the catchment, not an inpatient: three warnings. */
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "other");
  kes_referral_set_inpatient (referral, FALSE);
  warnings = kes_referral_check_eligibility (referral, "2009-01-01", catchment);
  g_assert_cmpuint (warnings->len, ==, 3);
  g_assert_cmpstr (((KesIssue *) warnings->pdata[0])->field, ==, "inpatient");
  g_assert_cmpstr (((KesIssue *) warnings->pdata[1])->message, ==,
                   "Aged 17 on the referral date: the service is for adults aged 18 or over");
  g_assert_cmpstr (((KesIssue *) warnings->pdata[2])->message, ==,
                   "Area “Elsewhere (outside the catchment)” is outside the team’s catchment");
  g_assert_cmpint (((KesIssue *) warnings->pdata[2])->severity, ==, KES_ISSUE_WARNING);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Turning 18 on the referral date is eligible; the day before is not. */
  kes_referral_set_inpatient (referral, TRUE);
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "cambs-peterborough");
  warnings = kes_referral_check_eligibility (referral, "2008-11-02", catchment);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);
  warnings = kes_referral_check_eligibility (referral, "2008-11-03", catchment);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* Recorded all the same: an ineligible referral is received like any other. */
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_referrals (fixture), ==, 1);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_RECEIVED);
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-11-03", NULL);

  /* Booking the assessment accepts it as eligible: without a reason that
   * is refused, saying why and what can be done. */
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-04",
                                           NULL, NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "This referral does not meet the criteria:\n"
                   "Aged 17 on the referral date: the service is for adults aged 18 or over\n"
                   "Decline or redirect it, or a team manager can accept it for assessment with a recorded reason.");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_SCREENING);

  /* A clinician can't accept it, even with a reason. (Roles set while no one has any.) */
  manager = kes_test_account_titled (fixture->store, "maya", "Maya Manager", "Team manager", "North", NULL, KES_TEST_ALL_ROLES);
  g_assert_true ((kes_test_set_role_list (fixture->store, manager, managing), TRUE));
  g_assert_true ((kes_test_set_role_list (fixture->store, fixture->alice, clinician), TRUE));
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-04",
                                           "Turns 18 before discharge; agreed at panel", NULL, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==,
                   "Clinicians can’t override a failed referral eligibility check: ask a team manager");
  g_clear_error (&error);
  g_assert_cmpstr (kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_BY), ==, "");
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_SCREENING);

  /* A team manager can, and the decision records who, when and why. */
  kes_store_set_actor (fixture->store, manager);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-04", "Turns 18 before discharge; agreed at panel");
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_OVERRIDE_REASON), ==,
                   "Turns 18 before discharge; agreed at panel");
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_OVERRIDE_BY), ==, kes_staff_get_id (manager));
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_OVERRIDE_AT), ==, "2026-11-21T09:00:00Z");

  /* The clinician may go on editing and moving it: the decision stands. */
  kes_store_set_actor (fixture->store, fixture->alice);
  move (fixture, loaded, KES_REFERRAL_ASSESSED, "2026-11-05", NULL);
  kes_referral_set_text (loaded, KES_REFERRAL_UNIT, "Birch Ward");
  g_assert_true (kes_store_save_referral (fixture->store, loaded, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  /* An override typed in with a new referral is a manager's too. */
  g_clear_object (&referral);
  referral = make_referral (young, "2026-11-02");
  kes_referral_set_text (referral, KES_REFERRAL_OVERRIDE_REASON, "Agreed at panel");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpuint (count_referrals (fixture), ==, 1);
}

/* Issue 21: an out-of-area referral is recorded, then declined or
 * redirected with a reason, and each decision counts in the figures. */
static void
test_ineligible_recorded_and_decided (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(KesReferral) declined = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(KesReferral) redirected = make_referral (fixture->patient, "2026-11-09");
  g_autoptr(KesReferral) reloaded = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) by_ethnicity = NULL;
  g_autoptr(GError) error = NULL;
  KesReferralStatsRow *row;
  KesReferralStep *step;

  kes_referral_set_text (declined, KES_REFERRAL_AREA, "other");
  kes_referral_set_text (redirected, KES_REFERRAL_AREA, "other");
  g_assert_true (kes_store_save_referral (fixture->store, declined, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_save_referral (fixture->store, redirected, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* Declined on receipt, with its reason and where the referrer was pointed. */
  g_assert_false (kes_store_move_referral (fixture->store, declined, KES_REFERRAL_DECLINED, "2026-11-03",
                                           " ", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Declining a referral needs a reason");
  g_clear_error (&error);
  g_assert_true (kes_store_move_referral (fixture->store, declined, KES_REFERRAL_DECLINED, "2026-11-03",
                                          "Lives in Essex: outside the catchment", "Essex forensic community team",
                                          NULL, &error));
  g_assert_no_error (error);

  /* A redirect needs a reason and the service it goes to. */
  g_assert_false (kes_store_move_referral (fixture->store, redirected, KES_REFERRAL_REDIRECTED, "2026-11-10",
                                           "Outside the catchment", NULL, "  ", &error));
  g_assert_cmpstr (error->message, ==, "A redirect needs the service the referral was sent on to");
  g_clear_error (&error);
  g_assert_false (kes_store_move_referral (fixture->store, redirected, KES_REFERRAL_REDIRECTED, "2026-11-10",
                                           NULL, NULL, "Essex forensic community team", &error));
  g_assert_cmpstr (error->message, ==, "Redirecting a referral needs a reason: why another service should take it");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_stage (redirected), ==, KES_REFERRAL_RECEIVED);
  g_assert_true (kes_store_move_referral (fixture->store, redirected, KES_REFERRAL_REDIRECTED, "2026-11-10",
                                          "Outside the catchment", NULL, " Essex forensic community team ", &error));
  g_assert_no_error (error);
  reloaded = kes_store_load_referral (fixture->store, kes_referral_get_id (redirected), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_referral_get_stage (reloaded), ==, KES_REFERRAL_REDIRECTED);
  g_assert_false (kes_referral_stage_is_open (KES_REFERRAL_REDIRECTED));
  step = g_ptr_array_index (kes_referral_get_steps (reloaded), 1);
  g_assert_cmpstr (step->destination, ==, "Essex forensic community team");
  g_assert_cmpstr (step->reason, ==, "Outside the catchment");

  /* Both count: received, decided, one declined and one redirected, none
   * accepted; the waits are 1 and 1 calendar days. */
  episodes = kes_store_referral_episodes (fixture->store, &error);
  g_assert_no_error (error);
  rows = kes_referral_stats_compute (episodes, "2026-11-01", "2026-11-30", KES_REFERRAL_GROUP_AREA);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->key, ==, "other");
  g_assert_cmpuint (row->received, ==, 2);
  g_assert_cmpuint (row->decided, ==, 2);
  g_assert_cmpuint (row->accepted, ==, 0);
  g_assert_cmpuint (row->declined, ==, 1);
  g_assert_cmpuint (row->redirected, ==, 1);
  g_assert_cmpuint (row->to_decision->len, ==, 2);
  g_assert_cmpint (g_array_index (row->to_decision, int, 0), ==, 1);
  /* A decision outside the period doesn't count in it. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = kes_referral_stats_compute (episodes, "2026-11-01", "2026-11-09", KES_REFERRAL_GROUP_ALL);
  row = rows->pdata[0];
  g_assert_cmpuint (row->received, ==, 2);
  g_assert_cmpuint (row->decided, ==, 1);
  g_assert_cmpuint (row->redirected, ==, 0);
  by_ethnicity = kes_referral_stats_by_ethnicity (episodes, "2026-11-01", "2026-11-30");
  g_assert_cmpuint (by_ethnicity->len, ==, 1);
  g_assert_cmpuint (((KesReferralEthnicityRow *) by_ethnicity->pdata[0])->declined, ==, 2);
}

static void
test_team_manager_in_permissions (void)
{
  KesPermission permission;

  g_assert_true (kes_role_grants (KES_ROLE_TEAM_MANAGER, KES_PERMISSION_OVERRIDE_ELIGIBILITY));
  g_assert_false (kes_role_grants (KES_ROLE_CLINICIAN, KES_PERMISSION_OVERRIDE_ELIGIBILITY));
  g_assert_false (kes_role_grants (KES_ROLE_ADMINISTRATOR, KES_PERMISSION_OVERRIDE_ELIGIBILITY));
  g_assert_true (kes_permission_from_string ("override-eligibility", &permission));
  g_assert_cmpint (permission, ==, KES_PERMISSION_OVERRIDE_ELIGIBILITY);
}

/* ---- Letters ---- */

static void
test_letters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  static const char pdf[] = "%PDF-1.4\n% a referral letter\n";
  g_autoptr(GBytes) content = g_bytes_new_static (pdf, sizeof pdf - 1);
  g_autoptr(GBytes) text_file = g_bytes_new_static ("Dear team", 9);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  KesReferralDocument *document;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  id = kes_store_add_referral_document (fixture->store, kes_referral_get_id (referral),
                                        "/home/alice/Referral letter.pdf", content, 2,
                                        "Dear colleague, I would be grateful for an assessment of Mr Wagtail "
                                        "before his tribunal hearing.", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  g_assert_null (kes_store_add_referral_document (fixture->store, kes_referral_get_id (referral),
                                                  "letter.txt", text_file, 1, "Dear team", &error));
  g_assert_cmpstr (error->message, ==, "“letter.txt” is not a PDF file: attach letters as PDF");
  g_clear_error (&error);

  list = kes_store_list_referral_documents (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  document = list->pdata[0];
  g_assert_cmpstr (document->file_name, ==, "Referral letter.pdf");
  g_assert_cmpuint (document->page_count, ==, 2);
  g_assert_cmpint (document->size, ==, sizeof pdf - 1);
  g_assert_cmpstr (document->added_by_name, ==, "Alice Adeyemi");

  back = kes_store_load_referral_document (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, content));

  hits = kes_store_search_referral_documents (fixture->store, "tribunal hear", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (strstr (((KesReferralDocument *) hits->pdata[0])->snippet, "«tribunal»"));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = kes_store_search_referral_documents (fixture->store, "probation", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* ---- Waiting times ---- */

static GArray *
int_array (const int *values,
           guint      n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_vals (array, values, n);
  return array;
}

static void
test_median_and_percentile (void)
{
  static const int ten[] = { 10, 1, 9, 2, 8, 3, 7, 4, 6, 5 };
  static const int eleven[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100 };
  static const int one[] = { 12 };
  g_autoptr(GArray) a = int_array (ten, G_N_ELEMENTS (ten));
  g_autoptr(GArray) b = int_array (eleven, G_N_ELEMENTS (eleven));
  g_autoptr(GArray) c = int_array (one, 1);
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (int));
  double median;
  int p90;

  g_assert_true (kes_referral_median (a, &median));
  g_assert_cmpfloat (median, ==, 5.5);
  g_assert_true (kes_referral_percentile_90 (a, &p90));
  g_assert_cmpint (p90, ==, 9);   /* ceil (9.0) = 9th of 10 */
  g_assert_true (kes_referral_median (b, &median));
  g_assert_cmpfloat (median, ==, 5);
  g_assert_true (kes_referral_percentile_90 (b, &p90));
  g_assert_cmpint (p90, ==, 9);   /* ceil (9.9) = 10th of 11 */
  g_assert_true (kes_referral_percentile_90 (c, &p90));
  g_assert_cmpint (p90, ==, 12);
  g_assert_false (kes_referral_median (empty, &median));
  g_assert_false (kes_referral_percentile_90 (empty, &p90));

  /* Calendar days: Friday to Monday is 3 days; across a month end and a leap day. */
  g_assert_cmpint (kes_referral_days_between ("2026-03-06", "2026-03-09"), ==, 3);
  g_assert_cmpint (kes_referral_days_between ("2028-02-28", "2028-03-01"), ==, 2);
  g_assert_cmpint (kes_referral_days_between ("2026-03-06", "2026-03-06"), ==, 0);
  g_assert_cmpint (kes_referral_days_between ("2026-03-06", "never"), ==, -1);
}

static KesReferral *
pathway (Fixture          *fixture,
         KesPatient       *patient,
         const char       *received,
         KesReferralStage  decision,
         const char       *decided,
         const char       *discharged)
{
  g_autoptr(GError) error = NULL;
  KesReferral *referral = make_referral (patient, received);

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  move (fixture, referral, KES_REFERRAL_SCREENING, received, NULL);
  if (decision == KES_REFERRAL_DECLINED)
    {
      move (fixture, referral, KES_REFERRAL_DECLINED, decided, "Needs are met by the ward");
      return referral;
    }
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, received, NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, decided, NULL);
  move (fixture, referral, KES_REFERRAL_ACCEPTED, decided, NULL);
  if (discharged != NULL)
    {
      move (fixture, referral, KES_REFERRAL_IN_REACH, decided, NULL);
      move (fixture, referral, KES_REFERRAL_DISCHARGED, discharged, NULL);
    }
  return referral;
}

static void
test_waiting_times (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KesReferral) a = NULL;
  g_autoptr(KesReferral) b = NULL;
  g_autoptr(KesReferral) c = NULL;
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesCatchment) catchment = NULL;
  KesReferralStatsRow *row;
  double median;
  int p90;

  /* Friday 6 March → Monday 9 March: 3 calendar days (the weekend counts). */
  a = pathway (fixture, fixture->patient, "2026-03-06", KES_REFERRAL_ACCEPTED, "2026-03-09", "2026-04-08");
  /* Declined after 10 days. */
  b = pathway (fixture, fixture->patient, "2026-03-02", KES_REFERRAL_DECLINED, "2026-03-12", NULL);
  /* Reopened after closure: the second episode counts from the reopening. */
  c = pathway (fixture, fixture->patient, "2026-01-05", KES_REFERRAL_DECLINED, "2026-01-20", NULL);
  move (fixture, c, KES_REFERRAL_CLOSED, "2026-01-21", "Declined; letter sent");
  move (fixture, c, KES_REFERRAL_RECEIVED, "2026-03-16", "New information from the ward");
  move (fixture, c, KES_REFERRAL_SCREENING, "2026-03-16", NULL);
  move (fixture, c, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-03-17", NULL);
  move (fixture, c, KES_REFERRAL_ASSESSED, "2026-03-21", NULL);  /* a Saturday */
  move (fixture, c, KES_REFERRAL_ACCEPTED, "2026-03-23", NULL);

  episodes = kes_store_referral_episodes (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 4);

  /* March: three decisions, waits 3, 10 and 7 (16 → 23 March). */
  rows = kes_referral_stats_compute (episodes, "2026-03-01", "2026-03-31", KES_REFERRAL_GROUP_ALL);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpuint (row->received, ==, 3);
  g_assert_cmpuint (row->decided, ==, 3);
  g_assert_cmpuint (row->accepted, ==, 2);
  g_assert_true (kes_referral_median (row->to_decision, &median));
  g_assert_cmpfloat (median, ==, 7);
  g_assert_true (kes_referral_percentile_90 (row->to_decision, &p90));
  g_assert_cmpint (p90, ==, 10);
  g_assert_cmpuint (row->to_discharge->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By month over the year: January has the first episode's 15-day decision,
   * April the discharge (9 March → 8 April, 30 days). */
  rows = kes_referral_stats_compute (episodes, "2026-01-01", "2026-12-31", KES_REFERRAL_GROUP_PERIOD);
  g_assert_cmpuint (rows->len, ==, 3);
  row = rows->pdata[0];
  g_assert_cmpstr (row->key, ==, "2026-01");
  g_assert_cmpuint (row->decided, ==, 1);
  g_assert_cmpint (g_array_index (row->to_decision, int, 0), ==, 15);
  row = rows->pdata[2];
  g_assert_cmpstr (row->key, ==, "2026-04");
  g_assert_cmpuint (row->to_discharge->len, ==, 1);
  g_assert_cmpint (g_array_index (row->to_discharge, int, 0), ==, 30);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Rows by area are named from the catchment areas as they stand. */
  rows = kes_referral_stats_compute (episodes, NULL, NULL, KES_REFERRAL_GROUP_AREA);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (((KesReferralStatsRow *) rows->pdata[0])->label, ==, "norfolk");
  catchment = kes_store_get_catchment (fixture->store, &error);
  g_assert_no_error (error);
  kes_referral_stats_name_areas (rows, catchment);
  g_assert_cmpstr (((KesReferralStatsRow *) rows->pdata[0])->label, ==, "Norfolk");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = kes_referral_stats_compute (episodes, NULL, NULL, KES_REFERRAL_GROUP_SOURCE);
  g_assert_cmpstr (((KesReferralStatsRow *) rows->pdata[0])->label, ==, "External specialist forensic hospital");
  g_assert_cmpuint (((KesReferralStatsRow *) rows->pdata[0])->received, ==, 4);
}

static void
test_acceptance_by_ethnicity (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesPatient) other = add_patient (fixture->store, "Dunnock", "1990-05-05", "A");
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  KesReferralEthnicityRow *row;

  /* Category M: 6 accepted, 5 declined. Category A: 2 accepted. */
  for (guint i = 0; i < 6; i++)
    g_object_unref (pathway (fixture, fixture->patient, "2026-05-01", KES_REFERRAL_ACCEPTED, "2026-05-11", NULL));
  for (guint i = 0; i < 5; i++)
    g_object_unref (pathway (fixture, fixture->patient, "2026-05-01", KES_REFERRAL_DECLINED, "2026-05-04", NULL));
  for (guint i = 0; i < 2; i++)
    g_object_unref (pathway (fixture, other, "2026-05-01", KES_REFERRAL_ACCEPTED, "2026-05-20", NULL));

  episodes = kes_store_referral_episodes (fixture->store, &error);
  g_assert_no_error (error);
  rows = kes_referral_stats_by_ethnicity (episodes, "2026-05-01", "2026-05-31");
  g_assert_cmpuint (rows->len, ==, 2);
  row = rows->pdata[0];
  g_assert_cmpstr (row->ethnicity, ==, "A");
  g_assert_cmpuint (row->accepted, ==, 2);
  g_assert_cmpuint (row->declined, ==, 0);
  row = rows->pdata[1];
  g_assert_cmpstr (row->ethnicity, ==, "M");
  g_assert_cmpuint (row->decided, ==, 11);
  g_assert_cmpuint (row->accepted, ==, 6);
  g_assert_cmpuint (row->declined, ==, 5);
  /* How they are shown (protected as the equality report's are) is the
   * report's: test-referral-reports /reports/pathway. */
}

static void
test_assessment_sign_off (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  kes_referral_set_text (referral, KES_REFERRAL_HISTORY, "Long history of psychosis; index offence in 2019.");
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, "maybe");
  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, "2026-11-01");
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Assessment date 2026-11-01 is before the referral date 2026-11-02\n"
                   "Decision “maybe” is not one of accept or decline");
  g_clear_error (&error);

  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, "2026-11-10");
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, KES_REFERRAL_DECISION_ACCEPT);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-11-03", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-03", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-11-10", NULL);

  /* Not accepted on an unsigned assessment, however it reads. */
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ACCEPTED, "2026-11-12", NULL, NULL,
                                           NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "The referral can’t be accepted before its assessment is signed off: complete the assessment, "
                   "sign it off, then accept");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_ASSESSED);

  g_assert_false (kes_store_sign_referral_assessment (fixture->store, referral, KES_TEST_PASSWORD, &error));
  g_assert_cmpstr (error->message, ==,
                   "Mental state is required to sign off\n"
                   "Risk summary is required to sign off\n"
                   "Needs are required to sign off\n"
                   "Recommendation is required to sign off");
  g_clear_error (&error);
  g_assert_cmpstr (kes_referral_get_text (referral, KES_REFERRAL_SIGNED_BY), ==, "");

  kes_referral_set_text (referral, KES_REFERRAL_MENTAL_STATE, "Settled, no psychotic symptoms on the ward");
  kes_referral_set_text (referral, KES_REFERRAL_RISK_SUMMARY, "Violence risk reduced with treatment");
  kes_referral_set_text (referral, KES_REFERRAL_NEEDS, "Supported accommodation; depot");
  kes_referral_set_text (referral, KES_REFERRAL_RECOMMENDATION, "Accept for in-reach");
  g_assert_true (kes_store_sign_referral_assessment (fixture->store, referral, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_SIGNED_BY), ==, kes_staff_get_id (fixture->alice));
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_SIGNED_AT), ==, "2026-11-21T09:00:00Z");
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_RECOMMENDATION), ==, "Accept for in-reach");

  /* Signed off, recommending acceptance: accepted. */
  g_assert_true (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ACCEPTED, "2026-11-12", NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
}

/* A signed assessment recommending a decline does not let the referral be
 * accepted. */
static void
test_accept_against_decline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-02");
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-11-03", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-03", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-11-10", NULL);
  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, "2026-11-10");
  kes_referral_set_text (referral, KES_REFERRAL_HISTORY, "Index offence in 2019");
  kes_referral_set_text (referral, KES_REFERRAL_MENTAL_STATE, "Acutely unwell");
  kes_referral_set_text (referral, KES_REFERRAL_RISK_SUMMARY, "High");
  kes_referral_set_text (referral, KES_REFERRAL_NEEDS, "Inpatient care");
  kes_referral_set_text (referral, KES_REFERRAL_RECOMMENDATION, "Decline for now");
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, KES_REFERRAL_DECISION_DECLINE);
  g_assert_true (kes_store_sign_referral_assessment (fixture->store, referral, KES_TEST_PASSWORD, &error));
  g_assert_false (kes_store_move_referral (fixture->store, referral, KES_REFERRAL_ACCEPTED, "2026-11-12", NULL, NULL,
                                           NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not recommend accepting"));
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_ASSESSED);
}

/* ---- In-reach planning ---- */

#define VISIT(d, u, a, p, o) { (char *) (d), (char *) (u), (char *) (a), (char *) (p), (char *) (o), NULL }

static void
test_inreach_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-10-01");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  KesInreachVisit held = VISIT ("2026-11-10", "Ash Ward", "Alice Adeyemi, ward nurse", "Meet the team", "Agreed leave plan");
  KesInreachVisit planned = VISIT ("2026-11-25", "Ash Ward", "Alice Adeyemi", "Review leave", NULL);
  KesInreachVisit early = VISIT ("2026-09-01", "Ash Ward", NULL, "Too early", NULL);
  const KesReadinessTask *task;
  guint kinds = 0;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-10-02", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-10-02", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-10-09", NULL);
  move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-10-12", NULL);
  move (fixture, referral, KES_REFERRAL_IN_REACH, "2026-10-12", NULL);

  /* Visits before the referral, and a due date without an owner, are refused. */
  kes_referral_add_visit (referral, &early);
  kes_referral_set_readiness (referral, KES_READINESS_GP_REGISTRATION, KES_READINESS_NOT_STARTED,
                              NULL, "2026-11-20", NULL);
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "In-reach visit on 2026-09-01 is before the referral date 2026-10-01\n"
                   "GP registration: a task with a due date needs an owner");
  g_clear_error (&error);
  kes_referral_remove_visit (referral, 0);

  kes_referral_add_visit (referral, &planned);
  kes_referral_add_visit (referral, &held);
  kes_referral_set_readiness (referral, KES_READINESS_GP_REGISTRATION, KES_READINESS_IN_PROGRESS,
                              "Alice Adeyemi", "2026-11-20", "Practice asked for ID");
  kes_referral_set_readiness (referral, KES_READINESS_ACCOMMODATION, KES_READINESS_DONE,
                              "Housing officer", "2026-11-01", NULL);
  kes_referral_set_readiness (referral, KES_READINESS_MAPPA, KES_READINESS_NOT_APPLICABLE, NULL, NULL, NULL);
  kes_referral_set_readiness (referral, KES_READINESS_CRISIS_PLAN, KES_READINESS_NOT_STARTED,
                              "Dr Rook", "2027-01-15", NULL);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_referral_get_visits (loaded)->len, ==, 2);
  g_assert_cmpstr (((KesInreachVisit *) kes_referral_get_visits (loaded)->pdata[0])->date, ==, "2026-11-10");
  g_assert_cmpstr (((KesInreachVisit *) kes_referral_get_visits (loaded)->pdata[0])->outcome, ==, "Agreed leave plan");
  g_assert_null (((KesInreachVisit *) kes_referral_get_visits (loaded)->pdata[1])->outcome);
  task = kes_referral_get_readiness (loaded, KES_READINESS_GP_REGISTRATION);
  g_assert_cmpint (task->status, ==, KES_READINESS_IN_PROGRESS);
  g_assert_cmpstr (task->owner, ==, "Alice Adeyemi");
  g_assert_cmpstr (task->due_date, ==, "2026-11-20");
  g_assert_cmpstr (task->note, ==, "Practice asked for ID");
  g_assert_cmpuint (kes_referral_readiness_complete (loaded), ==, 2);
  for (KesReadinessItem item = 0; item < KES_READINESS_N_ITEMS; item++)
    g_assert_cmpstr (kes_readiness_item_label (item), !=, "");

  /* Today: the overdue GP registration and the visit in four days; not the
   * task done, the one not applicable, the one due in January, or the held visit. */
  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      KesDueItem *item = due->pdata[i];

      if (!g_str_equal (kes_due_item_get_kind (item), "in-reach-task"))
        continue;
      kinds++;
      g_assert_cmpstr (kes_due_item_get_record_id (item), ==, kes_referral_get_id (referral));
      g_assert_cmpstr (kes_due_item_get_target (item), ==, "patient/referral");
      if (g_str_equal (kes_due_item_get_due_date (item), "2026-11-20"))
        {
          g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_OVERDUE);
          g_assert_cmpstr (kes_due_item_get_title (item), ==, "Discharge readiness: GP registration");
          g_assert_cmpstr (kes_due_item_get_detail (item), ==, "Owner: Alice Adeyemi");
        }
      else
        {
          g_assert_cmpstr (kes_due_item_get_due_date (item), ==, "2026-11-25");
          g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_SOON);
          g_assert_cmpstr (kes_due_item_get_title (item), ==, "In-reach visit: Ash Ward");
        }
    }
  g_assert_cmpuint (kinds, ==, 2);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Once discharged, in-reach work leaves Today. */
  move (fixture, loaded, KES_REFERRAL_DISCHARGED, "2026-11-21", NULL);
  due = kes_store_list_due (fixture->store, today, NULL, &error);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpstr (kes_due_item_get_kind (due->pdata[i]), !=, "in-reach-task");
}

/* ---- Changes after intake ---- */

static void
test_correct_intake (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-10-01");
  g_autoptr(KesReferral) stale = NULL;
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  gint64 revision;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-10-05", NULL);
  stale = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  revision = kes_referral_get_revision (referral);

  /* A correction needs a reason; nothing is written without one. */
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Birch Ward, Fenland Secure Unit");
  g_assert_false (kes_store_correct_referral (fixture->store, referral, "  ", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Reason for the correction is required: say what was wrong");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_revision (referral), ==, revision);

  /* The same checks as on creation: an unknown area, a discharge before
   * the referral, a referral date after the next step. What was typed stays. */
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "atlantis");
  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, "2026-09-01");
  g_assert_false (kes_store_correct_referral (fixture->store, referral, "Wrong ward recorded", &error));
  g_assert_cmpstr (error->message, ==, "Area “atlantis” is not one of the catchment areas\n"
                                       "Expected discharge date 2026-09-01 is before the referral date 2026-10-01");
  g_clear_error (&error);
  g_assert_cmpstr (kes_referral_get_text (referral, KES_REFERRAL_AREA), ==, "atlantis");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "suffolk");
  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, "2027-01-10");
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-10-06");
  g_assert_false (kes_store_correct_referral (fixture->store, referral, "Wrong ward recorded", &error));
  g_assert_cmpstr (error->message, ==, "Referral date 2026-10-06 is after the pathway’s next step (2026-10-05)");
  g_clear_error (&error);

  /* A referral date corrected earlier moves the first step with it. */
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-09-30");
  g_assert_true (kes_store_correct_referral (fixture->store, referral, "Wrong ward and date recorded", &error));
  g_assert_no_error (error);
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_UNIT), ==, "Birch Ward, Fenland Secure Unit");
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_AREA), ==, "suffolk");
  g_assert_cmpstr (((KesReferralStep *) kes_referral_get_steps (loaded)->pdata[0])->date, ==, "2026-09-30");
  g_assert_cmpint (kes_referral_get_stage (loaded), ==, KES_REFERRAL_SCREENING);
  revisions = kes_store_list_revisions (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);

  /* Someone who loaded before the correction cannot overwrite it. */
  kes_referral_set_text (stale, KES_REFERRAL_REFERRER, "Dr Crane");
  g_assert_false (kes_store_correct_referral (fixture->store, stale, "Referrer misspelt", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
}

static void
test_inreach_visit_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-10-01");
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  KesInreachVisit first = VISIT ("2026-11-10", "Ash Ward", "Alice Adeyemi", "Meet the team", NULL);
  KesInreachVisit second = VISIT ("2026-11-25", "Ash Ward", "Alice Adeyemi", "Review leave", NULL);
  KesInreachVisit change;
  KesInreachVisit *visit;
  gint64 revision;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-10-02", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-10-02", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-10-09", NULL);
  move (fixture, referral, KES_REFERRAL_ACCEPTED, "2026-10-12", NULL);
  move (fixture, referral, KES_REFERRAL_IN_REACH, "2026-10-12", NULL);

  /* Planned visits: new ones need no reason; the core checks still apply. */
  g_assert_true (kes_store_save_inreach_visit (fixture->store, referral, -1, &second, NULL, &error));
  g_assert_true (kes_store_save_inreach_visit (fixture->store, referral, -1, &first, NULL, &error));
  g_assert_no_error (error);
  change = (KesInreachVisit) VISIT ("2026-11-12", "Ash Ward", NULL, NULL, NULL);
  revision = kes_referral_get_revision (referral);
  g_assert_false (kes_store_save_inreach_visit (fixture->store, referral, 0, &change, "Moved", &error));
  g_assert_cmpstr (error->message, ==, "In-reach visit 1: the purpose is required");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_revision (referral), ==, revision);
  g_assert_null (((KesInreachVisit *) kes_referral_get_visits (referral)->pdata[0])->outcome);

  /* Recording what happened at a planned visit is an edit, without a reason… */
  change = (KesInreachVisit) VISIT ("2026-11-10", "Ash Ward", "Alice Adeyemi", "Meet the team", "Agreed leave plan");
  g_assert_true (kes_store_save_inreach_visit (fixture->store, referral, 0, &change, NULL, &error));
  g_assert_no_error (error);
  /* …but not for a visit still to come. */
  change = (KesInreachVisit) VISIT ("2026-11-25", "Ash Ward", "Alice Adeyemi", "Review leave", "Went well");
  g_assert_false (kes_store_save_inreach_visit (fixture->store, referral, 1, &change, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Outcome: the visit on 2026-11-25 has not happened yet; record its outcome on or after that day");
  g_clear_error (&error);

  /* Changing a recorded outcome, or a planned visit's details, is a correction with a reason. */
  change = (KesInreachVisit) VISIT ("2026-11-10", "Ash Ward", "Alice Adeyemi", "Meet the team", "Agreed escorted leave");
  g_assert_false (kes_store_save_inreach_visit (fixture->store, referral, 0, &change, "", &error));
  g_assert_cmpstr (error->message, ==, "Reason for the change is required: this visit was already recorded");
  g_clear_error (&error);
  g_assert_true (kes_store_save_inreach_visit (fixture->store, referral, 0, &change, "Outcome misrecorded", &error));
  change = (KesInreachVisit) VISIT ("2026-11-26", "Ash Ward", "Alice Adeyemi", "Review leave", NULL);
  g_assert_true (kes_store_save_inreach_visit (fixture->store, referral, 1, &change, "Ward asked to move it", &error));
  g_assert_no_error (error);

  /* Entered in error: a reason, then kept but left out of Today. */
  g_assert_false (kes_store_inreach_visit_entered_in_error (fixture->store, referral, 1, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Reason is required: say why this visit was entered in error");
  g_clear_error (&error);
  g_assert_true (kes_store_inreach_visit_entered_in_error (fixture->store, referral, 1, "Recorded for the wrong patient",
                                                           &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_inreach_visit_entered_in_error (fixture->store, referral, 1, "Again", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR);
  g_clear_error (&error);
  g_assert_false (kes_store_save_inreach_visit (fixture->store, referral, 1, &change, "Fix", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR);
  g_clear_error (&error);

  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kes_referral_get_visits (loaded)->len, ==, 2);
  visit = kes_referral_get_visits (loaded)->pdata[0];
  g_assert_cmpstr (visit->outcome, ==, "Agreed escorted leave");
  g_assert_true (kes_inreach_visit_is_active (visit));
  visit = kes_referral_get_visits (loaded)->pdata[1];
  g_assert_cmpstr (visit->date, ==, "2026-11-26");
  g_assert_cmpstr (visit->error_reason, ==, "Recorded for the wrong patient");
  g_assert_false (kes_inreach_visit_is_active (visit));

  set_now ("2026-11-24T09:00:00Z");
  due = kes_store_list_due (fixture->store, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpstr (kes_due_item_get_kind (due->pdata[i]), !=, "in-reach-task");
}

static void
test_risk_link (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-10-01");
  g_autoptr(KesPatient) other = add_patient (fixture->store, "Dunnock", "1975-02-02", "A");
  g_autoptr(KesRiskAssessment) draft = kes_risk_assessment_new (kes_patient_get_id (fixture->patient), "HCR-20", "3", 1);
  g_autoptr(KesRiskAssessment) signed_off = kes_risk_assessment_new (kes_patient_get_id (fixture->patient), "HCR-20", "3", 1);
  g_autoptr(KesRiskAssessment) theirs = kes_risk_assessment_new (kes_patient_get_id (other), "HCR-20", "3", 1);
  g_autoptr(KesRiskAssessment) latest = NULL;
  g_autoptr(KesReferral) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  latest = kes_store_latest_signed_risk_assessment (fixture->store, kes_patient_get_id (fixture->patient), &error);
  g_assert_null (latest);
  g_assert_error (error, KES_ERROR, KES_ERROR_NOT_FOUND);
  g_clear_error (&error);

  kes_risk_assessment_set_assessed_on (signed_off, "2026-09-20");
  kes_risk_assessment_set_completed_by (signed_off, "Dr Cara Clinic");
  kes_risk_assessment_set_mdt_reviewed_on (signed_off, "2026-09-20");
  kes_risk_assessment_set_next_review_on (signed_off, "2027-03-20");
  g_assert_true (kes_store_sign_off_risk_assessment (fixture->store, signed_off, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  /* A newer draft is not the latest signed assessment. */
  kes_risk_assessment_set_assessed_on (draft, "2026-11-01");
  g_assert_true (kes_store_save_risk_assessment (fixture->store, draft, NULL, &error));
  kes_risk_assessment_set_assessed_on (theirs, "2026-10-01");
  kes_risk_assessment_set_completed_by (theirs, "Dr Cara Clinic");
  kes_risk_assessment_set_mdt_reviewed_on (theirs, "2026-10-01");
  kes_risk_assessment_set_next_review_on (theirs, "2027-04-01");
  g_assert_true (kes_store_sign_off_risk_assessment (fixture->store, theirs, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  latest = kes_store_latest_signed_risk_assessment (fixture->store, kes_patient_get_id (fixture->patient), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_risk_assessment_get_id (latest), ==, kes_risk_assessment_get_id (signed_off));

  /* Only a signed assessment of this patient can be linked. */
  kes_referral_set_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID, kes_risk_assessment_get_id (draft));
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "Structured risk assessment: only a signed-off assessment can be linked, not a draft");
  g_clear_error (&error);
  kes_referral_set_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID, kes_risk_assessment_get_id (theirs));
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Structured risk assessment: the linked assessment is not one of this "
                                       "patient’s current assessments");
  g_clear_error (&error);

  kes_referral_set_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID, kes_risk_assessment_get_id (latest));
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  loaded = kes_store_load_referral (fixture->store, kes_referral_get_id (referral), &error);
  g_assert_cmpstr (kes_referral_get_text (loaded, KES_REFERRAL_RISK_ASSESSMENT_ID), ==,
                   kes_risk_assessment_get_id (signed_off));

  /* The assessment entered in error later does not stall the pathway; a
   * new link to it is still refused. */
  g_assert_true (kes_store_mark_entered_in_error (fixture->store, kes_risk_assessment_get_id (signed_off),
                                                  kes_risk_assessment_get_revision (signed_off),
                                                  "Recorded against the wrong patient", &error));
  g_assert_no_error (error);
  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-10-05", NULL);
  kes_referral_set_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID, NULL);
  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  kes_referral_set_text (referral, KES_REFERRAL_RISK_ASSESSMENT_ID, kes_risk_assessment_get_id (signed_off));
  g_assert_false (kes_store_save_referral (fixture->store, referral, KES_CHANGE_EDIT, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

/* The clocks on the list and the page use the report's definitions: whole
 * calendar days, the same day 0, and the latest episode only. */
static void
test_clocks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KesReferral) referral = make_referral (fixture->patient, "2026-11-21");
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GDate) later = kes_date_from_iso ("2026-12-01");
  g_autoptr(GError) error = NULL;
  KesReferralClocks clocks;

  g_assert_true (kes_store_save_referral (fixture->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_referral_clocks (referral, today, &clocks);
  g_assert_cmpint (clocks.since_referral, ==, 0);
  g_assert_cmpint (clocks.since_assessment, ==, -1);
  g_assert_cmpint (clocks.to_decision, ==, -1);
  kes_referral_clocks (referral, later, &clocks);
  g_assert_cmpint (clocks.since_referral, ==, 10);

  move (fixture, referral, KES_REFERRAL_SCREENING, "2026-11-21", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-21", NULL);
  move (fixture, referral, KES_REFERRAL_ASSESSED, "2026-11-21", NULL);
  kes_referral_clocks (referral, later, &clocks);
  g_assert_cmpint (clocks.since_referral, ==, 10);
  g_assert_cmpint (clocks.since_assessment, ==, 10);
  g_assert_cmpint (clocks.to_decision, ==, -1);

  move (fixture, referral, KES_REFERRAL_DECLINED, "2026-11-21", "Needs are met by the ward");
  kes_referral_clocks (referral, later, &clocks);
  g_assert_cmpint (clocks.to_decision, ==, 0);
  g_assert_cmpint (clocks.since_assessment, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/referral/pathway/every-transition", test_every_transition);
  g_test_add_func ("/referral/pathway/stage-names", test_stage_names);
  g_test_add_func ("/referral/pathway/move-rules", test_move_rules);
  g_test_add_func ("/referral/permissions/team-manager-overrides", test_team_manager_in_permissions);
  g_test_add_func ("/referral/waits/median-percentile", test_median_and_percentile);
  ADD ("/referral/store/create-and-load", test_create_and_load);
  ADD ("/referral/store/refusals-save-nothing", test_refusals_save_nothing);
  ADD ("/referral/store/declined-needs-reason", test_declined_needs_reason);
  ADD ("/referral/store/whole-pathway-and-reopen", test_whole_pathway_and_reopen);
  ADD ("/referral/store/eligibility-override", test_eligibility_override);
  ADD ("/referral/store/ineligible-recorded-and-decided", test_ineligible_recorded_and_decided);
  ADD ("/referral/store/letters", test_letters);
  ADD ("/referral/store/accept-against-decline", test_accept_against_decline);
  ADD ("/referral/store/assessment-sign-off", test_assessment_sign_off);
  ADD ("/referral/inreach/plan-and-today", test_inreach_plan);
  ADD ("/referral/inreach/visit-changes", test_inreach_visit_changes);
  ADD ("/referral/store/correct-intake", test_correct_intake);
  ADD ("/referral/store/risk-link", test_risk_link);
  ADD ("/referral/waits/episodes", test_waiting_times);
  ADD ("/referral/waits/clocks", test_clocks);
  ADD ("/referral/waits/acceptance-by-ethnicity", test_acceptance_by_ethnicity);
#undef ADD

  return g_test_run ();
}
