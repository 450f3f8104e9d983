/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-sar-redaction"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-report-sar.h"
#include "patient/kes-sar-redaction.h"

typedef struct
{
  GPtrArray               *parties;
  GPtrArray               *includes;  /* GtkDropDown, one per party */
  GPtrArray               *reasons;   /* GtkEditable, one per party */
  KesSarRedactionCallback  callback;
  gpointer                 user_data;
  gboolean                 answered;
} Redaction;

static void
redaction_free (Redaction *redaction)
{
  /* Closed some other way than a response: as cancelled, so the caller
   * lets go of what it gave. */
  if (!redaction->answered)
    redaction->callback (NULL, redaction->user_data);
  g_clear_pointer (&redaction->parties, g_ptr_array_unref);
  g_ptr_array_unref (redaction->includes);
  g_ptr_array_unref (redaction->reasons);
  g_free (redaction);
}

static void
reasons_changed_cb (AdwMessageDialog *dialog)
{
  Redaction *redaction = g_object_get_data (G_OBJECT (dialog), "kes-redaction");
  gboolean all = TRUE;

  for (guint i = 0; i < redaction->reasons->len; i++)
    {
      g_autofree char *reason = kes_editable_dup_text (g_ptr_array_index (redaction->reasons, i));

      all = all && *reason != '\0';
    }
  adw_message_dialog_set_response_enabled (dialog, "export", all);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Redaction *redaction = g_object_get_data (G_OBJECT (dialog), "kes-redaction");

  redaction->answered = TRUE;
  if (!g_str_equal (response, "export"))
    {
      redaction->callback (NULL, redaction->user_data);
      return;
    }
  for (guint i = 0; i < redaction->parties->len; i++)
    {
      KesSarThirdParty *party = g_ptr_array_index (redaction->parties, i);

      party->include = g_strcmp0 (kes_dropdown_get_code (g_ptr_array_index (redaction->includes, i)), "include") == 0;
      g_free (party->reason);
      party->reason = kes_editable_dup_text (g_ptr_array_index (redaction->reasons, i));
    }
  redaction->callback (redaction->parties, redaction->user_data);
}

static GtkWidget *
party_row (Redaction        *redaction,
           KesSarThirdParty *party,
           GtkWidget        *dialog)
{
  static const char * const codes[] = { "withhold", "include" };
  const char *labels[] = { _("Withhold"), _("Include") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (party->name);
  GtkWidget *what = gtk_label_new (party->what);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *include = gtk_drop_down_new (NULL, NULL);
  GtkWidget *reason = gtk_entry_new ();
  g_autofree char *accessible = g_strdup_printf (_("Reason for %s"), party->name);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (what), 0);
  gtk_label_set_wrap (GTK_LABEL (what), TRUE);
  gtk_widget_add_css_class (what, "dim-label");
  kes_dropdown_fill (GTK_DROP_DOWN (include), NULL, codes, labels, G_N_ELEMENTS (codes));
  kes_dropdown_set_code (GTK_DROP_DOWN (include), party->include ? "include" : "withhold");
  gtk_accessible_update_property (GTK_ACCESSIBLE (include), GTK_ACCESSIBLE_PROPERTY_LABEL, party->name, -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why (required)"));
  gtk_widget_set_hexpand (reason, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (party->reason != NULL)
    gtk_editable_set_text (GTK_EDITABLE (reason), party->reason);
  g_signal_connect_swapped (reason, "changed", G_CALLBACK (reasons_changed_cb), dialog);
  gtk_box_append (GTK_BOX (line), include);
  gtk_box_append (GTK_BOX (line), reason);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), what);
  gtk_box_append (GTK_BOX (box), line);
  g_ptr_array_add (redaction->includes, include);
  g_ptr_array_add (redaction->reasons, reason);
  return box;
}

GtkWidget *
kes_sar_redaction_ask (GtkWindow               *parent,
                       GPtrArray               *parties,
                       KesSarRedactionCallback  callback,
                       gpointer                 user_data)
{
  GtkWidget *dialog;
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  Redaction *redaction = g_new0 (Redaction, 1);

  g_return_val_if_fail (parties != NULL && callback != NULL, NULL);

  redaction->parties = parties;
  redaction->includes = g_ptr_array_new ();
  redaction->reasons = g_ptr_array_new ();
  redaction->callback = callback;
  redaction->user_data = user_data;
  dialog = adw_message_dialog_new (parent, _("Other People in This Record"),
                                   _("The record holds information about these people. For each, include it in "
                                     "the subject access export or withhold it, and say why: the decisions and "
                                     "reasons go in the export’s manifest."));
  g_object_set_data_full (G_OBJECT (dialog), "kes-redaction", redaction, (GDestroyNotify) redaction_free);
  for (guint i = 0; i < parties->len; i++)
    gtk_box_append (GTK_BOX (list), party_row (redaction, g_ptr_array_index (parties, i), dialog));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Continue"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), NULL);
  reasons_changed_cb (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
