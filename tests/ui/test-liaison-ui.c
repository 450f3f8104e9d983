/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-liaison-ui"

#include "config.h"

#include "carers/kes-field-form.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-liaison.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "kes-services.h"
#include "liaison/kes-liaison-onward.h"
#include "liaison/kes-liaison-page.h"
#include "preview/kes-report-preview.h"
#include "referrals/kes-referrals-page.h"

/* Liaison & Diversion through its real widgets: record a screening, make it
 * into a patient record with its details carried over, see the activity. */

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

static void
set_text (GtkWidget  *page,
          const char *name,
          const char *text)
{
  GtkWidget *widget = find (page, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  if (GTK_IS_DROP_DOWN (widget))
    kes_dropdown_set_code (GTK_DROP_DOWN (widget), text);
  else if (GTK_IS_TEXT_VIEW (widget))
    kes_text_view_set_text (GTK_TEXT_VIEW (widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("KES_SCREENSHOT_DIR") == NULL)
    return;
  gtk_test_widget_wait_for_draw (window);
  kes_test_wait (200);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_screen_and_convert (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GPtrArray) screenings = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesTeam) north = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *label;
  KesFieldRecord *screening;

  kes_clock_set_fixed (now);
  north = kes_store_find_team (db->store, "North");
  page = GTK_WIDGET (g_object_new (KES_TYPE_LIAISON_PAGE, NULL));
  kes_liaison_page_set_store (KES_LIAISON_PAGE (page), db->store);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "new_button"), "clicked");
  set_text (page, "family_name", "Wren");
  set_text (page, "given_name", "Jordan");
  set_text (page, "birth_date", "14/02/1990");
  set_text (page, "gender", "1");
  set_text (page, "ethnicity", "M");
  set_text (page, "nhs_number", "943 476 5919");
  set_text (page, "screened_on", "20/11/2026");
  set_text (page, "setting", "magistrates-court");
  set_text (page, "referral_source", "solicitor");
  set_text (page, "outcome", "referral-services");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "vulnerabilities:mental-health")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "vulnerabilities:housing")), TRUE);
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "save_button"), "clicked");
  /* Core asks for the named services; what was typed stays. */
  label = kes_test_child (find (page, KES_TYPE_FIELD_FORM, NULL), KES_TYPE_FIELD_FORM, "error_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "Services referred to: name the services for a referral outcome");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (page, G_TYPE_NONE, "family_name"))), ==, "Wren");
  set_text (page, "referred_to", "Forensic community team");
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "save_button"), "clicked");

  screenings = kes_store_list_screenings (db->store, NULL, NULL, NULL);
  g_assert_cmpuint (screenings->len, ==, 1);
  screening = screenings->pdata[0];
  g_assert_cmpstr (kes_field_record_get_text (screening, "nhs_number"), ==, "9434765919");
  screenshot (window, "liaison-screening.png");

  /* Make it into a patient record in the North team. */
  kes_dropdown_set_code (GTK_DROP_DOWN (find (page, GTK_TYPE_DROP_DOWN, "team")), kes_team_get_id (north));
  g_signal_emit_by_name (find (page, GTK_TYPE_BUTTON, "make-patient"), "clicked");
  patient = kes_store_find_patient (db->store, "9434765919", NULL);
  g_assert_nonnull (patient);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME), ==, "Wren");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_GIVEN_NAME), ==, "Jordan");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_BIRTH_DATE), ==, "1990-02-14");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_ETHNICITY), ==, "M");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_REFERRAL_DATE), ==, "2026-11-20");
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_TEAM_ID), ==, kes_team_get_id (north));
  g_assert_null (find (page, GTK_TYPE_BUTTON, "make-patient"));
  screenshot (window, "liaison-converted.png");

  /* The activity report counts it. */
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "activity_button"), "clicked");
  label = find (page, GTK_TYPE_LABEL, "activity-summary");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "1 screening; MAPPA liaison: 0; made into patient records: 1; referred to other services: 0");
  screenshot (window, "liaison-activity.png");

  /* The activity report as CSV and PDF: 1 screening is shown as "*" (NHS Digital: 1 to 7 hidden). */
  {
    g_autofree char *path = g_build_filename (db->dir, "activity.csv", NULL);
    g_autofree char *csv = NULL;
    g_autoptr(GError) error = NULL;
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *preview_window = NULL;
    GtkWidget *preview;

    g_assert_true (kes_liaison_page_save_activity_csv (KES_LIAISON_PAGE (page), path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_nonnull (strstr (csv, ",Setting,Magistrates’ court,*\n"));
    g_assert_nonnull (strstr (csv, ",Setting,All,*\n"));
    g_assert_null (strstr (csv, ",1\n"));

    g_signal_emit_by_name (find (page, GTK_TYPE_BUTTON, "activity-pdf"), "clicked");
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);
        if (candidate != window && find (candidate, KES_TYPE_REPORT_PREVIEW, NULL) != NULL)
          preview_window = candidate;
      }
    g_assert_nonnull (preview_window);
    preview = find (preview_window, KES_TYPE_REPORT_PREVIEW, NULL);
    for (guint i = 0; i < 200 && kes_report_preview_get_n_pages (KES_REPORT_PREVIEW (preview)) == 0; i++)
      kes_test_wait (50);
    g_assert_cmpuint (kes_report_preview_get_n_pages (KES_REPORT_PREVIEW (preview)), >=, 1);
    screenshot (preview_window, "liaison-activity-preview.png");
    if (g_getenv ("KES_SCREENSHOT_DIR") != NULL)
      {
        g_autofree char *pdf_path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), "liaison-activity.pdf", NULL);
        GBytes *pdf = kes_report_preview_get_pdf (KES_REPORT_PREVIEW (preview));
        g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
      }
    gtk_window_destroy (GTK_WINDOW (preview_window));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
referrals_loaded (gpointer data)
{
  return !kes_referrals_page_is_loading (data);
}

/* Acceptance of #9: a screening made into a referral, then seen in the
 * Referrals area with its details carried over. */
static void
test_screen_and_refer (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GPtrArray) screenings = NULL;
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesPatient) patient = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *referrals_window = NULL;
  GtkWidget *page, *referrals, *label;
  KesFieldRecord *screening;
  KesReferral *shown;
  const char *referral_id;

  kes_clock_set_fixed (now);
  north = kes_store_find_team (db->store, "North");
  page = GTK_WIDGET (g_object_new (KES_TYPE_LIAISON_PAGE, NULL));
  kes_liaison_page_set_store (KES_LIAISON_PAGE (page), db->store);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 1000);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "new_button"), "clicked");
  set_text (page, "family_name", "Heron");
  set_text (page, "given_name", "Casey");
  set_text (page, "birth_date", "02/07/1988");
  set_text (page, "gender", "2");
  set_text (page, "ethnicity", "A");
  set_text (page, "screened_on", "19/11/2026");
  set_text (page, "setting", "police-custody");
  set_text (page, "referral_source", "police");
  set_text (page, "source_detail", "PC Ames, Norwich custody suite");
  set_text (page, "offence", "Assault by beating");
  set_text (page, "legal_situation", "Released under investigation; seen again at court next week");
  set_text (page, "outcome", "diversion-hospital");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "vulnerabilities:mental-health")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "vulnerabilities:self-harm")), TRUE);
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_LIAISON_PAGE, "save_button"), "clicked");
  screenings = kes_store_list_screenings (db->store, NULL, NULL, NULL);
  g_assert_cmpuint (screenings->len, ==, 1);
  screening = screenings->pdata[0];

  /* Without an area core says what is missing; nothing is made and the choices stay. */
  kes_dropdown_set_code (GTK_DROP_DOWN (find (page, GTK_TYPE_DROP_DOWN, "team")), kes_team_get_id (north));
  kes_dropdown_set_code (GTK_DROP_DOWN (find (page, GTK_TYPE_DROP_DOWN, "referral-security")), "medium");
  gtk_switch_set_active (GTK_SWITCH (find (page, GTK_TYPE_SWITCH, "referral-inpatient")), TRUE);
  g_signal_emit_by_name (find (page, GTK_TYPE_BUTTON, "make-referral"), "clicked");
  label = find (page, GTK_TYPE_LABEL, "referral-error");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Area is required"));
  g_assert_cmpuint (kes_store_count_patients (db->store), ==, 0);
  g_assert_cmpstr (kes_dropdown_get_code (GTK_DROP_DOWN (find (page, GTK_TYPE_DROP_DOWN, "referral-security"))), ==,
                   "medium");

  kes_dropdown_set_code (GTK_DROP_DOWN (find (page, GTK_TYPE_DROP_DOWN, "referral-area")), "norfolk");
  kes_widget_scroll_into_view (find (page, GTK_TYPE_BUTTON, "make-referral"));
  screenshot (window, "liaison-refer-form.png");
  g_signal_emit_by_name (find (page, GTK_TYPE_BUTTON, "make-referral"), "clicked");
  g_assert_null (find (page, GTK_TYPE_BUTTON, "make-referral"));
  g_assert_nonnull (find (page, G_TYPE_NONE, "referral-made"));
  kes_widget_scroll_into_view (find (page, G_TYPE_NONE, "referral-made"));
  screenshot (window, "liaison-referred.png");

  g_clear_pointer (&screenings, g_ptr_array_unref);
  screenings = kes_store_list_screenings (db->store, NULL, NULL, NULL);
  screening = screenings->pdata[0];
  referral_id = kes_field_record_get_text (screening, "converted_referral_id");
  g_assert_cmpstr (referral_id, !=, "");
  patient = kes_store_load_patient (db->store, kes_field_record_get_text (screening, "converted_patient_id"), NULL);
  g_assert_nonnull (patient);
  g_assert_cmpstr (kes_patient_get_text (patient, KES_PATIENT_FAMILY_NAME), ==, "Heron");

  /* The referral as the Referrals area shows it. */
  referrals_window = gtk_window_new ();
  referrals = kes_referrals_page_new ();
  kes_referrals_page_set_context (KES_REFERRALS_PAGE (referrals), db->context);
  gtk_window_set_child (GTK_WINDOW (referrals_window), referrals);
  gtk_window_set_default_size (GTK_WINDOW (referrals_window), 1200, 900);
  gtk_window_present (GTK_WINDOW (referrals_window));
  g_assert_true (kes_test_wait_until (referrals_loaded, referrals, 10000));
  kes_referrals_page_open_referral (KES_REFERRALS_PAGE (referrals), referral_id);
  kes_test_wait (50);
  shown = kes_referral_view_get_referral (kes_referrals_page_get_view (KES_REFERRALS_PAGE (referrals)));
  g_assert_nonnull (shown);
  g_assert_cmpstr (kes_referral_get_id (shown), ==, referral_id);
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_PATIENT_ID), ==, kes_patient_get_id (patient));
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_SOURCE), ==, KES_REFERRAL_SOURCE_LIAISON);
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_REFERRER_CONTACT), ==, "PC Ames, Norwich custody suite");
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_UNIT), ==, "Police custody");
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_INDEX_OFFENCE), ==, "Assault by beating");
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_AREA), ==, "norfolk");
  g_assert_cmpstr (kes_referral_get_text (shown, KES_REFERRAL_SECURITY_LEVEL), ==, "medium");
  g_assert_nonnull (strstr (kes_referral_get_text (shown, KES_REFERRAL_REASON),
                            "Legal situation: Released under investigation; seen again at court next week"));
  g_assert_nonnull (strstr (kes_referral_get_text (shown, KES_REFERRAL_REASON),
                            "Vulnerabilities identified: Mental health, Self-harm or suicide risk"));
  g_assert_nonnull (strstr (kes_referral_get_text (shown, KES_REFERRAL_REASON),
                            "Outcome of the screening: Diversion to hospital"));
  screenshot (referrals_window, "liaison-referral-in-referrals.png");

  gtk_window_destroy (GTK_WINDOW (referrals_window));
  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

/* In the window, the screening's referral opens in the Referrals area. */
static void
test_open_referral_in_window (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesReferral) referral = NULL;
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(GError) error = NULL;
  KesScreeningReferral details = { .area = "norfolk", .security_level = "low", .inpatient = TRUE };
  KesWindow *window;
  GtkWidget *page, *referrals, *open;
  KesReferral *shown;

  kes_clock_set_fixed (now);
  north = kes_store_find_team (db->store, "North");
  kes_field_record_set_text (screening, "family_name", "Kite");
  kes_field_record_set_text (screening, "given_name", "Robin");
  kes_field_record_set_text (screening, "birth_date", "1979-04-02");
  kes_field_record_set_text (screening, "gender", "1");
  kes_field_record_set_text (screening, "ethnicity", "A");
  kes_field_record_set_text (screening, "screened_on", "2026-11-20");
  kes_field_record_set_text (screening, "setting", "crown-court");
  kes_field_record_set_text (screening, "referral_source", "court");
  kes_field_record_set_text (screening, "outcome", "diversion-hospital");
  g_assert_true (kes_store_save_screening (db->store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  referral = kes_store_refer_screening (db->store, screening, &details, kes_team_get_id (north), &error);
  g_assert_no_error (error);

  window = kes_window_new (NULL);
  kes_window_set_store (window, db->store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  kes_window_show_area (window, "liaison");
  page = find (GTK_WIDGET (window), KES_TYPE_LIAISON_PAGE, NULL);
  g_assert_nonnull (page);
  kes_liaison_page_show_screening (KES_LIAISON_PAGE (page), kes_field_record_get_id (screening));
  kes_test_wait (50);
  open = find (page, GTK_TYPE_BUTTON, "open-referral");
  g_assert_nonnull (open);
  kes_widget_scroll_into_view (open);
  screenshot (GTK_WIDGET (window), "liaison-open-referral.png");
  g_assert_true (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  referrals = find (GTK_WIDGET (window), KES_TYPE_REFERRALS_PAGE, NULL);
  /* Mapped on the next frames, however busy the machine is. */
  g_assert_true (kes_test_wait_until (widget_mapped, referrals, 10000));
  g_assert_true (kes_test_wait_until (referrals_loaded, referrals, 10000));
  shown = kes_referral_view_get_referral (kes_referrals_page_get_view (KES_REFERRALS_PAGE (referrals)));
  g_assert_nonnull (shown);
  g_assert_cmpstr (kes_referral_get_id (shown), ==, kes_referral_get_id (referral));

  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

static void
onward_recorded_cb (GtkWidget   *onward,
                    const char  *service_name,
                    char       **recorded)
{
  g_free (*recorded);
  *recorded = g_strdup (service_name);
}

/* The referral onward to a directory service: refused without a service
 * (what was typed stays, the refusal says what is missing), then recorded
 * and listed, the form emptied for the next one. */
static void
test_refer_onward (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *onward;
  GtkWidget *problem;
  GtkEditable *reason;
  g_autofree char *recorded = NULL;

  kes_clock_set_fixed (now);
  kes_field_record_set_text (service, "name", "Norwich community mental health team");
  kes_field_record_set_text (service, "kind", "community-team");
  kes_field_record_set_text (service, "general_phone", "01603 000 220");
  g_assert_true (kes_store_save_service (db->store, service, &error));
  kes_field_record_set_text (screening, "family_name", "Wren");
  kes_field_record_set_text (screening, "gender", "2");
  kes_field_record_set_text (screening, "ethnicity", "B");
  kes_field_record_set_text (screening, "screened_on", "2026-11-21");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_text (screening, "outcome", "diversion-community");
  g_assert_true (kes_store_save_screening (db->store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  onward = kes_liaison_onward_new (db->store, kes_field_record_get_id (screening));
  g_signal_connect (onward, "recorded", G_CALLBACK (onward_recorded_cb), &recorded);
  gtk_window_set_child (GTK_WINDOW (window), onward);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  reason = GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "reason_entry"));
  problem = kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "problem_label");
  gtk_editable_set_text (reason, "Assessment this week");
  g_signal_emit_by_name (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "record_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, "Service referred to is required");
  g_assert_cmpstr (gtk_editable_get_text (reason), ==, "Assessment this week");
  g_assert_null (recorded);

  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "service_dropdown")),
                         kes_field_record_get_id (service));
  g_signal_emit_by_name (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "record_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_cmpstr (recorded, ==, "Norwich community mental health team");
  g_assert_cmpstr (gtk_editable_get_text (reason), ==, "");
  g_assert_true (gtk_widget_get_visible (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "made_list")));
  made = kes_store_list_onward_referrals (db->store, kes_field_record_get_id (screening), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (made->pdata[0], "referred_on"), ==, "2026-11-21");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Issue 21: a referral onward is changed (a new revision, the form as
 * typed if refused) or marked entered in error with a reason (it leaves
 * the list, and the history keeps it). */
static void
test_onward_change_and_error (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(KesFieldRecord) referral = kes_onward_referral_new ();
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *onward, *row, *problem;
  AdwMessageDialog *dialog;

  kes_clock_set_fixed (now);
  kes_field_record_set_text (service, "name", "Norwich community mental health team");
  kes_field_record_set_text (service, "kind", "community-team");
  kes_field_record_set_text (service, "general_phone", "01603 000 220");
  g_assert_true (kes_store_save_service (db->store, service, &error));
  kes_field_record_set_text (screening, "family_name", "Wren");
  kes_field_record_set_text (screening, "gender", "2");
  kes_field_record_set_text (screening, "ethnicity", "B");
  kes_field_record_set_text (screening, "screened_on", "2026-11-20");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_text (screening, "outcome", "diversion-community");
  g_assert_true (kes_store_save_screening (db->store, screening, KES_CHANGE_CREATE, NULL, &error));
  kes_field_record_set_text (referral, "screening_id", kes_field_record_get_id (screening));
  kes_field_record_set_text (referral, "service_id", kes_field_record_get_id (service));
  kes_field_record_set_text (referral, "referred_on", "2026-11-21");
  kes_field_record_set_text (referral, "reason", "Assessment this week");
  g_assert_true (kes_store_save_onward_referral (db->store, referral, &error));
  g_assert_no_error (error);

  onward = kes_liaison_onward_new (db->store, kes_field_record_get_id (screening));
  gtk_window_set_child (GTK_WINDOW (window), onward);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);
  problem = kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "problem_label");

  /* Change: the form holds the referral; a date before the screening is
   * refused with what was typed kept; put right, saved as revision 2. */
  row = kes_test_find_row (onward, "Norwich community mental health team");
  g_assert_nonnull (row);
  g_signal_emit_by_name (kes_test_find_button (row, "Change…"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD,
                                                                        "reason_entry"))), ==,
                   "Assessment this week");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "reason_entry")),
                         "Assessment on Thursday; housing needs too");
  kes_editable_set_date (GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "date_entry")),
                         "2026-11-19");
  g_signal_emit_by_name (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "record_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (problem));
  g_test_message ("refused: %s", gtk_label_get_text (GTK_LABEL (problem)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD,
                                                                        "reason_entry"))), ==,
                   "Assessment on Thursday; housing needs too");
  kes_editable_set_date (GTK_EDITABLE (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "date_entry")),
                         "2026-11-21");
  g_signal_emit_by_name (kes_test_child (onward, KES_TYPE_LIAISON_ONWARD, "record_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (problem));
  made = kes_store_list_onward_referrals (db->store, kes_field_record_get_id (screening), &error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (made->pdata[0], "reason"), ==,
                   "Assessment on Thursday; housing needs too");
  g_assert_cmpint (kes_field_record_get_revision (made->pdata[0]), ==, 2);
  g_clear_pointer (&made, g_ptr_array_unref);

  /* Entered in error: a reason is needed; with one, it leaves the list. */
  row = kes_test_find_row (onward, "Norwich community mental health team");
  g_signal_emit_by_name (kes_test_find_button (row, "Entered in Error…"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  kes_test_answer (dialog, "mark");
  g_assert_true (gtk_widget_get_visible (problem));
  g_test_message ("refused: %s", gtk_label_get_text (GTK_LABEL (problem)));
  made = kes_store_list_onward_referrals (db->store, kes_field_record_get_id (screening), &error);
  g_assert_cmpuint (made->len, ==, 1);
  g_clear_pointer (&made, g_ptr_array_unref);
  row = kes_test_find_row (onward, "Norwich community mental health team");
  g_signal_emit_by_name (kes_test_find_button (row, "Entered in Error…"), "clicked");
  dialog = kes_test_find_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)),
                         "Recorded against the wrong person");
  kes_test_answer (dialog, "mark");
  g_assert_false (gtk_widget_get_visible (problem));
  made = kes_store_list_onward_referrals (db->store, kes_field_record_get_id (screening), &error);
  g_assert_cmpuint (made->len, ==, 0);
  g_assert_null (kes_test_find_row (onward, "Norwich community mental health team"));
  history = kes_store_list_history (db->store, kes_field_record_get_id (referral), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpint (kes_revision_get_change (history->pdata[2]), ==, KES_CHANGE_ENTERED_IN_ERROR);
  gtk_window_destroy (GTK_WINDOW (window));
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/liaison-ui/screen-and-convert", test_screen_and_convert);
  g_test_add_func ("/liaison-ui/screen-and-refer", test_screen_and_refer);
  g_test_add_func ("/liaison-ui/open-referral-in-window", test_open_referral_in_window);
  g_test_add_func ("/liaison-ui/refer-onward", test_refer_onward);
  g_test_add_func ("/liaison-ui/onward-change-and-error", test_onward_change_and_error);
  return g_test_run ();
}
