/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-sign-in"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-store-private.h"
#include "kes-verify.h"

/* Signing in, confirming a signature with the password, changing one's own
 * password and signing out.
 *
 * A failed sign-in must tell a stranger nothing: an unknown user name, an
 * account without a password, a wrong password and a locked account get
 * the same message after the same work (one argon2 check against the
 * account's hash or a decoy, then one write: the failure and its access-log
 * entry), so neither the words nor the time say which it was. */

/* Once the file is found damaged nothing can be written to it (H25), yet
 * the person whose window locked must be able to unlock it to copy out what
 * they typed, and an administrator must be able to sign in to restore a
 * backup. So sign-in goes on without its writes: failures are counted here,
 * in memory, per file and account, with the same lock as on disk, and no
 * access-log entry can be made for either outcome. */
typedef struct
{
  int   failures;
  char *locked_until;
} UnsavedFailures;

static GMutex unsaved_lock;
static GHashTable *unsaved_failures; /* "path\nstaff id" → UnsavedFailures */

static void
unsaved_failures_free (gpointer data)
{
  UnsavedFailures *entry = data;

  g_free (entry->locked_until);
  g_free (entry);
}

static char *
unsaved_key (KesStore   *self,
             const char *staff_id)
{
  return g_strdup_printf ("%s\n%s", self->path != NULL ? self->path : "", staff_id);
}

/* Failures that could not be written count as if they had been. */
static void
add_unsaved_failures (KesStore      *self,
                      KesAccountRow *account)
{
  g_autofree char *key = NULL;
  UnsavedFailures *entry;

  if (!account->found)
    return;
  key = unsaved_key (self, account->id);
  g_mutex_lock (&unsaved_lock);
  entry = unsaved_failures != NULL ? g_hash_table_lookup (unsaved_failures, key) : NULL;
  if (entry != NULL && entry->failures > account->failed_attempts)
    {
      account->failed_attempts = entry->failures;
      g_free (account->locked_until);
      account->locked_until = g_strdup (entry->locked_until);
    }
  g_mutex_unlock (&unsaved_lock);
}

static void
note_unsaved_failure (KesStore   *self,
                      const char *staff_id,
                      int         failures,
                      const char *locked_until)
{
  UnsavedFailures *entry;

  if (staff_id == NULL)
    return;
  g_mutex_lock (&unsaved_lock);
  if (unsaved_failures == NULL)
    unsaved_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unsaved_failures_free);
  entry = g_new0 (UnsavedFailures, 1);
  entry->failures = failures;
  entry->locked_until = g_strdup (locked_until);
  g_hash_table_replace (unsaved_failures, unsaved_key (self, staff_id), entry);
  g_mutex_unlock (&unsaved_lock);
}

static void
forget_unsaved_failures (KesStore   *self,
                         const char *staff_id)
{
  g_autofree char *key = unsaved_key (self, staff_id);

  g_mutex_lock (&unsaved_lock);
  if (unsaved_failures != NULL)
    g_hash_table_remove (unsaved_failures, key);
  g_mutex_unlock (&unsaved_lock);
}

/* One message for every failed sign-in. */
#define SIGN_IN_FAILED _("That user name and password don’t match an account, or the account is " \
                         "locked for a while after failed sign-ins. Check both and try again; an " \
                         "administrator can unlock it.")

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

/* A hash to check against when there is no account (or it has no
 * password), made with the same limits as every real one. */
static const char *
decoy_hash (void)
{
  static gsize hash = 0;

  if (g_once_init_enter (&hash))
    {
      char *made = kes_store_hash_password ("kestrel-decoy-password", NULL);
      g_once_init_leave (&hash, (gsize) (made != NULL ? made : g_strdup ("")));
    }
  return (const char *) hash;
}

static guint password_checks; /* kes_password_checks_made */

guint
kes_password_checks_made (void)
{
  return (guint) g_atomic_int_get (&password_checks);
}

static gboolean
password_matches (const char *hash,
                  const char *password)
{
  g_atomic_int_inc (&password_checks);
  return crypto_pwhash_str_verify (hash != NULL ? hash : decoy_hash (), password,
                                   strlen (password)) == 0 && hash != NULL;
}

/* How long a lock lasts after @failures failures in a row: none before
 * KES_SIGN_IN_MAX_FAILURES, then KES_SIGN_IN_FIRST_LOCK_SECONDS, doubling
 * with each further failure up to KES_SIGN_IN_MAX_LOCK_SECONDS. */
int
kes_sign_in_lock_seconds (int failures)
{
  int doublings;

  if (failures < KES_SIGN_IN_MAX_FAILURES)
    return 0;
  doublings = MIN (failures - KES_SIGN_IN_MAX_FAILURES, 10);
  return MIN (KES_SIGN_IN_FIRST_LOCK_SECONDS << doublings, KES_SIGN_IN_MAX_LOCK_SECONDS);
}

static gboolean
is_locked (KesAccountRow *account)
{
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (account->locked_until == NULL)
    return FALSE;
  until = kes_time_from_iso (account->locked_until);
  now = kes_clock_now_utc ();
  return until != NULL && g_date_time_compare (now, until) < 0;
}

/* One write per failure whoever it is about, so that an unknown name costs
 * what a known one does: the count and lock (none for an unknown name) and
 * the access-log entry, in one savepoint. The entry is made as the account
 * aimed at, never with the name typed (people type passwords into the
 * wrong box). */
static void
record_failure (KesStore      *self,
                KesAccountRow *account,
                int            failures,
                const char    *summary)
{
  const char *staff_id = account->found ? account->id : NULL;
  g_autofree char *locked_until = NULL;
  int seconds = kes_sign_in_lock_seconds (failures);
  KesDbStmt *stmt;

  /* Only a failure that counts starts or lengthens a lock. */
  if (seconds > 0 && failures > account->failed_attempts)
    {
      g_autoptr(GDateTime) now = kes_clock_now_utc ();
      g_autoptr(GDateTime) until = g_date_time_add_seconds (now, seconds);

      locked_until = kes_time_to_iso (until);
    }
  if (kes_store_is_damaged (self))
    {
      if (failures > account->failed_attempts)
        note_unsaved_failure (self, staff_id, failures, locked_until);
      return;
    }
  if (!kes_store_savepoint_unguarded (self, NULL))
    return;
  stmt = kes_store_prepare (self,
    "UPDATE staff SET failed_attempts = ?2, locked_until = coalesce (?3, locked_until) "
    "WHERE id = ?1", NULL);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, staff_id != NULL ? staff_id : "", -1, KES_DB_COPY);
  kes_db_bind_int (stmt, 2, failures);
  kes_store_bind_text (stmt, 3, locked_until);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_db_reset (stmt);
      goto fail;
    }
  kes_db_reset (stmt);
  if (!kes_store_audit_as (self, staff_id, KES_AUDIT_SIGN_IN_FAILED, summary, NULL))
    goto fail;
  kes_store_release (self, NULL);
  return;

fail:
  kes_store_rollback_to (self);
}

static gboolean
record_success (KesStore       *self,
                KesAccountRow  *account,
                const char     *password,
                const char     *summary,
                GError        **error)
{
  g_autofree char *rehashed = NULL;
  g_autofree char *now = kes_clock_now_iso ();
  KesDbStmt *stmt;

  /* Bring an old hash up to today's cost while the password is at hand. */
  if (crypto_pwhash_str_needs_rehash (account->password_hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    rehashed = kes_store_hash_password (password, NULL);

  if (!kes_store_savepoint_unguarded (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "UPDATE staff SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ?3, "
    "password_hash = coalesce (?2, password_hash) WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, account->id, -1, KES_DB_COPY);
  kes_store_bind_text (stmt, 2, rehashed);
  kes_db_bind_text (stmt, 3, now, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not sign in"));
      kes_db_reset (stmt);
      goto fail;
    }
  kes_db_reset (stmt);
  /* A hash brought up to today's cost is a new revision of the account. */
  if ((rehashed != NULL && !kes_store_staff_snapshot (self, account->id, error)) ||
      !kes_store_audit_as (self, account->id, KES_AUDIT_SIGN_IN, rehashed != NULL
                             ? "password hash upgraded" : summary, error))
    goto fail;
  return kes_store_release (self, error);

fail:
  kes_store_rollback_to (self);
  return FALSE;
}

/* Checks @password for @login the way a sign-in does, failures counted,
 * locked accounts refused and everything logged; returns the account row
 * on success. @what names the check in the access log ("sign-in",
 * "signature confirmation"). */
static gboolean
check_password (KesStore       *self,
                const char     *login,
                const char     *password,
                const char     *what,
                KesAccountRow  *account,
                GError        **error)
{
  g_autofree char *summary = NULL;
  gboolean matches;

  if (!kes_store_load_account_row (self, login, account, error))
    return FALSE;
  add_unsaved_failures (self, account);

  /* The same argon2 work whatever follows. */
  matches = password_matches (account->found ? account->password_hash : NULL, password);

  if (!account->found || account->password_hash == NULL)
    {
      summary = g_strdup_printf ("%s: unknown user name or no password set", what);
      record_failure (self, account, account->failed_attempts, summary);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return FALSE;
    }
  if (is_locked (account))
    {
      /* Tries while locked neither count nor lengthen the lock. */
      summary = g_strdup_printf ("%s: account locked", what);
      record_failure (self, account, account->failed_attempts, summary);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return FALSE;
    }
  if (!matches)
    {
      summary = g_strdup_printf ("%s: wrong password (%d in a row)", what, account->failed_attempts + 1);
      record_failure (self, account, account->failed_attempts + 1, summary);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return FALSE;
    }
  /* Only someone who knew the password learns this. */
  if (account->disabled)
    {
      summary = g_strdup_printf ("%s: account disabled", what);
      record_failure (self, account, account->failed_attempts, summary);
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("This account has been disabled: ask an administrator"));
      return FALSE;
    }
  /* Roles or a password hash put in with the sqlite3 shell (or an account
   * added there) are never acted on. */
  if (!kes_store_staff_check_history (self, account->id, error))
    {
      summary = g_strdup_printf ("%s: account changed outside Kestrel", what);
      record_failure (self, account, account->failed_attempts, summary);
      return FALSE;
    }
  return TRUE;
}

KesStaff *
kes_store_sign_in (KesStore    *self,
                   const char  *username,
                   const char  *password,
                   GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *login = NULL;
  gboolean same_person;

  g_return_val_if_fail (KES_IS_STORE (self), NULL);

  if (!ensure_sodium (error))
    return NULL;
  login = g_strstrip (g_strdup (username != NULL ? username : ""));
  if (!check_password (self, login, password != NULL ? password : "", "sign-in", &account, error))
    return NULL;
  staff = kes_store_lookup_staff (self, account.id);
  if (staff == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION, SIGN_IN_FAILED);
      return NULL;
    }
  if (kes_store_is_damaged (self))
    {
      /* A new password could not be saved: say why rather than sign in
       * to a page that will refuse it. */
      if (account.must_change_password)
        {
          kes_store_refuse_if_damaged (self, error);
          return NULL;
        }
      forget_unsaved_failures (self, account.id);
    }
  else if (!record_success (self, &account, password, account.must_change_password
                              ? "one-time password: must change it" : "", error))
    return NULL;

  /* Unlocking after inactivity signs the same person in again: their
   * emergency access stays. Someone else signing in starts afresh. */
  same_person = self->actor != NULL && g_str_equal (kes_staff_get_id (self->actor), account.id);
  if (!same_person)
    g_hash_table_remove_all (self->break_glass);
  kes_store_set_actor (self, staff);
  self->one_time_session = account.must_change_password;
  return g_steal_pointer (&staff);
}

gboolean
kes_store_must_change_password (KesStore *self)
{
  g_auto(KesAccountRow) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return self->actor != NULL &&
         kes_store_load_account_row (self, kes_staff_get_id (self->actor), &account, NULL) &&
         account.found && account.must_change_password;
}

gboolean
kes_store_confirm_password (KesStore    *self,
                            const char  *password,
                            GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR, _("No one is signed in: sign in first"));
      return FALSE;
    }
  if (!ensure_sodium (error))
    return FALSE;
  if (!check_password (self, kes_staff_get_id (self->actor), password != NULL ? password : "",
                       "signature confirmation", &account, error))
    {
      /* Not the sign-in message: the person is known, the password was not theirs. */
      if (error != NULL && g_error_matches (*error, KES_ERROR, KES_ERROR_PERMISSION) &&
          !account.disabled)
        {
          g_clear_error (error);
          g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                               _("That is not your password, or your account is locked for a while "
                                 "after failed attempts: nothing was signed"));
        }
      return FALSE;
    }
  return TRUE;
}

gboolean
kes_store_change_own_password (KesStore    *self,
                               const char  *current,
                               const char  *password,
                               GError     **error)
{
  g_auto(KesAccountRow) account = { 0 };
  g_autoptr(KesStaff) staff = NULL;
  g_autofree char *hashed = NULL;
  KesDbStmt *stmt;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (self->actor == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_NO_ACTOR, _("No one is signed in: sign in first"));
      return FALSE;
    }
  if (!kes_store_load_account_row (self, kes_staff_get_id (self->actor), &account, error))
    return FALSE;
  if (!account.found || account.disabled || account.password_hash == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                           _("This account can’t change its password: ask an administrator"));
      return FALSE;
    }
  /* Straight after signing in with a one-time password the person has just
   * typed it; any other time the current password is checked like a
   * sign-in (throttled and logged), so a window left open is not enough,
   * not even one whose account an administrator has just reset. */
  if (!(self->one_time_session && account.must_change_password) || current != NULL)
    {
      kes_account_row_clear (&account);
      account = (KesAccountRow) { 0 };
      if (current == NULL ||
          !check_password (self, kes_staff_get_id (self->actor), current, "password change", &account,
                           error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Type your current password"));
          if (error != NULL && g_error_matches (*error, KES_ERROR, KES_ERROR_PERMISSION))
            {
              g_clear_error (error);
              g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                                   _("Current password: that is not your password (or the account "
                                     "is locked for a while after failed attempts)"));
            }
          return FALSE;
        }
    }
  if (current != NULL && g_str_equal (current, password))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The new password is the same as the current one: choose a new one"));
      return FALSE;
    }
  staff = kes_store_lookup_staff (self, account.id);
  if (staff == NULL || !kes_password_check (password, kes_staff_get_username (staff),
                                            kes_staff_get_display_name (staff), error))
    return FALSE;
  if ((hashed = kes_store_hash_password (password, error)) == NULL)
    return FALSE;

  if (!kes_store_savepoint (self, error))
    return FALSE;
  stmt = kes_store_prepare (self,
    "UPDATE staff SET password_hash = ?2, must_change_password = 0, failed_attempts = 0, "
    "locked_until = NULL WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  kes_db_bind_text (stmt, 1, account.id, -1, KES_DB_COPY);
  kes_db_bind_text (stmt, 2, hashed, -1, KES_DB_COPY);
  if (kes_db_step (stmt) != KES_DB_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not change the password"));
      kes_db_reset (stmt);
      goto fail;
    }
  kes_db_reset (stmt);
  if (!kes_store_staff_snapshot (self, account.id, error) ||
      !kes_store_audit_append (self, KES_AUDIT_ACCOUNT, account.id, NULL,
                               account.must_change_password ? "own password changed (one-time password replaced)"
                                                            : "own password changed", error))
    goto fail;
  sodium_memzero (hashed, strlen (hashed));
  if (!kes_store_release (self, error))
    return FALSE;
  self->one_time_session = FALSE;
  return TRUE;

fail:
  sodium_memzero (hashed, strlen (hashed));
  kes_store_rollback_to (self);
  return FALSE;
}

void
kes_store_sign_out (KesStore *self)
{
  g_return_if_fail (KES_IS_STORE (self));

  if (self->actor != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!kes_store_audit (self, KES_AUDIT_SIGN_OUT, NULL, NULL, "", NULL))
        g_debug ("Could not log the sign-out");
      /* The session's part of the log, sign-out included, is anchored
       * outside the file (issue 18): cutting it later is found. */
      else if (!kes_store_anchor (self, "sign-out", FALSE, &error))
        g_warning ("The access log’s head was not anchored at sign-out: %s", error->message);
    }
  g_hash_table_remove_all (self->break_glass);
  kes_store_set_actor (self, NULL);
}
