/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-signposting-list"

#include "config.h"

#include <glib/gi18n.h>

#include "carers/kes-field-form.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-staff.h"
#include "kes-validate.h"
#include "patient/kes-record-rows.h"
#include "signposting/kes-service-dropdown.h"
#include "signposting/kes-signposting-list.h"

struct _KesSignpostingList
{
  AdwBin       parent_instance;

  GtkWidget   *made_group;
  GtkListBox  *made_list;
  GtkLabel    *closed_label;
  GtkWidget   *editor_box;
  GtkDropDown *service_dropdown;
  GtkDropDown *staff_dropdown;
  GtkBox      *form_slot;
  GtkButton   *record_button;
  GtkButton   *cancel_button;

  KesStore       *store;
  char           *source_id;
  KesFieldForm   *form;     /* where to, date, what was given, details */
  KesFieldRecord *editing;  /* the record being changed, or NULL: a new one */
  KesFieldRecord *marking;  /* the record being marked entered in error */
  guint           n_made;
  gboolean        can_add;
};

G_DEFINE_FINAL_TYPE (KesSignpostingList, kes_signposting_list, ADW_TYPE_BIN)

enum
{
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void edit_clicked_cb  (GtkButton *button, KesSignpostingList *self);
static void error_clicked_cb (GtkButton *button, KesSignpostingList *self);

/* Shown in the form's "Signposted to" while a directory entry is chosen,
 * which then is the place: what is seen is what is stored. */
static void
service_selected_cb (KesSignpostingList *self)
{
  GtkWidget *organisation;
  const char *service_id = kes_dropdown_get_code (self->service_dropdown);
  gboolean chosen = service_id != NULL && *service_id != '\0';

  if (self->form == NULL) /* the directory filled in before the form is made */
    return;
  organisation = kes_field_form_get_widget (self->form, "organisation");

  if (chosen)
    {
      g_autoptr(KesFieldRecord) service = kes_store_load_service (self->store, service_id, NULL);

      gtk_editable_set_text (GTK_EDITABLE (organisation),
                             service != NULL ? kes_field_record_get_text (service, "name") : "");
    }
  else if (!gtk_widget_get_sensitive (organisation))
    gtk_editable_set_text (GTK_EDITABLE (organisation), "");
  gtk_widget_set_sensitive (organisation, !chosen);
}

/* A new form holding @record's values (a new record: today, by the
 * person signed in). */
static void
show_form (KesSignpostingList *self,
           KesFieldRecord     *record)
{
  const char *hidden[] = { "source_id", "service_id", "signposted_by", NULL };
  KesStaff *actor = kes_store_get_actor (self->store);
  const char *by = kes_field_record_get_text (record, "signposted_by");

  if (self->form != NULL)
    gtk_box_remove (self->form_slot, GTK_WIDGET (self->form));
  self->form = kes_field_form_new (&kes_signposting_kind, hidden);
  kes_field_form_load (self->form, record);
  gtk_box_append (self->form_slot, GTK_WIDGET (self->form));
  kes_dropdown_set_code (self->service_dropdown, kes_field_record_get_text (record, "service_id"));
  kes_dropdown_set_code (self->staff_dropdown,
                         *by != '\0' ? by : actor != NULL ? kes_staff_get_id (actor) : NULL);
  service_selected_cb (self);
}

static void
show_new_form (KesSignpostingList *self)
{
  g_autoptr(KesFieldRecord) fresh = kes_signposting_new ();
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *today_iso = kes_date_to_iso (today);

  g_clear_object (&self->editing);
  kes_field_record_set_text (fresh, "signposted_on", today_iso);
  show_form (self, fresh);
  gtk_button_set_label (self->record_button, _("Record _Signposting"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
}

/* "3 Dec 2026 · by Lee Liaison · Leaflet, Phone number · details" */
static char *
describe (KesSignpostingList *self,
          KesFieldRecord     *record)
{
  g_autofree char *on = kes_date_to_display (kes_field_record_get_text (record, "signposted_on"));
  g_autoptr(KesStaff) by = kes_store_find_staff (self->store, kes_field_record_get_text (record, "signposted_by"),
                                                 NULL);
  g_auto(GStrv) given = kes_field_record_dup_list (record, "given");
  KesCodeList *list = kes_code_list_get (KES_CODES_SIGNPOSTING_GIVEN);
  const char *details = kes_field_record_get_text (record, "details");
  GString *text = g_string_new (on);

  g_string_append_printf (text, " · %s %s", _("by"), by != NULL ? kes_staff_get_display_name (by) : _("unknown"));
  for (guint i = 0; given[i] != NULL; i++)
    {
      const char *label = kes_code_list_lookup (list, given[i]);

      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, label != NULL ? label : given[i]);
    }
  if (*details != '\0')
    g_string_append_printf (text, " · %s", details);
  return g_string_free (text, FALSE);
}

static void
show_made (KesSignpostingList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = kes_store_list_signposting (self->store, self->source_id, &error);

  kes_list_box_remove_all (self->made_list);
  self->n_made = 0;
  if (made == NULL)
    {
      kes_field_form_set_error (self->form, error->message);
      return;
    }
  for (guint i = 0; i < made->len; i++)
    {
      KesFieldRecord *record = made->pdata[i];
      const char *where = kes_field_record_get_text (record, "organisation");
      g_autofree char *subtitle = describe (self, record);
      g_autofree char *edit = g_strdup_printf (_("Change the signposting to %s"), where);
      g_autofree char *wrong = g_strdup_printf (_("Mark the signposting to %s entered in error"), where);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 kes_record_row_button (_("Change…"), edit, G_OBJECT (record),
                                                        G_CALLBACK (edit_clicked_cb), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 kes_record_row_button (_("Entered in Error…"), wrong, G_OBJECT (record),
                                                        G_CALLBACK (error_clicked_cb), self));
      gtk_list_box_append (self->made_list, row);
    }
  self->n_made = made->len;
  gtk_widget_set_visible (GTK_WIDGET (self->made_list), made->len > 0);
  gtk_widget_set_visible (self->made_group, made->len > 0 || self->can_add);
}

/* The record into the form, to change: Save writes a new revision. */
static void
edit_clicked_cb (GtkButton          *button,
                 KesSignpostingList *self)
{
  KesFieldRecord *record = kes_record_row_button_get_record (GTK_WIDGET (button));

  g_set_object (&self->editing, record);
  show_form (self, record);
  gtk_widget_set_visible (self->editor_box, TRUE);
  gtk_button_set_label (self->record_button, _("_Save Changes"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->service_dropdown));
}

static void
error_reason_cb (const char *reason,
                 gpointer    user_data)
{
  KesSignpostingList *self = user_data;
  g_autoptr(KesFieldRecord) record = g_steal_pointer (&self->marking);
  g_autoptr(GError) error = NULL;

  if (reason == NULL || record == NULL)
    return;
  if (!kes_store_mark_entered_in_error (self->store, kes_field_record_get_id (record),
                                        kes_field_record_get_revision (record), reason, &error))
    {
      kes_field_form_set_error (self->form, error->message);
      return;
    }
  if (self->editing != NULL &&
      g_strcmp0 (kes_field_record_get_id (self->editing), kes_field_record_get_id (record)) == 0)
    show_new_form (self);
  kes_field_form_set_error (self->form, NULL);
  show_made (self);
}

/* Asks why, then marks the record entered in error: it leaves the list
 * and stays in the history with the reason. */
static void
error_clicked_cb (GtkButton          *button,
                  KesSignpostingList *self)
{
  KesFieldRecord *record = kes_record_row_button_get_record (GTK_WIDGET (button));
  g_autofree char *heading = g_strdup_printf (_("Mark the Signposting to %s Entered in Error?"),
                                              kes_field_record_get_text (record, "organisation"));

  g_set_object (&self->marking, record);
  kes_ask_reason (GTK_WIDGET (self), heading,
                  _("Use this for signposting recorded by mistake (the wrong person, or advice never given). "
                    "It stays in the history with your reason."),
                  _("_Mark Entered in Error"), error_reason_cb, self);
}

static void
record_clicked_cb (KesSignpostingList *self)
{
  /* A change works on a copy: a refused save leaves the form as typed. */
  g_autoptr(KesFieldRecord) record = self->editing != NULL ? kes_field_record_copy (self->editing)
                                                           : kes_signposting_new ();
  g_autoptr(GError) error = NULL;
  const char *service_id = kes_dropdown_get_code (self->service_dropdown);
  const char *by = kes_dropdown_get_code (self->staff_dropdown);

  kes_field_form_store (self->form, record);
  kes_field_record_set_text (record, "source_id", self->source_id);
  kes_field_record_set_text (record, "service_id", service_id);
  kes_field_record_set_text (record, "signposted_by", by);
  if (!kes_store_save_signposting (self->store, record, &error))
    {
      /* What was typed stays; core names each field to put right. */
      kes_field_form_set_error (self->form, error->message);
      return;
    }
  show_new_form (self);
  show_made (self);
  g_signal_emit (self, signals[RECORDED], 0, kes_field_record_get_text (record, "organisation"));
}

static void
cancel_clicked_cb (KesSignpostingList *self)
{
  show_new_form (self);
  gtk_widget_set_visible (self->editor_box, self->can_add);
}

static void
kes_signposting_list_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_SIGNPOSTING_LIST);
  G_OBJECT_CLASS (kes_signposting_list_parent_class)->dispose (object);
}

static void
kes_signposting_list_finalize (GObject *object)
{
  KesSignpostingList *self = KES_SIGNPOSTING_LIST (object);

  g_clear_object (&self->store);
  g_clear_object (&self->editing);
  g_clear_object (&self->marking);
  g_clear_pointer (&self->source_id, g_free);
  G_OBJECT_CLASS (kes_signposting_list_parent_class)->finalize (object);
}

static void
kes_signposting_list_class_init (KesSignpostingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_signposting_list_dispose;
  object_class->finalize = kes_signposting_list_finalize;

  /* Where to: the service's or organisation's name. */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/signposting/kes-signposting-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, made_group);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, made_list);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, closed_label);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, editor_box);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, form_slot);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, record_button);
  gtk_widget_class_bind_template_child (widget_class, KesSignpostingList, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
kes_signposting_list_init (KesSignpostingList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->service_dropdown, "notify::selected", G_CALLBACK (service_selected_cb), self);
}

GtkWidget *
kes_signposting_list_new (KesStore   *store,
                          const char *source_id)
{
  KesSignpostingList *self;
  g_autoptr(GError) why_not = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) staff = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (source_id != NULL, NULL);

  self = g_object_new (KES_TYPE_SIGNPOSTING_LIST, NULL);
  self->store = g_object_ref (store);
  self->source_id = g_strdup (source_id);
  staff = kes_store_list_staff (store, NULL);
  kes_dropdown_fill_staff (self->staff_dropdown, staff, _("Choose who…"));
  kes_service_dropdown_fill (self->service_dropdown, store, _("Not in the directory"), &error);
  show_new_form (self);
  if (error != NULL)
    kes_field_form_set_error (self->form, error->message);

  /* The form only where signposting can be recorded; otherwise why not,
   * when there are records (a referral reopened since, an outcome changed). */
  self->can_add = kes_store_can_signpost (store, source_id, &why_not);
  gtk_widget_set_visible (self->editor_box, self->can_add);
  show_made (self);
  if (!self->can_add && why_not != NULL)
    {
      gtk_label_set_text (self->closed_label, why_not->message);
      gtk_widget_set_visible (GTK_WIDGET (self->closed_label), self->n_made > 0);
    }
  return GTK_WIDGET (self);
}

gboolean
kes_signposting_list_has_any (KesSignpostingList *self)
{
  g_return_val_if_fail (KES_IS_SIGNPOSTING_LIST (self), FALSE);

  return self->can_add || self->n_made > 0;
}
