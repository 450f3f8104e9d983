/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-verify.h"

G_BEGIN_DECLS

/* Filling a report (kes-store-verify*.c). */
KesVerifyReport *kes_verify_report_new        (void);
void             kes_verify_report_mark_ran   (KesVerifyReport *self,
                                               KesVerifyPart    part);
void             kes_verify_report_count      (KesVerifyReport *self,
                                               KesVerifyPart    part,
                                               guint64          checked);
/* Counts a problem; the first of each part is kept, in plain words. */
void             kes_verify_report_problem    (KesVerifyReport *self,
                                               KesVerifyPart    part,
                                               const char      *format,
                                               ...) G_GNUC_PRINTF (3, 4);
/* Counts @count problems of which @first is the first. */
void             kes_verify_report_problems   (KesVerifyReport *self,
                                               KesVerifyPart    part,
                                               guint            count,
                                               const char      *first);
/* @part needs the installation key @key_id, which this computer lacks. */
void             kes_verify_report_unverified (KesVerifyReport *self,
                                               KesVerifyPart    part,
                                               const char      *key_id);
void             kes_verify_report_notice     (KesVerifyReport *self,
                                               const char      *format,
                                               ...) G_GNUC_PRINTF (2, 3);

/* "entry 12 was" or "entries 12 to 20 were": a run of the access log. */
char            *kes_verify_entries_text      (gint64           first,
                                               gint64           last);

G_END_DECLS
