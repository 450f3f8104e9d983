/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_SERVICES_GROUP (kes_services_group_get_type ())
G_DECLARE_FINAL_TYPE (KesServicesGroup, kes_services_group, KES, SERVICES_GROUP, AdwPreferencesGroup)

/* Administration → Service Directory, for those core lets manage it
 * (manage-directory): the entries with a search and "Show retired", Add
 * Service…, and Edit… and Retire… on each entry in use (KesServiceEditor;
 * retiring asks first and never deletes). */
GtkWidget *kes_services_group_new       (void);
void       kes_services_group_set_store (KesServicesGroup *self,
                                         KesStore         *store);
/* Shows or hides the group for the store's actor and lists the entries. */
void       kes_services_group_reload    (KesServicesGroup *self);

G_END_DECLS
