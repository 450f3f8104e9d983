/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* Backups through SQLite's online backup API, streamed: the memory a backup
 * or a restore takes does not grow with the database. Each backup is
 * verified before it counts (integrity_check, foreign_key_check, the access
 * log's chain and every revision's hash), carries a SHA-256 of itself
 * (plain) or is one authenticated stream (encrypted), and is logged in the
 * access log at the moment it takes its name: a process killed at any point
 * leaves either no backup or a backup and its entry (kes-backup-folder.h).
 * The byte layout is in kes-backup-format.h. An encrypted backup never
 * exists on disk in clear, not even while it is made. */

/* Names: kestrel-backup-YYYYMMDDTHHMMSSZ-NN.db (plain) or .kbak (encrypted). */
#define KES_BACKUP_PLAIN_SUFFIX     ".db"
#define KES_BACKUP_ENCRYPTED_SUFFIX ".kbak"

/* Writes a backup of @store into @folder (created if needed), verifies it
 * and reads it back, then removes the oldest of this database's backups
 * beyond @keep (0 keeps all). Encrypts when @passphrase is not NULL. Logged
 * as "backup". Returns the new file's path. Needs the backup permission. */
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

/* Checks @backup_path's SHA-256 or authentication (decrypting with
 * @passphrase when it is encrypted) before anything else, writes it out
 * under a temporary name beside @target_path, which must not exist yet,
 * verifies it, and only then gives it that name; switching to the new file
 * is then a matter of opening it. The restored database logs "restore" as
 * @actor_id when that member of staff is in it. A wrong passphrase and
 * damage at the very start of an encrypted file fail the same way: the
 * encryption can't tell them apart. */
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

/* kes_backup_create(), with a report of what was written and checked and
 * its progress reported to @progress (from the worker it runs in).
 * @cancellable is honoured throughout (the copy, verifying, encrypting,
 * reading back); once the backup is logged it stands. */
KesBackupReport *kes_backup_create_full      (KesStore         *store,
                                              const char       *folder,
                                              guint             keep,
                                              const char       *passphrase,
                                              KesProgressFunc   progress,
                                              gpointer          user_data,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* Restores @backup_path to the new file @target_path for the actor of
 * @store, who needs the backup permission: logged as "restore" in @store
 * (the backup's and the new file's names) and in the restored database.
 * The new file is verified before it is opened, and again in full if it had
 * to be brought up to this version's schema. Cancellable until it is
 * logged. */
KesBackupReport *kes_backup_restore_full     (KesStore         *store,
                                              const char       *backup_path,
                                              const char       *passphrase,
                                              const char       *target_path,
                                              KesProgressFunc   progress,
                                              gpointer          user_data,
                                              GCancellable     *cancellable,
                                              GError          **error);

/* A backup file in a folder, as listed for people. */
typedef struct
{
  char      *path;
  char      *name;
  GDateTime *made;        /* from the name (UTC) */
  guint64    size;
  gboolean   encrypted;
  char      *database_id; /* whose backup it is; NULL before December 2026 */
  char      *problem;     /* why it can't be read as a backup, or NULL */
} KesBackupFile;

void             kes_backup_file_free        (KesBackupFile    *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupFile, kes_backup_file_free)

/* The backups in @folder (KesBackupFile), newest first; a folder that does
 * not exist yet holds none. With @database_id, only that database's and
 * those too damaged to tell (->problem says what is wrong). */
GPtrArray       *kes_backup_list_folder      (const char       *folder,
                                              const char       *database_id,
                                              GError          **error);

/* What processes killed while backing up or restoring left in @folder for
 * @store's database: finished, logged files are put in place, the rest is
 * removed (see kes-backup-folder.h). Backing up and restoring do it first
 * themselves; the application does it at start. Returns how many files it
 * dealt with. */
guint            kes_backup_clean_folder     (KesStore         *store,
                                              const char       *folder);

G_END_DECLS
