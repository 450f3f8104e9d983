/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-moj"

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "kes-app-util.h"
#include "kes-form-errors.h"
#include "kes-clock.h"
#include "kes-codes.h"
#include "kes-pdf-writer.h"
#include "kes-report-moj.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-risk.h"
#include "kes-ui-test-util.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "kes-test-accounts.h"
#include "moj/kes-moj-record-dialog.h"
#include "moj/kes-moj-report-form.h"
#include "moj/kes-moj-reports-page.h"
#include "moj/kes-moj-view.h"
#include "patient/kes-patient-page.h"

/* The Legal & MoJ tab on a restricted patient: the header shows the legal
 * status in force; a report is prefilled from the record (the contact
 * count, each condition of discharge in force, the latest signed-off
 * structured risk assessment), completed and signed part by part by the
 * named supervisors; its PDF shows every part, the compliance table and
 * the prefilled contact count, which matches the contact log; it saves as
 * XML; a condition marked entered in error stays listed with its reason
 * and leaves later reports. */

typedef struct
{
  KesTestDb      *db;
  KesStaff       *social;
  KesStaff       *clinical;
  char           *patient_id;
  KesWindow      *window;
  KesPatientPage *page;
} Fixture;

static void
set_now (const char *iso)
{
  g_autoptr(GDateTime) now = kes_time_from_iso (iso);
  kes_clock_set_fixed (now);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesMojRecord) status = NULL;
  g_autoptr(KesMojRecord) condition = NULL;
  g_autoptr(KesMojRecord) substances = NULL;
  g_autoptr(KesRiskAssessment) assessment = NULL;
  static const char *times[] = { "2026-02-03T10:00:00Z", "2026-02-10T11:00:00Z", "2026-02-17T10:00:00Z",
                                 "2026-02-20T14:00:00Z", "2026-02-24T09:30:00Z" };
  static const char *types[] = { "face-to-face", "phone", "dna", "face-to-face", "video" };

  set_now ("2026-02-25T09:00:00Z");
  fixture->db = kes_test_db_new (TRUE);
  fixture->social = kes_test_account_titled (fixture->db->store, "sam.social", "Sam Social", "Social supervisor", "North",
                                             "01603 100200", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->clinical = kes_test_account_titled (fixture->db->store, "cara.clinic", "Dr Cara Clinic", "Consultant forensic psychiatrist", "North",
                                               "01603 100300", KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Crane", "John", "9434765919", "North");
  patient = kes_store_load_patient (fixture->db->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_SUPERVISOR_ID, kes_staff_get_id (fixture->social));
  kes_patient_set_text (patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (fixture->clinical));
  kes_patient_set_text (patient, KES_PATIENT_ADDRESS, "12 Heron Court, Norwich");
  g_assert_true (kes_store_save_patient (fixture->db->store, patient, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, fixture->patient_id);
  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", "2026-01-31");
  kes_moj_record_set_text (status, "order_date", "2019-06-01");
  kes_moj_record_set_text (status, "court", "Norwich Crown Court");
  kes_moj_record_set_text (status, "conditional_discharge_date", "2026-01-31");
  kes_moj_record_set_text (status, "mhcs_reference", "MHCS/2019/4411");
  kes_moj_record_set_text (status, "mappa_category", "2");
  kes_moj_record_set_text (status, "mappa_level", "1");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  condition = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
  kes_moj_record_set_text (condition, "category", "residence");
  kes_moj_record_set_text (condition, "wording", "Reside at 12 Heron Court and abide by its rules");
  kes_moj_record_set_text (condition, "start_date", "2026-01-31");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, condition, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  substances = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
  kes_moj_record_set_text (substances, "category", "substances");
  kes_moj_record_set_text (substances, "wording", "Abstain from illicit drugs and submit to random urine drug screens");
  kes_moj_record_set_text (substances, "start_date", "2026-01-31");
  g_assert_true (kes_store_save_moj_record (fixture->db->store, substances, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  assessment = kes_risk_assessment_new (fixture->patient_id, "HCR-20", "3", 1);
  kes_risk_assessment_set_assessed_on (assessment, "2026-02-12");
  kes_risk_assessment_set_completed_by (assessment, "Dr Cara Clinic");
  kes_risk_assessment_set_mdt_reviewed_on (assessment, "2026-02-12");
  kes_risk_assessment_set_next_review_on (assessment, "2026-08-12");
  kes_risk_assessment_set_field (assessment, "case_prioritisation", "M");
  kes_risk_assessment_set_field (assessment, "serious_harm", "L");
  kes_risk_assessment_set_field (assessment, "imminent_violence", "L");
  kes_risk_assessment_set_status (assessment, KES_RISK_STATUS_COMPLETED);
  g_assert_true (kes_store_sign_off_risk_assessment (fixture->db->store, assessment, NULL, KES_TEST_PASSWORD, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(KesContact) contact = kes_contact_new ();
      kes_contact_set_patient_id (contact, fixture->patient_id);
      kes_contact_set_occurred_at (contact, times[i]);
      kes_contact_set_contact_type (contact, types[i]);
      kes_contact_set_summary (contact, "Supervision visit");
      g_assert_true (kes_store_save_contact (fixture->db->store, contact, KES_CHANGE_CREATE, NULL, &error));
      g_assert_no_error (error);
    }

  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  fixture->page = kes_window_get_patient_page (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  g_clear_object (&fixture->social);
  g_clear_object (&fixture->clinical);
  g_free (fixture->patient_id);
  kes_test_db_free (fixture->db);
  kes_clock_set_fixed (NULL);
}

static void shoot_once (GtkWidget  *widget,
                        const char *name);

/* With KES_SHOTS_DIR set, saves @widget as NAME.png and, in the dark
 * style, NAME-dark.png: for looking at, not for asserting. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  if (g_getenv ("KES_SHOTS_DIR") == NULL)
    return;
  light = g_strdup_printf ("%s.png", name);
  dark = g_strdup_printf ("%s-dark.png", name);
  kes_test_wait (100);
  shoot_once (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  kes_test_wait (300);
  shoot_once (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  kes_test_wait (100);
}

static void
shoot_once (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("KES_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL || width <= 0 || height <= 0)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  {
    /* A widget inside a window has no background of its own. */
    GdkRGBA background;
    if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &background))
      gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  }
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
set_text (KesMojReportForm *form,
          const char       *field_id,
          const char       *text)
{
  GtkWidget *editor = kes_moj_report_form_get_editor (form, field_id);

  g_assert_nonnull (editor);
  if (GTK_IS_TEXT_VIEW (editor))
    kes_text_view_set_text (GTK_TEXT_VIEW (editor), text);
  else if (GTK_IS_DROP_DOWN (editor))
    kes_dropdown_set_code (GTK_DROP_DOWN (editor), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (editor), text);
}

static char *
get_text (KesMojReportForm *form,
          const char       *field_id)
{
  GtkWidget *editor = kes_moj_report_form_get_editor (form, field_id);

  if (GTK_IS_TEXT_VIEW (editor))
    return kes_text_view_dup_text (GTK_TEXT_VIEW (editor));
  return kes_editable_dup_text (GTK_EDITABLE (editor));
}

static void
test_header_and_tab (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *view;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_test_wait (200);
  /* The header reads the legal status record, MAPPA included: the one home. */
  {
    GtkWidget *label = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "legal_label");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                     "Section 37 with section 41 restrictions · conditionally discharged 31 Jan 2026 · "
                     "MAPPA category 2, level 1");
    g_assert_true (gtk_widget_get_visible (label));
  }
  view = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
  g_assert_nonnull (view);
  {
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK));
    adw_view_stack_set_visible_child_name (stack, "moj");
  }
  kes_test_wait (400);
  shoot (GTK_WIDGET (fixture->window), "moj-tab");
}

static void
test_report_prefill_sign_pdf (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *count_text = NULL;
  g_autofree char *expected = NULL;
  PopplerDocument *poppler;
  KesMojReportForm *form;
  KesMojRecord *report;
  GtkWidget *view;
  guint logged;
  const char *parts[] = { "A", "B", "C" };

  g_assert_true (kes_patient_page_load (fixture->page, fixture->patient_id, &error));
  view = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
  form = KES_MOJ_REPORT_FORM (kes_moj_view_new_report (KES_MOJ_VIEW (view), KES_MOJ_REPORT_ROUTINE, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (form);
  gtk_window_set_default_size (GTK_WINDOW (form), 1000, 800);
  report = kes_moj_report_form_get_report (form);

  /* Prefilled from the record, and marked as such. */
  {
    g_autofree char *name = get_text (form, "A.name");
    g_assert_cmpstr (name, ==, "CRANE, John");
  }
  g_assert_true (kes_moj_report_form_is_marked (form, "A.name"));
  g_assert_true (kes_moj_report_form_is_marked (form, "A.mhcs_reference"));
  g_assert_false (kes_moj_report_form_is_marked (form, "B.mental_state"));
  logged = kes_store_count_contacts (fixture->db->store, fixture->patient_id,
                                     kes_moj_record_get_text (report, "period_from"),
                                     kes_moj_record_get_text (report, "period_to"));
  g_assert_cmpuint (logged, ==, 4);
  count_text = get_text (form, "B.contacts_count");
  expected = g_strdup_printf ("%u", logged);
  g_assert_cmpstr (count_text, ==, expected);
  g_assert_true (kes_moj_report_form_is_marked (form, "B.contacts_count"));

  /* Editable: a changed prefilled value loses its mark. */
  set_text (form, "A.aliases", "Johnny Crane");
  g_assert_false (kes_moj_report_form_is_marked (form, "A.aliases"));

  /* Complete Parts A–C. */
  set_text (form, "A.accommodation", "Supported flat, staffed 9–5");
  set_text (form, "B.mental_state", "Settled and engaging; no psychotic symptoms seen at visits.");
  /* One row for each condition in force, as worded on the record, marked. */
  {
    g_auto(GStrv) rows = kes_moj_report_dup_compliance_rows (report, "B.compliance");
    const char *ratings[] = { "complied", "partly" };
    const char *evidence[] = { "Seen at home at every visit.",
                               "Missed the screen on 17 Feb; the other two negative." };

    g_assert_cmpuint (g_strv_length (rows), ==, 2);
    g_assert_true (kes_moj_report_form_is_marked (form, "B.compliance"));
    {
      g_autofree char *key = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_CONDITION);
      g_assert_cmpstr (kes_moj_report_get_value (report, key), ==,
                       "Residence: Reside at 12 Heron Court and abide by its rules (from 31 Jan 2026)");
    }
    /* Part B cannot be marked ready while a condition is unrated. */
    kes_store_set_actor (fixture->db->store, fixture->social);
    g_assert_false (kes_moj_report_form_ready_part (form, "B", &error));
    g_assert_nonnull (strstr (error->message, "Compliance with condition 2 (Alcohol and illicit substances"));
    g_clear_error (&error);
    for (guint i = 0; rows[i] != NULL; i++)
      {
        g_autofree char *rating = kes_moj_compliance_key ("B.compliance", rows[i], KES_MOJ_COMPLIANCE_RATING);
        g_autofree char *text = kes_moj_compliance_key ("B.compliance", rows[i], KES_MOJ_COMPLIANCE_EVIDENCE);

        g_assert_true (GTK_IS_DROP_DOWN (kes_moj_report_form_get_editor (form, rating)));
        set_text (form, rating, ratings[i]);
        set_text (form, text, evidence[i]);
        g_assert_cmpstr (kes_moj_report_get_value (report, rating), ==, ratings[i]);
      }
  }
  /* The latest signed-off structured risk assessment, as its assessor recorded it. */
  {
    g_autofree char *risk = get_text (form, "B.risk_assessment");
    g_assert_true (g_str_has_prefix (risk, "HCR-20 Version 3 (frame), assessed 12 Feb 2026 by Dr Cara Clinic, "
                                           "signed off.\nCase prioritisation: Moderate"));
  }
  g_assert_true (kes_moj_report_form_is_marked (form, "B.risk_assessment"));
  set_text (form, "B.risk", "No new risk factors this period; the assessment above still describes him.");
  set_text (form, "B.substances", "Negative urine drug screens on 3 and 17 Feb.");
  set_text (form, "B.recommendation", "Continue conditional discharge.");
  set_text (form, "C.mental_state", "Euthymic, no evidence of psychosis.");
  set_text (form, "C.treatment", "Depot given on time; good adherence.");
  set_text (form, "C.insight", "Good insight into relapse signatures.");
  set_text (form, "C.risk", "Risk to others judged stable; see the latest structured assessment.");
  set_text (form, "C.recommendation", "continue");

  /* Signing follows the named supervisors. */
  kes_store_set_actor (fixture->db->store, fixture->social);
  g_assert_true (kes_moj_report_form_ready_part (form, "C", &error));
  g_assert_false (kes_moj_report_form_sign_part (form, "C", KES_TEST_PASSWORD, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      kes_store_set_actor (fixture->db->store, i < 2 ? fixture->social : fixture->clinical);
      if (i < 2)
        g_assert_true (kes_moj_report_form_ready_part (form, parts[i], &error));
      g_assert_no_error (error);
      g_assert_true (kes_moj_report_form_sign_part (form, parts[i], KES_TEST_PASSWORD, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (kes_moj_report_form_get_part_state_text (form, parts[i]), "Signed by "));
    }
  kes_test_wait (400);
  shoot (GTK_WIDGET (form), "moj-report-form-signed");
  /* Parts B and C as they show in the window. */
  {
    g_auto(GStrv) rows = kes_moj_report_dup_compliance_rows (report, "B.compliance");
    g_autofree char *rating = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_RATING);

    kes_widget_scroll_into_view (kes_moj_report_form_get_editor (form, rating));
    kes_test_wait (300);
    shoot (GTK_WIDGET (form), "moj-report-form-part-b");
    kes_widget_scroll_into_view (kes_moj_report_form_get_editor (form, "B.risk_assessment"));
    kes_test_wait (300);
    shoot (GTK_WIDGET (form), "moj-report-form-part-b-risk");
    kes_widget_scroll_into_view (kes_moj_report_form_get_editor (form, "C.recommendation"));
    kes_test_wait (300);
    shoot (GTK_WIDGET (form), "moj-report-form-part-c");
  }
  /* The whole form, every part, at its full height. */
  shoot (adw_clamp_get_child (ADW_CLAMP (kes_test_find_descendant (GTK_WIDGET (form), ADW_TYPE_CLAMP))),
         "moj-report-form-all-parts");

  /* A change after signing shows at once. */
  set_text (form, "C.insight", "Partial insight.");
  g_assert_cmpstr (kes_moj_report_form_get_part_state_text (form, "C"), ==, "Altered after signing");
  set_text (form, "C.insight", "Good insight into relapse signatures.");
  g_assert_true (g_str_has_prefix (kes_moj_report_form_get_part_state_text (form, "C"), "Signed by "));

  /* The PDF shows every part, and the count from the log. */
  document = kes_moj_report_form_build_document (form, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
  poppler = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (poppler); i++)
    {
      PopplerPage *page = poppler_document_get_page (poppler, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_string_append (all, text);
      g_string_append_c (all, '\n');
      g_object_unref (page);
    }
  g_object_unref (poppler);
  g_assert_nonnull (strstr (all->str, "Part A: patient details and supervision"));
  g_assert_nonnull (strstr (all->str, "Part B: social supervisor’s report"));
  g_assert_nonnull (strstr (all->str, "Part C: clinical supervisor’s report"));
  {
    /* Label and value cells: compare without white space. */
    g_autofree char *line = g_strdup_printf ("Contactssincethelastreport%u", logged);
    g_autoptr(GString) flat = g_string_new (NULL);

    for (const char *p = all->str; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        g_string_append_c (flat, *p);
    if (strstr (flat->str, line) == NULL)
      g_error ("no “%s” in the PDF text", line);
  }
  g_assert_nonnull (strstr (all->str, "Sam Social"));
  g_assert_nonnull (strstr (all->str, "Dr Cara Clinic"));
  g_assert_nonnull (strstr (all->str, "Partly complied"));
  g_assert_nonnull (strstr (all->str, "Case prioritisation: Moderate"));
  /* The same report as schema-checked XML, the export logged. */
  {
    g_autofree char *dir = g_dir_make_tmp ("kes-moj-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "report.xml", NULL);
    g_autofree char *xml = NULL;

    g_assert_true (kes_moj_report_form_save_xml (form, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &xml, NULL, &error));
    g_assert_nonnull (strstr (xml, "Partly complied"));
    g_assert_nonnull (strstr (xml, "Missed the screen on 17 Feb; the other two negative."));
    g_assert_nonnull (strstr (xml, "Case prioritisation: Moderate"));
    g_unlink (path);
    g_rmdir (dir);
  }
  if (g_getenv ("KES_SHOTS_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "moj-report.pdf", NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }
  gtk_window_destroy (GTK_WINDOW (form));
}

static gboolean
has_row_titled (GtkWidget  *widget,
                const char *title)
{
  return kes_test_find_row (widget, title) != NULL;
}

static void
test_entered_in_error_and_log (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) conditions = NULL;
  g_autoptr(KesMojRecord) substances = NULL;
  g_autoptr(KesMojTemplate) template = NULL;
  g_autoptr(KesMojRecord) report = NULL;
  g_auto(GStrv) rows = NULL;
  KesMojRecordDialog *dialog;
  GtkWidget *view;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_test_wait (200);
  view = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
  {
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK));
    adw_view_stack_set_visible_child_name (stack, "moj");
  }
  kes_test_wait (200);
  g_assert_true (has_row_titled (view, "Nothing has been submitted yet"));

  /* Mark the substances condition entered in error from its form. */
  conditions = kes_store_list_moj_records (fixture->db->store, fixture->patient_id, KES_MOJ_CONDITION, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (conditions); i++)
    {
      g_autoptr(KesMojRecord) record = g_list_model_get_item (conditions, i);
      if (g_str_equal (kes_moj_record_get_text (record, "category"), "substances"))
        substances = g_object_ref (record);
    }
  g_assert_nonnull (substances);
  dialog = kes_moj_record_dialog_new (GTK_WINDOW (fixture->window), fixture->db->store, substances);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (kes_moj_view_reload), view, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  kes_test_wait (100);
  shoot (GTK_WIDGET (dialog), "moj-condition-dialog");
  /* Dates show as typed (DD/MM/YYYY) and are stored as ISO again. */
  g_assert_true (kes_moj_record_dialog_save (dialog));
  g_assert_cmpstr (kes_moj_record_get_text (kes_moj_record_dialog_get_record (dialog), "start_date"), ==,
                   "2026-01-31");
  g_assert_cmpint (kes_moj_record_get_revision (kes_moj_record_dialog_get_record (dialog)), ==, 2);
  g_assert_true (kes_moj_record_dialog_mark_entered_in_error (dialog, "Recorded on the wrong patient", &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  kes_test_wait (100);

  /* Still listed, marked, with the reason; the record keeps its history. */
  g_assert_true (has_row_titled (view, "Entered in error: Alcohol and illicit substances"));
  shoot (adw_clamp_get_child (ADW_CLAMP (kes_test_find_descendant (view, ADW_TYPE_CLAMP))), "moj-tab-entered-in-error");
  {
    g_autoptr(KesMojRecord) loaded = kes_store_load_moj_record (fixture->db->store,
                                                                kes_moj_record_get_id (substances), &error);
    g_assert_no_error (error);
    g_assert_cmpint (kes_moj_record_get_state (loaded), ==, KES_RECORD_ENTERED_IN_ERROR);
  }

  /* A new report no longer asks about it. */
  template = kes_moj_template_get_current (&error);
  g_assert_no_error (error);
  report = kes_report_moj_new_report (fixture->db->store, template, fixture->patient_id, KES_MOJ_REPORT_ROUTINE,
                                      NULL, NULL, &error);
  g_assert_no_error (error);
  rows = kes_moj_report_dup_compliance_rows (report, "B.compliance");
  g_assert_cmpuint (g_strv_length (rows), ==, 1);

  /* Signed and sent three days after it was due, MHCS told beforehand: the submission log says so. */
  {
    g_autoptr(KesMojRecord) notice = kes_moj_record_new (KES_MOJ_LATE_NOTICE, fixture->patient_id);

    kes_moj_record_set_text (notice, "due_date", "2026-02-28");
    kes_moj_record_set_text (notice, "sent_date", "2026-02-25");
    kes_moj_record_set_text (notice, "expected_date", "2026-03-04");
    kes_moj_record_set_text (notice, "reason", "Clinical supervisor on leave until 2 March");
    g_assert_true (kes_store_save_moj_record (fixture->db->store, notice, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
  }
  {
    g_autofree char *rating = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_RATING);
    g_autofree char *evidence = kes_moj_compliance_key ("B.compliance", rows[0], KES_MOJ_COMPLIANCE_EVIDENCE);
    const char *parts[] = { "A", "B", "C" };

    kes_moj_report_set_value (report, rating, "complied");
    kes_moj_report_set_value (report, evidence, "Seen at home at every visit.");
    kes_store_set_actor (fixture->db->store, fixture->social);
    g_assert_true (kes_store_save_moj_record (fixture->db->store, report, KES_CHANGE_CREATE, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      {
        kes_store_set_actor (fixture->db->store, i < 2 ? fixture->social : fixture->clinical);
        g_assert_true (kes_store_set_moj_part_ready (fixture->db->store, report, parts[i], TRUE, &error));
        g_assert_true (kes_store_sign_moj_report_part (fixture->db->store, report, parts[i], KES_TEST_PASSWORD, &error));
        g_assert_no_error (error);
      }
    g_assert_true (kes_store_submit_moj_report (fixture->db->store, report, "2026-03-03", "secure-email",
                                                "MHCS-77", &error));
    g_assert_no_error (error);
  }
  kes_moj_view_reload (KES_MOJ_VIEW (view));
  kes_test_wait (200);
  g_assert_false (has_row_titled (view, "Nothing has been submitted yet"));
  {
    const char *method = kes_code_list_lookup (kes_code_list_get (KES_CODES_SUBMISSION_METHOD), "secure-email");
    g_autofree char *title = g_strdup_printf ("Sent 3 Mar 2026 by %s · reference MHCS-77", method);
    GtkWidget *row = kes_test_find_row (view, title);

    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "Report due 28 Feb 2026 · 3 days late; MHCS told on 25 Feb 2026");
  }
  shoot (adw_clamp_get_child (ADW_CLAMP (kes_test_find_descendant (view, ADW_TYPE_CLAMP))), "moj-tab-submission-log");
}

static void
add_discharged (Fixture    *fixture,
                const char *family,
                const char *given,
                const char *nhs_number,
                const char *discharged)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kes_test_add_patient (fixture->db->store, family, given, nhs_number, "North");
  g_autoptr(KesMojRecord) status = kes_moj_record_new (KES_MOJ_LEGAL_STATUS, id);

  kes_moj_record_set_text (status, "authority", "09");
  kes_moj_record_set_text (status, "effective_date", discharged);
  kes_moj_record_set_text (status, "conditional_discharge_date", discharged);
  g_assert_true (kes_store_save_moj_record (fixture->db->store, status, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_reports_area (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page;
  GtkStack *stack;

  /* The Reports area is built when first shown. */
  kes_window_show_area (fixture->window, "reports");
  page = kes_test_find_descendant (GTK_WIDGET (fixture->window), KES_TYPE_MOJ_REPORTS_PAGE);
  g_assert_nonnull (page);
  stack = GTK_STACK (gtk_widget_get_parent (page));
  gtk_stack_set_visible_child_name (stack, "reports");
  kes_test_wait (200);
  /* First report due 28 Feb (discharge 31 Jan + 28 days): in the 7-day window on 25 Feb. */
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (page));
  g_assert_cmpuint (kes_moj_reports_page_get_n_rows (KES_MOJ_REPORTS_PAGE (page)), ==, 1);
  /* Two more restricted patients: one report due today, one overdue. */
  add_discharged (fixture, "Heron", "Alice", "9434761018", "2026-01-28");
  add_discharged (fixture, "Osprey", "Ben", "9434761026", "2026-01-20");
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (page));
  g_assert_cmpuint (kes_moj_reports_page_get_n_rows (KES_MOJ_REPORTS_PAGE (page)), ==, 3);
  shoot (GTK_WIDGET (fixture->window), "moj-reports-area");
  /* A week later all three are overdue, and still listed. */
  set_now ("2026-03-04T09:00:00Z");
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (page));
  g_assert_cmpuint (kes_moj_reports_page_get_n_rows (KES_MOJ_REPORTS_PAGE (page)), ==, 3);
}

/* The record's "Urgent Report" → "Breach of a condition": its form. */
static KesMojReportForm *
open_urgent_form (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  KesMojReportForm *form = NULL;
  GtkWidget *view;
  GtkWidget *breach;

  g_assert_true (kes_patient_page_load (fixture->page, fixture->patient_id, &error));
  view = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
  breach = kes_test_find_button (view, "Breach of a condition");
  g_assert_nonnull (breach);
  g_signal_emit_by_name (breach, "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && form == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (KES_IS_MOJ_REPORT_FORM (window))
        form = KES_MOJ_REPORT_FORM (window);
    }
  g_assert_nonnull (form);
  return form;
}

/* "Urgent Report" → "Breach of a condition" opens the urgent form, which
 * asks what happened, when and what was done; Part A is not ready without
 * them, and the PDF carries them (its "What prompted this report" was
 * always blank). */
static void
test_urgent_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  KesMojReportForm *form = NULL;
  PopplerDocument *poppler;

  form = open_urgent_form (fixture);
  g_assert_true (kes_moj_report_is_urgent (kes_moj_report_form_get_report (form)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "CRANE, John — Urgent Report to the Ministry of Justice");
  g_assert_true (kes_test_has_label (GTK_WIDGET (form), "Breach of a condition"));

  kes_store_set_actor (fixture->db->store, fixture->social);
  g_assert_false (kes_moj_report_form_ready_part (form, "A", &error));
  g_assert_nonnull (strstr (error->message, "What happened: say what prompted this urgent report"));
  g_clear_error (&error);
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_form_find_field (GTK_WIDGET (form), "trigger_what")),
                          "Stayed two nights at his ex-partner's address, against the residence condition");
  gtk_editable_set_text (GTK_EDITABLE (kes_form_find_field (GTK_WIDGET (form), "trigger_when")), "23/02/2026");
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_form_find_field (GTK_WIDGET (form), "trigger_action")),
                          "Visited the same day; RC told; recall discussed with MHCS by phone");
  g_assert_true (kes_moj_report_form_save (form, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kes_moj_record_get_text (kes_moj_report_form_get_report (form), "trigger_when"), ==, "2026-02-23");

  document = kes_moj_report_form_build_document (form, &error);
  g_assert_no_error (error);
  pdf = kes_pdf_render_bytes (document, NULL, &error);
  g_assert_no_error (error);
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
  g_assert_nonnull (strstr (all->str, "URGENT REPORT: Breach of a condition"));
  g_assert_nonnull (strstr (all->str, "Stayed two nights"));
  g_assert_nonnull (strstr (all->str, "23 Feb 2026"));
  g_assert_nonnull (strstr (all->str, "recall discussed with MHCS"));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* "Mark Ready for Review" refused on an urgent report's Part A, for a
 * screen reader and the keyboard: nothing asks or saves, the summary at the
 * top is an alert naming each problem, the focus is on the first field (what
 * happened), each field is described by its problem and related to the
 * summary, and each mark goes as its field is filled in. */
static void
test_urgent_report_refusal (Fixture       *fixture,
                            gconstpointer  data)
{
  KesMojReportForm *form = open_urgent_form (fixture);
  GtkWidget *summary = kes_form_find_field (GTK_WIDGET (form), "moj-report-problems");
  GtkWidget *what = kes_form_find_field (GTK_WIDGET (form), "trigger_what");
  GtkWidget *when = kes_form_find_field (GTK_WIDGET (form), "trigger_when");

  kes_store_set_actor (fixture->db->store, fixture->social);
  g_signal_emit_by_name (kes_test_find_button (GTK_WIDGET (form), "Mark Ready for Review"), "clicked");
  g_assert_null (kes_test_find_message_dialog ());
  kes_test_assert_alert_shown (summary);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "Part A is not ready for review"));
  kes_test_assert_field_error (what, summary, "What happened: say what prompted this urgent report", TRUE);
  kes_test_assert_field_error (when, summary, "When it happened: give the date", FALSE);
  g_assert_cmpint (kes_moj_report_get_part_state (kes_moj_report_form_get_report (form), "A"), ==,
                   KES_MOJ_PART_DRAFT);

  kes_text_view_set_text (GTK_TEXT_VIEW (what), "Stayed away overnight against the residence condition");
  kes_test_assert_field_clear (what);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (summary)), "What happened"));
  kes_test_assert_field_error (when, summary, "When it happened: give the date", FALSE);
  gtk_window_destroy (GTK_WINDOW (form));
}

/* A refused record says why above the fields, puts the focus on the field
 * to put right, and the message goes once it is right. */
static void
test_record_dialog_refusal (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesMojRecord) condition = kes_moj_record_new (KES_MOJ_CONDITION, fixture->patient_id);
  KesMojRecordDialog *dialog = kes_moj_record_dialog_new (GTK_WINDOW (fixture->window), fixture->db->store,
                                                          condition);
  GtkWidget *error_label = NULL;
  GtkWidget *end;
  GtkWidget *focus;

  gtk_window_present (GTK_WINDOW (dialog));
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_form_find_field (GTK_WIDGET (dialog), "category")), "residence");
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_form_find_field (GTK_WIDGET (dialog), "wording")), "Reside at 12 Heron Court");
  gtk_editable_set_text (GTK_EDITABLE (kes_form_find_field (GTK_WIDGET (dialog), "start_date")), "01/03/2026");
  end = kes_form_find_field (GTK_WIDGET (dialog), "end_date");
  gtk_editable_set_text (GTK_EDITABLE (end), "01/02/2026");
  g_assert_false (kes_moj_record_dialog_save (dialog));
  for (GtkWidget *w = gtk_widget_get_first_child (adw_window_get_content (ADW_WINDOW (dialog))); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "error"))
      error_label = w;
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "End date: it cannot be before the start date");
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus == end || gtk_widget_is_ancestor (focus, end));

  gtk_editable_set_text (GTK_EDITABLE (end), "01/04/2026");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (kes_moj_record_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/moj/header-and-tab", Fixture, NULL, fixture_set_up, test_header_and_tab, fixture_tear_down);
  g_test_add ("/moj/report-prefill-sign-pdf", Fixture, NULL, fixture_set_up, test_report_prefill_sign_pdf,
              fixture_tear_down);
  g_test_add ("/moj/urgent-report", Fixture, NULL, fixture_set_up, test_urgent_report, fixture_tear_down);
  g_test_add ("/moj/urgent-report-refusal", Fixture, NULL, fixture_set_up, test_urgent_report_refusal,
              fixture_tear_down);
  g_test_add ("/moj/record-dialog-refusal", Fixture, NULL, fixture_set_up, test_record_dialog_refusal,
              fixture_tear_down);
  g_test_add ("/moj/reports-area", Fixture, NULL, fixture_set_up, test_reports_area, fixture_tear_down);
  g_test_add ("/moj/entered-in-error-and-log", Fixture, NULL, fixture_set_up, test_entered_in_error_and_log,
              fixture_tear_down);
  return g_test_run ();
}
