/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

G_END_DECLS
