/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-care-alerts"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-monitoring.h"
#include "kes-store-community-private.h"
#include "kes-store-community.h"
#include "kes-validate.h"

/* What the record header says about medicines, and the per-patient
 * monitoring settings (threshold set, lithium plan, not to be
 * re-challenged) as the rules read them. */

/* The active record of @kind's table matching @where (one "?1" patient,
 * "?2" date), newest decision first. */
static KesCareRecord *
find_setting (KesStore    *self,
              const char  *patient_id,
              const char  *kind,
              const char  *where,
              const GDate *today,
              GError     **error)
{
  g_autofree char *today_iso = kes_date_to_iso (today);
  g_autofree char *sql = g_strdup_printf (
    "SELECT r.id, r.revision, r.state, v.data, s.display_name, r.updated_at, t.patient_id "
    "FROM %s t JOIN record r ON r.id = t.id AND r.state = 'active' "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN staff s ON s.id = r.updated_by "
    "WHERE t.patient_id = ?1 AND t.decided_on <= ?2 %s "
    "ORDER BY t.decided_on DESC, r.created_at DESC LIMIT 1", kes_care_kind_table (kind), where);
  KesCareRecord *record = NULL;
  KesDbStmt *stmt;
  int rc;

  /* Interned: the store caches statements by their SQL text. */
  stmt = kes_store_prepare (self, g_intern_string (sql), error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, today_iso, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    record = kes_store_care_record_from_row (stmt, kind);
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    kes_store_set_db_error (self, error, _("Could not read the monitoring settings"));
  return record;
}

/* A not-to-be-re-challenged record stands until the day it is lifted. */
#define NO_RECHALLENGE_STANDING "AND (t.lifted_on IS NULL OR t.lifted_on > ?2)"

static KesCareRecord *
standing_no_rechallenge (KesStore    *self,
                         const char  *patient_id,
                         const GDate *today,
                         GError     **error)
{
  return find_setting (self, patient_id, KES_CARE_CLOZAPINE_NO_RECHALLENGE, NO_RECHALLENGE_STANDING, today, error);
}

/* find_setting() for a reader allowed to see the patient's clinical
 * records, the view logged. */
static KesCareRecord *
read_setting (KesStore    *self,
              const char  *patient_id,
              const char  *kind,
              const char  *where,
              const GDate *today,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  KesCareRecord *record;

  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return NULL;
  record = find_setting (self, patient_id, kind, where, today, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (record != NULL && !kes_store_audit_view (self, kes_care_record_get_id (record), patient_id, kind, error))
    g_clear_object (&record);
  return record;
}

KesCareRecord *
kes_store_current_care_setting (KesStore     *self,
                                const char   *patient_id,
                                const char   *kind,
                                const GDate  *today,
                                GError      **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL && today != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (kind, KES_CARE_CLOZAPINE_MONITORING) == 0 ||
                        g_strcmp0 (kind, KES_CARE_LITHIUM_PLAN) == 0, NULL);

  return read_setting (self, patient_id, kind, "", today, error);
}

KesCareRecord *
kes_store_clozapine_no_rechallenge (KesStore     *self,
                                    const char   *patient_id,
                                    const GDate  *today,
                                    GError      **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL && today != NULL, NULL);

  return read_setting (self, patient_id, KES_CARE_CLOZAPINE_NO_RECHALLENGE, NO_RECHALLENGE_STANDING, today, error);
}

GPtrArray *
kes_store_list_care_alerts (KesStore    *self,
                            const char  *patient_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) monitoring = NULL;
  g_autoptr(KesCareRecord) no_rechallenge = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (patient_id != NULL, NULL);

  /* The urgent items Today shows for this patient, in the same words. */
  monitoring = kes_store_list_monitoring (self, patient_id, today, error);
  if (monitoring == NULL)
    return NULL;
  for (guint i = 0; i < monitoring->len; i++)
    {
      KesMonitoringItem *item = g_ptr_array_index (monitoring, i);

      if (item->urgent)
        g_ptr_array_add (alerts, g_strdup_printf ("%s: %s", item->title, item->detail));
    }

  no_rechallenge = standing_no_rechallenge (self, patient_id, today, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (no_rechallenge != NULL)
    {
      g_autofree char *since = kes_date_to_display (kes_care_record_get (no_rechallenge, "decided_on"));
      g_ptr_array_add (alerts, g_strdup_printf (_("Not to be re-challenged with clozapine (recorded %s by %s)"),
                                                since, kes_care_record_get (no_rechallenge, "decided_by")));
    }
  return g_steal_pointer (&alerts);
}
