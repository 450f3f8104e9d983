/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-sealed-vfs"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <sodium.h>
#include <sqlite3.h>

#include "kes-error.h"
#include "kes-store-sealed-vfs.h"

#define VFS_NAME    "kes-sealed"
#define KEY_BYTES   crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES   crypto_aead_xchacha20poly1305_ietf_ABYTES

G_STATIC_ASSERT (KES_SEALED_SLOT_OVERHEAD == NONCE_BYTES + TAG_BYTES);

struct _KesSealedKey
{
  guint64  id;        /* how xOpen finds the key: the URI's kes_key */
  guint    page_size;
  guint8  *bytes;     /* sodium_malloc: guarded and kept out of swap */
};

/* Keys by id, for xOpen; a key is registered for as long as it lives. */
static GMutex      keys_lock;
static GHashTable *keys;
static guint64     next_key_id = 1;

typedef struct
{
  sqlite3_file  base;      /* our methods */
  guint8        key[KEY_BYTES];
  guint         page_size;
  guint8       *slot;      /* one sealed slot */
  guint8       *page;      /* one page in clear */
  sqlite3_file *real;      /* the file underneath (allocated after this struct) */
} SealedFile;

static sqlite3_vfs *base_vfs;

/* ---- Slots ---- */

static gsize
slot_size (guint page_size)
{
  return (gsize) page_size + KES_SEALED_SLOT_OVERHEAD;
}

static void
page_ad (guint64 number,
         guint8  ad[8])
{
  for (int i = 0; i < 8; i++)
    ad[i] = (guint8) (number >> (8 * i));
}

static gboolean
is_zero (const guint8 *bytes,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (bytes[i] != 0)
      return FALSE;
  return TRUE;
}

/* Opens a slot into @page. A slot never written (a hole: all zero) reads as
 * a page of zeros, as an unwritten page of an ordinary file would. */
static gboolean
open_slot (const guint8 *key,
           guint         page_size,
           guint64       number,
           const guint8 *slot,
           guint8       *page)
{
  unsigned long long length = 0;
  guint8 ad[8];

  if (is_zero (slot, NONCE_BYTES))
    {
      memset (page, 0, page_size);
      return is_zero (slot, slot_size (page_size));
    }
  page_ad (number, ad);
  return crypto_aead_xchacha20poly1305_ietf_decrypt (page, &length, NULL, slot + NONCE_BYTES,
                                                     page_size + TAG_BYTES, ad, sizeof ad, slot,
                                                     key) == 0 &&
         length == page_size;
}

static void
seal_slot (const guint8 *key,
           guint         page_size,
           guint64       number,
           const guint8 *page,
           guint8       *slot)
{
  unsigned long long length = 0;
  guint8 ad[8];

  /* A fresh nonce for every write: page 1 is written more than once. */
  randombytes_buf (slot, NONCE_BYTES);
  page_ad (number, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot + NONCE_BYTES, &length, page, page_size, ad,
                                              sizeof ad, NULL, slot, key);
}

/* ---- The file ---- */

static int
sealed_close (sqlite3_file *file)
{
  SealedFile *self = (SealedFile *) file;
  int rc = self->real->pMethods != NULL ? self->real->pMethods->xClose (self->real) : SQLITE_OK;

  sodium_memzero (self->key, sizeof self->key);
  if (self->page != NULL)
    sodium_memzero (self->page, self->page_size);
  g_clear_pointer (&self->page, g_free);
  g_clear_pointer (&self->slot, g_free);
  return rc;
}

static int
sealed_read (sqlite3_file *file,
             void         *buffer,
             int           amount,
             sqlite3_int64 offset)
{
  SealedFile *self = (SealedFile *) file;
  guint8 *out = buffer;

  while (amount > 0)
    {
      guint64 index = (guint64) offset / self->page_size;
      gsize within = (gsize) ((guint64) offset % self->page_size);
      gsize part = MIN ((gsize) amount, self->page_size - within);
      int rc = self->real->pMethods->xRead (self->real, self->slot, (int) slot_size (self->page_size),
                                            (sqlite3_int64) (index * slot_size (self->page_size)));

      if (rc == SQLITE_IOERR_SHORT_READ)
        {
          /* Past the end, as SQLite expects of any file: zeros. */
          memset (out, 0, (gsize) amount);
          return SQLITE_IOERR_SHORT_READ;
        }
      if (rc != SQLITE_OK)
        return rc;
      if (!open_slot (self->key, self->page_size, index + 1, self->slot, self->page))
        return SQLITE_IOERR_READ;
      memcpy (out, self->page + within, part);
      out += part;
      offset += (sqlite3_int64) part;
      amount -= (int) part;
    }
  return SQLITE_OK;
}

static int
sealed_write (sqlite3_file *file,
              const void   *buffer,
              int           amount,
              sqlite3_int64 offset)
{
  SealedFile *self = (SealedFile *) file;
  const guint8 *in = buffer;

  /* SQLite writes a database file a whole page at a time. */
  if (offset % self->page_size != 0 || amount % self->page_size != 0)
    return SQLITE_IOERR_WRITE;
  for (; amount > 0; amount -= (int) self->page_size, in += self->page_size, offset += self->page_size)
    {
      guint64 index = (guint64) offset / self->page_size;
      int rc;

      memcpy (self->page, in, self->page_size);
      /* A backup is a rollback-journal database, whatever the original was. */
      if (index == 0 && self->page[18] == 2 && self->page[19] == 2)
        self->page[18] = self->page[19] = 1;
      seal_slot (self->key, self->page_size, index + 1, self->page, self->slot);
      rc = self->real->pMethods->xWrite (self->real, self->slot, (int) slot_size (self->page_size),
                                         (sqlite3_int64) (index * slot_size (self->page_size)));
      if (rc != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

static int
sealed_truncate (sqlite3_file *file,
                 sqlite3_int64 size)
{
  SealedFile *self = (SealedFile *) file;
  guint64 pages = ((guint64) size + self->page_size - 1) / self->page_size;

  return self->real->pMethods->xTruncate (self->real,
                                          (sqlite3_int64) (pages * slot_size (self->page_size)));
}

/* A working copy is thrown away after use: nothing to make durable. */
static int
sealed_sync (sqlite3_file *file,
             int           flags)
{
  return SQLITE_OK;
}

static int
sealed_file_size (sqlite3_file  *file,
                  sqlite3_int64 *size)
{
  SealedFile *self = (SealedFile *) file;
  sqlite3_int64 real_size = 0;
  int rc = self->real->pMethods->xFileSize (self->real, &real_size);

  if (rc == SQLITE_OK)
    *size = (sqlite3_int64) ((guint64) real_size / slot_size (self->page_size) * self->page_size);
  return rc;
}

static int
sealed_lock (sqlite3_file *file,
             int           level)
{
  SealedFile *self = (SealedFile *) file;

  return self->real->pMethods->xLock (self->real, level);
}

static int
sealed_unlock (sqlite3_file *file,
               int           level)
{
  SealedFile *self = (SealedFile *) file;

  return self->real->pMethods->xUnlock (self->real, level);
}

static int
sealed_check_reserved_lock (sqlite3_file *file,
                            int          *reserved)
{
  SealedFile *self = (SealedFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, reserved);
}

/* No size hints, memory maps or other tricks: they would see slots, not pages. */
static int
sealed_file_control (sqlite3_file *file,
                     int           op,
                     void         *arg)
{
  return SQLITE_NOTFOUND;
}

static int
sealed_sector_size (sqlite3_file *file)
{
  return 4096;
}

static int
sealed_device_characteristics (sqlite3_file *file)
{
  return 0;
}

/* Version 1: no shared memory (never WAL) and no memory mapping. */
static const sqlite3_io_methods sealed_methods = {
  1,
  sealed_close,
  sealed_read,
  sealed_write,
  sealed_truncate,
  sealed_sync,
  sealed_file_size,
  sealed_lock,
  sealed_unlock,
  sealed_check_reserved_lock,
  sealed_file_control,
  sealed_sector_size,
  sealed_device_characteristics,
  NULL, NULL, NULL, NULL, NULL, NULL,
};

/* ---- The VFS ---- */

static gboolean
copy_key (guint64  id,
          guint8  *into,
          guint   *page_size)
{
  KesSealedKey *key;

  g_mutex_lock (&keys_lock);
  key = keys != NULL ? g_hash_table_lookup (keys, &id) : NULL;
  if (key != NULL)
    {
      memcpy (into, key->bytes, KEY_BYTES);
      *page_size = key->page_size;
    }
  g_mutex_unlock (&keys_lock);
  return key != NULL;
}

static int
sealed_open (sqlite3_vfs  *vfs,
             const char   *name,
             sqlite3_file *file,
             int           flags,
             int          *out_flags)
{
  SealedFile *self = (SealedFile *) file;
  guint64 id;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) (self + 1);
  /* Only the database itself: with journal_mode OFF and temp_store MEMORY
   * nothing else is ever opened, and nothing else would be sealed. */
  if (name == NULL || (flags & SQLITE_OPEN_MAIN_DB) == 0)
    return SQLITE_CANTOPEN;
  id = (guint64) sqlite3_uri_int64 (name, "kes_key", 0);
  if (!copy_key (id, self->key, &self->page_size))
    return SQLITE_CANTOPEN;

  rc = base_vfs->xOpen (base_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      sodium_memzero (self->key, sizeof self->key);
      return rc;
    }
  self->slot = g_malloc (slot_size (self->page_size));
  self->page = g_malloc (self->page_size);
  self->base.pMethods = &sealed_methods;
  return SQLITE_OK;
}

static int
sealed_delete (sqlite3_vfs *vfs,
               const char  *name,
               int          sync_dir)
{
  return base_vfs->xDelete (base_vfs, name, sync_dir);
}

static int
sealed_access (sqlite3_vfs *vfs,
               const char  *name,
               int          flags,
               int         *result)
{
  return base_vfs->xAccess (base_vfs, name, flags, result);
}

static int
sealed_full_pathname (sqlite3_vfs *vfs,
                      const char  *name,
                      int          size,
                      char        *out)
{
  return base_vfs->xFullPathname (base_vfs, name, size, out);
}

static int
sealed_randomness (sqlite3_vfs *vfs,
                   int          size,
                   char        *out)
{
  return base_vfs->xRandomness (base_vfs, size, out);
}

static int
sealed_sleep (sqlite3_vfs *vfs,
              int          microseconds)
{
  return base_vfs->xSleep (base_vfs, microseconds);
}

static int
sealed_current_time (sqlite3_vfs *vfs,
                     double      *now)
{
  return base_vfs->xCurrentTime (base_vfs, now);
}

static int
sealed_get_last_error (sqlite3_vfs *vfs,
                       int          size,
                       char        *out)
{
  return base_vfs->xGetLastError != NULL ? base_vfs->xGetLastError (base_vfs, size, out) : 0;
}

static int
sealed_current_time_int64 (sqlite3_vfs   *vfs,
                           sqlite3_int64 *now)
{
  return base_vfs->xCurrentTimeInt64 (base_vfs, now);
}

static sqlite3_vfs sealed_vfs = {
  2,
  0,
  0,
  NULL,
  VFS_NAME,
  NULL,
  sealed_open,
  sealed_delete,
  sealed_access,
  sealed_full_pathname,
  NULL,
  NULL,
  NULL,
  NULL,
  sealed_randomness,
  sealed_sleep,
  sealed_current_time,
  sealed_get_last_error,
  sealed_current_time_int64,
  NULL,
  NULL,
  NULL,
};

static void
register_vfs_once (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not start");
      base_vfs = sqlite3_vfs_find (NULL);
      g_assert (base_vfs != NULL && base_vfs->iVersion >= 2);
      sealed_vfs.szOsFile = (int) sizeof (SealedFile) + base_vfs->szOsFile;
      sealed_vfs.mxPathname = base_vfs->mxPathname;
      g_assert (sqlite3_vfs_register (&sealed_vfs, 0) == SQLITE_OK);
      g_once_init_leave (&registered, 1);
    }
}

/* ---- Keys ---- */

KesSealedKey *
kes_sealed_key_new (guint page_size)
{
  KesSealedKey *key;

  g_return_val_if_fail (page_size >= 512 && page_size <= 65536, NULL);

  register_vfs_once ();
  key = g_new0 (KesSealedKey, 1);
  key->page_size = page_size;
  key->bytes = sodium_malloc (KEY_BYTES);
  g_assert (key->bytes != NULL);
  crypto_aead_xchacha20poly1305_ietf_keygen (key->bytes);

  g_mutex_lock (&keys_lock);
  if (keys == NULL)
    keys = g_hash_table_new (g_int64_hash, g_int64_equal);
  key->id = next_key_id++;
  g_hash_table_insert (keys, &key->id, key);
  g_mutex_unlock (&keys_lock);
  return key;
}

void
kes_sealed_key_free (KesSealedKey *key)
{
  if (key == NULL)
    return;
  g_mutex_lock (&keys_lock);
  g_hash_table_remove (keys, &key->id);
  g_mutex_unlock (&keys_lock);
  sodium_free (key->bytes);
  g_free (key);
}

guint
kes_sealed_key_page_size (KesSealedKey *key)
{
  return key->page_size;
}

char *
kes_sqlite_uri_for_path (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  return g_strconcat ("file:", escaped, NULL);
}

char *
kes_sealed_key_uri (KesSealedKey *key,
                    const char   *path,
                    gboolean      read_only)
{
  g_autofree char *file = kes_sqlite_uri_for_path (path);

  return g_strdup_printf ("%s?vfs=" VFS_NAME "&kes_key=%" G_GUINT64_FORMAT "%s", file, key->id,
                          read_only ? "&mode=ro&immutable=1" : "");
}

guint64
kes_sealed_page_count (KesSealedKey *key,
                       int           fd)
{
  off_t end = lseek (fd, 0, SEEK_END);

  return end > 0 ? (guint64) end / slot_size (key->page_size) : 0;
}

gboolean
kes_sealed_read_page (KesSealedKey  *key,
                      int            fd,
                      guint64        number,
                      guint8        *page,
                      GError       **error)
{
  gsize size = slot_size (key->page_size);
  g_autofree guint8 *slot = g_malloc (size);
  gsize done = 0;

  g_return_val_if_fail (number >= 1, FALSE);

  while (done < size)
    {
      ssize_t n = pread (fd, slot + done, size - done, (off_t) ((number - 1) * size + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, KES_ERROR, KES_ERROR_IO,
                       _("Could not read the backup’s working copy: %s"),
                       n < 0 ? g_strerror (errno) : _("it ends early"));
          return FALSE;
        }
      done += (gsize) n;
    }
  if (!open_slot (key->bytes, key->page_size, number, slot, page))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                           _("The backup’s working copy was changed while the backup was made"));
      return FALSE;
    }
  return TRUE;
}
