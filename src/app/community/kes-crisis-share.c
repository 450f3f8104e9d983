/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-crisis-share"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-crisis-share.h"
#include "kes-app-util.h"

typedef struct
{
  GtkEditable            *recipient;
  GtkDropDown            *method;
  GtkEditable            *note;
  KesCrisisShareCallback  callback;
  gpointer                user_data;
} Ask;

static void
inputs_changed_cb (AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "kes-ask");
  g_autofree char *recipient = kes_editable_dup_text (ask->recipient);

  adw_message_dialog_set_response_enabled (dialog, "share",
                                           *recipient != '\0' && kes_dropdown_get_code (ask->method) != NULL);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "kes-ask");
  g_autofree char *recipient = NULL;
  g_autofree char *note = NULL;

  if (!g_str_equal (response, "share"))
    return;
  recipient = kes_editable_dup_text (ask->recipient);
  note = kes_editable_dup_text (ask->note);
  ask->callback (recipient, kes_dropdown_get_code (ask->method), *note != '\0' ? note : NULL, ask->user_data);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *input)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), input);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), input);
  return box;
}

void
kes_crisis_share_ask (GtkWidget              *parent,
                      KesCrisisShareCallback  callback,
                      gpointer                user_data)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *recipient = gtk_entry_new ();
  GtkWidget *method = gtk_drop_down_new (NULL, NULL);
  GtkWidget *note = gtk_entry_new ();
  Ask *ask = g_new0 (Ask, 1);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Share the Crisis Plan"),
                                   _("The copy says whom it went to, how and when, and which version it is; "
                                     "the care plan tab keeps the same record."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (recipient), _("e.g. Norfolk crisis resolution and home treatment team"));
  kes_dropdown_fill_code_list (GTK_DROP_DOWN (method), "share-method", _("Choose…"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Optional"));
  kes_widget_set_handle (recipient, "share-recipient");
  kes_widget_set_handle (method, "share-method");
  gtk_box_append (GTK_BOX (box), labelled (_("Shared _with (service or person)"), recipient));
  gtk_box_append (GTK_BOX (box), labelled (_("_How"), method));
  gtk_box_append (GTK_BOX (box), labelled (_("_Note"), note));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "share", _("_Choose Where to Save…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "share", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "share", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "share");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  ask->recipient = GTK_EDITABLE (recipient);
  ask->method = GTK_DROP_DOWN (method);
  ask->note = GTK_EDITABLE (note);
  ask->callback = callback;
  ask->user_data = user_data;
  g_object_set_data_full (G_OBJECT (dialog), "kes-ask", ask, g_free);
  g_signal_connect_swapped (recipient, "changed", G_CALLBACK (inputs_changed_cb), dialog);
  g_signal_connect_swapped (method, "notify::selected", G_CALLBACK (inputs_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}
