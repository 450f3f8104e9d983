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
  g_clear_pointer (&self->chain_key, kes_installation_key_unref);
  g_free (self->guards_missing);

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
    kes_store_changes_forget (self);
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
      kes_store_exec (self, "ROLLBACK", NULL);
      kes_store_changes_forget (self);
      return;
    }

  kes_store_exec (self, "ROLLBACK TO kes_write", NULL);
  kes_store_exec (self, "RELEASE kes_write", NULL);
  self->savepoint_depth--;
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

/* ---- Revisions ---- */

static gboolean
require_actor (KesStore  *self,
               GError   **error)
{
  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR,
                           _("No one is signed in: every change must have an author"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
conflict_error (KesStore    *self,
                const char  *record_id,
                gint64       base_revision,
                GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT r.revision, r.updated_at, s.display_name, r.state "
    "FROM record r JOIN staff s ON s.id = r.updated_by WHERE r.id = ?", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   _("The record you were editing no longer exists"));
      kes_db_reset (stmt);
      return FALSE;
    }
  if (kes_db_column_int64 (stmt, 0) != base_revision)
    {
      g_autofree char *when = kes_time_to_display (kes_store_column_text (stmt, 1));
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   _("%s changed this record on %s, after you opened it. Your changes have not "
                     "been saved: reload the record to see theirs, then make yours again."),
                   kes_store_column_text (stmt, 2), when);
      kes_db_reset (stmt);
      return FALSE;
    }
  if (g_str_equal (kes_store_column_text (stmt, 3), "entered-in-error"))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_ENTERED_IN_ERROR,
                   _("This record was marked as entered in error and can no longer be changed"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The identity row of a new record, at revision 1. */
static gboolean
insert_record_row (KesStore    *self,
                   const char  *kind,
                   const char  *patient_id,
                   const char  *record_id,
                   const char  *at,
                   const char  *actor_id,
                   GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, "
    "updated_at, updated_by) VALUES (?1, ?2, ?3, 1, 'active', ?4, ?5, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 2, kind, -1, KES_DB_STATIC);
  if (patient_id != NULL && *patient_id != '\0')
    kes_db_bind_text (stmt, 3, patient_id, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 4, at, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 5, actor_id, -1, KES_DB_STATIC);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not save the record"));
      kes_db_reset (stmt);
      return FALSE;
    }
  /* Reset at once: the static binds borrow the caller's strings. */
  kes_db_reset (stmt);
  return TRUE;
}

static gboolean
insert_revision_row (KesStore       *self,
                     const char     *record_id,
                     gint64          revision,
                     KesChangeKind   change,
                     const char     *reason,
                     const char     *actor_id,
                     const char     *at,
                     const char     *data_json,
                     GError        **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_STATIC);
  kes_db_bind_int64 (stmt, 2, revision);
  kes_db_bind_text (stmt, 3, kes_change_kind_to_string (change), -1, KES_DB_STATIC);
  kes_store_bind_text (stmt, 4, reason);
  kes_db_bind_text (stmt, 5, actor_id, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 6, at, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 7, data_json, -1, KES_DB_STATIC);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not save the record’s history"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

/* The kind and patient a record was stored with. */
static gboolean
record_identity (KesStore    *self,
                 const char  *record_id,
                 char       **kind,
                 char       **patient_id,
                 GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT kind, patient_id FROM record WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_STATIC);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      kes_store_set_db_error (self, error, _("Could not read the record back"));
      kes_db_reset (stmt);
      return FALSE;
    }
  *kind = g_strdup (kes_store_column_text (stmt, 0));
  *patient_id = g_strdup ((const char *) kes_db_column_text (stmt, 1));
  kes_db_reset (stmt);
  return TRUE;
}

/* Whether the stored record @record_id belongs to @patient_id (NULL: to
 * no patient). */
static gboolean
record_of_patient (KesStore   *self,
                   const char *record_id,
                   const char *patient_id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT patient_id IS ?2 FROM record WHERE id = ?1", NULL);
  gboolean same = TRUE;

  if (stmt == NULL)
    return TRUE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    same = kes_db_column_int (stmt, 0) != 0;
  kes_db_reset (stmt);
  return same;
}

/* A new record when *@record_id is NULL, or when @create_with_id (a record
 * whose id is given: a member of staff's is their staff id). */
static gint64
write_revision (KesStore       *self,
                const char     *actor_id,
                const char     *kind,
                const char     *patient_id,
                char          **record_id,
                gboolean        create_with_id,
                gint64          base_revision,
                KesChangeKind   change,
                const char     *reason,
                const char     *data_json,
                GError        **error)
{
  g_autofree char *now = kes_store_now_iso (self);
  g_autofree char *stored_kind = NULL;
  g_autofree char *stored_patient = NULL;
  g_autofree char *data_sha256 = NULL;
  KesRevisionFields fields;
  KesDbStmt *stmt;
  gint64 revision;

  g_return_val_if_fail (self->savepoint_depth > 0, 0);
  g_return_val_if_fail (actor_id != NULL, 0);

  if ((change == KES_CHANGE_CORRECTION || change == KES_CHANGE_ENTERED_IN_ERROR) &&
      is_blank (reason))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           change == KES_CHANGE_CORRECTION
                             ? _("A correction needs a reason: say what was wrong")
                             : _("Marking a record as entered in error needs a reason"));
      return 0;
    }

  if (*record_id == NULL || create_with_id)
    {
      if (*record_id == NULL)
        *record_id = kes_uuid_new ();
      revision = 1;
      change = KES_CHANGE_CREATE;
      if (!insert_record_row (self, kind, patient_id, *record_id, now, actor_id, error))
        return 0;
    }
  else
    {
      if (!conflict_error (self, *record_id, base_revision, error))
        return 0;
      revision = base_revision + 1;
      stmt = kes_store_prepare (self,
        "UPDATE record SET revision = ?2, updated_at = ?3, updated_by = ?4, "
        "state = CASE WHEN ?5 THEN 'entered-in-error' ELSE state END "
        "WHERE id = ?1 AND revision = ?6 AND patient_id IS ?7", error);
      if (stmt == NULL)
        return 0;
      kes_db_bind_text (stmt, 1, *record_id, -1, KES_DB_COPY);
      kes_db_bind_int64 (stmt, 2, revision);
      kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 4, actor_id, -1, KES_DB_COPY);
      kes_db_bind_int (stmt, 5, change == KES_CHANGE_ENTERED_IN_ERROR);
      kes_db_bind_int64 (stmt, 6, base_revision);
      kes_db_bind_text (stmt, 7, patient_id, -1, KES_DB_COPY);
      if (kes_db_step (stmt) != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not save the record"));
          kes_db_reset (stmt);
          return 0;
        }
      kes_db_reset (stmt);
      /* The check above ran in this transaction, but the update is what
       * counts: if it matched no row, someone else's revision got there
       * first, whatever the engine's locks did or did not do; or the record
       * is another patient's than the one the permission was checked for,
       * and is never changed in that one's name. */
      if (kes_db_changes (self->db) != 1)
        {
          if (!record_of_patient (self, *record_id, patient_id))
            g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                                 _("This record belongs to another patient and was not changed"));
          else if (conflict_error (self, *record_id, base_revision, error))
            g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                                 _("Someone else changed this record after you opened it. Your "
                                   "changes have not been saved: reload the record to see theirs, "
                                   "then make yours again."));
          return 0;
        }
    }

  if (!insert_revision_row (self, *record_id, revision, change, reason, actor_id, now, data_json, error))
    return 0;

  /* Logged in the same savepoint, at the same time, with the hashes of what
   * was written: the record's own kind and patient as stored. */
  if (!record_identity (self, *record_id, &stored_kind, &stored_patient, error))
    return 0;
  data_sha256 = kes_revision_data_hash (data_json);
  fields = (KesRevisionFields) {
    .record_id = *record_id, .kind = stored_kind, .patient_id = stored_patient, .number = revision,
    .author_id = actor_id, .at = now, .change = change, .reason = reason, .data_sha256 = data_sha256,
  };
  if (!kes_store_audit_revision (self, &fields, now, error))
    return 0;
  kes_store_changes_note (self, stored_kind, *record_id, stored_patient);
  return revision;
}

gint64
kes_store_write_revision (KesStore       *self,
                          const char     *kind,
                          const char     *patient_id,
                          char          **record_id,
                          gint64          base_revision,
                          KesChangeKind   change,
                          const char     *reason,
                          const char     *data_json,
                          GError        **error)
{
  g_return_val_if_fail (self->savepoint_depth > 0, 0);

  if (!require_actor (self, error))
    return 0;
  return write_revision (self, kes_staff_get_id (self->actor), kind, patient_id, record_id, FALSE,
                         base_revision, change, reason, data_json, error);
}

gint64
kes_store_write_revision_by (KesStore       *self,
                             const char     *actor_id,
                             const char     *kind,
                             const char     *patient_id,
                             char          **record_id,
                             gint64          base_revision,
                             KesChangeKind   change,
                             const char     *reason,
                             const char     *data_json,
                             GError        **error)
{
  return write_revision (self, actor_id, kind, patient_id, record_id, base_revision == 0, base_revision,
                         change, reason, data_json, error);
}

gboolean
kes_store_write_created (KesStore      *self,
                         const char    *kind,
                         const char    *patient_id,
                         const char    *record_id,
                         const char    *at,
                         const char    *data_json,
                         const char    *data_sha256,
                         const char    *sealed_hash,
                         KesAuditTail  *tail,
                         GError       **error)
{
  const char *actor_id;

  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  if (!require_actor (self, error))
    return FALSE;
  actor_id = kes_staff_get_id (self->actor);
  if (!insert_record_row (self, kind, patient_id, record_id, at, actor_id, error) ||
      !insert_revision_row (self, record_id, 1, KES_CHANGE_CREATE, NULL, actor_id, at, data_json, error) ||
      !kes_store_audit_created (self, tail, at, kind, record_id, patient_id, data_json, data_sha256,
                                sealed_hash, error))
    return FALSE;
  kes_store_changes_note (self, kind, record_id, patient_id);
  return TRUE;
}

gboolean
kes_store_record_state (KesStore        *self,
                        const char      *record_id,
                        char           **kind,
                        KesRecordState  *state,
                        GError         **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT kind, state FROM record WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No record has the id %s"), record_id);
      kes_db_reset (stmt);
      return FALSE;
    }
  if (kind != NULL)
    *kind = g_strdup (kes_store_column_text (stmt, 0));
  if (state != NULL)
    *state = g_str_equal (kes_store_column_text (stmt, 1), "entered-in-error")
               ? KES_RECORD_ENTERED_IN_ERROR : KES_RECORD_ACTIVE;
  kes_db_reset (stmt);
  return TRUE;
}

/* The patient a record belongs to (the record's own id for a patient). */
static char *
patient_of (KesStore   *self,
            const char *record_id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT coalesce (patient_id, id) FROM record WHERE id = ?1", NULL);
  char *patient = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    patient = g_strdup (kes_store_column_text (stmt, 0));
  kes_db_reset (stmt);
  return patient != NULL ? patient : g_strdup ("");
}

gboolean
kes_store_mark_entered_in_error (KesStore    *self,
                                 const char  *record_id,
                                 gint64       base_revision,
                                 const char  *reason,
                                 GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (record_id != NULL, FALSE);

  return kes_store_require_record (self, record_id, TRUE, error) &&
         kes_store_write_entered_in_error (self, record_id, base_revision, reason, error);
}

gboolean
kes_store_write_entered_in_error (KesStore    *self,
                                  const char  *record_id,
                                  gint64       base_revision,
                                  const char  *reason,
                                  GError     **error)
{
  g_autofree char *id = g_strdup (record_id);
  g_autofree char *kind = NULL;
  g_autofree char *data = NULL;
  g_autofree char *patient_id = NULL;
  KesDbStmt *stmt;

  if (!kes_store_record_state (self, record_id, &kind, NULL, error))
    return FALSE;
  if (!kes_store_savepoint (self, error))
    return FALSE;

  /* The marking revision repeats the content, so history shows what was
   * withdrawn; the access log names the record's own patient. */
  stmt = kes_store_prepare (self,
    "SELECT v.data, r.patient_id FROM record r JOIN revision v ON v.record_id = r.id "
    "WHERE r.id = ? ORDER BY v.revision DESC LIMIT 1", error);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      data = g_strdup (kes_store_column_text (stmt, 0));
      patient_id = g_strdup ((const char *) kes_db_column_text (stmt, 1));
    }
  kes_db_reset (stmt);

  if (kes_store_write_revision (self, kind, patient_id, &id, base_revision,
                                KES_CHANGE_ENTERED_IN_ERROR, reason,
                                data != NULL ? data : "{}", error) == 0)
    goto fail;

  /* A legal status withdrawn: the caseload's falls back to the one before. */
  if (g_str_equal (kind, "legal-status"))
    {
      g_autofree char *patient = patient_of (self, record_id);

      if (!kes_store_refresh_patient_legal (self, patient, error))
        goto fail;
    }

  if (g_str_equal (kind, "note"))
    stmt = kes_store_prepare (self, "UPDATE note SET state = 'entered-in-error' WHERE id = ?", error);
  else if (g_str_equal (kind, "contact"))
    stmt = kes_store_prepare (self, "UPDATE contact SET state = 'entered-in-error' WHERE id = ?", error);
  else
    stmt = NULL;
  if (stmt != NULL)
    {
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      if (kes_db_step (stmt) != KES_DB_DONE)
        {
          kes_store_set_db_error (self, error, _("Could not mark the record"));
          kes_db_reset (stmt);
          goto fail;
        }
      kes_db_reset (stmt);
    }
  else if (error != NULL && *error != NULL)
    goto fail;

  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

GPtrArray *
kes_store_list_revisions (KesStore    *self,
                          const char  *record_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local = NULL;
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  /* A record not held (yet: an import asks) has no history, but finding
   * that out still needs someone who may read records. */
  if (!kes_store_require_record (self, record_id, FALSE, &local))
    {
      if (!g_error_matches (local, KES_ERROR, KES_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (!kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, NULL, error))
        return NULL;
      return g_steal_pointer (&revisions);
    }
  stmt = kes_store_prepare (self,
    "SELECT v.revision, v.change, v.reason, v.author_id, s.display_name, v.at, v.data, "
    "i.display_name, p.imported_at, p.source "
    "FROM revision v JOIN staff s ON s.id = v.author_id "
    "LEFT JOIN revision_import p ON p.record_id = v.record_id AND p.revision = v.revision "
    "LEFT JOIN staff i ON i.id = p.imported_by "
    "WHERE v.record_id = ? ORDER BY v.revision", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      KesChangeKind change = KES_CHANGE_EDIT;
      KesRevision *revision;

      kes_change_kind_from_string (kes_store_column_text (stmt, 1), &change);
      revision = kes_revision_new (record_id,
                                   kes_db_column_int64 (stmt, 0),
                                   change,
                                   (const char *) kes_db_column_text (stmt, 2),
                                   kes_store_column_text (stmt, 3),
                                   kes_store_column_text (stmt, 4),
                                   kes_store_column_text (stmt, 5),
                                   kes_store_column_text (stmt, 6));

      if (kes_db_column_type (stmt, 8) != KES_DB_NULL)
        kes_revision_set_import (revision, kes_store_column_text (stmt, 7),
                                 kes_store_column_text (stmt, 8), kes_store_column_text (stmt, 9));
      g_ptr_array_add (revisions, revision);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the record’s history"));
      return NULL;
    }
  return g_steal_pointer (&revisions);
}

GPtrArray *
kes_store_list_history (KesStore    *self,
                        const char  *record_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) revisions = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  revisions = kes_store_list_revisions (self, record_id, error);
  if (revisions == NULL || !kes_store_audit_view (self, record_id, NULL, "history", error))
    return NULL;
  return g_steal_pointer (&revisions);
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
