/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How counts about people are protected in a report that leaves the team
 * (equality monitoring, liaison and diversion activity): NHS Digital's
 * method for tables below national level (data/rules/disclosure.ini), with
 * Kestrel's stricter handling of zeros and totals.
 *
 *  1. A count from 1 to suppress_up_to (7) is hidden ("*"); so is 0 when
 *     hide_zeros (a zero beside a hidden count narrows it down).
 *  2. Every count shown is rounded to the nearest round_to (5).
 *  3. A total is hidden like any count. When subtracting the shown cells
 *     from a column's total could show a hidden count (or several together)
 *     to be a small group, from 1 to suppress_up_to, the smallest shown cell
 *     is hidden too, as "[c]" (a count above suppress_up_to, hidden to
 *     protect another), and the next, until it can't; the total when no
 *     cell is left. A reader can tell "*" from "[c]" and that is allowed
 *     for: the check assumes the reader knows what each symbol means.
 *  4. A rate is worked out from the rounded counts, and withheld ("–") when
 *     either is hidden; a median needs at least median_needs values.
 * A local rule may be stricter (hide more, round to more), never looser. */

#define KES_DISCLOSURE_HIDDEN   "*"
#define KES_DISCLOSURE_PROTECTED "[c]"
#define KES_DISCLOSURE_WITHHELD "–"

typedef struct
{
  guint    suppress_up_to;
  guint    round_to;
  guint    median_needs;
  gboolean hide_zeros;
} KesDisclosure;

/* The published rule (NHS Digital) with Kestrel's handling of zeros. */
void      kes_disclosure_default  (KesDisclosure       *rule);
/* Makes @rule the local rule @suppress_up_to / @round_to; refuses, naming
 * the setting, one looser than the default. */
gboolean  kes_disclosure_set_local (KesDisclosure      *rule,
                                    guint               suppress_up_to,
                                    guint               round_to,
                                    GError            **error);
/* @value rounded to the nearest round_to (halves up). */
guint     kes_disclosure_round    (const KesDisclosure *rule,
                                   guint                value);
/* TRUE when @value alone must be hidden. */
gboolean  kes_disclosure_is_small (const KesDisclosure *rule,
                                   guint                value);
/* One column: @values has @n cells; returns n + 1 texts (the cells, then
 * the total) and sets @hidden (n + 1 entries) when not NULL. */
GStrv     kes_disclosure_column   (const KesDisclosure *rule,
                                   const guint         *values,
                                   guint                n,
                                   guint                total,
                                   gboolean            *hidden);
/* A count shown on its own (no total beside it). */
char     *kes_disclosure_count    (const KesDisclosure *rule,
                                   guint                value);
/* "12.5" per 100 of the rounded counts, or KES_DISCLOSURE_WITHHELD. */
char     *kes_disclosure_rate     (const KesDisclosure *rule,
                                   guint                numerator,
                                   gboolean             numerator_hidden,
                                   guint                denominator,
                                   gboolean             denominator_hidden);
/* The median of @days (int), or KES_DISCLOSURE_WITHHELD on too few. */
char     *kes_disclosure_median   (const KesDisclosure *rule,
                                   GArray              *days);
/* The rule in a sentence for the report's readers. */
char     *kes_disclosure_describe (const KesDisclosure *rule);

G_END_DECLS
