/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kes-accounts.h"
#include "kes-community-fixture.h"
#include "kes-store-moj.h"
#include "kes-store-risk.h"
#include "kes-store.h"
#include "kes-test-accounts.h"
#include "patient/kes-patient-page.h"
#include "community/kes-care-plan-view.h"
#include "patient/kes-record-overview.h"

/* Issue 21: a record opens on its overview, read from the records that
 * hold each thing, each line a way to its tab, and only what the signed-in
 * role may read. */

typedef KesCommunityFixture Fixture;

static const char *
subtitle_of (GtkWidget  *overview,
             const char *title)
{
  GtkWidget *row = kes_test_find_row (overview, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *overview;
  GtkWidget *row;

  g_object_unref (kes_community_save_record (fixture, KES_CARE_CARE_PLAN, "start_date", "2026-11-01", "goals",
                                             "“Keep my flat.”", "review_date", "2027-05-01", "s117_status",
                                             "receiving", "actions",
                                             "[{\"need\":\"Housing\",\"intervention\":\"Tenancy support\","
                                             "\"who\":\"Care coordinator\",\"by_when\":\"2026-12-01\"}]", NULL));
  g_object_unref (kes_community_save_record (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-01",
                                             "review_date", "2027-02-01", "early_warning_signs", "Stops sleeping",
                                             "responds_to", "Sister", "crisis_actions", "Visit",
                                             "out_of_hours", "Crisis line", "contingency", "Duty worker", NULL));
  /* A signed-off risk assessment with the clinician's formulation. */
  {
    g_autoptr(KesRiskAssessment) risk = kes_risk_assessment_new (fixture->patient_id, "HCR-20", "3", 1);
    g_autoptr(GError) error = NULL;

    kes_risk_assessment_set_assessed_on (risk, "2026-11-10");
    kes_risk_assessment_set_completed_by (risk, "Dr Cara Clinic");
    kes_risk_assessment_set_mdt_reviewed_on (risk, "2026-11-10");
    kes_risk_assessment_set_next_review_on (risk, "2027-05-10");
    kes_risk_assessment_set_field (risk, "case_prioritisation", "M");
    kes_risk_assessment_set_field (risk, "serious_harm", "L");
    kes_risk_assessment_set_field (risk, "imminent_violence", "L");
    kes_risk_assessment_set_field (risk, "formulation", "Violence has followed stopping medication\nand "
                                                        "drinking when his housing was at risk.");
    kes_risk_assessment_set_status (risk, KES_RISK_STATUS_COMPLETED);
    g_assert_true (kes_store_sign_off_risk_assessment (fixture->db->store, risk, NULL, KES_TEST_PASSWORD, &error));
    g_assert_no_error (error);
  }
  /* Two conditions of discharge: one in force, one ended yesterday. */
  {
    const char *conditions[][4] = {
      { "residence", "Reside at Elm House, Norwich, or as approved by the responsible clinician", "2026-06-01", "" },
      { "substances", "Abstain from alcohol and submit to testing", "2026-06-01", "2026-11-20" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (conditions); i++)
      {
        g_autoptr(KesMojRecord) condition = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
        g_autoptr(GError) error = NULL;

        kes_moj_record_set_text (condition, "category", conditions[i][0]);
        kes_moj_record_set_text (condition, "wording", conditions[i][1]);
        kes_moj_record_set_text (condition, "start_date", conditions[i][2]);
        kes_moj_record_set_text (condition, "end_date", conditions[i][3]);
        g_assert_true (kes_store_save_moj_record (fixture->db->store, condition, KES_CHANGE_CREATE, NULL, &error));
        g_assert_no_error (error);
      }
  }
  kes_window_open_patient (fixture->window, fixture->patient_id);
  overview = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_RECORD_OVERVIEW);
  g_assert_nonnull (overview);
  g_assert_true (gtk_widget_get_visible (overview));

  /* The conditions in force are listed, kind and wording, not counted. */
  g_assert_cmpstr (subtitle_of (overview, "Conditions of discharge"), ==,
                   "Residence: Reside at Elm House, Norwich, or as approved by the responsible clinician");

  /* The earliest review is the crisis plan's. */
  g_assert_cmpstr (subtitle_of (overview, "Next review"), ==, "1 Feb 2027 (crisis plan review)");
  g_assert_cmpstr (subtitle_of (overview, "Latest note"), ==, "None written");
  g_assert_cmpstr (subtitle_of (overview, "Alerts"), ==, "None recorded");
  g_assert_nonnull (kes_test_find_row (overview, "Legal status"));
  g_assert_nonnull (kes_test_find_row (overview, "Current medication"));
  g_assert_nonnull (kes_test_find_row (overview, "Care coordinator"));

  /* The latest risk assessment by its tool's title, with the start of the
   * clinician's formulation. */
  {
    const char *line = subtitle_of (overview, "Latest risk assessment");

    g_assert_true (g_str_has_prefix (line, "HCR-20 Version 3 (frame), 10 Nov 2026 by "));
    /* (The line is cut to fit, as every line is.) */
    g_assert_nonnull (strstr (line, "\nFormulation: Violence has followed stopping medication and drinking"));
  }

  /* A line opens its tab. */
  row = kes_test_find_row (overview, "Next review");
  g_signal_emit_by_name (row, "activated");
  g_assert_nonnull (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW));
  g_assert_true (gtk_widget_get_mapped (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW)));
  row = kes_test_find_row (overview, "Legal status");
  g_signal_emit_by_name (row, "activated");
  g_assert_false (gtk_widget_get_mapped (kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_CARE_PLAN_VIEW)));
}

/* A carers' liaison worker may open the register entry, not the clinical
 * record: the overview shows the register's alerts and care coordinator,
 * and nothing read from the clinical record. */
static void
test_overview_for_carers_liaison (Fixture       *fixture,
                                  gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  const char *team = kes_staff_get_team_id (fixture->db->actor);
  g_autoptr(KesStaff) cara = kes_test_account (fixture->db->store, "cara", "Cara Carers", team, "carers-liaison");
  GtkWidget *overview;

  g_object_unref (kes_community_save_record (fixture, KES_CARE_CRISIS_PLAN, "agreed_on", "2026-11-01",
                                             "review_date", "2027-02-01", "early_warning_signs", "Stops sleeping",
                                             "responds_to", "Sister", "crisis_actions", "Visit",
                                             "out_of_hours", "Crisis line", "contingency", "Duty worker", NULL));
  kes_store_set_actor (fixture->db->store, cara);
  kes_window_open_patient (fixture->window, fixture->patient_id);
  overview = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_RECORD_OVERVIEW);
  g_assert_nonnull (overview);
  g_assert_nonnull (kes_test_find_row (overview, "Alerts"));
  g_assert_nonnull (kes_test_find_row (overview, "Care coordinator"));
  g_assert_null (kes_test_find_row (overview, "Next review"));
  g_assert_null (kes_test_find_row (overview, "Legal status"));
  g_assert_null (kes_test_find_row (overview, "Conditions of discharge"));
  g_assert_null (kes_test_find_row (overview, "Current medication"));
  g_assert_null (kes_test_find_row (overview, "Latest note"));
  g_assert_null (kes_test_find_row (overview, "Latest risk assessment"));
  g_assert_false (kes_test_has_label (GTK_WIDGET (page), "crisis plan review"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/record-overview/lines-and-links", Fixture, NULL, kes_community_fixture_set_up, test_overview,
              kes_community_fixture_tear_down);
  g_test_add ("/record-overview/carers-liaison", Fixture, NULL, kes_community_fixture_set_up,
              test_overview_for_carers_liaison, kes_community_fixture_tear_down);
  return g_test_run ();
}
