/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-history-hash.h"
#include "kes-permissions.h"
#include "kes-store-private.h"

/* Writing the access log. Each entry is chained onto the one before it
 * (kes-history-hash.h); once the chain is keyed (migration 15, the seal in
 * kes-store-chain-seal.c) every entry is hashed with the installation key.
 * Checking it is kes-store-verify-chain.c. */

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static const char *
current_actor_id (KesStore *self)
{
  return self->actor != NULL ? kes_staff_get_id (self->actor) : NULL;
}

gboolean
kes_store_audit_read_tail (KesStore      *self,
                           KesAuditTail  *tail,
                           GError       **error)
{
  KesDbStmt *stmt;

  tail->key = NULL;
  if (self->chain_keyed && (tail->key = kes_store_chain_key (self, error)) == NULL)
    return FALSE;
  stmt = kes_store_prepare (self, "SELECT seq, hash FROM audit WHERE seq = (SELECT max (seq) FROM audit)", error);
  if (stmt == NULL)
    return FALSE;
  tail->seq = 0;
  g_strlcpy (tail->hash, KES_AUDIT_GENESIS_HASH, sizeof tail->hash);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      tail->seq = kes_db_column_int64 (stmt, 0);
      g_strlcpy (tail->hash, kes_store_column_text (stmt, 1), sizeof tail->hash);
    }
  kes_db_reset (stmt);
  return TRUE;
}

/* What an entry about a revision adds to its fields. */
typedef struct
{
  char        data_hash[KES_HASH_HEX_CHARS + 1];
  char        revision_hash[KES_HASH_HEX_CHARS + 1];
  const char *author;   /* the revision's, when not the entry's actor */
  const char *at;       /* the revision's, when not the entry's time */
} RevisionPart;

/* The entry's part for @revision, written by @actor_id at @at. */
static void
revision_part (const KesRevisionFields *revision,
               const char              *actor_id,
               const char              *at,
               RevisionPart            *part)
{
  g_strlcpy (part->data_hash, revision->data_sha256, sizeof part->data_hash);
  kes_revision_hash (revision, part->revision_hash);
  part->author = g_strcmp0 (revision->author_id, actor_id) != 0 ? revision->author_id : NULL;
  part->at = g_strcmp0 (revision->at, at) != 0 ? revision->at : NULL;
}

/* The fields of the entry that follows @tail (strings borrowed). An entry
 * of the unkeyed chain has only the data hash of a revision. */
static KesAuditFields
next_entry (const KesAuditTail *tail,
            const char         *at,
            const char         *actor_id,
            const char         *action,
            const char         *record_id,
            const char         *patient_id,
            gint64              revision,
            const RevisionPart *part,
            const char         *summary)
{
  gboolean keyed = tail->key != NULL;

  return (KesAuditFields) {
    .seq = tail->seq + 1,
    .at = at,
    .actor_id = empty_to_null (actor_id),
    .action = action,
    .record_id = empty_to_null (record_id),
    .patient_id = empty_to_null (patient_id),
    .revision = revision,
    .data_hash = part != NULL ? part->data_hash : NULL,
    .revision_hash = part != NULL && keyed ? part->revision_hash : NULL,
    .revision_author = part != NULL && keyed ? part->author : NULL,
    .revision_at = part != NULL && keyed ? part->at : NULL,
    .summary = summary != NULL ? summary : "",
    .key_id = keyed ? kes_installation_key_get_id (tail->key) : NULL,
    .prev_hash = tail->hash,
  };
}

static void
advance (KesAuditTail *tail,
         gint64        seq,
         const char   *hash)
{
  tail->seq = seq;
  g_strlcpy (tail->hash, hash, sizeof tail->hash);
}

static void
bind_or_null (KesDbStmt *stmt,
              int           index,
              const char   *text)
{
  if (text != NULL)
    kes_db_bind_text (stmt, index, text, -1, KES_DB_STATIC);
}

/* Appends @fields (the entry that follows @tail) and advances @tail; the
 * caller holds a savepoint, and the tail is the log's true last entry (read
 * in this transaction, which holds the write lock). @sealed_hash: the
 * entry's hash, computed ahead for this very tail, or NULL. */
static gboolean
insert_entry (KesStore             *self,
              KesAuditTail         *tail,
              const KesAuditFields *fields,
              const char           *sealed_hash,
              GError              **error)
{
  char hash[KES_HASH_HEX_CHARS + 1];
  KesDbStmt *stmt;

  if (sealed_hash != NULL)
    g_strlcpy (hash, sealed_hash, sizeof hash);
  else
    kes_audit_entry_hash (fields, tail->key, hash);
  /* Until the chain is keyed (migration 15), its columns do not exist yet. */
  stmt = tail->key != NULL
    ? kes_store_prepare (self,
        "INSERT INTO audit (seq, at, actor_id, action, record_id, patient_id, revision, data_hash, "
        "summary, prev_hash, hash, revision_hash, revision_author, revision_at, key_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)
    : kes_store_prepare (self,
        "INSERT INTO audit (seq, at, actor_id, action, record_id, patient_id, revision, data_hash, "
        "summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  /* Static binds (no copies): every value outlives the step, and the
   * statement is reset right after it. NULLs stay unbound. */
  kes_db_bind_int64 (stmt, 1, fields->seq);
  kes_db_bind_text (stmt, 2, fields->at, -1, KES_DB_STATIC);
  bind_or_null (stmt, 3, fields->actor_id);
  kes_db_bind_text (stmt, 4, fields->action, -1, KES_DB_STATIC);
  bind_or_null (stmt, 5, fields->record_id);
  bind_or_null (stmt, 6, fields->patient_id);
  if (fields->revision > 0)
    kes_db_bind_int64 (stmt, 7, fields->revision);
  bind_or_null (stmt, 8, fields->data_hash);
  kes_db_bind_text (stmt, 9, fields->summary, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 10, fields->prev_hash, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 11, hash, -1, KES_DB_STATIC);
  if (tail->key != NULL)
    {
      bind_or_null (stmt, 12, fields->revision_hash);
      bind_or_null (stmt, 13, fields->revision_author);
      bind_or_null (stmt, 14, fields->revision_at);
      bind_or_null (stmt, 15, fields->key_id);
    }
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not write to the access log"));
      kes_db_reset (stmt);
      return FALSE;
    }
  /* Reset before the bound buffers go: KES_DB_STATIC binds borrow them. */
  kes_db_reset (stmt);
  advance (tail, fields->seq, hash);
  return TRUE;
}

/* Appends one entry at @at (NULL: now); the caller holds a savepoint. */
static gboolean
append_entry (KesStore                *self,
              const char              *at,
              const char              *actor_id,
              const char              *action,
              const char              *record_id,
              const char              *patient_id,
              const KesRevisionFields *revision,
              const char              *summary,
              GError                 **error)
{
  g_autofree char *now = at == NULL ? kes_store_now_iso (self) : g_strdup (at);
  KesAuditTail *batch_tail = kes_store_batch_tail (self);
  KesAuditTail local_tail;
  KesAuditTail *tail = batch_tail != NULL ? batch_tail : &local_tail;
  RevisionPart part;
  KesAuditFields fields;

  /* In a batch the tail is kept, not read back (the batch holds the write lock). */
  if (batch_tail == NULL && !kes_store_audit_read_tail (self, &local_tail, error))
    return FALSE;
  if (revision != NULL)
    revision_part (revision, actor_id, now, &part);
  fields = next_entry (tail, now, actor_id, action, record_id, patient_id,
                       revision != NULL ? revision->number : 0, revision != NULL ? &part : NULL, summary);
  return insert_entry (self, tail, &fields, NULL, error);
}

gboolean
kes_store_audit_import_entry (KesStore    *self,
                              const char  *patient_id,
                              const char  *at,
                              const char  *digest,
                              const char  *summary,
                              gint64      *seq,
                              GError     **error)
{
  KesAuditTail *batch_tail = kes_store_batch_tail (self);
  KesAuditTail local_tail;
  KesAuditTail *tail = batch_tail != NULL ? batch_tail : &local_tail;
  KesAuditFields fields;

  if (batch_tail == NULL && !kes_store_audit_read_tail (self, &local_tail, error))
    return FALSE;
  if (tail->key == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE,
                   _("The access log is not sealed yet: open the database with Kestrel first"));
      return FALSE;
    }
  fields = next_entry (tail, at, current_actor_id (self), KES_AUDIT_IMPORT, patient_id, patient_id, 0,
                       NULL, summary);
  /* The digest is what the entry vouches for, as a revision entry's
   * revision hash is: the chain's keyed hash covers it. */
  fields.revision_hash = digest;
  if (!insert_entry (self, tail, &fields, NULL, error))
    return FALSE;
  *seq = tail->seq;
  return TRUE;
}

/* Whose record an entry is about: a patient is their own. */
static const char *
owner_of (const char *kind,
          const char *record_id,
          const char *patient_id)
{
  return g_str_equal (kind, "patient") ? record_id : patient_id;
}

/* The revision written as revision 1 of a new record by @actor_id at @at. */
static KesRevisionFields
created_revision (const char *kind,
                  const char *record_id,
                  const char *patient_id,
                  const char *actor_id,
                  const char *at,
                  const char *data_sha256)
{
  return (KesRevisionFields) {
    .record_id = record_id,
    .kind = kind,
    .patient_id = patient_id,
    .number = 1,
    .author_id = actor_id,
    .at = at,
    .change = KES_CHANGE_CREATE,
    .reason = NULL,
    .data_sha256 = data_sha256,
  };
}

gboolean
kes_store_audit_created (KesStore      *self,
                         KesAuditTail  *tail,
                         const char    *at,
                         const char    *kind,
                         const char    *record_id,
                         const char    *patient_id,
                         const char    *data_json,
                         const char    *data_sha256,
                         const char    *sealed_hash,
                         GError       **error)
{
  g_autofree char *computed = data_sha256 == NULL ? kes_revision_data_hash (data_json) : NULL;
  KesRevisionFields revision = created_revision (kind, record_id, patient_id, current_actor_id (self), at,
                                                 data_sha256 != NULL ? data_sha256 : computed);
  RevisionPart part;
  KesAuditFields fields;

  /* The same entry kes_store_audit_revision() writes for a new record. */
  revision_part (&revision, current_actor_id (self), at, &part);
  fields = next_entry (tail, at, current_actor_id (self), KES_AUDIT_CREATE, record_id,
                       owner_of (kind, record_id, patient_id), 1, &part, kind);
  return insert_entry (self, tail, &fields, sealed_hash, error);
}

void
kes_store_audit_seal_created (KesAuditTail *tail,
                              const char   *at,
                              const char   *actor_id,
                              const char   *kind,
                              const char   *record_id,
                              const char   *patient_id,
                              const char   *data_sha256,
                              char          hash[65])
{
  /* Field for field what kes_store_audit_created() writes. */
  KesRevisionFields revision = created_revision (kind, record_id, patient_id, actor_id, at, data_sha256);
  RevisionPart part;
  KesAuditFields fields;

  revision_part (&revision, actor_id, at, &part);
  fields = next_entry (tail, at, actor_id, KES_AUDIT_CREATE, record_id, owner_of (kind, record_id, patient_id),
                       1, &part, kind);
  kes_audit_entry_hash (&fields, tail->key, hash);
  advance (tail, fields.seq, hash);
}

gboolean
kes_store_audit_append (KesStore    *self,
                        const char  *action,
                        const char  *record_id,
                        const char  *patient_id,
                        const char  *summary,
                        GError     **error)
{
  return append_entry (self, NULL, current_actor_id (self), action, record_id, patient_id, NULL, summary,
                       error);
}

gboolean
kes_store_audit_as (KesStore    *self,
                    const char  *actor_id,
                    const char  *action,
                    const char  *summary,
                    GError     **error)
{
  if (!kes_store_savepoint_unguarded (self, error))
    return FALSE;
  if (!append_entry (self, NULL, actor_id, action, NULL, NULL, NULL, summary, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

const char *
kes_store_audit_action_for_change (KesChangeKind change)
{
  switch (change)
    {
    case KES_CHANGE_CREATE:
      return KES_AUDIT_CREATE;
    case KES_CHANGE_EDIT:
      return KES_AUDIT_CHANGE;
    case KES_CHANGE_CORRECTION:
      return KES_AUDIT_CORRECTION;
    case KES_CHANGE_ENTERED_IN_ERROR:
      return KES_AUDIT_ENTERED_IN_ERROR;
    default:
      g_assert_not_reached ();
    }
}

gboolean
kes_store_audit_revision (KesStore                *self,
                          const KesRevisionFields *revision,
                          const char              *at,
                          GError                 **error)
{
  /* The summary is the kind of record only: never its content. */
  return append_entry (self, at, current_actor_id (self), kes_store_audit_action_for_change (revision->change),
                       revision->record_id, owner_of (revision->kind, revision->record_id, revision->patient_id),
                       revision, revision->kind, error);
}

gboolean
kes_store_audit_baseline (KesStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  KesDbStmt *stmt;
  int rc;

  /* Existing history gets one entry per revision, so verification can hold
   * every revision to a hash from here on. */
  stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT v.record_id, CASE WHEN r.kind = 'patient' THEN r.id ELSE r.patient_id END, "
    "v.revision, v.data, r.kind, v.author_id "
    "FROM revision v JOIN record r ON r.id = v.record_id ORDER BY v.at, v.record_id, v.revision",
    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      char **row = g_new0 (char *, 7);

      for (int i = 0; i < 6; i++)
        row[i] = g_strdup (kes_store_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record history"));
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *data_sha256 = kes_revision_data_hash (row[3]);
      /* Schema 3's entries record a revision's data only (the unkeyed chain). */
      KesRevisionFields revision = {
        .record_id = row[0], .kind = row[4], .number = g_ascii_strtoll (row[2], NULL, 10),
        .author_id = row[5], .data_sha256 = data_sha256,
      };

      if (!append_entry (self, NULL, row[5], KES_AUDIT_BASELINE, row[0], row[1], &revision, row[4], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
kes_store_audit (KesStore    *self,
                 const char  *action,
                 const char  *record_id,
                 const char  *patient_id,
                 const char  *summary,
                 GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && *action != '\0', FALSE);

  if (!kes_store_savepoint_unguarded (self, error))
    return FALSE;
  if (!kes_store_audit_append (self, action, record_id, patient_id, summary, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

KesAuditEntry *
kes_store_audit_entry_from_row (KesDbStmt *stmt)
{
  return kes_audit_entry_new (kes_db_column_int64 (stmt, 0),
                              kes_store_column_text (stmt, 1),
                              (const char *) kes_db_column_text (stmt, 2),
                              kes_store_column_text (stmt, 3),
                              kes_store_column_text (stmt, 4),
                              (const char *) kes_db_column_text (stmt, 5),
                              (const char *) kes_db_column_text (stmt, 6),
                              kes_db_column_int64 (stmt, 7),
                              kes_store_column_text (stmt, 8));
}

#define AUDIT_QUERY(which) \
  "SELECT a.seq, a.at, a.actor_id, s.display_name, a.action, a.record_id, a.patient_id, " \
  "a.revision, a.summary FROM audit a LEFT JOIN staff s ON s.id = a.actor_id " \
  "WHERE " which " AND (?2 IS NULL OR a.at >= ?2) AND (?3 IS NULL OR a.at <= ?3) ORDER BY a.seq"

GListModel *
kes_store_list_audit (KesStore    *self,
                      const char  *patient_id,
                      const char  *from,
                      const char  *to,
                      GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_AUDIT_ENTRY);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *to_end = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;

  /* A bare date as the end means the whole of that day. */
  if (to != NULL && *to != '\0')
    to_end = strlen (to) == 10 ? g_strconcat (to, "T23:59:59Z", NULL) : g_strdup (to);

  /* One patient's entries through the log's patient index: the form
   * "(?1 IS NULL OR a.patient_id = ?1)" reads the whole log (millions of
   * rows on a large database) for a subject access request. */
  stmt = kes_store_prepare (self,
    patient_id != NULL ? AUDIT_QUERY ("a.patient_id = ?1") : KES_SQL_FULL_SCAN AUDIT_QUERY ("?1 IS NULL"), error);
  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, patient_id);
  kes_store_bind_text (stmt, 2, from);
  kes_store_bind_text (stmt, 3, to_end);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (entries, kes_store_audit_entry_from_row (stmt));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return NULL;
    }

  /* Reading the log is access too. */
  if (!kes_store_audit (self, KES_AUDIT_VIEW, NULL, patient_id, "access log", error))
    return NULL;

  g_list_store_splice (list, 0, 0, entries->pdata, entries->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}


gboolean
kes_store_audit_view (KesStore    *self,
                      const char  *record_id,
                      const char  *patient_id,
                      const char  *summary,
                      GError     **error)
{
  /* Part of the open record's visit, already logged as its opening. */
  if (kes_store_visit_covers (self, patient_id))
    return TRUE;
  return kes_store_audit (self, KES_AUDIT_VIEW, record_id, patient_id, summary, error);
}

/* ---- The seal (run by migration 15) ---- */

gboolean
kes_store_audit_seal (KesStore  *self,
                      GError   **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *database_id = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *now = NULL;
  KesAuditTail tail;
  KesAuditFields fields;
  guint64 revisions = 0;
  RevisionPart part = { 0 };

  /* The unkeyed chain's last entry, and every revision it vouches for. */
  g_return_val_if_fail (!self->chain_keyed, FALSE);
  /* The seal vouches for the database's identity (migration 12) too. */
  database_id = kes_store_get_database_id (self, error);
  if (database_id == NULL || !kes_store_audit_read_tail (self, &tail, error) ||
      !kes_store_unkeyed_digest (self, tail.seq + 1, &digest, &revisions, error))
    return FALSE;

  /* From here on every entry is keyed, this one first. */
  if ((tail.key = kes_store_chain_key (self, error)) == NULL)
    return FALSE;
  self->chain_keyed = TRUE;
  g_strlcpy (part.data_hash, digest, sizeof part.data_hash);
  summary = g_strdup_printf ("keyed chain: %" G_GINT64_FORMAT " earlier entries and %" G_GUINT64_FORMAT
                             " revisions sealed", tail.seq, revisions);
  now = kes_store_now_iso (self);
  fields = next_entry (&tail, now, NULL, KES_AUDIT_SEAL, database_id, NULL, 0, &part, summary);
  /* A digest of history, not of a revision. */
  fields.revision_hash = NULL;
  return insert_entry (self, &tail, &fields, NULL, error);
}
