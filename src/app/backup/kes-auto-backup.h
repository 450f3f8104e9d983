/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* How many automatic backups are kept. */
#define KES_AUTO_BACKUP_KEEP 7

/* The folder automatic backups go to: $XDG_DATA_HOME/kestrel/backups. */
char     *kes_auto_backup_folder       (void);
/* Whether @folder already holds a backup made on @day ("YYYY-MM-DD", UTC). */
gboolean  kes_auto_backup_done_on      (const char *folder,
                                        const char *day);

/* Once a day: after @window has drawn its first frame, backs up the store's
 * database into @folder in a worker thread (its own connection; verified by
 * kes_backup_create, the oldest beyond KES_AUTO_BACKUP_KEEP removed) unless
 * a backup was made today. Start-up never waits for it; a failure is shown
 * as a toast. */
void      kes_auto_backup_start        (GtkWidget  *window,
                                        KesStore   *store,
                                        const char *folder);

G_END_DECLS
