/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-audit-query"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-private.h"

/* Reading the access log a page at a time, for the access log views, and
 * writing entries out as CSV. */

static const char *
blank_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

GPtrArray *
kes_store_query_audit (KesStore             *self,
                       const KesAuditFilter *filter,
                       gint64                before_seq,
                       guint                 limit,
                       GError              **error)
{
  static const KesAuditFilter everything = { NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *to_end = NULL;
  const char *to;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (filter == NULL)
    filter = &everything;
  if (!kes_store_require (self, KES_PERMISSION_VIEW_AUDIT, NULL, error))
    return NULL;

  to = blank_to_null (filter->to);
  if (to != NULL)
    to_end = strlen (to) == 10 ? g_strconcat (to, "T23:59:59Z", NULL) : g_strdup (to);

  /* A page is read backwards from @before_seq through the log's key, and
   * one patient's entries through the patient index: "?1 IS NULL OR" and
   * "?6 <= 0 OR" forms would keep SQLite from using either, and every page
   * would start again from the newest entry. */
#define AUDIT_PAGE(patient_filter) \
    "SELECT a.seq, a.at, a.actor_id, s.display_name, a.action, a.record_id, a.patient_id, " \
    "a.revision, a.summary, p.family_name, p.given_name " \
    "FROM audit a LEFT JOIN staff s ON s.id = a.actor_id " \
    "LEFT JOIN patient p ON p.id = a.patient_id " \
    "WHERE " patient_filter " AND (?2 IS NULL OR a.actor_id = ?2) " \
    "AND (?3 IS NULL OR a.action = ?3) AND (?4 IS NULL OR a.at >= ?4) " \
    "AND (?5 IS NULL OR a.at <= ?5) AND a.seq < ?6 " \
    "ORDER BY a.seq DESC LIMIT ?7"
  stmt = kes_store_prepare (self, blank_to_null (filter->patient_id) != NULL
                                    ? AUDIT_PAGE ("a.patient_id = ?1") : AUDIT_PAGE ("?1 IS NULL"),
                            error);
#undef AUDIT_PAGE
  if (stmt == NULL)
    return NULL;
  kes_store_bind_text (stmt, 1, blank_to_null (filter->patient_id));
  kes_store_bind_text (stmt, 2, blank_to_null (filter->actor_id));
  kes_store_bind_text (stmt, 3, blank_to_null (filter->action));
  kes_store_bind_text (stmt, 4, blank_to_null (filter->from));
  kes_store_bind_text (stmt, 5, to_end);
  kes_db_bind_int64 (stmt, 6, before_seq > 0 ? before_seq : G_MAXINT64);
  kes_db_bind_int64 (stmt, 7, limit);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesAuditEntry *entry;

      entry = kes_store_audit_entry_from_row (stmt);
      if (kes_db_column_type (stmt, 9) != KES_DB_NULL)
        {
          g_autofree char *family = g_utf8_strup (kes_store_column_text (stmt, 9), -1);
          const char *given = kes_store_column_text (stmt, 10);
          g_autofree char *name = *given != '\0' ? g_strdup_printf ("%s, %s", family, given)
                                                 : g_strdup (family);

          kes_audit_entry_set_patient_name (entry, name);
        }
      g_ptr_array_add (entries, entry);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return NULL;
    }

  /* Reading the log is access too. */
  if (!kes_store_audit (self, KES_AUDIT_VIEW, NULL, blank_to_null (filter->patient_id),
                        "access log", error))
    return NULL;

  return g_steal_pointer (&entries);
}

static void
append_cell (GString    *csv,
             const char *text,
             gboolean    last)
{
  const char *cell = text != NULL ? text : "";

  g_string_append_c (csv, '"');
  /* A spreadsheet would run these as formulas. */
  if (*cell == '=' || *cell == '+' || *cell == '-' || *cell == '@')
    g_string_append_c (csv, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
  g_string_append (csv, last ? "\r\n" : ",");
}

char *
kes_audit_entries_to_csv (GPtrArray *entries)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (entries != NULL, NULL);

  append_cell (csv, "seq", FALSE);
  append_cell (csv, "time (UTC)", FALSE);
  append_cell (csv, "user", FALSE);
  append_cell (csv, "action", FALSE);
  append_cell (csv, "patient", FALSE);
  append_cell (csv, "patient id", FALSE);
  append_cell (csv, "record id", FALSE);
  append_cell (csv, "summary", TRUE);
  for (guint i = 0; i < entries->len; i++)
    {
      KesAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT,
                                              kes_audit_entry_get_seq (entry));

      append_cell (csv, seq, FALSE);
      append_cell (csv, kes_audit_entry_get_at (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_actor_name (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_action (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_patient_name (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_patient_id (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_record_id (entry), FALSE);
      append_cell (csv, kes_audit_entry_get_summary (entry), TRUE);
    }
  return g_string_free (csv, FALSE);
}

GPtrArray *
kes_store_audit_summaries_since (KesStore    *self,
                                 const char  *action,
                                 const char  *since,
                                 GError     **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  KesDbStmt *stmt;
  int rc;

  /* By time first: the index on `at` keeps this to the last few entries. */
  stmt = kes_store_prepare (self, "SELECT summary FROM audit WHERE at >= ?1 AND action = ?2", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, since, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, action, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    g_ptr_array_add (summaries, g_strdup (kes_store_column_text (stmt, 0)));
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the access log"));
      return NULL;
    }
  return g_steal_pointer (&summaries);
}
