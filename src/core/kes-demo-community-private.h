/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* Adds demo care-in-the-community records for one demo patient (inside the
 * demo's transaction), from its own random sequence seeded by @seed. */
gboolean kes_demo_add_community (KesStore    *store,
                                 guint        seed,
                                 const char  *patient_id,
                                 GError     **error);

G_END_DECLS
