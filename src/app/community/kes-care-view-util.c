/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-view-util"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-care-form.h"
#include "community/kes-care-view-util.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-medication-rules.h"

void
kes_care_group_init (KesCareGroup        *group,
                     AdwPreferencesGroup *widget,
                     const char          *empty_text)
{
  group->group = widget;
  group->rows = g_ptr_array_new ();
  group->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group->empty_row), empty_text);
  gtk_widget_add_css_class (group->empty_row, "dim-label");
  adw_preferences_group_add (widget, group->empty_row);
}

void
kes_care_group_clear (KesCareGroup *group)
{
  for (guint i = 0; i < group->rows->len; i++)
    adw_preferences_group_remove (group->group, g_ptr_array_index (group->rows, i));
  g_ptr_array_set_size (group->rows, 0);
}

void
kes_care_group_finish (KesCareGroup *group)
{
  gtk_widget_set_visible (group->empty_row, group->rows->len == 0);
}

void
kes_care_group_free_rows (KesCareGroup *group)
{
  g_clear_pointer (&group->rows, g_ptr_array_unref);
}

AdwActionRow *
kes_care_group_add_row (KesCareGroup *group,
                        const char   *title,
                        const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group->group, row);
  g_ptr_array_add (group->rows, row);
  return ADW_ACTION_ROW (row);
}

GtkWidget *
kes_care_header_button (AdwPreferencesGroup *group,
                        const char          *label,
                        const char          *description)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *box = adw_preferences_group_get_header_suffix (group);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  kes_widget_set_description (button, description);
  if (box == NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      adw_preferences_group_set_header_suffix (group, box);
    }
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

void
kes_care_open_form (GtkWidget     *view,
                    KesStore      *store,
                    KesCareRecord *record,
                    const char    *title,
                    GCallback      done)
{
  GtkRoot *root = gtk_widget_get_root (view);
  KesCareForm *form = kes_care_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store,
                                         record, title);

  g_signal_connect_object (form, "saved", done, view, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

gboolean
kes_care_uses_cmhf (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, "io.github.kestrelcare.Kestrel", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "care-vocabulary"))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, "care-vocabulary");
  return g_strcmp0 (value, "cmhf") == 0;
}

char *
kes_care_date (KesCareRecord *record,
               const char    *key)
{
  const char *iso = kes_care_record_get (record, key);

  return *iso != '\0' ? kes_date_to_display (iso) : g_strdup ("");
}

const char *
kes_care_code_label (KesCareRecord *record,
                     const char    *key)
{
  const KesCareField *field = kes_care_kind_find_field (kes_care_record_get_kind (record), key);
  const char *code = kes_care_record_get (record, key);
  const char *label = NULL;

  if (field == NULL || field->codes == NULL || *code == '\0')
    return code;
  if (g_str_equal (field->codes, "depot-drug"))
    label = kes_depot_drug_lookup_label (code);
  else if (kes_code_list_get (field->codes) != NULL)
    label = kes_code_list_lookup (kes_code_list_get (field->codes), code);
  return label != NULL ? label : code;
}
