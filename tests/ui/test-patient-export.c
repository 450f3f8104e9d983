/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient-export"

#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <unistd.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-carers.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-record-export.h"
#include "kes-report-sar.h"
#include "kes-store-patients.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-export.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-sar-redaction.h"
#include "preview/kes-report-preview.h"

typedef struct
{
  KesTestDb      *db;
  KesWindow      *window;
  KesPatientPage *page;
  char           *patient_id;
  char           *out_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (TRUE);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "O’Brien", "Zoë", "9434765919",
                                              kes_staff_get_team_id (fixture->db->actor));
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  fixture->page = kes_window_get_patient_page (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_open_patient (fixture->window, fixture->patient_id);
  g_assert_true (kes_patient_page_get_patient (fixture->page) != NULL);
  fixture->out_dir = g_dir_make_tmp ("kestrel-export-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  kes_test_db_free (fixture->db);
  remove_tree (fixture->out_dir);
  g_free (fixture->out_dir);
  g_free (fixture->patient_id);
}

static GtkWidget *
export_button (Fixture *fixture)
{
  return kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "export_button");
}

/* Counts access-log entries of @action for the fixture's patient. */
static guint
count_audit (Fixture    *fixture,
             const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = kes_store_list_audit (fixture->db->store, fixture->patient_id,
                                                        NULL, NULL, &error);
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KesAuditEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (kes_audit_entry_get_action (entry), action) == 0)
        count++;
    }
  return count;
}

static KesReportPreview *
find_preview (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      gpointer preview = g_object_get_data (G_OBJECT (window), "kes-report-preview");

      if (preview != NULL)
        return KES_REPORT_PREVIEW (preview);
    }
  return NULL;
}

static gboolean
preview_open (gpointer data)
{
  return find_preview () != NULL;
}

static gboolean
preview_has_pages (gpointer data)
{
  return kes_report_preview_get_n_pages (data) > 0 && kes_report_preview_get_pdf (data) != NULL;
}

static void
page_shown_cb (KesReportPreview *preview,
               guint             page,
               gboolean         *shown)
{
  *shown = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("KES_EXPORT_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || !gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    return;

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The whole screen, popovers included (they are surfaces of their own). */
static void
save_screen (const char *name)
{
  const char *dir = g_getenv ("KES_EXPORT_SCREENSHOTS");
  g_autofree char *path = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!kes_report_preview_save_finish (KES_REPORT_PREVIEW (object), result, error))
    g_assert_nonnull (*error);
  g_object_set_data (G_OBJECT (object), "test-saved", GINT_TO_POINTER (TRUE));
}

static gboolean
preview_saved (gpointer data)
{
  return g_object_get_data (data, "test-saved") != NULL;
}

static char *
pdf_text (const char *path,
          int         page_index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  PopplerPage *page;
  char *text;

  g_assert_no_error (error);
  page = poppler_document_get_page (document, page_index);
  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  g_object_unref (page);
  g_object_unref (document);
  return text;
}

/* The menu is there, the summary is built in a worker and previewed, page 1
 * renders, and Save writes a PDF with the patient on it, logged as an export. */
static void
test_summary_preview_and_save (Fixture       *fixture,
                               gconstpointer  data)
{
  KesReportPreview *preview;
  GtkWidget *button = export_button (fixture);
  g_autofree char *path = g_build_filename (fixture->out_dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GMenuModel *menu;
  gboolean shown = FALSE;
  guint exports_before;

  g_assert_true (gtk_widget_get_visible (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  kes_test_wait (300);
  save_screen ("export-menu.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  exports_before = count_audit (fixture, KES_AUDIT_EXPORT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.export-summary",
                                             NULL));
  g_assert_true (kes_test_wait_until (preview_open, NULL, 20000));
  preview = find_preview ();
  g_signal_connect (preview, "page-shown", G_CALLBACK (page_shown_cb), &shown);
  g_assert_true (kes_test_wait_until (preview_has_pages, preview, 20000));
  g_assert_true (kes_test_wait_until (flag_set, &shown, 20000));
  g_assert_cmpuint (kes_report_preview_get_page (preview), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (preview))));
  save_png (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (preview))), "summary-preview.png");

  /* A screen reader reads the page: named by its number, described by its
   * text, which the Text button shows in a view of its own (issue 24). */
  {
    GtkWidget *picture = kes_test_child (preview, KES_TYPE_REPORT_PREVIEW, "picture");
    GtkTextView *view = GTK_TEXT_VIEW (kes_test_child (preview, KES_TYPE_REPORT_PREVIEW, "text_view"));
    GtkWidget *stack = kes_test_child (preview, KES_TYPE_REPORT_PREVIEW, "stack");
    g_autofree char *page_name = g_strdup_printf ("Page 1 of %u", kes_report_preview_get_n_pages (preview));
    g_autofree char *page_text = kes_text_view_dup_text (view);

    g_assert_nonnull (strstr (page_text, "O’BRIEN, Zoë"));
    g_assert_nonnull (strstr (page_text, "Patient summary"));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, page_name);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, page_text);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (kes_test_child (preview, KES_TYPE_REPORT_PREVIEW,
                                                                     "text_toggle")), TRUE);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "text");
    gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (preview))));
    save_png (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (preview))), "summary-preview-text.png");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (kes_test_child (preview, KES_TYPE_REPORT_PREVIEW,
                                                                     "text_toggle")), FALSE);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "pages");
  }

  /* Nothing has left the program yet: opening the preview is not an export. */
  g_assert_cmpuint (count_audit (fixture, KES_AUDIT_EXPORT), ==, exports_before);

  kes_report_preview_save_async (preview, path, NULL, saved_cb, &error);
  g_assert_true (kes_test_wait_until (preview_saved, preview, 20000));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  text = pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Zoë"));
  /* Family names are in capitals on documents: "O’BRIEN, Zoë". */
  g_assert_nonnull (strstr (text, "O’BRIEN, Zoë"));
  g_assert_nonnull (strstr (text, "Page 1 of"));
  g_assert_cmpuint (count_audit (fixture, KES_AUDIT_EXPORT), ==, exports_before + 1);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (preview))));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* The case record goes to the chosen file, in a worker, and is logged. */
static void
test_record_xml (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->out_dir, "record.xml", NULL);
  g_autofree char *contents = NULL;
  guint exports_before = count_audit (fixture, KES_AUDIT_EXPORT);

  kes_patient_export_record_to (fixture->page, path);
  g_assert_true (kes_test_wait_until (file_exists, path, 20000));
  kes_test_wait (50);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "urn:kestrel:record:1"));
  g_assert_nonnull (strstr (contents, fixture->patient_id));
  g_assert_cmpuint (count_audit (fixture, KES_AUDIT_EXPORT), ==, exports_before + 1);
  g_assert_null (kes_test_find_message_dialog ());
}

static gboolean
message_shown (gpointer data)
{
  return kes_test_find_message_dialog () != NULL;
}

/* A file name that is the database itself (typed in the file chooser, or
 * reached through a link) is refused with a plain message; the database
 * file is untouched. */
static void
test_record_onto_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *link = g_build_filename (fixture->out_dir, "record.xml", NULL);
  const char *targets[] = { fixture->db->path, link };
  GStatBuf before, after;
  AdwMessageDialog *dialog;

  g_assert_cmpint (symlink (fixture->db->path, link), ==, 0);
  g_assert_cmpint (g_stat (fixture->db->path, &before), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      kes_patient_export_record_to (fixture->page, targets[i]);
      g_assert_true (kes_test_wait_until (message_shown, NULL, 20000));
      dialog = kes_test_find_message_dialog ();
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                                "is the database Kestrel has open"));
      gtk_window_destroy (GTK_WINDOW (dialog));
      kes_test_wait (50);
    }
  g_assert_cmpint (g_stat (fixture->db->path, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 1);
}

static gboolean
sar_written (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GDir) dir = g_dir_open (fixture->out_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *manifest = g_build_filename (fixture->out_dir, name, KES_SAR_MANIFEST_NAME,
                                                    NULL);

      if (g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
        return kes_test_find_message_dialog () == NULL;
    }
  return FALSE;
}

/* The subject access export goes into a new folder inside the chosen one,
 * with a progress dialog that closes when it is done. */
static void
test_subject_access (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GtkWidget) dialog = NULL;

  kes_patient_export_sar_to (fixture->page, fixture->out_dir, NULL);
  dialog = g_object_ref (GTK_WIDGET (kes_test_find_message_dialog ()));
  g_assert_nonnull (dialog);
  /* The export may be done before the dialog is drawn; it is only there
   * while the export runs. */
  kes_test_wait (100);
  save_png (dialog, "sar-progress.png");
  g_assert_true (kes_test_wait_until (sar_written, fixture, 30000));
}

/* A carers' liaison worker may not export: the menu is hidden, the actions
 * are off, and core refuses whatever the UI does. */
static void
test_no_export_permission (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *roles[] = { KES_ROLE_CARERS_LIAISON, NULL };
  g_autofree char *path = g_build_filename (fixture->out_dir, "refused.pdf", NULL);
  g_autoptr(KesDocument) document = kes_document_new ("patient-summary", "Patient Summary");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *preview;

  kes_test_set_role_list (fixture->db->store, fixture->db->actor, roles);
  g_assert_true (kes_patient_page_load (fixture->page, fixture->patient_id, &error));
  g_assert_no_error (error);

  g_assert_false (gtk_widget_get_visible (export_button (fixture)));
  /* The action is disabled: activating it anyway opens nothing. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.export-summary", NULL);
  kes_test_wait (500);
  g_assert_null (find_preview ());
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_false (kes_patient_export_update (fixture->page, TRUE, NULL));

  bytes = kes_record_export_bytes (fixture->db->store, fixture->patient_id, &error);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_null (bytes);
  g_clear_error (&error);

  g_assert_false (kes_store_check_permission (fixture->db->store, KES_PERMISSION_EXPORT,
                                              fixture->patient_id, &error));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A preview reached some other way still cannot save: core is asked. */
  window = gtk_window_new ();
  preview = kes_report_preview_new ();
  gtk_window_set_child (GTK_WINDOW (window), preview);
  kes_document_add_paragraph (document, "Nothing clinical.");
  kes_report_preview_set_audit (KES_REPORT_PREVIEW (preview), fixture->db->store,
                                fixture->patient_id, "patient summary (PDF)");
  kes_report_preview_set_document (KES_REPORT_PREVIEW (preview), document);
  g_assert_true (kes_test_wait_until (preview_has_pages, preview, 20000));
  kes_report_preview_save_async (KES_REPORT_PREVIEW (preview), path, NULL, saved_cb, &error);
  g_assert_true (kes_test_wait_until (preview_saved, preview, 20000));
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
decided_cb (GPtrArray *decisions,
            gpointer   user_data)
{
  GPtrArray **out = user_data;

  *out = decisions != NULL ? g_ptr_array_ref (decisions) : NULL;
}

/* Export Subject Access… first lists the other people in the record: each
 * withheld to start with, going on only once every one has a reason, and
 * the choices handed on as made. */
static void
test_subject_access_review (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesFieldRecord) carer = kes_field_record_new (&kes_carer_kind);
  g_autoptr(KesFieldRecord) link = kes_field_record_new (&kes_carer_link_kind);
  g_autoptr(GPtrArray) decisions = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *reason;
  GtkWidget *include;
  KesSarThirdParty *party;

  kes_field_record_set_text (carer, "name", "Grace Okafor");
  kes_field_record_set_text (carer, "address", "4 Mill Lane");
  g_assert_true (kes_store_save_carer_record (fixture->db->store, carer, KES_CHANGE_CREATE, NULL, &error));
  kes_field_record_set_patient_id (link, fixture->patient_id);
  kes_field_record_set_text (link, "carer_id", kes_field_record_get_id (carer));
  kes_field_record_set_text (link, "relationship", "sister");
  g_assert_true (kes_store_save_carer_record (fixture->db->store, link, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  kes_patient_export_sar_review (fixture->page);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Other People in This Record");
  g_assert_true (kes_test_has_label (GTK_WIDGET (dialog), "Grace Okafor (carer)"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "export"));
  include = kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  g_assert_cmpstr (kes_dropdown_get_code (GTK_DROP_DOWN (include)), ==, "withhold");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The same dialog, answered. */
  dialog = ADW_MESSAGE_DIALOG (kes_sar_redaction_ask (GTK_WINDOW (fixture->window),
                                                      kes_report_subject_access_third_parties (fixture->db->store,
                                                                                               fixture->patient_id,
                                                                                               NULL),
                                                      decided_cb, &decisions));
  reason = kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  include = kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  gtk_editable_set_text (GTK_EDITABLE (reason), "She asked for her details to be shared with him");
  kes_dropdown_set_code (GTK_DROP_DOWN (include), "include");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "export"));
  adw_message_dialog_response (dialog, "export");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (decisions);
  g_assert_cmpuint (decisions->len, ==, 1);
  party = g_ptr_array_index (decisions, 0);
  g_assert_true (party->include);
  g_assert_cmpstr (party->reason, ==, "She asked for her details to be shared with him");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patient-export/summary-preview-and-save", test_summary_preview_and_save);
  ADD ("/patient-export/record-xml", test_record_xml);
  ADD ("/patient-export/record-onto-database", test_record_onto_database);
  ADD ("/patient-export/subject-access", test_subject_access);
  ADD ("/patient-export/subject-access-review", test_subject_access_review);
  ADD ("/patient-export/no-export-permission", test_no_export_permission);

#undef ADD

  return g_test_run ();
}
