/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "caseload/kes-caseload-page.h"
#include "kes-focus.h"
#include "kes-store-notes.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-page.h"

/* The window from the keyboard (issue 24): back with Alt+Left to the row
 * a record was opened from, the areas and the record's tabs by their
 * actions (the keys are the application's accelerators, held to the
 * shortcuts window by test-shortcuts), a note saved with Ctrl+S's action,
 * and the focus never left on nothing: after a page change, a tab
 * change or a save. The real key presses are in e2e-keyboard-journey. */

typedef struct
{
  KesTestDb *db;
  char      *patient;
  KesWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = kes_test_db_new (TRUE);
  fixture->patient = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren", "943 476 5919", NULL);
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_free (fixture->patient);
  kes_test_db_free (fixture->db);
}

static const char *
shown (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (kes_window_get_content_stack (fixture->window));
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *target)
{

  if (target != NULL)
    g_variant_ref_sink (target);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), action, target));
  g_clear_pointer (&target, g_variant_unref);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static const char *
tab_shown (Fixture *fixture)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (kes_test_child (page, KES_TYPE_PATIENT_PAGE,
                                                                                "view_stack")));
}

static void
assert_focus_on_switcher (Fixture *fixture)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *switcher = kes_test_child (page, KES_TYPE_PATIENT_PAGE, "switcher");

  g_assert_true (kes_focus_is_placed (GTK_ROOT (fixture->window)));
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), switcher));
}

/* Enter on a caseload row opens the record with the focus on its first
 * tab and nothing selected in its header; Alt+Left goes back to the
 * caseload with the focus on that row again. */
static void
test_record_and_back (Fixture       *fixture,
                      gconstpointer  data)
{
  KesCaseloadPage *caseload = kes_window_get_caseload_page (fixture->window);
  GtkWidget *column_view = kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE, "column_view");
  KesPatientPage *page;
  GtkWidget *row;

  kes_window_show_area (fixture->window, "caseload");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_child_focus (column_view, GTK_DIR_TAB_FORWARD));
  row = focus_of (fixture);
  g_assert_true (gtk_widget_is_ancestor (row, column_view));

  /* What Enter on the row does. */
  g_assert_true (gtk_widget_activate_action (row, "list.activate-item", "u", 0));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpstr (shown (fixture), ==, "patient");
  assert_focus_on_switcher (fixture);
  page = kes_window_get_patient_page (fixture->window);
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (kes_test_child (page, KES_TYPE_PATIENT_PAGE,
                                                                             "name_label")), NULL, NULL));

  activate (fixture, "win.go-back", NULL);
  g_assert_cmpstr (shown (fixture), ==, "caseload");
  g_assert_true (focus_of (fixture) == row);
}

/* A record opened from Today goes back to Today. */
static void
test_back_to_where_it_was_opened (Fixture       *fixture,
                                  gconstpointer  data)
{
  activate (fixture, "win.show-area", g_variant_new_string ("today"));
  g_assert_cmpstr (shown (fixture), ==, "today");
  g_assert_true (kes_focus_is_placed (GTK_ROOT (fixture->window)));
  kes_window_open_patient (fixture->window, fixture->patient);
  g_assert_cmpstr (shown (fixture), ==, "patient");
  activate (fixture, "win.go-back", NULL);
  g_assert_cmpstr (shown (fixture), ==, "today");
  g_assert_true (kes_focus_is_placed (GTK_ROOT (fixture->window)));
}

/* Ctrl+1 … Ctrl+7 open the areas; a name that is no area changes nothing. */
static void
test_areas (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const areas[] = { "today", "caseload", "referrals", "reports", "carers", "liaison", "admin" };

  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      activate (fixture, "win.show-area", g_variant_new_string (areas[i]));
      g_assert_cmpstr (shown (fixture), ==, areas[i]);
    }
  activate (fixture, "win.show-area", g_variant_new_string ("patient"));
  g_assert_cmpstr (shown (fixture), ==, "admin");

  /* A record's keys are off away from a record, so they reach the widget
   * with the focus instead. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.next-tab", NULL) &&
                  g_strcmp0 (shown (fixture), "admin") != 0);
}

/* Ctrl+Page Down/Up step through the tabs this person sees, round the
 * ends; Alt+number goes to one; the focus follows to the tab's button. */
static void
test_record_tabs (Fixture       *fixture,
                  gconstpointer  data)
{
  kes_window_open_patient (fixture->window, fixture->patient);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpstr (tab_shown (fixture), ==, "overview");

  activate (fixture, "win.next-tab", NULL);
  g_assert_cmpstr (tab_shown (fixture), ==, "contacts");
  assert_focus_on_switcher (fixture);
  activate (fixture, "win.previous-tab", NULL);
  activate (fixture, "win.previous-tab", NULL);
  g_assert_cmpstr (tab_shown (fixture), ==, "referral");
  activate (fixture, "win.show-tab", g_variant_new_int32 (3));
  g_assert_cmpstr (tab_shown (fixture), ==, "notes");
  assert_focus_on_switcher (fixture);
  /* There is no 42nd tab: the bell, and the tab stays. */
  activate (fixture, "win.show-tab", g_variant_new_int32 (42));
  g_assert_cmpstr (tab_shown (fixture), ==, "notes");
  activate (fixture, "win.show-tab", g_variant_new_int32 (10));
  g_assert_cmpstr (tab_shown (fixture), ==, "referral");
}

/* Ctrl+Shift+N begins a note with the focus in its title; Ctrl+S saves
 * it, and the focus goes to Add Note, shown again, not nowhere. */
static void
test_note_from_the_keyboard (Fixture       *fixture,
                             gconstpointer  data)
{
  KesPatientPage *page;
  KesNotesView *notes;
  GtkWidget *title, *add;
  g_autoptr(GListModel) saved = NULL;

  kes_window_open_patient (fixture->window, fixture->patient);
  page = kes_window_get_patient_page (fixture->window);
  notes = KES_NOTES_VIEW (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "notes_view"));
  /* Nothing to save yet: Ctrl+S goes on to the record, which isn't
   * being edited either. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (notes), "notes.save", NULL) &&
                  kes_patient_page_get_editing (page));

  activate (fixture, "win.add-note", NULL);
  g_assert_cmpstr (tab_shown (fixture), ==, "notes");
  title = kes_test_child (notes, KES_TYPE_NOTES_VIEW, "title_entry");
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), title) || focus_of (fixture) == title);
  gtk_editable_set_text (GTK_EDITABLE (title), "Seen at home");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (kes_test_child (notes, KES_TYPE_NOTES_VIEW,
                                                                                     "body_view"))),
                            "Calm, engaged, plan unchanged.", -1);

  /* What Ctrl+S does in the form. */
  g_assert_true (gtk_widget_activate_action (focus_of (fixture), "notes.save", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  saved = kes_store_list_notes (fixture->db->store, fixture->patient, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 1);
  add = kes_test_child (notes, KES_TYPE_NOTES_VIEW, "add_button");
  g_assert_true (focus_of (fixture) == add);
  g_assert_true (kes_focus_is_placed (GTK_ROOT (fixture->window)));
}

/* Saving the register entry hides Save and Cancel: the focus goes to the
 * tabs, not nowhere. */
static void
test_focus_after_register_save (Fixture       *fixture,
                                gconstpointer  data)
{
  KesPatientPage *page;

  kes_window_open_patient (fixture->window, fixture->patient);
  page = kes_window_get_patient_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  gtk_widget_grab_focus (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "save_button"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.save", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_false (kes_patient_page_get_editing (page));
  assert_focus_on_switcher (fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/keyboard/record-from-a-row-and-back", test_record_and_back);
  ADD ("/keyboard/back-to-where-it-was-opened", test_back_to_where_it_was_opened);
  ADD ("/keyboard/areas", test_areas);
  ADD ("/keyboard/record-tabs", test_record_tabs);
  ADD ("/keyboard/note", test_note_from_the_keyboard);
  ADD ("/keyboard/focus-after-register-save", test_focus_after_register_save);
#undef ADD

  return g_test_run ();
}
