/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-accounts.h"
#include "kes-audit.h"
#include "kes-error.h"
#include "kes-permissions.h"
#include "kes-store-notes.h"
#include "kes-store-staff.h"
#include "kes-test-accounts.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "patient/kes-patient-page.h"

/* Roles in the window: what a role may not do is not offered, core refuses
 * it anyway, and a record of another team needs emergency access. */

typedef struct
{
  KesTestDb *db;
  KesStaff  *admin;
  char      *north_patient;
  char      *south_patient;
  KesWindow *window;
} Fixture;

static KesStaff *
add_account (Fixture    *fixture,
             const char *username,
             const char *name,
             const char *team,
             const char *role)
{
  /* Made by the administrator, its one-time password already replaced. */
  return kes_test_account (fixture->db->store, username, name, team, role);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *admin_roles[] = { KES_ROLE_ADMINISTRATOR, NULL };
  g_autoptr(KesTeam) north = NULL;
  g_autoptr(KesTeam) south = NULL;
  g_autoptr(GError) error = NULL;

  fixture->db = kes_test_db_new (FALSE);
  fixture->admin = kes_store_create_account (fixture->db->store, "ada.admin", "Ada Admin", NULL,
                                             NULL, NULL, admin_roles, "amber lantern orchard",
                                             &error);
  g_assert_no_error (error);
  kes_test_use_admin (fixture->db->store, fixture->admin);
  kes_store_set_actor (fixture->db->store, fixture->admin);
  north = kes_store_find_team (fixture->db->store, "North");
  south = kes_store_find_team (fixture->db->store, "South");
  g_assert_nonnull (north);
  g_assert_nonnull (south);
  fixture->north_patient = kes_test_add_patient (fixture->db->store, "Wagtail", "Wren",
                                                 "943 476 5919", kes_team_get_id (north));
  fixture->south_patient = kes_test_add_patient (fixture->db->store, "Dunnock", "Dee",
                                                 "401 023 2137", kes_team_get_id (south));
  fixture->window = kes_window_new (NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->admin);
  g_free (fixture->north_patient);
  g_free (fixture->south_patient);
  kes_test_db_free (fixture->db);
}

static void
sign_in_as (Fixture  *fixture,
            KesStaff *staff)
{
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  signed_in = kes_store_sign_in (fixture->db->store, kes_staff_get_username (staff),
                                 KES_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* Whether the record's tab @name ("notes_page", "risk_page" …) is offered. */
static gboolean
tab_visible (Fixture    *fixture,
             const char *name)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  AdwViewStack *stack = ADW_VIEW_STACK (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "view_stack"));
  g_autofree char *child_name = g_strndup (name, strlen (name) - strlen ("_page"));
  GtkWidget *child;

  g_assert_true (g_str_has_suffix (name, "_page"));
  g_strdelimit (child_name, "_", '-');
  child = adw_view_stack_get_child_by_name (stack, child_name);
  g_assert_nonnull (child);
  return adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, child));
}

static const char *
content_child (Fixture *fixture)
{
  GtkWidget *stack = GTK_WIDGET (kes_window_get_content_stack (KES_WINDOW (fixture->window)));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The sidebar row of @area, wherever the shell put it. */
static GtkWidget *
find_named (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
area_offered (Fixture    *fixture,
              const char *area)
{
  GtkWidget *row = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, area);

  g_assert_nonnull (row);
  return gtk_widget_get_visible (row);
}

/* Carers' liaison: the register entry and the carers, no Notes, Contacts,
 * History, risk, medication or Ministry of Justice tab, no note search,
 * no Referrals or Liaison area; core refuses the notes if asked anyway. */
static void
test_carers_liaison (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KesStaff) carla = add_account (fixture, "carla", "Carla Carer", "North",
                                           KES_ROLE_CARERS_LIAISON);
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *caseload = GTK_WIDGET (kes_window_get_caseload_page (fixture->window));

  sign_in_as (fixture, carla);
  g_assert_false (gtk_widget_get_visible (kes_test_child (caseload, KES_TYPE_CASELOAD_PAGE,
                                                          "notes_toggle")));

  kes_window_open_patient (fixture->window, fixture->north_patient);
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  g_assert_false (tab_visible (fixture, "notes_page"));
  g_assert_false (tab_visible (fixture, "contacts_page"));
  g_assert_false (tab_visible (fixture, "history_page"));
  g_assert_false (tab_visible (fixture, "risk_page"));
  g_assert_false (tab_visible (fixture, "medication_page"));
  g_assert_false (tab_visible (fixture, "care_plan_page"));
  g_assert_false (tab_visible (fixture, "moj_page"));
  g_assert_false (tab_visible (fixture, "referral_page"));
  g_assert_true (tab_visible (fixture, "carers_page"));
  g_assert_true (area_offered (fixture, "today"));
  g_assert_true (area_offered (fixture, "carers"));
  g_assert_false (area_offered (fixture, "referrals"));
  g_assert_false (area_offered (fixture, "liaison"));

  notes = kes_store_list_notes (fixture->db->store, fixture->north_patient, FALSE, &error);
  g_assert_null (notes);
  g_assert_error (error, KES_ERROR, KES_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, ==, "Carers’ liaison staff can’t read clinical notes");
}

/* A clinician of the patient's own team sees every tab, without asking. */
static void
test_clinician_own_team (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North",
                                         KES_ROLE_CLINICIAN);

  sign_in_as (fixture, cai);
  kes_window_open_patient (fixture->window, fixture->north_patient);
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_true (tab_visible (fixture, "notes_page"));
  g_assert_true (tab_visible (fixture, "history_page"));
}

/* An administrator keeps the register and the accounts: no clinical area,
 * tab or detail, no Today. */
static void
test_administrator (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KesStaff) signed_in = NULL;
  g_autoptr(GError) error = NULL;

  signed_in = kes_store_sign_in (fixture->db->store, "ada.admin", "amber lantern orchard", &error);
  g_assert_no_error (error);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_false (area_offered (fixture, "today"));
  g_assert_false (area_offered (fixture, "referrals"));
  g_assert_false (area_offered (fixture, "carers"));
  g_assert_false (area_offered (fixture, "liaison"));
  g_assert_true (area_offered (fixture, "caseload"));
  g_assert_true (area_offered (fixture, "reports"));
  g_assert_true (area_offered (fixture, "admin"));

  kes_window_open_patient (fixture->window, fixture->south_patient);
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  g_assert_true (tab_visible (fixture, "overview_page"));
  for (guint i = 0; i < 8; i++)
    {
      static const char * const clinical[] = { "notes_page", "contacts_page", "history_page", "risk_page",
                                               "medication_page", "care_plan_page", "moj_page", "carers_page" };

      g_assert_false (tab_visible (fixture, clinical[i]));
    }
}

/* A team manager reads clinical records but writes none: the tabs are
 * there, the buttons that write are not. */
static void
test_team_manager_reads_only (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KesStaff) tam = add_account (fixture, "tam", "Tam Manager", "North", KES_ROLE_TEAM_MANAGER);
  KesPatientPage *page;

  sign_in_as (fixture, tam);
  kes_window_open_patient (fixture->window, fixture->north_patient);
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  page = kes_window_get_patient_page (fixture->window);
  g_assert_true (tab_visible (fixture, "notes_page"));
  g_assert_true (tab_visible (fixture, "risk_page"));
  g_assert_false (gtk_widget_get_visible (kes_test_find_button (GTK_WIDGET (page), "_Add Note")));
  g_assert_false (gtk_widget_get_visible (kes_test_find_button (GTK_WIDGET (page), "_New Assessment")));
  g_assert_false (gtk_widget_get_visible (kes_test_find_button (GTK_WIDGET (page), "_Add Contact")));
}

/* At the window's default size every area fits beside the sidebar: an
 * area wider than that folds the sidebar away (Referrals' toolbar once
 * did). */
static void
test_areas_keep_sidebar (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const areas[] = { "today", "caseload", "referrals", "reports", "carers", "liaison" };
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North",
                                         KES_ROLE_CLINICIAN);
  GtkWidget *leaflet;

  sign_in_as (fixture, cai);
  leaflet = gtk_widget_get_ancestor (GTK_WIDGET (kes_window_get_content_stack (fixture->window)),
                                     ADW_TYPE_LEAFLET);
  g_assert_nonnull (leaflet);
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    {
      kes_window_show_area (fixture->window, areas[i]);
      kes_test_wait (150);
      g_assert_cmpstr (content_child (fixture), ==, areas[i]);
      if (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)))
        g_error ("The sidebar folded away for the %s area at %d px", areas[i],
                 gtk_widget_get_width (GTK_WIDGET (fixture->window)));
    }
}

static void
set_reason (AdwMessageDialog *dialog,
            const char       *reason)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "kes-reason");

  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, reason);
}

/* Another team's patient: emergency access needs a reason, is logged with
 * it and listed for managers. */
static void
test_break_glass (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North",
                                         KES_ROLE_CLINICIAN);
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(KesAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  sign_in_as (fixture, cai);
  kes_window_open_patient (fixture->window, fixture->south_patient);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Emergency Access");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "South team"));
  g_assert_cmpstr (content_child (fixture), !=, "patient");

  /* No reason, or only spaces: the button stays off. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  set_reason (dialog, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "open"));
  /* Forced through anyway, core refuses and the dialog asks again. */
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), "kes-problem"));
  g_assert_cmpstr (content_child (fixture), !=, "patient");

  set_reason (dialog, "Crisis call out of hours");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "open"));
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  g_assert_true (tab_visible (fixture, "notes_page"));

  /* Logged with the reason, for managers. */
  kes_store_set_actor (fixture->db->store, fixture->admin);
  entries = kes_store_list_break_glass (fixture->db->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (kes_audit_entry_get_summary (entry), ==, "Crisis call out of hours");
  g_assert_cmpstr (kes_audit_entry_get_patient_id (entry), ==, fixture->south_patient);
}

/* Another team's patient is need-to-know, register entry included: the
 * dialog offers emergency access or nothing, and cancelling opens nothing
 * and logs nothing. */
static void
test_cancel_opens_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North",
                                         KES_ROLE_CLINICIAN);
  g_autoptr(GListModel) entries = NULL;
  AdwMessageDialog *dialog;

  sign_in_as (fixture, cai);
  kes_window_open_patient (fixture->window, fixture->south_patient);
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_has_response (dialog, "register"));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (content_child (fixture), !=, "patient");

  kes_store_set_actor (fixture->db->store, fixture->admin);
  entries = kes_store_list_break_glass (fixture->db->store, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
}

/* An area opens when its sidebar row is activated (click, Enter, Space),
 * not when the keyboard passes over it: tabbing or arrowing onto
 * "Caseload" once closed the open record. Each row is named for a screen
 * reader by its area. */
static void
test_sidebar_opens_on_activation (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North",
                                         KES_ROLE_CLINICIAN);
  GtkWidget *today, *caseload;
  GtkListBox *list;

  sign_in_as (fixture, cai);
  today = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "today");
  caseload = find_named (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_BOX_ROW, "caseload");
  g_assert_nonnull (today);
  g_assert_nonnull (caseload);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (today), GTK_ACCESSIBLE_PROPERTY_LABEL, "Today");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (caseload), GTK_ACCESSIBLE_PROPERTY_LABEL, "Caseload");
  list = GTK_LIST_BOX (gtk_widget_get_parent (today));

  kes_window_open_patient (fixture->window, fixture->north_patient);
  g_assert_cmpstr (content_child (fixture), ==, "patient");
  /* Passing over rows selects them; the record stays open. */
  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (today));
  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (caseload));
  g_assert_cmpstr (content_child (fixture), ==, "patient");

  /* Activating one opens its area. */
  g_signal_emit_by_name (today, "activate");
  g_assert_cmpstr (content_child (fixture), ==, "today");
  g_assert_true (gtk_list_box_get_selected_row (list) == GTK_LIST_BOX_ROW (today));
}

/* Opening a record puts the focus on its first tab, where a keyboard or
 * screen-reader user starts; it once went to "Add Note" on the Notes tab,
 * hidden behind the Overview (issue 24). */
static void
test_record_opens_on_its_tabs (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(KesStaff) cai = add_account (fixture, "cai", "Cai Clinician", "North", KES_ROLE_CLINICIAN);
  KesPatientPage *page;
  GtkWidget *switcher, *focus;

  sign_in_as (fixture, cai);
  kes_window_open_patient (fixture->window, fixture->north_patient);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  page = kes_window_get_patient_page (fixture->window);
  switcher = kes_test_find_descendant (GTK_WIDGET (page), ADW_TYPE_VIEW_SWITCHER);
  g_assert_nonnull (switcher);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, switcher));
  g_assert_true (gtk_widget_get_mapped (focus));
  /* Nothing in the header is left selected (grey) on the way. */
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "name_label")),
                                                  NULL, NULL));

  /* The Export menu button has a name a person would say. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (kes_test_child (page, KES_TYPE_PATIENT_PAGE, "export_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Export record");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/access/carers-liaison-sees-register-only", test_carers_liaison);
  ADD ("/access/clinician-own-team", test_clinician_own_team);
  ADD ("/access/administrator-sees-no-clinical-detail", test_administrator);
  ADD ("/access/team-manager-reads-only", test_team_manager_reads_only);
  ADD ("/window/areas-keep-sidebar", test_areas_keep_sidebar);
  ADD ("/window/sidebar-opens-on-activation", test_sidebar_opens_on_activation);
  ADD ("/window/record-opens-on-its-tabs", test_record_opens_on_its_tabs);
  ADD ("/access/break-glass-needs-reason", test_break_glass);
  ADD ("/access/cancel-opens-nothing", test_cancel_opens_nothing);
#undef ADD

  return g_test_run ();
}
