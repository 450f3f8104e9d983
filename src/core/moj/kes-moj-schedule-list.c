/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-schedule-list"

#include "config.h"

#include "kes-moj-report.h"
#include "kes-moj-schedule-list.h"
#include "kes-validate.h"

/* A guard against a schedule that never reaches @today (a discharge date
 * centuries ago): 400 three-monthly reports is a hundred years. */
#define MAX_ENTRIES 400

void
kes_moj_schedule_entry_free (KesMojScheduleEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->due_date);
  g_free (entry->sent_date);
  g_free (entry->notice_sent);
  g_free (entry->late_reason);
  g_free (entry->expected_date);
  g_free (entry->report_id);
  g_free (entry);
}

static gboolean
counts (KesMojRecord *record)
{
  return kes_moj_record_get_state (record) == KES_RECORD_ACTIVE;
}

/* The routine report written for @due: a submitted one first, else a draft. */
static KesMojRecord *
report_for (GPtrArray  *reports,
            const char *due)
{
  KesMojRecord *draft = NULL;

  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      KesMojRecord *report = g_ptr_array_index (reports, i);

      if (!counts (report) || kes_moj_report_is_urgent (report) ||
          !g_str_equal (kes_moj_record_get_text (report, "due_date"), due))
        continue;
      if (kes_moj_report_is_submitted (report))
        return report;
      draft = report;
    }
  return draft;
}

static void
fill_notice (KesMojScheduleEntry *entry,
             GPtrArray           *late_notices)
{
  for (guint i = 0; late_notices != NULL && i < late_notices->len; i++)
    {
      KesMojRecord *notice = g_ptr_array_index (late_notices, i);

      if (kes_moj_record_get_kind (notice) != KES_MOJ_LATE_NOTICE || !counts (notice) ||
          !g_str_equal (kes_moj_record_get_text (notice, "due_date"), entry->due_date))
        continue;
      entry->notice_sent = g_strdup (kes_moj_record_get_text (notice, "sent_date"));
      entry->late_reason = g_strdup (kes_moj_record_get_text (notice, "reason"));
      if (*kes_moj_record_get_text (notice, "expected_date") != '\0')
        entry->expected_date = g_strdup (kes_moj_record_get_text (notice, "expected_date"));
      return;
    }
}

GPtrArray *
kes_moj_schedule_list (const KesMojSchedule *schedule,
                       const char           *discharge,
                       const GDate          *today,
                       GPtrArray            *reports,
                       GPtrArray            *late_notices)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDate) start = kes_date_from_iso (discharge);

  g_return_val_if_fail (schedule != NULL && today != NULL, NULL);

  if (start == NULL)
    return NULL;
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_moj_schedule_entry_free);
  for (guint n = 0; n < MAX_ENTRIES; n++)
    {
      KesMojScheduleEntry *entry = g_new0 (KesMojScheduleEntry, 1);
      g_autoptr(GDate) due = NULL;
      KesMojRecord *report;

      entry->n = n;
      entry->due_date = kes_moj_schedule_due_date (schedule, discharge, n);
      due = kes_date_from_iso (entry->due_date);
      g_ptr_array_add (entries, entry);
      fill_notice (entry, late_notices);
      report = report_for (reports, entry->due_date);
      if (report != NULL)
        entry->report_id = g_strdup (kes_moj_record_get_id (report));
      if (report != NULL && kes_moj_report_is_submitted (report))
        {
          g_autofree char *notice = NULL;

          kes_moj_report_submission_timing (report, late_notices, &entry->days_late, &notice);
          entry->sent_date = g_strdup (kes_moj_record_get_text (report, "submitted_date"));
          entry->state = entry->days_late > 0 ? KES_MOJ_DUE_SENT_LATE : KES_MOJ_DUE_SENT;
          continue;
        }
      if (g_date_compare (due, today) < 0)
        {
          entry->state = KES_MOJ_DUE_LATE;
          entry->days_late = g_date_days_between (due, today);
          continue;
        }
      entry->state = KES_MOJ_DUE_DUE;
      break;
    }
  return g_steal_pointer (&entries);
}
