/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "admin/kes-admin-page.h"
#include "admin/kes-catchment-group.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-catchment.h"
#include "kes-error.h"
#include "referrals/kes-referral-form.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"

/* Administration → Catchment Areas (issue 21): an administrator adds an
 * area (a refused name shown again as typed, with the reason), retires
 * it; the referral form offers what is in use; a clinician doesn't see
 * the group. Screenshots go to $KES_CATCHMENT_SCREENSHOTS when set. */

#define PASSWORD "violet harbour 27"

typedef struct
{
  KesTestDb         *db;
  KesWindow         *window;
  KesCatchmentGroup *group;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *admin[] = { KES_ROLE_ADMINISTRATOR, NULL };
  const char *clinician[] = { KES_ROLE_CLINICIAN, NULL };
  g_autoptr(KesStaff) ada = NULL;
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *admin_page;

  fixture->db = kes_test_db_new (FALSE);
  ada = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL, NULL, NULL, admin,
                                  PASSWORD, &error);
  g_assert_no_error (error);
  kes_store_set_actor (fixture->db->store, ada);
  cai = kes_store_create_account (fixture->db->store, "cai", "Cai Clinician", NULL, NULL, NULL,
                                  clinician, KES_TEST_ONE_TIME_PASSWORD, &error);
  g_assert_no_error (error);
  kes_test_activate (fixture->db->store, "cai", PASSWORD);
  signed_in = kes_store_sign_in (fixture->db->store, "ada.admin", PASSWORD, &error);
  g_assert_no_error (error);

  fixture->window = kes_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 780);
  kes_window_set_store (fixture->window, fixture->db->store);
  admin_page = GTK_WIDGET (kes_window_get_admin_page (fixture->window));
  fixture->group = KES_CATCHMENT_GROUP (kes_test_child (admin_page, KES_TYPE_ADMIN_PAGE, "catchment_group"));
  gtk_window_present (GTK_WINDOW (fixture->window));
  kes_window_show_area (fixture->window, "admin");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_db_free (fixture->db);
}

static GtkWidget *
area_row (Fixture    *fixture,
          const char *name)
{
  return kes_test_find_row (kes_test_child (fixture->group, KES_TYPE_CATCHMENT_GROUP, "list"), name);
}

/* Types into the editor dialog that is showing and answers it. */
static void
answer_editor (const char *name,
               guint       membership,
               const char *response)
{
  AdwMessageDialog *dialog = kes_test_find_message_dialog ();
  GtkWidget *name_row, *membership_row;

  g_assert_nonnull (dialog);
  name_row = kes_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  membership_row = kes_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (name_row);
  g_assert_nonnull (membership_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), name);
  adw_combo_row_set_selected (ADW_COMBO_ROW (membership_row), membership);
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", g_str_equal (name, "Suffolk") ? "catchment-add" : "catchment-add-2");
  kes_test_answer (dialog, response);
}

/* Whether a new referral form offers the area called @name. */
static gboolean
form_offers (Fixture    *fixture,
             const char *name)
{
  GtkWidget *form = kes_referral_form_new ();
  GListModel *choices;
  gboolean offered = FALSE;

  g_object_ref_sink (form);
  kes_referral_form_set_store (KES_REFERRAL_FORM (form), fixture->db->store);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "area_field")));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (choices), i), name))
      offered = TRUE;
  g_object_unref (form);
  return offered;
}

static void
test_add_and_retire (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesCatchment) catchment = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));
  g_assert_nonnull (area_row (fixture, "Norfolk"));
  g_assert_nonnull (area_row (fixture, "Elsewhere (outside the catchment)"));
  kes_widget_scroll_into_view (GTK_WIDGET (fixture->group));
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", "catchment-areas");

  /* A name another area has: said in plain words, shown again as typed. */
  g_signal_emit_by_name (kes_test_child (fixture->group, KES_TYPE_CATCHMENT_GROUP, "add_button"), "clicked");
  answer_editor ("Suffolk", 1, "save");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (kes_test_has_label (GTK_WIDGET (dialog), "another catchment area already has this name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (kes_test_find_descendant (GTK_WIDGET (dialog),
                                                                                  ADW_TYPE_ENTRY_ROW))), ==,
                   "Suffolk");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kes_test_find_descendant (GTK_WIDGET (dialog),
                                                                                        ADW_TYPE_COMBO_ROW))),
                    ==, 1);
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", "catchment-refused");

  /* Corrected and saved: listed, offered by the referral form, in the catchment. */
  answer_editor ("Great Yarmouth", 1, "save");
  g_assert_null (kes_test_find_message_dialog ());
  row = area_row (fixture, "Great Yarmouth");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "External area");
  g_assert_true (form_offers (fixture, "Great Yarmouth"));
  catchment = kes_store_get_catchment (fixture->db->store, &error);
  g_assert_no_error (error);
  g_assert_true (kes_catchment_includes (catchment, "great-yarmouth"));
  g_clear_pointer (&catchment, kes_catchment_free);

  /* Retired, after a question: still listed, no longer offered or in the catchment. */
  g_signal_emit_by_name (kes_test_find_button (row, "Retire…"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", "catchment-retire");
  kes_test_answer (dialog, "apply");
  row = area_row (fixture, "Great Yarmouth");
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Retired"));
  g_assert_nonnull (kes_test_find_button (row, "Bring Back…"));
  g_assert_false (form_offers (fixture, "Great Yarmouth"));
  g_assert_true (form_offers (fixture, "Norfolk"));
  catchment = kes_store_get_catchment (fixture->db->store, &error);
  g_assert_false (kes_catchment_includes (catchment, "great-yarmouth"));
  kes_widget_scroll_into_view (row);
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", "catchment-retired");
}

/* The referral form says an area is outside the catchment as it is
 * chosen, and says nothing for one inside it. */
static void
test_form_says_outside (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *form = kes_referral_form_new ();
  GtkWidget *note;

  kes_referral_form_set_store (KES_REFERRAL_FORM (form), fixture->db->store);
  gtk_window_set_child (GTK_WINDOW (window), form);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1200);
  gtk_window_present (GTK_WINDOW (window));
  note = kes_test_child (form, KES_TYPE_REFERRAL_FORM, "area_note");
  g_assert_false (gtk_widget_get_visible (note));
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "area_field")), "other");
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (note)),
                                   "“Elsewhere (outside the catchment)” is outside the team’s catchment. The "
                                   "referral is still recorded and counted"));
  kes_test_screenshot ("KES_CATCHMENT_SCREENSHOTS", "referral-area-outside");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "area_field")), "norfolk");
  g_assert_false (gtk_widget_get_visible (note));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Core says who may edit the directory; a clinician doesn't see the group. */
static void
test_hidden_from_clinician (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KesStaff) cai = NULL;
  g_autoptr(GError) error = NULL;

  kes_store_sign_out (fixture->db->store);
  cai = kes_store_sign_in (fixture->db->store, "cai", PASSWORD, &error);
  g_assert_no_error (error);
  kes_catchment_group_reload (fixture->group);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->group)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/catchment-ui/add-and-retire", Fixture, NULL, fixture_set_up, test_add_and_retire, fixture_tear_down);
  g_test_add ("/catchment-ui/form-says-outside", Fixture, NULL, fixture_set_up, test_form_says_outside,
              fixture_tear_down);
  g_test_add ("/catchment-ui/hidden-from-clinician", Fixture, NULL, fixture_set_up, test_hidden_from_clinician,
              fixture_tear_down);
  return g_test_run ();
}
