/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-carers-ui"

#include "config.h"

#include <string.h>

#include "carers/kes-carers-page.h"
#include "carers/kes-field-form.h"
#include "carers/kes-patient-carers-view.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-carers.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-due.h"
#include "kes-ui-test-util.h"
#include "kes-test-accounts.h"
#include "preview/kes-report-preview.h"

/* The Carers area through its real widgets: add a carer, link them to a
 * patient, record consent and an assessment, see what may be discussed, and
 * find both reviews among the items due. (There is no Today page in this
 * tree yet, so the reviews are checked through kes_store_list_due, which is
 * what Today shows.) */

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

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
set_text (GtkWidget  *page,
          const char *name,
          const char *text)
{
  GtkWidget *widget = find (page, G_TYPE_NONE, name);

  g_assert_nonnull (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    kes_text_view_set_text (GTK_TEXT_VIEW (widget), text);
  else if (GTK_IS_DROP_DOWN (widget))
    kes_dropdown_set_code (GTK_DROP_DOWN (widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
click (GtkWidget  *page,
       const char *name)
{
  GtkWidget *button = find (page, GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  kes_test_wait (20);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveResult;

static void
preview_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = kes_report_preview_save_finish (KES_REPORT_PREVIEW (object), result, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveResult *) data)->done;
}

/* Save As… without the file chooser: what the preview's Save does. */
static gboolean
save_preview (KesReportPreview  *preview,
              const char        *path,
              GError           **error)
{
  SaveResult save = { FALSE, FALSE, NULL };

  kes_report_preview_save_async (preview, path, NULL, preview_saved_cb, &save);
  g_assert_true (kes_test_wait_until (save_done, &save, 10000));
  if (save.error != NULL)
    g_propagate_error (error, save.error);
  return save.ok;
}

/* Gives the signed-in test user @roles (NULL: every role, as before). */
static void
set_roles (KesTestDb          *db,
           const char * const *roles)
{
  if (roles == NULL)
    kes_test_set_roles (db->store, db->actor, KES_TEST_ALL_ROLES);
  else
    kes_test_set_role_list (db->store, db->actor, roles);
}

/* Saves a picture of @window under $KES_SCREENSHOT_DIR, when set. */
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
scroll_to_end (GtkWidget *page)
{
  GtkWidget *detail = kes_test_child (page, KES_TYPE_CARERS_PAGE, "detail_box");
  GtkWidget *scrolled = gtk_widget_get_ancestor (detail, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  gtk_test_widget_wait_for_draw (page);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static GtkWidget *
save_button (GtkWidget *page)
{
  return kes_test_child (page, KES_TYPE_CARERS_PAGE, "save_button");
}

static void
test_carer_consent_assessment (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GDate) today = kes_date_from_iso ("2026-11-21");
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(KesFieldRecord) consent = NULL;
  g_autofree char *patient_id = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GtkWidget *error_label;
  gboolean consent_due = FALSE, assessment_due = FALSE;

  kes_clock_set_fixed (now);
  patient_id = kes_test_add_patient (db->store, "Okafor", "Daniel", "9434765919", NULL);
  page = GTK_WIDGET (g_object_new (KES_TYPE_CARERS_PAGE, NULL));
  kes_carers_page_set_store (KES_CARERS_PAGE (page), db->store);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  /* Add a carer; an empty name is refused and the form stays. */
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_CARERS_PAGE, "add_button"), "clicked");
  g_signal_emit_by_name (save_button (page), "clicked");
  error_label = kes_test_child (find (page, KES_TYPE_FIELD_FORM, NULL), KES_TYPE_FIELD_FORM, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "Name is required");
  set_text (page, "name", "Grace Okafor");
  set_text (page, "phone", "07700 900123");
  g_signal_emit_by_name (save_button (page), "clicked");
  carers = kes_store_list_carers (db->store, NULL);
  g_assert_cmpuint (carers->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (carers->pdata[0], "phone"), ==, "07700 900123");
  g_assert_true (has_label (page, "Grace Okafor"));

  /* Link to the patient by NHS number. */
  click (page, "link-patient");
  set_text (page, "patient", "943 476 5919");
  set_text (page, "relationship", "Mother");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_true (has_label (page, "OKAFOR, Daniel — Mother"));
  g_assert_true (has_label (page, "may not be discussed (no consent recorded)"));

  /* Consent to share medication and appointments, review in nine days. */
  click (page, "record-consent");
  set_text (page, "status", "given");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "scope:medication")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "scope:appointments")), TRUE);
  set_text (page, "decided_on", "20/11/2026");
  set_text (page, "review_date", "30/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_true (has_label (page, "may be discussed (consent given on 20 Nov 2026)"));
  g_assert_true (has_label (page, "may not be discussed (not covered by the consent given on 20 Nov 2026)"));
  consent = kes_store_find_carer_consent (db->store, patient_id,
                                          kes_field_record_get_id (carers->pdata[0]), NULL);
  g_assert_nonnull (consent);

  /* The patient's Carers tab says plainly what may be discussed. */
  {
    GtkWidget *view = kes_patient_carers_view_new ();
    GtkWidget *may, *may_not;

    g_object_ref_sink (view);
    kes_patient_carers_view_set_record (KES_PATIENT_CARERS_VIEW (view), db->store, patient_id);
    may = find (view, ADW_TYPE_ACTION_ROW, "may-discuss");
    may_not = find (view, ADW_TYPE_ACTION_ROW, "may-not-discuss");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (may)), ==,
                     "General information (no consent needed), Medication, Appointments");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (may_not)), ==,
                     "Diagnosis, Care plan, Risk and safety plan, Mental Health Act and legal status, "
                     "Progress and treatment");
    g_object_unref (view);
  }

  /* A completed assessment with a review already passed. */
  click (page, "record-assessment");
  set_text (page, "status", "completed");
  set_text (page, "offered_on", "01/05/2026");
  set_text (page, "assessed_on", "20/05/2026");
  set_text (page, "wellbeing_impact", "Sleeps badly after visits.");
  set_text (page, "support_plan", "Carers' group; respite once a month.");
  g_signal_emit_by_name (save_button (page), "clicked");
  /* Refused without a review date, and what was typed is still there. */
  error_label = kes_test_child (find (page, KES_TYPE_FIELD_FORM, NULL), KES_TYPE_FIELD_FORM, "error_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "Review date is required for a completed assessment");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (page, G_TYPE_NONE, "assessed_on"))), ==, "20/05/2026");
  screenshot (window, "carer-assessment-error.png");
  set_text (page, "review_date", "15/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_true (has_label (page, "Completed — offered 1 May 2026"));

  /* The assessment opens as a PDF preview. */
  {
    GtkWidget *pdf = find (page, GTK_TYPE_BUTTON, "assessment-pdf");
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWidget *preview_window = NULL;
    GtkWidget *preview;

    g_assert_nonnull (pdf);
    g_signal_emit_by_name (pdf, "clicked");
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);
        if (candidate != window && find (candidate, KES_TYPE_REPORT_PREVIEW, NULL) != NULL)
          preview_window = candidate;
      }
    g_assert_nonnull (preview_window);
    preview = find (preview_window, KES_TYPE_REPORT_PREVIEW, NULL);
    for (guint i = 0; i < 100 && kes_report_preview_get_n_pages (KES_REPORT_PREVIEW (preview)) == 0; i++)
      kes_test_wait (50);
    g_assert_cmpuint (kes_report_preview_get_n_pages (KES_REPORT_PREVIEW (preview)), >=, 1);
    screenshot (preview_window, "carer-assessment-preview.png");

    /* Carers' liaison staff may save the carer's own document (and it is
     * logged); liaison and diversion practitioners may not. */
    {
      const char *carers_liaison[] = { KES_ROLE_CARERS_LIAISON, NULL };
      const char *liaison_diversion[] = { KES_ROLE_LIAISON_DIVERSION, NULL };
      g_autofree char *path = g_build_filename (db->dir, "assessment.pdf", NULL);
      g_autofree char *refused = g_build_filename (db->dir, "refused.pdf", NULL);
      g_autoptr(GError) error = NULL;

      set_roles (db, carers_liaison);
      g_assert_true (save_preview (KES_REPORT_PREVIEW (preview), path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

      set_roles (db, liaison_diversion);
      g_assert_false (save_preview (KES_REPORT_PREVIEW (preview), refused, &error));
      g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
      g_assert_cmpstr (error->message, ==, "Liaison and diversion practitioners can’t save or print carers’ documents");
      g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
      set_roles (db, NULL);
    }
    gtk_window_destroy (GTK_WINDOW (preview_window));
  }

  due = kes_store_list_due (db->store, today, NULL, NULL);
  for (guint i = 0; i < due->len; i++)
    {
      const char *kind = kes_due_item_get_kind (due->pdata[i]);
      consent_due = consent_due || g_str_equal (kind, "carer-consent-review");
      assessment_due = assessment_due || g_str_equal (kind, "carer-assessment-review");
    }
  g_assert_true (consent_due);
  g_assert_true (assessment_due);

  /* Issue 21: the patient loses capacity to make the decision. A
   * best-interests decision without how capacity was assessed is refused
   * in words and what was typed stays; complete, sharing goes on within
   * its scope, on that basis. */
  click (page, "record-consent");
  set_text (page, "status", "best-interests");
  gtk_switch_set_active (GTK_SWITCH (find (page, GTK_TYPE_SWITCH, "lacks_capacity")), TRUE);
  set_text (page, "best_interests", "Grace gives him his medication and needs to know the dose.");
  set_text (page, "consulted", "Grace (mother); Dr Patel (RC)");
  g_signal_emit_by_name (save_button (page), "clicked");
  error_label = kes_test_child (find (page, KES_TYPE_FIELD_FORM, NULL), KES_TYPE_FIELD_FORM, "error_label");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "How capacity was assessed"));
  {
    g_autofree char *kept = kes_text_view_dup_text (GTK_TEXT_VIEW (find (page, G_TYPE_NONE, "consulted")));
    g_assert_cmpstr (kept, ==, "Grace (mother); Dr Patel (RC)");
  }
  screenshot (window, "carer-best-interests-refused.png");
  set_text (page, "capacity_assessment", "Acutely unwell: could not retain the information long enough to weigh it.");
  set_text (page, "capacity_assessed_on", "20/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_true (has_label (page, "may be discussed (in the patient’s best interests, decided on 20 Nov 2026)"));
  screenshot (window, "carer-best-interests.png");

  screenshot (window, "carer-record.png");
  scroll_to_end (page);
  screenshot (window, "carer-record-end.png");
  gtk_window_destroy (GTK_WINDOW (window));
  kes_test_wait (10);
  kes_clock_set_fixed (NULL);
}

/* Issue 21: the Mental Capacity Act fields show only once "lacks
 * capacity" is on (and are stored empty while it is off); a typed
 * signature that is not the carer's name is questioned, never refused. */
static void
test_capacity_fields_and_signature (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(GPtrArray) carers = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(KesFieldRecord) consent = NULL;
  g_autofree char *patient_id = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page, *lacks;
  AdwMessageDialog *question;

  kes_clock_set_fixed (now);
  patient_id = kes_test_add_patient (db->store, "Okafor", "Daniel", "9434765919", NULL);
  page = GTK_WIDGET (g_object_new (KES_TYPE_CARERS_PAGE, NULL));
  kes_carers_page_set_store (KES_CARERS_PAGE (page), db->store);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);
  g_signal_emit_by_name (kes_test_child (page, KES_TYPE_CARERS_PAGE, "add_button"), "clicked");
  set_text (page, "name", "Grace Okafor");
  g_signal_emit_by_name (save_button (page), "clicked");
  click (page, "link-patient");
  set_text (page, "patient", "943 476 5919");
  set_text (page, "relationship", "Mother");
  g_signal_emit_by_name (save_button (page), "clicked");
  carers = kes_store_list_carers (db->store, NULL);

  /* Hidden until the patient is said to lack capacity; typed, then hidden
   * again, they are not saved (core would refuse a best-interests decision
   * on a consent given with capacity). */
  click (page, "record-consent");
  lacks = find (page, GTK_TYPE_SWITCH, "lacks_capacity");
  for (const char * const *key = (const char * const[]) { "capacity_assessment", "capacity_assessed_on",
                                                          "best_interests", "consulted", NULL }; *key; key++)
    g_assert_false (gtk_widget_is_visible (find (page, G_TYPE_NONE, *key)));
  g_assert_true (gtk_widget_is_visible (find (page, G_TYPE_NONE, "notes")));
  screenshot (window, "carer-consent-with-capacity.png");
  gtk_switch_set_active (GTK_SWITCH (lacks), TRUE);
  g_assert_true (gtk_widget_is_visible (find (page, G_TYPE_NONE, "best_interests")));
  g_assert_true (gtk_widget_is_visible (find (page, G_TYPE_NONE, "capacity_assessed_on")));
  set_text (page, "best_interests", "Typed, then not needed.");
  screenshot (window, "carer-consent-lacks-capacity.png");
  gtk_switch_set_active (GTK_SWITCH (lacks), FALSE);
  set_text (page, "status", "given");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (page, GTK_TYPE_CHECK_BUTTON, "scope:medication")), TRUE);
  set_text (page, "decided_on", "20/11/2026");
  set_text (page, "review_date", "20/05/2027");
  g_signal_emit_by_name (save_button (page), "clicked");
  consent = kes_store_find_carer_consent (db->store, patient_id, kes_field_record_get_id (carers->pdata[0]), NULL);
  g_assert_nonnull (consent);
  g_assert_cmpstr (kes_field_record_get_text (consent, "best_interests"), ==, "");

  /* Signed "G Okafor": asked first; going back saves nothing. */
  click (page, "record-assessment");
  set_text (page, "status", "offered");
  set_text (page, "offered_on", "20/11/2026");
  set_text (page, "carer_signed_name", "G Okafor");
  set_text (page, "carer_signed_on", "20/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  question = kes_test_find_message_dialog ();
  g_assert_nonnull (question);
  g_assert_true (kes_test_has_label (GTK_WIDGET (question), "The signature “G Okafor” is not the carer’s name in "
                                                            "the register, “Grace Okafor”. Check that the carer "
                                                            "typed it themselves. Save it as typed, or go back "
                                                            "and correct it?"));
  screenshot (GTK_WIDGET (question), "carer-signature-question.png");
  kes_test_answer (question, "back");
  assessments = kes_store_list_carer_records (db->store, &kes_carer_assessment_kind,
                                              kes_field_record_get_id (carers->pdata[0]), NULL, NULL);
  g_assert_cmpuint (assessments->len, ==, 0);
  g_clear_pointer (&assessments, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find (page, G_TYPE_NONE, "carer_signed_name"))), ==,
                   "G Okafor");

  /* Asked again, and saved as typed. */
  g_signal_emit_by_name (save_button (page), "clicked");
  question = kes_test_find_message_dialog ();
  g_assert_nonnull (question);
  kes_test_answer (question, "save");
  assessments = kes_store_list_carer_records (db->store, &kes_carer_assessment_kind,
                                              kes_field_record_get_id (carers->pdata[0]), NULL, NULL);
  g_assert_cmpuint (assessments->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (assessments->pdata[0], "carer_signed_name"), ==, "G Okafor");
  /* The assessment's row says the carer signed it, and when. */
  g_assert_true (kes_test_has_label (page, "Signed by the carer 20 Nov 2026"));

  /* Their name as registered, however it is spaced or capitalised: no question. */
  click (page, "record-assessment");
  set_text (page, "status", "offered");
  set_text (page, "offered_on", "21/11/2026");
  set_text (page, "carer_signed_name", "grace  OKAFOR");
  set_text (page, "carer_signed_on", "21/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_true (kes_test_has_label (page, "Signed by the carer 21 Nov 2026"));

  /* Signed on paper: the row says so, with the date. */
  click (page, "record-assessment");
  set_text (page, "status", "offered");
  set_text (page, "offered_on", "21/11/2026");
  gtk_switch_set_active (GTK_SWITCH (find (page, G_TYPE_NONE, "carer_signed_on_paper")), TRUE);
  set_text (page, "carer_signed_on", "19/11/2026");
  g_signal_emit_by_name (save_button (page), "clicked");
  g_assert_true (kes_test_has_label (page, "Signed on paper 19 Nov 2026"));
  screenshot (window, "carer-row-signature.png");

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
  g_test_add_func ("/carers-ui/carer-consent-assessment", test_carer_consent_assessment);
  g_test_add_func ("/carers-ui/capacity-fields-and-signature", test_capacity_fields_and_signature);
  return g_test_run ();
}
