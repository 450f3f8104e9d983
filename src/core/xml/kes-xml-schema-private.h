/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/xmlschemas.h>

G_BEGIN_DECLS

/* The compiled schema, loaded once and shared (read-only) by every thread. */
xmlSchemaPtr kes_xml_schema_get (const char  *schema_name,
                                 GError     **error);

G_END_DECLS
