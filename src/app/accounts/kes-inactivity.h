/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KES_TYPE_INACTIVITY (kes_inactivity_get_type ())
G_DECLARE_FINAL_TYPE (KesInactivity, kes_inactivity, KES, INACTIVITY, GObject)

/* Watches a window for key and pointer activity (a capture-phase event
 * controller, so nothing is taken from the widgets) and emits "idle" once
 * when none has come for the timeout, measured on the monotonic clock. It
 * only counts while running; the timeout 0 turns it off. */
KesInactivity *kes_inactivity_new         (GtkWidget     *window);
void           kes_inactivity_set_timeout (KesInactivity *self,
                                           guint          milliseconds);
guint          kes_inactivity_get_timeout (KesInactivity *self);
/* Starts counting from now, or stops. */
void           kes_inactivity_set_running (KesInactivity *self,
                                           gboolean       running);

G_END_DECLS
