/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-patient.h"
#include "kes-records.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* The only door to the database. SQL lives behind it (kes-store*.c); callers
 * see objects and GErrors. This header is the store itself (opening, who
 * is acting, visits, history, integrity, import, bulk work); each feature's
 * records are saved and read through its own header: kes-store-staff.h
 * (staff directory, teams), kes-store-patients.h, kes-store-notes.h,
 * kes-store-due.h, kes-store-referrals.h, kes-store-risk.h,
 * kes-store-moj.h, kes-store-community.h, kes-carers.h, kes-liaison.h,
 * kes-services.h, kes-equality.h. A KesStore is used from one thread at a time:
 * worker threads open their own with kes_store_open(). */
#define KES_TYPE_STORE (kes_store_get_type ())
G_DECLARE_FINAL_TYPE (KesStore, kes_store, KES, STORE, GObject)

/* Signal "changed" (const char *kind, const char *record_id, const char
 * *patient_id): emitted once for every revision a transaction wrote, after
 * that transaction commits (the outermost kes_store_commit(), a batch's
 * commit); a rollback emits nothing. @patient_id is the patient's own id
 * for a patient's register entry and NULL for a record of no patient; all
 * three are NULL when one transaction wrote too many records to list (a
 * demo batch, a large import): read everything again. Only this
 * store's own writes are announced, not another program's: for those,
 * kes_store_get_outside_version(). */

/* A number that changes whenever another connection (kestrel-cli, a
 * colleague's copy of Kestrel, a worker) commits to the file, and stays the
 * same while only this store writes. */
gint64       kes_store_get_outside_version  (KesStore    *self);

/* The schema version this build writes (the number of the newest migration). */
int          kes_store_schema_version       (void);

/* Where the database lives unless told otherwise: $KESTREL_DATABASE, else
 * $XDG_DATA_HOME/kestrel/kestrel.db. */
char        *kes_store_default_path         (void);

/* Opens (creating if needed) and migrates. Refuses a database written by a
 * newer Kestrel (KES_ERROR_NEWER_SCHEMA) and one failing quick_check
 * (KES_ERROR_CORRUPT). ":memory:" works for tests. */
KesStore    *kes_store_open                 (const char  *path,
                                             GError     **error);
/* For the application's start: opens @path like kes_store_open() but, when
 * no migration is due, checks only what signing in relies on (the file's
 * header and schema, the staff table, the access log's last entries) and
 * leaves the whole-file check (PRAGMA quick_check, seconds on a trust-wide
 * database) for kes_store_check_file() to run in a worker after sign-in;
 * *@check_pending says whether it did. */
KesStore    *kes_store_open_check_later     (const char  *path,
                                             gboolean    *check_pending,
                                             GError     **error);
/* Checks the whole file @path on a connection of its own (once per process
 * and file), reporting how far it has got to @progress; stops when
 * @cancellable is cancelled. FALSE with KES_ERROR_CORRUPT when the file is
 * damaged: from then on every store of this process open on @path refuses
 * to write (see kes_store_is_damaged()). */
gboolean     kes_store_check_file           (const char       *path,
                                             KesProgressFunc   progress,
                                             gpointer          user_data,
                                             GCancellable     *cancellable,
                                             GError          **error);
/* Whether damage was found in the store's file in this process: every
 * write is then refused with KES_ERROR_CORRUPT and a message that says what
 * to do (restore the latest verified backup). */
gboolean     kes_store_is_damaged           (KesStore    *self);
const char  *kes_store_get_path             (KesStore    *self);
int          kes_store_get_user_version     (KesStore    *self);
/* The database's own id (32 hex digits), kept by its backups and restores. */
char        *kes_store_get_database_id      (KesStore    *self,
                                             GError     **error);

/* ---- Who is acting: the author of every change ----
 * kes_store_sign_in() sets the actor. Setting one directly only hands a
 * signed-in person on (kes_store_resume_session does it for workers) or
 * sets up a test: it checks no password, and every permission check still
 * looks at the account (kes-accounts.h). */
void         kes_store_set_actor            (KesStore    *self,
                                             KesStaff    *staff);
KesStaff    *kes_store_get_actor            (KesStore    *self);

/* ---- Visits: a record open in the app ---- */
/* Opens @patient_id's record for the signed-in person: one "open" entry in
 * the access log; until the visit ends, reads of that patient's records
 * through this store are part of it and log nothing more. Ends any other
 * visit first. Needs view-identity for the patient. */
gboolean     kes_store_begin_visit          (KesStore    *self,
                                             const char  *patient_id,
                                             GError     **error);
/* Notes that the tab @tab ("medication") was looked at in the visit. */
void         kes_store_visit_tab            (KesStore    *self,
                                             const char  *tab);
/* Ends the visit (if any) with a "close" entry listing the tabs looked at.
 * A change of actor ends it too. */
gboolean     kes_store_end_visit            (KesStore    *self,
                                             GError     **error);
/* The patient whose record is open, or NULL. */
const char  *kes_store_get_visit_patient    (KesStore    *self);

/* ---- Any revisioned record (patient, contact, note …) ---- */
gboolean     kes_store_mark_entered_in_error (KesStore    *self,
                                              const char  *record_id,
                                              gint64       base_revision,
                                              const char  *reason,
                                              GError     **error);
/* Oldest first. Needs the permission that reads the record's kind, for
 * its patient; not logged (exports and imports use it, logged as such). A
 * record not held has none. */
GPtrArray   *kes_store_list_revisions       (KesStore    *self,
                                             const char  *record_id,
                                             GError     **error);
/* The same for someone looking at a record's history, which is logged. */
GPtrArray   *kes_store_list_history         (KesStore    *self,
                                             const char  *record_id,
                                             GError     **error);

/* ---- Integrity ---- */
/* integrity_check + foreign_key_check; a list of problems, empty when sound. */
GPtrArray   *kes_store_verify               (KesStore    *self,
                                             GError     **error);

/* ---- Import: records that come with their own ids and history ---- */
/* Adds @team with its id, unless that id is already held. A team of the
 * same name under another id is KES_ERROR_CONFLICT. */
gboolean     kes_store_import_team          (KesStore    *self,
                                             KesTeam     *team,
                                             GError     **error);
/* Adds @staff with its id, unless that id is already held. Its username
 * held under another id is KES_ERROR_CONFLICT. */
gboolean     kes_store_import_staff         (KesStore    *self,
                                             KesStaff    *staff,
                                             GError     **error);
/* Appends @revisions (KesRevision, oldest first) to a record exactly as
 * given: number, change, reason, author id, time and data; no actor is
 * needed. @kind is "patient", "contact", "note" or one of
 * kes_store_record_kinds(); @patient_id is NULL for a patient. A record not yet held must start at revision 1; a held one
 * must continue from its current revision, with the same kind and patient
 * (KES_ERROR_CONFLICT otherwise). Every author must be held. The record's
 * row and its projection (patient, contact or note, note search) follow
 * the last revision. */
gboolean     kes_store_import_revisions     (KesStore    *self,
                                             const char  *kind,
                                             const char  *record_id,
                                             const char  *patient_id,
                                             GPtrArray   *revisions,
                                             GError     **error);

/* The kinds of record a case record carries besides the register, contacts
 * and notes, NULL-terminated, in the order they are exported and imported
 * (a record may refer to one of an earlier kind). */
const char * const *kes_store_record_kinds  (void);
gboolean     kes_store_is_record_kind       (const char  *kind);

/* One record that belongs with a patient's case record. */
typedef struct
{
  char *kind;
  char *id;
  char *patient_id; /* NULL for a carer, a carer-level record or a screening */
  char *created_at;
} KesRecordRef;

void         kes_record_ref_free            (KesRecordRef *ref);
/* Every record of kes_store_record_kinds() that goes with @patient_id's
 * case record, entered-in-error ones included: the patient's own, the
 * carers linked to the patient (shared between patients) with their
 * assessments and involvement that belong to no other patient, and the
 * liaison and diversion screenings that became this patient's record. By
 * kind in kes_store_record_kinds() order, then oldest first, then id. A
 * record of a kind the case-record format does not carry is an error, so
 * nothing held is left out silently. */
GPtrArray   *kes_store_list_patient_records (KesStore    *self,
                                             const char  *patient_id,
                                             GError     **error);

/* ---- Bulk work (demo data, import): one transaction ---- */
gboolean     kes_store_begin                (KesStore    *self,
                                             GError     **error);
gboolean     kes_store_commit               (KesStore    *self,
                                             GError     **error);
void         kes_store_rollback             (KesStore    *self);

G_END_DECLS
