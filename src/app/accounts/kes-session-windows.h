/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The dialogs and windows a session opened over the main window: every
 * toplevel transient for it, and those transient for them. A lock hides
 * them (they would otherwise stay on top of the lock screen, showing what
 * was in them) and shows them again when the same person unlocks; ending
 * the session destroys them, so nothing of it reaches the next person. */

/* Hides them; returns them (a reference each) for kes_session_windows_show(). */
GPtrArray *kes_session_windows_hide    (GtkWindow *main_window);
/* Shows again the ones @hidden holds that still exist. */
void       kes_session_windows_show    (GPtrArray *hidden);
/* Destroys them, hidden or not. */
void       kes_session_windows_destroy (GtkWindow *main_window);

G_END_DECLS
