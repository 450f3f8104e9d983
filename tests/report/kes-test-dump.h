/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-import.h"
#include "kes-test-store.h"

G_BEGIN_DECLS

/* The fixture's database as `sqlite3 DB .dump` shows it, the access log's
 * rows left out: what someone with the file and the sqlite3 shell would
 * see changed by a refused import (nothing). */
char *kes_test_dump_without_audit   (KesTestStore *fixture);
/* A refusal a person can act on: it contains @expected, says nothing was
 * imported, and is never a raw database message. */
void  kes_test_assert_plain_refusal (const GError *error,
                                     const char   *expected);

/* Reads @xml as a case record and imports it with @flags; @error as the
 * reading or the import left it. */
void  kes_test_import_bytes         (KesStore             *store,
                                     GBytes               *xml,
                                     KesRecordImportFlags  flags,
                                     GError              **error);
/* Zoë O'Brien's case record (kes_test_store_new_with_patient) as her
 * database exports it at @now; made once a test program (a store with
 * accounts is slow to make). A copy. */
char *kes_test_zoe_case_record      (const char           *now);

G_END_DECLS
