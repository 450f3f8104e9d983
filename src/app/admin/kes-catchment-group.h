/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_CATCHMENT_GROUP (kes_catchment_group_get_type ())
G_DECLARE_FINAL_TYPE (KesCatchmentGroup, kes_catchment_group, KES, CATCHMENT_GROUP, AdwPreferencesGroup)

/* Administration → Catchment Areas, for those core lets manage the
 * directory (manage-directory): every area with how it stands in the
 * catchment, Add Area…, and Edit… and Retire… (or Bring Back…) on each.
 * A save that fails shows the area again as typed, with the reason. */
GtkWidget *kes_catchment_group_new       (void);
void       kes_catchment_group_set_store (KesCatchmentGroup *self,
                                          KesStore          *store);
/* Shows or hides the group for the store's actor and lists the areas. */
void       kes_catchment_group_reload    (KesCatchmentGroup *self);
/* Opens the editor for @code's area (NULL: a new one); for tests. */
GtkWindow *kes_catchment_group_open_editor (KesCatchmentGroup *self,
                                            const char        *code);

G_END_DECLS
