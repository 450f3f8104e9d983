/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-text-search"

#include "config.h"

#include <string.h>

#include "kes-text-search.h"

/* Searching short texts as people type: lists, drop-downs, the caseload. */

char *
kes_text_fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text != NULL ? text : "", "C");
  return g_ascii_strdown (ascii, -1);
}

gboolean
kes_text_matches_words (const char *text,
                        const char *query)
{
  g_autofree char *haystack = kes_text_fold (text);
  g_autofree char *needles = kes_text_fold (query);
  char *word = needles;

  /* Each run of letters and digits in the query is one word to find. */
  for (char *p = needles;; p++)
    {
      gboolean end = *p == '\0';

      if (end || !g_ascii_isalnum (*p))
        {
          *p = '\0';
          if (*word != '\0' && strstr (haystack, word) == NULL)
            return FALSE;
          if (end)
            return TRUE;
          word = p + 1;
        }
    }
}
