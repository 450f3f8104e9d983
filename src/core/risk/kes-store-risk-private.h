/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-due-private.h"

G_BEGIN_DECLS

/* Today provider: structured risk assessments whose next review is due. */
gboolean kes_store_due_risk_reviews (KesStore     *self,
                                     const GDate  *today,
                                     const char   *team_id,
                                     GPtrArray    *items,
                                     GError      **error);

G_END_DECLS
