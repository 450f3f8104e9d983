/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The foot of the window while the whole database file is checked for
 * damage after sign-in (kes_store_check_file in a worker), with how far it
 * has got; and, if it finds damage, what that means and what to do, in
 * plain words, for as long as the window is open. Core then refuses every
 * write to the file; nothing on screen is taken away, so what was typed can
 * still be copied. */
#define KES_TYPE_INTEGRITY_BAR (kes_integrity_bar_get_type ())
G_DECLARE_FINAL_TYPE (KesIntegrityBar, kes_integrity_bar, KES, INTEGRITY_BAR, AdwBin)

typedef enum
{
  KES_INTEGRITY_IDLE,      /* nothing checked, or the check passed: hidden */
  KES_INTEGRITY_CHECKING,
  KES_INTEGRITY_DAMAGED,   /* damage found: writes are refused */
  KES_INTEGRITY_UNCHECKED, /* the file could not be checked (not damage) */
} KesIntegrityState;

GtkWidget         *kes_integrity_bar_new          (void);
/* Starts checking @path in a worker; "checked" is emitted when it ends,
 * with the GError that stopped it (NULL when the file is sound). Stopped
 * when the bar goes. */
void               kes_integrity_bar_check        (KesIntegrityBar *self,
                                                   const char      *path);
/* Stops any check and hides the bar (the whole window says it instead). */
void               kes_integrity_bar_dismiss      (KesIntegrityBar *self);
KesIntegrityState  kes_integrity_bar_get_state    (KesIntegrityBar *self);
double             kes_integrity_bar_get_fraction (KesIntegrityBar *self);

G_END_DECLS
