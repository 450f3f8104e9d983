/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-clock.h"
#include "kes-demo.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-store-due.h"
#include "kes-store-staff.h"
#include "kes-store.h"
#include "kes-validate.h"
#include "kes-test-accounts.h"

static void
test_urgency_boundaries (void)
{
  g_autoptr(GDate) today = kes_date_from_iso ("2026-03-01");
  KesDueUrgency urgency;

  g_assert_true (kes_due_urgency_for_date ("2026-02-28", today, 7, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_OVERDUE);
  g_assert_true (kes_due_urgency_for_date ("2026-03-01", today, 7, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_TODAY);
  g_assert_true (kes_due_urgency_for_date ("2026-03-08", today, 7, &urgency));
  g_assert_cmpint (urgency, ==, KES_DUE_SOON);
  g_assert_false (kes_due_urgency_for_date ("2026-03-09", today, 7, &urgency));
  g_assert_false (kes_due_urgency_for_date ("not a date", today, 7, &urgency));
  /* A zero window: only today and overdue. */
  g_assert_false (kes_due_urgency_for_date ("2026-03-02", today, 0, &urgency));
}

static void
test_ordering (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (items, kes_due_item_new ("depot", KES_DUE_SOON, "2026-03-05", "p1", "B", NULL, "Depot", NULL, NULL, NULL));
  g_ptr_array_add (items, kes_due_item_new ("depot", KES_DUE_OVERDUE, "2026-02-20", "p2", "C", NULL, "Depot", NULL, NULL, NULL));
  g_ptr_array_add (items, kes_due_item_new ("fbc", KES_DUE_TOP_PRIORITY, "2026-03-01", "p3", "A", NULL, "Red result", NULL, NULL, NULL));
  g_ptr_array_add (items, kes_due_item_new ("depot", KES_DUE_OVERDUE, "2026-02-10", "p4", "D", NULL, "Depot", NULL, NULL, NULL));
  g_ptr_array_sort (items, kes_due_item_compare);
  g_assert_cmpstr (kes_due_item_get_patient_id (items->pdata[0]), ==, "p3");
  g_assert_cmpstr (kes_due_item_get_patient_id (items->pdata[1]), ==, "p4");
  g_assert_cmpstr (kes_due_item_get_patient_id (items->pdata[2]), ==, "p2");
  g_assert_cmpstr (kes_due_item_get_patient_id (items->pdata[3]), ==, "p1");
}

static void
test_empty_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(GDate) today = kes_date_from_iso ("2026-03-01");
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(KesStaff) cai = NULL;

  g_assert_no_error (error);
  /* No one signed in: nothing, not even an empty list. */
  g_assert_null (kes_store_list_due (store, today, NULL, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_NO_ACTOR);
  g_clear_error (&error);

  cai = kes_test_account (store, "cai", "Cai Clinician", NULL, KES_ROLE_CLINICIAN);
  kes_store_set_actor (store, cai);
  items = kes_store_list_due (store, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
}

static char *
describe (KesDueItem *item)
{
  return g_strdup_printf ("%s|%d|%s|%s|%s|%s|%s", kes_due_item_get_kind (item), kes_due_item_get_urgency (item),
                          kes_due_item_get_due_date (item), kes_due_item_get_patient_id (item),
                          kes_due_item_get_title (item), kes_due_item_get_detail (item),
                          kes_due_item_get_record_id (item));
}

/* Providers narrow their queries to the team; the result must be exactly the
 * caseload-wide list filtered by team, in the same order. */
static void
test_team_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) store = kes_store_open (":memory:", &error);
  g_autoptr(KesStaff) actor = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GListModel) teams = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  KesDemoOptions options = { 80, 1, 1, 11 };
  guint counted = 0;

  g_assert_no_error (error);
  /* The demo fills the new file; then someone with every role, in no team,
   * looks at everyone's work. */
  g_assert_true (kes_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  actor = kes_test_account (store, "tester", "tester", NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (store, actor);

  everyone = kes_store_list_due (store, today, NULL, &error);
  g_assert_no_error (error);
  teams = kes_store_list_teams (store, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < g_list_model_get_n_items (teams); t++)
    {
      g_autoptr(KesTeam) team = g_list_model_get_item (teams, t);
      g_autoptr(GPtrArray) mine = kes_store_list_due (store, today, kes_team_get_id (team), &error);
      guint j = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < everyone->len; i++)
        {
          KesDueItem *item = everyone->pdata[i];
          g_autofree char *expected = NULL;
          g_autofree char *got = NULL;

          if (g_strcmp0 (kes_due_item_get_team_id (item), kes_team_get_id (team)) != 0)
            continue;
          g_assert_cmpuint (j, <, mine->len);
          expected = describe (item);
          got = describe (mine->pdata[j++]);
          g_assert_cmpstr (got, ==, expected);
          g_hash_table_add (kinds, (gpointer) kes_due_item_get_kind (item));
        }
      g_assert_cmpuint (j, ==, mine->len);
      counted += mine->len;
    }
  /* The demo gives every patient a team, and work of several kinds. */
  g_assert_cmpuint (counted, ==, everyone->len);
  g_assert_cmpuint (g_hash_table_size (kinds), >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/due/urgency-boundaries", test_urgency_boundaries);
  g_test_add_func ("/due/ordering", test_ordering);
  g_test_add_func ("/due/empty-store", test_empty_store);
  g_test_add_func ("/due/team-scope", test_team_scope);
  return g_test_run ();
}
