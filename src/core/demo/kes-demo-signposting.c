/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-demo-signposting"

#include "config.h"

#include "kes-demo-private.h"
#include "kes-signposting.h"

/* Demo signposting: where the person screened with the outcome
 * signposting was pointed (a service in the directory and a helpline that
 * is not in it), and where the referrer of a few declined or redirected
 * referrals was pointed (the author's own patients first, so "My
 * caseload" shows some), so both pages show signposting records.
 * Fictional, marked "(demo)". */

static gboolean
save_signposting (KesStore     *store,
                  const char   *source_id,
                  const char   *service_id,
                  const char   *organisation,
                  const char   *on,
                  const char   *given,
                  const char   *details,
                  GError      **error)
{
  g_autoptr(KesFieldRecord) record = kes_signposting_new ();
  g_auto(GStrv) codes = g_strsplit (given, " ", -1);

  kes_field_record_set_text (record, "source_id", source_id);
  kes_field_record_set_text (record, "service_id", service_id);
  kes_field_record_set_text (record, "organisation", organisation);
  kes_field_record_set_text (record, "signposted_on", on);
  kes_field_record_set_text (record, "signposted_by", kes_staff_get_id (kes_store_get_actor (store)));
  kes_field_record_set_list (record, "given", (const char * const *) codes);
  kes_field_record_set_text (record, "details", details);
  return kes_store_save_signposting (store, record, error);
}

gboolean
kes_demo_signpost_screening (KesStore    *store,
                             const char  *screening_id,
                             const char  *housing_service_id,
                             const char  *on,
                             GError     **error)
{
  return save_signposting (store, screening_id, housing_service_id, NULL, on, "leaflet phone-number",
                           "Drop-in times and the duty number written on the leaflet (demo)", error) &&
         save_signposting (store, screening_id, NULL, "Norfolk domestic abuse helpline (demo)", on,
                           "phone-number information",
                           "Explained what the helpline offers; she kept the number (demo)", error);
}

gboolean
kes_demo_signpost_referrals (KesStore    *store,
                             GError     **error)
{
  KesStaff *author = kes_store_get_actor (store);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt = kes_store_prepare (store,
    "SELECT f.id, f.stage_since FROM referral f JOIN patient p ON p.id = f.patient_id "
    "WHERE f.stage IN ('declined', 'redirected') AND p.team_id = ?1 "
    "ORDER BY p.coordinator_id = ?2 DESC, f.stage_since DESC, f.id LIMIT 4", error);

  if (stmt == NULL)
    return FALSE;
  kes_store_bind_text (stmt, 1, kes_staff_get_team_id (author));
  kes_store_bind_text (stmt, 2, kes_staff_get_id (author));
  while (kes_db_step (stmt) == KES_DB_ROW)
    {
      g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
      g_ptr_array_add (dates, g_strdup (kes_store_column_text (stmt, 1)));
    }
  kes_db_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    if (!save_signposting (store, ids->pdata[i], NULL, "Essex forensic community team (demo)", dates->pdata[i],
                           i % 2 == 0 ? "phone-number" : "information appointment",
                           "Referrer given the Essex team’s duty line and referral address (demo)", error))
      return FALSE;
  return TRUE;
}
