/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-export"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-output-guard.h"
#include "kes-secondary-window.h"
#include "kes-tool-library.h"
#include "kes-xml-writer.h"
#include "preview/kes-report-preview.h"
#include "risk/kes-risk-export.h"

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
kes_risk_export_preview (GtkWidget   *parent,
                         KesStore    *store,
                         const char  *patient_id,
                         KesDocument *document)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *preview = kes_report_preview_new ();

  gtk_window_set_title (GTK_WINDOW (window), kes_document_get_title (document));
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 860);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent_window (parent));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (kes_document_get_title (document),
                                                         kes_document_get_subtitle (document)));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (overlay, TRUE);
  kes_widget_set_handle (preview, "report-preview");
  /* Saving or printing checks the export permission and is logged. */
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), store, patient_id,
                                "structured risk assessment (PDF)");
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), preview);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

typedef struct
{
  GtkWidget   *parent;
  KesStore    *store;
  char        *patient_id;
  KesDocument *document;
  GCallback    done;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_object (&job->document);
  g_free (job->patient_id);
  g_free (job);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  Job             *job)
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
      if (!kes_xml_write_file (job->document, path, &error) ||
          !kes_store_audit (job->store, KES_AUDIT_EXPORT, NULL, job->patient_id,
                            "risk assessment (XML)", &error))
        kes_show_error (job->parent, _("The XML Was Not Saved"), error->message);
      else
        kes_widget_toast (job->parent, _("Saved as XML"));
    }
  g_object_unref (dialog);
  job_free (job);
}

void
kes_risk_export_xml (GtkWidget   *parent,
                     KesStore    *store,
                     const char  *patient_id,
                     KesDocument *document)
{
  GtkFileChooserNative *dialog;
  Job *job = g_new0 (Job, 1);
  g_autofree char *name = kes_document_suggest_file_name (document, "xml");

  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->patient_id = g_strdup (patient_id);
  job->document = g_object_ref (document);
  dialog = gtk_file_chooser_native_new (_("Save as XML"), parent_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    Job             *job)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  if (path != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KesToolDefinition) def = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (kes_output_guard_check_source (path, &error) &&
          g_file_get_contents (path, &contents, &length, &error))
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

          def = kes_tool_library_import (job->store, bytes, &error);
        }
      if (def == NULL)
        kes_show_error (job->parent, _("The Definition Was Not Imported"), error->message);
      else
        {
          /* Translators: %s is a tool's title */
          g_autofree char *message = g_strdup_printf (_("Imported “%s”"), kes_tool_definition_get_title (def));

          kes_widget_toast (job->parent, message);
          if (job->done != NULL)
            ((void (*) (GtkWidget *)) job->done) (job->parent);
        }
    }
  g_object_unref (dialog);
  job_free (job);
}

void
kes_risk_import_definition (GtkWidget *parent,
                            KesStore  *store,
                            GCallback  done)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Job *job = g_new0 (Job, 1);

  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->done = done;
  dialog = gtk_file_chooser_native_new (_("Import a Tool Definition"), parent_window (parent),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tool definitions (XML)"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
