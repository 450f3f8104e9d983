/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deletes the database at @path with its -wal, -shm and -journal, then the
 * folder @dir. Only once its last connection has closed: deleting them
 * under an open connection is what corrupts a database. */
void kes_core_test_remove_database (const char *dir,
                                    const char *path);

G_END_DECLS
