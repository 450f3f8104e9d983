/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-report-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-moj-report.h"
#include "kes-validate.h"
#include "moj/kes-moj-report-form-private.h"

/* A part refused as not ready for review: each problem on its field
 * (styled, marked invalid and described by it), the list in a summary with
 * the alert role at the top of the form, and the focus on the first field
 * to put right. They follow what is typed until the part is ready. */

static void
unmark_all (KesMojReportForm *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    kes_field_mark_invalid (g_ptr_array_index (self->marked, i), NULL, NULL);
  g_ptr_array_set_size (self->marked, 0);
}

/* Marks each issue's field; returns the first one (NULL: none found). */
static GtkWidget *
mark_issues (KesMojReportForm *self,
             GPtrArray        *issues)
{
  GtkWidget *first = NULL;

  unmark_all (self);
  for (guint i = 0; i < issues->len; i++)
    {
      KesIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *field = kes_form_find_field (GTK_WIDGET (self), issue->field);

      if (field == NULL)
        continue;
      kes_field_mark_invalid (field, self->problems_label, issue->message);
      g_ptr_array_add (self->marked, g_object_ref (field));
      if (first == NULL)
        first = field;
    }
  return first;
}

static char *
summary_text (const char *part_id,
              GPtrArray  *issues)
{
  GString *text = g_string_new (NULL);

  /* Translators: the summary above a report part that can't be marked ready */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Part %s is not ready for review: %u problem to put right.",
                                             "Part %s is not ready for review: %u problems to put right.",
                                             issues->len),
                          part_id, issues->len);
  for (guint i = 0; i < issues->len; i++)
    g_string_append_printf (text, "\n• %s", ((KesIssue *) g_ptr_array_index (issues, i))->message);
  return g_string_free (text, FALSE);
}

guint
kes_moj_report_form_show_part_problems (KesMojReportForm *self,
                                        const char       *part_id)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *text = NULL;
  GtkWidget *first;

  g_return_val_if_fail (KES_IS_MOJ_REPORT_FORM (self), 0);
  g_return_val_if_fail (part_id != NULL, 0);

  kes_moj_report_form_editor_changed_cb (self);
  issues = kes_moj_report_part_ready_issues (kes_moj_report_form_get_report (self), part_id);
  g_free (self->refused_part);
  self->refused_part = issues->len > 0 ? g_strdup (part_id) : NULL;
  first = mark_issues (self, issues);
  text = issues->len > 0 ? summary_text (part_id, issues) : NULL;
  kes_form_show_refusal (GTK_LABEL (self->problems_label), text, first);
  return issues->len;
}

void
kes_moj_report_form_refresh_problems (KesMojReportForm *self)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autofree char *text = NULL;

  if (self->refused_part == NULL || self->marked == NULL)
    return;
  issues = kes_moj_report_part_ready_issues (kes_moj_report_form_get_report (self), self->refused_part);
  mark_issues (self, issues);
  if (issues->len == 0)
    {
      g_clear_pointer (&self->refused_part, g_free);
      gtk_widget_set_visible (self->problems_label, FALSE);
      return;
    }
  text = summary_text (self->refused_part, issues);
  gtk_label_set_text (GTK_LABEL (self->problems_label), text);
}
