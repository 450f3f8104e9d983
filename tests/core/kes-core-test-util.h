/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deletes the database at @path with its -wal, -shm and -journal, then the
 * folder @dir. Only once its last connection has closed: deleting them
 * under an open connection is what corrupts a database. */
void kes_core_test_remove_database (const char *dir,
                                    const char *path);

/* Deletes @path, and everything under it when it is a folder (links are
 * removed, not followed); close the databases in it first. */
void   kes_core_test_remove_tree      (const char *path);
/* Every revision of the database at @path, in one string, to compare the
 * history two databases hold. */
char  *kes_core_test_dump_revisions   (const char *path);

/* @iso (YYYY-MM-DD) as a date; fails the test when it is not one. */
GDate *kes_core_test_date      (const char *iso);
/* @iso moved by @days (negative: earlier), as YYYY-MM-DD. */
char  *kes_core_test_date_plus (const char *iso,
                                int         days);

G_END_DECLS
