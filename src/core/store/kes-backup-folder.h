/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-backup.h"

G_BEGIN_DECLS

/* Core-internal: files in a backup folder.
 *
 * A backup (or a restored database) is written under a hidden temporary
 * name, ".NAME.DATABASE-ID.PID.STAMP.part", and only takes its name once the
 * access-log entry that records it is committed: the entry is the moment it
 * counts. A process killed before that leaves only the temporary file; one
 * killed between the entry and the rename leaves a finished file whose entry
 * exists. The next start (kes_backup_folder_clean) removes the first and puts
 * the second in place, so a folder never holds a backup without its entry,
 * and temporary files are never listed as backups.
 *
 * DATABASE-ID names the database whose log decides; PID the process writing
 * it, which also holds a lock (flock) on it while it works: a file of a
 * process still running is never touched. */

typedef struct _KesBackupPending KesBackupPending;

/* Reserves the next backup name in @folder ("kestrel-backup-STAMP-NN" and
 * the suffix), opening its temporary file (0600). */
KesBackupPending *kes_backup_pending_new_backup   (const char        *folder,
                                                   const char        *database_id,
                                                   gboolean           encrypted,
                                                   GError           **error);
/* The temporary file for a database restored to @target (which must not
 * exist). */
KesBackupPending *kes_backup_pending_new_target   (const char        *target,
                                                   const char        *database_id,
                                                   GError           **error);
/* A second temporary file beside it, of the given @kind ("work"), never a
 * candidate to be put in place; removed with it. */
char             *kes_backup_pending_add_sibling  (KesBackupPending  *pending,
                                                   const char        *kind,
                                                   GError           **error);
int               kes_backup_pending_get_fd       (KesBackupPending  *pending);
const char       *kes_backup_pending_get_temp     (KesBackupPending  *pending);
const char       *kes_backup_pending_get_path     (KesBackupPending  *pending);
const char       *kes_backup_pending_get_name     (KesBackupPending  *pending);
/* Gives the temporary file its name (never over an existing file) and
 * syncs the folder. */
gboolean          kes_backup_pending_commit       (KesBackupPending  *pending,
                                                   GError           **error);
/* Removes the temporary files (with SQLite's -wal, -shm and -journal)
 * unless committed. */
void              kes_backup_pending_free         (KesBackupPending  *pending);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesBackupPending, kes_backup_pending_free)

/* Whether the database's log records @name (a backup or restore target)
 * written since @since (ISO 8601). */
typedef gboolean (*KesBackupLoggedFunc) (const char *name,
                                         const char *since,
                                         gpointer    user_data);

/* What killed processes left in @folder for the database @database_id:
 * finished and logged files are put in place, the rest removed; files of
 * other databases are left for them, files of running processes alone.
 * Returns how many files were removed or put in place. */
guint             kes_backup_folder_clean         (const char         *folder,
                                                   const char         *database_id,
                                                   KesBackupLoggedFunc logged,
                                                   gpointer            user_data);

/* The backups in @folder, newest first (KesBackupFile). With @database_id,
 * only that database's and those that can't be read (damaged: ->problem
 * says why); backups made before December 2026 record no database and are
 * then left out. */
GPtrArray        *kes_backup_folder_list          (const char         *folder,
                                                   const char         *database_id,
                                                   GError            **error);
/* Removes the oldest of @database_id's backups in @folder beyond @keep. */
gboolean          kes_backup_folder_rotate        (const char         *folder,
                                                   const char         *database_id,
                                                   guint               keep,
                                                   GError            **error);

G_END_DECLS
