/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-services.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* Editing the service directory: office hours in plain words, search with
 * retired entries, who may change it. */

static KesStore *
open_store (KesStaff **actor)
{
  g_autoptr(GError) error = NULL;
  KesStore *store = kes_store_open (":memory:", &error);

  g_assert_no_error (error);
  *actor = kes_test_account_titled (store, "ada", "Ada Admin", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (store, *actor);
  return store;
}

static KesFieldRecord *
new_service (const char *name,
             const char *area,
             const char *hours)
{
  KesFieldRecord *service = kes_service_new ();

  kes_field_record_set_text (service, "kind", "team");
  kes_field_record_set_text (service, "name", name);
  kes_field_record_set_text (service, "area", area);
  kes_field_record_set_text (service, "general_phone", "01603 421 000");
  kes_field_record_set_text (service, "office_hours", hours);
  return service;
}

static void
assert_hours_refused (const char *hours,
                      const char *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kes_service_check_office_hours (hours, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_office_hours (void)
{
  const char *good[] = {
    "", "24 hours", "Open 24/7", "Monday to Friday 09:00–17:00", "Mon–Fri 9:00 to 17:00, Sat 10:00-13:00",
    "Weekdays 08.30 - 16.30", "Monday to Sunday 08:00–24:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (kes_service_check_office_hours (good[i], &error));
      g_assert_no_error (error);
    }
  assert_hours_refused ("Mon–Fri 9–5",
                        "Office hours “Mon–Fri 9–5”: give the times as hours and minutes, for example "
                        "Monday to Friday 09:00–17:00, or write 24 hours");
  assert_hours_refused ("Weekdays", "Office hours “Weekdays”: give the times as hours and minutes, for "
                        "example Monday to Friday 09:00–17:00, or write 24 hours");
  assert_hours_refused ("Monday 09:00–25:00", "Office hours “Monday 09:00–25:00”: 25:00 is not a time of day");
  assert_hours_refused ("Monday 09:75–17:00", "Office hours “Monday 09:75–17:00”: 09:75 is not a time of day");
  assert_hours_refused ("Monday 17:00–09:00", "Office hours “Monday 17:00–09:00”: 17:00 to 09:00 ends before it starts");
}

static void
test_save_refuses_bad_hours (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(KesFieldRecord) service = new_service ("North forensic team", "Norfolk", "9 till 5");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  kes_field_record_set_text (service, "urgent_phone", "call reception");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_INVALID);
  /* Every problem, each naming its field; what was typed is kept. */
  g_assert_nonnull (strstr (error->message, "Office hours “9 till 5”"));
  g_assert_nonnull (strstr (error->message, "Urgent number “call reception”: use digits"));
  g_assert_null (kes_field_record_get_id (service));
  g_assert_cmpstr (kes_field_record_get_text (service, "office_hours"), ==, "9 till 5");
  g_clear_error (&error);
  found = kes_store_search_services (store, "North forensic", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_search_and_retire (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(KesFieldRecord) north = new_service ("North forensic team", "Norfolk", "Monday to Friday 09:00–17:00");
  g_autoptr(KesFieldRecord) south = new_service ("South forensic team", "Suffolk", "");
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  kes_field_record_set_text (south, "address", "The Old Mill, Ipswich");
  g_assert_true (kes_store_save_service (store, north, &error));
  g_assert_true (kes_store_save_service (store, south, &error));
  g_assert_no_error (error);

  /* By name, by area, by address, by number; % and _ mean themselves. */
  found = kes_store_search_services (store, "forensic", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kes_store_search_services (store, "suffolk", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kes_store_search_services (store, "old mill", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (found->pdata[0], "name"), ==, "South forensic team");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kes_store_search_services (store, "%", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kes_store_search_services (store, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 7); /* two teams and the five national numbers */
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Retired: gone from use, still there for the log and the administrator. */
  g_assert_true (kes_store_withdraw_service (store, kes_field_record_get_id (north),
                                             kes_field_record_get_revision (north), &error));
  g_assert_no_error (error);
  found = kes_store_search_services (store, "forensic", FALSE, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kes_store_search_services (store, "forensic", TRUE, &error);
  g_assert_cmpuint (found->len, ==, 2);
  /* Retired entries come after those in use, marked. */
  g_assert_cmpstr (kes_field_record_get_text (found->pdata[1], "name"), ==, "North forensic team");
  g_assert_cmpint (kes_field_record_get_state (found->pdata[1]), ==, KES_RECORD_ENTERED_IN_ERROR);
  g_assert_cmpint (kes_field_record_get_state (found->pdata[0]), ==, KES_RECORD_ACTIVE);
}

static void
test_permission (void)
{
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(KesFieldRecord) service = new_service ("North forensic team", "Norfolk", "24 hours");
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_store_save_service (store, service, &error));
  cai = kes_test_account_titled (store, "cai", "Cai Clinician", "", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_true ((kes_test_set_role_list (store, cai, clinician), TRUE));
  g_assert_no_error (error);
  kes_store_set_actor (store, cai);

  kes_field_record_set_text (service, "general_phone", "01603 000 000");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (kes_store_withdraw_service (store, kes_field_record_get_id (service),
                                              kes_field_record_get_revision (service), &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Clinicians can’t"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/services-edit/office-hours", test_office_hours);
  g_test_add_func ("/services-edit/save-refuses-bad-hours", test_save_refuses_bad_hours);
  g_test_add_func ("/services-edit/search-and-retire", test_search_and_retire);
  g_test_add_func ("/services-edit/permission", test_permission);

  return g_test_run ();
}
