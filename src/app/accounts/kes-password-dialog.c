/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-password-dialog.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-error.h"

typedef struct
{
  GtkWindow           *parent;
  KesStore            *store;
  KesStaff            *staff;
  gint64               revision;
  KesPasswordMode      mode;
  char                *heading;
  char                *body;
  KesPasswordCallback  callback;
  gpointer             user_data;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->parent);
  g_clear_object (&request->store);
  g_clear_object (&request->staff);
  g_free (request->heading);
  g_free (request->body);
  g_free (request);
}

static void present (Request    *request,
                     const char *problem);

static GtkWidget *
add_entry (GtkGrid    *grid,
           int         row,
           const char *label,
           const char *handle)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  g_object_set (entry, "activates-default", TRUE, NULL);
  kes_widget_set_handle (entry, handle);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static gboolean
store_password (Request     *request,
                const char  *current,
                const char  *password,
                GError     **error)
{
  switch (request->mode)
    {
    case KES_PASSWORD_CHANGE_OWN:
      return kes_store_change_own_password (request->store, current != NULL ? current : "", password, error);
    case KES_PASSWORD_FIRST_SIGN_IN:
      return kes_store_change_own_password (request->store, NULL, password, error);
    case KES_PASSWORD_RESET:
      return kes_store_reset_password (request->store, kes_staff_get_id (request->staff), request->revision,
                                       password, error);
    default:
      g_assert_not_reached ();
    }
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Request          *request)
{
  GtkEditable *current = g_object_get_data (G_OBJECT (dialog), "kes-current-password");
  GtkEditable *password = g_object_get_data (G_OBJECT (dialog), "kes-new-password");
  GtkEditable *confirm = g_object_get_data (G_OBJECT (dialog), "kes-confirm-password");
  g_autofree char *typed = NULL;
  g_autoptr(GError) error = NULL;

  /* The dialog goes away after a response: take the focus off its password
   * entries first, or GTK 4.8 notifies an entry that is already gone. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "set") != 0)
    {
      request->callback (request->staff, NULL, request->user_data);
      request_free (request);
      return;
    }

  if (g_strcmp0 (gtk_editable_get_text (password), gtk_editable_get_text (confirm)) != 0)
    {
      present (request, _("Confirm password: the two new passwords are different. Type the same "
                          "password in both."));
      return;
    }
  typed = g_strdup (gtk_editable_get_text (password));
  if (!store_password (request, current != NULL ? gtk_editable_get_text (current) : NULL, typed, &error))
    {
      /* Core's message names the field when it is about the current one. */
      g_autofree char *problem = g_error_matches (error, KES_ERROR, KES_ERROR_INVALID)
                                 ? g_strdup_printf (_("New password: %s"), error->message)
                                 : g_strdup (error->message);
      present (request, problem);
      return;
    }
  request->callback (request->staff, typed, request->user_data);
  request_free (request);
}

static void
present (Request    *request,
         const char *problem)
{
  GtkWidget *dialog = adw_message_dialog_new (request->parent, request->heading, request->body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *first = NULL;
  GtkWidget *entry;
  int row = 0;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  if (request->mode == KES_PASSWORD_CHANGE_OWN)
    {
      first = add_entry (GTK_GRID (grid), row++, _("C_urrent password"), "current-password");
      g_object_set_data (G_OBJECT (dialog), "kes-current-password", first);
    }
  entry = add_entry (GTK_GRID (grid), row++, _("_New password"), "new-password");
  g_object_set_data (G_OBJECT (dialog), "kes-new-password", entry);
  if (first == NULL)
    first = entry;
  entry = add_entry (GTK_GRID (grid), row++, _("C_onfirm password"), "confirm-password");
  g_object_set_data (G_OBJECT (dialog), "kes-confirm-password", entry);
  gtk_box_append (GTK_BOX (box), grid);

  kes_dialog_add_problem (ADW_MESSAGE_DIALOG (dialog), GTK_BOX (box), problem, "password-problem");

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "set", _("_Set Password"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "set");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

void
kes_ask_new_password (GtkWidget           *parent,
                      KesStore            *store,
                      KesStaff            *staff,
                      gint64               revision,
                      KesPasswordMode      mode,
                      const char          *heading,
                      const char          *body,
                      KesPasswordCallback  callback,
                      gpointer             user_data)
{
  Request *request;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (KES_IS_STORE (store));
  g_return_if_fail (KES_IS_STAFF (staff));
  g_return_if_fail (callback != NULL);

  root = gtk_widget_get_root (parent);
  request = g_new0 (Request, 1);
  request->parent = GTK_IS_WINDOW (root) ? g_object_ref (GTK_WINDOW (root)) : NULL;
  request->store = g_object_ref (store);
  request->staff = g_object_ref (staff);
  request->revision = revision;
  request->mode = mode;
  request->heading = g_strdup (heading);
  request->body = g_strdup (body);
  request->callback = callback;
  request->user_data = user_data;
  present (request, NULL);
}
