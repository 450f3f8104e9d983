/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-notes-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-change-watch.h"
#include "kes-clock.h"
#include "kes-field-limits.h"
#include "kes-records.h"
#include "kes-store-notes.h"
#include "kes-validate.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-record-rows.h"

struct _KesNotesView
{
  AdwBin       parent_instance;

  KesContext    *context;
  KesChangeWatch *watch;  /* this patient's notes saved */
  KesStore    *store;
  char        *patient_id;

  GtkWidget   *add_button;
  GtkWidget   *form_box;
  GtkEntry    *title_entry;
  GtkLabel    *title_error;
  GtkTextView *body_view;
  GtkLabel    *body_error;
  GtkLabel    *general_error;
  GtkListBox  *list;
};

G_DEFINE_FINAL_TYPE (KesNotesView, kes_notes_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_CONTEXT,
  PROP_PATIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (KesNotesView *self);

static void
clear_errors (KesNotesView *self)
{
  kes_field_set_error (GTK_WIDGET (self->title_entry), self->title_error, NULL);
  kes_field_set_error (GTK_WIDGET (self->body_view), self->body_error, NULL);
  kes_field_set_error (NULL, self->general_error, NULL);
}

static void
add_clicked_cb (KesNotesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), "");
  kes_text_view_set_text (self->body_view, "");
  clear_errors (self);
  gtk_widget_set_visible (self->form_box, TRUE);
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.save", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

/* Hides the form and offers Add again; @take_focus when the user is on
 * this tab (cancelled or saved), never when a record is being opened: the
 * tab may be hidden, and focus would be lost there (issue 24). */
static void
hide_form (KesNotesView *self,
           gboolean take_focus)
{
  gtk_widget_set_visible (self->form_box, FALSE);
  /* Ctrl+S saves only while there is a note to save; otherwise it goes on
   * to the record (which saves the register entry when it is edited). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.save", FALSE);
  /* Only those core lets write are offered the form. */
  gtk_widget_set_visible (self->add_button,
                          self->store != NULL &&
                          kes_store_check_permission (self->store, KES_PERMISSION_EDIT_CLINICAL,
                                                      self->patient_id, NULL));
  if (take_focus && gtk_widget_get_visible (self->add_button))
    gtk_widget_grab_focus (self->add_button);
}

static void
form_cancel_clicked_cb (KesNotesView *self)
{
  hide_form (self, TRUE);
}

static void
form_save_clicked_cb (KesNotesView *self)
{
  g_autofree char *title = kes_editable_dup_text (GTK_EDITABLE (self->title_entry));
  g_autofree char *body = kes_text_view_dup_text (self->body_view);
  g_autofree char *now = kes_clock_now_iso ();
  g_autoptr(KesNote) note = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->store != NULL && self->patient_id != NULL);

  clear_errors (self);

  note = kes_note_new ();
  kes_note_set_patient_id (note, self->patient_id);
  kes_note_set_written_at (note, now);
  kes_note_set_title (note, *title != '\0' ? title : NULL);
  kes_note_set_body (note, *body != '\0' ? body : NULL);

  issues = kes_note_validate (note);
  if (issues != NULL && issues->len > 0)
    {
      for (guint i = 0; i < issues->len; i++)
        {
          KesIssue *issue = g_ptr_array_index (issues, i);

          if (g_strcmp0 (issue->field, "title") == 0)
            kes_field_set_error (GTK_WIDGET (self->title_entry), self->title_error, issue->message);
          else if (g_strcmp0 (issue->field, "body") == 0)
            kes_field_set_error (GTK_WIDGET (self->body_view), self->body_error, issue->message);
          else
            kes_field_set_error (NULL, self->general_error, issue->message);
        }
      return;
    }

  if (!kes_store_save_note (self->store, note, KES_CHANGE_CREATE, NULL, &error))
    {
      kes_field_set_error (NULL, self->general_error, error->message);
      return;
    }

  /* The list shows it through the store's "changed" (the watch). */
  hide_form (self, TRUE);
  kes_widget_toast (GTK_WIDGET (self), _("Note added"));
}

static void
kes_notes_view_save_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  form_save_clicked_cb (KES_NOTES_VIEW (widget));
}

static void
note_marked_cb (KesNotesView *self)
{
  kes_widget_toast (GTK_WIDGET (self), _("Note marked as entered in error"));
}

static GtkWidget *
note_row_new (KesNotesView *self,
              KesNote      *note)
{
  g_autofree char *when = kes_time_to_display (kes_note_get_written_at (note));
  const char *author = kes_note_get_author_name (note);
  const char *title = kes_note_get_title (note);
  g_autofree char *subtitle = NULL;

  if (author != NULL && *author != '\0')
    /* TRANSLATORS: "21 Nov 2026 09:00 · Alex Smith" */
    subtitle = g_strdup_printf (_("%s · %s"), when != NULL ? when : "", author);
  else
    subtitle = g_strdup (when);

  return kes_record_row_new (GTK_WIDGET (self), self->store,
                             title != NULL && *title != '\0' ? title : _("Untitled note"),
                             subtitle,
                             kes_note_get_body (note),
                             kes_note_get_id (note),
                             kes_note_get_revision (note),
                             kes_note_get_state (note),
                             _("Mark This Note as Entered in Error?"),
                             (KesRecordMarkedFunc) note_marked_cb);
}

static void
kes_notes_view_dispose (GObject *object)
{
  KesNotesView *self = KES_NOTES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_NOTES_VIEW);
  g_clear_pointer (&self->watch, kes_change_watch_free);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);

  G_OBJECT_CLASS (kes_notes_view_parent_class)->dispose (object);
}

/* One of this patient's notes written (added, or marked entered in error). */
static gboolean
change_concerns_list (GtkWidget  *owner,
                      const char *kind,
                      const char *record_id,
                      const char *patient_id)
{
  KesNotesView *self = (KesNotesView *) owner;

  return g_strcmp0 (kind, "note") == 0 && g_strcmp0 (patient_id, self->patient_id) == 0;
}

static void
refresh_list (GtkWidget *owner)
{
  reload ((KesNotesView *) owner);
}

static void
kes_notes_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KesNotesView *self = (KesNotesView *) object;

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
kes_notes_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KesNotesView *self = (KesNotesView *) object;

  switch (prop_id)
    {
    case PROP_CONTEXT:
      kes_notes_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_PATIENT_ID:
      kes_notes_view_set_patient_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kes_notes_view_class_init (KesNotesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_notes_view_dispose;
  object_class->get_property = kes_notes_view_get_property;
  object_class->set_property = kes_notes_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KES_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT_ID] =
    g_param_spec_string ("patient-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/patient/kes-notes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, add_button);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, form_box);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, title_entry);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, title_error);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, body_view);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, body_error);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, general_error);
  gtk_widget_class_bind_template_child (widget_class, KesNotesView, list);
  gtk_widget_class_bind_template_child_full (widget_class, "form_save_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "notes.save", NULL, kes_notes_view_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "notes.save", NULL);
}

static void
kes_notes_view_init (KesNotesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watch = kes_change_watch_new (GTK_WIDGET (self), change_concerns_list, refresh_list);
  kes_change_watch_set_mode (self->watch, KES_CHANGE_WATCH_AT_ONCE);
  gtk_entry_set_max_length (self->title_entry, (int) kes_field_limit ("note.title"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notes.save", FALSE);
}

GtkWidget *
kes_notes_view_new (void)
{
  return g_object_new (KES_TYPE_NOTES_VIEW, NULL);
}

void
kes_notes_view_set_context (KesNotesView *self,
                            KesContext   *context)
{
  g_return_if_fail (KES_IS_NOTES_VIEW (self));
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
kes_notes_view_set_patient_id (KesNotesView *self,
                               const char   *patient_id)
{
  g_return_if_fail (KES_IS_NOTES_VIEW (self));

  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  hide_form (self, FALSE);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT_ID]);
}

gboolean
kes_notes_view_start_note (KesNotesView *self)
{
  g_return_val_if_fail (KES_IS_NOTES_VIEW (self), FALSE);

  if (gtk_widget_get_visible (self->form_box))
    {
      /* A note already begun keeps what was typed. */
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
      return TRUE;
    }
  if (!gtk_widget_get_visible (self->add_button))
    return FALSE;
  add_clicked_cb (self);
  return TRUE;
}

static void
reload (KesNotesView *self)
{
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  kes_list_box_remove_all (self->list);

  if (self->store == NULL || self->patient_id == NULL)
    return;

  notes = kes_store_list_notes (self->store, self->patient_id, TRUE, &error);
  if (notes == NULL)
    {
      gtk_list_box_append (self->list, kes_record_error_row_new (error->message));
      return;
    }

  n = g_list_model_get_n_items (notes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KesNote) note = g_list_model_get_item (notes, i);

      gtk_list_box_append (self->list, note_row_new (self, note));
    }
}
