/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-community"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "community/kes-care-form.h"
#include "community/kes-care-plan-view.h"
#include "community/kes-medication-view.h"
#include "community/kes-trend-chart.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-community-fixture.h"
#include "kes-demo.h"
#include "kes-carers.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-store-patients.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"
#include "today/kes-today-page.h"

/* Care in the community in the real window: record a depot and a blood
 * result through the forms and see Today change; export the crisis plan. */

typedef KesCommunityFixture Fixture;

static GtkWidget *
find_tooltip_button (GtkWidget  *widget,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the entered-in-error button of the row titled @title and gives
 * @reason in the dialog that asks for one. */
static void
mark_row_entered_in_error (GtkWidget  *view,
                           const char *title,
                           const char *reason)
{
  GtkWidget *row = kes_test_find_row (view, title);
  GtkWidget *button;
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_nonnull (row);
  button = find_tooltip_button (row, "Mark as entered in error");
  g_assert_nonnull (button);
  /* Named by the record it marks, not the same on every row. */
  {
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_autofree char *name = subtitle != NULL && *subtitle != '\0'
                              ? g_strdup_printf ("Mark as entered in error: %s, %s", title, subtitle)
                              : g_strdup_printf ("Mark as entered in error: %s", title);

    gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  }
  g_signal_emit_by_name (button, "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  entry = kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT);
  g_assert_nonnull (entry);
  /* No reason, no marking. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_parent (entry)), reason);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_destroy (GTK_WINDOW (dialog));
  kes_test_wait (50);
}

static KesCareRecord *
save_record (Fixture    *fixture,
             const char *kind,
             ...)
{
  va_list args;
  KesCareRecord *record;

  va_start (args, kind);
  record = kes_community_save_record_valist (fixture, kind, args);
  va_end (args);
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
  /* Today's headings follow its order (docs/today.md). */
  g_assert_cmpstr (kes_today_section_label (KES_DUE_GROUP_DANGER), ==, "Top priority");
  g_assert_cmpstr (kes_today_section_label (KES_DUE_GROUP_CRITICAL), ==, "Overdue: statutory and medication safety");
  g_assert_cmpstr (kes_today_section_label (KES_DUE_GROUP_OVERDUE), ==, "Overdue");
  g_assert_cmpint (kes_due_item_get_group (overdue), ==, KES_DUE_GROUP_CRITICAL);
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
  KesTodayPage *today = kes_community_show_today (fixture);
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesMedicationView *medication;
  KesCareForm *form;
  GtkWidget *button;
  GtkWidget *row;
  GtkLabel *alerts;

  item = kes_community_today_item (today, "depot");
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
  medication = KES_MEDICATION_VIEW (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW));
  g_assert_nonnull (medication);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (medication)));

  /* Record Dose… → the form, prefilled; a given dose needs site, batch and who gave it. */
  button = kes_test_find_button (GTK_WIDGET (medication), "Record _Dose…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = kes_community_find_form ();
  g_assert_nonnull (form);
  g_assert_false (kes_care_form_save (form));
  g_assert_true (gtk_widget_get_visible (kes_test_child (form, KES_TYPE_CARE_FORM, "error_label")));
  kes_care_form_set_value (form, "site", "Left gluteal");
  kes_care_form_set_value (form, "batch", "FX1234");
  kes_care_form_set_value (form, "given_by", "Alice");
  g_assert_true (kes_care_form_save (form));
  gtk_window_destroy (GTK_WINDOW (form));

  today = kes_community_show_today (fixture);
  item = kes_community_today_item (today, "depot");
  g_assert_null (item);

  /* A red blood result typed into the form shows the light and the action. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  button = kes_test_find_button (GTK_WIDGET (medication), "Add _Result…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = kes_community_find_form ();
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
  g_assert_nonnull (strstr (gtk_label_get_text (alerts), "Red clozapine result on 21 Nov 2026: Stop clozapine now"));

  today = kes_community_show_today (fixture);
  first = g_list_model_get_item (kes_today_page_get_items (today), 0);
  g_assert_cmpstr (kes_due_item_get_kind (first), ==, "clozapine-fbc");
  g_assert_cmpint (kes_due_item_get_urgency (first), ==, KES_DUE_TOP_PRIORITY);
  g_clear_object (&first);

  /* The result was another patient's: marked entered in error with a
   * reason, it leaves the tab, the header and the top of Today. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  mark_row_entered_in_error (GTK_WIDGET (medication), "21 Nov 2026 — WBC 2.8, neutrophils 1.4",
                             "Result belongs to another patient");
  g_assert_null (kes_test_find_row (GTK_WIDGET (medication), "21 Nov 2026 — WBC 2.8, neutrophils 1.4"));
  /* Still listed, marked, with the reason; no button to mark it again. */
  row = kes_test_find_row (GTK_WIDGET (medication), "Entered in error: 21 Nov 2026 — WBC 2.8, neutrophils 1.4");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Reason: Result belongs to another patient"));
  g_assert_null (find_tooltip_button (row, "Mark as entered in error"));
  g_assert_false (gtk_widget_get_visible (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_box")));
  today = kes_community_show_today (fixture);
  item = kes_community_today_item (today, "clozapine-fbc");
  g_assert_nonnull (item);
  g_assert_cmpint (kes_due_item_get_urgency (item), !=, KES_DUE_TOP_PRIORITY);
  g_clear_object (&item);

  /* So does the depot dose: the depot is due again. */
  kes_window_open_patient (fixture->window, fixture->patient_id);
  mark_row_entered_in_error (GTK_WIDGET (medication), "21 Nov 2026 — Given", "Recorded twice");
  today = kes_community_show_today (fixture);
  item = kes_community_today_item (today, "depot");
  g_assert_nonnull (item);
}

static void
collect_charts (GtkWidget *widget,
                GPtrArray *charts)
{
  if (KES_IS_TREND_CHART (widget))
    g_ptr_array_add (charts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_charts (child, charts);
}

/* Physical health checks become one chart a measure, each an image whose
 * description is the readings in words; none recorded, no trends shown. */
static void
test_trend_charts (Fixture       *fixture,
                   gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autofree char *expected = NULL;
  GtkWidget *view;
  GtkWidget *group;
  char *problem;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "medication");
  view = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW);
  group = kes_test_child (view, KES_TYPE_MEDICATION_VIEW, "trends_group");
  g_assert_false (gtk_widget_get_visible (group));

  g_object_unref (save_record (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", "2026-05-01", "weight_kg", "88",
                               "height_cm", "178", "systolic", "150", "diastolic", "95", NULL));
  g_object_unref (save_record (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", "2026-11-20", "weight_kg", "91",
                               NULL));
  kes_medication_view_reload (KES_MEDICATION_VIEW (view));
  g_assert_true (gtk_widget_get_visible (group));
  collect_charts (group, charts);
  /* Weight, BMI and blood pressure. */
  g_assert_cmpuint (charts->len, ==, 3);
  g_assert_cmpstr (kes_trend_chart_get_series (charts->pdata[0])->measure, ==, "weight_kg");
  g_assert_cmpstr (kes_trend_chart_get_series (charts->pdata[2])->measure, ==, "systolic");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (charts->pdata[0]), GTK_ACCESSIBLE_ROLE_IMG);
  expected = kes_physical_trend_describe (kes_trend_chart_get_series (charts->pdata[0]));
  g_assert_nonnull (strstr (expected, "88 on 1 May 2026, 91 on 20 Nov 2026"));
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (charts->pdata[0]),
                                                GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (problem);
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (charts->pdata[0]),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "Weight over time");
  g_assert_null (problem);

  /* Drawn in both styles without complaint. */
  gtk_widget_queue_draw (group);
  kes_test_wait (100);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  kes_test_wait (100);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A held review past the configured hours shows as late; the forensic
 * essentials are listed from the record under the crisis plan. */
static void
test_cpa_validation_and_essentials (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(KesCareRecord) late = save_record (fixture, KES_CARE_CPA_REVIEW, "status", "held",
                                               "scheduled_for", "2026-11-16", "held_on", "2026-11-16",
                                               "attendees", "Sam, Alice", "outcomes", "Continue the depot",
                                               NULL);
  g_autoptr(KesCareRecord) in_time = save_record (fixture, KES_CARE_CPA_REVIEW, "status", "held",
                                                  "scheduled_for", "2026-11-18", "held_on", "2026-11-18",
                                                  "attendees", "Sam, Alice", "outcomes", "Start work placement",
                                                  NULL);
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *view;
  GtkWidget *row;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "care-plan");
  view = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW);
  g_assert_nonnull (view);

  /* Held 16 Nov, 72 hours: due by 19 Nov, late on 21 Nov. */
  row = kes_test_find_row (view, "16 Nov 2026 — Held");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Validation late"));
  g_assert_true (kes_test_has_label (row, "it was due by 19 Nov 2026"));
  row = kes_test_find_row (view, "18 Nov 2026 — Held");
  g_assert_nonnull (row);
  g_assert_false (kes_test_has_label (row, "Validation late"));
  g_assert_true (kes_test_has_label (row, "To be validated by 21 Nov 2026"));

  /* Validated late stays marked late. */
  kes_care_record_set (late, "status", "validated");
  kes_care_record_set (late, "validated_on", "2026-11-20");
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (kes_store_save_care_record (fixture->db->store, late, KES_CHANGE_EDIT, NULL, &error));
    g_assert_no_error (error);
  }
  kes_care_plan_view_reload (KES_CARE_PLAN_VIEW (view));
  row = kes_test_find_row (view, "16 Nov 2026 — Validated");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Validated 20 Nov 2026 — late"));

  /* A review booked in error can be marked so. */
  mark_row_entered_in_error (view, "18 Nov 2026 — Held", "Duplicate of the review on 16 Nov");
  g_assert_null (kes_test_find_row (view, "18 Nov 2026 — Held"));
  g_assert_nonnull (kes_test_find_row (view, "Entered in error: 18 Nov 2026 — Held"));

  /* The essentials from the record, dated. */
  row = kes_test_find_row (view, "Legal status and contacts");
  g_assert_nonnull (row);
  g_assert_nonnull (kes_test_find_row (view, "Carers and consent to share"));
  g_assert_nonnull (kes_test_find_row (view, "Crisis and out-of-hours numbers"));
  g_assert_true (kes_test_has_label (view, "Taken from the record on 21 Nov 2026"));
}

static void
test_empty_today (Fixture       *fixture,
                  gconstpointer  data)
{
  /* A patient with a care plan not yet due for review: nothing is due. */
  g_autoptr(KesCareRecord) plan = save_record (fixture, KES_CARE_CARE_PLAN, "start_date", "2026-11-01",
                                               "needs", "Medication", "goals", "“Keep my flat.”",
                                               "interventions", "Visits", "responsible", "Care coordinator",
                                               "review_date", "2027-11-01", "s117_status", "receiving", NULL);
  KesTodayPage *today = kes_community_show_today (fixture);
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

static void fill_record_for_shots (Fixture *fixture);

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
  view = KES_CARE_PLAN_VIEW (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW));
  g_assert_nonnull (view);
  /* No plan yet: nothing to share, and core says so. */
  g_assert_false (kes_care_plan_view_share (view, "Norfolk CRHT", "secure-email", NULL, pdf, xml, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A full record: legal status, victim condition, depot, carer with consent. */
  fill_record_for_shots (fixture);
  plan = save_record (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-20", "review_date", "2027-05-20",
                      "early_warning_signs", "Stops sleeping; believes neighbours are watching",
                      "responds_to", "His sister Grace (07700 900123); Alice, care coordinator",
                      "crisis_actions", "Call the care coordinator; increase visits to daily",
                      "out_of_hours", "Crisis line 0800 000 0000 (24 hours)",
                      "contingency", "If Alice is away, the duty worker on 01632 960000",
                      "risk_to_others", "Must not contact the victim or enter the exclusion zone",
                      NULL);
  kes_care_plan_view_reload (view);

  /* Share with Crisis Team… asks whom and how first; going on needs both. */
  {
    AdwMessageDialog *dialog;
    GtkWidget *box;
    GtkWidget *recipient = NULL;
    GtkWidget *method = NULL;

    g_signal_emit_by_name (kes_test_find_button (GTK_WIDGET (view), "_Share with Crisis Team…"), "clicked");
    dialog = kes_test_find_message_dialog ();
    g_assert_nonnull (dialog);
    box = adw_message_dialog_get_extra_child (dialog);
    recipient = kes_test_find_descendant (box, GTK_TYPE_ENTRY);
    method = kes_test_find_descendant (box, GTK_TYPE_DROP_DOWN);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "share"));
    gtk_editable_set_text (GTK_EDITABLE (recipient), "Norfolk CRHT");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "share"));
    kes_dropdown_set_code (GTK_DROP_DOWN (method), "secure-email");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "share"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  /* A missing recipient is refused before anything is written. */
  g_assert_false (kes_care_plan_view_share (view, "", "secure-email", NULL, pdf, xml, &error));
  g_assert_nonnull (strstr (error->message, "Shared with"));
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (kes_care_plan_view_share (view, "Norfolk CRHT", "secure-email", "Sent before the weekend",
                                           pdf, xml, &error));
  g_assert_no_error (error);
  /* Recorded: to whom, how, when, by whom and which version, in the tab and the record. */
  g_assert_nonnull (kes_test_find_row (GTK_WIDGET (view), "Shared with Norfolk CRHT"));
  g_assert_true (kes_test_has_label (GTK_WIDGET (view), "Secure email (NHS mail) · 21 Nov 2026 · by Test User · version 1"));
  {
    g_autoptr(GListModel) shares = kes_store_list_care_records (fixture->db->store, fixture->patient_id,
                                                                KES_CARE_CRISIS_PLAN_SHARE, FALSE, &error);
    g_autoptr(KesCareRecord) share = g_list_model_get_item (shares, 0);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (shares), ==, 1);
    g_assert_cmpstr (kes_care_record_get (share, "plan_id"), ==, kes_care_record_get_id (plan));
    g_assert_cmpstr (kes_care_record_get (share, "plan_revision"), ==, "1");
    g_assert_cmpstr (kes_care_record_get (share, "shared_on"), ==, "2026-11-21");
    g_assert_cmpstr (kes_care_record_get (share, "note"), ==, "Sent before the weekend");
  }

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
  g_assert_nonnull (strstr (text, "Forensic essentials"));
  g_assert_nonnull (strstr (text, "Taken from the record on 21 Nov 2026"));
  g_assert_nonnull (strstr (text, "Carers and consent to share"));
  /* The forensic essentials, taken from the record. */
  g_assert_nonnull (strstr (text, "Section 37 with section 41 restrictions"));
  g_assert_nonnull (strstr (text, "MHCS/2019/4411"));
  g_assert_nonnull (strstr (text, "No contact with the victim"));
  g_assert_nonnull (strstr (text, "last given 2 Nov 2026"));
  g_assert_nonnull (strstr (text, "Grace Okafor (sister)"));
  g_assert_nonnull (strstr (text, "Consent given on 3 Nov 2026"));
  g_assert_nonnull (strstr (text, "Samaritans"));
  /* The copy says where it went and which version it is. */
  g_assert_nonnull (strstr (text, "Norfolk CRHT"));
  g_assert_nonnull (strstr (text, "version 1 of the plan"));
  g_assert_true (g_file_get_contents (xml, &xml_text, NULL, NULL));
  g_assert_nonnull (strstr (xml_text, "crisis-plan"));
  g_assert_nonnull (strstr (xml_text, "Stops sleeping"));
  g_assert_nonnull (strstr (xml_text, "Taken from the record on 21 Nov 2026"));
  g_assert_nonnull (strstr (xml_text, "MHCS/2019/4411"));
  g_assert_nonnull (strstr (xml_text, "Grace Okafor (sister)"));
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* A widget waiting for its size (a transition still running) has no
   * image yet: try again for a while. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      /* A part of the window on the window's background. */
      if (!GTK_IS_WINDOW (widget))
        gtk_snapshot_append_color (snapshot,
                                   adw_style_manager_get_dark (adw_style_manager_get_default ())
                                     ? &(GdkRGBA) { 0.14, 0.14, 0.14, 1 } : &(GdkRGBA) { 0.98, 0.98, 0.98, 1 },
                                   &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        kes_test_wait (100);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The record a crisis team would want to see drawn from: legal status with
 * a victim condition, a carer with consent, a depot, a year of physical
 * health checks, a crisis plan and a review validated late. */
static void
fill_record_for_shots (Fixture *fixture)
{
  static const char * const checks[][8] = {
    { "2025-12-01", "88.0", "178", "96", "124", "80", "72", "39" },
    { "2026-01-12", "89.5", "", "", "", "", "", "" },
    { "2026-02-23", "91.2", "", "", "130", "84", "76", "" },
    { "2026-03-02", "91.8", "", "", "136", "88", "80", "41" },
    { "2026-06-15", "94.0", "", "99", "142", "92", "84", "43" },
    { "2026-11-16", "95.1", "", "101", "138", "86", "78", "44" },
  };
  const char *scope[] = { "medication", "risk-plan", NULL };
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  g_autoptr(KesMojRecord) victims = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  g_autoptr(KesFieldRecord) consent = kes_field_record_new (&kes_carer_consent_kind);
  g_autoptr(KesCareRecord) depot = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_object_unref (save_record (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", checks[i][0],
                                 "weight_kg", checks[i][1], "height_cm", checks[i][2], "waist_cm", checks[i][3],
                                 "systolic", checks[i][4], "diastolic", checks[i][5], "pulse", checks[i][6],
                                 "hba1c", checks[i][7], NULL));
  depot = save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Paliperidone palmitate", "category", "depot",
                       "depot_drug", "paliperidone-palmitate-1m", "dose", "100 mg", "route", "IM",
                       "interval_days", "28", "prescriber", "Dr Patel", "start_date", "2026-06-01", NULL);
  g_object_unref (save_record (fixture, KES_CARE_DEPOT_DOSE, "prescription_id", kes_care_record_get_id (depot),
                               "given_on", "2026-11-02", "outcome", "given", "dose", "100 mg",
                               "site", "Left deltoid", "batch", "PP2291", "given_by", "Alice Adeyemi", NULL));
  /* A day before the plan test_share_crisis_plan writes, so that one is the latest. */
  g_object_unref (save_record (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-19", "review_date", "2027-05-19",
                               "early_warning_signs", "Stops sleeping; believes neighbours are watching",
                               "responds_to", "His sister Grace (07700 900123); Alice, care coordinator",
                               "crisis_actions", "Call the care coordinator; increase visits to daily",
                               "out_of_hours", "Crisis line, then the home treatment team",
                               "contingency", "If Alice is away, the duty worker on 01632 960000", NULL));
  g_object_unref (save_record (fixture, KES_CARE_CPA_REVIEW, "status", "held", "scheduled_for", "2026-11-16",
                               "held_on", "2026-11-16", "attendees", "Sam, Alice, Dr Patel, Grace (carer)",
                               "carer_attended", "true", "outcomes", "Continue the depot; start work placement",
                               NULL));

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2019-06-01");
  kes_moj_record_set_text (status, "order_date", "2019-06-01");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2024-02-03");
  kes_moj_record_set_text (status, "mappa_category", "2");
  kes_moj_record_set_text (status, "mappa_level", "1");
  kes_moj_record_set_text (status, "vlo", "Jo Hart, Victim Liaison Unit, 01632 960222");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_moj_record_set_text (victims, "category", "victims");
  kes_moj_record_set_text (victims, "wording", "No contact with the victim or her family; not to enter Thorpe");
  kes_moj_record_set_text (victims, "start_date", "2024-02-03");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, victims, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_field_record_set_text (carer, "name", "Grace Okafor");
  kes_field_record_set_text (carer, "phone", "07700 900123");
  g_assert_true (kes_store_save_carer_record (fixture->db->store, carer, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_field_record_set_patient_id (link, fixture->patient_id);
  kes_field_record_set_text (link, "carer_id", kes_field_record_get_id (carer));
  kes_field_record_set_text (link, "relationship", "sister");
  g_assert_true (kes_store_save_carer_record (fixture->db->store, link, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  kes_field_record_set_patient_id (consent, fixture->patient_id);
  kes_field_record_set_text (consent, "carer_id", kes_field_record_get_id (carer));
  kes_field_record_set_text (consent, "status", "given");
  kes_field_record_set_list (consent, "scope", scope);
  kes_field_record_set_text (consent, "decided_on", "2026-11-03");
  kes_field_record_set_text (consent, "review_date", "2027-05-03");
  g_assert_true (kes_store_save_carer_record (fixture->db->store, consent, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

/* Expands every expander row under @widget. */
static void
expand_all (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

/* The tab's scrolled window shows @widget at its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  /* Twice: the first pass may run before the tab has its final size. */
  for (guint i = 0; i < 2; i++)
    {
      kes_test_wait (300);
      g_assert_true (gtk_widget_compute_point (widget,
                                               gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, point.y - 12);
    }
  kes_test_wait (300);
}

/* With KES_SHOTS_DIR set: Today, the Medication and Care plan tabs (light
 * and dark), the trend charts, the forensic essentials, a red blood result
 * in the form and the crisis plan PDF, on demo data, to look at. */
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
  fill_record_for_shots (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);

  today = kes_community_show_today (fixture);
  kes_today_page_set_all_teams (today, TRUE);
  g_assert_true (kes_test_wait_until (kes_community_today_loaded, today, 20000));
  g_assert_cmpuint (g_list_model_get_n_items (kes_today_page_get_items (today)), >, 0);
  first = g_list_model_get_item (kes_today_page_get_items (today), 0);
  g_assert_cmpint (kes_due_item_get_urgency (first), ==, KES_DUE_TOP_PRIORITY);
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "today.png");

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "medication");
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "medication.png");
  {
    GtkWidget *medication = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW);

    save_png (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "due_group"), "monitoring-due.png");
    g_object_unref (save_record (fixture, KES_CARE_CLOZAPINE_MONITORING, "decided_on", "2026-11-21",
                                 "monitoring_service", "cpms", "thresholds", "ben", "decided_by", "Dr Patel",
                                 "reason", "Haematology review 2 Nov 2026; CPMS registered under BEN", NULL));
    g_object_unref (save_record (fixture, KES_CARE_CLOZAPINE_NO_RECHALLENGE, "decided_on", "2026-11-21",
                                 "decided_by", "Dr Patel", "reason", "Red result on 20 Nov 2026", NULL));
    kes_medication_view_reload (KES_MEDICATION_VIEW (medication));
    scroll_to (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "clozapine_settings_group"));
    save_png (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "clozapine_settings_group"),
              "clozapine-monitoring.png");
    save_png (GTK_WIDGET (fixture->window), "medication-clozapine.png");
  }
  kes_patient_page_show_tab (page, "care-plan");
  kes_test_wait (300);
  save_png (GTK_WIDGET (fixture->window), "care-plan.png");

  kes_patient_page_show_tab (page, "medication");
  button = kes_test_find_button (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW),
                                 "Add _Result…");
  g_signal_emit_by_name (button, "clicked");
  form = kes_community_find_form ();
  kes_care_form_set_value (form, "wbc", "3.2");
  kes_care_form_set_value (form, "neutrophils", "1.8");
  kes_test_wait (300);
  save_png (GTK_WIDGET (form), "fbc-form-amber.png");
  gtk_window_destroy (GTK_WINDOW (form));

  /* A check recorded on the wrong day, marked: listed dimmed with the reason. */
  {
    g_autoptr(GListModel) checks = kes_store_list_care_records (fixture->db->store, fixture->patient_id,
                                                                KES_CARE_PHYSICAL_HEALTH, FALSE, &error);
    g_autoptr(KesCareRecord) wrong = g_list_model_get_item (checks, 4); /* 12 Jan 2026 */

    g_assert_cmpstr (kes_care_record_get (wrong, "taken_on"), ==, "2026-01-12");
    g_assert_true (kes_store_mark_care_record_entered_in_error (fixture->db->store, wrong,
                                                                "Weighed on the clinic's faulty scales", &error));
    g_assert_no_error (error);
    kes_medication_view_reload (KES_MEDICATION_VIEW (kes_test_find_descendant (GTK_WIDGET (page),
                                                                      KES_TYPE_MEDICATION_VIEW)));
  }
  for (guint dark = 0; dark < 2; dark++)
    {
      GtkWidget *medication = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW);
      GtkWidget *care_plan = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW);
      const char *suffix = dark ? "-dark.png" : ".png";
      g_autofree char *trends = g_strconcat ("medication-trends", suffix, NULL);
      g_autofree char *plan = g_strconcat ("care-plan-reviews", suffix, NULL);
      g_autofree char *essentials = g_strconcat ("crisis-essentials", suffix, NULL);

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      kes_patient_page_show_tab (page, "medication");
      kes_test_wait (300);
      scroll_to (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "trends_group"));
      save_png (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "trends_group"), trends);
      save_png (kes_test_child (medication, KES_TYPE_MEDICATION_VIEW, "physical_group"),
                dark ? "physical-dark.png" : "physical.png");
      kes_patient_page_show_tab (page, "care-plan");
      kes_test_wait (300);
      scroll_to (kes_test_child (care_plan, KES_TYPE_CARE_PLAN_VIEW, "reviews_group"));
      save_png (GTK_WIDGET (fixture->window), plan);
      save_png (kes_test_child (care_plan, KES_TYPE_CARE_PLAN_VIEW, "reviews_group"),
                dark ? "reviews-dark.png" : "reviews.png");
      expand_all (kes_test_child (care_plan, KES_TYPE_CARE_PLAN_VIEW, "essentials_group"));
      kes_test_wait (300);
      scroll_to (kes_test_child (care_plan, KES_TYPE_CARE_PLAN_VIEW, "essentials_group"));
      save_png (kes_test_child (care_plan, KES_TYPE_CARE_PLAN_VIEW, "essentials_group"), essentials);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  {
    g_autofree char *pdf = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "crisis-plan-full.pdf", NULL);
    g_autofree char *xml = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "crisis-plan-full.xml", NULL);

    g_assert_true (kes_care_plan_view_share (KES_CARE_PLAN_VIEW (kes_test_find_descendant (GTK_WIDGET (page),
                                                                                  KES_TYPE_CARE_PLAN_VIEW)),
                                             "Norfolk crisis resolution and home treatment team", "secure-email",
                                             NULL, pdf, xml, &error));
    g_assert_no_error (error);
  }
}

/* Where the focus is: inside @widget (an entry row's text) or on it. */
static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* A refusal in the care form is seen however far the form was scrolled:
 * the message above the fields comes into view, the first field to put
 * right has the focus and is marked; the message follows the values as
 * they are corrected and goes when nothing is wrong. A second dose the
 * same day is refused by the store, and that says so too. */
static void
test_care_form_refusals (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesCareRecord) check = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
  g_autoptr(KesCareRecord) depot = NULL;
  g_autoptr(KesCareRecord) dose = NULL;
  GtkWidget *error_label;
  GtkWidget *scrolled;
  GtkWidget *systolic;
  KesCareForm *form;

  kes_care_record_set_patient_id (check, fixture->patient_id);
  form = kes_care_form_new (GTK_WINDOW (fixture->window), fixture->db->store, check, "Physical health check");
  gtk_window_present (GTK_WINDOW (form));
  error_label = kes_test_child (form, KES_TYPE_CARE_FORM, "error_label");
  scrolled = gtk_widget_get_ancestor (error_label, GTK_TYPE_SCROLLED_WINDOW);
  kes_care_form_set_value (form, "taken_on", "20/11/2026");
  kes_care_form_set_value (form, "systolic", "80");
  kes_care_form_set_value (form, "diastolic", "120");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (form));
  /* The user is at the bottom of the form when pressing Save. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 10000);
  kes_test_wait (50);
  g_assert_false (kes_care_form_save (form));
  kes_test_wait (200);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "Blood pressure 80/120: the systolic (upper) pressure must be higher than the diastolic (lower); "
                   "check whether the two were swapped");
  {
    graphene_rect_t bounds;
    double page = gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));

    g_assert_true (gtk_widget_compute_bounds (error_label, scrolled, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, page);
  }
  systolic = kes_test_find_row (GTK_WIDGET (form), "Systolic blood pressure (mmHg)");
  g_assert_nonnull (systolic);
  g_assert_true (focus_in (systolic));
  g_assert_true (gtk_widget_has_css_class (systolic, "error"));
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 1);

  /* Typing the right value: the message no longer quotes the old one, and goes. */
  kes_care_form_set_value (form, "systolic", "110");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "Blood pressure 110/120: the systolic (upper) pressure must be higher than the diastolic (lower); "
                   "check whether the two were swapped");
  kes_care_form_set_value (form, "systolic", "130");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (systolic, "error"));
  g_assert_true (kes_care_form_save (form));
  gtk_window_destroy (GTK_WINDOW (form));

  /* The store's refusal: a second dose given the same day. */
  depot = kes_community_save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Paliperidone palmitate", "category",
                                     "depot", "depot_drug", "paliperidone-palmitate-1m", "dose", "100 mg",
                                     "interval_days", "28", "prescriber", "Dr Patel", "start_date", "2026-06-01", NULL);
  g_object_unref (kes_community_save_record (fixture, KES_CARE_DEPOT_DOSE, "prescription_id",
                                             kes_care_record_get_id (depot), "given_on", "2026-11-20", "outcome",
                                             "given", "dose", "100 mg", "site", "Left deltoid", "batch", "PP1",
                                             "given_by", "Alice", NULL));
  dose = kes_care_record_new (KES_CARE_DEPOT_DOSE);
  kes_care_record_set_patient_id (dose, fixture->patient_id);
  kes_care_record_set (dose, "prescription_id", kes_care_record_get_id (depot));
  form = kes_care_form_new (GTK_WINDOW (fixture->window), fixture->db->store, dose, "Depot dose");
  gtk_window_present (GTK_WINDOW (form));
  error_label = kes_test_child (form, KES_TYPE_CARE_FORM, "error_label");
  kes_care_form_set_value (form, "given_on", "20/11/2026");
  kes_care_form_set_value (form, "outcome", "given");
  kes_care_form_set_value (form, "dose", "100 mg");
  kes_care_form_set_value (form, "site", "Right deltoid");
  kes_care_form_set_value (form, "batch", "PP1");
  kes_care_form_set_value (form, "given_by", "Bob");
  g_assert_false (kes_care_form_save (form));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)),
                                   "Date: a dose of this depot is already recorded as given on 20 Nov 2026"));
  /* It stays while the values change: only the store can say it is resolved. */
  kes_care_form_set_value (form, "batch", "PP2");
  g_assert_true (gtk_widget_get_visible (error_label));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* Today's rows are named for a screen reader (what, whose, when), on the
 * row itself, not only on a box inside it (issue 24). */
static void
test_today_rows_named (Fixture       *fixture,
                       gconstpointer  data)
{
  KesTodayPage *today = kes_community_show_today (fixture);
  GtkWidget *list = kes_test_find_descendant (GTK_WIDGET (today), GTK_TYPE_LIST_VIEW);
  guint named = 0;

  g_assert_nonnull (list);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (!gtk_widget_get_visible (row) || gtk_widget_get_first_child (row) == NULL)
        continue;
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
      named++;
    }
  /* The fixture's patient has no care plan: at least that item. */
  g_assert_cmpuint (named, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/community/pure-helpers", test_pure_helpers);
  g_test_add ("/community/empty-today", Fixture, NULL, kes_community_fixture_set_up, test_empty_today,
              kes_community_fixture_tear_down);
  g_test_add ("/community/depot-and-fbc-update-today", Fixture, NULL, kes_community_fixture_set_up,
              test_depot_and_fbc_update_today, kes_community_fixture_tear_down);
  g_test_add ("/community/trend-charts", Fixture, NULL, kes_community_fixture_set_up, test_trend_charts,
              kes_community_fixture_tear_down);
  g_test_add ("/community/cpa-validation-and-essentials", Fixture, NULL, kes_community_fixture_set_up,
              test_cpa_validation_and_essentials, kes_community_fixture_tear_down);
  g_test_add ("/community/share-crisis-plan", Fixture, NULL, kes_community_fixture_set_up, test_share_crisis_plan,
              kes_community_fixture_tear_down);
  g_test_add ("/community/care-form-refusals", Fixture, NULL, kes_community_fixture_set_up,
              test_care_form_refusals, kes_community_fixture_tear_down);
  g_test_add ("/community/today-rows-named", Fixture, NULL, kes_community_fixture_set_up, test_today_rows_named,
              kes_community_fixture_tear_down);
  g_test_add ("/community/screenshots", Fixture, NULL, kes_community_fixture_set_up, test_screenshots,
              kes_community_fixture_tear_down);
  return g_test_run ();
}
