/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* Opens PDF bytes with Poppler, failing the test if it cannot. */
PopplerDocument *kes_test_pdf_open             (GBytes          *pdf);
char            *kes_test_pdf_page_text        (PopplerDocument *document,
                                                int              page);
/* Every page carries the marking at top and foot, the patient's name, NHS
 * number and date of birth, and "Page N of M". */
void             kes_test_pdf_assert_furniture (PopplerDocument *document,
                                                const char      *marking,
                                                const char      *name,
                                                const char      *nhs_display,
                                                const char      *birth_display);
/* The page (0-based) an outline item leads to. */
int              kes_test_pdf_action_page      (PopplerDocument *document,
                                                PopplerAction   *action);
/* Runs pdfinfo on the file when installed; fails the test if it refuses
 * the file. Returns FALSE when pdfinfo is not installed. */
gboolean         kes_test_pdf_check_pdfinfo    (const char      *path);

G_END_DECLS
