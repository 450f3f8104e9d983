/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-context.h"

G_BEGIN_DECLS

#define KES_TYPE_CONTACTS_VIEW (kes_contacts_view_get_type ())
G_DECLARE_FINAL_TYPE (KesContactsView, kes_contacts_view, KES, CONTACTS_VIEW, AdwBin)

/* A patient's dated contact log, newest first, with a form to add a contact
 * and an action to mark one entered in error. */
GtkWidget *kes_contacts_view_new            (void);
/* The "context" and "patient-id" properties: the list shows that patient's
 * contacts, and follows every one saved (KesContext::changed). */
void       kes_contacts_view_set_context    (KesContactsView *self,
                                             KesContext      *context);
void       kes_contacts_view_set_patient_id (KesContactsView *self,
                                             const char      *patient_id);

G_END_DECLS
