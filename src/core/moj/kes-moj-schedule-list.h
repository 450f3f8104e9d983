/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-moj-schedule.h"
#include "kes-moj.h"

G_BEGIN_DECLS

/* The whole reporting schedule of a conditionally discharged patient
 * (issue 21): every routine report due since the conditional discharge,
 * each with what became of it, and the next one still to come. */
typedef enum
{
  KES_MOJ_DUE_SENT,      /* submitted on or before its due date */
  KES_MOJ_DUE_SENT_LATE, /* submitted after its due date */
  KES_MOJ_DUE_LATE,      /* past its due date and not submitted */
  KES_MOJ_DUE_DUE,       /* not submitted; due today or later (the next one) */
} KesMojDueState;

typedef struct
{
  guint           n;             /* 0: the first report after discharge */
  char           *due_date;      /* YYYY-MM-DD */
  KesMojDueState  state;
  char           *sent_date;     /* YYYY-MM-DD when submitted, else NULL */
  guint           days_late;     /* calendar days after the due date it was sent, or is now */
  char           *notice_sent;   /* the late notice to MHCS for this due date: when sent */
  char           *late_reason;   /* … and the reason it gave */
  char           *expected_date; /* … and when it said the report would come */
  char           *report_id;     /* the report written for this due date (a draft while not sent) */
} KesMojScheduleEntry;

void       kes_moj_schedule_entry_free (KesMojScheduleEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesMojScheduleEntry, kes_moj_schedule_entry_free)

/* The entries (KesMojScheduleEntry*, oldest first) for a conditional
 * discharge on @discharge, up to and including the first due date on or
 * after @today. @reports (routine and urgent MoJ reports; urgent ones and
 * those entered in error are left out) and @late_notices (KES_MOJ_LATE_NOTICE
 * records; those entered in error are left out) are matched to a due date
 * by their "due_date". A report due today is not late; the day after, it
 * is. Pure: no store. NULL for a discharge date that is not a date. */
GPtrArray *kes_moj_schedule_list       (const KesMojSchedule *schedule,
                                        const char           *discharge,
                                        const GDate          *today,
                                        GPtrArray            *reports,
                                        GPtrArray            *late_notices);

G_END_DECLS
