/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-text-field"

#include "config.h"

#include "kes-app-util.h"
#include "risk/fields/kes-risk-text-field.h"

struct _KesRiskTextField
{
  KesRiskField  parent_instance;

  GtkWidget    *entry;
};

G_DEFINE_FINAL_TYPE (KesRiskTextField, kes_risk_text_field, KES_TYPE_RISK_FIELD)

static char *
kes_risk_text_field_dup_value (KesRiskField *field)
{
  return kes_editable_dup_text (GTK_EDITABLE (KES_RISK_TEXT_FIELD (field)->entry));
}

static void
kes_risk_text_field_set_value (KesRiskField *field,
                               const char   *value)
{
  gtk_editable_set_text (GTK_EDITABLE (KES_RISK_TEXT_FIELD (field)->entry), value != NULL ? value : "");
}

static void
kes_risk_text_field_class_init (KesRiskTextFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  field_class->dup_value = kes_risk_text_field_dup_value;
  field_class->set_value = kes_risk_text_field_set_value;
}

static void
kes_risk_text_field_init (KesRiskTextField *self)
{
  self->entry = gtk_entry_new ();
  g_signal_connect_swapped (self->entry, "changed",
                            G_CALLBACK (kes_risk_field_input_changed), self);
}

GtkWidget *
kes_risk_text_field_new (const KesToolField *field)
{
  KesRiskTextField *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = kes_risk_field_object_new (KES_TYPE_RISK_TEXT_FIELD, field);
  kes_risk_field_set_input (KES_RISK_FIELD (self), self->entry, self->entry);
  return GTK_WIDGET (self);
}
