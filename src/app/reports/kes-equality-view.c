/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-equality-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-equality-report.h"
#include "kes-equality-view.h"
#include "kes-validate.h"
#include "kes-xml-writer.h"
#include "preview/kes-report-preview.h"

struct _KesEqualityView
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkEditable          *from_entry;
  GtkEditable          *to_entry;
  GtkLabel             *error_label;
  GtkWidget            *csv_button;
  GtkWidget            *xml_button;
  KesReportPreview     *preview;
  GtkFileChooserNative *chooser;
  GtkWidget            *spinner;
  GCancellable         *cancellable;

  KesStore             *store;
  char                 *from;   /* the period shown, YYYY-MM-DD */
  char                 *to;
  KesEqualityReport    *report; /* as shown: what Save CSV… and Save XML… write */
  KesDocument          *document;
};

G_DEFINE_FINAL_TYPE (KesEqualityView, kes_equality_view, GTK_TYPE_WIDGET)

static void
show_error (KesEqualityView *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Core runs the report with export or view-audit; saving a copy follows
 * the same rule. */
static KesPermission
save_permission (KesEqualityView *self)
{
  return kes_store_check_permission (self->store, KES_PERMISSION_EXPORT, NULL, NULL) ? KES_PERMISSION_EXPORT
                                                                                    : KES_PERMISSION_VIEW_AUDIT;
}

/* The report is counted over the whole database in a worker on its own
 * connection (a KesStore belongs to one thread), as the signed-in member of
 * staff, so the window never waits on it. */
typedef struct
{
  char     *path;
  KesStaff *actor;
  char     *from;
  char     *to;
  guint     suppress_up_to; /* the local disclosure rule (settings) */
  guint     round_to;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->path);
  g_clear_object (&job->actor);
  g_free (job->from);
  g_free (job->to);
  g_free (job);
}

typedef struct
{
  KesEqualityReport *report;
  KesDocument       *document;
} ReportResult;

static void
report_result_free (ReportResult *result)
{
  g_clear_pointer (&result->report, kes_equality_report_free);
  g_clear_object (&result->document);
  g_free (result);
}

/* The team's disclosure rule (settings disclosure-suppress-up-to and
 * disclosure-round-to); the published one without the schema. */
static void
local_rule (guint *suppress_up_to,
            guint *round_to)
{
  static const char * const keys[] = { "disclosure-suppress-up-to", "disclosure-round-to", NULL };
  g_autoptr(GSettings) settings = kes_settings_new_with_keys (keys);
  KesDisclosure published;

  kes_disclosure_default (&published);
  *suppress_up_to = settings != NULL ? g_settings_get_uint (settings, keys[0]) : published.suppress_up_to;
  *round_to = settings != NULL ? g_settings_get_uint (settings, keys[1]) : published.round_to;
}

/* How the report protects small numbers under the rule in force. */
static char *
disclosure_text (void)
{
  KesDisclosure rule;
  guint suppress_up_to, round_to;

  kes_disclosure_default (&rule);
  local_rule (&suppress_up_to, &round_to);
  /* A looser setting is refused when the report is made; say what NHS Digital's rule does. */
  kes_disclosure_set_local (&rule, suppress_up_to, round_to, NULL);
  return kes_disclosure_describe (&rule);
}

static ReportResult *
build_result (KesStore    *store,
              ReportJob   *job,
              GError     **error)
{
  g_autoptr(KesEqualityReport) report = kes_store_equality_report (store, job->from, job->to, error);
  KesStaff *actor = kes_store_get_actor (store);
  ReportResult *result;

  /* Core refuses a local rule looser than NHS Digital's. */
  if (report == NULL ||
      !kes_disclosure_set_local (&report->disclosure, job->suppress_up_to, job->round_to, error))
    return NULL;
  result = g_new0 (ReportResult, 1);
  result->document = kes_equality_report_build (report, actor != NULL ? kes_staff_get_display_name (actor) : NULL);
  result->report = g_steal_pointer (&report);
  return result;
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (job->path, &error);
  ReportResult *result;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->actor != NULL)
    kes_store_set_actor (store, job->actor);
  result = build_result (store, job, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) report_result_free);
}

static void
show_result (KesEqualityView *self,
             ReportResult    *result)
{
  g_autofree char *what = g_strdup_printf ("equality report %s to %s (PDF)", self->from, self->to);

  g_clear_pointer (&self->report, kes_equality_report_free);
  g_set_object (&self->document, result->document);
  self->report = g_steal_pointer (&result->report);
  kes_report_preview_set_audit (self->preview, self->store, NULL, what);
  kes_report_preview_set_permission (self->preview, save_permission (self));
  kes_report_preview_set_document (self->preview, self->document);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), TRUE);
  gtk_widget_set_sensitive (self->csv_button, TRUE);
  gtk_widget_set_sensitive (self->xml_button, TRUE);
}

static void
report_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KesEqualityView) self = user_data;
  g_autoptr(GError) error = NULL;
  ReportResult *done = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  if (done == NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_result (self, done);
  report_result_free (done);
}

static void
show_clicked_cb (KesEqualityView *self)
{
  kes_equality_view_show (self);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     KesEqualityView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
    }
  if (path != NULL)
    {
      if (kes_equality_view_save (self, format, path, &error))
        kes_widget_toast (GTK_WIDGET (self), _("Equality report saved"));
      else
        kes_show_error (GTK_WIDGET (self), _("Could Not Save the Report"), error->message);
    }
  g_clear_object (&self->chooser);
}

static void
save_clicked_cb (GtkButton       *button,
                 KesEqualityView *self)
{
  const char *format = g_object_get_data (G_OBJECT (button), "format");
  g_autofree char *name = g_strdup_printf ("equality-%s-to-%s.%s", self->from, self->to, format);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->from == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (g_str_equal (format, "csv") ? _("Save Equality Report as CSV")
                                                                          : _("Save Equality Report as XML"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data (G_OBJECT (self->chooser), "format", (gpointer) format);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
entry_row (const char *title,
           const char *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  return row;
}

static void
kes_equality_view_dispose (GObject *object)
{
  KesEqualityView *self = KES_EQUALITY_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->report, kes_equality_report_free);
  g_clear_object (&self->document);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (kes_equality_view_parent_class)->dispose (object);
}

static void
kes_equality_view_class_init (KesEqualityViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = kes_equality_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kes_equality_view_init (KesEqualityView *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *to = g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (today), g_date_get_month (today),
                                         g_date_get_year (today));
  g_autofree char *from = g_strdup_printf ("01/01/%04d", g_date_get_year (today));
  GtkWidget *title = gtk_label_new (_("Equality Monitoring (PCREF)"));
  g_autofree char *protection = disclosure_text ();
  g_autofree char *about_text = g_strdup_printf (_("Caseload, restricted status, recalls, carer’s assessments "
                                                   "offered and referrals received, accepted and declined, with "
                                                   "time to decision, by ethnic category, gender and age band. %s"),
                                                 protection);
  GtkWidget *about = gtk_label_new (about_text);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show Report"));
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *from_row = entry_row (_("From (dd/mm/yyyy)"), "equality-from");
  GtkWidget *to_row = entry_row (_("To (dd/mm/yyyy)"), "equality-to");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_start (self->box, 18);
  gtk_widget_set_margin_end (self->box, 18);
  gtk_widget_set_margin_top (self->box, 18);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_label_set_xalign (GTK_LABEL (about), 0);
  gtk_label_set_wrap (GTK_LABEL (about), TRUE);
  gtk_widget_add_css_class (about, "dim-label");
  gtk_box_append (GTK_BOX (texts), about);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (header), texts);

  gtk_editable_set_text (GTK_EDITABLE (from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (to_row), to);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), from_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), to_row);
  gtk_widget_set_size_request (group, 280, -1);
  gtk_box_append (GTK_BOX (header), group);

  gtk_widget_set_name (show, "equality-show");
  gtk_widget_add_css_class (show, "suggested-action");
  g_signal_connect_swapped (show, "clicked", G_CALLBACK (show_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), show);
  self->csv_button = gtk_button_new_with_mnemonic (_("Save _CSV…"));
  gtk_widget_set_name (self->csv_button, "equality-csv");
  g_object_set_data (G_OBJECT (self->csv_button), "format", (gpointer) "csv");
  g_signal_connect (self->csv_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->csv_button);
  self->xml_button = gtk_button_new_with_mnemonic (_("Save _XML…"));
  gtk_widget_set_name (self->xml_button, "equality-xml");
  g_object_set_data (G_OBJECT (self->xml_button), "format", (gpointer) "xml");
  g_signal_connect (self->xml_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->xml_button);
  gtk_widget_set_sensitive (self->csv_button, FALSE);
  gtk_widget_set_sensitive (self->xml_button, FALSE);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Counting"), -1);
  gtk_box_append (GTK_BOX (header), self->spinner);
  gtk_box_append (GTK_BOX (header), buttons);
  gtk_box_append (GTK_BOX (self->box), header);

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_name (error, "equality-error");
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (self->box), error);

  self->preview = KES_REPORT_PREVIEW (kes_report_preview_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->preview));

  self->from_entry = GTK_EDITABLE (from_row);
  self->to_entry = GTK_EDITABLE (to_row);
  self->error_label = GTK_LABEL (error);
}

GtkWidget *
kes_equality_view_new (void)
{
  return g_object_new (KES_TYPE_EQUALITY_VIEW, NULL);
}

void
kes_equality_view_set_store (KesEqualityView *self,
                             KesStore        *store)
{
  g_return_if_fail (KES_IS_EQUALITY_VIEW (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->report, kes_equality_report_free);
  g_clear_object (&self->document);
  show_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
  gtk_widget_set_sensitive (self->csv_button, FALSE);
  gtk_widget_set_sensitive (self->xml_button, FALSE);
}

void
kes_equality_view_set_period (KesEqualityView *self,
                              const char      *from,
                              const char      *to)
{
  g_return_if_fail (KES_IS_EQUALITY_VIEW (self));

  gtk_editable_set_text (self->from_entry, from);
  gtk_editable_set_text (self->to_entry, to);
}

gboolean
kes_equality_view_show (KesEqualityView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *path;
  ReportJob *job;
  GTask *task;

  g_return_val_if_fail (KES_IS_EQUALITY_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (self->csv_button, FALSE);
  gtk_widget_set_sensitive (self->xml_button, FALSE);

  /* The dates, the period and the permission are checked at once; only the
   * counting waits. */
  from_text = kes_editable_dup_text (self->from_entry);
  to_text = kes_editable_dup_text (self->to_entry);
  if ((from = kes_date_parse (from_text, _("From"), &error)) == NULL ||
      (to = kes_date_parse (to_text, _("To"), &error)) == NULL)
    goto refused;
  if (g_strcmp0 (from, to) > 0)
    {
      g_set_error_literal (&error, KES_ERROR, KES_ERROR_INVALID, _("The period ends before it starts: check the dates"));
      goto refused;
    }
  if (!kes_store_check_permission (self->store, KES_PERMISSION_EXPORT, NULL, &error) &&
      !kes_store_check_permission (self->store, KES_PERMISSION_VIEW_AUDIT, NULL, NULL))
    goto refused;
  g_clear_error (&error);

  show_error (self, NULL);
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);

  path = kes_store_get_path (self->store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      /* An in-memory store can't be opened twice: count here. */
      ReportJob here = { NULL, NULL, from, to, 0, 0 };
      ReportResult *done;

      local_rule (&here.suppress_up_to, &here.round_to);
      done = build_result (self->store, &here, &error);

      if (done == NULL)
        goto refused;
      show_result (self, done);
      report_result_free (done);
      return TRUE;
    }

  job = g_new0 (ReportJob, 1);
  job->path = g_strdup (path);
  job->actor = kes_store_get_actor (self->store) != NULL ? g_object_ref (kes_store_get_actor (self->store)) : NULL;
  job->from = g_steal_pointer (&from);
  job->to = g_steal_pointer (&to);
  local_rule (&job->suppress_up_to, &job->round_to);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, report_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, kes_equality_view_show);
  g_task_set_task_data (task, job, (GDestroyNotify) report_job_free);
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  g_task_run_in_thread (task, report_thread);
  g_object_unref (task);
  return TRUE;

refused:
  g_clear_pointer (&self->report, kes_equality_report_free);
  g_clear_object (&self->document);
  show_error (self, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->preview), FALSE);
  return FALSE;
}

gboolean
kes_equality_view_save (KesEqualityView  *self,
                        const char       *format,
                        const char       *path,
                        GError          **error)
{
  g_autofree char *summary = NULL;
  gboolean csv;

  g_return_val_if_fail (KES_IS_EQUALITY_VIEW (self), FALSE);
  g_return_val_if_fail (format != NULL && path != NULL, FALSE);

  csv = g_str_equal (format, "csv");
  if (self->store == NULL || !kes_store_check_permission (self->store, save_permission (self), NULL, error))
    return FALSE;
  if (self->report == NULL || self->document == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Show the report for a period first"));
      return FALSE;
    }
  /* What is shown is what is saved: no second count. */
  if (csv ? !kes_equality_report_write_csv (self->report, path, error)
          : !kes_xml_write_file (self->document, path, error))
    return FALSE;
  summary = g_strdup_printf ("equality report %s to %s saved (%s)", self->from, self->to, csv ? "CSV" : "XML");
  return kes_store_audit (self->store, KES_AUDIT_EXPORT, NULL, NULL, summary, error);
}
