/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-care-record.h"

G_BEGIN_DECLS

/* TRUE when @key holds a value. */
gboolean kes_care_record_has         (KesCareRecord *self,
                                      const char    *key);
/* Adds an error naming @key's field and @why when @key is empty. */
void     kes_care_record_require     (KesCareRecord *self,
                                      GPtrArray     *issues,
                                      const char    *key,
                                      const char    *why);
/* Rules across the fields of one record (kes-care-record-rules.c), run
 * once every field is valid on its own. Rules that need other records (the
 * patient's BEN status, a not-to-be-re-challenged record) are in the store. */
void     kes_care_record_check_rules (KesCareRecord *self,
                                      GPtrArray     *issues);

G_END_DECLS
