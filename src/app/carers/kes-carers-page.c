/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-carers-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "carers/kes-carer-signature-question.h"
#include "kes-carer-capacity.h"
#include "carers/kes-carers-page-private.h"
#include "kes-carers-page.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-field-form.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"

G_DEFINE_FINAL_TYPE (KesCarersPage, kes_carers_page, GTK_TYPE_WIDGET)

const char *
kes_carers_page_code_label (const char *list,
            const char *code)
{
  const char *label = kes_code_list_lookup (kes_code_list_get (list), code);
  return label != NULL ? label : code;
}

char *
kes_carers_page_display_date (const char *iso)
{
  return *iso != '\0' ? kes_date_to_display (iso) : g_strdup (_("not set"));
}

static const char *
or_not_recorded (const char *value)
{
  return value != NULL && *value != '\0' ? value : _("Not recorded");
}

GtkWidget *
kes_carers_page_add_group (KesCarersPage *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->detail_box, group);
  return group;
}

GtkWidget *
kes_carers_page_add_row (GtkWidget  *group,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* ---- The editor ---- */

static void
open_editor (KesCarersPage  *self,
             const char     *title,
             KesFieldRecord *record,
             const char * const *hidden)
{
  clear_box (self->editor_slot);
  self->patient_entry = NULL;
  self->staff_dropdown = NULL;
  g_set_object (&self->editing, record);
  self->form = kes_field_form_new (kes_field_record_get_kind (record), hidden);
  kes_field_form_load (self->form, record);
  gtk_label_set_text (self->editor_title, title);
  gtk_box_append (self->editor_slot, GTK_WIDGET (self->form));
  gtk_stack_set_visible_child_name (self->detail_stack, "edit");
}

static void
add_staff_dropdown (KesCarersPage *self,
                    const char    *current)
{
  g_autoptr(GListModel) staff = kes_store_list_staff (self->store, NULL);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Named contact in the team"));
  if (staff != NULL)
    kes_dropdown_fill_staff (GTK_DROP_DOWN (dropdown), staff, _("None yet"));
  kes_dropdown_set_code (GTK_DROP_DOWN (dropdown), current);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Named contact in the team"), -1);
  kes_widget_set_handle (dropdown, "named_contact_id");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (self->editor_slot, group);
  self->staff_dropdown = GTK_DROP_DOWN (dropdown);
}

static void
edit_carer (KesCarersPage  *self,
            KesFieldRecord *carer)
{
  const char *hidden[] = { "named_contact_id", NULL };

  open_editor (self, kes_field_record_get_id (carer) == NULL ? _("New carer") : _("Carer’s details"),
               carer, hidden);
  add_staff_dropdown (self, kes_field_record_get_text (carer, "named_contact_id"));
}

static void save_clicked_cb (KesCarersPage *self);

static void
save_as_typed (GtkWidget *owner)
{
  KES_CARERS_PAGE (owner)->signature_asked = TRUE;
  save_clicked_cb (KES_CARERS_PAGE (owner));
}

static void
save_clicked_cb (KesCarersPage *self)
{
  g_autoptr(KesFieldRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const KesRecordKind *kind;

  if (self->editing == NULL)
    return;
  /* Save a copy: a refused save leaves the form and its record as typed. */
  record = kes_field_record_copy (self->editing);
  kind = kes_field_record_get_kind (record);
  kes_field_form_store (self->form, record);
  if (self->staff_dropdown != NULL)
    kes_field_record_set_text (record, "named_contact_id", kes_dropdown_get_code (self->staff_dropdown));
  if (self->patient_entry != NULL)
    {
      g_autofree char *key = kes_editable_dup_text (self->patient_entry);
      g_autoptr(KesPatient) patient = NULL;

      if (*key == '\0')
        {
          kes_field_form_set_error (self->form, _("Patient: give the NHS number or MHCS reference"));
          return;
        }
      patient = kes_store_find_patient (self->store, key, &error);
      if (patient == NULL)
        {
          kes_field_form_set_error (self->form, error->message);
          return;
        }
      kes_field_record_set_patient_id (record, kes_patient_get_id (patient));
    }
  if (kind == &kes_carer_assessment_kind && *kes_field_record_get_text (record, "assessor_id") == '\0' &&
      kes_store_get_actor (self->store) != NULL)
    kes_field_record_set_text (record, "assessor_id", kes_staff_get_id (kes_store_get_actor (self->store)));

  if (kind == &kes_carer_assessment_kind && !self->signature_asked &&
      kes_carer_signature_question (GTK_WIDGET (self), self->store, record, save_as_typed))
    return;
  self->signature_asked = FALSE;
  if (!kes_store_save_carer_record (self->store, record, KES_CHANGE_EDIT, NULL, &error))
    {
      kes_field_form_set_error (self->form, error->message);
      return;
    }
  if (kind == &kes_carer_kind)
    {
      g_free (self->carer_id);
      self->carer_id = g_strdup (kes_field_record_get_id (record));
    }
  g_clear_object (&self->editing);
  kes_carers_page_reload (self);
  kes_carers_page_show_carer (self, self->carer_id);
}

static void
cancel_clicked_cb (KesCarersPage *self)
{
  g_clear_object (&self->editing);
  if (self->carer_id != NULL)
    kes_carers_page_show_carer (self, self->carer_id);
  else
    gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
add_clicked_cb (KesCarersPage *self)
{
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);

  g_clear_pointer (&self->carer_id, g_free);
  edit_carer (self, carer);
}

/* ---- Actions on the carer shown ---- */

static void
edit_details_cb (GtkButton     *button,
                 KesCarersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) carer = kes_store_load_carer_record (self->store, &kes_carer_kind,
                                                                 self->carer_id, &error);
  if (carer != NULL)
    edit_carer (self, carer);
}

static void
link_patient_cb (GtkButton     *button,
                 KesCarersPage *self)
{
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  const char *hidden[] = { "carer_id", "ended_on", NULL };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *entry = adw_entry_row_new ();

  kes_field_record_set_text (link, "carer_id", self->carer_id);
  open_editor (self, _("Link to a patient"), link, hidden);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Patient’s NHS number or MHCS reference"));
  kes_widget_set_handle (entry, "patient");
  gtk_widget_set_name (entry, "patient");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
  gtk_box_prepend (self->editor_slot, group);
  self->patient_entry = GTK_EDITABLE (entry);
}

static void
record_consent_cb (GtkButton     *button,
                   KesCarersPage *self)
{
  const char *patient_id = g_object_get_data (G_OBJECT (button), "patient-id");
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) consent = kes_store_find_carer_consent (self->store, patient_id,
                                                                    self->carer_id, &error);
  const char *hidden[] = { "carer_id", "recorded_by", NULL };

  if (consent == NULL)
    {
      g_autoptr(GDate) today = kes_clock_today ();
      g_autofree char *today_iso = kes_date_to_iso (today);

      consent = kes_field_record_new (&kes_carer_consent_kind);
      kes_field_record_set_patient_id (consent, patient_id);
      kes_field_record_set_text (consent, "carer_id", self->carer_id);
      kes_field_record_set_text (consent, "decided_on", today_iso);
    }
  open_editor (self, _("Consent to share"), consent, hidden);
  kes_field_form_show_when (self->form, "lacks_capacity", kes_carer_capacity_fields ());
}

static void
record_assessment_cb (GtkButton     *button,
                      KesCarersPage *self)
{
  g_autoptr(KesFieldRecord) assessment = kes_field_record_new (&kes_carer_assessment_kind);
  const char *hidden[] = { "carer_id", "assessor_id", "eligible", "signed_by", "signed_role", "signed_at", NULL };
  const char *patient_id = g_object_get_data (G_OBJECT (button), "patient-id");

  kes_field_record_set_text (assessment, "carer_id", self->carer_id);
  kes_field_record_set_patient_id (assessment, patient_id);
  open_editor (self, _("Carer’s assessment"), assessment, hidden);
}

static void
log_involvement_cb (GtkButton     *button,
                    KesCarersPage *self)
{
  g_autoptr(KesFieldRecord) entry = kes_field_record_new (&kes_carer_involvement_kind);
  const char *hidden[] = { "carer_id", NULL };

  kes_field_record_set_text (entry, "carer_id", self->carer_id);
  kes_field_record_set_patient_id (entry, g_object_get_data (G_OBJECT (button), "patient-id"));
  open_editor (self, _("Involvement"), entry, hidden);
}

static GtkWidget *
action_button (KesCarersPage *self,
               const char    *label,
               const char    *handle,
               GCallback      callback,
               const char    *patient_id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  kes_widget_set_handle (button, handle);
  gtk_widget_set_name (button, handle);
  g_object_set_data_full (G_OBJECT (button), "patient-id", g_strdup (patient_id), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/* ---- The carer's record ---- */

static void
show_consent (KesCarersPage  *self,
              KesFieldRecord *link)
{
  const char *patient_id = kes_field_record_get_patient_id (link);
  g_autoptr(KesPatient) patient = kes_store_load_patient (self->store, patient_id, NULL);
  g_autoptr(KesFieldRecord) consent = kes_store_find_carer_consent (self->store, patient_id,
                                                                    self->carer_id, NULL);
  g_autofree char *name = patient != NULL ? kes_patient_dup_display_name (patient) : g_strdup (patient_id);
  g_autofree char *title = g_strdup_printf (_("%s — %s"), name, kes_field_record_get_text (link, "relationship"));
  g_autofree char *status = NULL;
  KesCodeList *categories = kes_code_list_get (KES_CODES_CARER_INFORMATION);
  GtkWidget *group;
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  if (consent == NULL)
    status = g_strdup (_("No consent to share recorded: only general information may be discussed."));
  else
    {
      g_autofree char *decided = kes_carers_page_display_date (kes_field_record_get_text (consent, "decided_on"));
      g_autofree char *review = kes_carers_page_display_date (kes_field_record_get_text (consent, "review_date"));
      g_autofree char *what = g_utf8_strdown (kes_carers_page_code_label (KES_CODES_CARER_CONSENT_STATUS,
                                                          kes_field_record_get_text (consent, "status")), -1);

      if (g_str_equal (kes_field_record_get_text (consent, "status"), "best-interests"))
        /* TRANSLATORS: the Mental Capacity Act decision made for a patient who lacks capacity */
        status = g_strdup_printf (_("The patient lacks capacity to decide: a best-interests decision on %s; "
                                    "review %s."), decided, review);
      else
        status = g_strdup_printf (_("Consent %s on %s; review %s."), what, decided, review);
    }
  group = kes_carers_page_add_group (self, title, status);
  for (guint i = 0; categories != NULL && i < kes_code_list_get_n_codes (categories); i++)
    {
      const char *code = kes_code_list_get_code (categories, i);
      KesShareDecision decision = kes_carer_share_decision (consent, code);
      g_autofree char *why = kes_carer_share_explain (consent, code);
      const char *label = kes_code_list_get_label (categories, i);
      /* The explanation starts with the label, already the row's title. */
      const char *reason = g_str_has_prefix (why, label) && g_str_has_prefix (why + strlen (label), ": ")
                             ? why + strlen (label) + 2 : why;
      GtkWidget *row = kes_carers_page_add_row (group, label, reason);
      GtkWidget *icon = gtk_image_new_from_icon_name (kes_share_decision_allows (decision)
                                                        ? "object-select-symbolic"
                                                        : "action-unavailable-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kes_share_decision_allows (decision) ? _("May be discussed")
                                                                           : _("May not be discussed"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (kes_share_decision_allows (decision))
        gtk_widget_add_css_class (icon, "success");
      else
        gtk_widget_add_css_class (icon, "error");
    }
  gtk_box_append (GTK_BOX (buttons), action_button (self, _("Record _Consent"), "record-consent",
                                                    G_CALLBACK (record_consent_cb), patient_id));
  gtk_box_append (GTK_BOX (buttons), action_button (self, _("Record _Assessment"), "record-assessment",
                                                    G_CALLBACK (record_assessment_cb), patient_id));
  gtk_box_append (GTK_BOX (buttons), action_button (self, _("Log _Involvement"), "log-involvement",
                                                    G_CALLBACK (log_involvement_cb), patient_id));
  gtk_widget_set_margin_top (buttons, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
}

static void
show_details (KesCarersPage  *self,
              KesFieldRecord *carer)
{
  GtkWidget *title = gtk_label_new (kes_field_record_get_text (carer, "name"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *group = kes_carers_page_add_group (self, _("Details"), NULL);
  const char *contact_id = kes_field_record_get_text (carer, "named_contact_id");
  g_autoptr(KesStaff) contact = *contact_id != '\0' ? kes_store_find_staff (self->store, contact_id, NULL) : NULL;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_prepend (self->detail_box, title);
  kes_carers_page_add_row (group, _("Phone"), or_not_recorded (kes_field_record_get_text (carer, "phone")));
  kes_carers_page_add_row (group, _("Email"), or_not_recorded (kes_field_record_get_text (carer, "email")));
  kes_carers_page_add_row (group, _("Address"), or_not_recorded (kes_field_record_get_text (carer, "address")));
  kes_carers_page_add_row (group, _("Preferred contact"),
           or_not_recorded (kes_carers_page_code_label (KES_CODES_CARER_PREFERRED_CONTACT,
                                        kes_field_record_get_text (carer, "preferred_contact"))));
  kes_carers_page_add_row (group, _("Young carer"), kes_field_record_get_bool (carer, "young_carer") ? _("Yes") : _("No"));
  kes_carers_page_add_row (group, _("Named contact in the team"),
           contact != NULL ? kes_staff_get_display_name (contact) : _("None yet"));

  gtk_box_append (GTK_BOX (buttons), action_button (self, _("_Edit Details"), "edit-carer",
                                                    G_CALLBACK (edit_details_cb), NULL));
  gtk_box_append (GTK_BOX (buttons), action_button (self, _("_Link to a Patient"), "link-patient",
                                                    G_CALLBACK (link_patient_cb), NULL));
  gtk_box_append (self->detail_box, buttons);
}

static void
show_history (KesCarersPage *self)
{
  g_autoptr(GPtrArray) revisions = kes_store_list_revisions (self->store, self->carer_id, NULL);
  GtkWidget *group = kes_carers_page_add_group (self, _("History of this record"), NULL);

  for (guint i = revisions != NULL ? revisions->len : 0; i > 0; i--)
    {
      KesRevision *revision = revisions->pdata[i - 1];
      g_autofree char *when = kes_time_to_display (kes_revision_get_at (revision));
      g_autofree char *title = g_strdup_printf (_("%s by %s"),
                                                kes_change_kind_label (kes_revision_get_change (revision)),
                                                kes_revision_get_author_name (revision));
      kes_carers_page_add_row (group, title, when);
    }
}

void
kes_carers_page_show_carer (KesCarersPage *self,
                            const char    *carer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) carer = NULL;
  g_autoptr(GPtrArray) links = NULL;

  g_return_if_fail (KES_IS_CARERS_PAGE (self));

  clear_box (self->detail_box);
  if (carer_id == NULL || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  if (self->carer_id != carer_id)
    {
      g_free (self->carer_id);
      self->carer_id = g_strdup (carer_id);
    }
  carer = kes_store_load_carer_record (self->store, &kes_carer_kind, carer_id, &error);
  if (carer == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->detail_box, label);
      gtk_stack_set_visible_child_name (self->detail_stack, "carer");
      return;
    }
  show_details (self, carer);
  links = kes_store_list_carer_records (self->store, &kes_carer_link_kind, carer_id, NULL, NULL);
  if (links != NULL && links->len == 0)
    kes_carers_page_add_row (kes_carers_page_add_group (self, _("What may be discussed"), NULL), _("Not linked to a patient yet"),
             _("Link the carer to the patient they care for to record consent to share."));
  for (guint i = 0; links != NULL && i < links->len; i++)
    show_consent (self, links->pdata[i]);
  kes_carers_page_show_assessments (self);
  show_history (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "carer");
}

/* ---- The list ---- */

static void
carer_activated_cb (KesCarersPage *self,
                    GtkListBoxRow *row)
{
  kes_carers_page_show_carer (self, g_object_get_data (G_OBJECT (row), "carer-id"));
}

static void
page_mapped_cb (KesCarersPage *self)
{
  kes_carers_page_reload (self);
}

void
kes_carers_page_reload (KesCarersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) carers = NULL;
  GtkWidget *child;

  g_return_if_fail (KES_IS_CARERS_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->carers_list))) != NULL)
    gtk_list_box_remove (self->carers_list, child);
  if (self->store == NULL)
    return;
  carers = kes_store_list_carers (self->store, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->list_error), carers == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->carers_list), carers != NULL);
  if (carers == NULL)
    {
      gtk_label_set_text (self->list_error, error->message);
      return;
    }
  for (guint i = 0; i < carers->len; i++)
    {
      KesFieldRecord *carer = carers->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GPtrArray) links = kes_store_list_carer_records (self->store, &kes_carer_link_kind,
                                                                 kes_field_record_get_id (carer), NULL, NULL);
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kes_field_record_get_text (carer, "name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Cares for %u patient", "Cares for %u patients",
                                               links != NULL ? links->len : 0),
                                  links != NULL ? links->len : 0);
      if (kes_field_record_get_bool (carer, "young_carer"))
        {
          g_autofree char *plain = g_steal_pointer (&subtitle);
          subtitle = g_strdup_printf (_("%s · young carer"), plain);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "carer-id", g_strdup (kes_field_record_get_id (carer)), g_free);
      gtk_list_box_append (self->carers_list, row);
    }
}

static void
kes_carers_page_dispose (GObject *object)
{
  KesCarersPage *self = KES_CARERS_PAGE (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->carer_id, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CARERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kes_carers_page_parent_class)->dispose (object);
}

static void
kes_carers_page_class_init (KesCarersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_carers_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/carers/kes-carers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, carers_list);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, list_error);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, editor_title);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, editor_slot);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, KesCarersPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, carer_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_mapped_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kes_carers_page_init (KesCarersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
kes_carers_page_set_store (KesCarersPage *self,
                           KesStore      *store)
{
  g_return_if_fail (KES_IS_CARERS_PAGE (self));
  g_set_object (&self->store, store);
  g_clear_pointer (&self->carer_id, g_free);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  kes_carers_page_reload (self);
}
