/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-form"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-care-form.h"
#include "community/kes-plan-items-editor.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-medication-rules.h"
#include "kes-secondary-window.h"
#include "kes-store-community.h"
#include "kes-validate.h"

struct _KesCareForm
{
  AdwWindow            parent_instance;

  GtkLabel            *error_label;
  GtkLabel            *computed_label;
  AdwPreferencesGroup *group;
  GtkButton           *save_button;

  KesStore            *store;
  KesCareRecord       *record;   /* identity, patient and fields not on the form */
  GHashTable          *widgets;  /* key -> GtkWidget */
  char                *computed;
  char                *store_refusal; /* the store's last refusal, until the next save */
};

G_DEFINE_FINAL_TYPE (KesCareForm, kes_care_form, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- Building the rows from the kind's fields ---- */

/* The codes of @field's list and their labels; an optional field starts
 * with "Not recorded", a required one still empty with "Choose…" so nothing
 * (a monitoring service, a category) is recorded by default unseen. */
static GStrv
codes_for (const KesCareField *field,
           gboolean            empty,
           GStrv              *labels_out)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  if (!field->required || empty)
    {
      g_strv_builder_add (codes, "");
      g_strv_builder_add (labels, field->required ? _("Choose…") : _("Not recorded"));
    }
  if (g_str_equal (field->codes, "depot-drug"))
    {
      for (guint i = 0; i < kes_depot_drug_get_n_drugs (); i++)
        {
          const char *code = kes_depot_drug_get_code (i);
          g_strv_builder_add (codes, code);
          g_strv_builder_add (labels, kes_depot_drug_lookup_label (code));
        }
    }
  else
    {
      KesCodeList *list = kes_code_list_get (field->codes);

      for (guint i = 0; list != NULL && i < kes_code_list_get_n_codes (list); i++)
        {
          g_strv_builder_add (codes, kes_code_list_get_code (list, i));
          g_strv_builder_add (labels, kes_code_list_get_label (list, i));
        }
    }
  *labels_out = g_strv_builder_end (labels);
  return g_strv_builder_end (codes);
}

static void update_computed (KesCareForm *self);
static void recheck (KesCareForm *self);

/* Kestrel's light for the patient's thresholds, or the monitoring
 * service's when that is the more cautious. */
static KesFbcLight
effective_light (KesStore      *store,
                 KesCareRecord *fbc)
{
  KesFbcLight light = kes_store_fbc_light (store, fbc, NULL);
  KesFbcLight service;

  if (kes_fbc_light_parse (kes_care_record_get (fbc, "service_light"), &service))
    light = kes_fbc_light_worse (light, service);
  return light;
}

static void
value_changed_cb (KesCareForm *self)
{
  update_computed (self);
  recheck (self);
}

static GtkWidget *
make_row (KesCareForm        *self,
          const KesCareField *field,
          KesCareRecord      *record)
{
  const char *label = _(field->label);
  g_autofree char *title = field->type == KES_CARE_FIELD_DATE
                             ? g_strdup_printf (_("%s (DD/MM/YYYY)"), label) : g_strdup (label);
  GtkWidget *row = NULL;
  GtkWidget *input = NULL;

  /* A plan written before the form changed keeps its old text, shown and
   * editable; a new plan is not offered the old field. */
  if (kes_care_field_is_legacy (kes_care_record_get_kind (record), field->key) &&
      *kes_care_record_get (record, field->key) == '\0')
    return NULL;

  switch (field->type)
    {
    case KES_CARE_FIELD_TEXT:
    case KES_CARE_FIELD_DATE:
    case KES_CARE_FIELD_NUMBER:
      row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      input = row;
      g_signal_connect_object (row, "changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    case KES_CARE_FIELD_LONG_TEXT:
      {
        GtkWidget *heading = gtk_label_new (label);
        GtkWidget *frame = gtk_frame_new (NULL);

        row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        gtk_widget_set_margin_top (row, 6);
        gtk_widget_set_margin_bottom (row, 6);
        gtk_label_set_xalign (GTK_LABEL (heading), 0);
        gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
        input = kes_text_view_new_for_form ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (input), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (input), 6);
        gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (input), 6);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (input), 6);
        gtk_text_view_set_right_margin (GTK_TEXT_VIEW (input), 6);
        gtk_widget_set_size_request (input, -1, 64);
        gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        gtk_frame_set_child (GTK_FRAME (frame), input);
        gtk_box_append (GTK_BOX (row), heading);
        gtk_box_append (GTK_BOX (row), frame);
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "changed",
                                 G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
        break;
      }
    case KES_CARE_FIELD_BOOL:
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      input = gtk_switch_new ();
      gtk_widget_set_valign (input, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), input);
      g_signal_connect_object (input, "notify::active", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    case KES_CARE_FIELD_CODE:
      {
        g_auto(GStrv) labels = NULL;
        GStrv codes = codes_for (field, *kes_care_record_get (record, field->key) == '\0', &labels);
        g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);

        row = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
        g_object_set_data_full (G_OBJECT (row), "kes-codes", codes, (GDestroyNotify) g_strfreev);
        input = row;
        g_signal_connect_object (row, "notify::selected", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
        break;
      }
    case KES_CARE_FIELD_ITEMS:
      row = GTK_WIDGET (kes_plan_items_editor_new (label));
      input = row;
      g_signal_connect_object (row, "changed", G_CALLBACK (value_changed_cb), self, G_CONNECT_SWAPPED);
      break;
    case KES_CARE_FIELD_RECORD:
    default:
      return NULL;
    }
  kes_widget_set_handle (input, field->key);
  g_hash_table_insert (self->widgets, (gpointer) field->key, input);
  return row;
}

static void
set_widget_value (GtkWidget  *widget,
                  const char *value)
{
  if (ADW_IS_COMBO_ROW (widget))
    {
      GStrv codes = g_object_get_data (G_OBJECT (widget), "kes-codes");
      guint position = 0;

      for (guint i = 0; codes[i] != NULL; i++)
        if (g_strcmp0 (codes[i], value) == 0)
          position = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), position);
    }
  else if (KES_IS_PLAN_ITEMS_EDITOR (widget))
    kes_plan_items_editor_set_json (KES_PLAN_ITEMS_EDITOR (widget), value);
  else if (GTK_IS_SWITCH (widget))
    gtk_switch_set_active (GTK_SWITCH (widget), g_strcmp0 (value, "true") == 0);
  else if (GTK_IS_TEXT_VIEW (widget))
    kes_text_view_set_text (GTK_TEXT_VIEW (widget), value != NULL ? value : "");
  else if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), value != NULL ? value : "");
}

static char *
dup_widget_value (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    {
      GStrv codes = g_object_get_data (G_OBJECT (widget), "kes-codes");
      guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

      return position < g_strv_length (codes) ? g_strdup (codes[position]) : NULL;
    }
  if (KES_IS_PLAN_ITEMS_EDITOR (widget))
    return kes_plan_items_editor_dup_json (KES_PLAN_ITEMS_EDITOR (widget));
  if (GTK_IS_SWITCH (widget))
    return gtk_switch_get_active (GTK_SWITCH (widget)) ? g_strdup ("true") : NULL;
  if (GTK_IS_TEXT_VIEW (widget))
    return kes_text_view_dup_text (GTK_TEXT_VIEW (widget));
  /* As typed: core trims and normalises, and a failed save keeps this. */
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

/* The care plan's lines mark their own empty entries. */
static void
mark_error (GtkWidget *widget,
            gboolean   error)
{
  if (KES_IS_PLAN_ITEMS_EDITOR (widget))
    kes_plan_items_editor_set_error (KES_PLAN_ITEMS_EDITOR (widget), error);
  else if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* Core's checks of what the form holds now, each field with a problem
 * marked; with @refuse, as a refusal (scrolled to, the first field
 * focused). Returns the number of problems. */
static guint
show_issues (KesCareForm *self,
             gboolean     refuse)
{
  g_autoptr(KesCareRecord) record = kes_care_form_get_record (self);
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) issues = kes_care_record_validate (record, today);
  g_autoptr(GString) message = g_string_new (NULL);
  GtkWidget *first = NULL;
  GHashTableIter iter;
  gpointer widget;

  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    mark_error (widget, FALSE);
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *field = g_hash_table_lookup (self->widgets, issue->field);

      g_string_append_printf (message, "%s%s", message->len > 0 ? "\n" : "", issue->message);
      if (field != NULL)
        mark_error (field, TRUE);
      if (first == NULL)
        first = field;
    }
  if (refuse)
    kes_form_show_refusal (self->error_label, message->str, first);
  else if (issues->len > 0)
    gtk_label_set_text (self->error_label, message->str);
  return issues->len;
}

/* After a refusal, the message follows what is typed: it changes as a
 * value is put right and goes when nothing is wrong (a store refusal stays
 * until the next save asks the store again). */
static void
recheck (KesCareForm *self)
{
  if (self->record == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;
  if (show_issues (self, FALSE) == 0)
    gtk_label_set_text (self->error_label, self->store_refusal != NULL ? self->store_refusal : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), *gtk_label_get_text (self->error_label) != '\0');
}

static void
update_computed (KesCareForm *self)
{
  g_autoptr(KesCareRecord) record = NULL;

  if (self->record == NULL)
    return;
  record = kes_care_form_get_record (self);
  g_free (self->computed);
  self->computed = kes_care_form_computed_text (self->store, record);
  gtk_label_set_text (self->computed_label, self->computed);
  gtk_widget_set_visible (GTK_WIDGET (self->computed_label), *self->computed != '\0');

  /* The traffic light in colour as well as in words. */
  for (KesFbcLight light = KES_FBC_GREEN; light <= KES_FBC_RED; light++)
    {
      g_autofree char *css = g_strdup_printf ("kes-light-%s", kes_fbc_light_to_string (light));
      gtk_widget_remove_css_class (GTK_WIDGET (self->computed_label), css);
    }
  if (g_str_equal (kes_care_record_get_kind (record), KES_CARE_FBC) && *self->computed != '\0')
    {
      g_autofree char *css = g_strdup_printf ("kes-light-%s",
                                              kes_fbc_light_to_string (effective_light (self->store, record)));
      gtk_widget_add_css_class (GTK_WIDGET (self->computed_label), css);
    }
}

/* ---- Callbacks ---- */

static void
cancel_clicked_cb (KesCareForm *self)
{
  /* Asks first when something was typed (kes-secondary-window.h). */
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (KesCareForm *self)
{
  if (kes_care_form_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static void
kes_care_form_dispose (GObject *object)
{
  KesCareForm *self = KES_CARE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CARE_FORM);
  g_clear_object (&self->store);
  g_clear_object (&self->record);
  G_OBJECT_CLASS (kes_care_form_parent_class)->dispose (object);
}

static void
kes_care_form_finalize (GObject *object)
{
  KesCareForm *self = KES_CARE_FORM (object);

  g_hash_table_unref (self->widgets);
  g_free (self->computed);
  g_free (self->store_refusal);
  G_OBJECT_CLASS (kes_care_form_parent_class)->finalize (object);
}

static void
kes_care_form_class_init (KesCareFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_care_form_dispose;
  object_class->finalize = kes_care_form_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                 NULL, G_TYPE_NONE, 1, KES_TYPE_CARE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/community/kes-care-form.ui");
  gtk_widget_class_bind_template_child (widget_class, KesCareForm, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesCareForm, computed_label);
  gtk_widget_class_bind_template_child (widget_class, KesCareForm, group);
  gtk_widget_class_bind_template_child (widget_class, KesCareForm, save_button);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
kes_care_form_init (KesCareForm *self)
{
  self->widgets = g_hash_table_new (g_str_hash, g_str_equal);
  self->computed = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- Public ---- */

KesCareForm *
kes_care_form_new (GtkWindow     *parent,
                   KesStore      *store,
                   KesCareRecord *record,
                   const char    *title)
{
  KesCareForm *self;
  const KesCareField *fields;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_CARE_RECORD (record), NULL);

  self = g_object_new (KES_TYPE_CARE_FORM, "transient-for", parent, "modal", parent != NULL,
                       "title", title, NULL);
  self->store = g_object_ref (store);
  fields = kes_care_kind_fields (kes_care_record_get_kind (record));
  adw_preferences_group_set_title (self->group, title);
  for (guint i = 0; fields[i].key != NULL; i++)
    {
      GtkWidget *row = make_row (self, &fields[i], record);

      if (row == NULL)
        continue;
      adw_preferences_group_add (self->group, row);
      if (fields[i].type == KES_CARE_FIELD_DATE)
        {
          /* Shown as the form asks for it: DD/MM/YYYY. */
          g_autofree char *shown = kes_date_to_typed (kes_care_record_get (record, fields[i].key));

          set_widget_value (g_hash_table_lookup (self->widgets, fields[i].key), shown);
        }
      else
        set_widget_value (g_hash_table_lookup (self->widgets, fields[i].key),
                          kes_care_record_get (record, fields[i].key));
    }
  self->record = g_object_ref (record);
  update_computed (self);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self));
  return self;
}

void
kes_care_form_set_value (KesCareForm *self,
                         const char  *key,
                         const char  *value)
{
  GtkWidget *widget;

  g_return_if_fail (KES_IS_CARE_FORM (self));
  widget = g_hash_table_lookup (self->widgets, key);
  g_return_if_fail (widget != NULL);
  set_widget_value (widget, value);
  update_computed (self);
}

KesCareRecord *
kes_care_form_get_record (KesCareForm *self)
{
  const char *kind = kes_care_record_get_kind (self->record);
  g_autofree char *json = kes_care_record_to_json (self->record);
  KesCareRecord *record = kes_care_record_new (kind);
  GHashTableIter iter;
  gpointer key, widget;

  kes_care_record_load_json (record, json, NULL);
  kes_care_record_set_identity (record, kes_care_record_get_id (self->record),
                                kes_care_record_get_revision (self->record),
                                kes_care_record_get_state (self->record));
  kes_care_record_set_patient_id (record, kes_care_record_get_patient_id (self->record));
  g_hash_table_iter_init (&iter, self->widgets);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      g_autofree char *value = dup_widget_value (widget);
      kes_care_record_set (record, key, value);
    }
  return record;
}

const char *
kes_care_form_get_computed (KesCareForm *self)
{
  g_return_val_if_fail (KES_IS_CARE_FORM (self), NULL);
  return self->computed;
}

gboolean
kes_care_form_save (KesCareForm *self)
{
  g_autoptr(KesCareRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KES_IS_CARE_FORM (self), FALSE);

  record = kes_care_form_get_record (self);
  g_clear_pointer (&self->store_refusal, g_free);
  if (show_issues (self, TRUE) > 0)
    return FALSE;
  if (!kes_store_save_care_record (self->store, record, KES_CHANGE_EDIT, NULL, &error))
    {
      /* A refusal that needs the other records (a dose already given that
       * day, a prescription that is not a depot…): said above the fields. */
      self->store_refusal = g_strdup (error->message);
      kes_form_show_refusal (self->error_label, error->message, NULL);
      return FALSE;
    }
  kes_form_show_refusal (self->error_label, NULL, NULL);
  g_set_object (&self->record, record);
  g_signal_emit (self, signals[SAVED], 0, record);
  return TRUE;
}

static char *
fbc_text (KesStore      *store,
          KesCareRecord *record)
{
  KesFbcThresholds thresholds;
  KesFbcLight own, service, light;
  double wbc, anc;

  if (!kes_care_record_get_number (record, "wbc", &wbc) || !kes_care_record_get_number (record, "neutrophils", &anc))
    return g_strdup ("");
  own = kes_store_fbc_light (store, record, &thresholds);
  light = effective_light (store, record);
  if (kes_fbc_light_parse (kes_care_record_get (record, "service_light"), &service) && service != own)
    /* TRANSLATORS: Kestrel's light, the service's, the one used and what to do */
    return g_strdup_printf (_("Kestrel: %s; the monitoring service: %s. They differ: check the numbers with the "
                              "service. The more cautious (%s) applies: %s"),
                            kes_fbc_light_label (own), kes_fbc_light_label (service), kes_fbc_light_label (light),
                            kes_fbc_light_action (light));
  if (thresholds == KES_FBC_THRESHOLDS_BEN)
    /* TRANSLATORS: "Amber under BEN criteria: Continue clozapine…" */
    return g_strdup_printf (_("%s under BEN criteria: %s"), kes_fbc_light_label (light), kes_fbc_light_action (light));
  /* TRANSLATORS: "Red: Stop clozapine now…" */
  return g_strdup_printf (_("%s: %s"), kes_fbc_light_label (light), kes_fbc_light_action (light));
}

char *
kes_care_form_computed_text (KesStore      *store,
                             KesCareRecord *record)
{
  const char *kind = kes_care_record_get_kind (record);

  if (g_str_equal (kind, KES_CARE_FBC))
    return fbc_text (store, record);
  if (g_str_equal (kind, KES_CARE_PHYSICAL_HEALTH))
    {
      double weight, height, bmi;

      if (!kes_care_record_get_number (record, "weight_kg", &weight) ||
          !kes_care_record_get_number (record, "height_cm", &height) ||
          !kes_bmi_compute (weight, height, &bmi))
        return g_strdup ("");
      return g_strdup_printf (_("BMI %.1f"), bmi);
    }
  if (g_str_equal (kind, KES_CARE_LITHIUM_LEVEL))
    {
      double level;

      if (!kes_care_record_get_number (record, "level", &level))
        return g_strdup ("");
      return g_strdup (kes_lithium_band_label (kes_lithium_band (
        kes_store_lithium_target (store, kes_care_record_get_patient_id (record),
                                  kes_care_record_get (record, "taken_on")), level)));
    }
  if (g_str_equal (kind, KES_CARE_DEPOT_DOSE))
    {
      g_autofree char *drug = kes_store_depot_drug_of (store, kes_care_record_get (record, "prescription_id"));
      guint hours = kes_depot_drug_observe_hours (drug);

      if (hours == 0 || !g_str_equal (kes_care_record_get (record, "outcome"), "given"))
        return g_strdup ("");
      /* TRANSLATORS: "Olanzapine pamoate (embonate): observe …" */
      return g_strdup_printf (_("%s: observe the person in a healthcare facility for at least %u hours after "
                                "the injection (post-injection syndrome, SmPC), then record the hours "
                                "observed."), kes_depot_drug_lookup_label (drug), hours);
    }
  return g_strdup ("");
}
