/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-services.h"
#include "kes-store.h"
#include "kes-test-accounts.h"

/* The service directory: national numbers from the data file, local
 * services by area, who may change it. */

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
add_service (KesStore   *store,
             const char *kind,
             const char *area,
             const char *name,
             const char *crisis)
{
  g_autoptr(GError) error = NULL;
  KesFieldRecord *service = kes_service_new ();

  kes_field_record_set_text (service, "kind", kind);
  kes_field_record_set_text (service, "area", area);
  kes_field_record_set_text (service, "name", name);
  kes_field_record_set_text (service, "general_phone", "01603 421 000");
  kes_field_record_set_text (service, "crisis_phone", crisis);
  kes_field_record_set_text (service, "office_hours", "Monday to Friday 9:00–17:00");
  g_assert_true (kes_store_save_service (store, service, &error));
  g_assert_no_error (error);
  return service;
}

static gboolean
has_name (GPtrArray  *services,
          const char *name)
{
  for (guint i = 0; i < services->len; i++)
    if (g_str_equal (kes_field_record_get_text (services->pdata[i], "name"), name))
      return TRUE;
  return FALSE;
}

static void
test_seeded (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kes_store_list_services (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  g_assert_true (has_name (all, "Samaritans"));
  g_assert_true (has_name (all, "NHS 111 (mental health option)"));
}

static void
test_by_area (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) north = add_service (store, "crisis", "Norfolk", "Norfolk crisis line", "0800 000 0001");
  g_autoptr(KesFieldRecord) south = add_service (store, "crisis", "Suffolk", "Suffolk crisis line", "0800 000 0002");
  g_autoptr(KesFieldRecord) team = add_service (store, "team", "Norfolk", "North forensic team", "");
  g_autoptr(GPtrArray) norfolk = kes_store_list_services (store, "norfolk", &error);
  g_auto(GStrv) areas = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (norfolk->len, ==, 7);
  /* Teams first, then crisis lines, then national helplines. */
  g_assert_cmpstr (kes_field_record_get_text (norfolk->pdata[0], "name"), ==, "North forensic team");
  g_assert_cmpstr (kes_field_record_get_text (norfolk->pdata[1], "name"), ==, "Norfolk crisis line");
  g_assert_false (has_name (norfolk, "Suffolk crisis line"));
  g_assert_true (has_name (norfolk, "Samaritans"));

  areas = kes_store_list_service_areas (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (areas), ==, 2);
  g_assert_cmpstr (areas[0], ==, "Norfolk");

  /* Edit in place, then withdraw. */
  kes_field_record_set_text (north, "crisis_phone", "0800 000 0009");
  g_assert_true (kes_store_save_service (store, north, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KesFieldRecord) again = kes_store_load_service (store, kes_field_record_get_id (north), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kes_field_record_get_text (again, "crisis_phone"), ==, "0800 000 0009");
    g_assert_cmpstr (kes_field_record_get_author_name (again), ==, "Ada Admin");
  }
  g_assert_true (kes_store_withdraw_service (store, kes_field_record_get_id (north),
                                             kes_field_record_get_revision (north), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) after = kes_store_list_services (store, "Norfolk", &error);
    g_assert_no_error (error);
    g_assert_false (has_name (after, "Norfolk crisis line"));
  }
}

static void
test_validation (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesFieldRecord) service = kes_service_new ();

  kes_field_record_set_text (service, "kind", "base");
  kes_field_record_set_text (service, "name", "Hellesdon base");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_cmpstr (error->message, ==, "Give at least one phone number: general, urgent or out of hours");
  g_clear_error (&error);
  g_assert_null (kes_field_record_get_id (service));

  kes_field_record_set_text (service, "urgent_phone", "call reception");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_cmpstr (error->message, ==, "Urgent number “call reception”: use digits, spaces and + ( ) - only");
  g_clear_error (&error);

  kes_field_record_set_text (service, "urgent_phone", "+44 (0)1603 421 421");
  kes_field_record_set_text (service, "kind", "castle");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_cmpstr (error->message, ==, "Kind of service: “castle” is not one of the choices");
  g_clear_error (&error);
}

static void
test_permission (void)
{
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(KesStore) store = open_store (&actor);
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStaff) clinician = kes_test_account_titled (store, "cy", "Cy Clinician", "", NULL, NULL, KES_TEST_ALL_ROLES);
  const char *roles[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_assert_true ((kes_test_set_role_list (store, clinician, roles), TRUE));
  g_assert_no_error (error);
  kes_store_set_actor (store, clinician);
  kes_field_record_set_text (service, "kind", "base");
  kes_field_record_set_text (service, "name", "Hellesdon base");
  kes_field_record_set_text (service, "general_phone", "01603 421 421");
  g_assert_false (kes_store_save_service (store, service, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Clinicians can’t change the service directory");
  g_clear_error (&error);
  /* Everyone may read it: crisis plans and letters need it. */
  list = kes_store_list_services (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/services/seeded", test_seeded);
  g_test_add_func ("/services/by-area", test_by_area);
  g_test_add_func ("/services/validation", test_validation);
  g_test_add_func ("/services/permission", test_permission);
  return g_test_run ();
}
