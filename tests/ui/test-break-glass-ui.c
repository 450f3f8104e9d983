/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "accounts/kes-lock-screen.h"
#include "admin/kes-admin-page.h"
#include "kes-audit.h"
#include "kes-accounts.h"
#include "kes-store-jobs.h"
#include "kes-store-notes.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "preview/kes-report-preview.h"

/* Emergency access in the window: unlocking after inactivity keeps it, and
 * an export that runs in a worker on its own store carries it. */

#define PASSWORD "violet harbour 27"

typedef struct
{
  KesTestDb *db;
  KesStaff  *cai;
  char      *south_patient;
  KesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *admin_roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) admin = NULL;
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesTeam) south = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(KesStaff) sol = NULL;
  g_autoptr(KesNote) note = kes_note_new ();
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (FALSE);
  admin = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL, NULL, NULL,
                                    admin_roles, "amber lantern orchard", &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->db->store, admin);
  north = kes_store_find_team (fixture->db->store, "North");
  south = kes_store_find_team (fixture->db->store, "South");
  g_assert_nonnull (north);
  g_assert_nonnull (south);
  fixture->south_patient = kes_test_add_patient (fixture->db->store, "Dunnock", "Dee",
                                                 "401 023 2137", kes_team_get_id (south));
  fixture->cai = kes_store_create_account (fixture->db->store, "cai", "Cai Clinician", NULL,
                                           kes_team_get_id (north), NULL, clinician,
                                           KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "cai", PASSWORD);

  /* A note on the South patient, written by their own team. */
  sol = kes_store_create_account (fixture->db->store, "sol", "Sol Clinician", NULL,
                                  kes_team_get_id (south), NULL, clinician, KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "sol", PASSWORD);
  kes_store_set_actor (fixture->db->store, sol);
  kes_note_set_patient_id (note, fixture->south_patient);
  kes_note_set_title (note, "Home visit");
  kes_note_set_body (note, "Seen at home, settled");
  g_assert_true (kes_store_save_note (fixture->db->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  signed_in = kes_store_sign_in (fixture->db->store, "cai", PASSWORD, &error);
  g_assert_no_error (error);
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->cai);
  g_free (fixture->south_patient);
  kes_test_db_free (fixture->db);
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = kes_test_child (fixture->window, KES_TYPE_WINDOW, "main_stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
is_locked (gpointer data)
{
  return g_strcmp0 (visible_page (data), "locked") == 0;
}

static const char *
content_child (Fixture *fixture)
{
  GtkWidget *stack = GTK_WIDGET (kes_window_get_content_stack (KES_WINDOW (fixture->window)));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
break_glass_in_window (Fixture *fixture)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  kes_window_open_patient (fixture->window, fixture->south_patient);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = g_object_get_data (G_OBJECT (dialog), "kes-reason");
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "Crisis call out of hours");
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (content_child (fixture), ==, "patient");
}

static KesReportPreview *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      gpointer preview = g_object_get_data (G_OBJECT (window), "kes-report-preview");

      if (preview != NULL)
        return KES_REPORT_PREVIEW (preview);
    }
  return NULL;
}

static gboolean
preview_has_pages (gpointer data)
{
  KesReportPreview *preview = find_preview ();

  return preview != NULL && kes_report_preview_get_n_pages (preview) > 0;
}

static void
test_kept_after_unlock (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *lock = kes_window_get_lock_screen (KES_WINDOW (fixture->window));

  break_glass_in_window (fixture);

  kes_window_set_inactivity_lock (fixture->window, 200);
  g_assert_true (kes_test_wait_until (is_locked, fixture, 5000));
  kes_window_set_inactivity_lock (fixture->window, 0);
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "password_entry")),
                         PASSWORD);
  g_signal_emit_by_name (kes_test_child (lock, KES_TYPE_LOCK_SCREEN, "unlock_button"), "clicked");
  g_assert_cmpstr (visible_page (fixture), ==, "main");

  /* Opening the record again does not ask again: the grant outlived the lock. */
  kes_window_show_area (fixture->window, "caseload");
  kes_window_open_patient (fixture->window, fixture->south_patient);
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  g_assert_true (kes_store_check_permission (fixture->db->store, KES_PERMISSION_VIEW_CLINICAL,
                                             fixture->south_patient, NULL));
}

static void
test_carried_into_export (Fixture       *fixture,
                          gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);

  break_glass_in_window (fixture);

  /* The summary is built in a worker on its own store; it reads contacts,
   * which needs the emergency access the window was given. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.export-summary", NULL));
  g_assert_true (kes_test_wait_until (preview_has_pages, NULL, 20000));
  g_assert_null (kes_test_find_message_dialog ());
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (find_preview ()))));
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GPtrArray **hits = user_data;
  g_autoptr(GError) error = NULL;

  *hits = kes_search_notes_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* Searches the notes as the caseload does, in a worker on its own store. */
static guint
search_notes (Fixture    *fixture,
              const char *words)
{
  GPtrArray *hits = NULL;
  guint n;

  kes_search_notes_async (fixture->db->store, words, 50, NULL, search_done_cb, &hits);
  g_assert_true (kes_test_wait_until (pointer_set, &hits, 20000));
  n = hits->len;
  g_ptr_array_unref (hits);
  return n;
}

static void
test_carried_into_note_search (Fixture       *fixture,
                               gconstpointer  data)
{
  /* The worker searches as the person signed in: another team's notes are
   * left out, as they are in the window's own store. */
  g_assert_cmpuint (search_notes (fixture, "home"), ==, 0);

  /* Once the glass is broken for that patient, the worker sees their note too. */
  break_glass_in_window (fixture);
  g_assert_cmpuint (search_notes (fixture, "home"), ==, 1);
}

static GtkWidget *
row_titled_with (GtkWidget  *root,
                 const char *text)
{
  if (ADW_IS_ACTION_ROW (root) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = row_titled_with (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opening a record is one entry in the access log, however many reads fill
 * its tabs; the tabs looked at are written when it is left. The emergency
 * access list a manager reviews names the patient and the reason. */
static void
test_visit_and_review (Fixture       *fixture,
                       gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesAuditFilter filter = { .patient_id = fixture->south_patient };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(KesStaff) ada = NULL;
  g_autoptr(GError) error = NULL;
  guint opened = 0, closed = 0, viewed = 0;
  GtkWidget *admin;
  GtkWidget *row;

  break_glass_in_window (fixture);
  kes_patient_page_show_tab (page, "contacts");
  kes_patient_page_show_tab (page, "notes");
  kes_patient_page_show_tab (page, "contacts");
  kes_window_show_area (fixture->window, "caseload");
  kes_test_wait (50);

  ada = kes_store_sign_in (fixture->db->store, "ada.admin", "amber lantern orchard", &error);
  g_assert_no_error (error);
  entries = kes_store_query_audit (fixture->db->store, &filter, 0, 1000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      KesAuditEntry *entry = g_ptr_array_index (entries, i);
      const char *action = kes_audit_entry_get_action (entry);

      if (g_strcmp0 (kes_audit_entry_get_actor_id (entry), kes_staff_get_id (fixture->cai)) != 0)
        continue;
      opened += g_str_equal (action, KES_AUDIT_OPEN);
      viewed += g_str_equal (action, KES_AUDIT_VIEW);
      if (g_str_equal (action, KES_AUDIT_CLOSE))
        {
          closed++;
          g_assert_cmpstr (kes_audit_entry_get_summary (entry), ==, "tabs: overview,contacts,notes");
        }
    }
  g_assert_cmpuint (opened, ==, 1);
  g_assert_cmpuint (closed, ==, 1);
  g_assert_cmpuint (viewed, ==, 0);

  /* The manager's list of emergency accesses. */
  kes_window_show_area (fixture->window, "admin");
  admin = kes_test_find_descendant (GTK_WIDGET (fixture->window), KES_TYPE_ADMIN_PAGE);
  g_assert_nonnull (admin);
  kes_admin_page_reload (KES_ADMIN_PAGE (admin));
  row = row_titled_with (kes_test_child (admin, KES_TYPE_ADMIN_PAGE, "break_glass_group"), "DUNNOCK, Dee");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Cai Clinician"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Reason: Crisis call out of hours");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/break-glass/kept-after-unlock", test_kept_after_unlock);
  ADD ("/break-glass/carried-into-export", test_carried_into_export);
  ADD ("/break-glass/carried-into-note-search", test_carried_into_note_search);
  ADD ("/break-glass/visit-and-review", test_visit_and_review);
#undef ADD

  return g_test_run ();
}
