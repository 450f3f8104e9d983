/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-care-view-util"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-care-form.h"
#include "community/kes-care-view-util.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-medication-rules.h"
#include "kes-records.h"
#include "kes-store-community.h"

void
kes_care_group_init (KesCareGroup        *group,
                     AdwPreferencesGroup *widget,
                     const char          *empty_text)
{
  group->group = widget;
  group->rows = g_ptr_array_new ();
  group->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group->empty_row), empty_text);
  gtk_widget_add_css_class (group->empty_row, "dim-label");
  adw_preferences_group_add (widget, group->empty_row);
}

void
kes_care_group_clear (KesCareGroup *group)
{
  for (guint i = 0; i < group->rows->len; i++)
    adw_preferences_group_remove (group->group, g_ptr_array_index (group->rows, i));
  g_ptr_array_set_size (group->rows, 0);
}

void
kes_care_group_finish (KesCareGroup *group)
{
  gtk_widget_set_visible (group->empty_row, group->rows->len == 0);
}

void
kes_care_group_free_rows (KesCareGroup *group)
{
  g_clear_pointer (&group->rows, g_ptr_array_unref);
}

AdwActionRow *
kes_care_group_add_row (KesCareGroup *group,
                        const char   *title,
                        const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group->group, row);
  g_ptr_array_add (group->rows, row);
  return ADW_ACTION_ROW (row);
}

GtkWidget *
kes_care_header_button (AdwPreferencesGroup *group,
                        const char          *label,
                        const char          *description)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *box = adw_preferences_group_get_header_suffix (group);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  kes_widget_set_handle (button, description);
  if (box == NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      adw_preferences_group_set_header_suffix (group, box);
    }
  gtk_box_append (GTK_BOX (box), button);
  return button;
}

void
kes_care_open_form (GtkWidget     *view,
                    KesStore      *store,
                    KesCareRecord *record,
                    const char    *title,
                    GCallback      done)
{
  GtkRoot *root = gtk_widget_get_root (view);
  KesCareForm *form = kes_care_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store,
                                         record, title);

  g_signal_connect_object (form, "saved", done, view, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

typedef struct
{
  GtkWidget     *view;
  KesStore      *store;
  KesCareRecord *record;
  GCallback      done;
} MarkRequest;

static void
mark_request_free (gpointer data)
{
  MarkRequest *request = data;

  g_clear_object (&request->view);
  g_clear_object (&request->store);
  g_clear_object (&request->record);
  g_free (request);
}

static void
mark_template_free (gpointer data)
{
  MarkRequest *template = data;

  template->view = NULL;
  mark_request_free (template);
}

static void
mark_reason_cb (const char *reason,
                gpointer    user_data)
{
  MarkRequest *request = user_data;
  g_autoptr(GError) error = NULL;

  if (reason != NULL)
    {
      if (kes_store_mark_care_record_entered_in_error (request->store, request->record, reason, &error))
        {
          kes_widget_toast (request->view, _("Marked as entered in error"));
          ((void (*) (GtkWidget *)) request->done) (request->view);
        }
      else
        kes_show_error (request->view, _("The Record Was Not Changed"), error->message);
    }
  mark_request_free (request);
}

static void
mark_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  MarkRequest *template = g_object_get_data (G_OBJECT (button), "kes-mark");
  MarkRequest *request = g_new0 (MarkRequest, 1);

  request->view = g_object_ref (template->view);
  request->store = g_object_ref (template->store);
  request->record = g_object_ref (template->record);
  request->done = template->done;
  kes_ask_reason (GTK_WIDGET (button), g_object_get_data (G_OBJECT (button), "kes-heading"),
                  _("It stays in the record's history, marked as entered in error with your name, the "
                    "time and your reason, and no longer counts for what is due. Nothing is deleted."),
                  _("_Mark as Entered in Error"), mark_reason_cb, request);
}

/* Row text as a person reads it: markup taken out when the row uses it. */
static char *
row_text (AdwActionRow *row,
          const char   *text)
{
  char *plain = NULL;

  if (text == NULL || *text == '\0')
    return NULL;
  if (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)) &&
      pango_parse_markup (text, -1, 0, NULL, &plain, NULL, NULL))
    return plain;
  return g_strdup (text);
}

/* Every row has one of these icon-only buttons: each says which record it
 * marks ("Mark as entered in error: Clozapine 300 mg, 12 Mar 2026"). */
static char *
mark_button_name (AdwActionRow *row)
{
  g_autofree char *title = row_text (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  g_autofree char *subtitle = row_text (row, adw_action_row_get_subtitle (row));
  g_autofree char *what = NULL;

  if (title == NULL)
    return g_strdup (_("Mark as entered in error"));
  what = subtitle != NULL ? g_strdup_printf ("%s, %s", title, subtitle) : g_strdup (title);
  /* Translators: the name of a row's button, %s is what the row shows */
  return g_strdup_printf (_("Mark as entered in error: %s"), what);
}

GtkWidget *
kes_care_row_add_mark_button (AdwActionRow  *row,
                              GtkWidget     *view,
                              KesStore      *store,
                              KesCareRecord *record,
                              const char    *heading,
                              GCallback      done)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("error-correct-symbolic");
  g_autofree char *name = mark_button_name (row);
  MarkRequest *template = g_new0 (MarkRequest, 1);

  /* The button lives inside @view: no reference, or neither is ever freed. */
  template->view = view;
  template->store = g_object_ref (store);
  template->record = g_object_ref (record);
  template->done = done;
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Mark as entered in error"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  kes_widget_set_handle (button, "mark-entered-in-error");
  g_object_set_data_full (G_OBJECT (button), "kes-mark", template, mark_template_free);
  g_object_set_data_full (G_OBJECT (button), "kes-heading", g_strdup (heading), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (mark_clicked_cb), NULL);
  adw_action_row_add_suffix (row, button);
  return button;
}

/* "Reason: … · marked by … on …" from the record's last revision. */
static char *
entered_in_error_line (KesStore      *store,
                       KesCareRecord *record)
{
  g_autoptr(GPtrArray) revisions = kes_store_list_revisions (store, kes_care_record_get_id (record), NULL);
  KesRevision *last;
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;

  if (revisions == NULL || revisions->len == 0)
    return g_strdup (_("Entered in error"));
  last = g_ptr_array_index (revisions, revisions->len - 1);
  date = g_strndup (kes_revision_get_at (last), 10);
  shown = kes_date_to_display (date);
  /* TRANSLATORS: the reason, who marked the record and when */
  return g_strdup_printf (_("Reason: %s · marked by %s on %s"), kes_revision_get_reason (last),
                          kes_revision_get_author_name (last), shown != NULL ? shown : date);
}

AdwActionRow *
kes_care_group_add_record (KesCareGroup  *group,
                           KesStore      *store,
                           KesCareRecord *record,
                           const char    *title,
                           const char    *subtitle)
{

  if (kes_care_record_get_state (record) == KES_RECORD_ENTERED_IN_ERROR)
    {
      /* TRANSLATORS: prefix for a record marked entered in error */
      g_autofree char *marked = g_strdup_printf (_("Entered in error: %s"), title);
      g_autofree char *why = entered_in_error_line (store, record);
      g_autofree char *lines = subtitle != NULL && *subtitle != '\0' ? g_strdup_printf ("%s\n%s", subtitle, why)
                                                                      : g_strdup (why);

      gtk_widget_add_css_class (GTK_WIDGET (kes_care_group_add_row (group, marked, lines)), "kes-entered-in-error");
      return NULL;
    }
  return kes_care_group_add_row (group, title, subtitle);
}

GListModel *
kes_care_active_only (GListModel *all)
{
  GListStore *active = g_list_store_new (KES_TYPE_CARE_RECORD);

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KesCareRecord) record = g_list_model_get_item (all, i);

      if (kes_care_record_get_state (record) == KES_RECORD_ACTIVE)
        g_list_store_append (active, record);
    }
  return G_LIST_MODEL (active);
}

gboolean
kes_care_uses_cmhf (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL)
    return FALSE;
  schema = g_settings_schema_source_lookup (source, "io.github.kestrelcare.Kestrel", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "care-vocabulary"))
    return FALSE;
  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, "care-vocabulary");
  return g_strcmp0 (value, "cmhf") == 0;
}

char *
kes_care_date (KesCareRecord *record,
               const char    *key)
{
  const char *iso = kes_care_record_get (record, key);

  return *iso != '\0' ? kes_date_to_display (iso) : g_strdup ("");
}

const char *
kes_care_code_label (KesCareRecord *record,
                     const char    *key)
{
  const KesCareField *field = kes_care_kind_find_field (kes_care_record_get_kind (record), key);
  const char *code = kes_care_record_get (record, key);
  const char *label = NULL;

  if (field == NULL || field->codes == NULL || *code == '\0')
    return code;
  if (g_str_equal (field->codes, "depot-drug"))
    label = kes_depot_drug_lookup_label (code);
  else if (kes_code_list_get (field->codes) != NULL)
    label = kes_code_list_lookup (kes_code_list_get (field->codes), code);
  return label != NULL ? label : code;
}
