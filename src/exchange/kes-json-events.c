/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-json-events"

#include "config.h"

#include <string.h>

#include "kes-json-events-private.h"

/* Past these the reader refuses and json-glib reads the data instead:
 * nesting deeper than any record Kestrel writes, and objects large enough
 * that checking each key against the others (a short linear search) would
 * stop being cheap. */
#define MAX_DEPTH           32
#define MAX_OBJECT_MEMBERS  256

/* While parsing, strings are decoded into one buffer that may move as it
 * grows, so events hold offsets; pointers are handed out once the parse
 * is complete. */
#define NO_STRING G_MAXSIZE

typedef struct
{
  KesJsonEventKind kind;
  guint            depth;
  gsize            name;
  gsize            text;
  gint64           integer;
  double           number;
  gboolean         boolean;
} Pending;

struct _KesJsonEvents
{
  GString *strings;
  GArray  *pending; /* Pending */
  GArray  *events;  /* KesJsonEvent */
};

typedef struct
{
  KesJsonEvents *self;
  const char    *p;
} Reader;

KesJsonEvents *
kes_json_events_new (void)
{
  KesJsonEvents *self = g_new0 (KesJsonEvents, 1);

  self->strings = g_string_sized_new (1024);
  self->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  self->events = g_array_new (FALSE, FALSE, sizeof (KesJsonEvent));

  return self;
}

void
kes_json_events_free (KesJsonEvents *self)
{
  if (self == NULL)
    return;

  g_string_free (self->strings, TRUE);
  g_array_unref (self->pending);
  g_array_unref (self->events);
  g_free (self);
}

static void
skip_space (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
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

/* A string at the reader (its opening quote), decoded onto the end of the
 * buffer with a NUL after it; returns its offset, or NO_STRING. */
static gsize
read_string (Reader *r)
{
  GString *strings = r->self->strings;
  const char *p = r->p + 1;
  gsize start = strings->len;

  while (TRUE)
    {
      const char *run = p;

      /* The common case: a run of plain characters copied at once. */
      while (*p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (strings, run, p - run);

      if (*p == '"')
        break;
      if (*p != '\\')
        return NO_STRING; /* a control character or the end of the input */

      p++;
      switch (*p)
        {
        case '"':  g_string_append_c (strings, '"'); break;
        case '\\': g_string_append_c (strings, '\\'); break;
        case '/':  g_string_append_c (strings, '/'); break;
        case 'b':  g_string_append_c (strings, '\b'); break;
        case 'f':  g_string_append_c (strings, '\f'); break;
        case 'n':  g_string_append_c (strings, '\n'); break;
        case 'r':  g_string_append_c (strings, '\r'); break;
        case 't':  g_string_append_c (strings, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!read_hex4 (p + 1, &c))
              return NO_STRING;
            p += 4;
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if (p[1] != '\\' || p[2] != 'u' || !read_hex4 (p + 3, &low)
                    || low < 0xDC00 || low > 0xDFFF)
                  return NO_STRING;
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
              }
            else if ((c >= 0xDC00 && c <= 0xDFFF) || c == 0)
              return NO_STRING; /* a lone low surrogate, or a NUL C strings cannot hold */
            g_string_append_unichar (strings, c);
          }
          break;
        default:
          return NO_STRING;
        }
      p++;
    }

  g_string_append_c (strings, '\0');
  r->p = p + 1;

  return start;
}

/* A number as JSON writes one: an optional minus, digits without a
 * leading zero, then either nothing (a whole number, read as json-glib
 * reads it, into 64 bits; one that does not fit is refused) or a fraction
 * (a double). Exponents and numbers too long to be sure of are refused. */
static gboolean
read_number (Reader  *r,
             Pending *event)
{
  const char *start = r->p, *p = r->p, *digits;
  char buffer[32];

  if (*p == '-')
    p++;
  digits = p;
  while (*p >= '0' && *p <= '9')
    p++;
  if (p == digits || (digits[0] == '0' && p - digits > 1))
    return FALSE;

  if (*p == '.')
    {
      const char *fraction = ++p;

      while (*p >= '0' && *p <= '9')
        p++;
      if (p == fraction)
        return FALSE;
      event->kind = KES_JSON_DOUBLE;
    }
  else
    event->kind = KES_JSON_INTEGER;
  if (*p == 'e' || *p == 'E' || (gsize) (p - start) >= sizeof buffer)
    return FALSE;

  memcpy (buffer, start, p - start);
  buffer[p - start] = '\0';
  if (event->kind == KES_JSON_DOUBLE)
    event->number = g_ascii_strtod (buffer, NULL);
  else if (!g_ascii_string_to_signed (buffer, 10, G_MININT64, G_MAXINT64, &event->integer, NULL))
    return FALSE;
  r->p = p;

  return TRUE;
}

static gboolean
read_word (Reader     *r,
           const char *word)
{
  gsize length = strlen (word);

  if (strncmp (r->p, word, length) != 0)
    return FALSE;
  r->p += length;

  return TRUE;
}

static void
push (KesJsonEvents *self,
      const Pending *event)
{
  g_array_append_vals (self->pending, event, 1);
}

/* Whether @name (an offset) is already the key of a member of the object
 * whose members start at @first_member and sit at @depth. Nested members
 * are deeper, and the END after a nested value has no name. */
static gboolean
key_used (KesJsonEvents *self,
          guint          first_member,
          guint          depth,
          gsize          name)
{
  const char *key = self->strings->str + name;

  for (guint i = first_member; i < self->pending->len; i++)
    {
      const Pending *other = &g_array_index (self->pending, Pending, i);

      if (other->depth == depth && other->name != NO_STRING
          && strcmp (self->strings->str + other->name, key) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean read_members (Reader *r, guint depth);
static gboolean read_items (Reader *r, guint depth);

/* One value at the reader, as an event at @depth named @name. */
static gboolean
read_value (Reader *r,
            guint   depth,
            gsize   name)
{
  Pending event = { .depth = depth, .name = name, .text = NO_STRING };

  switch (*r->p)
    {
    case '{':
    case '[':
      if (depth + 1 >= MAX_DEPTH)
        return FALSE;
      event.kind = *r->p == '{' ? KES_JSON_OBJECT : KES_JSON_LIST;
      push (r->self, &event);
      r->p++;
      if (!(event.kind == KES_JSON_OBJECT ? read_members (r, depth + 1) : read_items (r, depth + 1)))
        return FALSE;
      push (r->self, &(Pending) { .kind = KES_JSON_END, .depth = depth,
                                  .name = NO_STRING, .text = NO_STRING });
      return TRUE;

    case '"':
      event.kind = KES_JSON_TEXT;
      if ((event.text = read_string (r)) == NO_STRING)
        return FALSE;
      break;

    case 't':
    case 'f':
      event.kind = KES_JSON_BOOLEAN;
      event.boolean = *r->p == 't';
      if (!read_word (r, event.boolean ? "true" : "false"))
        return FALSE;
      break;

    case 'n':
      event.kind = KES_JSON_NULL;
      if (!read_word (r, "null"))
        return FALSE;
      break;

    default:
      if (!read_number (r, &event))
        return FALSE;
      break;
    }

  push (r->self, &event);

  return TRUE;
}

/* An object's members, the reader just past its "{"; leaves it past "}". */
static gboolean
read_members (Reader *r,
              guint   depth)
{
  guint first_member = r->self->pending->len;
  guint n_members = 0;

  skip_space (r);
  if (*r->p == '}')
    {
      r->p++;
      return TRUE;
    }

  while (TRUE)
    {
      gsize name;

      if (*r->p != '"' || (name = read_string (r)) == NO_STRING)
        return FALSE;
      skip_space (r);
      if (*r->p != ':')
        return FALSE;
      r->p++;
      skip_space (r);
      if (++n_members > MAX_OBJECT_MEMBERS
          || key_used (r->self, first_member, depth, name)
          || !read_value (r, depth, name))
        return FALSE;

      skip_space (r);
      if (*r->p == '}')
        break;
      if (*r->p != ',')
        return FALSE;
      r->p++;
      skip_space (r);
    }
  r->p++;

  return TRUE;
}

/* A list's items, the reader just past its "["; leaves it past "]". */
static gboolean
read_items (Reader *r,
            guint   depth)
{
  skip_space (r);
  if (*r->p == ']')
    {
      r->p++;
      return TRUE;
    }

  while (TRUE)
    {
      if (!read_value (r, depth, NO_STRING))
        return FALSE;
      skip_space (r);
      if (*r->p == ']')
        break;
      if (*r->p != ',')
        return FALSE;
      r->p++;
      skip_space (r);
    }
  r->p++;

  return TRUE;
}

gboolean
kes_json_events_parse (KesJsonEvents *self,
                       const char    *json)
{
  Reader r = { self, json };

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->strings, 0);
  g_array_set_size (self->pending, 0);
  g_array_set_size (self->events, 0);

  if (json == NULL || !g_utf8_validate (json, -1, NULL))
    return FALSE;

  skip_space (&r);
  if (*r.p != '{')
    return FALSE;
  r.p++;
  if (!read_members (&r, 0))
    return FALSE;
  skip_space (&r);
  if (*r.p != '\0')
    return FALSE;

  /* The buffer no longer moves: offsets become pointers. */
  g_array_set_size (self->events, self->pending->len);
  for (guint i = 0; i < self->pending->len; i++)
    {
      const Pending *in = &g_array_index (self->pending, Pending, i);
      KesJsonEvent *out = &g_array_index (self->events, KesJsonEvent, i);

      *out = (KesJsonEvent) {
        .kind = in->kind,
        .depth = in->depth,
        .name = in->name != NO_STRING ? self->strings->str + in->name : NULL,
        .text = in->text != NO_STRING ? self->strings->str + in->text : NULL,
        .integer = in->integer,
        .number = in->number,
        .boolean = in->boolean,
      };
    }

  return TRUE;
}

guint
kes_json_events_get_n (KesJsonEvents *self)
{
  return self->events->len;
}

const KesJsonEvent *
kes_json_events_get (KesJsonEvents *self,
                     guint          index)
{
  g_return_val_if_fail (index < self->events->len, NULL);

  return &g_array_index (self->events, KesJsonEvent, index);
}
