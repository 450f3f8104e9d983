/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-ui-test"

#include "config.h"

#include "kes-clock.h"
#include "kes-community-fixture.h"
#include "kes-store-community.h"

void
kes_community_fixture_set_up (KesCommunityFixture *fixture,
                              gconstpointer        data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->db = kes_test_db_new (TRUE);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Okafor", "Sam", "943 476 5919",
                                              kes_staff_get_team_id (fixture->db->actor));
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

void
kes_community_fixture_tear_down (KesCommunityFixture *fixture,
                                 gconstpointer        data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  kes_test_db_free (fixture->db);
  g_free (fixture->patient_id);
  kes_clock_set_fixed (NULL);
}

KesCareRecord *
kes_community_save_record (KesCommunityFixture *fixture,
                           const char          *kind,
                           ...)
{
  va_list args;
  KesCareRecord *record;

  va_start (args, kind);
  record = kes_community_save_record_valist (fixture, kind, args);
  va_end (args);
  return record;
}

KesCareRecord *
kes_community_save_record_valist (KesCommunityFixture *fixture,
                                  const char          *kind,
                                  va_list              args)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *record = kes_care_record_new (kind);
  const char *key;

  kes_care_record_set_patient_id (record, fixture->patient_id);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  g_assert_true (kes_store_save_care_record (fixture->db->store, record, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  return record;
}

KesCareForm *
kes_community_find_form (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      if (KES_IS_CARE_FORM (window))
        return KES_CARE_FORM (window);
    }
  return NULL;
}

gboolean
kes_community_today_loaded (gpointer data)
{
  return !kes_today_page_get_loading (data);
}

KesTodayPage *
kes_community_show_today (KesCommunityFixture *fixture)
{
  KesTodayPage *today;

  /* Today is built when first shown. */
  kes_window_show_area (fixture->window, "today");
  today = KES_TODAY_PAGE (kes_test_find_descendant (GTK_WIDGET (fixture->window), KES_TYPE_TODAY_PAGE));
  g_assert_nonnull (today);
  g_assert_true (kes_test_wait_until (kes_community_today_loaded, today, 10000));
  return today;
}

KesDueItem *
kes_community_today_item (KesTodayPage *today,
                          const char   *kind)
{
  GListModel *items = kes_today_page_get_items (today);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KesDueItem) item = g_list_model_get_item (items, i);
      if (g_str_equal (kes_due_item_get_kind (item), kind))
        return g_steal_pointer (&item);
    }
  return NULL;
}
