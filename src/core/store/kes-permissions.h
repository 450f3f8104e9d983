/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Roles and what each may do. The matrix lives in kes-permissions.c and is
 * documented in docs/permissions.md; core enforces it (kes-store-access.c).
 *
 * Deny by default: an account with no roles may sign in and change its own
 * password, nothing else; no one signed in may do nothing (only the named
 * system operations of kes-store-access.c run without a person). A disabled
 * account is refused everything. */
#define KES_ROLE_CLINICIAN          "clinician"
#define KES_ROLE_SOCIAL_SUPERVISOR  "social-supervisor"
#define KES_ROLE_CARERS_LIAISON     "carers-liaison"
#define KES_ROLE_LIAISON_DIVERSION  "liaison-diversion"
#define KES_ROLE_TEAM_MANAGER       "team-manager"
#define KES_ROLE_ADMINISTRATOR      "administrator"

typedef enum
{
  KES_PERMISSION_VIEW_IDENTITY, /* the register: name, date of birth, address, NHS number */
  KES_PERMISSION_EDIT_IDENTITY, /* add and change register entries */
  KES_PERMISSION_VIEW_CLINICAL, /* notes, contact summaries, search over notes */
  KES_PERMISSION_EDIT_CLINICAL, /* write notes and contacts */
  KES_PERMISSION_EXPORT,        /* export and print records and reports */
  KES_PERMISSION_VIEW_AUDIT,    /* read the access log */
  KES_PERMISSION_MANAGE_STAFF,  /* accounts, roles, passwords */
  KES_PERMISSION_BREAK_GLASS,   /* open a record outside one's own team, with a reason */
  KES_PERMISSION_BACKUP,        /* back up and restore the database */
  KES_PERMISSION_OVERRIDE_ELIGIBILITY, /* accept a referral that fails an eligibility check, with a reason */
  KES_PERMISSION_VIEW_CARERS,   /* carers, their links, consent to share, assessments, involvement */
  KES_PERMISSION_EDIT_CARERS,   /* add and change carers' records, record consent and sharing */
  KES_PERMISSION_MANAGE_DIRECTORY, /* edit the service directory (teams, bases, crisis numbers) */
  KES_PERMISSION_EXPORT_CARER_DOCUMENTS, /* save and print documents for a carer: their assessment, their letter */
  KES_PERMISSION_VIEW_DIRECTORY, /* the staff and service directory, teams, tool definitions */
  KES_N_PERMISSIONS
} KesPermission;

/* Every role, in display order, NULL-terminated. */
const char * const *kes_role_all             (void);
gboolean            kes_role_is_known        (const char         *role);
/* "Carers’ liaison staff": the role's people, for messages and lists. */
/* The people holding @role, "Clinicians"; kes_role_title() is one of
 * them, "Clinician". */
const char         *kes_role_label           (const char         *role);
const char         *kes_role_title           (const char         *role);
/* "view-clinical": the permission's stable name. */
const char         *kes_permission_to_string (KesPermission       permission);
gboolean            kes_permission_from_string (const char       *text,
                                               KesPermission     *permission);

/* Whether @role alone grants @permission. */
gboolean            kes_role_grants          (const char         *role,
                                              KesPermission       permission);

/* TRUE when one of @roles grants @permission. Otherwise KES_ERROR_PERMISSION
 * with a message naming the role and what it can't do ("Carers’ liaison
 * staff can’t read clinical notes"), or, for no roles at all (empty or
 * NULL), saying an administrator has to give the account a role first. */
gboolean            kes_permission_check     (const char * const *roles,
                                              KesPermission       permission,
                                              GError            **error);

/* Splits the stored form ("clinician team-manager") into a vector, and
 * joins it back, checking every role is known. */
GStrv               kes_roles_parse          (const char         *text);
char               *kes_roles_join           (const char * const *roles,
                                              GError            **error);

G_END_DECLS
