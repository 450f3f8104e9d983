/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carer-signature-question"

#include "config.h"

#include <glib/gi18n.h>

#include "carers/kes-carer-signature-question.h"
#include "kes-carer-capacity.h"
#include "kes-carers.h"

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *owner)
{
  void (*save_anyway) (GtkWidget *) = g_object_get_data (G_OBJECT (dialog), "kes-save-anyway");

  if (g_strcmp0 (response, "save") == 0)
    save_anyway (owner);
}

gboolean
kes_carer_signature_question (GtkWidget      *owner,
                              KesStore       *store,
                              KesFieldRecord *assessment,
                              void          (*save_anyway) (GtkWidget *owner))
{
  const char *typed = kes_field_record_get_text (assessment, "carer_signed_name");
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkWidget *dialog;
  const char *name;

  if (*typed == '\0')
    return FALSE;
  carer = kes_store_load_carer_record (store, &kes_carer_kind, kes_field_record_get_text (assessment, "carer_id"),
                                       NULL);
  name = carer != NULL ? kes_field_record_get_text (carer, "name") : "";
  if (*name == '\0' || kes_carer_signature_matches_name (typed, name))
    return FALSE;
  /* TRANSLATORS: the carer's signature as typed, then their name in the register */
  body = g_strdup_printf (_("The signature “%s” is not the carer’s name in the register, “%s”. Check that the "
                            "carer typed it themselves. Save it as typed, or go back and correct it?"),
                          typed, name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Signature Differs from the Carer’s Name"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "back", _("_Go Back"),
                                    "save", _("_Save as Typed"), NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_object_set_data (G_OBJECT (dialog), "kes-save-anyway", save_anyway);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
