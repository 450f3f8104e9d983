/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-password"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-error.h"

/* The rules a new password must meet (kes_password_check): pure, so the
 * forms can say what is wrong while the password is typed. */

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
