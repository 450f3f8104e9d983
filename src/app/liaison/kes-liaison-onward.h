/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kes-store.h"

G_BEGIN_DECLS

/* A screening's referrals to other services in the service directory: the
 * ones made, and a short form to record another. Emits "recorded" after a
 * referral is saved; a refused one keeps what was typed and says why. */
#define KES_TYPE_LIAISON_ONWARD (kes_liaison_onward_get_type ())
G_DECLARE_FINAL_TYPE (KesLiaisonOnward, kes_liaison_onward, KES, LIAISON_ONWARD, AdwBin)

GtkWidget *kes_liaison_onward_new (KesStore   *store,
                                   const char *screening_id);

G_END_DECLS
