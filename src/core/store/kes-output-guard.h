/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Keeps every file Kestrel writes (PDF, XML, CSV, subject access folders,
 * backups, restored databases) off the database it has open and off the
 * files SQLite keeps beside it (-wal, -shm, -journal). Writing over any of
 * them destroys the record or the writes not yet checkpointed, and even
 * opening and closing one of them drops this process's locks on it.
 *
 * The store tells the guard about every database file it opens; every
 * writer calls kes_output_guard_check() on the path it is about to write
 * (a file or a folder) before writing anything, and every reader of a file
 * the user named calls kes_output_guard_check_source(). */

/* Refuses @path (KES_ERROR_INVALID, a plain message naming the path, nothing
 * written) when it is, or reaches through a symbolic link, ".." or a hard
 * link, a database open in this process or one of its working files. */
gboolean  kes_output_guard_check            (const char  *path,
                                             GError     **error);
/* The same for a file about to be read (a backup to restore, a file to
 * import or attach): reading the database as a file opens and closes it,
 * which drops this process's locks on it as surely as writing. */
gboolean  kes_output_guard_check_source     (const char  *path,
                                             GError     **error);

/* @path made absolute with every symbolic link and "." or ".." resolved as
 * the system would on opening it; components that do not exist yet are
 * kept as written. NULL when a link loops. */
char     *kes_output_guard_resolve          (const char  *path);

/* Called by the store: a connection to the database at @path has opened.
 * Returns the resolved path to hand back to kes_output_guard_forget(). */
char     *kes_output_guard_watch_database   (const char  *path);
/* The connection opened as @resolved_path has closed. */
void      kes_output_guard_forget_database  (const char  *resolved_path);

G_END_DECLS
