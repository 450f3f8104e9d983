/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"
#include "kes-tool-definition.h"

G_BEGIN_DECLS

/* Where tool definitions come from: those shipped with Kestrel (data/tools,
 * compiled into the program) and those an administrator imported (held in
 * the database). */

/* Every shipped definition (KesToolDefinition), by title. */
GPtrArray          *kes_tool_library_list_shipped (GError     **error);

/* Shipped and imported definitions, by title. An imported definition that
 * can no longer be loaded is left out with a warning naming its key. */
GPtrArray          *kes_tool_library_list         (KesStore    *store,
                                                   GError     **error);

/* The definition with this tool id, version and definition version, or
 * NULL with KES_REPORT_ERROR_INVALID saying which is missing. */
KesToolDefinition  *kes_tool_library_find         (KesStore    *store,
                                                   const char  *tool_id,
                                                   const char  *version,
                                                   guint        def_version,
                                                   GError     **error);

/* Validates @xml completely, then stores it. An invalid file, or a key
 * (tool id + version + definition version) that is already shipped or
 * imported, changes nothing; the error names the line and the problem. */
KesToolDefinition  *kes_tool_library_import       (KesStore    *store,
                                                   GBytes      *xml,
                                                   GError     **error);

G_END_DECLS
