/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-due"

#include "config.h"

#include "kes-due.h"
#include "kes-validate.h"

struct _KesDueItem
{
  GObject        parent_instance;
  char          *kind;
  KesDueUrgency  urgency;
  char          *due_date;
  char          *patient_id;
  char          *patient_name;
  char          *team_id;
  char          *title;
  char          *detail;
  char          *target;
  char          *record_id;
};

G_DEFINE_FINAL_TYPE (KesDueItem, kes_due_item, G_TYPE_OBJECT)

static void
kes_due_item_finalize (GObject *object)
{
  KesDueItem *self = (KesDueItem *) object;

  g_free (self->kind);
  g_free (self->due_date);
  g_free (self->patient_id);
  g_free (self->patient_name);
  g_free (self->team_id);
  g_free (self->title);
  g_free (self->detail);
  g_free (self->target);
  g_free (self->record_id);
  G_OBJECT_CLASS (kes_due_item_parent_class)->finalize (object);
}

static void
kes_due_item_class_init (KesDueItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kes_due_item_finalize;
}

static void
kes_due_item_init (KesDueItem *self)
{
}

KesDueItem *
kes_due_item_new (const char    *kind,
                  KesDueUrgency  urgency,
                  const char    *due_date,
                  const char    *patient_id,
                  const char    *patient_name,
                  const char    *team_id,
                  const char    *title,
                  const char    *detail,
                  const char    *target,
                  const char    *record_id)
{
  KesDueItem *self = g_object_new (KES_TYPE_DUE_ITEM, NULL);

  self->kind = g_strdup (kind);
  self->urgency = urgency;
  self->due_date = g_strdup (due_date);
  self->patient_id = g_strdup (patient_id);
  self->patient_name = g_strdup (patient_name);
  self->team_id = g_strdup (team_id);
  self->title = g_strdup (title);
  self->detail = g_strdup (detail);
  self->target = g_strdup (target);
  self->record_id = g_strdup (record_id);
  return self;
}

const char *kes_due_item_get_kind (KesDueItem *self) { return self->kind; }
KesDueUrgency kes_due_item_get_urgency (KesDueItem *self) { return self->urgency; }
const char *kes_due_item_get_due_date (KesDueItem *self) { return self->due_date; }
const char *kes_due_item_get_patient_id (KesDueItem *self) { return self->patient_id; }
const char *kes_due_item_get_patient_name (KesDueItem *self) { return self->patient_name; }
const char *kes_due_item_get_team_id (KesDueItem *self) { return self->team_id; }
const char *kes_due_item_get_title (KesDueItem *self) { return self->title; }
const char *kes_due_item_get_detail (KesDueItem *self) { return self->detail; }
const char *kes_due_item_get_target (KesDueItem *self) { return self->target; }
const char *kes_due_item_get_record_id (KesDueItem *self) { return self->record_id; }

gboolean
kes_due_urgency_for_date (const char    *due_date,
                          const GDate   *today,
                          guint          soon_days,
                          KesDueUrgency *urgency)
{
  g_autoptr(GDate) due = kes_date_from_iso (due_date);
  int days;

  g_return_val_if_fail (today != NULL && urgency != NULL, FALSE);

  if (due == NULL)
    return FALSE;
  days = g_date_days_between (today, due);
  if (days < 0)
    *urgency = KES_DUE_OVERDUE;
  else if (days == 0)
    *urgency = KES_DUE_TODAY;
  else if ((guint) days <= soon_days)
    *urgency = KES_DUE_SOON;
  else
    return FALSE;
  return TRUE;
}

/* Overdue work that must not wait behind routine reviews: the MoJ reports
 * and notices the law requires (Mental Health Act 1983 s41 conditions,
 * MHCS guidance), depot injections, and the blood tests a drug may only be
 * given with (clozapine: the monitoring service's registration; lithium:
 * NPSA/2009/PSA005). The list and its reasons are in docs/today.md. */
static const char * const critical_kinds[] = {
  "moj-report", "moj-address-notice", "depot", "depot-observation", "clozapine-fbc", "lithium-level",
};

gboolean
kes_due_kind_is_critical (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (critical_kinds); i++)
    if (g_strcmp0 (kind, critical_kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

KesDueGroup
kes_due_item_get_group (KesDueItem *self)
{
  g_return_val_if_fail (KES_IS_DUE_ITEM (self), KES_DUE_GROUP_SOON);

  switch (self->urgency)
    {
    case KES_DUE_TOP_PRIORITY:
      return KES_DUE_GROUP_DANGER;
    case KES_DUE_OVERDUE:
      return kes_due_kind_is_critical (self->kind) ? KES_DUE_GROUP_CRITICAL : KES_DUE_GROUP_OVERDUE;
    case KES_DUE_TODAY:
      return KES_DUE_GROUP_TODAY;
    case KES_DUE_SOON:
    default:
      return KES_DUE_GROUP_SOON;
    }
}

int
kes_due_item_compare (gconstpointer a,
                      gconstpointer b)
{
  KesDueItem *x = *(KesDueItem * const *) a;
  KesDueItem *y = *(KesDueItem * const *) b;
  KesDueGroup gx = kes_due_item_get_group (x);
  KesDueGroup gy = kes_due_item_get_group (y);
  int order;

  if (gx != gy)
    return gx < gy ? -1 : 1;
  order = g_strcmp0 (x->due_date, y->due_date);
  if (order == 0)
    order = g_strcmp0 (x->patient_name, y->patient_name);
  if (order == 0)
    order = g_strcmp0 (x->kind, y->kind);
  return order;
}
