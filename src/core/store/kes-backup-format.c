/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup-format"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <sodium.h>

#include "kes-backup-format.h"
#include "kes-error.h"

#define ENCRYPTED_MAGIC        "KESBAK02"
#define ENCRYPTED_LEGACY_MAGIC "KESBAK01"
#define TRAILER_MAGIC          "KESSHA02"
#define MAGIC_LENGTH           8
#define SALT_LENGTH            crypto_pwhash_SALTBYTES
#define STREAM_HEADER_LENGTH   crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define ABYTES                 crypto_secretstream_xchacha20poly1305_ABYTES
#define KEY_LENGTH             crypto_secretstream_xchacha20poly1305_KEYBYTES
#define ID_BYTES               (KES_DATABASE_ID_LENGTH / 2)
#define CHUNK                  (64 * 1024)
/* Plain databases are read and hashed in larger pieces. */
#define READ_SIZE              (1024 * 1024)
/* The argon2id costs of a new backup's key: four passes over 32 MiB. The
 * same work for someone guessing passphrases (time × memory) as libsodium's
 * "interactive" two passes over 64 MiB, which Kestrel used before, in half
 * the memory: a backup's memory stays within 64 MB of the process's. Well
 * above OWASP's minimum for argon2id (t=4, m=9 MiB). The costs are in each
 * file's header, so older backups are read with their own. */
#define KDF_OPSLIMIT           4
#define KDF_MEMLIMIT           (32 * 1024 * 1024)

/* Offsets in the encrypted header. */
#define SALT_AT      MAGIC_LENGTH
#define OPSLIMIT_AT  (SALT_AT + SALT_LENGTH)
#define MEMLIMIT_AT  (OPSLIMIT_AT + 8)
#define ID_AT        (MEMLIMIT_AT + 8)
#define LEGACY_HEADER_LENGTH (MEMLIMIT_AT + 8 + STREAM_HEADER_LENGTH)
#define AD_LENGTH    (ID_AT + ID_BYTES)
#define HEADER_LENGTH (AD_LENGTH + STREAM_HEADER_LENGTH)

/* The plain trailer. */
#define TRAILER_SIZE_AT   MAGIC_LENGTH
#define TRAILER_ID_AT     (TRAILER_SIZE_AT + 8)
#define TRAILER_DIGEST_AT (TRAILER_ID_AT + ID_BYTES)
#define TRAILER_LENGTH    (TRAILER_DIGEST_AT + 32)

G_STATIC_ASSERT (HEADER_LENGTH == 80);
G_STATIC_ASSERT (LEGACY_HEADER_LENGTH == 64);
G_STATIC_ASSERT (TRAILER_LENGTH == 64);

static const char sqlite_magic[16] = "SQLite format 3";

/* ---- Bytes ---- */

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

gboolean
kes_backup_write_all (int            fd,
                      const guint8  *data,
                      gsize          length,
                      GError       **error)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

gboolean
kes_backup_read_at (int       fd,
                    guint8   *data,
                    gsize     length,
                    guint64   offset,
                    gsize    *got,
                    GError  **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = pread (fd, data + done, length - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  *got = done;
  return TRUE;
}

static gboolean
sync_fd (int      fd,
         GError **error)
{
  if (fsync (fd) != 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup to the disk: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
id_to_bytes (const char *database_id,
             guint8      out[ID_BYTES])
{
  size_t length = 0;

  return database_id != NULL && strlen (database_id) == KES_DATABASE_ID_LENGTH &&
         sodium_hex2bin (out, ID_BYTES, database_id, KES_DATABASE_ID_LENGTH, NULL, &length, NULL) == 0 &&
         length == ID_BYTES;
}

static void
id_from_bytes (const guint8 *in,
               char          out[KES_DATABASE_ID_LENGTH + 1])
{
  sodium_bin2hex (out, KES_DATABASE_ID_LENGTH + 1, in, ID_BYTES);
}

gboolean
kes_backup_cancelled (GCancellable  *cancellable,
                      GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Stopped: nothing was written"));
  return TRUE;
}

static gboolean
damaged (GError     **error,
         const char  *label,
         const char  *what)
{
  /* TRANSLATORS: "The backup /…/kestrel-backup-….db is damaged: it ends too early. …" */
  g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT,
               _("The backup %s is damaged: %s. Nothing was restored from it: use another backup."),
               label, what);
  return FALSE;
}

/* ---- Identifying a file ---- */

static guint
sqlite_page_size (const guint8 *header)
{
  guint size = ((guint) header[16] << 8) | header[17];

  return size == 1 ? 65536 : size;
}

gboolean
kes_backup_format_is_encrypted (KesBackupFormat format)
{
  return format == KES_BACKUP_FORMAT_ENCRYPTED || format == KES_BACKUP_FORMAT_ENCRYPTED_LEGACY;
}

static gboolean
identify_plain (int            fd,
                const char    *label,
                const guint8  *head,
                KesBackupInfo *info,
                GError       **error)
{
  guint8 tail[TRAILER_LENGTH];
  guint page = sqlite_page_size (head);
  gsize got = 0;

  if (info->size >= TRAILER_LENGTH + 512)
    {
      if (!kes_backup_read_at (fd, tail, sizeof tail, info->size - TRAILER_LENGTH, &got, error))
        return FALSE;
      if (got == sizeof tail && memcmp (tail, TRAILER_MAGIC, MAGIC_LENGTH) == 0)
        {
          if (get_u64 (tail + TRAILER_SIZE_AT) != info->size - TRAILER_LENGTH)
            return damaged (error, label, _("its recorded size is not its size"));
          info->format = KES_BACKUP_FORMAT_PLAIN;
          id_from_bytes (tail + TRAILER_ID_AT, info->database_id);
          return TRUE;
        }
    }
  /* Written before backups carried a checksum: a bare database, a whole
   * number of pages long. Anything else was cut short or added to. */
  if (page < 512 || page > 65536 || (page & (page - 1)) != 0 || info->size % page != 0)
    return damaged (error, label, _("it is not a whole database (it was cut short, or its end is damaged)"));
  info->format = KES_BACKUP_FORMAT_PLAIN_LEGACY;
  return TRUE;
}

gboolean
kes_backup_format_identify (int            fd,
                            const char    *label,
                            KesBackupInfo *info,
                            GError       **error)
{
  guint8 head[100] = { 0 };
  struct stat status;
  gsize got = 0;

  memset (info, 0, sizeof *info);
  if (fstat (fd, &status) != 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup %s: %s"), label,
                   g_strerror (saved));
      return FALSE;
    }
  info->size = (guint64) status.st_size;
  if (!kes_backup_read_at (fd, head, sizeof head, 0, &got, error))
    return FALSE;

  if (got >= MAGIC_LENGTH && memcmp (head, ENCRYPTED_MAGIC, MAGIC_LENGTH) == 0)
    {
      if (info->size < HEADER_LENGTH + ABYTES)
        return damaged (error, label, _("it ends too early"));
      info->format = KES_BACKUP_FORMAT_ENCRYPTED;
      id_from_bytes (head + ID_AT, info->database_id);
      return TRUE;
    }
  if (got >= MAGIC_LENGTH && memcmp (head, ENCRYPTED_LEGACY_MAGIC, MAGIC_LENGTH) == 0)
    {
      if (info->size < LEGACY_HEADER_LENGTH + ABYTES)
        return damaged (error, label, _("it ends too early"));
      info->format = KES_BACKUP_FORMAT_ENCRYPTED_LEGACY;
      return TRUE;
    }
  if (got == sizeof head && memcmp (head, sqlite_magic, sizeof sqlite_magic) == 0)
    return identify_plain (fd, label, head, info, error);

  g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT,
               _("%s is not a Kestrel backup, or its first bytes are damaged"), label);
  return FALSE;
}

/* ---- Plain: the trailer ---- */

/* The trailer's digest: SHA-256 over a label, the database's SHA-256 and the
 * trailer's own fields, so the database is hashed once. */
static void
trailer_digest (const guint8 image_sha256[32],
                const guint8 trailer[TRAILER_LENGTH],
                guint8       digest[32])
{
  crypto_hash_sha256_state state;
  static const char label[] = "kestrel-backup-2";

  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, (const guint8 *) label, sizeof label - 1);
  crypto_hash_sha256_update (&state, image_sha256, 32);
  crypto_hash_sha256_update (&state, trailer, TRAILER_DIGEST_AT);
  crypto_hash_sha256_final (&state, digest);
}

/* SHA-256 of the first @size bytes of @fd, copied to @out_fd unless it is -1. */
static gboolean
hash_range (int            fd,
            guint64        size,
            int            out_fd,
            guint8         sha256[32],
            GCancellable  *cancellable,
            GError       **error)
{
  crypto_hash_sha256_state state;
  g_autofree guint8 *buffer = g_malloc (READ_SIZE);
  guint64 offset = 0;

  crypto_hash_sha256_init (&state);
  while (offset < size)
    {
      gsize want = (gsize) MIN ((guint64) READ_SIZE, size - offset);
      gsize got = 0;

      if (kes_backup_cancelled (cancellable, error) ||
          !kes_backup_read_at (fd, buffer, want, offset, &got, error))
        return FALSE;
      if (got != want)
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                               _("The backup file became shorter while it was read"));
          return FALSE;
        }
      crypto_hash_sha256_update (&state, buffer, got);
      if (out_fd >= 0 && !kes_backup_write_all (out_fd, buffer, got, error))
        return FALSE;
      offset += got;
    }
  crypto_hash_sha256_final (&state, sha256);
  return TRUE;
}

gboolean
kes_backup_format_seal_plain (int            fd,
                              const char    *database_id,
                              GCancellable  *cancellable,
                              GError       **error)
{
  guint8 trailer[TRAILER_LENGTH] = { 0 };
  guint8 image_sha256[32];
  struct stat status;

  g_return_val_if_fail (fd >= 0, FALSE);

  if (fstat (fd, &status) != 0 || status.st_size < 512)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO, _("The backup’s copy of the database is empty"));
      return FALSE;
    }
  memcpy (trailer, TRAILER_MAGIC, MAGIC_LENGTH);
  put_u64 (trailer + TRAILER_SIZE_AT, (guint64) status.st_size);
  if (!id_to_bytes (database_id, trailer + TRAILER_ID_AT))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("The database has no identity to record"));
      return FALSE;
    }
  if (!hash_range (fd, (guint64) status.st_size, -1, image_sha256, cancellable, error))
    return FALSE;
  trailer_digest (image_sha256, trailer, trailer + TRAILER_DIGEST_AT);
  if (lseek (fd, status.st_size, SEEK_SET) < 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write the backup: %s"), g_strerror (saved));
      return FALSE;
    }
  return kes_backup_write_all (fd, trailer, sizeof trailer, error) && sync_fd (fd, error);
}

/* ---- Encrypted: keys ---- */

static gboolean
derive_key (guint8        key[KEY_LENGTH],
            const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            guint64       memlimit,
            GError      **error)
{
  if (crypto_pwhash (key, KEY_LENGTH, passphrase, strlen (passphrase), salt, opslimit,
                     (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_IO,
                           _("There was not enough memory to derive the backup key"));
      return FALSE;
    }
  return TRUE;
}

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

/* ---- Encrypted: writing ---- */

struct _KesBackupSealer
{
  int                                          fd;
  crypto_secretstream_xchacha20poly1305_state  state;
  crypto_hash_sha256_state                     sha256;
  guint8                                       header[HEADER_LENGTH];
  gboolean                                     first;   /* the next message carries the header as AD */
  guint8                                      *buffer;  /* CHUNK bytes in clear, waiting */
  gsize                                        filled;
  guint8                                      *out;     /* one sealed message */
};

KesBackupSealer *
kes_backup_sealer_new (int          fd,
                       const char  *passphrase,
                       const char  *database_id,
                       GError     **error)
{
  g_autoptr(KesBackupSealer) sealer = NULL;
  guint8 key[KEY_LENGTH];

  g_return_val_if_fail (fd >= 0, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  sealer = g_new0 (KesBackupSealer, 1);
  sealer->fd = fd;
  sealer->first = TRUE;
  sealer->buffer = g_malloc (CHUNK);
  sealer->out = g_malloc (CHUNK + ABYTES);
  crypto_hash_sha256_init (&sealer->sha256);

  memcpy (sealer->header, ENCRYPTED_MAGIC, MAGIC_LENGTH);
  randombytes_buf (sealer->header + SALT_AT, SALT_LENGTH);
  put_u64 (sealer->header + OPSLIMIT_AT, KDF_OPSLIMIT);
  put_u64 (sealer->header + MEMLIMIT_AT, KDF_MEMLIMIT);
  if (!id_to_bytes (database_id, sealer->header + ID_AT))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("The database has no identity to record"));
      return NULL;
    }
  if (!derive_key (key, passphrase, sealer->header + SALT_AT, KDF_OPSLIMIT, KDF_MEMLIMIT, error))
    return NULL;
  crypto_secretstream_xchacha20poly1305_init_push (&sealer->state, sealer->header + AD_LENGTH, key);
  sodium_memzero (key, sizeof key);
  if (!kes_backup_write_all (fd, sealer->header, sizeof sealer->header, error))
    return NULL;
  return g_steal_pointer (&sealer);
}

static gboolean
emit (KesBackupSealer  *sealer,
      unsigned char     tag,
      GError          **error)
{
  unsigned long long length = 0;

  crypto_secretstream_xchacha20poly1305_push (&sealer->state, sealer->out, &length, sealer->buffer,
                                              sealer->filled,
                                              sealer->first ? sealer->header : NULL,
                                              sealer->first ? AD_LENGTH : 0, tag);
  sealer->first = FALSE;
  sodium_memzero (sealer->buffer, sealer->filled);
  sealer->filled = 0;
  return kes_backup_write_all (sealer->fd, sealer->out, (gsize) length, error);
}

gboolean
kes_backup_sealer_push (KesBackupSealer  *sealer,
                        const guint8     *data,
                        gsize             length,
                        GError          **error)
{
  crypto_hash_sha256_update (&sealer->sha256, data, length);
  while (length > 0)
    {
      gsize part;

      /* A full buffer goes out only once more follows: the last message
       * must be the one tagged final. */
      if (sealer->filled == CHUNK && !emit (sealer, 0, error))
        return FALSE;
      part = MIN (length, CHUNK - sealer->filled);
      memcpy (sealer->buffer + sealer->filled, data, part);
      sealer->filled += part;
      data += part;
      length -= part;
    }
  return TRUE;
}

gboolean
kes_backup_sealer_finish (KesBackupSealer  *sealer,
                          guint8            sha256[32],
                          GError          **error)
{
  if (!emit (sealer, crypto_secretstream_xchacha20poly1305_TAG_FINAL, error) || !sync_fd (sealer->fd, error))
    return FALSE;
  crypto_hash_sha256_final (&sealer->sha256, sha256);
  return TRUE;
}

void
kes_backup_sealer_free (KesBackupSealer *sealer)
{
  if (sealer == NULL)
    return;
  sodium_memzero (&sealer->state, sizeof sealer->state);
  if (sealer->buffer != NULL)
    sodium_memzero (sealer->buffer, CHUNK);
  g_free (sealer->buffer);
  g_free (sealer->out);
  g_free (sealer);
}

/* ---- Reading ---- */

struct _KesBackupReader
{
  int            fd;
  char          *label;
  KesBackupInfo  info;
  guint8         header[HEADER_LENGTH];
  gsize          header_length;    /* encrypted: bytes before the first message */
  gsize          ad_length;        /* additional data of the first message */
  guint8         key[KEY_LENGTH];  /* encrypted only */
};

static gboolean
read_key (KesBackupReader  *reader,
          const char       *passphrase,
          GError          **error)
{
  gboolean legacy = reader->info.format == KES_BACKUP_FORMAT_ENCRYPTED_LEGACY;
  guint64 opslimit, memlimit;
  gsize got = 0;

  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID, _("The backup %s is encrypted: give its passphrase"),
                   reader->label);
      return FALSE;
    }
  reader->header_length = legacy ? LEGACY_HEADER_LENGTH : HEADER_LENGTH;
  reader->ad_length = legacy ? 0 : AD_LENGTH;
  if (!ensure_sodium (error) ||
      !kes_backup_read_at (reader->fd, reader->header, reader->header_length, 0, &got, error))
    return FALSE;
  opslimit = get_u64 (reader->header + OPSLIMIT_AT);
  memlimit = get_u64 (reader->header + MEMLIMIT_AT);
  /* Kestrel has written 64 MiB or less; a forged header asking for far more
   * memory is refused rather than obeyed. */
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MODERATE)
    return damaged (error, reader->label, _("its first bytes are not as Kestrel writes them"));
  return derive_key (reader->key, passphrase, reader->header + SALT_AT, opslimit, memlimit, error);
}

KesBackupReader *
kes_backup_reader_open (const char  *path,
                        const char  *passphrase,
                        GError     **error)
{
  g_autoptr(KesBackupReader) reader = g_new0 (KesBackupReader, 1);

  g_return_val_if_fail (path != NULL, NULL);

  reader->fd = -1;
  reader->label = g_strdup (path);
  reader->fd = open (path, O_RDONLY | O_CLOEXEC);
  if (reader->fd < 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup %s: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  if (!kes_backup_format_identify (reader->fd, path, &reader->info, error))
    return NULL;
  if (kes_backup_format_is_encrypted (reader->info.format) && !read_key (reader, passphrase, error))
    return NULL;
  return g_steal_pointer (&reader);
}

const KesBackupInfo *
kes_backup_reader_get_info (KesBackupReader *reader)
{
  return &reader->info;
}

static gboolean
run_plain (KesBackupReader  *reader,
           int               out_fd,
           guint8            sha256[32],
           GCancellable     *cancellable,
           GError          **error)
{
  gboolean legacy = reader->info.format == KES_BACKUP_FORMAT_PLAIN_LEGACY;
  guint64 size = legacy ? reader->info.size : reader->info.size - TRAILER_LENGTH;
  guint8 trailer[TRAILER_LENGTH];
  guint8 expected[32];
  gsize got = 0;

  if (!hash_range (reader->fd, size, out_fd, sha256, cancellable, error))
    return FALSE;
  if (legacy)
    return TRUE;
  if (!kes_backup_read_at (reader->fd, trailer, sizeof trailer, size, &got, error))
    return FALSE;
  if (got != sizeof trailer || memcmp (trailer, TRAILER_MAGIC, MAGIC_LENGTH) != 0)
    return damaged (error, reader->label, _("its end changed while it was read"));
  trailer_digest (sha256, trailer, expected);
  if (sodium_memcmp (expected, trailer + TRAILER_DIGEST_AT, 32) != 0)
    return damaged (error, reader->label,
                    _("its contents do not match the SHA-256 checksum recorded when it was made"));
  return TRUE;
}

static gboolean
run_encrypted (KesBackupReader  *reader,
               int               out_fd,
               guint8            sha256[32],
               GCancellable     *cancellable,
               GError          **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  crypto_hash_sha256_state hash;
  g_autofree guint8 *in = g_malloc (CHUNK + ABYTES);
  g_autofree guint8 *plain = g_malloc (CHUNK);
  guint64 offset = reader->header_length;
  gboolean finished = FALSE;
  gboolean ok = FALSE;
  guint64 message = 0;

  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, reader->header + reader->header_length -
                                                       STREAM_HEADER_LENGTH, reader->key) != 0)
    return damaged (error, reader->label, _("its first bytes are not as Kestrel writes them"));
  crypto_hash_sha256_init (&hash);

  while (offset < reader->info.size && !finished)
    {
      unsigned long long plain_length = 0;
      unsigned char tag = 0;
      gsize got = 0;

      if (kes_backup_cancelled (cancellable, error) ||
          !kes_backup_read_at (reader->fd, in, CHUNK + ABYTES, offset, &got, error))
        goto out;
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag, in, got,
                                                      message == 0 ? reader->header : NULL,
                                                      message == 0 ? reader->ad_length : 0) != 0)
        {
          /* The first message opens only with the right key; a later one
           * failing means the file, not the passphrase, is wrong. */
          if (message == 0)
            g_set_error_literal (error, KES_ERROR, KES_ERROR_PERMISSION,
                                 _("The passphrase is wrong, or the backup file is damaged: it could "
                                   "not be decrypted"));
          else
            {
              g_autofree char *where = g_strdup_printf (
                _("the part from byte %" G_GUINT64_FORMAT " does not decrypt as it was written"), offset);
              damaged (error, reader->label, where);
            }
          goto out;
        }
      crypto_hash_sha256_update (&hash, plain, (gsize) plain_length);
      if (out_fd >= 0 && !kes_backup_write_all (out_fd, plain, (gsize) plain_length, error))
        goto out;
      offset += got;
      message++;
      finished = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
  /* A cut-short file has no final message; bytes after it are not ours. */
  if (!finished)
    damaged (error, reader->label, _("it ends too early"));
  else if (offset != reader->info.size)
    damaged (error, reader->label, _("something was added after its end"));
  else
    ok = TRUE;

out:
  sodium_memzero (&state, sizeof state);
  sodium_memzero (plain, CHUNK);
  if (ok && sha256 != NULL)
    crypto_hash_sha256_final (&hash, sha256);
  return ok;
}

gboolean
kes_backup_reader_run (KesBackupReader  *reader,
                       int               out_fd,
                       guint8            sha256[32],
                       GCancellable     *cancellable,
                       GError          **error)
{
  guint8 digest[32];

  g_return_val_if_fail (reader != NULL, FALSE);

  if (kes_backup_format_is_encrypted (reader->info.format))
    return run_encrypted (reader, out_fd, sha256 != NULL ? sha256 : digest, cancellable, error);
  return run_plain (reader, out_fd, sha256 != NULL ? sha256 : digest, cancellable, error);
}

void
kes_backup_reader_free (KesBackupReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->fd >= 0)
    close (reader->fd);
  sodium_memzero (reader->key, sizeof reader->key);
  g_free (reader->label);
  g_free (reader);
}
