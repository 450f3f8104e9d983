/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-whole-db"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-whole-db.h"
#include "kes-store-private.h"

GPtrArray *
kes_store_list_patient_ids (KesStore  *self,
                            GError   **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_EXPORT, NULL, error))
    return NULL;

  /* A register has no owning patient: "patient_id IS NULL" lets the
   * record_patient index find them without reading every record. */
  stmt = kes_store_prepare (self,
    "SELECT id FROM record WHERE patient_id IS NULL AND kind = 'patient' ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (ids, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not list the patients"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
kes_store_audit_in_transaction (KesStore    *self,
                                const char  *action,
                                const char  *record_id,
                                const char  *patient_id,
                                const char  *summary,
                                GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  return kes_store_audit_append (self, action, record_id, patient_id, summary, error);
}

/* Inside a caller's transaction (a dry run is one, rolled back) the
 * settings are left as they are: they can't change within a transaction. */
gboolean
kes_store_import_relax (KesStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->savepoint_depth > 0 || kes_store_bulk_relax (self, FALSE, error);
}

gboolean
kes_store_import_restore (KesStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->savepoint_depth > 0 || kes_store_bulk_restore (self, error);
}
