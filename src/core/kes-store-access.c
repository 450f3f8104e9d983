/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-access"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"

/* One message for every failed sign-in: it must not reveal whether the
 * user name exists or which of the two was wrong. */
#define SIGN_IN_FAILED _("That user name and password don’t match an account. Check both and try again.")

/* The longest lock after repeated failures, in seconds. */
#define MAX_LOCK_SECONDS 3600

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("The cryptography library could not start"));
      return FALSE;
    }
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

/* ---- Permission checks ---- */

typedef struct
{
  gboolean  found;
  gboolean  disabled;
  GStrv     roles;
  char     *team_id;
  char     *username;
  char     *password_hash;
  int       failed_attempts;
  char     *locked_until;
} StaffAccount;

static void
staff_account_clear (StaffAccount *account)
{
  g_clear_pointer (&account->roles, g_strfreev);
  g_clear_pointer (&account->team_id, g_free);
  g_clear_pointer (&account->username, g_free);
  if (account->password_hash != NULL)
    sodium_memzero (account->password_hash, strlen (account->password_hash));
  g_clear_pointer (&account->password_hash, g_free);
  g_clear_pointer (&account->locked_until, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StaffAccount, staff_account_clear)

static gboolean
load_account (KesStore      *self,
              const char    *id_or_username,
              StaffAccount  *account,
              GError       **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "SELECT disabled, roles, team_id, username, password_hash, failed_attempts, locked_until, id "
    "FROM staff WHERE id = ?1 OR username = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id_or_username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      account->found = TRUE;
      account->disabled = sqlite3_column_int (stmt, 0) != 0;
      account->roles = kes_roles_parse (kes_store_column_text (stmt, 1));
      account->team_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      account->username = g_strdup (kes_store_column_text (stmt, 3));
      account->password_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      account->failed_attempts = sqlite3_column_int (stmt, 5);
      account->locked_until = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

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

static char *
patient_team (KesStore   *self,
              const char *patient_id)
{
  sqlite3_stmt *stmt = kes_store_prepare (self, "SELECT team_id FROM patient WHERE id = ?", NULL);
  char *team = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, patient_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    team = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return team;
}

gboolean
kes_store_require (KesStore       *self,
                   KesPermission   permission,
                   const char     *patient_id,
                   GError        **error)
{
  g_auto(StaffAccount) account = { 0 };
  g_autofree char *team = NULL;

  if (self->actor == NULL)
    return TRUE;
  if (!load_account (self, kes_staff_get_id (self->actor), &account, error))
    return FALSE;
  if (account.found && account.disabled)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("Your account has been disabled: ask an administrator"));
      return FALSE;
    }
  if (account.roles == NULL || account.roles[0] == NULL)
    return TRUE;
  if (!kes_permission_check ((const char * const *) account.roles, permission, error))
    return FALSE;

  /* Need to know: clinical content stays within the patient's team unless
   * someone has broken the glass, with a reason, for this patient. */
  if (patient_id == NULL ||
      (permission != KES_PERMISSION_VIEW_CLINICAL && permission != KES_PERMISSION_EDIT_CLINICAL) ||
      account.team_id == NULL ||
      has_grant (self, patient_id))
    return TRUE;
  team = patient_team (self, patient_id);
  if (team != NULL && !g_str_equal (team, account.team_id))
    {
      g_autoptr(KesTeam) other = kes_store_find_team (self, team);
      g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
                   _("This patient is under the %s team. To open their clinical record, use "
                     "emergency access and give a reason; it will be recorded."),
                   other != NULL ? kes_team_get_name (other) : team);
      return FALSE;
    }
  return TRUE;
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

/* ---- Roles and accounts ---- */

GStrv
kes_store_get_staff_roles (KesStore    *self,
                           const char  *id_or_username,
                           GError     **error)
{
  g_auto(StaffAccount) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_username != NULL, NULL);

  if (!load_account (self, id_or_username, &account, error))
    return NULL;
  if (!account.found)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                   _("No member of staff is called “%s”"), id_or_username);
      return NULL;
    }
  return g_steal_pointer (&account.roles);
}

static gboolean
update_staff (KesStore    *self,
              const char  *sql,
              const char  *staff_id,
              const char  *value,
              const char  *summary,
              GError     **error)
{
  sqlite3_stmt *stmt;

  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  kes_store_bind_text (stmt, 2, value);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not update the account"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("That member of staff no longer exists"));
      goto fail;
    }
  if (!kes_store_audit_append (self, KES_AUDIT_ACCOUNT, NULL, NULL, summary, error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

static KesStaff *
require_staff (KesStore    *self,
               const char  *staff_id,
               GError     **error)
{
  g_return_val_if_fail (staff_id != NULL, NULL);
  return kes_store_find_staff (self, staff_id, error);
}

gboolean
kes_store_set_staff_roles (KesStore            *self,
                           const char          *staff_id,
                           const char * const  *roles,
                           GError             **error)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if ((staff = require_staff (self, staff_id, error)) == NULL ||
      !kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error) ||
      (joined = kes_roles_join (roles, error)) == NULL)
    return FALSE;
  summary = g_strdup_printf ("roles of %s: %s", kes_staff_get_username (staff),
                             *joined != '\0' ? joined : "none");
  return update_staff (self, "UPDATE staff SET roles = coalesce (?2, '') WHERE id = ?1",
                       kes_staff_get_id (staff), joined, summary, error);
}

gboolean
kes_store_disable_staff (KesStore    *self,
                         const char  *staff_id,
                         GError     **error)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if ((staff = require_staff (self, staff_id, error)) == NULL ||
      !kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return FALSE;
  if (self->actor != NULL && g_str_equal (kes_staff_get_id (self->actor), kes_staff_get_id (staff)))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("You can’t disable your own account: ask another administrator"));
      return FALSE;
    }
  summary = g_strdup_printf ("disabled %s", kes_staff_get_username (staff));
  return update_staff (self, "UPDATE staff SET disabled = 1 WHERE id = ?1 AND ?2 IS NULL",
                       kes_staff_get_id (staff), NULL, summary, error);
}

gboolean
kes_store_enable_staff (KesStore    *self,
                        const char  *staff_id,
                        GError     **error)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if ((staff = require_staff (self, staff_id, error)) == NULL ||
      !kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return FALSE;
  /* A fresh start: the failures that may have led to disabling are cleared. */
  summary = g_strdup_printf ("enabled %s", kes_staff_get_username (staff));
  return update_staff (self,
                       "UPDATE staff SET disabled = 0, failed_attempts = 0, locked_until = NULL "
                       "WHERE id = ?1 AND ?2 IS NULL",
                       kes_staff_get_id (staff), NULL, summary, error);
}

gboolean
kes_store_staff_is_disabled (KesStore   *self,
                             const char *id_or_username)
{
  g_auto(StaffAccount) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return id_or_username != NULL && load_account (self, id_or_username, &account, NULL) &&
         account.found && account.disabled;
}

static char *
hash_password (const char  *password,
               GError     **error)
{
  char hashed[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str (hashed, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("There was not enough memory to protect the password"));
      return NULL;
    }
  return g_strdup (hashed);
}

gboolean
kes_store_set_password (KesStore    *self,
                        const char  *staff_id,
                        const char  *password,
                        GError     **error)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *summary = NULL;
  gboolean own;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!ensure_sodium (error) || (staff = require_staff (self, staff_id, error)) == NULL)
    return FALSE;
  own = self->actor != NULL && g_str_equal (kes_staff_get_id (self->actor), kes_staff_get_id (staff));
  if (!own && !kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return FALSE;
  if (!kes_password_check (password, kes_staff_get_username (staff),
                           kes_staff_get_display_name (staff), error))
    return FALSE;
  if ((hashed = hash_password (password, error)) == NULL)
    return FALSE;
  summary = g_strdup_printf ("password set for %s", kes_staff_get_username (staff));
  return update_staff (self,
                       "UPDATE staff SET password_hash = ?2, failed_attempts = 0, locked_until = NULL "
                       "WHERE id = ?1", kes_staff_get_id (staff), hashed, summary, error);
}

gboolean
kes_store_staff_has_password (KesStore   *self,
                              const char *id_or_username)
{
  g_auto(StaffAccount) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return id_or_username != NULL && load_account (self, id_or_username, &account, NULL) &&
         account.found && account.password_hash != NULL;
}

/* ---- Sign-in ---- */

/* A hash to check against when the user name is unknown, so that a missing
 * account takes as long to refuse as a wrong password. */
static const char *
decoy_hash (void)
{
  static gsize hash = 0;

  if (g_once_init_enter (&hash))
    {
      char *made = hash_password ("kestrel-decoy-password", NULL);
      g_once_init_leave (&hash, (gsize) (made != NULL ? made : g_strdup ("")));
    }
  return (const char *) hash;
}

static gboolean
record_failure (KesStore     *self,
                const char   *staff_id,
                int           failures,
                const char   *summary)
{
  g_autofree char *locked_until = NULL;
  sqlite3_stmt *stmt;

  if (staff_id != NULL && failures >= KES_SIGN_IN_MAX_FAILURES)
    {
      g_autoptr(GDateTime) now = kes_clock_now_utc ();
      int doublings = MIN (failures - KES_SIGN_IN_MAX_FAILURES, 6);
      int seconds = MIN (60 << doublings, MAX_LOCK_SECONDS);
      g_autoptr(GDateTime) until = g_date_time_add_seconds (now, seconds);

      locked_until = kes_time_to_iso (until);
    }
  if (!kes_store_savepoint_unguarded (self, NULL))
    return FALSE;
  if (staff_id != NULL)
    {
      stmt = kes_store_prepare (self,
        "UPDATE staff SET failed_attempts = ?2, locked_until = coalesce (?3, locked_until) "
        "WHERE id = ?1", NULL);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, failures);
      kes_store_bind_text (stmt, 3, locked_until);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          goto fail;
        }
      sqlite3_reset (stmt);
    }
  if (!kes_store_audit_append (self, KES_AUDIT_SIGN_IN_FAILED, NULL, NULL, summary, NULL))
    goto fail;
  return kes_store_release (self, NULL);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

static gboolean
is_locked (StaffAccount  *account,
           char         **until_display)
{
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (account->locked_until == NULL)
    return FALSE;
  until = kes_time_from_iso (account->locked_until);
  now = kes_clock_now_utc ();
  if (until == NULL || g_date_time_compare (now, until) >= 0)
    return FALSE;
  *until_display = kes_time_to_display (account->locked_until);
  return TRUE;
}

KesStaff *
kes_store_sign_in (KesStore    *self,
                   const char  *username,
                   const char  *password,
                   GError     **error)
{
  g_auto(StaffAccount) account = { 0 };
  g_autoptr(KesStaff) staff = NULL;
  g_autoptr(KesStaff) previous = NULL;
  g_autofree char *until = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *login = NULL;
  const char *staff_id;
  gboolean matches;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!ensure_sodium (error))
    return NULL;
  login = g_strstrip (g_strdup (username != NULL ? username : ""));
  if (password == NULL || *login == '\0' || !load_account (self, login, &account, error))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return NULL;
    }
  if (!account.found || account.password_hash == NULL)
    {
      /* Same work and the same answer as a wrong password. The name typed
       * is not logged: people type passwords into the wrong box. */
      if (crypto_pwhash_str_verify (decoy_hash (), password, strlen (password)) == 0)
        g_debug ("The decoy password was typed");
      record_failure (self, NULL, 0, "unknown user name or no password set");
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return NULL;
    }
  staff = kes_store_find_staff (self, account.username, error);
  if (staff == NULL)
    return NULL;
  staff_id = kes_staff_get_id (staff);

  /* Log failures as the account they were aimed at; the store's actor is
   * whoever was signed in before, if anyone. */
  previous = self->actor != NULL ? g_object_ref (self->actor) : NULL;
  kes_store_set_actor (self, staff);

  if (is_locked (&account, &until))
    {
      record_failure (self, staff_id, account.failed_attempts, "account locked");
      kes_store_set_actor (self, previous);
      g_set_error (error, KES_ERROR, KES_ERROR_PERMISSION,
                   _("Too many failed sign-ins: this account is locked until %s. Try again then, "
                     "or ask an administrator to reset the password."), until);
      return NULL;
    }

  matches = crypto_pwhash_str_verify (account.password_hash, password, strlen (password)) == 0;
  if (!matches)
    {
      summary = g_strdup_printf ("wrong password (%d in a row)", account.failed_attempts + 1);
      record_failure (self, staff_id, account.failed_attempts + 1, summary);
      kes_store_set_actor (self, previous);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return NULL;
    }
  if (account.disabled)
    {
      record_failure (self, staff_id, account.failed_attempts, "account disabled");
      kes_store_set_actor (self, previous);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("This account has been disabled: ask an administrator"));
      return NULL;
    }

  /* Signed in: clear the count, and bring an old hash up to today's cost. */
  {
    g_autofree char *rehashed = NULL;
    sqlite3_stmt *stmt;

    if (crypto_pwhash_str_needs_rehash (account.password_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
      rehashed = hash_password (password, NULL);

    if (!kes_store_savepoint_unguarded (self, error))
      goto fail;
    stmt = kes_store_prepare (self,
      "UPDATE staff SET failed_attempts = 0, locked_until = NULL, "
      "password_hash = coalesce (?2, password_hash) WHERE id = ?1", error);
    if (stmt == NULL)
      {
        kes_store_rollback_to (self);
        goto fail;
      }
    sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
    kes_store_bind_text (stmt, 2, rehashed);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        kes_store_set_db_error (self, error, _("Could not sign in"));
        sqlite3_reset (stmt);
        kes_store_rollback_to (self);
        goto fail;
      }
    sqlite3_reset (stmt);
    if (!kes_store_audit_append (self, KES_AUDIT_SIGN_IN, NULL, NULL,
                                 rehashed != NULL ? "password hash upgraded" : "", error))
      {
        kes_store_rollback_to (self);
        goto fail;
      }
    if (!kes_store_release (self, error))
      goto fail;
  }
  /* Unlocking after inactivity signs the same person in again: their
   * emergency access stays. Someone else signing in starts afresh. */
  if (previous == NULL || !g_str_equal (kes_staff_get_id (previous), staff_id))
    g_hash_table_remove_all (self->break_glass);
  return g_steal_pointer (&staff);

fail:
  kes_store_set_actor (self, previous);
  return NULL;
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
  if (is_blank (reason))
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
  trimmed = g_strstrip (g_strdup (reason));
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
