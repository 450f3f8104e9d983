/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-json-writer"

#include "config.h"

#include "kes-json-writer.h"

/* json-glib (1.6) escapes the quote, the backslash, the five named control
 * characters, the other control characters below 0x1f and DEL as \u00XX;
 * everything else, 0x1f and UTF-8 included, is written as it is. */
void
kes_json_append_string (GString    *out,
                        const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;
      char buffer[8];

      if (c >= 0x1f && c != '"' && c != '\\' && c != 0x7f)
        continue;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
add_key (GString    *out,
         const char *key)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  kes_json_append_string (out, key);
  g_string_append_c (out, ':');
}

void
kes_json_begin_object (GString *out)
{
  g_string_append_c (out, '{');
}

void
kes_json_add_string (GString    *out,
                     const char *key,
                     const char *value)
{
  add_key (out, key);
  kes_json_append_string (out, value != NULL ? value : "");
}

void
kes_json_add_int (GString    *out,
                  const char *key,
                  gint64      value)
{
  add_key (out, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

void
kes_json_end_object (GString *out)
{
  g_string_append_c (out, '}');
}
