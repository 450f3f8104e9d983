/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-staff"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-store-staff.h"
#include "kes-uuid.h"

/* An author recorded elsewhere shows the user name they had at the source
 * (their own here, "~id", is only a key). */
#define STAFF_COLUMNS \
  "id, coalesce (source_username, username), display_name, role_title, team_id, contact"

static KesStaff *
staff_from_row (KesDbStmt *stmt)
{
  return kes_staff_new (kes_store_column_text (stmt, 0),
                        kes_store_column_text (stmt, 1),
                        kes_store_column_text (stmt, 2),
                        kes_store_column_text (stmt, 3),
                        (const char *) kes_db_column_text (stmt, 4),
                        kes_store_column_text (stmt, 5));
}

KesStaff *
kes_store_add_staff (KesStore    *self,
                     const char  *username,
                     const char  *display_name,
                     const char  *role_title,
                     const char  *team_id,
                     const char  *contact,
                     GError     **error)
{
  g_autoptr(KesStaff) staff = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  /* The row and its first revision together. */
  if (!kes_store_savepoint (self, error))
    return NULL;
  staff = kes_store_insert_staff (self, username, display_name, role_title, team_id, contact, error);
  if (staff == NULL || !kes_store_staff_snapshot (self, kes_staff_get_id (staff), error))
    {
      kes_store_rollback_to (self);
      return NULL;
    }
  if (!kes_store_release (self, error))
    return NULL;
  return g_steal_pointer (&staff);
}

KesStaff *
kes_store_insert_staff (KesStore    *self,
                        const char  *username,
                        const char  *display_name,
                        const char  *role_title,
                        const char  *team_id,
                        const char  *contact,
                        GError     **error)
{
  g_autofree char *id = kes_uuid_new ();
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *name = NULL;
  g_autofree char *login = NULL;
  g_autoptr(KesTeam) team = NULL;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  login = g_strstrip (g_strdup (username != NULL ? username : ""));
  name = g_strstrip (g_strdup (display_name != NULL ? display_name : ""));
  if (*login == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("A user name is required"));
      return NULL;
    }
  if (*name == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("A full name is required"));
      return NULL;
    }
  if (team_id != NULL && *team_id != '\0' && (team = kes_store_lookup_team (self, team_id)) == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Team “%s” does not exist"), team_id);
      return NULL;
    }

  stmt = kes_store_prepare (self,
    "INSERT INTO staff (id, username, display_name, role_title, team_id, contact, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, login, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, name, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, role_title != NULL ? role_title : "", -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 5, team != NULL ? kes_team_get_id (team) : NULL);
  kes_db_bind_text (stmt, 6, contact != NULL ? contact : "", -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 7, now, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      if (kes_db_fault (self->db) == KES_DB_FAULT_UNIQUE)
        g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                     _("The user name “%s” is already taken"), login);
      else
        kes_store_set_db_error (self, error, _("Could not add the member of staff"));
      kes_db_reset (stmt);
      return NULL;
    }
  kes_db_reset (stmt);
  return kes_store_lookup_staff (self, id);
}

gboolean
kes_store_staff_recorded_elsewhere (KesStore   *self,
                                    const char *staff_id)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT 1 FROM staff WHERE id = ?1 AND recorded_elsewhere IS NOT NULL", NULL);
  gboolean elsewhere;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  elsewhere = kes_db_step (stmt) == KES_DB_ROW;
  kes_db_reset (stmt);

  return elsewhere;
}

KesStaff *
kes_store_lookup_staff (KesStore   *self,
                        const char *id_or_username)
{
  KesDbStmt *stmt;
  KesStaff *staff = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (id_or_username == NULL)
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT " STAFF_COLUMNS " FROM staff WHERE id = ?1 OR username = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id_or_username, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    staff = staff_from_row (stmt);
  kes_db_reset (stmt);
  return staff;
}

KesStaff *
kes_store_find_staff (KesStore    *self,
                      const char  *id_or_username,
                      GError     **error)
{
  KesStaff *staff;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_username != NULL, NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;
  staff = kes_store_lookup_staff (self, id_or_username);
  if (staff == NULL)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                 _("No member of staff is called “%s”"), id_or_username);
  return staff;
}

GListModel *
kes_store_list_staff (KesStore  *self,
                      GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_STAFF);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT " STAFF_COLUMNS " FROM staff WHERE disabled = 0 AND recorded_elsewhere IS NULL "
    "ORDER BY display_name COLLATE NOCASE",
    error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesStaff) staff = staff_from_row (stmt);
      g_list_store_append (list, staff);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the staff directory"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* A new file already holds what its migrations wrote: the catchment areas
 * (migration 0022) and the staff entry of the database update that wrote
 * them (kes_store_run_as_update, "kestrel-update-NNNN"), with its own
 * history. None of it is anyone's work; the rest is. */
#define UPDATE_AUTHOR_NOT(column) "substr (" column ", 1, 15) != 'kestrel-update-'"
#define UPDATE_AUTHOR_EXCLUDED UPDATE_AUTHOR_NOT ("id")

gboolean
kes_store_is_empty (KesStore *self)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    KES_SQL_FULL_SCAN "SELECT NOT EXISTS (SELECT 1 FROM staff WHERE " UPDATE_AUTHOR_EXCLUDED ") "
    "AND NOT EXISTS (SELECT 1 FROM record WHERE " UPDATE_AUTHOR_NOT ("created_by") ")",
    NULL);
  gboolean empty = FALSE;

  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    empty = kes_db_column_int (stmt, 0) != 0;
  if (stmt != NULL)
    kes_db_reset (stmt);
  return empty;
}

guint
kes_store_count_staff (KesStore *self)
{
  KesDbStmt *stmt;
  guint count = 0;

  g_return_val_if_fail (KES_IS_STORE (self), 0);

  stmt = kes_store_prepare (self, "SELECT count(*) FROM staff WHERE " UPDATE_AUTHOR_EXCLUDED, NULL);
  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    count = (guint) kes_db_column_int (stmt, 0);
  if (stmt != NULL)
    kes_db_reset (stmt);
  return count;
}

/* ---- Teams ---- */

GListModel *
kes_store_list_teams (KesStore  *self,
                      GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_TEAM);
  KesDbStmt *stmt;
  int rc;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  /* The first run lists the teams for the first administrator to choose
   * from, before anyone can sign in. */
  if (!(kes_store_get_actor (self) == NULL && kes_store_needs_first_administrator (self)) &&
      !kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, error))
    return NULL;
  stmt = kes_store_prepare (self, "SELECT id, name, revision FROM team ORDER BY name COLLATE NOCASE",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kes_db_step (stmt)) == KES_DB_ROW)
    {
      g_autoptr(KesTeam) team = kes_team_new (kes_store_column_text (stmt, 0),
                                              kes_store_column_text (stmt, 1));
      kes_team_set_revision (team, kes_db_column_int64 (stmt, 2));
      g_list_store_append (list, team);
    }
  kes_db_reset (stmt);
  if (rc != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not read the teams"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

KesTeam *
kes_store_find_team (KesStore   *self,
                     const char *id_or_name)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_VIEW_DIRECTORY, NULL, NULL))
    return NULL;
  return kes_store_lookup_team (self, id_or_name);
}

KesTeam *
kes_store_lookup_team (KesStore   *self,
                       const char *id_or_name)
{
  KesDbStmt *stmt;
  KesTeam *team = NULL;

  if (id_or_name == NULL)
    return NULL;
  stmt = kes_store_prepare (self,
    "SELECT id, name, revision FROM team WHERE id = ?1 OR name = ?1 COLLATE NOCASE", NULL);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id_or_name, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      team = kes_team_new (kes_store_column_text (stmt, 0), kes_store_column_text (stmt, 1));
      kes_team_set_revision (team, kes_db_column_int64 (stmt, 2));
    }
  kes_db_reset (stmt);
  return team;
}

static gboolean
check_team_name (const char  *name,
                 GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("A team needs a name"));
      return FALSE;
    }
  return TRUE;
}

static void
set_team_write_error (KesStore    *self,
                      const char  *name,
                      GError     **error)
{
  if (kes_db_fault (self->db) == KES_DB_FAULT_UNIQUE)
    g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("There is already a team called “%s”"), name);
  else
    kes_store_set_db_error (self, error, _("Could not save the team"));
}

KesTeam *
kes_store_add_team (KesStore    *self,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *id = kes_uuid_new ();
  g_autofree char *now = kes_clock_now_iso ();
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_DIRECTORY, NULL, error) ||
      !check_team_name (trimmed, error))
    return NULL;
  stmt = kes_store_prepare (self, "INSERT INTO team (id, name, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, trimmed, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      set_team_write_error (self, trimmed, error);
      kes_db_reset (stmt);
      return NULL;
    }
  kes_db_reset (stmt);
  return kes_team_new (id, trimmed);
}

/* The team moved on from the revision a rename started from: who renamed
 * it last and when (teams shipped or added before revisions say neither). */
static gboolean
team_conflict (KesStore    *self,
               const char  *team_id,
               GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT t.updated_at, s.display_name FROM team t LEFT JOIN staff s ON s.id = t.updated_by "
    "WHERE t.id = ?", error);
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, team_id, -1, KES_DB_COPY);
  found = kes_db_step (stmt) == KES_DB_ROW;
  if (found && kes_db_column_type (stmt, 0) != KES_DB_NULL)
    {
      when = kes_time_to_display (kes_store_column_text (stmt, 0));
      who = g_strdup (kes_store_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  if (!found)
    g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("That team no longer exists"));
  else
    g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                 _("%s renamed this team on %s, after you opened it. Your change has not been "
                   "saved: look at the team’s name now, then rename it again if you still need to."),
                 who != NULL && *who != '\0' ? who : _("Someone else"), when != NULL ? when : "?");
  return FALSE;
}

gboolean
kes_store_rename_team (KesStore    *self,
                       const char  *team_id,
                       gint64       base_revision,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_DIRECTORY, NULL, error) ||
      !check_team_name (trimmed, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "UPDATE team SET name = ?1, revision = revision + 1, updated_at = ?3, updated_by = ?4 "
    "WHERE id = ?2 AND revision = ?5", error);
  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, trimmed, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, team_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 4, kes_store_get_actor (self) != NULL
                                  ? kes_staff_get_id (kes_store_get_actor (self)) : NULL);
  kes_db_bind_int64 (stmt, 5, base_revision);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      set_team_write_error (self, trimmed, error);
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  /* The update is the check: its row count, not a read before it. */
  if (kes_db_changes (self->db) == 0)
    return team_conflict (self, team_id, error);
  return TRUE;
}
