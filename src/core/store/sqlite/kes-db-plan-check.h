/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

G_BEGIN_DECLS

/* When $KESTREL_CHECK_QUERY_PLANS is set (the test suites set it), a
 * statement whose plan reads one of the tables that grow with the caseload
 * (records, revisions, the access log, notes, contacts, provenance) from end
 * to end is reported as a critical, unless its text says it means to
 * (KES_SQL_FULL_SCAN, kes-db.h). */
void kes_db_plan_check (sqlite3    *db,
                        const char *sql);

G_END_DECLS
