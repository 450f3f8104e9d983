/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* Code lists are data (data/codes/NAME.tsv, compiled into the core resource):
 * "code<TAB>label" lines, "#" comments. */
#define KES_CODES_ETHNIC_CATEGORY "ethnic-category"
#define KES_CODES_GENDER          "gender"
#define KES_CODES_GENDER_IDENTITY "gender-identity"
#define KES_CODES_LEGAL_STATUS    "legal-status"
#define KES_CODES_ICD10           "icd10"
#define KES_CODES_MAPPA_CATEGORY  "mappa-category"
#define KES_CODES_MAPPA_LEVEL     "mappa-level"
#define KES_CODES_CONTACT_TYPE    "contact-type"

/* Returns a shared, immutable list; NULL for an unknown list name. */
KesCodeList *kes_code_list_get         (const char  *name);
guint        kes_code_list_get_n_codes (KesCodeList *list);
const char  *kes_code_list_get_code    (KesCodeList *list,
                                        guint        position);
const char  *kes_code_list_get_label   (KesCodeList *list,
                                        guint        position);
/* Label for a code, or NULL if the code is not in the list. */
const char  *kes_code_list_lookup      (KesCodeList *list,
                                        const char  *code);
gboolean     kes_code_list_contains    (KesCodeList *list,
                                        const char  *code);
/* Position of a code, or -1. */
int          kes_code_list_find        (KesCodeList *list,
                                        const char  *code);

/* Raw bytes of a file under data/ in the core resource, e.g. "migrations/0001-initial.sql". */
GBytes      *kes_core_data_lookup      (const char  *path,
                                        GError     **error);
/* The file names in a folder of data/ in the core resource ("codes"), sorted. */
GStrv        kes_core_data_list        (const char  *folder,
                                        GError     **error);

G_END_DECLS
