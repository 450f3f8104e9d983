/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-inreach-due"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-due.h"
#include "kes-patient.h"
#include "kes-referral-private.h"
#include "kes-store-due-private.h"
#include "kes-store-referrals-private.h"
#include "kes-validate.h"

/* Today's in-reach work: discharge-readiness tasks with a due date that are
 * not yet done, and planned visits (no outcome recorded) that are due, for
 * referrals accepted or in in-reach. A task leaves Today when it is marked
 * done or not applicable, a visit when its outcome is written, and both when
 * the person is discharged or the referral closes. */

#define SOON_DAYS 7

gboolean
kes_store_inreach_tasks_due (KesStore     *store,
                             const GDate  *today,
                             const char   *team_id,
                             GPtrArray    *items,
                             GError      **error)
{
  KesDbStmt *stmt = kes_store_prepare_for_team (store,
    "SELECT f.id, f.patient_id, p.family_name, p.given_name, p.preferred_name, p.team_id, v.data "
    "FROM referral f CROSS JOIN record r ON r.id = f.id AND r.state = 'active' "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "JOIN patient p ON p.id = f.patient_id JOIN record pr ON pr.id = p.id AND pr.state = 'active' "
    "WHERE f.stage IN ('accepted', 'in-reach') %s", team_id, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesReferral) referral = kes_referral_new ();
      g_autofree char *name = kes_patient_format_display_name (kes_store_column_text (stmt, 2),
                                                               kes_store_column_text (stmt, 3),
                                                               kes_store_column_text (stmt, 4));
      const char *referral_id = kes_store_column_text (stmt, 0);
      const char *patient_id = kes_store_column_text (stmt, 1);
      const char *patient_team = kes_db_column_type (stmt, 5) == KES_DB_NULL ? NULL : kes_store_column_text (stmt, 5);
      KesDueUrgency urgency;

      if (!kes_referral_load_json (referral, kes_store_column_text (stmt, 6), NULL))
        continue;
      for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
        {
          const KesReadinessTask *task = &referral->readiness[i];
          g_autofree char *title = NULL;
          g_autofree char *detail = NULL;

          if (!kes_readiness_task_is_pending (task) || task->due_date == NULL ||
              !kes_due_urgency_for_date (task->due_date, today, SOON_DAYS, &urgency))
            continue;
          title = g_strdup_printf (_("Discharge readiness: %s"), kes_readiness_item_label (i));
          detail = task->owner != NULL ? g_strdup_printf (_("Owner: %s"), task->owner) : NULL;
          g_ptr_array_add (items, kes_due_item_new ("in-reach-task", urgency, task->due_date, patient_id,
                                                    name, patient_team, title, detail, "patient/referral",
                                                    referral_id));
        }
      for (guint i = 0; i < referral->visits->len; i++)
        {
          const KesInreachVisit *visit = g_ptr_array_index (referral->visits, i);
          g_autofree char *title = NULL;

          if (visit->outcome != NULL || !kes_inreach_visit_is_active (visit) ||
              !kes_due_urgency_for_date (visit->date, today, SOON_DAYS, &urgency))
            continue;
          title = g_strdup_printf (_("In-reach visit: %s"), visit->unit != NULL ? visit->unit : "");
          g_ptr_array_add (items, kes_due_item_new ("in-reach-task", urgency, visit->date, patient_id,
                                                    name, patient_team, title, visit->purpose,
                                                    "patient/referral", referral_id));
        }
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (store, error, _("Could not read in-reach plans"));
      return FALSE;
    }
  return TRUE;
}
