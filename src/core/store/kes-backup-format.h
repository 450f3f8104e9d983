/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Core-internal: the bytes of a backup file, written and read as streams
 * (a fixed amount of memory whatever the database's size).
 *
 * Plain: the SQLite database itself (a rollback-journal
 * database: header bytes 18 and 19 are 1), so sqlite3 still opens it,
 * followed by a 64-byte trailer that SQLite ignores:
 *   "KESSHA02" | database size (u64 LE) | database id (16 bytes) |
 *   SHA-256 of everything before these 32 bytes.
 *
 * Encrypted: an 80-byte header
 *   "KESBAK02" | argon2id salt (16) | opslimit (u64 LE) | memlimit (u64 LE) |
 *   database id (16) | crypto_secretstream_xchacha20poly1305 header (24)
 * then the database in 64 KiB messages of that stream, the first carrying
 * the header's first 56 bytes as additional data and the last tagged final.
 * The key comes from the passphrase through argon2id (4 passes over
 * 32 MiB; the costs are in the header).
 *
 * Read as well, as Kestrel wrote them before December 2026: a bare SQLite database
 * (plain, no checksum) and "KESBAK01" (the encrypted layout without the
 * database id or additional data).
 *
 * Restore reads a file twice: once to check its checksum or its
 * authentication before anything is written, then again to write the
 * database out, checking it again on the way. */

typedef enum
{
  KES_BACKUP_FORMAT_PLAIN,
  KES_BACKUP_FORMAT_ENCRYPTED,
  KES_BACKUP_FORMAT_PLAIN_LEGACY,
  KES_BACKUP_FORMAT_ENCRYPTED_LEGACY,
} KesBackupFormat;

/* A database id: 32 lower-case hex digits (see migration 0012). */
#define KES_DATABASE_ID_LENGTH 32

typedef struct
{
  KesBackupFormat format;
  guint64         size;                                   /* bytes on disk */
  char            database_id[KES_DATABASE_ID_LENGTH + 1]; /* "" when not recorded */
} KesBackupInfo;

/* What the file open on @fd is, from its first and last bytes (it is not
 * read through). KES_ERROR_CORRUPT, naming @label, when it is not a backup
 * or is cut short. */
gboolean          kes_backup_format_identify      (int                 fd,
                                                   const char         *label,
                                                   KesBackupInfo      *info,
                                                   GError            **error);
gboolean          kes_backup_format_is_encrypted  (KesBackupFormat     format);

/* Turns the database written on @fd (from offset 0 to its end) into a plain
 * backup: appends the trailer with its SHA-256 and syncs. */
gboolean          kes_backup_format_seal_plain    (int                 fd,
                                                   const char         *database_id,
                                                   GCancellable       *cancellable,
                                                   GError            **error);

/* Writes an encrypted backup to @fd as the database's bytes are pushed. */
typedef struct _KesBackupSealer KesBackupSealer;

/* Derives the key from @passphrase (argon2id) and writes the header: do it
 * before other work, so that the key's memory is given back first. */
KesBackupSealer  *kes_backup_sealer_new           (int                 fd,
                                                   const char         *passphrase,
                                                   const char         *database_id,
                                                   GError            **error);
gboolean          kes_backup_sealer_push          (KesBackupSealer    *sealer,
                                                   const guint8       *data,
                                                   gsize               length,
                                                   GError            **error);
/* Ends the stream and syncs; @sha256 gets the SHA-256 of all that was pushed. */
gboolean          kes_backup_sealer_finish        (KesBackupSealer    *sealer,
                                                   guint8              sha256[32],
                                                   GError            **error);
void              kes_backup_sealer_free          (KesBackupSealer    *sealer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupSealer, kes_backup_sealer_free)

/* Reads a backup file of any format. */
typedef struct _KesBackupReader KesBackupReader;

/* Opens and identifies @path; derives the key when it is encrypted (a
 * passphrase is then needed: KES_ERROR_INVALID without one). */
KesBackupReader  *kes_backup_reader_open          (const char         *path,
                                                   const char         *passphrase,
                                                   GError            **error);
const KesBackupInfo *kes_backup_reader_get_info   (KesBackupReader    *reader);
/* Reads the whole file, checking its SHA-256 (plain) or authenticating
 * every message (encrypted); writes the database to @out_fd as it goes
 * unless @out_fd is -1. @sha256, when not NULL, gets the SHA-256 of the
 * database. A wrong passphrase is KES_ERROR_PERMISSION, a damaged or
 * cut-short file KES_ERROR_CORRUPT: both say what to do. */
gboolean          kes_backup_reader_run           (KesBackupReader    *reader,
                                                   int                 out_fd,
                                                   guint8              sha256[32],
                                                   GCancellable       *cancellable,
                                                   GError            **error);
void              kes_backup_reader_free          (KesBackupReader    *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupReader, kes_backup_reader_free)

/* Low-level helpers shared with the backup code. */
gboolean          kes_backup_write_all            (int                 fd,
                                                   const guint8       *data,
                                                   gsize               length,
                                                   GError            **error);
/* TRUE, with G_IO_ERROR_CANCELLED ("Stopped: nothing was written"), once
 * @cancellable is cancelled. */
gboolean          kes_backup_cancelled            (GCancellable       *cancellable,
                                                   GError            **error);
/* Reads up to @length bytes at @offset; *@got says how many (fewer at the end). */
gboolean          kes_backup_read_at              (int                 fd,
                                                   guint8             *data,
                                                   gsize               length,
                                                   guint64             offset,
                                                   gsize              *got,
                                                   GError            **error);

G_END_DECLS
