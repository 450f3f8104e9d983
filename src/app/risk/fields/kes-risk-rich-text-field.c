/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-rich-text-field"

#include "config.h"

#include "kes-app-util.h"
#include "risk/fields/kes-risk-rich-text-field.h"

struct _KesRiskRichTextField
{
  KesRiskField  parent_instance;

  GtkWidget    *view;
};

G_DEFINE_FINAL_TYPE (KesRiskRichTextField, kes_risk_rich_text_field, KES_TYPE_RISK_FIELD)

static char *
kes_risk_rich_text_field_dup_value (KesRiskField *field)
{
  return kes_text_view_dup_text (GTK_TEXT_VIEW (KES_RISK_RICH_TEXT_FIELD (field)->view));
}

static void
kes_risk_rich_text_field_set_value (KesRiskField *field,
                                    const char   *value)
{
  kes_text_view_set_text (GTK_TEXT_VIEW (KES_RISK_RICH_TEXT_FIELD (field)->view), value);
}

static void
kes_risk_rich_text_field_class_init (KesRiskRichTextFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  field_class->dup_value = kes_risk_rich_text_field_dup_value;
  field_class->set_value = kes_risk_rich_text_field_set_value;
}

static void
kes_risk_rich_text_field_init (KesRiskRichTextField *self)
{
  GtkTextView *view;

  self->view = kes_text_view_new_for_form ();
  view = GTK_TEXT_VIEW (self->view);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (view, 6);
  gtk_text_view_set_bottom_margin (view, 6);
  gtk_text_view_set_left_margin (view, 6);
  gtk_text_view_set_right_margin (view, 6);
  gtk_widget_set_size_request (self->view, -1, 56);
  g_signal_connect_swapped (gtk_text_view_get_buffer (view), "changed",
                            G_CALLBACK (kes_risk_field_input_changed), self);
}

GtkWidget *
kes_risk_rich_text_field_new (const KesToolField *field)
{
  KesRiskRichTextField *self;
  GtkWidget *frame;

  g_return_val_if_fail (field != NULL, NULL);

  self = kes_risk_field_object_new (KES_TYPE_RISK_RICH_TEXT_FIELD, field);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), self->view);
  kes_risk_field_set_input (KES_RISK_FIELD (self), frame, self->view);
  return GTK_WIDGET (self);
}
