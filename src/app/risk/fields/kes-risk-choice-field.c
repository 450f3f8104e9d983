/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-choice-field"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "risk/fields/kes-risk-choice-field.h"
#include "risk/kes-risk-ratings.h"

struct _KesRiskChoiceField
{
  KesRiskField  parent_instance;

  GtkWidget    *dropdown;
};

G_DEFINE_FINAL_TYPE (KesRiskChoiceField, kes_risk_choice_field, KES_TYPE_RISK_FIELD)

static char *
kes_risk_choice_field_dup_value (KesRiskField *field)
{
  return g_strdup (kes_dropdown_get_code (GTK_DROP_DOWN (KES_RISK_CHOICE_FIELD (field)->dropdown)));
}

static void
kes_risk_choice_field_set_value (KesRiskField *field,
                                 const char   *value)
{
  kes_dropdown_set_code (GTK_DROP_DOWN (KES_RISK_CHOICE_FIELD (field)->dropdown), value);
}

static void
kes_risk_choice_field_class_init (KesRiskChoiceFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  field_class->dup_value = kes_risk_choice_field_dup_value;
  field_class->set_value = kes_risk_choice_field_set_value;
}

static void
kes_risk_choice_field_init (KesRiskChoiceField *self)
{
  self->dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_widget_set_halign (self->dropdown, GTK_ALIGN_START);
}

GtkWidget *
kes_risk_choice_field_new (const KesToolField *field)
{
  KesRiskChoiceField *self;

  g_return_val_if_fail (field != NULL && field->scale != NULL, NULL);

  self = kes_risk_field_object_new (KES_TYPE_RISK_CHOICE_FIELD, field);
  kes_risk_scale_dropdown_fill (GTK_DROP_DOWN (self->dropdown), field->scale, _("Not chosen"));
  /* Connected once filled: filling selects the "none" item. */
  g_signal_connect_swapped (self->dropdown, "notify::selected",
                            G_CALLBACK (kes_risk_field_input_changed), self);
  kes_risk_field_set_input (KES_RISK_FIELD (self), self->dropdown, self->dropdown);
  return GTK_WIDGET (self);
}
