/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Core-internal: the working copy of an encrypted backup.
 *
 * SQLite's online backup API writes its copy page by page, in no promised
 * order, and rewrites page 1 at the end; an encrypted backup must never
 * exist on disk in clear, not even for a moment. So the copy is written
 * through a small SQLite VFS ("kes-sealed") that seals every page on its
 * way to the disk with XChaCha20-Poly1305 under a key made for this one
 * copy, held only in memory and wiped when the copy is done. The copy can
 * be opened again through the same VFS (to verify it) and read page by page
 * (to write the backup file's authenticated stream); then it is deleted.
 *
 * On disk, page N (from 1) is slot N-1 of KES_SEALED_SLOT_OVERHEAD + page
 * size bytes: a random nonce, then the page sealed with N as additional
 * data, so no slot can stand in for another. Page 1 is stored as a
 * rollback-journal database (header bytes 18 and 19 set to 1): a backup is
 * never in WAL mode. */

#define KES_SEALED_SLOT_OVERHEAD (24 + 16)

typedef struct _KesSealedKey KesSealedKey;

/* A fresh random key for one working copy of pages of @page_size bytes. */
KesSealedKey *kes_sealed_key_new        (guint          page_size);
/* Wipes the key; files sealed with it can no longer be read. */
void          kes_sealed_key_free       (KesSealedKey  *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesSealedKey, kes_sealed_key_free)

guint         kes_sealed_key_page_size  (KesSealedKey  *key);

/* The URI filename (for sqlite3_open_v2 with SQLITE_OPEN_URI) that opens
 * @path through the sealing VFS with @key; @read_only opens it read-only
 * and immutable (no locks). */
char         *kes_sealed_key_uri        (KesSealedKey  *key,
                                         const char    *path,
                                         gboolean       read_only);

/* How many pages the sealed file open on @fd holds. */
guint64       kes_sealed_page_count     (KesSealedKey  *key,
                                         int            fd);
/* Reads and opens page @number (from 1) of the sealed file on @fd into
 * @page (the key's page size). FALSE when the slot fails to open. */
gboolean      kes_sealed_read_page      (KesSealedKey  *key,
                                         int            fd,
                                         guint64        number,
                                         guint8        *page,
                                         GError       **error);

/* Percent-encodes @path for a "file:" URI filename. */
char         *kes_sqlite_uri_for_path   (const char    *path);

G_END_DECLS
