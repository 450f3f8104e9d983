/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* One thing due or overdue for a patient: a depot, bloods, a CPA review, a
 * risk review, a Ministry of Justice report… Each feature computes its own
 * items from its records (rules live with the feature, in core); Today shows
 * them all, most urgent first. An overdue item stays until the work is done
 * or cancelled with a reason: it is derived from the records, never stored. */
typedef enum
{
  KES_DUE_TOP_PRIORITY, /* e.g. a red clozapine result, an urgent MoJ report */
  KES_DUE_OVERDUE,
  KES_DUE_TODAY,
  KES_DUE_SOON,         /* within the feature's warning window, e.g. 7 days */
} KesDueUrgency;

#define KES_TYPE_DUE_ITEM (kes_due_item_get_type ())
G_DECLARE_FINAL_TYPE (KesDueItem, kes_due_item, KES, DUE_ITEM, GObject)

/* @kind names the feature ("depot", "clozapine-fbc", "cpa-review", "risk-review",
 * "moj-report", "carer-consent-review" …); @target says where the record opens
 * ("patient/<tab>" or a feature's own page name) and @record_id which record. */
KesDueItem    *kes_due_item_new              (const char    *kind,
                                              KesDueUrgency  urgency,
                                              const char    *due_date,
                                              const char    *patient_id,
                                              const char    *patient_name,
                                              const char    *team_id,
                                              const char    *title,
                                              const char    *detail,
                                              const char    *target,
                                              const char    *record_id);
const char    *kes_due_item_get_kind         (KesDueItem    *self);
KesDueUrgency  kes_due_item_get_urgency      (KesDueItem    *self);
const char    *kes_due_item_get_due_date     (KesDueItem    *self);
const char    *kes_due_item_get_patient_id   (KesDueItem    *self);
const char    *kes_due_item_get_patient_name (KesDueItem    *self);
const char    *kes_due_item_get_team_id      (KesDueItem    *self);
const char    *kes_due_item_get_title        (KesDueItem    *self);
const char    *kes_due_item_get_detail       (KesDueItem    *self);
const char    *kes_due_item_get_target       (KesDueItem    *self);
const char    *kes_due_item_get_record_id    (KesDueItem    *self);

/* Urgency of a due date judged on @today with a warning window of
 * @soon_days: overdue after the date, today on it, soon within the window.
 * Returns FALSE when the date is further off than the window (not due yet). */
gboolean       kes_due_urgency_for_date      (const char    *due_date,
                                              const GDate   *today,
                                              guint          soon_days,
                                              KesDueUrgency *urgency);

/* Today's groups, in the order Today lists them (docs/today.md): danger
 * first, then overdue statutory and medication-safety work, then the rest
 * by date (overdue, today, soon). */
typedef enum
{
  KES_DUE_GROUP_DANGER,   /* top priority: a danger result, an urgent MoJ report */
  KES_DUE_GROUP_CRITICAL, /* overdue: MoJ reports and notices, depots, clozapine and lithium bloods */
  KES_DUE_GROUP_OVERDUE,  /* every other overdue item */
  KES_DUE_GROUP_TODAY,
  KES_DUE_GROUP_SOON,
} KesDueGroup;

/* Whether overdue work of @kind goes before the rest (the list is in
 * kes-due.c, its reasons in docs/today.md). */
gboolean       kes_due_kind_is_critical      (const char    *kind);
KesDueGroup    kes_due_item_get_group        (KesDueItem    *self);

/* Orders items: group first, then due date (oldest first), then patient
 * name. */
int            kes_due_item_compare          (gconstpointer  a,
                                              gconstpointer  b);

G_END_DECLS
