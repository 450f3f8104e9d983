/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-whole-db.h"
#include "kes-store-import-private.h"

gboolean
kes_store_step_done (KesStore    *self,
                     KesDbStmt   *stmt,
                     const char  *what,
                     GError     **error)
{
  int rc = kes_db_step (stmt);

  kes_db_reset (stmt);
  if (rc == KES_DB_DONE)
    return TRUE;

  if (kes_db_fault (self->db) == KES_DB_FAULT_UNIQUE)
    g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT, "%s", what);
  else
    kes_store_set_db_error (self, error, what);

  return FALSE;
}

static gboolean
row_exists (KesStore    *self,
            const char  *sql,
            const char  *id,
            gboolean    *exists,
            GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  kes_db_reset (stmt);
  if (rc != KES_DB_ROW && rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the database"));
      return FALSE;
    }
  *exists = rc == KES_DB_ROW;

  return TRUE;
}

/* Importing writes registers and clinical records, with the teams and
 * authors they name. With @patient_id (a record of a patient already
 * held), the same team scope and emergency access as editing that record
 * in the app. */
static gboolean
require_import_for (KesStore    *self,
                    const char  *patient_id,
                    GError     **error)
{
  return kes_store_require (self, KES_PERMISSION_EDIT_IDENTITY, patient_id, error) &&
         kes_store_require (self, KES_PERMISSION_EDIT_CLINICAL, patient_id, error);
}

static gboolean
require_import (KesStore  *self,
                GError   **error)
{
  return require_import_for (self, NULL, error);
}

static char *
team_phrase (KesTeam *team)
{
  /* Translators: a team's name */
  return team != NULL ? g_strdup_printf (_("the %s team"), kes_team_get_name (team))
                      : g_strdup (_("no team"));
}

/* A merge adds to a patient's record; it never moves the patient to
 * another team. That is a transfer, made in the app with its own entry in
 * the access log. */
static gboolean
check_no_team_move (KesStore     *self,
                    const char   *patient_id,
                    KesRevision  *last,
                    GError      **error)
{
  g_autoptr(KesPatient) incoming = kes_patient_new ();
  g_autoptr(KesTeam) held_team = NULL;
  g_autoptr(KesTeam) file_team = NULL;
  g_autofree char *held = NULL;
  g_autofree char *file_phrase = NULL;
  g_autofree char *held_phrase = NULL;
  KesDbStmt *stmt;

  if (!kes_patient_load_json (incoming, kes_revision_get_data (last), error))
    return FALSE;
  stmt = kes_store_prepare (self, "SELECT team_id FROM patient WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    held = g_strdup ((const char *) kes_db_column_text (stmt, 0));
  kes_db_reset (stmt);

  if (g_strcmp0 (held != NULL ? held : "",
                 kes_patient_get_text (incoming, KES_PATIENT_TEAM_ID)) == 0)
    return TRUE;

  held_team = held != NULL ? kes_store_lookup_team (self, held) : NULL;
  file_team = kes_store_lookup_team (self, kes_patient_get_text (incoming, KES_PATIENT_TEAM_ID));
  file_phrase = team_phrase (file_team);
  held_phrase = team_phrase (held_team);
  g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
               /* Translators: "the North team" or "no team", twice */
               _("The file has this patient under %s and this database under %s: a merge never "
                 "moves a patient between teams. Transfer the patient in the app first, then "
                 "merge."), file_phrase, held_phrase);
  return FALSE;
}

gboolean
kes_store_import_team (KesStore  *self,
                       KesTeam   *team,
                       GError   **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *what = NULL;
  KesDbStmt *stmt;
  gboolean exists = FALSE;

  if (!require_import (self, error) ||
      !row_exists (self, "SELECT 1 FROM team WHERE id = ?", kes_team_get_id (team), &exists, error))
    return FALSE;
  if (exists)
    return TRUE;

  stmt = kes_store_prepare (self, "INSERT INTO team (id, name, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_team_get_id (team), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, kes_team_get_name (team), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  what = g_strdup_printf (_("A different team called “%s” is already held"), kes_team_get_name (team));

  return kes_store_step_done (self, stmt, what, error);
}

void
kes_store_set_import_source (KesStore   *self,
                             const char *source)
{
  g_return_if_fail (KES_IS_STORE (self));

  g_free (self->import_source);
  self->import_source = g_strdup (source);
}

static const char *
import_source (KesStore *self)
{
  return self->import_source != NULL ? self->import_source : "";
}

/* A staff id the file shares with a person of this database must be that
 * person: the same user name. (A file copying a real colleague's id and
 * name exactly is shown for what it is by the provenance of every revision
 * it brings: "imported by … from …".) */
static gboolean
check_same_person (KesStore     *self,
                   KesStaff     *staff,
                   KesDbStmt *held,
                   GError      **error)
{
  const char *elsewhere = (const char *) kes_db_column_text (held, 2);
  const char *username = kes_store_column_text (held, elsewhere != NULL ? 1 : 0);
  g_autofree char *ours = g_utf8_casefold (username, -1);
  g_autofree char *theirs = g_utf8_casefold (kes_staff_get_username (staff), -1);

  if (g_str_equal (ours, theirs))
    return TRUE;

  g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
               /* Translators: a staff id, the user name a file gives it, then the name here */
               _("The file names staff member %s “%s”, but here that id is %s (“%s”): check "
                 "where the file came from."),
               kes_staff_get_id (staff), kes_staff_get_username (staff),
               kes_store_column_text (held, 3), username);
  return FALSE;
}

/* A database update that wrote records where the file comes from
 * ("kestrel-update-0016") is this database's update of the same number: its
 * entry is written as the update itself writes it, never as the file
 * describes it, so that no file can give an update a name of its own, nor
 * claim ahead of time the entry a later update of this database will use. */
static gboolean
import_update_author (KesStore  *self,
                      KesStaff  *staff,
                      GError   **error)
{
  const char *number = kes_staff_get_id (staff) + strlen (KES_UPDATE_AUTHOR_PREFIX);
  g_autofree char *username = g_strconcat (KES_UPDATE_USERNAME_PREFIX, number, NULL);
  gboolean digits = strlen (number) == 4;

  for (guint i = 0; digits && i < 4; i++)
    digits = g_ascii_isdigit (number[i]);
  if (!digits || g_strcmp0 (kes_staff_get_username (staff), username) != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   /* Translators: a staff id ("kestrel-update-0016") and the user name a file gives it */
                   _("The file names %s “%s”, which is not how Kestrel names its database updates: "
                     "check where the file came from."),
                   kes_staff_get_id (staff), kes_staff_get_username (staff));
      return FALSE;
    }
  if (!kes_store_savepoint (self, error))
    return FALSE;
  if (!kes_store_add_update_author (self, number, error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }
  return kes_store_release (self, error);
}

gboolean
kes_store_import_staff (KesStore  *self,
                        KesStaff  *staff,
                        GError   **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *username = NULL;
  KesDbStmt *stmt;
  gboolean found, ok;

  if (!require_import (self, error))
    return FALSE;
  if (g_str_has_prefix (kes_staff_get_id (staff), KES_UPDATE_AUTHOR_PREFIX))
    return import_update_author (self, staff, error);
  stmt = kes_store_prepare (self,
    "SELECT username, source_username, recorded_elsewhere, display_name FROM staff WHERE id = ?",
    error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, kes_staff_get_id (staff), -1, KES_DB_COPY);
  found = kes_db_step (stmt) == KES_DB_ROW;
  ok = !found || check_same_person (self, staff, stmt, error);
  kes_db_reset (stmt);
  if (found)
    return ok;

  /* An author recorded elsewhere: in the directory so that revisions can
   * name them, never an account (no password, no roles, and a user name
   * of its own, "~" and the id, that no one named in a file can choose).
   * They join the directory with their history (a staff revision covering
   * recorded_elsewhere and source_username), in the same savepoint. */
  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "INSERT INTO staff (id, username, display_name, role_title, team_id, contact, created_at, "
    "recorded_elsewhere, source_username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  username = g_strconcat ("~", kes_staff_get_id (staff), NULL);
  kes_db_bind_text (stmt, 1, kes_staff_get_id (staff), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, username, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, kes_staff_get_display_name (staff), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_staff_get_role_title (staff), -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 5, kes_staff_get_team_id (staff));
  kes_db_bind_text (stmt, 6, kes_staff_get_contact (staff), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 7, now, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 8, import_source (self), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 9, kes_staff_get_username (staff), -1, KES_DB_COPY);
  if (!kes_store_step_done (self, stmt, _("Could not add the author recorded elsewhere"), error) ||
      !kes_store_staff_snapshot (self, kes_staff_get_id (staff), error) ||
      !kes_store_audit_append (self, KES_AUDIT_IMPORT, kes_staff_get_id (staff), NULL,
                               "author recorded elsewhere added (case record import)", error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

/* The record's revision moved on between reading and advancing it. */
static gboolean
changed_meanwhile (KesStore    *self,
                   const char  *record_id,
                   GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT s.display_name, r.updated_at FROM record r JOIN staff s ON s.id = r.updated_by "
    "WHERE r.id = ?", error);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      who = g_strdup (kes_store_column_text (stmt, 0));
      when = kes_time_to_display (kes_store_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
               _("%s changed record %s on %s while it was being imported: "
                 "try the import again."),
               who != NULL ? who : _("Someone else"), record_id, when != NULL ? when : "?");
  return FALSE;
}

/* What the hashes of an imported @revision cover (strings borrowed). */
static KesRevisionFields
imported_fields (const char  *kind,
                 const char  *record_id,
                 const char  *patient_id,
                 KesRevision *revision,
                 const char  *data_sha256)
{
  return (KesRevisionFields) {
    .record_id = record_id,
    .kind = kind,
    .patient_id = patient_id,
    .number = kes_revision_get_revision (revision),
    .author_id = kes_revision_get_author_id (revision),
    .at = kes_revision_get_at (revision),
    .change = kes_revision_get_change (revision),
    .reason = kes_revision_get_reason (revision),
    .data_sha256 = data_sha256,
  };
}

static gboolean
audit_imported_revision (KesStore     *self,
                         const char   *kind,
                         const char   *record_id,
                         const char   *patient_id,
                         KesRevision  *revision,
                         GError      **error)
{
  g_autofree char *data_sha256 = kes_revision_data_hash (kes_revision_get_data (revision));
  KesRevisionFields fields = imported_fields (kind, record_id, patient_id, revision, data_sha256);

  return kes_store_audit_revision (self, &fields, NULL, error);
}

/* A revision brought by the open import of a patient: it names the import,
 * whose one entry covers it (kes-store-import-patient.c). */
static gboolean
write_revision_of_import (KesStore     *self,
                          const char   *kind,
                          const char   *record_id,
                          const char   *patient_id,
                          KesRevision  *revision,
                          gint64        import_id,
                          GError      **error)
{
  g_autofree char *data_sha256 = kes_revision_data_hash (kes_revision_get_data (revision));
  KesRevisionFields fields = imported_fields (kind, record_id, patient_id, revision, data_sha256);
  KesDbStmt *stmt = kes_store_prepare (self,
    "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data, import_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_STATIC);
  kes_db_bind_int64 (stmt, 2, fields.number);
  kes_db_bind_text (stmt, 3, kes_change_kind_to_string (fields.change), -1, KES_DB_STATIC);
  kes_store_bind_text (stmt, 4, fields.reason);
  kes_db_bind_text (stmt, 5, fields.author_id, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 6, fields.at, -1, KES_DB_STATIC);
  kes_db_bind_text (stmt, 7, kes_revision_get_data (revision), -1, KES_DB_STATIC);
  kes_db_bind_int64 (stmt, 8, import_id);
  if (!kes_store_step_done (self, stmt, _("Could not save the record’s history"), error))
    return FALSE;
  kes_store_import_patient_note (self, &fields);
  return TRUE;
}

static gboolean
import_revisions (KesStore    *self,
                  const char  *kind,
                  const char  *record_id,
                  const char  *patient_id,
                  GPtrArray   *revisions,
                  GError     **error)
{
  KesRevision *first = g_ptr_array_index (revisions, 0);
  KesRevision *last = g_ptr_array_index (revisions, revisions->len - 1);
  gboolean withdrawn = kes_revision_get_change (last) == KES_CHANGE_ENTERED_IN_ERROR;
  g_autofree char *imported_at = kes_clock_now_iso ();
  gint64 import_id = kes_store_import_patient_id (self);
  KesDbStmt *stmt;
  gint64 current = 0;
  int rc;

  stmt = kes_store_prepare (self, "SELECT kind, patient_id, revision FROM record WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  rc = kes_db_step (stmt);
  if (rc == KES_DB_ROW)
    {
      gboolean same = g_strcmp0 (kes_store_column_text (stmt, 0), kind) == 0 &&
                      g_strcmp0 ((const char *) kes_db_column_text (stmt, 1), patient_id) == 0;

      current = kes_db_column_int64 (stmt, 2);
      kes_db_reset (stmt);
      if (!same)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                       _("Record %s is already held as a different kind of record or for "
                         "another patient"), record_id);
          return FALSE;
        }
    }
  else
    kes_db_reset (stmt);

  /* Adding to a record held here is editing it: the importer's team scope
   * and emergency access apply, and the patient stays in their team. */
  if (current > 0
      && (!require_import_for (self, patient_id != NULL ? patient_id : record_id, error)
          || (g_str_equal (kind, "patient")
              && !check_no_team_move (self, record_id, last, error))))
    return FALSE;

  if (kes_revision_get_revision (first) != current + 1)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                   _("Record %s is held up to revision %" G_GINT64_FORMAT "; the import continues "
                     "from revision %" G_GINT64_FORMAT), record_id, current,
                   kes_revision_get_revision (first));
      return FALSE;
    }

  if (current == 0)
    {
      stmt = kes_store_prepare (self,
        "INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, "
        "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
      if (stmt == NULL)
        return FALSE;
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 2, kind, -1, KES_DB_COPY);
      kes_store_bind_text (stmt, 3, patient_id);
      kes_db_bind_int64 (stmt, 4, kes_revision_get_revision (last));
      kes_db_bind_text (stmt, 5, withdrawn ? "entered-in-error" : "active", -1, KES_DB_STATIC);
      kes_db_bind_text (stmt, 6, kes_revision_get_at (first), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 7, kes_revision_get_author_id (first), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 8, kes_revision_get_at (last), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 9, kes_revision_get_author_id (last), -1, KES_DB_COPY);
    }
  else
    {
      stmt = kes_store_prepare (self,
        "UPDATE record SET revision = ?2, state = ?3, updated_at = ?4, updated_by = ?5 "
        "WHERE id = ?1 AND revision = ?6", error);
      if (stmt == NULL)
        return FALSE;
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      kes_db_bind_int64 (stmt, 2, kes_revision_get_revision (last));
      kes_db_bind_text (stmt, 3, withdrawn ? "entered-in-error" : "active", -1, KES_DB_STATIC);
      kes_db_bind_text (stmt, 4, kes_revision_get_at (last), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 5, kes_revision_get_author_id (last), -1, KES_DB_COPY);
      kes_db_bind_int64 (stmt, 6, current);
    }
  if (!kes_store_step_done (self, stmt, _("Could not save the record"), error))
    return FALSE;
  /* The revision read above must still be the one advanced: if not, a
   * save elsewhere got there first and the import's history no longer
   * follows on (see kes_store_write_revision()). */
  if (current > 0 && kes_db_changes (self->db) != 1)
    return changed_meanwhile (self, record_id, error);

  for (guint i = 0; i < revisions->len; i++)
    {
      KesRevision *revision = g_ptr_array_index (revisions, i);

      if (import_id > 0)
        {
          if (!write_revision_of_import (self, kind, record_id, patient_id, revision, import_id, error))
            return FALSE;
          kes_store_changes_note (self, kind, record_id, patient_id);
          continue;
        }
      stmt = kes_store_prepare (self,
        "INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      kes_db_bind_int64 (stmt, 2, kes_revision_get_revision (revision));
      kes_db_bind_text (stmt, 3, kes_change_kind_to_string (kes_revision_get_change (revision)), -1,
                         KES_DB_STATIC);
      kes_store_bind_text (stmt, 4, kes_revision_get_reason (revision));
      kes_db_bind_text (stmt, 5, kes_revision_get_author_id (revision), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 6, kes_revision_get_at (revision), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 7, kes_revision_get_data (revision), -1, KES_DB_COPY);
      if (!kes_store_step_done (self, stmt, _("Could not save the record’s history"), error))
        return FALSE;

      /* Who brought this revision in, when and from where. */
      stmt = kes_store_prepare (self,
        "INSERT INTO revision_import (record_id, revision, imported_by, imported_at, source) "
        "VALUES (?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
      kes_db_bind_int64 (stmt, 2, kes_revision_get_revision (revision));
      kes_db_bind_text (stmt, 3, kes_staff_get_id (self->actor), -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 4, imported_at, -1, KES_DB_COPY);
      kes_db_bind_text (stmt, 5, import_source (self), -1, KES_DB_COPY);
      if (!kes_store_step_done (self, stmt, _("Could not save where the record came from"), error))
        return FALSE;

      /* Every revision has its entry in the access log, with its hashes,
       * as one written here would; the entry is the import's (who brought
       * it in, and when), the revision keeps its own author and time. */
      if (!audit_imported_revision (self, kind, record_id, patient_id, revision, error))
        return FALSE;
      kes_store_changes_note (self, kind, record_id, patient_id);
    }

  return kes_store_project_revision (self, kind, record_id, patient_id, last, error);
}

gboolean
kes_store_import_revisions (KesStore    *self,
                            const char  *kind,
                            const char  *record_id,
                            const char  *patient_id,
                            GPtrArray   *revisions,
                            GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_savepoint (self, error))
    return FALSE;

  if (!kes_store_import_revisions_in_transaction (self, kind, record_id, patient_id, revisions,
                                                  error))
    {
      kes_store_rollback_to (self);
      return FALSE;
    }

  return kes_store_release (self, error);
}

gboolean
kes_store_import_revisions_in_transaction (KesStore    *self,
                                           const char  *kind,
                                           const char  *record_id,
                                           const char  *patient_id,
                                           GPtrArray   *revisions,
                                           GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);
  g_return_val_if_fail (kind != NULL && record_id != NULL, FALSE);
  g_return_val_if_fail (revisions != NULL && revisions->len > 0, FALSE);

  if (!require_import (self, error))
    return FALSE;
  return import_revisions (self, kind, record_id, patient_id, revisions, error);
}
