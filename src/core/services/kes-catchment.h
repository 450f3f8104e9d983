/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-field-record.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Catchment areas: the areas a team takes referrals from (where the person
 * will live after discharge), service-directory data an administrator
 * edits. Each area is a revisioned record (kind "catchment-area"): adding,
 * renaming and retiring one writes a revision (history, the access log,
 * `verify`), and needs manage-directory. A referral stores the area's code,
 * which never changes, so a renamed area shows its new name on every
 * referral and a retired one still shows on the referrals made from it. */

#define KES_CODES_CATCHMENT_MEMBERSHIP "catchment-membership" /* own, external, outside */

/* Fields: code (set by the store from the name when the area is added,
 * never changed), name, membership (KES_CODES_CATCHMENT_MEMBERSHIP),
 * retired (no longer offered for new referrals, not in the catchment). */
extern const KesRecordKind kes_catchment_area_kind;

/* KesCatchment (kes-types.h): the areas as they stand, for eligibility and
 * for showing a referral's area; a snapshot, read once, that does not
 * follow later edits. */

KesFieldRecord *kes_catchment_area_new          (void);

KesCatchment   *kes_catchment_new               (void);
void            kes_catchment_free              (KesCatchment        *self);
void            kes_catchment_add               (KesCatchment        *self,
                                                 const char          *code,
                                                 const char          *name,
                                                 const char          *membership,
                                                 gboolean             retired);
/* Whether a referral from @code meets the catchment criterion: an area in
 * use that is the team's own or one it takes external referrals from. */
gboolean        kes_catchment_includes          (const KesCatchment  *self,
                                                 const char          *code);
/* Whether @code may be chosen for a new referral: known and not retired. */
gboolean        kes_catchment_offers            (const KesCatchment  *self,
                                                 const char          *code);
gboolean        kes_catchment_knows             (const KesCatchment  *self,
                                                 const char          *code);
/* The area's name, or NULL for a code no area has. */
const char     *kes_catchment_area_name         (const KesCatchment  *self,
                                                 const char          *code);
/* @code's name, or @code itself when no area has it (an imported
 * referral's area unknown here). */
const char     *kes_catchment_display_name      (const KesCatchment  *self,
                                                 const char          *code);
guint           kes_catchment_get_n_areas       (const KesCatchment  *self);
const char     *kes_catchment_get_code          (const KesCatchment  *self,
                                                 guint                position);
gboolean        kes_catchment_get_retired       (const KesCatchment  *self,
                                                 guint                position);

/* The areas as they stand (retired ones too): the team's own, then
 * external, then outside the catchment, each by name; needs
 * view-directory, which every role has. */
KesCatchment   *kes_store_get_catchment         (KesStore            *store,
                                                 GError             **error);
/* The areas as an administrator edits them, in use first, in the same
 * order;
 * retired ones too when @include_retired. Needs view-directory. */
GPtrArray      *kes_store_list_catchment_areas  (KesStore            *store,
                                                 gboolean             include_retired,
                                                 GError             **error);
/* Adds (no id yet: its code is made from the name) or changes an area;
 * needs manage-directory. The name is required and must not be another
 * area's (ignoring case); the code of a stored area can't change. An edit
 * starts from the revision @area was loaded at: KES_ERROR_CONFLICT when
 * someone saved it since. On success @area carries its id and revision. */
gboolean        kes_store_save_catchment_area   (KesStore            *store,
                                                 KesFieldRecord      *area,
                                                 GError             **error);

/* Run by migration 0022: the starting areas, from the lists that were
 * fixed until then, written by the database update. */
gboolean        kes_store_seed_catchment_areas  (KesStore            *store,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesCatchment, kes_catchment_free)

G_END_DECLS
