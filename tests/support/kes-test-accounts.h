/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kes-accounts.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Accounts for tests, made the way the product makes them: the database's
 * first administrator, then accounts the administrator adds, each signed in
 * once to replace its one-time password. Every test account's password is
 * KES_TEST_PASSWORD. */
#define KES_TEST_PASSWORD       "plover-quartz-meadow-71"
/* The one-time password kes_test_account() gives first. */
#define KES_TEST_ONE_TIME_PASSWORD "heron-basalt-willow-38"
#define KES_TEST_ADMIN_USERNAME "test.admin"
/* Every role: every permission there is (but still within a team, when
 * the account has one). */
#define KES_TEST_ALL_ROLES "clinician social-supervisor carers-liaison liaison-diversion team-manager administrator"

/* The test administrator (administrator role only, no team), made as the
 * database's first administrator if there is none yet. */
KesStaff *kes_test_admin          (KesStore   *store);

/* For an account an administrator made with KES_TEST_ONE_TIME_PASSWORD:
 * signs it in and replaces that with @password, as its owner would at the
 * first sign-in. The store's actor is left as it was. */
void      kes_test_activate       (KesStore   *store,
                                   const char *username,
                                   const char *password);

/* Makes @admin the administrator kes_test_account() works as. */
void      kes_test_use_admin      (KesStore   *store,
                                   KesStaff   *admin);

/* A new account with @roles, space-separated ("clinician team-manager";
 * NULL or "" for none), in @team (a name or id, or NULL), ready to act.
 * The store's actor is left as it was. */
KesStaff *kes_test_account        (KesStore   *store,
                                   const char *username,
                                   const char *display_name,
                                   const char *team,
                                   const char *roles);
/* The same with a job title (@role_title) and @contact details. */
KesStaff *kes_test_account_titled (KesStore   *store,
                                   const char *username,
                                   const char *display_name,
                                   const char *role_title,
                                   const char *team,
                                   const char *contact,
                                   const char *roles);

/* Replaces @staff's roles as the test administrator; the actor is left as
 * it was. */
void      kes_test_set_roles      (KesStore   *store,
                                   KesStaff   *staff,
                                   const char *roles);

/* The same from a NULL-terminated list. */
void      kes_test_set_role_list  (KesStore            *store,
                                   KesStaff            *staff,
                                   const char * const  *roles);

/* Signs in the demo account holding @role (kes_demo_accounts()), in a
 * database the demo generator filled. */
KesStaff *kes_test_demo_sign_in   (KesStore   *store,
                                   const char *role);

/* Makes @staff the store's actor by signing them in with KES_TEST_PASSWORD. */
void      kes_test_sign_in        (KesStore   *store,
                                   KesStaff   *staff);

G_END_DECLS
