/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-referrals"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-store-patients.h"
#include "kes-ui-test-util.h"
#include "kes-report-referral.h"
#include "kes-store-moj.h"
#include "kes-store-risk.h"
#include "kes-pdf-writer.h"
#include "kes-test-accounts.h"
#include "preview/kes-report-preview.h"
#include "referrals/kes-referral-assessment.h"
#include "referrals/kes-referral-correction.h"
#include "kes-window.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "referrals/kes-referral-tab.h"
#include "referrals/kes-referrals-page.h"
#include <poppler.h>

typedef struct
{
  KesTestDb        *db;
  GtkWidget        *window;
  KesReferralsPage *page;
  char             *patient_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->db = kes_test_db_new (TRUE);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Wagtail", "Sam", "9434765919", NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 760);
  fixture->page = KES_REFERRALS_PAGE (kes_referrals_page_new ());
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  kes_referrals_page_set_context (fixture->page, fixture->db->context);
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

/* With KES_SHOTS_DIR set, saves what @widget shows as NAME.png there. */
static void
snapshot (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("KES_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snap = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;
  /* A window presented a moment ago may not have been laid out yet: its
   * snapshot would then have no render node. Wait for a frame first. */
  gtk_test_widget_wait_for_draw (widget);
  kes_test_wait (200);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snap));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

static void
test_wait_levels (void)
{
  g_assert_cmpint (kes_referrals_wait_level (KES_REFERRAL_RECEIVED, 13, 14, 28), ==, KES_REFERRAL_WAIT_OK);
  g_assert_cmpint (kes_referrals_wait_level (KES_REFERRAL_RECEIVED, 14, 14, 28), ==, KES_REFERRAL_WAIT_AMBER);
  g_assert_cmpint (kes_referrals_wait_level (KES_REFERRAL_SCREENING, 27, 14, 28), ==, KES_REFERRAL_WAIT_AMBER);
  g_assert_cmpint (kes_referrals_wait_level (KES_REFERRAL_ASSESSED, 28, 14, 28), ==, KES_REFERRAL_WAIT_RED);
  /* After the decision the waiting-time colours no longer apply. */
  g_assert_cmpint (kes_referrals_wait_level (KES_REFERRAL_IN_REACH, 200, 14, 28), ==, KES_REFERRAL_WAIT_OK);
}

static void
test_matches (void)
{
  g_autoptr(KesReferral) referral = kes_referral_new ();

  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "internal-ward");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "suffolk");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Willow Ward");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  g_assert_true (kes_referrals_matches (referral, "Sam Wagtail", NULL, NULL, NULL, NULL));
  g_assert_true (kes_referrals_matches (referral, "Sam Wagtail", "wag", "received", "internal-ward", "suffolk"));
  g_assert_true (kes_referrals_matches (referral, "Sam Wagtail", "WILLOW", "", "", ""));
  g_assert_true (kes_referrals_matches (referral, "Sam Wagtail", "rook", NULL, NULL, NULL));
  g_assert_false (kes_referrals_matches (referral, "Sam Wagtail", "dunnock", NULL, NULL, NULL));
  g_assert_false (kes_referrals_matches (referral, "Sam Wagtail", NULL, "screening", NULL, NULL));
  g_assert_false (kes_referrals_matches (referral, "Sam Wagtail", NULL, NULL, "external-hospital", NULL));
  g_assert_false (kes_referrals_matches (referral, "Sam Wagtail", NULL, NULL, NULL, "norfolk"));
}

static GtkWidget *
form_field (KesReferralForm *form,
            const char      *name)
{
  return kes_test_child (form, KES_TYPE_REFERRAL_FORM, name);
}

static void
type_into (KesReferralForm *form,
           const char      *name,
           const char      *text)
{
  gtk_editable_set_text (GTK_EDITABLE (form_field (form, name)), text);
}

static void
choose (KesReferralForm *form,
        const char      *name,
        const char      *code)
{
  kes_dropdown_set_code (GTK_DROP_DOWN (form_field (form, name)), code);
  g_assert_cmpstr (kes_dropdown_get_code (GTK_DROP_DOWN (form_field (form, name))), ==, code);
}

static const char *
label_text (KesReferralForm *form,
            const char      *name)
{
  GtkWidget *label = form_field (form, name);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static guint
count_referrals (Fixture *fixture)
{
  g_autoptr(GPtrArray) all = kes_store_list_referrals (fixture->db->store, NULL, FALSE, NULL);
  return all->len;
}

/* The first button labelled @label under @widget, depth first. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The entries of a dialog's extra child, in order. */
static GPtrArray *
dialog_entries (AdwMessageDialog *dialog)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_ENTRY (child))
      g_ptr_array_add (entries, child);
  return entries;
}

static gboolean
page_loaded (gpointer page)
{
  return !kes_referrals_page_is_loading (page);
}

/* The list loads in a worker thread: wait until it is back. */
static void
wait_loaded (Fixture *fixture)
{
  g_assert_true (kes_test_wait_until (page_loaded, fixture->page, 10000));
}

static gboolean
offered (KesReferralView  *view,
         KesReferralStage  stage)
{
  GArray *stages = kes_referral_view_get_offered (view);

  for (guint i = 0; i < stages->len; i++)
    if (g_array_index (stages, guint, i) == stage)
      return TRUE;
  return FALSE;
}

static void
test_intake_to_in_reach (Fixture       *fixture,
                         gconstpointer  data)
{
  KesReferralForm *form = kes_referrals_page_new_referral (fixture->page);
  KesReferralView *view = kes_referrals_page_get_view (fixture->page);
  g_autoptr(GError) error = NULL;
  GPtrArray *shown;
  KesReferral *referral;

  g_assert_nonnull (form);
  kes_test_wait (50);
  kes_referral_form_select_patient (form, fixture->patient_id);
  /* Dates are typed as clinicians write them; core keeps YYYY-MM-DD. */
  type_into (form, "date_field", "02/11/2026");
  type_into (form, "referrer_field", "Dr Rook, consultant forensic psychiatrist");
  choose (form, "source_field", "external-hospital");
  type_into (form, "unit_field", "Ash Ward, Fenland Secure Unit");
  choose (form, "security_level_field", "medium");
  kes_text_view_set_text (GTK_TEXT_VIEW (form_field (form, "reason_field")),
                          "Planning discharge to supported accommodation in Norwich");
  kes_text_view_set_text (GTK_TEXT_VIEW (form_field (form, "index_offence_field")), "Wounding (s20), 2019");

  /* No area: the field says so and nothing is saved. */
  g_assert_false (kes_referrals_page_save_intake (fixture->page));
  g_assert_cmpstr (label_text (form, "area_error"), ==, "Area is required: where the person will live after discharge");
  g_assert_cmpuint (count_referrals (fixture), ==, 0);

  /* An expected discharge before the referral date: the same, and what was typed stays. */
  choose (form, "area_field", "norfolk");
  type_into (form, "expected_discharge_field", "01/10/2026");
  g_assert_false (kes_referrals_page_save_intake (fixture->page));
  g_assert_cmpstr (label_text (form, "expected_discharge_error"), ==,
                   "Expected discharge date 2026-10-01 is before the referral date 2026-11-02");
  g_assert_null (label_text (form, "area_error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (form, "referrer_field"))), ==,
                   "Dr Rook, consultant forensic psychiatrist");
  g_assert_cmpuint (count_referrals (fixture), ==, 0);

  /* The checklist shows an area outside the catchment as a warning with an override. */
  choose (form, "area_field", "other");
  g_assert_cmpuint (kes_referral_form_get_n_warnings (form), ==, 1);
  g_assert_true (gtk_widget_get_visible (form_field (form, "override_box")));
  choose (form, "area_field", "norfolk");
  g_assert_cmpuint (kes_referral_form_get_n_warnings (form), ==, 0);
  g_assert_false (gtk_widget_get_visible (form_field (form, "override_box")));

  type_into (form, "expected_discharge_field", "2027-02-01");

  /* (An area outside the catchment is recorded all the same and decided on
   * the pathway: tests/core/test-referrals.c and the e2e-referrals test.) */
  snapshot (gtk_widget_get_ancestor (GTK_WIDGET (form), GTK_TYPE_WINDOW), "referral-intake");
  g_assert_true (kes_referrals_page_save_intake (fixture->page));
  g_assert_cmpuint (count_referrals (fixture), ==, 1);

  /* The new referral opens, offering only the legal next steps. */
  referral = kes_referral_view_get_referral (view);
  g_assert_nonnull (referral);
  g_assert_cmpint (kes_referral_get_stage (referral), ==, KES_REFERRAL_RECEIVED);
  g_assert_true (offered (view, KES_REFERRAL_SCREENING));
  g_assert_true (offered (view, KES_REFERRAL_CLOSED));
  g_assert_true (offered (view, KES_REFERRAL_DECLINED));
  g_assert_true (offered (view, KES_REFERRAL_REDIRECTED));
  g_assert_false (offered (view, KES_REFERRAL_ACCEPTED));
  g_assert_cmpuint (kes_referral_view_get_offered (view)->len, ==, 4);
  /* Its eligibility and its waiting-time clock are on the page. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "eligibility_label"))), ==,
                   "Meets every eligibility criterion.");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "clocks_label"))), ==,
                   "19 days since referral, no decision yet");

  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_SCREENING, "2026-11-03", NULL, NULL, NULL, &error));
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-03", NULL, NULL, NULL, &error));
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_ASSESSED, "2026-11-10", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Declining without a reason is refused with a clear message. */
  g_assert_false (kes_referral_view_move (view, KES_REFERRAL_DECLINED, "2026-11-11", "", NULL, NULL, &error));
  g_assert_cmpstr (error->message, ==, "Declining a referral needs a reason");
  g_clear_error (&error);
  g_assert_cmpint (kes_referral_get_stage (kes_referral_view_get_referral (view)), ==, KES_REFERRAL_ASSESSED);

  /* Accepting before the assessment is signed off is refused, and says so. */
  g_assert_false (kes_referral_view_move (view, KES_REFERRAL_ACCEPTED, "2026-11-12", NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "message_label"))), ==,
                   "The referral can’t be accepted before its assessment is signed off: complete the assessment, "
                   "sign it off, then accept");
  g_assert_true (gtk_widget_get_visible (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "message_label")));

  /* The assessment form: sign-off refused while fields are empty, then signed. */
  {
    KesReferralAssessment *assessment =
      KES_REFERRAL_ASSESSMENT (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "assessment"));
    GtkWidget *preview_window;
    KesDocument *document;
    g_autoptr(GBytes) pdf = NULL;
    PopplerDocument *poppler;
    GString *all = g_string_new (NULL);

    gtk_editable_set_text (GTK_EDITABLE (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT,
                                                         "assessment_date_field")), "2026-11-10");
    kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "history_field")),
                            "Admitted from prison in 2020 after a s47/49 transfer.");
    g_assert_false (kes_referral_assessment_sign (assessment, KES_TEST_PASSWORD, NULL));
    g_assert_true (gtk_widget_get_visible (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "message_label")));
    kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "mental_state_field")),
                            "Euthymic, no evidence of psychosis at interview.");
    kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "risk_summary_field")),
                            "Risk of violence moderate, linked to relapse and alcohol.");
    kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "needs_field")),
                            "Supported housing, depot clinic, alcohol service.");
    kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "recommendation_field")),
                            "Accept; begin in-reach within two weeks.");
    kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "decision_field")),
                           KES_REFERRAL_DECISION_ACCEPT);

    /* The risk summary links to the latest signed structured risk
     * assessment: none yet, then the one signed off. */
    g_signal_emit_by_name (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "risk_link_button"), "clicked");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "message_label"))),
                     ==, "This patient has no signed-off structured risk assessment to link");
    {
      g_autoptr(KesRiskAssessment) risk = kes_risk_assessment_new (fixture->patient_id, "HCR-20", "3", 1);

      kes_risk_assessment_set_assessed_on (risk, "2026-11-05");
      kes_risk_assessment_set_completed_by (risk, "Dr Cara Clinic");
      kes_risk_assessment_set_mdt_reviewed_on (risk, "2026-11-06");
      kes_risk_assessment_set_next_review_on (risk, "2027-05-05");
      kes_risk_assessment_set_field (risk, "case_prioritisation", "M");
      kes_risk_assessment_set_field (risk, "other_risks_detail", "Self-neglect when unwell.");
      kes_risk_assessment_set_status (risk, KES_RISK_STATUS_COMPLETED);
      g_assert_true (kes_store_sign_off_risk_assessment (fixture->db->store, risk, NULL, KES_TEST_PASSWORD, &error));
      g_assert_no_error (error);
    }
    g_signal_emit_by_name (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "risk_link_button"), "clicked");
    {
      const char *link_text = gtk_label_get_text (GTK_LABEL (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT,
                                                                         "risk_link_label")));
      g_assert_nonnull (strstr (link_text, "Tool: HCR-20"));
      g_assert_nonnull (strstr (link_text, "Assessed: 5 Nov 2026"));
      g_assert_nonnull (strstr (link_text, "Assessor: Dr Cara Clinic"));
      g_assert_nonnull (strstr (link_text, "Case prioritisation: Moderate"));
      g_assert_nonnull (strstr (link_text, "Other risks: which, and why: Self-neglect when unwell."));
      g_assert_true (gtk_widget_get_visible (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT,
                                                             "risk_unlink_button")));
    }
    g_assert_true (kes_referral_assessment_sign (assessment, KES_TEST_PASSWORD, NULL));
    g_assert_cmpstr (kes_referral_get_text (kes_referral_view_get_referral (view), KES_REFERRAL_SIGNED_BY), ==,
                     kes_staff_get_id (fixture->db->actor));

    /* The PDF holds what the form holds. */
    preview_window = kes_referral_assessment_preview (assessment, FALSE);
    g_assert_nonnull (preview_window);
    document = kes_report_preview_get_document (g_object_get_data (G_OBJECT (preview_window), "kes-report-preview"));
    pdf = kes_pdf_render_bytes (document, NULL, &error);
    g_assert_no_error (error);
    if (g_getenv ("KES_SHOTS_DIR") != NULL)
      {
        g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "referral-assessment.pdf", NULL);
        g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
        kes_widget_scroll_into_view (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "risk_link_label"));
        snapshot (fixture->window, "referral-assessment-form");
      }
    poppler = poppler_document_new_from_bytes (pdf, NULL, &error);
    g_assert_no_error (error);
    for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
      {
        PopplerPage *page = poppler_document_get_page (poppler, i);
        g_autofree char *text = poppler_page_get_text (page);
        g_string_append (all, text);
        g_object_unref (page);
      }
    g_object_unref (poppler);
    g_assert_nonnull (strstr (all->str, "Admitted from prison in 2020"));
    g_assert_nonnull (strstr (all->str, "Euthymic, no evidence of psychosis"));
    g_assert_nonnull (strstr (all->str, "Risk of violence moderate"));
    g_assert_nonnull (strstr (all->str, "Supported housing, depot clinic"));
    g_assert_nonnull (strstr (all->str, "Accept; begin in-reach within two weeks."));
    g_assert_nonnull (strstr (all->str, "Dr Rook, consultant forensic psychiatrist"));
    g_assert_nonnull (strstr (all->str, "Ash Ward, Fenland Secure Unit"));
    g_assert_nonnull (strstr (all->str, "Wounding (s20), 2019"));
    g_assert_nonnull (strstr (all->str, "943 476 5919"));
    g_assert_nonnull (strstr (all->str, "Structured risk assessment drawn on"));
    g_assert_nonnull (strstr (all->str, "Dr Cara Clinic"));
    g_assert_nonnull (strstr (all->str, "Case prioritisation"));
    g_assert_nonnull (strstr (all->str, "Self-neglect when unwell."));
    g_assert_cmpstr (kes_referral_get_text (kes_referral_view_get_referral (view), KES_REFERRAL_RISK_ASSESSMENT_ID), !=, "");
    g_string_free (all, TRUE);
    gtk_window_destroy (GTK_WINDOW (preview_window));

    /* Changed after sign-off: the form says so, with who and when, until it
     * is signed off again. */
    {
      GtkLabel *signed_label = GTK_LABEL (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT,
                                                          "signed_label"));

      g_assert_true (g_str_has_prefix (gtk_label_get_text (signed_label), "Signed off by Test User, "));
      kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT, "needs_field")),
                              "Supported housing, depot clinic, alcohol service, carer's assessment.");
      g_assert_true (kes_referral_assessment_save (assessment));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (signed_label), "Altered after sign-off by Test User on "));
      g_assert_nonnull (strstr (gtk_label_get_text (signed_label), "sign it off again"));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (signed_label), "error"));
      if (g_getenv ("KES_SHOTS_DIR") != NULL)
        {
          kes_widget_scroll_into_view (GTK_WIDGET (signed_label));
          snapshot (fixture->window, "referral-assessment-altered");
        }
      g_assert_true (kes_referral_assessment_sign (assessment, KES_TEST_PASSWORD, NULL));
      g_assert_true (g_str_has_prefix (gtk_label_get_text (signed_label), "Signed off by Test User, "));
    }
  }

  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_ACCEPTED, "2026-11-12", NULL, NULL, NULL, &error));
  g_assert_true (offered (view, KES_REFERRAL_IN_REACH));
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_IN_REACH, "2026-11-16", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (offered (view, KES_REFERRAL_DISCHARGED));
  {
    KesReferral *current = kes_referral_view_get_referral (view);
    g_autoptr(KesDocument) plan = kes_report_inreach_plan (fixture->db->store, kes_referral_get_id (current), &error);
    g_assert_no_error (error);
    g_assert_nonnull (plan);
  }
  snapshot (fixture->window, "referral-detail");

  /* Correcting the intake details: core's checks, a required reason, and
   * what was typed stays when the save is refused. */
  {
    GtkWidget *correction = kes_referral_view_correct_details (view);
    KesReferralForm *fix = kes_referral_correction_get_form (correction);
    gint64 before = kes_referral_get_revision (kes_referral_view_get_referral (view));

    gtk_window_present (GTK_WINDOW (correction));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (fix, "unit_field"))), ==,
                     "Ash Ward, Fenland Secure Unit");
    type_into (fix, "unit_field", "Birch Ward, Fenland Secure Unit");
    type_into (fix, "expected_discharge_field", "2026-10-01");
    g_assert_false (kes_referral_correction_save (correction));
    g_assert_cmpstr (label_text (fix, "expected_discharge_error"), ==,
                     "Expected discharge date 2026-10-01 is before the referral date 2026-11-02");
    type_into (fix, "expected_discharge_field", "2027-02-01");
    g_assert_false (kes_referral_correction_save (correction));
    g_assert_cmpstr (label_text (fix, "summary_label"), ==, "Reason for the correction is required: say what was wrong");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_field (fix, "unit_field"))), ==,
                     "Birch Ward, Fenland Secure Unit");
    g_assert_cmpint (kes_referral_get_revision (kes_referral_view_get_referral (view)), ==, before);
    gtk_editable_set_text (kes_referral_correction_get_reason (correction), "Ward recorded wrongly at intake");
    snapshot (correction, "referral-correction");
    g_assert_true (kes_referral_correction_save (correction));
    g_assert_cmpstr (kes_referral_get_text (kes_referral_view_get_referral (view), KES_REFERRAL_UNIT), ==,
                     "Birch Ward, Fenland Secure Unit");
    g_assert_cmpint (kes_referral_get_stage (kes_referral_view_get_referral (view)), ==, KES_REFERRAL_IN_REACH);
  }

  /* In-reach visits: planned, held, corrected, entered in error. */
  {
    KesInreachVisit planned = { (char *) "2026-11-19", (char *) "Birch Ward", (char *) "Sam's named nurse",
                                (char *) "Meet the ward team", NULL, NULL };
    KesInreachVisit held = planned;
    KesInreachVisit wrong = { (char *) "2026-11-20", (char *) "Elm Ward", NULL, (char *) "Leave review", NULL, NULL };
    GPtrArray *visits;

    g_assert_true (kes_referral_view_save_visit (view, -1, &planned, NULL, &error));
    g_assert_true (kes_referral_view_save_visit (view, -1, &wrong, NULL, &error));
    g_assert_no_error (error);
    held.outcome = (char *) "Agreed escorted leave to the community base";
    g_assert_true (kes_referral_view_save_visit (view, 0, &held, NULL, &error));
    g_assert_no_error (error);
    held.purpose = (char *) "Meet the ward team and Sam";
    g_assert_false (kes_referral_view_save_visit (view, 0, &held, NULL, &error));
    g_assert_cmpstr (error->message, ==, "Reason for the change is required: this visit was already recorded");
    g_clear_error (&error);
    g_assert_true (kes_referral_view_save_visit (view, 0, &held, "Purpose recorded too narrowly", &error));
    g_assert_false (kes_referral_view_visit_entered_in_error (view, 1, "", &error));
    g_clear_error (&error);
    g_assert_true (kes_referral_view_visit_entered_in_error (view, 1, "Planned for another patient", &error));
    g_assert_no_error (error);
    visits = kes_referral_get_visits (kes_referral_view_get_referral (view));
    g_assert_cmpuint (visits->len, ==, 2);
    g_assert_cmpstr (((KesInreachVisit *) visits->pdata[0])->purpose, ==, "Meet the ward team and Sam");
    g_assert_cmpstr (((KesInreachVisit *) visits->pdata[1])->error_reason, ==, "Planned for another patient");
    /* Through the dialog: a refused change asks again, keeping what was typed. */
    {
      GtkWidget *edit = find_button (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "visits_list"), "Edit…");
      AdwMessageDialog *dialog;
      g_autoptr(GPtrArray) entries = NULL;

      g_assert_nonnull (edit);
      g_signal_emit_by_name (edit, "clicked");
      dialog = kes_test_find_message_dialog ();
      g_assert_nonnull (dialog);
      entries = dialog_entries (dialog);
      g_assert_cmpuint (entries->len, ==, 6);
      g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "19/11/2026");
      g_assert_cmpstr (gtk_editable_get_text (entries->pdata[4]), ==, "Agreed escorted leave to the community base");
      gtk_editable_set_text (entries->pdata[0], "18/11/2026");
      gtk_editable_set_text (entries->pdata[3], "");
      gtk_editable_set_text (entries->pdata[5], "Date recorded wrongly");
      adw_message_dialog_response (dialog, "save");
      gtk_window_destroy (GTK_WINDOW (dialog));
      dialog = kes_test_find_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "In-reach visit 1: the purpose is required");
      g_clear_pointer (&entries, g_ptr_array_unref);
      entries = dialog_entries (dialog);
      g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "18/11/2026");
      g_assert_cmpstr (gtk_editable_get_text (entries->pdata[3]), ==, "");
      g_assert_cmpstr (gtk_editable_get_text (entries->pdata[5]), ==, "Date recorded wrongly");
      g_assert_cmpstr (((KesInreachVisit *) kes_referral_get_visits (kes_referral_view_get_referral (view))->pdata[0])->date,
                       ==, "2026-11-19");
      /* Filled in, it saves. */
      gtk_editable_set_text (entries->pdata[3], "Meet the ward team and Sam");
      adw_message_dialog_response (dialog, "save");
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_null (kes_test_find_message_dialog ());
      g_assert_cmpstr (((KesInreachVisit *) kes_referral_get_visits (kes_referral_view_get_referral (view))->pdata[0])->date,
                       ==, "2026-11-18");
      /* Entered in error without a reason: asked again, nothing marked. */
      g_signal_emit_by_name (find_button (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "visits_list"), "Entered in Error…"),
                             "clicked");
      dialog = kes_test_find_message_dialog ();
      g_assert_nonnull (dialog);
      adw_message_dialog_response (dialog, "mark");
      gtk_window_destroy (GTK_WINDOW (dialog));
      dialog = kes_test_find_message_dialog ();
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                       "Reason is required: say why this visit was entered in error");
      g_assert_true (kes_inreach_visit_is_active (kes_referral_get_visits (kes_referral_view_get_referral (view))->pdata[0]));
      kes_test_close_dialogs ();
    }
    kes_widget_scroll_into_view (kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "visits_list"));
    snapshot (fixture->window, "referral-visits");
    g_assert_cmpstr (((KesReferralStep *) kes_referral_get_steps (kes_referral_view_get_referral (view))->pdata[0])->by_name,
                     ==, "Test User");
  }

  /* Back in the list: one open referral, in-reach, 5 days in stage. */
  g_signal_emit_by_name (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "back_button"), "clicked");
  wait_loaded (fixture);
  shown = kes_referrals_page_get_shown (fixture->page);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpint (kes_referral_get_stage (shown->pdata[0]), ==, KES_REFERRAL_IN_REACH);
  {
    g_autoptr(GDate) today = kes_clock_today ();
    g_assert_cmpint (kes_referral_days_in_stage (shown->pdata[0], today), ==, 5);
  }
  snapshot (fixture->window, "referrals-list");

  /* The patient record's Referral tab shows the same pathway. */
  {
    GtkWidget *window = gtk_window_new ();
    KesPatientPage *patient_page = KES_PATIENT_PAGE (kes_patient_page_new ());
    KesReferralTab *tab;
    KesReferralView *tab_view;
    AdwViewStack *stack;
    GtkWidget *choice;

    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (patient_page));
    kes_patient_page_set_context (patient_page, fixture->db->context);
    g_assert_true (kes_patient_page_load (patient_page, fixture->patient_id, NULL));
    gtk_window_present (GTK_WINDOW (window));
    kes_patient_page_show_tab (patient_page, "referral");
    stack = ADW_VIEW_STACK (kes_test_child (patient_page, KES_TYPE_PATIENT_PAGE, "view_stack"));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "referral");
    tab = KES_REFERRAL_TAB (adw_view_stack_get_visible_child (stack));
    g_assert_cmpuint (kes_referral_tab_get_count (tab), ==, 1);
    tab_view = KES_REFERRAL_VIEW (kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "view"));
    g_assert_cmpint (kes_referral_get_stage (kes_referral_view_get_referral (tab_view)), ==, KES_REFERRAL_IN_REACH);
    g_assert_cmpuint (kes_referral_get_steps (kes_referral_view_get_referral (tab_view))->len, ==, 6);
    /* One referral: no choice between referrals is shown. */
    choice = kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "choice");
    g_assert_false (gtk_widget_get_visible (kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "choice_clamp")));
    snapshot (window, "patient-referral-tab");

    /* A move made from the record shows in its timeline and the list. */
    g_assert_true (kes_referral_view_move (tab_view, KES_REFERRAL_DISCHARGED, "2026-11-20", NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (kes_referral_get_stage (kes_referral_view_get_referral (tab_view)), ==, KES_REFERRAL_DISCHARGED);
    g_assert_cmpuint (kes_referral_get_steps (kes_referral_view_get_referral (tab_view))->len, ==, 7);
    g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (GTK_DROP_DOWN (choice))), ==,
                     "Referral of 2 Nov 2026 — Discharged to community");
    gtk_window_destroy (GTK_WINDOW (window));
    kes_referrals_page_reload (fixture->page);
    g_assert_true (kes_referrals_page_is_loading (fixture->page));
    wait_loaded (fixture);
    shown = kes_referrals_page_get_shown (fixture->page);
    g_assert_cmpint (kes_referral_get_stage (shown->pdata[0]), ==, KES_REFERRAL_DISCHARGED);
  }

  /* Filters: by stage and by area. */
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "stage_filter")), "accepted");
  g_assert_cmpuint (kes_referrals_page_get_shown (fixture->page)->len, ==, 0);
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "stage_filter")), "discharged");
  g_assert_cmpuint (kes_referrals_page_get_shown (fixture->page)->len, ==, 1);
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "area_filter")), "suffolk");
  g_assert_cmpuint (kes_referrals_page_get_shown (fixture->page)->len, ==, 0);
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "area_filter")), "");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "stage_filter")), "");

  /* A second referral, waiting for screening since 10 Nov (11 days). */
  {
    g_autofree char *other = kes_test_add_patient (fixture->db->store, "Dunnock", "Alex", NULL, NULL);
    g_autoptr(KesReferral) waiting = kes_referral_new ();
    g_autoptr(GSettings) settings = g_settings_new ("io.github.kestrelcare.Kestrel");
    GtkEditable *search = GTK_EDITABLE (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "search_entry"));
    GtkDropDown *sort = GTK_DROP_DOWN (kes_test_child (fixture->page, KES_TYPE_REFERRALS_PAGE, "sort_field"));

    kes_referral_set_text (waiting, KES_REFERRAL_PATIENT_ID, other);
    kes_referral_set_text (waiting, KES_REFERRAL_DATE, "2026-11-10");
    kes_referral_set_text (waiting, KES_REFERRAL_REFERRER, "Dr Heron");
    kes_referral_set_text (waiting, KES_REFERRAL_SOURCE, "internal-ward");
    kes_referral_set_text (waiting, KES_REFERRAL_UNIT, "Oak Ward");
    kes_referral_set_text (waiting, KES_REFERRAL_SECURITY_LEVEL, "low");
    kes_referral_set_text (waiting, KES_REFERRAL_AREA, "suffolk");
    kes_referral_set_text (waiting, KES_REFERRAL_REASON, "Step-down planning");
    g_assert_true (kes_store_save_referral (fixture->db->store, waiting, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    kes_referrals_page_reload (fixture->page);
    wait_loaded (fixture);
    shown = kes_referrals_page_get_shown (fixture->page);
    g_assert_cmpuint (shown->len, ==, 2);

    /* Sorted: longest in stage first (11 days received, then 1 day discharged), newest first, by name. */
    g_assert_cmpstr (kes_referral_get_id (shown->pdata[0]), ==, kes_referral_get_id (waiting));
    gtk_drop_down_set_selected (sort, KES_REFERRALS_SORT_NEWEST);
    g_assert_cmpstr (kes_referral_get_id (kes_referrals_page_get_shown (fixture->page)->pdata[0]), ==,
                     kes_referral_get_id (waiting));
    gtk_drop_down_set_selected (sort, KES_REFERRALS_SORT_NAME);
    g_assert_cmpstr (kes_referral_get_text (kes_referrals_page_get_shown (fixture->page)->pdata[0], KES_REFERRAL_PATIENT_ID),
                     ==, other);
    gtk_drop_down_set_selected (sort, KES_REFERRALS_SORT_STAGE);
    g_assert_cmpstr (kes_referral_get_id (kes_referrals_page_get_shown (fixture->page)->pdata[0]), ==,
                     kes_referral_get_id (waiting));

    /* Search by name, unit or referrer. */
    gtk_editable_set_text (search, "heron");
    g_signal_emit_by_name (search, "search-changed");
    g_assert_cmpuint (kes_referrals_page_get_shown (fixture->page)->len, ==, 1);
    gtk_editable_set_text (search, "wagtail");
    g_signal_emit_by_name (search, "search-changed");
    g_assert_cmpuint (kes_referrals_page_get_shown (fixture->page)->len, ==, 1);
    g_assert_cmpstr (kes_referral_get_text (kes_referrals_page_get_shown (fixture->page)->pdata[0], KES_REFERRAL_PATIENT_ID),
                     ==, fixture->patient_id);
    gtk_editable_set_text (search, "");
    g_signal_emit_by_name (search, "search-changed");
    gtk_drop_down_set_selected (sort, KES_REFERRALS_SORT_LONGEST_WAIT);

    /* Amber and red come from the settings, and follow them when they change. */
    g_assert_cmpint (kes_referrals_page_get_shown_wait (fixture->page, 0), ==, KES_REFERRAL_WAIT_OK);
    g_settings_set_uint (settings, "referral-amber-days", 7);
    kes_test_wait (50);
    g_assert_cmpint (kes_referrals_page_get_shown_wait (fixture->page, 0), ==, KES_REFERRAL_WAIT_AMBER);
    g_settings_set_uint (settings, "referral-red-days", 10);
    kes_test_wait (50);
    g_assert_cmpint (kes_referrals_page_get_shown_wait (fixture->page, 0), ==, KES_REFERRAL_WAIT_RED);
    /* After the decision the colours no longer apply. */
    g_assert_cmpint (kes_referrals_page_get_shown_wait (fixture->page, 1), ==, KES_REFERRAL_WAIT_OK);
    snapshot (fixture->window, "referrals-list-sorted");
    g_settings_reset (settings, "referral-amber-days");
    g_settings_reset (settings, "referral-red-days");
  }
}

static GtkWindow *
find_new_patient_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (window), "patient-form") != NULL)
        return window;
    }
  return NULL;
}

/* New Patient… from a referral, with an NHS number another patient holds:
 * the dialog stays open with the reason under the NHS number (it used to
 * fail with no message at all), nothing is added, and once the number is
 * put right the patient is added and chosen. */
static void
test_new_patient_duplicate_nhs (Fixture       *fixture,
                                gconstpointer  data)
{
  KesReferralForm *form = kes_referrals_page_new_referral (fixture->page);
  KesPatientForm *patient_form;
  GtkWindow *dialog;
  GtkWidget *add;
  const char *message;

  g_signal_emit_by_name (find_button (GTK_WIDGET (form), "New _Patient…"), "clicked");
  dialog = find_new_patient_dialog ();
  g_assert_nonnull (dialog);
  patient_form = g_object_get_data (G_OBJECT (dialog), "patient-form");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "family_entry")),
                         "Wagtail");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "given_entry")),
                         "Samuel");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "birth_entry")),
                         "21/11/1984");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "nhs_entry")),
                         "943 476 5919");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "gender_dropdown")),
                         "1");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM,
                                                        "ethnicity_dropdown")), "A");
  add = find_button (GTK_WIDGET (dialog), "_Add Patient");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");

  g_assert_true (find_new_patient_dialog () == dialog);
  message = kes_patient_form_get_field_error (patient_form, "nhs_number");
  g_assert_cmpstr (message, ==, "NHS number 943 476 5919 already belongs to WAGTAIL, Sam: check you have the "
                                "right person");
  {
    /* The focus is on the field to put right (inside the entry). */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));
    GtkWidget *entry = kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "nhs_entry");

    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (patient_form, KES_TYPE_PATIENT_FORM, "nhs_entry")),
                         "401 023 2137");
  g_signal_emit_by_name (add, "clicked");
  kes_test_wait (20);
  g_assert_null (find_new_patient_dialog ());
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 2);
  g_assert_cmpstr (kes_dropdown_get_code (GTK_DROP_DOWN (form_field (form, "patient_field"))), !=,
                   fixture->patient_id);
  g_assert_nonnull (kes_dropdown_get_code (GTK_DROP_DOWN (form_field (form, "patient_field"))));
}

/* The real window: the Referrals area lists what core holds (loaded in its
 * worker on the window's database file), and the patient record opens on
 * its Referral tab, where Today's in-reach items point. */
static void
test_in_window (void)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesTestDb) db = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *patient_id = NULL;
  KesWindow *window;
  KesReferralsPage *page;
  GPtrArray *shown;

  kes_clock_set_fixed (now);
  db = kes_test_db_new (TRUE);
  patient_id = kes_test_add_patient (db->store, "Linnet", "Jo", NULL, NULL);
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-10-20");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Heron");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "internal-ward");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Oak Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "low");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "suffolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Step-down planning");
  g_assert_true (kes_store_save_referral (db->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  kes_window_set_store (window, db->store);
  gtk_window_present (GTK_WINDOW (window));
  kes_window_show_area (window, "referrals");
  page = kes_window_get_referrals_page (window);
  g_assert_true (kes_test_wait_until (page_loaded, page, 10000));
  shown = kes_referrals_page_get_shown (page);
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (kes_referral_get_id (shown->pdata[0]), ==, kes_referral_get_id (referral));
  /* 32 days waiting for screening: red with the default thresholds. */
  g_assert_cmpint (kes_referrals_page_get_shown_wait (page, 0), ==, KES_REFERRAL_WAIT_RED);
  snapshot (GTK_WIDGET (window), "window-referrals");

  kes_window_open_patient (window, patient_id);
  kes_patient_page_show_tab (kes_window_get_patient_page (window), "referral");
  {
    AdwViewStack *stack = ADW_VIEW_STACK (kes_test_child (kes_window_get_patient_page (window), KES_TYPE_PATIENT_PAGE,
                                                          "view_stack"));
    KesReferralTab *tab = KES_REFERRAL_TAB (adw_view_stack_get_visible_child (stack));

    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "referral");
    g_assert_cmpuint (kes_referral_tab_get_count (tab), ==, 1);
    snapshot (GTK_WIDGET (window), "window-patient-referral");

    /* An earlier referral, closed: the tab offers a choice, newest first. */
    {
      g_autoptr(KesReferral) earlier = kes_referral_new ();
      GtkDropDown *choice = GTK_DROP_DOWN (kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "choice"));
      KesReferralView *tab_view = KES_REFERRAL_VIEW (kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "view"));

      kes_referral_set_text (earlier, KES_REFERRAL_PATIENT_ID, patient_id);
      kes_referral_set_text (earlier, KES_REFERRAL_DATE, "2025-03-01");
      kes_referral_set_text (earlier, KES_REFERRAL_REFERRER, "Dr Crane");
      kes_referral_set_text (earlier, KES_REFERRAL_SOURCE, "external-hospital");
      kes_referral_set_text (earlier, KES_REFERRAL_UNIT, "Cedar Ward");
      kes_referral_set_text (earlier, KES_REFERRAL_SECURITY_LEVEL, "medium");
      kes_referral_set_text (earlier, KES_REFERRAL_AREA, "norfolk");
      kes_referral_set_text (earlier, KES_REFERRAL_REASON, "First referral");
      g_assert_true (kes_store_save_referral (db->store, earlier, KES_CHANGE_CREATE, NULL, &error));
      g_assert_true (kes_store_move_referral (db->store, earlier, KES_REFERRAL_CLOSED, "2025-03-20",
                                              "Referrer withdrew", NULL, NULL, &error));
      g_assert_no_error (error);
      kes_referral_tab_set_record (tab, db->store, patient_id);
      g_assert_cmpuint (kes_referral_tab_get_count (tab), ==, 2);
      g_assert_true (gtk_widget_get_visible (kes_test_child (tab, KES_TYPE_REFERRAL_TAB, "choice_clamp")));
      g_assert_cmpstr (kes_referral_get_id (kes_referral_view_get_referral (tab_view)), ==,
                       kes_referral_get_id (referral));
      gtk_drop_down_set_selected (choice, 1);
      g_assert_cmpstr (kes_referral_get_id (kes_referral_view_get_referral (tab_view)), ==,
                       kes_referral_get_id (earlier));
      g_assert_cmpint (kes_referral_get_stage (kes_referral_view_get_referral (tab_view)), ==, KES_REFERRAL_CLOSED);
      snapshot (GTK_WIDGET (window), "window-patient-referral-earlier");
    }
  }
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_letter_text (void)
{
  GByteArray *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, array, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint pages = 0;

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "Dear colleague, referral for assessment");
  cairo_show_page (cr);
  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "Tribunal hearing in March");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (array);

  g_assert_true (kes_referral_letter_extract (bytes, &pages, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 2);
  g_assert_nonnull (strstr (text, "referral for assessment"));
  g_assert_nonnull (strstr (text, "Tribunal hearing"));
}

/* The referral reads the patient's one legal status record and writes a
 * change back to it: the Legal & MoJ tab, the header and the MoJ report
 * then say what the referral says. */
static void
test_legal_status_one_home (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  g_autoptr(KesMojRecord) after = NULL;
  g_autofree char *offence = NULL;
  KesReferralForm *form;

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2025-06-02");
  kes_moj_record_set_text (status, "index_offences", "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  form = kes_referrals_page_new_referral (fixture->page);
  g_assert_nonnull (form);
  kes_test_wait (50);
  kes_referral_form_select_patient (form, fixture->patient_id);
  g_assert_cmpstr (kes_dropdown_get_code (GTK_DROP_DOWN (form_field (form, "legal_status_field"))), ==, "09");
  offence = kes_text_view_dup_text (GTK_TEXT_VIEW (form_field (form, "index_offence_field")));
  g_assert_cmpstr (offence, ==, "Wounding with intent (s18), 14 Aug 2018, Norwich");
  g_assert_true (kes_test_has_label (GTK_WIDGET (form),
                                     "The legal status and index offence are the patient’s legal status record "
                                     "(Legal & MoJ tab): they start as it says, and a change here is saved there "
                                     "too."));

  type_into (form, "date_field", "02/11/2026");
  type_into (form, "referrer_field", "Dr Rook, consultant forensic psychiatrist");
  choose (form, "source_field", "external-hospital");
  type_into (form, "unit_field", "Ash Ward, Fenland Secure Unit");
  choose (form, "security_level_field", "medium");
  choose (form, "area_field", "norfolk");
  kes_text_view_set_text (GTK_TEXT_VIEW (form_field (form, "reason_field")), "Planning discharge");
  kes_text_view_set_text (GTK_TEXT_VIEW (form_field (form, "index_offence_field")),
                          "Wounding with intent (s18), 14 Aug 2018, Norwich; criminal damage, 2016");
  g_assert_true (kes_referrals_page_save_intake (fixture->page));

  after = kes_store_current_legal_status (fixture->db->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_id (after), ==, kes_moj_record_get_id (status));
  g_assert_cmpstr (kes_moj_record_get_text (after, "index_offences"), ==,
                   "Wounding with intent (s18), 14 Aug 2018, Norwich; criminal damage, 2016");
  g_assert_cmpstr (kes_moj_record_get_text (after, "authority"), ==, "09");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* KES_SHOTS_DARK=1 with KES_SHOTS_DIR: the screenshots in the dark style. */
  if (g_getenv ("KES_SHOTS_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/referrals/wait-levels", test_wait_levels);
  g_test_add_func ("/referrals/matches", test_matches);
  g_test_add_func ("/referrals/letter-text", test_letter_text);
  g_test_add_func ("/referrals/in-window", test_in_window);
  g_test_add ("/referrals/new-patient-duplicate-nhs", Fixture, NULL, fixture_set_up,
              test_new_patient_duplicate_nhs, fixture_tear_down);
  g_test_add ("/referrals/intake-to-in-reach", Fixture, NULL, fixture_set_up, test_intake_to_in_reach,
              fixture_tear_down);
  g_test_add ("/referrals/legal-status-one-home", Fixture, NULL, fixture_set_up, test_legal_status_one_home,
              fixture_tear_down);
  return g_test_run ();
}
