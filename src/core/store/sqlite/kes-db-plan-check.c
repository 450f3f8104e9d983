/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-db"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "kes-db.h"
#include "kes-db-plan-check.h"

/* Why: without ANALYZE, SQLite chooses a plan from the statement alone, so
 * the plan a test sees on ten patients is the plan a trust gets on fifty
 * thousand. A join written "projection JOIN record" was run with the record
 * table outermost — every record read to find five catchment areas — and
 * the tests passed. Checking each statement's plan once, as it is
 * prepared, makes every test a check on the plans it uses. */

static const char * const growing_tables[] = {
  "record", "revision", "audit", "note", "contact", "revision_import", NULL
};

static gboolean
is_growing (const char *table)
{
  return g_strv_contains (growing_tables, table);
}

/* The table @alias names in @sql ("FROM note n", "JOIN record AS r"), or
 * @alias itself when it is a table's own name. */
static char *
table_of_alias (const char *sql,
                const char *alias)
{
  static GRegex *from_regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&from_regex))
    g_once_init_leave (&from_regex,
                       g_regex_new ("\\b(?:FROM|JOIN)\\s+(?:main\\.|temp\\.)?\"?(\\w+)\"?(?:\\s+(?:AS\\s+)?(\\w+))?",
                                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  for (g_regex_match (from_regex, sql, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *table = g_match_info_fetch (match, 1);
      g_autofree char *name = g_match_info_fetch (match, 2);

      if (name != NULL && g_str_equal (name, alias))
        return g_steal_pointer (&table);
    }
  return g_strdup (alias);
}

void
kes_db_plan_check (sqlite3    *db,
                   const char *sql)
{
  static int enabled = -1;
  g_autofree char *explain = NULL;
  sqlite3_stmt *plan = NULL;

  if (enabled < 0)
    enabled = g_getenv ("KESTREL_CHECK_QUERY_PLANS") != NULL;
  /* An INSERT's plan lists the child tables its foreign keys would search,
   * which it reads only to settle a deferred violation. */
  if (!enabled || strstr (sql, KES_SQL_FULL_SCAN) != NULL ||
      g_ascii_strncasecmp (sql, "INSERT", 6) == 0)
    return;

  explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  if (sqlite3_prepare_v2 (db, explain, -1, &plan, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (plan) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (plan, 3);
      g_auto(GStrv) words = NULL;
      g_autofree char *table = NULL;

      if (detail == NULL || !g_str_has_prefix (detail, "SCAN "))
        continue;
      words = g_strsplit (detail, " ", 3);
      table = table_of_alias (sql, words[1]);
      if (is_growing (table))
        g_critical ("A statement reads every row of %s (%s); add an index, a CROSS JOIN "
                    "to put the smaller table first, or mark it KES_SQL_FULL_SCAN if it "
                    "means to: %s", table, detail, sql);
    }
  sqlite3_finalize (plan);
}
