/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-admin-permission"

#include "config.h"

#include "admin/kes-admin-permission.h"
#include "kes-accounts.h"

gboolean
kes_admin_group_follow_permission (GtkWidget     *group,
                                   KesStore      *store,
                                   KesPermission  permission)
{
  gboolean allowed;

  g_return_val_if_fail (GTK_IS_WIDGET (group), FALSE);

  allowed = store != NULL && kes_store_get_actor (store) != NULL &&
            kes_store_check_permission (store, permission, NULL, NULL);
  gtk_widget_set_visible (group, allowed);
  return allowed;
}
