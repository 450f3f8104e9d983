/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-verify-chain"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-error.h"
#include "kes-history-hash.h"
#include "kes-store-verify-private.h"

/* The access log's chain and every revision against its entry.
 *
 * The chain: entries numbered 1..N without a gap, each naming the hash of
 * the one before, each hash recomputed: SHA-256 for the unkeyed entries
 * written before the seal, keyed BLAKE2b with the entry's installation key
 * from the seal on (an unkeyed entry after the seal is a rewrite).
 *
 * Revisions: each against the entry that recorded it. A keyed entry holds
 * the revision hash and, beside it, the revision's author, time, change
 * kind, record kind and patient as the entry saw them, so a difference is
 * named by column. Revisions recorded by unkeyed entries are held to their
 * data hash one by one and, together, to the digest the seal recorded. */

/* How often a long walk reports progress and looks for a cancellation. */
#define STEP 4096

static const char *
column_or_null (KesDbStmt *stmt,
                int           column)
{
  return (const char *) kes_db_column_text (stmt, column);
}

/* The key for @key_id, looked up once per check; NULL when this computer
 * does not have it (remembered as missing too). */
static KesInstallationKey *
key_for (KesVerifyRun *run,
         const char   *key_id)
{
  KesInstallationKey *key;

  if (g_hash_table_lookup_extended (run->keys, key_id, NULL, (gpointer *) &key))
    return key;
  key = kes_installation_key_find (key_id, NULL);
  g_hash_table_insert (run->keys, g_strdup (key_id), key);
  return key;
}

static gboolean
step_done (KesVerifyRun  *run,
           KesVerifyPart  part,
           guint64        done,
           guint64        total,
           GError       **error)
{
  if (run->progress != NULL)
    run->progress (part, done, total, run->user_data);
  return !g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/* One entry against the one before it (@previous, its stored hash). */
static void
check_entry (KesVerifyRun         *run,
             const KesAuditFields *fields,
             const char           *stored,
             gint64                expected_seq,
             const char           *previous)
{
  KesVerifyReport *report = run->report;
  char hash[KES_HASH_HEX_CHARS + 1];
  KesInstallationKey *key = NULL;

  if (fields->seq != expected_seq)
    {
      g_autofree char *gap = kes_verify_entries_text (expected_seq, fields->seq - 1);

      /* TRANSLATORS: %s is "entry 12" or "entries 12 to 20" */
      kes_verify_report_problem (report, KES_VERIFY_ACCESS_LOG, _("%s removed (first bad entry: %lld)"),
                                 gap, (long long) expected_seq);
      return;
    }
  if (g_strcmp0 (fields->prev_hash, previous) != 0)
    {
      kes_verify_report_problem (report, KES_VERIFY_ACCESS_LOG,
                                 _("entry %lld does not follow on from the entry before it: an entry "
                                   "was removed, inserted or altered (first bad entry: %lld)"),
                                 (long long) fields->seq, (long long) fields->seq);
      return;
    }
  if (fields->key_id == NULL)
    {
      if (run->seal_seq > 0 && fields->seq > run->seal_seq)
        kes_verify_report_problem (report, KES_VERIFY_ACCESS_LOG,
                                   _("entry %lld is not sealed with the installation key although "
                                     "the log is keyed from entry %lld: it was rewritten outside "
                                     "Kestrel (first bad entry: %lld)"),
                                   (long long) fields->seq, (long long) run->seal_seq,
                                   (long long) fields->seq);
      else
        {
          kes_audit_entry_hash (fields, NULL, hash);
          if (!g_str_equal (hash, stored))
            kes_verify_report_problem (report, KES_VERIFY_ACCESS_LOG,
                                       _("entry %lld was altered after it was written (first bad "
                                         "entry: %lld)"),
                                       (long long) fields->seq, (long long) fields->seq);
        }
      return;
    }
  key = key_for (run, fields->key_id);
  if (key == NULL)
    {
      kes_verify_report_unverified (report, KES_VERIFY_ACCESS_LOG, fields->key_id);
      return;
    }
  kes_audit_entry_hash (fields, key, hash);
  if (!g_str_equal (hash, stored))
    kes_verify_report_problem (report, KES_VERIFY_ACCESS_LOG,
                               _("entry %lld was altered after it was written, or hashed without "
                                 "the installation key (first bad entry: %lld)"),
                               (long long) fields->seq, (long long) fields->seq);
}

/* Walks the chain from entry @from_seq (1: all of it) to the end. Started
 * part-way, the first entry's link to the one before is taken as given. */
static gboolean
walk_chain (KesStore      *self,
            KesVerifyRun  *run,
            gint64         from_seq,
            guint64       *checked,
            GError       **error)
{
  g_autofree char *previous = g_strdup (KES_AUDIT_GENESIS_HASH);
  KesDbStmt *stmt;
  gint64 expected_seq = MAX (from_seq, 1);
  int rc;

  /* A file from before the chain was keyed (an old backup) lacks its columns. */
  stmt = kes_store_prepare (self, run->keyed
    ? "SELECT " KES_AUDIT_COLUMNS " FROM audit WHERE seq >= ?1 ORDER BY seq"
    : "SELECT " KES_AUDIT_COLUMNS_UNKEYED " FROM audit WHERE seq >= ?1 ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_int64 (stmt, 1, expected_seq);
  *checked = 0;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesAuditFields fields = kes_store_audit_fields (stmt, 0);
      const char *stored = kes_store_column_text (stmt, 14);

      if (fields.seq == from_seq && from_seq > 1)
        {
          g_free (previous);
          previous = g_strdup (fields.prev_hash);
        }
      check_entry (run, &fields, stored, expected_seq, previous);
      g_free (previous);
      previous = g_strdup (stored);
      expected_seq = fields.seq + 1;
      if (++(*checked) % STEP == 0 && !step_done (run, KES_VERIFY_ACCESS_LOG, *checked, run->head_seq, error))
        {
          kes_db_reset (stmt);
          return FALSE;
        }
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return FALSE;
    }
  return TRUE;
}

/* A keyed database whose log has no seal had its keyed entries rewritten
 * or removed: the seal can't be forged without the key. The seal also
 * vouches for the database's identity. */
static gboolean
check_seal (KesStore      *self,
            KesVerifyRun  *run,
            GError       **error)
{
  g_autofree char *identity = NULL;

  if (run->keyed && run->seal_seq == 0)
    {
      kes_verify_report_problem (run->report, KES_VERIFY_ACCESS_LOG,
                                 _("the access log has lost its seal (the first entry sealed with the "
                                   "installation key): it was rewritten or cut short outside Kestrel "
                                   "(first bad entry: 1)"));
      return TRUE;
    }
  if (run->seal_seq == 0)
    return TRUE;
  identity = kes_store_get_database_id (self, error);
  if (identity == NULL)
    return FALSE;
  if (!g_str_equal (identity, run->database_id))
    kes_verify_report_problem (run->report, KES_VERIFY_ACCESS_LOG,
                               _("table database_identity: the database’s id is not the one the seal at "
                                 "entry %lld recorded: it was changed outside Kestrel (first bad entry: %lld)"),
                               (long long) run->seal_seq, (long long) run->seal_seq);
  return TRUE;
}

gboolean
kes_store_verify_chain (KesStore      *self,
                        KesVerifyRun  *run,
                        GError       **error)
{
  guint64 checked = 0;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_ACCESS_LOG);
  if (!walk_chain (self, run, 1, &checked, error))
    return FALSE;
  kes_verify_report_count (run->report, KES_VERIFY_ACCESS_LOG, checked);
  return check_seal (self, run, error);
}

gboolean
kes_store_verify_audit_tail (KesStore   *self,
                             guint       entries,
                             GPtrArray  *problems,
                             GError    **error)
{
  g_autoptr(KesVerifyReport) report = kes_verify_report_new ();
  KesVerifyRun run = { report };
  guint64 checked = 0;
  gboolean ok;

  /* Only what is wrong: a key this computer lacks is for `verify` to say. */
  ok = kes_verify_run_start (self, &run, error) &&
       walk_chain (self, &run, MAX (run.head_seq - (gint64) entries + 1, 1), &checked, error);
  kes_verify_run_end (&run);
  if (ok && kes_verify_report_get_first (report, KES_VERIFY_ACCESS_LOG) != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %s", kes_verify_part_label (KES_VERIFY_ACCESS_LOG),
                                                kes_verify_report_get_first (report, KES_VERIFY_ACCESS_LOG)));
  return ok;
}

/* ---- Revisions ---- */

/* The problem with the lowest entry number is the one reported first. */
typedef struct
{
  gint64  seq;      /* G_MAXINT64: no entry to point at */
  char   *message;
  guint   count;
} FirstProblem;

static void
note_problem (FirstProblem *first,
              gint64        seq,
              char         *message)
{
  first->count++;
  if (first->message == NULL || seq < first->seq)
    {
      g_free (first->message);
      first->message = message;
      first->seq = seq;
    }
  else
    g_free (message);
}

/* Which revision columns differ from what a keyed entry saw. */
static char *
differing_columns (KesDbStmt               *stmt,
                   const KesRevisionFields *fields)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  const char *entry_author = kes_store_column_text (stmt, 12);
  const char *entry_at = kes_store_column_text (stmt, 13);
  const char *entry_action = kes_store_column_text (stmt, 14);
  const char *entry_kind = kes_store_column_text (stmt, 15);
  const char *entry_patient = column_or_null (stmt, 16);
  const char *owner = g_str_equal (fields->kind, "patient") ? fields->record_id : fields->patient_id;
  g_auto(GStrv) names = NULL;

  if (g_strcmp0 (fields->author_id, entry_author) != 0)
    g_strv_builder_add (columns, "revision.author_id");
  if (g_strcmp0 (fields->at, entry_at) != 0)
    g_strv_builder_add (columns, "revision.at");
  if (g_strcmp0 (kes_store_audit_action_for_change (fields->change), entry_action) != 0)
    g_strv_builder_add (columns, "revision.change");
  if (g_strcmp0 (fields->kind, entry_kind) != 0)
    g_strv_builder_add (columns, "record.kind");
  if (g_strcmp0 (owner, entry_patient) != 0)
    g_strv_builder_add (columns, "record.patient_id");
  names = g_strv_builder_end (columns);
  /* Everything the entry saw agrees: the one field it keeps only in the
   * revision hash is the reason. */
  return names[0] != NULL ? g_strjoinv (", ", names) : g_strdup ("revision.reason");
}

/* One revision (a row of the walk below) against its entry. */
static void
note_import_problem (gint64    seq,
                     char     *message,
                     gpointer  user_data)
{
  note_problem (user_data, seq, message);
}

static void
check_revision (KesVerifyRun *run,
                KesDbStmt *stmt,
                FirstProblem *first,
                KesSealDigest *digest,
                KesVerifyImports *imports)
{
  gboolean has_entry = kes_db_column_type (stmt, 9) != KES_DB_NULL;
  gint64 seq = kes_db_column_int64 (stmt, 9);
  const char *key_id = column_or_null (stmt, 17);
  g_autofree char *data_sha256 = NULL;
  char hash[KES_HASH_HEX_CHARS + 1];
  KesRevisionFields fields;
  const char *record_id;
  gint64 number;

  kes_store_revision_fields (stmt, 0, &data_sha256, &fields);
  record_id = fields.record_id;
  number = fields.number;
  kes_revision_hash (&fields, hash);
  /* Brought by an import of a patient: held to that import's one entry
   * (kes-store-verify-imports.c). */
  if (kes_db_column_type (stmt, 18) != KES_DB_NULL)
    {
      kes_verify_imports_add (imports, kes_db_column_int64 (stmt, 18), record_id, number, hash);
      return;
    }
  /* Written before the seal: held to the seal's digest together (whatever
   * else is wrong with it). */
  if (has_entry && key_id == NULL && run->seal_seq > 0 && seq < run->seal_seq &&
      kes_db_column_type (stmt, 1) != KES_DB_NULL)
    kes_seal_digest_add (digest, hash);
  if (!has_entry)
    {
      note_problem (first, G_MAXINT64,
                    g_strdup_printf (_("table revision, record %s revision %lld: the access log has no "
                                       "entry for it: it was added, or its entry removed, outside "
                                       "Kestrel"), record_id, (long long) number));
      return;
    }
  if (!g_str_equal (data_sha256, kes_store_column_text (stmt, 10)))
    {
      note_problem (first, seq,
                    g_strdup_printf (_("table revision, record %s revision %lld, column data: differs "
                                       "from what was written (access log entry %lld)"),
                                     record_id, (long long) number, (long long) seq));
      return;
    }
  if (key_id == NULL)
    return;
  if (!g_str_equal (hash, kes_store_column_text (stmt, 11)))
    {
      g_autofree char *columns = differing_columns (stmt, &fields);

      note_problem (first, seq,
                    g_strdup_printf (_("record %s revision %lld, column %s: differs from what was "
                                       "written (access log entry %lld)"),
                                     record_id, (long long) number, columns, (long long) seq));
    }
}

/* Entries that record a revision the history no longer holds. */
static gboolean
check_missing_revisions (KesStore      *self,
                         FirstProblem  *first,
                         GError       **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT a.record_id, a.revision, a.seq FROM audit a WHERE a.revision IS NOT NULL "
    "AND a.data_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM revision v "
    "WHERE v.record_id = a.record_id AND v.revision = a.revision)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    note_problem (first, kes_db_column_int64 (stmt, 2),
                  g_strdup_printf (_("table revision, record %s revision %lld: the access log (entry "
                                     "%lld) records it, but it is missing"),
                                   kes_store_column_text (stmt, 0), (long long) kes_db_column_int64 (stmt, 1),
                                   (long long) kes_db_column_int64 (stmt, 2)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the record history"));
      return FALSE;
    }
  return TRUE;
}

/* The digest of the revisions written before the seal against the one the
 * seal recorded. */
static gboolean
check_seal_digest (KesStore      *self,
                   KesVerifyRun  *run,
                   char          *digest,
                   GError       **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT data_hash FROM audit WHERE seq = ?", error);
  gboolean same;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_int64 (stmt, 1, run->seal_seq);
  same = kes_db_step (stmt) == KES_DB_ROW && g_str_equal (kes_store_column_text (stmt, 0), digest);
  kes_db_reset (stmt);
  if (!same)
    kes_verify_report_problem (run->report, KES_VERIFY_REVISIONS,
                               _("the revisions written before the access log was keyed no longer "
                                 "match the seal at entry %lld: an author, time, reason, change kind "
                                 "or patient of one of them was changed (first bad entry: %lld)"),
                               (long long) run->seal_seq, (long long) run->seal_seq);
  return TRUE;
}

gboolean
kes_store_verify_revisions (KesStore      *self,
                            KesVerifyRun  *run,
                            GError       **error)
{
  FirstProblem first = { G_MAXINT64, NULL, 0 };
  KesSealDigest *digest = kes_seal_digest_new ();
  KesVerifyImports *imports = kes_verify_imports_new ();
  g_autofree char *digest_hex = NULL;
  KesDbStmt *stmt;
  guint64 checked = 0;
  gboolean ok = TRUE;
  int rc;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_REVISIONS);
  /* In the history's own order (its primary key): no sorting, however large
   * the file, and the order the seal's digest was taken in. */
#define KEYED_REVISIONS(import_id) \
    KES_SQL_FULL_SCAN "SELECT " KES_REVISION_COLUMNS ", a.seq, a.data_hash, a.revision_hash, " \
      "coalesce (a.revision_author, a.actor_id), coalesce (a.revision_at, a.at), a.action, a.summary, " \
      "a.patient_id, a.key_id, " import_id " FROM revision v LEFT JOIN record r ON r.id = v.record_id " \
      "LEFT JOIN audit a ON a.record_id = v.record_id AND a.revision = v.revision " \
      "AND a.data_hash IS NOT NULL ORDER BY v.record_id, v.revision"
  /* Revisions carry the import that brought them from migration 0024 on. */
  stmt = kes_store_prepare (self, run->imports_per_patient ? KEYED_REVISIONS ("v.import_id")
    : run->keyed ? KEYED_REVISIONS ("NULL")
    : KES_SQL_FULL_SCAN "SELECT " KES_REVISION_COLUMNS ", a.seq, a.data_hash, NULL, a.actor_id, a.at, a.action, a.summary, "
      "a.patient_id, NULL, NULL FROM revision v LEFT JOIN record r ON r.id = v.record_id "
      "LEFT JOIN audit a ON a.record_id = v.record_id AND a.revision = v.revision "
      "AND a.data_hash IS NOT NULL ORDER BY v.record_id, v.revision", error);
  if (stmt == NULL)
    ok = FALSE;
  while (ok && (rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      check_revision (run, stmt, &first, digest, imports);
      if (++checked % STEP == 0)
        ok = step_done (run, KES_VERIFY_REVISIONS, checked, run->revision_count, error);
    }
  if (stmt != NULL)
    {
      kes_db_reset (stmt);
      if (ok && rc != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not check the record history"));
          ok = FALSE;
        }
    }
  digest_hex = kes_seal_digest_finish (digest);
  ok = ok && check_missing_revisions (self, &first, error) &&
       (!run->imports_per_patient ||
        kes_store_verify_imports (self, imports, note_import_problem, &first, error));
  kes_verify_imports_free (imports);
  if (ok && first.message != NULL)
    kes_verify_report_problems (run->report, KES_VERIFY_REVISIONS, first.count, first.message);
  g_free (first.message);
  kes_verify_report_count (run->report, KES_VERIFY_REVISIONS, checked);
  return ok && (run->seal_seq == 0 || check_seal_digest (self, run, digest_hex, error));
}

/* ---- The quick part ---- */

gboolean
kes_store_verify_tail (KesStore      *self,
                       KesVerifyRun  *run,
                       GError       **error)
{
  KesDbStmt *stmt;
  int rc;

  /* The last entry only, against its own hash: whether this computer holds
   * the key the log is sealed with, and whether the newest entry was
   * rewritten. The whole chain is the full check's. */
  kes_verify_report_mark_ran (run->report, KES_VERIFY_ACCESS_LOG);
  if (!check_seal (self, run, error))
    return FALSE;
  stmt = kes_store_prepare (self, run->keyed
    ? "SELECT " KES_AUDIT_COLUMNS " FROM audit WHERE seq = (SELECT max (seq) FROM audit)"
    : "SELECT " KES_AUDIT_COLUMNS_UNKEYED " FROM audit WHERE seq = (SELECT max (seq) FROM audit)", error);
  if (stmt == NULL)
    return FALSE;
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      KesAuditFields fields = kes_store_audit_fields (stmt, 0);

      kes_verify_report_count (run->report, KES_VERIFY_ACCESS_LOG, 1);
      check_entry (run, &fields, kes_store_column_text (stmt, 14), fields.seq, fields.prev_hash);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return FALSE;
    }
  return TRUE;
}
