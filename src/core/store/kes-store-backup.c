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

/* Page cache of the connections a backup opens (KiB, as PRAGMA cache_size). */
#define COPY_CACHE     "-2048"
#define VERIFY_CACHE   "-8192"

static gboolean
exec_on (KesDb       *db,
         const char  *sql,
         GError     **error)
{
  char *message = NULL;

  if (kes_db_exec (db, sql, &message) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("The database reported “%s”"),
                   message != NULL ? message : kes_db_errmsg (db));
      g_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A second connection to the store's file, for reading only: SQLite's own,
 * so the process keeps its locks (SQLite shares them between connections). */
static KesDb *
open_source (KesStore  *self,
             GError   **error)
{
  KesDb *db = NULL;

  if (kes_db_open (self->path, KES_DB_OPEN_READ_WRITE, &db) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the database %s: %s"), self->path,
                   db != NULL ? kes_db_errmsg (db) : g_strerror (ENOMEM));
      kes_db_close (db);
      return NULL;
    }
  kes_db_busy_timeout (db, 5000);
  if (!exec_on (db, "PRAGMA query_only = ON; PRAGMA mmap_size = 0; PRAGMA cache_size = " COPY_CACHE,
                error))
    {
      kes_db_close (db);
      return NULL;
    }
  return db;
}

static KesDb *
open_destination (const char    *path,
                  KesSealedKey  *key,
                  GError       **error)
{
  g_autofree char *uri = key != NULL ? kes_sealed_key_uri (key, path, FALSE) : kes_sqlite_uri_for_path (path);
  KesDb *db = NULL;

  if (kes_db_open (uri, KES_DB_OPEN_READ_WRITE | KES_DB_OPEN_CREATE | KES_DB_OPEN_URI, &db) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup %s: %s"), path,
                   db != NULL ? kes_db_errmsg (db) : g_strerror (ENOMEM));
      kes_db_close (db);
      return NULL;
    }
  /* A new private file, thrown away if anything goes wrong: no journal, and
   * the caller syncs the finished backup itself. */
  if (!exec_on (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = " COPY_CACHE, error))
    {
      kes_db_close (db);
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
  KesDb *source = in_memory ? self->db : open_source (self, error);
  KesDb *dest = NULL;
  gboolean ok = FALSE;

  if (source == NULL)
    return FALSE;
  dest = open_destination (path, key, error);
  /* Steps of a backup between which another connection writes would start
   * again; inside one read transaction of its own, every step reads the same
   * snapshot, and others write on (WAL) while it runs. */
  if (dest != NULL && (in_memory || exec_on (source, "BEGIN; SELECT count(*) FROM sqlite_schema", error)))
    {
      ok = kes_db_copy (source, dest, progress, user_data, cancellable, error);
      if (!in_memory)
        exec_on (source, "COMMIT", NULL);
    }
  if (dest != NULL && kes_db_close (dest) != KES_DB_OK)
    {
      ok = FALSE;
      g_clear_error (error);
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not finish the backup %s"), path);
    }
  if (!in_memory)
    kes_db_close (source);
  /* The sealing VFS writes page 1 as a rollback-journal database itself. */
  return ok && (key != NULL || set_rollback_header (path, error));
}

guint
kes_store_page_size (KesStore *self)
{
  KesDbStmt *stmt = kes_store_prepare (self, "PRAGMA page_size", NULL);
  guint size = 0;

  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    size = (guint) kes_db_column_int (stmt, 0);
  if (stmt != NULL)
    kes_db_reset (stmt);
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
  if (kes_db_open (uri, KES_DB_OPEN_READ_ONLY | KES_DB_OPEN_URI, &self->db) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the backup %s: %s"), label,
                   self->db != NULL ? kes_db_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
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
  KesDbStmt *stmt;
  char *id = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  stmt = kes_store_prepare (self, "SELECT id FROM database_identity", error);
  if (stmt == NULL)
    return NULL;
  if (kes_db_step (stmt) == KES_DB_ROW)
    id = g_strdup (kes_store_column_text (stmt, 0));
  else
    kes_store_set_db_error (self, error, _("Could not read the database’s identity"));
  kes_db_reset (stmt);
  return id;
}

static gboolean
count_rows (KesStore    *self,
            const char  *sql,
            guint       *count,
            GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      kes_store_set_db_error (self, error, _("Could not count what the backup holds"));
      kes_db_reset (stmt);
      return FALSE;
    }
  *count = (guint) kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_count_contents (KesStore  *self,
                          guint     *records,
                          guint     *audit_entries,
                          GError   **error)
{
  /* Clinical records: the staff directory's own are not counted. */
  return count_rows (self, KES_SQL_FULL_SCAN "SELECT count(*) FROM record WHERE kind != 'staff'", records, error) &&
         count_rows (self, KES_SQL_FULL_SCAN "SELECT count(*) FROM audit", audit_entries, error);
}
