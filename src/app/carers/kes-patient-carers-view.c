/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-carers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-patient-carers-view.h"

struct _KesPatientCarersView
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scroll;
  GtkBox            *box;
};

G_DEFINE_FINAL_TYPE (KesPatientCarersView, kes_patient_carers_view, GTK_TYPE_WIDGET)

static void
clear (KesPatientCarersView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
}

static void
show_message (KesPatientCarersView *self,
              const char           *title,
              const char           *description)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-favorite-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  gtk_box_append (self->box, status);
}

static void
show_carer (KesPatientCarersView *self,
            KesStore             *store,
            const char           *patient_id,
            KesFieldRecord       *link)
{
  const char *carer_id = kes_field_record_get_text (link, "carer_id");
  g_autoptr(KesFieldRecord) carer = kes_store_load_carer_record (store, &kes_carer_kind, carer_id, NULL);
  g_autoptr(KesFieldRecord) consent = kes_store_find_carer_consent (store, patient_id, carer_id, NULL);
  g_auto(GStrv) shareable = kes_carer_shareable_categories (consent);
  KesCodeList *categories = kes_code_list_get (KES_CODES_CARER_INFORMATION);
  g_autoptr(GString) may = g_string_new (NULL);
  g_autoptr(GString) may_not = g_string_new (NULL);
  g_autofree char *title = g_strdup_printf (_("%s — %s"),
                                            carer != NULL ? kes_field_record_get_text (carer, "name") : carer_id,
                                            kes_field_record_get_text (link, "relationship"));
  g_autofree char *basis = NULL;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row;

  for (guint i = 0; categories != NULL && i < kes_code_list_get_n_codes (categories); i++)
    {
      const char *code = kes_code_list_get_code (categories, i);
      GString *into = g_strv_contains ((const char * const *) shareable, code) ? may : may_not;
      g_string_append_printf (into, "%s%s", into->len > 0 ? ", " : "", kes_code_list_get_label (categories, i));
    }
  if (consent == NULL)
    basis = g_strdup (_("No consent to share recorded"));
  else
    {
      g_autofree char *decided = kes_date_to_display (kes_field_record_get_text (consent, "decided_on"));
      const char *status = kes_code_list_lookup (kes_code_list_get (KES_CODES_CARER_CONSENT_STATUS),
                                                 kes_field_record_get_text (consent, "status"));
      basis = g_strdup_printf (_("Consent %s on %s"), status != NULL ? status : "", decided);
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), basis);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("May be discussed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), may->str);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
  gtk_widget_set_name (row, "may-discuss");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("May not be discussed"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), may_not->len > 0 ? may_not->str : _("Nothing held back"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
  gtk_widget_set_name (row, "may-not-discuss");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (carer != NULL && *kes_field_record_get_text (carer, "phone") != '\0')
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Phone"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kes_field_record_get_text (carer, "phone"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->box, group);
}

static void
kes_patient_carers_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_PATIENT_CARERS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kes_patient_carers_view_parent_class)->dispose (object);
}

static void
kes_patient_carers_view_class_init (KesPatientCarersViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_patient_carers_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/carers/kes-patient-carers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KesPatientCarersView, scroll);
  gtk_widget_class_bind_template_child (widget_class, KesPatientCarersView, box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kes_patient_carers_view_init (KesPatientCarersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kes_patient_carers_view_new (void)
{
  return g_object_new (KES_TYPE_PATIENT_CARERS_VIEW, NULL);
}

void
kes_patient_carers_view_set_record (KesPatientCarersView *self,
                                    KesStore             *store,
                                    const char           *patient_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;

  g_return_if_fail (KES_IS_PATIENT_CARERS_VIEW (self));

  clear (self);
  if (store == NULL || patient_id == NULL)
    return;
  links = kes_store_list_carer_records (store, &kes_carer_link_kind, NULL, patient_id, &error);
  if (links == NULL)
    {
      show_message (self, _("Carers can’t be shown"), error->message);
      return;
    }
  if (links->len == 0)
    {
      show_message (self, _("No carers recorded"),
                    _("Carers are added in the Carers area and linked to the patient they care for."));
      return;
    }
  for (guint i = 0; i < links->len; i++)
    show_carer (self, store, patient_id, links->pdata[i]);
}
