/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-flat-json"

#include "config.h"

#include <string.h>

#include "kes-flat-json-private.h"
#include "kes-json-writer.h"

/* While parsing, strings are decoded into one buffer that may move as it
 * grows, so members hold offsets; pointers are handed out once the parse
 * is complete. The buffers are kept from one parse to the next, so a long
 * export allocates nothing in steady state. */
typedef struct
{
  gsize        key;
  KesFlatKind  kind;
  gsize        text;
  gint64       integer;
  guint        first_item;
  guint        n_items;
} Member;

struct _KesFlatJson
{
  GString   *strings;
  GArray    *members;     /* Member */
  GArray    *item_offsets; /* gsize */
  GArray    *public;      /* KesFlatMember */
  GPtrArray *items;       /* const char *, for every list, one after another */
};

KesFlatJson *
kes_flat_json_new (void)
{
  KesFlatJson *self = g_new0 (KesFlatJson, 1);

  self->strings = g_string_sized_new (1024);
  self->members = g_array_new (FALSE, FALSE, sizeof (Member));
  self->item_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->public = g_array_new (FALSE, FALSE, sizeof (KesFlatMember));
  self->items = g_ptr_array_new ();

  return self;
}

void
kes_flat_json_free (KesFlatJson *self)
{
  if (self == NULL)
    return;

  g_string_free (self->strings, TRUE);
  g_array_unref (self->members);
  g_array_unref (self->item_offsets);
  g_array_unref (self->public);
  g_ptr_array_unref (self->items);
  g_free (self);
}

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;

  return p;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;

  return -1;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *value)
{
  *value = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_digit (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (gunichar) digit;
    }

  return TRUE;
}

/* A string at @p (its opening quote), decoded onto the end of the buffer
 * with a NUL after it; returns its offset, or G_MAXSIZE. */
static gsize
read_string (KesFlatJson  *self,
             const char  **cursor)
{
  const char *p = *cursor + 1;
  gsize start = self->strings->len;

  while (TRUE)
    {
      const char *run = p;

      /* The common case: a run of plain characters copied at once. */
      while (*p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (self->strings, run, p - run);

      if (*p == '"')
        break;
      if (*p != '\\')
        return G_MAXSIZE; /* a control character or the end of the input */

      p++;
      switch (*p)
        {
        case '"':  g_string_append_c (self->strings, '"'); break;
        case '\\': g_string_append_c (self->strings, '\\'); break;
        case '/':  g_string_append_c (self->strings, '/'); break;
        case 'b':  g_string_append_c (self->strings, '\b'); break;
        case 'f':  g_string_append_c (self->strings, '\f'); break;
        case 'n':  g_string_append_c (self->strings, '\n'); break;
        case 'r':  g_string_append_c (self->strings, '\r'); break;
        case 't':  g_string_append_c (self->strings, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!read_hex4 (p + 1, &c))
              return G_MAXSIZE;
            p += 4;
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if (p[1] != '\\' || p[2] != 'u' || !read_hex4 (p + 3, &low)
                    || low < 0xDC00 || low > 0xDFFF)
                  return G_MAXSIZE;
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
              }
            else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0)
              return G_MAXSIZE; /* a lone low surrogate, or a NUL C strings cannot hold */
            g_string_append_unichar (self->strings, c);
          }
          break;
        default:
          return G_MAXSIZE;
        }
      p++;
    }

  g_string_append_c (self->strings, '\0');
  *cursor = p + 1;

  return start;
}

/* A whole number written as JSON writes one: no fraction, no exponent, no
 * leading zero. */
static gboolean
read_integer (const char **cursor,
              gint64      *value)
{
  const char *p = *cursor;
  const char *digits;
  char buffer[24];

  if (*p == '-')
    p++;
  digits = p;
  while (*p >= '0' && *p <= '9')
    p++;
  if (p == digits || (digits[0] == '0' && p - digits > 1)
      || *p == '.' || *p == 'e' || *p == 'E' || (gsize) (p - *cursor) >= sizeof buffer)
    return FALSE;

  memcpy (buffer, *cursor, p - *cursor);
  buffer[p - *cursor] = '\0';
  if (!g_ascii_string_to_signed (buffer, 10, G_MININT64, G_MAXINT64, value, NULL))
    return FALSE;
  *cursor = p;

  return TRUE;
}

static gboolean
read_list (KesFlatJson  *self,
           const char  **cursor,
           Member       *member)
{
  const char *p = skip_space (*cursor + 1);

  member->first_item = self->item_offsets->len;
  if (*p == ']')
    {
      *cursor = p + 1;
      return TRUE;
    }

  while (TRUE)
    {
      gsize item;

      if (*p != '"' || (item = read_string (self, &p)) == G_MAXSIZE)
        return FALSE;
      g_array_append_val (self->item_offsets, item);
      member->n_items++;
      p = skip_space (p);
      if (*p == ']')
        break;
      if (*p != ',')
        return FALSE;
      p = skip_space (p + 1);
    }

  *cursor = p + 1;

  return TRUE;
}

static gboolean
has_key (KesFlatJson *self,
         const char  *key)
{
  for (guint i = 0; i + 1 < self->members->len; i++)
    if (strcmp (self->strings->str + g_array_index (self->members, Member, i).key, key) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
parse (KesFlatJson *self,
       const char  *json)
{
  const char *p = skip_space (json);

  if (*p != '{')
    return FALSE;
  p = skip_space (p + 1);
  if (*p == '}')
    return *skip_space (p + 1) == '\0';

  while (TRUE)
    {
      Member member = { 0 };

      if (*p != '"' || (member.key = read_string (self, &p)) == G_MAXSIZE)
        return FALSE;
      p = skip_space (p);
      if (*p != ':')
        return FALSE;
      p = skip_space (p + 1);

      if (*p == '"')
        {
          member.kind = KES_FLAT_TEXT;
          if ((member.text = read_string (self, &p)) == G_MAXSIZE)
            return FALSE;
        }
      else if (*p == '[')
        {
          member.kind = KES_FLAT_LIST;
          if (!read_list (self, &p, &member))
            return FALSE;
        }
      else
        {
          member.kind = KES_FLAT_INTEGER;
          if (!read_integer (&p, &member.integer))
            return FALSE;
        }

      g_array_append_val (self->members, member);
      if (has_key (self, self->strings->str + member.key))
        return FALSE;

      p = skip_space (p);
      if (*p == '}')
        break;
      if (*p != ',')
        return FALSE;
      p = skip_space (p + 1);
    }

  return *skip_space (p + 1) == '\0';
}

gboolean
kes_flat_json_parse (KesFlatJson *self,
                     const char  *json)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->strings, 0);
  g_array_set_size (self->members, 0);
  g_array_set_size (self->item_offsets, 0);
  g_array_set_size (self->public, 0);
  g_ptr_array_set_size (self->items, 0);

  if (json == NULL || !g_utf8_validate (json, -1, NULL) || !parse (self, json))
    return FALSE;

  /* The buffer no longer moves: offsets become pointers. */
  for (guint i = 0; i < self->item_offsets->len; i++)
    g_ptr_array_add (self->items,
                     self->strings->str + g_array_index (self->item_offsets, gsize, i));

  for (guint i = 0; i < self->members->len; i++)
    {
      const Member *member = &g_array_index (self->members, Member, i);
      KesFlatMember out = {
        .key = self->strings->str + member->key,
        .kind = member->kind,
        .text = member->kind == KES_FLAT_TEXT ? self->strings->str + member->text : NULL,
        .integer = member->integer,
        .items = NULL,
        .n_items = member->n_items,
      };

      g_array_append_val (self->public, out);
    }

  /* After every item is in place, since the array may have moved. */
  for (guint i = 0; i < self->members->len; i++)
    {
      const Member *member = &g_array_index (self->members, Member, i);

      if (member->kind == KES_FLAT_LIST)
        g_array_index (self->public, KesFlatMember, i).items =
          (const char * const *) self->items->pdata + member->first_item;
    }

  return TRUE;
}

guint
kes_flat_json_get_n_members (KesFlatJson *self)
{
  return self->public->len;
}

const KesFlatMember *
kes_flat_json_get_member (KesFlatJson *self,
                          guint        index)
{
  g_return_val_if_fail (index < self->public->len, NULL);

  return &g_array_index (self->public, KesFlatMember, index);
}

void
kes_flat_json_append_string (GString    *out,
                             const char *text)
{
  /* One escaper for the JSON Kestrel writes, so texts match byte for byte. */
  kes_json_append_string (out, text);
}
