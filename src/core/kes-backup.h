/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* Backups through SQLite's online backup API, verified after writing
 * (integrity_check, foreign_key_check, the access log's chain and every
 * revision's hash), with keep-N rotation and optional encryption.
 *
 * An encrypted backup is: the magic "KESBAK01", a 16-byte argon2id salt, the
 * argon2id opslimit and memlimit (64-bit little-endian), a
 * crypto_secretstream_xchacha20poly1305 header, then the database in 64 KiB
 * chunks, the last tagged final. The key comes from the passphrase through
 * crypto_pwhash (argon2id). The database is never written to disk in clear
 * on the way. */

/* Names: kestrel-backup-YYYYMMDDTHHMMSSZ-NN.db (plain) or .kbak (encrypted). */
#define KES_BACKUP_PLAIN_SUFFIX     ".db"
#define KES_BACKUP_ENCRYPTED_SUFFIX ".kbak"

/* Writes a backup of @store into @folder (created if needed), reads it back
 * and verifies it, then removes the oldest backups beyond @keep (0 keeps
 * all). Encrypts when @passphrase is not NULL. Logged as "backup". Returns
 * the new file's path. Needs the backup permission. */
char     *kes_backup_create       (KesStore    *store,
                                   const char  *folder,
                                   guint        keep,
                                   const char  *passphrase,
                                   GError     **error);

gboolean  kes_backup_is_encrypted (const char  *path,
                                   GError     **error);

/* Reads @backup_path (decrypting with @passphrase when it is encrypted),
 * verifies it in memory, and only then writes it to @target_path, which
 * must not exist yet; switching to the new file is then a matter of opening
 * it. The restored database logs "restore" as @actor_id when that member of
 * staff is in it. A wrong passphrase and a damaged file fail the same way:
 * the encryption can't tell them apart. */
gboolean  kes_backup_restore      (const char  *backup_path,
                                   const char  *passphrase,
                                   const char  *target_path,
                                   const char  *actor_id,
                                   GError     **error);

G_END_DECLS
