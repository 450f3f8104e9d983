/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A stored revision's JSON object read in place as a flat run of events,
 * without building a json-glib tree (a GObject a node, which cost a whole
 * export more than writing its XML did). The events are exactly what
 * json-glib reads: the same members in the same order, the same decoded
 * text, the same whole numbers and doubles. Whatever this reader is not
 * sure of (repeated keys, exponents, very long numbers, odd escapes, a NUL,
 * invalid UTF-8, deep nesting, very large objects) is refused, so that the
 * caller falls back to json-glib, which reads it (or reports it) as before.
 *
 * The root object itself gives no event: its members are the events at
 * depth 0, and every object or list member is followed, after its own
 * members or items, by one KES_JSON_END. */
typedef enum
{
  KES_JSON_OBJECT,
  KES_JSON_LIST,
  KES_JSON_END,
  KES_JSON_TEXT,
  KES_JSON_INTEGER,
  KES_JSON_DOUBLE,
  KES_JSON_BOOLEAN,
  KES_JSON_NULL,
} KesJsonEventKind;

typedef struct
{
  KesJsonEventKind  kind;
  guint             depth;   /* 0 for the root object's own members */
  const char       *name;    /* the member's key; NULL for a list item or an END */
  const char       *text;    /* KES_JSON_TEXT */
  gint64            integer; /* KES_JSON_INTEGER */
  double            number;  /* KES_JSON_DOUBLE */
  gboolean          boolean; /* KES_JSON_BOOLEAN */
} KesJsonEvent;

typedef struct _KesJsonEvents KesJsonEvents;

KesJsonEvents      *kes_json_events_new     (void);
void                kes_json_events_free    (KesJsonEvents *self);
/* FALSE when @json is not an object this reader is sure of. The events
 * are valid until the next parse; the buffers are kept from one parse to
 * the next, so a long export allocates nothing in steady state. */
gboolean            kes_json_events_parse   (KesJsonEvents *self,
                                             const char    *json);
guint               kes_json_events_get_n   (KesJsonEvents *self);
const KesJsonEvent *kes_json_events_get     (KesJsonEvents *self,
                                             guint          index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesJsonEvents, kes_json_events_free)

G_END_DECLS
