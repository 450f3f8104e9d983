/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_WELCOME_PAGE (kes_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (KesWelcomePage, kes_welcome_page, KES, WELCOME_PAGE, AdwBin)

/* Asks who is using Kestrel. With an empty staff directory it asks the first
 * user to introduce themselves and adds them; otherwise it lists the staff to
 * choose from. Emits "actor-chosen" with the KesStaff. */
GtkWidget *kes_welcome_page_new       (void);
void       kes_welcome_page_set_store (KesWelcomePage *self,
                                       KesStore       *store);

G_END_DECLS
