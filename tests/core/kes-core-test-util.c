/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "kes-clock.h"
#include "kes-core-test-util.h"
#include "kes-due.h"
#include "kes-store-due.h"
#include "kes-store-patients.h"
#include "kes-test-accounts.h"
#include "kes-validate.h"

void
kes_core_test_remove_database (const char *dir,
                               const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

void
kes_core_test_remove_tree (const char *path)
{
  GStatBuf info;

  /* A link is removed, never followed. */
  if (g_lstat (path, &info) == 0 && S_ISDIR (info.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          kes_core_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

char *
kes_core_test_dump_revisions (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *dump;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) || ':' || group_concat (record_id || revision || data, '|') "
                                           "FROM (SELECT * FROM revision ORDER BY record_id, revision)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  dump = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return dump;
}

GDate *
kes_core_test_date (const char *iso)
{
  GDate *date = kes_date_from_iso (iso);

  g_assert_nonnull (date);
  return date;
}

char *
kes_core_test_date_plus (const char *iso,
                         int         days)
{
  g_autoptr(GDate) date = kes_core_test_date (iso);

  if (days >= 0)
    g_date_add_days (date, (guint) days);
  else
    g_date_subtract_days (date, (guint) -days);
  return kes_date_to_iso (date);
}

void
kes_core_test_sign_to_accept (KesStore    *store,
                              KesReferral *referral,
                              const char  *date)
{
  g_autoptr(GError) error = NULL;

  if (*kes_referral_get_text (referral, KES_REFERRAL_SIGNED_BY) != '\0')
    return;
  for (KesReferralField field = KES_REFERRAL_HISTORY; field <= KES_REFERRAL_RECOMMENDATION; field++)
    if (*kes_referral_get_text (referral, field) == '\0')
      kes_referral_set_text (referral, field, "As discussed at the referrals meeting");
  kes_referral_set_text (referral, KES_REFERRAL_ASSESSMENT_DATE, date);
  kes_referral_set_text (referral, KES_REFERRAL_DECISION, KES_REFERRAL_DECISION_ACCEPT);
  if (!kes_store_sign_referral_assessment (store, referral, KES_TEST_PASSWORD, &error))
    g_error ("signing off the assessment: %s", error->message);
}

void
kes_core_test_set_day (const char *iso_date)
{
  g_autofree char *text = g_strdup_printf ("%sT09:00:00Z", iso_date);
  g_autoptr(GDateTime) now = kes_time_from_iso (text);

  g_assert_nonnull (now);
  kes_clock_set_fixed (now);
}

void
kes_core_record_fixture_set_up (KesCoreRecordFixture *fixture,
                                const char           *iso_date,
                                const char           *family_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = kes_patient_new ();

  kes_core_test_set_day (iso_date);
  fixture->store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  fixture->alice = kes_test_account_titled (fixture->store, "alice", "Alice Adeyemi", "CPN", "North", NULL,
                                            KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->store, fixture->alice);
  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family_name);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "1");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, "M");
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, "North");
  g_assert_true (kes_store_save_patient (fixture->store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  fixture->patient_id = g_strdup (kes_patient_get_id (patient));
}

void
kes_core_record_fixture_tear_down (KesCoreRecordFixture *fixture)
{
  g_free (fixture->patient_id);
  g_clear_object (&fixture->alice);
  g_clear_object (&fixture->store);
  kes_clock_set_fixed (NULL);
}

GPtrArray *
kes_core_record_fixture_due (KesCoreRecordFixture *fixture,
                             const char           *iso_date,
                             const char           *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = kes_date_from_iso (iso_date);
  g_autoptr(GPtrArray) all = kes_store_list_due (fixture->store, today, NULL, &error);
  GPtrArray *mine = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (kes_due_item_get_kind (all->pdata[i]), kind) &&
        g_strcmp0 (kes_due_item_get_patient_id (all->pdata[i]), fixture->patient_id) == 0)
      g_ptr_array_add (mine, g_object_ref (all->pdata[i]));
  return mine;
}
