/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-db.h"

#include "kes-audit.h"
#include "kes-care-record.h"
#include "kes-history-hash.h"
#include "kes-installation-key.h"
#include "kes-moj.h"
#include "kes-permissions.h"
#include "kes-referral.h"
#include "kes-store.h"
#include "kes-store-sealed-vfs.h"

G_BEGIN_DECLS

/* Shared by the kes-store*.c files only: the rest of Kestrel never sees SQL. */

typedef struct _KesStoreBatch KesStoreBatch;
typedef struct _KesStoreVisit KesStoreVisit;

/* Work core does on its own, without a person signed in. Nothing else runs
 * without an actor (kes_store_require): each operation is named here with
 * what it may do (kes-store-access.c). */
typedef enum
{
  KES_SYSTEM_NONE,
  KES_SYSTEM_DEMO,             /* the demo generator filling a new, empty file (kes-demo.c) */
  KES_SYSTEM_AUTOMATIC_BACKUP, /* the app's daily backup, before anyone signs in */
} KesSystemOperation;

struct _KesStore
{
  GObject     parent_instance;

  KesDb      *db;
  char       *path;
  char       *guarded_path; /* the file as kes-output-guard.h knows it */
  KesStaff   *actor;
  KesStoreVisit *visit;  /* the record open in the app, if any (kes-store-visit.c) */
  GHashTable *statements; /* SQL text -> KesDbStmt*, prepared once */
  guint       savepoint_depth;
  gboolean    owns_transaction; /* the outermost savepoint began the transaction */
  GHashTable *break_glass; /* patient ids opened by break-glass (kes-store-access.c) */
  KesStoreBatch *batch;   /* a batch of many writes in one transaction (kes-store-bulk.c) */
  gboolean    chain_keyed; /* the access log is sealed: entries are hashed with the key */
  KesInstallationKey *chain_key; /* this installation's key, once needed */
  gint64      guards_checked_schema; /* PRAGMA schema_version the guards were checked at */
  char       *guards_missing; /* the append-only rules found missing, or NULL */
  guint       unguarded_writes; /* > 0 while writing what a missing guard can't block */
  gint64      anchored_seq;   /* the last entry this store anchored (kes-store-anchor.c) */
  KesSystemOperation system_operation; /* what runs without an actor, if anything */
  gboolean    one_time_session; /* signed in with a one-time password, not yet changed */
  gboolean    signing;          /* a signature confirmed with the password is being saved */
  char       *import_source;    /* the case record being imported (kes_store_set_import_source) */
  guint       verify_chunk;     /* records `verify` rebuilds at a time; 0: its default */
  GArray     *changes;          /* what the open transaction wrote (kes-store-changes.c) */
  GArray     *change_marks;     /* the length of @changes at each savepoint level */
  gboolean    changes_overflowed; /* too many to list: "many records changed" */
  struct _KesStoreImport *import; /* the patient being imported (kes_store_import_patient_begin) */
  struct _KesAccountRow *held_actor; /* the actor's account, read once for a transaction (kes_store_hold_actor) */
};

/* ---- Changes announced after commit (kes-store-changes.c) ---- */
/* Notes that the open transaction wrote a revision of @record_id. */
void          kes_store_changes_note   (KesStore     *self,
                                        const char   *kind,
                                        const char   *record_id,
                                        const char   *patient_id);
void          kes_store_changes_push_mark (KesStore  *self);
void          kes_store_changes_pop_mark  (KesStore  *self);
void          kes_store_changes_roll_back_to_mark (KesStore *self);
/* The whole transaction rolled back (or not ours to announce). */
void          kes_store_changes_forget (KesStore     *self);
/* The transaction committed: emits `changed` for what it wrote. */
void          kes_store_changes_announce (KesStore   *self);
void          kes_store_changes_free   (KesStore     *self);
/* Emits KesStore::changed (kes-store.c). */
void          kes_store_emit_changed   (KesStore     *self,
                                        const char   *kind,
                                        const char   *record_id,
                                        const char   *patient_id);

/* The hash the first entry follows on from. */
#define KES_AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* kes_store_mark_entered_in_error() without its permission check, for
 * what Kestrel itself withdraws (a database update). */
gboolean      kes_store_write_entered_in_error (KesStore    *self,
                                                const char  *record_id,
                                                gint64       base_revision,
                                                const char  *reason,
                                                GError     **error);
/* The caseload's legal status and MHCS reference for @patient_id, from
 * the current legal status record (kes-store-patients.c). */
gboolean      kes_store_refresh_patient_legal (KesStore   *self,
                                               const char *patient_id,
                                               GError    **error);

/* ---- Visits (kes-store-visit.c) ---- */
/* Whether the open visit is of @patient_id: its reads are logged by the
 * visit's own entry. */
gboolean      kes_store_visit_covers   (KesStore      *self,
                                        const char    *patient_id);
/* Forgets the visit without writing (the store is going away). */
void          kes_store_visit_drop     (KesStore      *self);

/* Whether @staff_id is an author recorded elsewhere (brought by an import,
 * never an account: see data/migrations/0018-authors-recorded-elsewhere.sql). */
gboolean kes_store_staff_recorded_elsewhere (KesStore   *self,
                                             const char *staff_id);

/* The last entry of the hash chain: what the next entry follows on from. */
typedef struct
{
  gint64              seq;      /* 0 before the first entry */
  char                hash[65]; /* hex (the genesis hash before the first entry) */
  KesInstallationKey *key;      /* the next entry's key (borrowed from the store); NULL
                                 * while the chain is not keyed yet */
} KesAuditTail;

/* A cached, reset statement for @sql, or NULL with @error set. */
KesDbStmt *kes_store_prepare        (KesStore     *self,
                                        const char   *sql,
                                        GError      **error);
/* Runs SQL with no results and no parameters. */
gboolean      kes_store_exec           (KesStore     *self,
                                        const char   *sql,
                                        GError      **error);
/* Sets @error from the connection's last failure, prefixed with @what. */
void          kes_store_set_db_error   (KesStore     *self,
                                        GError      **error,
                                        const char   *what);

/* Binds NULL for NULL or "" and the text otherwise. */
void          kes_store_bind_text      (KesDbStmt *stmt,
                                        int           index,
                                        const char   *text);
/* Column text, never NULL. */
const char   *kes_store_column_text    (KesDbStmt *stmt,
                                        int           column);

/* Nestable transactions (savepoints): every write goes through these so a
 * failure part-way leaves nothing behind. */
gboolean      kes_store_savepoint      (KesStore     *self,
                                        GError      **error);
/* A savepoint for an access-log entry on its own, or sign-in's bookkeeping:
 * allowed while the append-only rules are missing (kes-store-guards.c), so
 * that people can still sign in, read and be logged doing so; only changes
 * to records are refused. */
gboolean      kes_store_savepoint_unguarded (KesStore  *self,
                                             GError   **error);
gboolean      kes_store_release        (KesStore     *self,
                                        GError      **error);
void          kes_store_rollback_to    (KesStore     *self);

/* The patient exists and is not entered in error. A missing id fails with
 * @missing_message (or a general one when NULL). */
gboolean      kes_store_check_patient_active (KesStore     *self,
                                              const char   *patient_id,
                                              const char   *missing_message,
                                              GError      **error);

/* The schema version from which the access log is keyed. */
int           kes_store_keyed_chain_version (void);
/* The schema version from which staff have recorded_elsewhere and
 * source_username (authors recorded elsewhere, and revision_import). */
int           kes_store_authors_elsewhere_version (void);
/* The schema version from which an import of a patient is audited by one
 * entry (patient_import, revision.import_id). */
int           kes_store_import_per_patient_version (void);
/* Brings the schema up to date; refuses a newer one. */
gboolean      kes_store_migrate        (KesStore     *self,
                                        GError      **error);
/* Run by migration 14: MAPPA category 4 to "not recorded", with a revision
 * and a note (kes-store-migrate-mappa.c). */
gboolean      kes_store_migrate_mappa_category_four (KesStore  *self,
                                                     GError   **error);
/* Run by migration 15: the register's legal status, MHCS reference and
 * MAPPA, and the separate index offence records, into the legal status
 * record (kes-store-migrate-legal.c). */
gboolean      kes_store_migrate_one_legal_status (KesStore  *self,
                                                  GError   **error);

/* A step of a migration that writes records. */
typedef gboolean (*KesUpdateStep) (KesStore  *self,
                                   gpointer   data,
                                   GError   **error);
/* Runs @step with the database update @number ("0014") as the author of
 * what it writes: a disabled staff entry no one can sign in as
 * ("kestrel-update-0014"), so the history says the update did it, not a
 * person. In a savepoint; the store's actor is restored after. */
gboolean      kes_store_run_as_update  (KesStore      *self,
                                        const char    *number,
                                        KesUpdateStep  step,
                                        gpointer       data,
                                        GError       **error);
/* The staff entry of database update @number, as kes_store_run_as_update()
 * writes it (id KES_UPDATE_AUTHOR_PREFIX @number, user name
 * KES_UPDATE_USERNAME_PREFIX @number, disabled), with its history once the
 * directory has one; nothing when it is there already. Also what an import
 * writes for an update named in a file: never the file's own description of
 * it. In a savepoint. */
#define KES_UPDATE_AUTHOR_PREFIX "kestrel-update-"
#define KES_UPDATE_USERNAME_PREFIX "kestrel-database-update-"
gboolean      kes_store_add_update_author (KesStore    *self,
                                           const char  *number,
                                           GError     **error);
/* Adds a note to a patient's record (a database update telling the team
 * what it changed and what to check). */
gboolean      kes_store_add_update_note (KesStore    *self,
                                         const char  *patient_id,
                                         const char  *title,
                                         const char  *body,
                                         GError     **error);

/* Writes a revision of a record. A new record when *@record_id is NULL (an
 * id is generated and returned there); otherwise @base_revision must be the
 * current revision or KES_ERROR_CONFLICT names who changed it and when.
 * Must be called inside a savepoint; the caller updates its projection
 * table in the same savepoint. Returns the new revision number, 0 on error. */
gint64        kes_store_write_revision (KesStore      *self,
                                        const char    *kind,
                                        const char    *patient_id,
                                        char         **record_id,
                                        gint64         base_revision,
                                        KesChangeKind  change,
                                        const char    *reason,
                                        const char    *data_json,
                                        GError       **error);

/* kes_store_write_revision() with @author_id as the revision's author, for
 * what is written on someone's behalf or by no one signed in (the staff
 * directory's own history: the first administrator, a migration). */
gint64        kes_store_write_revision_by (KesStore      *self,
                                           const char    *author_id,
                                           const char    *kind,
                                           const char    *patient_id,
                                           char         **record_id,
                                           gint64         base_revision,
                                           KesChangeKind  change,
                                           const char    *reason,
                                           const char    *data_json,
                                           GError       **error);

/* Revision 1 of a new record whose id the caller made (kes_uuid_new()):
 * the record row, the revision and its audit entry, chained onto @tail.
 * For batch writers inside a transaction (kes-store-bulk.c); the caller
 * validates and projects, as the kes_store_save_*() functions do. */
gboolean      kes_store_write_created  (KesStore      *self,
                                        const char    *kind,
                                        const char    *patient_id,
                                        const char    *record_id,
                                        const char    *at,
                                        const char    *data_json,
                                        const char    *data_sha256,
                                        const char    *sealed_hash,
                                        KesAuditTail  *tail,
                                        GError       **error);

/* The current state of a record, for projections. */
gboolean      kes_store_record_state   (KesStore       *self,
                                        const char     *record_id,
                                        char          **kind,
                                        KesRecordState *state,
                                        GError        **error);

/* Refreshes a projection after a revision (patient, contact or note). */
gboolean      kes_store_project_patient (KesStore    *self,
                                         KesPatient  *patient,
                                         GError     **error);
gboolean      kes_store_project_contact (KesStore    *self,
                                         KesContact  *contact,
                                         GError     **error);
gboolean      kes_store_project_note    (KesStore    *self,
                                         KesNote     *note,
                                         GError     **error);

/* ---- Batches (kes-store-bulk.c) ---- */
/* A transaction for many new records at once (demo data): the audit
 * chain's tail is read once and kept, not read back for every entry, and
 * "now" is read once a second. Every write still goes through the usual
 * functions, validated and audited entry by entry. */
gboolean      kes_store_batch_begin    (KesStore      *self,
                                        GError       **error);
gboolean      kes_store_batch_commit   (KesStore      *self,
                                        GError       **error);
void          kes_store_batch_rollback (KesStore      *self);
/* The time to stamp a write with: the batch's when one is open. */
char         *kes_store_now_iso        (KesStore      *self);
/* The batch's audit tail, or NULL outside a batch. */
KesAuditTail *kes_store_batch_tail     (KesStore      *self);
void          kes_store_batch_free     (KesStoreBatch *batch);
/* New records the demo generator made, for patients it adds in this batch.
 * Made ready on any thread without the store (an id, the checks and
 * normalisation a save makes that need no database, the JSON and its
 * SHA-256: the costly part), then written on the store's thread in the
 * order made: revision, audit entry and projection, without the checks
 * against the database a clinician's save makes (they hold by
 * construction: the generator refers only to what it has just made). The
 * record's id is set on the object passed in. */
typedef enum
{
  KES_BULK_PATIENT,
  KES_BULK_CONTACT,
  KES_BULK_NOTE,
  KES_BULK_CARE,
  KES_BULK_MOJ,
  KES_BULK_REFERRAL,
} KesBulkKind;
typedef struct _KesBulkRecord KesBulkRecord;
void           kes_bulk_record_free     (KesBulkRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBulkRecord, kes_bulk_record_free)
KesBulkRecord *kes_bulk_record_patient  (KesPatient     *patient,
                                         const GDate    *today,
                                         GError        **error);
KesBulkRecord *kes_bulk_record_contact  (KesContact     *contact);
KesBulkRecord *kes_bulk_record_note     (KesNote        *note);
KesBulkRecord *kes_bulk_record_care     (KesCareRecord  *record,
                                         const GDate    *today,
                                         GError        **error);
KesBulkRecord *kes_bulk_record_moj      (KesMojRecord   *record,
                                         GError        **error);
/* @birth_date: the patient's, and @catchment the areas, for the
 * eligibility criteria. */
KesBulkRecord *kes_bulk_record_referral (KesReferral        *referral,
                                         const char         *birth_date,
                                         const KesCatchment *catchment,
                                         GError            **error);
/* Hashes the audit entries of @records ahead (any thread), as if they
 * followed @tail in turn (which it advances), made by @actor_id at @at.
 * kes_store_bulk_write() uses a hash made ahead only while the log's tail
 * is the one it was sealed against, and hashes the entry itself otherwise. */
void           kes_bulk_records_seal    (GPtrArray      *records,
                                         KesAuditTail   *tail,
                                         const char     *actor_id,
                                         const char     *at);
gboolean       kes_store_bulk_write     (KesStore       *self,
                                         KesBulkRecord  *record,
                                         GError        **error);
/* Durability while generating or importing: relaxed for a file with no
 * records yet, then restored to what kes_store_open() sets. Outside any
 * transaction. @trust_references turns off the row-by-row foreign key
 * checks in an empty file too: for the demo's own rows, never for a file
 * that came from outside. */
gboolean      kes_store_bulk_relax     (KesStore      *self,
                                        gboolean       trust_references,
                                        GError       **error);
gboolean      kes_store_bulk_restore   (KesStore      *self,
                                        GError       **error);

/* ---- Audit (kes-store-audit.c); callers hold a savepoint ---- */
/* An entry from a row whose first nine columns are the audit's seq, at,
 * actor_id, the actor's display name, action, record_id, patient_id,
 * revision and summary, in that order (a listing's SELECT). */
KesAuditEntry *kes_store_audit_entry_from_row (KesDbStmt *stmt);
gboolean      kes_store_audit_append   (KesStore      *self,
                                        const char    *action,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        const char    *summary,
                                        GError       **error);
/* The entry for a revision just written (by a save or an import), with its
 * data hash and its revision hash; @at is the entry's time (NULL: now): a
 * save passes the revision's own. */
gboolean      kes_store_audit_revision (KesStore                *self,
                                        const KesRevisionFields *revision,
                                        const char              *at,
                                        GError                 **error);
/* The one entry for an import of @patient_id's case record (migration
 * 0024): action "import", by the actor at @at, with @digest (a
 * kes_import_digest_finish() over the revisions it brought) as its
 * revision hash. Sets @seq to the entry's number. Needs the keyed chain. */
gboolean      kes_store_audit_import_entry (KesStore    *self,
                                            const char  *patient_id,
                                            const char  *at,
                                            const char  *digest,
                                            const char  *summary,
                                            gint64      *seq,
                                            GError     **error);
/* "create", "change" … : the action an entry records for a revision. */
const char   *kes_store_audit_action_for_change (KesChangeKind change);
gboolean      kes_store_audit_read_tail (KesStore     *self,
                                         KesAuditTail *tail,
                                         GError      **error);
/* The entry kes_store_audit_revision() writes for revision 1 of a new
 * record, chained onto @tail (which it advances) instead of a tail read back
 * from the table each time: for a writer that holds the write lock for a
 * whole batch of new records (kes-store-bulk.c). @data_sha256 is the data's
 * hash when the caller computed it already (elsewhere), or NULL; likewise
 * @sealed_hash, the entry's own (kes_store_audit_seal_created()). */
gboolean      kes_store_audit_created  (KesStore      *self,
                                        KesAuditTail  *tail,
                                        const char    *at,
                                        const char    *kind,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        const char    *data_json,
                                        const char    *data_sha256,
                                        const char    *sealed_hash,
                                        GError       **error);
/* The hash kes_store_audit_created() will give that entry if it follows
 * @tail, which it advances: computed ahead, off the store's thread (the
 * demo's feed), by a writer that then passes it as @sealed_hash, but only
 * while the table's tail is still the one it was sealed against. Pure. */
void          kes_store_audit_seal_created (KesAuditTail *tail,
                                            const char   *at,
                                            const char   *actor_id,
                                            const char   *kind,
                                            const char   *record_id,
                                            const char   *patient_id,
                                            const char   *data_sha256,
                                            char          hash[65]);
/* Logged as @actor_id rather than the store's actor (sign-in); own savepoint. */
gboolean      kes_store_audit_as       (KesStore      *self,
                                        const char    *actor_id,
                                        const char    *action,
                                        const char    *summary,
                                        GError       **error);
/* Run by migration 3: one "baseline" entry per revision already stored. */
gboolean      kes_store_audit_baseline (KesStore      *self,
                                        GError       **error);
/* The summaries of @action entries logged at or after @since (ISO 8601),
 * read by time through the index (kes-store-audit-query.c). */
GPtrArray    *kes_store_audit_summaries_since (KesStore    *self,
                                               const char  *action,
                                               const char  *since,
                                               GError     **error);
/* A "view" entry in its own savepoint. */
gboolean      kes_store_audit_view     (KesStore      *self,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        const char    *summary,
                                        GError       **error);

/* ---- The staff directory's history (kes-store-staff-history.c) ---- */
/* After a change to a staff row, in the same savepoint: a revision of the
 * member of staff when the row's revisioned fields differ from the latest
 * (revision 1 for a new one). Authored by the actor, or by the member of
 * staff when no one is signed in. */
gboolean      kes_store_staff_snapshot (KesStore      *self,
                                        const char    *staff_id,
                                        GError       **error);
/* Whether the staff row of @staff_id is what its latest revision says
 * (always, on a file not yet sealed); KES_ERROR_CORRUPT in plain words
 * otherwise. Signing in, confirming a signature and an administrator's
 * change to the account check it first: a role or password hash put in with
 * the sqlite3 shell, or an account added there, is never acted on. */
gboolean      kes_store_staff_check_history (KesStore    *self,
                                             const char  *staff_id,
                                             GError     **error);
/* The same for every member of staff (migration 15). */
gboolean      kes_store_staff_snapshot_all (KesStore  *self,
                                            GError   **error);
/* The staff row of a revision's data (verify's rebuild). */
gboolean      kes_store_project_staff_json (KesStore   *self,
                                            const char *staff_id,
                                            const char *at,
                                            const char *json,
                                            GError    **error);
/* The staff table's columns that are history, NULL-terminated. */
const char * const *kes_store_staff_revisioned_columns (void);

/* ---- Anchors (kes-store-anchor.c) ---- */
/* Notes the access log's head as the store opens: a close anchors only what
 * this store added. */
gboolean      kes_store_anchor_open    (KesStore      *self,
                                        GError       **error);
/* How a restored copy's own restore entry ends (kes-backup.c): the tag of
 * the file it was restored as (kes_anchor_file_tag()), so that `verify`
 * tells the anchors of the database it was restored from, whose history
 * went on without it, from its own. */
#define KES_RESTORED_AS_FILE ", restored as file "

/* ---- The append-only rules (kes-store-guards.c) ---- */
/* Whether every rule is in place (looked at again only when the schema has
 * changed); otherwise KES_ERROR_CORRUPT saying nothing was saved and what an
 * administrator must do. Called with the write lock held. */
gboolean      kes_store_guards_hold    (KesStore      *self,
                                        GError       **error);

/* ---- The keyed chain (kes-store-chain.c) ---- */
/* This installation's key, read or made on first use (borrowed). NULL with
 * @error, saying nothing can be saved, when it can't be. */
KesInstallationKey *kes_store_chain_key (KesStore      *self,
                                         GError       **error);
/* Where the seal is and the database id it recorded; *@database_id is
 * NULL when the chain has no seal. */
gboolean      kes_store_find_seal      (KesStore      *self,
                                        char         **database_id,
                                        gint64        *seal_seq,
                                        GError       **error);
/* A revision as the keyed chain hashes it, selected as these columns of
 * `revision v JOIN record r` (in this order) from column @first on. The
 * fields borrow the row's strings; *@data_sha256 is the data's hash, freed
 * by the caller. */
/* An imported revision's provenance, for a query over `revision v`:
 * `p` the row of revision_import (a revision imported before migration
 * 0024), `q` the row of patient_import (one import of a patient since),
 * `i` the member of staff who imported it. */
#define KES_PROVENANCE_JOINS \
  "LEFT JOIN revision_import p ON p.record_id = v.record_id AND p.revision = v.revision " \
  "LEFT JOIN patient_import q ON q.id = v.import_id " \
  "LEFT JOIN staff i ON i.id = coalesce (p.imported_by, q.imported_by) "
#define KES_REVISION_COLUMNS \
  "v.record_id, r.kind, r.patient_id, v.revision, v.author_id, v.at, v.change, v.reason, v.data"
void          kes_store_revision_fields (KesDbStmt         *stmt,
                                         int                first,
                                         char             **data_sha256,
                                         KesRevisionFields *fields);
/* An access-log entry selected as these columns (the unkeyed ones for a file
 * from before the chain was keyed), from column @first on; the stored hash
 * follows them. */
#define KES_AUDIT_COLUMNS \
  "seq, at, actor_id, action, record_id, patient_id, revision, data_hash, revision_hash, " \
  "revision_author, revision_at, summary, key_id, prev_hash, hash"
#define KES_AUDIT_COLUMNS_UNKEYED \
  "seq, at, actor_id, action, record_id, patient_id, revision, data_hash, NULL, NULL, NULL, " \
  "summary, NULL, prev_hash, hash"
KesAuditFields kes_store_audit_fields  (KesDbStmt         *stmt,
                                         int                first);
/* The seal's digest over every revision whose entry comes before
 * @before_seq (kes-history-hash.h), and how many there are. */
gboolean      kes_store_unkeyed_digest (KesStore      *self,
                                        gint64         before_seq,
                                        char         **digest,
                                        guint64       *revisions,
                                        GError       **error);
/* Run by migration 15: the seal, the first keyed entry (kes-store-audit.c). */
gboolean      kes_store_audit_seal     (KesStore      *self,
                                        GError       **error);

/* ---- Checks for damage (kes-store-check.c) ---- */
/* PRAGMA quick_check of the whole file, unless this process has already
 * found it sound. */
gboolean      kes_store_quick_check_once  (KesStore      *self,
                                           GError       **error);
/* Records @path as checked and sound (a file just verified in full). */
void          kes_store_note_checked      (const char    *path);
/* What signing in relies on: the schema, staff and team tables, and the
 * access log's last entries. */
gboolean      kes_store_check_sign_in     (KesStore      *self,
                                           GError       **error);
/* FALSE with KES_ERROR_CORRUPT, in plain words, once damage was found. */
gboolean      kes_store_refuse_if_damaged (KesStore      *self,
                                           GError       **error);
/* The chain of the access log's last @entries entries; a problem found is
 * added to @problems. */
gboolean      kes_store_verify_audit_tail (KesStore      *self,
                                           guint          entries,
                                           GPtrArray     *problems,
                                           GError       **error);

/* ---- Backups (kes-store-backup.c) ---- */
/* Copies the database, one consistent snapshot, into the new file @path
 * with SQLite's online backup API: in clear as a rollback-journal database,
 * or with @key sealed page by page (kes-store-sealed-vfs.h). Its own
 * connection, small page cache, no memory map: the memory it takes does not
 * grow with the database. Stops between steps when @cancellable is. */
gboolean      kes_store_backup_to_file (KesStore        *self,
                                        const char      *path,
                                        KesSealedKey    *key,
                                        KesProgressFunc  progress,
                                        gpointer         user_data,
                                        GCancellable    *cancellable,
                                        GError         **error);
guint         kes_store_page_size      (KesStore        *self);
/* Opens a backup's copy at @path (sealed with @key, or in clear) read-only
 * and never migrated, to verify it; @label names it in messages. */
KesStore     *kes_store_open_copy      (const char      *path,
                                        KesSealedKey    *key,
                                        const char      *label,
                                        GError         **error);
/* Leaves WAL (folding the log into the file) so the file can be moved. */
gboolean      kes_store_settle         (KesStore        *self,
                                        GError         **error);
/* How many records and access-log entries the database holds. */
gboolean      kes_store_count_contents (KesStore        *self,
                                        guint           *records,
                                        guint           *audit_entries,
                                        GError         **error);

/* ---- Access (kes-store-access.c) ---- */
/* kes_store_check_permission() for core's own entry points. */
gboolean      kes_store_require        (KesStore      *self,
                                        KesPermission  permission,
                                        const char    *patient_id,
                                        GError       **error);
/* kes_store_require() for a record of any kind: its kind's view (or, with
 * @edit, edit) permission, for its patient. */
gboolean      kes_store_require_record (KesStore      *self,
                                        const char    *record_id,
                                        gboolean       edit,
                                        GError       **error);
/* Marks the start (or, with KES_SYSTEM_NONE, the end) of a system
 * operation. */
void          kes_store_set_system_operation (KesStore           *self,
                                              KesSystemOperation  operation);
/* The actor's team id, or NULL when they have none (no team scope). */
char         *kes_store_actor_team_scope (KesStore    *self);
/* How a signature describes the actor: their job title, else their roles
 * ("Clinician, Team manager"). */
char         *kes_store_signer_role      (KesStore    *self);

/* One row of the staff table as sign-in and permission checks need it. */
typedef struct _KesAccountRow
{
  gboolean  found;
  char     *id;
  char     *username;
  gboolean  disabled;
  GStrv     roles;
  char     *team_id;
  char     *password_hash;
  gboolean  must_change_password;
  int       failed_attempts;
  char     *locked_until;
  gint64    revision;
} KesAccountRow;

void          kes_account_row_clear    (KesAccountRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KesAccountRow, kes_account_row_clear)
/* Forgets the account kes_store_hold_actor() read; the end of the
 * transaction does it too. */
void          kes_store_forget_held_actor (KesStore   *self);
/* Fills @row (found stays FALSE when there is no such account); FALSE only
 * when the database could not be read. */
gboolean      kes_store_load_account_row (KesStore      *self,
                                          const char    *id_or_username,
                                          KesAccountRow *row,
                                          GError       **error);
/* libsodium's crypto_pwhash_str with the interactive limits. */
char         *kes_store_hash_password  (const char    *password,
                                        GError       **error);

/* ---- Staff directory without permission checks (kes-store-staff.c) ---- */
/* A member of staff in the directory: no roles, no password, so no way to
 * sign in; an account is made from it by kes_store_create_account(). */
KesStaff     *kes_store_add_staff      (KesStore      *self,
                                        const char    *username,
                                        const char    *display_name,
                                        const char    *role_title,
                                        const char    *team_id,
                                        const char    *contact,
                                        GError       **error);
/* The same row without its first revision, for a caller that completes the
 * row and then takes the revision itself (kes_store_create_account()),
 * inside its own savepoint. */
KesStaff     *kes_store_insert_staff   (KesStore      *self,
                                        const char    *username,
                                        const char    *display_name,
                                        const char    *role_title,
                                        const char    *team_id,
                                        const char    *contact,
                                        GError       **error);
/* No staff and no records but what the migrations wrote (the catchment
 * areas, by the database update): a new file (the demo fills only such a
 * one). */
gboolean      kes_store_is_empty       (KesStore      *self);
/* For core's own use: names in messages, checks of references. */
KesStaff     *kes_store_lookup_staff   (KesStore      *self,
                                        const char    *id_or_username);
KesTeam      *kes_store_lookup_team    (KesStore      *self,
                                        const char    *id_or_name);

G_END_DECLS
