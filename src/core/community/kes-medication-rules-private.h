/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Values of data/rules/medication.ini, read once from the core resource. A
 * missing key is an error in the data, caught by the unit tests, so these
 * warn and fall back to 0 (or NULL). */
double    kes_medication_rule_double  (const char  *group,
                                       const char  *key);
guint     kes_medication_rule_uint    (const char  *group,
                                       const char  *key);
char     *kes_medication_rule_string  (const char  *group,
                                       const char  *key);
int      *kes_medication_rule_ints    (const char  *group,
                                       const char  *key,
                                       gsize       *n_values);

/* New dates (free with g_date_free). */
GDate    *kes_date_plus_days          (const GDate *date,
                                       int          days);
GDate    *kes_date_plus_months        (const GDate *date,
                                       guint        months);
/* The earlier of two dates, either of which may be NULL. */
const GDate *kes_date_earlier         (const GDate *a,
                                       const GDate *b);

G_END_DECLS
