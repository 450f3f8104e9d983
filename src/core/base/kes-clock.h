/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One clock for the whole of core, so tests and reproducible exports can fix
 * "now". KESTREL_NOW (ISO 8601, e.g. 2026-11-21T09:00:00Z) fixes it for a
 * process; kes_clock_set_fixed() fixes it in tests. */
GDateTime *kes_clock_now_utc       (void);
GDate     *kes_clock_today         (void);
char      *kes_clock_now_iso       (void);
void       kes_clock_set_fixed     (GDateTime  *now);

/* ISO 8601 UTC with a Z, second precision: "2026-11-21T09:00:00Z". */
char      *kes_time_to_iso         (GDateTime  *time);
GDateTime *kes_time_from_iso       (const char *text);

/* en-GB display: "21 Nov 2026", "21 Nov 2026 09:00". */
char      *kes_date_to_display     (const char *iso_date);
char      *kes_time_to_display     (const char *iso_time);

G_END_DECLS
