/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kes-permissions.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Shows @group only while someone is signed in to @store who holds
 * @permission, and says whether they do. Core decides who may change
 * what (it checks again on every save); an administration group only
 * follows, so that no one is offered what core would refuse. */
gboolean kes_admin_group_follow_permission (GtkWidget     *group,
                                            KesStore      *store,
                                            KesPermission  permission);

G_END_DECLS
