/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "kes-atomic-file.h"
#include "kes-output-guard.h"
#include "kes-report-error.h"

struct _KesAtomicFile
{
  char     *path;
  char     *temp_path;
  FILE     *stream;
  gboolean  committed;
  gboolean  deferred_sync; /* the caller syncs the folder once for many files */
};

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, KES_REPORT_ERROR, KES_REPORT_ERROR_WRITE,
               /* Translators: %s is a file name, then the system's reason */
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));

  return FALSE;
}

KesAtomicFile *
kes_atomic_file_new (const char  *path,
                     GError     **error)
{
  g_autoptr(KesAtomicFile) self = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  /* Every document, export and report is written through here. */
  if (!kes_output_guard_check (path, error))
    return NULL;
  dir = g_path_get_dirname (path);
  self = g_new0 (KesAtomicFile, 1);
  self->path = g_strdup (path);
  self->temp_path = g_build_filename (dir, ".kestrel-XXXXXX", NULL);

  fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      set_write_error (error, path, saved_errno);
      return NULL;
    }

  self->stream = fdopen (fd, "wb");
  if (self->stream == NULL)
    {
      int saved_errno = errno;

      close (fd);
      set_write_error (error, path, saved_errno);
      return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
kes_atomic_file_write (KesAtomicFile  *self,
                       const void     *data,
                       gsize           length,
                       GError        **error)
{
  g_return_val_if_fail (self != NULL && self->stream != NULL, FALSE);

  if (length > 0 && fwrite (data, 1, length, self->stream) != length)
    return set_write_error (error, self->path, errno);

  return TRUE;
}

static void
sync_directory_path (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
kes_atomic_file_commit (KesAtomicFile  *self,
                        GError        **error)
{
  FILE *stream;

  g_return_val_if_fail (self != NULL && self->stream != NULL, FALSE);

  stream = g_steal_pointer (&self->stream);

  if (fflush (stream) != 0 || (!self->deferred_sync && fsync (fileno (stream)) != 0))
    {
      int saved_errno = errno;

      fclose (stream);
      return set_write_error (error, self->path, saved_errno);
    }

  if (fclose (stream) != 0)
    return set_write_error (error, self->path, errno);

  if (g_rename (self->temp_path, self->path) != 0)
    return set_write_error (error, self->path, errno);

  self->committed = TRUE;
  if (!self->deferred_sync)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);

      sync_directory_path (dir);
    }

  return TRUE;
}

void
kes_atomic_file_set_deferred_sync (KesAtomicFile *self,
                                   gboolean       deferred)
{
  g_return_if_fail (self != NULL);

  self->deferred_sync = deferred;
}

gboolean
kes_atomic_file_sync_files (const char * const  *paths,
                            GError             **error)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer folder;

  /* The files were written without waiting; now each is flushed (the first
   * flush commits the file system's journal for them all, so the rest are
   * quick), then each folder once for the renames. */
  for (guint i = 0; paths[i] != NULL; i++)
    {
      int fd = open (paths[i], O_RDONLY | O_CLOEXEC);

      if (fd < 0 || fsync (fd) != 0)
        {
          int saved_errno = errno;

          if (fd >= 0)
            close (fd);
          return set_write_error (error, paths[i], saved_errno);
        }
      close (fd);
      g_hash_table_add (folders, g_path_get_dirname (paths[i]));
    }

  g_hash_table_iter_init (&iter, folders);
  while (g_hash_table_iter_next (&iter, &folder, NULL))
    sync_directory_path (folder);

  return TRUE;
}

void
kes_atomic_file_free (KesAtomicFile *self)
{
  if (self == NULL)
    return;

  if (self->stream != NULL)
    fclose (self->stream);
  if (!self->committed && self->temp_path != NULL)
    g_unlink (self->temp_path);

  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

gboolean
kes_atomic_file_set_contents (const char  *path,
                              const void  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(KesAtomicFile) file = kes_atomic_file_new (path, error);

  return file != NULL
      && kes_atomic_file_write (file, data, length, error)
      && kes_atomic_file_commit (file, error);
}

gboolean
kes_atomic_file_set_contents_deferred (const char  *path,
                                       const void  *data,
                                       gsize        length,
                                       GError     **error)
{
  g_autoptr(KesAtomicFile) file = kes_atomic_file_new (path, error);

  if (file == NULL)
    return FALSE;
  kes_atomic_file_set_deferred_sync (file, TRUE);

  return kes_atomic_file_write (file, data, length, error)
      && kes_atomic_file_commit (file, error);
}
