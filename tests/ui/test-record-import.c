/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-record-import"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "admin/kes-record-import-group.h"
#include "kes-store-patients.h"
#include "patient/kes-history-view.h"
#include "kes-record-export.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"

/* A record exported from one database (from) and imported into another
 * (into) through Administration's import group. */
typedef struct
{
  KesTestDb *from;
  KesTestDb *into;
  char      *patient_id;
  char      *file;
  GtkWidget *window;
  KesRecordImportGroup *group;
  char      *imported_id;
} Fixture;

static void
imported_cb (KesRecordImportGroup *group,
             const char           *patient_id,
             Fixture              *fixture)
{
  g_free (fixture->imported_id);
  fixture->imported_id = g_strdup (patient_id);
}

static void
export_record (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kes_record_export_file (fixture->from->store, fixture->patient_id, fixture->file,
                                         &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay, *page;

  fixture->from = kes_test_db_new (TRUE);
  /* The importer is someone else: the file's author comes as a name in the
   * directory, never as an account. */
  fixture->into = kes_test_db_new (FALSE);
  fixture->into->actor = kes_test_account (fixture->into->store, "importer", "Ida Importer", NULL,
                                           KES_TEST_ALL_ROLES);
  kes_store_set_actor (fixture->into->store, fixture->into->actor);
  fixture->patient_id = kes_test_add_patient (fixture->from->store, "O’Brien", "Zoë",
                                              "9434765919", NULL);
  fixture->file = g_build_filename (fixture->from->dir, "record.xml", NULL);
  export_record (fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 400);
  overlay = adw_toast_overlay_new ();
  page = adw_preferences_page_new ();
  fixture->group = KES_RECORD_IMPORT_GROUP (kes_record_import_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (fixture->group));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  kes_record_import_group_set_store (fixture->group, fixture->into->store);
  g_signal_connect (fixture->group, "imported", G_CALLBACK (imported_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  g_remove (fixture->file);
  kes_test_db_free (fixture->from);
  kes_test_db_free (fixture->into);
  g_free (fixture->file);
  g_free (fixture->patient_id);
  g_free (fixture->imported_id);
}

static gboolean
dialog_shown (gpointer data)
{
  return kes_test_find_message_dialog () != NULL;
}

static gboolean
group_idle (gpointer data)
{
  return !kes_record_import_group_get_busy (data);
}

/* Tries the file, waits for the dialog that says what it found. */
static AdwMessageDialog *
check_file (Fixture    *fixture,
            const char *path)
{
  kes_record_import_group_import_file (fixture->group, path);
  g_assert_true (kes_test_wait_until (dialog_shown, NULL, 20000));
  g_assert_true (kes_test_wait_until (group_idle, fixture->group, 20000));
  return kes_test_find_message_dialog ();
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
held (Fixture *fixture)
{
  g_autoptr(KesPatient) patient = kes_store_load_patient (fixture->into->store,
                                                          fixture->patient_id, NULL);

  return patient != NULL;
}

static gboolean
imported (gpointer data)
{
  Fixture *fixture = data;

  return fixture->imported_id != NULL;
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

  if (dir == NULL)
    return;

  gtk_test_widget_wait_for_draw (widget);
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

/* The dry run writes nothing; the user sees what would be added, confirms,
 * and the patient is then held. */
static void
test_dry_run_then_import (Fixture       *fixture,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog = check_file (fixture, fixture->file);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import This Case Record?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "O’BRIEN, Zoë"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "0 contacts and 0 notes"));
  save_png (GTK_WIDGET (dialog), "import-dry-run.png");
  save_png (fixture->window, "import-group.png");
  g_assert_false (held (fixture));

  respond (dialog, "cancel");
  kes_test_wait (200);
  g_assert_false (held (fixture));
  g_assert_null (fixture->imported_id);

  dialog = check_file (fixture, fixture->file);
  respond (dialog, "import");
  g_assert_true (kes_test_wait_until (imported, fixture, 20000));
  g_assert_cmpstr (fixture->imported_id, ==, fixture->patient_id);
  g_assert_true (held (fixture));
  g_assert_null (kes_test_find_message_dialog ());
}

/* A patient already held is never imported twice: the same file again has
 * nothing to add; a newer export is offered as an explicit Merge. */
static void
test_already_held_offers_merge (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(KesPatient) patient = NULL;
  g_autoptr(KesPatient) merged = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  respond (check_file (fixture, fixture->file), "import");
  g_assert_true (kes_test_wait_until (imported, fixture, 20000));
  g_clear_pointer (&fixture->imported_id, g_free);

  dialog = check_file (fixture, fixture->file);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing to Import");
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  respond (dialog, "close");

  patient = kes_store_load_patient (fixture->from->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (patient, KES_PATIENT_PREFERRED_NAME, "Zo");
  g_assert_true (kes_store_save_patient (fixture->from->store, patient, KES_CHANGE_EDIT, NULL,
                                         &error));
  g_assert_no_error (error);
  export_record (fixture);

  dialog = check_file (fixture, fixture->file);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Merge Into the Record Held?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 revision"));
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  save_png (GTK_WIDGET (dialog), "import-merge.png");
  respond (dialog, "merge");
  g_assert_true (kes_test_wait_until (imported, fixture, 20000));

  merged = kes_store_load_patient (fixture->into->store, fixture->patient_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_text (merged, KES_PATIENT_PREFERRED_NAME), ==, "Zo");
}

static gboolean
label_contains (GtkWidget  *root,
                const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL)
        || label_contains (child, needle))
      return TRUE;

  return FALSE;
}

/* After the import, the record's history names who wrote each revision
 * where, and who brought it here: provenance, not impersonation. */
static void
test_history_shows_provenance (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *history = kes_history_view_new ();

  respond (check_file (fixture, fixture->file), "import");
  g_assert_true (kes_test_wait_until (imported, fixture, 20000));

  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  gtk_window_set_child (GTK_WINDOW (window), history);
  kes_history_view_set_record (KES_HISTORY_VIEW (history), fixture->into->store,
                               fixture->patient_id);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (200);
  g_assert_true (label_contains (history, "Recorded by "));
  g_assert_true (label_contains (history, "imported by Ida Importer on "));
  save_png (window, "import-history-provenance.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The person is already on the register under another record: the check
 * says so in plain words, names who, and nothing is written. */
static void
test_registered_person_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *held = kes_test_add_patient (fixture->into->store, "Smith", "Alex",
                                                "9434765919", NULL);
  guint before = kes_store_count_patients (fixture->into->store);
  AdwMessageDialog *dialog = check_file (fixture, fixture->file);

  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This File Cannot Be Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "already registered as SMITH, Alex"));
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  save_png (GTK_WIDGET (dialog), "import-registered-person.png");
  respond (dialog, "close");
  g_assert_cmpuint (kes_store_count_patients (fixture->into->store), ==, before);
  g_assert_null (fixture->imported_id);
}

/* A hostile file is refused in plain words and nothing is written. */
static void
test_hostile_file_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->into->dir, "hostile.xml", NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path,
                                      "<?xml version=\"1.0\"?>\n"
                                      "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                      "<r>&x;</r>\n", -1, NULL));
  dialog = check_file (fixture, path);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This File Cannot Be Imported");
  g_assert_cmpuint (strlen (adw_message_dialog_get_body (dialog)), >, 10);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "root:"));
  save_png (GTK_WIDGET (dialog), "import-refused.png");
  respond (dialog, "close");
  g_assert_false (held (fixture));
  g_assert_null (fixture->imported_id);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/record-import/dry-run-then-import", test_dry_run_then_import);
  ADD ("/record-import/already-held-offers-merge", test_already_held_offers_merge);
  ADD ("/record-import/hostile-file-refused", test_hostile_file_refused);
  ADD ("/record-import/history-shows-provenance", test_history_shows_provenance);
  ADD ("/record-import/registered-person-refused", test_registered_person_refused);

#undef ADD

  return g_test_run ();
}
