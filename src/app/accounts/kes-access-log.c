/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-access-log"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "accounts/kes-access-log.h"
#include "kes-app-util.h"
#include "kes-atomic-file.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-validate.h"

/* Entries read at a time. */
#define PAGE_SIZE 200

struct _KesAccessLog
{
  AdwBin        parent_instance;

  KesStore     *store;
  char         *patient_id;
  GPtrArray    *entries;     /* KesAuditEntry read, newest first */
  guint         n_rows;      /* rows shown (a visit's closing is its opening's detail) */
  GHashTable   *closing;     /* "actor/patient" -> tabs of a closing not yet matched */
  GCancellable *cancellable;
  gboolean      more;
  GtkFileChooserNative *chooser;

  GtkEntry     *from_entry;
  GtkEntry     *to_entry;
  GtkDropDown  *action_dropdown;
  GtkDropDown  *user_dropdown;
  GtkWidget    *patient_entry;
  GtkLabel     *error_label;
  GtkLabel     *count_label;
  GtkListBox   *list;
  GtkWidget    *more_button;
  GtkWidget    *export_button;
  GtkWidget    *spinner;
};

G_DEFINE_FINAL_TYPE (KesAccessLog, kes_access_log, ADW_TYPE_BIN)

static const struct { const char *action; const char *label; } actions[] = {
  { KES_AUDIT_OPEN, N_("Opened the record") },
  { KES_AUDIT_VIEW, N_("Viewed") },
  { KES_AUDIT_CREATE, N_("Created") },
  { KES_AUDIT_CHANGE, N_("Changed") },
  { KES_AUDIT_CORRECTION, N_("Corrected") },
  { KES_AUDIT_ENTERED_IN_ERROR, N_("Marked entered in error") },
  { KES_AUDIT_SEARCH, N_("Searched") },
  { KES_AUDIT_EXPORT, N_("Exported") },
  { KES_AUDIT_PRINT, N_("Printed") },
  { KES_AUDIT_IMPORT, N_("Imported") },
  { KES_AUDIT_SIGN_IN, N_("Signed in") },
  { KES_AUDIT_SIGN_IN_FAILED, N_("Failed sign-in") },
  { KES_AUDIT_SIGN_OUT, N_("Signed out") },
  { KES_AUDIT_LIST, N_("Listed") },
  { KES_AUDIT_BREAK_GLASS, N_("Emergency access") },
  { KES_AUDIT_BACKUP, N_("Backed up") },
  { KES_AUDIT_RESTORE, N_("Restored") },
  { KES_AUDIT_ACCOUNT, N_("Account change") },
  { KES_AUDIT_BASELINE, N_("Earlier history") },
  { KES_AUDIT_SEAL, N_("Access log sealed with the installation key") },
  { KES_AUDIT_GUARDS_RESTORED, N_("Append-only rules put back") },
};

/* The record's tabs, as the record names them. */
static const struct { const char *tab; const char *label; } tabs[] = {
  { "overview", N_("Overview") }, { "contacts", N_("Contacts") }, { "notes", N_("Notes") },
  { "history", N_("History") }, { "care-plan", N_("Care Plan") }, { "medication", N_("Medication") },
  { "moj", N_("Legal & MoJ") }, { "risk", N_("Risk") }, { "carers", N_("Carers") },
  { "referral", N_("Referral") },
};

/* "tabs: overview,risk" (a closing entry's summary) -> "Overview, Risk". */
static char *
tabs_looked_at (const char *summary)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (summary == NULL || !g_str_has_prefix (summary, "tabs:"))
    return NULL;
  names = g_strsplit (summary + strlen ("tabs:"), ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      const char *label = name;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (tabs); j++)
        if (g_str_equal (tabs[j].tab, name))
          label = _(tabs[j].label);
      g_string_append_printf (text, "%s%s", text->len > 0 ? _(", ") : "", label);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

const char *
kes_access_log_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].action, action) == 0)
      return _(actions[i].label);
  return action;
}

/* ---- Loading a page in a worker ---- */

typedef struct
{
  char     *path;
  KesStaff *actor;
  char     *patient_id;
  char     *actor_id;
  char     *action;
  char     *from;
  char     *to;
  gint64    before;
} Query;

static void
query_free (Query *query)
{
  g_free (query->path);
  g_clear_object (&query->actor);
  g_free (query->patient_id);
  g_free (query->actor_id);
  g_free (query->action);
  g_free (query->from);
  g_free (query->to);
  g_free (query);
}

static GPtrArray *
run_query (KesStore  *store,
           Query     *query,
           GError   **error)
{
  KesAuditFilter filter = {
    .patient_id = query->patient_id, .actor_id = query->actor_id, .action = query->action,
    .from = query->from, .to = query->to,
  };

  return kes_store_query_audit (store, &filter, query->before, PAGE_SIZE, error);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Query *query = task_data;
  g_autoptr(KesStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  /* A connection of its own, reading as the same person. */
  store = kes_store_open (query->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  kes_store_set_actor (store, query->actor);
  entries = run_query (store, query, &error);
  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

/* One row; @tabs, for an opening, the tabs looked at in that visit. */
static GtkWidget *
entry_row (KesAuditEntry *entry,
           const char    *tabs_seen)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = kes_time_to_display (kes_audit_entry_get_at (entry));
  const char *who = kes_audit_entry_get_actor_name (entry);
  const char *patient = kes_audit_entry_get_patient_name (entry);
  const char *summary = kes_audit_entry_get_summary (entry);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;

  /* TRANSLATORS: "21 Nov 2026 10:00 · Alex Smith · Viewed" */
  title = g_strdup_printf (_("%s · %s · %s"), when,
                           who != NULL && *who != '\0' ? who : _("No one signed in"),
                           kes_access_log_action_label (kes_audit_entry_get_action (entry)));
  if (patient != NULL)
    g_string_append (subtitle, patient);
  if (g_strcmp0 (kes_audit_entry_get_action (entry), KES_AUDIT_OPEN) == 0)
    {
      /* The visit's detail: what was looked at, not the reads behind it. */
      if (tabs_seen != NULL)
        /* TRANSLATORS: the tabs of a record looked at in one visit, "Overview, Risk" */
        g_string_append_printf (subtitle, _("%sTabs looked at: %s"), subtitle->len > 0 ? " — " : "", tabs_seen);
    }
  else if (summary != NULL && *summary != '\0')
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " — " : "", summary);
  escaped = g_markup_escape_text (subtitle->str, -1);
  {
    g_autofree char *title_escaped = g_markup_escape_text (title, -1);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_escaped);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  return row;
}

static void
update_count (KesAccessLog *self)
{
  g_autofree char *count = NULL;

  if (self->n_rows == 0)
    count = g_strdup (_("No entries match."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry shown", "%u entries shown",
                                          self->n_rows),
                             self->n_rows);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_visible (self->more_button, self->more);
  gtk_widget_set_sensitive (self->export_button, self->entries->len > 0);
}

static void
page_loaded (KesAccessLog *self,
             GPtrArray    *page,
             const GError *error)
{
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_sensitive (self->more_button, TRUE);
  if (page == NULL)
    {
      kes_field_set_error (GTK_WIDGET (self->list), self->error_label, error->message);
      return;
    }
  kes_field_set_error (GTK_WIDGET (self->list), self->error_label, NULL);
  for (guint i = 0; i < page->len; i++)
    {
      KesAuditEntry *entry = g_ptr_array_index (page, i);
      const char *action = kes_audit_entry_get_action (entry);
      g_autofree char *key = g_strdup_printf ("%s/%s", kes_audit_entry_get_actor_id (entry),
                                              kes_audit_entry_get_patient_id (entry));

      g_ptr_array_add (self->entries, g_object_ref (entry));
      /* Newest first: a visit's closing entry comes before its opening,
       * and is shown as the opening's detail rather than a row of its own. */
      if (g_strcmp0 (action, KES_AUDIT_CLOSE) == 0)
        {
          g_hash_table_replace (self->closing, g_steal_pointer (&key),
                                tabs_looked_at (kes_audit_entry_get_summary (entry)));
          continue;
        }
      if (g_strcmp0 (action, KES_AUDIT_OPEN) == 0)
        {
          g_autofree char *seen = NULL;

          g_hash_table_steal_extended (self->closing, key, NULL, (gpointer *) &seen);
          gtk_list_box_append (self->list, entry_row (entry, seen));
        }
      else
        gtk_list_box_append (self->list, entry_row (entry, NULL));
      self->n_rows++;
    }
  self->more = page->len == PAGE_SIZE;
  update_count (self);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KesAccessLog) self = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  page_loaded (self, page, error);
}

/* Reads the filter; FALSE (with the problem shown) when a date is wrong. */
static Query *
query_from_filter (KesAccessLog *self)
{
  g_autofree char *from_text = kes_editable_dup_text (GTK_EDITABLE (self->from_entry));
  g_autofree char *to_text = kes_editable_dup_text (GTK_EDITABLE (self->to_entry));
  g_autofree char *nhs = kes_editable_dup_text (GTK_EDITABLE (self->patient_entry));
  g_autoptr(GError) error = NULL;
  Query *query = g_new0 (Query, 1);

  query->path = g_strdup (kes_store_get_path (self->store));
  query->actor = kes_store_get_actor (self->store) != NULL
                 ? g_object_ref (kes_store_get_actor (self->store)) : NULL;
  query->patient_id = g_strdup (self->patient_id);
  query->actor_id = g_strdup (kes_dropdown_get_code (self->user_dropdown));
  query->action = g_strdup (kes_dropdown_get_code (self->action_dropdown));
  if ((*from_text != '\0' && (query->from = kes_date_parse (from_text, _("From"), &error)) == NULL) ||
      (*to_text != '\0' && (query->to = kes_date_parse (to_text, _("To"), &error)) == NULL))
    {
      kes_field_set_error (GTK_WIDGET (*from_text != '\0' && query->from == NULL
                                       ? self->from_entry : self->to_entry),
                           self->error_label, error->message);
      query_free (query);
      return NULL;
    }
  if (self->patient_id == NULL && *nhs != '\0')
    {
      g_autoptr(KesPatient) patient = kes_store_find_patient (self->store, nhs, &error);

      if (patient == NULL)
        {
          kes_field_set_error (self->patient_entry, self->error_label, error->message);
          query_free (query);
          return NULL;
        }
      query->patient_id = g_strdup (kes_patient_get_id (patient));
    }
  return query;
}

static void
load_page (KesAccessLog *self,
           gint64        before)
{
  Query *query;
  g_autoptr(GTask) task = NULL;
  const char *path;

  if (self->store == NULL || kes_store_get_actor (self->store) == NULL)
    return;
  if ((query = query_from_filter (self)) == NULL)
    return;
  query->before = before;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_widget_set_sensitive (self->more_button, FALSE);

  path = kes_store_get_path (self->store);
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = run_query (self->store, query, &error);

      query_free (query);
      page_loaded (self, page, error);
      return;
    }
  task = g_task_new (NULL, self->cancellable, query_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, load_page);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

/* ---- Callbacks ---- */

static void
apply_clicked_cb (KesAccessLog *self)
{
  kes_access_log_reload (self);
}

static void
more_clicked_cb (KesAccessLog *self)
{
  KesAuditEntry *last;

  if (self->entries->len == 0)
    return;
  last = g_ptr_array_index (self->entries, self->entries->len - 1);
  load_page (self, kes_audit_entry_get_seq (last));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     KesAccessLog    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!kes_access_log_export (self, file, &error))
        kes_show_error (GTK_WIDGET (self), _("The Access Log Was Not Exported"), error->message);
      else
        kes_widget_toast (GTK_WIDGET (self), _("Access log exported"));
    }
  g_clear_object (&self->chooser);
}

static void
export_clicked_cb (KesAccessLog *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Access Log"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "access-log.csv");
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject ---- */

static void
kes_access_log_dispose (GObject *object)
{
  KesAccessLog *self = KES_ACCESS_LOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KES_TYPE_ACCESS_LOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->closing, g_hash_table_unref);
  g_clear_pointer (&self->patient_id, g_free);

  G_OBJECT_CLASS (kes_access_log_parent_class)->dispose (object);
}

static void
kes_access_log_class_init (KesAccessLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_access_log_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/accounts/kes-access-log.ui");
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, from_entry);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, to_entry);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, patient_entry);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, count_label);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, list);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, more_button);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, export_button);
  gtk_widget_class_bind_template_child (widget_class, KesAccessLog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
kes_access_log_init (KesAccessLog *self)
{
  const char *codes[G_N_ELEMENTS (actions)];
  const char *labels[G_N_ELEMENTS (actions)];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->closing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      codes[i] = actions[i].action;
      labels[i] = _(actions[i].label);
    }
  kes_dropdown_fill (self->action_dropdown, _("All actions"), codes, labels,
                     G_N_ELEMENTS (actions));
}

GtkWidget *
kes_access_log_new (void)
{
  return g_object_new (KES_TYPE_ACCESS_LOG, NULL);
}

void
kes_access_log_set_store (KesAccessLog *self,
                          KesStore     *store,
                          const char   *patient_id)
{
  g_autoptr(GListModel) staff = NULL;

  g_return_if_fail (KES_IS_ACCESS_LOG (self));
  g_return_if_fail (store == NULL || KES_IS_STORE (store));

  /* NULL lets go of the database (another was opened, or no one may read
   * its log now): nothing is shown. */
  if (store == NULL)
    {
      g_clear_object (&self->store);
      kes_list_box_remove_all (self->list);
      g_ptr_array_set_size (self->entries, 0);
      g_hash_table_remove_all (self->closing);
      self->n_rows = 0;
      self->more = FALSE;
      update_count (self);
      return;
    }
  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  gtk_widget_set_visible (self->patient_entry, patient_id == NULL);
  staff = kes_store_list_staff (store, NULL);
  kes_dropdown_fill_staff (self->user_dropdown, staff, _("All users"));
  kes_access_log_reload (self);
}

void
kes_access_log_reload (KesAccessLog *self)
{
  g_return_if_fail (KES_IS_ACCESS_LOG (self));

  kes_list_box_remove_all (self->list);
  g_ptr_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->closing);
  self->n_rows = 0;
  self->more = FALSE;
  update_count (self);
  load_page (self, 0);
}

guint
kes_access_log_get_n_shown (KesAccessLog *self)
{
  g_return_val_if_fail (KES_IS_ACCESS_LOG (self), 0);

  return self->n_rows;
}

gboolean
kes_access_log_export (KesAccessLog  *self,
                       GFile         *file,
                       GError       **error)
{
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_ACCESS_LOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = kes_audit_entries_to_csv (self->entries);
  path = g_file_get_path (file);
  /* A local file is written as every export is (refused if it is the
   * database); one without a local path cannot be the database. */
  if (path != NULL ? !kes_atomic_file_set_contents (path, csv, strlen (csv), error)
                   : !g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                               G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                               NULL, NULL, error))
    return FALSE;
  summary = g_strdup_printf ("access log as CSV, %u entries", self->entries->len);
  return kes_store_audit (self->store, KES_AUDIT_EXPORT, NULL, self->patient_id, summary, error);
}
