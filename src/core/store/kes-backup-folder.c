/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup-folder"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-backup-folder.h"
#include "kes-backup-format.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-output-guard.h"

#define BACKUP_PREFIX  "kestrel-backup-"
#define PENDING_KIND   "part"
#define STAMP_LENGTH   16 /* 20261121T091500Z */

static const char * const companions[] = { "-wal", "-shm", "-journal" };

struct _KesBackupPending
{
  char      *folder;
  char      *name;      /* the name it takes */
  char      *path;
  char      *temp;
  int        fd;        /* on temp, holding its flock */
  GPtrArray *siblings;  /* other temporary files: paths */
  gboolean   committed;
};

/* ---- Names ---- */

static char *
stamp_now (void)
{
  g_autoptr(GDateTime) now = kes_clock_now_utc ();

  return g_date_time_format (now, "%Y%m%dT%H%M%SZ");
}

static char *
temp_name (const char *name,
           const char *database_id,
           const char *stamp,
           const char *kind)
{
  return g_strdup_printf (".%s.%s.%ld.%s.%s", name, database_id, (long) getpid (), stamp, kind);
}

typedef struct
{
  char  *name;
  char  *database_id;
  pid_t  pid;
  char  *stamp;
  char  *kind;
} TempName;

static void
temp_name_clear (TempName *parsed)
{
  g_free (parsed->name);
  g_free (parsed->database_id);
  g_free (parsed->stamp);
  g_free (parsed->kind);
}

/* ".NAME.ID.PID.STAMP.KIND", split from the right (NAME has dots). */
static gboolean
parse_temp_name (const char *file,
                 TempName   *parsed)
{
  g_auto(GStrv) parts = NULL;
  guint n;
  char *end = NULL;
  gint64 pid;

  memset (parsed, 0, sizeof *parsed);
  if (file[0] != '.')
    return FALSE;
  parts = g_strsplit (file + 1, ".", -1);
  n = g_strv_length (parts);
  if (n < 5)
    return FALSE;
  pid = g_ascii_strtoll (parts[n - 3], &end, 10);
  if (strlen (parts[n - 4]) != KES_DATABASE_ID_LENGTH || strlen (parts[n - 2]) != STAMP_LENGTH ||
      end == parts[n - 3] || *end != '\0' || pid <= 0 ||
      (!g_str_equal (parts[n - 1], PENDING_KIND) && !g_str_equal (parts[n - 1], "work")))
    return FALSE;
  parsed->kind = g_strdup (parts[n - 1]);
  parsed->stamp = g_strdup (parts[n - 2]);
  parsed->pid = (pid_t) pid;
  parsed->database_id = parts[n - 4];
  /* NAME is the parts before the id: join them with the vector cut there
   * for a moment, then whole again for its freeing. */
  parts[n - 4] = NULL;
  parsed->name = g_strjoinv (".", parts);
  parts[n - 4] = g_strdup (parsed->database_id);
  return *parsed->name != '\0';
}

/* ---- Pending files ---- */

static int
create_locked (const char  *path,
               GError     **error)
{
  int fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      if (saved != EEXIST)
        g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write %s: %s"), path,
                     g_strerror (saved));
      errno = saved;
      return -1;
    }
  /* flock, not a POSIX lock: it belongs to this descriptor alone, so nothing
   * SQLite opens or closes on the file can drop it. */
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("Could not lock %s: %s", path, g_strerror (errno));
  return fd;
}

static KesBackupPending *
pending_new (const char  *folder,
             const char  *name,
             const char  *database_id,
             const char  *stamp,
             GError     **error)
{
  g_autoptr(KesBackupPending) pending = g_new0 (KesBackupPending, 1);
  g_autofree char *temp = temp_name (name, database_id, stamp, PENDING_KIND);

  pending->fd = -1;
  pending->siblings = g_ptr_array_new_with_free_func (g_free);
  pending->folder = g_strdup (folder);
  pending->name = g_strdup (name);
  pending->path = g_build_filename (folder, name, NULL);
  pending->temp = g_build_filename (folder, temp, NULL);
  if (g_file_test (pending->path, G_FILE_TEST_EXISTS))
    {
      errno = EEXIST;
      return NULL;
    }
  pending->fd = create_locked (pending->temp, error);
  if (pending->fd < 0)
    return NULL;
  return g_steal_pointer (&pending);
}

KesBackupPending *
kes_backup_pending_new_backup (const char  *folder,
                               const char  *database_id,
                               gboolean     encrypted,
                               GError     **error)
{
  g_autofree char *stamp = stamp_now ();

  g_return_val_if_fail (folder != NULL && database_id != NULL, NULL);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = g_strdup_printf (BACKUP_PREFIX "%s-%02u%s", stamp, n,
                                               encrypted ? KES_BACKUP_ENCRYPTED_SUFFIX
                                                         : KES_BACKUP_PLAIN_SUFFIX);
      g_autoptr(GError) local_error = NULL;
      KesBackupPending *pending = pending_new (folder, name, database_id, stamp, &local_error);

      if (pending != NULL)
        return pending;
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* That name is taken, or another process is writing it: the next. */
    }
  g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not find a free name for a backup in %s"), folder);
  return NULL;
}

KesBackupPending *
kes_backup_pending_new_target (const char  *target,
                               const char  *database_id,
                               GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *name = g_path_get_basename (target);
  g_autofree char *stamp = stamp_now ();
  g_autoptr(GError) local_error = NULL;
  KesBackupPending *pending;

  g_return_val_if_fail (target != NULL && database_id != NULL, NULL);

  pending = pending_new (folder, name, database_id, stamp, &local_error);
  if (pending == NULL && local_error == NULL)
    g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                 _("%s already exists: restore to a new file, then switch to it"), target);
  else if (pending == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return pending;
}

char *
kes_backup_pending_add_sibling (KesBackupPending  *pending,
                                const char        *kind,
                                GError           **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *base = g_path_get_basename (pending->temp);
  TempName parsed;
  g_autofree char *name = NULL;
  char *path;
  int fd;

  if (!parse_temp_name (base, &parsed))
    g_assert_not_reached ();
  name = temp_name (parsed.name, parsed.database_id, parsed.stamp, kind);
  temp_name_clear (&parsed);
  path = g_build_filename (pending->folder, name, NULL);
  fd = create_locked (path, error);
  if (fd < 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not write %s: %s"), path,
                     g_strerror (EEXIST));
      g_free (path);
      return NULL;
    }
  /* The lock is only for the cleaner: this process's own file is never its
   * concern (its process id is in the name). */
  close (fd);
  g_ptr_array_add (pending->siblings, g_strdup (path));
  return path;
}

int
kes_backup_pending_get_fd (KesBackupPending *pending)
{
  return pending->fd;
}

const char *
kes_backup_pending_get_temp (KesBackupPending *pending)
{
  return pending->temp;
}

const char *
kes_backup_pending_get_path (KesBackupPending *pending)
{
  return pending->path;
}

const char *
kes_backup_pending_get_name (KesBackupPending *pending)
{
  return pending->name;
}

static void
sync_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* @from takes the name @to, never replacing a file already there: a hard
 * link fails if @to exists; where links are not supported (FAT on a USB
 * stick), a rename after checking. */
static gboolean
put_in_place (const char  *from,
              const char  *to,
              GError     **error)
{
  int saved;

  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  saved = errno;
  if (saved != EEXIST && !g_file_test (to, G_FILE_TEST_EXISTS) && g_rename (from, to) == 0)
    return TRUE;
  if (saved != EEXIST)
    saved = errno;
  g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not name the file %s: %s"), to,
               g_strerror (saved));
  return FALSE;
}

gboolean
kes_backup_pending_commit (KesBackupPending  *pending,
                           GError           **error)
{
  g_return_val_if_fail (!pending->committed, FALSE);

  if (!put_in_place (pending->temp, pending->path, error))
    return FALSE;
  pending->committed = TRUE;
  sync_folder (pending->folder);
  return TRUE;
}

static void
remove_with_companions (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);
      g_unlink (companion);
    }
  g_unlink (path);
}

void
kes_backup_pending_free (KesBackupPending *pending)
{
  if (pending == NULL)
    return;
  for (guint i = 0; pending->siblings != NULL && i < pending->siblings->len; i++)
    remove_with_companions (g_ptr_array_index (pending->siblings, i));
  if (!pending->committed && pending->temp != NULL && pending->fd >= 0)
    remove_with_companions (pending->temp);
  if (pending->fd >= 0)
    close (pending->fd);
  g_clear_pointer (&pending->siblings, g_ptr_array_unref);
  g_free (pending->folder);
  g_free (pending->name);
  g_free (pending->path);
  g_free (pending->temp);
  g_free (pending);
}

/* ---- Cleaning up after a killed process ---- */

static gboolean
process_alive (pid_t pid)
{
  return pid == getpid () || kill (pid, 0) == 0 || errno == EPERM;
}

/* Whether no process holds @path's lock now; the lock stays with @fd. */
static gboolean
abandoned (const char *path,
           int        *fd)
{
  *fd = open (path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0)
    return FALSE;
  if (flock (*fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;
  close (*fd);
  *fd = -1;
  return FALSE;
}

/* The ISO time a minute before a temporary name's stamp: its entry, if it
 * was written, is later than that. */
static char *
since_stamp (const char *stamp)
{
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) made = NULL;
  g_autoptr(GDateTime) before = NULL;

  if (sscanf (stamp, "%4d%2d%2dT%2d%2d%2dZ", &year, &month, &day, &hour, &minute, &second) != 6 ||
      (made = g_date_time_new_utc (year, month, day, hour, minute, second)) == NULL)
    return g_strdup ("0000");
  before = g_date_time_add_minutes (made, -1);
  return kes_time_to_iso (before);
}

static gboolean
clean_one (const char          *folder,
           const char          *file,
           const TempName      *parsed,
           KesBackupLoggedFunc  logged,
           gpointer             user_data)
{
  g_autofree char *path = g_build_filename (folder, file, NULL);
  g_autofree char *target = g_build_filename (folder, parsed->name, NULL);
  g_autofree char *since = since_stamp (parsed->stamp);
  g_autoptr(GError) error = NULL;
  gboolean done = TRUE;
  int fd = -1;

  if (process_alive (parsed->pid) || !abandoned (path, &fd))
    return FALSE;
  if (g_str_equal (parsed->kind, PENDING_KIND) && !g_file_test (target, G_FILE_TEST_EXISTS) &&
      logged (parsed->name, since, user_data))
    {
      /* Finished and logged, then killed before taking its name. */
      if (put_in_place (path, target, &error))
        g_message ("Put a backup file left by a stopped process in place: %s", parsed->name);
      else
        {
          g_warning ("%s", error->message);
          done = FALSE;
        }
    }
  else
    remove_with_companions (path);
  close (fd);
  return done;
}

guint
kes_backup_folder_clean (const char          *folder,
                         const char          *database_id,
                         KesBackupLoggedFunc  logged,
                         gpointer             user_data)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *file;
  guint cleaned = 0;

  g_return_val_if_fail (folder != NULL && database_id != NULL && logged != NULL, 0);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return 0;
  while ((file = g_dir_read_name (dir)) != NULL)
    if (file[0] == '.')
      g_ptr_array_add (files, g_strdup (file));

  for (guint i = 0; i < files->len; i++)
    {
      TempName parsed;

      if (!parse_temp_name (g_ptr_array_index (files, i), &parsed))
        continue;
      /* Another database's files are for its own log to decide, but a
       * working copy never counts: anyone may remove an abandoned one. */
      if ((g_str_equal (parsed.database_id, database_id) || g_str_equal (parsed.kind, "work")) &&
          clean_one (folder, g_ptr_array_index (files, i), &parsed, logged, user_data))
        cleaned++;
      temp_name_clear (&parsed);
    }
  /* SQLite's companions of a temporary file that is gone. */
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);

      for (guint c = 0; c < G_N_ELEMENTS (companions); c++)
        if (g_str_has_suffix (name, companions[c]))
          {
            g_autofree char *base = g_strndup (name, strlen (name) - strlen (companions[c]));
            g_autofree char *base_path = g_build_filename (folder, base, NULL);
            g_autofree char *path = g_build_filename (folder, name, NULL);
            TempName parsed;

            if (parse_temp_name (base, &parsed) && !process_alive (parsed.pid) &&
                !g_file_test (base_path, G_FILE_TEST_EXISTS) && g_unlink (path) == 0)
              cleaned++;
            temp_name_clear (&parsed);
          }
    }
  return cleaned;
}

/* ---- Listing and rotation ---- */

static gboolean
is_backup_name (const char *name)
{
  return g_str_has_prefix (name, BACKUP_PREFIX) &&
         (g_str_has_suffix (name, KES_BACKUP_PLAIN_SUFFIX) ||
          g_str_has_suffix (name, KES_BACKUP_ENCRYPTED_SUFFIX));
}

/* "kestrel-backup-20261121T091500Z-01.db": the time in the name. */
static GDateTime *
time_from_name (const char *name)
{
  int year, month, day, hour, minute, second;

  if (sscanf (name, BACKUP_PREFIX "%4d%2d%2dT%2d%2d%2dZ", &year, &month, &day, &hour, &minute,
              &second) != 6)
    return NULL;
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static gint
compare_newest_first_cb (gconstpointer a,
                         gconstpointer b)
{
  const KesBackupFile *first = *(KesBackupFile * const *) a;
  const KesBackupFile *second = *(KesBackupFile * const *) b;

  return strcmp (second->name, first->name);
}

static KesBackupFile *
describe (const char *folder,
          const char *name)
{
  g_autoptr(KesBackupFile) file = g_new0 (KesBackupFile, 1);
  g_autoptr(GError) error = NULL;
  KesBackupInfo info;
  GStatBuf status;
  int fd;

  file->name = g_strdup (name);
  file->path = g_build_filename (folder, name, NULL);
  /* A database opened straight from the folder is not a backup, and reading
   * it as a file would drop this process's locks on it. */
  if (g_stat (file->path, &status) != 0 || !S_ISREG (status.st_mode) ||
      !kes_output_guard_check_source (file->path, NULL))
    return NULL;
  file->made = time_from_name (name);
  file->size = (guint64) status.st_size;
  file->encrypted = g_str_has_suffix (name, KES_BACKUP_ENCRYPTED_SUFFIX);
  fd = open (file->path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || !kes_backup_format_identify (fd, file->path, &info, &error))
    file->problem = g_strdup (error != NULL ? error->message : g_strerror (errno));
  else
    {
      file->encrypted = kes_backup_format_is_encrypted (info.format);
      file->database_id = *info.database_id != '\0' ? g_strdup (info.database_id) : NULL;
    }
  if (fd >= 0)
    close (fd);
  return g_steal_pointer (&file);
}

GPtrArray *
kes_backup_folder_list (const char  *folder,
                        const char  *database_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_backup_file_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&files);
  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      KesBackupFile *file;

      if (!is_backup_name (name) || (file = describe (folder, name)) == NULL)
        continue;
      if (database_id != NULL && file->problem == NULL && g_strcmp0 (file->database_id, database_id) != 0)
        kes_backup_file_free (file);
      else
        g_ptr_array_add (files, file);
    }
  g_ptr_array_sort (files, compare_newest_first_cb);
  return g_steal_pointer (&files);
}

gboolean
kes_backup_folder_rotate (const char  *folder,
                          const char  *database_id,
                          guint        keep,
                          GError     **error)
{
  g_autoptr(GPtrArray) files = NULL;
  guint kept = 0;

  if (keep == 0)
    return TRUE;
  files = kes_backup_folder_list (folder, database_id, error);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      KesBackupFile *file = g_ptr_array_index (files, i);

      /* Only this database's own, whole backups count and go. */
      if (file->problem != NULL || g_strcmp0 (file->database_id, database_id) != 0)
        continue;
      if (++kept <= keep)
        continue;
      if (g_unlink (file->path) != 0)
        {
          int saved = errno;
          g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not remove the old backup %s: %s"),
                       file->path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}
