/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-store-patients.h"
#include "kes-validate.h"
#include "community/kes-care-plan-view.h"
#include "community/kes-medication-view.h"
#include "kes-store-community.h"
#include "kes-store-next-review.h"
#include "moj/kes-moj-view.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-history-view.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-export.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-patient-page-private.h"
#include "patient/kes-record-column-layout.h"
#include "patient/kes-record-overview.h"
#include "carers/kes-patient-carers-view.h"
#include "referrals/kes-referral-tab.h"
#include "risk/kes-risk-view.h"

G_DEFINE_FINAL_TYPE (KesPatientPage, kes_patient_page, ADW_TYPE_BIN)

enum {
  SAVED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
form_json (KesPatientPage *self)
{
  g_autoptr(KesPatient) typed = kes_patient_form_dup_patient (self->form, self->patient);

  return kes_patient_to_json (typed);
}

static void
overview_open_tab_cb (KesPatientPage *self,
                      const char     *tab)
{
  kes_patient_page_show_tab (self, tab);
}

static gboolean can_view_clinical (KesPatientPage *self);
static gboolean can_view_carers   (KesPatientPage *self);
static gboolean can_edit_identity (KesPatientPage *self);

static void
update_actions (KesPatientPage *self)
{
  gboolean clinical;
  gboolean loaded = self->patient != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.edit",
                                 loaded && !self->editing && can_edit_identity (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.save", loaded && self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.cancel", loaded && self->editing);

  gtk_widget_set_visible (self->edit_button, !self->editing && can_edit_identity (self));
  gtk_widget_set_visible (self->cancel_button, self->editing);
  gtk_widget_set_visible (self->save_button, self->editing);
  kes_patient_export_update (self, loaded && !self->is_new && !self->editing,
                             self->export_button);

  /* Roles without clinical access (carers' liaison), or a patient of another
   * team without emergency access, see the register entry only. */
  clinical = can_view_clinical (self);
  adw_view_stack_page_set_visible (self->contacts_page, clinical);
  adw_view_stack_page_set_visible (self->notes_page, clinical);
  adw_view_stack_page_set_visible (self->history_page, clinical);
  if (!clinical)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  adw_view_stack_page_set_visible (self->care_plan_page, !self->is_new && clinical);
  adw_view_stack_page_set_visible (self->medication_page, !self->is_new && clinical);
  adw_view_stack_page_set_visible (self->moj_page, !self->is_new && clinical);
  adw_view_stack_page_set_visible (self->risk_page, !self->is_new && clinical);
  adw_view_stack_page_set_visible (self->carers_page, can_view_carers (self));
  adw_view_stack_page_set_visible (self->referral_page, !self->is_new && clinical);
  kes_patient_page_fit_tabs (self);
}

/* Carers' liaison staff may read the register entry but not change it. */
static gboolean
can_edit_identity (KesPatientPage *self)
{
  return self->store == NULL ||
         kes_store_check_permission (self->store, KES_PERMISSION_EDIT_IDENTITY, NULL, NULL);
}

/* Carers' liaison staff and clinicians; not liaison and diversion or
 * administrators. */
static gboolean
can_view_carers (KesPatientPage *self)
{
  return !self->is_new && self->patient != NULL && self->store != NULL &&
         kes_store_check_permission (self->store, KES_PERMISSION_VIEW_CARERS,
                                     kes_patient_get_id (self->patient), NULL);
}

static gboolean
can_view_clinical (KesPatientPage *self)
{
  return !self->is_new && self->patient != NULL && self->store != NULL &&
         kes_store_check_permission (self->store, KES_PERMISSION_VIEW_CLINICAL,
                                     kes_patient_get_id (self->patient), NULL);
}

static void
set_editing (KesPatientPage *self,
             gboolean        editing)
{
  self->editing = editing;
  kes_patient_form_set_editing (self->form, editing);
  kes_patient_form_set_can_correct (self->form, !self->is_new);

  kes_patient_page_update_overview (self);
  g_clear_pointer (&self->snapshot_json, g_free);
  if (editing)
    {
      self->snapshot_json = form_json (self);
      adw_view_stack_set_visible_child_name (self->view_stack, "overview");
    }

  update_actions (self);
}

static void
show_record (KesPatientPage *self)
{
  kes_patient_form_set_patient (self->form, self->patient);
  kes_patient_page_update_header (self);

  if (!self->is_new)
    {
      const char *id = kes_patient_get_id (self->patient);

      if (can_view_clinical (self))
        {
          kes_contacts_view_set_patient_id (self->contacts_view, id);
          kes_notes_view_set_patient_id (self->notes_view, id);
          kes_history_view_set_record (self->history_view, self->store, id);
          kes_care_plan_view_set_record (self->care_plan_view, self->store, id);
          kes_medication_view_set_record (self->medication_view, self->store, id);
          kes_referral_tab_set_record (self->referral_tab, self->store, id);
          kes_moj_view_set_record (self->moj_view, self->store, id);
          kes_risk_view_set_record (self->risk_view, self->store, id);
        }
      if (can_view_carers (self))
        kes_patient_carers_view_set_record (self->carers_view, self->store, id);
    }
}

typedef void (*DiscardCallback) (KesPatientPage *self);

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(KesPatientPage) self = user_data;
  DiscardCallback callback = g_object_get_data (G_OBJECT (dialog), "kes-callback");

  if (g_strcmp0 (response, "discard") == 0)
    callback (self);
}

/* Asks before throwing away typed changes; runs @callback only on "Discard". */
static void
confirm_discard (KesPatientPage  *self,
                 const char      *heading,
                 const char      *body,
                 DiscardCallback  callback)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data (G_OBJECT (dialog), "kes-callback", callback);
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_from_store (KesPatientPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (kes_patient_get_id (self->patient));

  set_editing (self, FALSE);
  if (!kes_patient_page_load (self, id, &error))
    kes_show_error (GTK_WIDGET (self), _("The Record Could Not Be Loaded"), error->message);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(KesPatientPage) self = user_data;

  if (g_strcmp0 (response, "reload") == 0)
    confirm_discard (self, _("Discard Your Changes?"),
                     _("Reloading shows the record as it is now saved. The changes you typed "
                       "will be lost."),
                     reload_from_store);
}

static void
show_conflict (KesPatientPage *self,
               const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nWhat you typed is still in the form. Copy anything you need "
                            "before reloading."),
                          message);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Someone Else Changed This Record"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep My Changes"),
                                    "reload", _("_Reload…"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (conflict_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kes_patient_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  KesPatientPage *self = KES_PATIENT_PAGE (widget);

  set_editing (self, TRUE);
  kes_patient_form_focus_first (self->form);
}

static void
kes_patient_page_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  kes_patient_page_save (KES_PATIENT_PAGE (widget));
}

static void
close_new_record (KesPatientPage *self)
{
  set_editing (self, FALSE);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
kes_patient_page_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KesPatientPage *self = KES_PATIENT_PAGE (widget);

  if (!self->editing)
    return;

  if (!kes_patient_page_has_unsaved_changes (self))
    {
      if (self->is_new)
        close_new_record (self);
      else
        kes_patient_page_discard_changes (self);
      return;
    }

  confirm_discard (self, _("Discard Changes?"),
                   _("The changes you typed in this record have not been saved and will be lost."),
                   self->is_new ? close_new_record : kes_patient_page_discard_changes);
}

/* Anything of the open patient's saved, here or in another part of the
 * app: the header and the overview read again (the tabs' lists follow
 * their own kinds). */
static gboolean
change_concerns_record (GtkWidget  *owner,
                        const char *kind,
                        const char *record_id,
                        const char *patient_id)
{
  KesPatientPage *self = KES_PATIENT_PAGE (owner);

  return !self->is_new && self->patient != NULL &&
         g_strcmp0 (patient_id, kes_patient_get_id (self->patient)) == 0;
}

static void
refresh_header (GtkWidget *owner)
{
  kes_patient_page_update_header (KES_PATIENT_PAGE (owner));
}

static void
kes_patient_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KesPatientPage *self = KES_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_patient_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KesPatientPage *self = KES_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_patient_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_patient_page_dispose (GObject *object)
{
  KesPatientPage *self = KES_PATIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_PATIENT_PAGE);
  g_clear_pointer (&self->watch, kes_change_watch_free);
  g_clear_object (&self->patient);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->snapshot_json, g_free);

  G_OBJECT_CLASS (kes_patient_page_parent_class)->dispose (object);
}

static void
kes_patient_page_class_init (KesPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_patient_page_dispose;
  object_class->get_property = kes_patient_page_get_property;
  object_class->set_property = kes_patient_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSED] = g_signal_new ("closed",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  g_type_ensure (KES_TYPE_PATIENT_FORM);
  g_type_ensure (KES_TYPE_CONTACTS_VIEW);
  g_type_ensure (KES_TYPE_NOTES_VIEW);
  g_type_ensure (KES_TYPE_HISTORY_VIEW);
  g_type_ensure (KES_TYPE_RECORD_OVERVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-patient-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, legal_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, review_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, record_overview);
  gtk_widget_class_bind_template_callback (widget_class, overview_open_tab_cb);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, alerts_box);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, alerts_label);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, contacts_page);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, notes_page);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, history_page);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, form);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, contacts_view);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KesPatientPage, history_view);

  gtk_widget_class_install_action (widget_class, "patient.edit", NULL, kes_patient_page_edit_action);
  gtk_widget_class_install_action (widget_class, "patient.save", NULL, kes_patient_page_save_action);
  gtk_widget_class_install_action (widget_class, "patient.cancel", NULL, kes_patient_page_cancel_action);
  kes_patient_export_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "patient.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "patient.cancel", NULL);
}

static void
kes_patient_page_init (KesPatientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The template's column (not bound: dispose_template would unparent
   * the bin's child twice). */
  {
    GtkLayoutManager *column = kes_record_column_layout_new ();

    gtk_widget_set_layout_manager (adw_bin_get_child (ADW_BIN (self)), column);
    kes_record_column_layout_set_shares_with (KES_RECORD_COLUMN_LAYOUT (column), self->alerts_box);
  }
  self->watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_record, refresh_header);
  /* At once: the header and overview show a save the moment it returns. */
  kes_change_watch_set_mode (self->watch, KES_CHANGE_WATCH_AT_ONCE);
  g_signal_connect (self, "map", G_CALLBACK (kes_patient_page_begin_visit), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (kes_patient_page_end_visit), NULL);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (kes_patient_page_tab_shown_cb), self);
  self->care_plan_view = KES_CARE_PLAN_VIEW (kes_care_plan_view_new ());
  self->care_plan_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->care_plan_view),
                                                    "care-plan", _("Care _Plan"));
  adw_view_stack_page_set_use_underline (self->care_plan_page, TRUE);
  adw_view_stack_page_set_icon_name (self->care_plan_page, "view-list-symbolic");
  self->medication_view = KES_MEDICATION_VIEW (kes_medication_view_new ());
  self->medication_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->medication_view),
                                                     "medication", _("_Medication"));
  adw_view_stack_page_set_use_underline (self->medication_page, TRUE);
  adw_view_stack_page_set_icon_name (self->medication_page, "emblem-system-symbolic");
  self->moj_view = KES_MOJ_VIEW (kes_moj_view_new ());
  self->moj_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->moj_view), "moj",
                                              _("_Legal & MoJ"));
  adw_view_stack_page_set_use_underline (self->moj_page, TRUE);
  adw_view_stack_page_set_icon_name (self->moj_page, "security-medium-symbolic");
  self->risk_view = KES_RISK_VIEW (kes_risk_view_new ());
  self->risk_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->risk_view), "risk",
                                               _("_Risk"));
  adw_view_stack_page_set_use_underline (self->risk_page, TRUE);
  adw_view_stack_page_set_icon_name (self->risk_page, "dialog-warning-symbolic");
  self->carers_view = KES_PATIENT_CARERS_VIEW (kes_patient_carers_view_new ());
  self->carers_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->carers_view), "carers",
                                                 _("C_arers"));
  adw_view_stack_page_set_use_underline (self->carers_page, TRUE);
  adw_view_stack_page_set_icon_name (self->carers_page, "emblem-favorite-symbolic");
  self->referral_tab = KES_REFERRAL_TAB (kes_referral_tab_new ());
  self->referral_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->referral_tab),
                                                   "referral", _("Re_ferral"));
  adw_view_stack_page_set_use_underline (self->referral_page, TRUE);
  adw_view_stack_page_set_icon_name (self->referral_page, "mail-send-receive-symbolic");
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (kes_patient_page_fit_tabs), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

GtkWidget *
kes_patient_page_new (void)
{
  return g_object_new (KES_TYPE_PATIENT_PAGE, NULL);
}

void
kes_patient_page_set_context (KesPatientPage *self,
                              KesContext     *context)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (self));
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_set_object (&self->store, (context != NULL ? kes_context_get_store (context) : NULL));
  kes_change_watch_set_context (self->watch, context);
  if (self->store != NULL)
    kes_patient_form_set_store (self->form, self->store);
  update_actions (self);
  /* The tabs in the template take it through their bindings. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

KesStore *
kes_patient_page_get_store (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), NULL);

  return self->store;
}

void
kes_patient_page_update_actions (KesPatientPage *self)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (self));

  update_actions (self);
}

gboolean
kes_patient_page_load (KesPatientPage  *self,
                       const char      *patient_id,
                       GError         **error)
{
  g_autoptr(KesPatient) patient = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  /* The visit begins first, so the reads that fill the tabs are part of
   * its one entry in the access log. */
  if (!kes_store_begin_visit (self->store, patient_id, error))
    return FALSE;
  patient = kes_store_load_patient (self->store, patient_id, error);
  if (patient == NULL)
    {
      kes_patient_page_end_visit (self);
      return FALSE;
    }

  /* Staff or teams may have been added since the form was filled. */
  kes_patient_form_set_store (self->form, self->store);

  g_set_object (&self->patient, patient);
  self->is_new = FALSE;
  show_record (self);
  set_editing (self, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  return TRUE;
}

void
kes_patient_page_new_patient (KesPatientPage *self,
                              const char     *team_id)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();

  g_return_if_fail (KES_IS_PATIENT_PAGE (self));

  kes_patient_page_end_visit (self);
  if (self->store != NULL)
    kes_patient_form_set_store (self->form, self->store);

  if (team_id != NULL)
    kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, team_id);

  g_set_object (&self->patient, patient);
  self->is_new = TRUE;
  show_record (self);
  set_editing (self, TRUE);
  kes_patient_form_focus_first (self->form);
}

KesPatient *
kes_patient_page_get_patient (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), NULL);

  return self->patient;
}

KesPatientForm *
kes_patient_page_get_form (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), NULL);

  return self->form;
}

gboolean
kes_patient_page_get_editing (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  return self->editing;
}

gboolean
kes_patient_page_has_unsaved_changes (KesPatientPage *self)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  if (!self->editing || self->snapshot_json == NULL)
    return FALSE;

  now = form_json (self);
  return g_strcmp0 (now, self->snapshot_json) != 0;
}

gboolean
kes_patient_page_save (KesPatientPage *self)
{
  g_autoptr(KesPatient) candidate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gboolean correction;
  KesChangeKind change;
  guint n_problems;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  if (!self->editing || self->store == NULL)
    return FALSE;

  candidate = kes_patient_form_dup_patient (self->form, self->patient);
  n_problems = kes_patient_form_check (self->form, candidate);

  correction = kes_patient_form_get_correction (self->form, &reason);
  if (correction && (reason == NULL || *reason == '\0'))
    {
      kes_patient_form_show_correction_error (self->form,
                                              _("Give the reason for the correction: what was "
                                                "wrong in the saved record."));
      n_problems++;
    }

  /* No toast: the form's alert summary, the marked fields and the focus
   * on the first say it (a toast repeating the summary said it twice). */
  if (n_problems > 0)
    return FALSE;

  if (self->is_new)
    change = KES_CHANGE_CREATE;
  else if (correction)
    change = KES_CHANGE_CORRECTION;
  else
    change = KES_CHANGE_EDIT;

  if (!kes_store_save_patient (self->store, candidate, change, correction ? reason : NULL, &error))
    {
      if (g_error_matches (error, KES_ERROR, KES_ERROR_CONFLICT))
        show_conflict (self, error->message);
      else
        kes_show_error (GTK_WIDGET (self), _("The Record Was Not Saved"), error->message);
      return FALSE;
    }

  g_set_object (&self->patient, candidate);
  self->is_new = FALSE;
  set_editing (self, FALSE);
  show_record (self);
  kes_widget_toast (GTK_WIDGET (self), _("Saved"));
  g_signal_emit (self, signals[SAVED], 0, kes_patient_get_id (self->patient));
  return TRUE;
}

void
kes_patient_page_discard_changes (KesPatientPage *self)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (self));

  if (self->patient != NULL)
    kes_patient_form_set_patient (self->form, self->patient);
  set_editing (self, FALSE);
}

void
kes_patient_page_focus_tabs (KesPatientPage *self)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (self));

  /* The first focusable tab of the switcher (Overview). */
  gtk_widget_child_focus (self->switcher, GTK_DIR_TAB_FORWARD);
  /* The name takes the focus on its way here when the row that had it
   * hides, and a selectable label selects all it holds as it does: a grey
   * highlight on the name, as if something were chosen (issue 24). */
  gtk_label_select_region (self->name_label, 0, 0);
  gtk_label_select_region (self->details_label, 0, 0);
}

void
kes_patient_page_show_tab (KesPatientPage *self,
                           const char     *tab)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (self));
  g_return_if_fail (tab != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, tab) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, tab);
}
