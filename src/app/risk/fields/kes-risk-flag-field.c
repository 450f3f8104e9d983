/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-flag-field"

#include "config.h"

#include "risk/fields/kes-risk-flag-field.h"

struct _KesRiskFlagField
{
  KesRiskField  parent_instance;

  GtkWidget    *check;
  char         *code;   /* the scale's one point */
};

G_DEFINE_FINAL_TYPE (KesRiskFlagField, kes_risk_flag_field, KES_TYPE_RISK_FIELD)

static char *
kes_risk_flag_field_dup_value (KesRiskField *field)
{
  KesRiskFlagField *self = KES_RISK_FLAG_FIELD (field);

  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->check)) ? g_strdup (self->code) : NULL;
}

static void
kes_risk_flag_field_set_value (KesRiskField *field,
                               const char   *value)
{
  KesRiskFlagField *self = KES_RISK_FLAG_FIELD (field);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->check), g_strcmp0 (value, self->code) == 0);
}

static void
kes_risk_flag_field_finalize (GObject *object)
{
  g_free (KES_RISK_FLAG_FIELD (object)->code);

  G_OBJECT_CLASS (kes_risk_flag_field_parent_class)->finalize (object);
}

static void
kes_risk_flag_field_class_init (KesRiskFlagFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = kes_risk_flag_field_finalize;
  field_class->dup_value = kes_risk_flag_field_dup_value;
  field_class->set_value = kes_risk_flag_field_set_value;
}

static void
kes_risk_flag_field_init (KesRiskFlagField *self)
{
  self->check = gtk_check_button_new ();
  g_signal_connect_swapped (self->check, "toggled",
                            G_CALLBACK (kes_risk_field_input_changed), self);
}

GtkWidget *
kes_risk_flag_field_new (const KesToolField *field)
{
  KesRiskFlagField *self;
  const KesToolPoint *point;

  g_return_val_if_fail (field != NULL && field->scale != NULL && field->scale->points->len == 1, NULL);

  point = g_ptr_array_index (field->scale->points, 0);
  self = kes_risk_field_object_new (KES_TYPE_RISK_FLAG_FIELD, field);
  self->code = g_strdup (point->code);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (self->check), point->label);
  kes_risk_field_set_input (KES_RISK_FIELD (self), self->check, self->check);
  return GTK_WIDGET (self);
}
