/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison-page"

#include "config.h"

#include <glib/gi18n.h>

#include "carers/kes-field-form.h"
#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-liaison-onward.h"
#include "kes-liaison.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-store-staff.h"
#include "liaison/kes-liaison-page-private.h"
#include "signposting/kes-signposting-list.h"

G_DEFINE_FINAL_TYPE (KesLiaisonPage, kes_liaison_page, GTK_TYPE_WIDGET)

static const char *
code_label (const char *list,
            const char *code)
{
  const char *label = kes_code_list_lookup (kes_code_list_get (list), code);
  return label != NULL ? label : (*code != '\0' ? code : _("Not recorded"));
}

void
kes_liaison_page_clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL && *subtitle != '\0'
                                                       ? subtitle : _("Not recorded"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

GtkWidget *
kes_liaison_page_add_group (GtkBox     *box,
                            const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (box, group);
  return group;
}

static char *
person_name (KesFieldRecord *screening)
{
  return kes_patient_format_display_name (kes_field_record_get_text (screening, "family_name"),
                                          kes_field_record_get_text (screening, "given_name"), NULL);
}

/* ---- Editing ---- */

static void
open_editor (KesLiaisonPage *self,
             KesFieldRecord *screening)
{
  const char *hidden[] = { "converted_patient_id", "converted_referral_id", NULL };

  kes_liaison_page_clear_box (self->editor_slot);
  g_set_object (&self->editing, screening);
  self->form = kes_field_form_new (&kes_screening_kind, hidden);
  kes_field_form_load (self->form, screening);
  gtk_label_set_text (self->editor_title, kes_field_record_get_id (screening) == NULL
                                            ? _("New screening") : _("Screening"));
  gtk_box_append (self->editor_slot, GTK_WIDGET (self->form));
  gtk_stack_set_visible_child_name (self->detail_stack, "edit");
}

static void
new_clicked_cb (KesLiaisonPage *self)
{
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  kes_field_record_set_text (screening, "screened_on", today_iso);
  g_clear_pointer (&self->screening_id, g_free);
  open_editor (self, screening);
}

static void
save_clicked_cb (KesLiaisonPage *self)
{
  g_autoptr(KesFieldRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (self->editing == NULL)
    return;
  record = kes_field_record_copy (self->editing);
  kes_field_form_store (self->form, record);
  if (!kes_store_save_screening (self->store, record, KES_CHANGE_EDIT, NULL, &error))
    {
      kes_field_form_set_error (self->form, error->message);
      return;
    }
  g_clear_object (&self->editing);
  kes_liaison_page_reload (self);
  kes_liaison_page_show_screening (self, kes_field_record_get_id (record));
}

static void
cancel_clicked_cb (KesLiaisonPage *self)
{
  g_clear_object (&self->editing);
  if (self->screening_id != NULL)
    kes_liaison_page_show_screening (self, self->screening_id);
  else
    gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
edit_clicked_cb (GtkButton      *button,
                 KesLiaisonPage *self)
{
  g_autoptr(KesFieldRecord) screening = kes_store_load_screening (self->store, self->screening_id, NULL);

  if (screening != NULL)
    open_editor (self, screening);
}

static void
convert_clicked_cb (GtkButton      *button,
                    KesLiaisonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = kes_store_load_screening (self->store, self->screening_id, &error);
  g_autoptr(KesPatient) patient = NULL;

  if (screening != NULL)
    patient = kes_store_convert_screening (self->store, screening,
                                           kes_dropdown_get_code (self->team_dropdown), &error);
  if (patient == NULL)
    {
      gtk_label_set_text (self->convert_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->convert_error), TRUE);
      return;
    }
  kes_liaison_page_reload (self);
  kes_liaison_page_show_screening (self, self->screening_id);
}

static void
refer_clicked_cb (GtkButton      *button,
                  KesLiaisonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = kes_store_load_screening (self->store, self->screening_id, &error);
  g_autoptr(KesReferral) referral = NULL;
  g_autofree char *override = kes_editable_dup_text (self->override_entry);
  KesScreeningReferral details = {
    .area = kes_dropdown_get_code (self->area_dropdown),
    .security_level = kes_dropdown_get_code (self->security_dropdown),
    .inpatient = gtk_switch_get_active (self->inpatient_switch),
    .override_reason = override,
  };

  if (screening != NULL)
    referral = kes_store_refer_screening (self->store, screening, &details,
                                          self->team_dropdown != NULL ? kes_dropdown_get_code (self->team_dropdown)
                                                                      : NULL,
                                          &error);
  if (referral == NULL)
    {
      /* What was chosen stays; core's message names what to change. */
      gtk_label_set_text (self->referral_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->referral_error), TRUE);
      return;
    }
  kes_liaison_page_reload (self);
  kes_liaison_page_show_screening (self, self->screening_id);
  kes_widget_toast (GTK_WIDGET (self), _("Referral made: it is in Referrals, at “Received”"));
}

static GtkWidget *
add_suffix_row (GtkWidget  *group,
                const char *title,
                const char *subtitle,
                GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* The referral made from the screening, or what is needed to make one. */
static void
show_referral_group (KesLiaisonPage *self,
                     KesFieldRecord *screening)
{
  const char *referral_id = kes_field_record_get_text (screening, "converted_referral_id");
  GtkWidget *group = kes_liaison_page_add_group (self->detail_box, _("Referral to the forensic team"));
  GtkWidget *dropdown, *toggle, *entry, *button, *problem;
  g_autoptr(KesCatchment) catchment = NULL;

  self->area_dropdown = NULL;
  self->security_dropdown = NULL;
  self->inpatient_switch = NULL;
  self->override_entry = NULL;
  self->referral_error = NULL;

  if (*referral_id != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KesReferral) referral = kes_store_load_referral (self->store, referral_id, &error);
      g_autofree char *received = NULL;
      g_autofree char *summary = NULL;
      GtkWidget *row, *open;

      if (referral == NULL)
        {
          add_row (group, _("Made into a referral"), error->message);
          return;
        }
      received = kes_date_to_display (kes_referral_get_text (referral, KES_REFERRAL_DATE));
      open = gtk_button_new_with_mnemonic (_("_Open Referral"));
      summary = g_strdup_printf (_("Received %s · now at “%s”"), received,
                                 kes_referral_stage_label (kes_referral_get_stage (referral)));
      row = add_row (group, _("Made into a referral"), summary);
      gtk_widget_set_name (row, "referral-made");
      gtk_widget_set_name (open, "open-referral");
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "win.open-referral");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", referral_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      add_row (group, _("Referrer"), kes_referral_get_text (referral, KES_REFERRAL_REFERRER));
      add_row (group, _("Where the person was seen"), kes_referral_get_text (referral, KES_REFERRAL_UNIT));
      catchment = kes_store_get_catchment (self->store, NULL);
      add_row (group, _("Area"), catchment != NULL
                 ? kes_catchment_display_name (catchment, kes_referral_get_text (referral, KES_REFERRAL_AREA))
                 : kes_referral_get_text (referral, KES_REFERRAL_AREA));
      return;
    }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The person, who asked for the screening, the setting, offence, "
                                           "legal situation, vulnerabilities, notes and outcome are carried "
                                           "over. Add what a referral needs besides. Without a patient record, "
                                           "one is made in the team chosen above."));
  dropdown = gtk_drop_down_new (NULL, NULL);
  catchment = kes_store_get_catchment (self->store, NULL);
  kes_dropdown_fill_areas (GTK_DROP_DOWN (dropdown), catchment, NULL, FALSE, _("Choose…"));
  gtk_widget_set_name (dropdown, "referral-area");
  add_suffix_row (group, _("Area after discharge"), NULL, dropdown);
  self->area_dropdown = GTK_DROP_DOWN (dropdown);

  dropdown = gtk_drop_down_new (NULL, NULL);
  kes_dropdown_fill_code_list (GTK_DROP_DOWN (dropdown), KES_CODES_SECURITY_LEVEL, _("Choose…"));
  gtk_widget_set_name (dropdown, "referral-security");
  add_suffix_row (group, _("Security level"), NULL, dropdown);
  self->security_dropdown = GTK_DROP_DOWN (dropdown);

  toggle = gtk_switch_new ();
  gtk_widget_set_name (toggle, "referral-inpatient");
  add_suffix_row (group, _("Inpatient in a secure service now"),
                  _("For example after diversion to hospital"), toggle);
  self->inpatient_switch = GTK_SWITCH (toggle);

  entry = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry),
                                 _("Reason to accept outside the criteria (team managers only)"));
  gtk_widget_set_name (entry, "referral-override");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  self->override_entry = GTK_EDITABLE (entry);

  button = gtk_button_new_with_mnemonic (_("Make _Referral"));
  gtk_widget_set_name (button, "make-referral");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  g_signal_connect (button, "clicked", G_CALLBACK (refer_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);

  problem = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_widget_set_name (problem, "referral-error");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), problem);
  self->referral_error = GTK_LABEL (problem);
}

/* ---- A screening ---- */

static const char *
time_or_dash (KesFieldRecord *screening,
              const char     *key)
{
  const char *text = kes_field_record_get_text (screening, key);
  return *text != '\0' ? text : "–";
}

static void
onward_recorded_cb (KesLiaisonPage *self,
                    const char     *service_name)
{
  g_autofree char *message = g_strdup_printf (_("Referral to %s recorded"), service_name);
  kes_widget_toast (GTK_WIDGET (self), message);
}

static void
signposting_recorded_cb (KesLiaisonPage *self,
                         const char     *where)
{
  g_autofree char *message = g_strdup_printf (_("Signposting to %s recorded"), where);
  kes_widget_toast (GTK_WIDGET (self), message);
}

void
kes_liaison_page_show_screening (KesLiaisonPage *self,
                                 const char     *screening_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = NULL;
  g_autofree char *name = NULL;
  g_autofree char *screened = NULL;
  g_auto(GStrv) vulnerabilities = NULL;
  g_autoptr(GString) found = g_string_new (NULL);
  GtkWidget *title, *group, *buttons, *button, *onward, *signposting;
  const char *converted;

  g_return_if_fail (KES_IS_LIAISON_PAGE (self));

  kes_liaison_page_clear_box (self->detail_box);
  self->team_dropdown = NULL;
  self->convert_error = NULL;
  if (screening_id == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  if (self->screening_id != screening_id)
    {
      g_free (self->screening_id);
      self->screening_id = g_strdup (screening_id);
    }
  screening = kes_store_load_screening (self->store, screening_id, &error);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  if (screening == NULL)
    {
      gtk_box_append (self->detail_box, gtk_label_new (error->message));
      return;
    }

  name = person_name (screening);
  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (self->detail_box, title);

  screened = kes_date_to_display (kes_field_record_get_text (screening, "screened_on"));
  group = kes_liaison_page_add_group (self->detail_box, _("Screening"));
  add_row (group, _("Date screened"), screened);
  add_row (group, _("Setting"), code_label (KES_CODES_LD_SETTING, kes_field_record_get_text (screening, "setting")));
  add_row (group, _("Referred by"),
           code_label (KES_CODES_LD_SOURCE, kes_field_record_get_text (screening, "referral_source")));
  {
    g_autofree char *times = g_strdup_printf (_("arrived %s · seen %s · outcome %s"),
                                              time_or_dash (screening, "arrived_at"),
                                              time_or_dash (screening, "seen_at"),
                                              time_or_dash (screening, "outcome_at"));
    add_row (group, _("Times"), times);
  }
  add_row (group, _("Gender"), code_label (KES_CODES_GENDER, kes_field_record_get_text (screening, "gender")));
  add_row (group, _("Ethnic category"),
           code_label (KES_CODES_ETHNIC_CATEGORY, kes_field_record_get_text (screening, "ethnicity")));
  add_row (group, _("Presenting needs"), kes_field_record_get_text (screening, "presenting_needs"));
  add_row (group, _("Alleged offence or charge"), kes_field_record_get_text (screening, "offence"));
  add_row (group, _("Legal situation"), kes_field_record_get_text (screening, "legal_situation"));
  if (*kes_field_record_get_text (screening, "legal_status") != '\0')
    add_row (group, _("Mental Health Act status"),
             code_label (KES_CODES_LEGAL_STATUS, kes_field_record_get_text (screening, "legal_status")));
  vulnerabilities = kes_field_record_dup_list (screening, "vulnerabilities");
  for (guint i = 0; vulnerabilities[i] != NULL; i++)
    g_string_append_printf (found, "%s%s", i > 0 ? ", " : "",
                            code_label (KES_CODES_LD_VULNERABILITY, vulnerabilities[i]));
  add_row (group, _("Vulnerabilities identified"), found->len > 0 ? found->str : _("None identified"));
  add_row (group, _("Outcome"), code_label (KES_CODES_LD_OUTCOME, kes_field_record_get_text (screening, "outcome")));
  add_row (group, _("Services referred to"), kes_field_record_get_text (screening, "referred_to"));
  /* Where signposting was written before it was a record of its own. */
  if (*kes_field_record_get_text (screening, "outcome_notes") != '\0')
    add_row (group, _("Outcome notes"), kes_field_record_get_text (screening, "outcome_notes"));
  add_row (group, _("MAPPA liaison"), kes_field_record_get_bool (screening, "mappa_liaison") ? _("Yes") : _("No"));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_with_mnemonic (_("_Edit Screening"));
  gtk_widget_set_name (button, "edit-screening");
  g_signal_connect (button, "clicked", G_CALLBACK (edit_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (self->detail_box, buttons);

  onward = kes_liaison_onward_new (self->store, screening_id);
  g_signal_connect_object (onward, "recorded", G_CALLBACK (onward_recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->detail_box, onward);
  signposting = g_object_ref_sink (kes_signposting_list_new (self->store, screening_id));
  if (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (signposting)))
    {
      g_signal_connect_object (signposting, "recorded", G_CALLBACK (signposting_recorded_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->detail_box, signposting);
    }
  g_object_unref (signposting);

  converted = kes_field_record_get_text (screening, "converted_patient_id");
  group = kes_liaison_page_add_group (self->detail_box, _("Patient record"));
  if (*converted != '\0')
    {
      g_autoptr(KesPatient) patient = kes_store_load_patient (self->store, converted, NULL);
      g_autofree char *patient_name = patient != NULL ? kes_patient_dup_display_name (patient) : g_strdup (converted);
      add_row (group, _("Made into a patient record"), patient_name);
    }
  else
    {
      g_autoptr(GListModel) teams = kes_store_list_teams (self->store, NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);
      GtkWidget *convert = gtk_button_new_with_mnemonic (_("_Make Patient Record"));
      GtkWidget *problem = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Team"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Name, date of birth, NHS number, address, ethnic category and MAPPA "
                                     "details are carried over"));
      if (teams != NULL)
        kes_dropdown_fill_teams (GTK_DROP_DOWN (dropdown), teams, _("No team yet"));
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_widget_set_name (dropdown, "team");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      gtk_widget_set_name (convert, "make-patient");
      gtk_widget_set_halign (convert, GTK_ALIGN_START);
      gtk_widget_set_margin_top (convert, 6);
      g_signal_connect (convert, "clicked", G_CALLBACK (convert_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), convert);
      gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
      gtk_label_set_xalign (GTK_LABEL (problem), 0);
      gtk_widget_add_css_class (problem, "error");
      gtk_widget_set_visible (problem, FALSE);
      gtk_widget_set_name (problem, "convert-error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), problem);
      self->team_dropdown = GTK_DROP_DOWN (dropdown);
      self->convert_error = GTK_LABEL (problem);
    }
  show_referral_group (self, screening);
}

/* ---- The list ---- */

static void
screening_activated_cb (KesLiaisonPage *self,
                        GtkListBoxRow  *row)
{
  kes_liaison_page_show_screening (self, g_object_get_data (G_OBJECT (row), "screening-id"));
}

static void
page_mapped_cb (KesLiaisonPage *self)
{
  kes_liaison_page_reload (self);
}

void
kes_liaison_page_reload (KesLiaisonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) screenings = NULL;
  GtkWidget *child;

  g_return_if_fail (KES_IS_LIAISON_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->screenings_list))) != NULL)
    gtk_list_box_remove (self->screenings_list, child);
  if (self->store == NULL)
    return;
  screenings = kes_store_list_screenings (self->store, NULL, NULL, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->list_error), screenings == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), screenings != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->activity_button), screenings != NULL);
  if (screenings == NULL)
    {
      gtk_label_set_text (self->list_error, error->message);
      return;
    }
  for (guint i = 0; i < screenings->len; i++)
    {
      KesFieldRecord *screening = screenings->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = person_name (screening);
      g_autofree char *date = kes_date_to_display (kes_field_record_get_text (screening, "screened_on"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date,
                                                   code_label (KES_CODES_LD_SETTING,
                                                               kes_field_record_get_text (screening, "setting")));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "screening-id", g_strdup (kes_field_record_get_id (screening)),
                              g_free);
      gtk_list_box_append (self->screenings_list, row);
    }
}

static void
kes_liaison_page_dispose (GObject *object)
{
  KesLiaisonPage *self = KES_LIAISON_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->screening_id, g_free);
  g_clear_pointer (&self->activity_from, g_free);
  g_clear_pointer (&self->activity_to, g_free);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_LIAISON_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kes_liaison_page_parent_class)->dispose (object);
}

static void
kes_liaison_page_class_init (KesLiaisonPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_liaison_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/liaison/kes-liaison-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, screenings_list);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, list_error);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, editor_title);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonPage, activity_button);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "activity_clicked_cb",
                                                G_CALLBACK (kes_liaison_page_activity_clicked_cb));
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, screening_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_mapped_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kes_liaison_page_init (KesLiaisonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
kes_liaison_page_set_store (KesLiaisonPage *self,
                            KesStore       *store)
{
  g_return_if_fail (KES_IS_LIAISON_PAGE (self));
  g_set_object (&self->store, store);
  g_clear_pointer (&self->screening_id, g_free);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  kes_liaison_page_reload (self);
}
