/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "patient/kes-record-rows.h"

/* What the row's button needs to mark its record: the template the button
 * keeps, and a request made from it for the dialog that asks the reason. */
typedef struct
{
  GtkWidget           *owner;
  KesStore            *store;
  char                *record_id;
  gint64               revision;
  KesRecordMarkedFunc  marked_func;
} MarkRequest;

static void
mark_request_free (MarkRequest *request)
{
  g_clear_object (&request->owner);
  g_clear_object (&request->store);
  g_free (request->record_id);
  g_free (request);
}

/* The template's owner is borrowed: the button holding the template is
 * inside the owner, so a reference would keep the owner (and through it
 * the store and its connection) alive for ever. */
static void
mark_template_free (MarkRequest *template)
{
  template->owner = NULL;
  mark_request_free (template);
}

static void
reason_given_cb (const char *reason,
                 gpointer    user_data)
{
  MarkRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (reason != NULL)
    {
      if (kes_store_mark_entered_in_error (request->store, request->record_id,
                                           request->revision, reason, &error))
        request->marked_func (request->owner);
      else
        kes_show_error (request->owner, _("The Record Was Not Changed"), error->message);
    }

  mark_request_free (request);
}

static void
mark_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  MarkRequest *template = user_data;
  MarkRequest *request = g_new0 (MarkRequest, 1);
  const char *heading = g_object_get_data (G_OBJECT (button), "kes-heading");

  request->owner = g_object_ref (template->owner);
  request->store = g_object_ref (template->store);
  request->record_id = g_strdup (template->record_id);
  request->revision = template->revision;
  request->marked_func = template->marked_func;

  kes_ask_reason (GTK_WIDGET (button), heading,
                  _("It stays in the record, marked as entered in error with your name, the time "
                    "and your reason. Nothing is deleted."),
                  _("_Mark as Entered in Error"),
                  reason_given_cb, request);
}

GtkWidget *
kes_record_row_new (GtkWidget           *owner,
                    KesStore            *store,
                    const char          *title,
                    const char          *subtitle,
                    const char          *body,
                    const char          *record_id,
                    gint64               revision,
                    KesRecordState       state,
                    const char          *mark_heading,
                    KesRecordMarkedFunc  marked_func)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label;
  g_autofree char *escaped_title = NULL;
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle != NULL ? subtitle : "", -1);
  gboolean in_error = state == KES_RECORD_ENTERED_IN_ERROR;

  if (in_error)
    {
      /* TRANSLATORS: prefix for a record marked entered in error */
      g_autofree char *marked = g_strdup_printf (_("Entered in error: %s"), title);
      escaped_title = g_markup_escape_text (marked, -1);
      gtk_widget_add_css_class (row, "kes-entered-in-error");
    }
  else
    {
      escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped_subtitle);
  kes_row_set_accessible_name (row, in_error ? _("Entered in error") : NULL, title, subtitle);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  label = gtk_label_new (body != NULL && *body != '\0' ? body : _("No text was recorded."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);

  /* Offered only to those core lets write (team managers read, not write). */
  if (!in_error && record_id != NULL &&
      kes_store_check_permission (store, KES_PERMISSION_EDIT_CLINICAL, NULL, NULL))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Mark as _Entered in Error…"));
      MarkRequest *template = g_new0 (MarkRequest, 1);

      template->owner = owner;
      template->store = g_object_ref (store);
      template->record_id = g_strdup (record_id);
      template->revision = revision;
      template->marked_func = marked_func;

      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "destructive-action");
      g_object_set_data_full (G_OBJECT (button), "kes-heading", g_strdup (mark_heading), g_free);
      g_signal_connect_data (button, "clicked", G_CALLBACK (mark_clicked_cb), template,
                             (GClosureNotify) mark_template_free, 0);
      gtk_box_append (GTK_BOX (box), button);
    }

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  return row;
}

GtkWidget *
kes_record_error_row_new (const char *message)
{
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

#define ROW_BUTTON_RECORD "kes-row-button-record"

GtkWidget *
kes_record_row_button (const char *label,
                       const char *accessible_label,
                       GObject    *record,
                       GCallback   callback,
                       gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_return_val_if_fail (G_IS_OBJECT (record), button);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  g_object_set_data_full (G_OBJECT (button), ROW_BUTTON_RECORD, g_object_ref (record), g_object_unref);
  g_signal_connect (button, "clicked", callback, user_data);
  return button;
}

gpointer
kes_record_row_button_get_record (GtkWidget *button)
{
  g_return_val_if_fail (GTK_IS_WIDGET (button), NULL);

  return g_object_get_data (G_OBJECT (button), ROW_BUTTON_RECORD);
}
