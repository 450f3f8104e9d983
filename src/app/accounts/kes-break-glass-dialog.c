/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-break-glass-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-break-glass-dialog.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-error.h"

typedef struct
{
  GtkWindow             *parent;
  KesStore              *store;
  char                  *patient_id;
  char                  *message;
  KesBreakGlassCallback  callback;
  gpointer               user_data;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->parent);
  g_clear_object (&request->store);
  g_free (request->patient_id);
  g_free (request->message);
  g_free (request);
}

static void present (Request    *request,
                     const char *problem);

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = kes_editable_dup_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "open", *reason != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Request          *request)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kes-reason");
  g_autofree char *reason = kes_editable_dup_text (entry);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "open") != 0)
    {
      request->callback (KES_BREAK_GLASS_CANCELLED, request->user_data);
      request_free (request);
      return;
    }
  if (!kes_store_break_glass (request->store, request->patient_id, reason, &error))
    {
      present (request, error->message);
      return;
    }
  request->callback (KES_BREAK_GLASS_GRANTED, request->user_data);
  request_free (request);
}

static void
present (Request    *request,
         const char *problem)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Why do you need this record now?"));
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;

  body = g_strdup_printf ("%s\n\n%s", request->message,
                          _("Emergency access is recorded with your name, the time and your "
                            "reason, and your team manager reviews it. Say why you need the "
                            "record, not clinical details."));
  dialog = adw_message_dialog_new (request->parent, _("Emergency Access"), body);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  _("For example, crisis call out of hours; care coordinator away"));
  kes_widget_set_handle (entry, "break-glass-reason");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  kes_dialog_add_problem (ADW_MESSAGE_DIALOG (dialog), GTK_BOX (box), problem, NULL);
  g_object_set_data (G_OBJECT (dialog), "kes-reason", entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Use Emergency Access"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

gboolean
kes_break_glass_needed (KesStore    *store,
                        const char  *patient_id,
                        char       **message)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  /* Only the team rule can be lifted, and only by a role with break-glass:
   * the register entry of another team's patient is need-to-know too, so
   * anyone else is refused by core when the record opens. */
  if (!kes_store_check_permission (store, KES_PERMISSION_BREAK_GLASS, NULL, NULL) ||
      kes_store_check_permission (store, KES_PERMISSION_VIEW_IDENTITY, patient_id, &error))
    return FALSE;
  if (!g_error_matches (error, KES_ERROR, KES_ERROR_PERMISSION))
    return FALSE;
  if (message != NULL)
    *message = g_strdup (error->message);
  return TRUE;
}

void
kes_ask_break_glass (GtkWidget             *parent,
                     KesStore              *store,
                     const char            *patient_id,
                     const char            *message,
                     KesBreakGlassCallback  callback,
                     gpointer               user_data)
{
  Request *request;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (patient_id != NULL);
  g_return_if_fail (callback != NULL);

  root = gtk_widget_get_root (parent);
  request = g_new0 (Request, 1);
  request->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  request->store = g_object_ref (store);
  request->patient_id = g_strdup (patient_id);
  request->message = g_strdup (message);
  request->callback = callback;
  request->user_data = user_data;
  present (request, NULL);
}
