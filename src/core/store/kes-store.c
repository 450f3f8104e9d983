/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-store-private.h"
#include "kes-store-whole-db.h"
#include "kes-uuid.h"
#include "kes-validate.h"

G_DEFINE_FINAL_TYPE (KesStore, kes_store, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
kes_store_finalize (GObject *object)
{
  KesStore *self = (KesStore *) object;

  /* Statements must be finalised before the connection closes. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->break_glass, g_hash_table_unref);
  kes_store_visit_drop (self);
  g_clear_pointer (&self->batch, kes_store_batch_free);
  kes_store_changes_free (self);
  if (self->db != NULL)
    kes_db_close (self->db);
  if (self->guarded_path != NULL)
    kes_output_guard_forget_database (self->guarded_path);
  g_free (self->guarded_path);
  g_clear_object (&self->actor);
  g_free (self->path);
  g_free (self->import_source);
  kes_store_import_patient_abandon (self);
  g_clear_pointer (&self->chain_key, kes_installation_key_unref);
  g_free (self->guards_missing);

  kes_store_forget_held_actor (self);
  G_OBJECT_CLASS (kes_store_parent_class)->finalize (object);
}

static void
kes_store_class_init (KesStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_store_finalize;

  /**
   * KesStore::changed:
   * @kind: (nullable): the record's kind ("note", "patient" …), or %NULL
   *   when too many records changed at once to list them
   * @record_id: (nullable): the record written
   * @patient_id: (nullable): its patient (a patient's own id for their
   *   register entry), %NULL for a record of no patient
   *
   * A revision of a record was written and its transaction has committed:
   * emitted once per revision, after the commit, never for what a rollback
   * took back.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 3,
                                   G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kes_store_init (KesStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) kes_db_finalize);
  self->break_glass = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->guards_checked_schema = -1;
}

/* ---- Helpers shared by the store files ---- */

void
kes_store_emit_changed (KesStore   *self,
                        const char *kind,
                        const char *record_id,
                        const char *patient_id)
{
  g_signal_emit (self, signals[CHANGED], 0, kind, record_id, patient_id);
}

/* Busy: another connection kept the write lock for longer than the busy
 * timeout. Said in plain words, never as the engine's
 * "database is locked": nothing was changed, and trying again will do. */
static gboolean
set_busy_error (KesStore    *self,
                GError     **error,
                const char  *what)
{
  if (kes_db_fault (self->db) != KES_DB_FAULT_BUSY)
    return FALSE;
  g_set_error (error, KES_ERROR, KES_ERROR_DATABASE,
               _("%s: another program (kestrel-cli, a backup or another copy of Kestrel) is in the "
                 "middle of a long change to the database. Nothing was changed: try again in a "
                 "moment."),
               what != NULL ? what : _("The database is busy"));
  return TRUE;
}

void
kes_store_set_db_error (KesStore    *self,
                        GError     **error,
                        const char  *what)
{
  int kind = KES_ERROR_DATABASE;

  if (set_busy_error (self, error, what))
    return;
  if (kes_db_fault (self->db) == KES_DB_FAULT_CORRUPT)
    kind = KES_ERROR_CORRUPT;
  g_set_error (error, KES_ERROR, kind, _("%s: the database reported “%s”"),
               what, kes_db_errmsg (self->db));
}

KesDbStmt *
kes_store_prepare (KesStore    *self,
                   const char  *sql,
                   GError     **error)
{
  KesDbStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (kes_db_prepare (self->db, sql, TRUE, &stmt) != KES_DB_OK)
        {
          kes_store_set_db_error (self, error, _("Could not prepare a query"));
          return NULL;
        }
      /* Keyed by the caller's string literal, which outlives the store. */
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  kes_db_reset (stmt);
  kes_db_clear_bindings (stmt);
  return stmt;
}

gboolean
kes_store_exec (KesStore    *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (kes_db_exec (self->db, sql, &message) != KES_DB_OK)
    {
      if (!set_busy_error (self, error, NULL))
        g_set_error (error, KES_ERROR, KES_ERROR_DATABASE,
                     _("The database reported “%s”"), message != NULL ? message : "?");
      g_free (message);
      return FALSE;
    }
  return TRUE;
}

void
kes_store_bind_text (KesDbStmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL || *text == '\0')
    kes_db_bind_null (stmt, index);
  else
    kes_db_bind_text (stmt, index, text, -1, KES_DB_COPY);
}

const char *
kes_store_column_text (KesDbStmt *stmt,
                       int           column)
{
  const char *text = (const char *) kes_db_column_text (stmt, column);
  return text != NULL ? text : "";
}

/* SAVEPOINT and RELEASE run around every save: prepared once and kept,
 * rather than parsed again each time as kes_store_exec() would. */
static gboolean
step_cached (KesStore    *self,
             const char  *sql,
             GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      if (!set_busy_error (self, error, NULL))
        g_set_error (error, KES_ERROR, KES_ERROR_DATABASE, _("The database reported “%s”"),
                     kes_db_errmsg (self->db));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

/* The outermost write takes the write lock up front (BEGIN IMMEDIATE), so
 * that another connection writing at the same moment makes this one wait for
 * the busy timeout. A deferred transaction that reads and then writes would
 * instead fail at once with "database is locked". */
gboolean
kes_store_savepoint (KesStore  *self,
                     GError   **error)
{
  gboolean begin = self->savepoint_depth == 0 && kes_db_get_autocommit (self->db);

  if (!kes_store_refuse_if_damaged (self, error))
    return FALSE;
  /* The outermost level is the transaction itself, not a savepoint in it:
   * a savepoint makes SQLite keep a copy of every page it touches until it
   * is released (a statement journal), which for the outermost level is
   * every page the whole transaction writes. Nested levels are savepoints. */
  if (begin)
    {
      if (!kes_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      /* No write starts while the append-only rules are missing: checked
       * with the write lock held, so no one drops them in between. */
      if (self->unguarded_writes == 0 && !kes_store_guards_hold (self, error))
        {
          kes_store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  else if (!step_cached (self, "SAVEPOINT kes_write", error))
    return FALSE;
  if (self->savepoint_depth == 0)
    self->owns_transaction = begin;
  self->savepoint_depth++;
  kes_store_changes_push_mark (self);
  return TRUE;
}

gboolean
kes_store_savepoint_unguarded (KesStore  *self,
                               GError   **error)
{
  gboolean ok;

  self->unguarded_writes++;
  ok = kes_store_savepoint (self, error);
  self->unguarded_writes--;
  return ok;
}

/* Whether the innermost level is the transaction this store began. */
static gboolean
at_transaction_level (KesStore *self)
{
  return self->savepoint_depth == 1 && self->owns_transaction;
}

gboolean
kes_store_release (KesStore  *self,
                   GError   **error)
{
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  if (at_transaction_level (self))
    {
      self->savepoint_depth--;
      self->owns_transaction = FALSE;
      kes_store_forget_held_actor (self);
      if (!kes_store_exec (self, "COMMIT", error))
        {
          kes_store_exec (self, "ROLLBACK", NULL);
          kes_store_changes_forget (self);
          return FALSE;
        }
      kes_store_changes_announce (self);
      return TRUE;
    }

  if (!step_cached (self, "RELEASE kes_write", error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  self->savepoint_depth--;
  /* The outermost level of a transaction someone else began (a migration):
   * not ours to announce. */
  if (self->savepoint_depth == 0)
    {
      kes_store_forget_held_actor (self);
      kes_store_changes_forget (self);
    }
  else
    kes_store_changes_pop_mark (self);
  return TRUE;
}

void
kes_store_rollback_to (KesStore *self)
{
  g_return_if_fail (self->savepoint_depth > 0);

  if (at_transaction_level (self))
    {
      self->savepoint_depth--;
      self->owns_transaction = FALSE;
      kes_store_forget_held_actor (self);
      kes_store_exec (self, "ROLLBACK", NULL);
      kes_store_changes_forget (self);
      return;
    }

  kes_store_exec (self, "ROLLBACK TO kes_write", NULL);
  kes_store_exec (self, "RELEASE kes_write", NULL);
  self->savepoint_depth--;
  if (self->savepoint_depth == 0)
    kes_store_forget_held_actor (self);
  kes_store_changes_roll_back_to_mark (self);
  /* A batch keeps the audit chain's tail: entries rolled back take it back. */
  if (kes_store_batch_tail (self) != NULL)
    kes_store_audit_read_tail (self, kes_store_batch_tail (self), NULL);
}

gboolean
kes_store_begin (KesStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  return kes_store_savepoint (self, error);
}

gboolean
kes_store_commit (KesStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  return kes_store_release (self, error);
}

void
kes_store_rollback (KesStore *self)
{
  g_return_if_fail (KES_IS_STORE (self));
  kes_store_rollback_to (self);
}

/* ---- Opening ---- */

char *
kes_store_default_path (void)
{
  const char *env = g_getenv ("KESTREL_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "kestrel", "kestrel.db", NULL);
}

/* The database holds special category data: only its owner may read it.
 * A new file is made here, empty and 0600, before SQLite first opens it
 * (SQLite gives the -wal and -shm the database file's permissions).
 *
 * An existing file is never opened here. On POSIX, closing any descriptor
 * of a file drops every lock the process holds on it, SQLite's included
 * (SQLite's "How To Corrupt An SQLite Database File", section 2.2): another
 * process would then take this one's connections for gone, checkpoint and
 * delete the write-ahead log under them, and their later commits would be
 * lost. O_EXCL creates the file or fails without opening it. The lock keeps
 * another thread's store from opening a just-created file before the
 * descriptor that created it is closed. */
static GMutex create_lock;

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd, saved;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not create the folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  g_mutex_lock (&create_lock);
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_mutex_unlock (&create_lock);
  if (fd < 0 && saved != EEXIST)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the database %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static KesStore *
open_store (const char  *path,
            gboolean     defer_check,
            gboolean    *check_deferred,
            GError     **error)
{
  g_autoptr(KesStore) self = NULL;
  gboolean in_memory;

  kes_db_init ();
  in_memory = g_str_equal (path, ":memory:");
  if (!in_memory && !create_private_file (path, error))
    return NULL;

  self = g_object_new (KES_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (kes_db_open (path, KES_DB_OPEN_READ_WRITE | KES_DB_OPEN_CREATE, &self->db) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the database %s: %s"),
                   path, self->db != NULL ? kes_db_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  if (!in_memory)
    self->guarded_path = kes_output_guard_watch_database (path);
  kes_db_busy_timeout (self->db, 5000);

  /* WAL for readers beside a writer; FULL so a committed write survives a
   * power cut; foreign keys because SQLite leaves them off by default. */
  if (!kes_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !kes_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !kes_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      /* 64 MiB of page cache (SQLite's default is 2 MiB): large batches and
       * caseload-wide queries stay in memory; pages are only taken as used. */
      !kes_store_exec (self, "PRAGMA cache_size = -65536", error) ||
      !kes_store_exec (self, "PRAGMA mmap_size = 268435456", error) ||
      /* Savepoint journals and temporary indexes in memory, not in files
       * under /var/tmp: every write here is a savepoint, and those files
       * held copies of the pages (patient data) and cost a disk write for
       * each page touched. */
      !kes_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    {
      if (error != NULL && *error != NULL && g_strrstr ((*error)->message, "not a database"))
        (*error)->code = KES_ERROR_CORRUPT;
      return NULL;
    }

  /* A file about to be migrated is always checked in full first. */
  if (defer_check && !in_memory && kes_store_get_user_version (self) == kes_store_schema_version ())
    {
      if (!kes_store_check_sign_in (self, error))
        return NULL;
      *check_deferred = TRUE;
    }
  else if (!kes_store_quick_check_once (self, error))
    return NULL;
  if (!kes_store_migrate (self, error) || !kes_store_anchor_open (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

KesStore *
kes_store_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_store (path, FALSE, NULL, error);
}

KesStore *
kes_store_open_check_later (const char  *path,
                            gboolean    *check_pending,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (check_pending != NULL, NULL);

  *check_pending = FALSE;
  return open_store (path, TRUE, check_pending, error);
}

const char *
kes_store_get_path (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  return self->path;
}

int
kes_store_get_user_version (KesStore *self)
{
  KesDbStmt *stmt;
  int version = -1;

  g_return_val_if_fail (KES_IS_STORE (self), -1);

  stmt = kes_store_prepare (self, "PRAGMA user_version", NULL);
  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    version = kes_db_column_int (stmt, 0);
  if (stmt != NULL)
    kes_db_reset (stmt);
  return version;
}

/* ---- Actor ---- */

void
kes_store_set_actor (KesStore *self,
                     KesStaff *staff)
{
  gboolean same_person;

  g_return_if_fail (KES_IS_STORE (self));
  kes_store_forget_held_actor (self);
  same_person = self->actor == staff ||
                (self->actor != NULL && staff != NULL &&
                 g_str_equal (kes_staff_get_id (self->actor), kes_staff_get_id (staff)));

  /* A visit is one person's: it ends, as theirs, when someone else (or no
   * one) takes over the store. */
  if (!same_person && self->actor != NULL && kes_store_get_visit_patient (self) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kes_store_end_visit (self, &error))
        g_warning ("The end of a record visit was not logged: %s", error->message);
    }
  /* A one-time password's session belongs to the person who signed in. */
  if (!same_person)
    self->one_time_session = FALSE;
  g_set_object (&self->actor, staff);
}

KesStaff *
kes_store_get_actor (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  return self->actor;
}

/* ---- Checks shared by the record kinds ---- */

gboolean
kes_store_check_patient_active (KesStore    *self,
                                const char  *patient_id,
                                const char  *missing_message,
                                GError     **error)
{
  g_autofree char *kind = NULL;
  KesRecordState state;

  if (patient_id == NULL || *patient_id == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           missing_message != NULL ? missing_message : _("Choose a patient first"));
      return FALSE;
    }
  if (!kes_store_record_state (self, patient_id, &kind, &state, error))
    return FALSE;
  if (!g_str_equal (kind, "patient"))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No patient has the id %s"), patient_id);
      return FALSE;
    }
  if (state != KES_RECORD_ACTIVE)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                           _("This patient record was marked as entered in error"));
      return FALSE;
    }
  return TRUE;
}
