/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-due"

#include "config.h"

#include <string.h>

#include "kes-due.h"
#include "kes-store-community-private.h"
#include "kes-store-due-private.h"
#include "kes-store-referrals-private.h"
#include "kes-store-moj.h"
#include "kes-store-risk-private.h"

/* Every feature that makes work due adds its provider here, one line each.
 * A provider appends KesDueItem objects for all active patients; filtering
 * by team happens once, below. */
static const KesDueProvider providers[] = {
  kes_store_due_risk_reviews,
  kes_store_carer_reviews_due,
  kes_store_moj_due_items,
  kes_store_inreach_tasks_due,
  kes_store_due_depots,
  kes_store_due_depot_observation,
  kes_store_due_clozapine,
  kes_store_due_lithium,
  kes_store_due_physical_health,
  kes_store_due_cpa_reviews,
  NULL, /* keeps the array non-empty in C until the first provider lands */
};

sqlite3_stmt *
kes_store_prepare_for_team (KesStore    *store,
                            const char  *sql_format,
                            const char  *team_id,
                            GError     **error)
{
  const char *slot = strstr (sql_format, "%s");
  g_autoptr(GString) sql = g_string_new_len (sql_format, slot - sql_format);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (slot != NULL, NULL);
  if (team_id != NULL)
    g_string_append (sql, "AND p.team_id = :team ");
  g_string_append (sql, slot + 2);
  /* Interned: the store caches statements by the address of their SQL text. */
  stmt = kes_store_prepare (store, g_intern_string (sql->str), error);

  if (stmt != NULL && team_id != NULL)
    sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":team"), team_id, -1, SQLITE_TRANSIENT);
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

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    if (providers[i] != NULL && !providers[i] (self, today, team_id, items, error))
      return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      KesDueItem *item = g_ptr_array_index (items, i);
      if (team_id == NULL || g_strcmp0 (kes_due_item_get_team_id (item), team_id) == 0)
        g_ptr_array_add (kept, g_object_ref (item));
    }
  g_ptr_array_sort (kept, kes_due_item_compare);
  return g_steal_pointer (&kept);
}
