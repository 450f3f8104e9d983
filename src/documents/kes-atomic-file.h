/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file written beside its destination under a hidden temporary name
 * (".kestrel-XXXXXX", readable by its owner only) and renamed into place
 * once complete, so a reader never sees half a document and a failed export
 * leaves nothing behind. A path that is the open database or one of its
 * working files is refused before anything is written (kes-output-guard.h). */
typedef struct _KesAtomicFile KesAtomicFile;

KesAtomicFile *kes_atomic_file_new          (const char     *path,
                                             GError        **error);
gboolean       kes_atomic_file_write        (KesAtomicFile  *self,
                                             const void     *data,
                                             gsize           length,
                                             GError        **error);
/* Flushes to disk and renames into place. */
gboolean       kes_atomic_file_commit       (KesAtomicFile  *self,
                                             GError        **error);
/* For many files at once: commit renames into place without waiting for
 * the disk; the caller then calls kes_atomic_file_sync_files() on them all
 * before reporting success. */
void           kes_atomic_file_set_deferred_sync (KesAtomicFile *self,
                                                  gboolean       deferred);
/* Flushes files written with the sync deferred, and their folders. */
gboolean       kes_atomic_file_sync_files   (const char * const *paths,
                                             GError            **error);
/* Removes the temporary file unless committed. */
void           kes_atomic_file_free         (KesAtomicFile  *self);

gboolean       kes_atomic_file_set_contents (const char     *path,
                                             const void     *data,
                                             gsize           length,
                                             GError        **error);

/* kes_atomic_file_set_contents() with the sync deferred (see above). */
gboolean       kes_atomic_file_set_contents_deferred (const char *path,
                                                      const void *data,
                                                      gsize       length,
                                                      GError    **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesAtomicFile, kes_atomic_file_free)

G_END_DECLS
