/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kes-types.h"

G_BEGIN_DECLS

/* One sign-in account as an administrator sees it: the member of staff,
 * their roles, whether and how they can sign in, and the revision an
 * administrator's change must start from (kes-accounts.h). A snapshot:
 * immutable once read. */
#define KES_TYPE_ACCOUNT (kes_account_get_type ())
G_DECLARE_FINAL_TYPE (KesAccount, kes_account, KES, ACCOUNT, GObject)

/* Whether the account can be used now, most pressing first. */
typedef enum
{
  KES_ACCOUNT_ACTIVE,
  KES_ACCOUNT_DISABLED,      /* an administrator disabled it */
  KES_ACCOUNT_NO_PASSWORD,   /* a directory entry that cannot sign in */
  KES_ACCOUNT_LOCKED,        /* too many failed sign-ins, for a while */
  KES_ACCOUNT_MUST_CHANGE,   /* holds a one-time password, to change at sign-in */
} KesAccountState;

typedef struct
{
  KesStaff   *staff;
  const char *team_name;
  const char *roles;          /* stored form: "clinician team-manager" */
  gboolean    disabled;
  gboolean    has_password;
  gboolean    must_change_password;
  const char *locked_until;   /* ISO time, NULL when not locked */
  int         failed_attempts;
  const char *last_sign_in_at;
  gint64      revision;
  const char *changed_at;
  const char *changed_by_name;
} KesAccountFields;

KesAccount        *kes_account_new                   (const KesAccountFields *fields);
KesStaff          *kes_account_get_staff             (KesAccount *self);
const char        *kes_account_get_id                (KesAccount *self);
const char        *kes_account_get_username          (KesAccount *self);
const char        *kes_account_get_display_name      (KesAccount *self);
/* "" when the member of staff has no team. */
const char        *kes_account_get_team_name         (KesAccount *self);
const char * const *kes_account_get_roles            (KesAccount *self);
gboolean           kes_account_has_role              (KesAccount *self,
                                                      const char *role);
gboolean           kes_account_get_disabled          (KesAccount *self);
gboolean           kes_account_get_has_password      (KesAccount *self);
gboolean           kes_account_get_must_change_password (KesAccount *self);
/* NULL unless a lock is in force at the time of reading. */
const char        *kes_account_get_locked_until      (KesAccount *self);
int                kes_account_get_failed_attempts   (KesAccount *self);
const char        *kes_account_get_last_sign_in_at   (KesAccount *self);
gint64             kes_account_get_revision          (KesAccount *self);
const char        *kes_account_get_changed_at        (KesAccount *self);
const char        *kes_account_get_changed_by_name   (KesAccount *self);
KesAccountState    kes_account_get_state             (KesAccount *self);
/* "Active", "Locked until 21 Nov 2026 09:30" …, for lists. */
char              *kes_account_dup_state_label       (KesAccount *self);
/* "Clinicians, Team managers", or "No roles". */
char              *kes_account_dup_roles_label       (KesAccount *self);

G_END_DECLS
