/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kes-account.h"
#include "kes-permissions.h"
#include "kes-types.h"

G_BEGIN_DECLS

/* Sign-in accounts on top of the staff directory: argon2id passwords
 * (libsodium), roles (kes-permissions.h), throttling and emergency access.
 * No one acts without signing in: an account without a password can't
 * sign in (it is only a name in the directory, an author of records), and
 * no account is made by naming it. Every sign-in, failed sign-in, account
 * change and break-glass goes to the access log. */

/* The shortest password accepted. */
#define KES_PASSWORD_MIN_LENGTH 10
/* Failed sign-ins in a row before an account is locked, first for
 * KES_SIGN_IN_FIRST_LOCK_SECONDS; each further failure doubles the wait,
 * up to KES_SIGN_IN_MAX_LOCK_SECONDS. Short, so that failing on purpose
 * can't keep someone out for long; an administrator can unlock at once. */
#define KES_SIGN_IN_MAX_FAILURES       5
#define KES_SIGN_IN_FIRST_LOCK_SECONDS 30
#define KES_SIGN_IN_MAX_LOCK_SECONDS   (15 * 60)

/* How long the lock after @failures failures in a row lasts, in seconds (0
 * before KES_SIGN_IN_MAX_FAILURES). */
int         kes_sign_in_lock_seconds     (int                  failures);

/* Whether a new password is good enough: at least KES_PASSWORD_MIN_LENGTH
 * characters, not built on the user name or the person's name, not a
 * well-known password, not a few characters repeated. KES_ERROR_INVALID
 * says what is wrong in plain words. @username and @display_name may be
 * NULL. Every function below that sets a password applies it. */
gboolean    kes_password_check           (const char          *password,
                                          const char          *username,
                                          const char          *display_name,
                                          GError             **error);

/* ---- The first administrator ---- */

/* TRUE while no enabled account with a password holds the administrator
 * role: a new database, or one from before accounts. Then (and only then)
 * kes_store_create_account() makes an administrator without anyone signed
 * in: the app's first run, `kestrel-cli account create-admin`. */
gboolean    kes_store_needs_first_administrator (KesStore     *store);

/* Creates a member of staff with roles and a password in one transaction:
 * all of it is written, or nothing. @roles must name at least one role.
 * Needs manage-staff, except for the first administrator (see above), who
 * must hold the administrator role. The password of an account made by an
 * administrator is one-time: its owner must change it at the first sign-in
 * (kes_store_change_own_password); the first administrator chose their
 * own. Logged against the account. Does not sign anyone in. */
KesStaff   *kes_store_create_account     (KesStore            *store,
                                          const char          *username,
                                          const char          *display_name,
                                          const char          *role_title,
                                          const char          *team_id,
                                          const char          *contact,
                                          const char * const  *roles,
                                          const char          *password,
                                          GError             **error);

/* ---- Signing in and out ---- */

/* How many password checks (argon2) this process has made: a failed
 * sign-in makes exactly one whatever was wrong, which is what keeps an
 * unknown name, a wrong password and a locked account alike in time
 * (test-sign-in-timing). */
guint       kes_password_checks_made     (void);
/* Checks a user name and password. On success returns the member of staff,
 * makes them the store's actor, upgrades an outdated hash and logs
 * "sign-in". An unknown user name, an account without a password, a wrong
 * password and a locked account all fail with the same KES_ERROR_PERMISSION
 * message after the same work, logged as "sign-in-failed"; a wrong password
 * counts towards the lock. A disabled account is refused even with the
 * right password. An account holding a one-time password signs in but may
 * do nothing until it changes it (kes_store_must_change_password). */
KesStaff   *kes_store_sign_in            (KesStore            *store,
                                          const char          *username,
                                          const char          *password,
                                          GError             **error);
/* Whether the signed-in person still holds a one-time password. */
gboolean    kes_store_must_change_password (KesStore          *store);
/* The signed-in person's new password. @current is their current one,
 * checked like a sign-in (throttled, logged); it may be NULL only straight
 * after signing in with a one-time password, which this replaces. */
gboolean    kes_store_change_own_password (KesStore           *store,
                                           const char         *current,
                                           const char         *password,
                                           GError            **error);
/* Signing means the signer: before a signature is recorded, the signed-in
 * person types their password again. Checked like a sign-in (a wrong one
 * counts towards the lock and is logged). */
gboolean    kes_store_confirm_password   (KesStore            *store,
                                          const char          *password,
                                          GError             **error);
/* Logs "sign-out", drops emergency access and leaves no one signed in. */
void        kes_store_sign_out           (KesStore            *store);

/* ---- Accounts, for administrators (manage-staff) ---- */

/* Every account, enabled first, by name (KesAccount). */
GListModel *kes_store_list_accounts      (KesStore            *store,
                                          GError             **error);
/* One account by id or user name: one's own, or anyone's with manage-staff. */
KesAccount *kes_store_load_account       (KesStore            *store,
                                          const char          *id_or_username,
                                          GError             **error);
/* What was done to the account and its sign-ins, newest first
 * (KesAuditEntry, at most 500). Reading it is logged. */
GListModel *kes_store_list_account_history (KesStore          *store,
                                            const char        *staff_id,
                                            GError           **error);

/* Each change below starts from @revision, the account's revision when the
 * administrator read it (kes_account_get_revision). If anyone has changed
 * the account since, nothing is written and KES_ERROR_CONFLICT names who
 * did and when. Each is logged against the account. The last administrator
 * who can sign in can't be disabled or lose the role. */
gboolean    kes_store_set_staff_roles    (KesStore            *store,
                                          const char          *staff_id,
                                          gint64               revision,
                                          const char * const  *roles,
                                          GError             **error);
gboolean    kes_store_update_staff_details (KesStore          *store,
                                            const char        *staff_id,
                                            gint64             revision,
                                            const char        *display_name,
                                            const char        *role_title,
                                            const char        *team_id,
                                            const char        *contact,
                                            GError           **error);
/* Sets a one-time password (and clears any lock). Not one's own: that is
 * kes_store_change_own_password. */
gboolean    kes_store_reset_password     (KesStore            *store,
                                          const char          *staff_id,
                                          gint64               revision,
                                          const char          *password,
                                          GError             **error);
/* A disabled account can't sign in and is refused everything. */
gboolean    kes_store_disable_staff      (KesStore            *store,
                                          const char          *staff_id,
                                          gint64               revision,
                                          GError             **error);
gboolean    kes_store_enable_staff       (KesStore            *store,
                                          const char          *staff_id,
                                          gint64               revision,
                                          GError             **error);
/* Ends a lock after failed sign-ins now and clears the count. */
gboolean    kes_store_unlock_account     (KesStore            *store,
                                          const char          *staff_id,
                                          gint64               revision,
                                          GError             **error);

/* ---- Permissions ---- */

/* Whether the store's actor may do @permission, for the patient @patient_id
 * when given. A patient's register entry and clinical content under another
 * team need break-glass first. No one signed in, and an account without a
 * password, disabled, holding a one-time password or without roles, may do
 * nothing. */
gboolean    kes_store_check_permission   (KesStore            *store,
                                          KesPermission        permission,
                                          const char          *patient_id,
                                          GError             **error);
/* The signed-in person's roles, empty when they may not act. */
GStrv       kes_store_get_actor_roles    (KesStore            *store);

/* Emergency access: lets the actor read and write a patient's register
 * entry and clinical content outside their own team for the rest of this
 * store's life. Needs break-glass and a reason, which is logged (the reason
 * says why access was needed; it must not hold clinical detail). */
gboolean    kes_store_break_glass        (KesStore            *store,
                                          const char          *patient_id,
                                          const char          *reason,
                                          GError             **error);
/* Whether the actor broke the glass for @patient_id in this session. */
gboolean    kes_store_has_break_glass    (KesStore            *store,
                                          const char          *patient_id);
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
