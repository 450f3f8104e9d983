/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeping the keyboard focus where a person can see it (issue 24). When a
 * page changes or a form closes, the widget that had the focus may be
 * hidden: GTK then leaves the focus nowhere, and Tab and Space do nothing. */

/* TRUE when @root's focus is on a widget that is shown and can take it. */
gboolean kes_focus_is_placed     (GtkRoot   *root);
/* Moves the focus into @place (its first focusable widget) when the
 * focus is nowhere a person can see; leaves a placed focus alone. */
void     kes_focus_keep_within   (GtkWidget *place);
/* Gives the focus to the active button of a view switcher (the tab
 * shown), so that the arrow keys and Space go on from there. */
gboolean kes_focus_active_switch (GtkWidget *switcher);

G_END_DECLS
