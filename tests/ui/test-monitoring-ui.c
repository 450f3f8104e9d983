/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-monitoring-ui"

#include "config.h"

#include <string.h>

#include "community/kes-care-form.h"
#include "community/kes-medication-view.h"
#include "kes-community-fixture.h"
#include "kes-store-community.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"

/* The monitoring parts of the Medication tab in the real window: what is
 * due next from every course, and the settings a clinician records for a
 * patient (blood count thresholds and monitoring service, not to be
 * re-challenged, lithium target range), each refused in plain words when
 * incomplete, and each changing what the tab shows once saved. */

typedef KesCommunityFixture Fixture;

static GtkWidget *
open_medication (Fixture *fixture)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *view;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "medication");
  view = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MEDICATION_VIEW);
  g_assert_nonnull (view);
  return view;
}

/* Clicks the button labelled @label under @view and returns the form it opens. */
static KesCareForm *
click_for_form (GtkWidget  *view,
                const char *label)
{
  GtkWidget *button = kes_test_find_button (view, label);
  KesCareForm *form;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  form = kes_community_find_form ();
  g_assert_nonnull (form);
  return form;
}

/* Saving @form is refused with a message containing @words, and the form
 * stays open with what was typed. */
static void
assert_refused (KesCareForm *form,
                const char  *words)
{
  GtkWidget *label = kes_test_child (form, KES_TYPE_CARE_FORM, "error_label");

  g_assert_false (kes_care_form_save (form));
  g_assert_true (gtk_widget_get_visible (label));
  if (strstr (gtk_label_get_text (GTK_LABEL (label)), words) == NULL)
    g_error ("Expected “%s” in “%s”", words, gtk_label_get_text (GTK_LABEL (label)));
}

static void
save_and_close (KesCareForm *form)
{
  g_assert_true (kes_care_form_save (form));
  gtk_window_destroy (GTK_WINDOW (form));
  kes_test_wait (50);
}

static GtkWidget *
group (GtkWidget  *view,
       const char *name)
{
  return kes_test_child (view, KES_TYPE_MEDICATION_VIEW, name);
}

/* A clozapine patient on standard thresholds with an amber result is
 * overdue a test; BEN criteria need their basis, and a result under them
 * needs the service's colour and shows both; not to be re-challenged is recorded, shown in the header, lifted. */
static void
test_clozapine_settings (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *row;
  GtkLabel *alerts;
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  KesCareForm *form;

  g_object_unref (kes_community_save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Clozapine",
                                             "category", "clozapine", "dose", "300 mg", "prescriber", "Dr Patel",
                                             "start_date", "2025-06-01", NULL));
  /* Neutrophils 1.8: amber under the standard thresholds (SmPC: 1.5 to 2.0). */
  g_object_unref (kes_community_save_record (fixture, KES_CARE_FBC, "taken_on", "2026-11-01", "wbc", "3.2",
                                             "neutrophils", "1.8", NULL));
  view = open_medication (fixture);

  /* Amber: repeat within 3 days, so the test due on 4 Nov is overdue. */
  row = kes_test_find_row (group (view, "due_group"), "Clozapine blood test");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Due 4 Nov 2026"));
  g_assert_true (kes_test_has_label (row, "Overdue"));
  g_assert_true (gtk_widget_get_visible (group (view, "clozapine_settings_group")));
  g_assert_false (gtk_widget_get_visible (group (view, "lithium_settings_group")));
  row = kes_test_find_row (view, "Standard thresholds (no decision recorded)");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Source: "));
  row = kes_test_find_row (view, "1 Nov 2026 — WBC 3.2, neutrophils 1.8");
  g_assert_true (kes_test_has_label (row, "Kestrel: Amber"));

  /* BEN criteria need their basis, in plain words. */
  form = click_for_form (view, "_Thresholds…");
  kes_care_form_set_value (form, "thresholds", "ben");
  /* No service is chosen for the clinician: the first in the list is not assumed. */
  assert_refused (form, "Monitoring service");
  kes_care_form_set_value (form, "monitoring_service", "ztas");
  assert_refused (form, "say on what basis the patient is monitored under BEN criteria");
  kes_care_form_set_value (form, "reason", "Haematology review 2 Nov 2026; ZTAS registered under BEN");
  save_and_close (form);
  g_assert_nonnull (kes_test_find_row (view, "Benign ethnic neutropenia (BEN) criteria · "
                                             "ZTAS (Zaponex Treatment Access System)"));
  /* A result keeps the thresholds in force on the day it was taken. */
  row = kes_test_find_row (view, "1 Nov 2026 — WBC 3.2, neutrophils 1.8");
  g_assert_true (kes_test_has_label (row, "Kestrel: Amber"));

  /* A result under BEN: the service's colour is asked for and shown. */
  form = click_for_form (view, "Add _Result…");
  kes_care_form_set_value (form, "wbc", "3.1");
  kes_care_form_set_value (form, "neutrophils", "1.6");
  assert_refused (form, "Monitoring service’s colour");
  kes_care_form_set_value (form, "service_light", "amber");
  g_assert_nonnull (strstr (kes_care_form_get_computed (form), "differ"));
  save_and_close (form);
  row = kes_test_find_row (view, "21 Nov 2026 — WBC 3.1, neutrophils 1.6");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "Kestrel: Green"));
  g_assert_true (kes_test_has_label (row, "Service: Amber"));
  g_assert_true (kes_test_has_label (row, "Kestrel and the monitoring service differ"));
  /* The more cautious colour counts: amber, so the next test is in 3 days. */
  row = kes_test_find_row (group (view, "due_group"), "Clozapine blood test");
  g_assert_true (kes_test_has_label (row, "Due 24 Nov 2026"));

  /* Not to be re-challenged: needs the reason; then in the header. */
  form = click_for_form (view, "Not to Be _Re-challenged…");
  assert_refused (form, "Why clozapine must not be given again");
  kes_care_form_set_value (form, "reason", "Red result on 14 Oct 2019 (neutrophils 0.9) at another trust");
  save_and_close (form);
  row = kes_test_find_row (view, "Not to be re-challenged with clozapine");
  g_assert_nonnull (row);
  alerts = GTK_LABEL (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_label"));
  g_assert_true (gtk_widget_get_visible (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (alerts), "Not to be re-challenged with clozapine"));

  /* Lifted with a reason, it goes from the tab and the header. */
  form = click_for_form (row, "_Lift…");
  assert_refused (form, "say why it no longer applies");
  kes_care_form_set_value (form, "lift_reason", "Haematology review: BEN confirmed, re-challenge agreed");
  save_and_close (form);
  g_assert_null (kes_test_find_row (view, "Not to be re-challenged with clozapine"));
  g_assert_false (gtk_widget_get_visible (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "alerts_box")));
}

/* A lithium patient above the usual range; the higher range needs its
 * reason and then a level of 0.9 is in range. Physical health checks list
 * the lithium and antipsychotic measures. */
static void
test_lithium_plan (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *view;
  GtkWidget *row;
  KesCareForm *form;

  g_object_unref (kes_community_save_record (fixture, KES_CARE_PRESCRIPTION, "drug", "Lithium carbonate",
                                             "category", "lithium", "dose", "800 mg", "prescriber", "Dr Patel",
                                             "start_date", "2025-01-06", NULL));
  g_object_unref (kes_community_save_record (fixture, KES_CARE_LITHIUM_LEVEL, "taken_on", "2026-11-02",
                                             "level", "0.9", NULL));
  g_object_unref (kes_community_save_record (fixture, KES_CARE_PHYSICAL_HEALTH, "taken_on", "2026-11-02",
                                             "weight_kg", "80", "egfr", "85", "ue_done", "true", "calcium", "2.4",
                                             "tsh", "2.1", "prolactin", "350", "ecg_done", "true",
                                             "ecg_note", "QTc 420 ms", NULL));
  view = open_medication (fixture);

  g_assert_true (gtk_widget_get_visible (group (view, "lithium_settings_group")));
  g_assert_false (gtk_widget_get_visible (group (view, "clozapine_settings_group")));
  g_assert_nonnull (kes_test_find_row (view, "Target range 0.6 to 0.8 mmol/L"));
  row = kes_test_find_row (view, "2 Nov 2026 — 0.9 mmol/L");
  g_assert_true (kes_test_has_label (row, "Above the target range"));
  g_assert_nonnull (kes_test_find_row (group (view, "due_group"), "Lithium level"));

  form = click_for_form (view, "_Change Plan…");
  kes_care_form_set_value (form, "target_range", "higher");
  assert_refused (form, "say why the higher range (0.8 to 1.0) is needed");
  kes_care_form_set_value (form, "reason", "Relapsed twice at levels of 0.6 to 0.7");
  save_and_close (form);
  g_assert_nonnull (kes_test_find_row (view, "Target range 0.8 to 1.0 mmol/L"));
  /* A level keeps the range in force on the day it was taken; a new one
   * is judged against the higher range, in the form and on the tab. */
  row = kes_test_find_row (view, "2 Nov 2026 — 0.9 mmol/L");
  g_assert_true (kes_test_has_label (row, "Above the target range"));
  form = click_for_form (view, "Add _Level…");
  kes_care_form_set_value (form, "level", "0.9");
  g_assert_nonnull (strstr (kes_care_form_get_computed (form), "In the target range"));
  save_and_close (form);
  row = kes_test_find_row (view, "21 Nov 2026 — 0.9 mmol/L");
  g_assert_true (kes_test_has_label (row, "In the target range"));

  row = kes_test_find_row (group (view, "physical_group"), "2 Nov 2026");
  g_assert_nonnull (row);
  g_assert_true (kes_test_has_label (row, "prolactin 350 mIU/L"));
  g_assert_true (kes_test_has_label (row, "ECG: QTc 420 ms"));
  g_assert_true (kes_test_has_label (row, "eGFR 85"));
  g_assert_true (kes_test_has_label (row, "U&E checked"));
  g_assert_true (kes_test_has_label (row, "calcium 2.4 mmol/L"));
  g_assert_true (kes_test_has_label (row, "TSH 2.1 mU/L"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/monitoring-ui/clozapine-settings", Fixture, NULL, kes_community_fixture_set_up,
              test_clozapine_settings, kes_community_fixture_tear_down);
  g_test_add ("/monitoring-ui/lithium-plan", Fixture, NULL, kes_community_fixture_set_up, test_lithium_plan,
              kes_community_fixture_tear_down);
  return g_test_run ();
}
