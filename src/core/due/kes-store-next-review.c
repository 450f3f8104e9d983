/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-next-review"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-store-next-review.h"
#include "kes-store-private.h"

/* The current plan is the latest agreed active one, as Today reads it
 * (kes-store-care-plan-due.c), so the header and Today name the same date. */
#define NEXT_REVIEW_SQL \
  "SELECT due, kind FROM (" \
  " SELECT c.scheduled_for AS due, 1 AS kind FROM cpa_review c " \
  "  JOIN record cr ON cr.id = c.id AND cr.state = 'active' " \
  "  WHERE c.patient_id = ?1 AND c.status = 'scheduled' " \
  " UNION ALL " \
  " SELECT * FROM (SELECT x.review_date, 2 FROM care_plan x " \
  "  JOIN record xr ON xr.id = x.id AND xr.state = 'active' WHERE x.patient_id = ?1 " \
  "  ORDER BY x.start_date DESC, x.id DESC LIMIT 1) " \
  " UNION ALL " \
  " SELECT * FROM (SELECT y.review_date, 3 FROM crisis_plan y " \
  "  JOIN record yr ON yr.id = y.id AND yr.state = 'active' WHERE y.patient_id = ?1 " \
  "  ORDER BY y.agreed_on DESC, y.id DESC LIMIT 1)) " \
  "WHERE due IS NOT NULL ORDER BY due, kind LIMIT 1"

gboolean
kes_store_next_review (KesStore           *self,
                       const char         *patient_id,
                       char              **date_out,
                       KesNextReviewKind  *kind_out,
                       GError            **error)
{
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient_id != NULL && date_out != NULL && kind_out != NULL, FALSE);

  *date_out = NULL;
  *kind_out = KES_NEXT_REVIEW_NONE;
  if (!kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, patient_id, error))
    return FALSE;
  stmt = kes_store_prepare (self, NEXT_REVIEW_SQL, error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      *date_out = g_strdup (kes_store_column_text (stmt, 0));
      *kind_out = (KesNextReviewKind) kes_db_column_int (stmt, 1);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the next review"));
      g_clear_pointer (date_out, g_free);
      *kind_out = KES_NEXT_REVIEW_NONE;
      return FALSE;
    }
  return TRUE;
}

const char *
kes_next_review_kind_label (KesNextReviewKind kind)
{
  switch (kind)
    {
    case KES_NEXT_REVIEW_CPA:
      return _("CPA review booked");
    case KES_NEXT_REVIEW_CARE_PLAN:
      return _("care plan review");
    case KES_NEXT_REVIEW_CRISIS_PLAN:
      return _("crisis plan review");
    case KES_NEXT_REVIEW_NONE:
    default:
      return "";
    }
}
