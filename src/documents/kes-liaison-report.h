/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-liaison.h"

G_BEGIN_DECLS

/* The liaison and diversion activity report for a period, as a document
 * (→ PDF, XML) and as CSV. Every count goes through
 * kes_liaison_activity_shown() or kes_disclosure_count(), under the
 * activity's rule (kes-disclosure.h). */
KesDocument *kes_liaison_report_build     (KesLiaisonActivity  *activity,
                                           const char          *from,
                                           const char          *to,
                                           const char          *author);
/* period_from,period_to,breakdown,category,count: one line for each code
 * of each breakdown, then "All" (formula-like cells defused). */
char        *kes_liaison_report_to_csv    (KesLiaisonActivity  *activity,
                                           const char          *from,
                                           const char          *to);
gboolean     kes_liaison_report_write_csv (KesLiaisonActivity  *activity,
                                           const char          *from,
                                           const char          *to,
                                           const char          *path,
                                           GError             **error);

G_END_DECLS
