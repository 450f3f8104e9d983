/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-report-form"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-signature-dialog.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-secondary-window.h"
#include "kes-store-patients.h"
#include "kes-validate.h"
#include "kes-xml-writer.h"
#include "moj/kes-moj-report-form-private.h"
#include "moj/kes-moj-trigger-box.h"
#include "preview/kes-report-preview.h"

G_DEFINE_FINAL_TYPE (KesMojReportForm, kes_moj_report_form, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
editor_text (GtkWidget *editor)
{
  if (GTK_IS_TEXT_VIEW (editor))
    return kes_text_view_dup_text (GTK_TEXT_VIEW (editor));
  if (GTK_IS_DROP_DOWN (editor))
    return g_strdup (kes_dropdown_get_code (GTK_DROP_DOWN (editor)));
  return kes_editable_dup_text (GTK_EDITABLE (editor));
}

/* Copies what is typed into the report; marks follow the values. */
static void
apply (KesMojReportForm *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *text = editor_text (value);
      if (g_strcmp0 (text, kes_moj_report_get_value (self->report, key)) != 0)
        kes_moj_report_set_value (self->report, key, text);
    }
  if (self->trigger_box != NULL)
    kes_moj_trigger_box_apply (self->trigger_box, self->report);
}

static void
refresh (KesMojReportForm *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean submitted = kes_moj_report_is_submitted (self->report);

  g_hash_table_iter_init (&iter, self->marks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const KesMojTemplateField *field = kes_moj_template_find_field (self->template, key);
      g_auto(GStrv) rows = NULL;

      /* A compliance table's conditions are always as worded on the
       * record; other fields are marked while they hold the prefilled value. */
      if (field != NULL && field->type == KES_MOJ_TEMPLATE_CONDITIONS)
        {
          rows = kes_moj_report_dup_compliance_rows (self->report, key);
          gtk_widget_set_visible (value, rows[0] != NULL);
        }
      else
        gtk_widget_set_visible (value, kes_moj_report_is_prefilled (self->report, key));
    }
  g_hash_table_iter_init (&iter, self->part_states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KesMojPartState state = kes_moj_report_get_part_state (self->report, key);
      g_autofree char *text = NULL;

      if (state == KES_MOJ_PART_SIGNED)
        {
          g_autofree char *date = g_strndup (kes_moj_report_get_signed_at (self->report, key), 10);
          g_autofree char *shown = kes_date_to_display (date);
          text = g_strdup_printf (_("Signed by %s on %s"), kes_moj_report_get_signer_name (self->report, key), shown);
        }
      else
        text = g_strdup (kes_moj_part_state_label (state));
      gtk_label_set_text (value, text);
      if (state == KES_MOJ_PART_ALTERED)
        gtk_widget_add_css_class (value, "error");
      else
        gtk_widget_remove_css_class (value, "error");
    }
  gtk_widget_set_sensitive (self->submit_button, !submitted);
  if (submitted)
    {
      g_autofree char *date = kes_date_to_display (kes_moj_record_get_text (self->report, "submitted_date"));
      g_autofree char *title = g_strdup_printf (_("Submitted %s"), date);
      gtk_button_set_label (GTK_BUTTON (self->submit_button), title);
    }
}

void
kes_moj_report_form_editor_changed_cb (KesMojReportForm *self)
{
  apply (self);
  refresh (self);
  kes_moj_report_form_refresh_problems (self);
}

gboolean
kes_moj_report_form_save (KesMojReportForm  *self,
                          GError           **error)
{
  gboolean is_new = kes_moj_record_get_id (self->report) == NULL;

  apply (self);
  if (!kes_store_save_moj_record (self->store, self->report, is_new ? KES_CHANGE_CREATE : KES_CHANGE_EDIT,
                                  NULL, error))
    return FALSE;
  refresh (self);
  kes_secondary_window_mark_saved (GTK_WINDOW (self));
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
kes_moj_report_form_ready_part (KesMojReportForm  *self,
                                const char        *part_id,
                                GError           **error)
{
  if (!kes_moj_report_form_save (self, error) ||
      !kes_store_set_moj_part_ready (self->store, self->report, part_id, TRUE, error))
    return FALSE;
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
kes_moj_report_form_sign_part (KesMojReportForm  *self,
                               const char        *part_id,
                               const char        *password,
                               GError           **error)
{
  if (!kes_moj_report_form_save (self, error) ||
      !kes_store_sign_moj_report_part (self->store, self->report, part_id, password, error))
    return FALSE;
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

typedef struct
{
  KesMojReportForm *form;
  GtkWidget        *button;
  char             *part_id;
} SignRequest;

static void
sign_request_free (gpointer data)
{
  SignRequest *request = data;

  g_object_unref (request->form);
  g_object_unref (request->button);
  g_free (request->part_id);
  g_free (request);
}

static gboolean
sign_part_cb (const char  *password,
              gpointer     user_data,
              GError     **error)
{
  SignRequest *request = user_data;

  return kes_moj_report_form_sign_part (request->form, request->part_id, password, error);
}

static void
part_signed_cb (gboolean      signed_off,
                const GError *error,
                gpointer      user_data)
{
  SignRequest *request = user_data;

  if (signed_off)
    kes_widget_toast (request->button, _("Part signed"));
  else if (error != NULL)
    kes_show_error (GTK_WIDGET (request->form), _("The Part Was Not Signed"), error->message);
}

KesDocument *
kes_moj_report_form_build_document (KesMojReportForm  *self,
                                    GError           **error)
{
  apply (self);
  return kes_report_moj_document (self->store, self->report, error);
}

void
kes_moj_report_form_part_button_clicked_cb (GtkButton        *button,
                                            KesMojReportForm *self)
{
  g_autoptr(GError) error = NULL;
  const char *part_id = g_object_get_data (G_OBJECT (button), "kes-part");
  gboolean sign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kes-sign"));
  SignRequest *request;
  g_autofree char *heading = NULL;

  if (!sign)
    {
      if (kes_moj_report_form_show_part_problems (self, part_id) > 0)
        return;
      if (!kes_moj_report_form_ready_part (self, part_id, &error))
        kes_show_error (GTK_WIDGET (self), _("The Part Was Not Marked Ready"), error->message);
      else
        kes_widget_toast (GTK_WIDGET (button), _("Part ready for review"));
      return;
    }
  /* Signing means the signer: the password again, first. */
  request = g_new0 (SignRequest, 1);
  request->form = g_object_ref (self);
  request->button = g_object_ref (GTK_WIDGET (button));
  request->part_id = g_strdup (part_id);
  heading = g_strdup_printf (_("Sign Part %s?"), part_id);
  kes_ask_signature (GTK_WIDGET (self), heading,
                     _("Type your password to sign this part as yourself. Your name and the time "
                       "go on the report; a later change to the part will show it was altered "
                       "after signing."),
                     sign_part_cb, part_signed_cb, request, sign_request_free);
}

static void
save_clicked_cb (KesMojReportForm *self)
{
  g_autoptr(GError) error = NULL;

  if (!kes_moj_report_form_save (self, &error))
    kes_show_error (GTK_WIDGET (self), _("The Report Was Not Saved"), error->message);
  else
    kes_widget_toast (self->submit_button, _("Report saved"));
}

static void
preview_clicked_cb (KesMojReportForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = kes_moj_report_form_build_document (self, &error);
  GtkWidget *window;
  GtkWidget *preview;

  if (document == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Report Could Not Be Previewed"), error->message);
      return;
    }
  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 860);
  gtk_window_set_title (GTK_WINDOW (window), _("Report Preview"));
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  preview = kes_report_preview_new ();
  /* Saving or printing the report checks the export permission and is logged. */
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), self->store,
                                kes_moj_record_get_patient_id (self->report),
                                "conditional discharge report (PDF)");
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
    gtk_widget_set_vexpand (preview, TRUE);
    gtk_box_append (GTK_BOX (box), preview);
    adw_window_set_content (ADW_WINDOW (window), box);
  }
  gtk_window_present (GTK_WINDOW (window));
}

gboolean
kes_moj_report_form_save_xml (KesMojReportForm  *self,
                              const char        *path,
                              GError           **error)
{
  g_autoptr(KesDocument) document = NULL;

  g_return_val_if_fail (KES_IS_MOJ_REPORT_FORM (self), FALSE);

  /* Building the document checks the export permission. */
  document = kes_moj_report_form_build_document (self, error);
  return document != NULL && kes_xml_write_file (document, path, error) &&
         kes_store_audit (self->store, KES_AUDIT_EXPORT, NULL, kes_moj_record_get_patient_id (self->report),
                          "conditional discharge report (XML)", error);
}

static void
xml_response_cb (GtkNativeDialog  *dialog,
                 int               response,
                 KesMojReportForm *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  if (path != NULL)
    {
      if (!kes_moj_report_form_save_xml (self, path, &error))
        kes_show_error (GTK_WIDGET (self), _("The XML Was Not Saved"), error->message);
      else
        kes_widget_toast (self->submit_button, _("Saved as XML"));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
xml_clicked_cb (KesMojReportForm *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(KesPatient) patient = kes_store_load_patient (self->store, kes_moj_record_get_patient_id (self->report),
                                                         NULL);
  g_autofree char *who = patient != NULL ? kes_patient_dup_display_name (patient) : NULL;
  /* Translators: what a saved Ministry of Justice report is called; its patient and the date follow */
  g_autofree char *name = kes_file_name_suggest (_("MoJ report"), who, "xml");

  dialog = gtk_file_chooser_native_new (_("Save the Report as XML"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (xml_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
submit_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    KesMojReportForm *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *grid = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *date = NULL;
  g_autofree char *reference = NULL;
  const char *method;

  if (g_strcmp0 (response, "submit") != 0)
    return;
  date = kes_editable_dup_text (GTK_EDITABLE (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0)));
  method = kes_dropdown_get_code (GTK_DROP_DOWN (gtk_grid_get_child_at (GTK_GRID (grid), 1, 1)));
  reference = kes_editable_dup_text (GTK_EDITABLE (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2)));
  if (!kes_moj_report_form_save (self, &error) ||
      !kes_store_submit_moj_report (self->store, self->report, date, method, reference, &error))
    {
      kes_show_error (GTK_WIDGET (self), _("The Report Was Not Submitted"), error->message);
      return;
    }
  refresh (self);
  g_signal_emit (self, signals[CHANGED], 0);
  kes_widget_toast (self->submit_button, _("Submission recorded"));
}

static void
submit_clicked_cb (KesMojReportForm *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Record the Submission"),
                                              _("Every part must be signed. Give the date it was sent, "
                                                "how, and any reference MHCS gave."));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *date = gtk_entry_new ();
  GtkWidget *method = gtk_drop_down_new (NULL, NULL);
  GtkWidget *reference = gtk_entry_new ();
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *iso = kes_date_to_iso (today);
  const char *labels[] = { N_("Date sent"), N_("How"), N_("Reference") };

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_editable_set_text (GTK_EDITABLE (date), iso);
  kes_dropdown_fill_code_list (GTK_DROP_DOWN (method), KES_CODES_SUBMISSION_METHOD, NULL);
  gtk_grid_attach (GTK_GRID (grid), date, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), method, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), reference, 1, 2, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *label = gtk_label_new (_(labels[i]));
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_grid_get_child_at (GTK_GRID (grid), 1, i)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(labels[i]), -1);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "submit", _("_Record Submission"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit", ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (submit_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kes_moj_report_form_dispose (GObject *object)
{
  KesMojReportForm *self = (KesMojReportForm *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->report);
  g_clear_pointer (&self->template, kes_moj_template_unref);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_hash_table_unref);
  g_clear_pointer (&self->part_states, g_hash_table_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_pointer (&self->refused_part, g_free);
  G_OBJECT_CLASS (kes_moj_report_form_parent_class)->dispose (object);
}

static void
kes_moj_report_form_class_init (KesMojReportFormClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_moj_report_form_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
kes_moj_report_form_init (KesMojReportForm *self)
{
  self->editors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->part_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->marked = g_ptr_array_new_with_free_func (g_object_unref);
}

/* The header bar's title: @name (the patient's, NULL: none) above @what
 * ("Report Due 3 March 2027"), each on one line when it fits and wrapping
 * rather than cut short when it doesn't (large text). */
static GtkWidget *
moj_title_widget (const char *name,
                  const char *what)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  const char *lines[] = { name, what };
  const char *styles[] = { "title", "subtitle" };

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = name != NULL ? 0 : 1; i < G_N_ELEMENTS (lines); i++)
    {
      GtkWidget *label = gtk_label_new (lines[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      /* Asks for the width of one line; a wrapping label otherwise asks for
       * a narrow guess, and the header bar wrapped the name at normal size. */
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_NONE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, name != NULL ? styles[i] : "title");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

KesMojReportForm *
kes_moj_report_form_new (GtkWindow     *parent,
                         KesStore      *store,
                         KesMojRecord  *report,
                         GError       **error)
{
  g_autoptr(KesMojTemplate) template = NULL;
  KesMojReportForm *self;
  GtkWidget *outer, *header, *scrolled, *clamp, *content, *save, *preview, *xml, *toasts;
  g_autofree char *due = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *whose = NULL;
  GPtrArray *parts;

  template = kes_moj_template_find (kes_moj_record_get_text (report, "template_id"),
                                    kes_moj_record_get_text (report, "template_version"), error);
  if (template == NULL)
    return NULL;

  self = g_object_new (KES_TYPE_MOJ_REPORT_FORM, "transient-for", parent, "modal", TRUE,
                       "default-width", 900, "default-height", 760, NULL);
  self->store = g_object_ref (store);
  self->report = g_object_ref (report);
  self->template = g_steal_pointer (&template);
  due = kes_date_to_display (kes_moj_record_get_text (report, "due_date"));
  title = kes_moj_report_is_urgent (report) ? g_strdup (_("Urgent Report to the Ministry of Justice"))
                                            : g_strdup_printf (_("Report Due %s"), due);
  /* Whose report it is, first: the title is what a screen reader and the
   * window switcher say. */
  {
    g_autoptr(KesPatient) patient = kes_store_load_patient (store, kes_moj_record_get_patient_id (report), NULL);

    name = patient != NULL ? kes_patient_dup_display_name (patient) : NULL;
  }
  /* Translators: a patient's name, then the report ("Report Due 3 March 2027") */
  whose = name != NULL ? g_strdup_printf (_("%s — %s"), name, title) : g_strdup (title);
  gtk_window_set_title (GTK_WINDOW (self), whose);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  /* On two lines, whose first: one line was cut short at large text. */
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), moj_title_widget (name, title));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  preview = gtk_button_new_with_mnemonic (_("_Preview PDF"));
  xml = gtk_button_new_with_mnemonic (_("Save _XML…"));
  kes_widget_set_handle (xml, "moj-report-xml");
  gtk_widget_set_tooltip_text (xml, _("Save the report as XML checked against Kestrel’s document schema"));
  g_signal_connect_swapped (xml, "clicked", G_CALLBACK (xml_clicked_cb), self);
  self->submit_button = gtk_button_new_with_mnemonic (_("Su_bmit…"));
  gtk_widget_add_css_class (save, "suggested-action");
  kes_widget_set_handle (save, "moj-report-save");
  kes_widget_set_handle (self->submit_button, "moj-report-submit");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (preview, "clicked", G_CALLBACK (preview_clicked_cb), self);
  g_signal_connect_swapped (self->submit_button, "clicked", G_CALLBACK (submit_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->submit_button);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), preview);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), xml);
  gtk_box_append (GTK_BOX (outer), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_bottom (content, 24);
  {
    g_autofree char *pinned = g_strdup_printf (_("%s · form %s %s"), kes_moj_template_get_title (self->template),
                                               kes_moj_template_get_id (self->template),
                                               kes_moj_template_get_version (self->template));
    GtkWidget *intro = gtk_label_new (pinned);
    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_widget_add_css_class (intro, "dim-label");
    gtk_widget_set_margin_top (intro, 12);
    gtk_box_append (GTK_BOX (content), intro);
  }
  {
    g_autofree char *notice = kes_moj_template_wording_notice (self->template);

    if (notice != NULL)
      {
        GtkWidget *warning = gtk_label_new (notice);

        gtk_label_set_wrap (GTK_LABEL (warning), TRUE);
        gtk_label_set_xalign (GTK_LABEL (warning), 0);
        gtk_widget_add_css_class (warning, "kes-alerts");
        kes_widget_set_handle (warning, "moj-wording-notice");
        gtk_box_append (GTK_BOX (content), warning);
      }
  }
  self->problems_label = kes_form_summary_label_new ();
  kes_widget_set_handle (self->problems_label, "moj-report-problems");
  gtk_box_append (GTK_BOX (content), self->problems_label);
  /* An urgent report says first what prompted it. */
  if (kes_moj_report_is_urgent (report))
    {
      static const char * const trigger_keys[] = { "trigger_what", "trigger_when", "trigger_action" };

      self->trigger_box = kes_moj_trigger_box_new (report);
      gtk_box_append (GTK_BOX (content), self->trigger_box);
      /* Its problems, once shown, follow what is typed as the parts' do. */
      for (guint k = 0; k < G_N_ELEMENTS (trigger_keys); k++)
        {
          GtkWidget *editor = g_object_get_data (G_OBJECT (self->trigger_box), trigger_keys[k]);
          gpointer source = GTK_IS_TEXT_VIEW (editor) ? (gpointer) gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor))
                                                      : (gpointer) editor;

          g_signal_connect_swapped (source, "changed", G_CALLBACK (kes_moj_report_form_editor_changed_cb), self);
        }
    }
  parts = kes_moj_template_get_parts (self->template);
  for (guint p = 0; p < parts->len; p++)
    gtk_box_append (GTK_BOX (content), kes_moj_report_form_make_part (self, g_ptr_array_index (parts, p)));
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  toasts = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), outer);
  adw_window_set_content (ADW_WINDOW (self), toasts);
  refresh (self);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (self));
  return self;
}

KesMojRecord *
kes_moj_report_form_get_report (KesMojReportForm *self)
{
  return self->report;
}

GtkWidget *
kes_moj_report_form_get_editor (KesMojReportForm *self,
                                const char       *field_id)
{
  return g_hash_table_lookup (self->editors, field_id);
}

gboolean
kes_moj_report_form_is_marked (KesMojReportForm *self,
                               const char       *field_id)
{
  GtkWidget *mark = g_hash_table_lookup (self->marks, field_id);

  return mark != NULL && gtk_widget_get_visible (mark);
}

const char *
kes_moj_report_form_get_part_state_text (KesMojReportForm *self,
                                         const char       *part_id)
{
  GtkLabel *label = g_hash_table_lookup (self->part_states, part_id);

  return label != NULL ? gtk_label_get_text (label) : NULL;
}
