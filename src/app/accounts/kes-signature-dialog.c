/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-signature-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-signature-dialog.h"
#include "kes-app-util.h"
#include "kes-error.h"

typedef struct
{
  GtkWindow      *parent;
  char           *heading;
  char           *body;
  KesSignFunc     sign;
  KesSignDone     done;
  gpointer        user_data;
  GDestroyNotify  destroy;
} Request;

static void
request_finish (Request      *request,
                gboolean      signed_off,
                const GError *error)
{
  request->done (signed_off, error, request->user_data);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_clear_object (&request->parent);
  g_free (request->heading);
  g_free (request->body);
  g_free (request);
}

static void present (Request    *request,
                     const char *problem);

static void
password_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "sign", *gtk_editable_get_text (entry) != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Request          *request)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kes-password");
  g_autofree char *password = g_strdup (gtk_editable_get_text (entry));
  g_autoptr(GError) error = NULL;

  /* Nothing typed stays behind in the widget, and the dialog lets go of
   * the focus first (GTK 4.8 notifies an entry that is already gone). */
  gtk_editable_set_text (entry, "");
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "sign") != 0)
    {
      request_finish (request, FALSE, NULL);
      return;
    }
  if (request->sign (password, request->user_data, &error))
    {
      request_finish (request, TRUE, NULL);
      return;
    }
  /* The password (or a lock after too many): ask again, saying so. */
  if (g_error_matches (error, KES_ERROR, KES_ERROR_PERMISSION))
    {
      present (request, error->message);
      return;
    }
  request_finish (request, FALSE, error);
}

static void
present (Request    *request,
         const char *problem)
{
  GtkWidget *dialog = adw_message_dialog_new (request->parent, request->heading, request->body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Your _password"));
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  kes_widget_set_handle (entry, "signature-password");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  kes_dialog_add_problem (ADW_MESSAGE_DIALOG (dialog), GTK_BOX (box), problem, "signature-problem");
  g_object_set_data (G_OBJECT (dialog), "kes-password", entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign", _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "sign", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (password_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
kes_ask_signature (GtkWidget      *parent,
                   const char     *heading,
                   const char     *body,
                   KesSignFunc     sign,
                   KesSignDone     done,
                   gpointer        user_data,
                   GDestroyNotify  destroy)
{
  GtkRoot *root;
  Request *request;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (sign != NULL && done != NULL);

  root = gtk_widget_get_root (parent);
  request = g_new0 (Request, 1);
  request->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  request->heading = g_strdup (heading);
  request->body = g_strdup (body);
  request->sign = sign;
  request->done = done;
  request->user_data = user_data;
  request->destroy = destroy;
  present (request, NULL);
}
