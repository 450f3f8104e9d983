/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* The Carers area: the carers' liaison view of carers, what may be
 * discussed with each (consent to share), their assessments, involvement
 * and what is due. */
#define KES_TYPE_CARERS_PAGE (kes_carers_page_get_type ())
G_DECLARE_FINAL_TYPE (KesCarersPage, kes_carers_page, KES, CARERS_PAGE, GtkWidget)

void kes_carers_page_set_store  (KesCarersPage *self,
                                 KesStore      *store);
void kes_carers_page_reload     (KesCarersPage *self);
/* Opens a carer's record. */
void kes_carers_page_show_carer (KesCarersPage *self,
                                 const char    *carer_id);

G_END_DECLS
