/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-ref-field"

#include "config.h"

#include <glib/gi18n.h>

#include "risk/fields/kes-risk-ref-field.h"

struct _KesRiskRefField
{
  KesRiskField  parent_instance;

  GtkWidget    *box;  /* one check button per entry, or a "none yet" label */
};

G_DEFINE_FINAL_TYPE (KesRiskRefField, kes_risk_ref_field, KES_TYPE_RISK_FIELD)

/* "Scenario 1: Repeat of index offence", from the entry's first field
 * when that is its name (a text field), else "Scenario 1". */
static char *
entry_title (KesRiskAssessment  *assessment,
             const KesToolGroup *group,
             const char         *entry_id,
             guint               index)
{
  const KesToolField *first = group->fields->len > 0 ? g_ptr_array_index (group->fields, 0) : NULL;
  const char *name = first != NULL && first->type == KES_TOOL_FIELD_TEXT
    ? kes_risk_assessment_get_entry_value (assessment, group->id, entry_id, first->id) : NULL;

  if (name != NULL)
    /* Translators: "Scenario 1: Repeat of index offence" */
    return g_strdup_printf (_("%s %u: %s"), group->entry_label, index + 1, name);
  return g_strdup_printf (_("%s %u"), group->entry_label, index + 1);
}

static char *
kes_risk_ref_field_dup_value (KesRiskField *field)
{
  KesRiskRefField *self = KES_RISK_REF_FIELD (field);
  GString *ids = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) && gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_string_append_printf (ids, "%s%s", ids->len > 0 ? " " : "",
                              (const char *) g_object_get_data (G_OBJECT (child), "entry"));
  return g_string_free (ids, FALSE);
}

static void
kes_risk_ref_field_set_value (KesRiskField *field,
                              const char   *value)
{
  KesRiskRefField *self = KES_RISK_REF_FIELD (field);
  g_auto(GStrv) chosen = g_strsplit (value != NULL ? value : "", " ", -1);

  for (GtkWidget *child = gtk_widget_get_first_child (self->box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                   g_strv_contains ((const char * const *) chosen,
                                                    g_object_get_data (G_OBJECT (child), "entry")));
}

static void
kes_risk_ref_field_class_init (KesRiskRefFieldClass *klass)
{
  KesRiskFieldClass *field_class = KES_RISK_FIELD_CLASS (klass);

  field_class->dup_value = kes_risk_ref_field_dup_value;
  field_class->set_value = kes_risk_ref_field_set_value;
}

static void
kes_risk_ref_field_init (KesRiskRefField *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
}

GtkWidget *
kes_risk_ref_field_new (const KesToolField *field,
                        KesRiskAssessment  *assessment)
{
  KesRiskRefField *self;
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (field != NULL && field->ref_group != NULL, NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), NULL);

  self = kes_risk_field_object_new (KES_TYPE_RISK_REF_FIELD, field);
  entries = kes_risk_assessment_list_entries (assessment, field->ref_group->id);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *title = entry_title (assessment, field->ref_group, entries[i], i);
      GtkWidget *check = gtk_check_button_new_with_label (title);

      g_object_set_data_full (G_OBJECT (check), "entry", g_strdup (entries[i]), g_free);
      g_signal_connect_swapped (check, "toggled",
                                G_CALLBACK (kes_risk_field_input_changed), self);
      gtk_box_append (GTK_BOX (self->box), check);
    }
  if (entries[0] == NULL)
    {
      g_autofree char *none = g_strdup_printf (_("No %s added yet"), field->ref_group->title);
      GtkWidget *empty = gtk_label_new (none);

      gtk_widget_add_css_class (empty, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_box_append (GTK_BOX (self->box), empty);
    }
  kes_risk_field_set_input (KES_RISK_FIELD (self), self->box, self->box);
  return GTK_WIDGET (self);
}
