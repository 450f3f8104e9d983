/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-check"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-store-private.h"

/* Checking a database file for damage.
 *
 * PRAGMA quick_check reads every page: seconds on a trust-wide database,
 * most of a minute from a cold disk. The CLI and every worker's first open
 * run it before anything else. The application instead checks, before
 * anyone signs in, only what signing in relies on (the file's header and
 * schema, the staff table, the access log's last entries), and runs the
 * whole-file check in a worker after sign-in, with its progress shown. If
 * that finds damage the file is marked damaged for this process: from then
 * on every store open on it refuses to write (kes_store_savepoint), and the
 * window says so; what is on screen stays there.
 *
 * A file is checked once per process: workers that open their own
 * connections later skip it. A file that failed is checked again. */

/* Entries at the end of the access log whose chain is checked before sign-in. */
#define SIGN_IN_AUDIT_TAIL 64

/* The whole-file check's page cache (KiB, as PRAGMA cache_size): the app's
 * own size; with SQLite's default 2 MiB the check took six times as long. */
#define CHECK_CACHE "-65536"

static GMutex      registry_lock;
static GHashTable *checked_paths; /* path: checked and sound in this process */
static GHashTable *damaged_paths; /* path -> what the check reported */
static gint        any_damaged;   /* a quick test before the registry's lock */

static gboolean
path_in (GHashTable *table,
         const char *path)
{
  gboolean found;

  g_mutex_lock (&registry_lock);
  found = table != NULL && g_hash_table_contains (table, path);
  g_mutex_unlock (&registry_lock);
  return found;
}

void
kes_store_note_checked (const char *path)
{
  g_mutex_lock (&registry_lock);
  if (checked_paths == NULL)
    checked_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (checked_paths, g_strdup (path));
  g_mutex_unlock (&registry_lock);
}

static void
note_damaged (const char *path,
              const char *report)
{
  g_mutex_lock (&registry_lock);
  if (damaged_paths == NULL)
    damaged_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (damaged_paths, g_strdup (path), g_strdup (report));
  if (checked_paths != NULL)
    g_hash_table_remove (checked_paths, path);
  g_mutex_unlock (&registry_lock);
  g_atomic_int_set (&any_damaged, 1);
}

gboolean
kes_store_is_damaged (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  return g_atomic_int_get (&any_damaged) && self->path != NULL && path_in (damaged_paths, self->path);
}

gboolean
kes_store_refuse_if_damaged (KesStore  *self,
                             GError   **error)
{
  if (!kes_store_is_damaged (self))
    return TRUE;
  /* SQLite itself refuses too, should any write find another way in. */
  kes_db_exec (self->db, "PRAGMA query_only = ON", NULL);
  g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                       _("Kestrel found damage in the database file and has stopped saving changes "
                         "to it, so that nothing more is written into a damaged file. Restore the "
                         "latest verified backup (Administration, then Backups), or ask your system "
                         "administrator."));
  return FALSE;
}

/* SQLite's report, for people: its first lines, and how many more. */
static char *
short_report (const char *report)
{
  g_auto(GStrv) lines = g_strsplit (report, "\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  guint shown = 0, total = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      /* "*** in database main ***" says nothing here. */
      if (*lines[i] == '\0' || g_str_has_prefix (lines[i], "***"))
        continue;
      total++;
      if (shown < 3)
        {
          g_string_append_printf (text, "%s%s", shown > 0 ? "; " : "", lines[i]);
          shown++;
        }
    }
  if (total > shown)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (and %u more problem)",
                                               " (and %u more problems)", total - shown),
                            total - shown);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Refused when opening: nothing has been written. */
static gboolean
damaged_error (const char  *path,
               const char  *report,
               GError     **error)
{
  g_autofree char *found = short_report (report);

  g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT,
               _("The database %s is damaged (%s). Nothing has been changed: restore it "
                 "from a backup."), path, found);
  return FALSE;
}

/* Runs @sql (a quick_check): FALSE with an error when it can't run;
 * *@report gets what it found, or NULL when that is "ok". */
static gboolean
run_check (KesStore    *self,
           const char  *sql,
           char       **report,
           GError     **error)
{
  KesDbStmt *stmt = kes_store_prepare (self, sql, error);
  const char *result;

  *report = NULL;
  if (stmt == NULL)
    return FALSE;
  if (kes_db_step (stmt) != KES_DB_ROW)
    {
      kes_store_set_db_error (self, error, _("The database could not be checked"));
      kes_db_reset (stmt);
      return FALSE;
    }
  result = kes_store_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    *report = g_strdup (result);
  kes_db_reset (stmt);
  return TRUE;
}

/* run_check() for opening: damage is an error that says nothing was changed. */
static gboolean
check_or_refuse (KesStore    *self,
                 const char  *sql,
                 GError     **error)
{
  g_autofree char *report = NULL;

  if (!run_check (self, sql, &report, error))
    return FALSE;
  return report == NULL || damaged_error (self->path, report, error);
}

gboolean
kes_store_quick_check_once (KesStore  *self,
                            GError   **error)
{
  if (path_in (checked_paths, self->path))
    return TRUE;
  if (!check_or_refuse (self, "PRAGMA quick_check", error))
    return FALSE;
  kes_store_note_checked (self->path);
  return TRUE;
}

gboolean
kes_store_check_sign_in (KesStore  *self,
                         GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  /* The header and the schema were read to open the file and find its
   * version. What a sign-in reads and writes: the staff table (accounts,
   * password hashes, throttling) with its teams, and the end of the access
   * log, where the sign-in is logged. */
  if (!check_or_refuse (self, "PRAGMA quick_check(sqlite_schema)", error) ||
      !check_or_refuse (self, "PRAGMA quick_check(staff)", error) ||
      !check_or_refuse (self, "PRAGMA quick_check(team)", error))
    return FALSE;
  if (!kes_store_verify_audit_tail (self, SIGN_IN_AUDIT_TAIL, problems, error))
    return FALSE;
  if (problems->len > 0)
    return damaged_error (self->path, g_ptr_array_index (problems, 0), error);
  return TRUE;
}

/* ---- The whole-file check, in a worker ---- */

/* PRAGMA quick_check first walks every b-tree in one step that calls no
 * progress handler, then reads every table again to check its columns:
 * about this many times the file's size read in all, on Kestrel's demo data
 * at 5,000 and 50,000 patients (docs/performance.md). Progress is the bytes
 * the checking thread has read against that, sampled from outside it. */
#define CHECK_READS_PER_FILE_BYTE 1.76
#define SAMPLE_USEC               (250 * 1000)

typedef struct
{
  GMutex           lock;
  GCond            cond;
  gboolean         done;
  char            *io_path;   /* /proc/self/task/TID/io of the checking thread */
  gint64           start;     /* its bytes read before the check */
  double           expected;  /* bytes the check will read, roughly */
  KesDb           *db;
  KesProgressFunc  progress;
  gpointer         user_data;
  GCancellable    *cancellable;
} Sampler;

/* Bytes read so far by a thread (its "rchar"), or -1. */
static gint64
bytes_read (const char *io_path)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (io_path, &contents, NULL, NULL) || (line = strstr (contents, "rchar:")) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("rchar:"), NULL, 10);
}

static gpointer
sampler_thread (gpointer data)
{
  Sampler *sampler = data;
  double reported = 0;

  g_mutex_lock (&sampler->lock);
  while (!sampler->done)
    {
      gint64 now;

      g_cond_wait_until (&sampler->cond, &sampler->lock, g_get_monotonic_time () + SAMPLE_USEC);
      if (sampler->done)
        break;
      g_mutex_unlock (&sampler->lock);
      /* Stopping works in every part of the check, the silent first one too. */
      if (g_cancellable_is_cancelled (sampler->cancellable))
        kes_db_interrupt (sampler->db);
      now = bytes_read (sampler->io_path);
      if (sampler->progress != NULL && now >= 0 && sampler->expected > 0)
        {
          double fraction = MIN (0.99, (now - sampler->start) / sampler->expected);

          if (fraction > reported + 0.001)
            {
              reported = fraction;
              sampler->progress (fraction, sampler->user_data);
            }
        }
      g_mutex_lock (&sampler->lock);
    }
  g_mutex_unlock (&sampler->lock);
  return NULL;
}

/* The database's size in bytes (its pages, the write-ahead log's included). */
static double
database_bytes (KesStore *self)
{
  KesDbStmt *stmt = kes_store_prepare (self, "SELECT page_count * page_size FROM pragma_page_count, "
                                                "pragma_page_size", NULL);
  double bytes = 0;

  if (stmt != NULL && kes_db_step (stmt) == KES_DB_ROW)
    bytes = (double) kes_db_column_int64 (stmt, 0);
  if (stmt != NULL)
    kes_db_reset (stmt);
  return bytes;
}

/* A connection of its own, for reading: no memory map, so that every page
 * it reads is a read the sampler sees. */
static KesStore *
open_for_check (const char  *path,
                GError     **error)
{
  g_autoptr(KesStore) self = g_object_new (KES_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  if (kes_db_open (path, KES_DB_OPEN_READ_WRITE, &self->db) != KES_DB_OK)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not open the database %s: %s"), path,
                   self->db != NULL ? kes_db_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  kes_db_busy_timeout (self->db, 5000);
  if (!kes_store_exec (self, "PRAGMA query_only = ON; PRAGMA mmap_size = 0; "
                             "PRAGMA cache_size = " CHECK_CACHE, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
kes_store_check_file (const char       *path,
                      KesProgressFunc   progress,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *report = NULL;
  Sampler sampler = { 0 };
  GThread *thread = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (path_in (checked_paths, path))
    return TRUE;
  store = open_for_check (path, error);
  if (store == NULL)
    return FALSE;

  g_mutex_init (&sampler.lock);
  g_cond_init (&sampler.cond);
  sampler.io_path = g_strdup_printf ("/proc/self/task/%ld/io", (long) syscall (SYS_gettid));
  sampler.start = bytes_read (sampler.io_path);
  sampler.expected = database_bytes (store) * CHECK_READS_PER_FILE_BYTE;
  sampler.db = store->db;
  sampler.progress = progress;
  sampler.user_data = user_data;
  sampler.cancellable = cancellable;
  if (progress != NULL || cancellable != NULL)
    thread = g_thread_new ("kes-check-progress", sampler_thread, &sampler);

  ok = run_check (store, "PRAGMA quick_check", &report, &local_error);

  g_mutex_lock (&sampler.lock);
  sampler.done = TRUE;
  g_cond_signal (&sampler.cond);
  g_mutex_unlock (&sampler.lock);
  if (thread != NULL)
    g_thread_join (thread);
  g_free (sampler.io_path);
  g_cond_clear (&sampler.cond);
  g_mutex_clear (&sampler.lock);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The check was stopped"));
      return FALSE;
    }
  if (!ok)
    {
      /* A file SQLite can't read as a database at all is damaged too. */
      if (g_error_matches (local_error, KES_ERROR, KES_ERROR_CORRUPT))
        note_damaged (path, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (report != NULL)
    {
      g_autofree char *found = short_report (report);

      /* From now on nothing more is written to it from this process. */
      note_damaged (path, found);
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("Damage was found in the database %s: %s."),
                   path, found);
      return FALSE;
    }
  kes_store_note_checked (path);
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
