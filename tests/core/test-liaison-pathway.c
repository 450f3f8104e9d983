/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-accounts.h"
#include "kes-clock.h"
#include "kes-equality.h"
#include "kes-error.h"
#include "kes-liaison.h"
#include "kes-permissions.h"
#include "kes-services.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Liaison and diversion as its own pathway (issue 21): the times of a
 * screening, demographics asked at screening, referrals onward to any
 * service in the directory, and the activity counts by gender and ethnic
 * category. */

static KesStore *
open_store (KesStaff **actor)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GError) error = NULL;
  KesStore *store;

  kes_clock_set_fixed (now);
  store = kes_store_open (":memory:", &error);
  g_assert_no_error (error);
  *actor = kes_test_account_titled (store, "lee", "Lee Liaison", "L&D practitioner", "North", NULL,
                                    KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, *actor);
  return store;
}

static KesFieldRecord *
custody_screening (const char *gender,
                   const char *ethnicity)
{
  KesFieldRecord *record = kes_screening_new ();

  kes_field_record_set_text (record, "family_name", "Wren");
  kes_field_record_set_text (record, "screened_on", "2026-11-20");
  kes_field_record_set_text (record, "setting", "police-custody");
  kes_field_record_set_text (record, "referral_source", "police");
  kes_field_record_set_text (record, "outcome", "diversion-community");
  kes_field_record_set_text (record, "gender", gender);
  kes_field_record_set_text (record, "ethnicity", ethnicity);
  return record;
}

/* A service in the directory, saved by an administrator. */
static char *
add_service (KesStore   *store,
             const char *name,
             const char *kind)
{
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(GError) error = NULL;

  kes_field_record_set_text (service, "name", name);
  kes_field_record_set_text (service, "kind", kind);
  kes_field_record_set_text (service, "general_phone", "01603 000 200");
  g_assert_true (kes_store_save_service (store, service, &error));
  g_assert_no_error (error);
  return g_strdup (kes_field_record_get_id (service));
}

static void
test_demographics_required (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) record = custody_screening ("", "");

  g_assert_false (kes_store_save_screening (store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Gender is required"));
  g_assert_nonnull (strstr (error->message, "Ethnic category is required"));
  g_clear_error (&error);

  /* "Not known" and "Not stated" are answers: nobody is held up. */
  kes_field_record_set_text (record, "gender", "X");
  kes_field_record_set_text (record, "ethnicity", "Z");
  g_assert_true (kes_store_save_screening (store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

/* Times of day at the edges: 00:00 and 23:59 are times, 24:00 and 12:60
 * are not; "9:05" is kept as "09:05". Not ordered: custody runs past
 * midnight. */
static void
test_times (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) record = custody_screening ("2", "N");
  const char *refused[] = { "24:00", "12:60", "9.05", "0905", "12:5", "noon" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *expected = g_strdup_printf ("Time seen (HH:MM): “%s” is not a time of day", refused[i]);

      kes_field_record_set_text (record, "seen_at", refused[i]);
      g_assert_false (kes_store_save_screening (store, record, KES_CHANGE_CREATE, NULL, &error));
      g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);
    }
  kes_field_record_set_text (record, "arrived_at", "23:59");
  kes_field_record_set_text (record, "seen_at", "0:00");
  kes_field_record_set_text (record, "outcome_at", "9:05");
  g_assert_true (kes_store_save_screening (store, record, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (record, "seen_at"), ==, "00:00");
  g_assert_cmpstr (kes_field_record_get_text (record, "outcome_at"), ==, "09:05");
}

static void
test_onward_referral (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = custody_screening ("1", "A");
  g_autoptr(KesFieldRecord) onward = kes_onward_referral_new ();
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *cmht = add_service (store, "Norwich community mental health team", "community-team");
  g_autofree char *retired = add_service (store, "Old drop-in", "other");

  g_assert_true (kes_store_save_screening (store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  /* Everything missing is named. */
  kes_field_record_set_text (onward, "screening_id", kes_field_record_get_id (screening));
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_nonnull (strstr (error->message, "Service referred to is required"));
  g_assert_nonnull (strstr (error->message, "Date referred is required"));
  g_assert_nonnull (strstr (error->message, "What the service is asked to do is required"));
  g_clear_error (&error);

  /* A retired entry, the day before the screening, tomorrow: refused. */
  g_assert_true (kes_store_withdraw_service (store, retired, 1, &error));
  g_assert_no_error (error);
  kes_field_record_set_text (onward, "service_id", retired);
  kes_field_record_set_text (onward, "referred_on", "2026-11-19");
  kes_field_record_set_text (onward, "reason", "Assessment and follow-up in the community");
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_nonnull (strstr (error->message, "choose a service that is in use"));
  g_assert_nonnull (strstr (error->message, "Date referred is before the screening"));
  g_clear_error (&error);
  kes_field_record_set_text (onward, "service_id", cmht);
  kes_field_record_set_text (onward, "referred_on", "2026-11-22");
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_nonnull (strstr (error->message, "Date referred is in the future"));
  g_clear_error (&error);

  /* The day of the screening and today are both allowed. */
  kes_field_record_set_text (onward, "referred_on", "2026-11-20");
  g_assert_true (kes_store_save_onward_referral (store, onward, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (onward, "service_name"), ==, "Norwich community mental health team");
  kes_field_record_set_text (onward, "referred_on", "2026-11-21");
  g_assert_true (kes_store_save_onward_referral (store, onward, &error));
  g_assert_no_error (error);

  /* Moving it to another screening by hand doesn't happen. */
  kes_field_record_set_text (onward, "screening_id", "made-up");
  g_assert_true (kes_store_save_onward_referral (store, onward, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_field_record_get_text (onward, "screening_id"), ==, kes_field_record_get_id (screening));

  listed = kes_store_list_onward_referrals (store, kes_field_record_get_id (screening), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (kes_field_record_get_revision (listed->pdata[0]), ==, 3);

  /* A stale copy is a conflict, not a lost edit. */
  kes_field_record_set_identity (onward, kes_field_record_get_id (onward), 1, KES_RECORD_ACTIVE);
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Counted once in the activity of the screening's period. */
  {
    g_autoptr(KesLiaisonActivity) activity = kes_store_liaison_activity (store, "2026-11-01", "2026-11-30", &error);
    g_autoptr(KesLiaisonActivity) december = kes_store_liaison_activity (store, "2026-12-01", "2026-12-31", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (activity->referred_onward, ==, 1);
    g_assert_cmpuint (december->referred_onward, ==, 0);
  }
}

/* Ordinary users trying what they shouldn't: a carers' liaison worker can
 * neither read nor write a screening's referrals; nobody signed in can't
 * either. */
static void
test_onward_permission (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) screening = custody_screening ("1", "A");
  g_autoptr(KesFieldRecord) onward = kes_onward_referral_new ();
  g_autofree char *cmht = add_service (store, "Norwich community mental health team", "community-team");
  g_autoptr(KesStaff) carla = kes_test_account_titled (store, "carla", "Carla", "", "North", NULL, KES_TEST_ALL_ROLES);
  const char *roles[] = { KES_ROLE_CARERS_LIAISON, NULL };

  g_assert_true (kes_store_save_screening (store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_test_set_role_list (store, carla, roles);
  kes_field_record_set_text (onward, "screening_id", kes_field_record_get_id (screening));
  kes_field_record_set_text (onward, "service_id", cmht);
  kes_field_record_set_text (onward, "referred_on", "2026-11-20");
  kes_field_record_set_text (onward, "reason", "Follow-up");

  kes_store_set_actor (store, carla);
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (kes_store_list_onward_referrals (store, kes_field_record_get_id (screening), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  kes_store_set_actor (store, NULL);
  g_assert_false (kes_store_save_onward_referral (store, onward, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
  g_clear_error (&error);

  kes_store_set_actor (store, actor);
  g_assert_true (kes_store_save_onward_referral (store, onward, &error));
  g_assert_no_error (error);
}

/* Gender and ethnic category divide the screenings, so each is a column
 * with the equality report's suppression: 8 is the smallest count shown
 * (rounded to 10), 7 is hidden, and so is the 1 beside it. */
static void
test_activity_demographics (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesLiaisonActivity) activity = NULL;
  g_auto(GStrv) genders = NULL;
  g_auto(GStrv) ethnicities = NULL;

  for (guint i = 0; i < 16; i++)
    {
      g_autoptr(KesFieldRecord) record = custody_screening (i < 8 ? "1" : i < 15 ? "2" : "X", i < 8 ? "A" : "N");

      g_assert_true (kes_store_save_screening (store, record, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }
  activity = kes_store_liaison_activity (store, "2026-11-01", "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activity->by_gender[0], ==, 8);
  g_assert_cmpuint (activity->by_gender[1], ==, 7);
  g_assert_cmpuint (activity->by_gender[3], ==, 1);
  g_assert_cmpuint (activity->by_ethnicity[0], ==, 8);
  g_assert_cmpuint (activity->by_ethnicity[12], ==, 8); /* N: Black or Black British: African */

  genders = kes_liaison_activity_shown (activity, KES_LIAISON_BY_GENDER);
  g_assert_cmpuint (g_strv_length (genders), ==, activity->n_genders + 1);
  g_assert_cmpstr (genders[0], ==, "10");
  g_assert_cmpstr (genders[1], ==, KES_DISCLOSURE_HIDDEN);
  g_assert_cmpstr (genders[3], ==, KES_DISCLOSURE_HIDDEN);
  ethnicities = kes_liaison_activity_shown (activity, KES_LIAISON_BY_ETHNICITY);
  g_assert_cmpstr (ethnicities[0], ==, "10");
  g_assert_cmpstr (ethnicities[12], ==, "10");
  g_assert_cmpstr (ethnicities[activity->n_ethnicities], ==, "15");
  g_assert_cmpstr (kes_liaison_breakdown_codes (KES_LIAISON_BY_ETHNICITY), ==, "ethnic-category");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/liaison-pathway/demographics-required", test_demographics_required);
  g_test_add_func ("/liaison-pathway/times", test_times);
  g_test_add_func ("/liaison-pathway/onward-referral", test_onward_referral);
  g_test_add_func ("/liaison-pathway/onward-permission", test_onward_permission);
  g_test_add_func ("/liaison-pathway/activity-demographics", test_activity_demographics);
  return g_test_run ();
}
