/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-uuid.h"
#include "kes-validate.h"

/* Revisions: writing one (with its hash and its access-log entry, and the
 * change it announces once committed), a record's state, entered in error,
 * and reading a record's revisions and history. The generic save of every
 * record kind (records/kes-store-records.c) writes through here. */

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
    "i.display_name, coalesce (p.imported_at, q.imported_at), coalesce (p.source, q.source) "
    "FROM revision v JOIN staff s ON s.id = v.author_id "
    KES_PROVENANCE_JOINS
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
