/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store-private.h"

G_BEGIN_DECLS

/* A feature's contribution to Today: appends its due items for every active
 * patient (each item carries the patient's team). */
typedef gboolean (*KesDueProvider) (KesStore     *store,
                                    const GDate  *today,
                                    GPtrArray    *items,
                                    GError      **error);

/* Providers, one per feature. */
gboolean kes_store_carer_reviews_due (KesStore     *store,
                                      const GDate  *today,
                                      GPtrArray    *items,
                                      GError      **error);

G_END_DECLS
