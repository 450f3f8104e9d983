/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kes-referral.h"
#include "kes-store-referrals.h"
#include "kes-store.h"

G_BEGIN_DECLS

/* Deletes the database at @path with its -wal, -shm and -journal, then the
 * folder @dir. Only once its last connection has closed: deleting them
 * under an open connection is what corrupts a database. */
void kes_core_test_remove_database (const char *dir,
                                    const char *path);

/* Deletes @path, and everything under it when it is a folder (links are
 * removed, not followed); close the databases in it first. */
void   kes_core_test_remove_tree      (const char *path);
/* Every revision of the database at @path, in one string, to compare the
 * history two databases hold. */
char  *kes_core_test_dump_revisions   (const char *path);

/* @iso (YYYY-MM-DD) as a date; fails the test when it is not one. */
GDate *kes_core_test_date      (const char *iso);
/* @iso moved by @days (negative: earlier), as YYYY-MM-DD. */
char  *kes_core_test_date_plus (const char *iso,
                                int         days);

/* One patient's record on a fresh in-memory database: Alice Adeyemi (CPN,
 * North, every role) acting, and SURNAME, Sam (born 14 Mar 1980, North)
 * registered; the clock stands at 09:00 UTC on the fixture's day. Shared by
 * the tests of Today, legal status and the care plan. */
typedef struct
{
  KesStore *store;
  KesStaff *alice;
  char     *patient_id;
} KesCoreRecordFixture;

/* Stops the clock at 09:00 UTC on @iso_date (YYYY-MM-DD). */
void   kes_core_test_set_day (const char *iso_date);
void   kes_core_record_fixture_set_up    (KesCoreRecordFixture *fixture,
                                          const char           *iso_date,
                                          const char           *family_name);
void   kes_core_record_fixture_tear_down (KesCoreRecordFixture *fixture);
/* Today's items of @kind (KesDueItem) on @iso_date for the fixture's patient. */
GPtrArray *kes_core_record_fixture_due   (KesCoreRecordFixture *fixture,
                                          const char           *iso_date,
                                          const char           *kind);

/* A referral is accepted only on a signed-off assessment recommending it
 * (kes_referral_check_acceptance): fills one in, dated @date, and signs it
 * off as the store's actor, for tests about what comes after. */
void   kes_core_test_sign_to_accept (KesStore    *store,
                                     KesReferral *referral,
                                     const char  *date);

G_END_DECLS
