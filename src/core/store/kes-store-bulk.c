/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-referral.h"
#include "kes-store-community-private.h"
#include "kes-store-moj-private.h"
#include "kes-store-note-index.h"
#include "kes-store-patients.h"
#include "kes-store-private.h"
#include "kes-store-referrals-private.h"
#include "kes-uuid.h"
#include "kes-validate.h"

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
  KesDeferredNoteIndex *notes; /* note indexing, set aside until the batch ends */
};

/* How often a batch reads the clock: audit times are to the second. */
#define NOW_REFRESH_USEC (G_USEC_PER_SEC / 4)

void
kes_store_batch_free (KesStoreBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->now);
  kes_deferred_note_index_free (batch->notes);
  g_free (batch);
}

/* Full-text indexing note by note made every later statement in the
 * transaction flush the index's pending terms (SQLite opens a savepoint on
 * the virtual table for each statement, and FTS5 writes out at each one),
 * which cost more than the rest of the batch together. So the batch sets
 * note indexing aside (kes-store-note-index.c) and indexes its new notes in
 * one statement when it ends, inside the same transaction: a rollback puts
 * the triggers back, and no one else sees the database in between. A batch
 * only adds notes. */
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
      (batch->notes = kes_store_defer_note_index (self, &local)) == NULL)
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
  if (!kes_store_index_deferred_notes (self, g_steal_pointer (&batch->notes), error))
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

/* ---- New records made ready off the store's thread ---- */

struct _KesBulkRecord
{
  KesBulkKind  type;
  char        *kind;       /* record.kind */
  char        *patient_id; /* whose; NULL for a patient */
  char        *json;
  char        *data_sha256;
  GObject     *object;     /* the record as projected */
  /* Sealed (kes_bulk_records_seal): its audit entry, hashed ahead. */
  char        *at;
  char        *actor_id;
  gint64       seq;
  char         prev_hash[65];
  char         hash[65];
};

void
kes_bulk_record_free (KesBulkRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->kind);
  g_free (record->patient_id);
  g_free (record->json);
  g_free (record->data_sha256);
  g_clear_object (&record->object);
  g_free (record->at);
  g_free (record->actor_id);
  g_free (record);
}

/* Takes @json; the record's id must be set on @object already. */
static KesBulkRecord *
bulk_record_new (KesBulkKind  type,
                 const char  *kind,
                 const char  *patient_id,
                 gpointer     object,
                 char        *json)
{
  KesBulkRecord *record = g_new0 (KesBulkRecord, 1);

  record->type = type;
  record->kind = g_strdup (kind);
  record->patient_id = g_strdup (patient_id);
  record->object = g_object_ref (object);
  record->json = json;
  record->data_sha256 = kes_revision_data_hash (json);
  return record;
}

KesBulkRecord *
kes_bulk_record_patient (KesPatient   *patient,
                         const GDate  *today,
                         GError      **error)
{
  g_autoptr(KesPatient) work = kes_patient_copy (patient);
  g_autofree char *id = kes_uuid_new ();

  /* As kes_store_save_patient() normalises; its checks against the store
   * (the team and staff exist, the NHS number is free) hold by
   * construction for generated patients. */
  if (!kes_patient_normalise (work, today, error))
    return NULL;
  kes_patient_set_identity (work, id, 1, KES_RECORD_ACTIVE);
  kes_patient_set_identity (patient, id, 1, KES_RECORD_ACTIVE);
  return bulk_record_new (KES_BULK_PATIENT, "patient", NULL, work, kes_patient_to_json (work));
}

KesBulkRecord *
kes_bulk_record_contact (KesContact *contact)
{
  g_autofree char *id = kes_uuid_new ();

  kes_contact_set_identity (contact, id, 1, KES_RECORD_ACTIVE);
  return bulk_record_new (KES_BULK_CONTACT, "contact", kes_contact_get_patient_id (contact), contact,
                          kes_contact_to_json (contact));
}

KesBulkRecord *
kes_bulk_record_note (KesNote *note)
{
  g_autofree char *id = kes_uuid_new ();

  kes_note_set_identity (note, id, 1, KES_RECORD_ACTIVE);
  return bulk_record_new (KES_BULK_NOTE, "note", kes_note_get_patient_id (note), note, kes_note_to_json (note));
}

KesBulkRecord *
kes_bulk_record_care (KesCareRecord  *record,
                      const GDate    *today,
                      GError        **error)
{
  g_autofree char *id = kes_uuid_new ();
  g_autoptr(KesCareRecord) draft = NULL;
  char *json = NULL;

  kes_care_record_set_identity (record, id, 1, KES_RECORD_ACTIVE);
  draft = kes_store_care_record_prepare (record, today, &json, error);
  if (draft == NULL)
    return NULL;
  return bulk_record_new (KES_BULK_CARE, kes_care_record_get_kind (draft), kes_care_record_get_patient_id (draft),
                          draft, json);
}

KesBulkRecord *
kes_bulk_record_moj (KesMojRecord  *record,
                     GError       **error)
{
  g_autofree char *id = kes_uuid_new ();
  g_autoptr(KesMojRecord) normalised = NULL;
  char *json = NULL;

  kes_moj_record_set_identity (record, id, 1, KES_RECORD_ACTIVE);
  normalised = kes_store_moj_prepare (record, &json, error);
  if (normalised == NULL)
    return NULL;
  kes_moj_record_set_identity (normalised, id, 1, KES_RECORD_ACTIVE);
  return bulk_record_new (KES_BULK_MOJ, kes_moj_kind_to_string (kes_moj_record_get_kind (normalised)),
                          kes_moj_record_get_patient_id (normalised), normalised, json);
}

KesBulkRecord *
kes_bulk_record_referral (KesReferral         *referral,
                          const char          *birth_date,
                          const KesCatchment  *catchment,
                          GError             **error)
{
  g_autoptr(GPtrArray) issues = kes_referral_validate (referral);
  g_autoptr(GPtrArray) warnings = kes_referral_check_eligibility (referral, birth_date, catchment);
  g_autofree char *id = kes_uuid_new ();
  KesReferralStage stage = kes_referral_get_stage (referral);

  /* What kes_store_save_referral() checks of a new referral, less the
   * store's part: a generated referral carries its whole pathway. One
   * that fails a criterion is recorded, as every referral is, only when
   * its pathway declined or redirected it (no manager's override here). */
  if (!kes_issues_to_error (issues, error))
    return NULL;
  if (stage != KES_REFERRAL_DECLINED && stage != KES_REFERRAL_REDIRECTED && !kes_issues_to_error (warnings, error))
    return NULL;
  g_return_val_if_fail (kes_referral_get_steps (referral)->len > 0, NULL);
  kes_referral_set_identity (referral, id, 1, KES_RECORD_ACTIVE);
  return bulk_record_new (KES_BULK_REFERRAL, "referral", kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID),
                          referral, kes_referral_to_json (referral));
}

static const char *
bulk_record_id (KesBulkRecord *record)
{
  switch (record->type)
    {
    case KES_BULK_PATIENT:
      return kes_patient_get_id (KES_PATIENT (record->object));
    case KES_BULK_CONTACT:
      return kes_contact_get_id (KES_CONTACT (record->object));
    case KES_BULK_NOTE:
      return kes_note_get_id (KES_NOTE (record->object));
    case KES_BULK_CARE:
      return kes_care_record_get_id (KES_CARE_RECORD (record->object));
    case KES_BULK_MOJ:
      return kes_moj_record_get_id (KES_MOJ_RECORD (record->object));
    case KES_BULK_REFERRAL:
      return kes_referral_get_id (KES_REFERRAL (record->object));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
project (KesStore       *self,
         KesBulkRecord  *record,
         GError        **error)
{
  switch (record->type)
    {
    case KES_BULK_PATIENT:
      return kes_store_project_patient (self, KES_PATIENT (record->object), error);
    case KES_BULK_CONTACT:
      return kes_store_project_contact (self, KES_CONTACT (record->object), error);
    case KES_BULK_NOTE:
      return kes_store_project_note (self, KES_NOTE (record->object), error);
    case KES_BULK_CARE:
      return kes_store_project_care_record (self, KES_CARE_RECORD (record->object), error);
    case KES_BULK_MOJ:
      return kes_store_project_moj_record (self, KES_MOJ_RECORD (record->object), record->json, error);
    case KES_BULK_REFERRAL:
      return kes_store_project_referral (self, KES_REFERRAL (record->object), error);
    default:
      g_assert_not_reached ();
    }
}

void
kes_bulk_records_seal (GPtrArray    *records,
                       KesAuditTail *tail,
                       const char   *actor_id,
                       const char   *at)
{
  for (guint i = 0; i < records->len; i++)
    {
      KesBulkRecord *record = records->pdata[i];

      g_free (record->at);
      record->at = g_strdup (at);
      g_free (record->actor_id);
      record->actor_id = g_strdup (actor_id);
      record->seq = tail->seq + 1;
      g_strlcpy (record->prev_hash, tail->hash, sizeof record->prev_hash);
      kes_store_audit_seal_created (tail, at, actor_id, record->kind, bulk_record_id (record), record->patient_id,
                                    record->data_sha256, record->hash);
    }
}

/* The lean save for generated records: made valid by the generator for a
 * patient added in this batch (the checks a clinician's save makes against
 * the database would find nothing), they go straight to the revision, its
 * audit entry and the projection. */
gboolean
kes_store_bulk_write (KesStore       *self,
                      KesBulkRecord  *record,
                      GError        **error)
{
  KesAuditTail *tail;
  g_autofree char *now = NULL;
  gboolean sealed;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch != NULL, FALSE);

  /* The hash made ahead holds only if nothing else joined the chain since
   * it was sealed (another program can write between two batches); if
   * anything did, the entry is hashed here, as any other. */
  tail = &self->batch->tail;
  sealed = record->at != NULL && record->seq == tail->seq + 1 && g_str_equal (record->prev_hash, tail->hash) &&
           self->actor != NULL && g_strcmp0 (record->actor_id, kes_staff_get_id (self->actor)) == 0;
  if (!sealed)
    now = kes_store_now_iso (self);
  return kes_store_write_created (self, record->kind, record->patient_id, bulk_record_id (record),
                                  sealed ? record->at : now, record->json, record->data_sha256,
                                  sealed ? record->hash : NULL, tail, error) &&
         project (self, record, error);
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
                      gboolean   trust_references,
                      GError   **error)
{
  KesDbStmt *stmt;
  gboolean empty = FALSE;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth == 0, FALSE);

  stmt = kes_store_prepare (self, KES_SQL_FULL_SCAN "SELECT NOT EXISTS (SELECT 1 FROM record)", error);
  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) == KES_DB_ROW)
    empty = kes_db_column_int (stmt, 0) != 0;
  kes_db_reset (stmt);

  if (empty && g_strcmp0 (self->path, ":memory:") != 0)
    {
      /* Refused (left in WAL) while another connection has the file open. */
      stmt = kes_store_prepare (self, "PRAGMA journal_mode = MEMORY", error);
      if (stmt == NULL)
        return FALSE;
      empty = kes_db_step (stmt) == KES_DB_ROW && g_str_equal (kes_store_column_text (stmt, 0), "memory");
      kes_db_reset (stmt);
    }
  if (empty)
    return kes_store_exec (self, "PRAGMA synchronous = OFF", error) &&
           (!trust_references || kes_store_exec (self, "PRAGMA foreign_keys = OFF", error)) &&
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
