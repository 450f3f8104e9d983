/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-import-patient"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-error.h"
#include "kes-history-hash.h"
#include "kes-store-import-private.h"
#include "kes-store-whole-db.h"

/* One import of a patient's case record, audited as one (migration 0024).
 *
 * Before, each imported revision had an access-log entry and a
 * revision_import row of its own: half the rows an import wrote. Now the
 * revisions name the import (revision.import_id) and one entry, written
 * last, holds a digest over their hashes in (record id, number) order,
 * closed with the patient and the file's source: `verify` recomputes it
 * from the revisions that name the import (kes-store-verify-imports.c), so
 * any revision changed, added, removed or renumbered, or moved to another
 * import, no longer matches the entry the chain protects. */

typedef struct
{
  char   *record_id;
  gint64  number;
  char    hash[KES_HASH_HEX_CHARS + 1];
} Brought;

struct _KesStoreImport
{
  char   *patient_id;
  gint64  id;       /* patient_import.id, reserved at begin */
  GArray *brought;  /* Brought, in the order written */
};

static void
brought_clear (gpointer data)
{
  g_free (((Brought *) data)->record_id);
}

/* The order `verify` meets them in: the revision table's own. */
static int
compare_brought (gconstpointer a,
                 gconstpointer b)
{
  const Brought *x = a;
  const Brought *y = b;
  int by_record = strcmp (x->record_id, y->record_id);

  if (by_record != 0)
    return by_record;
  return x->number < y->number ? -1 : x->number > y->number;
}

void
kes_store_import_patient_abandon (KesStore *self)
{
  g_return_if_fail (KES_IS_STORE (self));

  if (self->import == NULL)
    return;
  g_free (self->import->patient_id);
  g_array_unref (self->import->brought);
  g_clear_pointer (&self->import, g_free);
}

gboolean
kes_store_import_patient_open (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->import != NULL;
}

gint64
kes_store_import_patient_id (KesStore *self)
{
  return self->import != NULL ? self->import->id : 0;
}

void
kes_store_import_patient_note (KesStore                *self,
                               const KesRevisionFields *revision)
{
  Brought brought = { g_strdup (revision->record_id), revision->number, { 0 } };

  kes_revision_hash (revision, brought.hash);
  g_array_append_val (self->import->brought, brought);
}

gboolean
kes_store_import_patient_begin (KesStore    *self,
                                const char  *patient_id,
                                GError     **error)
{
  KesDbStmt *stmt;
  gint64 next = 0;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  kes_store_import_patient_abandon (self);
  if (!self->chain_keyed ||
      kes_store_get_user_version (self) < kes_store_import_per_patient_version ())
    return TRUE;
  /* The id this import's row will have: this transaction holds the write
   * lock, and only the import writes patient_import. */
  stmt = kes_store_prepare (self, "SELECT coalesce (max (id), 0) + 1 FROM patient_import", error);
  if (stmt == NULL)
    return FALSE;
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    next = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW)
    {
      kes_store_set_db_error (self, error, _("Could not read the database"));
      return FALSE;
    }
  self->import = g_new0 (struct _KesStoreImport, 1);
  self->import->patient_id = g_strdup (patient_id);
  self->import->id = next;
  self->import->brought = g_array_new (FALSE, FALSE, sizeof (Brought));
  g_array_set_clear_func (self->import->brought, brought_clear);
  return TRUE;
}

gboolean
kes_store_import_patient_end (KesStore    *self,
                              const char  *summary,
                              GError     **error)
{
  struct _KesStoreImport *import = self->import;
  const char *source = self->import_source != NULL ? self->import_source : "";
  g_autofree char *at = NULL;
  g_autofree char *digest_hex = NULL;
  KesImportDigest *digest;
  KesDbStmt *stmt;
  gint64 seq = 0;
  gboolean ok;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (import != NULL, FALSE);

  /* The same right as the revisions it vouches for (kes-store-import.c). */
  if (!kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, NULL, error) ||
      !kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, NULL, error))
    {
      kes_store_import_patient_abandon (self);
      return FALSE;
    }
  g_array_sort (import->brought, compare_brought);
  digest = kes_import_digest_new ();
  for (guint i = 0; i < import->brought->len; i++)
    kes_import_digest_add (digest, g_array_index (import->brought, Brought, i).hash);
  digest_hex = kes_import_digest_finish (digest, import->patient_id, source);
  at = kes_store_now_iso (self);

  ok = kes_store_audit_import_entry (self, import->patient_id, at, digest_hex, summary, &seq, error);
  if (ok)
    {
      stmt = kes_store_prepare (self,
        "INSERT INTO patient_import (id, patient_id, audit_seq, imported_by, imported_at, source) "
        "VALUES (?, ?, ?, ?, ?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          kes_db_bind_int64 (stmt, 1, import->id);
          kes_db_bind_text (stmt, 2, import->patient_id, -1, KES_DB_STATIC);
          kes_db_bind_int64 (stmt, 3, seq);
          kes_db_bind_text (stmt, 4, kes_staff_get_id (self->actor), -1, KES_DB_STATIC);
          kes_db_bind_text (stmt, 5, at, -1, KES_DB_STATIC);
          kes_db_bind_text (stmt, 6, source, -1, KES_DB_STATIC);
          ok = kes_store_step_done (self, stmt, _("Could not save where the record came from"), error);
        }
    }
  kes_store_import_patient_abandon (self);
  return ok;
}
