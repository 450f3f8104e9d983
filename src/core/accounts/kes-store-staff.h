/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-store.h"

G_BEGIN_DECLS

/* The staff directory and teams, as every feature reads them (accounts
 * are made and changed through kes-accounts.h). */

/* ---- Staff directory ---- */
/* Accounts are made and changed through kes-accounts.h; reading the
 * directory needs view-directory (every role has it). */
KesStaff    *kes_store_find_staff           (KesStore    *self,
                                             const char  *id_or_username,
                                             GError     **error);
/* GListModel of KesStaff: the people of this database who are enabled
 * (never authors recorded elsewhere, whom no one may choose as a care
 * coordinator or a filter), sorted by display name. */
GListModel  *kes_store_list_staff           (KesStore    *self,
                                             GError     **error);
/* How many members of staff the directory holds (for the demo's "new
 * file" check and the first run; no names). The entries that stand for a
 * database update (the author of what a migration wrote) are no one. */
guint        kes_store_count_staff          (KesStore    *self);

/* ---- Teams ---- */
/* Reading needs view-directory (or no one signed in during the first run,
 * when the first administrator picks a team); adding and renaming need
 * manage-directory. */
GListModel  *kes_store_list_teams           (KesStore    *self,
                                             GError     **error);
KesTeam     *kes_store_add_team             (KesStore    *self,
                                             const char  *name,
                                             GError     **error);
/* Renames the team from @base_revision (kes_team_get_revision); refused
 * with KES_ERROR_CONFLICT, naming who renamed it and when, if it has been
 * renamed since. */
gboolean     kes_store_rename_team          (KesStore    *self,
                                             const char  *team_id,
                                             gint64       base_revision,
                                             const char  *name,
                                             GError     **error);
/* A team by id or by name (case-insensitive), or NULL (also when the
 * actor may not read the directory). */
KesTeam     *kes_store_find_team            (KesStore    *self,
                                             const char  *id_or_name);

G_END_DECLS
