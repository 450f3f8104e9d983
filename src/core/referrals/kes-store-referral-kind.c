/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-referral-kind"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-store-moj-private.h"
#include "kes-store-records-private.h"
#include "kes-store-referrals-private.h"
#include "kes-validate.h"

/* The referral as a record kind: its projection into `referral` (which
 * kes_store_project_revision() calls too) and what the generic save needs
 * (kes-store-records-private.h). The pathway's checks are in kes-store-referrals.c. */

gboolean
kes_store_project_referral (KesStore     *self,
                            KesReferral  *referral,
                            GError      **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO referral (id, patient_id, referral_date, source, area, security_level, unit, "
    "stage, stage_since, is_open) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT (id) DO UPDATE SET referral_date = ?3, source = ?4, area = ?5, "
    "security_level = ?6, unit = ?7, stage = ?8, stage_since = ?9, is_open = ?10", error);
  KesReferralStage stage = kes_referral_get_stage (referral);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_referral_get_id (referral), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_referral_get_text (referral, KES_REFERRAL_DATE), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_referral_get_text (referral, KES_REFERRAL_SOURCE), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, kes_referral_get_text (referral, KES_REFERRAL_AREA), -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 6, kes_referral_get_text (referral, KES_REFERRAL_SECURITY_LEVEL));
  kes_store_bind_text (stmt, 7, kes_referral_get_text (referral, KES_REFERRAL_UNIT));
  kes_db_bind_text (stmt, 8, kes_referral_stage_to_string (stage), -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 9, kes_referral_get_stage_date (referral), -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 10, kes_referral_stage_is_open (stage));
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the referral list"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

/* ---- Referrals' KesRecordOps ---- */

static void
referral_identify (gpointer           record,
                   KesRecordIdentity *identity)
{
  identity->id = kes_referral_get_id (record);
  identity->patient_id = kes_referral_get_text (record, KES_REFERRAL_PATIENT_ID);
  identity->revision = kes_referral_get_revision (record);
}

/* The pathway's own checks (prepare_referral for a save, the move's for a
 * step) ran first; the record as a whole must still be valid. */
static gpointer
referral_prepare (KesStore             *self,
                  const KesRecordKind  *kind,
                  gpointer              record,
                  char                **json,
                  GError              **error)
{
  g_autoptr(GPtrArray) issues = kes_referral_validate (record);

  if (!kes_issues_to_error (issues, error))
    return NULL;
  *json = kes_referral_to_json (record);
  return g_object_ref (record);
}

static gboolean
referral_project (KesStore    *self,
                  gpointer     record,
                  const char  *json,
                  GError     **error)
{
  return kes_store_project_referral (self, record, error);
}

/* The referral reads and writes the patient's one legal status record. */
static gboolean
referral_after_write (KesStore  *self,
                      gpointer   record,
                      GError   **error)
{
  return kes_store_legal_status_from_referral (self, record, error);
}

static const KesRecordOps referral_ops = {
  .get_type = kes_referral_get_type,
  .identify = referral_identify,
  .set_identity = (KesRecordSetIdentityFunc) kes_referral_set_identity,
  .prepare = referral_prepare,
  .project = referral_project,
  .after_write = referral_after_write,
};

const KesRecordKind kes_referral_record_kind = { "referral", "referral", TRUE, NULL, &referral_ops };
