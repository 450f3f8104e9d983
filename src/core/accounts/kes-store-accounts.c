/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"

/* Creating accounts and the changes administrators make to them. Every
 * change starts from the revision the administrator saw: a change made
 * from a stale view is refused with a message naming who changed the
 * account since, and every change is in the access log against the
 * account (its record id is the member of staff's id), which is the
 * account's history. Sign-in lives in kes-store-sign-in.c. */

char *
kes_store_hash_password (const char  *password,
                         GError     **error)
{
  char hashed[crypto_pwhash_STRBYTES];

  if (sodium_init () < 0 ||
      crypto_pwhash_str (hashed, password, strlen (password),
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("There was not enough memory to protect the password"));
      return NULL;
    }
  return g_strdup (hashed);
}

/* Administrators who can sign in: the people who can put anything right. */
static guint
count_usable_administrators (KesStore   *self,
                             const char *except_id)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT count(*) FROM staff WHERE disabled = 0 AND password_hash IS NOT NULL "
    "AND (' ' || roles || ' ') LIKE '% administrator %' AND id IS NOT ?1", NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  kes_store_bind_text (stmt, 1, except_id);
  if (kes_db_step (stmt) == KES_DB_ROW)
    count = (guint) kes_db_column_int (stmt, 0);
  kes_db_reset (stmt);
  return count;
}

gboolean
kes_store_needs_first_administrator (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  return count_usable_administrators (self, NULL) == 0;
}

static gboolean
set_new_account (KesStore    *self,
                 const char  *staff_id,
                 const char  *roles,
                 const char  *hashed,
                 gboolean     one_time,
                 GError     **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  KesStaff *actor = kes_store_get_actor (self);
  KesDbStmt *stmt = kes_store_prepare (self,
    "UPDATE staff SET roles = ?2, password_hash = ?3, must_change_password = ?4, "
    "failed_attempts = 0, locked_until = NULL, changed_at = ?5, changed_by = ?6 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, roles, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 3, hashed, -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 4, one_time ? 1 : 0);
  kes_db_bind_text (stmt, 5, now, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 6, actor != NULL ? kes_staff_get_id (actor) : NULL);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not create the account"));
      kes_db_reset (stmt);
      return FALSE;
    }
  kes_db_reset (stmt);
  return TRUE;
}

KesStaff *
kes_store_create_account (KesStore            *self,
                          const char          *username,
                          const char          *display_name,
                          const char          *role_title,
                          const char          *team_id,
                          const char          *contact,
                          const char * const  *roles,
                          const char          *password,
                          GError             **error)
{
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *summary = NULL;
  gboolean first;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (password != NULL, NULL);

  /* The first administrator sets the database up, so needs no one's
   * permission, must be able to manage the others and chose their own
   * password; every later account needs someone who may manage staff and
   * gets a one-time password, changed at its first sign-in. */
  first = kes_store_needs_first_administrator (self) && self->system_operation != KES_SYSTEM_DEMO;
  if (first && (roles == NULL || !g_strv_contains (roles, KES_ROLE_ADMINISTRATOR)))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The first account must be an administrator"));
      return NULL;
    }
  if (!first && !kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    return NULL;
  if (roles == NULL || roles[0] == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Choose at least one role for the account"));
      return NULL;
    }
  if ((joined = kes_roles_join (roles, error)) == NULL)
    return NULL;
  if (!kes_password_check (password, username, display_name, error) ||
      (hashed = kes_store_hash_password (password, error)) == NULL)
    return NULL;

  if (!kes_store_savepoint (self, error))
    goto out;
  staff = kes_store_insert_staff (self, username, display_name, role_title, team_id, contact, error);
  /* The demo's accounts come with the passwords it prints, not one-time ones.
   * The account's first revision holds it as made. */
  if (staff == NULL ||
      !set_new_account (self, kes_staff_get_id (staff), joined, hashed,
                        !first && self->system_operation != KES_SYSTEM_DEMO, error) ||
      !kes_store_staff_snapshot (self, kes_staff_get_id (staff), error))
    goto fail;
  summary = g_strdup_printf ("account created for %s, roles: %s%s", kes_staff_get_username (staff),
                             joined, first ? " (first administrator)" : "");
  if (!kes_store_audit_append (self, KES_AUDIT_ACCOUNT, kes_staff_get_id (staff), NULL, summary, error) ||
      !kes_store_release (self, error))
    goto fail;
  goto out;

fail:
  kes_store_rollback_to (self);
  g_clear_object (&staff);
out:
  sodium_memzero (hashed, strlen (hashed));
  return g_steal_pointer (&staff);
}

/* ---- Changes from a revision ---- */

/* Why a change to @staff_id touched no row: gone, or changed by someone
 * else since @revision was read. */
static void
set_change_refused (KesStore    *self,
                    const char  *staff_id,
                    gint64       revision,
                    GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self,
    "SELECT s.revision, s.changed_at, c.display_name FROM staff s "
    "LEFT JOIN staff c ON c.id = s.changed_by WHERE s.id = ?1", error);
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;

  if (stmt == NULL)
    return;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      kes_db_reset (stmt);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND,
                           _("That member of staff no longer exists"));
      return;
    }
  when = kes_db_column_type (stmt, 1) != KES_DB_NULL
           ? kes_time_to_display (kes_store_column_text (stmt, 1)) : NULL;
  who = kes_db_column_type (stmt, 2) != KES_DB_NULL ? g_strdup (kes_store_column_text (stmt, 2)) : NULL;
  kes_db_reset (stmt);
  g_debug ("Account %s changed since revision %" G_GINT64_FORMAT, staff_id, revision);
  if (who != NULL && when != NULL)
    g_set_error (error, KES_ERROR, KES_ERROR_CONFLICT,
                 _("%s changed this account on %s, after you opened it. Nothing was saved: look "
                   "at the account again and make your change there."), who, when);
  else
    g_set_error_literal (error, KES_ERROR, KES_ERROR_CONFLICT,
                         _("Someone changed this account after you opened it. Nothing was saved: "
                           "look at the account again and make your change there."));
}

/* Runs @sql, an UPDATE of one account whose parameters are ?1 the staff
 * id, ?2 the revision it must still be at, ?3 now, ?4 the actor and, for a
 * change that has one, ?5 @value (a statement without ?5 is given NULL);
 * it must also advance the revision and set changed_at and changed_by
 * (CHANGED). Logs @summary against the account, all in one savepoint. */
static gboolean
change_account (KesStore    *self,
                const char  *sql,
                const char  *staff_id,
                gint64       revision,
                const char  *value,
                const char  *summary,
                GError     **error)
{
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt;

  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, staff_id, -1, KES_DB_COPY);
  kes_db_bind_int64 (stmt, 2, revision);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_staff_get_id (kes_store_get_actor (self)), -1, KES_DB_COPY);
  if (value != NULL)
    kes_db_bind_text (stmt, 5, value, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not change the account"));
      kes_db_reset (stmt);
      goto fail;
    }
  kes_db_reset (stmt);
  if (kes_db_changes (self->db) != 1)
    {
      set_change_refused (self, staff_id, revision, error);
      goto fail;
    }
  if (!kes_store_staff_snapshot (self, staff_id, error) ||
      !kes_store_audit_append (self, KES_AUDIT_ACCOUNT, staff_id, NULL, summary, error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

#define CHANGED ", revision = revision + 1, changed_at = ?3, changed_by = ?4 WHERE id = ?1 AND revision = ?2"

/* The account an administrator is changing, after checking they may. */
static gboolean
load_for_change (KesStore       *self,
                 const char     *staff_id,
                 KesAccountRow  *account,
                 GError        **error)
{
  g_return_val_if_fail (staff_id != NULL, FALSE);

  if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error) ||
      !kes_store_load_account_row (self, staff_id, account, error))
    return FALSE;
  if (!account->found)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NOT_FOUND, _("That member of staff no longer exists"));
      return FALSE;
    }
  /* A change would make what was put in outside Kestrel part of history
   * (a row marked recorded elsewhere with the sqlite3 shell among it). */
  if (!kes_store_staff_check_history (self, account->id, error))
    return FALSE;
  if (kes_store_staff_recorded_elsewhere (self, account->id))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("This person wrote records in another database and came with an "
                             "imported case record: they are not an account here and can’t sign "
                             "in or be given roles. Add them as a new account if they join the "
                             "team."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_actor (KesStore   *self,
          const char *staff_id)
{
  KesStaff *actor = kes_store_get_actor (self);
  return actor != NULL && g_str_equal (kes_staff_get_id (actor), staff_id);
}

/* The last administrator who can sign in stays one: otherwise no one could
 * ever manage accounts again. */
static gboolean
keeps_an_administrator (KesStore       *self,
                        KesAccountRow  *account,
                        GError        **error)
{
  if (!g_strv_contains ((const char * const *) account->roles, KES_ROLE_ADMINISTRATOR) ||
      count_usable_administrators (self, account->id) > 0)
    return TRUE;
  g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
               _("%s is the only administrator who can sign in: give another account the "
                 "administrator role first"), account->username);
  return FALSE;
}

gboolean
kes_store_set_staff_roles (KesStore            *self,
                           const char          *staff_id,
                           gint64               revision,
                           const char * const  *roles,
                           GError             **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autofree char *joined = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!load_for_change (self, staff_id, &account, error) ||
      (joined = kes_roles_join (roles, error)) == NULL)
    return FALSE;
  if ((roles == NULL || !g_strv_contains (roles, KES_ROLE_ADMINISTRATOR)) &&
      !account.disabled && account.password_hash != NULL &&
      !keeps_an_administrator (self, &account, error))
    return FALSE;
  summary = g_strdup_printf ("roles of %s: %s", account.username, *joined != '\0' ? joined : "none");
  return change_account (self, "UPDATE staff SET roles = coalesce (?5, '')" CHANGED,
                         account.id, revision, joined, summary, error);
}

gboolean
kes_store_update_staff_details (KesStore    *self,
                                const char  *staff_id,
                                gint64       revision,
                                const char  *display_name,
                                const char  *role_title,
                                const char  *team_id,
                                const char  *contact,
                                GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autofree char *name = g_strstrip (g_strdup (display_name != NULL ? display_name : ""));
  g_autoptr(KesTeam) team = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!load_for_change (self, staff_id, &account, error))
    return FALSE;
  if (*name == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("A full name is required"));
      return FALSE;
    }
  if (team_id != NULL && *team_id != '\0' && (team = kes_store_lookup_team (self, team_id)) == NULL)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("Team “%s” does not exist"), team_id);
      return FALSE;
    }

  /* More than one value: the statement is written out rather than going
   * through change_account's single value. */
  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "UPDATE staff SET display_name = ?5, role_title = ?6, team_id = ?7, contact = ?8" CHANGED, error);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, account.id, -1, KES_DB_COPY);
  kes_db_bind_int64 (stmt, 2, revision);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 4, kes_staff_get_id (kes_store_get_actor (self)), -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 5, name, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 6, role_title != NULL ? role_title : "", -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 7, team != NULL ? kes_team_get_id (team) : NULL);
  kes_db_bind_text (stmt, 8, contact != NULL ? contact : "", -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not change the account"));
      kes_db_reset (stmt);
      goto fail;
    }
  kes_db_reset (stmt);
  if (kes_db_changes (self->db) != 1)
    {
      set_change_refused (self, account.id, revision, error);
      goto fail;
    }
  summary = g_strdup_printf ("details of %s changed", account.username);
  if (!kes_store_staff_snapshot (self, account.id, error) ||
      !kes_store_audit_append (self, KES_AUDIT_ACCOUNT, account.id, NULL, summary, error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

gboolean
kes_store_reset_password (KesStore    *self,
                          const char  *staff_id,
                          gint64       revision,
                          const char  *password,
                          GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *hashed = NULL;
  g_autofree char *summary = NULL;
  gboolean done;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!load_for_change (self, staff_id, &account, error))
    return FALSE;
  if (is_actor (self, account.id))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Change your own password from the user menu, with your current one"));
      return FALSE;
    }
  staff = kes_store_lookup_staff (self, account.id);
  if (staff == NULL || !kes_password_check (password, account.username,
                                            kes_staff_get_display_name (staff), error) ||
      (hashed = kes_store_hash_password (password, error)) == NULL)
    return FALSE;
  /* A one-time password: its owner replaces it at their next sign-in, so
   * the administrator who set it can't go on using it. */
  summary = g_strdup_printf ("one-time password set for %s", account.username);
  done = change_account (self,
                         "UPDATE staff SET password_hash = ?5, must_change_password = 1, "
                         "failed_attempts = 0, locked_until = NULL" CHANGED,
                         account.id, revision, hashed, summary, error);
  sodium_memzero (hashed, strlen (hashed));
  return done;
}

gboolean
kes_store_disable_staff (KesStore    *self,
                         const char  *staff_id,
                         gint64       revision,
                         GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!load_for_change (self, staff_id, &account, error))
    return FALSE;
  if (is_actor (self, account.id))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("You can’t disable your own account: ask another administrator"));
      return FALSE;
    }
  if (!account.disabled && account.password_hash != NULL && !keeps_an_administrator (self, &account, error))
    return FALSE;
  summary = g_strdup_printf ("disabled %s", account.username);
  return change_account (self, "UPDATE staff SET disabled = 1" CHANGED,
                         account.id, revision, NULL, summary, error);
}

gboolean
kes_store_enable_staff (KesStore    *self,
                        const char  *staff_id,
                        gint64       revision,
                        GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!load_for_change (self, staff_id, &account, error))
    return FALSE;
  /* A fresh start: the failures that may have led to disabling are cleared. */
  summary = g_strdup_printf ("enabled %s", account.username);
  return change_account (self,
                         "UPDATE staff SET disabled = 0, failed_attempts = 0, locked_until = NULL" CHANGED,
                         account.id, revision, NULL, summary, error);
}

gboolean
kes_store_unlock_account (KesStore    *self,
                          const char  *staff_id,
                          gint64       revision,
                          GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (!load_for_change (self, staff_id, &account, error))
    return FALSE;
  summary = g_strdup_printf ("unlocked %s after %d failed sign-ins", account.username,
                             account.failed_attempts);
  return change_account (self,
                         "UPDATE staff SET failed_attempts = 0, locked_until = NULL" CHANGED,
                         account.id, revision, NULL, summary, error);
}
