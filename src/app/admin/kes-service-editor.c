/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-service-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-service-editor.h"
#include "kes-app-util.h"
#include "kes-secondary-window.h"
#include "kes-services.h"
#include "kes-store-staff.h"

struct _KesServiceEditor
{
  AdwWindow       parent_instance;

  KesStore       *store;
  KesFieldRecord *service;

  AdwWindowTitle *window_title;
  GtkLabel       *error_label;
  GtkWidget      *save_button;
  GtkWidget      *name_row;
  GtkDropDown    *kind_dropdown;
  GtkWidget      *area_row;
  GtkDropDown    *team_dropdown;
  GtkWidget      *address_row;
  GtkWidget      *hours_row;
  GtkWidget      *general_row;
  GtkWidget      *urgent_row;
  GtkWidget      *crisis_row;
  GtkWidget      *email_row;
  GtkWidget      *notes_row;
};

G_DEFINE_FINAL_TYPE (KesServiceEditor, kes_service_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The text fields of a service and the rows that edit them. */
typedef struct
{
  const char *key;
  gsize       offset;
} TextField;

static const TextField text_fields[] = {
  { "name", G_STRUCT_OFFSET (KesServiceEditor, name_row) },
  { "area", G_STRUCT_OFFSET (KesServiceEditor, area_row) },
  { "address", G_STRUCT_OFFSET (KesServiceEditor, address_row) },
  { "office_hours", G_STRUCT_OFFSET (KesServiceEditor, hours_row) },
  { "general_phone", G_STRUCT_OFFSET (KesServiceEditor, general_row) },
  { "urgent_phone", G_STRUCT_OFFSET (KesServiceEditor, urgent_row) },
  { "crisis_phone", G_STRUCT_OFFSET (KesServiceEditor, crisis_row) },
  { "email", G_STRUCT_OFFSET (KesServiceEditor, email_row) },
  { "notes", G_STRUCT_OFFSET (KesServiceEditor, notes_row) },
};

static GtkWidget *
field_row (KesServiceEditor *self,
           const TextField  *field)
{
  return G_STRUCT_MEMBER (GtkWidget *, self, field->offset);
}

/* Marks the rows whose field core named: each line of its message starts
 * with the field's label ("Urgent number “…”: …"). */
static void
mark_rows (KesServiceEditor *self,
           const char       *message)
{
  g_auto(GStrv) lines = g_strsplit (message != NULL ? message : "", "\n", -1);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *row = field_row (self, &text_fields[i]);
      const char *label = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      g_autofree char *name = NULL;
      const char *comma;
      gboolean named = FALSE;

      /* "Office hours, e.g. …" is named "Office hours" in messages. */
      comma = strchr (label, ',');
      name = comma != NULL ? g_strndup (label, comma - label) : g_strdup (label);
      for (guint l = 0; lines[l] != NULL && !named; l++)
        named = g_str_has_prefix (lines[l], name);
      /* No number at all: the general number is where to start. */
      if (!named && text_fields[i].key != NULL && g_str_equal (text_fields[i].key, "general_phone"))
        for (guint l = 0; lines[l] != NULL && !named; l++)
          named = strstr (lines[l], _("at least one phone number")) != NULL;
      if (named)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
    }
}

static void
show_problem (KesServiceEditor *self,
              const char       *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  mark_rows (self, message);
  if (message != NULL)
    kes_widget_scroll_into_view (GTK_WIDGET (self->error_label));
}

static void
cancel_clicked_cb (KesServiceEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (KesServiceEditor *self)
{
  kes_service_editor_save (self);
}

static void
kes_service_editor_dispose (GObject *object)
{
  KesServiceEditor *self = KES_SERVICE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_SERVICE_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (kes_service_editor_parent_class)->dispose (object);
}

static void
kes_service_editor_class_init (KesServiceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_service_editor_dispose;

  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-service-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, general_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, urgent_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, crisis_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KesServiceEditor, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
kes_service_editor_init (KesServiceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  kes_dropdown_fill_code_list (self->kind_dropdown, KES_CODES_SERVICE_KIND, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of service"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->team_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team"), -1);
}

KesServiceEditor *
kes_service_editor_new (GtkWindow      *parent,
                        KesStore       *store,
                        KesFieldRecord *service)
{
  KesServiceEditor *self;
  g_autoptr(GListModel) teams = NULL;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (service == NULL || KES_IS_FIELD_RECORD (service), NULL);

  self = g_object_new (KES_TYPE_SERVICE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* A copy: the list keeps showing what is stored until core accepts. */
  self->service = service != NULL ? kes_field_record_copy (service) : kes_service_new ();

  teams = kes_store_list_teams (store, NULL);
  if (teams != NULL)
    kes_dropdown_fill_teams (self->team_dropdown, teams, _("No team"));
  adw_window_title_set_title (self->window_title,
                              service != NULL ? _("Edit Service") : _("Add Service"));
  gtk_window_set_title (GTK_WINDOW (self), service != NULL ? _("Edit Service") : _("Add Service"));

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    gtk_editable_set_text (GTK_EDITABLE (field_row (self, &text_fields[i])),
                           kes_field_record_get_text (self->service, text_fields[i].key));
  if (service != NULL)
    kes_dropdown_set_code (self->kind_dropdown, kes_field_record_get_text (self->service, "kind"));
  else
    kes_dropdown_set_code (self->kind_dropdown, "team");
  kes_dropdown_set_code (self->team_dropdown, kes_field_record_get_text (self->service, "team_id"));
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self));
  return self;
}

gboolean
kes_service_editor_save (KesServiceEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *kind;
  const char *team;

  g_return_val_if_fail (KES_IS_SERVICE_EDITOR (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *text = kes_editable_dup_text (GTK_EDITABLE (field_row (self, &text_fields[i])));

      kes_field_record_set_text (self->service, text_fields[i].key, text);
    }
  kind = kes_dropdown_get_code (self->kind_dropdown);
  team = kes_dropdown_get_code (self->team_dropdown);
  kes_field_record_set_text (self->service, "kind", kind != NULL ? kind : "");
  kes_field_record_set_text (self->service, "team_id", team != NULL ? team : "");

  if (!kes_store_save_service (self->store, self->service, &error))
    {
      show_problem (self, error->message);
      return FALSE;
    }
  show_problem (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, kes_field_record_get_id (self->service));
  kes_secondary_window_mark_saved (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
