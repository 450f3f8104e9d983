/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The structured CPA care plan: each line a need, what will be done about
 * it, who does it and by when ("Refocusing the CPA", 2008: an agreed care
 * plan naming who provides each intervention). A care record holds the
 * lines as one value (KES_CARE_FIELD_ITEMS): a JSON array of objects with
 * these members, kept as text inside the record and written as an array
 * into its revision. */

#define KES_PLAN_ITEM_NEED         "need"
#define KES_PLAN_ITEM_INTERVENTION "intervention"
#define KES_PLAN_ITEM_WHO          "who"
#define KES_PLAN_ITEM_BY_WHEN      "by_when"

/* Most lines one plan may hold: a plan longer than this is a file that
 * was not written by a person (a hostile import), not a care plan. */
#define KES_PLAN_MAX_ITEMS 100

typedef struct
{
  char *need;
  char *intervention;
  char *who;
  char *by_when;  /* "YYYY-MM-DD" once checked; as typed before */
} KesPlanItem;

KesPlanItem *kes_plan_item_new   (const char  *need,
                                  const char  *intervention,
                                  const char  *who,
                                  const char  *by_when);
void         kes_plan_item_free  (KesPlanItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesPlanItem, kes_plan_item_free)

/* The lines of @json (NULL or "" is none); members that are not text are
 * read as empty, so a hostile value is refused by the checks, not here.
 * NULL when @json is not an array of objects. */
GPtrArray   *kes_plan_items_parse   (const char  *json);
/* Compact JSON of @items (an empty array for none). */
char        *kes_plan_items_to_json (GPtrArray   *items);

/* Checks every line (all four filled in, "by when" a date no earlier than
 * @not_before when given), adding a KesIssue on @field_key for each problem
 * in plain words ("Need 2 (Housing): say who will do it"). Returns the
 * lines normalised (text trimmed, dates "YYYY-MM-DD") as JSON, or NULL
 * when @json is not a list of lines at all. */
char        *kes_plan_items_check   (const char  *json,
                                     const char  *field_key,
                                     const char  *not_before,
                                     GPtrArray   *issues);

G_END_DECLS
