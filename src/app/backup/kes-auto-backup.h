/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* How many automatic backups are kept. */
#define KES_AUTO_BACKUP_KEEP 7

/* The folder automatic backups of @store's database go to, one for each
 * database: $XDG_DATA_HOME/kestrel/backups/DATABASE-ID (see migration 0012).
 * NULL for an in-memory store, which has none. */
char     *kes_auto_backup_folder       (KesStore   *store);
/* Whether @folder already holds a backup made on @day ("YYYY-MM-DD", UTC). */
gboolean  kes_auto_backup_done_on      (const char *folder,
                                        const char *day);

/* Once a day for each database: after @window has drawn its first frame,
 * in a worker thread (its own connection), first clears what a process
 * killed while backing up or restoring left in @folder and beside the
 * database (kes_backup_clean_folder), then backs the database up into
 * @folder (verified by kes_backup_create, the oldest beyond
 * KES_AUTO_BACKUP_KEEP removed) unless @folder already holds today's.
 * Start-up never waits for it; a failure is shown as a toast. */
void      kes_auto_backup_start        (GtkWidget  *window,
                                        KesStore   *store,
                                        const char *folder);

G_END_DECLS
