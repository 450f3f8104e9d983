/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-report-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "preview/kes-preview-render.h"
#include "preview/kes-report-preview.h"

/* Points to pixels at 100 %: a PDF point is 1/72 inch, the screen 96 dpi. */
#define PIXELS_PER_POINT (96.0 / 72.0)

static const double zoom_steps[] = { 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0 };

struct _KesReportPreview
{
  AdwBin          parent_instance;

  KesDocument    *document;
  KesPreviewPdf  *pdf;
  GCancellable   *load_cancellable;
  GCancellable   *page_cancellable;
  guint           page;
  double          zoom;

  GtkStack       *stack;
  GtkPicture     *picture;
  GtkTextView    *text_view;     /* the page as text, beside the image */
  GtkToggleButton *text_toggle;
  GtkLabel       *page_label;
  GtkLabel       *zoom_label;
  AdwStatusPage  *error_page;

  /* Set by kes_report_preview_set_audit: Save and Print then need the
   * export permission and are written to the access log. */
  KesStore       *audit_store;
  char           *audit_patient_id;
  char           *audit_what;
  KesPermission   permission;
};

G_DEFINE_FINAL_TYPE (KesReportPreview, kes_report_preview, ADW_TYPE_BIN)

enum {
  PAGE_SHOWN,
  SAVED,
  PRINTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_controls (KesReportPreview *self)
{
  guint n_pages = kes_report_preview_get_n_pages (self);
  g_autofree char *page = NULL;
  g_autofree char *zoom = NULL;

  if (n_pages > 0)
    /* Translators: "Page 2 of 7" */
    page = g_strdup_printf (_("Page %u of %u"), self->page + 1, n_pages);
  /* Translators: a zoom level, "125%" */
  zoom = g_strdup_printf (_("%.0f%%"), self->zoom * 100);
  gtk_label_set_text (self->page_label, page != NULL ? page : "");
  gtk_label_set_text (self->zoom_label, zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.previous-page",
                                 n_pages > 0 && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.next-page",
                                 n_pages > 0 && self->page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out",
                                 self->zoom > zoom_steps[0]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in",
                                 self->zoom < zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.save", self->pdf != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.print", self->pdf != NULL);
}

static void
show_error (KesReportPreview *self,
            const GError     *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* A screen reader can't read an image: the page is named by its number
 * and described by its text, and the Text button shows that text in a
 * view the caret can move through (issue 24). */
static void
show_page_text (KesReportPreview *self,
                const char       *text)
{
  g_autofree char *name = NULL;
  const char *shown = text != NULL && *text != '\0' ? text : _("This page has no text.");

  /* Translators: the preview's page image, "Page 2 of 7" */
  name = g_strdup_printf (_("Page %u of %u"), self->page + 1, kes_report_preview_get_n_pages (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                  -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), shown, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
text_toggled_cb (KesReportPreview *self)
{
  gboolean as_text = gtk_toggle_button_get_active (self->text_toggle);
  const char *child = gtk_stack_get_visible_child_name (self->stack);

  /* Only between the page and its text: not over a message or an error. */
  if (g_strcmp0 (child, "pages") == 0 || g_strcmp0 (child, "text") == 0)
    gtk_stack_set_visible_child_name (self->stack, as_text ? "text" : "pages");
}

static void
page_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KesReportPreview) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  texture = kes_preview_render_page_finish (result, &text, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    {
      show_error (self, error);
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  show_page_text (self, text);
  gtk_stack_set_visible_child_name (self->stack,
                                    gtk_toggle_button_get_active (self->text_toggle) ? "text" : "pages");
  g_signal_emit (self, signals [PAGE_SHOWN], 0, self->page);
}

static void
render_page (KesReportPreview *self)
{
  if (self->pdf == NULL)
    return;

  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->page_cancellable = g_cancellable_new ();

  update_controls (self);
  kes_preview_render_page_async (self->pdf->poppler, self->page, self->zoom * PIXELS_PER_POINT,
                                 self->page_cancellable, page_ready_cb, g_object_ref (self));
}

static void
pdf_ready_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KesReportPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  KesPreviewPdf *pdf;

  pdf = kes_preview_render_pdf_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (pdf == NULL)
    {
      show_error (self, error);
      update_controls (self);
      return;
    }

  g_clear_pointer (&self->pdf, kes_preview_pdf_free);
  self->pdf = pdf;
  self->page = 0;
  render_page (self);
}

static void
kes_report_preview_previous_page_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (widget);

  if (self->page > 0)
    kes_report_preview_set_page (self, self->page - 1);
}

static void
kes_report_preview_next_page_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (widget);

  kes_report_preview_set_page (self, self->page + 1);
}

static void
kes_report_preview_zoom_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (widget);
  gboolean in = g_str_equal (action_name, "preview.zoom-in");
  double zoom = self->zoom;

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    {
      double step = in ? zoom_steps[i] : zoom_steps[G_N_ELEMENTS (zoom_steps) - 1 - i];

      if ((in && step > self->zoom + 0.001) || (!in && step < self->zoom - 0.001))
        {
          zoom = step;
          break;
        }
    }

  kes_report_preview_set_zoom (self, zoom);
}

static char *
suggested_file_name (KesReportPreview *self)
{
  if (self->document == NULL)
    return kes_file_name_suggest (NULL, NULL, "pdf");
  return kes_document_suggest_file_name (self->document, "pdf");
}

static void
show_message (KesReportPreview *self,
              const char       *heading,
              const char       *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Core decides; the page only asks before anything leaves the program. */
static gboolean
check_export_permission (KesReportPreview  *self,
                         GError           **error)
{
  if (self->audit_store == NULL)
    return TRUE;

  return kes_store_check_permission (self->audit_store, self->permission, self->audit_patient_id, error);
}

static gboolean
write_audit (KesReportPreview  *self,
             const char        *action,
             GError           **error)
{
  if (self->audit_store == NULL)
    return TRUE;

  return kes_store_audit (self->audit_store, action, self->audit_patient_id,
                          self->audit_patient_id, self->audit_what, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (object);
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!kes_report_preview_save_finish (self, result, &error))
    {
      show_message (self, _("Could Not Save the Document"), error->message);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (_("Document saved")));
}

static void
save_response_cb (GtkNativeDialog  *dialog,
                  int               response,
                  KesReportPreview *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL)
        kes_report_preview_save_async (self, path, NULL, saved_cb, NULL);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  /* Back to the preview with the keyboard focus where it was: without a
   * window manager's help (or with one that doesn't) the closed dialog
   * leaves no window active, and the keys go nowhere. */
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_object_unref (self);
}

static void
kes_report_preview_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = suggested_file_name (self);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Save Document"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              KesReportPreview  *self)
{
  kes_preview_print_page (self->pdf->poppler, page, gtk_print_context_get_cairo_context (context),
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               KesReportPreview        *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_message (self, _("Could Not Print the Document"),
                    error != NULL ? error->message : _("The printing system reported a problem."));
      return;
    }

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;

  if (!write_audit (self, KES_AUDIT_PRINT, &error))
    show_message (self, _("The Printing Was Not Recorded"), error->message);
  g_signal_emit (self, signals [PRINTED], 0);
}

static void
kes_report_preview_print_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  GtkPaperSize *a4;
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *title;

  if (self->pdf == NULL)
    return;

  if (!check_export_permission (self, &error))
    {
      show_message (self, _("Could Not Print the Document"), error->message);
      return;
    }

  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);

  operation = gtk_print_operation_new ();
  title = kes_document_get_title (self->document);
  gtk_print_operation_set_job_name (operation, title != NULL ? title : _("Document"));
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, (int) self->pdf->n_pages);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, _("Could Not Print the Document"), error->message);
}

static void
kes_report_preview_dispose (GObject *object)
{
  KesReportPreview *self = (KesReportPreview *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->page_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_REPORT_PREVIEW);

  G_OBJECT_CLASS (kes_report_preview_parent_class)->dispose (object);
}

static void
kes_report_preview_finalize (GObject *object)
{
  KesReportPreview *self = (KesReportPreview *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->audit_store);
  g_clear_pointer (&self->audit_patient_id, g_free);
  g_clear_pointer (&self->audit_what, g_free);
  g_clear_pointer (&self->pdf, kes_preview_pdf_free);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->page_cancellable);

  G_OBJECT_CLASS (kes_report_preview_parent_class)->finalize (object);
}

static void
kes_report_preview_class_init (KesReportPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_report_preview_dispose;
  object_class->finalize = kes_report_preview_finalize;

  /* Emitted when a page is on screen, with its 0-based number. */
  signals [PAGE_SHOWN] =
    g_signal_new ("page-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  /* Emitted after the PDF was written, with its path. */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Emitted when the document went to the printer. */
  signals [PRINTED] =
    g_signal_new ("printed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kestrelcare/Kestrel/preview/kes-report-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, picture);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, text_view);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, text_toggle);
  gtk_widget_class_bind_template_callback (widget_class, text_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, KesReportPreview, error_page);

  gtk_widget_class_install_action (widget_class, "preview.previous-page", NULL,
                                   kes_report_preview_previous_page_action);
  gtk_widget_class_install_action (widget_class, "preview.next-page", NULL, kes_report_preview_next_page_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, kes_report_preview_zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, kes_report_preview_zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, kes_report_preview_save_action);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, kes_report_preview_print_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "preview.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "preview.print", NULL);
}

static void
kes_report_preview_init (KesReportPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->zoom = 1.0;
  self->permission = KES_PERMISSION_EXPORT;
  update_controls (self);
}

GtkWidget *
kes_report_preview_new (void)
{
  return g_object_new (KES_TYPE_REPORT_PREVIEW, NULL);
}

void
kes_report_preview_set_document (KesReportPreview *self,
                                 KesDocument      *document)
{
  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));
  g_return_if_fail (document == NULL || KES_IS_DOCUMENT (document));

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->pdf, kes_preview_pdf_free);
  g_set_object (&self->document, document);
  self->page = 0;
  gtk_picture_set_paintable (self->picture, NULL);

  if (document == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_controls (self);
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_controls (self);
  kes_preview_render_pdf_async (document, self->load_cancellable, pdf_ready_cb, g_object_ref (self));
}

KesDocument *
kes_report_preview_get_document (KesReportPreview *self)
{
  g_return_val_if_fail (KES_IS_REPORT_PREVIEW (self), NULL);

  return self->document;
}

guint
kes_report_preview_get_n_pages (KesReportPreview *self)
{
  g_return_val_if_fail (KES_IS_REPORT_PREVIEW (self), 0);

  return self->pdf != NULL ? self->pdf->n_pages : 0;
}

guint
kes_report_preview_get_page (KesReportPreview *self)
{
  g_return_val_if_fail (KES_IS_REPORT_PREVIEW (self), 0);

  return self->page;
}

void
kes_report_preview_set_page (KesReportPreview *self,
                             guint             page)
{
  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));

  if (self->pdf == NULL || page >= kes_report_preview_get_n_pages (self))
    return;

  self->page = page;
  render_page (self);
}

double
kes_report_preview_get_zoom (KesReportPreview *self)
{
  g_return_val_if_fail (KES_IS_REPORT_PREVIEW (self), 1.0);

  return self->zoom;
}

void
kes_report_preview_set_zoom (KesReportPreview *self,
                             double            zoom)
{
  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));

  self->zoom = CLAMP (zoom, zoom_steps[0], zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  update_controls (self);
  render_page (self);
}

GBytes *
kes_report_preview_get_pdf (KesReportPreview *self)
{
  g_return_val_if_fail (KES_IS_REPORT_PREVIEW (self), NULL);

  return self->pdf != NULL ? self->pdf->pdf : NULL;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GBytes *pdf = g_object_get_data (G_OBJECT (task), "pdf");
  const char *path = task_data;
  GError *error = NULL;

  if (kes_atomic_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                    &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The file is written; the access log entry is made on the main thread,
 * on the page's own store. */
static void
save_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KesReportPreview *self = KES_REPORT_PREVIEW (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error)
      || !write_audit (self, KES_AUDIT_EXPORT, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, (const char *) g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
}

void
kes_report_preview_save_async (KesReportPreview    *self,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) write = NULL;
  GError *error = NULL;

  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kes_report_preview_save_async);
  g_task_set_task_data (task, g_strdup (path), g_free);

  if (self->pdf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The document is still being prepared."));
      return;
    }

  if (!check_export_permission (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  write = g_task_new (self, cancellable, save_written_cb, g_steal_pointer (&task));
  g_task_set_source_tag (write, save_thread);
  g_task_set_task_data (write, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (write), "pdf", g_bytes_ref (self->pdf->pdf),
                          (GDestroyNotify)g_bytes_unref);
  g_task_run_in_thread (write, save_thread);
}

gboolean
kes_report_preview_save_finish (KesReportPreview  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
kes_report_preview_set_audit (KesReportPreview *self,
                              KesStore         *store,
                              const char       *patient_id,
                              const char       *what)
{
  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  g_set_object (&self->audit_store, store);
  g_free (self->audit_patient_id);
  self->audit_patient_id = g_strdup (patient_id);
  g_free (self->audit_what);
  self->audit_what = g_strdup (what);
}

void
kes_report_preview_set_permission (KesReportPreview *self,
                                   KesPermission     permission)
{
  g_return_if_fail (KES_IS_REPORT_PREVIEW (self));
  g_return_if_fail (permission < KES_N_PERMISSIONS);

  self->permission = permission;
}
