/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_WELCOME_PAGE (kes_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (KesWelcomePage, kes_welcome_page, KES, WELCOME_PAGE, AdwBin)

/* Who is using Kestrel. With an empty staff directory the first user creates
 * the administrator account (name, user name, password twice, administrator
 * plus a clinical role) and is signed in; otherwise it asks for a user name
 * and password, signing in through core (throttled and audited). An account
 * from before passwords is asked to set one first. Emits "actor-chosen"
 * with the signed-in KesStaff. */
GtkWidget *kes_welcome_page_new       (void);
void       kes_welcome_page_set_store (KesWelcomePage *self,
                                       KesStore       *store);
/* Where typing should start: the first empty field of the page shown. */
void       kes_welcome_page_focus_first_field (KesWelcomePage *self);

G_END_DECLS
