/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-verify"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-verify-private.h"

/* `verify`: runs the parts asked for inside one read transaction and
 * gathers what they find into a KesVerifyReport. The parts themselves are
 * kes-store-verify-chain.c (access log, revisions), -projections.c
 * (display tables), kes-store-guards.c and kes-store-anchor.c. */

static gboolean
single_integer (KesStore    *self,
                const char  *sql,
                gint64      *value,
                GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = kes_db_step (stmt);
  *value = rc == KES_DB_ROW ? kes_db_column_int64 (stmt, 0) : 0;
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database"));
      return FALSE;
    }
  return TRUE;
}

typedef char *(*DescribeRow) (const char *what,
                              const char *detail);

static char *
describe_integrity (const char *what,
                    const char *detail)
{
  return g_strdup_printf (_("SQLite’s integrity check: %s %s"), what, detail);
}

static char *
describe_reference (const char *table,
                    const char *parent)
{
  return g_strdup_printf (_("table %s has a reference to a row of %s that does not exist"), table, parent);
}

static char *
describe_history (const char *record_id,
                  const char *detail)
{
  return g_strdup_printf (_("table record, record %s: %s"), record_id, detail);
}

/* Every row a check returns is a problem: its first column (what), its
 * second (where or why). */
static gboolean
rows_are_problems (KesStore         *self,
                   const char       *sql,
                   KesVerifyReport  *report,
                   KesVerifyPart     part,
                   DescribeRow       describe,
                   GError          **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *first = kes_store_column_text (stmt, 0);
      g_autofree char *problem = NULL;

      if (g_str_equal (first, "ok"))
        continue;
      problem = describe (first, kes_db_column_count (stmt) > 2 ? kes_store_column_text (stmt, 2)
                                 : kes_db_column_count (stmt) > 1 ? kes_store_column_text (stmt, 1) : "");
      kes_verify_report_problem (report, part, "%s", problem);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not check the database"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_file (KesStore      *self,
             KesVerifyRun  *run,
             GError       **error)
{
  kes_verify_report_mark_ran (run->report, KES_VERIFY_FILE);
  kes_verify_report_count (run->report, KES_VERIFY_FILE, 1);
  return rows_are_problems (self, "PRAGMA integrity_check", run->report, KES_VERIFY_FILE,
                            describe_integrity, error) &&
         rows_are_problems (self, "PRAGMA foreign_key_check", run->report, KES_VERIFY_FILE,
                            describe_reference, error);
}

static char *
describe_provenance (const char *record_id,
                     const char *detail)
{
  return g_strdup_printf (_("table revision_import, record %s: %s"), record_id, detail);
}

static gboolean
has_table (KesStore    *self,
           const char  *table,
           gboolean    *found,
           GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, table, -1, KES_DB_STATIC);
  rc = kes_db_step (stmt);
  *found = rc == KES_DB_ROW;
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database’s schema"));
      return FALSE;
    }
  return TRUE;
}

/* Each record's history runs 1..N with N its current revision: a removed
 * or renumbered revision shows up here. Where imported history came from
 * (revision_import, from migration 0018) names who imported each revision:
 * the access-log entry of that revision must be theirs, so provenance put on
 * a revision written here, or naming someone else, shows up too. (A row for
 * a revision that does not exist is the foreign-key check's.) */
static gboolean
verify_records (KesStore      *self,
                KesVerifyRun  *run,
                GError       **error)
{
  gboolean provenance = FALSE;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_RECORDS);
  kes_verify_report_count (run->report, KES_VERIFY_RECORDS, run->record_count);
  return rows_are_problems (self,
    KES_SQL_FULL_SCAN "SELECT r.id, printf ('is at revision %d but its history holds %d revisions (highest %d)', "
    "r.revision, count (v.revision), coalesce (max (v.revision), 0)) "
    "FROM record r LEFT JOIN revision v ON v.record_id = r.id GROUP BY r.id "
    "HAVING count (v.revision) != r.revision OR coalesce (max (v.revision), 0) != r.revision",
    run->report, KES_VERIFY_RECORDS, describe_history, error) &&
         has_table (self, "revision_import", &provenance, error) &&
         (!provenance ||
          rows_are_problems (self,
            KES_SQL_FULL_SCAN "SELECT i.record_id, printf ('revision %d: its access-log entry does not record it imported by the "
            "member of staff its provenance names', i.revision) FROM main.revision_import i "
            "JOIN main.revision v ON v.record_id = i.record_id AND v.revision = i.revision "
            "WHERE NOT EXISTS (SELECT 1 FROM main.audit a WHERE a.record_id = i.record_id "
            "AND a.revision = i.revision AND a.actor_id IS i.imported_by)",
            run->report, KES_VERIFY_RECORDS, describe_provenance, error));
}

gboolean
kes_verify_run_start (KesStore      *self,
                      KesVerifyRun  *run,
                      GError       **error)
{
  gint64 records = 0;

  run->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) kes_installation_key_unref);
  run->keyed = kes_store_get_user_version (self) >= kes_store_keyed_chain_version ();
  run->imports_per_patient = kes_store_get_user_version (self) >= kes_store_import_per_patient_version ();
  if (!single_integer (self, "SELECT coalesce (max (seq), 0) FROM audit", &run->head_seq, error) ||
      /* Record rows are never deleted: the last rowid counts them, without a scan. */
      !single_integer (self, "SELECT coalesce (max (rowid), 0) FROM record", &records, error) ||
      (run->keyed && !kes_store_find_seal (self, &run->database_id, &run->seal_seq, error)))
    return FALSE;
  run->record_count = (guint64) records;
  run->revision_count = (guint64) run->head_seq;
  return TRUE;
}

void
kes_verify_run_end (KesVerifyRun *run)
{
  g_clear_pointer (&run->keys, g_hash_table_unref);
  g_clear_pointer (&run->database_id, g_free);
}

static gboolean
has_access_log (KesStore  *self,
                gboolean  *has_log,
                GError   **error)
{
  /* A database from before schema 3 (an old backup) has no log to check. */
  return has_table (self, "audit", has_log, error);
}

static void
starting (KesVerifyRun  *run,
          KesVerifyPart  part)
{
  if (run->progress != NULL)
    run->progress (part, 0, 1, run->user_data);
}

static gboolean
run_parts (KesStore            *self,
           KesVerifyRun        *run,
           KesVerifyParts       parts,
           const char * const  *anchor_files,
           GError             **error)
{
  gboolean has_log = FALSE;

  if (!has_access_log (self, &has_log, error) || (has_log && !kes_verify_run_start (self, run, error)))
    return FALSE;
  if (!has_log)
    parts &= KES_VERIFY_PART_FILE | KES_VERIFY_PART_RECORDS;
  /* The rebuild writes rows as this version of Kestrel lays them out: a
   * file of an older schema (a backup not yet restored) is rebuilt once it
   * has been brought up to date. */
  if (kes_store_get_user_version (self) != kes_store_schema_version ())
    parts &= ~KES_VERIFY_PART_PROJECTIONS;

  /* Each part says it has started: some (SQLite's own checks) can't say
   * how far they have got. */
#define RUN(part, call) ((parts & (1 << (part))) == 0 || (starting (run, part), (call)))
  return RUN (KES_VERIFY_FILE, verify_file (self, run, error)) &&
         RUN (KES_VERIFY_GUARDS, kes_store_verify_guards (self, run, error)) &&
         RUN (KES_VERIFY_RECORDS, verify_records (self, run, error)) &&
         RUN (KES_VERIFY_ACCESS_LOG, kes_store_verify_chain (self, run, error)) &&
         RUN (KES_VERIFY_REVISIONS, kes_store_verify_revisions (self, run, error)) &&
         RUN (KES_VERIFY_PROJECTIONS, kes_store_verify_projections (self, run, error)) &&
         RUN (KES_VERIFY_ANCHORS, kes_store_verify_anchors (self, run, anchor_files, FALSE, error));
#undef RUN
}

/* The quick check: what a start can afford whatever the file's size. */
static gboolean
run_quick (KesStore      *self,
           KesVerifyRun  *run,
           GError       **error)
{
  return kes_verify_run_start (self, run, error) && kes_store_verify_guards (self, run, error) &&
         kes_store_verify_tail (self, run, error) && kes_store_verify_anchors (self, run, NULL, TRUE, error);
}

/* Runs @parts, or the quick check, in one snapshot: BEGIN, then the first
 * read fixes it. */
static KesVerifyReport *
run_in_snapshot (KesStore            *self,
                 KesVerifyRun        *run,
                 KesVerifyParts       parts,
                 gboolean             quick,
                 const char * const  *anchor_files,
                 GError             **error)
{
  g_autoptr(KesVerifyReport) report = kes_verify_report_new ();
  gboolean own_transaction = kes_db_get_autocommit (self->db);
  gboolean ok;

  run->report = report;
  run->earlier_copy = (parts & KES_VERIFY_EARLIER_COPY) != 0;
  if (own_transaction && !kes_store_exec (self, "BEGIN", error))
    return NULL;
  ok = quick ? run_quick (self, run, error) : run_parts (self, run, parts, anchor_files, error);
  kes_verify_run_end (run);
  if (own_transaction)
    kes_store_exec (self, "ROLLBACK", NULL);
  return ok ? g_steal_pointer (&report) : NULL;
}

KesVerifyReport *
kes_store_verify_run (KesStore            *self,
                      KesVerifyParts       parts,
                      const char * const  *anchor_files,
                      KesVerifyProgress    progress,
                      gpointer             user_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  KesVerifyRun run = { NULL, progress, user_data, cancellable };

  return run_in_snapshot (self, &run, parts, FALSE, anchor_files, error);
}

KesVerifyReport *
kes_store_verify_parts (KesStore            *self,
                        KesVerifyParts       parts,
                        const char * const  *anchor_files,
                        KesVerifyProgress    progress,
                        gpointer             user_data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;
  return kes_store_verify_run (self, parts, anchor_files, progress, user_data, cancellable, error);
}

KesVerifyReport *
kes_store_verify_quick (KesStore  *self,
                        GError   **error)
{
  KesVerifyRun run = { NULL };

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  return run_in_snapshot (self, &run, 0, TRUE, NULL, error);
}

GPtrArray *
kes_store_verify (KesStore  *self,
                  GError   **error)
{
  g_autoptr(KesVerifyReport) report = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;

  report = kes_store_verify_run (self, KES_VERIFY_ALL, NULL, NULL, NULL, NULL, error);
  return report != NULL ? kes_verify_report_list_problems (report) : NULL;
}

GPtrArray *
kes_store_verify_audit (KesStore  *self,
                        GError   **error)
{
  g_autoptr(KesVerifyReport) report = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;

  report = kes_store_verify_run (self, KES_VERIFY_PART_ACCESS_LOG | KES_VERIFY_PART_REVISIONS, NULL, NULL,
                                 NULL, NULL, error);
  return report != NULL ? kes_verify_report_list_problems (report) : NULL;
}
