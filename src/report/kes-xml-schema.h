/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Schemas Kestrel writes to and reads from, by name. They are compiled into
 * the program (a GResource built from data/schemas), so validation never
 * depends on what is installed where, and always matches the writer. */
#define KES_SCHEMA_DOCUMENT "kestrel-document-1"
#define KES_SCHEMA_RECORD   "kestrel-record-1"

/* The XSD source of a schema, e.g. to hand to someone else with an export. */
GBytes   *kes_xml_schema_dup_source (const char  *schema_name,
                                     GError     **error);

/* Checks XML against a schema, reading it with the same safe streaming
 * reader imports use. The error names the first problem and its line. */
gboolean  kes_xml_validate_memory   (const char  *data,
                                     gsize        length,
                                     const char  *schema_name,
                                     GError     **error);
gboolean  kes_xml_validate_file     (const char  *path,
                                     const char  *schema_name,
                                     GError     **error);

G_END_DECLS
