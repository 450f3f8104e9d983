/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-referral-inreach"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-error.h"
#include "kes-referral-private.h"
#include "kes-validate.h"

/* In-reach planning on a referral: visits to the unit and the
 * discharge-readiness checklist, saved with the referral's revision. */

typedef struct
{
  const char *name;
  const char *label;
} Named;

static const Named items[KES_READINESS_N_ITEMS] = {
  [KES_READINESS_ACCOMMODATION] = { "accommodation", N_("Accommodation") },
  [KES_READINESS_GP_REGISTRATION] = { "gp-registration", N_("GP registration") },
  [KES_READINESS_BENEFITS] = { "benefits", N_("Benefits") },
  [KES_READINESS_MEDICATION] = { "medication", N_("Medication supply and prescriber") },
  [KES_READINESS_S117] = { "s117", N_("Section 117 aftercare arrangements") },
  [KES_READINESS_CPA_REVIEW] = { "cpa-review", N_("CPA / first community review booked") },
  [KES_READINESS_CRISIS_PLAN] = { "crisis-plan", N_("Crisis plan agreed") },
  [KES_READINESS_CARER_INVOLVEMENT] = { "carer-involvement", N_("Carer involvement") },
  [KES_READINESS_MAPPA] = { "mappa", N_("MAPPA notification") },
  [KES_READINESS_MOJ_CONDITIONS] = { "moj-conditions", N_("Ministry of Justice conditions known") },
};

static const Named statuses[KES_READINESS_N_STATUSES] = {
  [KES_READINESS_NOT_STARTED] = { "not-started", N_("Not started") },
  [KES_READINESS_IN_PROGRESS] = { "in-progress", N_("In progress") },
  [KES_READINESS_DONE] = { "done", N_("Done") },
  [KES_READINESS_NOT_APPLICABLE] = { "not-applicable", N_("Not applicable") },
};

const char *
kes_readiness_item_to_string (KesReadinessItem item)
{
  g_return_val_if_fail (item < KES_READINESS_N_ITEMS, NULL);
  return items[item].name;
}

const char *
kes_readiness_item_label (KesReadinessItem item)
{
  g_return_val_if_fail (item < KES_READINESS_N_ITEMS, NULL);
  return _(items[item].label);
}

const char *
kes_readiness_status_to_string (KesReadinessStatus status)
{
  g_return_val_if_fail (status < KES_READINESS_N_STATUSES, NULL);
  return statuses[status].name;
}

gboolean
kes_readiness_status_from_string (const char         *text,
                                  KesReadinessStatus *status)
{
  for (guint i = 0; text != NULL && i < KES_READINESS_N_STATUSES; i++)
    if (g_str_equal (statuses[i].name, text))
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

const char *
kes_readiness_status_label (KesReadinessStatus status)
{
  g_return_val_if_fail (status < KES_READINESS_N_STATUSES, NULL);
  return _(statuses[status].label);
}

gboolean
kes_readiness_task_is_pending (const KesReadinessTask *task)
{
  return task->status == KES_READINESS_NOT_STARTED || task->status == KES_READINESS_IN_PROGRESS;
}

/* ---- Visits ---- */

static char *
dup_or_null (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  return *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

KesInreachVisit *
kes_inreach_visit_copy (const KesInreachVisit *visit)
{
  KesInreachVisit *copy = g_new0 (KesInreachVisit, 1);

  copy->date = dup_or_null (visit->date);
  copy->unit = dup_or_null (visit->unit);
  copy->attendees = dup_or_null (visit->attendees);
  copy->purpose = dup_or_null (visit->purpose);
  copy->outcome = dup_or_null (visit->outcome);
  copy->error_reason = dup_or_null (visit->error_reason);
  return copy;
}

void
kes_inreach_visit_free (KesInreachVisit *visit)
{
  if (visit == NULL)
    return;
  g_free (visit->date);
  g_free (visit->unit);
  g_free (visit->attendees);
  g_free (visit->purpose);
  g_free (visit->outcome);
  g_free (visit->error_reason);
  g_free (visit);
}

void
kes_referral_inreach_init (KesReferral *self)
{
  self->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_inreach_visit_free);
}

static void
task_clear (KesReadinessTask *task)
{
  g_clear_pointer (&task->owner, g_free);
  g_clear_pointer (&task->due_date, g_free);
  g_clear_pointer (&task->note, g_free);
  task->status = KES_READINESS_NOT_STARTED;
}

void
kes_referral_inreach_clear (KesReferral *self)
{
  g_clear_pointer (&self->visits, g_ptr_array_unref);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    task_clear (&self->readiness[i]);
}

GPtrArray *
kes_referral_get_visits (KesReferral *self)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), NULL);
  return self->visits;
}

static int
compare_visits (gconstpointer a,
                gconstpointer b)
{
  const KesInreachVisit *x = *(KesInreachVisit * const *) a;
  const KesInreachVisit *y = *(KesInreachVisit * const *) b;
  return g_strcmp0 (x->date, y->date);
}

void
kes_referral_add_visit (KesReferral           *self,
                        const KesInreachVisit *visit)
{
  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (visit != NULL);
  g_ptr_array_add (self->visits, kes_inreach_visit_copy (visit));
  g_ptr_array_sort (self->visits, compare_visits);
}

void
kes_referral_remove_visit (KesReferral *self,
                           guint        index)
{
  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (index < self->visits->len);
  g_ptr_array_remove_index (self->visits, index);
}

void
kes_referral_replace_visit (KesReferral           *self,
                            guint                  index,
                            const KesInreachVisit *visit)
{
  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (index < self->visits->len);
  g_return_if_fail (visit != NULL);
  kes_inreach_visit_free (self->visits->pdata[index]);
  self->visits->pdata[index] = kes_inreach_visit_copy (visit);
  g_ptr_array_sort (self->visits, compare_visits);
}

gboolean
kes_inreach_visit_is_active (const KesInreachVisit *visit)
{
  g_return_val_if_fail (visit != NULL, FALSE);
  return visit->error_reason == NULL;
}

const KesReadinessTask *
kes_referral_get_readiness (KesReferral      *self,
                            KesReadinessItem  item)
{
  g_return_val_if_fail (KES_IS_REFERRAL (self), NULL);
  g_return_val_if_fail (item < KES_READINESS_N_ITEMS, NULL);
  return &self->readiness[item];
}

void
kes_referral_set_readiness (KesReferral        *self,
                            KesReadinessItem    item,
                            KesReadinessStatus  status,
                            const char         *owner,
                            const char         *due_date,
                            const char         *note)
{
  KesReadinessTask *task;

  g_return_if_fail (KES_IS_REFERRAL (self));
  g_return_if_fail (item < KES_READINESS_N_ITEMS && status < KES_READINESS_N_STATUSES);
  task = &self->readiness[item];
  task_clear (task);
  task->status = status;
  task->owner = dup_or_null (owner);
  task->due_date = dup_or_null (due_date);
  task->note = dup_or_null (note);
}

guint
kes_referral_readiness_complete (KesReferral *self)
{
  guint done = 0;

  g_return_val_if_fail (KES_IS_REFERRAL (self), 0);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    done += !kes_readiness_task_is_pending (&self->readiness[i]);
  return done;
}

/* ---- Validation ---- */

void
kes_referral_inreach_validate (KesReferral *self,
                               GPtrArray   *issues)
{
  const char *referred = kes_referral_get_text (self, KES_REFERRAL_DATE);

  for (guint i = 0; i < self->visits->len; i++)
    {
      KesInreachVisit *visit = g_ptr_array_index (self->visits, i);
      g_autoptr(GDate) date = kes_date_from_iso (visit->date);

      /* A visit entered in error is kept as it was written. */
      if (!kes_inreach_visit_is_active (visit))
        continue;
      if (date == NULL)
        g_ptr_array_add (issues, kes_issue_new ("visits", KES_ISSUE_ERROR,
                                                _("In-reach visit %u: the date is missing or not a date (write it as 21/11/2026)"),
                                                i + 1));
      else if (*referred != '\0' && g_strcmp0 (visit->date, referred) < 0)
        g_ptr_array_add (issues, kes_issue_new ("visits", KES_ISSUE_ERROR,
                                                _("In-reach visit on %s is before the referral date %s"),
                                                visit->date, referred));
      if (visit->unit == NULL)
        g_ptr_array_add (issues, kes_issue_new ("visits", KES_ISSUE_ERROR,
                                                _("In-reach visit %u: say which unit or ward"), i + 1));
      if (visit->purpose == NULL)
        g_ptr_array_add (issues, kes_issue_new ("visits", KES_ISSUE_ERROR,
                                                _("In-reach visit %u: the purpose is required"), i + 1));
    }
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      KesReadinessTask *task = &self->readiness[i];
      g_autoptr(GDate) due = kes_date_from_iso (task->due_date);

      if (task->due_date != NULL && due == NULL)
        g_ptr_array_add (issues, kes_issue_new (items[i].name, KES_ISSUE_ERROR,
                                                _("%s: due date “%s” is not a date (write it as 21/11/2026)"),
                                                _(items[i].label), task->due_date));
      else if (task->due_date != NULL && kes_readiness_task_is_pending (task) && task->owner == NULL)
        g_ptr_array_add (issues, kes_issue_new (items[i].name, KES_ISSUE_ERROR,
                                                _("%s: a task with a due date needs an owner"),
                                                _(items[i].label)));
    }
}

/* ---- JSON ---- */

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

void
kes_referral_inreach_to_json (KesReferral *self,
                              JsonBuilder *builder)
{
  json_builder_set_member_name (builder, "visits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->visits->len; i++)
    {
      KesInreachVisit *visit = g_ptr_array_index (self->visits, i);

      json_builder_begin_object (builder);
      add_string (builder, "date", visit->date);
      add_string (builder, "unit", visit->unit);
      add_string (builder, "attendees", visit->attendees);
      add_string (builder, "purpose", visit->purpose);
      add_string (builder, "outcome", visit->outcome);
      if (visit->error_reason != NULL)
        add_string (builder, "entered_in_error", visit->error_reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "readiness");
  json_builder_begin_object (builder);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    {
      KesReadinessTask *task = &self->readiness[i];

      json_builder_set_member_name (builder, items[i].name);
      json_builder_begin_object (builder);
      add_string (builder, "status", statuses[task->status].name);
      add_string (builder, "owner", task->owner);
      add_string (builder, "due", task->due_date);
      add_string (builder, "note", task->note);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

gboolean
kes_referral_inreach_from_json (KesReferral  *self,
                                JsonObject   *object,
                                GError      **error)
{
  JsonArray *visits = NULL;
  JsonObject *readiness = NULL;

  g_ptr_array_set_size (self->visits, 0);
  for (guint i = 0; i < KES_READINESS_N_ITEMS; i++)
    task_clear (&self->readiness[i]);

  if (json_object_has_member (object, "visits"))
    visits = json_object_get_array_member (object, "visits");
  for (guint i = 0; visits != NULL && i < json_array_get_length (visits); i++)
    {
      JsonObject *item = json_array_get_object_element (visits, i);
      KesInreachVisit visit = { 0 };

      if (item == NULL)
        continue;
      visit.date = (char *) json_object_get_string_member_with_default (item, "date", "");
      visit.unit = (char *) json_object_get_string_member_with_default (item, "unit", "");
      visit.attendees = (char *) json_object_get_string_member_with_default (item, "attendees", "");
      visit.purpose = (char *) json_object_get_string_member_with_default (item, "purpose", "");
      visit.outcome = (char *) json_object_get_string_member_with_default (item, "outcome", "");
      visit.error_reason = (char *) json_object_get_string_member_with_default (item, "entered_in_error", "");
      g_ptr_array_add (self->visits, kes_inreach_visit_copy (&visit));
    }

  if (json_object_has_member (object, "readiness"))
    readiness = json_object_get_object_member (object, "readiness");
  for (guint i = 0; readiness != NULL && i < KES_READINESS_N_ITEMS; i++)
    {
      JsonObject *task = json_object_has_member (readiness, items[i].name)
                           ? json_object_get_object_member (readiness, items[i].name) : NULL;
      KesReadinessStatus status;

      if (task == NULL)
        continue;
      if (!kes_readiness_status_from_string (json_object_get_string_member_with_default (task, "status", ""),
                                             &status))
        {
          g_set_error_literal (error, KES_ERROR, KES_ERROR_CORRUPT,
                               _("A stored referral has a readiness task with an unknown status"));
          return FALSE;
        }
      kes_referral_set_readiness (self, i, status,
                                  json_object_get_string_member_with_default (task, "owner", ""),
                                  json_object_get_string_member_with_default (task, "due", ""),
                                  json_object_get_string_member_with_default (task, "note", ""));
    }
  return TRUE;
}
