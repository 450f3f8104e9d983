/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-due-private.h"

G_BEGIN_DECLS

/* Today providers for care in the community (kes-store-community-due.c). */
gboolean kes_store_due_depots          (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_clozapine       (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_lithium         (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_physical_health (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);
gboolean kes_store_due_cpa_reviews     (KesStore     *store,
                                        const GDate  *today,
                                        const char   *team_id,
                                        GPtrArray    *items,
                                        GError      **error);

G_END_DECLS
