/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"
#include "kes-equality.h"

G_BEGIN_DECLS

/* The equality (PCREF) report as a document (→ PDF, XML) and as CSV. Every
 * count, zero and total goes through the report's disclosure rule
 * (kes_disclosure_column()), rates through kes_disclosure_rate(); an
 * acceptance rate is withheld when the accepted, declined or decided count
 * is hidden. Every group is listed, empty or not. Measures not counted
 * (available FALSE) are said to be not available, never shown as 0. */
KesDocument *kes_equality_report_build     (KesEqualityReport *report,
                                            const char        *author);
/* One line per group and measure:
 * period_from,period_to,dimension,group,measure,count,rate_per_100,rate_of
 * (rate_of: "caseload" or "decisions"; hidden cells "*", withheld rates
 * "–"), then the median days to decision of each group. */
char        *kes_equality_report_to_csv    (KesEqualityReport *report);
gboolean     kes_equality_report_write_csv (KesEqualityReport *report,
                                            const char        *path,
                                            GError           **error);

G_END_DECLS
