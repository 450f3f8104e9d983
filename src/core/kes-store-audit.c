/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-private.h"

/* The hash before the first entry. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  gint64      seq;
  const char *at;
  const char *actor_id;
  const char *action;
  const char *record_id;
  const char *patient_id;
  gint64      revision;   /* 0: none */
  const char *data_hash;
  const char *summary;
  const char *prev_hash;
} AuditFields;

/* @value in decimal, ending at @end (exclusive); returns where it starts.
 * By hand rather than printf: it runs a dozen times for every entry,
 * millions of times in a demo generation. */
static char *
format_decimal (guint64  value,
                char    *end)
{
  char *p = end;

  do
    *--p = (char) ('0' + value % 10);
  while ((value /= 10) != 0);
  return p;
}

static void
add_field (GChecksum  *checksum,
           const char *value)
{
  char prefix[24];
  char *start;
  gsize length;

  /* Length-prefixed, so no two different entries serialise alike; "~" is NULL.
   * (On the stack: an import hashes one entry for every revision.) */
  if (value == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "~;", 2);
      return;
    }
  length = strlen (value);
  prefix[sizeof prefix - 1] = ':';
  start = format_decimal (length, prefix + sizeof prefix - 1);
  g_checksum_update (checksum, (const guchar *) start, prefix + sizeof prefix - start);
  g_checksum_update (checksum, (const guchar *) value, length);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

/* SHA-256 over the canonical serialisation of an entry, its previous hash last. */
static char *
entry_hash (const AuditFields *fields)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  char seq_text[24];
  char revision_text[24];
  const char *seq;
  const char *revision;

  /* Both are positive (seq from 1, revision from 1, 0 for none). */
  seq_text[sizeof seq_text - 1] = '\0';
  seq = format_decimal ((guint64) fields->seq, seq_text + sizeof seq_text - 1);
  revision_text[sizeof revision_text - 1] = '\0';
  revision = format_decimal ((guint64) MAX (fields->revision, 0), revision_text + sizeof revision_text - 1);

  add_field (checksum, "kestrel-audit-1");
  add_field (checksum, seq);
  add_field (checksum, fields->at);
  add_field (checksum, fields->actor_id);
  add_field (checksum, fields->action);
  add_field (checksum, fields->record_id);
  add_field (checksum, fields->patient_id);
  add_field (checksum, fields->revision > 0 ? revision : NULL);
  add_field (checksum, fields->data_hash);
  add_field (checksum, fields->summary);
  add_field (checksum, fields->prev_hash);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
data_hash (const char *data)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);
}

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
  sqlite3_stmt *stmt = kes_store_prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  tail->seq = 0;
  g_strlcpy (tail->hash, GENESIS_HASH, sizeof tail->hash);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      tail->seq = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (tail->hash, kes_store_column_text (stmt, 1), sizeof tail->hash);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The fields of the entry that follows @tail (strings borrowed). */
static AuditFields
next_entry (const KesAuditTail *tail,
            const char         *at,
            const char         *actor_id,
            const char         *action,
            const char         *record_id,
            const char         *patient_id,
            gint64              revision,
            const char         *content_hash,
            const char         *summary)
{
  return (AuditFields) {
    .seq = tail->seq + 1,
    .at = at,
    .actor_id = empty_to_null (actor_id),
    .action = action,
    .record_id = empty_to_null (record_id),
    .patient_id = empty_to_null (patient_id),
    .revision = revision,
    .data_hash = content_hash,
    .summary = summary != NULL ? summary : "",
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

/* Appends one entry after @tail and advances it; the caller holds a
 * savepoint, and the tail is the log's true last entry (read in this
 * transaction, which holds the write lock). */
static gboolean
insert_entry (KesStore      *self,
              KesAuditTail  *tail,
              const char    *at,
              const char    *actor_id,
              const char    *action,
              const char    *record_id,
              const char    *patient_id,
              gint64         revision,
              const char    *revision_data,
              const char    *revision_hash,
              const char    *summary,
              const char    *sealed_hash,
              GError       **error)
{
  g_autofree char *content_hash = revision_hash == NULL && revision_data != NULL ? data_hash (revision_data) : NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  AuditFields fields = next_entry (tail, at, actor_id, action, record_id, patient_id, revision,
                                   revision_hash != NULL ? revision_hash : content_hash, summary);

  /* Sealed: hashed already, off this thread, for this very tail. */
  hash = sealed_hash != NULL ? g_strdup (sealed_hash) : entry_hash (&fields);
  stmt = kes_store_prepare (self,
    "INSERT INTO audit (seq, at, actor_id, action, record_id, patient_id, revision, data_hash, "
    "summary, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  /* Static binds (no copies): every value outlives the step, and the
   * statement is reset right after it. NULLs stay unbound. */
  sqlite3_bind_int64 (stmt, 1, fields.seq);
  sqlite3_bind_text (stmt, 2, fields.at, -1, SQLITE_STATIC);
  if (fields.actor_id != NULL)
    sqlite3_bind_text (stmt, 3, fields.actor_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, fields.action, -1, SQLITE_STATIC);
  if (fields.record_id != NULL)
    sqlite3_bind_text (stmt, 5, fields.record_id, -1, SQLITE_STATIC);
  if (fields.patient_id != NULL)
    sqlite3_bind_text (stmt, 6, fields.patient_id, -1, SQLITE_STATIC);
  if (revision > 0)
    sqlite3_bind_int64 (stmt, 7, revision);
  if (fields.data_hash != NULL)
    sqlite3_bind_text (stmt, 8, fields.data_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, fields.summary, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, fields.prev_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not write to the access log"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  /* Reset before the bound buffers go: SQLITE_STATIC binds borrow them. */
  sqlite3_reset (stmt);
  advance (tail, fields.seq, hash);
  return TRUE;
}

/* Appends one entry; the caller holds a savepoint. */
static gboolean
append_entry (KesStore    *self,
              const char  *actor_id,
              const char  *action,
              const char  *record_id,
              const char  *patient_id,
              gint64       revision,
              const char  *revision_data,
              const char  *summary,
              GError     **error)
{
  g_autofree char *now = kes_store_now_iso (self);
  KesAuditTail *batch_tail = kes_store_batch_tail (self);
  KesAuditTail tail;

  /* In a batch the tail is kept, not read back (the batch holds the write lock). */
  if (batch_tail != NULL)
    return insert_entry (self, batch_tail, now, actor_id, action, record_id, patient_id, revision,
                         revision_data, NULL, summary, NULL, error);
  return kes_store_audit_read_tail (self, &tail, error) &&
         insert_entry (self, &tail, now, actor_id, action, record_id, patient_id, revision, revision_data,
                       NULL, summary, NULL, error);
}

/* Whose record an entry is about: a patient is their own. */
static const char *
created_owner (const char *kind,
               const char *record_id,
               const char *patient_id)
{
  return g_str_equal (kind, "patient") ? record_id : patient_id;
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
  /* The same entry kes_store_audit_revision() writes for a new record. */
  return insert_entry (self, tail, at, current_actor_id (self), KES_AUDIT_CREATE, record_id,
                       created_owner (kind, record_id, patient_id), 1, data_json, data_sha256, kind, sealed_hash,
                       error);
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
  /* Field for field what insert_entry() hashes for kes_store_audit_created(). */
  AuditFields fields = next_entry (tail, at, actor_id, KES_AUDIT_CREATE, record_id,
                                   created_owner (kind, record_id, patient_id), 1, data_sha256, kind);
  g_autofree char *computed = entry_hash (&fields);

  g_strlcpy (hash, computed, 65);
  advance (tail, fields.seq, computed);
}

char *
kes_store_audit_data_hash (const char *data_json)
{
  return data_hash (data_json);
}

gboolean
kes_store_audit_append (KesStore    *self,
                        const char  *action,
                        const char  *record_id,
                        const char  *patient_id,
                        const char  *summary,
                        GError     **error)
{
  return append_entry (self, current_actor_id (self), action, record_id, patient_id, 0, NULL,
                       summary, error);
}

gboolean
kes_store_audit_as (KesStore    *self,
                    const char  *actor_id,
                    const char  *action,
                    const char  *summary,
                    GError     **error)
{
  if (!kes_store_savepoint (self, error))
    return FALSE;
  if (!append_entry (self, actor_id, action, NULL, NULL, 0, NULL, summary, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

gboolean
kes_store_audit_revision (KesStore       *self,
                          const char     *kind,
                          const char     *record_id,
                          const char     *patient_id,
                          gint64          revision,
                          KesChangeKind   change,
                          const char     *data_json,
                          GError        **error)
{
  g_autofree char *owner = NULL;
  const char *action;

  switch (change)
    {
    case KES_CHANGE_CREATE:
      action = KES_AUDIT_CREATE;
      break;
    case KES_CHANGE_EDIT:
      action = KES_AUDIT_CHANGE;
      break;
    case KES_CHANGE_CORRECTION:
      action = KES_AUDIT_CORRECTION;
      break;
    case KES_CHANGE_ENTERED_IN_ERROR:
      action = KES_AUDIT_ENTERED_IN_ERROR;
      break;
    default:
      g_assert_not_reached ();
    }

  /* Whose record: a patient is their own; others say in `record`. */
  if (g_str_equal (kind, "patient"))
    owner = g_strdup (record_id);
  else if (patient_id != NULL && *patient_id != '\0')
    owner = g_strdup (patient_id);
  else
    {
      sqlite3_stmt *stmt = kes_store_prepare (self, "SELECT patient_id FROM record WHERE id = ?", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        owner = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  /* The summary is the kind of record only: never its content. */
  return append_entry (self, current_actor_id (self), action, record_id, owner, revision,
                       data_json, kind, error);
}

gboolean
kes_store_audit_baseline (KesStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  int rc;

  /* Existing history gets one entry per revision, so verification can hold
   * every revision to a hash from here on. */
  stmt = kes_store_prepare (self,
    "SELECT v.record_id, CASE WHEN r.kind = 'patient' THEN r.id ELSE r.patient_id END, "
    "v.revision, v.data, r.kind, v.author_id "
    "FROM revision v JOIN record r ON r.id = v.record_id ORDER BY v.at, v.record_id, v.revision",
    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 7);

      for (int i = 0; i < 6; i++)
        row[i] = g_strdup (kes_store_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record history"));
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (!append_entry (self, row[5], KES_AUDIT_BASELINE, row[0], row[1],
                         g_ascii_strtoll (row[2], NULL, 10), row[3], row[4], error))
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

  if (!kes_store_savepoint (self, error))
    return FALSE;
  if (!kes_store_audit_append (self, action, record_id, patient_id, summary, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

KesAuditEntry *
kes_store_audit_entry_from_row (sqlite3_stmt *stmt)
{
  return kes_audit_entry_new (sqlite3_column_int64 (stmt, 0),
                              kes_store_column_text (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              kes_store_column_text (stmt, 3),
                              kes_store_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              sqlite3_column_int64 (stmt, 7),
                              kes_store_column_text (stmt, 8));
}

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;

  /* A bare date as the end means the whole of that day. */
  if (to != NULL && *to != '\0')
    to_end = strlen (to) == 10 ? g_strconcat (to, "T23:59:59Z", NULL) : g_strdup (to);

  stmt = kes_store_prepare (self,
    "SELECT a.seq, a.at, a.actor_id, s.display_name, a.action, a.record_id, a.patient_id, "
    "a.revision, a.summary FROM audit a LEFT JOIN staff s ON s.id = a.actor_id "
    "WHERE (?1 IS NULL OR a.patient_id = ?1) AND (?2 IS NULL OR a.at >= ?2) "
    "AND (?3 IS NULL OR a.at <= ?3) ORDER BY a.seq", error);
  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, patient_id);
  kes_store_bind_text (stmt, 2, from);
  kes_store_bind_text (stmt, 3, to_end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, kes_store_audit_entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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

/* ---- Verification ---- */

static const char *
column_or_null (sqlite3_stmt *stmt,
                int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Walks the chain from entry @from_seq (1: all of it) to the end. Started
 * part-way, the first entry's link to the one before is taken as given. */
static gboolean
verify_chain (KesStore    *self,
              gint64       from_seq,
              GPtrArray   *problems,
              GError     **error)
{
  g_autofree char *previous = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt;
  gint64 expected_seq = MAX (from_seq, 1);
  int rc;

  stmt = kes_store_prepare (self,
    "SELECT seq, at, actor_id, action, record_id, patient_id, revision, data_hash, summary, "
    "prev_hash, hash FROM audit WHERE seq >= ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, expected_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *hash = NULL;
      AuditFields fields = {
        .seq = sqlite3_column_int64 (stmt, 0),
        .at = column_or_null (stmt, 1),
        .actor_id = column_or_null (stmt, 2),
        .action = column_or_null (stmt, 3),
        .record_id = column_or_null (stmt, 4),
        .patient_id = column_or_null (stmt, 5),
        .revision = sqlite3_column_int64 (stmt, 6),
        .data_hash = column_or_null (stmt, 7),
        .summary = column_or_null (stmt, 8),
        .prev_hash = column_or_null (stmt, 9),
      };
      const char *stored = kes_store_column_text (stmt, 10);
      char *problem = NULL;

      if (fields.seq == from_seq && from_seq > 1)
        {
          g_free (previous);
          previous = g_strdup (fields.prev_hash);
        }
      if (fields.seq != expected_seq)
        problem = g_strdup_printf (_("Audit log entry %lld: entries %lld to %lld are missing"),
                                   (long long) fields.seq, (long long) expected_seq,
                                   (long long) fields.seq - 1);
      else if (g_strcmp0 (fields.prev_hash, previous) != 0)
        problem = g_strdup_printf (_("Audit log entry %lld: it does not follow on from "
                                     "the entry before it (an entry was removed, inserted or altered)"),
                                   (long long) fields.seq);
      else if (hash = entry_hash (&fields), !g_str_equal (hash, stored))
        problem = g_strdup_printf (_("Audit log entry %lld: its contents were altered "
                                     "after it was written"), (long long) fields.seq);
      if (problem != NULL)
        {
          g_ptr_array_add (problems, problem);
          break;
        }
      g_free (previous);
      previous = g_strdup (stored);
      expected_seq++;
    }
  rc = rc == SQLITE_ROW ? SQLITE_DONE : rc;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return FALSE;
    }
  return TRUE;
}

/* The first problem found, in access-log order: a revision the log has no
 * entry for comes before any entry. */
typedef struct
{
  gboolean  found;
  gboolean  has_seq;
  gint64    seq;
  char     *message;
} FirstProblem;

static void
offer_problem (FirstProblem *first,
               gboolean      has_seq,
               gint64        seq,
               char         *message)
{
  if (first->found && (!first->has_seq || (has_seq && seq >= first->seq)))
    {
      g_free (message);
      return;
    }
  g_free (first->message);
  *first = (FirstProblem) { TRUE, has_seq, seq, message };
}

/* Every revision against the hash its entry recorded. No ORDER BY: sorting
 * would hold every revision's data in memory at once (gigabytes on a
 * trust-wide database); the first problem is kept as the rows go by. */
static gboolean
check_revisions_against_log (KesStore      *self,
                             FirstProblem  *first,
                             GError       **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "SELECT v.record_id, v.revision, v.data, a.seq, a.data_hash FROM revision v "
    "LEFT JOIN audit a ON a.record_id = v.record_id AND a.revision = v.revision "
    "AND a.data_hash IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *record_id = kes_store_column_text (stmt, 0);
      gint64 revision = sqlite3_column_int64 (stmt, 1);
      const char *data = column_or_null (stmt, 2);
      const char *recorded = column_or_null (stmt, 4);
      gint64 seq = sqlite3_column_int64 (stmt, 3);

      if (recorded == NULL)
        offer_problem (first, FALSE, 0,
                       g_strdup_printf (_("Record %s revision %lld: the access log has no "
                                          "entry for it (it was added outside Kestrel)"),
                                        record_id, (long long) revision));
      else if (!first->found || (first->has_seq && seq < first->seq))
        {
          g_autofree char *actual = data_hash (data != NULL ? data : "");

          if (!g_str_equal (actual, recorded))
            offer_problem (first, TRUE, seq,
                           g_strdup_printf (_("Record %s revision %lld: its content differs "
                                              "from what was written (access log entry %lld)"),
                                            record_id, (long long) revision, (long long) seq));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the record history"));
      return FALSE;
    }
  return TRUE;
}

/* Every logged revision against the history: a removed revision shows. */
static gboolean
check_log_against_revisions (KesStore      *self,
                             FirstProblem  *first,
                             GError       **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "SELECT a.record_id, a.revision, a.seq FROM audit a "
    "WHERE a.data_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revision v "
    "WHERE v.record_id = a.record_id AND v.revision = a.revision)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    offer_problem (first, TRUE, sqlite3_column_int64 (stmt, 2),
                   g_strdup_printf (_("Record %s revision %lld: the access log "
                                      "(entry %lld) records it, but it is missing"),
                                    kes_store_column_text (stmt, 0),
                                    (long long) sqlite3_column_int64 (stmt, 1),
                                    (long long) sqlite3_column_int64 (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the record history"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_revisions (KesStore    *self,
                  GPtrArray   *problems,
                  GError     **error)
{
  FirstProblem first = { 0 };

  if (!check_revisions_against_log (self, &first, error) ||
      !check_log_against_revisions (self, &first, error))
    {
      g_free (first.message);
      return FALSE;
    }
  if (first.found)
    g_ptr_array_add (problems, first.message);
  return TRUE;
}

gboolean
kes_store_verify_audit_tail (KesStore   *self,
                             guint       entries,
                             GPtrArray  *problems,
                             GError    **error)
{
  KesAuditTail tail;

  if (!kes_store_audit_read_tail (self, &tail, error))
    return FALSE;
  if (tail.seq == 0)
    return TRUE;
  return verify_chain (self, MAX (tail.seq - (gint64) entries + 1, 1), problems, error);
}

GPtrArray *
kes_store_verify_audit (KesStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;
  return kes_store_verify_audit_chain (self, error);
}

GPtrArray *
kes_store_verify_audit_chain (KesStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  sqlite3_stmt *stmt;
  gboolean has_log;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  /* A database from before schema 3 (an old backup) has no log to check. */
  stmt = kes_store_prepare (self, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit'", error);
  if (stmt == NULL)
    return NULL;
  has_log = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!has_log)
    return g_steal_pointer (&problems);

  if (!verify_chain (self, 1, problems, error) || !verify_revisions (self, problems, error))
    return NULL;
  return g_steal_pointer (&problems);
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
