/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-ui-test"

#include "config.h"

#include <string.h>

#include "caseload/kes-caseload-page.h"
#include "kes-app-util.h"
#include "kes-community-fixture.h"
#include "kes-store-community.h"
#include "kes-test-accounts.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-record-overview.h"

/* A save in one part of the app shows in the others through the store's
 * "changed" signal (KesContext::changed), with no reload called by the test
 * or relayed by the window: Today and the caseload follow a register edit
 * made in the record, and the caseload's note search and the record's
 * overview follow a note added from the record. Each fails when a page's
 * subscription (kes_change_watch_set_context) is taken out. */

typedef KesCommunityFixture Fixture;

static gboolean
contains_folded (const char *text,
                 const char *word)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);

  return strstr (folded, word) != NULL;
}

/* ---- Today ---- */

typedef struct
{
  KesTodayPage *today;
  const char   *patient_id;
  const char   *word;   /* in the item's patient name, case folded */
} TodayWait;

static gboolean
today_names (gpointer data)
{
  TodayWait *wait = data;
  GListModel *items = kes_today_page_get_items (wait->today);

  if (kes_today_page_get_loading (wait->today))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KesDueItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (kes_due_item_get_patient_id (item), wait->patient_id) == 0)
        return contains_folded (kes_due_item_get_patient_name (item), wait->word);
    }
  return FALSE;
}

/* ---- The caseload ---- */

typedef struct
{
  KesCaseloadPage *caseload;
  const char      *patient_id;
  const char      *word;
} CaseloadWait;

static gboolean
caseload_names (gpointer data)
{
  CaseloadWait *wait = data;
  GListModel *rows = G_LIST_MODEL (kes_caseload_page_get_model (wait->caseload));

  if (kes_caseload_page_get_loading (wait->caseload))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(KesCaseloadRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (kes_caseload_row_get_patient_id (row), wait->patient_id) == 0)
        return contains_folded (kes_caseload_row_get_display_name (row), wait->word);
    }
  return FALSE;
}

static KesCaseloadPage *
show_caseload (Fixture *fixture)
{
  kes_window_show_area (fixture->window, "caseload");
  return kes_window_get_caseload_page (fixture->window);
}

static void
click (gpointer    widget,
       GType       type,
       const char *name)
{
  GtkWidget *button = kes_test_child (widget, type, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The register edited in the record: Today's item and the caseload's row
 * carry the new name when next shown. */
static void
test_register_edit_reaches_today_and_caseload (Fixture       *fixture,
                                               gconstpointer  data)
{
  g_autoptr(KesCareRecord) plan = kes_community_save_record (fixture, KES_CARE_CARE_PLAN,
                                                             "start_date", "2025-11-01", "needs", "Medication",
                                                             "goals", "Keep my flat.", "interventions", "Visits",
                                                             "responsible", "Care coordinator",
                                                             "review_date", "2026-11-21",
                                                             "s117_status", "receiving", NULL);
  KesTodayPage *today = kes_community_show_today (fixture);
  TodayWait today_wait = { today, fixture->patient_id, "okafor" };
  CaseloadWait caseload_wait = { NULL, fixture->patient_id, "okafor" };
  KesPatientPage *page;
  GtkWidget *family;

  /* Both show the name as registered. */
  g_assert_true (kes_test_wait_until (today_names, &today_wait, 10000));
  caseload_wait.caseload = show_caseload (fixture);
  g_assert_true (kes_test_wait_until (caseload_names, &caseload_wait, 10000));

  /* The family name corrected in the record, through its form. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  page = kes_window_get_patient_page (fixture->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit", NULL));
  family = kes_test_child (kes_patient_page_get_form (page), KES_TYPE_PATIENT_FORM, "family_entry");
  gtk_editable_set_text (GTK_EDITABLE (family), "Mensah");
  click (page, KES_TYPE_PATIENT_PAGE, "save_button");
  g_assert_false (kes_patient_page_get_editing (page));

  /* Today, shown again, names the patient as saved; so does the caseload. */
  kes_window_show_area (fixture->window, "today");
  today_wait.word = "mensah";
  g_assert_true (kes_test_wait_until (today_names, &today_wait, 10000));
  show_caseload (fixture);
  caseload_wait.word = "mensah";
  g_assert_true (kes_test_wait_until (caseload_names, &caseload_wait, 10000));
}

/* ---- A note added from the record ---- */

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      n++;
  return n;
}

typedef struct
{
  KesCaseloadPage *caseload;
  guint            hits;
} HitsWait;

static gboolean
note_hits_shown (gpointer data)
{
  HitsWait *wait = data;
  GtkWidget *list = kes_test_child (wait->caseload, KES_TYPE_CASELOAD_PAGE, "notes_list");
  GtkStack *stack = GTK_STACK (kes_test_child (wait->caseload, KES_TYPE_CASELOAD_PAGE, "view_stack"));
  const char *shown = gtk_stack_get_visible_child_name (stack);

  if (wait->hits == 0)
    {
      AdwStatusPage *status = ADW_STATUS_PAGE (kes_test_child (wait->caseload, KES_TYPE_CASELOAD_PAGE,
                                                               "notes_status"));

      return g_strcmp0 (shown, "notes-status") == 0 &&
             g_strcmp0 (adw_status_page_get_title (status), "No Matching Notes") == 0;
    }
  return n_children (list) == wait->hits && g_strcmp0 (shown, "notes") == 0;
}

static void
test_note_reaches_search_and_overview (Fixture       *fixture,
                                       gconstpointer  data)
{
  KesCaseloadPage *caseload = show_caseload (fixture);
  HitsWait wait = { caseload, 0 };
  KesPatientPage *page;
  GtkWidget *notes;
  GtkWidget *overview;

  /* Searching the notes for "curfew" finds nothing yet. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE,
                                                                   "notes_toggle")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE, "search_entry")),
                         "curfew");
  kes_test_wait (300);
  g_assert_true (kes_test_wait_until (note_hits_shown, &wait, 10000));

  /* A note added on the record's Notes tab. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  page = kes_window_get_patient_page (fixture->window);
  kes_patient_page_show_tab (page, "notes");
  notes = kes_test_child (page, KES_TYPE_PATIENT_PAGE, "notes_view");
  click (notes, KES_TYPE_NOTES_VIEW, "add_button");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "title_entry")), "Home visit");
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "body_view")),
                          "Settled; curfew kept.");
  click (notes, KES_TYPE_NOTES_VIEW, "form_save_button");
  g_assert_false (gtk_widget_get_visible (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "form_box")));

  /* The tab's list and the overview (another tab) show it at once. */
  g_assert_true (kes_test_has_label (notes, "Home visit"));
  overview = kes_test_child (page, KES_TYPE_PATIENT_PAGE, "record_overview");
  g_assert_true (kes_test_has_label (overview, "Home visit"));

  /* Back in the caseload, the search finds it. */
  show_caseload (fixture);
  wait.hits = 1;
  g_assert_true (kes_test_wait_until (note_hits_shown, &wait, 10000));
  g_assert_true (kes_test_has_label (kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE, "notes_list"), "curfew"));
}

/* A colleague's copy of Kestrel (another connection to the file) adds a
 * patient while the record is open here: no signal says so, but the
 * caseload shown again lists them. */
static void
test_colleague_write_shows_when_shown (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesStore) colleague = NULL;
  g_autoptr(KesStaff) pat = NULL;
  g_autofree char *theirs = NULL;
  CaseloadWait wait = { NULL, NULL, "dunnock" };

  wait.caseload = show_caseload (fixture);
  wait.patient_id = fixture->patient_id;
  wait.word = "okafor";
  g_assert_true (kes_test_wait_until (caseload_names, &wait, 10000));
  kes_window_open_patient (fixture->window, fixture->patient_id);

  colleague = kes_store_open (fixture->db->path, &error);
  g_assert_no_error (error);
  pat = kes_test_account_titled (colleague, "pat.colleague", "Pat Colleague", "Social worker",
                                 kes_staff_get_team_id (fixture->db->actor), NULL, KES_TEST_ALL_ROLES);
  kes_store_set_actor (colleague, pat);
  theirs = kes_test_add_patient (colleague, "Dunnock", "Alex", NULL, kes_staff_get_team_id (fixture->db->actor));
  g_clear_object (&colleague);

  show_caseload (fixture);
  wait.patient_id = theirs;
  wait.word = "dunnock";
  g_assert_true (kes_test_wait_until (caseload_names, &wait, 10000));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/live-updates/register-edit-reaches-today-and-caseload", Fixture, NULL,
              kes_community_fixture_set_up, test_register_edit_reaches_today_and_caseload,
              kes_community_fixture_tear_down);
  g_test_add ("/live-updates/note-reaches-search-and-overview", Fixture, NULL,
              kes_community_fixture_set_up, test_note_reaches_search_and_overview,
              kes_community_fixture_tear_down);
  g_test_add ("/live-updates/colleague-write-shows-when-shown", Fixture, NULL,
              kes_community_fixture_set_up, test_colleague_write_shows_when_shown,
              kes_community_fixture_tear_down);

  return g_test_run ();
}
