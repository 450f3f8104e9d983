/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison-onward"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-liaison-onward.h"
#include "kes-liaison.h"
#include "kes-store.h"
#include "kes-validate.h"
#include "patient/kes-record-rows.h"
#include "signposting/kes-service-dropdown.h"

struct _KesLiaisonOnward
{
  AdwBin       parent_instance;

  GtkListBox  *made_list;
  GtkDropDown *service_dropdown;
  GtkEditable *date_entry;
  GtkEditable *reason_entry;
  GtkEditable *contact_entry;
  GtkButton   *record_button;
  GtkLabel    *problem_label;

  KesStore       *store;
  char           *screening_id;
  KesFieldRecord *editing; /* the referral being changed, or NULL: a new one */
};

#define REFERRAL_KEY "kes-onward-referral"

G_DEFINE_FINAL_TYPE (KesLiaisonOnward, kes_liaison_onward, ADW_TYPE_BIN)

enum
{
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void edit_clicked_cb  (GtkButton *button, KesLiaisonOnward *self);
static void error_clicked_cb (GtkButton *button, KesLiaisonOnward *self);

/* Back to recording a new referral: the form emptied, the button saying so. */
static void
stop_editing (KesLiaisonOnward *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  g_clear_object (&self->editing);
  gtk_button_set_label (self->record_button, _("_Record Referral"));
  gtk_editable_set_text (self->reason_entry, "");
  gtk_editable_set_text (self->contact_entry, "");
  kes_editable_set_date (self->date_entry, today_iso);
  gtk_drop_down_set_selected (self->service_dropdown, 0);
}

static void
show_made (KesLiaisonOnward *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = kes_store_list_onward_referrals (self->store, self->screening_id, &error);

  kes_list_box_remove_all (self->made_list);
  if (made == NULL)
    {
      kes_form_show_refusal (self->problem_label, error->message, NULL);
      return;
    }
  for (guint i = 0; i < made->len; i++)
    {
      KesFieldRecord *referral = made->pdata[i];
      g_autofree char *on = kes_date_to_display (kes_field_record_get_text (referral, "referred_on"));
      const char *contact = kes_field_record_get_text (referral, "contact_made");
      g_autofree char *subtitle = *contact != '\0'
        ? g_strdup_printf ("%s · %s · %s", on, kes_field_record_get_text (referral, "reason"), contact)
        : g_strdup_printf ("%s · %s", on, kes_field_record_get_text (referral, "reason"));
      GtkWidget *row = adw_action_row_new ();
      const char *service = kes_field_record_get_text (referral, "service_name");
      g_autofree char *edit = g_strdup_printf (_("Change the referral to %s"), service);
      g_autofree char *wrong = g_strdup_printf (_("Mark the referral to %s entered in error"), service);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), service);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 kes_record_row_button (_("Change…"), edit, G_OBJECT (referral),
                                                        G_CALLBACK (edit_clicked_cb), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 kes_record_row_button (_("Entered in Error…"), wrong, G_OBJECT (referral),
                                                        G_CALLBACK (error_clicked_cb), self));
      gtk_list_box_append (self->made_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->made_list), made->len > 0);
}

static void
fill_services (KesLiaisonOnward *self)
{
  g_autoptr(GError) error = NULL;

  if (!kes_service_dropdown_fill (self->service_dropdown, self->store, _("Choose a service…"), &error))
    kes_form_show_refusal (self->problem_label, error->message, NULL);
}

/* The referral into the form, to change: Record saves it as a new revision. */
static void
edit_clicked_cb (GtkButton        *button,
                 KesLiaisonOnward *self)
{
  KesFieldRecord *referral = kes_record_row_button_get_record (GTK_WIDGET (button));

  g_set_object (&self->editing, referral);
  kes_dropdown_set_code (self->service_dropdown, kes_field_record_get_text (referral, "service_id"));
  kes_editable_set_date (self->date_entry, kes_field_record_get_text (referral, "referred_on"));
  gtk_editable_set_text (self->reason_entry, kes_field_record_get_text (referral, "reason"));
  gtk_editable_set_text (self->contact_entry, kes_field_record_get_text (referral, "contact_made"));
  gtk_button_set_label (self->record_button, _("_Save Changes"));
  kes_form_show_refusal (self->problem_label, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->service_dropdown));
}

static void
error_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   KesLiaisonOnward *self)
{
  KesFieldRecord *referral = g_object_get_data (G_OBJECT (dialog), REFERRAL_KEY);
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kes-reason");
  g_autofree char *reason = kes_editable_dup_text (entry);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "mark") != 0)
    return;
  if (!kes_store_mark_entered_in_error (self->store, kes_field_record_get_id (referral),
                                        kes_field_record_get_revision (referral), reason, &error))
    {
      kes_form_show_refusal (self->problem_label, error->message, NULL);
      return;
    }
  if (self->editing != NULL && g_strcmp0 (kes_field_record_get_id (self->editing),
                                          kes_field_record_get_id (referral)) == 0)
    stop_editing (self);
  kes_form_show_refusal (self->problem_label, NULL, NULL);
  show_made (self);
}

/* Asks why, then marks the referral entered in error: it leaves the list
 * and the activity report, and stays in the history with the reason. */
static void
error_clicked_cb (GtkButton        *button,
                  KesLiaisonOnward *self)
{
  KesFieldRecord *referral = kes_record_row_button_get_record (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Mark the Referral to %s Entered in Error?"),
                                              kes_field_record_get_text (referral, "service_name"));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("Use this for a referral recorded by mistake (the wrong person "
                                                "or a service never contacted). It stays in the history with "
                                                "your reason."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why it was entered in error"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Why it was entered in error"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "mark", _("_Mark Entered in Error"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), REFERRAL_KEY, g_object_ref (referral), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "kes-reason", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_clicked_cb (KesLiaisonOnward *self)
{
  /* A change works on a copy: a refused save leaves the form as typed. */
  g_autoptr(KesFieldRecord) referral = self->editing != NULL ? kes_field_record_copy (self->editing)
                                                             : kes_onward_referral_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = kes_editable_dup_date (self->date_entry);
  g_autofree char *reason = kes_editable_dup_text (self->reason_entry);
  g_autofree char *contact = kes_editable_dup_text (self->contact_entry);

  kes_field_record_set_text (referral, "screening_id", self->screening_id);
  kes_field_record_set_text (referral, "service_id", kes_dropdown_get_code (self->service_dropdown));
  kes_field_record_set_text (referral, "referred_on", date);
  kes_field_record_set_text (referral, "reason", reason);
  kes_field_record_set_text (referral, "contact_made", contact);
  if (!kes_store_save_onward_referral (self->store, referral, &error))
    {
      /* What was typed stays; core names each field to put right. */
      kes_form_show_refusal (self->problem_label, error->message, NULL);
      return;
    }
  kes_form_show_refusal (self->problem_label, NULL, NULL);
  stop_editing (self);
  show_made (self);
  g_signal_emit (self, signals[RECORDED], 0, kes_field_record_get_text (referral, "service_name"));
}

static void
kes_liaison_onward_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_LIAISON_ONWARD);
  G_OBJECT_CLASS (kes_liaison_onward_parent_class)->dispose (object);
}

static void
kes_liaison_onward_finalize (GObject *object)
{
  KesLiaisonOnward *self = KES_LIAISON_ONWARD (object);

  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->screening_id, g_free);
  G_OBJECT_CLASS (kes_liaison_onward_parent_class)->finalize (object);
}

static void
kes_liaison_onward_class_init (KesLiaisonOnwardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_liaison_onward_dispose;
  object_class->finalize = kes_liaison_onward_finalize;

  /* The name of the service referred to. */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/liaison/kes-liaison-onward.ui");
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, made_list);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, date_entry);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, record_button);
  gtk_widget_class_bind_template_child (widget_class, KesLiaisonOnward, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
}

static void
kes_liaison_onward_init (KesLiaisonOnward *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_liaison_onward_new (KesStore   *store,
                        const char *screening_id)
{
  KesLiaisonOnward *self;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (screening_id != NULL, NULL);

  self = g_object_new (KES_TYPE_LIAISON_ONWARD, NULL);
  self->store = g_object_ref (store);
  self->screening_id = g_strdup (screening_id);
  kes_editable_set_date (self->date_entry, today_iso);
  fill_services (self);
  show_made (self);
  return GTK_WIDGET (self);
}
