/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-equality.h"

G_BEGIN_DECLS

/* The equality (PCREF) report as a document (→ PDF, XML) and as CSV. Every
 * count goes through kes_equality_suppress_column(); rates through
 * kes_equality_rate(); an acceptance rate is withheld when the accepted,
 * declined or decided count is hidden. Measures not counted (available
 * FALSE) are said to be not available, never shown as 0. */
KesDocument *kes_equality_report_build     (KesEqualityReport *report,
                                            const char        *author);
/* One line per group and measure:
 * period_from,period_to,dimension,group,measure,count,rate_per_100,rate_of
 * (rate_of: "caseload" or "decisions"; suppressed cells "<5" or "*",
 * withheld rates "–"), then the median days to decision of each group. */
char        *kes_equality_report_to_csv    (KesEqualityReport *report);
gboolean     kes_equality_report_write_csv (KesEqualityReport *report,
                                            const char        *path,
                                            GError           **error);

G_END_DECLS
