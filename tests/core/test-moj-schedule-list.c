/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-moj-schedule-list.h"
#include "kes-validate.h"

/* The whole MoJ schedule as a list (issue 21): the first report 28 days
 * after conditional discharge, then every 3 months counted from the
 * discharge (data/moj/report-schedule.ini, cited there). */

static KesMojRecord *
report (const char *id,
        const char *due,
        const char *submitted)
{
  KesMojRecord *record = kes_moj_record_new (KES_MOJ_REPORT, "patient-1");

  kes_moj_record_set_identity (record, id, 1, KES_RECORD_ACTIVE);
  kes_moj_record_set_text (record, "report_type", "routine");
  kes_moj_record_set_text (record, "due_date", due);
  if (submitted != NULL)
    kes_moj_record_set_text (record, "submitted_date", submitted);
  return record;
}

static KesMojRecord *
late_notice (const char *due,
             const char *sent,
             const char *reason,
             const char *expected)
{
  KesMojRecord *record = kes_moj_record_new (KES_MOJ_LATE_NOTICE, "patient-1");

  kes_moj_record_set_identity (record, "notice", 1, KES_RECORD_ACTIVE);
  kes_moj_record_set_text (record, "due_date", due);
  kes_moj_record_set_text (record, "sent_date", sent);
  kes_moj_record_set_text (record, "reason", reason);
  kes_moj_record_set_text (record, "expected_date", expected);
  return record;
}

static GPtrArray *
schedule_on (const char *today_iso,
             GPtrArray  *reports,
             GPtrArray  *notices)
{
  g_autoptr(GDate) today = kes_date_from_iso (today_iso);

  return kes_moj_schedule_list (kes_moj_schedule_get_default (), "2026-01-31", today, reports, notices);
}

#define ENTRY(list, i) ((KesMojScheduleEntry *) g_ptr_array_index (list, i))

static void
test_due_dates_and_boundary (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;

  /* Nothing sent: on the day the first report is due (discharge + 28 days)
   * it is due, not late; the next day it is one day late and the next
   * one (31 Jan + 3 months, clamped: 30 Apr) is listed as due. */
  list = schedule_on ("2026-02-28", reports, notices);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (ENTRY (list, 0)->due_date, ==, "2026-02-28");
  g_assert_cmpint (ENTRY (list, 0)->state, ==, KES_MOJ_DUE_DUE);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = schedule_on ("2026-03-01", reports, notices);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (ENTRY (list, 0)->state, ==, KES_MOJ_DUE_LATE);
  g_assert_cmpuint (ENTRY (list, 0)->days_late, ==, 1);
  g_assert_cmpstr (ENTRY (list, 1)->due_date, ==, "2026-04-30");
  g_assert_cmpint (ENTRY (list, 1)->state, ==, KES_MOJ_DUE_DUE);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Before the discharge's first report is due: the one entry, due. */
  list = schedule_on ("2026-01-31", reports, notices);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (ENTRY (list, 0)->state, ==, KES_MOJ_DUE_DUE);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Not a date: no schedule. */
  {
    g_autoptr(GDate) today = kes_date_from_iso ("2026-03-01");
    g_assert_null (kes_moj_schedule_list (kes_moj_schedule_get_default (), "31/01/2026", today, NULL, NULL));
  }
}

static void
test_sent_late_and_reasons (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) list = NULL;
  KesMojRecord *urgent;
  KesMojRecord *wrong;

  /* Sent on its due date: in time. Sent a day after: one day late, with
   * the late notice MHCS was sent. Not sent, with a late notice: late,
   * with its reason and expected date. A draft for the next: due. */
  g_ptr_array_add (reports, report ("first", "2026-02-28", "2026-02-28"));
  g_ptr_array_add (reports, report ("second", "2026-04-30", "2026-05-01"));
  g_ptr_array_add (notices, late_notice ("2026-04-30", "2026-04-28", "Psychology report awaited", NULL));
  g_ptr_array_add (notices, late_notice ("2026-07-31", "2026-07-30", "Clinical supervisor on leave", "2026-08-14"));
  g_ptr_array_add (reports, report ("draft", "2026-10-31", NULL));
  /* An urgent report, and a report entered in error, answer no due date. */
  urgent = report ("urgent", "2026-07-31", "2026-07-20");
  kes_moj_record_set_text (urgent, "report_type", "urgent");
  g_ptr_array_add (reports, urgent);
  wrong = report ("wrong", "2026-07-31", "2026-07-21");
  kes_moj_record_set_identity (wrong, "wrong", 2, KES_RECORD_ENTERED_IN_ERROR);
  g_ptr_array_add (reports, wrong);

  list = schedule_on ("2026-10-31", reports, notices);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (ENTRY (list, 0)->state, ==, KES_MOJ_DUE_SENT);
  g_assert_cmpstr (ENTRY (list, 0)->sent_date, ==, "2026-02-28");
  g_assert_cmpuint (ENTRY (list, 0)->days_late, ==, 0);
  g_assert_cmpint (ENTRY (list, 1)->state, ==, KES_MOJ_DUE_SENT_LATE);
  g_assert_cmpuint (ENTRY (list, 1)->days_late, ==, 1);
  g_assert_cmpstr (ENTRY (list, 1)->notice_sent, ==, "2026-04-28");
  g_assert_cmpstr (ENTRY (list, 1)->late_reason, ==, "Psychology report awaited");
  g_assert_cmpstr (ENTRY (list, 2)->due_date, ==, "2026-07-31");
  g_assert_cmpint (ENTRY (list, 2)->state, ==, KES_MOJ_DUE_LATE);
  g_assert_cmpuint (ENTRY (list, 2)->days_late, ==, 92);
  g_assert_cmpstr (ENTRY (list, 2)->late_reason, ==, "Clinical supervisor on leave");
  g_assert_cmpstr (ENTRY (list, 2)->expected_date, ==, "2026-08-14");
  g_assert_null (ENTRY (list, 2)->report_id);
  g_assert_cmpint (ENTRY (list, 3)->state, ==, KES_MOJ_DUE_DUE);
  g_assert_cmpstr (ENTRY (list, 3)->report_id, ==, "draft");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/moj/schedule-list/due-dates-and-boundary", test_due_dates_and_boundary);
  g_test_add_func ("/moj/schedule-list/sent-late-and-reasons", test_sent_late_and_reasons);
  return g_test_run ();
}
