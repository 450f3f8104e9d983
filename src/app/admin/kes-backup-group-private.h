/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "admin/kes-backup-group.h"
#include "kes-progress-relay.h"

G_BEGIN_DECLS

/* Shared by kes-backup-group.c (the jobs, their progress and results, the
 * folder's backups) and kes-backup-group-dialogs.c (what it asks first). */
struct _KesBackupGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;
  char                *folder;
  gboolean             folder_chosen;  /* set_folder: not the database's automatic folder */
  KesProgressRelay    *progress;
  char                *restored_path;
  char                *restoring_from; /* the backup being restored, while it runs */
  GCancellable        *cancellable;
  GPtrArray           *recent_rows;
  gboolean             busy;

  GtkWidget           *backup_button;
  GtkWidget           *restore_button;
  AdwActionRow        *progress_row;
  GtkSpinner          *spinner;
  GtkProgressBar      *progress_bar;
  GtkWidget           *cancel_button;
  AdwActionRow        *result_row;
  GtkImage            *result_icon;
  GtkWidget           *switch_button;
  AdwExpanderRow      *recent_row;
};

GtkWindow *kes_backup_group_parent_window             (KesBackupGroup *self);
/* The result row: what happened, and whether a restored file can be opened. */
void       kes_backup_group_show_result               (KesBackupGroup *self,
                                                       gboolean        ok,
                                                       const char     *title,
                                                       const char     *text,
                                                       gboolean        can_switch);

/* kes-backup-group-dialogs.c */
/* Asks for an optional passphrase, then backs up into @folder. */
void       kes_backup_group_ask_passphrase            (KesBackupGroup *self,
                                                       const char     *folder);
/* Asks for the passphrase when @path is encrypted, then restores it. */
void       kes_backup_group_restore_file              (KesBackupGroup *self,
                                                       const char     *path);
void       kes_backup_group_backup_clicked_cb         (KesBackupGroup *self);
void       kes_backup_group_restore_clicked_cb        (KesBackupGroup *self);
void       kes_backup_group_recent_restore_clicked_cb (GtkButton      *button,
                                                       KesBackupGroup *self);

G_END_DECLS
