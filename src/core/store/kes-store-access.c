/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-access"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-store-whole-db.h"
#include "kes-store-records-private.h"

/* Who may do what: every entry point of core names the permission it
 * needs and calls kes_store_require(). Deny by default: no one signed in,
 * an account without a password, a disabled account, one that must first
 * change its one-time password and one without roles may do nothing. The
 * only work that runs without a person is a named system operation.
 * Sign-in lives in kes-store-sign-in.c, account changes in
 * kes-store-accounts.c. */

/* ---- The account behind the actor ---- */

void
kes_account_row_clear (KesAccountRow *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->username, g_free);
  g_clear_pointer (&row->roles, g_strfreev);
  g_clear_pointer (&row->team_id, g_free);
  if (row->password_hash != NULL)
    sodium_memzero (row->password_hash, strlen (row->password_hash));
  g_clear_pointer (&row->password_hash, g_free);
  g_clear_pointer (&row->locked_until, g_free);
}

gboolean
kes_store_load_account_row (KesStore       *self,
                            const char     *id_or_username,
                            KesAccountRow  *row,
                            GError        **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT id, username, disabled, roles, team_id, password_hash, must_change_password, "
    "failed_attempts, locked_until, revision "
    "FROM staff WHERE id = ?1 OR username = ?1", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, id_or_username, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      row->found = TRUE;
      row->id = g_strdup (kes_store_column_text (stmt, 0));
      row->username = g_strdup (kes_store_column_text (stmt, 1));
      row->disabled = kes_db_column_int (stmt, 2) != 0;
      row->roles = kes_roles_parse (kes_store_column_text (stmt, 3));
      row->team_id = g_strdup ((const char *) kes_db_column_text (stmt, 4));
      row->password_hash = g_strdup ((const char *) kes_db_column_text (stmt, 5));
      row->must_change_password = kes_db_column_int (stmt, 6) != 0;
      row->failed_attempts = kes_db_column_int (stmt, 7);
      row->locked_until = g_strdup ((const char *) kes_db_column_text (stmt, 8));
      row->revision = kes_db_column_int64 (stmt, 9);
    }
  kes_db_reset (stmt);
  return TRUE;
}

gboolean
kes_store_hold_actor (KesStore  *self,
                      GError   **error)
{
  g_autofree KesAccountRow *row = g_new0 (KesAccountRow, 1);

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->savepoint_depth > 0, FALSE);

  if (self->actor == NULL)
    return TRUE;
  if (!kes_store_load_account_row (self, kes_staff_get_id (self->actor), row, error))
    {
      kes_account_row_clear (row);
      return FALSE;
    }
  kes_store_forget_held_actor (self);
  self->held_actor = g_steal_pointer (&row);
  return TRUE;
}

void
kes_store_forget_held_actor (KesStore *self)
{
  if (self->held_actor == NULL)
    return;
  kes_account_row_clear (self->held_actor);
  g_clear_pointer (&self->held_actor, g_free);
}

/* ---- System operations ---- */

/* What each system operation may do without a person signed in. */
static gboolean
system_operation_grants (KesSystemOperation operation,
                         KesPermission      permission)
{
  switch (operation)
    {
    case KES_SYSTEM_AUTOMATIC_BACKUP:
      return permission == KES_PERMISSION_BACKUP;
    case KES_SYSTEM_DEMO:
      /* Filling a new, empty file: its teams, demo accounts and records. */
      return permission == KES_PERMISSION_MANAGE_STAFF ||
             permission == KES_PERMISSION_MANAGE_DIRECTORY ||
             permission == KES_PERMISSION_VIEW_DIRECTORY;
    case KES_SYSTEM_NONE:
    default:
      return FALSE;
    }
}

void
kes_store_set_system_operation (KesStore           *self,
                                KesSystemOperation  operation)
{
  self->system_operation = operation;
}

/* ---- Permission checks ---- */

/* Emergency access is granted to one member of staff for one patient: the
 * key names both, so a grant never passes to whoever signs in next. */
static char *
grant_key (const char *staff_id,
           const char *patient_id)
{
  return g_strconcat (staff_id, "\n", patient_id, NULL);
}

static gboolean
has_grant (KesStore   *self,
           const char *patient_id)
{
  g_autofree char *key = NULL;

  if (self->actor == NULL)
    return FALSE;
  key = grant_key (kes_staff_get_id (self->actor), patient_id);
  return g_hash_table_contains (self->break_glass, key);
}

gboolean
kes_store_has_break_glass (KesStore   *self,
                           const char *patient_id)
{
  return patient_id != NULL && has_grant (self, patient_id);
}

static char *
patient_team (KesStore   *self,
              const char *patient_id)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT team_id FROM patient WHERE id = ?", NULL);
  char *team = NULL;

  if (stmt == NULL)
    return NULL;
  kes_db_bind_text (stmt, 1, patient_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    team = g_strdup ((const char *) kes_db_column_text (stmt, 0));
  kes_db_reset (stmt);
  return team;
}

/* Need to know applies to a patient's register entry and to their clinical
 * content alike: only the patient's own team reads them, unless someone has
 * broken the glass, with a reason, for this patient. */
static gboolean
is_team_scoped (KesPermission permission)
{
  return permission == KES_PERMISSION_VIEW_IDENTITY || permission == KES_PERMISSION_EDIT_IDENTITY ||
         permission == KES_PERMISSION_VIEW_CLINICAL || permission == KES_PERMISSION_EDIT_CLINICAL;
}

/* Why the account behind the actor may do nothing at all just now, or
 * TRUE when it may act within its roles. */
static gboolean
account_may_act (KesAccountRow  *account,
                 GError        **error)
{
  if (!account->found)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("Your account no longer exists: sign in again"));
      return FALSE;
    }
  if (account->disabled)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("Your account has been disabled: ask an administrator"));
      return FALSE;
    }
  if (account->password_hash == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("This account has no password, so it can’t be used: ask an "
                             "administrator to set a one-time password"));
      return FALSE;
    }
  if (account->must_change_password)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("Change your one-time password before you go on"));
      return FALSE;
    }
  return TRUE;
}

gboolean
kes_store_require (KesStore       *self,
                   KesPermission   permission,
                   const char     *patient_id,
                   GError        **error)
{
  g_auto(KesAccountRow) loaded = { 0 };
  KesAccountRow *account = self->held_actor;
  g_autofree char *team = NULL;

  if (self->actor == NULL)
    {
      if (system_operation_grants (self->system_operation, permission))
        return TRUE;
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR,
                           _("No one is signed in: sign in first"));
      return FALSE;
    }
  if (account == NULL)
    {
      if (!kes_store_load_account_row (self, kes_staff_get_id (self->actor), &loaded, error))
        return FALSE;
      account = &loaded;
    }
  if (!account_may_act (account, error) ||
      !kes_permission_check ((const char * const *) account->roles, permission, error))
    return FALSE;

  if (patient_id == NULL || !is_team_scoped (permission) || account->team_id == NULL ||
      has_grant (self, patient_id))
    return TRUE;
  team = patient_team (self, patient_id);
  if (team != NULL && !g_str_equal (team, account->team_id))
    {
      g_autoptr(KesTeam) other = kes_store_lookup_team (self, team);
      g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
                   _("This patient is under the %s team. To open their record, use "
                     "emergency access and give a reason; it will be recorded."),
                   other != NULL ? kes_team_get_name (other) : team);
      return FALSE;
    }
  return TRUE;
}

/* Which permission reads or writes a record of @kind: the register,
 * the catchment areas (service-directory data), carers' records, the staff directory's own history (password hashes
 * among it), or clinical content. */
KesPermission
kes_store_permission_for_kind (const char *kind,
                               gboolean    edit)
{
  if (g_str_equal (kind, "staff"))
    return KES_PERMISSION_MANAGE_STAFF;
  if (g_str_equal (kind, "patient"))
    return edit ? KES_PERMISSION_EDIT_IDENTITY : KES_PERMISSION_VIEW_IDENTITY;
  if (g_str_equal (kind, "catchment-area"))
    return edit ? KES_PERMISSION_MANAGE_DIRECTORY : KES_PERMISSION_VIEW_DIRECTORY;
  if (g_str_has_prefix (kind, "carer"))
    return edit ? KES_PERMISSION_EDIT_CARERS : KES_PERMISSION_VIEW_CARERS;
  return edit ? KES_PERMISSION_EDIT_CLINICAL : KES_PERMISSION_VIEW_CLINICAL;
}

gboolean
kes_store_require_record (KesStore     *self,
                          const char   *record_id,
                          gboolean      edit,
                          GError      **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT kind, patient_id FROM record WHERE id = ?1", error);
  g_autofree char *kind = NULL;
  g_autofree char *patient_id = NULL;

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, record_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) == KES_DB_ROW)
    {
      kind = g_strdup (kes_store_column_text (stmt, 0));
      patient_id = g_strdup ((const char *) kes_db_column_text (stmt, 1));
    }
  kes_db_reset (stmt);
  if (kind == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No record has the id %s"), record_id);
      return FALSE;
    }
  /* An account changes only through the account functions, which keep its
   * history (kes-store-staff-history.c). */
  if (edit && g_str_equal (kind, "staff"))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("A member of staff’s record is changed from their account, not here"));
      return FALSE;
    }
  return kes_store_require (self, kes_store_permission_for_kind (kind, edit),
                            g_str_equal (kind, "patient") ? record_id : patient_id, error);
}

gboolean
kes_store_check_permission (KesStore       *self,
                            KesPermission   permission,
                            const char     *patient_id,
                            GError        **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (permission < KES_N_PERMISSIONS, FALSE);
  return kes_store_require (self, permission, patient_id, error);
}

char *
kes_store_actor_team_scope (KesStore *self)
{
  g_auto(KesAccountRow) account = { 0 };

  if (self->actor == NULL ||
      !kes_store_load_account_row (self, kes_staff_get_id (self->actor), &account, NULL))
    return NULL;
  return g_steal_pointer (&account.team_id);
}

char *
kes_store_signer_role (KesStore *self)
{
  const char *title = self->actor != NULL ? kes_staff_get_role_title (self->actor) : NULL;
  g_auto(GStrv) roles = NULL;
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;

  if (title != NULL && *title != '\0')
    return g_strdup (title);
  roles = kes_store_get_actor_roles (self);
  for (guint i = 0; roles[i] != NULL; i++)
    g_strv_builder_add (titles, kes_role_title (roles[i]));
  joined = g_strv_builder_end (titles);
  return g_strjoinv (", ", joined);
}

GStrv
kes_store_get_actor_roles (KesStore *self)
{
  g_auto(KesAccountRow) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (self->actor == NULL ||
      !kes_store_load_account_row (self, kes_staff_get_id (self->actor), &account, NULL) ||
      !account_may_act (&account, NULL))
    return g_new0 (char *, 1);
  return g_steal_pointer (&account.roles);
}

/* ---- Break-glass ---- */

gboolean
kes_store_break_glass (KesStore    *self,
                       const char  *patient_id,
                       const char  *reason,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR,
                           _("No one is signed in: emergency access needs a named user"));
      return FALSE;
    }
  if (!kes_store_require (self, KES_PERMISSION_BREAK_GLASS, NULL, error))
    return FALSE;
  trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Emergency access needs a reason: say why you need this record now"));
      return FALSE;
    }
  if (!kes_store_record_state (self, patient_id, &kind, NULL, error))
    return FALSE;
  if (!g_str_equal (kind, "patient"))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("No patient has the id %s"), patient_id);
      return FALSE;
    }
  if (!kes_store_audit (self, KES_AUDIT_BREAK_GLASS, patient_id, patient_id, trimmed, error))
    return FALSE;
  g_hash_table_add (self->break_glass, grant_key (kes_staff_get_id (self->actor), patient_id));
  return TRUE;
}

/* ---- Sessions carried into a worker's own store ---- */

struct _KesSession
{
  char     *path;
  KesStaff *actor;
  GStrv     grants; /* grant keys, as in the break_glass table */
};

KesSession *
kes_store_get_session (KesStore *self)
{
  KesSession *session;
  g_autoptr(GStrvBuilder) grants = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  session = g_new0 (KesSession, 1);
  session->path = g_strdup (self->path);
  session->actor = self->actor != NULL ? g_object_ref (self->actor) : NULL;
  g_hash_table_iter_init (&iter, self->break_glass);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (grants, key);
  session->grants = g_strv_builder_end (grants);
  return session;
}

gboolean
kes_store_resume_session (KesStore    *self,
                          KesSession  *session,
                          GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  /* Grants were logged in one database; they mean nothing in another. */
  if (g_strcmp0 (self->path, session->path) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("This work was started on another database: start it again"));
      return FALSE;
    }
  kes_store_set_actor (self, session->actor);
  g_hash_table_remove_all (self->break_glass);
  for (guint i = 0; session->grants[i] != NULL; i++)
    g_hash_table_add (self->break_glass, g_strdup (session->grants[i]));
  return TRUE;
}

void
kes_session_free (KesSession *session)
{
  if (session == NULL)
    return;
  g_free (session->path);
  g_clear_object (&session->actor);
  g_strfreev (session->grants);
  g_free (session);
}

GListModel *
kes_store_list_break_glass (KesStore    *self,
                            const char  *from,
                            const char  *to,
                            GError     **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListStore) list = g_list_store_new (KES_TYPE_AUDIT_ENTRY);

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  all = kes_store_list_audit (self, NULL, from, to, error);
  if (all == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (all, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_BREAK_GLASS))
        g_list_store_append (list, entry);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
