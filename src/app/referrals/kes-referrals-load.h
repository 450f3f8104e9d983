/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-store-referrals.h"

G_BEGIN_DECLS

/* The open referrals the signed-in user may see, with their patients'
 * display names, loaded in a GTask thread on its own KesStore opened on the
 * same file, resuming the caller's session (kes_store_resume_session: who is
 * acting and their break-glass grants); an in-memory store is read at once. */
typedef struct
{
  GPtrArray  *referrals; /* KesReferral*, newest referral first */
  GHashTable *names;     /* patient id -> display name */
} KesReferralsLoad;

void              kes_referrals_load_free   (KesReferralsLoad     *load);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesReferralsLoad, kes_referrals_load_free)

void              kes_referrals_load_async  (KesStore             *store,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
KesReferralsLoad *kes_referrals_load_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
