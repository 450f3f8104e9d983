/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-moj"

#include "config.h"

#include <poppler.h>
#include <string.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-pdf-writer.h"
#include "kes-ui-test-util.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "moj/kes-moj-report-form.h"
#include "moj/kes-moj-reports-page.h"
#include "moj/kes-moj-view.h"
#include "patient/kes-patient-page.h"

/* The Legal & MoJ tab on a restricted patient: the header shows the legal
 * status in force; a report is prefilled from the record, completed and
 * signed part by part by the named supervisors; its PDF shows every part
 * and the prefilled contact count matches the contact log. */

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
  static const char *times[] = { "2026-02-03T10:00:00Z", "2026-02-10T11:00:00Z", "2026-02-17T10:00:00Z",
                                 "2026-02-20T14:00:00Z", "2026-02-24T09:30:00Z" };
  static const char *types[] = { "face-to-face", "phone", "dna", "face-to-face", "video" };

  set_now ("2026-02-25T09:00:00Z");
  fixture->db = kes_test_db_new (TRUE);
  fixture->social = kes_store_add_staff (fixture->db->store, "sam.social", "Sam Social", "Social supervisor",
                                         "North", "01603 100200", &error);
  g_assert_no_error (error);
  fixture->clinical = kes_store_add_staff (fixture->db->store, "cara.clinic", "Dr Cara Clinic",
                                           "Consultant forensic psychiatrist", "North", "01603 100300", &error);
  g_assert_no_error (error);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Crane", "John", "9434765919", "North");
  patient = kes_store_load_patient (fixture->db->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_SUPERVISOR_ID, kes_staff_get_id (fixture->social));
  kes_patient_set_text (patient, KES_PATIENT_CLINICIAN_ID, kes_staff_get_id (fixture->clinical));
  kes_patient_set_text (patient, KES_PATIENT_LEGAL_STATUS, "10");
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

static void
shoot (GtkWidget  *widget,
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
  /* The header follows the legal status record, not the register's older code (s37). */
  {
    GtkWidget *label = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "legal_label");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                     "Section 37 with section 41 restrictions · conditionally discharged 31 Jan 2026");
    g_assert_true (gtk_widget_get_visible (label));
  }
  view = find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
  g_assert_nonnull (view);
  {
    AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK));
    adw_view_stack_set_visible_child_name (stack, "moj");
  }
  kes_test_wait (400);
  shoot (GTK_WIDGET (fixture->window), "moj-tab.png");
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
  view = find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_MOJ_VIEW);
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
  set_text (form, "B.compliance", "Residence: complied (seen at home at every visit).");
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
  g_assert_false (kes_moj_report_form_sign_part (form, "C", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      kes_store_set_actor (fixture->db->store, i < 2 ? fixture->social : fixture->clinical);
      if (i < 2)
        g_assert_true (kes_moj_report_form_ready_part (form, parts[i], &error));
      g_assert_no_error (error);
      g_assert_true (kes_moj_report_form_sign_part (form, parts[i], &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (kes_moj_report_form_get_part_state_text (form, parts[i]), "Signed by "));
    }
  kes_test_wait (400);
  shoot (GTK_WIDGET (form), "moj-report-form-signed.png");

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
  if (g_getenv ("KES_SHOTS_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("KES_SHOTS_DIR"), "moj-report.pdf", NULL);
      g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
    }
  gtk_window_destroy (GTK_WINDOW (form));
}

static void
test_reports_area (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page = find_descendant (GTK_WIDGET (fixture->window), KES_TYPE_MOJ_REPORTS_PAGE);
  GtkStack *stack;

  g_assert_nonnull (page);
  stack = GTK_STACK (gtk_widget_get_parent (page));
  gtk_stack_set_visible_child_name (stack, "reports");
  kes_test_wait (200);
  /* First report due 28 Feb (discharge 31 Jan + 28 days): in the 7-day window on 25 Feb. */
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (page));
  g_assert_cmpuint (kes_moj_reports_page_get_n_rows (KES_MOJ_REPORTS_PAGE (page)), ==, 1);
  shoot (GTK_WIDGET (fixture->window), "moj-reports-area.png");
  /* A week later it is overdue, and still listed. */
  set_now ("2026-03-04T09:00:00Z");
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (page));
  g_assert_cmpuint (kes_moj_reports_page_get_n_rows (KES_MOJ_REPORTS_PAGE (page)), ==, 1);
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
  g_test_add ("/moj/reports-area", Fixture, NULL, fixture_set_up, test_reports_area, fixture_tear_down);
  return g_test_run ();
}
