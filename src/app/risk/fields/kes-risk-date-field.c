/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-date-field"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-validate.h"
#include "risk/fields/kes-risk-date-field.h"

struct _KesRiskDateField
{
  KesRiskField  parent_instance;

  GtkWidget    *entry;
};

G_DEFINE_FINAL_TYPE (KesRiskDateField, kes_risk_date_field, KES_TYPE_RISK_FIELD)

static char *
kes_risk_date_field_dup_value (KesRiskField *field)
{
  return kes_editable_dup_date (GTK_EDITABLE (KES_RISK_DATE_FIELD (field)->entry));
}

static void
kes_risk_date_field_set_value (KesRiskField *field,
                               const char   *value)
{
  kes_editable_set_date (GTK_EDITABLE (KES_RISK_DATE_FIELD (field)->entry), value);
}

/* Empty is fine (a date not known yet); anything else must be a real date. */
static gboolean
kes_risk_date_field_check (KesRiskField  *field,
                           GError       **error)
{
  g_autofree char *text = kes_editable_dup_text (GTK_EDITABLE (KES_RISK_DATE_FIELD (field)->entry));
  g_autofree char *iso = NULL;

  if (*text == '\0')
    return TRUE;
  iso = kes_date_parse (text, kes_risk_field_get_label (field), error);
  return iso != NULL;
}

static void
kes_risk_date_field_class_init (KesRiskDateFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  field_class->dup_value = kes_risk_date_field_dup_value;
  field_class->set_value = kes_risk_date_field_set_value;
  field_class->check = kes_risk_date_field_check;
}

static void
kes_risk_date_field_init (KesRiskDateField *self)
{
  self->entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), _("DD/MM/YYYY"));
  g_signal_connect_swapped (self->entry, "changed",
                            G_CALLBACK (kes_risk_field_input_changed), self);
}

GtkWidget *
kes_risk_date_field_new (const KesToolField *field)
{
  KesRiskDateField *self;

  g_return_val_if_fail (field != NULL, NULL);

  self = kes_risk_field_object_new (KES_TYPE_RISK_DATE_FIELD, field);
  kes_risk_field_set_input (KES_RISK_FIELD (self), self->entry, self->entry);
  return GTK_WIDGET (self);
}
