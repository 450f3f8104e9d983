/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-community"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "community/kes-care-form.h"
#include "community/kes-care-plan-view.h"
#include "community/kes-medication-view.h"
#include "kes-clock.h"
#include "kes-demo.h"
#include "kes-store-community.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "today/kes-today-page.h"

/* Care in the community in the real window: record a depot and a blood
 * result through the forms and see Today change; export the crisis plan. */

typedef struct
{
  KesTestDb *db;
  KesWindow *window;
  char      *patient_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  kes_test_db_free (fixture->db);
  g_free (fixture->patient_id);
  kes_clock_set_fixed (NULL);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static KesCareForm *
find_form (void)
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

static gboolean
today_loaded (gpointer data)
{
  return !kes_today_page_get_loading (data);
}

static KesTodayPage *
show_today (Fixture *fixture)
{
  KesTodayPage *today = KES_TODAY_PAGE (find_descendant (GTK_WIDGET (fixture->window), KES_TYPE_TODAY_PAGE));

  g_assert_nonnull (today);
  kes_window_show_area (fixture->window, "today");
  g_assert_true (kes_test_wait_until (today_loaded, today, 10000));
  return today;
}

static KesDueItem *
today_item (KesTodayPage *today,
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

static KesCareRecord *
save_record (Fixture    *fixture,
             const char *kind,
             ...)
{
  g_autoptr(GError) error = NULL;
  KesCareRecord *record = kes_care_record_new (kind);
  va_list args;
  const char *key;

  kes_care_record_set_patient_id (record, fixture->patient_id);
  va_start (args, kind);
  while ((key = va_arg (args, const char *)) != NULL)
    kes_care_record_set (record, key, va_arg (args, const char *));
  va_end (args);
  g_assert_true (kes_store_save_care_record (fixture->db->store, record, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);
  return record;
}

static void
test_pure_helpers (void)
{
  g_autoptr(KesDueItem) overdue = kes_due_item_new ("depot", KES_DUE_OVERDUE, "2026-11-19", "p", "A", NULL,
                                                    "Depot", NULL, "patient/medication", NULL);
  g_autoptr(KesDueItem) today = kes_due_item_new ("depot", KES_DUE_TODAY, "2026-11-21", "p", "A", NULL,
                                                  "Depot", NULL, NULL, NULL);
  g_autofree char *overdue_text = kes_today_due_text (overdue);
  g_autofree char *today_text = kes_today_due_text (today);
  g_autofree char *tab = kes_today_target_tab ("patient/medication");

  g_assert_cmpstr (overdue_text, ==, "Was due 19 Nov 2026");
  g_assert_cmpstr (today_text, ==, "Due today");
  g_assert_cmpstr (tab, ==, "medication");
  g_assert_null (kes_today_target_tab ("moj-reports"));
  g_assert_null (kes_today_target_tab ("patient/"));
  g_assert_cmpstr (kes_today_group_label (KES_DUE_TOP_PRIORITY), ==, "Top priority");
}

/* Record a depot through the form: Today drops the item; a red FBC puts a
 * top-priority item first and an alert in the record header. */
static void
test_depot_and_fbc_update_today (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(KesCareRecord) depot = save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Flupentixol decanoate",
                                                "category", "depot", "depot_drug", "flupentixol-decanoate",
                                                "dose", "40 mg", "interval_days", "14", "prescriber", "Dr Patel",
                                                "start_date", "2026-11-21", NULL);
  g_autoptr(KesCareRecord) clozapine = save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine",
                                                    "category", "clozapine", "dose", "300 mg",
                                                    "prescriber", "Dr Patel", "start_date", "2025-06-01", NULL);
  g_autoptr(KesDueItem) item = NULL;
  g_autoptr(KesDueItem) first = NULL;
  KesTodayPage *today = show_today (fixture);
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesMedicationView *medication;
  KesCareForm *form;
  GtkWidget *button;
  GtkLabel *alerts;

  item = today_item (today, "depot");
  g_assert_nonnull (item);
  g_assert_cmpint (kes_due_item_get_urgency (item), ==, KES_DUE_TODAY);
  g_clear_object (&item);

  /* Activating the item opens the record on the Medication tab. */
  {
    GListModel *items = kes_today_page_get_items (today);
    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(KesDueItem) candidate = g_list_model_get_item (items, i);
        if (g_str_equal (kes_due_item_get_kind (candidate), "depot"))
          g_signal_emit_by_name (today, "item-activated", candidate);
      }
  }
  g_assert_cmpstr (kes_patient_get_id (kes_patient_page_get_patient (page)), ==, fixture->patient_id);
  medication = KES_MEDICATION_VIEW (find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW));
  g_assert_nonnull (medication);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (medication)));

  /* Record Dose… → the form, prefilled; a given dose needs site, batch and who gave it. */
  button = find_button (GTK_WIDGET (medication), "Record _Dose…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = find_form ();
  g_assert_nonnull (form);
  g_assert_false (kes_care_form_save (form));
  g_assert_true (gtk_widget_get_visible (kes_test_child (form, KES_TYPE_CARE_FORM, "error_label")));
  kes_care_form_set_value (form, "site", "Left gluteal");
  kes_care_form_set_value (form, "batch", "FX1234");
  kes_care_form_set_value (form, "given_by", "Alice");
  g_assert_true (kes_care_form_save (form));
  gtk_window_destroy (GTK_WINDOW (form));

  today = show_today (fixture);
  item = today_item (today, "depot");
  g_assert_null (item);

  /* A red blood result typed into the form shows the light and the action. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  button = find_button (GTK_WIDGET (medication), "Add _Result…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = find_form ();
  g_assert_nonnull (form);
  kes_care_form_set_value (form, "wbc", "abc");
  kes_care_form_set_value (form, "neutrophils", "1.4");
  g_assert_false (kes_care_form_save (form));
  {
    g_autoptr(KesCareRecord) typed = kes_care_form_get_record (form);
    g_assert_cmpstr (kes_care_record_get (typed, "wbc"), ==, "abc"); /* kept as typed */
  }
  kes_care_form_set_value (form, "wbc", "2.8");
  g_assert_true (g_str_has_prefix (kes_care_form_get_computed (form), "Red: Stop clozapine now"));
  g_assert_true (kes_care_form_save (form));
  gtk_window_destroy (GTK_WINDOW (form));

  alerts = GTK_LABEL (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_label"));
  g_assert_true (gtk_widget_get_visible (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (alerts), "Red clozapine result on 21 Nov 2026"));

  today = show_today (fixture);
  first = g_list_model_get_item (kes_today_page_get_items (today), 0);
  g_assert_cmpstr (kes_due_item_get_kind (first), ==, "clozapine-fbc");
  g_assert_cmpint (kes_due_item_get_urgency (first), ==, KES_DUE_TOP_PRIORITY);
}

static void
test_empty_today (Fixture       *fixture,
                  gconstpointer  data)
{
  KesTodayPage *today = show_today (fixture);
  GtkStack *stack = GTK_STACK (kes_test_child (today, KES_TYPE_TODAY_PAGE, "stack"));

  g_assert_cmpuint (g_list_model_get_n_items (kes_today_page_get_items (today)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

static char *
pdf_text (const char *path,
          int        *n_pages)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < *n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static void
test_share_crisis_plan (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KesCareRecord) plan = NULL;
  g_autoptr(KesCareRecord) depot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->db->dir, "crisis-plan.pdf", NULL);
  g_autofree char *xml = g_build_filename (fixture->db->dir, "crisis-plan.xml", NULL);
  g_autofree char *text = NULL;
  g_autofree char *xml_text = NULL;
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesCarePlanView *view;
  int n_pages = 0;

  depot = save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine", "category", "clozapine",
                       "dose", "300 mg", "route", "oral", "frequency", "at night", "prescriber", "Dr Patel",
                       "start_date", "2025-06-01", NULL);
  kes_window_open_patient (fixture->window, fixture->patient_id);
  view = KES_CARE_PLAN_VIEW (find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW));
  g_assert_nonnull (view);
  /* No plan yet: nothing to share, and core says so. */
  g_assert_false (kes_care_plan_view_share (view, pdf, xml, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  plan = save_record (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-20",
                      "early_warning_signs", "Stops sleeping; believes neighbours are watching",
                      "responds_to", "His sister Grace (07700 900123); Alice, care coordinator",
                      "crisis_actions", "Call the care coordinator; increase visits to daily",
                      "out_of_hours", "Crisis line 0800 000 0000 (24 hours)",
                      "contingency", "If Alice is away, the duty worker on 01632 960000",
                      "risk_to_others", "Must not contact the victim or enter the exclusion zone",
                      NULL);
  kes_care_plan_view_reload (view);
  g_assert_true (kes_care_plan_view_share (view, pdf, xml, &error));
  g_assert_no_error (error);

  /* KES_SHOTS_DIR keeps the files to look at. */
  if (g_getenv ("KES_SHOTS_DIR") != NULL)
    {
      g_autofree char *keep = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "crisis-plan.pdf", NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (keep, contents, length, NULL));
    }
  text = pdf_text (pdf, &n_pages);
  g_assert_cmpint (n_pages, >=, 1);
  g_assert_cmpint (n_pages, <=, 2);
  g_assert_nonnull (strstr (text, "Crisis and contingency plan"));
  g_assert_nonnull (strstr (text, "Stops sleeping"));
  g_assert_nonnull (strstr (text, "0800 000 0000"));
  g_assert_nonnull (strstr (text, "exclusion zone"));
  g_assert_nonnull (strstr (text, "titrated")); /* "re-" may end a line */
  g_assert_nonnull (strstr (text, "OKAFOR"));
  g_assert_true (g_file_get_contents (xml, &xml_text, NULL, NULL));
  g_assert_nonnull (strstr (xml_text, "crisis-plan"));
  g_assert_nonnull (strstr (xml_text, "Stops sleeping"));
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* With KES_SHOTS_DIR set: Today, the Medication and Care plan tabs and a
 * red blood result in the form, on demo data, saved as PNGs to look at. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  KesDemoOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDueItem) first = NULL;
  g_autoptr(KesCareRecord) red = NULL;
  g_autoptr(KesCareRecord) script = NULL;
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesTodayPage *today;
  KesCareForm *form;
  GtkWidget *button;

  if (g_getenv ("KES_SHOTS_DIR") == NULL)
    {
      g_test_skip ("KES_SHOTS_DIR is not set");
      return;
    }
  /* The application's style sheet, as the real app loads it. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  options.patients = 150;
  g_assert_true (kes_demo_generate (fixture->db->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  script = save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine", "category", "clozapine",
                        "dose", "300 mg", "route", "oral", "frequency", "at night", "prescriber", "Dr Patel",
                        "start_date", "2026-01-05", NULL);
  red = save_record (fixture, KES_CARE_FBC, "taken_on", "2026-11-20", "wbc", "2.9", "neutrophils", "1.4", NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);

  today = show_today (fixture);
  kes_today_page_set_all_teams (today, TRUE);
  g_assert_true (kes_test_wait_until (today_loaded, today, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (kes_today_page_get_items (today)), >, 0);
  first = g_list_model_get_item (kes_today_page_get_items (today), 0);
  g_assert_cmpint (kes_due_item_get_urgency (first), ==, KES_DUE_TOP_PRIORITY);
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "today.png");

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "medication");
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "medication.png");
  kes_patient_page_show_tab (page, "care-plan");
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "care-plan.png");

  kes_patient_page_show_tab (page, "medication");
  button = find_button (find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW), "Add _Result…");
  g_signal_emit_by_name (button, "clicked");
  form = find_form ();
  kes_care_form_set_value (form, "wbc", "3.2");
  kes_care_form_set_value (form, "neutrophils", "1.8");
  kes_test_wait (300);
  save_png (GTK_WIDGET (form), "fbc-form-amber.png");
  gtk_window_destroy (GTK_WINDOW (form));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/pure-helpers", test_pure_helpers);
  g_test_add ("/community/empty-today", Fixture, NULL, fixture_set_up, test_empty_today, fixture_tear_down);
  g_test_add ("/community/depot-and-fbc-update-today", Fixture, NULL, fixture_set_up,
              test_depot_and_fbc_update_today, fixture_tear_down);
  g_test_add ("/community/share-crisis-plan", Fixture, NULL, fixture_set_up, test_share_crisis_plan,
              fixture_tear_down);
  g_test_add ("/community/screenshots", Fixture, NULL, fixture_set_up, test_screenshots, fixture_tear_down);
  return g_test_run ();
}
