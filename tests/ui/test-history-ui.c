/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "admin/kes-admin-page.h"
#include "admin/kes-history-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-permissions.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"

/* Administration → History and Access Log: the full check with its
 * progress, on an untouched database, one changed with the sqlite3 shell,
 * and one whose append-only rules were dropped (put back from the group).
 * Screenshots go to $KES_HISTORY_SCREENSHOTS when it is set. */

#define ADMIN_PASSWORD "amber lantern orchard"

typedef struct
{
  KesTestDb       *db;
  KesStaff        *admin;
  KesWindow       *window;
  KesHistoryGroup *group;
  char            *patient_id;
  guint            steps;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *admin_page;

  fixture->db = kes_test_db_new (FALSE);
  fixture->admin = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL, NULL,
                                             NULL, roles, ADMIN_PASSWORD, &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->db->store, fixture->admin);
  north = kes_store_find_team (fixture->db->store, "North");
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren", "943 476 5919",
                                              kes_team_get_id (north));
  g_free (kes_test_add_patient (fixture->db->store, "Dunnock", "Dee", "401 023 2137", kes_team_get_id (north)));
  signed_in = kes_store_sign_in (fixture->db->store, "ada.admin", ADMIN_PASSWORD, &error);
  g_assert_no_error (error);

  fixture->window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 780);
  kes_window_set_store (fixture->window, fixture->db->store);
  admin_page = GTK_WIDGET (kes_window_get_admin_page (fixture->window));
  fixture->group = KES_HISTORY_GROUP (kes_test_child (admin_page, KES_TYPE_ADMIN_PAGE, "history_group"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_show_area (fixture->window, "admin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->admin);
  g_free (fixture->patient_id);
  kes_test_db_free (fixture->db);
}

static GtkWidget *
group_child (Fixture    *fixture,
             const char *name)
{
  return kes_test_child (fixture->group, KES_TYPE_HISTORY_GROUP, name);
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  const char *dir = g_getenv ("KES_HISTORY_SCREENSHOTS");
  g_autofree char *file = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;
  kes_test_wait (500);
  kes_widget_scroll_into_view (group_child (fixture, "verdict_row"));
  kes_test_wait (400);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  argv[3] = file;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static gboolean
idle_cb (gpointer data)
{
  return !kes_history_group_get_busy (data);
}

/* Runs "Check Now" and waits for the report. */
static KesVerifyReport *
check (Fixture *fixture)
{
  kes_history_group_check (fixture->group);
  g_assert_true (kes_history_group_get_busy (fixture->group));
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "progress_row")));
  g_assert_true (kes_test_wait_until (idle_cb, fixture->group, 60000));
  g_assert_false (gtk_widget_get_visible (group_child (fixture, "progress_row")));
  return kes_history_group_get_report (fixture->group);
}

static void
tamper (Fixture    *fixture,
        const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  /* Through SQLite, as the sqlite3 shell would (it shares the file's locks
   * with the store's own connection). */
  g_assert_cmpint (sqlite3_open (fixture->db->path, &db), ==, SQLITE_OK);
  /* The window's workers (Today, the caseload) may be reading or logging. */
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s", message);
  sqlite3_close (db);
}

static const char *
verdict_title (Fixture *fixture)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (group_child (fixture, "verdict_row")));
}

static void
test_intact (Fixture       *fixture,
             gconstpointer  data)
{
  KesVerifyReport *report;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "idle_row")));
  report = check (fixture);
  g_assert_false (gtk_widget_get_visible (group_child (fixture, "idle_row")));
  g_assert_nonnull (report);
  g_assert_true (kes_verify_report_is_intact (report));
  g_assert_cmpstr (verdict_title (fixture), ==, "Intact");
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "parts_row")));
  g_assert_true (kes_test_has_label (group_child (fixture, "parts_row"), "revisions; ok"));
  g_assert_false (gtk_widget_get_visible (group_child (fixture, "rules_row")));
  shoot (fixture, "history-intact");
}

static void
test_changed_outside (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE patient SET nhs_number = '9990000999' WHERE id = '%s'",
                                          fixture->patient_id);
  g_autofree char *named = g_strdup_printf ("table patient, record %s, column nhs_number", fixture->patient_id);

  tamper (fixture, sql);
  check (fixture);
  g_assert_cmpstr (verdict_title (fixture), ==, "Changed Outside Kestrel");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (group_child (fixture, "parts_row"))));
  g_assert_true (kes_test_has_label (group_child (fixture, "parts_row"), named));
  /* Never the value itself. */
  g_assert_false (kes_test_has_label (GTK_WIDGET (fixture->group), "9990000999"));
  shoot (fixture, "history-changed");
}

static void
test_rules_put_back (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GListModel) log = NULL;
  g_autoptr(GError) error = NULL;
  guint restored = 0;

  tamper (fixture, "DROP TRIGGER revision_no_update");
  check (fixture);
  g_assert_true (gtk_widget_get_visible (group_child (fixture, "rules_row")));
  shoot (fixture, "history-rules-missing");
  g_signal_emit_by_name (kes_test_find_button (GTK_WIDGET (fixture->group), "_Put the Rules Back"), "clicked");
  g_assert_false (gtk_widget_get_visible (group_child (fixture, "rules_row")));
  g_assert_cmpstr (verdict_title (fixture), ==, "The Rules Are Back");

  log = kes_store_list_audit (fixture->db->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (log, i);

      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_GUARDS_RESTORED))
        restored++;
    }
  g_assert_cmpuint (restored, ==, 1);
  check (fixture);
  g_assert_cmpstr (verdict_title (fixture), ==, "Intact");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/history-ui/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("intact", test_intact);
  ADD ("changed-outside", test_changed_outside);
  ADD ("rules-put-back", test_rules_put_back);
#undef ADD

  return g_test_run ();
}
