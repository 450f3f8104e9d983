/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-guards"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-verify-private.h"

/* The append-only rules: triggers that refuse any UPDATE or DELETE of
 * history (revision), the access log (audit), anchors, attached
 * letters and where imported history came from (revision_import,
 * patient_import). Someone with the sqlite3 shell can drop them, so the store
 * checks they are all there, exactly as written, before every write
 * transaction (only when the schema changed since the last look: PRAGMA
 * schema_version), and refuses to write while one is missing. Putting them
 * back takes an administrator, and is logged. */

typedef struct
{
  const char *name;
  const char *table;
  const char *event;
  const char *message;
} Guard;

/* As the migrations create them (0001, 0003, 0004, 0012, 0016, 0018, 0024). */
static const Guard guards[] = {
  { "revision_no_update", "revision", "UPDATE", "revisions are append-only" },
  { "revision_no_delete", "revision", "DELETE", "revisions are append-only" },
  { "audit_no_update", "audit", "UPDATE", "the audit log is append-only" },
  { "audit_no_delete", "audit", "DELETE", "the audit log is append-only" },
  { "referral_document_no_update", "referral_document", "UPDATE", "referral documents are never changed" },
  { "referral_document_no_delete", "referral_document", "DELETE", "referral documents are never removed" },
  { "chain_anchor_no_update", "chain_anchor", "UPDATE", "anchors are append-only" },
  { "chain_anchor_no_delete", "chain_anchor", "DELETE", "anchors are append-only" },
  { "database_identity_no_update", "database_identity", "UPDATE", "a database keeps its identity" },
  { "database_identity_no_delete", "database_identity", "DELETE", "a database keeps its identity" },
  { "revision_import_no_update", "revision_import", "UPDATE", "provenance is append-only" },
  { "revision_import_no_delete", "revision_import", "DELETE", "provenance is append-only" },
  { "patient_import_no_update", "patient_import", "UPDATE", "provenance is append-only" },
  { "patient_import_no_delete", "patient_import", "DELETE", "provenance is append-only" },
};

/* Tables no trigger but their guards may touch. */
static const char *const guarded_tables[] = { "revision", "audit", "chain_anchor", "database_identity",
                                              "revision_import", "patient_import" };

static char *
guard_sql (const Guard *guard)
{
  return g_strdup_printf ("CREATE TRIGGER %s BEFORE %s ON %s\nBEGIN\n  SELECT RAISE (ABORT, '%s');\nEND",
                          guard->name, guard->event, guard->table, guard->message);
}

/* Whitespace runs as one space, no trailing semicolon: the migrations'
 * layout and the one above compare equal, any other wording does not. */
static char *
normalise (const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  while (out->len > 0 && out->str[out->len - 1] == ';')
    g_string_truncate (out, out->len - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_guard_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (guards); i++)
    if (g_str_equal (guards[i].name, name))
      return TRUE;
  return FALSE;
}

static gboolean
is_guarded_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (guarded_tables); i++)
    if (g_str_equal (guarded_tables[i], table))
      return TRUE;
  return FALSE;
}

/* What is wrong with the rules, one name per problem: "audit_no_delete"
 * (missing or reworded) or "+name" (a trigger that does not belong on a
 * guarded table). @checked counts the rules looked at. */
static GPtrArray *
find_problems (KesStore  *self,
               guint     *checked,
               GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KesDbStmt *stmt;
  int rc;

  stmt = kes_store_prepare (self, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                  "WHERE type IN ('table', 'trigger')", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      const char *name = kes_store_column_text (stmt, 1);

      if (g_str_equal (kes_store_column_text (stmt, 0), "table"))
        g_hash_table_add (tables, g_strdup (name));
      else
        {
          g_hash_table_insert (triggers, g_strdup (name), normalise (kes_store_column_text (stmt, 3)));
          if (is_guarded_table (kes_store_column_text (stmt, 2)) && !is_guard_name (name))
            g_ptr_array_add (problems, g_strconcat ("+", name, NULL));
        }
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database’s schema"));
      return NULL;
    }

  *checked = 0;
  for (guint i = 0; i < G_N_ELEMENTS (guards); i++)
    {
      g_autofree char *expected = NULL;
      g_autofree char *wanted = NULL;
      const char *found;

      /* An older file (a backup from before a table existed) needs no rule for it. */
      if (!g_hash_table_contains (tables, guards[i].table))
        continue;
      (*checked)++;
      expected = guard_sql (&guards[i]);
      wanted = normalise (expected);
      found = g_hash_table_lookup (triggers, guards[i].name);
      if (found == NULL || !g_str_equal (found, wanted))
        g_ptr_array_add (problems, g_strdup (guards[i].name));
    }
  return g_steal_pointer (&problems);
}

static char *
describe (GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const char *name = g_ptr_array_index (problems, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      if (name[0] == '+')
        g_string_append_printf (text, _("%s (a trigger that does not belong there)"), name + 1);
      else
        g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
kes_store_verify_guards (KesStore      *self,
                         KesVerifyRun  *run,
                         GError       **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *names = NULL;
  guint checked = 0;

  kes_verify_report_mark_ran (run->report, KES_VERIFY_GUARDS);
  problems = find_problems (self, &checked, error);
  if (problems == NULL)
    return FALSE;
  kes_verify_report_count (run->report, KES_VERIFY_GUARDS, checked);
  if (problems->len == 0)
    return TRUE;
  names = describe (problems);
  kes_verify_report_problems (run->report, KES_VERIFY_GUARDS, problems->len, names);
  return TRUE;
}

gboolean
kes_store_guards_hold (KesStore  *self,
                       GError   **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "PRAGMA schema_version", error);
  gint64 version = -1;

  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) == KES_DB_ROW)
    version = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  if (version != self->guards_checked_schema)
    {
      g_autoptr(GPtrArray) problems = NULL;
      guint checked;

      problems = find_problems (self, &checked, error);
      if (problems == NULL)
        return FALSE;
      g_clear_pointer (&self->guards_missing, g_free);
      if (problems->len > 0)
        {
          self->guards_missing = describe (problems);
          g_message ("The append-only rules are not as Kestrel wrote them: %s", self->guards_missing);
        }
      self->guards_checked_schema = version;
    }
  if (self->guards_missing == NULL)
    return TRUE;
  g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT,
               _("Nothing was saved. The rules that stop this database’s history and access log "
                 "being rewritten were removed or changed outside Kestrel (%s). An administrator "
                 "must check the database and put them back: Administration, Check the database, "
                 "or kestrel-cli guards restore."), self->guards_missing);
  return FALSE;
}

char *
kes_store_get_missing_guards (KesStore  *self,
                              GError   **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  guint checked;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  problems = find_problems (self, &checked, error);
  if (problems == NULL)
    return NULL;
  return problems->len > 0 ? describe (problems) : g_strdup ("");
}

static gboolean
restore_all (KesStore   *self,
             GPtrArray  *problems,
             GError    **error)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *name = g_ptr_array_index (problems, i);
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS \"%s\"", name[0] == '+' ? name + 1 : name);

      if (!kes_store_exec (self, drop, error))
        return FALSE;
      for (guint g = 0; name[0] != '+' && g < G_N_ELEMENTS (guards); g++)
        if (g_str_equal (guards[g].name, name))
          {
            g_autofree char *create = guard_sql (&guards[g]);

            if (!kes_store_exec (self, create, error))
              return FALSE;
          }
    }
  return TRUE;
}

gboolean
kes_store_restore_guards (KesStore  *self,
                          char     **restored,
                          GError   **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *names = NULL;
  g_autofree char *summary = NULL;
  guint checked;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR,
                           _("No one is signed in: an administrator must put the rules back"));
      return FALSE;
    }
  if (!kes_store_require (self, KES_PERMISSION_BACKUP, NULL, error))
    return FALSE;

  /* Its own write: the check it would otherwise fail is what it repairs. */
  if (!kes_store_savepoint_unguarded (self, error))
    return FALSE;
  problems = find_problems (self, &checked, error);
  if (problems == NULL)
    goto fail;
  names = describe (problems);
  if (problems->len > 0)
    {
      summary = g_strdup_printf ("append-only rules put back: %s", names);
      if (!restore_all (self, problems, error) ||
          !kes_store_audit_append (self, KES_AUDIT_GUARDS_RESTORED, NULL, NULL, summary, error))
        goto fail;
    }
  if (!kes_store_release (self, error))
    return FALSE;
  self->guards_checked_schema = -1;
  if (restored != NULL)
    *restored = g_steal_pointer (&names);
  return TRUE;

fail:
  kes_store_rollback_to (self);
  return FALSE;
}
