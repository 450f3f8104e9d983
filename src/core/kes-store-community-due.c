/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-community-due"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-due.h"
#include "kes-medication-rules.h"
#include "kes-patient.h"
#include "kes-store-community-private.h"
#include "kes-validate.h"

/* Today's work from care in the community: depots, clozapine and lithium
 * blood tests, physical health checks and CPA reviews. Each provider is one
 * set-based query over all active patients; the rules (kes-medication-rules)
 * turn the rows into due dates. Items go only when the work is recorded or
 * the plan is ended with a reason (a prescription stopped, a review held). */

/* Every query selects the patient's columns first, in this order. A unary
 * "+" on a category keeps SQLite from reaching for the category index, so
 * that for one team it starts from that team's patients (kes_store_prepare_for_team). */
#define PATIENT_COLUMNS "p.id, p.family_name, p.given_name, p.preferred_name, p.team_id"
#define PATIENT_JOIN \
  "JOIN patient p ON p.id = x.patient_id JOIN record pr ON pr.id = p.id AND pr.state = 'active' "
#define N_PATIENT_COLUMNS 5

typedef struct
{
  char *id;
  char *name;
  char *team_id;
} PatientRow;

static void
patient_row_read (sqlite3_stmt *stmt,
                  PatientRow   *row)
{
  row->id = g_strdup (kes_store_column_text (stmt, 0));
  row->name = kes_patient_format_display_name (kes_store_column_text (stmt, 1),
                                               kes_store_column_text (stmt, 2),
                                               kes_store_column_text (stmt, 3));
  row->team_id = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                   ? NULL : g_strdup (kes_store_column_text (stmt, 4));
}

static void
patient_row_clear (PatientRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->team_id, g_free);
}

static const char *
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL : kes_store_column_text (stmt, column);
}

/* Adds an item when @due falls inside the window (or @top_priority). */
static void
add_item (GPtrArray   *items,
          const char  *kind,
          gboolean     top_priority,
          const GDate *due,
          const GDate *today,
          guint        soon_days,
          PatientRow  *patient,
          const char  *title,
          const char  *detail,
          const char  *target,
          const char  *record_id)
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

static gboolean
finish_query (KesStore     *store,
              sqlite3_stmt *stmt,
              int           rc,
              GError      **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (store, error, _("Could not work out what is due"));
      return FALSE;
    }
  return TRUE;
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
  sqlite3_stmt *stmt;
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
    "FROM prescription x JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "WHERE +x.category = 'depot' AND (x.stop_date IS NULL OR x.stop_date > ?1) %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today_iso, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
      int interval = sqlite3_column_int (stmt, c + 2);

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

/* ---- Clozapine and lithium: one row per (prescription, result) ---- */

typedef struct
{
  PatientRow  patient;
  char       *prescription_id;
  GDate      *start;
  GDate      *stop;
  GDate      *restarted;
  double      break_hours;
  GArray     *values; /* KesFbcLight or KesLithiumBand */
  GDate      *last_test;
} Course;

static void
course_clear (Course *course)
{
  patient_row_clear (&course->patient);
  g_clear_pointer (&course->prescription_id, g_free);
  g_clear_pointer (&course->start, g_date_free);
  g_clear_pointer (&course->stop, g_date_free);
  g_clear_pointer (&course->restarted, g_date_free);
  g_clear_pointer (&course->values, g_array_unref);
  g_clear_pointer (&course->last_test, g_date_free);
}

typedef void (*CourseDone) (Course      *course,
                            const GDate *today,
                            GPtrArray   *items);

static gboolean
walk_courses (KesStore     *store,
              const char   *team_id,
              const char   *category,
              const char   *results_table,
              const char   *value_column,
              const GDate  *today,
              GPtrArray    *items,
              CourseDone    done,
              GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  Course course = { { 0 } };
  int rc;

  /* The earliest course per patient (a dose change is a new revision, not a
   * new prescription); stopped ones too, so a red result is never dropped.
   * Results are checked active one by one: a LEFT JOIN onto a joined pair
   * would make SQLite materialise every record in the database first. */
  sql = g_strdup_printf (
    "SELECT " PATIENT_COLUMNS ", x.id, x.start_date, x.stop_date, x.restarted_on, x.break_hours, "
    "  f.taken_on, f.%s "
    "FROM prescription x JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "LEFT JOIN %s f ON f.patient_id = x.patient_id AND f.taken_on >= x.start_date "
    "  AND (SELECT fr.state FROM record fr WHERE fr.id = f.id) = 'active' "
    "WHERE +x.category = ?1 %%s"
    "ORDER BY p.id, x.start_date, x.id, f.taken_on, "
    "  (SELECT fr.created_at FROM record fr WHERE fr.id = f.id)",
    value_column, results_table);
  stmt = kes_store_prepare_for_team (store, sql, team_id, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      const char *patient_id = kes_store_column_text (stmt, 0);
      const char *prescription_id = kes_store_column_text (stmt, c);

      if (course.patient.id != NULL && !g_str_equal (course.patient.id, patient_id))
        {
          done (&course, today, items);
          course_clear (&course);
        }
      if (course.patient.id == NULL)
        {
          patient_row_read (stmt, &course.patient);
          course.prescription_id = g_strdup (prescription_id);
          course.start = kes_date_from_iso (kes_store_column_text (stmt, c + 1));
          if (column_or_null (stmt, c + 2) != NULL)
            course.stop = kes_date_from_iso (kes_store_column_text (stmt, c + 2));
          if (column_or_null (stmt, c + 3) != NULL)
            course.restarted = kes_date_from_iso (kes_store_column_text (stmt, c + 3));
          course.break_hours = sqlite3_column_double (stmt, c + 4);
          course.values = g_array_new (FALSE, FALSE, sizeof (int));
        }
      if (!g_str_equal (course.prescription_id, prescription_id) || column_or_null (stmt, c + 5) == NULL)
        continue;
      g_clear_pointer (&course.last_test, g_date_free);
      course.last_test = kes_date_from_iso (kes_store_column_text (stmt, c + 5));
      if (g_str_equal (value_column, "light"))
        {
          KesFbcLight light;
          if (kes_fbc_light_parse (kes_store_column_text (stmt, c + 6), &light))
            {
              int value = light;
              g_array_append_val (course.values, value);
            }
        }
      else
        {
          int value = kes_lithium_band (sqlite3_column_double (stmt, c + 6));
          g_array_append_val (course.values, value);
        }
    }
  if (course.patient.id != NULL && rc == SQLITE_DONE)
    done (&course, today, items);
  course_clear (&course);
  return finish_query (store, stmt, rc, error);
}

static void
clozapine_course_done (Course      *course,
                       const GDate *today,
                       GPtrArray   *items)
{
  g_autofree KesFbcLight *lights = g_new0 (KesFbcLight, course->values->len + 1);
  g_autoptr(GDate) weekly_until = NULL;
  g_autoptr(GDate) due = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);
  gboolean stopped;

  if (course->start == NULL)
    return;
  for (guint i = 0; i < course->values->len; i++)
    lights[i] = (KesFbcLight) g_array_index (course->values, int, i);
  stopped = kes_clozapine_stopped (lights, course->values->len);
  /* A stopped course needs nothing more, unless a red result is open. */
  if (!stopped && course->stop != NULL && g_date_compare (course->stop, today) <= 0)
    return;

  if (course->restarted != NULL && kes_clozapine_break_restarts_weekly (course->break_hours))
    {
      weekly_until = g_date_copy (course->restarted);
      g_date_add_days (weekly_until, 7 * kes_clozapine_restart_weekly_weeks ());
    }
  due = kes_clozapine_next_fbc_due (course->start, lights, course->values->len, course->last_test,
                                    weekly_until);
  if (stopped)
    g_string_append (detail, kes_fbc_light_action (KES_FBC_RED));
  else if (course->values->len > 0 && lights[course->values->len - 1] == KES_FBC_AMBER)
    g_string_append (detail, kes_fbc_light_action (KES_FBC_AMBER));
  else if (course->last_test != NULL)
    g_string_append (detail, kes_clozapine_phase_label (kes_clozapine_phase (course->start,
                                                                             course->last_test)));
  else
    g_string_append (detail, _("Baseline blood test at registration"));
  if (course->restarted != NULL && kes_clozapine_break_needs_retitration (course->break_hours) &&
      (weekly_until == NULL || g_date_compare (today, weekly_until) < 0))
    g_string_append_printf (detail, _("; restarted after a break of %.0f hours: re-titrate"),
                            course->break_hours);

  add_item (items, "clozapine-fbc", stopped, due, today, kes_clozapine_soon_days (), &course->patient,
            stopped ? _("Red clozapine result: stop clozapine") : _("Clozapine blood test"),
            detail->str, "patient/medication", course->prescription_id);
}

gboolean
kes_store_due_clozapine (KesStore     *store,
                         const GDate  *today,
                         const char   *team_id,
                         GPtrArray    *items,
                         GError      **error)
{
  return walk_courses (store, team_id, "clozapine", "fbc_result", "light", today, items,
                       clozapine_course_done, error);
}

static void
lithium_course_done (Course      *course,
                     const GDate *today,
                     GPtrArray   *items)
{
  g_autofree KesLithiumBand *bands = g_new0 (KesLithiumBand, course->values->len + 1);
  g_autoptr(GDate) due = NULL;
  guint n = course->values->len;
  gboolean toxic;

  if (course->start == NULL || (course->stop != NULL && g_date_compare (course->stop, today) <= 0))
    return;
  for (guint i = 0; i < n; i++)
    bands[i] = (KesLithiumBand) g_array_index (course->values, int, i);
  toxic = n > 0 && bands[n - 1] == KES_LITHIUM_TOXIC;
  due = kes_lithium_next_due (course->start, bands, n, course->last_test);
  add_item (items, "lithium-level", toxic, due, today, kes_lithium_soon_days (), &course->patient,
            toxic ? _("Toxic lithium level") : _("Lithium level"),
            n > 0 ? kes_lithium_band_label (bands[n - 1]) : _("Baseline level after starting"),
            "patient/medication", course->prescription_id);
}

gboolean
kes_store_due_lithium (KesStore     *store,
                       const GDate  *today,
                       const char   *team_id,
                       GPtrArray    *items,
                       GError      **error)
{
  return walk_courses (store, team_id, "lithium", "lithium_level", "level", today, items,
                       lithium_course_done, error);
}

/* ---- Physical health (NICE CG178) ---- */

gboolean
kes_store_due_physical_health (KesStore     *store,
                               const GDate  *today,
                               const char   *team_id,
                               GPtrArray    *items,
                               GError      **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);
  guint soon = kes_physical_health_soon_days ();
  sqlite3_stmt *stmt;
  int rc;

#define LAST_CHECK(condition) "max (CASE WHEN hr.state = 'active' AND (" condition ") THEN h.taken_on END)"

  /* Columns after the patient's: start, then the last of each check in
   * KesPhysicalCheck order. One pass over the patient's checks gives all
   * five dates (a subquery each walked the checks five times). */
  stmt = kes_store_prepare_for_team (store,
    "SELECT " PATIENT_COLUMNS ", x.start, "
    LAST_CHECK ("h.weight_kg IS NOT NULL") ", "
    LAST_CHECK ("h.waist_cm IS NOT NULL") ", "
    LAST_CHECK ("h.systolic IS NOT NULL OR h.pulse IS NOT NULL") ", "
    LAST_CHECK ("h.hba1c IS NOT NULL OR h.glucose IS NOT NULL") ", "
    LAST_CHECK ("h.cholesterol IS NOT NULL") " "
    "FROM (SELECT a.patient_id, min (a.start_date) AS start FROM prescription a "
    "      JOIN record ar ON ar.id = a.id AND ar.state = 'active' JOIN patient p ON p.id = a.patient_id "
    "      WHERE +a.category IN ('depot', 'clozapine', 'antipsychotic') "
    "        AND (a.stop_date IS NULL OR a.stop_date > ?1) %s GROUP BY a.patient_id) x "
    PATIENT_JOIN
    "LEFT JOIN physical_health h ON h.patient_id = x.patient_id LEFT JOIN record hr ON hr.id = h.id "
    "GROUP BY x.patient_id", team_id, error);
#undef LAST_CHECK
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today_iso, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const int c = N_PATIENT_COLUMNS;
      g_autoptr(GDate) start = kes_date_from_iso (kes_store_column_text (stmt, c));
      g_autoptr(GDate) earliest = NULL;
      g_autoptr(GString) detail = g_string_new (NULL);
      PatientRow patient = { 0 };

      if (start == NULL)
        continue;
      /* One item per patient naming every check that is due. */
      for (KesPhysicalCheck check = KES_CHECK_WEIGHT; check < KES_N_CHECKS; check++)
        {
          const char *last_iso = column_or_null (stmt, c + 1 + check);
          g_autoptr(GDate) last = last_iso != NULL ? kes_date_from_iso (last_iso) : NULL;
          g_autoptr(GDate) due = kes_physical_check_next_due (check, start, last);
          g_autofree char *due_iso = kes_date_to_iso (due);
          KesDueUrgency urgency;

          if (!kes_due_urgency_for_date (due_iso, today, soon, &urgency))
            continue;
          g_string_append_printf (detail, "%s%s", detail->len > 0 ? ", " : "",
                                  kes_physical_check_label (check));
          if (earliest == NULL || g_date_compare (due, earliest) < 0)
            earliest = g_date_copy (due);
        }
      if (earliest == NULL)
        continue;
      patient_row_read (stmt, &patient);
      add_item (items, "physical-health", FALSE, earliest, today, soon, &patient,
                _("Physical health check"), detail->str, "patient/medication", NULL);
      patient_row_clear (&patient);
    }
  return finish_query (store, stmt, rc, error);
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
  sqlite3_stmt *stmt;
  int rc;

  stmt = kes_store_prepare_for_team (store,
    "SELECT " PATIENT_COLUMNS ", x.id, x.held_on FROM cpa_review x "
    "JOIN record xr ON xr.id = x.id AND xr.state = 'active' " PATIENT_JOIN
    "WHERE x.status = 'held' %s", team_id, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
  sqlite3_stmt *stmt;
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
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
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
