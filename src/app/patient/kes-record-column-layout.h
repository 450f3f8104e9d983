/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The record page's column (issue 24, text at 200 %): the header, the tab
 * switcher and the tab's content, top to bottom. The header (its first
 * child, a scrolled window) gets its natural height up to a share of the
 * page and scrolls beyond it, so that large text or many alerts never
 * leave the tab's content a sliver. The children in between get their
 * natural height; the last child takes what is left. */
#define KES_TYPE_RECORD_COLUMN_LAYOUT (kes_record_column_layout_get_type ())
G_DECLARE_FINAL_TYPE (KesRecordColumnLayout, kes_record_column_layout, KES, RECORD_COLUMN_LAYOUT, GtkLayoutManager)

/* The header's largest share of the page's height, beyond its minimum;
 * what the widget it shares with (the alerts, always whole) takes comes out
 * of it, down to the floor. */
#define KES_RECORD_HEADER_SHARE 0.35
#define KES_RECORD_HEADER_FLOOR 0.15

GtkLayoutManager *kes_record_column_layout_new (void);

/* @widget (a child after the header, NULL: none) is shown whole, and its
 * height comes out of the header's share. */
void              kes_record_column_layout_set_shares_with (KesRecordColumnLayout *self,
                                                            GtkWidget             *widget);

/* The height the header was last given (for tests). */
int               kes_record_column_layout_get_header_height (KesRecordColumnLayout *self);

G_END_DECLS
