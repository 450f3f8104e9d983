/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-flat-json"

#include "config.h"

#include "kes-flat-json-private.h"
#include "kes-json-events-private.h"
#include "kes-json-writer.h"

/* A flat object is one whose events (kes-json-events-private.h, which
 * reads the JSON and refuses what it is not sure of) are all text, whole
 * numbers and lists of text at the top level. The arrays are kept from one
 * parse to the next, so a long export allocates nothing in steady state. */
struct _KesFlatJson
{
  KesJsonEvents *events;
  GArray        *public;      /* KesFlatMember */
  GArray        *first_items; /* guint: each member's first item in @items */
  GPtrArray     *items;       /* const char *, for every list, one after another */
};

KesFlatJson *
kes_flat_json_new (void)
{
  KesFlatJson *self = g_new0 (KesFlatJson, 1);

  self->events = kes_json_events_new ();
  self->public = g_array_new (FALSE, FALSE, sizeof (KesFlatMember));
  self->first_items = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = g_ptr_array_new ();

  return self;
}

void
kes_flat_json_free (KesFlatJson *self)
{
  if (self == NULL)
    return;

  kes_json_events_free (self->events);
  g_array_unref (self->public);
  g_array_unref (self->first_items);
  g_ptr_array_unref (self->items);
  g_free (self);
}

/* The members, FALSE at the first event a flat object cannot hold. */
static gboolean
read_members (KesFlatJson *self)
{
  guint n = kes_json_events_get_n (self->events);

  for (guint i = 0; i < n; i++)
    {
      const KesJsonEvent *event = kes_json_events_get (self->events, i);
      KesFlatMember member = { .key = event->name };
      guint first_item = self->items->len;

      switch (event->kind)
        {
        case KES_JSON_TEXT:
          member.kind = KES_FLAT_TEXT;
          member.text = event->text;
          break;

        case KES_JSON_INTEGER:
          member.kind = KES_FLAT_INTEGER;
          member.integer = event->integer;
          break;

        case KES_JSON_LIST:
          member.kind = KES_FLAT_LIST;
          for (i++; i < n && kes_json_events_get (self->events, i)->kind == KES_JSON_TEXT; i++)
            g_ptr_array_add (self->items, (gpointer) kes_json_events_get (self->events, i)->text);
          /* Anything but text in the list, or no end to it. */
          if (i >= n || kes_json_events_get (self->events, i)->kind != KES_JSON_END)
            return FALSE;
          member.n_items = self->items->len - first_item;
          break;

        case KES_JSON_OBJECT:
        case KES_JSON_END:
        case KES_JSON_DOUBLE:
        case KES_JSON_BOOLEAN:
        case KES_JSON_NULL:
        default:
          return FALSE;
        }

      g_array_append_val (self->public, member);
      g_array_append_val (self->first_items, first_item);
    }

  return TRUE;
}

gboolean
kes_flat_json_parse (KesFlatJson *self,
                     const char  *json)
{
  g_return_val_if_fail (self != NULL, FALSE);

  g_array_set_size (self->public, 0);
  g_array_set_size (self->first_items, 0);
  g_ptr_array_set_size (self->items, 0);

  if (json == NULL || !kes_json_events_parse (self->events, json) || !read_members (self))
    return FALSE;

  /* After every item is in place, since the array may have moved. */
  for (guint i = 0; i < self->public->len; i++)
    {
      KesFlatMember *member = &g_array_index (self->public, KesFlatMember, i);

      if (member->kind == KES_FLAT_LIST)
        member->items = (const char * const *) self->items->pdata
                        + g_array_index (self->first_items, guint, i);
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
