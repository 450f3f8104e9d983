/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "kes-core-test-util.h"
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
