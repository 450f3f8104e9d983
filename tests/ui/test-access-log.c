/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "accounts/kes-access-log.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-audit.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"

/* The access log view: loaded in a worker a page at a time, filtered,
 * exported as CSV (and the export logged). */

typedef struct
{
  KesTestDb *db;
  KesStaff  *manager;
  char      *patient_id;
  GtkWidget *window;
  GtkWidget *log;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_ADMINISTRATOR, KES_ROLE_TEAM_MANAGER, NULL };
  g_autoptr(KesStaff) created = NULL;
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (FALSE);
  created = kes_store_create_account (fixture->db->store, "mia.manager", "Mia Manager", NULL,
                                      "North", NULL, roles, "amber lantern orchard", &error);
  g_assert_no_error (error);
  fixture->manager = kes_store_sign_in (fixture->db->store, "mia.manager",
                                        "amber lantern orchard", &error);
  g_assert_no_error (error);
  north = kes_store_find_team (fixture->db->store, "North");
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren",
                                              "943 476 5919", kes_team_get_id (north));

  fixture->window = gtk_window_new ();
  fixture->log = kes_access_log_new ();
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->log);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->manager);
  g_free (fixture->patient_id);
  kes_test_db_free (fixture->db);
}

static gboolean
has_entries (gpointer data)
{
  Fixture *fixture = data;

  return kes_access_log_get_n_shown (KES_ACCESS_LOG (fixture->log)) > 0;
}

static gboolean
more_hidden (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *more = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "more_button");

  return !gtk_widget_get_visible (more) && gtk_widget_get_sensitive (more);
}

static guint
count_rows (Fixture *fixture)
{
  GtkWidget *list = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "list");
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

static void
test_pages_and_more (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *more = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "more_button");
  g_autoptr(GError) error = NULL;
  guint first;

  /* More than a page of entries. */
  for (int i = 0; i < 210; i++)
    {
      g_assert_true (kes_store_audit (fixture->db->store, KES_AUDIT_SEARCH, NULL, NULL,
                                      "3 hits", &error));
      g_assert_no_error (error);
    }

  kes_access_log_set_store (KES_ACCESS_LOG (fixture->log), fixture->db->store, NULL);
  g_assert_true (kes_test_wait_until (has_entries, fixture, 10000));
  first = kes_access_log_get_n_shown (KES_ACCESS_LOG (fixture->log));
  g_assert_cmpuint (first, ==, 200);
  g_assert_cmpuint (count_rows (fixture), ==, 200);
  g_assert_true (gtk_widget_get_visible (more));

  g_signal_emit_by_name (more, "clicked");
  g_assert_true (kes_test_wait_until (more_hidden, fixture, 10000));
  g_assert_cmpuint (kes_access_log_get_n_shown (KES_ACCESS_LOG (fixture->log)), >, 210);
}

static void
test_filter_and_export (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *action = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "action_dropdown");
  GtkWidget *from = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "from_entry");
  GtkWidget *error_label = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "error_label");
  g_autofree char *dir = g_dir_make_tmp ("kestrel-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "log.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) exports = NULL;
  KesAuditFilter export_filter = { .action = KES_AUDIT_EXPORT };
  g_autoptr(GError) error = NULL;

  kes_access_log_set_store (KES_ACCESS_LOG (fixture->log), fixture->db->store, NULL);
  g_assert_true (kes_test_wait_until (has_entries, fixture, 10000));

  /* A wrong date names the field and keeps what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (from), "31/02/2026");
  kes_access_log_reload (KES_ACCESS_LOG (fixture->log));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "From"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "31/02/2026");
  gtk_editable_set_text (GTK_EDITABLE (from), "");

  /* Sign-ins only: Mia's one. */
  kes_dropdown_set_code (GTK_DROP_DOWN (action), KES_AUDIT_SIGN_IN);
  kes_access_log_reload (KES_ACCESS_LOG (fixture->log));
  g_assert_true (kes_test_wait_until (has_entries, fixture, 10000));
  g_assert_cmpuint (kes_access_log_get_n_shown (KES_ACCESS_LOG (fixture->log)), ==, 1);

  g_assert_true (kes_access_log_export (KES_ACCESS_LOG (fixture->log), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\"seq\",\"time (UTC)\",\"user\""));
  g_assert_nonnull (strstr (csv, "\"Mia Manager\",\"sign-in\""));

  exports = kes_store_query_audit (fixture->db->store, &export_filter, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exports->len, ==, 1);
  g_assert_cmpstr (kes_audit_entry_get_summary (g_ptr_array_index (exports, 0)), ==,
                   "access log as CSV, 1 entries");
  g_unlink (path);
  g_rmdir (dir);
}

/* Who has looked at this record: that patient's entries only. */
static void
test_one_patient (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *patient_entry = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "patient_entry");
  g_autoptr(KesPatient) loaded = NULL;
  g_autoptr(GError) error = NULL;

  loaded = kes_store_load_patient (fixture->db->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  kes_access_log_set_store (KES_ACCESS_LOG (fixture->log), fixture->db->store,
                            fixture->patient_id);
  g_assert_false (gtk_widget_get_visible (patient_entry));
  g_assert_true (kes_test_wait_until (has_entries, fixture, 10000));
  /* Created, then viewed. */
  g_assert_cmpuint (kes_access_log_get_n_shown (KES_ACCESS_LOG (fixture->log)), ==, 2);
}

/* A visit to a record is one row, "Opened the record", with the tabs
 * looked at as its detail; its closing entry is not a row of its own. */
static void
test_visit_is_one_row (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *list = kes_test_child (fixture->log, KES_TYPE_ACCESS_LOG, "list");
  g_autoptr(GError) error = NULL;
  guint opened = 0;

  g_assert_true (kes_store_begin_visit (fixture->db->store, fixture->patient_id, &error));
  kes_store_visit_tab (fixture->db->store, "overview");
  g_object_unref (kes_store_load_patient (fixture->db->store, fixture->patient_id, &error));
  g_object_unref (kes_store_list_notes (fixture->db->store, fixture->patient_id, FALSE, &error));
  kes_store_visit_tab (fixture->db->store, "risk");
  g_assert_true (kes_store_end_visit (fixture->db->store, &error));
  g_assert_no_error (error);

  kes_access_log_set_store (KES_ACCESS_LOG (fixture->log), fixture->db->store, fixture->patient_id);
  g_assert_true (kes_test_wait_until (has_entries, fixture, 10000));
  for (guint i = 0; i < count_rows (fixture); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i));
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

      g_assert_null (strstr (title, "close"));
      if (strstr (title, "Opened the record") != NULL)
        {
          opened++;
          g_assert_cmpstr (subtitle, ==, "WAGTAIL, Wren — Tabs looked at: Overview, Risk");
        }
      g_assert_null (strstr (title, "Viewed"));
    }
  g_assert_cmpuint (opened, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/access-log/pages-and-load-more", test_pages_and_more);
  ADD ("/access-log/filter-and-export", test_filter_and_export);
  ADD ("/access-log/one-patient", test_one_patient);
  ADD ("/access-log/visit-is-one-row", test_visit_is_one_row);
#undef ADD

  return g_test_run ();
}
