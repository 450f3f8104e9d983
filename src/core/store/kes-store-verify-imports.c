/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-verify-imports"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-history-hash.h"
#include "kes-store-verify-private.h"

/* Revisions imported as one import of a patient (migration 0024,
 * kes-store-import-patient.c) against the one access-log entry that
 * vouches for them. The revision walk (kes-store-verify-chain.c) feeds each
 * such revision's hash to its import's digest, in the history's own
 * (record id, number) order, the order the import digested them in; then
 * every import's row is checked against its entry: the same actor, time
 * and patient, and the digest, closed with the row's patient and source,
 * equal to the entry's revision hash. The chain vouches for the entry, so
 * a revision altered, renumbered, added to or removed from an import, or
 * the import's provenance altered, shows up here. */

struct _KesVerifyImports
{
  GHashTable *digests; /* import id (gint64*) -> KesImportDigest* */
  GHashTable *first;   /* import id -> "record R revision N", its first revision */
};

KesVerifyImports *
kes_verify_imports_new (void)
{
  KesVerifyImports *self = g_new0 (KesVerifyImports, 1);

  self->digests = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) kes_import_digest_free);
  self->first = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

void
kes_verify_imports_free (KesVerifyImports *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->digests);
  g_hash_table_unref (self->first);
  g_free (self);
}

void
kes_verify_imports_add (KesVerifyImports *self,
                        gint64            import_id,
                        const char       *record_id,
                        gint64            number,
                        const char       *revision_hash)
{
  KesImportDigest *digest = g_hash_table_lookup (self->digests, &import_id);

  if (digest == NULL)
    {
      digest = kes_import_digest_new ();
      g_hash_table_insert (self->digests, g_memdup2 (&import_id, sizeof import_id), digest);
      g_hash_table_insert (self->first, g_memdup2 (&import_id, sizeof import_id),
                           g_strdup_printf ("record %s revision %lld", record_id, (long long) number));
    }
  kes_import_digest_add (digest, revision_hash);
}

/* The row of patient_import at hand against its entry; NULL when they agree. */
static char *
import_problem (KesVerifyImports *self,
                KesDbStmt        *stmt)
{
  gint64 id = kes_db_column_int64 (stmt, 0);
  const char *patient_id = (const char *) kes_db_column_text (stmt, 1);
  gint64 seq = kes_db_column_int64 (stmt, 2);
  const char *source = (const char *) kes_db_column_text (stmt, 5);
  KesImportDigest *digest = NULL;
  g_autofree gint64 *key = NULL;
  g_autofree char *digest_hex = NULL;

  if (kes_db_column_type (stmt, 6) == KES_DB_NULL)
    return g_strdup_printf (_("table patient_import, import %lld: the access-log entry %lld that "
                              "records it is missing"), (long long) id, (long long) seq);
  if (g_strcmp0 ((const char *) kes_db_column_text (stmt, 6), KES_AUDIT_IMPORT) != 0 ||
      g_strcmp0 ((const char *) kes_db_column_text (stmt, 3), (const char *) kes_db_column_text (stmt, 7)) != 0 ||
      g_strcmp0 ((const char *) kes_db_column_text (stmt, 4), (const char *) kes_db_column_text (stmt, 8)) != 0 ||
      g_strcmp0 (patient_id, (const char *) kes_db_column_text (stmt, 9)) != 0)
    return g_strdup_printf (_("table patient_import, import %lld: who imported it, when or which "
                              "patient differs from its access-log entry %lld"),
                            (long long) id, (long long) seq);
  g_hash_table_steal_extended (self->digests, &id, (gpointer *) &key, (gpointer *) &digest);
  if (digest == NULL)
    digest = kes_import_digest_new ();
  digest_hex = kes_import_digest_finish (digest, patient_id, source);
  if (g_strcmp0 (digest_hex, (const char *) kes_db_column_text (stmt, 10)) != 0)
    return g_strdup_printf (_("the revisions brought by import %lld (access-log entry %lld) no "
                              "longer match that entry: one was altered, renumbered, added or "
                              "removed, or where they came from was changed"),
                            (long long) id, (long long) seq);
  return NULL;
}

gboolean
kes_store_verify_imports (KesStore               *self,
                          KesVerifyImports       *imports,
                          KesVerifyImportProblem  note,
                          gpointer                user_data,
                          GError                **error)
{
  GHashTableIter iter;
  gpointer key;
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT p.id, p.patient_id, p.audit_seq, p.imported_by, p.imported_at, p.source, "
    "a.action, a.actor_id, a.at, a.patient_id, a.revision_hash "
    "FROM patient_import p LEFT JOIN audit a ON a.seq = p.audit_seq ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      gint64 id = kes_db_column_int64 (stmt, 0);
      char *problem = import_problem (imports, stmt);

      if (problem != NULL)
        note (kes_db_column_int64 (stmt, 2), problem, user_data);
      g_hash_table_remove (imports->digests, &id);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the record history"));
      return FALSE;
    }
  /* What is left names an import there is no row for. */
  g_hash_table_iter_init (&iter, imports->digests);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    note (G_MAXINT64,
          g_strdup_printf (_("table revision, %s: it names import %lld, which does not exist: it "
                             "was added, or its import removed, outside Kestrel"),
                           (const char *) g_hash_table_lookup (imports->first, key),
                           (long long) *(gint64 *) key),
          user_data);
  return TRUE;
}
