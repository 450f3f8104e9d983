/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-services-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-admin-permission.h"
#include "admin/kes-service-editor.h"
#include "admin/kes-services-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-codes.h"
#include "kes-services.h"

struct _KesServicesGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;

  GtkWidget           *add_button;
  GtkSearchEntry      *search_entry;
  GtkCheckButton      *retired_check;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (KesServicesGroup, kes_services_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWindow *
parent_window (KesServicesGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* "Team · Norfolk · General 01603 421 000 · Out of hours 0800 … · Mon–Fri …" */
static char *
service_summary (KesFieldRecord *service)
{
  static const struct
  {
    const char *key;
    const char *label;
  } numbers[] = {
    { "general_phone", N_("General") },
    { "urgent_phone", N_("Urgent") },
    { "crisis_phone", N_("Out of hours") },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  KesCodeList *kinds = kes_code_list_get (KES_CODES_SERVICE_KIND);
  const char *kind = kes_field_record_get_text (service, "kind");
  const char *area = kes_field_record_get_text (service, "area");
  const char *hours = kes_field_record_get_text (service, "office_hours");
  const char *label = kinds != NULL ? kes_code_list_lookup (kinds, kind) : NULL;

  if (kes_field_record_get_state (service) != KES_RECORD_ACTIVE)
    g_string_append_printf (text, "%s · ", _("Retired"));
  g_string_append (text, label != NULL ? label : kind);
  g_string_append_printf (text, " · %s", *area != '\0' ? area : _("Every area"));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      const char *number = kes_field_record_get_text (service, numbers[i].key);

      if (*number != '\0')
        g_string_append_printf (text, " · %s %s", _(numbers[i].label), number);
    }
  if (*hours != '\0')
    g_string_append_printf (text, " · %s", hours);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
editor_saved_cb (KesServiceEditor *editor,
                 const char       *id,
                 KesServicesGroup *self)
{
  kes_services_group_reload (self);
  kes_widget_toast (GTK_WIDGET (self), _("Service directory saved"));
}

static void
open_editor (KesServicesGroup *self,
             KesFieldRecord   *service)
{
  KesServiceEditor *editor = kes_service_editor_new (parent_window (self), self->store, service);

  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_clicked_cb (KesServicesGroup *self)
{
  open_editor (self, NULL);
}

static void
edit_clicked_cb (GtkButton        *button,
                 KesServicesGroup *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (button), "kes-service"));
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KesServicesGroup *self)
{
  KesFieldRecord *service = g_object_get_data (G_OBJECT (dialog), "kes-service");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "retire") != 0)
    return;
  if (!kes_store_withdraw_service (self->store, kes_field_record_get_id (service),
                                   kes_field_record_get_revision (service), &error))
    {
      kes_show_error (GTK_WIDGET (self), _("Could Not Retire the Entry"), error->message);
      /* A conflict: show the entry as it now stands. */
      kes_services_group_reload (self);
      return;
    }
  kes_services_group_reload (self);
  kes_widget_toast (GTK_WIDGET (self), _("Entry retired"));
}

static void
retire_clicked_cb (GtkButton        *button,
                   KesServicesGroup *self)
{
  KesFieldRecord *service = g_object_get_data (G_OBJECT (button), "kes-service");
  g_autofree char *heading = g_strdup_printf (_("Retire %s?"), kes_field_record_get_text (service, "name"));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("It is taken out of use: crisis plans and letters no longer show "
                                     "it. The entry and its history stay in the log; nothing is "
                                     "deleted."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kes-service", g_object_ref (service), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_button (KesServicesGroup *self,
            KesFieldRecord   *service,
            const char       *label,
            const char       *accessible,
            GCallback         callback)
{
  /* No mnemonic: every row has these buttons, and a mnemonic label names
   * the button itself ("Edit…" on every row), over the service's name. */
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "kes-service", g_object_ref (service), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
service_row (KesServicesGroup *self,
             KesFieldRecord   *service)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = kes_field_record_get_text (service, "name");
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *summary = service_summary (service);
  g_autofree char *subtitle = g_markup_escape_text (summary, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (kes_field_record_get_state (service) == KES_RECORD_ACTIVE)
    {
      g_autofree char *edit = g_strdup_printf (_("Edit %s"), name);
      g_autofree char *retire = g_strdup_printf (_("Retire %s"), name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, service, _("Edit…"), edit,
                                             G_CALLBACK (edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, service, _("Retire…"), retire,
                                             G_CALLBACK (retire_clicked_cb)));
    }
  else
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "kes-service", g_object_ref (service), g_object_unref);
  return row;
}

static void
search_changed_cb (KesServicesGroup *self)
{
  kes_services_group_reload (self);
}

static void
retired_toggled_cb (KesServicesGroup *self)
{
  kes_services_group_reload (self);
}

static void
kes_services_group_dispose (GObject *object)
{
  KesServicesGroup *self = KES_SERVICES_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_SERVICES_GROUP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kes_services_group_parent_class)->dispose (object);
}

static void
kes_services_group_class_init (KesServicesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_services_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/admin/kes-services-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KesServicesGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, KesServicesGroup, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KesServicesGroup, retired_check);
  gtk_widget_class_bind_template_child (widget_class, KesServicesGroup, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retired_toggled_cb);
}

static void
kes_services_group_init (KesServicesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search the service directory"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Service directory"), -1);
}

GtkWidget *
kes_services_group_new (void)
{
  return g_object_new (KES_TYPE_SERVICES_GROUP, NULL);
}

void
kes_services_group_set_store (KesServicesGroup *self,
                              KesStore         *store)
{
  g_return_if_fail (KES_IS_SERVICES_GROUP (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  g_set_object (&self->store, store);
  kes_services_group_reload (self);
}

void
kes_services_group_reload (KesServicesGroup *self)
{
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KES_IS_SERVICES_GROUP (self));

  kes_list_box_remove_all (self->list);
  if (!kes_admin_group_follow_permission (GTK_WIDGET (self), self->store, KES_PERMISSION_MANAGE_DIRECTORY))
    return;

  services = kes_store_search_services (self->store,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                        gtk_check_button_get_active (self->retired_check), &error);
  if (services == NULL)
    {
      kes_widget_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < services->len; i++)
    gtk_list_box_append (self->list, service_row (self, g_ptr_array_index (services, i)));
}
