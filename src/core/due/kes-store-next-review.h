/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* What the next review of a patient's care is. */
typedef enum
{
  KES_NEXT_REVIEW_NONE,
  KES_NEXT_REVIEW_CPA,          /* a CPA review booked (status "scheduled") */
  KES_NEXT_REVIEW_CARE_PLAN,    /* the current care plan's own review date */
  KES_NEXT_REVIEW_CRISIS_PLAN,  /* the current crisis plan's review date */
} KesNextReviewKind;

/* The earliest of those for @patient_id, for the record's header and
 * overview: its date ("YYYY-MM-DD") in @date_out and what it is in
 * @kind_out (KES_NEXT_REVIEW_NONE with NULL when none is recorded). Needs
 * view-clinical for the patient; FALSE with the refusal otherwise. */
gboolean    kes_store_next_review        (KesStore           *self,
                                          const char         *patient_id,
                                          char              **date_out,
                                          KesNextReviewKind  *kind_out,
                                          GError            **error);
/* "CPA review booked", "care plan review", "crisis plan review". */
const char *kes_next_review_kind_label   (KesNextReviewKind   kind);

G_END_DECLS
