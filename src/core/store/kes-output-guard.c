/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-output-guard"

#include "config.h"

#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-error.h"
#include "kes-output-guard.h"

/* The files SQLite keeps beside a database, by the suffix it adds. */
static const char *const companion_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* Linux gives up after 40 links in one path (ELOOP); so does the guard. */
#define MAX_LINKS 40

typedef struct
{
  guint    connections;
  gboolean have_inode;
  dev_t    device;
  ino_t    inode;
} OpenDatabase;

static GMutex databases_lock;
static GHashTable *databases; /* resolved path -> OpenDatabase */

/* ---- Resolving a path ---- */

static void
push_components (GPtrArray  *pending,
                 const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  /* A stack: the first component is taken first. */
  for (guint i = g_strv_length (parts); i > 0; i--)
    g_ptr_array_add (pending, g_strdup (parts[i - 1]));
}

static void
drop_last_component (GString *resolved)
{
  const char *slash = strrchr (resolved->str, '/');

  g_string_truncate (resolved, slash != NULL ? (gsize) (slash - resolved->str) : 0);
}

char *
kes_output_guard_resolve (const char *path)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) resolved = g_string_new (NULL); /* "" is the root */
  guint links = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_path_is_absolute (path))
    {
      g_autofree char *cwd = g_get_current_dir ();
      push_components (pending, path);
      push_components (pending, cwd);
    }
  else
    push_components (pending, path);

  /* Component by component, as the kernel walks it: a link is replaced by
   * its target before anything after it, so "link/.." is the parent of
   * where the link points, not the folder holding the link. A component
   * that does not exist yet stays as written (a writer may create it). */
  while (pending->len > 0)
    {
      g_autofree char *part = g_ptr_array_steal_index (pending, pending->len - 1);
      g_autofree char *candidate = NULL;
      GStatBuf info;

      if (*part == '\0' || g_str_equal (part, "."))
        continue;
      if (g_str_equal (part, ".."))
        {
          drop_last_component (resolved);
          continue;
        }
      candidate = g_strconcat (resolved->str, "/", part, NULL);
      if (g_lstat (candidate, &info) == 0 && S_ISLNK (info.st_mode))
        {
          g_autofree char *target = g_file_read_link (candidate, NULL);

          if (target == NULL || ++links > MAX_LINKS)
            return NULL;
          if (g_path_is_absolute (target))
            g_string_truncate (resolved, 0);
          push_components (pending, target);
          continue;
        }
      g_string_assign (resolved, candidate);
    }
  return resolved->len > 0 ? g_strdup (resolved->str) : g_strdup ("/");
}

/* ---- The databases open in this process ---- */

char *
kes_output_guard_watch_database (const char *path)
{
  g_autofree char *resolved = kes_output_guard_resolve (path);
  OpenDatabase *open;
  GStatBuf info;

  g_return_val_if_fail (path != NULL, NULL);

  if (resolved == NULL)
    return NULL;
  g_mutex_lock (&databases_lock);
  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  open = g_hash_table_lookup (databases, resolved);
  if (open == NULL)
    {
      open = g_new0 (OpenDatabase, 1);
      g_hash_table_insert (databases, g_strdup (resolved), open);
    }
  open->connections++;
  /* The file's identity, should it later be reached by another name. */
  if (g_stat (resolved, &info) == 0)
    {
      open->have_inode = TRUE;
      open->device = info.st_dev;
      open->inode = info.st_ino;
    }
  g_mutex_unlock (&databases_lock);
  return g_steal_pointer (&resolved);
}

void
kes_output_guard_forget_database (const char *resolved_path)
{
  OpenDatabase *open;

  g_return_if_fail (resolved_path != NULL);

  g_mutex_lock (&databases_lock);
  open = databases != NULL ? g_hash_table_lookup (databases, resolved_path) : NULL;
  if (open != NULL && --open->connections == 0)
    g_hash_table_remove (databases, resolved_path);
  g_mutex_unlock (&databases_lock);
}

/* ---- The check ---- */

static gboolean
same_file (const GStatBuf *a,
           const GStatBuf *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether the output (by resolved name, and by identity when it exists)
 * is this database or one of its working files. */
static gboolean
touches_database (const char         *database,
                  const OpenDatabase *open,
                  const char         *output,
                  const GStatBuf     *output_info)
{
  if (output_info != NULL && open->have_inode &&
      output_info->st_dev == open->device && output_info->st_ino == open->inode)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (companion_suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (database, companion_suffixes[i], NULL);
      GStatBuf info;

      if (g_str_equal (companion, output))
        return TRUE;
      /* A hard link has its own name: only the identity gives it away. */
      if (output_info != NULL && g_stat (companion, &info) == 0 && same_file (&info, output_info))
        return TRUE;
    }
  return FALSE;
}

typedef enum
{
  PATH_ELSEWHERE,
  PATH_IS_DATABASE,
  PATH_LOOPS,
} Verdict;

static Verdict
examine (const char *path)
{
  g_autofree char *resolved = kes_output_guard_resolve (path);
  GStatBuf info;
  gboolean exists;
  gboolean touches = FALSE;
  GHashTableIter iter;
  gpointer database, open;

  if (resolved == NULL)
    return PATH_LOOPS;
  exists = g_stat (resolved, &info) == 0;

  g_mutex_lock (&databases_lock);
  if (databases != NULL)
    {
      g_hash_table_iter_init (&iter, databases);
      while (!touches && g_hash_table_iter_next (&iter, &database, &open))
        touches = touches_database (database, open, resolved, exists ? &info : NULL);
    }
  g_mutex_unlock (&databases_lock);
  return touches ? PATH_IS_DATABASE : PATH_ELSEWHERE;
}

gboolean
kes_output_guard_check (const char  *path,
                        GError     **error)
{
  g_autofree char *shown = NULL;
  Verdict verdict;

  g_return_val_if_fail (path != NULL, FALSE);

  verdict = examine (path);
  if (verdict == PATH_ELSEWHERE)
    return TRUE;
  shown = g_filename_display_name (path);
  if (verdict == PATH_LOOPS)
    g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                 _("%s: its symbolic links go round in a loop. Choose another file or folder. "
                   "Nothing was written."), shown);
  else
    g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                 _("%s is the database Kestrel has open, or one of the files SQLite keeps beside "
                   "it: writing there would destroy the record. Choose another file or folder. "
                   "Nothing was written."), shown);
  return FALSE;
}

gboolean
kes_output_guard_check_source (const char  *path,
                               GError     **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* A loop fails to open on its own, with the system's message. */
  if (examine (path) != PATH_IS_DATABASE)
    return TRUE;
  shown = g_filename_display_name (path);
  g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
               _("%s is the database Kestrel has open, or one of the files SQLite keeps beside it, "
                 "not a file to read from: choose the backup, export or document you meant. "
                 "Nothing was read."), shown);
  return FALSE;
}
