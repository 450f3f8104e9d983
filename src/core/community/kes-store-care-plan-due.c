/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-care-plan-due"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-medication-rules.h"
#include "kes-store-community-private.h"

/* Today's care plan work: a patient of the team with no care plan, and a
 * plan whose own "review date" is near or past. Neither is a rule of
 * Kestrel's: the first is the team's patient without the plan every
 * patient on the caseload has, the second the date the clinician wrote in
 * the plan. An item goes only when the work is recorded (a care plan; a
 * reviewed plan with its next review date) or the patient's care ends with
 * a reason (the record or the plan entered in error, the referral moved on
 * with a reason). */

/* Referral stages before the team takes the patient on in the community:
 * the ward's care plan stands until discharge (kes-referral-pathway.c). */
#define BEFORE_DISCHARGE "('received', 'screening', 'assessment-booked', 'assessed', 'accepted', 'in-reach')"

static gboolean
due_missing_plans (KesStore     *store,
                   const GDate  *today,
                   const char   *team_id,
                   GPtrArray    *items,
                   GError      **error)
{
  KesDbStmt *stmt;
  int rc;

  /* On the caseload: no referral still on its way to discharge, and the
   * latest neither declined nor transferred to another service (a move
   * that needs its destination). Due from the discharge to the community,
   * or the day the patient was added when they came without a referral. */
  stmt = kes_store_prepare_for_team (store,
    "SELECT " KES_CARE_PATIENT_COLUMNS ", coalesce ("
    "  (SELECT max (f.stage_since) FROM referral f JOIN record fr ON fr.id = f.id AND fr.state = 'active' "
    "   WHERE f.patient_id = p.id AND f.stage = 'discharged'), substr (pr.created_at, 1, 10)) "
    "FROM patient p CROSS JOIN record pr ON pr.id = p.id AND pr.state = 'active' "
    "WHERE NOT EXISTS (SELECT 1 FROM care_plan c JOIN record cr ON cr.id = c.id AND cr.state = 'active' "
    "  WHERE c.patient_id = p.id) "
    "AND NOT EXISTS (SELECT 1 FROM referral f JOIN record fr ON fr.id = f.id AND fr.state = 'active' "
    "  WHERE f.patient_id = p.id AND f.stage IN " BEFORE_DISCHARGE ") "
    "AND coalesce ((SELECT f.stage FROM referral f JOIN record fr ON fr.id = f.id AND fr.state = 'active' "
    "  WHERE f.patient_id = p.id ORDER BY f.stage_since DESC, f.id DESC LIMIT 1), '') "
    "  NOT IN ('declined', 'transferred') %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(GDate) due = kes_date_from_iso (kes_store_column_text (stmt, KES_CARE_N_PATIENT_COLUMNS));
      KesCarePatientRow patient = { 0 };

      if (due == NULL)
        continue;
      kes_care_patient_row_read (stmt, &patient);
      kes_care_add_due_item (items, "care-plan-missing", FALSE, due, today, 0, &patient, _("No care plan"),
                             _("Write the care plan with the patient (Care Plan tab)"), "patient/care-plan", NULL);
      kes_care_patient_row_clear (&patient);
    }
  return kes_care_finish_query (store, stmt, rc, error);
}

/* The current plan of each patient (the latest agreed, active) and its own
 * review date: the care plan's, and (issue 21) the crisis plan's. A crisis
 * plan written before crisis plans had a review date has none and shows
 * nothing until it is next edited (the form then asks for one). */
typedef struct
{
  const char *sql;
  const char *kind;
  gboolean    crisis;
} PlanReviews;

static const PlanReviews care_plan_reviews = {
  "SELECT " KES_CARE_PATIENT_COLUMNS ", x.id, x.review_date, x.start_date FROM care_plan x "
  "CROSS JOIN record xr ON xr.id = x.id AND xr.state = 'active' " KES_CARE_PATIENT_JOIN
  "WHERE NOT EXISTS (SELECT 1 FROM care_plan y JOIN record yr ON yr.id = y.id AND yr.state = 'active' "
  "  WHERE y.patient_id = x.patient_id AND (y.start_date > x.start_date "
  "  OR (y.start_date = x.start_date AND y.id > x.id))) %s",
  "care-plan-review", FALSE
};

static const PlanReviews crisis_plan_reviews = {
  "SELECT " KES_CARE_PATIENT_COLUMNS ", x.id, x.review_date, x.agreed_on FROM crisis_plan x "
  "CROSS JOIN record xr ON xr.id = x.id AND xr.state = 'active' " KES_CARE_PATIENT_JOIN
  "WHERE x.review_date IS NOT NULL "
  "AND NOT EXISTS (SELECT 1 FROM crisis_plan y JOIN record yr ON yr.id = y.id AND yr.state = 'active' "
  "  WHERE y.patient_id = x.patient_id AND (y.agreed_on > x.agreed_on "
  "  OR (y.agreed_on = x.agreed_on AND y.id > x.id))) %s",
  "crisis-plan-review", TRUE
};

static gboolean
due_plan_reviews (KesStore           *store,
                  const GDate        *today,
                  const char         *team_id,
                  const PlanReviews  *plans,
                  GPtrArray          *items,
                  GError            **error)
{
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare_for_team (store, plans->sql, team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = KES_CARE_N_PATIENT_COLUMNS;
      g_autoptr(GDate) due = kes_date_from_iso (kes_store_column_text (stmt, c + 1));
      g_autofree char *agreed = kes_date_to_display (kes_store_column_text (stmt, c + 2));
      g_autofree char *detail = NULL;
      KesCarePatientRow patient = { 0 };

      if (due == NULL)
        continue;
      detail = plans->crisis ? g_strdup_printf (_("Set in the crisis plan agreed on %s"), agreed)
                             : g_strdup_printf (_("Set in the care plan agreed on %s"), agreed);
      kes_care_patient_row_read (stmt, &patient);
      kes_care_add_due_item (items, plans->kind, FALSE, due, today, kes_cpa_soon_days (), &patient,
                             plans->crisis ? _("Review date in the crisis plan") : _("Review date in the care plan"),
                             detail, "patient/care-plan", kes_store_column_text (stmt, c));
      kes_care_patient_row_clear (&patient);
    }
  return kes_care_finish_query (store, stmt, rc, error);
}

gboolean
kes_store_due_care_plans (KesStore     *store,
                          const GDate  *today,
                          const char   *team_id,
                          GPtrArray    *items,
                          GError      **error)
{
  return due_missing_plans (store, today, team_id, items, error) &&
         due_plan_reviews (store, today, team_id, &care_plan_reviews, items, error) &&
         due_plan_reviews (store, today, team_id, &crisis_plan_reviews, items, error);
}
