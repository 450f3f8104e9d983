/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-schedule-group"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-moj-schedule-list.h"
#include "kes-validate.h"
#include "moj/kes-moj-schedule-group.h"

static GPtrArray *
records_of (GListModel *model)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (records, g_list_model_get_item (model, i));
  return records;
}

/* "Late notice sent 30 Jul 2026: Clinical supervisor on leave · expected by 14 Aug 2026" */
static void
append_notice (GString                   *text,
               const KesMojScheduleEntry *entry)
{
  g_autofree char *sent = NULL;

  if (entry->notice_sent == NULL)
    {
      if (entry->state != KES_MOJ_DUE_SENT && entry->state != KES_MOJ_DUE_DUE)
        g_string_append_printf (text, " · %s", _("no late notice to MHCS recorded"));
      return;
    }
  sent = kes_date_to_display (entry->notice_sent);
  g_string_append (text, " · ");
  g_string_append_printf (text, _("late notice sent %s: %s"), sent, entry->late_reason);
  if (entry->expected_date != NULL)
    {
      g_autofree char *expected = kes_date_to_display (entry->expected_date);
      g_string_append (text, " · ");
      g_string_append_printf (text, _("expected by %s"), expected);
    }
}

static GtkWidget *
entry_row (const KesMojScheduleEntry *entry,
           const GDate               *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (NULL);
  g_autofree char *due = kes_date_to_display (entry->due_date);
  g_autofree char *title = g_strdup_printf (_("Due %s · %s"), due,
                                            entry->n == 0 ? _("first report after conditional discharge")
                                                          : _("three-monthly report"));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *sent = entry->sent_date != NULL ? kes_date_to_display (entry->sent_date) : NULL;
  g_autoptr(GDate) due_day = kes_date_from_iso (entry->due_date);

  switch (entry->state)
    {
    case KES_MOJ_DUE_SENT:
      gtk_label_set_text (GTK_LABEL (state), _("Sent"));
      g_string_printf (subtitle, _("Sent %s, in time"), sent);
      break;
    case KES_MOJ_DUE_SENT_LATE:
      gtk_label_set_text (GTK_LABEL (state), _("Sent late"));
      g_string_printf (subtitle, ngettext ("Sent %s, %u day late", "Sent %s, %u days late", entry->days_late),
                       sent, entry->days_late);
      gtk_widget_add_css_class (state, "warning");
      break;
    case KES_MOJ_DUE_LATE:
      gtk_label_set_text (GTK_LABEL (state), _("Late"));
      g_string_printf (subtitle, ngettext ("Not sent: %u day late", "Not sent: %u days late", entry->days_late),
                       entry->days_late);
      if (entry->report_id != NULL)
        g_string_append_printf (subtitle, " · %s", _("a draft is started"));
      gtk_widget_add_css_class (state, "error");
      break;
    case KES_MOJ_DUE_DUE:
    default:
      {
        int days = g_date_days_between (today, due_day);

        gtk_label_set_text (GTK_LABEL (state), _("Due"));
        if (days == 0)
          g_string_assign (subtitle, _("Due today"));
        else
          g_string_printf (subtitle, ngettext ("Due in %d day", "Due in %d days", days), days);
        if (entry->report_id != NULL)
          g_string_append_printf (subtitle, " · %s", _("a draft is started"));
      }
      break;
    }
  append_notice (subtitle, entry);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (state, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  return row;
}

GtkWidget *
kes_moj_schedule_group_new (KesMojRecord *status,
                            GListModel   *reports,
                            GListModel   *late_notices)
{
  g_autoptr(GPtrArray) report_list = NULL;
  g_autoptr(GPtrArray) notice_list = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  GtkWidget *group;

  if (status == NULL || !kes_legal_status_is_conditionally_discharged (status))
    return NULL;
  report_list = records_of (reports);
  notice_list = records_of (late_notices);
  entries = kes_moj_schedule_list (kes_moj_schedule_get_default (),
                                   kes_moj_record_get_text (status, "conditional_discharge_date"),
                                   today, report_list, notice_list);
  if (entries == NULL)
    return NULL;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Report Schedule"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every report due since the conditional discharge: the first 28 days "
                                           "after it, then every 3 months (MHCS guidance)."));
  kes_widget_set_handle (group, "moj-schedule");
  /* Newest first: what needs doing now is at the top. */
  for (guint i = entries->len; i > 0; i--)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry_row (entries->pdata[i - 1], today));
  return group;
}
