/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-store-visit"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-audit.h"
#include "kes-permissions.h"
#include "kes-store-private.h"

/* A visit: a person has one patient's record open in the app. Opening it is
 * one access log entry; while it stays open, the reads that fill its tabs
 * are part of that entry and write nothing more (they used to write about
 * ten "viewed" entries at every opening, which no manager could read). The
 * tabs looked at are the visit's detail, written once when it ends. Reads
 * of other patients, and every change, are logged as always. */

struct _KesStoreVisit
{
  char      *patient_id;
  GPtrArray *tabs;  /* tab names, in the order first looked at */
};

static void
visit_free (KesStoreVisit *visit)
{
  g_free (visit->patient_id);
  g_ptr_array_unref (visit->tabs);
  g_free (visit);
}

gboolean
kes_store_begin_visit (KesStore    *self,
                       const char  *patient_id,
                       GError     **error)
{
  g_return_val_if_fail (KES_IS_STORE (self), FALSE);
  g_return_val_if_fail (patient_id != NULL, FALSE);

  if (self->visit != NULL && g_str_equal (self->visit->patient_id, patient_id))
    return TRUE;
  if (!kes_store_end_visit (self, error) ||
      !kes_store_require (self, KES_PERMISSION_VIEW_IDENTITY, patient_id, error) ||
      !kes_store_audit (self, KES_AUDIT_OPEN, patient_id, patient_id, "record", error))
    return FALSE;
  self->visit = g_new0 (KesStoreVisit, 1);
  self->visit->patient_id = g_strdup (patient_id);
  self->visit->tabs = g_ptr_array_new_with_free_func (g_free);
  return TRUE;
}

void
kes_store_visit_tab (KesStore   *self,
                     const char *tab)
{
  g_return_if_fail (KES_IS_STORE (self));
  g_return_if_fail (tab != NULL);

  if (self->visit == NULL)
    return;
  for (guint i = 0; i < self->visit->tabs->len; i++)
    if (g_str_equal (g_ptr_array_index (self->visit->tabs, i), tab))
      return;
  g_ptr_array_add (self->visit->tabs, g_strdup (tab));
}

gboolean
kes_store_end_visit (KesStore  *self,
                     GError   **error)
{
  KesStoreVisit *visit;
  g_autoptr(GString) summary = g_string_new ("tabs:");
  gboolean ok;

  g_return_val_if_fail (KES_IS_STORE (self), FALSE);

  if (self->visit == NULL)
    return TRUE;
  /* Over before anything is written: a failed write must not leave the
   * store thinking the record is still open. */
  visit = g_steal_pointer (&self->visit);
  for (guint i = 0; i < visit->tabs->len; i++)
    g_string_append_printf (summary, "%s%s", i > 0 ? "," : " ", (char *) g_ptr_array_index (visit->tabs, i));
  ok = kes_store_audit (self, KES_AUDIT_CLOSE, visit->patient_id, visit->patient_id, summary->str, error);
  visit_free (visit);
  return ok;
}

const char *
kes_store_get_visit_patient (KesStore *self)
{
  g_return_val_if_fail (KES_IS_STORE (self), NULL);
  return self->visit != NULL ? self->visit->patient_id : NULL;
}

gboolean
kes_store_visit_covers (KesStore   *self,
                        const char *patient_id)
{
  return self->visit != NULL && patient_id != NULL && g_str_equal (self->visit->patient_id, patient_id);
}

void
kes_store_visit_drop (KesStore *self)
{
  g_clear_pointer (&self->visit, visit_free);
}
