/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A flat JSON object written straight into a GString, for the record kinds
 * saved by the million (contacts, notes): building a json-glib tree for
 * each costs more than the database insert. The text is byte for byte what
 * json-glib's generator writes for the same members (tests/core hold it to
 * that), so revisions look the same whichever way they were written. */
/* @text as a JSON string, quoted and escaped as json-glib escapes it. */
void kes_json_append_string (GString    *out,
                             const char *text);
void kes_json_begin_object  (GString    *out);
void kes_json_add_string    (GString    *out,
                             const char *key,
                             const char *value);
void kes_json_add_int       (GString    *out,
                             const char *key,
                             gint64      value);
void kes_json_end_object    (GString    *out);

G_END_DECLS
