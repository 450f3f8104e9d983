/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-report-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "moj/kes-moj-report-form-private.h"

/* Builds the report form's parts from its template: per section a grid of
 * labelled editors (text, long text, a choice), and for conditions of
 * discharge a compliance card per condition with its rating and evidence. */

static GtkWidget *
make_text_view (KesMojReportForm *self,
                const char       *value)
{
  GtkWidget *editor = kes_text_view_new_for_form ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (editor), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (editor), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (editor), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (editor), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (editor), 6);
  gtk_widget_set_size_request (editor, -1, 60);
  gtk_widget_add_css_class (editor, "card");
  kes_text_view_set_text (GTK_TEXT_VIEW (editor), value);
  g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "changed",
                            G_CALLBACK (kes_moj_report_form_editor_changed_cb), self);
  return editor;
}

static GtkWidget *
make_editor (KesMojReportForm          *self,
             const KesMojTemplateField *field)
{
  const char *value = kes_moj_report_get_value (self->report, field->id);
  GtkWidget *editor;

  if (field->type == KES_MOJ_TEMPLATE_LONG_TEXT)
    editor = make_text_view (self, value);
  else if (field->type == KES_MOJ_TEMPLATE_CHOICE && field->scale != NULL)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; i < field->scale->points->len; i++)
        {
          KesToolPoint *point = g_ptr_array_index (field->scale->points, i);
          g_ptr_array_add (codes, point->code);
          g_ptr_array_add (labels, point->label);
        }
      editor = gtk_drop_down_new (NULL, NULL);
      kes_dropdown_fill (GTK_DROP_DOWN (editor), _("Not chosen"), (const char * const *) codes->pdata,
                         (const char * const *) labels->pdata, codes->len);
      kes_dropdown_set_code (GTK_DROP_DOWN (editor), value);
      g_signal_connect_swapped (editor, "notify::selected", G_CALLBACK (kes_moj_report_form_editor_changed_cb), self);
    }
  else
    {
      editor = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (editor), value);
      g_signal_connect_swapped (editor, "changed", G_CALLBACK (kes_moj_report_form_editor_changed_cb), self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, field->label, -1);
  kes_widget_set_handle (editor, field->id);
  gtk_widget_set_hexpand (editor, TRUE);
  g_hash_table_insert (self->editors, g_strdup (field->id), editor);
  return editor;
}

/* A compliance table: one card per condition of discharge with the
 * condition as worded on the record, the rating and the evidence. */
static GtkWidget *
make_compliance_editor (KesMojReportForm          *self,
                        const KesMojTemplateField *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_auto(GStrv) rows = kes_moj_report_dup_compliance_rows (self->report, field->id);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gtk_widget_set_hexpand (box, TRUE);
  kes_widget_set_handle (box, field->id);
  if (rows[0] == NULL)
    {
      GtkWidget *none = gtk_label_new (_("No condition of discharge was in force during this period."));
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (GTK_BOX (box), none);
      return box;
    }
  for (guint i = 0; i < field->scale->points->len; i++)
    {
      KesToolPoint *point = g_ptr_array_index (field->scale->points, i);
      g_ptr_array_add (codes, point->code);
      g_ptr_array_add (labels, point->label);
    }
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_autofree char *condition_key = kes_moj_compliance_key (field->id, rows[r], KES_MOJ_COMPLIANCE_CONDITION);
      g_autofree char *rating_key = kes_moj_compliance_key (field->id, rows[r], KES_MOJ_COMPLIANCE_RATING);
      g_autofree char *evidence_key = kes_moj_compliance_key (field->id, rows[r], KES_MOJ_COMPLIANCE_EVIDENCE);
      const char *condition = kes_moj_report_get_value (self->report, condition_key);
      g_autofree char *rating_name = g_strdup_printf (_("%s: condition %u"), field->rating_label, r + 1);
      g_autofree char *evidence_name = g_strdup_printf (_("%s: condition %u"), field->evidence_label, r + 1);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *wording = gtk_label_new (condition);
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *rating_label = gtk_label_new (field->rating_label);
      GtkWidget *rating = gtk_drop_down_new (NULL, NULL);
      GtkWidget *evidence_label = gtk_label_new (field->evidence_label);
      GtkWidget *evidence = make_text_view (self, kes_moj_report_get_value (self->report, evidence_key));

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "kes-compliance-row");
      gtk_widget_set_margin_bottom (card, 2);
      gtk_label_set_xalign (GTK_LABEL (wording), 0);
      gtk_label_set_wrap (GTK_LABEL (wording), TRUE);
      gtk_label_set_selectable (GTK_LABEL (wording), TRUE);
      gtk_widget_add_css_class (wording, "heading");
      gtk_widget_set_margin_start (wording, 12);
      gtk_widget_set_margin_end (wording, 12);
      gtk_widget_set_margin_top (wording, 10);
      gtk_box_append (GTK_BOX (card), wording);

      kes_dropdown_fill (GTK_DROP_DOWN (rating), _("Not rated"), (const char * const *) codes->pdata,
                         (const char * const *) labels->pdata, codes->len);
      kes_dropdown_set_code (GTK_DROP_DOWN (rating), kes_moj_report_get_value (self->report, rating_key));
      g_signal_connect_swapped (rating, "notify::selected", G_CALLBACK (kes_moj_report_form_editor_changed_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (rating), GTK_ACCESSIBLE_PROPERTY_LABEL, rating_name, -1);
      kes_widget_set_handle (rating, rating_key);
      gtk_label_set_xalign (GTK_LABEL (rating_label), 0);
      gtk_widget_add_css_class (rating_label, "dim-label");
      gtk_box_append (GTK_BOX (line), rating_label);
      gtk_box_append (GTK_BOX (line), rating);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);
      gtk_box_append (GTK_BOX (card), line);

      gtk_label_set_xalign (GTK_LABEL (evidence_label), 0);
      gtk_widget_add_css_class (evidence_label, "dim-label");
      if (field->evidence_hint != NULL)
        gtk_widget_set_tooltip_text (evidence_label, field->evidence_hint);
      gtk_widget_set_margin_start (evidence_label, 12);
      gtk_box_append (GTK_BOX (card), evidence_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (evidence), GTK_ACCESSIBLE_PROPERTY_LABEL, evidence_name, -1);
      kes_widget_set_handle (evidence, evidence_key);
      gtk_widget_set_margin_start (evidence, 12);
      gtk_widget_set_margin_end (evidence, 12);
      gtk_widget_set_margin_bottom (evidence, 12);
      gtk_box_append (GTK_BOX (card), evidence);

      g_hash_table_insert (self->editors, g_strdup (rating_key), rating);
      g_hash_table_insert (self->editors, g_strdup (evidence_key), evidence);
      gtk_box_append (GTK_BOX (box), card);
    }
  return box;
}

GtkWidget *
kes_moj_report_form_make_part (KesMojReportForm   *self,
                               KesMojTemplatePart *part)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (part->title);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *ready = gtk_button_new_with_label (_("Mark Ready for Review"));
  g_autofree char *sign_label = g_strdup_printf (_("Sign Part %s"), part->id);
  GtkWidget *sign = gtk_button_new_with_label (sign_label);
  g_autofree char *handle = g_strdup_printf ("part-%s", part->id);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-3");
  gtk_widget_set_margin_top (box, 18);
  gtk_box_append (GTK_BOX (box), title);

  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_widget_set_hexpand (state, TRUE);
  gtk_widget_add_css_class (state, "dim-label");
  kes_widget_set_handle (state, handle);
  g_hash_table_insert (self->part_states, g_strdup (part->id), state);
  g_object_set_data_full (G_OBJECT (ready), "kes-part", g_strdup (part->id), g_free);
  g_object_set_data_full (G_OBJECT (sign), "kes-part", g_strdup (part->id), g_free);
  g_object_set_data (G_OBJECT (sign), "kes-sign", GINT_TO_POINTER (TRUE));
  g_signal_connect (ready, "clicked", G_CALLBACK (kes_moj_report_form_part_button_clicked_cb), self);
  g_signal_connect (sign, "clicked", G_CALLBACK (kes_moj_report_form_part_button_clicked_cb), self);
  gtk_box_append (GTK_BOX (bar), state);
  gtk_box_append (GTK_BOX (bar), ready);
  gtk_box_append (GTK_BOX (bar), sign);
  gtk_box_append (GTK_BOX (box), bar);

  for (guint s = 0; s < part->sections->len; s++)
    {
      KesMojTemplateSection *section = g_ptr_array_index (part->sections, s);
      GtkWidget *heading = gtk_label_new (section->title);
      GtkWidget *grid = gtk_grid_new ();

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, 12);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      for (guint f = 0; f < section->fields->len; f++)
        {
          KesMojTemplateField *field = g_ptr_array_index (section->fields, f);
          GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
          GtkWidget *label = gtk_label_new (field->label);
          GtkWidget *mark = gtk_label_new (_("From the record"));

          gtk_label_set_xalign (GTK_LABEL (label), 1);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
          gtk_label_set_xalign (GTK_LABEL (mark), 1);
          gtk_widget_add_css_class (mark, "caption");
          gtk_widget_add_css_class (mark, "accent");
          gtk_widget_set_tooltip_text (mark, _("Prefilled from the record when the report was started; "
                                               "check it and edit it if needed"));
          gtk_box_append (GTK_BOX (labels), label);
          gtk_box_append (GTK_BOX (labels), mark);
          if (field->hint != NULL)
            gtk_widget_set_tooltip_text (label, field->hint);
          gtk_widget_set_size_request (labels, 200, -1);
          gtk_widget_set_valign (labels, GTK_ALIGN_START);
          g_hash_table_insert (self->marks, g_strdup (field->id), mark);
          gtk_grid_attach (GTK_GRID (grid), labels, 0, f, 1, 1);
          gtk_grid_attach (GTK_GRID (grid),
                           field->type == KES_MOJ_TEMPLATE_CONDITIONS ? make_compliance_editor (self, field)
                                                                       : make_editor (self, field),
                           1, f, 1, 1);
        }
      gtk_box_append (GTK_BOX (box), grid);
    }
  return box;
}

