/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-catchment-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-admin-permission.h"
#include "admin/kes-catchment-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-codes.h"

struct _KesCatchmentGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;

  GtkWidget           *add_button;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (KesCatchmentGroup, kes_catchment_group, ADW_TYPE_PREFERENCES_GROUP)

#define AREA_KEY "kes-catchment-area"

static GtkWindow *
parent_window (KesCatchmentGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
membership_label (const char *membership)
{
  const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_CATCHMENT_MEMBERSHIP), membership);

  return label != NULL ? label : membership;
}

/* ---- The editor: a dialog over the window ---- */

static GtkWindow *open_editor (KesCatchmentGroup *self,
                               KesFieldRecord    *area,
                               const char        *problem);

static void
editor_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    KesCatchmentGroup *self)
{
  KesFieldRecord *area = g_object_get_data (G_OBJECT (dialog), AREA_KEY);
  AdwEntryRow *name_row = g_object_get_data (G_OBJECT (dialog), "kes-name-row");
  AdwComboRow *membership_row = g_object_get_data (G_OBJECT (dialog), "kes-membership-row");
  KesCodeList *memberships = kes_code_list_get (KES_CODES_CATCHMENT_MEMBERSHIP);
  g_autoptr(KesFieldRecord) typed = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (g_strcmp0 (response, "save") != 0)
    return;
  /* The store works on a copy: a refused save leaves what was typed to show again. */
  typed = kes_field_record_copy (area);
  kes_field_record_set_text (typed, "name", gtk_editable_get_text (GTK_EDITABLE (name_row)));
  position = adw_combo_row_get_selected (membership_row);
  if (position < kes_code_list_get_n_codes (memberships))
    kes_field_record_set_text (typed, "membership", kes_code_list_get_code (memberships, position));
  if (!kes_store_save_catchment_area (self->store, typed, &error))
    {
      g_autoptr(KesFieldRecord) again = kes_field_record_copy (area);

      kes_field_record_set_text (again, "name", gtk_editable_get_text (GTK_EDITABLE (name_row)));
      kes_field_record_set_text (again, "membership", kes_field_record_get_text (typed, "membership"));
      open_editor (self, again, error->message);
      return;
    }
  kes_catchment_group_reload (self);
  kes_widget_toast (GTK_WIDGET (self), _("Catchment area saved"));
}

static GtkWindow *
open_editor (KesCatchmentGroup *self,
             KesFieldRecord    *area,
             const char        *problem)
{
  KesCodeList *memberships = kes_code_list_get (KES_CODES_CATCHMENT_MEMBERSHIP);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean adding = kes_field_record_get_id (area) == NULL;
  GtkWidget *dialog, *box, *list, *name_row, *membership_row;
  int current;

  dialog = adw_message_dialog_new (parent_window (self), adding ? _("Add Catchment Area") : _("Edit Catchment Area"),
                                   _("A referral from an own or external area meets the catchment criterion; "
                                     "one from an area outside the catchment does not. Referrals keep the "
                                     "area when it is renamed."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), kes_field_record_get_text (area, "name"));
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);
  for (guint i = 0; i < kes_code_list_get_n_codes (memberships); i++)
    gtk_string_list_append (labels, kes_code_list_get_label (memberships, i));
  membership_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (membership_row), _("In the catchment"));
  adw_combo_row_set_model (ADW_COMBO_ROW (membership_row), G_LIST_MODEL (labels));
  current = kes_code_list_find (memberships, kes_field_record_get_text (area, "membership"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (membership_row), current >= 0 ? (guint) current : 0);
  gtk_list_box_append (GTK_LIST_BOX (list), membership_row);
  gtk_box_append (GTK_BOX (box), list);
  if (problem != NULL)
    {
      GtkWidget *label = gtk_label_new (problem);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (name_row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      label, NULL, -1);
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), AREA_KEY, g_object_ref (area), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "kes-name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "kes-membership-row", membership_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (editor_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
  return GTK_WINDOW (dialog);
}

/* ---- Retiring and bringing back ---- */

static void
retire_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    KesCatchmentGroup *self)
{
  KesFieldRecord *area = g_object_get_data (G_OBJECT (dialog), AREA_KEY);
  g_autoptr(KesFieldRecord) changed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean retiring;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  retiring = !kes_field_record_get_bool (area, "retired");
  changed = kes_field_record_copy (area);
  kes_field_record_set_bool (changed, "retired", retiring);
  if (!kes_store_save_catchment_area (self->store, changed, &error))
    {
      kes_show_error (GTK_WIDGET (self), retiring ? _("Could Not Retire the Area") : _("Could Not Bring Back the Area"),
                      error->message);
      kes_catchment_group_reload (self);
      return;
    }
  kes_catchment_group_reload (self);
  kes_widget_toast (GTK_WIDGET (self), retiring ? _("Area retired") : _("Area back in use"));
}

static void
retire_clicked_cb (GtkButton         *button,
                   KesCatchmentGroup *self)
{
  KesFieldRecord *area = g_object_get_data (G_OBJECT (button), AREA_KEY);
  gboolean retiring = !kes_field_record_get_bool (area, "retired");
  const char *name = kes_field_record_get_text (area, "name");
  g_autofree char *heading = g_strdup_printf (retiring ? _("Retire %s?") : _("Bring Back %s?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   retiring ? _("New referrals can no longer name this area, and a referral "
                                                "from it no longer meets the catchment criterion. Referrals "
                                                "already made keep it; nothing is deleted.")
                                            : _("New referrals can name this area again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", retiring ? _("_Retire") : _("_Bring Back"), NULL);
  if (retiring)
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), AREA_KEY, g_object_ref (area), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_clicked_cb (GtkButton         *button,
                 KesCatchmentGroup *self)
{
  open_editor (self, g_object_get_data (G_OBJECT (button), AREA_KEY), NULL);
}

static void
add_clicked_cb (KesCatchmentGroup *self)
{
  kes_catchment_group_open_editor (self, NULL);
}

/* ---- Rows ---- */

static GtkWidget *
row_button (KesFieldRecord *area,
            const char     *label,
            const char     *accessible,
            GCallback       callback,
            gpointer        self)
{
  /* No mnemonic: a row's buttons are reached by Tab, and a mnemonic beside
   * an accessible label would be announced twice. */
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), AREA_KEY, g_object_ref (area), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
area_row (KesCatchmentGroup *self,
          KesFieldRecord    *area)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = kes_field_record_get_text (area, "name");
  gboolean retired = kes_field_record_get_bool (area, "retired");
  g_autofree char *subtitle = retired
    ? g_strdup_printf ("%s · %s", _("Retired"), membership_label (kes_field_record_get_text (area, "membership")))
    : g_strdup (membership_label (kes_field_record_get_text (area, "membership")));
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), name);
  g_autofree char *retire = g_strdup_printf (retired ? _("Bring back %s") : _("Retire %s"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!retired)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (area, _("Edit…"), edit, G_CALLBACK (edit_clicked_cb), self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (area, retired ? _("Bring Back…") : _("Retire…"), retire,
                                         G_CALLBACK (retire_clicked_cb), self));
  g_object_set_data_full (G_OBJECT (row), AREA_KEY, g_object_ref (area), g_object_unref);
  return row;
}

/* ---- GObject ---- */

static void
kes_catchment_group_dispose (GObject *object)
{
  KesCatchmentGroup *self = KES_CATCHMENT_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_CATCHMENT_GROUP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kes_catchment_group_parent_class)->dispose (object);
}

static void
kes_catchment_group_class_init (KesCatchmentGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_catchment_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/kes-catchment-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KesCatchmentGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, KesCatchmentGroup, list);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
kes_catchment_group_init (KesCatchmentGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Catchment areas"), -1);
}

/* ---- Public ---- */

GtkWidget *
kes_catchment_group_new (void)
{
  return g_object_new (KES_TYPE_CATCHMENT_GROUP, NULL);
}

void
kes_catchment_group_set_store (KesCatchmentGroup *self,
                               KesStore          *store)
{
  g_return_if_fail (KES_IS_CATCHMENT_GROUP (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  g_set_object (&self->store, store);
  kes_catchment_group_reload (self);
}

void
kes_catchment_group_reload (KesCatchmentGroup *self)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KES_IS_CATCHMENT_GROUP (self));

  kes_list_box_remove_all (self->list);
  if (!kes_admin_group_follow_permission (GTK_WIDGET (self), self->store, KES_PERMISSION_MANAGE_DIRECTORY))
    return;
  areas = kes_store_list_catchment_areas (self->store, TRUE, &error);
  if (areas == NULL)
    {
      kes_widget_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 0; i < areas->len; i++)
    gtk_list_box_append (self->list, area_row (self, g_ptr_array_index (areas, i)));
}

GtkWindow *
kes_catchment_group_open_editor (KesCatchmentGroup *self,
                                 const char        *code)
{
  g_autoptr(GPtrArray) areas = NULL;

  g_return_val_if_fail (KES_IS_CATCHMENT_GROUP (self), NULL);

  if (code == NULL)
    {
      g_autoptr(KesFieldRecord) area = kes_catchment_area_new ();

      kes_field_record_set_text (area, "membership", "own");
      return open_editor (self, area, NULL);
    }
  areas = kes_store_list_catchment_areas (self->store, TRUE, NULL);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    if (g_str_equal (kes_field_record_get_text (g_ptr_array_index (areas, i), "code"), code))
      return open_editor (self, g_ptr_array_index (areas, i), NULL);
  return NULL;
}
