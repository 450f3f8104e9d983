/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-document.h"

G_BEGIN_DECLS

#define KES_DOCUMENT_XML_NAMESPACE "urn:kestrel:document:1"
#define KES_DOCUMENT_XML_VERSION   1

/* The document as XML in the urn:kestrel:document:1 namespace, described by
 * data/schemas/kestrel-document-1.xsd. The same document gives the same
 * bytes. */
GBytes   *kes_xml_render_bytes (KesDocument  *document,
                                GError      **error);

/* Renders, checks the result against the schema, writes a temporary file
 * beside @path and renames it into place. */
gboolean  kes_xml_write_file   (KesDocument  *document,
                                const char   *path,
                                GError      **error);

G_END_DECLS
