/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-moj-incident.h"
#include "kes-moj-schedule.h"
#include "kes-report-moj.h"
#include "kes-validate.h"
#include "moj/kes-moj-record-dialog.h"
#include "moj/kes-moj-report-form.h"
#include "moj/kes-moj-schedule-group.h"
#include "moj/kes-moj-view.h"

struct _KesMojView
{
  AdwBin      parent_instance;

  KesStore   *store;
  char       *patient_id;
  GtkWidget  *content;  /* GtkBox of preference groups, rebuilt on reload */
  GtkWidget  *clamp;
};

G_DEFINE_FINAL_TYPE (KesMojView, kes_moj_view, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
record_saved_cb (KesMojView *self)
{
  kes_moj_view_reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
open_record (KesMojView   *self,
             KesMojRecord *record)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KesMojRecordDialog *dialog = kes_moj_record_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                          self->store, record);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (record_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (GtkButton  *button,
                KesMojView *self)
{
  KesMojKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kes-kind"));
  g_autoptr(KesMojRecord) record = kes_moj_record_new (kind, self->patient_id);

  /* A new status starts from the one in force, so a recall or a
   * re-discharge is one date away. */
  if (kind == KES_MOJ_LEGAL_STATUS)
    {
      g_autoptr(KesMojRecord) current = kes_store_current_legal_status (self->store, self->patient_id, NULL);
      if (current != NULL)
        {
          g_autofree char *json = kes_moj_record_to_json (current);
          kes_moj_record_load_json (record, json, NULL);
        }
    }
  open_record (self, record);
}

static void
open_report (KesMojView   *self,
             KesMojRecord *report)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KesMojReportForm *form = kes_moj_report_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    self->store, report, &error);
  if (form == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("The Report Could Not Be Opened"), error->message);
      return;
    }
  g_signal_connect_object (form, "changed", G_CALLBACK (record_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

static void
row_activated_cb (AdwActionRow *row,
                  KesMojView   *self)
{
  KesMojRecord *record = g_object_get_data (G_OBJECT (row), "kes-record");

  if (kes_moj_record_get_kind (record) == KES_MOJ_REPORT)
    open_report (self, record);
  else
    open_record (self, record);
}

static GtkWidget *
add_button (KesMojView *self,
            const char *label,
            KesMojKind  kind)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "kes-kind", GUINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), self);
  return button;
}

/* "Reason · marked by Sam Social on 25 Feb 2026" for a record entered in
 * error, from its last revision. */
static char *
entered_in_error_line (KesMojView   *self,
                       KesMojRecord *record)
{
  g_autoptr(GPtrArray) revisions = kes_store_list_revisions (self->store, kes_moj_record_get_id (record), NULL);
  KesRevision *last;
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;

  if (revisions == NULL || revisions->len == 0)
    return g_strdup (_("Entered in error"));
  last = g_ptr_array_index (revisions, revisions->len - 1);
  date = g_strndup (kes_revision_get_at (last), 10);
  shown = kes_date_to_display (date);
  /* Translators: the reason, who marked the record and when */
  return g_strdup_printf (_("Reason: %s · marked by %s on %s"), kes_revision_get_reason (last),
                          kes_revision_get_author_name (last), shown != NULL ? shown : date);
}

static GtkWidget *
record_row (KesMojView   *self,
            KesMojRecord *record,
            const char   *title,
            const char   *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  if (kes_moj_record_get_state (record) == KES_RECORD_ENTERED_IN_ERROR)
    {
      /* TRANSLATORS: prefix for a record marked entered in error */
      g_autofree char *marked = g_strdup_printf (_("Entered in error: %s"), title);
      g_autofree char *why = entered_in_error_line (self, record);
      g_autofree char *lines = g_strdup_printf ("%s\n%s", subtitle, why);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), marked);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lines);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_add_css_class (row, "kes-entered-in-error");
      kes_widget_set_handle (row, "moj-entered-in-error");
      return row;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "kes-record", g_object_ref (record), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  return row;
}

/* The honest row of an empty list. */
static GtkWidget *
empty_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* What people typed (an offence with "<" or "&") is shown as typed. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  return row;
}

static GtkWidget *
new_group (const char *title,
           const char *description,
           GtkWidget  *suffix)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (suffix != NULL)
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
  return group;
}

/* Records entered in error stay listed, marked, with their reason. */
static GListModel *
list (KesMojView *self,
      KesMojKind  kind)
{
  return kes_store_list_moj_records (self->store, self->patient_id, kind, kind != KES_MOJ_REPORT, NULL);
}

static char *
display (KesMojRecord *record,
         const char   *key)
{
  const KesMojField *fields;
  guint n_fields;

  fields = kes_moj_kind_fields (kes_moj_record_get_kind (record), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, key))
      return kes_moj_record_dup_display (record, &fields[i]);
  return g_strdup (kes_moj_record_get_text (record, key));
}

static void
add_status_group (KesMojView *self)
{
  g_autoptr(GListModel) statuses = list (self, KES_MOJ_LEGAL_STATUS);
  g_autoptr(KesMojRecord) current = kes_store_current_legal_status (self->store, self->patient_id, NULL);
  g_autofree char *summary = kes_legal_status_dup_summary (current);
  GtkWidget *group;

  if (statuses == NULL)
    return;
  group = new_group (_("Legal Status"), NULL, add_button (self, _("_Record Status…"), KES_MOJ_LEGAL_STATUS));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("In force"), summary));
  if (current != NULL)
    {
      const KesMojSchedule *schedule = kes_moj_schedule_get_default ();
      const char *discharge = kes_moj_record_get_text (current, "conditional_discharge_date");
      g_autoptr(GDate) today = kes_clock_today ();
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *due = kes_store_moj_next_due (self->store, self->patient_id, NULL);
      g_autofree char *mappa = NULL;

      if (*kes_moj_record_get_text (current, "mhcs_reference") != '\0')
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   info_row (_("MHCS reference"), kes_moj_record_get_text (current, "mhcs_reference")));
      /* Index offences live here, with the status (the referral and the MoJ report read them). */
      if (*kes_moj_record_get_text (current, "index_offences") != '\0')
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   info_row (_("Index offences"), kes_moj_record_get_text (current, "index_offences")));
      if (due != NULL)
        {
          g_autofree char *shown = kes_date_to_display (due);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("Next report due"), shown));
        }
      if (kes_legal_status_is_conditionally_discharged (current) &&
          kes_moj_tribunal_window_on (schedule, discharge, today, &from, &to))
        {
          g_autofree char *a = kes_date_to_display (from);
          g_autofree char *b = kes_date_to_display (to);
          g_autofree char *window = g_strdup_printf (_("May apply from %s to %s"), a, b);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("Tribunal eligibility"), window));
        }
      mappa = display (current, "mappa_category");
      if (*mappa != '\0')
        {
          g_autofree char *level = display (current, "mappa_level");
          g_autofree char *line = g_strdup_printf ("%s · %s", mappa, level);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), info_row (_("MAPPA"), line));
        }
    }
  gtk_box_append (GTK_BOX (self->content), group);

  if (g_list_model_get_n_items (statuses) == 0)
    return;
  group = new_group (_("Legal Status History"), _("Newest first; select one to correct it or mark it entered in error."), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    {
      g_autoptr(KesMojRecord) status = g_list_model_get_item (statuses, i);
      g_autofree char *line = kes_legal_status_dup_summary (status);
      g_autofree char *from = display (status, "effective_date");
      g_autofree char *subtitle = *from != '\0' ? g_strdup_printf (_("In force from %s"), from)
                                                 : g_strdup (_("Date in force not recorded"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), record_row (self, status, line, subtitle));
    }
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
add_schedule_group (KesMojView *self)
{
  g_autoptr(KesMojRecord) current = kes_store_current_legal_status (self->store, self->patient_id, NULL);
  g_autoptr(GListModel) reports = NULL;
  g_autoptr(GListModel) notices = NULL;
  GtkWidget *group;

  if (current == NULL || !kes_legal_status_is_conditionally_discharged (current))
    return;
  reports = list (self, KES_MOJ_REPORT);
  notices = list (self, KES_MOJ_LATE_NOTICE);
  group = kes_moj_schedule_group_new (current, reports, notices);
  if (group != NULL)
    gtk_box_append (GTK_BOX (self->content), group);
}

static void
incident_report_clicked_cb (GtkButton  *button,
                            KesMojView *self)
{
  KesMojRecord *incident = g_object_get_data (G_OBJECT (button), "kes-incident");
  KesMojRecord *report = g_object_get_data (G_OBJECT (button), "kes-report");
  g_autoptr(GError) error = NULL;

  if (report != NULL)
    open_report (self, report);
  else if (kes_moj_view_new_incident_report (self, incident, &error) == NULL)
    kes_show_error (GTK_WIDGET (self), _("The Report Could Not Be Started"), error->message);
}

/* Incidents and recalls, each with the urgent report about it: sent,
 * drafted, or a button to write it (started from the incident). */
static void
add_incidents_group (KesMojView *self)
{
  g_autoptr(GListModel) incidents = list (self, KES_MOJ_INCIDENT);
  g_autoptr(GListModel) report_model = list (self, KES_MOJ_REPORT);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *group = new_group (_("Incidents and Recalls"),
                                _("What happened, what was done, and the urgent report to MHCS about it."),
                                add_button (self, _("Record _Incident…"), KES_MOJ_INCIDENT));

  kes_widget_set_handle (group, "moj-incidents");
  for (guint i = 0; report_model != NULL && i < g_list_model_get_n_items (report_model); i++)
    g_ptr_array_add (reports, g_list_model_get_item (report_model, i));
  for (guint i = 0; incidents != NULL && i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(KesMojRecord) incident = g_list_model_get_item (incidents, i);
      KesMojRecord *report = kes_moj_incident_find_report (incident, reports);
      g_autofree char *date = display (incident, "incident_date");
      g_autofree char *category = display (incident, "category");
      g_autofree char *title = g_strdup_printf ("%s · %s", date, category);
      g_autofree char *state = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *button_name = NULL;
      GtkWidget *row;
      GtkWidget *button;

      if (report != NULL && kes_moj_report_is_submitted (report))
        {
          g_autofree char *sent = kes_date_to_display (kes_moj_record_get_text (report, "submitted_date"));
          state = g_strdup_printf (_("Urgent report sent %s"), sent);
        }
      else
        state = g_strdup (report != NULL ? _("Urgent report drafted, not sent yet") : _("No urgent report yet"));
      subtitle = g_strdup_printf ("%s\n%s", kes_moj_record_get_text (incident, "description"), state);
      row = record_row (self, incident, title, subtitle);
      if (kes_moj_record_get_state (incident) != KES_RECORD_ACTIVE)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          continue;
        }
      button = gtk_button_new_with_label (report != NULL ? _("Open Report") : _("Urgent Report…"));
      button_name = report != NULL ? g_strdup_printf (_("Open the urgent report about the incident of %s"), date)
                                   : g_strdup_printf (_("Write the urgent report about the incident of %s"), date);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_name, -1);
      kes_widget_set_handle (button, report != NULL ? "incident-open-report" : "incident-urgent-report");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), "kes-incident", g_object_ref (incident), g_object_unref);
      if (report != NULL)
        g_object_set_data_full (G_OBJECT (button), "kes-report", g_object_ref (report), g_object_unref);
      g_signal_connect (button, "clicked", G_CALLBACK (incident_report_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (incidents != NULL && g_list_model_get_n_items (incidents) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty_row (_("None recorded")));
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
add_simple_group (KesMojView *self,
                  KesMojKind  kind,
                  const char *title,
                  const char *add_label,
                  const char *title_key,
                  const char *subtitle_key)
{
  g_autoptr(GListModel) records = list (self, kind);
  GtkWidget *group = new_group (title, NULL, add_button (self, add_label, kind));

  for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(KesMojRecord) record = g_list_model_get_item (records, i);
      g_autofree char *row_title = display (record, title_key);
      g_autofree char *row_subtitle = display (record, subtitle_key);

      if (kind == KES_MOJ_CONDITION)
        {
          g_autofree char *category = display (record, "category");
          g_autofree char *start = display (record, "start_date");
          g_autofree char *end = display (record, "end_date");
          g_free (row_title);
          g_free (row_subtitle);
          row_title = g_strdup (category);
          row_subtitle = *end != '\0' ? g_strdup_printf (_("%s\nFrom %s to %s"), kes_moj_record_get_text (record, "wording"), start, end)
                                      : g_strdup_printf (_("%s\nFrom %s"), kes_moj_record_get_text (record, "wording"), start);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 record_row (self, record, row_title, row_subtitle));
    }
  if (records != NULL && g_list_model_get_n_items (records) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty_row (_("None recorded")));
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
new_report_clicked_cb (GtkButton  *button,
                       KesMojView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean urgent = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kes-urgent"));

  if (kes_moj_view_new_report (self, urgent ? KES_MOJ_REPORT_URGENT : KES_MOJ_REPORT_ROUTINE,
                               urgent ? g_object_get_data (G_OBJECT (button), "kes-trigger") : NULL,
                               &error) == NULL)
    kes_show_error (GTK_WIDGET (self), _("The Report Could Not Be Started"), error->message);
}

static void
add_reports_group (KesMojView *self)
{
  g_autoptr(GListModel) reports = list (self, KES_MOJ_REPORT);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *routine = gtk_button_new_with_mnemonic (_("New _Report"));
  GtkWidget *urgent = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  KesCodeList *triggers = kes_code_list_get (KES_CODES_URGENT_TRIGGER);
  GtkWidget *group;

  gtk_widget_add_css_class (routine, "flat");
  kes_widget_set_handle (routine, "moj-new-report");
  g_signal_connect (routine, "clicked", G_CALLBACK (new_report_clicked_cb), self);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (urgent), _("Urgent Report"));
  /* GTK 4.8 names a menu button by its type ("GtkMenuButton"). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (urgent), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Urgent Report"), -1);
  gtk_widget_add_css_class (urgent, "flat");
  for (guint i = 0; i < kes_code_list_get_n_codes (triggers); i++)
    {
      GtkWidget *item = gtk_button_new_with_label (kes_code_list_get_label (triggers, i));
      gtk_widget_add_css_class (item, "flat");
      g_object_set_data (G_OBJECT (item), "kes-urgent", GINT_TO_POINTER (TRUE));
      g_object_set_data_full (G_OBJECT (item), "kes-trigger", g_strdup (kes_code_list_get_code (triggers, i)), g_free);
      g_signal_connect (item, "clicked", G_CALLBACK (new_report_clicked_cb), self);
      g_signal_connect_swapped (item, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
      gtk_box_append (GTK_BOX (choices), item);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), choices);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (urgent), popover);
  gtk_box_append (GTK_BOX (buttons), urgent);
  gtk_box_append (GTK_BOX (buttons), routine);

  group = new_group (_("Reports to the Ministry of Justice"),
                     _("Parts A and B by the social supervisor, Part C by the clinical supervisor."), buttons);
  for (guint i = 0; reports != NULL && i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KesMojRecord) report = g_list_model_get_item (reports, i);
      g_autofree char *due = kes_date_to_display (kes_moj_record_get_text (report, "due_date"));
      g_autofree char *title = NULL;
      g_auto(GStrv) parts = kes_moj_report_dup_part_ids (report);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (kes_moj_report_is_urgent (report))
        {
          const char *label = kes_code_list_lookup (triggers, kes_moj_record_get_text (report, "trigger"));
          title = g_strdup_printf (_("Urgent report %s: %s"), due, label != NULL ? label : "");
        }
      else
        title = g_strdup_printf (_("Report due %s"), due);
      for (guint p = 0; parts[p] != NULL; p++)
        g_string_append_printf (subtitle, "%s%s %s", p > 0 ? " · " : "", parts[p],
                                kes_moj_part_state_label (kes_moj_report_get_part_state (report, parts[p])));
      if (kes_moj_report_is_submitted (report))
        {
          g_autofree char *sent = kes_date_to_display (kes_moj_record_get_text (report, "submitted_date"));
          const char *method = kes_code_list_lookup (kes_code_list_get (KES_CODES_SUBMISSION_METHOD),
                                                     kes_moj_record_get_text (report, "submission_method"));
          g_string_append_printf (subtitle, _("\nSubmitted %s by %s %s"), sent, method != NULL ? method : "",
                                  kes_moj_record_get_text (report, "submission_reference"));
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), record_row (self, report, title, subtitle->str));
    }
  if (reports != NULL && g_list_model_get_n_items (reports) == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty_row (_("No report has been started")));
  gtk_box_append (GTK_BOX (self->content), group);
}

/* Every submitted report, newest first: when and how it went, the
 * reference MHCS gave, and whether it was in time. */
static void
add_submission_log (KesMojView *self)
{
  g_autoptr(GListModel) reports = list (self, KES_MOJ_REPORT);
  g_autoptr(GListModel) notice_model = list (self, KES_MOJ_LATE_NOTICE);
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *group = new_group (_("Submission Log"),
                                _("What was sent to the Mental Health Casework Section, and when."), NULL);
  KesCodeList *methods = kes_code_list_get (KES_CODES_SUBMISSION_METHOD);
  guint shown = 0;

  kes_widget_set_handle (group, "moj-submission-log");
  for (guint i = 0; notice_model != NULL && i < g_list_model_get_n_items (notice_model); i++)
    g_ptr_array_add (notices, g_list_model_get_item (notice_model, i));
  for (guint i = 0; reports != NULL && i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(KesMojRecord) report = g_list_model_get_item (reports, i);
      const char *sent_iso = kes_moj_record_get_text (report, "submitted_date");
      const char *due_iso = kes_moj_record_get_text (report, "due_date");
      const char *method = NULL;
      const char *reference = kes_moj_record_get_text (report, "submission_reference");
      g_autofree char *sent = NULL;
      g_autofree char *due = NULL;
      g_autofree char *title = NULL;
      g_autofree char *timing = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *notice = NULL;
      guint late = 0;
      GtkWidget *row;

      if (!kes_moj_report_is_submitted (report))
        continue;
      method = kes_code_list_lookup (methods, kes_moj_record_get_text (report, "submission_method"));
      sent = kes_date_to_display (sent_iso);
      due = kes_date_to_display (due_iso);
      title = *reference != '\0'
                /* Translators: date sent, how, and MHCS's reference */
                ? g_strdup_printf (_("Sent %s by %s · reference %s"), sent, method != NULL ? method : "", reference)
                : g_strdup_printf (_("Sent %s by %s"), sent, method != NULL ? method : "");
      kes_moj_report_submission_timing (report, notices, &late, &notice);
      if (kes_moj_report_is_urgent (report))
        timing = g_strdup (_("Urgent report"));
      else if (late > 0 && notice != NULL)
        {
          g_autofree char *told = kes_date_to_display (notice);
          /* Translators: "3 days late; MHCS told on 25 Feb 2026" */
          timing = g_strdup_printf (ngettext ("%u day late; MHCS told on %s", "%u days late; MHCS told on %s", late),
                                    late, told);
        }
      else if (late > 0)
        timing = g_strdup_printf (ngettext ("%u day late, no late notice recorded",
                                            "%u days late, no late notice recorded", late), late);
      else
        timing = g_strdup (_("In time"));
      /* Translators: "Report due 28 Feb 2026 · 3 days late" */
      subtitle = g_strdup_printf (_("Report due %s · %s"), due, timing);
      row = record_row (self, report, title, subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      shown++;
    }
  if (shown == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), empty_row (_("Nothing has been submitted yet")));
  gtk_box_append (GTK_BOX (self->content), group);
}

void
kes_moj_view_reload (KesMojView *self)
{
  g_return_if_fail (KES_IS_MOJ_VIEW (self));

  if (self->content != NULL)
    adw_clamp_set_child (ADW_CLAMP (self->clamp), NULL);
  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 18);
  gtk_widget_set_margin_bottom (self->content, 24);
  adw_clamp_set_child (ADW_CLAMP (self->clamp), self->content);
  if (self->store == NULL || self->patient_id == NULL)
    return;

  add_status_group (self);
  add_schedule_group (self);
  add_reports_group (self);
  add_incidents_group (self);
  add_submission_log (self);
  add_simple_group (self, KES_MOJ_CONDITION, _("Conditions of Discharge"), _("_Add Condition…"),
                    "category", "wording");
  add_simple_group (self, KES_MOJ_LATE_NOTICE, _("Late Report Notices to MHCS"), _("Record _Late Notice…"),
                    "due_date", "reason");
  add_simple_group (self, KES_MOJ_ADDRESS_NOTICE, _("Change of Address"), _("Record _Move…"),
                    "move_date", "new_address");
  add_simple_group (self, KES_MOJ_CONDITIONS_APPLICATION, _("Change of Conditions Applications"),
                    _("New _Application…"), "application_date", "proposed_changes");
}

/* A new report (about @incident when not NULL), opened in its form. */
static GtkWidget *
start_report (KesMojView    *self,
              const char    *report_type,
              const char    *trigger,
              KesMojRecord  *incident,
              GError       **error)
{
  g_autoptr(KesMojTemplate) template = kes_moj_template_get_current (error);
  g_autoptr(KesMojRecord) report = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KesMojReportForm *form;

  if (template == NULL)
    return NULL;
  report = kes_report_moj_new_report (self->store, template, self->patient_id, report_type, NULL, trigger, error);
  if (report == NULL)
    return NULL;
  if (incident != NULL)
    kes_moj_report_link_incident (report, incident);
  form = kes_moj_report_form_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, report, error);
  if (form == NULL)
    return NULL;
  g_signal_connect_object (form, "changed", G_CALLBACK (record_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
  return GTK_WIDGET (form);
}

GtkWidget *
kes_moj_view_new_report (KesMojView  *self,
                         const char  *report_type,
                         const char  *trigger,
                         GError     **error)
{
  g_return_val_if_fail (KES_IS_MOJ_VIEW (self), NULL);
  return start_report (self, report_type, trigger, NULL, error);
}

GtkWidget *
kes_moj_view_new_incident_report (KesMojView    *self,
                                  KesMojRecord  *incident,
                                  GError       **error)
{
  g_return_val_if_fail (KES_IS_MOJ_VIEW (self), NULL);
  g_return_val_if_fail (KES_IS_MOJ_RECORD (incident), NULL);
  return start_report (self, KES_MOJ_REPORT_URGENT, kes_moj_record_get_text (incident, "category"), incident, error);
}

static void
kes_moj_view_dispose (GObject *object)
{
  KesMojView *self = (KesMojView *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);
  G_OBJECT_CLASS (kes_moj_view_parent_class)->dispose (object);
}

static void
kes_moj_view_class_init (KesMojViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_moj_view_dispose;
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
kes_moj_view_init (KesMojView *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *toasts = adw_toast_overlay_new ();

  self->clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (self->clamp), 860);
  gtk_widget_set_margin_start (self->clamp, 18);
  gtk_widget_set_margin_end (self->clamp, 18);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->clamp);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), scrolled);
  adw_bin_set_child (ADW_BIN (self), toasts);
  kes_moj_view_reload (self);
}

GtkWidget *
kes_moj_view_new (void)
{
  return g_object_new (KES_TYPE_MOJ_VIEW, NULL);
}

void
kes_moj_view_set_record (KesMojView *self,
                         KesStore   *store,
                         const char *patient_id)
{
  g_return_if_fail (KES_IS_MOJ_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  kes_moj_view_reload (self);
}
