/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-accounts"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-store-private.h"

/* Creating accounts, and the rules a new password must meet. Sign-in,
 * roles and throttling live in kes-store-access.c. */

/* Passwords that guessing tools try first; a password containing one of
 * these is refused whatever else it holds. */
static const char * const well_known[] = {
  "password", "passw0rd", "p4ssword", "qwerty", "azerty", "123456", "abcdef", "letmein",
  "welcome", "iloveyou", "monkey", "dragon", "football", "kestrel", "changeme", "admin",
};

/* Lower case, letters and digits only: "Alex.Smith" → "alexsmith". */
static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static guint
count_distinct (const char *text)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    g_hash_table_add (seen, GUINT_TO_POINTER (g_utf8_get_char (p)));
  return g_hash_table_size (seen);
}

/* TRUE when @word (folded, long enough to matter) appears in @password. */
static gboolean
contains_name (const char *folded_password,
               const char *word)
{
  g_autofree char *folded = fold (word);

  return strlen (folded) >= 3 && strstr (folded_password, folded) != NULL;
}

gboolean
kes_password_check (const char  *password,
                    const char  *username,
                    const char  *display_name,
                    GError     **error)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (password != NULL, FALSE);

  if (g_utf8_strlen (password, -1) < KES_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password is too short: use at least %d character",
                                "The password is too short: use at least %d characters",
                                KES_PASSWORD_MIN_LENGTH),
                   KES_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  if (count_distinct (password) < 5)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The password repeats too few characters: use a mix, for example "
                             "three or four unrelated words"));
      return FALSE;
    }

  folded = fold (password);
  if (contains_name (folded, username))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The password contains the user name: choose something others "
                             "can’t guess"));
      return FALSE;
    }
  if (display_name != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (display_name, " -.'’", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (contains_name (folded, parts[i]))
            {
              g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                                   _("The password contains your name: choose something others "
                                     "can’t guess"));
              return FALSE;
            }
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (well_known); i++)
    {
      if (strstr (folded, well_known[i]) != NULL)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("The password contains “%s”, one of the first things guessed: choose "
                         "something else"),
                       well_known[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static char *
hash_new_password (const char  *password,
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

static gboolean
set_roles_and_hash (KesStore    *self,
                    const char  *staff_id,
                    const char  *roles,
                    const char  *hashed,
                    GError     **error)
{
  sqlite3_stmt *stmt = kes_store_prepare (self,
    "UPDATE staff SET roles = ?2, password_hash = ?3, failed_attempts = 0, locked_until = NULL "
    "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, staff_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hashed, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      kes_store_set_db_error (self, error, _("Could not create the account"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
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

  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  g_return_val_if_fail (password != NULL, NULL);

  if (roles == NULL || roles[0] == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("Choose at least one role for the account"));
      return NULL;
    }
  if ((joined = kes_roles_join (roles, error)) == NULL)
    return NULL;
  if (!kes_password_check (password, username, display_name, error) ||
      (hashed = hash_new_password (password, error)) == NULL)
    return NULL;

  if (!kes_store_savepoint (self, error))
    return NULL;

  /* The first account sets the database up, so it must be able to manage
   * the others; every later one needs someone who may manage staff. */
  if (kes_store_count_staff (self) == 0)
    {
      if (!g_strv_contains (roles, KES_ROLE_ADMINISTRATOR))
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                               _("The first account must be an administrator"));
          goto fail;
        }
    }
  else if (!kes_store_require (self, KES_PERMISSION_MANAGE_STAFF, NULL, error))
    goto fail;

  staff = kes_store_add_staff (self, username, display_name, role_title, team_id, contact, error);
  if (staff == NULL ||
      !set_roles_and_hash (self, kes_staff_get_id (staff), joined, hashed, error))
    goto fail;
  summary = g_strdup_printf ("account created for %s, roles: %s", kes_staff_get_username (staff),
                             joined);
  if (!kes_store_audit_append (self, KES_AUDIT_ACCOUNT, NULL, NULL, summary, error))
    goto fail;

  sodium_memzero (hashed, strlen (hashed));
  if (!kes_store_release (self, error))
    return NULL;
  return g_steal_pointer (&staff);

fail:
  kes_store_rollback_to (self);
  sodium_memzero (hashed, strlen (hashed));
  return NULL;
}
