/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-carers.h"
#include "kes-document.h"

G_BEGIN_DECLS

/* Documents about and for carers. */

/* A carer's assessment (Care Act 2014 s10) as a document (→ PDF, XML):
 * the carer, the assessment's answers, the eligibility decision and the
 * support plan. @patient_name is the person cared for (may be NULL);
 * @assessor_name who assessed. */
KesDocument *kes_carer_assessment_document (KesFieldRecord *carer,
                                            KesFieldRecord *assessment,
                                            const char     *patient_name,
                                            const char     *assessor_name,
                                            const char     *signer_name);

/* A letter to a carer from @sections (KesCarerSection): only the sections
 * the patient's consent allows now are written (kes_carer_filter_sections);
 * the letter never names what was left out. */
KesDocument *kes_carer_letter_document     (KesFieldRecord *carer,
                                            KesFieldRecord *consent,
                                            GPtrArray      *sections,
                                            const char     *from_name);

G_END_DECLS
