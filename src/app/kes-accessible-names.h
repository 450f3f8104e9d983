/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names what GTK 4.8 leaves badly named for a screen reader (a mnemonic
 * button said twice, a drop-down's button, a scroll bar), for every widget
 * realized from now on. Called once at start-up; calling again does
 * nothing. */
void kes_accessible_names_install (void);

G_END_DECLS
