/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest text each field may hold, in characters, in one table
 * (kes-field-limits.c) that the forms (an entry's maximum length), the CLI
 * and import all use, so a value one of them accepts the others accept.
 *
 * Keys are "<record kind>.<field key>": "patient.family_name",
 * "note.body", "staff.display_name". A key the table does not list gets
 * KES_FIELD_LIMIT_OTHER: no text in a record is unbounded. */
#define KES_FIELD_LIMIT_OTHER 20000

guint     kes_field_limit        (const char  *key);
/* Adds a KES_ISSUE_ERROR to @issues, naming @label, when @value is longer
 * than @key allows. @issues holds KesIssue (kes-validate.h). */
void      kes_field_limit_check  (GPtrArray   *issues,
                                  const char  *key,
                                  const char  *label,
                                  const char  *value);
/* The same as a GError (KES_ERROR_INVALID); TRUE when @value fits. */
gboolean  kes_field_limit_ok     (const char  *key,
                                  const char  *label,
                                  const char  *value,
                                  GError     **error);

G_END_DECLS
