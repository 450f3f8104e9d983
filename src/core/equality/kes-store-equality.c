/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-equality"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-codes.h"
#include "kes-equality.h"
#include "kes-error.h"
#include "kes-referral-stats.h"
#include "kes-store-private.h"

/* The counts behind the equality report. Ethnic category and gender live in
 * the patient's current revision (JSON), so they are read from there. */

static gboolean
is_restricted (const char *legal_status)
{
  KesCodeList *restricted = kes_code_list_get (KES_CODES_LEGAL_STATUS_RESTRICTED);
  return legal_status != NULL && *legal_status != '\0' && restricted != NULL &&
         kes_code_list_contains (restricted, legal_status);
}

static gboolean
count_caseload (KesStore           *self,
                KesEqualityReport  *report,
                GError            **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT json_extract (v.data, '$.ethnicity'), json_extract (v.data, '$.gender'), "
    "p.birth_date, p.legal_status FROM patient p CROSS JOIN record r ON r.id = p.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE r.state = 'active' AND substr (r.created_at, 1, 10) <= ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, report->to, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *ethnicity = kes_store_column_text (stmt, 0);
      const char *gender = kes_store_column_text (stmt, 1);
      const char *birth = kes_store_column_text (stmt, 2);

      kes_equality_report_add (report, KES_MEASURE_CASELOAD, ethnicity, gender, birth);
      if (is_restricted (kes_store_column_text (stmt, 3)))
        kes_equality_report_add (report, KES_MEASURE_RESTRICTED, ethnicity, gender, birth);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not count the caseload"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_carer_assessments (KesStore           *self,
                         KesEqualityReport  *report,
                         GError            **error)
{
  /* Offers in the period, grouped by the patient cared for. */
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT json_extract (v.data, '$.ethnicity'), json_extract (v.data, '$.gender'), p.birth_date "
    "FROM carer_assessment a CROSS JOIN record ar ON ar.id = a.id "
    "LEFT JOIN patient p ON p.id = a.patient_id LEFT JOIN record r ON r.id = p.id "
    "LEFT JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "WHERE ar.state = 'active' AND a.offered_on >= ?1 AND a.offered_on <= ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, report->from, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, report->to, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    kes_equality_report_add (report, KES_MEASURE_CARER_ASSESSMENTS, kes_store_column_text (stmt, 0),
                             kes_store_column_text (stmt, 1), kes_store_column_text (stmt, 2));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not count carer’s assessments"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_period (KesEqualityReport *report,
           const char        *date)
{
  return date != NULL && strcmp (date, report->from) >= 0 && strcmp (date, report->to) <= 0;
}

static gboolean
count_referrals (KesStore           *self,
                 KesEqualityReport  *report,
                 GError            **error)
{
  /* Every episode of every active referral (kes-referral-stats.h), by the
   * patient referred: received in the period, decided in the period. */
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT v.data, json_extract (pv.data, '$.ethnicity'), json_extract (pv.data, '$.gender'), p.birth_date "
    "FROM referral f CROSS JOIN record r ON r.id = f.id "
    "JOIN revision v ON v.record_id = r.id AND v.revision = r.revision "
    "LEFT JOIN patient p ON p.id = f.patient_id LEFT JOIN record pr ON pr.id = p.id "
    "LEFT JOIN revision pv ON pv.record_id = pr.id AND pv.revision = pr.revision "
    "WHERE r.state = 'active' ORDER BY f.referral_date, f.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesReferral) referral = kes_referral_new ();
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_referral_episode_free);
      const char *ethnicity = kes_store_column_text (stmt, 1);
      const char *gender = kes_store_column_text (stmt, 2);
      const char *birth = kes_store_column_text (stmt, 3);

      if (!kes_referral_load_json (referral, kes_store_column_text (stmt, 0), error))
        {
          kes_db_reset (stmt);
          return FALSE;
        }
      kes_referral_episodes_append (episodes, referral, ethnicity);
      for (guint i = 0; i < episodes->len; i++)
        {
          KesReferralEpisode *episode = g_ptr_array_index (episodes, i);

          if (in_period (report, episode->received))
            kes_equality_report_add (report, KES_MEASURE_REFERRALS_RECEIVED, ethnicity, gender, birth);
          if (in_period (report, episode->decided))
            kes_equality_report_add_decision (report, episode->accepted,
                                              kes_referral_days_between (episode->received, episode->decided),
                                              ethnicity, gender, birth);
        }
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not count the referrals"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_recalls (KesStore           *self,
               KesEqualityReport  *report,
               GError            **error)
{
  /* Recalls to hospital dated in the period, on legal status records. */
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT json_extract (pv.data, '$.ethnicity'), json_extract (pv.data, '$.gender'), p.birth_date "
    "FROM moj_record m JOIN record mr ON mr.id = m.id "
    "JOIN patient p ON p.id = m.patient_id JOIN record pr ON pr.id = p.id "
    "JOIN revision pv ON pv.record_id = pr.id AND pv.revision = pr.revision "
    "WHERE mr.state = 'active' AND m.kind = 'legal-status' "
    "AND json_extract (m.data, '$.recall_date') >= ?1 AND json_extract (m.data, '$.recall_date') <= ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, report->from, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, report->to, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    kes_equality_report_add (report, KES_MEASURE_RECALLS, kes_store_column_text (stmt, 0),
                             kes_store_column_text (stmt, 1), kes_store_column_text (stmt, 2));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not count recalls"));
      return FALSE;
    }
  return TRUE;
}

KesEqualityReport *
kes_store_equality_report (KesStore    *self,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  g_autoptr(KesEqualityReport) report = NULL;
  g_autoptr(GError) export_error = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  if (strcmp (from, to) > 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The period ends before it starts: check the dates"));
      return NULL;
    }
  if (!kes_store_require (self, KES_PERMISSION_EXPORT, NULL, &export_error) &&
      !kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, NULL))
    {
      g_propagate_error (error, g_steal_pointer (&export_error));
      return NULL;
    }

  report = kes_equality_report_new (from, to);
  report->available[KES_MEASURE_CASELOAD] = TRUE;
  report->available[KES_MEASURE_RESTRICTED] = TRUE;
  report->available[KES_MEASURE_CARER_ASSESSMENTS] = TRUE;
  report->available[KES_MEASURE_REFERRALS_RECEIVED] = TRUE;
  report->available[KES_MEASURE_REFERRALS_ACCEPTED] = TRUE;
  report->available[KES_MEASURE_REFERRALS_DECLINED] = TRUE;
  report->available[KES_MEASURE_RECALLS] = TRUE;
  if (!count_caseload (self, report, error) || !count_carer_assessments (self, report, error) ||
      !count_referrals (self, report, error) || !count_recalls (self, report, error))
    return NULL;

  summary = g_strdup_printf ("equality report %s to %s", from, to);
  if (!kes_store_audit (self, KES_AUDIT_EXPORT, NULL, NULL, summary, error))
    return NULL;
  return g_steal_pointer (&report);
}
