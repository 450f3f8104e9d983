/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-backup"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-private.h"

/* The SQLite side of backups: copying a live database into memory with the
 * online backup API, and opening such a copy to verify it. */

GBytes *
kes_store_backup_image (KesStore  *self,
                        GError   **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  unsigned char *data;
  sqlite3_int64 size = 0;
  int rc;

  if (sqlite3_open_v2 (":memory:", &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("Could not make room for the backup"));
      sqlite3_close (copy);
      return NULL;
    }
  backup = sqlite3_backup_init (copy, "main", self->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("Could not start the backup: %s"),
                   sqlite3_errmsg (copy));
      sqlite3_close (copy);
      return NULL;
    }
  /* All pages in one step: a consistent snapshot even while others write. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("Could not copy the database: %s"),
                   sqlite3_errstr (rc));
      sqlite3_close (copy);
      return NULL;
    }
  data = sqlite3_serialize (copy, "main", &size, 0);
  sqlite3_close (copy);
  if (data == NULL || size < 100)
    {
      sqlite3_free (data);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("Could not make room for the backup"));
      return NULL;
    }
  /* Bytes 18 and 19 say WAL; a backup file is a plain rollback-journal
   * database (Kestrel switches it back to WAL when it opens it). */
  data[18] = 1;
  data[19] = 1;
  return g_bytes_new_with_free_func (data, (gsize) size, sqlite3_free, data);
}

KesStore *
kes_store_open_image (GBytes      *image,
                      const char  *label,
                      GError     **error)
{
  g_autoptr(KesStore) self = g_object_new (KES_TYPE_STORE, NULL);
  gsize size = g_bytes_get_size (image);
  unsigned char *copy;
  int rc;

  self->path = g_strdup (label);
  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("Could not make room to check the backup"));
      return NULL;
    }
  copy = sqlite3_malloc64 (size);
  if (copy == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("Could not make room to check the backup"));
      return NULL;
    }
  memcpy (copy, g_bytes_get_data (image, NULL), size);
  if (size >= 20)
    copy[18] = copy[19] = 1;
  rc = sqlite3_deserialize (self->db, "main", copy, size, size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK || !kes_store_exec (self, "PRAGMA foreign_keys = ON", NULL) ||
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
  return count_rows (self, "SELECT count(*) FROM record", records, error) &&
         count_rows (self, "SELECT count(*) FROM audit", audit_entries, error);
}
