/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-schedule"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-codes.h"
#include "kes-error.h"
#include "kes-moj-schedule.h"
#include "kes-validate.h"

static gboolean
read_key (GKeyFile    *file,
          const char  *group,
          const char  *key,
          guint       *value,
          GError     **error)
{
  g_autoptr(GError) local = NULL;
  gint64 number = g_key_file_get_int64 (file, group, key, &local);

  if (local != NULL || number <= 0 || number > 1200)
    {
      g_set_error (error, KES_ERROR, KES_ERROR_INVALID,
                   _("Report schedule: [%s] %s must be a whole number above zero"), group, key);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

gboolean
kes_moj_schedule_parse (const char      *text,
                        KesMojSchedule  *schedule,
                        GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_key_file_load_from_data (file, text, -1, G_KEY_FILE_NONE, error))
    return FALSE;
  return read_key (file, "report", "first-report-days", &schedule->first_report_days, error) &&
         read_key (file, "report", "interval-months", &schedule->interval_months, error) &&
         read_key (file, "warnings", "report-days", &schedule->warning_days, error) &&
         read_key (file, "tribunal", "first-from-months", &schedule->tribunal_from_months, error) &&
         read_key (file, "tribunal", "first-to-months", &schedule->tribunal_to_months, error) &&
         read_key (file, "tribunal", "period-months", &schedule->tribunal_period_months, error) &&
         read_key (file, "address", "notice-days", &schedule->address_notice_days, error) &&
         read_key (file, "warnings", "address-days", &schedule->address_warning_days, error);
}

const KesMojSchedule *
kes_moj_schedule_get_default (void)
{
  static KesMojSchedule schedule;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = kes_core_data_lookup ("moj/report-schedule.ini", &error);
      g_autofree char *text = NULL;

      /* The file ships in the binary; a broken one is a build error. */
      if (bytes == NULL)
        g_error ("report schedule missing from the core resource: %s", error->message);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (!kes_moj_schedule_parse (text, &schedule, &error))
        g_error ("report schedule unreadable: %s", error->message);
      g_once_init_leave (&loaded, 1);
    }
  return &schedule;
}

GDate *
kes_date_add_months_clamped (const GDate *date,
                             guint        months)
{
  guint total;
  GDateYear year;
  GDateMonth month;
  GDateDay day;
  guint8 last;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Explicit rather than g_date_add_months, so the rule is visible here:
   * same day of month, or the month's last day when it has no such day. */
  total = (g_date_get_month (date) - 1) + months;
  year = g_date_get_year (date) + total / 12;
  month = (GDateMonth) (total % 12 + 1);
  last = g_date_get_days_in_month (month, year);
  day = MIN (g_date_get_day (date), last);
  return g_date_new_dmy (day, month, year);
}

static GDate *
parse_iso (const char *text)
{
  g_autofree char *iso = text != NULL && *text != '\0' ? kes_date_parse (text, "date", NULL) : NULL;

  return iso != NULL ? kes_date_from_iso (iso) : NULL;
}

char *
kes_moj_schedule_due_date (const KesMojSchedule *schedule,
                           const char           *discharge,
                           guint                 n)
{
  g_autoptr(GDate) start = parse_iso (discharge);
  g_autoptr(GDate) due = NULL;

  g_return_val_if_fail (schedule != NULL, NULL);

  if (start == NULL)
    return NULL;
  if (n == 0)
    {
      due = g_date_copy (start);
      g_date_add_days (due, schedule->first_report_days);
    }
  else
    due = kes_date_add_months_clamped (start, n * schedule->interval_months);
  return kes_date_to_iso (due);
}

char *
kes_moj_schedule_next_due (const KesMojSchedule *schedule,
                           const char           *discharge,
                           const char * const   *answered)
{
  g_return_val_if_fail (schedule != NULL, NULL);

  /* Bounded: 400 periods of 3 months is a century of supervision. */
  for (guint n = 0; n < 400; n++)
    {
      g_autofree char *due = kes_moj_schedule_due_date (schedule, discharge, n);

      if (due == NULL)
        return NULL;
      if (answered == NULL || !g_strv_contains (answered, due))
        return g_steal_pointer (&due);
    }
  return NULL;
}

gboolean
kes_moj_tribunal_window (const KesMojSchedule *schedule,
                         const char           *discharge,
                         guint                 n,
                         char                **from,
                         char                **to)
{
  g_autoptr(GDate) start = parse_iso (discharge);
  g_autoptr(GDate) first = NULL;
  g_autoptr(GDate) last = NULL;
  guint from_months;
  guint to_months;

  g_return_val_if_fail (schedule != NULL, FALSE);

  if (start == NULL)
    return FALSE;
  if (n == 0)
    {
      from_months = schedule->tribunal_from_months;
      to_months = schedule->tribunal_to_months;
    }
  else
    {
      from_months = schedule->tribunal_to_months + (n - 1) * schedule->tribunal_period_months;
      to_months = from_months + schedule->tribunal_period_months;
    }
  first = kes_date_add_months_clamped (start, from_months);
  /* The window ends the day before the next one opens. */
  last = kes_date_add_months_clamped (start, to_months);
  g_date_subtract_days (last, 1);
  *from = kes_date_to_iso (first);
  *to = kes_date_to_iso (last);
  return TRUE;
}

gboolean
kes_moj_tribunal_window_on (const KesMojSchedule *schedule,
                            const char           *discharge,
                            const GDate          *today,
                            char                **from,
                            char                **to)
{
  for (guint n = 0; n < 100; n++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autoptr(GDate) end = NULL;

      if (!kes_moj_tribunal_window (schedule, discharge, n, &first, &last))
        return FALSE;
      end = kes_date_from_iso (last);
      if (g_date_compare (today, end) <= 0)
        {
          *from = g_steal_pointer (&first);
          *to = g_steal_pointer (&last);
          return TRUE;
        }
    }
  return FALSE;
}

char *
kes_moj_address_notice_due (const KesMojSchedule *schedule,
                            const char           *move_date)
{
  g_autoptr(GDate) date = parse_iso (move_date);

  if (date == NULL)
    return NULL;
  g_date_subtract_days (date, schedule->address_notice_days);
  return kes_date_to_iso (date);
}
