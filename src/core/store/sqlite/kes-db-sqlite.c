/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-db"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "kes-db.h"
#include "kes-db-plan-check.h"
#include "kes-error.h"

/* The database seam (kes-db.h) on SQLite. A KesDb is the sqlite3
 * connection itself and a KesDbStmt the sqlite3_stmt: the seam costs a
 * function call, never an allocation. */

#define DB(db)     ((sqlite3 *) (db))
#define STMT(stmt) ((sqlite3_stmt *) (stmt))

/* Pages copied per backup step: small enough for progress to move, large
 * enough that the steps cost nothing beside the copy. */
#define PAGES_PER_STEP 1024

static KesDbStatus
status_of (int rc)
{
  switch (rc)
    {
    case SQLITE_OK:
      return KES_DB_OK;
    case SQLITE_ROW:
      return KES_DB_ROW;
    case SQLITE_DONE:
      return KES_DB_DONE;
    default:
      return KES_DB_ERROR;
    }
}

static sqlite3_destructor_type
destructor_of (KesDbLifetime lifetime)
{
  return lifetime == KES_DB_STATIC ? SQLITE_STATIC : SQLITE_TRANSIENT;
}

/* SQLite counts every allocation under a global mutex by default, for
 * sqlite3_memory_used(), which Kestrel never asks: a measurable share of a
 * large write. Only possible before SQLite's first use in the process (the
 * first store opened, before any worker threads); later it is refused and
 * nothing changes. */
void
kes_db_init (void)
{
  static gsize configured;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

KesDbStatus
kes_db_open (const char      *name,
             KesDbOpenFlags   flags,
             KesDb          **db)
{
  /* Each connection is used by one thread at a time (the store's jobs hand
   * a store over, never share it): SQLite's own mutexes are not needed. */
  int open_flags = SQLITE_OPEN_NOMUTEX;
  sqlite3 *connection = NULL;
  int rc;

  if (flags & KES_DB_OPEN_READ_ONLY)
    open_flags |= SQLITE_OPEN_READONLY;
  if (flags & KES_DB_OPEN_READ_WRITE)
    open_flags |= SQLITE_OPEN_READWRITE;
  if (flags & KES_DB_OPEN_CREATE)
    open_flags |= SQLITE_OPEN_CREATE;
  if (flags & KES_DB_OPEN_URI)
    open_flags |= SQLITE_OPEN_URI;
  rc = sqlite3_open_v2 (name, &connection, open_flags, NULL);
  if (connection != NULL)
    sqlite3_extended_result_codes (connection, 1);
  *db = (KesDb *) connection;
  return status_of (rc);
}

KesDbStatus
kes_db_close (KesDb *db)
{
  return status_of (sqlite3_close_v2 (DB (db)));
}

void
kes_db_busy_timeout (KesDb *db,
                     int    milliseconds)
{
  sqlite3_busy_timeout (DB (db), milliseconds);
}

const char *
kes_db_errmsg (KesDb *db)
{
  return db != NULL ? sqlite3_errmsg (DB (db)) : g_strerror (ENOMEM);
}

KesDbFault
kes_db_fault (KesDb *db)
{
  int code = sqlite3_extended_errcode (DB (db));

  if (code == SQLITE_CONSTRAINT_UNIQUE)
    return KES_DB_FAULT_UNIQUE;
  switch (code & 0xff)
    {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return KES_DB_FAULT_NONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return KES_DB_FAULT_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return KES_DB_FAULT_CORRUPT;
    default:
      return KES_DB_FAULT_OTHER;
    }
}

KesDbStatus
kes_db_exec (KesDb       *db,
             const char  *sql,
             char       **message)
{
  char *engine_message = NULL;
  int rc = sqlite3_exec (DB (db), sql, NULL, NULL, message != NULL ? &engine_message : NULL);

  if (message != NULL)
    *message = engine_message != NULL ? g_strdup (engine_message) : NULL;
  sqlite3_free (engine_message);
  return status_of (rc);
}

int
kes_db_changes (KesDb *db)
{
  return sqlite3_changes (DB (db));
}

gboolean
kes_db_get_autocommit (KesDb *db)
{
  return sqlite3_get_autocommit (DB (db)) != 0;
}

void
kes_db_interrupt (KesDb *db)
{
  sqlite3_interrupt (DB (db));
}

static int
only_temp_cb (void       *user_data,
              int         action,
              const char *what,
              const char *detail,
              const char *database,
              const char *trigger)
{
  if ((action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) &&
      g_strcmp0 (database, "temp") != 0)
    return SQLITE_DENY;
  return SQLITE_OK;
}

void
kes_db_refuse_main_writes (KesDb    *db,
                           gboolean  refuse)
{
  sqlite3_set_authorizer (DB (db), refuse ? only_temp_cb : NULL, NULL);
}

gboolean
kes_db_copy (KesDb             *source,
             KesDb             *dest,
             KesDbProgressFunc  progress,
             gpointer           user_data,
             GCancellable      *cancellable,
             GError           **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (DB (dest), "main", DB (source), "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("Could not start the backup: %s"),
                   sqlite3_errmsg (DB (dest)));
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, PAGES_PER_STEP);
      if (progress != NULL && sqlite3_backup_pagecount (backup) > 0)
        progress (1.0 - (double) sqlite3_backup_remaining (backup) / sqlite3_backup_pagecount (backup),
                  user_data);
    }
  while (rc == SQLITE_OK && !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);
  if (rc == SQLITE_OK)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped: nothing was written"));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("Could not copy the database: %s"),
                   sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

char *
kes_db_quote_identifier (const char *name)
{
  GString *quoted = g_string_new ("\"");

  for (const char *c = name; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *c);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

KesDbStatus
kes_db_prepare (KesDb       *db,
                const char  *sql,
                gboolean     keep,
                KesDbStmt  **stmt)
{
  sqlite3_stmt *prepared = NULL;
  int rc = sqlite3_prepare_v3 (DB (db), sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &prepared, NULL);

  if (rc == SQLITE_OK)
    kes_db_plan_check (DB (db), sql);
  *stmt = (KesDbStmt *) prepared;
  return status_of (rc);
}

void
kes_db_finalize (KesDbStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
}

KesDbStatus
kes_db_reset (KesDbStmt *stmt)
{
  return status_of (sqlite3_reset (STMT (stmt)));
}

void
kes_db_clear_bindings (KesDbStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

KesDbStatus
kes_db_step (KesDbStmt *stmt)
{
  return status_of (sqlite3_step (STMT (stmt)));
}

KesDbStatus
kes_db_bind_text (KesDbStmt     *stmt,
                  int            index,
                  const char    *text,
                  int            length,
                  KesDbLifetime  lifetime)
{
  return status_of (sqlite3_bind_text (STMT (stmt), index, text, length, destructor_of (lifetime)));
}

KesDbStatus
kes_db_bind_int (KesDbStmt *stmt,
                 int        index,
                 int        value)
{
  return status_of (sqlite3_bind_int (STMT (stmt), index, value));
}

KesDbStatus
kes_db_bind_int64 (KesDbStmt *stmt,
                   int        index,
                   gint64     value)
{
  return status_of (sqlite3_bind_int64 (STMT (stmt), index, value));
}

KesDbStatus
kes_db_bind_double (KesDbStmt *stmt,
                    int        index,
                    double     value)
{
  return status_of (sqlite3_bind_double (STMT (stmt), index, value));
}

KesDbStatus
kes_db_bind_null (KesDbStmt *stmt,
                  int        index)
{
  return status_of (sqlite3_bind_null (STMT (stmt), index));
}

KesDbStatus
kes_db_bind_blob (KesDbStmt     *stmt,
                  int            index,
                  gconstpointer  data,
                  gsize          size,
                  KesDbLifetime  lifetime)
{
  return status_of (sqlite3_bind_blob64 (STMT (stmt), index, data, size, destructor_of (lifetime)));
}

int
kes_db_bind_parameter_count (KesDbStmt *stmt)
{
  return sqlite3_bind_parameter_count (STMT (stmt));
}

int
kes_db_bind_parameter_index (KesDbStmt  *stmt,
                             const char *name)
{
  return sqlite3_bind_parameter_index (STMT (stmt), name);
}

int
kes_db_column_count (KesDbStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

KesDbType
kes_db_column_type (KesDbStmt *stmt,
                    int        column)
{
  switch (sqlite3_column_type (STMT (stmt), column))
    {
    case SQLITE_INTEGER:
      return KES_DB_INTEGER;
    case SQLITE_FLOAT:
      return KES_DB_FLOAT;
    case SQLITE_TEXT:
      return KES_DB_TEXT;
    case SQLITE_BLOB:
      return KES_DB_BLOB;
    default:
      return KES_DB_NULL;
    }
}

const char *
kes_db_column_text (KesDbStmt *stmt,
                    int        column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

int
kes_db_column_int (KesDbStmt *stmt,
                   int        column)
{
  return sqlite3_column_int (STMT (stmt), column);
}

gint64
kes_db_column_int64 (KesDbStmt *stmt,
                     int        column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

double
kes_db_column_double (KesDbStmt *stmt,
                      int        column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

gconstpointer
kes_db_column_blob (KesDbStmt *stmt,
                    int        column)
{
  return sqlite3_column_blob (STMT (stmt), column);
}

int
kes_db_column_bytes (KesDbStmt *stmt,
                     int        column)
{
  return sqlite3_column_bytes (STMT (stmt), column);
}
