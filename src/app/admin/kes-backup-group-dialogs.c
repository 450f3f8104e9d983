/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-backup-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-backup-group-private.h"
#include "kes-app-util.h"
#include "kes-backup.h"

/* What the backup group asks before a job starts: the folder and an
 * optional passphrase for a backup; the file, and its passphrase when it
 * is encrypted, for a restore. */

static GtkWidget *
password_entry (const char *label)
{
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", label, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

typedef struct
{
  KesBackupGroup *group;
  char           *folder;
  GtkEditable    *first;
  GtkEditable    *second;
  GtkLabel       *problem;
} PassphraseForm;

static void
passphrase_form_free (PassphraseForm *form)
{
  g_clear_object (&form->group);
  g_free (form->folder);
  g_free (form);
}

/* Empty twice: a plain backup. Otherwise core says what is wrong, once the
 * second entry has something in it. */
static void
passphrase_changed_cb (AdwMessageDialog *dialog)
{
  PassphraseForm *form = g_object_get_data (G_OBJECT (dialog), "kes-form");
  const char *first = gtk_editable_get_text (form->first);
  const char *second = gtk_editable_get_text (form->second);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (*first != '\0' || *second != '\0')
    ok = kes_backup_check_passphrase (first, second, &error);
  gtk_label_set_text (form->problem, error != NULL && *second != '\0' ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (form->problem), error != NULL && *second != '\0');
  adw_message_dialog_set_response_enabled (dialog, "backup", ok);
  adw_message_dialog_set_response_label (dialog, "backup",
                                         *first != '\0' ? _("_Back Up Encrypted")
                                                        : _("_Back Up Without Encryption"));
}

static void
passphrase_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PassphraseForm   *form)
{
  g_autoptr(GError) error = NULL;

  /* The dialog goes away after a response: take the focus off its password
   * entries first, or GTK 4.8 notifies an entry that is already gone. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "backup") != 0)
    return;
  if (!kes_backup_group_back_up (form->group, form->folder, gtk_editable_get_text (form->first),
                                 gtk_editable_get_text (form->second), &error))
    kes_show_error (GTK_WIDGET (form->group), _("Backup Not Started"), error->message);
}

void
kes_backup_group_ask_passphrase (KesBackupGroup *self,
                                 const char     *folder)
{
  PassphraseForm *form = g_new0 (PassphraseForm, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *first = password_entry (_("Passphrase (optional)"));
  GtkWidget *second = password_entry (_("Passphrase again"));
  GtkWidget *problem = gtk_label_new (NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("The backup goes to %s. A passphrase encrypts it: nobody, you included, "
                            "can restore it without the passphrase, so keep it safe. Leave both "
                            "boxes empty for a backup without encryption."), folder);
  dialog = adw_message_dialog_new (kes_backup_group_parent_window (self), _("Back Up the Database"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "backup", _("_Back Up Without Encryption"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "backup",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "backup");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), first);
  gtk_box_append (GTK_BOX (box), second);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  form->group = g_object_ref (self);
  form->folder = g_strdup (folder);
  form->first = GTK_EDITABLE (first);
  form->second = GTK_EDITABLE (second);
  form->problem = GTK_LABEL (problem);
  g_object_set_data_full (G_OBJECT (dialog), "kes-form", form, (GDestroyNotify) passphrase_form_free);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  g_signal_connect_swapped (second, "changed", G_CALLBACK (passphrase_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (passphrase_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
folder_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(KesBackupGroup) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (folder = g_file_get_path (file)) == NULL)
    return;
  kes_backup_group_ask_passphrase (self, folder);
}

void
kes_backup_group_backup_clicked_cb (KesBackupGroup *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GFile) start = NULL;

  dialog = gtk_file_chooser_native_new (_("Choose a Folder for the Backup"), kes_backup_group_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (self->folder != NULL && g_file_test (self->folder, G_FILE_TEST_IS_DIR))
    {
      start = g_file_new_for_path (self->folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), start, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (folder_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- Restore ---- */

typedef struct
{
  KesBackupGroup *group;
  char           *path;
  GtkEditable    *entry;
} RestoreForm;

static void
restore_form_free (RestoreForm *form)
{
  g_clear_object (&form->group);
  g_free (form->path);
  g_free (form);
}

static void
restore_passphrase_changed_cb (AdwMessageDialog *dialog)
{
  RestoreForm *form = g_object_get_data (G_OBJECT (dialog), "kes-form");

  adw_message_dialog_set_response_enabled (dialog, "restore",
                                           *gtk_editable_get_text (form->entry) != '\0');
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RestoreForm      *form)
{
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "restore") == 0)
    kes_backup_group_restore (form->group, form->path, gtk_editable_get_text (form->entry));
}

/* Asks for the passphrase when the backup is encrypted, else restores. */
void
kes_backup_group_restore_file (KesBackupGroup *self,
                               const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  RestoreForm *form;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (!kes_backup_is_encrypted (path, &error))
    {
      if (error != NULL)
        kes_backup_group_show_result (self, FALSE, _("Restore Failed"), error->message, FALSE);
      else
        kes_backup_group_restore (self, path, NULL);
      return;
    }

  name = g_path_get_basename (path);
  body = g_strdup_printf (_("%s is encrypted. Type the passphrase it was made with. It is restored "
                            "to a new database file; the database open now is not changed."), name);
  dialog = adw_message_dialog_new (kes_backup_group_parent_window (self), _("Restore Encrypted Backup"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "restore", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  entry = password_entry (_("Passphrase"));
  g_object_set (entry, "activates-default", TRUE, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  form = g_new0 (RestoreForm, 1);
  form->group = g_object_ref (self);
  form->path = g_strdup (path);
  form->entry = GTK_EDITABLE (entry);
  g_object_set_data_full (G_OBJECT (dialog), "kes-form", form, (GDestroyNotify) restore_form_free);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (restore_passphrase_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), form);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(KesBackupGroup) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  kes_backup_group_restore_file (self, path);
}

void
kes_backup_group_restore_clicked_cb (KesBackupGroup *self)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autoptr(GFile) start = NULL;

  dialog = gtk_file_chooser_native_new (_("Choose a Backup to Restore"), kes_backup_group_parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Kestrel backups"));
  gtk_file_filter_add_pattern (filter, "*" KES_BACKUP_PLAIN_SUFFIX);
  gtk_file_filter_add_pattern (filter, "*" KES_BACKUP_ENCRYPTED_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  if (self->folder != NULL && g_file_test (self->folder, G_FILE_TEST_IS_DIR))
    {
      start = g_file_new_for_path (self->folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), start, NULL);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
kes_backup_group_recent_restore_clicked_cb (GtkButton      *button,
                                            KesBackupGroup *self)
{
  kes_backup_group_restore_file (self, g_object_get_data (G_OBJECT (button), "kes-path"));
}

