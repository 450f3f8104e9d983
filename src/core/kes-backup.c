/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-store-private.h"
#include "kes-store-verify-private.h"

#define MAGIC        "KESBAK01"
#define MAGIC_LENGTH 8
#define CHUNK        (64 * 1024)
#define HEADER_LENGTH (MAGIC_LENGTH + crypto_pwhash_SALTBYTES + 8 + 8 + \
                       crypto_secretstream_xchacha20poly1305_HEADERBYTES)

static const char sqlite_magic[16] = "SQLite format 3";

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("The cryptography library could not start"));
      return FALSE;
    }
  return TRUE;
}

static void
put_u64 (guint8  *out,
         guint64  value)
{
  for (int i = 0; i < 8; i++)
    out[i] = (guint8) (value >> (8 * i));
}

static guint64
get_u64 (const guint8 *in)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | in[i];
  return value;
}

static gboolean
derive_key (guint8        key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            guint64       memlimit,
            GError      **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt, opslimit, (size_t) memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("There was not enough memory to derive the backup key"));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
encrypt_image (GBytes      *image,
               const char  *passphrase,
               GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  const guint8 *plain = g_bytes_get_data (image, NULL);
  gsize size = g_bytes_get_size (image);
  gsize chunks = size / CHUNK + 1;
  GByteArray *out = g_byte_array_sized_new (HEADER_LENGTH + size +
                                            chunks * crypto_secretstream_xchacha20poly1305_ABYTES);
  guint8 *header;
  gsize offset = 0;

  g_byte_array_set_size (out, HEADER_LENGTH);
  header = out->data;
  memcpy (header, MAGIC, MAGIC_LENGTH);
  randombytes_buf (header + MAGIC_LENGTH, crypto_pwhash_SALTBYTES);
  put_u64 (header + MAGIC_LENGTH + crypto_pwhash_SALTBYTES, crypto_pwhash_OPSLIMIT_INTERACTIVE);
  put_u64 (header + MAGIC_LENGTH + crypto_pwhash_SALTBYTES + 8, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  if (!derive_key (key, passphrase, header + MAGIC_LENGTH, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                   crypto_pwhash_MEMLIMIT_INTERACTIVE, error))
    {
      g_byte_array_unref (out);
      return NULL;
    }
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + HEADER_LENGTH -
                                                   crypto_secretstream_xchacha20poly1305_HEADERBYTES, key);
  sodium_memzero (key, sizeof key);

  do
    {
      gsize length = MIN (CHUNK, size - offset);
      gboolean last = offset + length >= size;
      gsize at = out->len;
      unsigned long long written = 0;

      g_byte_array_set_size (out, at + length + crypto_secretstream_xchacha20poly1305_ABYTES);
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + at, &written, plain + offset, length,
                                                  NULL, 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      g_byte_array_set_size (out, at + (gsize) written);
      offset += length;
    }
  while (offset < size);
  sodium_memzero (&state, sizeof state);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
decrypt_image (const guint8  *data,
               gsize          size,
               const char    *passphrase,
               GError       **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize offset = HEADER_LENGTH;
  gboolean finished = FALSE;
  guint64 opslimit, memlimit;

  if (size < HEADER_LENGTH)
    goto damaged;
  opslimit = get_u64 (data + MAGIC_LENGTH + crypto_pwhash_SALTBYTES);
  memlimit = get_u64 (data + MAGIC_LENGTH + crypto_pwhash_SALTBYTES + 8);
  /* Refuse costs no Kestrel writes, rather than exhaust memory on a forged header. */
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
    goto damaged;
  if (!derive_key (key, passphrase, data + MAGIC_LENGTH, opslimit, memlimit, error))
    return NULL;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, data + HEADER_LENGTH -
                                                       crypto_secretstream_xchacha20poly1305_HEADERBYTES,
                                                       key) != 0)
    {
      sodium_memzero (key, sizeof key);
      goto damaged;
    }
  sodium_memzero (key, sizeof key);

  while (offset < size && !finished)
    {
      gsize length = MIN (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES, size - offset);
      gsize at = out->len;
      unsigned long long plain_length = 0;
      unsigned char tag = 0;

      g_byte_array_set_size (out, at + length);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, out->data + at, &plain_length, &tag,
                                                      data + offset, length, NULL, 0) != 0)
        goto wrong;
      g_byte_array_set_size (out, at + (gsize) plain_length);
      offset += length;
      finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
  /* A cut-short file has no final chunk; extra bytes after it are not ours. */
  if (!finished || offset != size)
    goto damaged;
  sodium_memzero (&state, sizeof state);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));

wrong:
  sodium_memzero (out->data, out->len);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                       _("The passphrase is wrong, or the backup file is damaged: it could not "
                         "be decrypted"));
  return NULL;

damaged:
  if (out->len > 0)
    sodium_memzero (out->data, out->len);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                       _("The backup file is damaged or incomplete: it could not be decrypted"));
  return NULL;
}

/* The database inside a backup file, decrypted when needed. */
static GBytes *
read_backup (const char  *path,
             const char  *passphrase,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;
  GBytes *image;

  if (!kes_output_guard_check_source (path, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup %s: %s"),
                   path, local_error->message);
      return NULL;
    }
  if (size >= MAGIC_LENGTH && memcmp (contents, MAGIC, MAGIC_LENGTH) == 0)
    {
      if (passphrase == NULL)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                       _("The backup %s is encrypted: give its passphrase"), path);
          return NULL;
        }
      if (!ensure_sodium (error))
        return NULL;
      image = decrypt_image ((const guint8 *) contents, size, passphrase, error);
      sodium_memzero (contents, size);
      return image;
    }
  if (size < 100 || memcmp (contents, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("%s is not a Kestrel backup"), path);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), size);
}

/* Verification of an open database; the first problem becomes the error.
 * A backup is checked as a copy (kes-verify.h); a backup about to be
 * restored also for its display tables and the anchors its history reaches;
 * the restored database for everything. */
static gboolean
verify_store (KesStore        *store,
              const char      *label,
              KesVerifyParts   parts,
              GError         **error)
{
  g_autoptr(KesVerifyReport) report = kes_store_verify_run (store, parts, NULL, NULL, NULL, NULL, error);
  g_autoptr(GPtrArray) problems = NULL;

  if (report == NULL)
    return FALSE;
  problems = kes_verify_report_list_problems (report);
  if (problems->len > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("The backup %s failed verification: %s"),
                   label, (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }
  return TRUE;
}

/* Verification of a database image, counting what it holds when @report
 * is given. */
static gboolean
verify_image (GBytes           *image,
              const char       *label,
              KesVerifyParts    parts,
              KesBackupReport  *report,
              GError          **error)
{
  g_autoptr(KesStore) copy = kes_store_open_image (image, label, error);

  if (copy == NULL || !verify_store (copy, label, parts, error))
    return FALSE;
  return report == NULL ||
         kes_store_count_contents (copy, &report->records, &report->audit_entries, error);
}

/* What a backup about to be restored is checked for. */
#define RESTORING (KES_VERIFY_COPY | KES_VERIFY_PART_PROJECTIONS | KES_VERIFY_PART_ANCHORS | \
                   KES_VERIFY_EARLIER_COPY)

gboolean
kes_backup_is_encrypted (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char magic[MAGIC_LENGTH] = { 0 };
  gsize read = 0;

  if (!kes_output_guard_check_source (path, error))
    return FALSE;
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &read, NULL, error))
    return FALSE;
  return read == MAGIC_LENGTH && memcmp (magic, MAGIC, MAGIC_LENGTH) == 0;
}

static gboolean
is_backup_name (const char *name)
{
  return g_str_has_prefix (name, "kestrel-backup-") &&
         (g_str_has_suffix (name, KES_BACKUP_PLAIN_SUFFIX) ||
          g_str_has_suffix (name, KES_BACKUP_ENCRYPTED_SUFFIX));
}

static gint
compare_names_cb (gconstpointer a,
                  gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Oldest first: the names sort by time, then by number within a second. */
static GPtrArray *
list_backups (const char  *folder,
              GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, error);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_backup_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_cb);
  return g_steal_pointer (&names);
}

static char *
new_backup_path (const char *folder,
                 gboolean    encrypted)
{
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("kestrel-backup-%s-%02u%s", stamp, n,
                                               encrypted ? KES_BACKUP_ENCRYPTED_SUFFIX
                                                         : KES_BACKUP_PLAIN_SUFFIX);
      char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

static gboolean
write_private (const char  *path,
               GBytes      *bytes,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Written to a temporary name and renamed, so a half-written file never
   * carries a backup's name; readable by the owner only. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rotate (const char  *folder,
        guint        keep,
        GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;

  if (keep == 0)
    return TRUE;
  names = list_backups (folder, error);
  if (names == NULL)
    return FALSE;
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      /* A database opened straight from the backups folder is not deleted. */
      if (!kes_output_guard_check (path, NULL))
        continue;
      if (g_unlink (path) != 0)
        {
          int saved = errno;
          g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not remove the old backup %s: %s"),
                       path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

char *
kes_backup_create (KesStore    *store,
                   const char  *folder,
                   guint        keep,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(KesBackupReport) report = kes_backup_create_full (store, folder, keep, passphrase, NULL,
                                                              error);

  return report != NULL ? g_steal_pointer (&report->path) : NULL;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped: nothing was written"));
  return TRUE;
}

KesBackupReport *
kes_backup_create_full (KesStore      *store,
                        const char    *folder,
                        guint          keep,
                        const char    *passphrase,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(KesBackupReport) report = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) reread = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (passphrase != NULL && *passphrase == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("The backup passphrase is empty"));
      return NULL;
    }
  if (!kes_store_check_permission (store, KES_PERMISSION_BACKUP, NULL, error) ||
      !kes_output_guard_check (folder, error))
    return NULL;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not create the folder %s: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }

  /* The access log's head, signed, into the database just before it is
   * copied: every backup carries an anchor of the history it holds (and the
   * anchor file and the journal get it too). */
  if (cancelled (cancellable, error) || !kes_store_anchor (store, "backup", TRUE, error) ||
      (image = kes_store_backup_image (store, error)) == NULL || cancelled (cancellable, error))
    return NULL;
  if (passphrase != NULL)
    {
      if (!ensure_sodium (error) || (written = encrypt_image (image, passphrase, error)) == NULL ||
          cancelled (cancellable, error))
        return NULL;
    }
  else
    written = g_bytes_ref (image);

  report = g_new0 (KesBackupReport, 1);
  path = new_backup_path (folder, passphrase != NULL);
  if (!kes_output_guard_check (path, error) || !write_private (path, written, error))
    return NULL;

  /* Read back what is on disk and check it as a restore would. */
  reread = read_backup (path, passphrase, error);
  if (reread == NULL || !g_bytes_equal (reread, image) ||
      !verify_image (reread, path, KES_VERIFY_COPY, report, error) || cancelled (cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KES_ERROR, KES_ERROR_IO,
                     _("The backup %s did not read back as written"), path);
      g_unlink (path);
      return NULL;
    }

  name = g_path_get_basename (path);
  summary = g_strdup_printf ("%s%s", name, passphrase != NULL ? " (encrypted)" : "");
  if (!kes_store_audit (store, KES_AUDIT_BACKUP, NULL, NULL, summary, error) ||
      !rotate (folder, keep, error))
    return NULL;
  report->encrypted = passphrase != NULL;
  report->size = g_bytes_get_size (written);
  report->path = g_steal_pointer (&path);
  return g_steal_pointer (&report);
}

gboolean
kes_backup_restore (const char  *backup_path,
                    const char  *passphrase,
                    const char  *target_path,
                    const char  *actor_id,
                    GError     **error)
{
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KesStore) restored = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (target_path != NULL, FALSE);

  if (!kes_output_guard_check (target_path, error))
    return FALSE;
  if (g_file_test (target_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s already exists: restore to a new file, then switch to it"), target_path);
      return FALSE;
    }
  image = read_backup (backup_path, passphrase, error);
  if (image == NULL || !verify_image (image, backup_path, RESTORING, NULL, error))
    return FALSE;
  if (!write_private (target_path, image, error))
    return FALSE;

  restored = kes_store_open (target_path, error);
  if (restored == NULL)
    return FALSE;
  if (actor_id != NULL)
    actor = kes_store_find_staff (restored, actor_id, NULL);
  kes_store_set_actor (restored, actor);
  name = g_path_get_basename (backup_path);
  return kes_store_audit (restored, KES_AUDIT_RESTORE, NULL, NULL, name, error);
}

KesBackupReport *
kes_backup_restore_full (KesStore      *store,
                         const char    *backup_path,
                         const char    *passphrase,
                         const char    *target_path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(KesBackupReport) report = g_new0 (KesBackupReport, 1);
  g_autoptr(GBytes) image = NULL;
  g_autoptr(KesStore) restored = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autofree char *backup_name = NULL;
  g_autofree char *target_name = NULL;
  g_autofree char *summary = NULL;
  KesStaff *acting;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (target_path != NULL, NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_BACKUP, NULL, error) ||
      !kes_output_guard_check (target_path, error))
    return NULL;
  if (g_file_test (target_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s already exists: restore to a new file, then switch to it"), target_path);
      return NULL;
    }
  report->encrypted = kes_backup_is_encrypted (backup_path, NULL);
  if (report->encrypted && (passphrase == NULL || *passphrase == '\0'))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("This backup is encrypted: type its passphrase"));
      return NULL;
    }
  if (cancelled (cancellable, error) ||
      (image = read_backup (backup_path, report->encrypted ? passphrase : NULL, error)) == NULL ||
      cancelled (cancellable, error) || !verify_image (image, backup_path, RESTORING, NULL, error) ||
      cancelled (cancellable, error))
    return NULL;
  if (!write_private (target_path, image, error))
    return NULL;

  /* Opened as Kestrel will open it (migrated if it is older), then checked again. */
  restored = kes_store_open (target_path, error);
  if (restored == NULL)
    return NULL;
  acting = kes_store_get_actor (store);
  if (acting != NULL)
    actor = kes_store_find_staff (restored, kes_staff_get_id (acting), NULL);
  kes_store_set_actor (restored, actor);
  backup_name = g_path_get_basename (backup_path);
  target_name = g_path_get_basename (target_path);
  summary = g_strdup_printf ("%s to %s", backup_name, target_name);
  if (!kes_store_audit (restored, KES_AUDIT_RESTORE, NULL, NULL, backup_name, error) ||
      !verify_store (restored, target_path, KES_VERIFY_ALL, error) ||
      !kes_store_count_contents (restored, &report->records, &report->audit_entries, error) ||
      !kes_store_audit (store, KES_AUDIT_RESTORE, NULL, NULL, summary, error))
    return NULL;
  report->size = g_bytes_get_size (image);
  report->path = g_strdup (target_path);
  return g_steal_pointer (&report);
}

void
kes_backup_report_free (KesBackupReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report);
}

gboolean
kes_backup_check_passphrase (const char  *passphrase,
                             const char  *repeated,
                             GError     **error)
{
  const char *p;
  gboolean one_character = TRUE;

  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Type a passphrase for the backup"));
      return FALSE;
    }
  if (!g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < KES_BACKUP_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The passphrase is too short: use at least %d character",
                                "The passphrase is too short: use at least %d characters",
                                KES_BACKUP_PASSPHRASE_MIN_LENGTH),
                   KES_BACKUP_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }
  for (p = g_utf8_next_char (passphrase); *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != g_utf8_get_char (passphrase))
      one_character = FALSE;
  if (one_character)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The passphrase is one character repeated: use words that are hard to guess"));
      return FALSE;
    }
  if (g_strcmp0 (passphrase, repeated) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The two passphrases are different: type the same passphrase twice"));
      return FALSE;
    }
  return TRUE;
}

void
kes_backup_file_free (KesBackupFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->name);
  g_clear_pointer (&file->made, g_date_time_unref);
  g_free (file);
}

/* "kestrel-backup-20261121T091500Z-01.db": the time in the name. */
static GDateTime *
time_from_name (const char *name)
{
  int year, month, day, hour, minute, second;

  if (sscanf (name, "kestrel-backup-%4d%2d%2dT%2d%2d%2dZ", &year, &month, &day, &hour, &minute,
              &second) != 6)
    return NULL;
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

GPtrArray *
kes_backup_list_folder (const char  *folder,
                        GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_backup_file_free);
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&files);
  names = list_backups (folder, error);
  if (names == NULL)
    return NULL;
  for (guint i = names->len; i > 0; i--)
    {
      const char *name = g_ptr_array_index (names, i - 1);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf info;
      KesBackupFile *file;

      if (g_stat (path, &info) != 0 || !S_ISREG (info.st_mode))
        continue;
      file = g_new0 (KesBackupFile, 1);
      file->name = g_strdup (name);
      file->path = g_steal_pointer (&path);
      file->made = time_from_name (name);
      file->size = (guint64) info.st_size;
      file->encrypted = g_str_has_suffix (name, KES_BACKUP_ENCRYPTED_SUFFIX);
      g_ptr_array_add (files, file);
    }
  return g_steal_pointer (&files);
}
