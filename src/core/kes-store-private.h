/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "kes-permissions.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shared by the kes-store*.c files only: the rest of Kestrel never sees SQL. */

struct _KesStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  KesStaff   *actor;
  GHashTable *statements; /* SQL text -> sqlite3_stmt*, prepared once */
  guint       savepoint_depth;
  gboolean    owns_transaction; /* the outermost savepoint began the transaction */
  GHashTable *break_glass; /* patient ids opened by break-glass (kes-store-access.c) */
};

/* A cached, reset statement for @sql, or NULL with @error set. */
sqlite3_stmt *kes_store_prepare        (KesStore     *self,
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
void          kes_store_bind_text      (sqlite3_stmt *stmt,
                                        int           index,
                                        const char   *text);
/* Column text, never NULL. */
const char   *kes_store_column_text    (sqlite3_stmt *stmt,
                                        int           column);

/* Nestable transactions (savepoints): every write goes through these so a
 * failure part-way leaves nothing behind. */
gboolean      kes_store_savepoint      (KesStore     *self,
                                        GError      **error);
gboolean      kes_store_release        (KesStore     *self,
                                        GError      **error);
void          kes_store_rollback_to    (KesStore     *self);

/* The patient exists and is not entered in error. A missing id fails with
 * @missing_message (or a general one when NULL). */
gboolean      kes_store_check_patient_active (KesStore     *self,
                                              const char   *patient_id,
                                              const char   *missing_message,
                                              GError      **error);

/* Brings the schema up to date; refuses a newer one. */
gboolean      kes_store_migrate        (KesStore     *self,
                                        GError      **error);

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

/* ---- Audit (kes-store-audit.c); callers hold a savepoint ---- */
gboolean      kes_store_audit_append   (KesStore      *self,
                                        const char    *action,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        const char    *summary,
                                        GError       **error);
/* The entry for a revision just written, with the SHA-256 of its data. */
gboolean      kes_store_audit_revision (KesStore      *self,
                                        const char    *kind,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        gint64         revision,
                                        KesChangeKind  change,
                                        const char    *data_json,
                                        GError       **error);
/* Logged as @actor_id rather than the store's actor (sign-in); own savepoint. */
gboolean      kes_store_audit_as       (KesStore      *self,
                                        const char    *actor_id,
                                        const char    *action,
                                        const char    *summary,
                                        GError       **error);
/* Run by migration 3: one "baseline" entry per revision already stored. */
gboolean      kes_store_audit_baseline (KesStore      *self,
                                        GError       **error);
/* A "view" entry in its own savepoint. */
gboolean      kes_store_audit_view     (KesStore      *self,
                                        const char    *record_id,
                                        const char    *patient_id,
                                        const char    *summary,
                                        GError       **error);

/* ---- Backups (kes-store-backup.c) ---- */
/* The whole database, copied with the online backup API, as bytes. */
GBytes       *kes_store_backup_image   (KesStore      *self,
                                        GError       **error);
/* Opens a database image in memory, without migrating it. */
KesStore     *kes_store_open_image     (GBytes        *image,
                                        const char    *label,
                                        GError       **error);
/* How many records and access-log entries the database holds. */
gboolean      kes_store_count_contents (KesStore      *self,
                                        guint         *records,
                                        guint         *audit_entries,
                                        GError       **error);

/* ---- Access (kes-store-access.c) ---- */
/* kes_store_check_permission() for core's own entry points. */
gboolean      kes_store_require        (KesStore      *self,
                                        KesPermission  permission,
                                        const char    *patient_id,
                                        GError       **error);

G_END_DECLS
