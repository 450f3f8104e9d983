/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* The access log: every view and change of a patient's record, sign-ins,
 * exports, backups. Append-only and chained by SHA-256 (see
 * data/migrations/0003-audit-and-accounts.sql). Summaries say what happened,
 * never clinical content. */

/* Actions. Stored as these strings. */
#define KES_AUDIT_VIEW             "view"
/* A person opened a patient's record in the app, and closed it again: one
 * visit (kes_store_begin_visit); the closing entry's summary lists the tabs
 * looked at, "tabs: overview,medication". */
#define KES_AUDIT_OPEN             "open"
#define KES_AUDIT_CLOSE            "close"
#define KES_AUDIT_CREATE           "create"
#define KES_AUDIT_CHANGE           "change"
#define KES_AUDIT_CORRECTION       "correction"
#define KES_AUDIT_ENTERED_IN_ERROR "entered-in-error"
#define KES_AUDIT_SEARCH           "search"
#define KES_AUDIT_EXPORT           "export"
#define KES_AUDIT_PRINT            "print"
#define KES_AUDIT_IMPORT           "import"
#define KES_AUDIT_SIGN_IN          "sign-in"
#define KES_AUDIT_SIGN_IN_FAILED   "sign-in-failed"
#define KES_AUDIT_BREAK_GLASS      "break-glass"
#define KES_AUDIT_BACKUP           "backup"
#define KES_AUDIT_RESTORE          "restore"
#define KES_AUDIT_ACCOUNT          "account"
#define KES_AUDIT_SIGN_OUT         "sign-out"
/* A list of patients was read: the filter and the count, never who. */
#define KES_AUDIT_LIST             "list"
/* A clinical safeguard set aside by a clinician with a reason (e.g. a
 * clozapine re-challenge against a not-to-be-re-challenged record). */
#define KES_AUDIT_OVERRIDE         "override"
/* History written before the audit log existed, recorded when the
 * database was brought up to schema 3. */
#define KES_AUDIT_BASELINE         "baseline"
/* The first entry hashed with the installation key: it follows on from the
 * unkeyed chain and seals the history written before it (migration 15).
 * Its record id is the database's id. */
#define KES_AUDIT_SEAL             "seal"
/* An administrator put back the append-only rules that protect history. */
#define KES_AUDIT_GUARDS_RESTORED  "guards-restored"

#define KES_TYPE_AUDIT_ENTRY (kes_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (KesAuditEntry, kes_audit_entry, KES, AUDIT_ENTRY, GObject)

KesAuditEntry *kes_audit_entry_new            (gint64      seq,
                                               const char *at,
                                               const char *actor_id,
                                               const char *actor_name,
                                               const char *action,
                                               const char *record_id,
                                               const char *patient_id,
                                               gint64      revision,
                                               const char *summary);
gint64         kes_audit_entry_get_seq        (KesAuditEntry *self);
/* ISO 8601 UTC. */
const char    *kes_audit_entry_get_at         (KesAuditEntry *self);
/* NULL when no one was signed in (e.g. a failed sign-in for an unknown name). */
const char    *kes_audit_entry_get_actor_id   (KesAuditEntry *self);
const char    *kes_audit_entry_get_actor_name (KesAuditEntry *self);
const char    *kes_audit_entry_get_action     (KesAuditEntry *self);
const char    *kes_audit_entry_get_record_id  (KesAuditEntry *self);
const char    *kes_audit_entry_get_patient_id (KesAuditEntry *self);
/* The revision written, 0 when the entry is not about a write. */
gint64         kes_audit_entry_get_revision   (KesAuditEntry *self);
const char    *kes_audit_entry_get_summary    (KesAuditEntry *self);
/* "SURNAME, Given" of the entry's patient, filled in by
 * kes_store_query_audit(); NULL otherwise. */
const char    *kes_audit_entry_get_patient_name (KesAuditEntry *self);
void           kes_audit_entry_set_patient_name (KesAuditEntry *self,
                                                 const char    *patient_name);

/* Appends an entry as the store's actor (NULL actor allowed). @summary must
 * not hold clinical content. */
gboolean       kes_store_audit                (KesStore    *store,
                                               const char  *action,
                                               const char  *record_id,
                                               const char  *patient_id,
                                               const char  *summary,
                                               GError     **error);

/* Entries oldest first, for one patient or all (@patient_id NULL), between
 * @from and @to (ISO 8601 dates or times, inclusive, NULL for open-ended).
 * A GListModel of KesAuditEntry. Needs the view-audit permission (see
 * kes-permissions.h); reading the log is itself logged. */
GListModel    *kes_store_list_audit           (KesStore    *store,
                                               const char  *patient_id,
                                               const char  *from,
                                               const char  *to,
                                               GError     **error);

/* Narrows kes_store_query_audit(); NULL or "" fields don't filter. */
typedef struct
{
  const char *patient_id;
  const char *actor_id;
  const char *action;
  const char *from; /* ISO 8601 date or time, inclusive */
  const char *to;   /* inclusive; a bare date means the whole of that day */
} KesAuditFilter;

/* One page of the access log, newest first: at most @limit entries with a
 * sequence number below @before_seq (0: start from the newest), matching
 * @filter (NULL: everything). Entries about a patient carry the patient's
 * name. Needs view-audit; reading a page is itself logged. An array of
 * KesAuditEntry. */
GPtrArray     *kes_store_query_audit          (KesStore             *store,
                                               const KesAuditFilter *filter,
                                               gint64                before_seq,
                                               guint                 limit,
                                               GError              **error);
/* @entries (KesAuditEntry) as CSV: RFC 4180 quoting, a header row, CRLF line
 * ends, UTF-8. A cell a spreadsheet would run as a formula (starting with
 * = + - @) gets a leading apostrophe. */
char          *kes_audit_entries_to_csv       (GPtrArray            *entries);

/* Walks the whole chain and every revision's content against the hash its
 * audit entry recorded. Returns the problems found, empty when sound: at
 * most the first broken link of the chain ("Audit log entry 12: …") and the
 * first revision that does not match its entry. kes_store_verify() includes
 * these. */
GPtrArray     *kes_store_verify_audit         (KesStore    *store,
                                               GError     **error);

G_END_DECLS
