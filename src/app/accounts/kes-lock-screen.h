/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

#define KES_TYPE_LOCK_SCREEN (kes_lock_screen_get_type ())
G_DECLARE_FINAL_TYPE (KesLockScreen, kes_lock_screen, KES, LOCK_SCREEN, AdwBin)

/* Shown over the window after inactivity. Only the person signed in can
 * unlock it, with their password (checked by kes_store_sign_in: throttled
 * and logged); "unlocked" is emitted then. "switch-user" asks the window to
 * sign in someone else (the window asks about unsaved work first). */
GtkWidget *kes_lock_screen_new  (void);
/* Prepares the screen for the store's current actor and clears the entry. */
void       kes_lock_screen_lock (KesLockScreen *self,
                                 KesStore      *store);

G_END_DECLS
