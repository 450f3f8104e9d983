/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_BACKUP_GROUP (kes_backup_group_get_type ())
G_DECLARE_FINAL_TYPE (KesBackupGroup, kes_backup_group, KES, BACKUP_GROUP, AdwPreferencesGroup)

/* Administration → Backups, for those with the backup permission (core
 * decides): "Back Up Now…" to a chosen folder, optionally encrypted; the
 * recent backups in the automatic-backup folder; "Restore…" to a new file
 * next to the open database, then "Switch to Restored Database", which
 * closes the open database and asks everyone to sign in again. Backups and
 * restores run in a worker thread on their own connection, carrying the
 * session, with Cancel; what core checked is shown in plain words. */
GtkWidget  *kes_backup_group_new               (void);
void        kes_backup_group_set_store         (KesBackupGroup  *self,
                                                KesStore        *store);
/* Shows or hides the group for the store's actor and re-reads the folder. */
void        kes_backup_group_reload            (KesBackupGroup  *self);
/* The folder whose backups are listed: the automatic-backup folder unless
 * set (the tests set one). */
void        kes_backup_group_set_folder        (KesBackupGroup  *self,
                                                const char      *folder);

/* What choosing a folder ("Back Up Now…") or a backup file ("Restore…")
 * in the file chooser does: ask for a passphrase (optional for a backup;
 * for a restore only when the file is encrypted), then run. */
void        kes_backup_group_choose_folder     (KesBackupGroup  *self,
                                                const char      *folder);
void        kes_backup_group_choose_backup     (KesBackupGroup  *self,
                                                const char      *backup_path);

/* What the dialogs do once the user has chosen; the tests call them.
 * Backing up checks the passphrase with core first (NULL or empty twice:
 * not encrypted) and returns FALSE with core's message when it won't do. */
gboolean    kes_backup_group_back_up           (KesBackupGroup  *self,
                                                const char      *folder,
                                                const char      *passphrase,
                                                const char      *repeated,
                                                GError         **error);
void        kes_backup_group_restore           (KesBackupGroup  *self,
                                                const char      *backup_path,
                                                const char      *passphrase);
gboolean    kes_backup_group_get_busy          (KesBackupGroup  *self);
/* The file the last restore wrote, or NULL. */
const char *kes_backup_group_get_restored_path (KesBackupGroup  *self);

G_END_DECLS
