/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-store-community.h"
#include "kes-store-next-review.h"
#include "kes-validate.h"
#include "patient/kes-patient-page-private.h"

/* ---- The visit in the access log ---- */

/* While a saved record is on screen, it is one visit in the access log:
 * opened when it is loaded or shown again, its tabs noted as they are
 * looked at, closed when it leaves the screen or another record opens. */
void
kes_patient_page_begin_visit (KesPatientPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *tab;

  if (self->store == NULL || self->patient == NULL || self->is_new || kes_patient_get_id (self->patient) == NULL)
    return;
  if (!kes_store_begin_visit (self->store, kes_patient_get_id (self->patient), &error))
    {
      g_warning ("A record visit was not logged: %s", g_quark_to_string (error->domain));
      return;
    }
  tab = adw_view_stack_get_visible_child_name (self->view_stack);
  if (tab != NULL)
    kes_store_visit_tab (self->store, tab);
}

void
kes_patient_page_end_visit (KesPatientPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !kes_store_end_visit (self->store, &error))
    g_warning ("The end of a record visit was not logged: %s", g_quark_to_string (error->domain));
}

void
kes_patient_page_tab_shown_cb (KesPatientPage *self)
{
  const char *tab = adw_view_stack_get_visible_child_name (self->view_stack);

  if (self->store != NULL && tab != NULL)
    kes_store_visit_tab (self->store, tab);
}
