/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Secondary windows (forms, previews, exports) close with Escape and
 * Ctrl+W, as every GNOME dialog does; their Close button comes from the
 * header bar, in the Tab order. A window holding a form asks before
 * throwing away what was typed in it. */

/* Escape and Ctrl+W close @window (through gtk_window_close(), so a guard
 * below still asks). */
void kes_secondary_window_add_close_keys (GtkWindow *window);

/* From now on, closing @window (Escape, Ctrl+W, its Close button, the
 * window manager, or the form's own Cancel calling gtk_window_close())
 * while any field differs from what it held when first shown (or now, if
 * it is showing already) asks "Discard Changes?". Adds the close keys too.
 * gtk_window_destroy() closes without asking (a saved form). */
void kes_secondary_window_guard_unsaved  (GtkWindow *window);

/* What the fields hold now is saved: closing no longer asks (call after a
 * successful save, before closing). */
void kes_secondary_window_mark_saved     (GtkWindow *window);

/* Whether a field differs from what it held when guarded or last saved. */
gboolean kes_secondary_window_has_unsaved (GtkWindow *window);

G_END_DECLS
