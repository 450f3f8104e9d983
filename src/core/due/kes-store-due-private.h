/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-due.h"
#include "kes-store-private.h"

G_BEGIN_DECLS

/* A feature's contribution to Today: appends its due items for the active
 * patients of @team_id, or of every team when it is NULL (each item carries
 * the patient's team). Filtering by team in the query is what keeps Today
 * fast on a trust-wide database; kes_store_list_due filters again, so a
 * provider that cannot narrow its query is still correct. */
typedef gboolean (*KesDueProvider) (KesStore     *store,
                                    const GDate  *today,
                                    const char   *team_id,
                                    GPtrArray    *items,
                                    GError      **error);

/* Prepares @sql_format, whose one "%s" stands where a condition on the
 * patient table (aliased "p") may go: "AND p.team_id = :team" when @team_id
 * is given (and bound), nothing otherwise. */
KesDbStmt *kes_store_prepare_for_team (KesStore    *store,
                                          const char  *sql_format,
                                          const char  *team_id,
                                          GError     **error);

/* Providers, one per feature. */
gboolean kes_store_carer_reviews_due (KesStore     *store,
                                      const GDate  *today,
                                      const char   *team_id,
                                      GPtrArray    *items,
                                      GError      **error);

G_END_DECLS
