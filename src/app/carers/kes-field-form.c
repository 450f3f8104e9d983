/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-field-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-codes.h"
#include "kes-field-form.h"

struct _KesFieldForm
{
  GtkWidget            parent_instance;

  GtkBox              *box;
  GtkLabel            *error_label;
  AdwPreferencesGroup *group;

  const KesRecordKind *kind;
  GHashTable          *widgets; /* key -> GtkWidget (entry row, text view, switch, drop-down, GPtrArray of checks) */
  GHashTable          *checks;  /* key -> GPtrArray of GtkCheckButton, in code-list order */
  GHashTable          *shown_when; /* dependent key -> the switch that shows it */
};

/* The row (or box) that holds a field's widget: what is shown and hidden. */
#define CONTAINER_KEY "kes-field-container"

G_DEFINE_FINAL_TYPE (KesFieldForm, kes_field_form, GTK_TYPE_WIDGET)

static GtkWidget *
add_entry_row (KesFieldForm       *self,
               const KesFieldSpec *spec)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;

  if (spec->type == KES_FIELD_DATE)
    title = g_strdup_printf (_("%s (dd/mm/yyyy)"), _(spec->label));
  else
    title = g_strdup (_(spec->label));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  kes_widget_set_handle (row, spec->key);
  gtk_widget_set_name (row, spec->key);
  adw_preferences_group_add (self->group, row);
  g_object_set_data (G_OBJECT (row), CONTAINER_KEY, row);
  return row;
}

static GtkWidget *
add_text_view (KesFieldForm       *self,
               const KesFieldSpec *spec)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_(spec->label));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = kes_text_view_new_for_form ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 64);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->label), -1);
  kes_widget_set_handle (view, spec->key);
  gtk_widget_set_name (view, spec->key);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 12);
  gtk_box_append (self->box, box);
  g_object_set_data (G_OBJECT (view), CONTAINER_KEY, box);
  return view;
}

static GtkWidget *
add_switch_row (KesFieldForm       *self,
                const KesFieldSpec *spec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->label), -1);
  kes_widget_set_handle (toggle, spec->key);
  gtk_widget_set_name (toggle, spec->key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (self->group, row);
  g_object_set_data (G_OBJECT (toggle), CONTAINER_KEY, row);
  return toggle;
}

static GtkWidget *
add_dropdown_row (KesFieldForm       *self,
                  const KesFieldSpec *spec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->label));
  kes_dropdown_fill_code_list (GTK_DROP_DOWN (dropdown), spec->code_list,
                               spec->required ? NULL : _("Not recorded"));
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(spec->label), -1);
  kes_widget_set_handle (dropdown, spec->key);
  gtk_widget_set_name (dropdown, spec->key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_group_add (self->group, row);
  g_object_set_data (G_OBJECT (dropdown), CONTAINER_KEY, row);
  return dropdown;
}

static void
add_check_group (KesFieldForm       *self,
                 const KesFieldSpec *spec)
{
  GtkWidget *group = adw_preferences_group_new ();
  KesCodeList *list = kes_code_list_get (spec->code_list);
  GPtrArray *checks = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(spec->label));
  for (guint i = 0; list != NULL && i < kes_code_list_get_n_codes (list); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *handle = g_strdup_printf ("%s:%s", spec->key, kes_code_list_get_code (list, i));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kes_code_list_get_label (list, i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kes_code_list_get_label (list, i), -1);
      kes_widget_set_handle (check, handle);
      gtk_widget_set_name (check, handle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (checks, check);
    }
  gtk_widget_set_margin_top (group, 12);
  gtk_box_append (self->box, group);
  g_hash_table_insert (self->checks, (gpointer) spec->key, checks);
}

static void
kes_field_form_dispose (GObject *object)
{
  KesFieldForm *self = KES_FIELD_FORM (object);
  GtkWidget *child;

  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->shown_when, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_FIELD_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kes_field_form_parent_class)->dispose (object);
}

static void
kes_field_form_class_init (KesFieldFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_field_form_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/carers/kes-field-form.ui");
  gtk_widget_class_bind_template_child (widget_class, KesFieldForm, box);
  gtk_widget_class_bind_template_child (widget_class, KesFieldForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesFieldForm, group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kes_field_form_init (KesFieldForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->shown_when = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Whether @key's field is in use: shown, or shown by no switch. */
static gboolean
field_in_use (KesFieldForm *self,
              const char   *key)
{
  GtkSwitch *toggle = g_hash_table_lookup (self->shown_when, key);

  return toggle == NULL || gtk_switch_get_active (toggle);
}

static void
update_shown (KesFieldForm *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->shown_when);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkWidget *widget = g_hash_table_lookup (self->widgets, key);

      if (widget != NULL)
        gtk_widget_set_visible (g_object_get_data (G_OBJECT (widget), CONTAINER_KEY), field_in_use (self, key));
    }
}

static void
switch_toggled_cb (GtkSwitch    *toggle,
                   GParamSpec   *pspec,
                   KesFieldForm *self)
{
  update_shown (self);
}

KesFieldForm *
kes_field_form_new (const KesRecordKind *kind,
                    const char * const  *hidden)
{
  KesFieldForm *self = g_object_new (KES_TYPE_FIELD_FORM, NULL);

  self->kind = kind;
  for (const KesFieldSpec *spec = kind->fields; spec->key != NULL; spec++)
    {
      GtkWidget *widget = NULL;

      if (hidden != NULL && g_strv_contains (hidden, spec->key))
        continue;
      switch (spec->type)
        {
        case KES_FIELD_LONG_TEXT:
          widget = add_text_view (self, spec);
          break;
        case KES_FIELD_BOOL:
          widget = add_switch_row (self, spec);
          break;
        case KES_FIELD_CODE:
          widget = add_dropdown_row (self, spec);
          break;
        case KES_FIELD_CODES:
          add_check_group (self, spec);
          continue;
        case KES_FIELD_TEXT:
        case KES_FIELD_DATE:
        case KES_FIELD_STAFF:
        case KES_FIELD_RECORD_ID:
        default:
          widget = add_entry_row (self, spec);
          break;
        }
      g_hash_table_insert (self->widgets, (gpointer) spec->key, widget);
    }
  return self;
}

void
kes_field_form_load (KesFieldForm   *self,
                     KesFieldRecord *record)
{
  g_return_if_fail (KES_IS_FIELD_FORM (self));

  for (const KesFieldSpec *spec = self->kind->fields; spec->key != NULL; spec++)
    {
      GtkWidget *widget = g_hash_table_lookup (self->widgets, spec->key);
      GPtrArray *checks = g_hash_table_lookup (self->checks, spec->key);

      if (checks != NULL)
        {
          KesCodeList *list = kes_code_list_get (spec->code_list);
          for (guint i = 0; i < checks->len; i++)
            gtk_check_button_set_active (checks->pdata[i],
                                         kes_field_record_has_code (record, spec->key,
                                                                    kes_code_list_get_code (list, i)));
          continue;
        }
      if (widget == NULL)
        continue;
      if (spec->type == KES_FIELD_LONG_TEXT)
        kes_text_view_set_text (GTK_TEXT_VIEW (widget), kes_field_record_get_text (record, spec->key));
      else if (spec->type == KES_FIELD_BOOL)
        gtk_switch_set_active (GTK_SWITCH (widget), kes_field_record_get_bool (record, spec->key));
      else if (spec->type == KES_FIELD_CODE)
        kes_dropdown_set_code (GTK_DROP_DOWN (widget), kes_field_record_get_text (record, spec->key));
      else if (spec->type == KES_FIELD_DATE && *kes_field_record_get_text (record, spec->key) != '\0')
        {
          g_autofree char *shown = NULL;
          g_autoptr(GDate) date = kes_date_from_iso (kes_field_record_get_text (record, spec->key));
          if (date != NULL)
            shown = g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (date), g_date_get_month (date),
                                     g_date_get_year (date));
          gtk_editable_set_text (GTK_EDITABLE (widget),
                                 shown != NULL ? shown : kes_field_record_get_text (record, spec->key));
        }
      else
        gtk_editable_set_text (GTK_EDITABLE (widget), kes_field_record_get_text (record, spec->key));
    }
}

void
kes_field_form_store (KesFieldForm   *self,
                      KesFieldRecord *record)
{
  g_return_if_fail (KES_IS_FIELD_FORM (self));

  for (const KesFieldSpec *spec = self->kind->fields; spec->key != NULL; spec++)
    {
      GtkWidget *widget = g_hash_table_lookup (self->widgets, spec->key);
      GPtrArray *checks = g_hash_table_lookup (self->checks, spec->key);

      if (checks != NULL)
        {
          KesCodeList *list = kes_code_list_get (spec->code_list);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) codes = NULL;

          for (guint i = 0; i < checks->len; i++)
            if (gtk_check_button_get_active (checks->pdata[i]))
              g_strv_builder_add (builder, kes_code_list_get_code (list, i));
          codes = g_strv_builder_end (builder);
          kes_field_record_set_list (record, spec->key, (const char * const *) codes);
          continue;
        }
      if (widget == NULL)
        continue;
      /* A field its switch hides is not in use: stored empty, though the
       * form keeps what was typed in case the switch goes back on. */
      if (!field_in_use (self, spec->key))
        kes_field_record_set_text (record, spec->key, NULL);
      else if (spec->type == KES_FIELD_LONG_TEXT)
        {
          g_autofree char *text = kes_text_view_dup_text (GTK_TEXT_VIEW (widget));
          kes_field_record_set_text (record, spec->key, text);
        }
      else if (spec->type == KES_FIELD_BOOL)
        kes_field_record_set_bool (record, spec->key, gtk_switch_get_active (GTK_SWITCH (widget)));
      else if (spec->type == KES_FIELD_CODE)
        kes_field_record_set_text (record, spec->key, kes_dropdown_get_code (GTK_DROP_DOWN (widget)));
      else
        {
          g_autofree char *text = kes_editable_dup_text (GTK_EDITABLE (widget));
          kes_field_record_set_text (record, spec->key, text);
        }
    }
}

void
kes_field_form_set_error (KesFieldForm *self,
                          const char   *message)
{
  g_return_if_fail (KES_IS_FIELD_FORM (self));
  /* Brought into view: the form may be long and scrolled down to Save. */
  kes_form_show_refusal (self->error_label, message, NULL);
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
}

GtkWidget *
kes_field_form_get_widget (KesFieldForm *self,
                           const char   *key)
{
  GPtrArray *checks;

  g_return_val_if_fail (KES_IS_FIELD_FORM (self), NULL);
  checks = g_hash_table_lookup (self->checks, key);
  if (checks != NULL)
    return NULL;
  return g_hash_table_lookup (self->widgets, key);
}

void
kes_field_form_show_when (KesFieldForm       *self,
                          const char         *switch_key,
                          const char * const *keys)
{
  const KesFieldSpec *spec;
  GtkWidget *toggle;

  g_return_if_fail (KES_IS_FIELD_FORM (self));
  spec = kes_record_kind_find_field (self->kind, switch_key);
  toggle = g_hash_table_lookup (self->widgets, switch_key);
  g_return_if_fail (spec != NULL && spec->type == KES_FIELD_BOOL && GTK_IS_SWITCH (toggle));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      spec = kes_record_kind_find_field (self->kind, keys[i]);
      g_return_if_fail (spec != NULL && spec->type != KES_FIELD_CODES && spec->type != KES_FIELD_BOOL);
      g_hash_table_insert (self->shown_when, (gpointer) spec->key, toggle);
    }
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (switch_toggled_cb), self, 0);
  update_shown (self);
}
