/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-anchor"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kes-anchor.h"
#include "kes-error.h"
#include "kes-output-guard.h"

#define ANCHOR_PREFIX "kestrel-anchor-1 "
#define SIGNATURE_SEPARATOR " sig="

void
kes_anchor_free (KesAnchor *anchor)
{
  if (anchor == NULL)
    return;
  g_free (anchor->database_id);
  g_free (anchor->file_tag);
  g_free (anchor->hash);
  g_free (anchor->at);
  g_free (anchor->reason);
  g_free (anchor->key_id);
  g_free (anchor->signature);
  g_free (anchor->signed_text);
  g_free (anchor->line);
  g_free (anchor);
}

char *
kes_anchor_make (KesInstallationKey *key,
                 const char         *database_id,
                 const char         *file_tag,
                 gint64              seq,
                 const char         *hash,
                 const char         *at,
                 const char         *reason)
{
  g_autofree char *text = g_strdup_printf (ANCHOR_PREFIX "db=%s file=%s seq=%" G_GINT64_FORMAT
                                           " hash=%s at=%s reason=%s key=%s",
                                           database_id, file_tag, seq, hash, at, reason,
                                           kes_installation_key_get_id (key));
  g_autofree char *signature = kes_installation_key_sign (key, text);

  return g_strconcat (text, SIGNATURE_SEPARATOR, signature, NULL);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A value made only of the characters anchors use (no spaces: a field ends
 * at the next one). */
static gboolean
is_token (const char *value)
{
  if (value == NULL || *value == '\0')
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-:+/=._", *p) == NULL)
      return FALSE;
  return TRUE;
}

KesAnchor *
kes_anchor_parse (const char *text)
{
  g_autoptr(KesAnchor) anchor = g_new0 (KesAnchor, 1);
  const char *start = text != NULL ? strstr (text, ANCHOR_PREFIX) : NULL;
  const char *separator;
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;
  char *end = NULL;

  if (start == NULL)
    return NULL;
  line = g_strdup (start);
  g_strchomp (line);
  separator = strstr (line, SIGNATURE_SEPARATOR);
  if (separator == NULL)
    return NULL;
  anchor->signed_text = g_strndup (line, separator - line);
  anchor->signature = g_strdup (separator + strlen (SIGNATURE_SEPARATOR));
  fields = g_strsplit (anchor->signed_text + strlen (ANCHOR_PREFIX), " ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = strchr (fields[i], '=');
      g_autofree char *name = value != NULL ? g_strndup (fields[i], value - fields[i]) : NULL;

      if (name == NULL)
        return NULL;
      value++;
      if (g_str_equal (name, "db"))
        set_text (&anchor->database_id, value);
      else if (g_str_equal (name, "file"))
        set_text (&anchor->file_tag, value);
      else if (g_str_equal (name, "seq"))
        anchor->seq = g_ascii_strtoll (value, &end, 10);
      else if (g_str_equal (name, "hash"))
        set_text (&anchor->hash, value);
      else if (g_str_equal (name, "at"))
        set_text (&anchor->at, value);
      else if (g_str_equal (name, "reason"))
        set_text (&anchor->reason, value);
      else if (g_str_equal (name, "key"))
        set_text (&anchor->key_id, value);
    }
  if (!is_token (anchor->database_id) || !is_token (anchor->file_tag) || anchor->seq < 1 ||
      !is_token (anchor->hash) || !is_token (anchor->at) || !is_token (anchor->reason) ||
      !is_token (anchor->key_id) || !is_token (anchor->signature))
    return NULL;
  anchor->line = g_steal_pointer (&line);
  return g_steal_pointer (&anchor);
}

gboolean
kes_anchor_is_signed_by (KesAnchor          *anchor,
                         KesInstallationKey *key)
{
  return g_str_equal (anchor->key_id, kes_installation_key_get_id (key)) &&
         kes_installation_key_check (key, anchor->signed_text, anchor->signature);
}

char *
kes_anchor_file_tag (const char *database_path)
{
  g_autofree char *resolved = kes_output_guard_resolve (database_path);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           resolved != NULL ? resolved : database_path, -1);

  return g_strndup (digest, 16);
}

char *
kes_anchor_file_path (void)
{
  const char *env = g_getenv ("KESTREL_ANCHOR_FILE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_state_dir (), "kestrel", "anchors", NULL);
}

gboolean
kes_anchor_file_append (const char  *line,
                        GError     **error)
{
  g_autofree char *path = kes_anchor_file_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  gsize length = strlen (text);
  int fd, saved = 0;
  gboolean ok;

  if (!kes_output_guard_check (path, error))
    return FALSE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not create the folder %s: %s"),
                   folder, g_strerror (saved));
      return FALSE;
    }
  /* One write of one line with O_APPEND: two programs anchoring at once
   * each add a whole line. */
  fd = g_open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  ok = fd >= 0 && write (fd, text, length) == (ssize_t) length && fsync (fd) == 0;
  if (!ok)
    saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  if (!ok)
    g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the anchor file %s: %s"),
                 path, g_strerror (saved));
  return ok;
}

GPtrArray *
kes_anchor_file_read (const char  *path,
                      GError     **error)
{
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_anchor_free);
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&anchors);
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the anchors in %s: %s"),
                   path, local->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      KesAnchor *anchor = kes_anchor_parse (lines[i]);

      if (anchor != NULL)
        g_ptr_array_add (anchors, anchor);
    }
  return g_steal_pointer (&anchors);
}

void
kes_anchor_send_to_journal (const char *line)
{
  const char *wanted = g_getenv ("KESTREL_ANCHOR_JOURNAL");
  g_autofree char *message = NULL;
  GLogField fields[4];

  if (g_strcmp0 (wanted, "0") == 0)
    return;
  message = g_strconcat ("Kestrel access log anchor: ", line, NULL);
  fields[0] = (GLogField) { "MESSAGE", message, -1 };
  fields[1] = (GLogField) { "PRIORITY", "6", -1 };
  fields[2] = (GLogField) { "SYSLOG_IDENTIFIER", "kestrel", -1 };
  fields[3] = (GLogField) { "KESTREL_ANCHOR", line, -1 };
  /* Straight to journald's socket: G_LOG_WRITER_UNHANDLED where there is no
   * journal (a container, another init), and then the anchor file suffices. */
  if (g_log_writer_journald (G_LOG_LEVEL_INFO, fields, G_N_ELEMENTS (fields), NULL) != G_LOG_WRITER_HANDLED)
    g_debug ("No system journal: the anchor is kept in the anchor file only");
}
