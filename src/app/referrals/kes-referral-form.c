/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-caseload-model.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj.h"
#include "kes-secondary-window.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-validate.h"
#include "patient/kes-patient-form.h"
#include "referrals/kes-referral-form.h"

struct _KesReferralForm
{
  AdwBin          parent_instance;

  KesStore       *store;
  GHashTable     *birth_dates; /* patient id -> YYYY-MM-DD */
  KesCatchment   *catchment;   /* the areas, read when the store is set */
  char           *kept_area;   /* the area the referral shown was saved with */
  guint           n_warnings;

  GtkLabel       *summary_label;
  GtkDropDown    *patient_field;
  GtkLabel       *patient_error;
  GtkEntry       *date_field;
  GtkLabel       *date_error;
  GtkEntry       *referrer_field;
  GtkLabel       *referrer_error;
  GtkEntry       *referrer_contact_field;
  GtkLabel       *referrer_contact_error;
  GtkDropDown    *source_field;
  GtkLabel       *source_error;
  GtkEntry       *unit_field;
  GtkLabel       *unit_error;
  GtkDropDown    *security_level_field;
  GtkLabel       *security_level_error;
  GtkDropDown    *area_field;
  GtkLabel       *area_error;
  GtkLabel       *area_note;   /* outside the catchment, or retired: said as it is chosen */
  GtkDropDown    *legal_status_field;
  GtkLabel       *legal_status_error;
  GtkEntry       *expected_discharge_field;
  GtkLabel       *expected_discharge_error;
  GtkTextView    *reason_field;
  GtkLabel       *reason_error;
  GtkTextView    *index_offence_field;
  GtkLabel       *index_offence_error;
  GtkSwitch      *inpatient_switch;
  GtkImage       *inpatient_icon;
  GtkImage       *age_icon;
  AdwActionRow   *age_row;
  GtkImage       *area_icon;
  AdwActionRow   *area_row;
  GtkWidget      *override_box;
  GtkEntry       *override_field;
};

G_DEFINE_FINAL_TYPE (KesReferralForm, kes_referral_form, ADW_TYPE_BIN)

typedef struct
{
  const char *key;   /* KesIssue field */
  gsize       field; /* offsets into the struct */
  gsize       error;
} FieldPlace;

#define PLACE(key, name) { key, G_STRUCT_OFFSET (KesReferralForm, name##_field), G_STRUCT_OFFSET (KesReferralForm, name##_error) }
static const FieldPlace places[] = {
  PLACE ("patient_id", patient),
  PLACE ("referral_date", date),
  PLACE ("referrer", referrer),
  PLACE ("referrer_contact", referrer_contact),
  PLACE ("source", source),
  PLACE ("unit", unit),
  PLACE ("security_level", security_level),
  PLACE ("area", area),
  PLACE ("legal_status", legal_status),
  PLACE ("expected_discharge", expected_discharge),
  PLACE ("reason", reason),
  PLACE ("index_offence", index_offence),
};
#undef PLACE

#define FIELD_AT(self, offset) (*(GtkWidget **) G_STRUCT_MEMBER_P (self, offset))
#define LABEL_AT(self, offset) (*(GtkLabel **) G_STRUCT_MEMBER_P (self, offset))

static void
set_check (GtkImage     *icon,
           AdwActionRow *row,
           gboolean      ok,
           const char   *warning)
{
  gtk_image_set_from_icon_name (icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), ok ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), ok ? "success" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ok ? _("Met") : _("Not met"), -1);
  if (row != NULL)
    adw_action_row_set_subtitle (row, ok ? "" : warning);
}

/* Beside the area as it is chosen: outside the catchment or retired, and
 * what that means (saving stays allowed wherever core allows it). */
static void
show_area_note (KesReferralForm *self,
                const char      *area)
{
  g_autofree char *note = NULL;

  if (self->catchment != NULL)
    note = kes_referral_area_note (self->catchment, area, g_strcmp0 (area, self->kept_area) == 0);
  gtk_label_set_text (self->area_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->area_note), note != NULL);
}

static void
update_eligibility (KesReferralForm *self)
{
  g_autoptr(KesReferral) referral = kes_referral_form_dup_referral (self, NULL);
  const char *patient_id = kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID);
  const char *birth = self->birth_dates != NULL ? g_hash_table_lookup (self->birth_dates, patient_id) : NULL;
  g_autoptr(KesCatchment) none = kes_catchment_new ();
  g_autoptr(GPtrArray) warnings = kes_referral_check_eligibility (referral, birth,
                                                                  self->catchment != NULL ? self->catchment : none);
  const char *inpatient = NULL, *age = NULL, *area = NULL;

  for (guint i = 0; i < warnings->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (warnings, i);

      if (g_str_equal (issue->field, "inpatient"))
        inpatient = issue->message;
      else if (g_str_equal (issue->field, "age"))
        age = issue->message;
      else if (g_str_equal (issue->field, "area"))
        area = issue->message;
    }
  /* Before a patient is picked, age can't be judged: show it as not yet met. */
  set_check (self->inpatient_icon, NULL, inpatient == NULL, inpatient);
  set_check (self->age_icon, self->age_row, age == NULL && *patient_id != '\0',
             age != NULL ? age : _("Pick the patient to check their age"));
  set_check (self->area_icon, self->area_row, area == NULL, area);
  show_area_note (self, kes_referral_get_text (referral, KES_REFERRAL_AREA));
  self->n_warnings = warnings->len;
  gtk_widget_set_visible (self->override_box, warnings->len > 0);
}

/* A field's message goes once it is edited; the rest stay until the next save. */
static void
clear_field_error (KesReferralForm *self,
                   GtkWidget       *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (FIELD_AT (self, places[i].field) == field)
      kes_field_set_error (field, LABEL_AT (self, places[i].error), NULL);
}

static void
entry_changed_cb (KesReferralForm *self,
                  GtkEditable     *editable)
{
  clear_field_error (self, GTK_WIDGET (editable));
  update_eligibility (self);
}

/* A referral reads the patient's one legal status record: an empty legal
 * status and index offence start as that record says (and saving writes
 * any change back to it, kes_store_legal_status_from_referral). */
static void
prefill_legal_status (KesReferralForm *self)
{
  const char *patient_id = kes_dropdown_get_code (self->patient_field);
  g_autoptr(KesMojRecord) status = NULL;
  g_autofree char *offence = kes_text_view_dup_text (self->index_offence_field);

  if (self->store == NULL || patient_id == NULL)
    return;
  status = kes_store_current_legal_status (self->store, patient_id, NULL);
  if (status == NULL)
    return;
  if (kes_dropdown_get_code (self->legal_status_field) == NULL &&
      !g_str_equal (kes_moj_record_get_text (status, "authority"), KES_LEGAL_STATUS_NOT_KNOWN))
    kes_dropdown_set_code (self->legal_status_field, kes_moj_record_get_text (status, "authority"));
  if (*offence == '\0')
    kes_text_view_set_text (self->index_offence_field, kes_moj_record_get_text (status, "index_offences"));
}

static void
field_changed_cb (KesReferralForm *self,
                  GParamSpec      *pspec,
                  GtkWidget       *field)
{
  clear_field_error (self, field);
  if (field == GTK_WIDGET (self->patient_field))
    prefill_legal_status (self);
  update_eligibility (self);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (kes_caseload_row_get_sort_name (*(KesCaseloadRow * const *) a),
                    kes_caseload_row_get_sort_name (*(KesCaseloadRow * const *) b));
}

static void
fill_patients (KesReferralForm *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->birth_dates);
  rows = kes_store_load_caseload_rows (self->store, &error);
  if (rows == NULL)
    {
      kes_referral_form_show_message (self, error->message);
      return;
    }
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      KesCaseloadRow *row = g_ptr_array_index (rows, i);
      const char *nhs = kes_caseload_row_get_nhs_number (row);
      g_autofree char *shown = *nhs != '\0' ? kes_nhs_number_format (nhs) : NULL;

      g_ptr_array_add (ids, (gpointer) kes_caseload_row_get_patient_id (row));
      g_ptr_array_add (labels, shown != NULL
                                 ? g_strdup_printf ("%s (%s)", kes_caseload_row_get_display_name (row), shown)
                                 : g_strdup (kes_caseload_row_get_display_name (row)));
      g_hash_table_insert (self->birth_dates, g_strdup (kes_caseload_row_get_patient_id (row)),
                           g_strdup (kes_caseload_row_get_birth_date (row)));
    }
  kes_dropdown_fill (self->patient_field, _("Pick a patient"),
                     (const char * const *) ids->pdata, (const char * const *) labels->pdata, ids->len);
}

/* ---- New patient, through the patient form ---- */

static void
new_patient_save_cb (GtkButton *button,
                     gpointer   user_data)
{
  KesReferralForm *self = KES_REFERRAL_FORM (user_data);
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_WINDOW);
  KesPatientForm *form = g_object_get_data (G_OBJECT (window), "patient-form");
  g_autoptr(KesPatient) patient = kes_patient_form_dup_patient (form, NULL);
  g_autoptr(GError) error = NULL;

  if (kes_patient_form_check (form, patient) > 0)
    return;
  /* Anything core refuses beyond its checks (permission, a busy database)
   * is said in a dialog over the form, which keeps what was typed. */
  if (!kes_store_save_patient (self->store, patient, KES_CHANGE_CREATE, NULL, &error))
    {
      kes_show_error (window, _("The Patient Was Not Added"), error->message);
      return;
    }
  fill_patients (self);
  kes_referral_form_select_patient (self, kes_patient_get_id (patient));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
new_patient_clicked_cb (KesReferralForm *self)
{
  GtkWidget *parent = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Add Patient"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *form = kes_patient_form_new ();

  gtk_window_set_title (GTK_WINDOW (window), _("New Patient"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 720);
  if (GTK_IS_WINDOW (parent))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (parent));
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);
  kes_patient_form_set_store (KES_PATIENT_FORM (form), self->store);
  kes_patient_form_set_editing (KES_PATIENT_FORM (form), TRUE);
  gtk_widget_set_margin_top (form, 12);
  gtk_widget_set_margin_bottom (form, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), form);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "patient-form", form);
  g_signal_connect_object (save, "clicked", G_CALLBACK (new_patient_save_cb), self, 0);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- GObject ---- */

static void
kes_referral_form_dispose (GObject *object)
{
  KesReferralForm *self = KES_REFERRAL_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REFERRAL_FORM);
  g_clear_object (&self->store);
  g_clear_pointer (&self->birth_dates, g_hash_table_unref);
  g_clear_pointer (&self->catchment, kes_catchment_free);
  g_clear_pointer (&self->kept_area, g_free);
  G_OBJECT_CLASS (kes_referral_form_parent_class)->dispose (object);
}

static void
kes_referral_form_class_init (KesReferralFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_referral_form_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/referrals/kes-referral-form.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KesReferralForm, name)
  BIND (summary_label);
  BIND (patient_field);
  BIND (patient_error);
  BIND (date_field);
  BIND (date_error);
  BIND (referrer_field);
  BIND (referrer_error);
  BIND (referrer_contact_field);
  BIND (referrer_contact_error);
  BIND (source_field);
  BIND (source_error);
  BIND (unit_field);
  BIND (unit_error);
  BIND (security_level_field);
  BIND (security_level_error);
  BIND (area_field);
  BIND (area_error);
  BIND (area_note);
  BIND (legal_status_field);
  BIND (legal_status_error);
  BIND (expected_discharge_field);
  BIND (expected_discharge_error);
  BIND (reason_field);
  BIND (reason_error);
  BIND (index_offence_field);
  BIND (index_offence_error);
  BIND (inpatient_switch);
  BIND (inpatient_icon);
  BIND (age_icon);
  BIND (age_row);
  BIND (area_icon);
  BIND (area_row);
  BIND (override_box);
  BIND (override_field);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_patient_clicked_cb);
}

static void
kes_referral_form_init (KesReferralForm *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->birth_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  kes_dropdown_fill_code_list (self->source_field, KES_CODES_REFERRAL_SOURCE, _("Choose…"));
  kes_dropdown_fill_code_list (self->security_level_field, KES_CODES_SECURITY_LEVEL, _("Choose…"));
  kes_dropdown_fill_areas (self->area_field, NULL, NULL, FALSE, _("Choose…"));
  kes_dropdown_fill_code_list (self->legal_status_field, KES_CODES_LEGAL_STATUS, _("Not known"));
  kes_dropdown_fill (self->patient_field, _("Pick a patient"), NULL, NULL, 0);
  kes_editable_set_date (GTK_EDITABLE (self->date_field), today_iso);
  update_eligibility (self);
}

/* ---- Public ---- */

GtkWidget *
kes_referral_form_new (void)
{
  return g_object_new (KES_TYPE_REFERRAL_FORM, NULL);
}

void
kes_referral_form_set_store (KesReferralForm *self,
                             KesStore        *store)
{
  g_return_if_fail (KES_IS_REFERRAL_FORM (self));
  g_return_if_fail (KES_IS_STORE (store));

  g_set_object (&self->store, store);
  fill_patients (self);
  g_clear_pointer (&self->catchment, kes_catchment_free);
  self->catchment = kes_store_get_catchment (store, NULL);
  kes_dropdown_fill_areas (self->area_field, self->catchment, NULL, FALSE, _("Choose…"));
  update_eligibility (self);
}

void
kes_referral_form_select_patient (KesReferralForm *self,
                                  const char      *patient_id)
{
  g_return_if_fail (KES_IS_REFERRAL_FORM (self));
  kes_dropdown_set_code (self->patient_field, patient_id);
  update_eligibility (self);
}

void
kes_referral_form_set_referral (KesReferralForm *self,
                                KesReferral     *referral)
{
  g_return_if_fail (KES_IS_REFERRAL_FORM (self));
  g_return_if_fail (KES_IS_REFERRAL (referral));

  kes_dropdown_set_code (self->patient_field, kes_referral_get_text (referral, KES_REFERRAL_PATIENT_ID));
  kes_editable_set_date (GTK_EDITABLE (self->date_field), kes_referral_get_text (referral, KES_REFERRAL_DATE));
  gtk_editable_set_text (GTK_EDITABLE (self->referrer_field), kes_referral_get_text (referral, KES_REFERRAL_REFERRER));
  gtk_editable_set_text (GTK_EDITABLE (self->referrer_contact_field),
                         kes_referral_get_text (referral, KES_REFERRAL_REFERRER_CONTACT));
  kes_dropdown_set_code (self->source_field, kes_referral_get_text (referral, KES_REFERRAL_SOURCE));
  gtk_editable_set_text (GTK_EDITABLE (self->unit_field), kes_referral_get_text (referral, KES_REFERRAL_UNIT));
  kes_dropdown_set_code (self->security_level_field, kes_referral_get_text (referral, KES_REFERRAL_SECURITY_LEVEL));
  /* A referral from an area since retired keeps it (and can be saved with it). */
  g_free (self->kept_area);
  self->kept_area = kes_referral_get_id (referral) != NULL
                      ? g_strdup (kes_referral_get_text (referral, KES_REFERRAL_AREA)) : NULL;
  kes_dropdown_fill_areas (self->area_field, self->catchment, kes_referral_get_text (referral, KES_REFERRAL_AREA),
                           FALSE, _("Choose…"));
  kes_dropdown_set_code (self->area_field, kes_referral_get_text (referral, KES_REFERRAL_AREA));
  kes_dropdown_set_code (self->legal_status_field, kes_referral_get_text (referral, KES_REFERRAL_LEGAL_STATUS));
  kes_editable_set_date (GTK_EDITABLE (self->expected_discharge_field),
                         kes_referral_get_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE));
  kes_text_view_set_text (self->reason_field, kes_referral_get_text (referral, KES_REFERRAL_REASON));
  kes_text_view_set_text (self->index_offence_field, kes_referral_get_text (referral, KES_REFERRAL_INDEX_OFFENCE));
  gtk_switch_set_active (self->inpatient_switch, kes_referral_get_inpatient (referral));
  gtk_editable_set_text (GTK_EDITABLE (self->override_field),
                         kes_referral_get_text (referral, KES_REFERRAL_OVERRIDE_REASON));
  update_eligibility (self);
}

static void
take_text (KesReferral      *referral,
           KesReferralField  field,
           char             *text)
{
  kes_referral_set_text (referral, field, text);
  g_free (text);
}

KesReferral *
kes_referral_form_dup_referral (KesReferralForm *self,
                                KesReferral     *base)
{
  KesReferral *referral = kes_referral_new ();

  g_return_val_if_fail (KES_IS_REFERRAL_FORM (self), referral);

  if (base != NULL)
    {
      g_autofree char *json = kes_referral_to_json (base);
      kes_referral_load_json (referral, json, NULL);
      kes_referral_set_identity (referral, kes_referral_get_id (base), kes_referral_get_revision (base),
                                 kes_referral_get_state (base));
    }
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, kes_dropdown_get_code (self->patient_field));
  take_text (referral, KES_REFERRAL_DATE, kes_editable_dup_date (GTK_EDITABLE (self->date_field)));
  take_text (referral, KES_REFERRAL_REFERRER, kes_editable_dup_text (GTK_EDITABLE (self->referrer_field)));
  take_text (referral, KES_REFERRAL_REFERRER_CONTACT,
             kes_editable_dup_text (GTK_EDITABLE (self->referrer_contact_field)));
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, kes_dropdown_get_code (self->source_field));
  take_text (referral, KES_REFERRAL_UNIT, kes_editable_dup_text (GTK_EDITABLE (self->unit_field)));
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, kes_dropdown_get_code (self->security_level_field));
  kes_referral_set_text (referral, KES_REFERRAL_AREA, kes_dropdown_get_code (self->area_field));
  kes_referral_set_text (referral, KES_REFERRAL_LEGAL_STATUS, kes_dropdown_get_code (self->legal_status_field));
  take_text (referral, KES_REFERRAL_EXPECTED_DISCHARGE,
             kes_editable_dup_date (GTK_EDITABLE (self->expected_discharge_field)));
  take_text (referral, KES_REFERRAL_REASON, kes_text_view_dup_text (self->reason_field));
  take_text (referral, KES_REFERRAL_INDEX_OFFENCE, kes_text_view_dup_text (self->index_offence_field));
  kes_referral_set_inpatient (referral, gtk_switch_get_active (self->inpatient_switch));
  take_text (referral, KES_REFERRAL_OVERRIDE_REASON, kes_editable_dup_text (GTK_EDITABLE (self->override_field)));
  return referral;
}

void
kes_referral_form_clear_issues (KesReferralForm *self)
{
  g_return_if_fail (KES_IS_REFERRAL_FORM (self));
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    kes_field_set_error (FIELD_AT (self, places[i].field), LABEL_AT (self, places[i].error), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
}

void
kes_referral_form_show_message (KesReferralForm *self,
                                const char      *message)
{
  g_return_if_fail (KES_IS_REFERRAL_FORM (self));
  gtk_label_set_text (self->summary_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), message != NULL && *message != '\0');
  kes_widget_scroll_into_view (GTK_WIDGET (self->summary_label));
}

void
kes_referral_form_show_issues (KesReferralForm *self,
                               GPtrArray       *issues)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  GtkWidget *first = NULL;

  g_return_if_fail (KES_IS_REFERRAL_FORM (self));

  kes_referral_form_clear_issues (self);
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      gboolean placed = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (places); j++)
        if (g_strcmp0 (issue->field, places[j].key) == 0)
          {
            kes_field_set_error (FIELD_AT (self, places[j].field), LABEL_AT (self, places[j].error),
                                 issue->message);
            if (first == NULL)
              first = FIELD_AT (self, places[j].field);
            placed = TRUE;
          }
      if (!placed)
        g_string_append_printf (rest, "%s%s", rest->len > 0 ? "\n" : "", issue->message);
    }
  if (rest->len > 0)
    kes_referral_form_show_message (self, rest->str);
  else if (first != NULL)
    {
      gtk_widget_grab_focus (first);
      kes_widget_scroll_into_view (first);
    }
}

guint
kes_referral_form_get_n_warnings (KesReferralForm *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL_FORM (self), 0);
  return self->n_warnings;
}
