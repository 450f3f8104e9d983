/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-medication-due"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clozapine.h"
#include "kes-due.h"
#include "kes-lithium.h"
#include "kes-store-community-private.h"
#include "kes-store-community.h"
#include "kes-validate.h"

/* Clozapine and lithium on Today and on the record. Every course of the
 * drug counts (a restart under a new prescription, two overlapping ones, a
 * course stopped today): the store gathers each patient's courses, results
 * and settings in a few set-based queries, and kes-clozapine.c and
 * kes-lithium.c say what is due. */

typedef struct
{
  KesCarePatientRow  patient;
  char              *birth_date;
  GPtrArray         *courses;       /* KesCourse* */
  GArray            *results;       /* KesFbcResult or KesLithiumLevel, oldest first */
  GArray            *thresholds;    /* Setting, oldest first (clozapine) */
  gboolean           no_rechallenge;
  KesLithiumPlan     plan;
  GDate             *last_checks[KES_N_LITHIUM_CHECKS];
} Monitored;

typedef struct
{
  GDate            *from;
  KesFbcThresholds  thresholds;
} Setting;

static void
setting_clear (Setting *setting)
{
  g_clear_pointer (&setting->from, g_date_free);
}

static void
monitored_free (Monitored *monitored)
{
  kes_care_patient_row_clear (&monitored->patient);
  g_free (monitored->birth_date);
  g_ptr_array_unref (monitored->courses);
  g_array_unref (monitored->results);
  g_array_unref (monitored->thresholds);
  g_clear_pointer (&monitored->plan.birth, g_date_free);
  for (guint i = 0; i < KES_N_LITHIUM_CHECKS; i++)
    g_clear_pointer (&monitored->last_checks[i], g_date_free);
  g_free (monitored);
}

static Monitored *
monitored_new (gboolean clozapine)
{
  Monitored *monitored = g_new0 (Monitored, 1);

  monitored->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_course_free);
  if (clozapine)
    {
      monitored->results = g_array_new (FALSE, TRUE, sizeof (KesFbcResult));
      g_array_set_clear_func (monitored->results, (GDestroyNotify) kes_fbc_result_clear);
    }
  else
    {
      monitored->results = g_array_new (FALSE, TRUE, sizeof (KesLithiumLevel));
      g_array_set_clear_func (monitored->results, (GDestroyNotify) kes_lithium_level_clear);
    }
  monitored->thresholds = g_array_new (FALSE, TRUE, sizeof (Setting));
  g_array_set_clear_func (monitored->thresholds, (GDestroyNotify) setting_clear);
  return monitored;
}

/* The patients on @category, in query order, and an index by patient id. */
typedef struct
{
  GPtrArray  *order;  /* Monitored* (owns) */
  GHashTable *by_id;  /* patient id -> Monitored* */
} Caseload;

static void
caseload_clear (Caseload *caseload)
{
  g_clear_pointer (&caseload->by_id, g_hash_table_unref);
  g_clear_pointer (&caseload->order, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Caseload, caseload_clear)

static const char *
text_or_null (KesDbStmt *stmt,
              int           column)
{
  return kes_care_column_or_null (stmt, column);
}

/* Every active course of @category for the active patients in scope. */
static gboolean
load_courses (KesStore     *store,
              const char   *category,
              const char   *team_id,
              const char   *patient_id,
              Caseload     *caseload,
              GError      **error)
{
  const int c = KES_CARE_N_PATIENT_COLUMNS;
  KesDbStmt *stmt;
  int rc;

  stmt = kes_care_prepare_scoped (store,
    "SELECT " KES_CARE_PATIENT_COLUMNS ", p.birth_date, x.id, x.start_date, x.stop_date, x.restarted_on, "
    "  x.break_hours, x.dose_changed_on "
    "FROM prescription x CROSS JOIN record xr ON xr.id = x.id AND xr.state = 'active' " KES_CARE_PATIENT_JOIN
    "WHERE +x.category = ?1 %s ORDER BY p.id, x.start_date, x.id", team_id, patient_id, error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, category, -1, KES_DB_COPY);
  caseload->order = g_ptr_array_new_with_free_func ((GDestroyNotify) monitored_free);
  caseload->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *id = kes_store_column_text (stmt, 0);
      Monitored *monitored = g_hash_table_lookup (caseload->by_id, id);

      if (monitored == NULL)
        {
          monitored = monitored_new (g_str_equal (category, "clozapine"));
          kes_care_patient_row_read (stmt, &monitored->patient);
          monitored->birth_date = g_strdup (text_or_null (stmt, c));
          g_ptr_array_add (caseload->order, monitored);
          g_hash_table_insert (caseload->by_id, monitored->patient.id, monitored);
        }
      g_ptr_array_add (monitored->courses,
                       kes_course_new (kes_store_column_text (stmt, c + 1), text_or_null (stmt, c + 2),
                                       text_or_null (stmt, c + 3), text_or_null (stmt, c + 4),
                                       kes_db_column_double (stmt, c + 5), text_or_null (stmt, c + 6)));
    }
  return kes_care_finish_query (store, stmt, rc, error);
}

/* Runs @sql (one "?1" for the category, rows starting with the patient id)
 * over the patients on the caseload, calling @row for each. */
typedef void (*RowFunc) (Monitored    *monitored,
                         KesDbStmt *stmt);

static gboolean
for_each_row (KesStore     *store,
              const char   *sql,
              const char   *bind,
              Caseload     *caseload,
              RowFunc       row,
              GError      **error)
{
  KesDbStmt *stmt = kes_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (bind != NULL)
    kes_db_bind_text (stmt, 1, bind, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      Monitored *monitored = g_hash_table_lookup (caseload->by_id, kes_store_column_text (stmt, 0));

      if (monitored != NULL)
        row (monitored, stmt);
    }
  return kes_care_finish_query (store, stmt, rc, error);
}

/* ---- Clozapine ---- */

static void
fbc_row (Monitored    *monitored,
         KesDbStmt *stmt)
{
  KesFbcResult result = { 0 };
  KesFbcLight light;

  result.taken = kes_date_from_iso (kes_store_column_text (stmt, 1));
  if (result.taken == NULL)
    return;
  result.wbc = kes_db_column_double (stmt, 2);
  result.neutrophils = kes_db_column_double (stmt, 3);
  result.service_light = kes_fbc_light_parse (text_or_null (stmt, 4), &light) ? (int) light : -1;
  /* The thresholds in force on the day of the result. */
  result.thresholds = KES_FBC_THRESHOLDS_STANDARD;
  for (guint i = 0; i < monitored->thresholds->len; i++)
    {
      Setting *setting = &g_array_index (monitored->thresholds, Setting, i);
      if (g_date_compare (setting->from, result.taken) <= 0)
        result.thresholds = setting->thresholds;
    }
  g_array_append_val (monitored->results, result);
}

static void
threshold_row (Monitored    *monitored,
               KesDbStmt *stmt)
{
  Setting setting = { kes_date_from_iso (kes_store_column_text (stmt, 1)), KES_FBC_THRESHOLDS_STANDARD };

  if (setting.from == NULL || !kes_fbc_thresholds_parse (kes_store_column_text (stmt, 2), &setting.thresholds))
    {
      setting_clear (&setting);
      return;
    }
  g_array_append_val (monitored->thresholds, setting);
}

static void
no_rechallenge_row (Monitored    *monitored,
                    KesDbStmt *stmt)
{
  monitored->no_rechallenge = TRUE;
}

static gboolean
load_clozapine (KesStore     *store,
                const GDate  *today,
                const char   *team_id,
                const char   *patient_id,
                Caseload     *caseload,
                GError      **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);

  /* Settings before results: each result is judged on the set in force
   * that day. Tables other than the courses are read whole and matched in
   * memory: they hold a few rows a patient. */
  return load_courses (store, "clozapine", team_id, patient_id, caseload, error) &&
         for_each_row (store,
           "SELECT c.patient_id, c.decided_on, c.thresholds FROM clozapine_monitoring c "
           "CROSS JOIN record r ON r.id = c.id AND r.state = 'active' ORDER BY c.patient_id, c.decided_on, r.created_at",
           NULL, caseload, threshold_row, error) &&
         for_each_row (store,
           "SELECT n.patient_id FROM clozapine_no_rechallenge n "
           "CROSS JOIN record r ON r.id = n.id AND r.state = 'active' "
           "WHERE n.decided_on <= ?1 AND (n.lifted_on IS NULL OR n.lifted_on > ?1)",
           today_iso, caseload, no_rechallenge_row, error) &&
         for_each_row (store,
           "SELECT f.patient_id, f.taken_on, f.wbc, f.neutrophils, f.service_light FROM fbc_result f "
           "JOIN record r ON r.id = f.id AND r.state = 'active' "
           "WHERE f.patient_id IN (SELECT x.patient_id FROM prescription x WHERE +x.category = 'clozapine') "
           "ORDER BY f.patient_id, f.taken_on, r.created_at",
           NULL, caseload, fbc_row, error);
}

static void
add_today (GPtrArray         *items,
           KesMonitoringItem *item,
           const GDate       *today,
           guint              soon_days,
           KesCarePatientRow *patient)
{
  kes_care_add_due_item (items, item->kind, item->urgent, item->due, today, soon_days, patient, item->title,
                         item->detail, "patient/medication", item->record_id);
}

/* What one patient's clozapine asks for: none or one item. */
static GPtrArray *
clozapine_items (Monitored   *monitored,
                 const GDate *today)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_monitoring_item_free);
  KesMonitoringItem *item = kes_clozapine_monitoring (monitored->courses, monitored->results,
                                                      monitored->no_rechallenge, today);

  if (item != NULL)
    g_ptr_array_add (items, item);
  return items;
}

typedef GPtrArray *(*MonitorFunc) (Monitored   *monitored,
                                   const GDate *today);

/* Appends what @monitor says each patient of @caseload needs: as Today's
 * items (KesDueItem, "soon" within @soon_days) or, with @soon_days NULL,
 * the KesMonitoringItem themselves (the record's own list). */
static void
collect (Caseload    *caseload,
         MonitorFunc  monitor,
         const GDate *today,
         const guint *soon_days,
         GPtrArray   *items)
{
  for (guint i = 0; i < caseload->order->len; i++)
    {
      Monitored *monitored = caseload->order->pdata[i];
      g_autoptr(GPtrArray) due = monitor (monitored, today);

      if (soon_days == NULL)
        {
          g_ptr_array_extend_and_steal (items, g_steal_pointer (&due));
          continue;
        }
      for (guint j = 0; j < due->len; j++)
        add_today (items, due->pdata[j], today, *soon_days, &monitored->patient);
    }
}

gboolean
kes_store_due_clozapine (KesStore     *store,
                         const GDate  *today,
                         const char   *team_id,
                         GPtrArray    *items,
                         GError      **error)
{
  g_auto(Caseload) caseload = { 0 };
  guint soon_days = kes_clozapine_soon_days ();

  if (!load_clozapine (store, today, team_id, NULL, &caseload, error))
    return FALSE;
  collect (&caseload, clozapine_items, today, &soon_days, items);
  return TRUE;
}

/* ---- Lithium ---- */

static void
level_row (Monitored    *monitored,
           KesDbStmt *stmt)
{
  KesLithiumLevel level = { kes_date_from_iso (kes_store_column_text (stmt, 1)), kes_db_column_double (stmt, 2) };

  if (level.taken != NULL)
    g_array_append_val (monitored->results, level);
}

/* The plan in force: the latest decided, rows arriving oldest first. */
static void
plan_row (Monitored    *monitored,
          KesDbStmt *stmt)
{
  KesLithiumTarget target;

  if (!kes_lithium_target_parse (kes_store_column_text (stmt, 1), &target))
    return;
  monitored->plan.target = target;
  monitored->plan.interacting_drugs = kes_db_column_int (stmt, 2) != 0;
  monitored->plan.renal_thyroid_calcium_risk = kes_db_column_int (stmt, 3) != 0;
  monitored->plan.poor_control_or_adherence = kes_db_column_int (stmt, 4) != 0;
}

static void
checks_row (Monitored    *monitored,
            KesDbStmt *stmt)
{
  for (guint i = 0; i < KES_N_LITHIUM_CHECKS; i++)
    {
      const char *iso = text_or_null (stmt, 1 + (int) i);

      g_clear_pointer (&monitored->last_checks[i], g_date_free);
      monitored->last_checks[i] = iso != NULL ? kes_date_from_iso (iso) : NULL;
    }
}

static gboolean
load_lithium (KesStore     *store,
              const GDate  *today,
              const char   *team_id,
              const char   *patient_id,
              Caseload     *caseload,
              GError      **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);

  if (!load_courses (store, "lithium", team_id, patient_id, caseload, error))
    return FALSE;
  for (guint i = 0; i < caseload->order->len; i++)
    {
      Monitored *monitored = caseload->order->pdata[i];

      if (monitored->birth_date != NULL)
        monitored->plan.birth = kes_date_from_iso (monitored->birth_date);
    }

#define LAST_CHECK(condition) "max (CASE WHEN " condition " THEN h.taken_on END)"
  /* Checks in KesLithiumCheck order: eGFR, U&E, calcium, thyroid, weight. */
  return for_each_row (store,
           "SELECT l.patient_id, l.target_range, l.interacting_drugs, l.renal_thyroid_calcium_risk, "
           "  l.poor_control_or_adherence FROM lithium_plan l CROSS JOIN record r ON r.id = l.id AND r.state = 'active' "
           "WHERE l.decided_on <= ?1 ORDER BY l.patient_id, l.decided_on, r.created_at",
           today_iso, caseload, plan_row, error) &&
         for_each_row (store,
           "SELECT l.patient_id, l.taken_on, l.level FROM lithium_level l "
           "JOIN record r ON r.id = l.id AND r.state = 'active' "
           "WHERE l.patient_id IN (SELECT x.patient_id FROM prescription x WHERE +x.category = 'lithium') "
           "ORDER BY l.patient_id, l.taken_on, r.created_at",
           NULL, caseload, level_row, error) &&
         for_each_row (store,
           "SELECT h.patient_id, "
           LAST_CHECK ("h.egfr IS NOT NULL") ", " LAST_CHECK ("h.ue_done = 1") ", "
           LAST_CHECK ("h.calcium IS NOT NULL") ", " LAST_CHECK ("h.tsh IS NOT NULL") ", "
           LAST_CHECK ("h.weight_kg IS NOT NULL") " "
           "FROM physical_health h JOIN record r ON r.id = h.id AND r.state = 'active' "
           "WHERE h.patient_id IN (SELECT x.patient_id FROM prescription x WHERE +x.category = 'lithium') "
           "GROUP BY h.patient_id",
           NULL, caseload, checks_row, error);
#undef LAST_CHECK
}

static GPtrArray *
lithium_items (Monitored   *monitored,
               const GDate *today)
{
  return kes_lithium_monitoring (monitored->courses, monitored->results, &monitored->plan, monitored->last_checks,
                                 today);
}

gboolean
kes_store_due_lithium (KesStore     *store,
                       const GDate  *today,
                       const char   *team_id,
                       GPtrArray    *items,
                       GError      **error)
{
  g_auto(Caseload) caseload = { 0 };
  guint soon_days = kes_lithium_soon_days ();

  if (!load_lithium (store, today, team_id, NULL, &caseload, error))
    return FALSE;
  collect (&caseload, lithium_items, today, &soon_days, items);
  return TRUE;
}

GPtrArray *
kes_store_list_monitoring (KesStore     *self,
                           const char   *patient_id,
                           const GDate  *today,
                           GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_monitoring_item_free);
  g_auto(Caseload) clozapine = { 0 };
  g_auto(Caseload) lithium = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL && today != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error) ||
      !load_clozapine (self, today, NULL, patient_id, &clozapine, error) ||
      !load_lithium (self, today, NULL, patient_id, &lithium, error))
    return NULL;
  collect (&clozapine, clozapine_items, today, NULL, items);
  collect (&lithium, lithium_items, today, NULL, items);
  if (!kes_store_physical_monitoring (self, patient_id, today, items, error))
    return NULL;
  return g_steal_pointer (&items);
}
