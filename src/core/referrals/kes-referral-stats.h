/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-referral.h"

G_BEGIN_DECLS

/* Waiting times and acceptance on the referral pathway.
 *
 * Definitions (what the pathway report says it counts):
 * - An *episode* starts at each "received" step: the referral's first, and
 *   each reopening after closure. A reopened referral is a new episode,
 *   measured from the day it was reopened; its earlier episode keeps its own
 *   figures. Nothing is counted twice.
 * - Every referral counts, eligible or not: one declined or redirected to
 *   another service on receipt or at screening is received and decided
 *   like any other.
 * - The *decision* is the episode's first "accepted", "declined" or
 *   "redirected" step. The *assessment* is its first "assessed" step. The
 *   *discharge* is its first "discharged to community" step after
 *   acceptance.
 * - Days are whole **calendar** days between the two dates (weekends and
 *   bank holidays count; same day = 0 days).
 * - Referral → decision waits count in the period of the decision date;
 *   decision → discharge waits in the period of the discharge date;
 *   referrals received count in the period of the received date. A period
 *   is [from, to], both inclusive; grouping by period uses calendar months.
 * - Median: the middle value, or the mean of the two middle values when
 *   there is an even number. 90th percentile: nearest rank, the
 *   ceil(0.9 × n)-th smallest value. Neither is given for no values.
 * - Acceptance by ethnic category: episodes decided in the period, grouped
 *   by the patient's ethnic category (NHS code list, "Not known" when
 *   blank). The report shows the counts protected as kes-disclosure.h
 *   says (hidden, rounded, secondary suppression within each column). */

typedef struct
{
  char     *referral_id;
  char     *source;     /* KES_CODES_REFERRAL_SOURCE */
  char     *area;       /* KES_CODES_REFERRAL_AREA */
  char     *ethnicity;  /* KES_CODES_ETHNIC_CATEGORY or NULL */
  char     *received;   /* YYYY-MM-DD */
  char     *assessed;   /* YYYY-MM-DD or NULL */
  char     *decided;    /* YYYY-MM-DD or NULL */
  gboolean  accepted;
  gboolean  redirected; /* decided by redirecting to another service */
  char     *discharged; /* YYYY-MM-DD or NULL */
} KesReferralEpisode;

void       kes_referral_episode_free (KesReferralEpisode *episode);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesReferralEpisode, kes_referral_episode_free)

/* Appends @referral's episodes to @episodes (KesReferralEpisode*), tagged
 * with @ethnicity. */
void       kes_referral_episodes_append (GPtrArray   *episodes,
                                         KesReferral *referral,
                                         const char  *ethnicity);

/* The waiting-time clocks of a referral's latest episode, with the
 * report's definitions (whole calendar days; -1 where a clock does not
 * apply): since the referral was received (or reopened) up to @today;
 * since its assessment up to @today, while no decision is made; and from
 * receipt to the decision once there is one. */
typedef struct
{
  int since_referral;
  int since_assessment;
  int to_decision;
} KesReferralClocks;

void       kes_referral_clocks         (KesReferral       *referral,
                                        const GDate       *today,
                                        KesReferralClocks *clocks);

/* Whole calendar days from @from to @to (YYYY-MM-DD); -1 if either is not a date. */
int        kes_referral_days_between   (const char  *from,
                                        const char  *to);
/* Over @values (int), sorted in place; FALSE when empty. */
gboolean   kes_referral_median         (GArray      *values,
                                        double      *median);
gboolean   kes_referral_percentile_90  (GArray      *values,
                                        int         *p90);

typedef enum
{
  KES_REFERRAL_GROUP_ALL,
  KES_REFERRAL_GROUP_PERIOD, /* calendar month, "2026-03" */
  KES_REFERRAL_GROUP_SOURCE,
  KES_REFERRAL_GROUP_AREA,
} KesReferralGrouping;

typedef struct
{
  char     *key;        /* month, source or area code; "" for all */
  char     *label;      /* for people */
  guint     received;
  guint     decided;
  guint     accepted;
  guint     declined;
  guint     redirected;
  GArray   *to_decision;  /* int days */
  GArray   *to_discharge; /* int days */
} KesReferralStatsRow;

void       kes_referral_stats_row_free (KesReferralStatsRow *row);

/* Rows (KesReferralStatsRow*) sorted by key, over [@from, @to]. */
GPtrArray *kes_referral_stats_compute  (GPtrArray           *episodes,
                                        const char          *from,
                                        const char          *to,
                                        KesReferralGrouping  grouping);

/* Names rows grouped by area (KES_REFERRAL_GROUP_AREA, labelled by code)
 * with the areas' names in @catchment. */
void       kes_referral_stats_name_areas (GPtrArray          *rows,
                                          const KesCatchment *catchment);

typedef struct
{
  char  *ethnicity;  /* code */
  char  *label;
  guint  decided;
  guint  accepted;
  guint  declined;   /* decided and not accepted: declined or redirected */
} KesReferralEthnicityRow;

void       kes_referral_ethnicity_row_free (KesReferralEthnicityRow *row);
/* Rows (KesReferralEthnicityRow*) in code-list order, only categories with
 * decisions in the period. */
GPtrArray *kes_referral_stats_by_ethnicity (GPtrArray  *episodes,
                                            const char *from,
                                            const char *to);

G_END_DECLS
