/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-form"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-field-limits.h"
#include "kes-records.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-validate.h"
#include "patient/kes-patient-form-private.h"

/* Every register text field, in form order. */
const KesPatientFormField kes_patient_form_text_fields[] = {
  { KES_PATIENT_FAMILY_NAME, "family_entry", "family_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_GIVEN_NAME, "given_entry", "given_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_PREFERRED_NAME, "preferred_entry", "preferred_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_BIRTH_DATE, "birth_entry", "birth_error", KES_PATIENT_FORM_DATE, NULL },
  { KES_PATIENT_GENDER, "gender_dropdown", "gender_error", KES_PATIENT_FORM_CODE, KES_CODES_GENDER },
  { KES_PATIENT_GENDER_IDENTITY, "gender_identity_dropdown", "gender_identity_error", KES_PATIENT_FORM_CODE,
    KES_CODES_GENDER_IDENTITY },
  { KES_PATIENT_ETHNICITY, "ethnicity_dropdown", "ethnicity_error", KES_PATIENT_FORM_CODE,
    KES_CODES_ETHNIC_CATEGORY },
  { KES_PATIENT_NHS_NUMBER, "nhs_entry", "nhs_error", KES_PATIENT_FORM_NHS, NULL },
  { KES_PATIENT_ADDRESS, "address_view", "address_error", KES_PATIENT_FORM_TEXT, NULL },
  { KES_PATIENT_POSTCODE, "postcode_entry", "postcode_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_PHONE, "phone_entry", "phone_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_GP_PRACTICE, "gp_entry", "gp_error", KES_PATIENT_FORM_ENTRY, NULL },
  { KES_PATIENT_TEAM_ID, "team_dropdown", "team_error", KES_PATIENT_FORM_TEAM, NULL },
  { KES_PATIENT_COORDINATOR_ID, "coordinator_dropdown", "coordinator_error", KES_PATIENT_FORM_STAFF, NULL },
  { KES_PATIENT_CLINICIAN_ID, "clinician_dropdown", "clinician_error", KES_PATIENT_FORM_STAFF, NULL },
  { KES_PATIENT_SUPERVISOR_ID, "supervisor_dropdown", "supervisor_error", KES_PATIENT_FORM_STAFF, NULL },
  { KES_PATIENT_REFERRAL_DATE, "referral_entry", "referral_error", KES_PATIENT_FORM_DATE, NULL },
  { KES_PATIENT_AGE_OVERRIDE_REASON, "age_override_entry", "age_override_error", KES_PATIENT_FORM_ENTRY,
    NULL },
  { KES_PATIENT_DIAGNOSIS_NOTES, "diagnosis_notes_view", "diagnosis_notes_error", KES_PATIENT_FORM_TEXT,
    NULL },
};

const guint kes_patient_form_n_text_fields = G_N_ELEMENTS (kes_patient_form_text_fields);

/* List fields: widget and error label. */
const KesPatientFormListField kes_patient_form_list_fields[] = {
  { KES_PATIENT_ALIASES, "aliases_entry", "aliases_error" },
  { KES_PATIENT_DIAGNOSES, "diagnosis_dropdown", "diagnoses_error" },
  { KES_PATIENT_ALERTS, "alerts_view", "alerts_error" },
};

const guint kes_patient_form_n_list_fields = G_N_ELEMENTS (kes_patient_form_list_fields);

G_DEFINE_FINAL_TYPE (KesPatientForm, kes_patient_form, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
kes_patient_form_child (KesPatientForm *self,
                        const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (self), KES_TYPE_PATIENT_FORM, name);

  g_assert (object != NULL);
  return GTK_WIDGET (object);
}

static void
field_changed_cb (KesPatientForm *self)
{
  if (self->filling)
    return;
  kes_patient_form_refresh_problems (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
correction_toggled_cb (KesPatientForm *self)
{
  gboolean active = gtk_switch_get_active (self->correction_switch);

  gtk_widget_set_visible (GTK_WIDGET (self->correction_reason_entry), active);
  if (active)
    gtk_widget_grab_focus (GTK_WIDGET (self->correction_reason_entry));
  else
    kes_field_set_error (GTK_WIDGET (self->correction_reason_entry),
                         self->correction_reason_error, NULL);
}

static void rebuild_diagnoses (KesPatientForm *self);

static void
diagnosis_remove_clicked_cb (GtkButton      *button,
                             KesPatientForm *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "kes-code");

  for (guint i = 0; i < self->diagnoses->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->diagnoses, i), code) == 0)
        {
          g_ptr_array_remove_index (self->diagnoses, i);
          break;
        }
    }

  rebuild_diagnoses (self);
  field_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagnosis_dropdown));
}

static void
rebuild_diagnoses (KesPatientForm *self)
{
  KesCodeList *icd10 = kes_code_list_get (KES_CODES_ICD10);
  GtkWidget *row;

  kes_list_box_remove_all (self->diagnosis_list);

  for (guint i = 0; i < self->diagnoses->len; i++)
    {
      const char *code = g_ptr_array_index (self->diagnoses, i);
      const char *label = icd10 != NULL ? kes_code_list_lookup (icd10, code) : NULL;
      g_autofree char *title = g_markup_escape_text (label != NULL ? label : code, -1);
      g_autofree char *remove_label = NULL;
      GtkWidget *button;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), code);

      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* TRANSLATORS: %s is an ICD-10 code such as F20.0 */
      remove_label = g_strdup_printf (_("Remove diagnosis %s"), code);
      gtk_widget_set_tooltip_text (button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      gtk_widget_set_visible (button, self->editing);
      g_object_set_data_full (G_OBJECT (button), "kes-code", g_strdup (code), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (diagnosis_remove_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->diagnosis_list, row);
    }
}

static void
diagnosis_add_clicked_cb (KesPatientForm *self)
{
  const char *code = kes_dropdown_get_code (self->diagnosis_dropdown);

  if (code == NULL)
    return;

  for (guint i = 0; i < self->diagnoses->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->diagnoses, i), code) == 0)
        return;
    }

  g_ptr_array_add (self->diagnoses, g_strdup (code));
  rebuild_diagnoses (self);
  gtk_drop_down_set_selected (self->diagnosis_dropdown, 0);
  field_changed_cb (self);
}

static void
fill_diagnosis_choices (KesPatientForm *self)
{
  KesCodeList *icd10 = kes_code_list_get (KES_CODES_ICD10);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n = icd10 != NULL ? kes_code_list_get_n_codes (icd10) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (codes, (gpointer) kes_code_list_get_code (icd10, i));
      g_ptr_array_add (labels, g_strdup_printf ("%s  %s", kes_code_list_get_code (icd10, i),
                                                kes_code_list_get_label (icd10, i)));
    }

  kes_dropdown_fill (self->diagnosis_dropdown, _("Choose a diagnosis"),
                     (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata, n);
}

void
kes_patient_form_set_age_override_visible (KesPatientForm *self,
                                           gboolean        visible)
{
  gtk_widget_set_visible (kes_patient_form_child (self, "age_override_entry_label"), visible);
  gtk_widget_set_visible (kes_patient_form_child (self, "age_override_entry"), visible);
}

static void
kes_patient_form_dispose (GObject *object)
{
  KesPatientForm *self = KES_PATIENT_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_PATIENT_FORM);
  g_clear_object (&self->store);
  g_clear_object (&self->checked);
  g_clear_pointer (&self->diagnoses, g_ptr_array_unref);

  G_OBJECT_CLASS (kes_patient_form_parent_class)->dispose (object);
}

static void
kes_patient_form_class_init (KesPatientFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_patient_form_dispose;

  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-patient-form.ui");
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, correction_box);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, correction_switch);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, correction_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, correction_reason_error);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, diagnosis_list);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, diagnosis_add_box);
  gtk_widget_class_bind_template_child (widget_class, KesPatientForm, diagnosis_dropdown);

  /* The register fields are reached by name through the tables above. */
  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      gtk_widget_class_bind_template_child_full (widget_class, kes_patient_form_text_fields[i].widget, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, kes_patient_form_text_fields[i].error, FALSE, 0);
    }
  for (guint i = 0; i < kes_patient_form_n_list_fields; i++)
    {
      if (g_strcmp0 (kes_patient_form_list_fields[i].widget, "diagnosis_dropdown") != 0)
        gtk_widget_class_bind_template_child_full (widget_class, kes_patient_form_list_fields[i].widget, FALSE, 0);
      gtk_widget_class_bind_template_child_full (widget_class, kes_patient_form_list_fields[i].error, FALSE, 0);
    }
  gtk_widget_class_bind_template_child_full (widget_class, "age_override_entry_label", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, correction_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, diagnosis_add_clicked_cb);
}

static void
kes_patient_form_init (KesPatientForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->diagnoses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      if (kes_patient_form_text_fields[i].kind == KES_PATIENT_FORM_CODE)
        kes_dropdown_fill_code_list (GTK_DROP_DOWN (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget)),
                                     kes_patient_form_text_fields[i].code_list, _("Not set"));
      else if (kes_patient_form_text_fields[i].kind == KES_PATIENT_FORM_TEAM || kes_patient_form_text_fields[i].kind == KES_PATIENT_FORM_STAFF)
        kes_dropdown_fill (GTK_DROP_DOWN (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget)), _("Not set"),
                           NULL, NULL, 0);
      else if (GTK_IS_ENTRY (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget)))
        {
          /* The length table core checks on save, import and the CLI. */
          g_autofree char *key = g_strconcat ("patient.",
                                              kes_patient_field_key (kes_patient_form_text_fields[i].field), NULL);

          gtk_entry_set_max_length (GTK_ENTRY (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget)),
                                    (int) kes_field_limit (key));
        }
    }

  fill_diagnosis_choices (self);
  kes_patient_form_set_age_override_visible (self, FALSE);
  kes_patient_form_set_editing (self, FALSE);
}

GtkWidget *
kes_patient_form_new (void)
{
  return g_object_new (KES_TYPE_PATIENT_FORM, NULL);
}

void
kes_patient_form_set_store (KesPatientForm *self,
                            KesStore       *store)
{
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GListModel) staff = NULL;

  g_return_if_fail (KES_IS_PATIENT_FORM (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);

  teams = kes_store_list_teams (store, NULL);
  staff = kes_store_list_staff (store, NULL);

  self->filling = TRUE;
  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      GtkDropDown *dropdown;
      g_autofree char *current = NULL;

      if (kes_patient_form_text_fields[i].kind != KES_PATIENT_FORM_TEAM && kes_patient_form_text_fields[i].kind != KES_PATIENT_FORM_STAFF)
        continue;

      dropdown = GTK_DROP_DOWN (kes_patient_form_child (self, kes_patient_form_text_fields[i].widget));
      current = g_strdup (kes_dropdown_get_code (dropdown));
      if (kes_patient_form_text_fields[i].kind == KES_PATIENT_FORM_TEAM)
        kes_dropdown_fill_teams (dropdown, teams, _("Not set"));
      else
        kes_dropdown_fill_staff (dropdown, staff, _("Not set"));
      kes_dropdown_set_code (dropdown, current);
    }
  self->filling = FALSE;
}

void
kes_patient_form_set_patient (KesPatientForm *self,
                              KesPatient     *patient)
{
  const char * const *list;
  g_autofree char *aliases = NULL;
  g_autofree char *alerts = NULL;

  g_return_if_fail (KES_IS_PATIENT_FORM (self));
  g_return_if_fail (KES_IS_PATIENT (patient));

  self->filling = TRUE;

  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      const KesPatientFormField *spec = &kes_patient_form_text_fields[i];
      const char *value = kes_patient_get_text (patient, spec->field);
      GtkWidget *widget = kes_patient_form_child (self, spec->widget);

      switch (spec->kind)
        {
        case KES_PATIENT_FORM_ENTRY:
          gtk_editable_set_text (GTK_EDITABLE (widget), value != NULL ? value : "");
          break;

        case KES_PATIENT_FORM_DATE:
          {
            g_autofree char *typed = kes_date_to_typed (value);
            gtk_editable_set_text (GTK_EDITABLE (widget), typed);
          }
          break;

        case KES_PATIENT_FORM_NHS:
          {
            g_autofree char *formatted = NULL;

            if (value != NULL && strlen (value) == 10)
              formatted = kes_nhs_number_format (value);
            gtk_editable_set_text (GTK_EDITABLE (widget),
                                   formatted != NULL ? formatted : (value != NULL ? value : ""));
          }
          break;

        case KES_PATIENT_FORM_TEXT:
          kes_text_view_set_text (GTK_TEXT_VIEW (widget), value);
          break;

        case KES_PATIENT_FORM_CODE:
        case KES_PATIENT_FORM_TEAM:
        case KES_PATIENT_FORM_STAFF:
          kes_dropdown_set_code (GTK_DROP_DOWN (widget), value);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  list = kes_patient_get_list (patient, KES_PATIENT_ALIASES);
  aliases = list != NULL ? g_strjoinv (", ", (char **) list) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (kes_patient_form_child (self, "aliases_entry")), aliases);

  list = kes_patient_get_list (patient, KES_PATIENT_ALERTS);
  alerts = list != NULL ? g_strjoinv ("\n", (char **) list) : g_strdup ("");
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_patient_form_child (self, "alerts_view")), alerts);

  g_ptr_array_set_size (self->diagnoses, 0);
  list = kes_patient_get_list (patient, KES_PATIENT_DIAGNOSES);
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    g_ptr_array_add (self->diagnoses, g_strdup (list[i]));
  rebuild_diagnoses (self);

  {
    const char *reason = kes_patient_get_text (patient, KES_PATIENT_AGE_OVERRIDE_REASON);
    kes_patient_form_set_age_override_visible (self, reason != NULL && *reason != '\0');
  }

  gtk_switch_set_active (self->correction_switch, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->correction_reason_entry), "");
  kes_patient_form_clear_issues (self);

  self->filling = FALSE;
}

/* Splits on commas and new lines, dropping empty items. */
static GStrv
split_list (const char *text,
            const char *separators)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", separators, -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

KesPatient *
kes_patient_form_dup_patient (KesPatientForm *self,
                              KesPatient     *base)
{
  KesPatient *patient;
  g_autofree char *aliases_text = NULL;
  g_autofree char *alerts_text = NULL;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) alerts = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), NULL);

  patient = base != NULL ? kes_patient_copy (base) : kes_patient_new ();

  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      const KesPatientFormField *spec = &kes_patient_form_text_fields[i];
      GtkWidget *widget = kes_patient_form_child (self, spec->widget);
      g_autofree char *value = NULL;

      switch (spec->kind)
        {
        case KES_PATIENT_FORM_ENTRY:
        case KES_PATIENT_FORM_DATE:
        case KES_PATIENT_FORM_NHS:
          value = kes_editable_dup_text (GTK_EDITABLE (widget));
          break;

        case KES_PATIENT_FORM_TEXT:
          value = kes_text_view_dup_text (GTK_TEXT_VIEW (widget));
          break;

        case KES_PATIENT_FORM_CODE:
        case KES_PATIENT_FORM_TEAM:
        case KES_PATIENT_FORM_STAFF:
          value = g_strdup (kes_dropdown_get_code (GTK_DROP_DOWN (widget)));
          break;

        default:
          g_assert_not_reached ();
        }

      kes_patient_set_text (patient, spec->field, value != NULL && *value != '\0' ? value : NULL);
    }

  aliases_text = kes_editable_dup_text (GTK_EDITABLE (kes_patient_form_child (self, "aliases_entry")));
  aliases = split_list (aliases_text, ",\n");
  kes_patient_set_list (patient, KES_PATIENT_ALIASES, (const char * const *) aliases);

  alerts_text = kes_text_view_dup_text (GTK_TEXT_VIEW (kes_patient_form_child (self, "alerts_view")));
  alerts = split_list (alerts_text, "\n");
  kes_patient_set_list (patient, KES_PATIENT_ALERTS, (const char * const *) alerts);

  g_ptr_array_add (self->diagnoses, NULL);
  kes_patient_set_list (patient, KES_PATIENT_DIAGNOSES,
                        (const char * const *) self->diagnoses->pdata);
  g_ptr_array_remove_index (self->diagnoses, self->diagnoses->len - 1);

  return patient;
}

void
kes_patient_form_set_editing (KesPatientForm *self,
                              gboolean        editing)
{
  g_return_if_fail (KES_IS_PATIENT_FORM (self));

  self->editing = !!editing;

  for (guint i = 0; i < kes_patient_form_n_text_fields; i++)
    {
      const KesPatientFormField *spec = &kes_patient_form_text_fields[i];
      GtkWidget *widget = kes_patient_form_child (self, spec->widget);

      switch (spec->kind)
        {
        case KES_PATIENT_FORM_ENTRY:
        case KES_PATIENT_FORM_DATE:
        case KES_PATIENT_FORM_NHS:
          gtk_editable_set_editable (GTK_EDITABLE (widget), editing);
          break;

        case KES_PATIENT_FORM_TEXT:
          kes_text_view_set_read_only (GTK_TEXT_VIEW (widget), !editing);
          break;

        case KES_PATIENT_FORM_CODE:
        case KES_PATIENT_FORM_TEAM:
        case KES_PATIENT_FORM_STAFF:
          gtk_widget_set_sensitive (widget, editing);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  gtk_editable_set_editable (GTK_EDITABLE (kes_patient_form_child (self, "aliases_entry")), editing);
  kes_text_view_set_read_only (GTK_TEXT_VIEW (kes_patient_form_child (self, "alerts_view")), !editing);
  gtk_widget_set_visible (self->diagnosis_add_box, editing);
  gtk_widget_set_visible (self->correction_box, editing && self->can_correct);

  /* The diagnosis rows carry remove buttons only while editing. */
  rebuild_diagnoses (self);

  if (editing)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "kes-read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "kes-read-only");
}

gboolean
kes_patient_form_get_editing (KesPatientForm *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), FALSE);

  return self->editing;
}

void
kes_patient_form_set_can_correct (KesPatientForm *self,
                                  gboolean        can_correct)
{
  g_return_if_fail (KES_IS_PATIENT_FORM (self));

  self->can_correct = !!can_correct;
  gtk_widget_set_visible (self->correction_box, self->editing && self->can_correct);
}

gboolean
kes_patient_form_get_correction (KesPatientForm  *self,
                                 char           **reason)
{
  gboolean active;

  g_return_val_if_fail (KES_IS_PATIENT_FORM (self), FALSE);

  active = self->can_correct && gtk_switch_get_active (self->correction_switch);
  if (reason != NULL)
    *reason = active ? kes_editable_dup_text (GTK_EDITABLE (self->correction_reason_entry)) : NULL;

  return active;
}

void
kes_patient_form_focus_first (KesPatientForm *self)
{
  g_return_if_fail (KES_IS_PATIENT_FORM (self));

  gtk_widget_grab_focus (kes_patient_form_child (self, "family_entry"));
}
