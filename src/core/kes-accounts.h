/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-permissions.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* Sign-in accounts on top of the staff directory: argon2id passwords
 * (libsodium), roles (kes-permissions.h), throttling and emergency access.
 * Every sign-in, failed sign-in, account change and break-glass goes to the
 * access log. */

/* The shortest password accepted. */
#define KES_PASSWORD_MIN_LENGTH 10
/* Failed sign-ins in a row before an account is locked for a minute; each
 * further failure doubles the wait, up to an hour. */
#define KES_SIGN_IN_MAX_FAILURES 5

/* Sets (or replaces) a password and clears any lock. Needs manage-staff
 * unless it is the actor's own password. */
gboolean    kes_store_set_password       (KesStore            *store,
                                          const char          *staff_id,
                                          const char          *password,
                                          GError             **error);
gboolean    kes_store_staff_has_password (KesStore            *store,
                                          const char          *id_or_username);

/* Whether a new password is good enough: at least KES_PASSWORD_MIN_LENGTH
 * characters, not built on the user name or the person's name, not a
 * well-known password, not a few characters repeated. KES_ERROR_INVALID
 * says what is wrong in plain words. @username and @display_name may be
 * NULL. kes_store_set_password() and kes_store_create_account() apply it. */
gboolean    kes_password_check           (const char          *password,
                                          const char          *username,
                                          const char          *display_name,
                                          GError             **error);

/* Creates a member of staff with roles and a password in one transaction:
 * all of it is written, or nothing. @roles must name at least one role.
 * Needs manage-staff, except for the first account of an empty staff
 * directory (first run), which must hold the administrator role. Logged as
 * "account". Does not sign anyone in. */
KesStaff   *kes_store_create_account     (KesStore            *store,
                                          const char          *username,
                                          const char          *display_name,
                                          const char          *role_title,
                                          const char          *team_id,
                                          const char          *contact,
                                          const char * const  *roles,
                                          const char          *password,
                                          GError             **error);

/* Checks a user name and password. On success returns the member of staff,
 * makes them the store's actor, upgrades an outdated hash and logs
 * "sign-in". On failure (KES_ERROR_PERMISSION) the message never says which
 * of the two was wrong; it is logged as "sign-in-failed" and counts towards
 * the lock. A disabled account is refused even with the right password. */
KesStaff   *kes_store_sign_in            (KesStore            *store,
                                          const char          *username,
                                          const char          *password,
                                          GError             **error);

/* Roles: see kes-permissions.h. Setting them needs manage-staff. */
GStrv       kes_store_get_staff_roles    (KesStore            *store,
                                          const char          *id_or_username,
                                          GError             **error);
gboolean    kes_store_set_staff_roles    (KesStore            *store,
                                          const char          *staff_id,
                                          const char * const  *roles,
                                          GError             **error);
/* A disabled account can't sign in and is refused everything. */
gboolean    kes_store_disable_staff      (KesStore            *store,
                                          const char          *staff_id,
                                          GError             **error);
/* Lets a disabled account sign in again; needs manage-staff. */
gboolean    kes_store_enable_staff       (KesStore            *store,
                                          const char          *staff_id,
                                          GError             **error);
gboolean    kes_store_staff_is_disabled  (KesStore            *store,
                                          const char          *id_or_username);

/* Whether the store's actor may do @permission, for the patient @patient_id
 * when given. Clinical content of a patient under another team needs
 * break-glass first. The transitional rule of kes-permissions.h applies: no
 * actor, or an actor without roles, is not restricted. */
gboolean    kes_store_check_permission   (KesStore            *store,
                                          KesPermission        permission,
                                          const char          *patient_id,
                                          GError             **error);

/* Emergency access: lets the actor read and write clinical content of a
 * patient outside their own team for the rest of this store's life. Needs
 * break-glass and a reason, which is logged (the reason says why access was
 * needed; it must not hold clinical detail). */
gboolean    kes_store_break_glass        (KesStore            *store,
                                          const char          *patient_id,
                                          const char          *reason,
                                          GError             **error);
/* A signed-in session: who is acting and the patients they opened by
 * break-glass, as a snapshot taken on the store's own thread. A worker that
 * opens its own store on the same file resumes it there, so an export or a
 * report of a patient opened by break-glass works as it does in the
 * window. Resuming on a store of another database file is refused. Grants
 * are kept when the same person signs in again (unlocking after
 * inactivity) and dropped when someone else signs in. */
typedef struct _KesSession KesSession;

KesSession *kes_store_get_session        (KesStore            *store);
gboolean    kes_store_resume_session     (KesStore            *store,
                                          KesSession          *session,
                                          GError             **error);
void        kes_session_free             (KesSession          *session);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KesSession, kes_session_free)

/* Break-glass entries (KesAuditEntry, the reason as summary), oldest first,
 * for managers to review. Needs view-audit. */
GListModel *kes_store_list_break_glass   (KesStore            *store,
                                          const char          *from,
                                          const char          *to,
                                          GError             **error);

G_END_DECLS
