/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-backup-group-private.h"
#include "admin/kes-backup-job.h"
#include "backup/kes-auto-backup.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-backup.h"
#include "kes-clock.h"
#include "kes-window.h"

G_DEFINE_FINAL_TYPE (KesBackupGroup, kes_backup_group, ADW_TYPE_PREFERENCES_GROUP)

/* ---- Showing what happened ---- */

static void
set_busy (KesBackupGroup *self,
          const char     *what)
{
  self->busy = what != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), self->busy);
  if (what != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), what);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_sensitive (self->cancel_button, self->busy);
  gtk_widget_set_sensitive (self->backup_button, !self->busy);
  gtk_widget_set_sensitive (self->restore_button, !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_row), !self->busy);
}

void
kes_backup_group_show_result (KesBackupGroup *self,
                              gboolean        ok,
                              const char     *title,
                              const char     *text,
                              gboolean        can_switch)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  GtkWidget *row = GTK_WIDGET (self->result_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, escaped);
  gtk_image_set_from_icon_name (self->result_icon,
                                ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "error");
    }
  gtk_widget_set_visible (self->switch_button, can_switch);
  gtk_widget_set_visible (row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* "the database is sound …": what core checked, in plain words. */
static char *
checks_text (KesBackupReport *report)
{
  g_autofree char *entries = kes_format_count (report->audit_entries);
  g_autofree char *records = kes_format_count (report->records);

  return g_strdup_printf (
    /* TRANSLATORS: the first %s is a number of access-log entries, the second of records */
    _("Checked after writing: the database file is sound (integrity check), every link between "
      "records holds (foreign key check), and the access log’s chain of %s entries and every "
      "record’s history are unbroken. It holds %s records."),
    entries, records);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KesBackupGroup) self = user_data;
  g_autoptr(KesBackupReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checks = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  gboolean restore = self->restoring_from != NULL;

  report = kes_backup_job_finish (result, &error);
  g_clear_object (&self->cancellable);
  set_busy (self, NULL);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kes_backup_group_show_result (self, FALSE, restore ? _("Restore Stopped") : _("Backup Stopped"),
                     restore ? _("Nothing was restored: no new database file was written.")
                             : _("No backup was made."),
                     FALSE);
      else
        kes_backup_group_show_result (self, FALSE, restore ? _("Restore Failed") : _("Backup Failed"),
                     error->message, FALSE);
      g_clear_pointer (&self->restoring_from, g_free);
      kes_backup_group_reload (self);
      return;
    }

  checks = checks_text (report);
  name = g_path_get_basename (report->path);
  size = g_format_size (report->size);
  if (restore)
    {
      g_autofree char *from = g_path_get_basename (self->restoring_from);

      g_free (self->restored_path);
      self->restored_path = g_strdup (report->path);
      /* TRANSLATORS: "Restored kestrel-backup-….kbak to /home/…/kestrel-restored-….db (2 MB). Checked…" */
      text = g_strdup_printf (_("Restored %s to a new database file, %s (%s). %s The database open "
                                "now is unchanged until you switch."),
                              from, report->path, size, checks);
      kes_backup_group_show_result (self, TRUE, _("Restored and Checked"), text, TRUE);
    }
  else
    {
      g_autofree char *folder = g_path_get_dirname (report->path);

      /* TRANSLATORS: "kestrel-backup-….kbak in /home/… (encrypted, 2 MB). Checked…" */
      text = g_strdup_printf (_("%s in %s (%s, %s). %s"), name, folder,
                              report->encrypted ? _("encrypted") : _("not encrypted"), size,
                              checks);
      kes_backup_group_show_result (self, TRUE, _("Backup Made and Checked"), text, FALSE);
      kes_widget_toast (GTK_WIDGET (self), _("Backup made and checked"));
    }
  g_clear_pointer (&self->restoring_from, g_free);
  kes_backup_group_reload (self);
}

static void
job_progress_cb (double   fraction,
                 gpointer user_data)
{
  KesBackupGroup *self = user_data;

  if (self->busy)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/* Before a job starts: a fresh Cancel, the last result put away. */
static GCancellable *
start_job (KesBackupGroup *self,
           const char     *what)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
  set_busy (self, what);
  return self->cancellable;
}

GtkWindow *
kes_backup_group_parent_window (KesBackupGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- Switching ---- */

static void
switch_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KesBackupGroup   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *path = g_strdup (self->restored_path);

  if (g_strcmp0 (response, "switch") != 0 || path == NULL || !KES_IS_WINDOW (root))
    return;
  kes_window_open_database (KES_WINDOW (root), path);
}

static void
switch_clicked_cb (KesBackupGroup *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (self->restored_path != NULL);

  body = g_strdup_printf (_("Kestrel closes the database open now and opens %s. Everyone signs in "
                            "again, with the accounts the backup holds."), self->restored_path);
  dialog = adw_message_dialog_new (kes_backup_group_parent_window (self), _("Switch to the Restored Database?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "switch", _("_Switch"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (switch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_clicked_cb (KesBackupGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

/* ---- The folder's backups ---- */

static void
clear_recent (KesBackupGroup *self)
{
  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_expander_row_remove (self->recent_row, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);
}

static void
add_recent_row (KesBackupGroup *self,
                GtkWidget      *row)
{
  adw_expander_row_add_row (self->recent_row, row);
  g_ptr_array_add (self->recent_rows, row);
}

static GtkWidget *
damaged_row (KesBackupFile *file)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  g_autofree char *title = g_strdup_printf (_("%s can’t be restored"), file->name);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped = g_markup_escape_text (file->problem, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
backup_row (KesBackupGroup *self,
            KesBackupFile  *file)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
  g_autoptr(GDateTime) local = file->made != NULL ? g_date_time_to_local (file->made) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%-d %b %Y, %H:%M")
                                        : g_strdup (file->name);
  g_autofree char *size = g_format_size (file->size);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s",
                                               file->encrypted ? _("Encrypted") : _("Not encrypted"),
                                               size, file->name);
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  g_autofree char *label = g_strdup_printf (_("Restore the backup of %s"), when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (button), "kes-path", g_strdup (file->path), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (kes_backup_group_recent_restore_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* This database's backups only: another database's are never offered here. */
static void
reload_recent (KesBackupGroup *self)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *database_id = kes_store_get_database_id (self->store, &error);
  g_autofree char *folder = NULL;

  clear_recent (self);
  if (self->folder != NULL)
    {
      folder = g_markup_escape_text (self->folder, -1);
      if (database_id != NULL)
        files = kes_backup_list_folder (self->folder, database_id, &error);
    }
  adw_expander_row_set_subtitle (self->recent_row, folder != NULL ? folder : "");
  if (files == NULL || files->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? error->message
                                                   : _("No backups of this database in this folder yet"));
      gtk_widget_add_css_class (row, "dim-label");
      add_recent_row (self, row);
      return;
    }

  for (guint i = 0; i < files->len; i++)
    {
      KesBackupFile *file = g_ptr_array_index (files, i);

      add_recent_row (self, file->problem != NULL ? damaged_row (file) : backup_row (self, file));
    }
}

/* Next to the open database, under a name nobody has: never the open file. */
static char *
restore_target (KesBackupGroup *self)
{
  const char *db = kes_store_get_path (self->store);
  g_autofree char *dir = NULL;
  g_autoptr(GDateTime) now = kes_clock_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  if (db != NULL && *db != '\0' && g_strcmp0 (db, ":memory:") != 0)
    dir = g_path_get_dirname (db);
  else
    dir = g_build_filename (g_get_user_data_dir (), "kestrel", NULL);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("kestrel-restored-%s-%02u.db", stamp, n);
      char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
}

/* ---- GObject ---- */

static void
kes_backup_group_dispose (GObject *object)
{
  KesBackupGroup *self = KES_BACKUP_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->progress != NULL)
    kes_progress_relay_stop (self->progress);
  g_clear_pointer (&self->progress, kes_progress_relay_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_BACKUP_GROUP);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kes_backup_group_parent_class)->dispose (object);
}

static void
kes_backup_group_finalize (GObject *object)
{
  KesBackupGroup *self = KES_BACKUP_GROUP (object);

  g_free (self->folder);
  g_free (self->restored_path);
  g_free (self->restoring_from);

  G_OBJECT_CLASS (kes_backup_group_parent_class)->finalize (object);
}

static void
kes_backup_group_class_init (KesBackupGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_backup_group_dispose;
  object_class->finalize = kes_backup_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-backup-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, backup_button);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, restore_button);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, progress_row);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, result_row);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, result_icon);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, switch_button);
  gtk_widget_class_bind_template_child (widget_class, KesBackupGroup, recent_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "backup_clicked_cb",
                                                G_CALLBACK (kes_backup_group_backup_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "restore_clicked_cb",
                                                G_CALLBACK (kes_backup_group_restore_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
kes_backup_group_init (KesBackupGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recent_rows = g_ptr_array_new ();
  self->progress = kes_progress_relay_new (job_progress_cb, self);
  kes_widget_set_handle (self->backup_button, "backup-now");
  kes_widget_set_handle (self->restore_button, "backup-restore");
}

/* ---- Public ---- */

GtkWidget *
kes_backup_group_new (void)
{
  return g_object_new (KES_TYPE_BACKUP_GROUP, NULL);
}

void
kes_backup_group_set_store (KesBackupGroup *self,
                            KesStore       *store)
{
  g_return_if_fail (KES_IS_BACKUP_GROUP (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  if (store != self->store)
    {
      g_clear_pointer (&self->restored_path, g_free);
      gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
    }
  g_set_object (&self->store, store);
  if (!self->folder_chosen)
    {
      g_free (self->folder);
      self->folder = store != NULL ? kes_auto_backup_folder (store) : NULL;
    }
  kes_backup_group_reload (self);
}

void
kes_backup_group_reload (KesBackupGroup *self)
{
  gboolean allowed;

  g_return_if_fail (KES_IS_BACKUP_GROUP (self));

  /* Core decides; the group is only offered to those it allows. */
  allowed = self->store != NULL && kes_store_get_actor (self->store) != NULL &&
            kes_store_check_permission (self->store, KES_PERMISSION_BACKUP, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), allowed);
  if (allowed)
    reload_recent (self);
}

void
kes_backup_group_set_folder (KesBackupGroup *self,
                             const char     *folder)
{
  g_return_if_fail (KES_IS_BACKUP_GROUP (self));
  g_return_if_fail (folder != NULL);

  g_free (self->folder);
  self->folder = g_strdup (folder);
  self->folder_chosen = TRUE;
  kes_backup_group_reload (self);
}

void
kes_backup_group_choose_folder (KesBackupGroup *self,
                                const char     *folder)
{
  g_return_if_fail (KES_IS_BACKUP_GROUP (self));
  g_return_if_fail (folder != NULL);

  kes_backup_group_ask_passphrase (self, folder);
}

void
kes_backup_group_choose_backup (KesBackupGroup *self,
                                const char     *backup_path)
{
  g_return_if_fail (KES_IS_BACKUP_GROUP (self));
  g_return_if_fail (backup_path != NULL);

  kes_backup_group_restore_file (self, backup_path);
}

gboolean
kes_backup_group_back_up (KesBackupGroup  *self,
                          const char      *folder,
                          const char      *passphrase,
                          const char      *repeated,
                          GError         **error)
{
  GCancellable *cancellable;
  gboolean encrypted;

  g_return_val_if_fail (KES_IS_BACKUP_GROUP (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);
  g_return_val_if_fail (self->store != NULL && !self->busy, FALSE);

  encrypted = (passphrase != NULL && *passphrase != '\0') || (repeated != NULL && *repeated != '\0');
  if (encrypted && !kes_backup_check_passphrase (passphrase, repeated, error))
    return FALSE;

  cancellable = start_job (self, encrypted ? _("Backing up and encrypting…") : _("Backing up…"));
  kes_backup_job_create_async (self->store, folder, encrypted ? passphrase : NULL, self->progress,
                               cancellable, job_done_cb, g_object_ref (self));
  return TRUE;
}

void
kes_backup_group_restore (KesBackupGroup *self,
                          const char     *backup_path,
                          const char     *passphrase)
{
  g_autofree char *target = NULL;
  GCancellable *cancellable;

  g_return_if_fail (KES_IS_BACKUP_GROUP (self));
  g_return_if_fail (backup_path != NULL);
  g_return_if_fail (self->store != NULL && !self->busy);

  target = restore_target (self);
  g_free (self->restoring_from);
  self->restoring_from = g_strdup (backup_path);
  cancellable = start_job (self, _("Restoring to a new database file and checking it…"));
  kes_backup_job_restore_async (self->store, backup_path, passphrase, target, self->progress,
                                cancellable, job_done_cb, g_object_ref (self));
}

gboolean
kes_backup_group_get_busy (KesBackupGroup *self)
{
  g_return_val_if_fail (KES_IS_BACKUP_GROUP (self), FALSE);

  return self->busy;
}

const char *
kes_backup_group_get_restored_path (KesBackupGroup *self)
{
  g_return_val_if_fail (KES_IS_BACKUP_GROUP (self), NULL);

  return self->restored_path;
}
