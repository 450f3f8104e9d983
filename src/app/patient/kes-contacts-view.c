/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-contacts-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-field-limits.h"
#include "kes-codes.h"
#include "kes-records.h"
#include "kes-store-notes.h"
#include "kes-validate.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-record-rows.h"

struct _KesContactsView
{
  AdwBin         parent_instance;

  KesContext    *context;
  KesChangeWatch *watch;  /* this patient's contacts saved */
  KesStore      *store;
  char          *patient_id;

  GtkWidget     *add_button;
  GtkWidget     *form_box;
  GtkEntry      *date_entry;
  GtkLabel      *date_error;
  GtkEntry      *time_entry;
  GtkLabel      *time_error;
  GtkDropDown   *type_dropdown;
  GtkLabel      *type_error;
  GtkEntry      *with_entry;
  GtkLabel      *with_error;
  GtkEntry      *location_entry;
  GtkLabel      *location_error;
  GtkSpinButton *duration_spin;
  GtkLabel      *duration_error;
  GtkTextView   *summary_view;
  GtkLabel      *summary_error;
  GtkLabel      *general_error;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (KesContactsView, kes_contacts_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_PATIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (KesContactsView *self);

static void
clear_errors (KesContactsView *self)
{
  kes_field_set_error (GTK_WIDGET (self->date_entry), self->date_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->time_entry), self->time_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->type_dropdown), self->type_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->with_entry), self->with_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->location_entry), self->location_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->duration_spin), self->duration_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->summary_view), self->summary_error, NULL);
  kes_field_set_error (NULL, self->general_error, NULL);
}

static void
reset_form (KesContactsView *self)
{
  g_autoptr(GDateTime) now_utc = kes_clock_now_utc ();
  g_autoptr(GDateTime) now = g_date_time_to_local (now_utc);
  g_autofree char *date = g_date_time_format (now, "%d/%m/%Y");
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->with_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), "");
  gtk_spin_button_set_value (self->duration_spin, 0);
  kes_text_view_set_text (self->summary_view, "");
  clear_errors (self);
}

static void
add_clicked_cb (KesContactsView *self)
{
  reset_form (self);
  gtk_widget_set_visible (self->form_box, TRUE);
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

/* Hides the form and offers Add again; @take_focus when the user is on
 * this tab (cancelled or saved), never when a record is being opened: the
 * tab may be hidden, and focus would be lost there (issue 24). */
static void
hide_form (KesContactsView *self,
           gboolean take_focus)
{
  gtk_widget_set_visible (self->form_box, FALSE);
  /* Only those core lets write are offered the form. */
  gtk_widget_set_visible (self->add_button,
                          self->store != NULL &&
                          kes_store_check_permission (self->store, KES_PERMISSION_EDIT_CLINICAL,
                                                      self->patient_id, NULL));
  if (take_focus && gtk_widget_get_visible (self->add_button))
    gtk_widget_grab_focus (self->add_button);
}

static void
form_cancel_clicked_cb (KesContactsView *self)
{
  hide_form (self, TRUE);
}

/* "14:30" or "1430" -> hours and minutes. */
static gboolean
parse_time (const char *text,
            int        *hours,
            int        *minutes)
{
  g_autofree char *digits = g_strdup (text);
  guint64 h, m;
  char *end;

  g_strdelimit (digits, ".", ':');
  if (strchr (digits, ':') == NULL && strlen (digits) == 4)
    {
      char tmp[6] = { digits[0], digits[1], ':', digits[2], digits[3], '\0' };
      g_free (digits);
      digits = g_strdup (tmp);
    }

  h = g_ascii_strtoull (digits, &end, 10);
  if (end == digits || *end != ':')
    return FALSE;
  m = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || h > 23 || m > 59)
    return FALSE;

  *hours = (int) h;
  *minutes = (int) m;
  return TRUE;
}

static GtkLabel *
error_label_for (KesContactsView *self,
                 const char      *field,
                 GtkWidget      **widget)
{
  static const char * const date_keys[] = { "occurred_at", "date", NULL };
  static const char * const type_keys[] = { "contact_type", "type", NULL };
  static const char * const duration_keys[] = { "duration_minutes", "duration", NULL };

  if (g_strv_contains (date_keys, field))
    return (*widget = GTK_WIDGET (self->date_entry), self->date_error);
  if (g_strcmp0 (field, "time") == 0)
    return (*widget = GTK_WIDGET (self->time_entry), self->time_error);
  if (g_strv_contains (type_keys, field))
    return (*widget = GTK_WIDGET (self->type_dropdown), self->type_error);
  if (g_strcmp0 (field, "with_whom") == 0)
    return (*widget = GTK_WIDGET (self->with_entry), self->with_error);
  if (g_strcmp0 (field, "location") == 0)
    return (*widget = GTK_WIDGET (self->location_entry), self->location_error);
  if (g_strv_contains (duration_keys, field))
    return (*widget = GTK_WIDGET (self->duration_spin), self->duration_error);
  if (g_strcmp0 (field, "summary") == 0)
    return (*widget = GTK_WIDGET (self->summary_view), self->summary_error);

  *widget = NULL;
  return self->general_error;
}

static void
form_save_clicked_cb (KesContactsView *self)
{
  g_autofree char *date_text = kes_editable_dup_text (GTK_EDITABLE (self->date_entry));
  g_autofree char *time_text = kes_editable_dup_text (GTK_EDITABLE (self->time_entry));
  g_autofree char *with_whom = kes_editable_dup_text (GTK_EDITABLE (self->with_entry));
  g_autofree char *location = kes_editable_dup_text (GTK_EDITABLE (self->location_entry));
  g_autofree char *summary = kes_text_view_dup_text (self->summary_view);
  g_autofree char *iso_date = NULL;
  g_autofree char *occurred_at = NULL;
  g_autoptr(KesContact) contact = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  int hours = 0, minutes = 0;

  g_return_if_fail (self->store != NULL && self->patient_id != NULL);

  clear_errors (self);

  iso_date = kes_date_parse (date_text, _("Date"), &error);
  if (iso_date == NULL)
    {
      kes_field_set_error (GTK_WIDGET (self->date_entry), self->date_error, error->message);
      g_clear_error (&error);
      ok = FALSE;
    }

  if (!parse_time (time_text, &hours, &minutes))
    {
      kes_field_set_error (GTK_WIDGET (self->time_entry), self->time_error,
                           _("Time: enter the time as HH:MM, for example 14:30."));
      ok = FALSE;
    }

  if (ok)
    {
      g_autoptr(GDate) date = kes_date_from_iso (iso_date);
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) utc = NULL;

      local = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                     g_date_get_day (date), hours, minutes, 0);
      utc = g_date_time_to_utc (local);
      occurred_at = kes_time_to_iso (utc);
    }

  contact = kes_contact_new ();
  kes_contact_set_patient_id (contact, self->patient_id);
  kes_contact_set_occurred_at (contact, occurred_at);
  kes_contact_set_contact_type (contact, kes_dropdown_get_code (self->type_dropdown));
  kes_contact_set_with_whom (contact, *with_whom != '\0' ? with_whom : NULL);
  kes_contact_set_location (contact, *location != '\0' ? location : NULL);
  kes_contact_set_duration_minutes (contact, gtk_spin_button_get_value_as_int (self->duration_spin));
  kes_contact_set_summary (contact, *summary != '\0' ? summary : NULL);

  issues = kes_contact_validate (contact);
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *widget = NULL;
      GtkLabel *label = error_label_for (self, issue->field, &widget);

      /* A bad date is already explained by the parser. */
      if (label == self->date_error && !ok)
        continue;
      kes_field_set_error (widget, label, issue->message);
      ok = FALSE;
    }

  if (!ok)
    return;

  if (!kes_store_save_contact (self->store, contact, KES_CHANGE_CREATE, NULL, &error))
    {
      kes_field_set_error (NULL, self->general_error, error->message);
      return;
    }

  /* The list shows it through the store's "changed" (the watch). */
  hide_form (self, TRUE);
  kes_widget_toast (GTK_WIDGET (self), _("Contact added"));
}

static void
contact_marked_cb (KesContactsView *self)
{
  kes_widget_toast (GTK_WIDGET (self), _("Contact marked as entered in error"));
}

static GtkWidget *
contact_row_new (KesContactsView *self,
                 KesContact      *contact)
{
  KesCodeList *types = kes_code_list_get (KES_CODES_CONTACT_TYPE);
  const char *type_code = kes_contact_get_contact_type (contact);
  const char *type = types != NULL && type_code != NULL ? kes_code_list_lookup (types, type_code)
                                                        : NULL;
  g_autofree char *when = kes_time_to_display (kes_contact_get_occurred_at (contact));
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *with_whom = kes_contact_get_with_whom (contact);
  const char *location = kes_contact_get_location (contact);
  const char *author = kes_contact_get_author_name (contact);
  int duration = kes_contact_get_duration_minutes (contact);

  title = g_strdup_printf ("%s — %s", when != NULL ? when : "",
                           type != NULL ? type : (type_code != NULL ? type_code : ""));

  if (with_whom != NULL && *with_whom != '\0')
    g_string_append_printf (subtitle, _("With %s"), with_whom);
  if (location != NULL && *location != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, location);
    }
  if (duration > 0)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, ngettext ("%d minute", "%d minutes", duration), duration);
    }
  if (author != NULL && *author != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Recorded by %s"), author);
    }

  return kes_record_row_new (GTK_WIDGET (self), self->store, title, subtitle->str,
                             kes_contact_get_summary (contact),
                             kes_contact_get_id (contact),
                             kes_contact_get_revision (contact),
                             kes_contact_get_state (contact),
                             _("Mark This Contact as Entered in Error?"),
                             (KesRecordMarkedFunc) contact_marked_cb);
}

static void
kes_contacts_view_dispose (GObject *object)
{
  KesContactsView *self = KES_CONTACTS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CONTACTS_VIEW);
  g_clear_pointer (&self->watch, kes_change_watch_free);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);

  G_OBJECT_CLASS (kes_contacts_view_parent_class)->dispose (object);
}

/* One of this patient's contacts written (added, or marked entered in error). */
static gboolean
change_concerns_list (GtkWidget  *owner,
                      const char *kind,
                      const char *record_id,
                      const char *patient_id)
{
  KesContactsView *self = (KesContactsView *) owner;

  return g_strcmp0 (kind, "contact") == 0 && g_strcmp0 (patient_id, self->patient_id) == 0;
}

static void
refresh_list (GtkWidget *owner)
{
  reload ((KesContactsView *) owner);
}

static void
kes_contacts_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KesContactsView *self = (KesContactsView *) object;

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PATIENT_ID:
      g_value_set_string (value, self->patient_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_contacts_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KesContactsView *self = (KesContactsView *) object;

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_contacts_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_PATIENT_ID:
      kes_contacts_view_set_patient_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_contacts_view_class_init (KesContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_contacts_view_dispose;
  object_class->get_property = kes_contacts_view_get_property;
  object_class->set_property = kes_contacts_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_string ("patient-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-contacts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, form_box);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, date_entry);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, date_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, time_entry);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, time_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, type_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, with_entry);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, with_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, location_entry);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, location_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, duration_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, summary_view);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, summary_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, general_error);
  gtk_widget_class_bind_template_child (widget_class, KesContactsView, list);
  gtk_widget_class_bind_template_child_full (widget_class, "form_save_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_save_clicked_cb);
}

static void
kes_contacts_view_init (KesContactsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_list, refresh_list);
  kes_change_watch_set_mode (self->watch, KES_CHANGE_WATCH_AT_ONCE);
  gtk_entry_set_max_length (self->with_entry, (int) kes_field_limit ("contact.with_whom"));
  gtk_entry_set_max_length (self->location_entry, (int) kes_field_limit ("contact.location"));

  kes_dropdown_fill_code_list (self->type_dropdown, KES_CODES_CONTACT_TYPE, _("Choose a type"));
}

GtkWidget *
kes_contacts_view_new (void)
{
  return g_object_new (KES_TYPE_CONTACTS_VIEW, NULL);
}

void
kes_contacts_view_set_context (KesContactsView *self,
                               KesContext      *context)
{
  g_return_if_fail (KES_IS_CONTACTS_VIEW (self));
  g_return_if_fail (context == NULL || KES_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_set_object (&self->store, (context != NULL ? kes_context_get_store (context) : NULL));
  kes_change_watch_set_context (self->watch, context);
  if (self->patient_id != NULL)
    {
      hide_form (self, FALSE);
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
kes_contacts_view_set_patient_id (KesContactsView *self,
                                  const char      *patient_id)
{
  g_return_if_fail (KES_IS_CONTACTS_VIEW (self));

  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  hide_form (self, FALSE);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

static void
reload (KesContactsView *self)
{
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  kes_list_box_remove_all (self->list);

  if (self->store == NULL || self->patient_id == NULL)
    return;

  contacts = kes_store_list_contacts (self->store, self->patient_id, TRUE, &error);
  if (contacts == NULL)
    {
      gtk_list_box_append (self->list, kes_record_error_row_new (error->message));
      return;
    }

  n = g_list_model_get_n_items (contacts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesContact) contact = g_list_model_get_item (contacts, i);

      gtk_list_box_append (self->list, contact_row_new (self, contact));
    }
}
