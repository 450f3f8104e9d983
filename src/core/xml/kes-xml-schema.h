/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Schemas Kestrel writes to and reads from, by name. They are compiled into
 * the program (a GResource built from data/schemas), so validation never
 * depends on what is installed where, and always matches the writer. */
#define KES_SCHEMA_DOCUMENT "kestrel-document-1"
#define KES_SCHEMA_RECORD   "kestrel-record-1"
/* The record schema without its identity constraints (xs:key, xs:keyref,
 * xs:unique), for streaming a whole database's <case-records>: libxml2
 * 2.9.14's streaming validator keeps every key it has seen until the end
 * of the document (92 MB for 5,000 patients, against 6 MB without), so
 * the reader checks those constraints itself, one case record at a time
 * (kes-record-archive-read.c). Not a file of its own: it is made from
 * KES_SCHEMA_RECORD's source when first asked for. */
#define KES_SCHEMA_RECORD_STREAMING "kestrel-record-1+streaming"

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
