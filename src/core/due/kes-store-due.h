/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* What Today lists: every feature's due items, gathered for a team. */

/* ---- Today: everything due or overdue (see kes-due.h) ---- */
/* Most urgent first; only patients of @team_id when it is not NULL. */
GPtrArray   *kes_store_list_due             (KesStore      *self,
                                             const GDate   *today,
                                             const char    *team_id,
                                             GError       **error);

G_END_DECLS
