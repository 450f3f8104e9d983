/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "kes-accounts.h"
#include "kes-anchor.h"
#include "kes-audit.h"
#include "kes-backup.h"
#include "kes-backup-folder.h"
#include "kes-backup-format.h"
#include "kes-error.h"
#include "kes-output-guard.h"
#include "kes-store-private.h"
#include "kes-store-verify-private.h"

/* A restore with no database doing it (kes_backup_restore) is logged in no
 * log: its temporary file is anyone's to remove once abandoned. */
#define NO_DATABASE_ID "00000000000000000000000000000000"

/* How the steps of a backup share its progress, from 0 to 1. */
#define COPY_SHARE   0.35
#define VERIFY_SHARE 0.45
#define WRITE_SHARE  0.10

typedef struct
{
  KesProgressFunc progress;
  gpointer        user_data;
  double          start;
  double          share;
} Progress;

static void
show_progress (Progress *progress,
               double    fraction)
{
  if (progress->progress != NULL)
    progress->progress (progress->start + progress->share * CLAMP (fraction, 0, 1), progress->user_data);
}

static void
step_progress_cb (double   fraction,
                  gpointer user_data)
{
  show_progress (user_data, fraction);
}

/* Moves on to the next step, which takes @share of the whole. */
static void
next_step (Progress *progress,
           double    share)
{
  show_progress (progress, 1);
  progress->start += progress->share;
  progress->share = share;
}

/* ---- Verification ---- */

/* Verification of an open database; the first problem becomes the error.
 * A backup is checked as a copy (kes-verify.h); a backup being restored
 * also for its display tables and the anchors its history reaches. */
static gboolean
verify_store (KesStore        *store,
              const char      *label,
              KesVerifyParts   parts,
              GError         **error)
{
  g_autoptr(KesVerifyReport) report = kes_store_verify_run (store, parts, NULL, NULL, NULL, NULL, error);
  g_autoptr(GPtrArray) problems = NULL;

  if (report == NULL)
    return FALSE;
  /* A part sealed with a key this computer lacks (a database moved here)
   * is no reason to refuse a copy: `verify` keeps saying so. */
  if (!kes_verify_report_has_problems (report))
    return TRUE;
  problems = kes_verify_report_list_problems (report);
  if (problems->len > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("The backup %s failed verification: %s"),
                   label, (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }
  return TRUE;
}

/* What a backup being restored is checked for. */
#define RESTORING (KES_VERIFY_COPY | KES_VERIFY_PART_PROJECTIONS | KES_VERIFY_PART_ANCHORS | \
                   KES_VERIFY_EARLIER_COPY)

/* Verifies @parts of the copy at @path (sealed with @key, or in clear),
 * counting what it holds when @report is given. */
static gboolean
verify_copy (const char       *path,
             KesSealedKey     *key,
             const char       *label,
             KesVerifyParts    parts,
             KesBackupReport  *report,
             GError          **error)
{
  g_autoptr(KesStore) copy = kes_store_open_copy (path, key, label, error);

  if (copy == NULL || !verify_store (copy, label, parts, error))
    return FALSE;
  return report == NULL ||
         kes_store_count_contents (copy, &report->records, &report->audit_entries, error);
}

/* ---- Cleaning up after a killed process ---- */

/* Whether @store's log records @name as a backup made, or as the target
 * of a restore, since @since. */
static gboolean
logged_cb (const char *name,
           const char *since,
           gpointer    user_data)
{
  KesStore *store = user_data;
  g_autoptr(GPtrArray) backups = kes_store_audit_summaries_since (store, KES_AUDIT_BACKUP, since, NULL);
  g_autoptr(GPtrArray) restores = kes_store_audit_summaries_since (store, KES_AUDIT_RESTORE, since, NULL);
  g_autofree char *encrypted = g_strdup_printf ("%s (encrypted)", name);
  /* "BACKUP to NAME, restored as file TAG" (before December 2026 without the tag). */
  g_autofree char *restored = g_strdup_printf (" to %s", name);
  g_autofree char *restored_tagged = g_strconcat (restored, KES_RESTORED_AS_FILE, NULL);

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    if (g_str_equal (g_ptr_array_index (backups, i), name) ||
        g_str_equal (g_ptr_array_index (backups, i), encrypted))
      return TRUE;
  for (guint i = 0; restores != NULL && i < restores->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (restores, i), restored) ||
        strstr (g_ptr_array_index (restores, i), restored_tagged) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
never_logged_cb (const char *name,
                 const char *since,
                 gpointer    user_data)
{
  return FALSE;
}

guint
kes_backup_clean_folder (KesStore   *store,
                         const char *folder)
{
  g_autofree char *database_id = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), 0);
  g_return_val_if_fail (folder != NULL, 0);

  database_id = kes_store_get_database_id (store, NULL);
  if (database_id == NULL)
    return 0;
  /* A file nobody logs (a restore done without a database) goes when abandoned. */
  return kes_backup_folder_clean (folder, database_id, logged_cb, store) +
         kes_backup_folder_clean (folder, NO_DATABASE_ID, never_logged_cb, NULL);
}

/* ---- Making a backup ---- */

/* The encrypted file from the sealed working copy, page by page. */
static gboolean
write_encrypted (KesSealedKey     *key,
                 const char       *work,
                 KesBackupSealer  *sealer,
                 guint8            sha256[32],
                 Progress         *progress,
                 GCancellable     *cancellable,
                 GError          **error)
{
  guint page_size = kes_sealed_key_page_size (key);
  g_autofree guint8 *page = g_malloc (page_size);
  int fd = open (work, O_RDONLY | O_CLOEXEC);
  gboolean ok = TRUE;
  guint64 pages;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup’s working copy: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  pages = kes_sealed_page_count (key, fd);
  for (guint64 number = 1; ok && number <= pages; number++)
    {
      ok = !(number % 4096 == 0 && kes_backup_cancelled (cancellable, error)) &&
           kes_sealed_read_page (key, fd, number, page, error) &&
           kes_backup_sealer_push (sealer, page, page_size, error);
      if (number % 4096 == 0)
        show_progress (progress, (double) number / pages);
    }
  ok = ok && kes_backup_sealer_finish (sealer, sha256, error);
  sodium_memzero (page, page_size);
  close (fd);
  return ok;
}

/* The copy of the database, verified, then the backup file made from it. */
static gboolean
write_backup (KesStore          *store,
              KesBackupPending  *pending,
              const char        *passphrase,
              const char        *database_id,
              KesBackupReport   *result,
              guint8             sha256[32],
              Progress          *progress,
              GCancellable      *cancellable,
              GError           **error)
{
  const char *label = kes_backup_pending_get_path (pending);
  g_autoptr(KesBackupSealer) sealer = NULL;
  g_autoptr(KesSealedKey) key = NULL;
  g_autofree char *work = NULL;

  if (passphrase == NULL)
    {
      memset (sha256, 0, 32);
      if (!kes_store_backup_to_file (store, kes_backup_pending_get_temp (pending), NULL, step_progress_cb,
                                     progress, cancellable, error))
        return FALSE;
      next_step (progress, VERIFY_SHARE);
      if (!verify_copy (kes_backup_pending_get_temp (pending), NULL, label, KES_VERIFY_COPY, result, error) ||
          kes_backup_cancelled (cancellable, error))
        return FALSE;
      next_step (progress, WRITE_SHARE);
      return kes_backup_format_seal_plain (kes_backup_pending_get_fd (pending), database_id, cancellable,
                                           error);
    }

  /* Encrypted: the passphrase's key first (its memory is given back before
   * the copy takes any), then the copy, sealed page by page on its way to
   * the disk. */
  sealer = kes_backup_sealer_new (kes_backup_pending_get_fd (pending), passphrase, database_id, error);
  if (sealer == NULL)
    return FALSE;
  key = kes_sealed_key_new (kes_store_page_size (store));
  work = kes_backup_pending_add_sibling (pending, "work", error);
  if (work == NULL ||
      !kes_store_backup_to_file (store, work, key, step_progress_cb, progress, cancellable, error))
    return FALSE;
  next_step (progress, VERIFY_SHARE);
  if (!verify_copy (work, key, label, KES_VERIFY_COPY, result, error) || kes_backup_cancelled (cancellable, error))
    return FALSE;
  next_step (progress, WRITE_SHARE);
  return write_encrypted (key, work, sealer, sha256, progress, cancellable, error);
}

/* Reads the finished file back as a restore would: its checksum, or every
 * message decrypted and the database's SHA-256 the same as was written. */
static gboolean
read_back (KesBackupPending  *pending,
           const char        *passphrase,
           const char        *database_id,
           const guint8       written_sha256[32],
           GCancellable      *cancellable,
           GError           **error)
{
  g_autoptr(KesBackupReader) reader = kes_backup_reader_open (kes_backup_pending_get_temp (pending),
                                                              passphrase, error);
  guint8 sha256[32];

  if (reader == NULL || !kes_backup_reader_run (reader, -1, sha256, cancellable, error))
    return FALSE;
  if (g_strcmp0 (kes_backup_reader_get_info (reader)->database_id, database_id) != 0 ||
      (passphrase != NULL && sodium_memcmp (sha256, written_sha256, 32) != 0))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("The backup %s did not read back as written"),
                   kes_backup_pending_get_path (pending));
      return FALSE;
    }
  return TRUE;
}

char *
kes_backup_create (KesStore    *store,
                   const char  *folder,
                   guint        keep,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(KesBackupReport) report = kes_backup_create_full (store, folder, keep, passphrase, NULL, NULL,
                                                              NULL, error);

  return report != NULL ? g_steal_pointer (&report->path) : NULL;
}

KesBackupReport *
kes_backup_create_full (KesStore         *store,
                        const char       *folder,
                        guint             keep,
                        const char       *passphrase,
                        KesProgressFunc   progress_func,
                        gpointer          user_data,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(KesBackupReport) report = NULL;
  g_autoptr(KesBackupPending) pending = NULL;
  g_autofree char *database_id = NULL;
  g_autofree char *summary = NULL;
  Progress progress = { progress_func, user_data, 0, COPY_SHARE };
  guint8 sha256[32];
  GStatBuf status;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (passphrase != NULL && *passphrase == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("The backup passphrase is empty"));
      return NULL;
    }
  if (!kes_store_check_permission (store, KES_PERMISSION_BACKUP, NULL, error) ||
      !kes_output_guard_check (folder, error))
    return NULL;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not create the folder %s: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }
  database_id = kes_store_get_database_id (store, error);
  if (database_id == NULL || kes_backup_cancelled (cancellable, error))
    return NULL;
  kes_backup_clean_folder (store, folder);
  /* The access log's head, signed, into the database just before it is
   * copied: every backup carries an anchor of the history it holds (the
   * anchor file and the journal get it too). */
  if (!kes_store_anchor (store, "backup", TRUE, error))
    return NULL;

  report = g_new0 (KesBackupReport, 1);
  pending = kes_backup_pending_new_backup (folder, database_id, passphrase != NULL, error);
  if (pending == NULL || !kes_output_guard_check (kes_backup_pending_get_path (pending), error) ||
      !write_backup (store, pending, passphrase, database_id, report, sha256, &progress, cancellable, error))
    return NULL;
  next_step (&progress, 1 - COPY_SHARE - VERIFY_SHARE - WRITE_SHARE);
  if (!read_back (pending, passphrase, database_id, sha256, cancellable, error) ||
      kes_backup_cancelled (cancellable, error))
    return NULL;

  /* The entry is the moment the backup counts; only then does it take its
   * name (a kill in between is finished by the next start). */
  summary = g_strdup_printf ("%s%s", kes_backup_pending_get_name (pending),
                             passphrase != NULL ? " (encrypted)" : "");
  if (!kes_store_audit (store, KES_AUDIT_BACKUP, NULL, NULL, summary, error) ||
      !kes_backup_pending_commit (pending, error))
    return NULL;
  show_progress (&progress, 1);

  report->encrypted = passphrase != NULL;
  report->size = g_stat (kes_backup_pending_get_path (pending), &status) == 0 ? (guint64) status.st_size : 0;
  report->path = g_strdup (kes_backup_pending_get_path (pending));
  if (!kes_backup_folder_rotate (folder, database_id, keep, error))
    return NULL;
  return g_steal_pointer (&report);
}

char *
kes_backup_create_automatic (KesStore    *store,
                             const char  *folder,
                             guint        keep,
                             GError     **error)
{
  char *path;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);

  /* Only on a store no one is signed in to: a person's backup is theirs. */
  if (kes_store_get_actor (store) != NULL)
    return kes_backup_create (store, folder, keep, NULL, error);
  kes_store_set_system_operation (store, KES_SYSTEM_AUTOMATIC_BACKUP);
  path = kes_backup_create (store, folder, keep, NULL, error);
  kes_store_set_system_operation (store, KES_SYSTEM_NONE);
  return path;
}

gboolean
kes_backup_is_encrypted (const char  *path,
                         GError     **error)
{
  KesBackupInfo info;
  gboolean ok;
  int fd;

  /* Reading an open database as a file would drop this process's locks on it. */
  if (!kes_output_guard_check_source (path, error))
    return FALSE;
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("Could not read the backup %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  ok = kes_backup_format_identify (fd, path, &info, error);
  close (fd);
  return ok && kes_backup_format_is_encrypted (info.format);
}

/* ---- Restoring ---- */

typedef struct
{
  KesStore         *store;        /* the database restoring it, or NULL */
  const char       *backup_path;
  const char       *passphrase;
  const char       *target_path;
  const char       *actor_id;     /* who the restored database logs */
  KesBackupReport  *report;
  Progress          progress;
  GCancellable     *cancellable;
} Restore;

/* The restored file, opened as Kestrel will open it (brought up to this
 * schema if it is older; verified again then), its restore logged in it,
 * then settled into one file that can take its name. */
static gboolean
finish_restored (Restore     *restore,
                 const char  *temp,
                 GError     **error)
{
  g_autoptr(KesStore) restored = NULL;
  g_autoptr(KesStaff) actor = NULL;
  g_autofree char *name = g_path_get_basename (restore->backup_path);
  g_autofree char *tag = kes_anchor_file_tag (restore->target_path);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  int version;

  /* Checked in full just now: opening it need not read every page again. */
  kes_store_note_checked (temp);
  restored = kes_store_open_copy (temp, NULL, restore->target_path, error);
  if (restored == NULL)
    return FALSE;
  version = kes_store_get_user_version (restored);
  g_clear_object (&restored);
  restored = kes_store_open (temp, error);
  /* Read through its page cache alone: mapped pages would count against
   * the memory a restore may take. */
  if (restored == NULL || !kes_store_exec (restored, "PRAGMA mmap_size = 0", error) ||
      (version < kes_store_schema_version () && !verify_store (restored, restore->target_path, RESTORING, error)))
    return FALSE;
  if (restore->actor_id != NULL)
    actor = kes_store_lookup_staff (restored, restore->actor_id);
  kes_store_set_actor (restored, actor);
  summary = g_strconcat (name, KES_RESTORED_AS_FILE, tag, NULL);
  if (!kes_store_audit (restored, KES_AUDIT_RESTORE, NULL, NULL, summary, error) ||
      !kes_store_verify_audit_tail (restored, 2, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_CORRUPT, _("The restored database %s failed verification: %s"),
                   restore->target_path, (const char *) g_ptr_array_index (problems, 0));
      return FALSE;
    }
  /* Counted when the copy was verified; the restore is one more entry. */
  restore->report->audit_entries++;
  return kes_store_settle (restored, error);
}

static gboolean
run_restore (Restore  *restore,
             GError  **error)
{
  g_autoptr(KesBackupReader) reader = NULL;
  g_autoptr(KesBackupPending) pending = NULL;
  g_autofree char *database_id = NULL;
  guint8 checked[32], written[32];
  GStatBuf status;
  int fd;

  if (!kes_output_guard_check (restore->target_path, error) ||
      !kes_output_guard_check_source (restore->backup_path, error))
    return FALSE;
  if (g_file_test (restore->target_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("%s already exists: restore to a new file, then switch to it"), restore->target_path);
      return FALSE;
    }
  /* The whole file's checksum or authentication, before anything is written. */
  reader = kes_backup_reader_open (restore->backup_path, restore->passphrase, error);
  if (reader == NULL || kes_backup_cancelled (restore->cancellable, error) ||
      !kes_backup_reader_run (reader, -1, checked, restore->cancellable, error))
    return FALSE;
  next_step (&restore->progress, 0.25);

  if (restore->store != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (restore->target_path);

      database_id = kes_store_get_database_id (restore->store, error);
      if (database_id == NULL)
        return FALSE;
      kes_backup_clean_folder (restore->store, folder);
    }
  pending = kes_backup_pending_new_target (restore->target_path,
                                           database_id != NULL ? database_id : NO_DATABASE_ID, error);
  if (pending == NULL)
    return FALSE;
  fd = kes_backup_pending_get_fd (pending);
  /* Written out, checked again on the way (the file might have changed). */
  if (!kes_backup_reader_run (reader, fd, written, restore->cancellable, error))
    return FALSE;
  if (sodium_memcmp (checked, written, 32) != 0 || fsync (fd) != 0)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_IO, _("The backup %s changed while it was restored"),
                   restore->backup_path);
      return FALSE;
    }
  next_step (&restore->progress, 0.45);
  if (!verify_copy (kes_backup_pending_get_temp (pending), NULL, restore->backup_path, RESTORING, restore->report,
                    error) ||
      kes_backup_cancelled (restore->cancellable, error))
    return FALSE;
  next_step (&restore->progress, 0.1);
  if (!finish_restored (restore, kes_backup_pending_get_temp (pending), error) ||
      kes_backup_cancelled (restore->cancellable, error))
    return FALSE;

  /* The entry in the database doing the restore is the moment it counts. */
  if (restore->store != NULL)
    {
      g_autofree char *backup_name = g_path_get_basename (restore->backup_path);
      g_autofree char *target_name = g_path_get_basename (restore->target_path);
      g_autofree char *target_tag = kes_anchor_file_tag (restore->target_path);
      g_autofree char *summary = g_strconcat (backup_name, " to ", target_name, KES_RESTORED_AS_FILE, target_tag,
                                              NULL);

      if (!kes_store_audit (restore->store, KES_AUDIT_RESTORE, NULL, NULL, summary, error))
        return FALSE;
    }
  if (!kes_backup_pending_commit (pending, error))
    return FALSE;
  /* Verified in full moments ago: switching to it need not read it again. */
  kes_store_note_checked (restore->target_path);
  show_progress (&restore->progress, 1);
  restore->report->size = g_stat (restore->target_path, &status) == 0 ? (guint64) status.st_size : 0;
  restore->report->path = g_strdup (restore->target_path);
  restore->report->encrypted = kes_backup_format_is_encrypted (kes_backup_reader_get_info (reader)->format);
  return TRUE;
}

gboolean
kes_backup_restore (const char  *backup_path,
                    const char  *passphrase,
                    const char  *target_path,
                    const char  *actor_id,
                    GError     **error)
{
  g_autoptr(KesBackupReport) report = g_new0 (KesBackupReport, 1);
  Restore restore = {
    .backup_path = backup_path, .passphrase = passphrase, .target_path = target_path,
    .actor_id = actor_id, .report = report, .progress = { NULL, NULL, 0, 0.2 },
  };

  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (target_path != NULL, FALSE);

  return run_restore (&restore, error);
}

KesBackupReport *
kes_backup_restore_full (KesStore         *store,
                         const char       *backup_path,
                         const char       *passphrase,
                         const char       *target_path,
                         KesProgressFunc   progress,
                         gpointer          user_data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(KesBackupReport) report = g_new0 (KesBackupReport, 1);
  KesStaff *acting;
  Restore restore = {
    .store = store, .backup_path = backup_path, .target_path = target_path, .report = report,
    .progress = { progress, user_data, 0, 0.2 }, .cancellable = cancellable,
  };

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (backup_path != NULL, NULL);
  g_return_val_if_fail (target_path != NULL, NULL);

  if (!kes_store_check_permission (store, KES_PERMISSION_BACKUP, NULL, error) ||
      !kes_output_guard_check (target_path, error) ||
      !kes_output_guard_check_source (backup_path, error))
    return NULL;
  if (kes_backup_is_encrypted (backup_path, NULL) && (passphrase == NULL || *passphrase == '\0'))
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("This backup is encrypted: type its passphrase"));
      return NULL;
    }
  restore.passphrase = passphrase;
  acting = kes_store_get_actor (store);
  restore.actor_id = acting != NULL ? kes_staff_get_id (acting) : NULL;
  if (!run_restore (&restore, error))
    return NULL;
  return g_steal_pointer (&report);
}

void
kes_backup_report_free (KesBackupReport *report)
{
  if (report == NULL)
    return;
  g_free (report->path);
  g_free (report);
}

gboolean
kes_backup_check_passphrase (const char  *passphrase,
                             const char  *repeated,
                             GError     **error)
{
  const char *p;
  gboolean one_character = TRUE;

  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Type a passphrase for the backup"));
      return FALSE;
    }
  if (!g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < KES_BACKUP_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "The passphrase is too short: use at least %d character",
                                "The passphrase is too short: use at least %d characters",
                                KES_BACKUP_PASSPHRASE_MIN_LENGTH),
                   KES_BACKUP_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }
  for (p = g_utf8_next_char (passphrase); *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != g_utf8_get_char (passphrase))
      one_character = FALSE;
  if (one_character)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The passphrase is one character repeated: use words that are hard to guess"));
      return FALSE;
    }
  if (g_strcmp0 (passphrase, repeated) != 0)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID,
                           _("The two passphrases are different: type the same passphrase twice"));
      return FALSE;
    }
  return TRUE;
}

void
kes_backup_file_free (KesBackupFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->name);
  g_free (file->database_id);
  g_free (file->problem);
  g_clear_pointer (&file->made, g_date_time_unref);
  g_free (file);
}

GPtrArray *
kes_backup_list_folder (const char  *folder,
                        const char  *database_id,
                        GError     **error)
{
  g_return_val_if_fail (folder != NULL, NULL);

  return kes_backup_folder_list (folder, database_id, error);
}
