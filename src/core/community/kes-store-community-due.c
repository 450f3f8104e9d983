/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-community-due"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-due.h"
#include "kes-medication-rules.h"
#include "kes-monitoring.h"
#include "kes-patient.h"
#include "kes-store-community-private.h"
#include "kes-validate.h"

/* Today's work from care in the community: depots, physical health checks
 * and CPA reviews (clozapine and lithium: kes-store-medication-due.c). Each provider is one
 * set-based query over all active patients; the rules (kes-medication-rules)
 * turn the rows into due dates. Items go only when the work is recorded or
 * the plan is ended with a reason (a prescription stopped, a review held). */

#define PATIENT_COLUMNS   KES_CARE_PATIENT_COLUMNS
#define PATIENT_JOIN      KES_CARE_PATIENT_JOIN
#define N_PATIENT_COLUMNS KES_CARE_N_PATIENT_COLUMNS

typedef KesCarePatientRow PatientRow;
#define patient_row_read  kes_care_patient_row_read
#define patient_row_clear kes_care_patient_row_clear
#define column_or_null    kes_care_column_or_null
#define add_item          kes_care_add_due_item
#define finish_query      kes_care_finish_query

void
kes_care_patient_row_read (KesDbStmt         *stmt,
                           KesCarePatientRow *row)
{
  row->id = g_strdup (kes_store_column_text (stmt, 0));
  row->name = kes_patient_format_display_name (kes_store_column_text (stmt, 1),
                                               kes_store_column_text (stmt, 2),
                                               kes_store_column_text (stmt, 3));
  row->team_id = kes_db_column_type (stmt, 4) == KES_DB_NULL
                   ? NULL : g_strdup (kes_store_column_text (stmt, 4));
}

void
kes_care_patient_row_clear (KesCarePatientRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->team_id, g_free);
}

const char *
kes_care_column_or_null (KesDbStmt *stmt,
                         int           column)
{
  return kes_db_column_type (stmt, column) == KES_DB_NULL ? NULL : kes_store_column_text (stmt, column);
}

void
kes_care_add_due_item (GPtrArray         *items,
                       const char        *kind,
                       gboolean           top_priority,
                       const GDate       *due,
                       const GDate       *today,
                       guint              soon_days,
                       KesCarePatientRow *patient,
                       const char        *title,
                       const char        *detail,
                       const char        *target,
                       const char        *record_id)
{
  g_autofree char *due_iso = kes_date_to_iso (due);
  KesDueUrgency urgency;

  if (top_priority)
    urgency = KES_DUE_TOP_PRIORITY;
  else if (!kes_due_urgency_for_date (due_iso, today, soon_days, &urgency))
    return;
  g_ptr_array_add (items, kes_due_item_new (kind, urgency, due_iso, patient->id, patient->name,
                                            patient->team_id, title, detail, target, record_id));
}

gboolean
kes_care_finish_query (KesStore     *store,
                       KesDbStmt *stmt,
                       int           rc,
                       GError      **error)
{
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (store, error, _("Could not work out what is due"));
      return FALSE;
    }
  return TRUE;
}

KesDbStmt *
kes_care_prepare_scoped (KesStore    *store,
                         const char  *sql_format,
                         const char  *team_id,
                         const char  *patient_id,
                         GError     **error)
{
  const char *slot = strstr (sql_format, "%s");
  g_autoptr(GString) sql = NULL;
  KesDbStmt *stmt;

  if (patient_id == NULL)
    return kes_store_prepare_for_team (store, sql_format, team_id, error);
  g_return_val_if_fail (slot != NULL, NULL);
  sql = g_string_new_len (sql_format, slot - sql_format);
  g_string_append (sql, "AND p.id = :patient ");
  g_string_append (sql, slot + 2);
  /* Interned: the store caches statements by the address of their SQL text. */
  stmt = kes_store_prepare (store, g_intern_string (sql->str), error);
  if (stmt != NULL)
    kes_db_bind_text (stmt, kes_db_bind_parameter_index (stmt, ":patient"), patient_id, -1, KES_DB_COPY);
  return stmt;
}

/* ---- Depots ---- */

gboolean
kes_store_due_depots (KesStore     *store,
                      const GDate  *today,
                      const char   *team_id,
                      GPtrArray    *items,
                      GError      **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);
  guint soon = kes_depot_soon_days ();
  KesDbStmt *stmt;
  int rc;

  /* The last dose GIVEN sets the next; a later refusal, missed or deferred
   * dose is shown alongside but moves nothing. */
  stmt = kes_store_prepare_for_team (store,
    "SELECT " PATIENT_COLUMNS ", x.id, x.drug, x.interval_days, x.start_date, "
    "  (SELECT max (d.given_on) FROM depot_dose d JOIN record dr ON dr.id = d.id AND dr.state = 'active' "
    "   WHERE d.prescription_id = x.id AND d.outcome = 'given'), "
    "  (SELECT d.outcome || ' ' || d.given_on FROM depot_dose d "
    "   JOIN record dr ON dr.id = d.id AND dr.state = 'active' "
    "   WHERE d.prescription_id = x.id ORDER BY d.given_on DESC, d.rowid DESC LIMIT 1) "
    "FROM prescription x CROSS JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "WHERE +x.category = 'depot' AND (x.stop_date IS NULL OR x.stop_date > ?1) %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, today_iso, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      PatientRow patient = { 0 };
      g_autoptr(GDate) start = kes_date_from_iso (kes_store_column_text (stmt, c + 3));
      g_autoptr(GDate) last = NULL;
      g_autoptr(GDate) due = NULL;
      g_autofree char *title = NULL;
      g_autoptr(GString) detail = g_string_new (NULL);
      const char *last_given = column_or_null (stmt, c + 4);
      const char *last_event = column_or_null (stmt, c + 5);
      int interval = kes_db_column_int (stmt, c + 2);

      if (start == NULL || interval <= 0)
        continue;
      if (last_given != NULL)
        last = kes_date_from_iso (last_given);
      due = kes_depot_next_due (last, start, (guint) interval);
      patient_row_read (stmt, &patient);
      title = g_strdup_printf (_("Depot injection: %s"), kes_store_column_text (stmt, c + 1));
      if (last_given != NULL)
        {
          g_autofree char *shown = kes_date_to_display (last_given);
          g_string_append_printf (detail, _("Last given %s; every %d days"), shown, interval);
        }
      else
        g_string_append_printf (detail, _("First dose; every %d days"), interval);
      if (last_event != NULL && !g_str_has_prefix (last_event, "given "))
        {
          g_auto(GStrv) parts = g_strsplit (last_event, " ", 2);
          KesDepotOutcome outcome;

          if (g_strv_length (parts) == 2 && kes_depot_outcome_parse (parts[0], &outcome))
            {
              g_autofree char *shown = kes_date_to_display (parts[1]);
              g_string_append_printf (detail, _(" — %s on %s"), kes_depot_outcome_label (outcome), shown);
            }
        }
      add_item (items, "depot", FALSE, due, today, soon, &patient, title, detail->str,
                "patient/medication", kes_store_column_text (stmt, c));
      patient_row_clear (&patient);
    }
  return finish_query (store, stmt, rc, error);
}

/* ---- Observation after a depot injection ---- */

/* The drugs that need observing after each injection (data), as an SQL
 * list of literals safe to paste: codes are checked to be [a-z0-9-]. */
static char *
observed_drug_list (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < kes_depot_drug_get_n_drugs (); i++)
    {
      const char *code = kes_depot_drug_get_code (i);

      if (kes_depot_drug_observe_hours (code) == 0)
        continue;
      for (const char *c = code; *c != '\0'; c++)
        if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
          {
            g_warning ("depot-drugs.ini: code %s is not [a-z0-9-]", code);
            return NULL;
          }
      g_string_append_printf (list, "%s'%s'", list->len > 0 ? ", " : "", code);
    }
  return list->len > 0 ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

gboolean
kes_store_due_depot_observation (KesStore     *store,
                                 const GDate  *today,
                                 const char   *team_id,
                                 GPtrArray    *items,
                                 GError      **error)
{
  g_autofree char *drugs = observed_drug_list ();
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *sql = NULL;
  KesDbStmt *stmt;
  int rc;

  if (drugs == NULL)
    return TRUE;
  /* The last injection given on each prescription still going on, when its
   * observation is not recorded: earlier doses are history, not work. */
  sql = g_strdup_printf (
    "SELECT " PATIENT_COLUMNS ", d.id, d.given_on, x.depot_drug, x.drug "
    "FROM prescription x CROSS JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "JOIN depot_dose d ON d.id = (SELECT d2.id FROM depot_dose d2 "
    "  JOIN record r2 ON r2.id = d2.id AND r2.state = 'active' "
    "  WHERE d2.prescription_id = x.id AND d2.outcome = 'given' ORDER BY d2.given_on DESC, d2.rowid DESC LIMIT 1) "
    "WHERE +x.category = 'depot' AND x.depot_drug IN (%s) AND (x.stop_date IS NULL OR x.stop_date > ?1) "
    "  AND d.observed_hours IS NULL %%s", drugs);
  stmt = kes_store_prepare_for_team (store, sql, team_id, error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, today_iso, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      g_autoptr(GDate) given = kes_date_from_iso (kes_store_column_text (stmt, c + 1));
      guint hours = kes_depot_drug_observe_hours (kes_store_column_text (stmt, c + 2));
      g_autofree char *detail = NULL;
      g_autofree char *title = NULL;
      PatientRow patient = { 0 };

      if (given == NULL)
        continue;
      title = g_strdup_printf (_("Observation after the injection: %s"), kes_store_column_text (stmt, c + 3));
      detail = g_strdup_printf (_("Observe the person in a healthcare facility for at least %u hours after "
                                  "each injection (post-injection syndrome, SmPC), then record the hours "
                                  "on the dose"), hours);
      patient_row_read (stmt, &patient);
      add_item (items, "depot-observation", FALSE, given, today, 0, &patient, title, detail,
                "patient/medication", kes_store_column_text (stmt, c));
      patient_row_clear (&patient);
    }
  return finish_query (store, stmt, rc, error);
}

/* ---- Physical health (NICE CG178) ---- */

typedef void (*PhysicalFunc) (PatientRow  *patient,
                              const GDate *start,
                              GDate      **due,  /* [KES_N_CHECKS], NULL: nothing due */
                              gpointer     data);

/* For each patient on an antipsychotic (of @patient_id only, when given):
 * when each check is next due, counted from the earliest course still
 * going on and the last check of each kind. */
static gboolean
physical_walk (KesStore     *store,
               const GDate  *today,
               const char   *team_id,
               const char   *patient_id,
               PhysicalFunc  func,
               gpointer      data,
               GError      **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);
  KesDbStmt *stmt;
  int rc;

#define LAST_CHECK(condition) "max (CASE WHEN hr.state = 'active' AND (" condition ") THEN h.taken_on END)"

  /* Columns after the patient's: start, ECG indicated, then the last of
   * each check in KesPhysicalCheck order. One pass over the patient's checks
   * gives every date (a subquery each walked the checks once a kind). */
  stmt = kes_care_prepare_scoped (store,
    "SELECT " PATIENT_COLUMNS ", x.start, x.ecg, "
    LAST_CHECK ("h.weight_kg IS NOT NULL") ", "
    LAST_CHECK ("h.waist_cm IS NOT NULL") ", "
    LAST_CHECK ("h.systolic IS NOT NULL OR h.pulse IS NOT NULL") ", "
    LAST_CHECK ("h.hba1c IS NOT NULL OR h.glucose IS NOT NULL") ", "
    LAST_CHECK ("h.cholesterol IS NOT NULL") ", "
    LAST_CHECK ("h.prolactin IS NOT NULL") ", "
    LAST_CHECK ("h.ecg_done = 1") " "
    "FROM (SELECT a.patient_id, min (a.start_date) AS start, max (coalesce (a.ecg_indicated, 0)) AS ecg "
    "      FROM prescription a "
    "      JOIN record ar ON ar.id = a.id AND ar.state = 'active' JOIN patient p ON p.id = a.patient_id "
    "      WHERE +a.category IN ('depot', 'clozapine', 'antipsychotic') "
    "        AND (a.stop_date IS NULL OR a.stop_date > ?1) %s GROUP BY a.patient_id) x "
    PATIENT_JOIN
    "LEFT JOIN physical_health h ON h.patient_id = x.patient_id LEFT JOIN record hr ON hr.id = h.id "
    "GROUP BY x.patient_id", team_id, patient_id, error);
#undef LAST_CHECK
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, today_iso, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      g_autoptr(GDate) start = kes_date_from_iso (kes_store_column_text (stmt, c));
      gboolean ecg_indicated = kes_db_column_int (stmt, c + 1) != 0;
      GDate *due[KES_N_CHECKS] = { NULL };
      PatientRow patient = { 0 };

      if (start == NULL)
        continue;
      for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check < KES_N_CHECKS; check++)
        {
          const char *last_iso = column_or_null (stmt, c + 2 + check);
          g_autoptr(GDate) last = last_iso != NULL ? kes_date_from_iso (last_iso) : NULL;

          /* An ECG is due only when one is indicated before starting (CG178 1.3.6.2). */
          if (check != KES_CHECK_ECG || ecg_indicated)
            due[check] = kes_physical_check_next_due (check, start, last);
        }
      patient_row_read (stmt, &patient);
      func (&patient, start, due, data);
      patient_row_clear (&patient);
      for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check < KES_N_CHECKS; check++)
        g_clear_pointer (&due[check], g_date_free);
    }
  return finish_query (store, stmt, rc, error);
}

typedef struct
{
  const GDate *today;
  GPtrArray   *items;
} PhysicalToday;

/* One item a patient naming every check in the window. */
static void
physical_today (PatientRow  *patient,
                const GDate *start,
                GDate      **due,
                gpointer     data)
{
  PhysicalToday *today = data;
  guint soon = kes_physical_health_soon_days ();
  g_autoptr(GString) detail = g_string_new (NULL);
  const GDate *earliest = NULL;

  for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check < KES_N_CHECKS; check++)
    {
      g_autofree char *due_iso = NULL;
      KesDueUrgency urgency;

      if (due[check] == NULL)
        continue;
      due_iso = kes_date_to_iso (due[check]);
      if (!kes_due_urgency_for_date (due_iso, today->today, soon, &urgency))
        continue;
      g_string_append_printf (detail, "%s%s", detail->len > 0 ? ", " : "", kes_physical_check_label (check));
      if (earliest == NULL || g_date_compare (due[check], earliest) < 0)
        earliest = due[check];
    }
  if (earliest != NULL)
    add_item (today->items, "physical-health", FALSE, earliest, today->today, soon, patient,
              _("Physical health check"), detail->str, "patient/medication", NULL);
}

gboolean
kes_store_due_physical_health (KesStore     *store,
                               const GDate  *today,
                               const char   *team_id,
                               GPtrArray    *items,
                               GError      **error)
{
  PhysicalToday data = { today, items };

  return physical_walk (store, today, team_id, NULL, physical_today, &data, error);
}

/* Each check as its own item, due or not, for one patient's record. */
static void
physical_monitoring (PatientRow  *patient,
                     const GDate *start,
                     GDate      **due,
                     gpointer     data)
{
  GPtrArray *items = data;

  for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check < KES_N_CHECKS; check++)
    if (due[check] != NULL)
      {
        g_autofree char *kind = g_strdup_printf ("physical-%s", kes_physical_check_to_string (check));
        g_ptr_array_add (items, kes_monitoring_item_new (kind, due[check], FALSE, kes_physical_check_label (check),
                                                         _("After starting an antipsychotic (NICE CG178)"), NULL));
      }
}

gboolean
kes_store_physical_monitoring (KesStore     *store,
                               const char   *patient_id,
                               const GDate  *today,
                               GPtrArray    *items,
                               GError      **error)
{
  return physical_walk (store, today, NULL, patient_id, physical_monitoring, items, error);
}

/* ---- CPA reviews ---- */

static gboolean
due_cpa_validation (KesStore     *store,
                    const GDate  *today,
                    const char   *team_id,
                    GPtrArray    *items,
                    GError      **error)
{
  guint days = (kes_cpa_validate_hours () + 23) / 24;
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare_for_team (store,
    "SELECT " PATIENT_COLUMNS ", x.id, x.held_on FROM cpa_review x "
    "JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "WHERE x.status = 'held' %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      g_autoptr(GDate) due = kes_date_from_iso (kes_store_column_text (stmt, c + 1));
      g_autofree char *detail = NULL;
      PatientRow patient = { 0 };

      if (due == NULL)
        continue;
      g_date_add_days (due, days);
      detail = g_strdup_printf (_("Held reviews are validated within %u hours"), kes_cpa_validate_hours ());
      patient_row_read (stmt, &patient);
      add_item (items, "cpa-validation", FALSE, due, today, days, &patient,
                _("Validate the care plan review"), detail, "patient/care-plan",
                kes_store_column_text (stmt, c));
      patient_row_clear (&patient);
    }
  return finish_query (store, stmt, rc, error);
}

gboolean
kes_store_due_cpa_reviews (KesStore     *store,
                           const GDate  *today,
                           const char   *team_id,
                           GPtrArray    *items,
                           GError      **error)
{
  KesDbStmt *stmt;
  int rc;

  /* Due a set interval after the last review held (or the first care plan);
   * sooner when a review is booked. A cancelled review moves nothing. One
   * pass over the patient's reviews gives both dates. */
  stmt = kes_store_prepare_for_team (store,
    "SELECT " PATIENT_COLUMNS ", x.first, "
    "  max (CASE WHEN rr.state = 'active' AND r.status IN ('held', 'validated') THEN r.held_on END), "
    "  min (CASE WHEN rr.state = 'active' AND r.status = 'scheduled' THEN r.scheduled_for END) "
    "FROM (SELECT c.patient_id, min (c.start_date) AS first FROM care_plan c "
    "      JOIN record cr ON cr.id = c.id AND cr.state = 'active' JOIN patient p ON p.id = c.patient_id "
    "      WHERE 1 %s GROUP BY c.patient_id) x "
    PATIENT_JOIN
    "LEFT JOIN cpa_review r ON r.patient_id = x.patient_id LEFT JOIN record rr ON rr.id = r.id "
    "GROUP BY x.patient_id", team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      g_autoptr(GDate) first = kes_date_from_iso (kes_store_column_text (stmt, c));
      const char *held_iso = column_or_null (stmt, c + 1);
      const char *booked_iso = column_or_null (stmt, c + 2);
      g_autoptr(GDate) held = held_iso != NULL ? kes_date_from_iso (held_iso) : NULL;
      g_autoptr(GDate) booked = booked_iso != NULL ? kes_date_from_iso (booked_iso) : NULL;
      g_autoptr(GDate) due = NULL;
      g_autofree char *detail = NULL;
      PatientRow patient = { 0 };

      if (first == NULL)
        continue;
      due = kes_cpa_review_next_due (held, first);
      if (booked != NULL && (held == NULL || g_date_compare (booked, held) > 0) &&
          g_date_compare (booked, due) < 0)
        *due = *booked;
      if (held_iso != NULL)
        {
          g_autofree char *shown = kes_date_to_display (held_iso);
          detail = g_strdup_printf (_("Last review held %s"), shown);
        }
      else
        detail = g_strdup (_("No review held yet"));
      patient_row_read (stmt, &patient);
      add_item (items, "cpa-review", FALSE, due, today, kes_cpa_soon_days (), &patient,
                _("Care plan review"), detail, "patient/care-plan", NULL);
      patient_row_clear (&patient);
    }
  if (!finish_query (store, stmt, rc, error))
    return FALSE;
  return due_cpa_validation (store, today, team_id, items, error);
}
