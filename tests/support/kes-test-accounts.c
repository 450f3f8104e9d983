/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-test-accounts"

#include "config.h"

#include "kes-demo.h"
#include "kes-permissions.h"
#include "kes-test-accounts.h"

#define ONE_TIME_PASSWORD KES_TEST_ONE_TIME_PASSWORD

static KesStaff *
keep_actor (KesStore *store)
{
  KesStaff *actor = kes_store_get_actor (store);
  return actor != NULL ? g_object_ref (actor) : NULL;
}

static void
restore_actor (KesStore *store,
               KesStaff *previous)
{
  kes_store_set_actor (store, previous);
  g_clear_object (&previous);
}

/* Kept on the store, so that the password is hashed once per database. */
#define ADMIN_KEY "kes-test-admin"

KesStaff *
kes_test_admin (KesStore *store)
{
  g_autoptr(GError) error = NULL;
  KesStaff *admin = g_object_get_data (G_OBJECT (store), ADMIN_KEY);

  if (admin != NULL)
    return g_object_ref (admin);
  if (kes_store_needs_first_administrator (store))
    {
      const char *roles[] = { KES_ROLE_ADMINISTRATOR, NULL };

      admin = kes_store_create_account (store, KES_TEST_ADMIN_USERNAME, "Test Administrator", NULL, NULL,
                                        NULL, roles, KES_TEST_PASSWORD, &error);
    }
  else
    {
      KesStaff *previous = keep_actor (store);

      /* A demo database has the demo's administrator instead. */
      admin = kes_store_sign_in (store, KES_TEST_ADMIN_USERNAME, KES_TEST_PASSWORD, NULL);
      if (admin == NULL)
        admin = kes_test_demo_sign_in (store, KES_ROLE_ADMINISTRATOR);
      restore_actor (store, previous);
    }
  g_assert_no_error (error);
  g_object_set_data_full (G_OBJECT (store), ADMIN_KEY, g_object_ref (admin), g_object_unref);
  return admin;
}

void
kes_test_use_admin (KesStore *store,
                    KesStaff *admin)
{
  g_object_set_data_full (G_OBJECT (store), ADMIN_KEY, g_object_ref (admin), g_object_unref);
}

KesStaff *
kes_test_account (KesStore   *store,
                  const char *username,
                  const char *display_name,
                  const char *team,
                  const char *roles)
{
  return kes_test_account_titled (store, username, display_name, NULL, team, NULL, roles);
}

KesStaff *
kes_test_account_titled (KesStore   *store,
                         const char *username,
                         const char *display_name,
                         const char *role_title,
                         const char *team,
                         const char *contact,
                         const char *roles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) admin = kes_test_admin (store);
  g_autoptr(KesStaff) made = NULL;
  g_auto(GStrv) role_list = kes_roles_parse (roles);
  const char *placeholder[] = { KES_ROLE_CLINICIAN, NULL };
  KesStaff *previous = keep_actor (store);
  KesStaff *staff;

  kes_store_set_actor (store, admin);
  made = kes_store_create_account (store, username, display_name, role_title, team, contact,
                                   role_list[0] != NULL ? (const char * const *) role_list : placeholder,
                                   ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  if (role_list[0] == NULL)
    kes_test_set_roles (store, made, NULL);

  staff = kes_store_sign_in (store, username, ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_change_own_password (store, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  restore_actor (store, previous);
  return staff;
}

void
kes_test_activate (KesStore   *store,
                   const char *username,
                   const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) staff = NULL;
  KesStaff *previous = keep_actor (store);

  staff = kes_store_sign_in (store, username, ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_change_own_password (store, NULL, password, &error));
  g_assert_no_error (error);
  restore_actor (store, previous);
}

void
kes_test_set_roles (KesStore   *store,
                    KesStaff   *staff,
                    const char *roles)
{
  g_auto(GStrv) role_list = kes_roles_parse (roles);

  kes_test_set_role_list (store, staff, (const char * const *) role_list);
}

void
kes_test_set_role_list (KesStore            *store,
                        KesStaff            *staff,
                        const char * const  *role_list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) admin = kes_test_admin (store);
  g_autoptr(KesAccount) account = NULL;
  KesStaff *previous = keep_actor (store);

  kes_store_set_actor (store, admin);
  account = kes_store_load_account (store, kes_staff_get_id (staff), &error);
  g_assert_no_error (error);
  g_assert_true (kes_store_set_staff_roles (store, kes_staff_get_id (staff), kes_account_get_revision (account),
                                            role_list, &error));
  g_assert_no_error (error);
  restore_actor (store, previous);
}

KesStaff *
kes_test_demo_sign_in (KesStore   *store,
                       const char *role)
{
  g_autoptr(GError) error = NULL;
  guint n;
  const KesDemoAccount *accounts = kes_demo_accounts (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (accounts[i].role, role))
      {
        KesStaff *staff = kes_store_sign_in (store, accounts[i].username, accounts[i].password, &error);

        g_assert_no_error (error);
        return staff;
      }
  g_assert_not_reached ();
}

void
kes_test_sign_in (KesStore *store,
                  KesStaff *staff)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) signed_in = NULL;

  signed_in = kes_store_sign_in (store, kes_staff_get_username (staff), KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
}
