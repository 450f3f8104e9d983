/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-anchor"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-anchor.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-store-private.h"
#include "kes-store-verify-private.h"

/* Writing anchors of the access log's head (kes-anchor.h says where they
 * go), and checking every anchor found against the chain. */

gboolean
kes_store_anchor (KesStore    *self,
                  const char  *reason,
                  gboolean     into_database,
                  GError     **error)
{
  g_autofree char *database_id = NULL;
  g_autofree char *at = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *line = NULL;
  KesInstallationKey *key;
  KesAuditTail tail;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  /* A file from before the chain was keyed has nothing to anchor. */
  if (!self->chain_keyed)
    return TRUE;
  if (!kes_store_audit_read_tail (self, &tail, error))
    return FALSE;
  if (!into_database && tail.seq == self->anchored_seq)
    return TRUE;
  database_id = kes_store_get_database_id (self, error);
  if (database_id == NULL)
    return FALSE;
  key = kes_store_chain_key (self, error);
  if (key == NULL)
    return FALSE;
  at = kes_clock_now_iso ();
  tag = kes_anchor_file_tag (self->path);
  line = kes_anchor_make (key, database_id, tag, tail.seq, tail.hash, at, reason);

  if (into_database)
    {
      if (!kes_store_savepoint (self, error))
        return FALSE;
      stmt = kes_store_prepare (self, "INSERT INTO chain_anchor (seq, hash, at, anchor) VALUES (?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        {
          kes_store_rollback_to (self);
          return FALSE;
        }
      kes_db_bind_int64 (stmt, 1, tail.seq);
      kes_db_bind_text (stmt, 2, tail.hash, -1, KES_DB_STATIC);
      kes_db_bind_text (stmt, 3, at, -1, KES_DB_STATIC);
      kes_db_bind_text (stmt, 4, line, -1, KES_DB_STATIC);
      if (kes_db_step (stmt) != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not keep the anchor in the database"));
          kes_db_reset (stmt);
          kes_store_rollback_to (self);
          return FALSE;
        }
      kes_db_reset (stmt);
      if (!kes_store_release (self, error))
        return FALSE;
    }
  kes_anchor_send_to_journal (line);
  if (!kes_anchor_file_append (line, error))
    return FALSE;
  self->anchored_seq = tail.seq;
  return TRUE;
}

gboolean
kes_store_anchor_open (KesStore  *self,
                       GError   **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT coalesce (max (seq), 0) FROM audit", error);

  /* What this store writes from here on is what its close anchors. */
  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) == KES_DB_ROW)
    self->anchored_seq = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  return TRUE;
}

/* ---- Checking ---- */

/* The anchors a plain backup (an SQLite file) carries. Opened read-only as
 * an immutable file: no lock, no -wal or -shm made beside it. */
static gboolean
read_database_anchors (const char  *path,
                       GPtrArray   *anchors,
                       GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *immutable = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  KesDb *db = NULL;
  KesDbStmt *stmt = NULL;
  gboolean ok;

  if (!kes_output_guard_check_source (path, error))
    return FALSE;
  uri = g_filename_to_uri (absolute, NULL, NULL);
  immutable = uri != NULL ? g_strconcat (uri, "?immutable=1", NULL) : NULL;
  ok = immutable != NULL &&
       kes_db_open (immutable, KES_DB_OPEN_READ_ONLY | KES_DB_OPEN_URI, &db) == KES_DB_OK &&
       kes_db_prepare (db, "SELECT anchor FROM chain_anchor", FALSE, &stmt) == KES_DB_OK;
  while (ok && kes_db_step (stmt) == KES_DB_ROW)
    {
      KesAnchor *anchor = kes_anchor_parse ((const char *) kes_db_column_text (stmt, 0));

      if (anchor != NULL)
        g_ptr_array_add (anchors, anchor);
    }
  if (!ok)
    g_set_error (error, KES_ERROR, KES_ERROR_IO,
                 _("%s holds no anchors Kestrel can read (a Kestrel backup from before anchors, "
                   "or not a Kestrel database)"), path);
  kes_db_finalize (stmt);
  kes_db_close (db);
  return ok;
}

static gboolean
is_sqlite_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char header[16] = { 0 };
  gsize got = 0;

  return stream != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &got, NULL, NULL) &&
         got == sizeof header && memcmp (header, "SQLite format 3", 16) == 0;
}

static gboolean
read_anchors_from (const char  *path,
                   GPtrArray   *anchors,
                   GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;

  if (is_sqlite_file (path))
    return read_database_anchors (path, anchors, error);
  found = kes_anchor_file_read (path, error);
  if (found == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (anchors, g_steal_pointer (&found));
  return TRUE;
}

static gboolean
read_own_anchors (KesStore   *self,
                  GPtrArray  *anchors,
                  GError    **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT anchor FROM chain_anchor", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesAnchor *anchor = kes_anchor_parse (kes_store_column_text (stmt, 0));

      if (anchor != NULL)
        g_ptr_array_add (anchors, anchor);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the anchors the database keeps"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_anchors_cb (gconstpointer a,
                    gconstpointer b)
{
  const KesAnchor *x = *(KesAnchor **) a;
  const KesAnchor *y = *(KesAnchor **) b;
  int order = g_strcmp0 (x->at, y->at);

  return order != 0 ? order : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Whether @anchor is genuinely signed by a key this computer holds. */
static gboolean
signed_here (KesVerifyRun *run,
             KesAnchor    *anchor)
{
  KesInstallationKey *key = NULL;

  if (!g_hash_table_lookup_extended (run->keys, anchor->key_id, NULL, (gpointer *) &key))
    {
      key = kes_installation_key_find (anchor->key_id, NULL);
      g_hash_table_insert (run->keys, g_strdup (anchor->key_id), key);
    }
  return key != NULL && kes_anchor_is_signed_by (anchor, key);
}

/* This database's anchors from everywhere, once each, oldest first; and
 * *@other_at, when the newest anchor made for the file at this place as
 * another database was (NULL when none). */
static GPtrArray *
gather (KesStore            *self,
        KesVerifyRun        *run,
        const char * const  *files,
        char               **other_at,
        GError             **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_anchor_free);
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_anchor_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *own_file = kes_anchor_file_path ();
  g_autofree char *tag = kes_anchor_file_tag (self->path);

  if (!read_anchors_from (own_file, all, error) || !read_own_anchors (self, all, error))
    return NULL;
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!read_anchors_from (files[i], all, error))
      return NULL;
  for (guint i = 0; i < all->len; i++)
    {
      KesAnchor *anchor = g_ptr_array_index (all, i);

      /* This database's, by its id; when its seal (and with it the id) is
       * gone, those made for the file at this place. */
      gboolean ours = run->database_id != NULL ? g_str_equal (anchor->database_id, run->database_id)
                                               : g_str_equal (anchor->file_tag, tag);

      if (ours && g_hash_table_add (seen, anchor->line))
        g_ptr_array_add (mine, g_ptr_array_steal_index_fast (all, i--));
      else if (!ours && g_str_equal (anchor->file_tag, tag) && g_strcmp0 (anchor->at, *other_at) > 0 &&
               signed_here (run, anchor))
        {
          g_free (*other_at);
          *other_at = g_strdup (anchor->at);
        }
    }
  g_ptr_array_sort (mine, compare_anchors_cb);
  return g_steal_pointer (&mine);
}

/* The hash the chain holds at @seq, or NULL past its end. */
static char *
hash_at (KesStore  *self,
         gint64     seq,
         GError   **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT hash FROM audit WHERE seq = ?", error);
  char *hash = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_int64 (stmt, 1, seq);
  if (kes_db_step (stmt) == KES_DB_ROW)
    hash = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return hash;
}

/* The restore entry that rolled history back past @anchor: one written
 * (keyed) at or before the anchor's place in the chain, but after the
 * anchor was made. A genuine log has none: entries come in time order.
 * Only a copy's own restore entry counts ("BACKUP, restored as file TAG");
 * the one in the database restored from ("BACKUP to TARGET, …") rolled
 * nothing back there. */
static gboolean
rolled_back_by (KesStore   *self,
                KesAnchor  *anchor,
                gint64     *restore_seq,
                char      **restore_at)
{
  /* Times are to the second: an anchor of the file restored to (its tag
   * is in the entry) made in the restore's second is this copy's own, not
   * one of the history the restore cut off. */
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT seq, at FROM audit WHERE action = '" KES_AUDIT_RESTORE "' AND key_id IS NOT NULL "
    "AND seq <= ?1 AND at >= ?2 AND instr (summary, ' to ') = 0 "
    "AND (at > ?2 OR NOT summary LIKE '%' || ?3 || ?4) ORDER BY seq LIMIT 1", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_int64 (stmt, 1, anchor->seq);
  kes_db_bind_text (stmt, 2, anchor->at, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, KES_RESTORED_AS_FILE, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, anchor->file_tag, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      *restore_seq = kes_db_column_int64 (stmt, 0);
      *restore_at = g_strdup (kes_store_column_text (stmt, 1));
      found = TRUE;
    }
  kes_db_reset (stmt);
  return found;
}

/* Whether @anchor is of another file of this database whose history went
 * its own way after a restore: the database this file was restored from
 * (its anchors made after this file's own restore entry), or a copy
 * restored from this file (anchored as the file its restore entry here
 * names). Restore entries are keyed, so they can't be forged, and record the
 * tag of the file restored to; this file's own anchors (under its present
 * path or the one it was restored as) are never excused. */
static gboolean
of_another_copy (KesStore   *self,
                 KesAnchor  *anchor,
                 gint64     *restore_seq)
{
  g_autofree char *own_tag = kes_anchor_file_tag (self->path);
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT seq, summary FROM audit WHERE action = '" KES_AUDIT_RESTORE "' AND key_id IS NOT NULL "
    "AND at <= ?1 AND instr (summary, ?2) > 0 ORDER BY seq", NULL);
  gboolean other = FALSE;

  if (stmt == NULL || g_str_equal (own_tag, anchor->file_tag))
    return FALSE;
  kes_db_bind_text (stmt, 1, anchor->at, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, KES_RESTORED_AS_FILE, -1, KES_DB_STATIC);
  while (!other && kes_db_step (stmt) == KES_DB_ROW)
    {
      gint64 seq = kes_db_column_int64 (stmt, 0);
      const char *summary = kes_store_column_text (stmt, 1);
      const char *marker = g_strrstr (summary, KES_RESTORED_AS_FILE);
      const char *restored_as = marker + strlen (KES_RESTORED_AS_FILE);
      /* "BACKUP to TARGET, restored as file TAG" in the database restored
       * from; "BACKUP, restored as file TAG" in the copy itself. */
      gboolean made_copy = g_strstr_len (summary, marker - summary, " to ") != NULL;

      if (made_copy ? g_str_equal (restored_as, anchor->file_tag)
                    : seq <= anchor->seq && !g_str_equal (restored_as, anchor->file_tag))
        {
          other = TRUE;
          *restore_seq = seq;
        }
    }
  kes_db_reset (stmt);
  return other;
}

/* One anchor against the chain; @agreed: the last anchored entry that
 * agreed so far. */
static gboolean
check_anchor (KesStore      *self,
              KesVerifyRun  *run,
              KesAnchor     *anchor,
              gint64        *agreed,
              GError       **error)
{
  g_autofree char *held = NULL;
  g_autofree char *restore_at = NULL;
  g_autofree char *when = kes_time_to_display (anchor->at);
  KesInstallationKey *key = NULL;
  gint64 restore_seq = 0;

  if (!g_hash_table_lookup_extended (run->keys, anchor->key_id, NULL, (gpointer *) &key))
    {
      key = kes_installation_key_find (anchor->key_id, NULL);
      g_hash_table_insert (run->keys, g_strdup (anchor->key_id), key);
    }
  if (key == NULL)
    {
      kes_verify_report_unverified (run->report, KES_VERIFY_ANCHORS, anchor->key_id);
      return TRUE;
    }
  if (!kes_anchor_is_signed_by (anchor, key))
    {
      kes_verify_report_problem (run->report, KES_VERIFY_ANCHORS,
                                 _("the anchor of %s (entry %lld) is not signed by its installation key: "
                                   "it was altered or forged"), when, (long long) anchor->seq);
      return TRUE;
    }
  held = hash_at (self, anchor->seq, error);
  if (held == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (g_strcmp0 (held, anchor->hash) == 0)
    {
      *agreed = MAX (*agreed, anchor->seq);
      return TRUE;
    }
  if (rolled_back_by (self, anchor, &restore_seq, &restore_at))
    {
      g_autofree char *restored = kes_time_to_display (restore_at);

      kes_verify_report_notice (run->report,
                                _("history from entry %lld to entry %lld (anchored on %s) was rolled back "
                                  "by the restore of a backup on %s (entry %lld)"),
                                (long long) restore_seq, (long long) anchor->seq, when, restored,
                                (long long) restore_seq);
      return TRUE;
    }
  if (of_another_copy (self, anchor, &restore_seq))
    {
      kes_verify_report_notice (run->report,
                                _("the anchor of %s (entry %lld) is of another copy of this database, whose "
                                  "history went its own way after the restore logged at entry %lld"),
                                when, (long long) anchor->seq, (long long) restore_seq);
      return TRUE;
    }
  if (held == NULL && run->earlier_copy)
    return TRUE;
  if (held == NULL)
    {
      g_autofree char *gone = kes_verify_entries_text (run->head_seq + 1, anchor->seq);

      /* TRANSLATORS: the last %s is "entry 12" or "entries 12 to 20" */
      kes_verify_report_problem (run->report, KES_VERIFY_ANCHORS,
                                 _("the access log ends at entry %lld, but the anchor of %s records entry "
                                   "%lld: %s removed (first bad entry: %lld)"),
                                 (long long) run->head_seq, when, (long long) anchor->seq, gone,
                                 (long long) run->head_seq + 1);
    }
  else
    kes_verify_report_problem (run->report, KES_VERIFY_ANCHORS,
                               _("entry %lld differs from the anchor of %s: the access log was rewritten "
                                 "after entry %lld, the last one an anchor vouches for (first bad entry: "
                                 "between %lld and %lld)"),
                               (long long) anchor->seq, when, (long long) *agreed, (long long) *agreed + 1,
                               (long long) anchor->seq);
  return TRUE;
}

/* The file was anchored as another database, and then this one sealed a
 * history it already had: what an attacker does who strips the keyed
 * columns, rewrites the unkeyed chain and lets the next start seal it
 * afresh under a new identity. A database made new at the same place seals
 * nothing but its own first entries, and is left alone. */
static gboolean
check_resealed (KesStore      *self,
                KesVerifyRun  *run,
                const char    *other_at,
                GError       **error)
{
  KesDbStmt *stmt;
  g_autofree char *sealed_at = NULL;

  /* Sealed as its first entry: a new database, nothing of its own before. */
  if (run->seal_seq <= 1)
    return TRUE;
  stmt = kes_store_prepare (self, "SELECT at FROM audit WHERE seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_int64 (stmt, 1, run->seal_seq);
  if (kes_db_step (stmt) == KES_DB_ROW)
    sealed_at = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  if (sealed_at != NULL && g_strcmp0 (other_at, sealed_at) <= 0)
    {
      g_autofree char *when_other = kes_time_to_display (other_at);
      g_autofree char *when_sealed = kes_time_to_display (sealed_at);

      kes_verify_report_problem (run->report, KES_VERIFY_ANCHORS,
                                 _("this file was anchored as another database (last on %s) before its "
                                   "history was sealed on %s at entry %lld: an older file was put in its "
                                   "place, or its history was rewritten and sealed again (first bad entry: "
                                   "between 1 and %lld)"),
                                 when_other, when_sealed, (long long) run->seal_seq, (long long) run->seal_seq);
    }
  return TRUE;
}

gboolean
kes_store_verify_anchors (KesStore            *self,
                          KesVerifyRun        *run,
                          const char * const  *files,
                          gboolean             newest_only,
                          GError             **error)
{
  g_autoptr(GPtrArray) anchors = NULL;
  g_autofree char *other_at = NULL;
  gint64 agreed = 0;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_ANCHORS);
  /* A file from before the chain was keyed has no anchors. */
  if (!run->keyed)
    return TRUE;
  anchors = gather (self, run, files, &other_at, error);
  if (anchors == NULL || (other_at != NULL && !check_resealed (self, run, other_at, error)))
    return FALSE;
  if (newest_only && anchors->len > 1)
    g_ptr_array_remove_range (anchors, 0, anchors->len - 1);
  for (guint i = 0; i < anchors->len; i++)
    if (!check_anchor (self, run, g_ptr_array_index (anchors, i), &agreed, error))
      return FALSE;
  kes_verify_report_count (run->report, KES_VERIFY_ANCHORS, anchors->len);
  return TRUE;
}
