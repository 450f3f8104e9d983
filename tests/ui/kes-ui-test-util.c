/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-ui-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "kes-codes.h"
#include "kes-form-errors.h"
#include "kes-store-patients.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"

KesTestDb *
kes_test_db_new (gboolean with_actor)
{
  KesTestDb *db = g_new0 (KesTestDb, 1);
  g_autoptr(GError) error = NULL;

  db->dir = g_dir_make_tmp ("kestrel-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "test.db", NULL);
  db->store = kes_store_open (db->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->store);

  /* Every role and no team, so that a test sees every part of the window
   * and every patient; tests of what a role or a team may not do set up
   * the accounts they need. */
  if (with_actor)
    {
      db->actor = kes_test_account_titled (db->store, "test.user", "Test User", "Community psychiatric nurse",
                                           NULL, NULL, KES_TEST_ALL_ROLES);
      kes_store_set_actor (db->store, db->actor);
    }
  db->context = kes_context_new (db->store, NULL);

  return db;
}

void
kes_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        kes_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
kes_test_db_free (KesTestDb *db)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  KesStore *store = db->store;

  g_clear_object (&db->actor);
  g_clear_object (&db->context);
  if (store != NULL)
    g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_clear_object (&db->store);
  /* Destroyed windows and finished workers let go of the store as the main
   * loop runs on. */
  for (guint i = 0; store != NULL && i < 10000; i++)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  /* The files are removed only once no connection to them is left: under
   * an open connection that is what corrupts a database (issue 15). */
  if (store != NULL)
    g_error ("The test's store is still referenced after the test: its database would be "
             "deleted under an open connection");

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db->path, suffixes[i], NULL);
      g_remove (file);
    }
  g_rmdir (db->dir);

  g_free (db->path);
  g_free (db->dir);
  g_free (db);
}

const char *
kes_test_first_code (const char *list_name)
{
  KesCodeList *list = kes_code_list_get (list_name);

  g_assert_nonnull (list);
  g_assert_cmpuint (kes_code_list_get_n_codes (list), >, 0);
  return kes_code_list_get_code (list, 0);
}

char *
kes_test_add_patient (KesStore   *store,
                      const char *family_name,
                      const char *given_name,
                      const char *nhs_number,
                      const char *team_id)
{
  g_autoptr(KesPatient) patient = kes_patient_new ();
  g_autoptr(GError) error = NULL;

  kes_patient_set_text (patient, KES_PATIENT_FAMILY_NAME, family_name);
  kes_patient_set_text (patient, KES_PATIENT_GIVEN_NAME, given_name);
  kes_patient_set_text (patient, KES_PATIENT_BIRTH_DATE, "1984-11-21");
  kes_patient_set_text (patient, KES_PATIENT_NHS_NUMBER, nhs_number);
  kes_patient_set_text (patient, KES_PATIENT_GENDER, kes_test_first_code (KES_CODES_GENDER));
  kes_patient_set_text (patient, KES_PATIENT_ETHNICITY,
                        kes_test_first_code (KES_CODES_ETHNIC_CATEGORY));
  kes_patient_set_text (patient, KES_PATIENT_TEAM_ID, team_id);

  kes_store_save_patient (store, patient, KES_CHANGE_CREATE, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (kes_patient_get_id (patient));
}

typedef struct
{
  gboolean timed_out;
} WaitData;

static gboolean
timeout_cb (gpointer user_data)
{
  WaitData *data = user_data;

  data->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
kes_test_wait_until (gboolean (*condition) (gpointer data),
                     gpointer   data,
                     guint      timeout_ms)
{
  WaitData wait = { FALSE };
  guint id = g_timeout_add (timeout_ms, timeout_cb, &wait);

  while (!condition (data) && !wait.timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!wait.timed_out)
    g_source_remove (id);

  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
kes_test_wait (guint ms)
{
  kes_test_wait_until (never, NULL, ms);
}

GtkWidget *
kes_test_child (gpointer    widget,
                GType       template_type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), template_type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

AdwMessageDialog *
kes_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

void
kes_test_close_dialogs (void)
{
  AdwMessageDialog *dialog;

  while ((dialog = kes_test_find_message_dialog ()) != NULL)
    {
      adw_message_dialog_response (dialog, adw_message_dialog_get_close_response (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

GtkWindow *
kes_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

void
kes_test_destroy_windows (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        gtk_window_destroy (window);
    }
}

void
kes_test_screenshot (const char *dir_variable,
                     const char *name)
{
  const char *dir = g_getenv (dir_variable);
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *argv[] = { "import", "-window", "root", NULL, NULL };

  if (dir == NULL)
    return;
  kes_test_wait (600);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
kes_test_answer (AdwMessageDialog *dialog,
                 const char       *response)
{
  GtkWidget *alive = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
  adw_message_dialog_response (dialog, response);
  if (alive != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
      gtk_window_destroy (GTK_WINDOW (alive));
    }
  kes_test_wait (50);
}

GtkWidget *
kes_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kes_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
kes_test_find_row (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kes_test_find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
kes_test_answer_signature (const char *password)
{
  AdwMessageDialog *dialog = kes_test_find_message_dialog ();
  GtkEditable *entry;

  g_assert_nonnull (dialog);
  entry = g_object_get_data (G_OBJECT (dialog), "kes-password");
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, password);
  adw_message_dialog_response (dialog, "sign");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
kes_test_find_button (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kes_test_find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
kes_test_has_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (kes_test_has_label (child, text))
      return TRUE;
  return FALSE;
}

void
kes_test_assert_field_error (GtkWidget  *field,
                             GtkWidget  *message_label,
                             const char *message,
                             gboolean    focused)
{
  GtkWidget *part = kes_field_get_focus_part (field);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (part));

  /* An entry takes the focus through its text (its delegate). */
  g_assert_true (gtk_widget_get_focusable (part) ||
                 (GTK_IS_EDITABLE (part) && gtk_editable_get_delegate (GTK_EDITABLE (part)) != NULL));
  gtk_test_accessible_assert_state (part, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  if (message != NULL)
    gtk_test_accessible_assert_property (part, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message);
  gtk_test_accessible_assert_relation (part, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message_label, NULL);
  gtk_test_accessible_assert_relation (part, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message_label);
  if (focused)
    {
      g_assert_nonnull (focus);
      g_assert_true (focus == part || gtk_widget_is_ancestor (focus, part));
    }
}

void
kes_test_assert_field_clear (GtkWidget *field)
{
  GtkWidget *part = kes_field_get_focus_part (field);

  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (part),
                                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  gtk_test_accessible_assert_state (part, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE);
}

void
kes_test_assert_alert_shown (GtkWidget *summary)
{
  gtk_test_accessible_assert_role (summary, GTK_ACCESSIBLE_ROLE_ALERT);
  g_assert_true (gtk_widget_get_visible (summary));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), !=, "");
}
