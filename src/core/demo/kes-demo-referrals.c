/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-referrals"

#include "config.h"

#include "kes-clock.h"
#include "kes-demo-private.h"
#include "kes-referral.h"
#include "kes-validate.h"

/* Demo referrals. Every patient on the caseload came to the team through a
 * referral that was accepted and led to their discharge; once they have
 * been settled in the community for a couple of months the pathway is
 * closed as complete, so the Referrals area (open referrals only) shows
 * what a team really has in hand: the recently discharged, plus about one
 * patient in fifty whose referral is still on its way (received, screened,
 * booked, assessed, accepted or in in-reach, with readiness tasks and
 * visits due). One in ten also has an earlier referral that was declined.
 * Each referral is saved once with its whole pathway, as a referral
 * brought in from another system is: a step-by-step history would be a
 * revision per move, eight times the data for nothing the demo shows.
 * Every value is invented. */

#define OPEN_PER_THOUSAND 20
#define CLOSE_AFTER_DAYS 60

static const struct { const char *unit, *security, *source; } units[] = {
  { "Norvic Clinic, Norwich (demo)", "medium", "internal-ward" },
  { "Hellesdon low secure unit (demo)", "low", "internal-ward" },
  { "Wedgwood Unit, Bury St Edmunds (demo)", "low", "internal-ward" },
  { "Rampton Hospital (demo)", "high", "external-hospital" },
  { "St Andrew’s, Northampton (demo)", "medium", "external-hospital" },
};
static const char * const areas[] = { "norfolk", "norfolk", "norfolk", "suffolk", "suffolk", "cambs-peterborough" };
static const char * const reasons[] = {
  "Community forensic follow-up on discharge (demo)",
  "Step-down from secure care; needs a forensic care coordinator (demo)",
  "Conditional discharge planned; social supervisor needed (demo)",
};

#define PICK(rand, array) (array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))]

/* @today moved by @days (negative: earlier). */
static char *
date_from_today (const GDate *today,
                 int          days)
{
  g_autoptr(GDate) date = g_date_copy (today);

  if (days < 0)
    g_date_subtract_days (date, (guint) -days);
  else
    g_date_add_days (date, (guint) days);
  return kes_date_to_iso (date);
}

static gboolean
add_to (GPtrArray    *sink,
        const KesCatchment *catchment,
        KesReferral  *referral,
        KesPatient   *patient,
        GError      **error)
{
  KesBulkRecord *ready = kes_bulk_record_referral (referral, kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE),
                                                   catchment, error);

  if (ready == NULL)
    return FALSE;
  g_ptr_array_add (sink, ready);
  return TRUE;
}

static void
add_step (KesReferral      *referral,
          KesReferralStage  stage,
          const char       *date,
          KesStaff         *by,
          const char       *reason,
          const char       *signposting)
{
  g_autofree char *recorded = g_strconcat (date, "T10:00:00Z", NULL);
  KesReferralStep step = {
    .stage = stage,
    .date = (char *) date,
    .recorded_at = recorded,
    .by_id = (char *) kes_staff_get_id (by),
    .reason = (char *) reason,
    .signposting = (char *) signposting,
  };

  kes_referral_append_step (referral, &step);
}

static KesReferral *
new_referral (GRand       *rand,
              KesPatient  *patient,
              const char  *legal,
              const char  *date)
{
  KesReferral *referral = kes_referral_new ();
  guint unit = g_rand_int_range (rand, 0, G_N_ELEMENTS (units));

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_patient_get_id (patient));
  kes_referral_set_text (referral, KES_REFERRAL_DATE, date);
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Responsible clinician on the ward (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER_CONTACT, "01603 000000");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, units[unit].source);
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, units[unit].unit);
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, units[unit].security);
  kes_referral_set_text (referral, KES_REFERRAL_AREA, PICK (rand, areas));
  kes_referral_set_text (referral, KES_REFERRAL_REASON, PICK (rand, reasons));
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, legal);
  kes_referral_set_inpatient (referral, TRUE);
  return referral;
}

static void
set_assessment (KesReferral *referral,
                KesStaff    *clinician,
                const char  *date,
                const char  *decision)
{
  g_autofree char *signed_at = g_strconcat (date, "T16:00:00Z", NULL);
  g_autofree char *digest = NULL;

  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, date);
  kes_referral_set_text (referral, KES_REFERRAL_HISTORY, "Long history of psychosis; index offence while unwell (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_MENTAL_STATE, "Settled on current treatment; insight developing (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_RISK_SUMMARY, "Risk of violence when unwell and using substances (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_NEEDS, "Supported accommodation, depot clinic, structured day (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_RECOMMENDATION, "Accept for community forensic follow-up (demo)");
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, decision);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_BY, kes_staff_get_id (clinician));
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_AT, signed_at);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_ROLE, kes_staff_get_role_title (clinician));
  digest = kes_referral_assessment_digest (referral);
  kes_referral_set_text (referral, KES_REFERRAL_SIGNED_DIGEST, digest);
}

/* The pathway up to @last from a referral @referred_ago days ago, the steps
 * a few days apart; the dates of the assessment and in-reach steps are
 * handed back for the rest of the record. */
static void
walk_pathway (KesReferral       *referral,
              GRand             *rand,
              const GDate       *today,
              int                referred_ago,
              KesReferralStage   last,
              KesStaff          *clinician,
              KesStaff          *coordinator,
              int               *in_reach_ago)
{
  static const KesReferralStage order[] = {
    KES_REFERRAL_RECEIVED, KES_REFERRAL_SCREENING, KES_REFERRAL_ASSESSMENT_BOOKED, KES_REFERRAL_ASSESSED,
    KES_REFERRAL_ACCEPTED, KES_REFERRAL_IN_REACH,
  };
  int ago = referred_ago;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *date = NULL;

      if (i > 0)
        ago = MAX (0, ago - g_rand_int_range (rand, 2, 9));
      date = date_from_today (today, -ago);
      add_step (referral, order[i], date, order[i] == KES_REFERRAL_ASSESSED ? clinician : coordinator, NULL, NULL);
      if (order[i] == KES_REFERRAL_ASSESSED)
        set_assessment (referral, clinician, date, KES_REFERRAL_DECISION_ACCEPT);
      if (order[i] == KES_REFERRAL_IN_REACH)
        *in_reach_ago = ago;
      if (order[i] == last)
        break;
    }
}

static void
plan_readiness (KesReferral *referral,
                GRand       *rand,
                const GDate *today,
                KesStaff    *coordinator,
                gboolean     complete)
{
  for (KesReadinessItem item = 0; item < KES_READINESS_N_ITEMS; item++)
    {
      int roll = g_rand_int_range (rand, 0, 4);
      g_autofree char *due = date_from_today (today, g_rand_int_range (rand, -5, 21));

      if (complete || roll == 0)
        kes_referral_set_readiness (referral, item, KES_READINESS_DONE, NULL, NULL, NULL);
      else
        kes_referral_set_readiness (referral, item, roll == 1 ? KES_READINESS_NOT_STARTED : KES_READINESS_IN_PROGRESS,
                                    kes_staff_get_display_name (coordinator), due, NULL);
    }
}

static void
add_visit (KesReferral *referral,
           const GDate *today,
           int          days,
           const char  *outcome)
{
  g_autofree char *date = date_from_today (today, days);
  KesInreachVisit visit = {
    .date = date,
    .unit = (char *) kes_referral_get_text (referral, KES_REFERRAL_UNIT),
    .attendees = (char *) "Care coordinator, patient, ward nurse (demo)",
    .purpose = (char *) "Get to know the patient; plan leave and discharge (demo)",
    .outcome = (char *) outcome,
  };

  kes_referral_add_visit (referral, &visit);
}

/* The referral that brought the patient to the team, discharged
 * @discharged_ago days ago and closed once they had settled. */
static gboolean
add_accepted (GPtrArray   *sink,
              const KesCatchment *catchment,
              GRand       *rand,
              const GDate *today,
              KesPatient  *patient,
              const char  *legal,
              KesStaff    *clinician,
              KesStaff    *coordinator,
              int          discharged_ago,
              GError     **error)
{
  int referred_ago = discharged_ago + g_rand_int_range (rand, 60, 240);
  g_autofree char *referred = date_from_today (today, -referred_ago);
  g_autofree char *discharged = date_from_today (today, -discharged_ago);
  g_autoptr(KesReferral) referral = new_referral (rand, patient, legal, referred);
  int in_reach_ago = discharged_ago;

  walk_pathway (referral, rand, today, referred_ago, KES_REFERRAL_IN_REACH, clinician, coordinator, &in_reach_ago);
  kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, discharged);
  plan_readiness (referral, rand, today, coordinator, TRUE);
  add_visit (referral, today, -in_reach_ago, "Met on the ward; leave plan agreed (demo)");
  add_step (referral, KES_REFERRAL_DISCHARGED, discharged, coordinator, NULL, NULL);
  if (discharged_ago > CLOSE_AFTER_DAYS)
    {
      g_autofree char *closed = date_from_today (today, CLOSE_AFTER_DAYS - discharged_ago);
      add_step (referral, KES_REFERRAL_CLOSED, closed, coordinator,
                "Pathway complete: settled in the community under the team (demo)", NULL);
    }
  return add_to (sink, catchment, referral, patient, error);
}

/* A referral still on its way: up to which stage, with what is due. */
static gboolean
add_in_progress (GPtrArray   *sink,
                 const KesCatchment *catchment,
                 GRand       *rand,
                 const GDate *today,
                 KesPatient  *patient,
                 const char  *legal,
                 KesStaff    *clinician,
                 KesStaff    *coordinator,
                 GError     **error)
{
  KesReferralStage last = g_rand_int_range (rand, KES_REFERRAL_RECEIVED, KES_REFERRAL_IN_REACH + 1);
  int referred_ago = g_rand_int_range (rand, 3, 90);
  g_autofree char *referred = date_from_today (today, -referred_ago);
  g_autoptr(KesReferral) referral = new_referral (rand, patient, legal, referred);
  int in_reach_ago = 0;

  /* Declined is not on the way: an assessment in hand goes on to accepted. */
  if (last == KES_REFERRAL_DECLINED)
    last = KES_REFERRAL_ACCEPTED;
  walk_pathway (referral, rand, today, referred_ago, last, clinician, coordinator, &in_reach_ago);
  if (last == KES_REFERRAL_ACCEPTED || last == KES_REFERRAL_IN_REACH)
    {
      g_autofree char *expected = date_from_today (today, g_rand_int_range (rand, 14, 120));

      kes_referral_set_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE, expected);
      plan_readiness (referral, rand, today, coordinator, FALSE);
    }
  if (last == KES_REFERRAL_IN_REACH)
    {
      add_visit (referral, today, -in_reach_ago, "First meeting on the ward (demo)");
      add_visit (referral, today, g_rand_int_range (rand, 1, 11), NULL);
    }
  return add_to (sink, catchment, referral, patient, error);
}

/* An earlier referral declined at screening: too soon for the community. */
static gboolean
add_declined (GPtrArray   *sink,
              const KesCatchment *catchment,
              GRand       *rand,
              const GDate *today,
              KesPatient  *patient,
              const char  *legal,
              KesStaff    *coordinator,
              int          referred_ago,
              GError     **error)
{
  g_autofree char *referred = date_from_today (today, -referred_ago);
  g_autofree char *screened = date_from_today (today, 5 - referred_ago);
  g_autoptr(KesReferral) referral = new_referral (rand, patient, legal, referred);

  add_step (referral, KES_REFERRAL_RECEIVED, referred, coordinator, NULL, NULL);
  /* Some come from outside the catchment: recorded all the same, then
   * declined on receipt or redirected to the team for their area, so
   * they count in the figures (issue 21). Chosen without the random
   * generator, so the rest of the demo stays as it was. */
  if (referred_ago % 3 != 2)
    {
      kes_referral_set_text (referral, KES_REFERRAL_AREA, "other");
      if (referred_ago % 3 == 0)
        add_step (referral, KES_REFERRAL_DECLINED, referred, coordinator,
                  "Moving to Essex on discharge: outside the catchment (demo)",
                  "Essex forensic community team (demo)");
      else
        {
          KesReferralStep step = {
            .stage = KES_REFERRAL_REDIRECTED, .date = referred, .recorded_at = NULL,
            .by_id = (char *) kes_staff_get_id (coordinator),
            .reason = (char *) "Moving to Essex on discharge: outside the catchment (demo)",
            .destination = (char *) "Essex forensic community team (demo)",
          };
          g_autofree char *at = g_strconcat (referred, "T12:00:00Z", NULL);

          step.recorded_at = at;
          kes_referral_append_step (referral, &step);
        }
      return add_to (sink, catchment, referral, patient, error);
    }
  add_step (referral, KES_REFERRAL_SCREENING, screened, coordinator, NULL, NULL);
  add_step (referral, KES_REFERRAL_DECLINED, screened, coordinator,
            "Not yet ready for discharge planning; re-refer nearer the time (demo)",
            "Ward team to re-refer after the next tribunal (demo)");
  return add_to (sink, catchment, referral, patient, error);
}

/* Whether the patient was an adult @days_ago days ago (the service's
 * criterion: a referral of a younger person needs a manager's override). */
static gboolean
adult_then (KesPatient  *patient,
            const GDate *today,
            int          days_ago)
{
  g_autoptr(GDate) birth = kes_date_from_iso (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE));
  g_autoptr(GDate) then = g_date_copy (today);

  g_date_subtract_days (then, (guint) days_ago);
  return birth != NULL && kes_age_on (birth, then) >= 18;
}

gboolean
kes_demo_add_referrals (GPtrArray          *sink,
                        const KesCatchment *catchment,
                        guint        seed,
                        gboolean     open,
                        KesPatient  *patient,
                        const char  *legal,
                        KesStaff    *clinician,
                        KesStaff    *coordinator,
                        int          discharged_days_ago,
                        GError     **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDate) today = kes_clock_today ();
  int discharged_ago = discharged_days_ago >= 0 ? discharged_days_ago : g_rand_int_range (rand, 30, 1500);
  gboolean in_progress = g_rand_int_range (rand, 0, 1000) < OPEN_PER_THOUSAND || open;
  int declined_ago = discharged_ago + g_rand_int_range (rand, 400, 700);

  if (g_rand_int_range (rand, 0, 10) == 0 && adult_then (patient, today, declined_ago) &&
      !add_declined (sink, catchment, rand, today, patient, legal, coordinator, declined_ago, error))
    return FALSE;
  /* Someone whose pathway is still open has not been discharged yet. */
  if (in_progress)
    return add_in_progress (sink, catchment, rand, today, patient, legal, clinician, coordinator, error);
  return add_accepted (sink, catchment, rand, today, patient, legal, clinician, coordinator, discharged_ago, error);
}
