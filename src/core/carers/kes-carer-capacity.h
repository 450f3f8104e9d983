/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-field-record.h"

G_BEGIN_DECLS

/* The Mental Capacity Act 2005 behind a consent to share with a carer: a
 * patient who lacks capacity to make the decision (ss2-3) can't give,
 * refuse or withdraw consent; sharing is then a best-interests decision
 * (s4) with how capacity was assessed, who was consulted (s4(7)) and a
 * review date. A patient with capacity needs none of that. Called by the
 * store after each field is valid on its own; FALSE with a plain-words
 * error naming what is missing. */
gboolean kes_carer_consent_check_capacity      (KesFieldRecord  *consent,
                                                GError         **error);
/* The consent's fields that record the capacity assessment and the
 * best-interests decision: in use only when the patient lacks capacity. */
const char * const *kes_carer_capacity_fields  (void);

/* The carer's own signature on their assessment: their name as they
 * typed it, or a paper copy signed, each with the date; the date not in
 * the future nor before the assessment. @today is "YYYY-MM-DD". */
gboolean kes_carer_assessment_check_signature (KesFieldRecord  *assessment,
                                                const char      *today,
                                                GError         **error);

/* Whether @typed (a signature typed by the carer) is @name (the carer's
 * name in the register), ignoring case, accents, spaces and punctuation.
 * A signature that is not is questioned before saving, never refused: a
 * carer may sign with the name they use. */
gboolean kes_carer_signature_matches_name     (const char      *typed,
                                                const char      *name);

G_END_DECLS
