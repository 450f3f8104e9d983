/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-form"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/kes-signature-dialog.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-tool-assessment.h"
#include "kes-validate.h"
#include "risk/fields/kes-risk-field.h"
#include "risk/kes-risk-form-private.h"

/* The end of a risk form: who completed it and when, the completion check,
 * and signing it off (the signer's password again; a reason for a revision
 * of a completed one). */

static void
sign_off_changed_cb (GtkEditable *editable,
                     KesRiskForm *self)
{
  gboolean date = GTK_WIDGET (editable) == self->assessed_on || GTK_WIDGET (editable) == self->mdt_reviewed_on ||
                  GTK_WIDGET (editable) == self->next_review_on;
  g_autofree char *text = date ? kes_editable_dup_date (editable) : kes_editable_dup_text (editable);

  if (GTK_WIDGET (editable) == self->completed_by)
    kes_risk_assessment_set_completed_by (self->assessment, text);
  else if (GTK_WIDGET (editable) == self->supervised_by)
    kes_risk_assessment_set_supervised_by (self->assessment, text);
  else if (GTK_WIDGET (editable) == self->assessed_on)
    kes_risk_assessment_set_assessed_on (self->assessment, text);
  else if (GTK_WIDGET (editable) == self->mdt_reviewed_on)
    kes_risk_assessment_set_mdt_reviewed_on (self->assessment, text);
  else if (GTK_WIDGET (editable) == self->next_review_on)
    kes_risk_assessment_set_next_review_on (self->assessment, text);
  kes_risk_form_changed (self);
}

static GtkWidget *
sign_off_entry (KesRiskForm  *self,
                GtkWidget    *group,
                const char   *title,
                const char   *name,
                const char   *value,
                gboolean      date)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (date)
    {
      kes_editable_set_date (GTK_EDITABLE (entry), value);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("DD/MM/YYYY"));
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_name (entry, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (sign_off_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return entry;
}

/* The widget a completion issue is about: a rating ("H1/presence") by its
 * control's name ("rating:H1:presence"), a field by its input's (its id). */
static GtkWidget *
issue_widget (KesRiskForm *self,
              const char  *key)
{
  g_auto(GStrv) rating = g_strsplit (key, "/", 2);
  g_autofree char *name = rating[0] != NULL && rating[1] != NULL
                            ? g_strdup_printf ("rating:%s:%s", rating[0], rating[1]) : NULL;

  return kes_form_find_field (self->content, name != NULL ? name : key);
}

/* Puts each issue on its widget: a field shows it under itself (until it
 * is next changed); a rating is marked invalid and described by it, related
 * to the check's summary. Ratings marked before and done now are cleared.
 * Returns the first widget, or NULL. */
static GtkWidget *
mark_issues (KesRiskForm *self,
             GPtrArray   *issues)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < self->marked->len; i++)
    {
      GtkWidget *widget = kes_form_find_field (self->content, g_ptr_array_index (self->marked, i));

      if (widget != NULL)
        kes_field_mark_invalid (widget, NULL, NULL);
    }
  g_ptr_array_set_size (self->marked, 0);

  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *widget = issue_widget (self, issue->field);
      GtkWidget *field;

      if (widget == NULL)
        continue;
      field = gtk_widget_get_ancestor (widget, KES_TYPE_RISK_FIELD);
      if (field != NULL)
        kes_risk_field_show_problem (KES_RISK_FIELD (field), issue->message);
      else
        {
          kes_field_mark_invalid (widget, self->check_label, issue->message);
          g_ptr_array_add (self->marked, g_strdup (gtk_widget_get_name (widget)));
        }
      if (first == NULL)
        first = widget;
    }
  return first;
}

static GPtrArray *
check_issues (KesRiskForm *self,
              GString     *text)
{
  GPtrArray *issues = kes_tool_assessment_unrated (self->definition, self->assessment);

  /* In the error style only while something is missing. */
  if (issues->len > 0)
    gtk_widget_add_css_class (self->check_label, "error");
  else
    gtk_widget_remove_css_class (self->check_label, "error");

  if (issues->len == 0)
    g_string_append (text, _("Everything is rated and filled in."));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Still to do (%u):", "Still to do (%u):",
                                               issues->len), issues->len);
  for (guint i = 0; i < issues->len; i++)
    g_string_append_printf (text, "\n• %s", ((KesIssue *) g_ptr_array_index (issues, i))->message);
  return issues;
}

guint
kes_risk_form_check (KesRiskForm *self)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KES_IS_RISK_FORM (self), 0);

  /* Every entry is built, so that each issue has its widget. */
  kes_risk_form_finish_building (self);
  issues = check_issues (self, text);
  kes_form_show_refusal (GTK_LABEL (self->check_label), text->str, mark_issues (self, issues));
  return issues->len;
}

void
kes_risk_form_refresh_check (KesRiskForm *self)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->marked == NULL || !gtk_widget_get_visible (self->check_label))
    return;
  issues = check_issues (self, text);
  gtk_label_set_text (GTK_LABEL (self->check_label), text->str);
  mark_issues (self, issues);
}

static void
check_clicked_cb (GtkButton   *button,
                  KesRiskForm *self)
{
  kes_risk_form_check (self);
}

gboolean
kes_risk_form_complete (KesRiskForm  *self,
                        const char   *reason,
                        const char   *password,
                        GError      **error)
{
  g_return_val_if_fail (KES_IS_RISK_FORM (self), FALSE);

  if (!kes_tool_assessment_complete (self->store, self->definition, self->assessment, reason, password, error))
    return FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  gtk_widget_set_visible (self->check_label, FALSE);
  g_ptr_array_set_size (self->marked, 0);
  kes_risk_form_update_status (self);
  kes_widget_toast (GTK_WIDGET (self), _("Assessment completed and signed off"));
  kes_risk_form_emit_saved (self);
  return TRUE;
}

typedef struct
{
  KesRiskForm *form;
  char        *reason;
} CompleteRequest;

static void
complete_request_free (gpointer data)
{
  CompleteRequest *request = data;

  g_object_unref (request->form);
  g_free (request->reason);
  g_free (request);
}

static gboolean
complete_cb (const char  *password,
             gpointer     user_data,
             GError     **error)
{
  CompleteRequest *request = user_data;

  return kes_risk_form_complete (request->form, request->reason, password, error);
}

static void
completed_cb (gboolean      signed_off,
              const GError *error,
              gpointer      user_data)
{
  CompleteRequest *request = user_data;

  if (error != NULL)
    {
      kes_risk_form_check (request->form);
      kes_show_error (GTK_WIDGET (request->form), _("The assessment was not saved"), error->message);
    }
}

/* Signing means the signer: the password again before it is completed. */
static void
complete (KesRiskForm *self,
          const char  *reason)
{
  CompleteRequest *request = g_new0 (CompleteRequest, 1);

  request->form = g_object_ref (self);
  request->reason = g_strdup (reason);
  kes_ask_signature (GTK_WIDGET (self), _("Complete and Sign Off?"),
                     _("Type your password to sign the assessment off as yourself. It is saved as "
                       "completed, with your name and the time, and changes after that only by a "
                       "new revision with a reason."),
                     complete_cb, completed_cb, request, complete_request_free);
}

static void
reason_cb (const char *reason,
           gpointer    data)
{
  g_autoptr(KesRiskForm) self = data;

  if (reason != NULL)
    complete (self, reason);
}

static void
complete_clicked_cb (GtkButton   *button,
                     KesRiskForm *self)
{
  /* Nothing to sign while something is missing: the check says what, and
   * the focus goes to the first of it (core refuses it too). */
  if (kes_risk_form_check (self) > 0)
    return;
  if (kes_risk_assessment_get_status (self->assessment) == KES_RISK_STATUS_COMPLETED)
    kes_ask_text (GTK_WIDGET (self), _("Revise a Completed Assessment?"),
                  _("A completed assessment is never kes_risk_form_changed in place: this saves a new revision, "
                    "and the one before stays in its history."),
                  _("Reason for the revision"), NULL, _("Save Revision"), FALSE, reason_cb,
                  g_object_ref (self));
  else
    complete (self, NULL);
}

/* The sign-off rows (the next review defaults to the tool's interval after
 * the assessment date), the completion check's label and the buttons. */
void
kes_risk_form_build_sign_off (KesRiskForm *self,
                              GtkBox      *box)
{
  KesToolDefinition *def = self->definition;
  GtkWidget *group;
  GtkWidget *buttons;
  GtkWidget *check;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Sign-off"));
  if (kes_risk_assessment_get_next_review_on (self->assessment) == NULL &&
      kes_tool_definition_get_review_months (def) > 0)
    {
      g_autoptr(GDate) date = kes_clock_today ();
      g_autofree char *iso = NULL;

      if (kes_risk_assessment_get_assessed_on (self->assessment) != NULL)
        {
          g_autoptr(GDate) assessed = kes_date_from_iso (kes_risk_assessment_get_assessed_on (self->assessment));

          if (assessed != NULL)
            *date = *assessed;
        }
      g_date_add_months (date, kes_tool_definition_get_review_months (def));
      iso = kes_date_to_iso (date);
      kes_risk_assessment_set_next_review_on (self->assessment, iso);
    }
  self->assessed_on = sign_off_entry (self, group, _("Assessment date"), "assessed_on",
                                      kes_risk_assessment_get_assessed_on (self->assessment), TRUE);
  self->completed_by = sign_off_entry (self, group, _("Completed by"), "completed_by",
                                       kes_risk_assessment_get_completed_by (self->assessment), FALSE);
  self->supervised_by = sign_off_entry (self, group, _("Under the supervision of"), "supervised_by",
                                        kes_risk_assessment_get_supervised_by (self->assessment), FALSE);
  self->mdt_reviewed_on = sign_off_entry (self, group, _("Reviewed by the MDT on"), "mdt_reviewed_on",
                                          kes_risk_assessment_get_mdt_reviewed_on (self->assessment), TRUE);
  self->next_review_on = sign_off_entry (self, group, _("Next review due"), "next_review_on",
                                         kes_risk_assessment_get_next_review_on (self->assessment), TRUE);
  gtk_box_append (box, group);

  self->check_label = kes_form_summary_label_new ();
  gtk_label_set_selectable (GTK_LABEL (self->check_label), TRUE);
  kes_widget_set_handle (self->check_label, "risk-check");
  gtk_box_append (box, self->check_label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  check = gtk_button_new_with_mnemonic (_("_Check What Is Missing"));
  g_signal_connect_object (check, "clicked", G_CALLBACK (check_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), check);
  self->complete_button = gtk_button_new_with_label ("");
  gtk_widget_add_css_class (self->complete_button, "suggested-action");
  gtk_widget_set_name (self->complete_button, "complete");
  g_signal_connect_object (self->complete_button, "clicked", G_CALLBACK (complete_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (buttons), self->complete_button);
  gtk_box_append (box, buttons);
}
