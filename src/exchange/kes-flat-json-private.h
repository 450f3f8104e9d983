/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The register, contacts and notes are stored as flat JSON objects: text,
 * whole numbers and lists of text. Exporting a whole database turns a few
 * hundred thousand of them into XML, and a json-glib tree for each (a
 * GObject a node) costs more than the XML writing itself; this walks such
 * an object in place instead. Anything else (nested objects, true/false,
 * null, fractions, odd escapes, repeated keys, invalid UTF-8) is refused
 * rather than guessed at, and the caller falls back to json-glib, which
 * reads it (or reports it) as before. */
typedef enum
{
  KES_FLAT_TEXT,
  KES_FLAT_INTEGER,
  KES_FLAT_LIST,
} KesFlatKind;

typedef struct
{
  const char         *key;
  KesFlatKind         kind;
  const char         *text;    /* KES_FLAT_TEXT */
  gint64              integer; /* KES_FLAT_INTEGER */
  const char * const *items;   /* KES_FLAT_LIST */
  guint               n_items;
} KesFlatMember;

typedef struct _KesFlatJson KesFlatJson;

KesFlatJson         *kes_flat_json_new          (void);
void                 kes_flat_json_free         (KesFlatJson *self);
/* Members in the order written; valid until the next parse. */
gboolean             kes_flat_json_parse        (KesFlatJson *self,
                                                 const char  *json);
guint                kes_flat_json_get_n_members (KesFlatJson *self);
const KesFlatMember *kes_flat_json_get_member   (KesFlatJson *self,
                                                 guint        index);

/* The other way, for import: @text as a JSON string, quoted and escaped
 * exactly as json-glib's generator writes it (so an imported revision is
 * stored as the same text whichever way it was read). */
void                 kes_flat_json_append_string (GString    *out,
                                                  const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesFlatJson, kes_flat_json_free)

G_END_DECLS
