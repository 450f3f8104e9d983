/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-due.h"
#include "kes-store.h"
#include "kes-validate.h"

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

  g_assert_no_error (error);
  items = kes_store_list_due (store, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/due/urgency-boundaries", test_urgency_boundaries);
  g_test_add_func ("/due/ordering", test_ordering);
  g_test_add_func ("/due/empty-store", test_empty_store);
  return g_test_run ();
}
