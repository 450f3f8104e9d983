/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-document.h"

G_BEGIN_DECLS

#define KES_TEST_PATIENT_NAME  "Zoë O’Brien — café"
#define KES_TEST_NHS_NUMBER    "9434765919"
#define KES_TEST_BIRTH_DATE    "1990-02-01"
#define KES_TEST_CREATED_AT    "2026-11-21T09:00:00Z"

/* A document with every kind of block over several pages: a table of
 * @n_table_rows rows (long enough to span pages), a row taller than a page,
 * a signature block and a not-completed marker. */
KesDocument *kes_test_sample_document (guint n_table_rows);

/* A document of about @n_pages pages of paragraphs and tables, for timing. */
KesDocument *kes_test_long_document   (guint n_pages);

/* The text of paragraph @i of the long document (the benchmark's floor
 * writes the same text). */
char        *kes_test_paragraph_text  (guint i);

G_END_DECLS
