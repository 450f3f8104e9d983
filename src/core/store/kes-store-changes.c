/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-changes"

#include "config.h"

#include "kes-store-private.h"

/* What a transaction wrote, announced once it is committed.
 *
 * Every revision written is noted here (kes_store_changes_note) while the
 * transaction is open; nothing is said until the outermost level that began
 * the transaction commits, so a page that reads again on `changed` always
 * reads what is on disk, and a rollback (of the whole transaction, or of a
 * savepoint inside it) takes back what it wrote from the list too. Each
 * savepoint level remembers how long the list was when it began (a mark). */

/* Beyond this many records in one transaction (a demo batch, an import of a
 * whole case record), one "many records changed" is announced instead of a
 * million: every page then reads again once. */
#define MAX_CHANGES_ANNOUNCED 1000

typedef struct
{
  char *kind;
  char *record_id;
  char *patient_id;
} KesStoreChange;

static void
change_clear (gpointer data)
{
  KesStoreChange *change = data;

  g_free (change->kind);
  g_free (change->record_id);
  g_free (change->patient_id);
}

static void
ensure_arrays (KesStore *self)
{
  if (self->changes != NULL)
    return;
  self->changes = g_array_new (FALSE, FALSE, sizeof (KesStoreChange));
  g_array_set_clear_func (self->changes, change_clear);
  self->change_marks = g_array_new (FALSE, FALSE, sizeof (guint));
}

void
kes_store_changes_free (KesStore *self)
{
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->change_marks, g_array_unref);
}

void
kes_store_changes_note (KesStore   *self,
                        const char *kind,
                        const char *record_id,
                        const char *patient_id)
{
  KesStoreChange change;

  g_assert (self->savepoint_depth > 0);

  ensure_arrays (self);
  if (self->changes_overflowed)
    return;
  if (self->changes->len >= MAX_CHANGES_ANNOUNCED)
    {
      self->changes_overflowed = TRUE;
      g_array_set_size (self->changes, 0);
      return;
    }
  /* A patient's register entry is that patient's: pages showing one
   * patient follow it like their other records. */
  if ((patient_id == NULL || *patient_id == '\0') && g_strcmp0 (kind, "patient") == 0)
    patient_id = record_id;
  change.kind = g_strdup (kind);
  change.record_id = g_strdup (record_id);
  change.patient_id = patient_id != NULL && *patient_id != '\0' ? g_strdup (patient_id) : NULL;
  g_array_append_val (self->changes, change);
}

void
kes_store_changes_push_mark (KesStore *self)
{
  guint mark;

  ensure_arrays (self);
  mark = self->changes->len;
  g_array_append_val (self->change_marks, mark);
}

/* A savepoint released: what it wrote belongs to the level around it. */
void
kes_store_changes_pop_mark (KesStore *self)
{
  g_assert (self->change_marks != NULL && self->change_marks->len > 0);

  g_array_set_size (self->change_marks, self->change_marks->len - 1);
}

/* A savepoint rolled back: what it wrote was never written. */
void
kes_store_changes_roll_back_to_mark (KesStore *self)
{
  guint mark;

  g_assert (self->change_marks != NULL && self->change_marks->len > 0);

  mark = g_array_index (self->change_marks, guint, self->change_marks->len - 1);
  /* After an overflow the list no longer says what each level wrote;
   * announcing "many" for what was rolled back too is harmless. */
  if (!self->changes_overflowed && mark <= self->changes->len)
    g_array_set_size (self->changes, mark);
  kes_store_changes_pop_mark (self);
}

void
kes_store_changes_forget (KesStore *self)
{
  if (self->changes != NULL)
    g_array_set_size (self->changes, 0);
  if (self->change_marks != NULL)
    g_array_set_size (self->change_marks, 0);
  self->changes_overflowed = FALSE;
}

/* The transaction is committed: say what it wrote. The list is taken
 * first, so a handler that saves again starts a list of its own. */
void
kes_store_changes_announce (KesStore *self)
{
  g_autoptr(GArray) changes = NULL;
  gboolean overflowed = self->changes_overflowed;

  if (self->changes == NULL)
    return;
  changes = g_steal_pointer (&self->changes);
  kes_store_changes_forget (self);
  g_clear_pointer (&self->change_marks, g_array_unref);

  if (overflowed)
    {
      kes_store_emit_changed (self, NULL, NULL, NULL);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      KesStoreChange *change = &g_array_index (changes, KesStoreChange, i);

      kes_store_emit_changed (self, change->kind, change->record_id, change->patient_id);
    }
}

/* PRAGMA data_version changes when another connection commits to the file,
 * and only then: the app's pages read it when they are shown again, so that
 * what kestrel-cli or another copy of Kestrel wrote meanwhile shows too. */
gint64
kes_store_get_outside_version (KesStore *self)
{
  KesDbStmt *stmt;
  gint64 version = 0;

  g_return_val_if_fail (KES_IS_STORE (self), 0);

  stmt = kes_store_prepare (self, "PRAGMA data_version", NULL);
  if (stmt == NULL)
    return 0;
  if (kes_db_step (stmt) == KES_DB_ROW)
    version = kes_db_column_int64 (stmt, 0);
  kes_db_reset (stmt);
  return version;
}
