/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-due"

#include "config.h"

#include <string.h>

#include "kes-audit.h"
#include "kes-due.h"
#include "kes-store-community-private.h"
#include "kes-store-due-private.h"
#include "kes-store-due.h"
#include "kes-store-referrals-private.h"
#include "kes-store-moj.h"
#include "kes-store-risk-private.h"

/* Every feature that makes work due adds its provider here, one line each,
 * with the permission that reads what it names: someone who may not read
 * clinical content sees no depot, lithium or blood test due, not even its
 * name. A provider appends KesDueItem objects for all active patients;
 * filtering by team happens once, below. */
static const struct
{
  KesDueProvider provider;
  KesPermission  permission;
} providers[] = {
  { kes_store_due_risk_reviews, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_carer_reviews_due, KES_PERMISSION_VIEW_CARERS },
  { kes_store_moj_due_items, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_inreach_tasks_due, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_depots, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_depot_observation, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_clozapine, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_lithium, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_physical_health, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_cpa_reviews, KES_PERMISSION_VIEW_CLINICAL },
  { kes_store_due_care_plans, KES_PERMISSION_VIEW_CLINICAL },
};

KesDbStmt *
kes_store_prepare_for_team (KesStore    *store,
                            const char  *sql_format,
                            const char  *team_id,
                            GError     **error)
{
  const char *slot = strstr (sql_format, "%s");
  g_autoptr(GString) sql = g_string_new_len (sql_format, slot - sql_format);
  KesDbStmt *stmt;

  g_return_val_if_fail (slot != NULL, NULL);
  if (team_id != NULL)
    g_string_append (sql, "AND p.team_id = :team ");
  g_string_append (sql, slot + 2);
  /* Interned: the store caches statements by the address of their SQL text. */
  stmt = kes_store_prepare (store, g_intern_string (sql->str), error);

  if (stmt != NULL && team_id != NULL)
    kes_db_bind_text (stmt, kes_db_bind_parameter_index (stmt, ":team"), team_id, -1, KES_DB_COPY);
  return stmt;
}

GPtrArray *
kes_store_list_due (KesStore     *self,
                    const GDate  *today,
                    const char   *team_id,
                    GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) clinical_refused = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *summary = NULL;
  gboolean clinical, carers;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  clinical = kes_store_require (self, KES_PERMISSION_VIEW_CLINICAL, NULL, &clinical_refused);
  carers = kes_store_require (self, KES_PERMISSION_VIEW_CARERS, NULL, NULL);
  if (!clinical && !carers)
    {
      g_propagate_error (error, g_steal_pointer (&clinical_refused));
      return NULL;
    }
  /* Someone in a team sees their own team's work only: asked for another
   * team's, they get none. */
  scope = kes_store_actor_team_scope (self);
  if (scope != NULL && team_id != NULL && !g_str_equal (scope, team_id))
    clinical = carers = FALSE;
  if (scope != NULL)
    team_id = scope;

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      gboolean allowed = providers[i].permission == KES_PERMISSION_VIEW_CARERS ? carers : clinical;

      if (allowed && !providers[i].provider (self, today, team_id, items, error))
        return NULL;
    }

  for (guint i = 0; i < items->len; i++)
    {
      KesDueItem *item = g_ptr_array_index (items, i);
      if (team_id == NULL || g_strcmp0 (kes_due_item_get_team_id (item), team_id) == 0)
        g_ptr_array_add (kept, g_object_ref (item));
    }
  g_ptr_array_sort (kept, kes_due_item_compare);

  /* Today names patients and their clinical work: one entry per reading. */
  summary = g_strdup_printf ("work due: %u items (%s)", kept->len, team_id != NULL ? "one team" : "all teams");
  if (!kes_store_audit (self, KES_AUDIT_LIST, NULL, NULL, summary, error))
    return NULL;
  return g_steal_pointer (&kept);
}
