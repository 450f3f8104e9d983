/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-field-record.h"

G_BEGIN_DECLS

/* The rules a carers' record meets beyond each field on its own, that need
 * nothing but the record and the day it is written: dates not after
 * @today ("YYYY-MM-DD") and not out of order, consent under the Mental
 * Capacity Act (kes-carer-capacity.h), what consent given or a
 * best-interests decision must say, a completed assessment's dates and the
 * carer's signature. The store applies them on every save (with today) and
 * an import to every revision (with the day it was written); the rules that
 * read other records (the carer exists, one consent a pair, sharing within
 * consent) are the store's. Call after kes_field_record_check() found
 * nothing: the dates are then normalised. FALSE with a plain-words error. */
gboolean kes_carer_record_check_rules (KesFieldRecord  *record,
                                       const char      *today,
                                       GError         **error);

G_END_DECLS
