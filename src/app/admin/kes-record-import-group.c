/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-record-import-group"

#include "config.h"

#include <glib/gi18n.h>

#include "admin/kes-admin-page.h"
#include "admin/kes-record-import-group.h"
#include "kes-app-util.h"
#include "kes-patient.h"
#include "kes-record-archive.h"
#include "kes-record-import.h"
#include "kes-report-error.h"

struct _KesRecordImportGroup
{
  AdwPreferencesGroup  parent_instance;

  KesStore            *store;
  GtkWidget           *import_button;
  GtkWidget           *spinner;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (KesRecordImportGroup, kes_record_import_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker needs: the database file and who is acting (a KesStore
 * belongs to one thread), the file, and whether to keep the result. */
typedef struct
{
  char                 *db_path;
  KesStaff             *actor;
  KesStore             *shared_store; /* in-memory: the work runs at once on it */
  char                 *file;
  gboolean              dry_run;
  KesRecordImportFlags  flags;
} ImportJob;

/* What the dry run found, or what the import did. */
typedef struct
{
  char     *patient_id;
  char     *name;
  gboolean  held;       /* the patient is already in this database */
  guint     records;    /* records the import adds */
  guint     revisions;  /* revisions the import adds */
  guint     contacts;   /* in the file */
  guint     notes;      /* in the file */
} ImportResult;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_clear_object (&job->actor);
  g_clear_object (&job->shared_store);
  g_free (job->file);
  g_free (job);
}

static void
import_result_free (ImportResult *result)
{
  g_free (result->patient_id);
  g_free (result->name);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportResult, import_result_free)

static KesStore *
import_job_open_store (ImportJob  *job,
                       GError    **error)
{
  KesStore *store;

  if (job->shared_store != NULL)
    return g_object_ref (job->shared_store);

  store = kes_store_open (job->db_path, error);
  if (store != NULL && job->actor != NULL)
    kes_store_set_actor (store, job->actor);
  return store;
}

/* The patient's name as the file's latest register revision has it. */
static char *
archive_patient_name (KesRecordArchive *archive)
{
  KesArchivedRecord *record = kes_record_archive_get_patient (archive);
  g_autoptr(KesPatient) patient = kes_patient_new ();
  KesRevision *latest;

  if (record == NULL || record->revisions->len == 0)
    return NULL;

  latest = g_ptr_array_index (record->revisions, record->revisions->len - 1);
  if (!kes_patient_load_json (patient, kes_revision_get_data (latest), NULL))
    return NULL;
  return kes_patient_dup_display_name (patient);
}

/* Applies @path in a transaction that is always rolled back: every check
 * the real import makes, and nothing written. */
static gboolean
try_import (KesStore                *store,
            const char              *path,
            KesRecordImportFlags     flags,
            KesRecordImportSummary  *summary,
            GError                 **error)
{
  gboolean ok;

  if (!kes_store_begin (store, error))
    return FALSE;
  ok = kes_record_import_file (store, path, flags, summary, error);
  kes_store_rollback (store);
  return ok;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(KesRecordArchive) archive = NULL;
  g_autoptr(ImportResult) result = g_new0 (ImportResult, 1);
  KesRecordImportSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  store = import_job_open_store (job, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Read once for what the dialog shows; the import reads it again, so a
   * file changed in between is checked afresh. */
  archive = kes_record_archive_read_file (job->file, NULL, &error);
  if (archive == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result->name = archive_patient_name (archive);
  result->contacts = kes_record_archive_get_records (archive, KES_ARCHIVE_CONTACT)->len;
  result->notes = kes_record_archive_get_records (archive, KES_ARCHIVE_NOTE)->len;

  if (job->dry_run)
    {
      ok = try_import (store, job->file, job->flags, &summary, &error);
      if (!ok && g_error_matches (error, KES_REPORT_ERROR, KES_REPORT_ERROR_EXISTS))
        {
          g_clear_error (&error);
          kes_record_import_summary_clear (&summary);
          result->held = TRUE;
          ok = try_import (store, job->file, job->flags | KES_RECORD_IMPORT_MERGE, &summary,
                           &error);
        }
    }
  else
    {
      result->held = (job->flags & KES_RECORD_IMPORT_MERGE) != 0;
      ok = kes_record_import_file (store, job->file, job->flags, &summary, &error);
    }

  if (!ok)
    {
      kes_record_import_summary_clear (&summary);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->patient_id = g_strdup (summary.patient_id);
  result->records = summary.records_added;
  result->revisions = summary.revisions_added;
  kes_record_import_summary_clear (&summary);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) import_result_free);
}

static void
set_busy (KesRecordImportGroup *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (self->import_button, !busy && self->store != NULL);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
run_job (KesRecordImportGroup *self,
         const char           *file,
         gboolean              dry_run,
         KesRecordImportFlags  flags,
         GAsyncReadyCallback   callback)
{
  const char *path = kes_store_get_path (self->store);
  ImportJob *job = g_new0 (ImportJob, 1);
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);
  KesStaff *actor = kes_store_get_actor (self->store);

  job->file = g_strdup (file);
  job->dry_run = dry_run;
  job->flags = flags;
  if (actor != NULL)
    job->actor = g_object_ref (actor);
  if (path != NULL && *path != '\0' && g_strcmp0 (path, ":memory:") != 0)
    job->db_path = g_strdup (path);
  else
    job->shared_store = g_object_ref (self->store);

  set_busy (self, TRUE);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  if (job->shared_store == NULL)
    g_task_run_in_thread (task, import_thread);
  else
    import_thread (task, self, job, NULL);
}

static GtkWindow *
parent_window (KesRecordImportGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (KesRecordImportGroup *self,
            const char           *heading,
            const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shown as markup by AdwToast: escaped, since a name may hold "&". */
static void
toast (KesRecordImportGroup *self,
       const char           *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

static char *
describe_additions (const ImportResult *result)
{
  g_autofree char *records = NULL;
  g_autofree char *revisions = NULL;

  records = g_strdup_printf (ngettext ("%u record", "%u records", result->records),
                             result->records);
  revisions = g_strdup_printf (ngettext ("%u revision", "%u revisions", result->revisions),
                               result->revisions);
  /* Translators: "3 records and 7 revisions" */
  return g_strdup_printf (_("%s and %s"), records, revisions);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  KesRecordImportGroup *self = KES_RECORD_IMPORT_GROUP (object);
  g_autoptr(ImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *text = NULL;
  GtkWidget *admin;

  set_busy (self, FALSE);
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      show_error (self, _("The Case Record Was Not Imported"), error->message);
      return;
    }

  added = describe_additions (result);
  if (result->held)
    /* Translators: "Merged into O’BRIEN, Zoë: 2 records and 3 revisions added" */
    text = g_strdup_printf (_("Merged into %s: %s added"),
                            result->name != NULL ? result->name : _("the patient"), added);
  else
    /* Translators: "Imported O’BRIEN, Zoë: 4 records and 9 revisions" */
    text = g_strdup_printf (_("Imported %s: %s"),
                            result->name != NULL ? result->name : _("the patient"), added);
  toast (self, text);

  /* Staff and teams may have come with the record. */
  admin = gtk_widget_get_ancestor (GTK_WIDGET (self), KES_TYPE_ADMIN_PAGE);
  if (admin != NULL)
    g_signal_emit_by_name (admin, "directory-changed");
  g_signal_emit (self, signals[IMPORTED], 0, result->patient_id);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(KesRecordImportGroup) self = user_data;
  const char *file = g_object_get_data (G_OBJECT (dialog), "kes-file");

  if (g_strcmp0 (response, "import") == 0)
    run_job (self, file, FALSE, KES_RECORD_IMPORT_DEFAULT, imported_cb);
  else if (g_strcmp0 (response, "merge") == 0)
    run_job (self, file, FALSE, KES_RECORD_IMPORT_MERGE, imported_cb);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  KesRecordImportGroup *self = KES_RECORD_IMPORT_GROUP (object);
  ImportJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(ImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *body = NULL;
  const char *name;
  AdwMessageDialog *dialog;

  set_busy (self, FALSE);
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      show_error (self, _("This File Cannot Be Imported"), error->message);
      return;
    }

  name = result->name != NULL ? result->name : _("The patient");
  added = describe_additions (result);

  if (result->held && result->records == 0 && result->revisions == 0)
    {
      body = g_strdup_printf (_("%s is already held, with everything this file has. "
                                "Nothing would be added."),
                              name);
      show_error (self, _("Nothing to Import"), body);
      return;
    }

  if (result->held)
    {
      body = g_strdup_printf (_("%s is already held in this database. Merging adds the %s this "
                                "file has and the database lacks; nothing already held is "
                                "changed. The patient is never added twice."),
                              name, added);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("Merge Into the Record Held?"),
                                                           body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
    }
  else
    {
      g_autofree char *contacts = NULL;
      g_autofree char *notes = NULL;

      contacts = g_strdup_printf (ngettext ("%u contact", "%u contacts", result->contacts),
                                  result->contacts);
      notes = g_strdup_printf (ngettext ("%u note", "%u notes", result->notes), result->notes);
      /* Translators: "… adds O’BRIEN, Zoë to this database: the register entry, 2 contacts
       * and 5 notes, with their history (8 records and 12 revisions)." */
      body = g_strdup_printf (_("The file is sound. Importing adds %s to this database: the "
                                "register entry, %s and %s, with their history (%s)."),
                              name, contacts, notes, added);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("Import This Case Record?"),
                                                           body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
    }

  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kes-file", g_strdup (job->file), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
file_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(KesRecordImportGroup) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        kes_record_import_group_import_file (self, path);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
import_clicked_cb (KesRecordImportGroup *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Import Case Record"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Case records (XML)"));
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (file_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
kes_record_import_group_dispose (GObject *object)
{
  KesRecordImportGroup *self = KES_RECORD_IMPORT_GROUP (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kes_record_import_group_parent_class)->dispose (object);
}

static void
kes_record_import_group_class_init (KesRecordImportGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kes_record_import_group_dispose;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kes_record_import_group_init (KesRecordImportGroup *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Case Records"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Bring in a patient’s case record exported from "
                                           "another Kestrel database (XML). The file is checked "
                                           "first and you see what it adds before anything is "
                                           "written."));

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->spinner);

  self->import_button = gtk_button_new_with_mnemonic (_("_Import Case Record…"));
  gtk_widget_set_valign (self->import_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  kes_widget_set_handle (self->import_button, "import-case-record");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->import_button);

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), box);
}

GtkWidget *
kes_record_import_group_new (void)
{
  return g_object_new (KES_TYPE_RECORD_IMPORT_GROUP, NULL);
}

void
kes_record_import_group_set_store (KesRecordImportGroup *self,
                                   KesStore             *store)
{
  g_return_if_fail (KES_IS_RECORD_IMPORT_GROUP (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  g_set_object (&self->store, store);
  set_busy (self, self->busy);
}

void
kes_record_import_group_import_file (KesRecordImportGroup *self,
                                     const char           *path)
{
  g_return_if_fail (KES_IS_RECORD_IMPORT_GROUP (self));
  g_return_if_fail (path != NULL);

  if (self->busy || self->store == NULL)
    return;

  run_job (self, path, TRUE, KES_RECORD_IMPORT_DEFAULT, checked_cb);
}

gboolean
kes_record_import_group_get_busy (KesRecordImportGroup *self)
{
  g_return_val_if_fail (KES_IS_RECORD_IMPORT_GROUP (self), FALSE);

  return self->busy;
}
