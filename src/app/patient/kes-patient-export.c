/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-export"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-record-export.h"
#include "kes-report-sar.h"
#include "patient/kes-sar-redaction.h"
#include "kes-report-summary.h"
#include "kes-secondary-window.h"
#include "patient/kes-patient-export.h"
#include "preview/kes-report-preview.h"

typedef enum
{
  JOB_SUMMARY,
  JOB_SAR,
  JOB_RECORD,
} JobKind;

/* What a worker needs: the database file and the session (who is acting
 * and their emergency access), never the page's own store (a KesStore
 * belongs to one thread). */
typedef struct
{
  JobKind     kind;
  char       *db_path;
  KesSession *session;
  KesStore *shared_store; /* an in-memory store: the work runs at once on it */
  char     *patient_id;
  char     *target;       /* the folder or file written */
  GPtrArray *decisions;   /* JOB_SAR: KesSarThirdParty, the clinician's decisions */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->db_path);
  g_clear_pointer (&job->session, kes_session_free);
  g_clear_object (&job->shared_store);
  g_free (job->patient_id);
  g_free (job->target);
  g_clear_pointer (&job->decisions, g_ptr_array_unref);
  g_free (job);
}

static ExportJob *
export_job_new (KesPatientPage *page,
                JobKind         kind,
                const char     *target)
{
  KesStore *store = kes_patient_page_get_store (page);
  KesPatient *patient = kes_patient_page_get_patient (page);
  const char *path = kes_store_get_path (store);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->kind = kind;
  job->patient_id = g_strdup (kes_patient_get_id (patient));
  job->target = g_strdup (target);
  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    job->db_path = g_strdup (path);
  else
    job->shared_store = g_object_ref (store);
  job->session = kes_store_get_session (store);
  return job;
}

static KesStore *
export_job_open_store (ExportJob  *job,
                       GError    **error)
{
  KesStore *store;

  if (job->shared_store != NULL)
    return g_object_ref (job->shared_store);

  store = kes_store_open (job->db_path, error);
  if (store != NULL && !kes_store_resume_session (store, job->session, error))
    g_clear_object (&store);
  return store;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = export_job_open_store (job, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (job->kind)
    {
    case JOB_SUMMARY:
      {
        KesDocument *document = NULL;

        /* Core refuses first; the document is only built when it may leave. */
        if (kes_store_check_permission (store, KES_PERMISSION_EXPORT, job->patient_id, &error))
          document = kes_report_patient_summary (store, job->patient_id, &error);
        if (document == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, document, g_object_unref);
      }
      break;

    case JOB_SAR:
      if (kes_report_subject_access_export (store, job->patient_id, job->target, job->decisions, cancellable,
                                            &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      break;

    case JOB_RECORD:
      if (kes_record_export_file (store, job->patient_id, job->target, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
export_job_run (KesPatientPage      *page,
                ExportJob           *job,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (page, cancellable, callback, user_data);
  gboolean in_thread = job->shared_store == NULL;

  g_task_set_source_tag (task, export_job_run);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  if (in_thread)
    g_task_run_in_thread (task, export_thread);
  else
    export_thread (task, page, job, cancellable);
}

static GtkWindow *
page_window (KesPatientPage *page)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A toast on the record's window; the text is shown as markup, so a path
 * with "&" in it is escaped first. */
static AdwToast *
page_toast (KesPatientPage *page,
            const char     *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast;

  if (overlay == NULL)
    return NULL;

  toast = adw_toast_new (escaped);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return toast;
}

static void
set_busy (KesPatientPage *page,
          gboolean        busy)
{
  g_object_set_data (G_OBJECT (page), "kes-export-busy", GINT_TO_POINTER (busy));
  kes_patient_page_update_actions (page);
}

static gboolean
is_busy (KesPatientPage *page)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (page), "kes-export-busy"));
}

/* ---- Patient summary: a preview window with Save As… and Print ---- */

static GtkWidget *
preview_window_new (KesPatientPage *page,
                    KesDocument    *document)
{
  KesStore *store = kes_patient_page_get_store (page);
  KesPatient *patient = kes_patient_page_get_patient (page);
  g_autofree char *name = kes_patient_dup_display_name (patient);
  g_autofree char *title = NULL;
  GtkWidget *window, *box, *header, *overlay, *preview;

  /* Translators: the preview window's title, "Patient Summary — Zoë O’Brien" */
  title = g_strdup_printf (_("Patient Summary — %s"), name);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 860);
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  gtk_window_set_transient_for (GTK_WINDOW (window), page_window (page));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  preview = kes_report_preview_new ();
  kes_widget_set_handle (preview, "report-preview");
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), store,
                                kes_patient_get_id (patient), "patient summary (PDF)");
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), preview);
  gtk_box_append (GTK_BOX (box), overlay);

  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "kes-report-preview", preview);
  return window;
}

static void
summary_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KesPatientPage *page = KES_PATIENT_PAGE (object);
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  set_busy (page, FALSE);
  document = g_task_propagate_pointer (G_TASK (result), &error);
  if (document == NULL)
    {
      kes_show_error (GTK_WIDGET (page), _("Could Not Prepare the Patient Summary"),
                      error->message);
      return;
    }

  if (kes_patient_page_get_patient (page) == NULL)
    return;

  window = preview_window_new (page, document);
  gtk_window_present (GTK_WINDOW (window));
}

static void
kes_patient_page_export_summary_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  KesPatientPage *page = KES_PATIENT_PAGE (widget);

  if (is_busy (page) || kes_patient_page_get_patient (page) == NULL)
    return;

  set_busy (page, TRUE);
  export_job_run (page, export_job_new (page, JOB_SUMMARY, NULL), NULL, summary_ready_cb,
                  NULL);
}

/* ---- Subject access export: a folder, with progress and Cancel ---- */

typedef struct
{
  KesPatientPage *page;
  GCancellable   *cancellable;
  GtkWidget      *dialog;       /* the progress dialog, while it is open */
  GtkWidget      *progress;
  guint           pulse_id;
  char           *folder;
} SarRun;

static void
sar_run_free (SarRun *run)
{
  g_clear_handle_id (&run->pulse_id, g_source_remove);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->page);
  g_free (run->folder);
  g_free (run);
}

static gboolean
pulse_cb (gpointer user_data)
{
  SarRun *run = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (run->progress));
  return G_SOURCE_CONTINUE;
}

static void
open_folder_cb (AdwToast *toast,
                gpointer  user_data)
{
  const char *folder = g_object_get_data (G_OBJECT (toast), "kes-folder");
  GtkWindow *window = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

static void
sar_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  KesPatientPage *page = KES_PATIENT_PAGE (object);
  SarRun *run = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (page, FALSE);
  g_clear_handle_id (&run->pulse_id, g_source_remove);
  if (run->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (run->dialog), (gpointer *) &run->dialog);
      gtk_window_destroy (GTK_WINDOW (run->dialog));
      run->dialog = NULL;
    }

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = NULL;
      AdwToast *toast;

      text = g_strdup_printf (_("Subject access export written to %s"), run->folder);
      toast = page_toast (page, text);
      if (toast != NULL)
        {
          adw_toast_set_button_label (toast, _("_Open Folder"));
          adw_toast_set_timeout (toast, 10);
          g_object_set_data_full (G_OBJECT (toast), "kes-folder", g_strdup (run->folder), g_free);
          g_signal_connect (toast, "button-clicked", G_CALLBACK (open_folder_cb),
                            page_window (page));
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      page_toast (page, _("Subject access export cancelled"));
    }
  else
    {
      kes_show_error (GTK_WIDGET (page), _("The Subject Access Export Was Not Written"),
                      error->message);
    }

  sar_run_free (run);
}

static void
sar_progress_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  GCancellable *cancellable = user_data;

  if (g_strcmp0 (response, "cancel") == 0)
    g_cancellable_cancel (cancellable);
}

/* "Subject access – SMITH, Alex – 2026-11-21", then "… (2)" and so on:
 * never inside an earlier export. */
static char *
new_sar_folder (const char *parent,
                const char *patient_name)
{
  /* Translators: the folder a subject access export is written to; its patient and the date follow */
  g_autofree char *base = kes_file_name_suggest (_("Subject access"), patient_name, NULL);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s (%u)", base, n);
      g_autofree char *path = g_build_filename (parent, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }

  return g_build_filename (parent, base, NULL);
}

void
kes_patient_export_sar_to (KesPatientPage *page,
                           const char     *parent_folder,
                           GPtrArray      *decisions)
{
  SarRun *run;
  GtkWidget *dialog;
  ExportJob *job;

  g_return_if_fail (KES_IS_PATIENT_PAGE (page));
  g_return_if_fail (parent_folder != NULL);

  if (is_busy (page) || kes_patient_page_get_patient (page) == NULL)
    return;

  run = g_new0 (SarRun, 1);
  run->page = g_object_ref (page);
  run->cancellable = g_cancellable_new ();
  {
    g_autofree char *patient = kes_patient_dup_display_name (kes_patient_page_get_patient (page));

    run->folder = new_sar_folder (parent_folder, patient);
  }

  dialog = adw_message_dialog_new (page_window (page), _("Writing the Subject Access Export"),
                                   _("Everything held about this patient is being written as "
                                     "PDF and XML, with a manifest."));
  run->progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (run->progress), 0.1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), run->progress);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sar_progress_response_cb),
                           run->cancellable, 0);
  run->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &run->dialog);
  run->pulse_id = g_timeout_add (120, pulse_cb, run);
  gtk_window_present (GTK_WINDOW (dialog));

  set_busy (page, TRUE);
  job = export_job_new (page, JOB_SAR, run->folder);
  job->decisions = decisions != NULL ? g_ptr_array_ref (decisions) : NULL;
  export_job_run (page, job, run->cancellable, sar_done_cb, run);
}

static void
sar_folder_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(KesPatientPage) page = user_data;
  g_autoptr(GPtrArray) decisions = g_object_steal_data (G_OBJECT (dialog), "kes-decisions");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kes_patient_export_sar_to (page, path, decisions);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Where to write it, once the decisions about other people are made. */
static void
choose_sar_folder (KesPatientPage *page,
                   GPtrArray      *decisions)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose Where to Write the Subject Access Export"),
                                        page_window (page), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "kes-decisions", g_ptr_array_ref (decisions),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (sar_folder_response_cb), g_object_ref (page));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sar_decided_cb (GPtrArray *decisions,
                gpointer   user_data)
{
  g_autoptr(KesPatientPage) page = user_data;

  if (decisions != NULL)
    choose_sar_folder (page, decisions);
}

void
kes_patient_export_sar_review (KesPatientPage *page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *parties;

  g_return_if_fail (KES_IS_PATIENT_PAGE (page));

  if (is_busy (page) || kes_patient_page_get_patient (page) == NULL)
    return;
  parties = kes_report_subject_access_third_parties (kes_patient_page_get_store (page),
                                                     kes_patient_get_id (kes_patient_page_get_patient (page)),
                                                     &error);
  if (parties == NULL)
    {
      kes_show_error (GTK_WIDGET (page), _("The Subject Access Export Could Not Start"), error->message);
      return;
    }
  if (parties->len == 0)
    {
      choose_sar_folder (page, parties);
      g_ptr_array_unref (parties);
      return;
    }
  kes_sar_redaction_ask (page_window (page), parties, sar_decided_cb, g_object_ref (page));
}

static void
kes_patient_page_export_sar_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  kes_patient_export_sar_review (KES_PATIENT_PAGE (widget));
}

/* ---- Case record as XML ---- */

static void
record_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  KesPatientPage *page = KES_PATIENT_PAGE (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (page, FALSE);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = g_strdup_printf (_("Case record saved to %s"), job->target);

      page_toast (page, text);
    }
  else
    {
      kes_show_error (GTK_WIDGET (page), _("The Case Record Was Not Saved"), error->message);
    }
}

void
kes_patient_export_record_to (KesPatientPage *page,
                              const char     *path)
{
  g_return_if_fail (KES_IS_PATIENT_PAGE (page));
  g_return_if_fail (path != NULL);

  if (is_busy (page) || kes_patient_page_get_patient (page) == NULL)
    return;

  set_busy (page, TRUE);
  export_job_run (page, export_job_new (page, JOB_RECORD, path), NULL, record_done_cb, NULL);
}

static void
record_file_response_cb (GtkNativeDialog *dialog,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(KesPatientPage) page = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kes_patient_export_record_to (page, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
kes_patient_page_export_record_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  KesPatientPage *page = KES_PATIENT_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (is_busy (page) || kes_patient_page_get_patient (page) == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save the Case Record"), page_window (page),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  {
    g_autofree char *patient = kes_patient_dup_display_name (kes_patient_page_get_patient (page));

    /* Translators: what a saved case record is called; its patient and the date follow */
    name = kes_file_name_suggest (_("Case record"), patient, "xml");
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("Case records (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (record_file_response_cb), g_object_ref (page));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- Public ---- */

void
kes_patient_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "patient.export-summary", NULL,
                                   kes_patient_page_export_summary_action);
  gtk_widget_class_install_action (widget_class, "patient.export-sar", NULL,
                                   kes_patient_page_export_sar_action);
  gtk_widget_class_install_action (widget_class, "patient.export-record", NULL,
                                   kes_patient_page_export_record_action);
}

gboolean
kes_patient_export_update (KesPatientPage *page,
                           gboolean        available,
                           GtkWidget      *button)
{
  KesStore *store = kes_patient_page_get_store (page);
  KesPatient *patient = kes_patient_page_get_patient (page);
  const char *id = patient != NULL ? kes_patient_get_id (patient) : NULL;
  gboolean allowed = FALSE;
  gboolean enabled;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (page), FALSE);

  if (available && store != NULL && id != NULL && *id != '\0'
      && kes_store_check_permission (store, KES_PERMISSION_EXPORT, id, NULL))
    allowed = TRUE;

  enabled = allowed && !is_busy (page);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "patient.export-summary", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "patient.export-sar", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "patient.export-record", enabled);
  if (button != NULL)
    gtk_widget_set_visible (button, allowed);
  return allowed;
}
