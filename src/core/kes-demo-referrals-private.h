/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* Adds the referral history of one demo patient (inside the demo's batch),
 * from its own random sequence seeded by @seed: the accepted referral that
 * led to their discharge to the team, sometimes an earlier declined one,
 * and for a few patients a referral still on its way through the pathway
 * instead. @discharged_days_ago is the discharge the rest of the demo data
 * already dates (a conditional discharge), or -1 to choose one. */
gboolean kes_demo_add_referrals (KesStore    *store,
                                 guint        seed,
                                 KesPatient  *patient,
                                 KesStaff    *clinician,
                                 KesStaff    *coordinator,
                                 int          discharged_days_ago,
                                 GError     **error);

G_END_DECLS
