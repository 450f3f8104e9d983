/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-record-kind.h"

G_BEGIN_DECLS

/* The field-record kinds a case record can carry (carers, their consent,
 * sharing, assessments and involvement; liaison and diversion screenings and
 * their onward referrals), by stored name; NULL for any other kind. One
 * table, so that what a subject access request labels and what an import
 * checks are the same kinds. */
const KesRecordKind *kes_field_kind_for_name (const char *name);

G_END_DECLS
