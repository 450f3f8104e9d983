/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes a searchable GtkDropDown find items by words anywhere in them
 * (kes_text_matches_words: "37/41" finds "Section 37 with section 41
 * restrictions"); GTK 4.8's own search matches only the start of an item.
 * Call after every gtk_drop_down_set_model(), which puts GTK's filter back. */
void kes_dropdown_search_within_words (GtkDropDown *dropdown);

G_END_DECLS
