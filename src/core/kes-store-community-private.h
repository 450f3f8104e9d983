/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-care-record.h"
#include "kes-store-due-private.h"

G_BEGIN_DECLS

/* What a save writes for @record (a validated copy, as the store keeps it,
 * and its JSON in @json), or NULL with the problems as an error; nothing
 * is read from the store. Pure: callable from any thread. */
KesCareRecord *kes_store_care_record_prepare (KesCareRecord  *record,
                                              const GDate    *today,
                                              char          **json,
                                              GError        **error);
/* Writes the projection row of a record whose revision was just written. */
gboolean       kes_store_project_care_record (KesStore       *self,
                                              KesCareRecord  *record,
                                              GError        **error);

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
