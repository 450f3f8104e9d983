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

/* kes_backup_create() run by the app itself, for its daily backup before
 * anyone has signed in: a named system operation, the one thing that runs
 * without a person. Plain (not encrypted), into @folder. */
char     *kes_backup_create_automatic (KesStore    *store,
                                       const char  *folder,
                                       guint        keep,
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

/* ---- For the app: reports, passphrases, the folder's backups ---- */

/* The shortest passphrase accepted for a new backup. */
#define KES_BACKUP_PASSPHRASE_MIN_LENGTH 12

/* What a backup or a restore wrote and what was checked in it: the file
 * passed integrity_check and foreign_key_check, every record's history is
 * whole, and the access log's chain and every revision's hash verify. */
typedef struct
{
  char     *path;          /* the file written */
  gboolean  encrypted;
  guint64   size;          /* bytes on disk */
  guint     records;       /* records (patients, contacts, notes …) in it */
  guint     audit_entries; /* access-log entries whose chain was verified */
} KesBackupReport;

void             kes_backup_report_free      (KesBackupReport  *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupReport, kes_backup_report_free)

/* Whether @passphrase will do for a new backup, typed twice: the two must
 * match, be at least KES_BACKUP_PASSPHRASE_MIN_LENGTH characters and not
 * one character repeated. KES_ERROR_INVALID says what is wrong. */
gboolean         kes_backup_check_passphrase (const char       *passphrase,
                                              const char       *repeated,
                                              GError          **error);

/* kes_backup_create(), with a report of what was written and checked.
 * @cancellable is honoured between the steps (copy, encryption, writing
 * and verifying); once the backup is verified and logged it stands. */
KesBackupReport *kes_backup_create_full      (KesStore         *store,
                                              const char       *folder,
                                              guint             keep,
                                              const char       *passphrase,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* Restores @backup_path to the new file @target_path for the actor of
 * @store, who needs the backup permission: logged as "restore" in @store
 * (the backup's and the new file's names) and in the restored database.
 * The new file is opened and verified again after writing. Cancellable
 * until the new file is written. */
KesBackupReport *kes_backup_restore_full     (KesStore         *store,
                                              const char       *backup_path,
                                              const char       *passphrase,
                                              const char       *target_path,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* A backup file in a folder, as listed for people. */
typedef struct
{
  char      *path;
  char      *name;
  GDateTime *made;      /* from the name (UTC) */
  guint64    size;
  gboolean   encrypted;
} KesBackupFile;

void             kes_backup_file_free        (KesBackupFile    *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupFile, kes_backup_file_free)

/* The backups in @folder (KesBackupFile), newest first; a folder that does
 * not exist yet holds none. */
GPtrArray       *kes_backup_list_folder      (const char       *folder,
                                              GError          **error);

G_END_DECLS
