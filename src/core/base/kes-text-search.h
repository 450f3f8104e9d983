/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower case, accents removed: "Zoë" and "ZOE" both become "zoe". */
char     *kes_text_fold          (const char *text);
/* Whether every word of @query (split at anything but letters and digits)
 * is found somewhere in @text, case- and accent-insensitively, inside a
 * word too: "37/41" finds "Section 37 with section 41 restrictions", "ward"
 * finds "Edwards". An empty query matches everything. */
gboolean  kes_text_matches_words (const char *text,
                                  const char *query);

G_END_DECLS
