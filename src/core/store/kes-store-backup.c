/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-private.h"

/* The SQLite side of backups: copying a live database into a new file with
 * the online backup API, and opening such a copy to verify it. Both use
 * their own connections with a small page cache and no memory map, so that
 * memory stays the same whatever the size of the database. */

/* Pages copied per step: the step in between is where a backup can stop. */
#define PAGES_PER_STEP 1024
/* Page cache of the connections a backup opens (KiB, as PRAGMA cache_size). */
#define COPY_CACHE     "-2048"
#define VERIFY_CACHE   "-8192"

static gboolean
exec_on (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("The database reported “%s”"),
                   message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A second connection to the store's file, for reading only: SQLite's own,
 * so the process keeps its locks (SQLite shares them between connections). */
static sqlite3 *
open_source (KesStore  *self,
             GError   **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the database %s: %s"), self->path,
                   db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  if (!exec_on (db, "PRAGMA query_only = ON; PRAGMA mmap_size = 0; PRAGMA cache_size = " COPY_CACHE,
                error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

static sqlite3 *
open_destination (const char    *path,
                  KesSealedKey  *key,
                  GError       **error)
{
  g_autofree char *uri = key != NULL ? kes_sealed_key_uri (key, path, FALSE) : kes_sqlite_uri_for_path (path);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI |
                       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup %s: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  /* A new private file, thrown away if anything goes wrong: no journal, and
   * the caller syncs the finished backup itself. */
  if (!exec_on (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = " COPY_CACHE, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* The copy says WAL (bytes 18 and 19) like the original; a backup is a
 * rollback-journal database, so that opening it makes no -wal or -shm
 * (Kestrel switches it back to WAL when it opens a restored file). */
static gboolean
set_rollback_header (const char  *path,
                     GError     **error)
{
  static const guint8 rollback[2] = { 1, 1 };
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  gboolean ok = fd >= 0 && pwrite (fd, rollback, sizeof rollback, 18) == sizeof rollback;
  int saved = errno;

  if (fd >= 0)
    close (fd);
  if (!ok)
    g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup %s: %s"), path,
                 g_strerror (saved));
  return ok;
}

static gboolean
copy_pages (sqlite3           *source,
            sqlite3           *dest,
            KesProgressFunc    progress,
            gpointer           user_data,
            GCancellable      *cancellable,
            GError           **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("Could not start the backup: %s"),
                   sqlite3_errmsg (dest));
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

gboolean
kes_store_backup_to_file (KesStore          *self,
                          const char        *path,
                          KesSealedKey      *key,
                          KesProgressFunc    progress,
                          gpointer           user_data,
                          GCancellable      *cancellable,
                          GError           **error)
{
  gboolean in_memory = g_strcmp0 (self->path, ":memory:") == 0;
  sqlite3 *source = in_memory ? self->db : open_source (self, error);
  sqlite3 *dest = NULL;
  gboolean ok = FALSE;

  if (source == NULL)
    return FALSE;
  dest = open_destination (path, key, error);
  /* Steps of a backup between which another connection writes would start
   * again; inside one read transaction of its own, every step reads the same
   * snapshot, and others write on (WAL) while it runs. */
  if (dest != NULL && (in_memory || exec_on (source, "BEGIN; SELECT count(*) FROM sqlite_schema", error)))
    {
      ok = copy_pages (source, dest, progress, user_data, cancellable, error);
      if (!in_memory)
        exec_on (source, "COMMIT", NULL);
    }
  if (dest != NULL && sqlite3_close (dest) != SQLITE_OK)
    {
      ok = FALSE;
      g_clear_error (error);
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not finish the backup %s"), path);
    }
  if (!in_memory)
    sqlite3_close (source);
  /* The sealing VFS writes page 1 as a rollback-journal database itself. */
  return ok && (key != NULL || set_rollback_header (path, error));
}

guint
kes_store_page_size (KesStore *self)
{
  sqlite3_stmt *stmt = kes_store_prepare (self, "PRAGMA page_size", NULL);
  guint size = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    size = (guint) sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return size;
}

KesStore *
kes_store_open_copy (const char    *path,
                     KesSealedKey  *key,
                     const char    *label,
                     GError       **error)
{
  g_autoptr(KesStore) self = g_object_new (KES_TYPE_STORE, NULL);
  g_autofree char *uri = NULL;

  /* Never written: read-only, and immutable (no locks, no journal). */
  if (key != NULL)
    uri = kes_sealed_key_uri (key, path, TRUE);
  else
    {
      g_autofree char *file = kes_sqlite_uri_for_path (path);
      uri = g_strconcat (file, "?mode=ro&immutable=1", NULL);
    }
  self->path = g_strdup (label);
  if (sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the backup %s: %s"), label,
                   self->db != NULL ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  if (!kes_store_exec (self, "PRAGMA mmap_size = 0; PRAGMA cache_size = " VERIFY_CACHE "; "
                             "PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = ON", NULL) ||
      kes_store_get_user_version (self) < 1)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("%s is not a Kestrel database"), label);
      return NULL;
    }
  if (kes_store_get_user_version (self) > kes_store_schema_version ())
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NEWER_SCHEMA,
                   _("%s was written by a newer version of Kestrel"), label);
      return NULL;
    }
  self->chain_keyed = kes_store_get_user_version (self) >= kes_store_keyed_chain_version ();
  return g_steal_pointer (&self);
}

gboolean
kes_store_settle (KesStore  *self,
                  GError   **error)
{
  /* Leaving WAL folds the log into the file: one file that can be moved. */
  return kes_store_exec (self, "PRAGMA journal_mode = DELETE", error);
}

char *
kes_store_get_database_id (KesStore  *self,
                           GError   **error)
{
  sqlite3_stmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  stmt = kes_store_prepare (self, "SELECT id FROM database_identity", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  else
    kes_store_set_db_error (self, error, _("Could not read the database’s identity"));
  sqlite3_reset (stmt);
  return id;
}

static gboolean
count_rows (KesStore    *self,
            const char  *sql,
            guint       *count,
            GError     **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kes_store_set_db_error (self, error, _("Could not count what the backup holds"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
kes_store_count_contents (KesStore  *self,
                          guint     *records,
                          guint     *audit_entries,
                          GError   **error)
{
  /* Clinical records: the staff directory's own are not counted. */
  return count_rows (self, "SELECT count(*) FROM record WHERE kind != 'staff'", records, error) &&
         count_rows (self, "SELECT count(*) FROM audit", audit_entries, error);
}
