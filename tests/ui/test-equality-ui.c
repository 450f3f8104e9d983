/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-equality-ui"

#include "config.h"

#include "kes-core-test-util.h"

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-clock.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-patients.h"
#include "kes-store-referrals.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "kes-test-accounts.h"
#include "preview/kes-report-preview.h"
#include "reports/kes-equality-view.h"

/* The equality monitoring (PCREF) report in the Reports area: choose a
 * period, preview the PDF, save CSV and XML (logged); refused clearly for a
 * role that may not run it. */

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
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static char *
add_patient (KesStore   *store,
             const char *family,
             const char *ethnicity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = kes_patient_new ();

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, "Sam");
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1980-03-14");
  kes_patient_set_text (patient, KES_PATIENT_GENDER, "2");
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY, ethnicity);
  g_assert_true (kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (kes_patient_get_id (patient));
}

/* A referral for @patient_id received on 1 Oct 2026 and decided @days later. */
static void
refer (KesStore   *store,
       const char *patient_id,
       gboolean    accept,
       guint       days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autofree char *decided = g_strdup_printf ("2026-10-%02u", 1 + days);

  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-10-01");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "norfolk");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Planning discharge");
  kes_referral_set_inpatient (referral, TRUE);
  g_assert_true (kes_store_save_referral (store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_SCREENING, "2026-10-01", NULL, NULL, NULL,
                                          &error));
  if (accept)
    {
      g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-10-02",
                                              NULL, NULL, NULL, &error));
      g_assert_true (kes_store_move_referral (store, referral, KES_REFERRAL_ASSESSED, "2026-10-03", NULL, NULL,
                                              NULL, &error));
      kes_core_test_sign_to_accept (store, referral, "2026-10-03");
    }
  g_assert_true (kes_store_move_referral (store, referral,
                                          accept ? KES_REFERRAL_ACCEPTED : KES_REFERRAL_DECLINED, decided,
                                          accept ? NULL : "Needs are met by the current team", NULL, NULL,
                                          &error));
  g_assert_no_error (error);
}

static gboolean
has_pages (gpointer data)
{
  return kes_report_preview_get_n_pages (data) > 0;
}

static guint
count_exports (KesStore *store)
{
  g_autoptr(GListModel) entries = kes_store_list_audit (store, NULL, NULL, NULL, NULL);
  guint n = 0;

  g_assert_nonnull (entries);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);
      if (g_str_equal (kes_audit_entry_get_action (entry), KES_AUDIT_EXPORT))
        n++;
    }
  return n;
}

static void
test_equality_view (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *csv = NULL;
  const char *manager[] = { KES_ROLE_TEAM_MANAGER, NULL };
  const char *carers[] = { KES_ROLE_CARERS_LIAISON, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = kes_equality_view_new ();
  KesReportPreview *preview;
  GtkWidget *label;
  guint exports;

  kes_clock_set_fixed (now);
  /* Three Black Caribbean people, all referred and declined after 4 days;
   * twelve White British people, eight referred: six accepted after 10
   * days, two declined after 4. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = add_patient (db->store, "Campbell", "M");
      refer (db->store, id, FALSE, 4);
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = add_patient (db->store, "Smith", "A");
      if (i < 8)
        refer (db->store, id, i < 6, i < 6 ? 10 : 4);
    }
  kes_store_set_actor (db->store, NULL);
  g_assert_true ((kes_test_set_role_list (db->store, db->actor, manager), TRUE));
  g_assert_no_error (error);
  kes_store_set_actor (db->store, db->actor);

  kes_equality_view_set_store (KES_EQUALITY_VIEW (view), db->store);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  /* A backwards period is refused in plain words. */
  kes_equality_view_set_period (KES_EQUALITY_VIEW (view), "31/12/2026", "01/01/2026");
  g_signal_emit_by_name (find (view, GTK_TYPE_BUTTON, "equality-show"), "clicked");
  label = find (view, GTK_TYPE_LABEL, "equality-error");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "The period ends before it starts: check the dates");
  g_assert_false (gtk_widget_get_sensitive (find (view, GTK_TYPE_BUTTON, "equality-csv")));

  kes_equality_view_set_period (KES_EQUALITY_VIEW (view), "01/01/2026", "31/12/2026");
  g_signal_emit_by_name (find (view, GTK_TYPE_BUTTON, "equality-show"), "clicked");
  g_assert_false (gtk_widget_get_visible (label));
  preview = KES_REPORT_PREVIEW (find (view, KES_TYPE_REPORT_PREVIEW, NULL));
  g_assert_true (kes_test_wait_until (has_pages, preview, 10000));
  g_assert_cmpuint (kes_report_preview_get_n_pages (preview), >=, 2);
  screenshot (window, "equality-view.png");
  if (g_getenv ("KES_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *pdf_path = g_build_filename (g_getenv ("KES_SCREENSHOT_DIR"), "equality-app.pdf", NULL);
      GBytes *pdf = kes_report_preview_get_pdf (preview);
      g_assert_true (g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
    }

  /* Save CSV and XML: written, suppressed, logged. */
  exports = count_exports (db->store);
  csv_path = g_build_filename (db->dir, "equality.csv", NULL);
  xml_path = g_build_filename (db->dir, "equality.xml", NULL);
  g_assert_true (kes_equality_view_save (KES_EQUALITY_VIEW (view), "csv", csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (kes_equality_view_save (KES_EQUALITY_VIEW (view), "xml", xml_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "Ethnic category,Black or Black British: Caribbean,Caseload,*,"));
  g_assert_null (strstr (csv, "Caribbean,Caseload,3,"));
  g_assert_nonnull (strstr (csv, "Ethnic category,Black or Black British: Caribbean,Referrals declined,*,"));
  g_assert_nonnull (strstr (csv, "Ethnic category,White: British,Median days to decision,10,"));
  g_assert_nonnull (strstr (csv, "Ethnic category,Black or Black British: Caribbean,Median days to decision,–,"));
  g_assert_true (g_file_test (xml_path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_exports (db->store), >=, exports + 2);

  /* Carers' liaison staff may not run it: core's refusal is shown. */
  kes_store_set_actor (db->store, NULL);
  g_assert_true ((kes_test_set_role_list (db->store, db->actor, carers), TRUE));
  kes_store_set_actor (db->store, db->actor);
  g_signal_emit_by_name (find (view, GTK_TYPE_BUTTON, "equality-show"), "clicked");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Carers’ liaison staff can’t export or print records");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
  g_assert_false (kes_equality_view_save (KES_EQUALITY_VIEW (view), "csv", csv_path, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);

  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

/* The report sits in the window's Reports area, one switcher from the
 * Ministry of Justice reports. */
static void
test_reports_area (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  KesWindow *window;
  GtkWidget *view;
  GtkWidget *stack;

  kes_clock_set_fixed (now);
  for (guint i = 0; i < 6; i++)
    g_free (add_patient (db->store, "Smith", "A"));
  window = kes_window_new (NULL);
  kes_window_set_store (window, db->store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  kes_window_show_area (window, "reports");
  kes_test_wait (100);
  view = find (GTK_WIDGET (window), KES_TYPE_EQUALITY_VIEW, NULL);
  g_assert_nonnull (view);
  stack = gtk_widget_get_parent (view);
  g_assert_true (GTK_IS_STACK (stack));
  gtk_stack_set_visible_child (GTK_STACK (stack), view);
  g_assert_true (kes_equality_view_show (KES_EQUALITY_VIEW (view)));
  g_assert_true (kes_test_wait_until (has_pages, find (view, KES_TYPE_REPORT_PREVIEW, NULL), 10000));
  kes_test_wait (300);
  screenshot (GTK_WIDGET (window), "equality-reports-area.png");
  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/equality-ui/period-preview-save", test_equality_view);
  g_test_add_func ("/equality-ui/reports-area", test_reports_area);
  return g_test_run ();
}
