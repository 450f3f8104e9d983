/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Before a carer's assessment is saved: when the carer's typed signature
 * is not the name the register holds for them (kes_carer_signature_
 * matches_name), asks whether to save it as typed (a carer may sign with
 * the name they use: a question, never a refusal) and returns TRUE;
 * @save_anyway runs with @owner if the answer is to save. FALSE when
 * there is nothing to ask. */
gboolean kes_carer_signature_question (GtkWidget      *owner,
                                       KesStore       *store,
                                       KesFieldRecord *assessment,
                                       void          (*save_anyway) (GtkWidget *owner));

G_END_DECLS
