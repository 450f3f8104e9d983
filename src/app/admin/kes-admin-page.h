/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_ADMIN_PAGE (kes_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (KesAdminPage, kes_admin_page, KES, ADMIN_PAGE, AdwBin)

/* The staff directory and the teams: add staff, add and rename teams.
 * Emits "directory-changed" after any change. */
GtkWidget *kes_admin_page_new       (void);
void       kes_admin_page_set_store (KesAdminPage *self,
                                     KesStore     *store);
void       kes_admin_page_reload    (KesAdminPage *self);

G_END_DECLS
