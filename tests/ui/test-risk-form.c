/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-risk-form"

#include "config.h"

#include <string.h>

#include "kes-app-util.h"
#include "kes-form-errors.h"
#include "kes-store-risk.h"
#include "kes-tool-library.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "preview/kes-report-preview.h"
#include "risk/kes-risk-chart.h"
#include "risk/fields/kes-risk-field.h"
#include "risk/kes-risk-form.h"
#include "risk/kes-risk-view.h"

typedef struct
{
  KesTestDb      *db;
  KesWindow      *window;
  KesPatientPage *page;
  char           *patient_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = kes_test_db_new (TRUE);
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  fixture->page = kes_window_get_patient_page (fixture->window);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Example", "Robin", NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  g_free (fixture->patient_id);
  kes_test_db_free (fixture->db);
}

static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  if ((type == G_TYPE_NONE || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Saves what the window shows, when RISK_SHOT_DIR is set (screenshots to look at). */
static void
shot (Fixture    *fixture,
      const char *name)
{
  const char *dir = g_getenv ("RISK_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  kes_test_wait (300);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_test_message ("%s: nothing drawn yet, no screenshot", name);
      return;
    }
  renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static KesRiskView *
open_risk_tab (Fixture *fixture)
{
  GtkWidget *view;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_test_wait (50);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (find (GTK_WIDGET (fixture->page), ADW_TYPE_VIEW_STACK,
                                                               NULL)), "risk");
  view = find (GTK_WIDGET (fixture->page), KES_TYPE_RISK_VIEW, NULL);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_mapped (view));
  return KES_RISK_VIEW (view);
}

static void
rate (GtkWidget  *form,
      const char *item,
      const char *slot,
      const char *point)
{
  g_autofree char *name = g_strdup_printf ("rating:%s:%s:%s", item, slot, point);
  GtkWidget *button = find (form, GTK_TYPE_TOGGLE_BUTTON, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
}

static guint
rows (KesRiskView *view)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (kes_risk_view_get_list (view), n) != NULL)
    n++;
  return n;
}

static void
fill_dundrum (GtkWidget  *form,
              const char *scores)
{
  g_auto(GStrv) each = g_strsplit (scores, " ", -1);

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autofree char *code = g_strdup_printf ("TS%u", i + 1);
      rate (form, code, "score", each[i]);
    }
}

static void
sign (GtkWidget  *form,
      const char *assessed,
      const char *next)
{
  gtk_editable_set_text (GTK_EDITABLE (find (form, GTK_TYPE_ENTRY, "assessed_on")), assessed);
  gtk_editable_set_text (GTK_EDITABLE (find (form, GTK_TYPE_ENTRY, "completed_by")), "Dr A Example");
  gtk_editable_set_text (GTK_EDITABLE (find (form, GTK_TYPE_ENTRY, "supervised_by")), "Dr B Supervisor");
  gtk_editable_set_text (GTK_EDITABLE (find (form, GTK_TYPE_ENTRY, "mdt_reviewed_on")), assessed);
  gtk_editable_set_text (GTK_EDITABLE (find (form, GTK_TYPE_ENTRY, "next_review_on")), next);
  kes_dropdown_set_code (GTK_DROP_DOWN (find (form, GTK_TYPE_DROP_DOWN, "security_need")), "LOW");
}

static void
test_fill_dundrum (Fixture       *fixture,
                   gconstpointer  data)
{
  KesRiskView *view = open_risk_tab (fixture);
  GtkWidget *form;
  GtkWidget *evidence;
  GtkListBoxRow *row;
  g_autoptr(GListModel) stored = NULL;

  g_assert_cmpuint (rows (view), ==, 0);
  shot (fixture, "risk-empty.png");

  form = kes_risk_view_start (view, "DUNDRUM-1");
  g_assert_nonnull (form);
  g_object_ref (form);

  /* Half-filled: the completion check lists what is missing; the draft autosaves. */
  rate (form, "TS1", "score", "3");
  rate (form, "TS2", "score", "1");
  evidence = find (form, GTK_TYPE_TEXT_VIEW, "TS1_evidence");
  kes_text_view_set_text (GTK_TEXT_VIEW (evidence), "Serious assault on a member of staff in 2019.");
  g_assert_cmpuint (kes_risk_form_check (KES_RISK_FORM (form)), ==, 10);
  {
    /* Completing now is refused before the password is asked: the check is
     * an alert, the focus on the first thing missing (TS3's rating); each
     * rating still to give is invalid and related to the check, until it is
     * given; the judgement not chosen shows it under itself, on the
     * drop-down's button (what takes the focus). */
    GtkWidget *check = find (form, GTK_TYPE_LABEL, "risk-check");
    GtkWidget *judgement = find (form, GTK_TYPE_DROP_DOWN, "security_need");
    GtkWidget *ts3 = find (form, GTK_TYPE_BOX, "rating:TS3:score");

    g_signal_emit_by_name (find (form, GTK_TYPE_BUTTON, "complete"), "clicked");
    g_assert_null (kes_test_find_message_dialog ());
    kes_test_assert_alert_shown (check);
    {
      GtkWidget *button = kes_field_get_focus_part (judgement);

      g_assert_true (GTK_IS_BUTTON (button));
      gtk_test_accessible_assert_state (button, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                                       GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE));
      g_assert_true (kes_test_has_label (gtk_widget_get_ancestor (judgement, KES_TYPE_RISK_FIELD),
                                         "not filled in"));
    }
    g_assert_nonnull (ts3);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (check)), "TS3"));
    kes_test_assert_field_error (ts3, check, NULL, TRUE);
    rate (form, "TS3", "score", "1");
    kes_test_assert_field_clear (ts3);
    g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (check)), "TS3"));
  }
  g_assert_true (kes_risk_form_save_draft (KES_RISK_FORM (form), NULL));
  g_assert_nonnull (kes_risk_assessment_get_id (kes_risk_form_get_assessment (KES_RISK_FORM (form))));
  shot (fixture, "risk-form-dundrum-1.png");

  fill_dundrum (form, "3 1 2 0 2 1 2 U 2 1 0");
  sign (form, "2026-05-20", "2026-11-20");
  g_signal_emit_by_name (find (form, GTK_TYPE_BUTTON, "complete"), "clicked");
  /* Signing means the signer: the password again. A wrong one is said in
   * the dialog and nothing is completed. */
  g_assert_cmpstr (adw_message_dialog_get_heading (kes_test_find_message_dialog ()), ==, "Complete and Sign Off?");
  kes_test_screenshot ("RISK_SHOT_DIR", "risk-sign-off-asks");
  kes_test_answer_signature ("not my password at all");
  g_assert_nonnull (g_object_get_data (G_OBJECT (kes_test_find_message_dialog ()), "kes-problem"));
  kes_test_screenshot ("RISK_SHOT_DIR", "risk-sign-off-refused");
  g_assert_cmpint (kes_risk_assessment_get_status (kes_risk_form_get_assessment (KES_RISK_FORM (form))), ==,
                   KES_RISK_STATUS_DRAFT);
  kes_test_answer_signature (KES_TEST_PASSWORD);
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_cmpint (kes_risk_assessment_get_status (kes_risk_form_get_assessment (KES_RISK_FORM (form))), ==,
                   KES_RISK_STATUS_COMPLETED);
  g_object_unref (form);

  /* The PDF preview opens in its own window. */
  g_signal_emit_by_name (find (GTK_WIDGET (view), GTK_TYPE_BUTTON, "export-pdf"), "clicked");
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();
    GtkWidget *preview = NULL;

    for (GList *w = windows; w != NULL && preview == NULL; w = w->next)
      if (w->data != (gpointer) fixture->window)
        preview = find (w->data, KES_TYPE_REPORT_PREVIEW, NULL);
    g_assert_nonnull (preview);
    g_assert_cmpstr (kes_document_get_title (kes_report_preview_get_document (KES_REPORT_PREVIEW (preview))), ==,
                     "DUNDRUM-1 Triage Security Scale");
    gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (preview)));
  }

  /* It is in the history list. */
  kes_risk_view_show_list (view);
  g_assert_cmpuint (rows (view), ==, 1);
  row = gtk_list_box_get_row_at_index (kes_risk_view_get_list (view), 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "DUNDRUM-1 Triage Security Scale");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Completed"));
  stored = kes_store_list_risk_assessments (fixture->db->store, fixture->patient_id, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);

  /* A second assessment, then compare and trend. */
  form = kes_risk_view_start (view, "DUNDRUM-1");
  fill_dundrum (form, "3 1 1 0 2 1 2 2 2 1 0");
  sign (form, "2026-11-20", "2027-05-20");
  /* The clinician's judgement moves too: Low → Medium secure. */
  kes_dropdown_set_code (GTK_DROP_DOWN (find (form, GTK_TYPE_DROP_DOWN, "security_need")), "MEDIUM");
  g_signal_emit_by_name (find (form, GTK_TYPE_BUTTON, "complete"), "clicked");
  kes_test_answer_signature (KES_TEST_PASSWORD);
  kes_risk_view_show_list (view);
  g_assert_cmpuint (rows (view), ==, 2);
  shot (fixture, "risk-history.png");

  row = gtk_list_box_get_row_at_index (kes_risk_view_get_list (view), 0);
  {
    GtkWidget *compare = find (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (compare)), ==, "Compare with Previous");
    g_signal_emit_by_name (compare, "clicked");
  }
  {
    GtkWidget *changed = NULL;
    GtkWidget *root = GTK_WIDGET (view);
    guint marked = 0;
    GPtrArray *stack = g_ptr_array_new ();

    g_ptr_array_add (stack, root);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)), "Changed") == 0)
          {
            marked++;
            changed = w;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    /* TS3 2 -> 1 and TS8 U -> 2, and the judgement Low -> Medium secure. */
    g_assert_nonnull (changed);
    g_assert_cmpuint (marked, ==, 3);
  }
  shot (fixture, "risk-compare.png");

  kes_risk_view_show_list (view);
  row = gtk_list_box_get_row_at_index (kes_risk_view_get_list (view), 0);
  {
    GtkWidget *trend = NULL;

    for (GtkWidget *c = find (GTK_WIDGET (row), GTK_TYPE_BUTTON, NULL); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), "Trend") == 0)
        trend = c;
    g_assert_nonnull (trend);
    g_signal_emit_by_name (trend, "clicked");
  }
  {
    GtkWidget *chart = find (GTK_WIDGET (view), KES_TYPE_RISK_CHART, NULL);
    g_autofree char *text = NULL;

    g_assert_nonnull (chart);
    text = kes_risk_chart_dup_text (KES_RISK_CHART (chart));
    g_assert_nonnull (strstr (text, "TS3 Rating: 2 (20 May 2026), 1 (20 Nov 2026)"));
    g_assert_nonnull (strstr (text, "TS8 Rating: Insufficient information (20 May 2026), 2 (20 Nov 2026)"));
  }
  shot (fixture, "risk-trend.png");

  /* The same in dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  shot (fixture, "risk-trend-dark.png");
  kes_risk_view_show_list (view);
  row = gtk_list_box_get_row_at_index (kes_risk_view_get_list (view), 1);
  g_signal_emit_by_name (kes_risk_view_get_list (view), "row-activated", row);
  g_assert_nonnull (find (GTK_WIDGET (view), KES_TYPE_RISK_FORM, NULL));
  shot (fixture, "risk-form-completed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_every_definition_builds (Fixture       *fixture,
                              gconstpointer  data)
{
  KesRiskView *view = open_risk_tab (fixture);
  g_autoptr(GPtrArray) list = kes_tool_library_list_shipped (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      KesToolDefinition *def = g_ptr_array_index (list, i);
      GtkWidget *form = kes_risk_view_start (view, kes_tool_definition_get_id (def));
      g_autofree char *name = g_strdup_printf ("risk-form-%s.png", kes_tool_definition_get_id (def));

      g_assert_nonnull (form);
      g_assert_true (kes_risk_form_get_definition (KES_RISK_FORM (form)) != NULL);
      if (g_str_equal (kes_tool_definition_get_id (def), "HCR-20"))
        {
          GtkWidget *add = find (form, GTK_TYPE_BUTTON, "scenarios");

          /* Frames show the honest note, not invented wording; no totals. */
          g_assert_nonnull (find (form, GTK_TYPE_TOGGLE_BUTTON, "rating:H1a:presence:Omit"));
          g_signal_emit_by_name (add, "clicked");
          g_signal_emit_by_name (find (form, GTK_TYPE_BUTTON, "strategies"), "clicked");
          g_assert_nonnull (find (form, GTK_TYPE_CHECK_BUTTON, NULL));
        }
      shot (fixture, name);
      kes_risk_view_show_list (view);
    }
}

/* HCR-20 relevance is for a factor present or partially present: its
 * buttons wait for a presence rating that allows it, and a relevance given
 * goes when the presence is changed to No (a rating of an absent factor). */
static void
test_relevance_follows_presence (Fixture       *fixture,
                                 gconstpointer  data)
{
  KesRiskView *view = open_risk_tab (fixture);
  GtkWidget *form = kes_risk_view_start (view, "HCR-20");
  KesRiskAssessment *assessment;
  GtkWidget *high;
  GtkWidget *relevance;

  g_assert_nonnull (form);
  assessment = kes_risk_form_get_assessment (KES_RISK_FORM (form));
  high = find (form, GTK_TYPE_TOGGLE_BUTTON, "rating:H2:relevance:H");
  g_assert_nonnull (high);
  relevance = gtk_widget_get_parent (high);
  g_assert_false (gtk_widget_is_sensitive (high));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (relevance), ==,
                   "Rated when Presence is “Partially or possibly present” or “Yes: present”");

  rate (form, "H2", "presence", "Y");
  g_assert_true (gtk_widget_is_sensitive (high));
  rate (form, "H2", "relevance", "H");
  g_assert_cmpstr (kes_risk_assessment_get_rating (assessment, "H2", "relevance"), ==, "H");

  rate (form, "H2", "presence", "N");
  g_assert_null (kes_risk_assessment_get_rating (assessment, "H2", "relevance"));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (high)));
  g_assert_false (gtk_widget_is_sensitive (high));

  rate (form, "H2", "presence", "Omit");
  g_assert_false (gtk_widget_is_sensitive (high));
  rate (form, "H2", "presence", "P");
  g_assert_true (gtk_widget_is_sensitive (high));
  g_assert_null (kes_risk_assessment_get_rating (assessment, "H2", "relevance"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/risk/form/fill-dundrum", Fixture, NULL, fixture_set_up, test_fill_dundrum, fixture_tear_down);
  g_test_add ("/risk/form/relevance-follows-presence", Fixture, NULL, fixture_set_up,
              test_relevance_follows_presence, fixture_tear_down);
  g_test_add ("/risk/form/every-definition", Fixture, NULL, fixture_set_up, test_every_definition_builds,
              fixture_tear_down);

  return g_test_run ();
}
