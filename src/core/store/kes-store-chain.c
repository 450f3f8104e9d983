/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-chain"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-error.h"
#include "kes-history-hash.h"
#include "kes-store-private.h"

/* The keyed chain's parts the writer and `verify` share: the installation
 * key a store seals with, the database's id (the seal's), and the digest
 * that seals the history written before the chain was keyed. */

KesInstallationKey *
kes_store_chain_key (KesStore  *self,
                     GError   **error)
{
  if (self->chain_key == NULL)
    {
      g_autoptr(GError) local = NULL;

      self->chain_key = kes_installation_key_get_own (&local);
      if (self->chain_key == NULL)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_IO,
                       _("Nothing can be saved: %s. Kestrel seals the access log with this key: put back "
                         "the copy of it you keep apart from the databases."),
                       local->message);
          return NULL;
        }
    }
  return self->chain_key;
}

gboolean
kes_store_find_seal (KesStore  *self,
                       char     **database_id,
                       gint64    *seal_seq,
                       GError   **error)
{
  /* The seal is the first keyed entry; the prefix before it is unkeyed. */
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT record_id, seq FROM audit WHERE key_id IS NOT NULL AND action = '" KES_AUDIT_SEAL "' "
    "ORDER BY seq LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *database_id = NULL;
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      *database_id = g_strdup (kes_store_column_text (stmt, 0));
      if (seal_seq != NULL)
        *seal_seq = kes_db_column_int64 (stmt, 1);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return FALSE;
    }
  return TRUE;
}

void
kes_store_revision_fields (KesDbStmt         *stmt,
                           int                first,
                           char             **data_sha256,
                           KesRevisionFields *fields)
{
  KesChangeKind change = KES_CHANGE_EDIT;

  kes_change_kind_from_string (kes_store_column_text (stmt, first + 6), &change);
  *data_sha256 = kes_revision_data_hash (kes_store_column_text (stmt, first + 8));
  *fields = (KesRevisionFields) {
    .record_id = kes_store_column_text (stmt, first),
    .kind = kes_store_column_text (stmt, first + 1),
    .patient_id = (const char *) kes_db_column_text (stmt, first + 2),
    .number = kes_db_column_int64 (stmt, first + 3),
    .author_id = kes_store_column_text (stmt, first + 4),
    .at = kes_store_column_text (stmt, first + 5),
    .change = change,
    .reason = (const char *) kes_db_column_text (stmt, first + 7),
    .data_sha256 = *data_sha256,
  };
}

KesAuditFields
kes_store_audit_fields (KesDbStmt *stmt,
                        int           first)
{
#define TEXT_OR_NULL(i) ((const char *) kes_db_column_text (stmt, first + (i)))
  return (KesAuditFields) {
    .seq = kes_db_column_int64 (stmt, first),
    .at = TEXT_OR_NULL (1),
    .actor_id = TEXT_OR_NULL (2),
    .action = TEXT_OR_NULL (3),
    .record_id = TEXT_OR_NULL (4),
    .patient_id = TEXT_OR_NULL (5),
    .revision = kes_db_column_int64 (stmt, first + 6),
    .data_hash = TEXT_OR_NULL (7),
    .revision_hash = TEXT_OR_NULL (8),
    .revision_author = TEXT_OR_NULL (9),
    .revision_at = TEXT_OR_NULL (10),
    .summary = TEXT_OR_NULL (11),
    .key_id = TEXT_OR_NULL (12),
    .prev_hash = TEXT_OR_NULL (13),
  };
#undef TEXT_OR_NULL
}

gboolean
kes_store_unkeyed_digest (KesStore  *self,
                          gint64     before_seq,
                          char     **digest,
                          guint64   *revisions,
                          GError   **error)
{
  KesSealDigest *seal = kes_seal_digest_new ();
  KesDbStmt *stmt;
  int rc;

  /* Every revision whose entry is in the unkeyed chain, by record and
   * number: the same set at the seal and at every later check. */
  stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT " KES_REVISION_COLUMNS " FROM revision v JOIN record r ON r.id = v.record_id "
    "WHERE EXISTS (SELECT 1 FROM audit a WHERE a.record_id = v.record_id AND a.revision = v.revision "
    "AND a.data_hash IS NOT NULL AND a.seq < ?1) ORDER BY v.record_id, v.revision", error);
  if (stmt == NULL)
    {
      g_free (kes_seal_digest_finish (seal));
      return FALSE;
    }
  kes_db_bind_int64 (stmt, 1, before_seq);
  *revisions = 0;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autofree char *data_sha256 = NULL;
      char hash[KES_HASH_HEX_CHARS + 1];
      KesRevisionFields fields;

      kes_store_revision_fields (stmt, 0, &data_sha256, &fields);
      kes_revision_hash (&fields, hash);
      kes_seal_digest_add (seal, hash);
      (*revisions)++;
    }
  kes_db_reset (stmt);
  *digest = kes_seal_digest_finish (seal);
  if (rc != KES_DB_DONE)
    {
      g_clear_pointer (digest, g_free);
      kes_store_set_db_error (self, error, _("Could not read the record history"));
      return FALSE;
    }
  return TRUE;
}
