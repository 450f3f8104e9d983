/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-caseload"

#include "config.h"

#include <string.h>

#include "caseload/kes-caseload-page.h"
#include "kes-app-util.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"

typedef struct
{
  KesTestDb       *db;
  GtkWidget       *window;
  KesCaseloadPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = kes_test_db_new (TRUE);
  fixture->window = gtk_window_new ();
  fixture->page = KES_CASELOAD_PAGE (kes_caseload_page_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  kes_test_db_free (fixture->db);
}

static gboolean
loaded (gpointer data)
{
  return !kes_caseload_page_get_loading (data);
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)));
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return kes_test_child (fixture->page, KES_TYPE_CASELOAD_PAGE, name);
}

static const char *
visible_view (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "view_stack")));
}

typedef struct
{
  Fixture *fixture;
  guint    count;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *wait = data;

  return n_rows (wait->fixture) == wait->count;
}

/* Types like a user and waits for the entry's search delay. */
static void
search_for (Fixture    *fixture,
            const char *text,
            guint       expected)
{
  CountWait wait = { fixture, expected };

  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), text);
  g_assert_true (kes_test_wait_until (has_count, &wait, 3000));
}

static void
load (Fixture *fixture)
{
  kes_caseload_page_set_context (fixture->page, fixture->db->context);
  g_assert_true (kes_test_wait_until (loaded, fixture->page, 5000));
}

static void
test_empty_caseload (Fixture       *fixture,
                     gconstpointer  data)
{
  load (fixture);
  g_assert_cmpuint (n_rows (fixture), ==, 0);
  g_assert_cmpstr (visible_view (fixture), ==, "empty");
}

static void
test_filters_as_you_type (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const names[] = {
    "Alder", "Bittern", "Brambling", "Bunting", "Buzzard", "Chiffchaff", "Dunlin", "Fieldfare",
  };
  /* Valid NHS numbers from the 999 test range. */
  static const char * const numbers[] = {
    "9990000689", "9990000255", "9990000646", "9990000832", "9990002118", "9990000247",
    "9990001723", "9990001537",
  };
  const char *label;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (kes_test_add_patient (fixture->db->store, names[i], "Sam", numbers[i], NULL));

  load (fixture);
  g_assert_cmpuint (n_rows (fixture), ==, G_N_ELEMENTS (names));
  g_assert_cmpstr (visible_view (fixture), ==, "list");
  label = gtk_label_get_text (GTK_LABEL (child (fixture, "count_label")));
  g_assert_cmpstr (label, ==, "8 of 8 patients");

  /* A surname narrows to the one match… */
  search_for (fixture, "chiff", 1);
  label = gtk_label_get_text (GTK_LABEL (child (fixture, "count_label")));
  g_assert_cmpstr (label, ==, "1 of 8 patients");
  {
    g_autoptr(KesCaseloadRow) row = g_list_model_get_item (
      G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)), 0);
    g_assert_nonnull (strstr (kes_caseload_row_get_display_name (row), "CHIFFCHAFF"));
  }

  /* …an NHS number typed with spaces finds its patient… */
  search_for (fixture, "999 000 0646", 1);

  /* …nothing matching shows the no-match state… */
  search_for (fixture, "zzzz", 0);
  g_assert_cmpstr (visible_view (fixture), ==, "no-match");

  /* …and clearing the search shows everyone again. */
  search_for (fixture, "", G_N_ELEMENTS (names));
  g_assert_cmpstr (visible_view (fixture), ==, "list");
}

static void
test_team_filter_and_sort (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesTeam) north = kes_store_find_team (fixture->db->store, "North");
  g_autoptr(KesTeam) south = kes_store_find_team (fixture->db->store, "South");
  GtkDropDown *team_dropdown;
  g_autoptr(KesCaseloadRow) first = NULL;
  g_autoptr(KesCaseloadRow) last_first = NULL;

  g_assert_nonnull (north);
  g_assert_nonnull (south);
  g_free (kes_test_add_patient (fixture->db->store, "Alder", "Sam", "9990000689",
                                kes_team_get_id (north)));
  g_free (kes_test_add_patient (fixture->db->store, "Bittern", "Sam", "9990000255",
                                kes_team_get_id (south)));
  g_free (kes_test_add_patient (fixture->db->store, "Chiffchaff", "Sam", "9990000646",
                                kes_team_get_id (south)));

  load (fixture);
  g_assert_cmpuint (n_rows (fixture), ==, 3);

  team_dropdown = GTK_DROP_DOWN (child (fixture, "team_dropdown"));
  kes_dropdown_set_code (team_dropdown, kes_team_get_id (south));
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  kes_dropdown_set_code (team_dropdown, NULL);
  g_assert_cmpuint (n_rows (fixture), ==, 3);

  first = g_list_model_get_item (G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)), 0);
  g_assert_nonnull (strstr (kes_caseload_row_get_display_name (first), "ALDER"));

  /* The direction toggle reverses the order. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "descending_toggle")), TRUE);
  last_first = g_list_model_get_item (G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)),
                                      0);
  g_assert_nonnull (strstr (kes_caseload_row_get_display_name (last_first), "CHIFFCHAFF"));
}

/* The caseload opens on "My caseload" for someone who coordinates anyone:
 * only their patients, the filters locked; turned off, the team's. */
static void
test_my_caseload (Fixture       *fixture,
                  gconstpointer  data)
{
  KesStore *store = fixture->db->store;
  g_autofree char *mine = kes_test_add_patient (store, "Alder", "Sam", "9990000689", NULL);
  g_autoptr(KesPatient) patient = kes_store_load_patient (store, mine, NULL);
  g_autoptr(GError) error = NULL;
  GtkToggleButton *toggle;

  g_free (kes_test_add_patient (store, "Bittern", "Sam", "9990000255", NULL));
  kes_patient_set_text (patient, KES_PATIENT_COORDINATOR_ID, kes_staff_get_id (fixture->db->actor));
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  load (fixture);
  toggle = GTK_TOGGLE_BUTTON (child (fixture, "mine_toggle"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (toggle)));
  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "coordinator_dropdown")));

  gtk_toggle_button_set_active (toggle, FALSE);
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  g_assert_true (gtk_widget_get_sensitive (child (fixture, "coordinator_dropdown")));

  /* A reload (another save) keeps what the user chose. */
  kes_caseload_page_reload (fixture->page);
  g_assert_true (kes_test_wait_until (loaded, fixture->page, 5000));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  g_assert_cmpuint (n_rows (fixture), ==, 2);
}

/* Someone who coordinates nobody (a liaison and diversion practitioner, an
 * administrator) opens on the team's caseload, not an empty list. */
static void
test_my_caseload_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_free (kes_test_add_patient (fixture->db->store, "Alder", "Sam", "9990000689", NULL));
  load (fixture);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (fixture, "mine_toggle"))));
  g_assert_cmpuint (n_rows (fixture), ==, 1);
}

/* Clicking a column header sorts by it: the view's sorter changes, and the
 * page follows it (GTK 4.8 cannot say which column was clicked). */
static void
test_header_sorting (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkColumnView *view;
  GtkColumnViewColumn *nhs_column;
  GtkDropDown *sort_dropdown;
  g_autoptr(KesCaseloadRow) first = NULL;
  g_autoptr(KesCaseloadRow) first_descending = NULL;

  /* NHS number order is the reverse of name order here. */
  g_free (kes_test_add_patient (fixture->db->store, "Alder", "Sam", "9990002118", NULL));
  g_free (kes_test_add_patient (fixture->db->store, "Bittern", "Sam", "9990000689", NULL));
  g_free (kes_test_add_patient (fixture->db->store, "Chiffchaff", "Sam", "9990000255", NULL));
  load (fixture);

  view = GTK_COLUMN_VIEW (child (fixture, "column_view"));
  nhs_column = GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                      KES_TYPE_CASELOAD_PAGE,
                                                                      "nhs_column"));
  sort_dropdown = GTK_DROP_DOWN (child (fixture, "sort_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (sort_dropdown), ==, KES_CASELOAD_SORT_NAME);

  gtk_column_view_sort_by_column (view,
                                  nhs_column,
                                  GTK_SORT_ASCENDING);
  g_assert_cmpuint (gtk_drop_down_get_selected (sort_dropdown), ==, KES_CASELOAD_SORT_NHS_NUMBER);
  first = g_list_model_get_item (G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)), 0);
  g_assert_cmpstr (kes_caseload_row_get_nhs_number (first), ==, "9990000255");

  gtk_column_view_sort_by_column (view,
                                  nhs_column,
                                  GTK_SORT_DESCENDING);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child (fixture,
                                                                         "descending_toggle"))));
  first_descending = g_list_model_get_item (G_LIST_MODEL (kes_caseload_page_get_model (fixture->page)),
                                            0);
  g_assert_cmpstr (kes_caseload_row_get_nhs_number (first_descending), ==, "9990002118");
}

typedef struct
{
  GtkListBox *list;
} NotesWait;

static gboolean
has_note_hit (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL;
}

static void
test_note_search (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Dunlin", "Sam", "9990000689",
                                              NULL);
  g_autoptr(KesNote) note = kes_note_new ();
  g_autofree char *now = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBox *hits;

  now = g_strdup ("2026-11-20T10:00:00Z");
  kes_note_set_patient_id (note, id);
  kes_note_set_written_at (note, now);
  kes_note_set_title (note, "Home visit");
  kes_note_set_body (note, "Discussed the conditions of discharge and the curfew.");
  g_assert_true (kes_store_save_note (fixture->db->store, note, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  load (fixture);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child (fixture, "notes_toggle")), TRUE);
  g_assert_cmpstr (visible_view (fixture), ==, "notes-status");

  hits = GTK_LIST_BOX (child (fixture, "notes_list"));
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), "curfew");
  g_assert_true (kes_test_wait_until (has_note_hit, hits, 5000));
  g_assert_cmpstr (visible_view (fixture), ==, "notes");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (fixture, "count_label"))), ==,
                   "1 matching note");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/caseload/empty", test_empty_caseload);
  ADD ("/caseload/filters-as-you-type", test_filters_as_you_type);
  ADD ("/caseload/team-filter-and-sort", test_team_filter_and_sort);
  ADD ("/caseload/header-sorting", test_header_sorting);
  ADD ("/caseload/my-caseload", test_my_caseload);
  ADD ("/caseload/my-caseload-empty", test_my_caseload_empty);
  ADD ("/caseload/note-search", test_note_search);

#undef ADD

  return g_test_run ();
}
