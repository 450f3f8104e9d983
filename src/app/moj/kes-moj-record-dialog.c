/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-secondary-window.h"
#include "kes-validate.h"
#include "moj/kes-moj-record-dialog.h"

struct _KesMojRecordDialog
{
  AdwWindow     parent_instance;

  KesStore     *store;
  KesMojRecord *record;
  GPtrArray    *editors;  /* one widget per field, in field order */
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (KesMojRecordDialog, kes_moj_record_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
editor_of (KesMojRecordDialog *self,
           const char         *key)
{
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (kes_moj_record_get_kind (self->record), &n_fields);
  for (guint i = 0; i < n_fields && i < self->editors->len; i++)
    if (g_str_equal (fields[i].key, key))
      return g_ptr_array_index (self->editors, i);
  return NULL;
}

static void editor_changed_cb (KesMojRecordDialog *self);

/* Every kind of editor tells the dialog when its value changes. */
static void
watch_editor (KesMojRecordDialog *self,
              GtkWidget          *editor)
{
  if (GTK_IS_TEXT_VIEW (editor))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor)), "changed",
                             G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_DROP_DOWN (editor))
    g_signal_connect_object (editor, "notify::selected", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_SWITCH (editor))
    g_signal_connect_object (editor, "notify::active", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self, G_CONNECT_SWAPPED);
}

static GtkWidget *
make_editor (const KesMojField *field,
             const char        *value)
{
  GtkWidget *editor;

  switch (field->type)
    {
    case KES_MOJ_FIELD_LONG_TEXT:
      editor = kes_text_view_new_for_form ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (editor), GTK_WRAP_WORD_CHAR);
      gtk_widget_set_size_request (editor, -1, 72);
      gtk_widget_add_css_class (editor, "card");
      kes_text_view_set_text (GTK_TEXT_VIEW (editor), value);
      break;
    case KES_MOJ_FIELD_CODE:
      editor = gtk_drop_down_new (NULL, NULL);
      kes_dropdown_fill_code_list (GTK_DROP_DOWN (editor), field->code_list, field->required ? NULL : _("None"));
      kes_dropdown_set_code (GTK_DROP_DOWN (editor), value);
      break;
    case KES_MOJ_FIELD_BOOL:
      editor = gtk_switch_new ();
      gtk_widget_set_halign (editor, GTK_ALIGN_START);
      gtk_switch_set_active (GTK_SWITCH (editor), g_str_equal (value, "yes"));
      break;
    case KES_MOJ_FIELD_DATE:
    case KES_MOJ_FIELD_TEXT:
    default:
      editor = gtk_entry_new ();
      gtk_editable_set_text (GTK_EDITABLE (editor), value);
      if (field->type == KES_MOJ_FIELD_DATE)
        {
          /* Stored dates are ISO; they are typed and shown as DD/MM/YYYY. */
          g_autoptr(GDate) date = kes_date_from_iso (value);
          if (date != NULL)
            {
              char shown[16];
              g_snprintf (shown, sizeof shown, "%02u/%02u/%04u", g_date_get_day (date),
                          (guint) g_date_get_month (date), g_date_get_year (date));
              gtk_editable_set_text (GTK_EDITABLE (editor), shown);
            }
          gtk_entry_set_placeholder_text (GTK_ENTRY (editor), _("DD/MM/YYYY"));
        }
      break;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->label), -1);
  /* Named after the field, as the generated carer and liaison forms are. */
  gtk_widget_set_name (editor, field->key);
  return editor;
}

void
kes_moj_record_dialog_apply (KesMojRecordDialog *self)
{
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (kes_moj_record_get_kind (self->record), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *editor = g_ptr_array_index (self->editors, i);
      g_autofree char *text = NULL;

      if (GTK_IS_TEXT_VIEW (editor))
        text = kes_text_view_dup_text (GTK_TEXT_VIEW (editor));
      else if (GTK_IS_DROP_DOWN (editor))
        text = g_strdup (kes_dropdown_get_code (GTK_DROP_DOWN (editor)));
      else if (GTK_IS_SWITCH (editor))
        text = g_strdup (gtk_switch_get_active (GTK_SWITCH (editor)) ? "yes" : "");
      else
        text = kes_editable_dup_text (GTK_EDITABLE (editor));
      kes_moj_record_set_text (self->record, fields[i].key, text);
    }
}

gboolean
kes_moj_record_dialog_save (KesMojRecordDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean is_new = kes_moj_record_get_id (self->record) == NULL;

  kes_moj_record_dialog_apply (self);
  if (!kes_store_save_moj_record (self->store, self->record, is_new ? KES_CHANGE_CREATE : KES_CHANGE_EDIT,
                                  NULL, &error))
    {
      g_autoptr(GPtrArray) issues = kes_moj_record_validate (self->record);

      /* The focus goes to the first field to put right. */
      kes_form_show_refusal (self->error_label, error->message,
                             issues->len > 0 ? editor_of (self, ((KesIssue *) issues->pdata[0])->field) : NULL);
      return FALSE;
    }
  kes_form_show_refusal (self->error_label, NULL, NULL);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

/* After a refusal, the problems shown follow what is typed, and go when
 * core finds none. */
static void
editor_changed_cb (KesMojRecordDialog *self)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GString) message = g_string_new (NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;
  kes_moj_record_dialog_apply (self);
  issues = kes_moj_record_validate (self->record);
  for (guint i = 0; i < issues->len; i++)
    g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "", ((KesIssue *) issues->pdata[i])->message);
  gtk_label_set_text (self->error_label, message->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), issues->len > 0);
}

static void
save_clicked_cb (KesMojRecordDialog *self)
{
  if (kes_moj_record_dialog_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
reason_given_cb (const char *reason,
                 gpointer    user_data)
{
  g_autoptr(KesMojRecordDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (reason == NULL)
    return;
  if (!kes_moj_record_dialog_mark_entered_in_error (self, reason, &error))
    {
      kes_form_show_refusal (self->error_label, error->message, NULL);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mark_clicked_cb (GtkButton          *button,
                 KesMojRecordDialog *self)
{
  g_autofree char *heading = g_strdup_printf (_("Mark This %s as Entered in Error?"),
                                              kes_moj_kind_label (kes_moj_record_get_kind (self->record)));

  kes_ask_reason (GTK_WIDGET (self), heading,
                  _("It stays in the record, marked as entered in error with your name, the time and "
                    "your reason, and no longer counts for schedules or reports. Nothing is deleted."),
                  _("_Mark as Entered in Error"), reason_given_cb, g_object_ref (self));
}

gboolean
kes_moj_record_dialog_mark_entered_in_error (KesMojRecordDialog  *self,
                                             const char          *reason,
                                             GError             **error)
{
  g_return_val_if_fail (KES_IS_MOJ_RECORD_DIALOG (self), FALSE);
  g_return_val_if_fail (kes_moj_record_get_id (self->record) != NULL, FALSE);

  if (!kes_store_mark_entered_in_error (self->store, kes_moj_record_get_id (self->record),
                                        kes_moj_record_get_revision (self->record), reason, error))
    return FALSE;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static void
kes_moj_record_dialog_dispose (GObject *object)
{
  KesMojRecordDialog *self = (KesMojRecordDialog *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  G_OBJECT_CLASS (kes_moj_record_dialog_parent_class)->dispose (object);
}

static void
kes_moj_record_dialog_class_init (KesMojRecordDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_moj_record_dialog_dispose;
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
}

static void
kes_moj_record_dialog_init (KesMojRecordDialog *self)
{
  self->editors = g_ptr_array_new ();
}

KesMojRecordDialog *
kes_moj_record_dialog_new (GtkWindow    *parent,
                           KesStore     *store,
                           KesMojRecord *record)
{
  KesMojRecordDialog *self = g_object_new (KES_TYPE_MOJ_RECORD_DIALOG,
                                           "modal", TRUE,
                                           "transient-for", parent,
                                           "default-width", 560,
                                           "default-height", 640,
                                           NULL);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  const KesMojField *fields;
  guint n_fields;
  KesMojKind kind = kes_moj_record_get_kind (record);
  g_autofree char *title = g_strdup_printf (kes_moj_record_get_id (record) == NULL ? _("New %s") : _("Edit %s"),
                                            kes_moj_kind_label (kind));

  self->store = g_object_ref (store);
  self->record = kes_moj_record_copy (record);
  gtk_window_set_title (GTK_WINDOW (self), title);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_window_set_default_widget (GTK_WINDOW (self), save);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  /* Asks first when something was typed (kes-secondary-window.h). */
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  kes_widget_set_handle (save, "moj-record-save");
  gtk_box_append (GTK_BOX (outer), header);

  self->error_label = GTK_LABEL (kes_form_summary_label_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->error_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->error_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problems"), -1);
  gtk_box_append (GTK_BOX (outer), GTK_WIDGET (self->error_label));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  fields = kes_moj_kind_fields (kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *label = gtk_label_new (_(fields[i].label));
      GtkWidget *editor = make_editor (&fields[i], kes_moj_record_get_text (record, fields[i].key));

      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_valign (label, fields[i].type == KES_MOJ_FIELD_LONG_TEXT ? GTK_ALIGN_START : GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (editor, TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), editor, 1, i, 1, 1);
      g_ptr_array_add (self->editors, editor);
      watch_editor (self, editor);
    }
  if (kes_moj_record_get_id (record) != NULL)
    {
      GtkWidget *mark = gtk_button_new_with_mnemonic (_("Mark as _Entered in Error…"));

      gtk_widget_add_css_class (mark, "destructive-action");
      gtk_widget_set_halign (mark, GTK_ALIGN_START);
      kes_widget_set_handle (mark, "moj-record-entered-in-error");
      g_signal_connect (mark, "clicked", G_CALLBACK (mark_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), mark, 1, n_fields, 1, 1);
      gtk_widget_set_margin_top (mark, 12);
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (self), outer);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self));
  return self;
}

KesMojRecord *
kes_moj_record_dialog_get_record (KesMojRecordDialog *self)
{
  return self->record;
}
