/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-trigger-box"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-codes.h"
#include "moj/kes-moj-trigger-box.h"

static GtkWidget *
add_editor (GtkWidget  *box,
            const char *key,
            const char *label_text,
            gboolean    long_text,
            const char *value)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *editor;

  if (long_text)
    {
      editor = kes_text_view_new_for_form ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (editor), GTK_WRAP_WORD_CHAR);
      gtk_widget_set_size_request (editor, -1, 72);
      gtk_widget_add_css_class (editor, "card");
      kes_text_view_set_text (GTK_TEXT_VIEW (editor), value);
    }
  else
    {
      editor = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (editor), _("DD/MM/YYYY"));
      kes_editable_set_date (GTK_EDITABLE (editor), value);
    }
  gtk_widget_set_name (editor, key);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), editor);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), editor);
  g_object_set_data (G_OBJECT (box), key, editor);
  return editor;
}

GtkWidget *
kes_moj_trigger_box_new (KesMojRecord *report)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("What prompted this report"));
  GtkWidget *trigger;
  const char *label;

  g_return_val_if_fail (KES_IS_MOJ_RECORD (report), NULL);

  label = kes_code_list_lookup (kes_code_list_get (KES_CODES_URGENT_TRIGGER), kes_moj_record_get_text (report, "trigger"));
  trigger = gtk_label_new (label != NULL ? label : _("Not chosen"));
  gtk_widget_set_margin_top (box, 18);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-3");
  gtk_label_set_xalign (GTK_LABEL (trigger), 0);
  gtk_widget_add_css_class (trigger, "heading");
  kes_widget_set_handle (trigger, "moj-urgent-trigger");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), trigger);
  add_editor (box, "trigger_what", _("What _happened"), TRUE, kes_moj_record_get_text (report, "trigger_what"));
  add_editor (box, "trigger_when", _("_When it happened"), FALSE, kes_moj_record_get_text (report, "trigger_when"));
  add_editor (box, "trigger_action", _("What has been _done"), TRUE,
              kes_moj_record_get_text (report, "trigger_action"));
  return box;
}

void
kes_moj_trigger_box_apply (GtkWidget    *box,
                           KesMojRecord *report)
{
  g_autofree char *what = NULL;
  g_autofree char *when = NULL;
  g_autofree char *action = NULL;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (KES_IS_MOJ_RECORD (report));

  what = kes_text_view_dup_text (g_object_get_data (G_OBJECT (box), "trigger_what"));
  when = kes_editable_dup_date (g_object_get_data (G_OBJECT (box), "trigger_when"));
  action = kes_text_view_dup_text (g_object_get_data (G_OBJECT (box), "trigger_action"));
  kes_moj_record_set_text (report, "trigger_what", what);
  kes_moj_record_set_text (report, "trigger_when", when);
  kes_moj_record_set_text (report, "trigger_action", action);
}
