/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Ministry of Justice reporting cycle, read from data
 * (data/moj/report-schedule.ini). Pure date rules, no store. */
typedef struct
{
  guint first_report_days;   /* first report: discharge + this many days */
  guint interval_months;     /* then discharge + n × this many months */
  guint warning_days;        /* Today shows a report this early */
  guint tribunal_from_months;
  guint tribunal_to_months;
  guint tribunal_period_months;
  guint address_notice_days; /* MHCS told this many days before a move */
  guint address_warning_days;
} KesMojSchedule;

/* The shipped schedule (parsed once from the core resource). */
const KesMojSchedule *kes_moj_schedule_get_default (void);
/* Parses key file text; every key must be present and positive. */
gboolean              kes_moj_schedule_parse       (const char      *text,
                                                    KesMojSchedule  *schedule,
                                                    GError         **error);

/* @date plus @months calendar months; a day that does not exist in the
 * target month becomes that month's last day (31 Jan + 1 month = 28 Feb,
 * or 29 Feb in a leap year). */
GDate      *kes_date_add_months_clamped    (const GDate          *date,
                                            guint                 months);

/* The @n-th due date (0 = the first report) for a conditional discharge on
 * @discharge (YYYY-MM-DD), as YYYY-MM-DD; NULL for an invalid date. Every
 * due date is counted from the discharge date, never from the one before,
 * so a clamped month end does not drift (31 Jan: 28 Feb, 30 Apr, 31 Jul). */
char       *kes_moj_schedule_due_date      (const KesMojSchedule *schedule,
                                            const char           *discharge,
                                            guint                 n);
/* The earliest due date not answered by a submitted report: @answered
 * holds the due dates that submitted reports were written for (NULL-ended,
 * may be NULL). Early or late submission does not move the schedule. */
char       *kes_moj_schedule_next_due      (const KesMojSchedule *schedule,
                                            const char           *discharge,
                                            const char * const   *answered);
/* The @n-th tribunal eligibility window (0: 12 months to 2 years after
 * discharge, then each later 2-year period): first and last day, inclusive. */
gboolean    kes_moj_tribunal_window        (const KesMojSchedule *schedule,
                                            const char           *discharge,
                                            guint                 n,
                                            char                **from,
                                            char                **to);
/* The window that contains @today, or the next one if none does yet. */
gboolean    kes_moj_tribunal_window_on     (const KesMojSchedule *schedule,
                                            const char           *discharge,
                                            const GDate          *today,
                                            char                **from,
                                            char                **to);
/* The day MHCS must be told of a move on @move_date. */
char       *kes_moj_address_notice_due     (const KesMojSchedule *schedule,
                                            const char           *move_date);

G_END_DECLS
