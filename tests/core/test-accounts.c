/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Creating accounts in one step, the password rules, enabling accounts. */

#define ADMIN_PASSWORD "amber lantern orchard"

typedef struct
{
  char     *dir;
  char     *path;
  KesStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->dir = g_dir_make_tmp ("kestrel-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "kestrel.db", NULL);
  fixture->store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  kes_clock_set_fixed (NULL);
}

static guint
count_action (KesStore   *store,
              const char *action)
{
  g_autoptr(GListModel) entries = kes_store_list_audit (store, NULL, NULL, NULL, NULL);
  guint count = 0;

  g_assert_nonnull (entries);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), action))
        count++;
    }
  return count;
}

static KesStaff *
create_admin (Fixture *fixture)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, KES_ROLE_CLINICIAN, NULL };
  g_autoptr(GError) error = NULL;
  KesStaff *admin;

  admin = kes_store_create_account (fixture->store, "ada.admin", "Ada Admin", "Ward manager",
                                    "North", NULL, roles, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  kes_test_use_admin (fixture->store, admin);
  return admin;
}

static void
assert_refused (const char *password,
                const char *username,
                const char *name,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_password_check (password, username, name, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” should mention “%s”", error->message, fragment);
}

static void
test_password_check (void)
{
  g_autoptr(GError) error = NULL;

  assert_refused ("short", NULL, NULL, "at least 10 characters");
  assert_refused ("ababababababab", NULL, NULL, "too few characters");
  assert_refused ("Alex.Smith-2026!", "alex.smith", NULL, "user name");
  assert_refused ("rivers-Okafor-92", "jo.o", "Jo Okafor", "your name");
  assert_refused ("MyPassword2026", NULL, NULL, "“password”");
  assert_refused ("kestrel at dawn", NULL, NULL, "“kestrel”");

  g_assert_true (kes_password_check ("amber lantern orchard", "ada.admin", "Ada Admin", &error));
  g_assert_no_error (error);
  /* Short name parts ("Jo") are not treated as the name. */
  g_assert_true (kes_password_check ("jolly rivers 92", "jo.o", "Jo O", &error));
  g_assert_no_error (error);
}

static void
test_first_account (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  const char *none[] = { NULL };
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* Not an administrator, no roles, or a weak password: nothing is written. */
  g_assert_true (kes_store_needs_first_administrator (fixture->store));
  g_assert_null (kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, NULL, NULL,
                                           clinician, ADMIN_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The first account must be an administrator");
  g_clear_error (&error);
  g_assert_null (kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, NULL, NULL,
                                           none, ADMIN_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, NULL, NULL,
                                           (const char *[]) { KES_ROLE_ADMINISTRATOR, NULL },
                                           "cai-password-1", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 0);

  admin = create_admin (fixture);
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 1);
  g_assert_false (kes_store_needs_first_administrator (fixture->store));
  g_assert_null (kes_store_get_actor (fixture->store));

  /* The first administrator chose their own password: no change is forced. */
  signed_in = kes_store_sign_in (fixture->store, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_false (kes_store_must_change_password (fixture->store));
  g_assert_cmpstr (kes_staff_get_team_id (signed_in), !=, NULL);
  account = kes_store_load_account (fixture->store, "ada.admin", &error);
  g_assert_no_error (error);
  g_assert_true (kes_account_has_role (account, KES_ROLE_ADMINISTRATOR));
  g_assert_true (kes_account_has_role (account, KES_ROLE_CLINICIAN));
  g_assert_cmpint (kes_account_get_state (account), ==, KES_ACCOUNT_ACTIVE);
  g_assert_cmpstr (kes_account_get_last_sign_in_at (account), ==, "2026-11-21T09:00:00Z");
  g_assert_cmpuint (count_action (fixture->store, KES_AUDIT_ACCOUNT), ==, 1);

  /* Once there is an administrator, no one makes another without signing in. */
  kes_store_set_actor (fixture->store, NULL);
  g_assert_null (kes_store_create_account (fixture->store, "eve", "Eve Intruder", NULL, NULL, NULL,
                                           (const char *[]) { KES_ROLE_ADMINISTRATOR, NULL },
                                           "lantern quarry 61", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 1);
}

/* An account an administrator adds holds a one-time password: its owner can
 * sign in with it, and do nothing but choose their own. */
static void
test_one_time_password (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  const char *carers[] = { KES_ROLE_CARERS_LIAISON, NULL };
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) carla = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, admin);
  cai = kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, "North", NULL,
                                  clinician, "violet harbour 27", &error);
  g_assert_no_error (error);
  account = kes_store_load_account (fixture->store, "cai", &error);
  g_assert_cmpint (kes_account_get_state (account), ==, KES_ACCOUNT_MUST_CHANGE);

  signed_in = kes_store_sign_in (fixture->store, "cai", "violet harbour 27", &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_must_change_password (fixture->store));
  g_assert_false (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_IDENTITY, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "one-time password"));
  g_clear_error (&error);
  g_assert_null (kes_store_load_caseload_rows (fixture->store, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Not the same one again, and the rules apply. */
  g_assert_false (kes_store_change_own_password (fixture->store, "violet harbour 27", "violet harbour 27", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_store_change_own_password (fixture->store, NULL, "cai-clinician-2026", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kes_store_change_own_password (fixture->store, NULL, "copper kettle dawn", &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_must_change_password (fixture->store));
  g_assert_true (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_CLINICAL, NULL, &error));

  /* From now on a change needs the current password, checked like a sign-in. */
  g_assert_false (kes_store_change_own_password (fixture->store, NULL, "silver kettle dusk", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (kes_store_change_own_password (fixture->store, "wrong guess here", "silver kettle dusk", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Current password"));
  g_clear_error (&error);
  g_assert_true (kes_store_change_own_password (fixture->store, "copper kettle dawn", "silver kettle dusk", &error));
  g_assert_no_error (error);

  /* A clinician may not create accounts; nothing is left behind. */
  g_assert_null (kes_store_create_account (fixture->store, "carla", "Carla Carer", NULL, "North", NULL,
                                           carers, "quiet meadow 41", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 2);

  /* A taken user name: refused, nothing half-written. */
  kes_store_set_actor (fixture->store, admin);
  g_assert_null (kes_store_create_account (fixture->store, "cai", "Another Cai", NULL, NULL, NULL,
                                           carers, "quiet meadow 41", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (kes_store_count_staff (fixture->store), ==, 2);

  carla = kes_store_create_account (fixture->store, "carla", "Carla Carer", NULL, "North", NULL,
                                    carers, "quiet meadow 41", &error);
  g_assert_no_error (error);
}

/* An administrator's reset is one-time too, and an open session of that
 * account can't change it without the current password. */
static void
test_reset_password (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  cai = kes_test_account (fixture->store, "cai", "Cai Clinician", "North", KES_ROLE_CLINICIAN);
  kes_store_set_actor (fixture->store, cai);
  g_assert_false (kes_store_reset_password (fixture->store, kes_staff_get_id (admin), 1, "granite fox 55", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Cai is signed in; meanwhile an administrator resets the password. */
  kes_store_set_actor (fixture->store, admin);
  account = kes_store_load_account (fixture->store, "cai", &error);
  g_assert_true (kes_store_reset_password (fixture->store, kes_staff_get_id (cai),
                                           kes_account_get_revision (account), "granite fox 55", &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_reset_password (fixture->store, kes_staff_get_id (admin), 1, "granite fox 55", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);

  /* The session left open can't choose the next password without one. */
  kes_store_set_actor (fixture->store, cai);
  g_assert_false (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_CLINICAL, NULL, NULL));
  g_assert_false (kes_store_change_own_password (fixture->store, NULL, "stolen window 12", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  signed_in = kes_store_sign_in (fixture->store, "cai", "granite fox 55", &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_must_change_password (fixture->store));
  g_assert_true (kes_store_change_own_password (fixture->store, NULL, "copper kettle dawn", &error));
  g_assert_no_error (error);
}

static void
test_enable (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  cai = kes_test_account (fixture->store, "cai", "Cai Clinician", "North", KES_ROLE_CLINICIAN);
  kes_store_set_actor (fixture->store, admin);
  account = kes_store_load_account (fixture->store, "cai", &error);
  g_assert_true (kes_store_disable_staff (fixture->store, kes_staff_get_id (cai),
                                          kes_account_get_revision (account), &error));
  g_assert_no_error (error);
  g_clear_object (&account);
  account = kes_store_load_account (fixture->store, "cai", &error);
  g_assert_true (kes_account_get_disabled (account));
  g_assert_null (kes_store_sign_in (fixture->store, "cai", KES_TEST_PASSWORD, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "disabled"));
  g_clear_error (&error);

  /* A disabled account's open session may do nothing. */
  kes_store_set_actor (fixture->store, cai);
  g_assert_false (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_IDENTITY, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (kes_store_enable_staff (fixture->store, kes_staff_get_id (cai), kes_account_get_revision (account),
                                          &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  kes_store_set_actor (fixture->store, admin);
  g_assert_true (kes_store_enable_staff (fixture->store, kes_staff_get_id (cai), kes_account_get_revision (account),
                                         &error));
  g_assert_no_error (error);
  signed_in = kes_store_sign_in (fixture->store, "cai", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  /* No one disables their own account, nor the last administrator. */
  kes_store_set_actor (fixture->store, admin);
  g_clear_object (&account);
  account = kes_store_load_account (fixture->store, "ada.admin", &error);
  g_assert_false (kes_store_disable_staff (fixture->store, kes_staff_get_id (admin),
                                           kes_account_get_revision (account), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kes_store_set_staff_roles (fixture->store, kes_staff_get_id (admin),
                                             kes_account_get_revision (account),
                                             (const char *[]) { KES_ROLE_CLINICIAN, NULL }, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only administrator"));
}

/* Two administrators change the same account from what they each read: the
 * second is refused, told who changed it and when, and nothing of theirs is
 * written. */
static void
test_stale_account_change (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesStaff) ada = create_admin (fixture);
  g_autoptr(KesStaff) bea = NULL;
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesAccount) seen_by_ada = NULL;
  g_autoptr(KesAccount) seen_by_bea = NULL;
  g_autoptr(KesAccount) now = NULL;
  g_autoptr(KesStore) other = NULL;
  g_autoptr(GDateTime) later = kes_time_from_iso ("2026-11-21T09:05:00Z");
  g_autoptr(GError) error = NULL;

  bea = kes_test_account (fixture->store, "bea", "Bea Admin", NULL, KES_ROLE_ADMINISTRATOR);
  cai = kes_test_account (fixture->store, "cai", "Cai Clinician", "North", KES_ROLE_CLINICIAN);

  /* Bea works on her own connection, as a second window or kestrel-cli would. */
  other = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  kes_store_set_actor (other, bea);
  kes_store_set_actor (fixture->store, ada);
  seen_by_ada = kes_store_load_account (fixture->store, "cai", &error);
  seen_by_bea = kes_store_load_account (other, "cai", &error);
  g_assert_cmpint (kes_account_get_revision (seen_by_ada), ==, kes_account_get_revision (seen_by_bea));

  kes_clock_set_fixed (later);
  g_assert_true (kes_store_set_staff_roles (fixture->store, kes_staff_get_id (cai),
                                            kes_account_get_revision (seen_by_ada),
                                            (const char *[]) { KES_ROLE_CLINICIAN, KES_ROLE_TEAM_MANAGER, NULL },
                                            &error));
  g_assert_no_error (error);

  g_assert_false (kes_store_disable_staff (other, kes_staff_get_id (cai), kes_account_get_revision (seen_by_bea),
                                           &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Ada Admin changed this account on 21 Nov 2026 09:05, after you opened it. "
                                       "Nothing was saved: look at the account again and make your change there.");
  g_clear_error (&error);
  g_assert_false (kes_store_update_staff_details (other, kes_staff_get_id (cai), kes_account_get_revision (seen_by_bea),
                                                  "Cai Renamed", "", NULL, "", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (kes_store_reset_password (other, kes_staff_get_id (cai), kes_account_get_revision (seen_by_bea),
                                            "granite fox 55", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  now = kes_store_load_account (other, "cai", &error);
  g_assert_false (kes_account_get_disabled (now));
  g_assert_cmpstr (kes_account_get_display_name (now), ==, "Cai Clinician");
  g_assert_cmpint (kes_account_get_state (now), ==, KES_ACCOUNT_ACTIVE);
  g_assert_true (kes_account_has_role (now, KES_ROLE_TEAM_MANAGER));
  g_assert_cmpstr (kes_account_get_changed_by_name (now), ==, "Ada Admin");

  /* From the fresh revision, Bea's change goes through. */
  g_assert_true (kes_store_update_staff_details (other, kes_staff_get_id (cai), kes_account_get_revision (now),
                                                 "Cai Clinician-Jones", "CPN", "North", "01603 000 222", &error));
  g_assert_no_error (error);
}

/* Locks back off, an administrator can lift one, and the account's history
 * shows what was done to it and its sign-ins. */
static void
test_lock_and_history (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_unlock = FALSE, saw_failure = FALSE, saw_created = FALSE;

  g_assert_cmpint (kes_sign_in_lock_seconds (4), ==, 0);
  g_assert_cmpint (kes_sign_in_lock_seconds (5), ==, 30);
  g_assert_cmpint (kes_sign_in_lock_seconds (6), ==, 60);
  g_assert_cmpint (kes_sign_in_lock_seconds (7), ==, 120);
  g_assert_cmpint (kes_sign_in_lock_seconds (10), ==, 900);
  g_assert_cmpint (kes_sign_in_lock_seconds (40), ==, KES_SIGN_IN_MAX_LOCK_SECONDS);

  cai = kes_test_account (fixture->store, "cai", "Cai Clinician", "North", KES_ROLE_CLINICIAN);
  for (int i = 0; i < KES_SIGN_IN_MAX_FAILURES; i++)
    g_assert_null (kes_store_sign_in (fixture->store, "cai", "not my password", NULL));
  kes_store_set_actor (fixture->store, admin);
  account = kes_store_load_account (fixture->store, "cai", &error);
  g_assert_cmpint (kes_account_get_state (account), ==, KES_ACCOUNT_LOCKED);
  g_assert_cmpstr (kes_account_get_locked_until (account), ==, "2026-11-21T09:00:30Z");
  g_assert_null (kes_store_sign_in (fixture->store, "cai", KES_TEST_PASSWORD, NULL));
  /* A try while locked, later on, neither counts nor lengthens the lock. */
  {
    g_autoptr(GDateTime) start = kes_time_from_iso ("2026-11-21T09:00:00Z");
    g_autoptr(GDateTime) during = kes_time_from_iso ("2026-11-21T09:00:20Z");
    g_autoptr(KesAccount) still = NULL;

    kes_clock_set_fixed (during);
    g_assert_null (kes_store_sign_in (fixture->store, "cai", "not my password", NULL));
    kes_store_set_actor (fixture->store, admin);
    still = kes_store_load_account (fixture->store, "cai", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kes_account_get_locked_until (still), ==, "2026-11-21T09:00:30Z");
    kes_clock_set_fixed (start);
  }

  kes_store_set_actor (fixture->store, admin);
  g_assert_true (kes_store_unlock_account (fixture->store, kes_staff_get_id (cai),
                                           kes_account_get_revision (account), &error));
  g_assert_no_error (error);
  signed_in = kes_store_sign_in (fixture->store, "cai", KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  kes_store_set_actor (fixture->store, admin);
  history = kes_store_list_account_history (fixture->store, kes_staff_get_id (cai), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (history, i);
      const char *summary = kes_audit_entry_get_summary (entry);

      saw_unlock |= g_str_has_prefix (summary, "unlocked cai");
      saw_created |= g_str_has_prefix (summary, "account created for cai");
      saw_failure |= g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_SIGN_IN_FAILED);
      g_assert_null (strstr (summary, "not my password"));
    }
  g_assert_true (saw_unlock && saw_created && saw_failure);

  /* Only those who manage staff read it. */
  kes_store_set_actor (fixture->store, cai);
  g_assert_null (kes_store_list_account_history (fixture->store, kes_staff_get_id (cai), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

/* An account with no roles signs in and changes its password, nothing else. */
static void
test_no_roles (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) nora = NULL;
  g_auto(GStrv) roles = NULL;
  g_autoptr(GError) error = NULL;

  nora = kes_test_account (fixture->store, "nora", "Nora Nobody", "North", NULL);
  kes_test_sign_in (fixture->store, nora);
  roles = kes_store_get_actor_roles (fixture->store);
  g_assert_cmpuint (g_strv_length (roles), ==, 0);
  for (KesPermission p = 0; p < KES_N_PERMISSIONS; p++)
    {
      g_assert_false (kes_store_check_permission (fixture->store, p, NULL, &error));
      g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
      g_assert_nonnull (strstr (error->message, "no role yet"));
      g_clear_error (&error);
    }
  g_assert_null (kes_store_list_teams (fixture->store, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (kes_store_change_own_password (fixture->store, KES_TEST_PASSWORD, "copper kettle dawn", &error));
  g_assert_no_error (error);

  /* No one signed in at all: nothing either. */
  kes_store_sign_out (fixture->store);
  g_assert_false (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_IDENTITY, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
}

/* A database as today's format wrote it, with accounts added by naming them
 * (root), one with a password but no roles (legacy), an administrator, a
 * carers' liaison worker and a disabled one without a password. */
static KesStore *
open_legacy_fixture (Fixture *fixture)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "schema-10-accounts.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  KesStore *store;

  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = kes_store_open (fixture->path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_migrates_legacy_accounts (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KesStore) store = open_legacy_fixture (fixture);
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesStaff) legacy = NULL;
  g_autoptr(KesStaff) root = NULL;
  g_autoptr(KesAccount) account = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *guesses[] = { "", "root", "password", "kestrel-decoy-password", NULL };

  g_assert_cmpint (kes_store_get_user_version (store), ==, kes_store_schema_version ());

  /* No account without a password signs in, whatever is typed. */
  for (guint i = 0; guesses[i] != NULL; i++)
    {
      g_assert_null (kes_store_sign_in (store, "root", guesses[i], &error));
      g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_null (kes_store_sign_in (store, "olduser", guesses[i], NULL));
    }
  g_assert_null (kes_store_get_actor (store));

  /* The account with a password and no roles signs in and can do nothing
   * but change its password: the old "no roles, no limits" is gone. */
  legacy = kes_store_sign_in (store, "legacy", "river-stone-lantern-42", &error);
  g_assert_no_error (error);
  g_assert_null (kes_store_find_patient (store, "943 476 5870", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_store_list_accounts (store, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The administrator sees the password-less accounts as such and gives
   * root a one-time password, which root must change at once. */
  admin = kes_store_sign_in (store, "admin", "cedar-pebble-harbour-77", &error);
  g_assert_no_error (error);
  account = kes_store_load_account (store, "root", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kes_account_get_state (account), ==, KES_ACCOUNT_NO_PASSWORD);
  g_assert_true (kes_account_get_must_change_password (account));
  g_assert_true (kes_store_reset_password (store, kes_account_get_id (account), kes_account_get_revision (account),
                                           "basalt-meadow-otter-19", &error));
  g_assert_no_error (error);
  root = kes_store_sign_in (store, "root", "basalt-meadow-otter-19", &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_must_change_password (store));

  /* The record and the chain came through. */
  g_clear_object (&account);
  kes_store_set_actor (store, admin);
  account = kes_store_load_account (store, "admin", &error);
  g_assert_cmpstr (kes_account_get_last_sign_in_at (account), !=, NULL);
  problems = kes_store_verify (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accounts/password-check", test_password_check);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/accounts/first-account", test_first_account);
  ADD ("/accounts/one-time-password", test_one_time_password);
  ADD ("/accounts/reset-password", test_reset_password);
  ADD ("/accounts/enable", test_enable);
  ADD ("/accounts/stale-change-refused", test_stale_account_change);
  ADD ("/accounts/lock-and-history", test_lock_and_history);
  ADD ("/accounts/no-roles", test_no_roles);
  ADD ("/accounts/migrates-legacy-accounts", test_migrates_legacy_accounts);
#undef ADD

  return g_test_run ();
}
