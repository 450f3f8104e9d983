/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-liaison-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-error.h"
#include "kes-liaison-report.h"
#include "kes-liaison.h"
#include "kes-secondary-window.h"
#include "kes-validate.h"
#include "liaison/kes-liaison-page-private.h"
#include "preview/kes-report-preview.h"

/* The liaison and diversion activity report for a period: counts on the
 * page, a PDF preview and a CSV file, each export in the audit log. */

static void
add_counts (GtkBox       *box,
            const char   *title,
            const char   *list_name,
            const guint  *counts,
            guint         n)
{
  KesCodeList *list = kes_code_list_get (list_name);
  GtkWidget *group = kes_liaison_page_add_group (box, title);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *count = g_strdup_printf ("%u", counts[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kes_code_list_get_label (list, i));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
show_activity_cb (GtkButton      *button,
                  KesLiaisonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = kes_editable_dup_text (self->from_entry);
  g_autofree char *to_text = kes_editable_dup_text (self->to_entry);
  g_autofree char *from = kes_date_parse (from_text, _("From"), &error);
  g_autofree char *to = from != NULL ? kes_date_parse (to_text, _("To"), &error) : NULL;
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *label;

  kes_liaison_page_clear_box (self->activity_box);
  g_clear_pointer (&self->activity_from, g_free);
  g_clear_pointer (&self->activity_to, g_free);
  if (to != NULL)
    activity = kes_store_liaison_activity (self->store, from, to, &error);
  if (activity == NULL)
    {
      label = gtk_label_new (error->message);
      gtk_widget_add_css_class (label, "error");
      gtk_widget_set_name (label, "activity-error");
      gtk_box_append (self->activity_box, label);
      return;
    }
  self->activity_from = g_steal_pointer (&from);
  self->activity_to = g_steal_pointer (&to);
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u screening", "%u screenings",
                                                           activity->total), activity->total);
    summary = g_strdup_printf (_("%s; MAPPA liaison: %u; made into patient records: %u; referred to other "
                                 "services: %u"),
                               count, activity->mappa_liaison, activity->converted, activity->referred_onward);
  }
  label = gtk_label_new (summary);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_name (label, "activity-summary");
  gtk_box_append (self->activity_box, label);
  add_counts (self->activity_box, _("By setting"), KES_CODES_LD_SETTING, activity->by_setting,
              activity->n_settings);
  add_counts (self->activity_box, _("By who asked for the screening"), KES_CODES_LD_SOURCE, activity->by_source,
              activity->n_sources);
  add_counts (self->activity_box, _("By outcome"), KES_CODES_LD_OUTCOME, activity->by_outcome,
              activity->n_outcomes);
  add_counts (self->activity_box, _("Vulnerabilities identified"), KES_CODES_LD_VULNERABILITY,
              activity->by_vulnerability, activity->n_vulnerabilities);
  add_counts (self->activity_box, _("By gender"), KES_CODES_GENDER, activity->by_gender, activity->n_genders);
  add_counts (self->activity_box, _("By ethnic category"), KES_CODES_ETHNIC_CATEGORY, activity->by_ethnicity,
              activity->n_ethnicities);
}

static KesDocument *
activity_document (KesLiaisonPage  *self,
                   GError         **error)
{
  g_autoptr(KesLiaisonActivity) activity = NULL;
  KesStaff *actor = kes_store_get_actor (self->store);

  if (self->activity_from == NULL)
    return NULL;
  activity = kes_store_liaison_activity (self->store, self->activity_from, self->activity_to, error);
  if (activity == NULL)
    return NULL;
  return kes_liaison_report_build (activity, self->activity_from, self->activity_to,
                                   actor != NULL ? kes_staff_get_display_name (actor) : NULL);
}

static void
activity_pdf_clicked_cb (GtkButton      *button,
                         KesLiaisonPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = activity_document (self, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *box, *preview;

  if (document == NULL)
    {
      if (error != NULL)
        kes_show_error (GTK_WIDGET (self), _("Could Not Make the Report"), error->message);
      return;
    }
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Liaison and diversion activity"));
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 860);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  preview = kes_report_preview_new ();
  gtk_widget_set_vexpand (preview, TRUE);
  /* Counts only, small numbers suppressed: the team's own practitioners
   * (view-clinical) may keep and print it. */
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), self->store, NULL,
                                "liaison and diversion activity report (PDF)");
  kes_report_preview_set_permission (KES_REPORT_PREVIEW (preview), KES_PERMISSION_VIEW_CLINICAL);
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), preview);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
activity_chooser_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              KesLiaisonPage  *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = g_file_get_path (file);
    }
  if (path != NULL)
    {
      if (kes_liaison_page_save_activity_csv (self, path, &error))
        kes_widget_toast (GTK_WIDGET (self), _("Activity report saved"));
      else
        kes_show_error (GTK_WIDGET (self), _("Could Not Save the Report"), error->message);
    }
  g_clear_object (&self->chooser);
}

static void
activity_csv_clicked_cb (GtkButton      *button,
                         KesLiaisonPage *self)
{
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->activity_from == NULL || self->chooser != NULL)
    return;
  name = g_strdup_printf ("liaison-activity-%s-to-%s.csv", self->activity_from, self->activity_to);
  self->chooser = gtk_file_chooser_native_new (_("Save Activity Report as CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (activity_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
kes_liaison_page_activity_clicked_cb (KesLiaisonPage *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *to = g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (today), g_date_get_month (today),
                                         g_date_get_year (today));
  g_autofree char *from = g_strdup_printf ("01/%02d/%04d", g_date_get_month (today), g_date_get_year (today));
  GtkWidget *title = gtk_label_new (_("Activity report"));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *from_row = adw_entry_row_new ();
  GtkWidget *to_row = adw_entry_row_new ();
  GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show"));
  GtkWidget *pdf = gtk_button_new_with_mnemonic (_("_Preview PDF…"));
  GtkWidget *csv = gtk_button_new_with_mnemonic (_("Save _CSV…"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  kes_liaison_page_clear_box (self->detail_box);
  g_clear_pointer (&self->screening_id, g_free);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-1");
  gtk_box_append (self->detail_box, title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (from_row), _("From (dd/mm/yyyy)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to_row), _("To (dd/mm/yyyy)"));
  gtk_editable_set_text (GTK_EDITABLE (from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (to_row), to);
  gtk_widget_set_name (from_row, "from");
  gtk_widget_set_name (to_row, "to");
  gtk_widget_set_name (show, "show-activity");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), from_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), to_row);
  gtk_box_append (self->detail_box, group);
  g_signal_connect (show, "clicked", G_CALLBACK (show_activity_cb), self);
  gtk_widget_set_name (pdf, "activity-pdf");
  g_signal_connect (pdf, "clicked", G_CALLBACK (activity_pdf_clicked_cb), self);
  gtk_widget_set_name (csv, "activity-csv");
  g_signal_connect (csv, "clicked", G_CALLBACK (activity_csv_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), show);
  gtk_box_append (GTK_BOX (buttons), pdf);
  gtk_box_append (GTK_BOX (buttons), csv);
  gtk_box_append (self->detail_box, buttons);
  gtk_box_append (self->detail_box, box);
  self->from_entry = GTK_EDITABLE (from_row);
  self->to_entry = GTK_EDITABLE (to_row);
  self->activity_box = GTK_BOX (box);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  show_activity_cb (GTK_BUTTON (show), self);
}

/* ---- Public ---- */

gboolean
kes_liaison_page_save_activity_csv (KesLiaisonPage  *self,
                                    const char      *path,
                                    GError         **error)
{
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (KES_IS_LIAISON_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->activity_from == NULL)
    {
      g_set_error_literal (error, KES_ERROR, KES_ERROR_INVALID, _("Show the report for a period first"));
      return FALSE;
    }
  activity = kes_store_liaison_activity (self->store, self->activity_from, self->activity_to, error);
  if (activity == NULL || !kes_liaison_report_write_csv (activity, self->activity_from, self->activity_to, path,
                                                         error))
    return FALSE;
  summary = g_strdup_printf ("liaison and diversion activity report %s to %s saved (CSV)", self->activity_from,
                             self->activity_to);
  return kes_store_audit (self->store, KES_AUDIT_EXPORT, NULL, NULL, summary, error);
}
