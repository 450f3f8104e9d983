/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store.h"

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
  g_auto(GStrv) roles = NULL;
  g_autoptr(GError) error = NULL;

  /* Not an administrator, no roles, or a weak password: nothing is written. */
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
  g_assert_true (kes_store_staff_has_password (fixture->store, "ada.admin"));
  roles = kes_store_get_staff_roles (fixture->store, "ada.admin", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (roles), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) roles, KES_ROLE_ADMINISTRATOR));
  g_assert_true (g_strv_contains ((const char * const *) roles, KES_ROLE_CLINICIAN));
  g_assert_null (kes_store_get_actor (fixture->store));

  signed_in = kes_store_sign_in (fixture->store, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_staff_get_team_id (signed_in), !=, NULL);
  g_assert_cmpuint (count_action (fixture->store, KES_AUDIT_ACCOUNT), ==, 1);
}

static void
test_later_accounts (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *carers[] = { KES_ROLE_CARERS_LIAISON, NULL };
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) carla = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, admin);
  cai = kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, "North", NULL,
                                  clinician, "violet harbour 27", &error);
  g_assert_no_error (error);

  /* A clinician may not create accounts; nothing is left behind. */
  kes_store_set_actor (fixture->store, cai);
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
  signed_in = kes_store_sign_in (fixture->store, "carla", "quiet meadow 41", &error);
  g_assert_no_error (error);
  g_assert_false (kes_store_check_permission (fixture->store, KES_PERMISSION_VIEW_CLINICAL, NULL,
                                              &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
}

static void
test_enable (Fixture       *fixture,
             gconstpointer  data)
{
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) admin = create_admin (fixture);
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_set_actor (fixture->store, admin);
  cai = kes_store_create_account (fixture->store, "cai", "Cai Clinician", NULL, "North", NULL,
                                  clinician, "violet harbour 27", &error);
  g_assert_no_error (error);

  g_assert_true (kes_store_disable_staff (fixture->store, kes_staff_get_id (cai), &error));
  g_assert_no_error (error);
  g_assert_true (kes_store_staff_is_disabled (fixture->store, "cai"));
  g_assert_null (kes_store_sign_in (fixture->store, "cai", "violet harbour 27", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Only someone who may manage staff can enable it again. */
  kes_store_set_actor (fixture->store, cai);
  g_assert_false (kes_store_enable_staff (fixture->store, kes_staff_get_id (cai), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  kes_store_set_actor (fixture->store, admin);
  g_assert_true (kes_store_enable_staff (fixture->store, kes_staff_get_id (cai), &error));
  g_assert_no_error (error);
  g_assert_false (kes_store_staff_is_disabled (fixture->store, "cai"));
  signed_in = kes_store_sign_in (fixture->store, "cai", "violet harbour 27", &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_in);

  /* The password rules apply to changes too. */
  g_assert_false (kes_store_set_password (fixture->store, kes_staff_get_id (cai),
                                          "cai-clinician-2026", &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/accounts/password-check", test_password_check);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/accounts/first-account", test_first_account);
  ADD ("/accounts/later-accounts", test_later_accounts);
  ADD ("/accounts/enable", test_enable);
#undef ADD

  return g_test_run ();
}
