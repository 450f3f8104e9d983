/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-uuid.h"

/* Writing many new records at once: demo data for a whole trust (a million
 * contacts and a million notes). Each record is still a revision with its
 * own audit entry and the SHA-256 of its data, so the access log verifies
 * exactly as after a clinician's saves; what a batch saves is the work
 * around that: reading the chain's tail back for every entry, formatting
 * the time for every write, and syncing the disk for a file that held
 * nothing worth protecting yet. */

struct _KesStoreBatch
{
  KesAuditTail tail;
  char        *now;
  gint64       now_read;    /* monotonic µs when @now was read */
  gint64       last_note;   /* the highest note rowid before the batch */
  char        *fts_trigger; /* the note indexing trigger's SQL, while it is set aside */
};

/* How often a batch reads the clock: audit times are to the second. */
#define NOW_REFRESH_USEC (G_USEC_PER_SEC / 4)

void
kes_store_batch_free (KesStoreBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->now);
  g_free (batch->fts_trigger);
  g_free (batch);
}

/* Full-text indexing note by note made every later statement in the
 * transaction flush the index's pending terms (SQLite opens a savepoint on
 * the virtual table for each statement, and FTS5 writes out at each one),
 * which cost more than the rest of the batch together. So the batch sets
 * the insert trigger aside and indexes its new notes in one statement when
 * it ends, inside the same transaction: a rollback puts the trigger back,
 * and no one else sees the database in between. A batch only adds notes,
 * so the update and delete triggers (which need the index current) never
 * fire on its notes before they are indexed. */
static gboolean
set_fts_trigger_aside (KesStore       *self,
                       KesStoreBatch  *batch,
                       GError        **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self, "SELECT coalesce (max (rowid), 0) FROM note", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    batch->last_note = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = kes_store_prepare (self,
    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'note_fts_insert'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    batch->fts_trigger = g_strdup (kes_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return batch->fts_trigger == NULL || kes_store_exec (self, "DROP TRIGGER note_fts_insert", error);
}

static gboolean
index_batch_notes (KesStore       *self,
                   KesStoreBatch  *batch,
                   GError        **error)
{
  sqlite3_stmt *stmt;

  if (batch->fts_trigger == NULL)
    return TRUE;
  stmt = kes_store_prepare (self,
    "INSERT INTO note_fts (rowid, title, body) SELECT rowid, title, body FROM note WHERE rowid > ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch->last_note);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not index the notes"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  /* The trigger as the schema defined it, read back from the schema. */
  return kes_store_exec (self, batch->fts_trigger, error);
}

gboolean
kes_store_batch_begin (KesStore  *self,
                       GError   **error)
{
  g_autoptr(GError) local = NULL;
  KesStoreBatch *batch;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch == NULL, FALSE);

  if (!kes_store_begin (self, error))
    return FALSE;
  /* Read inside the transaction, which holds the write lock: no one else
   * can append to the log until the batch commits. */
  batch = g_new0 (KesStoreBatch, 1);
  if (!kes_store_audit_read_tail (self, &batch->tail, &local) ||
      !set_fts_trigger_aside (self, batch, &local))
    {
      kes_store_batch_free (batch);
      kes_store_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  self->batch = batch;
  return TRUE;
}

gboolean
kes_store_batch_commit (KesStore  *self,
                        GError   **error)
{
  KesStoreBatch *batch;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch != NULL, FALSE);

  batch = g_steal_pointer (&self->batch);
  if (!index_batch_notes (self, batch, error))
    {
      kes_store_batch_free (batch);
      kes_store_rollback (self);
      return FALSE;
    }
  kes_store_batch_free (batch);
  return kes_store_commit (self, error);
}

void
kes_store_batch_rollback (KesStore *self)
{
  g_return_if_fail (KES_IS_STORE (self));

  g_clear_pointer (&self->batch, kes_store_batch_free);
  kes_store_rollback (self);
}

KesAuditTail *
kes_store_batch_tail (KesStore *self)
{
  return self->batch != NULL ? &self->batch->tail : NULL;
}

char *
kes_store_now_iso (KesStore *self)
{
  KesStoreBatch *batch = self->batch;
  gint64 monotonic;

  if (batch == NULL)
    return kes_clock_now_iso ();
  monotonic = g_get_monotonic_time ();
  if (batch->now == NULL || monotonic - batch->now_read >= NOW_REFRESH_USEC)
    {
      g_free (batch->now);
      batch->now = kes_clock_now_iso ();
      batch->now_read = monotonic;
    }
  return g_strdup (batch->now);
}

/* ---- Contacts and notes in a batch ---- */

void
kes_bulk_row_clear (KesBulkRow *row)
{
  g_clear_pointer (&row->json, g_free);
  g_clear_pointer (&row->data_sha256, g_free);
}

void
kes_bulk_prepare_contact (KesContact *contact,
                          KesBulkRow *row)
{
  g_autofree char *id = kes_uuid_new ();

  kes_contact_set_identity (contact, id, 1, KES_RECORD_ACTIVE);
  row->json = kes_contact_to_json (contact);
  row->data_sha256 = kes_store_audit_data_hash (row->json);
}

void
kes_bulk_prepare_note (KesNote    *note,
                       KesBulkRow *row)
{
  g_autofree char *id = kes_uuid_new ();

  kes_note_set_identity (note, id, 1, KES_RECORD_ACTIVE);
  row->json = kes_note_to_json (note);
  row->data_sha256 = kes_store_audit_data_hash (row->json);
}

/* The lean save for generated contacts and notes: the generator makes them
 * valid for a patient it has just added in this batch (the checks a
 * clinician's save makes against the database would find nothing), so
 * they go straight to the revision, its audit entry and the projection. */
static gboolean
write_new (KesStore         *self,
           const char       *kind,
           const char       *patient_id,
           const char       *id,
           const KesBulkRow *row,
           GError          **error)
{
  g_autofree char *now = kes_store_now_iso (self);

  g_return_val_if_fail (self->batch != NULL, FALSE);
  return kes_store_write_created (self, kind, patient_id, id, now, row->json, row->data_sha256,
                                  &self->batch->tail, error);
}

gboolean
kes_store_bulk_add_contact (KesStore          *self,
                            KesContact        *contact,
                            const KesBulkRow  *row,
                            GError           **error)
{
  return write_new (self, "contact", kes_contact_get_patient_id (contact), kes_contact_get_id (contact), row, error) &&
         kes_store_project_contact (self, contact, error);
}

gboolean
kes_store_bulk_add_note (KesStore          *self,
                         KesNote           *note,
                         const KesBulkRow  *row,
                         GError           **error)
{
  return write_new (self, "note", kes_note_get_patient_id (note), kes_note_get_id (note), row, error) &&
         kes_store_project_note (self, note, error);
}

/* ---- Settings while generating ---- */

/* A file with no records yet has nothing a crash could cost: there the
 * rollback journal is kept in memory and nothing is synced until the end
 * (a crash part-way leaves a file to delete and generate again), and
 * foreign keys are not looked up row by row, since every reference the
 * generator writes is to a row it has just written (kes_store_verify()
 * checks them all afterwards; the demo tests do). A file that already holds
 * records stays in write-ahead logging with its checks, synced at each
 * commit but not at each checkpoint: a crash loses at most the last batch,
 * never what was there. Memory-mapped reads are off while the file grows,
 * so that SQLite does not map it again at every growth. */
gboolean
kes_store_bulk_relax (KesStore  *self,
                      GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth == 0, FALSE);

  stmt = kes_store_prepare (self, "SELECT NOT EXISTS (SELECT 1 FROM record)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (empty && g_strcmp0 (self->path, ":memory:") != 0)
    {
      /* Refused (left in WAL) while another connection has the file open. */
      stmt = kes_store_prepare (self, "PRAGMA journal_mode = MEMORY", error);
      if (stmt == NULL)
        return FALSE;
      empty = sqlite3_step (stmt) == SQLITE_ROW && g_str_equal (kes_store_column_text (stmt, 0), "memory");
      sqlite3_reset (stmt);
    }
  if (empty)
    return kes_store_exec (self, "PRAGMA synchronous = OFF", error) &&
           kes_store_exec (self, "PRAGMA foreign_keys = OFF", error) &&
           kes_store_exec (self, "PRAGMA mmap_size = 0", error);
  return kes_store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         kes_store_exec (self, "PRAGMA mmap_size = 0", error);
}

gboolean
kes_store_bulk_restore (KesStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth == 0, FALSE);

  /* Back to the settings every connection opens with (kes-store.c); the
   * switch back to WAL syncs the whole file. */
  return kes_store_exec (self, "PRAGMA foreign_keys = ON", error) &&
         kes_store_exec (self, "PRAGMA synchronous = FULL", error) &&
         kes_store_exec (self, "PRAGMA mmap_size = 268435456", error) &&
         (g_strcmp0 (self->path, ":memory:") == 0 || kes_store_exec (self, "PRAGMA journal_mode = WAL", error));
}
