/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-patient-page"

#include "config.h"

#include <string.h>

#include "kes-app-util.h"
#include "kes-codes.h"
#include "kes-field-limits.h"
#include "kes-form-errors.h"
#include "kes-store-notes.h"
#include "kes-store-patients.h"
#include "kes-store-staff.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "kes-test-accounts.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-record-column-layout.h"

typedef struct
{
  KesTestDb      *db;
  KesWindow      *window;
  KesPatientPage *page;
  KesPatientForm *form;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = kes_test_db_new (TRUE);
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  fixture->page = kes_window_get_patient_page (fixture->window);
  fixture->form = kes_patient_page_get_form (fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  kes_test_close_dialogs ();
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  kes_test_wait (10);
  kes_test_db_free (fixture->db);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  return kes_test_child (fixture->form, KES_TYPE_PATIENT_FORM, name);
}

static void
type_into (Fixture    *fixture,
           const char *name,
           const char *text)
{
  GtkWidget *widget = field (fixture, name);

  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (widget)));
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
choose (Fixture    *fixture,
        const char *name,
        const char *code)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (field (fixture, name));

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dropdown)));
  kes_dropdown_set_code (dropdown, code);
  g_assert_cmpstr (kes_dropdown_get_code (dropdown), ==, code);
}

static void
click (gpointer    widget,
       GType       type,
       const char *name)
{
  GtkWidget *button = kes_test_child (widget, type, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
fill_valid_register (Fixture    *fixture,
                     const char *family_name,
                     const char *nhs_number)
{
  type_into (fixture, "family_entry", family_name);
  type_into (fixture, "given_entry", "Zoë");
  type_into (fixture, "birth_entry", "21/11/1984");
  type_into (fixture, "nhs_entry", nhs_number);
  choose (fixture, "gender_dropdown", kes_test_first_code (KES_CODES_GENDER));
  choose (fixture, "ethnicity_dropdown", kes_test_first_code (KES_CODES_ETHNIC_CATEGORY));
}

static gboolean
caseload_loaded (gpointer data)
{
  return !kes_caseload_page_get_loading (data);
}

/* New Patient → fill the register → Save: the record is in the store and the
 * caseload shows it. */
static void
test_create_through_form (Fixture       *fixture,
                          gconstpointer  data)
{
  KesCaseloadPage *caseload = kes_window_get_caseload_page (fixture->window);
  GListModel *rows = G_LIST_MODEL (kes_caseload_page_get_model (caseload));
  g_autoptr(KesPatient) stored = NULL;
  g_autoptr(KesCaseloadRow) row = NULL;
  KesPatient *saved;

  g_assert_true (kes_test_wait_until (caseload_loaded, caseload, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-patient",
                                             NULL));
  g_assert_true (kes_patient_page_get_editing (fixture->page));

  fill_valid_register (fixture, "O'Brien", "943 476 5919");
  type_into (fixture, "postcode_entry", "nr1 3sr");
  click (fixture->page, KES_TYPE_PATIENT_PAGE, "save_button");

  g_assert_false (kes_patient_page_get_editing (fixture->page));
  saved = kes_patient_page_get_patient (fixture->page);
  g_assert_nonnull (kes_patient_get_id (saved));
  g_assert_cmpint (kes_patient_get_revision (saved), >=, 1);

  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 1);
  stored = kes_store_find_patient (fixture->db->store, "9434765919", NULL);
  g_assert_nonnull (stored);
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_FAMILY_NAME), ==, "O'Brien");
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_POSTCODE), ==, "NR1 3SR");
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_BIRTH_DATE), ==, "1984-11-21");
  /* The new patient's team is the author's, none here. */
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_TEAM_ID), ==, "");

  /* The caseload reloads in the background after the save. */
  kes_test_wait (50);
  g_assert_true (kes_test_wait_until (caseload_loaded, caseload, 5000));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  row = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (kes_caseload_row_get_patient_id (row), ==, kes_patient_get_id (saved));
  g_assert_cmpstr (kes_caseload_row_get_nhs_number (row), ==, "9434765919");
}

/* A wrong check digit is explained under the NHS number; nothing typed is
 * lost and nothing is saved. */
static void
test_invalid_nhs_number (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *nhs_error = field (fixture, "nhs_error");
  const char *message;

  kes_patient_page_new_patient (fixture->page, NULL);
  fill_valid_register (fixture, "Smyth", "943 476 5918");
  type_into (fixture, "phone_entry", "01603 000000");

  g_assert_false (kes_patient_page_save (fixture->page));

  message = kes_patient_form_get_field_error (fixture->form, "nhs_number");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "fails its check: compare it with the document it came from"));
  g_assert_true (gtk_widget_get_visible (nhs_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (nhs_error)), ==, message);
  g_assert_true (gtk_widget_has_css_class (field (fixture, "nhs_entry"), "error"));

  /* Only the NHS number is wrong. */
  g_assert_null (kes_patient_form_get_field_error (fixture->form, "family_name"));
  g_assert_true (gtk_widget_get_visible (field (fixture, "summary_label")));

  /* Everything typed is still there and the form is still editable. */
  g_assert_true (kes_patient_page_get_editing (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "nhs_entry"))), ==,
                   "943 476 5918");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "family_entry"))), ==,
                   "Smyth");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "phone_entry"))), ==,
                   "01603 000000");
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 0);

  /* Another wrong last digit, typed over the old one: the message quotes
   * what is typed now. */
  {
    GtkEditable *nhs = GTK_EDITABLE (field (fixture, "nhs_entry"));
    int end = (int) strlen (gtk_editable_get_text (nhs));

    gtk_editable_delete_text (nhs, end - 1, end);
    gtk_editable_insert_text (nhs, "7", 1, &end);
  }
  message = kes_patient_form_get_field_error (fixture->form, "nhs_number");
  g_assert_nonnull (strstr (message, "943 476 5917"));
  g_assert_null (strstr (message, "943 476 5918"));

  /* Fixing the digit: the message and the summary go as it is typed, and it saves. */
  type_into (fixture, "nhs_entry", "943 476 5919");
  g_assert_null (kes_patient_form_get_field_error (fixture->form, "nhs_number"));
  g_assert_false (gtk_widget_get_visible (nhs_error));
  g_assert_false (gtk_widget_has_css_class (field (fixture, "nhs_entry"), "error"));
  g_assert_false (gtk_widget_get_visible (field (fixture, "summary_label")));
  g_assert_true (kes_patient_page_save (fixture->page));
  g_assert_null (kes_patient_form_get_field_error (fixture->form, "nhs_number"));
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 1);
}

/* Required fields are named under their fields. */
static void
test_required_fields (Fixture       *fixture,
                      gconstpointer  data)
{
  kes_patient_page_new_patient (fixture->page, NULL);
  g_assert_false (kes_patient_page_save (fixture->page));

  g_assert_nonnull (kes_patient_form_get_field_error (fixture->form, "family_name"));
  g_assert_nonnull (kes_patient_form_get_field_error (fixture->form, "given_name"));
  g_assert_nonnull (kes_patient_form_get_field_error (fixture->form, "birth_date"));
  g_assert_nonnull (kes_patient_form_get_field_error (fixture->form, "gender"));
}

/* A refused save for a screen reader and the keyboard: the summary is an
 * alert, the focus is on the first field in error, each message describes
 * its field (a drop-down's on its button, which takes the focus), and each
 * goes as its field is put right. */
static void
test_refusal_announced (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *family = field (fixture, "family_entry");
  GtkWidget *gender = field (fixture, "gender_dropdown");

  kes_patient_page_new_patient (fixture->page, NULL);
  g_assert_false (kes_patient_page_save (fixture->page));

  kes_test_assert_alert_shown (field (fixture, "summary_label"));
  kes_test_assert_field_error (family, field (fixture, "family_error"),
                               kes_patient_form_get_field_error (fixture->form, "family_name"), TRUE);
  g_assert_true (kes_field_get_focus_part (gender) != gender);
  g_assert_true (GTK_IS_BUTTON (kes_field_get_focus_part (gender)));
  kes_test_assert_field_error (gender, field (fixture, "gender_error"),
                               kes_patient_form_get_field_error (fixture->form, "gender"), FALSE);

  type_into (fixture, "family_entry", "Smyth");
  kes_test_assert_field_clear (family);
  choose (fixture, "gender_dropdown", kes_test_first_code (KES_CODES_GENDER));
  kes_test_assert_field_clear (gender);
  g_assert_false (gtk_widget_get_visible (field (fixture, "gender_error")));

  /* Saved again: the focus goes to the first of what is left. */
  g_assert_false (kes_patient_page_save (fixture->page));
  kes_test_assert_field_error (field (fixture, "given_entry"), field (fixture, "given_error"),
                               kes_patient_form_get_field_error (fixture->form, "given_name"), TRUE);
}

/* Every entry of the register holds at most what core's length table
 * allows (kes-field-limits.c), and a text area over its limit is refused
 * on save with the field named and everything typed kept. */
static void
test_field_limits (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct { const char *widget; KesPatientField field; } entries[] = {
    { "family_entry", KES_PATIENT_FAMILY_NAME },
    { "given_entry", KES_PATIENT_GIVEN_NAME },
    { "preferred_entry", KES_PATIENT_PREFERRED_NAME },
    { "birth_entry", KES_PATIENT_BIRTH_DATE },
    { "nhs_entry", KES_PATIENT_NHS_NUMBER },
    { "postcode_entry", KES_PATIENT_POSTCODE },
    { "phone_entry", KES_PATIENT_PHONE },
    { "gp_entry", KES_PATIENT_GP_PRACTICE },
    { "referral_entry", KES_PATIENT_REFERRAL_DATE },
    { "age_override_entry", KES_PATIENT_AGE_OVERRIDE_REASON },
  };
  g_autofree char *long_name = g_strnfill (kes_field_limit ("patient.family_name") + 20, 'A');
  g_autofree char *long_address = g_strnfill (kes_field_limit ("patient.address") + 1, 'x');
  GtkWidget *contacts = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_CONTACTS_VIEW);
  GtkWidget *notes = kes_test_find_descendant (GTK_WIDGET (fixture->page), KES_TYPE_NOTES_VIEW);
  const char *message;

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *key = g_strconcat ("patient.", kes_patient_field_key (entries[i].field), NULL);

      g_assert_cmpint (gtk_entry_get_max_length (GTK_ENTRY (field (fixture, entries[i].widget))), ==,
                       (int) kes_field_limit (key));
    }
  g_assert_cmpint (gtk_entry_get_max_length (GTK_ENTRY (kes_test_child (contacts,
                                                                        KES_TYPE_CONTACTS_VIEW,
                                                                        "with_entry"))), ==,
                   (int) kes_field_limit ("contact.with_whom"));
  g_assert_cmpint (gtk_entry_get_max_length (GTK_ENTRY (kes_test_child (contacts,
                                                                        KES_TYPE_CONTACTS_VIEW,
                                                                        "location_entry"))), ==,
                   (int) kes_field_limit ("contact.location"));
  g_assert_cmpint (gtk_entry_get_max_length (GTK_ENTRY (kes_test_child (notes, KES_TYPE_NOTES_VIEW,
                                                                        "title_entry"))), ==,
                   (int) kes_field_limit ("note.title"));

  kes_patient_page_new_patient (fixture->page, NULL);
  fill_valid_register (fixture, long_name, "943 476 5919");
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "family_entry")))),
                    ==, kes_field_limit ("patient.family_name"));
  kes_text_view_set_text (GTK_TEXT_VIEW (field (fixture, "address_view")), long_address);
  g_assert_false (kes_patient_page_save (fixture->page));
  message = kes_patient_form_get_field_error (fixture->form, "address");
  g_assert_nonnull (message);
  g_assert_cmpstr (message, ==, "Address is longer than 500 characters");
  g_assert_cmpuint (kes_store_count_patients (fixture->db->store), ==, 0);
  {
    g_autofree char *kept = kes_text_view_dup_text (GTK_TEXT_VIEW (field (fixture, "address_view")));

    g_assert_cmpstr (kept, ==, long_address);
  }
}

/* Someone else saved the record after it was opened: the save is refused
 * with the conflict message, and the typed data stays in the form. */
static void
test_stale_revision_conflict (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              NULL);
  g_autoptr(KesStore) other = NULL;
  g_autoptr(KesStaff) colleague = NULL;
  g_autoptr(KesPatient) theirs = NULL;
  g_autoptr(KesPatient) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_true (kes_patient_page_load (fixture->page, id, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  type_into (fixture, "family_entry", "Smyth");

  /* A colleague changes the same record through their own connection. */
  other = kes_store_open (fixture->db->path, &error);
  g_assert_no_error (error);
  colleague = kes_test_account_titled (other, "colleague", "Pat Colleague", "Social worker", NULL, NULL, KES_TEST_ALL_ROLES);
  g_assert_no_error (error);
  kes_store_set_actor (other, colleague);
  theirs = kes_store_load_patient (other, id, &error);
  g_assert_no_error (error);
  kes_patient_set_text (theirs, KES_PATIENT_GIVEN_NAME, "Alexander");
  g_assert_true (kes_store_save_patient (other, theirs, KES_CHANGE_EDIT, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (kes_patient_page_save (fixture->page));

  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Someone Else Changed This Record");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Pat Colleague"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "changed this record"));

  /* "Keep My Changes": the typed value is still there, still editing. */
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kes_patient_page_get_editing (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "family_entry"))), ==,
                   "Smyth");

  /* Nothing of ours reached the store; the colleague's change stands. */
  stored = kes_store_load_patient (fixture->db->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_FAMILY_NAME), ==, "Smith");
  g_assert_cmpstr (kes_patient_get_text (stored, KES_PATIENT_GIVEN_NAME), ==, "Alexander");
}

/* Cancel asks before throwing typed changes away. */
static void
test_cancel_asks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              NULL);
  AdwMessageDialog *dialog;

  g_assert_true (kes_patient_page_load (fixture->page, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));

  /* No changes: cancel just leaves edit mode. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.cancel", NULL));
  g_assert_false (kes_patient_page_get_editing (fixture->page));
  g_assert_null (kes_test_find_message_dialog ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  type_into (fixture, "family_entry", "Smyth");
  g_assert_true (kes_patient_page_has_unsaved_changes (fixture->page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.cancel", NULL));

  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "keep");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (kes_patient_page_get_editing (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "family_entry"))), ==,
                   "Smyth");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.cancel", NULL));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (kes_patient_page_get_editing (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "family_entry"))), ==,
                   "Smith");
}

/* A correction needs a reason, and is recorded as one. */
static void
test_correction_needs_reason (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              NULL);
  g_autoptr(GPtrArray) revisions = NULL;
  KesRevision *last;

  g_assert_true (kes_patient_page_load (fixture->page, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  g_assert_true (gtk_widget_get_visible (field (fixture, "correction_box")));

  type_into (fixture, "birth_entry", "22/11/1984");
  gtk_switch_set_active (GTK_SWITCH (field (fixture, "correction_switch")), TRUE);
  g_assert_false (kes_patient_page_save (fixture->page));
  g_assert_true (gtk_widget_get_visible (field (fixture, "correction_reason_error")));

  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "correction_reason_entry")),
                         "Date of birth was typed wrongly at registration");
  g_assert_true (kes_patient_page_save (fixture->page));

  revisions = kes_store_list_revisions (fixture->db->store, id, NULL);
  g_assert_nonnull (revisions);
  g_assert_cmpuint (revisions->len, ==, 2);
  last = g_ptr_array_index (revisions, 1);
  g_assert_cmpint (kes_revision_get_change (last), ==, KES_CHANGE_CORRECTION);
  g_assert_cmpstr (kes_revision_get_reason (last), ==,
                   "Date of birth was typed wrongly at registration");
}

/* The header shows identity, legal status and every alert. */
static void
test_header_and_alerts (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              NULL);
  GtkWidget *alerts_label;
  GtkWidget *details;

  g_assert_true (kes_patient_page_load (fixture->page, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  kes_text_view_set_text (GTK_TEXT_VIEW (field (fixture, "alerts_view")),
                          "Do not visit alone\nVictim lives in Norwich");
  g_assert_true (kes_patient_page_save (fixture->page));

  alerts_label = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "alerts_label");
  details = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "details_label");
  g_assert_true (gtk_widget_get_visible (kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE,
                                                         "alerts_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (alerts_label)), "Do not visit alone"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (alerts_label)),
                            "Victim lives in Norwich"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "943 476 5919"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (details)), "21 Nov 1984"));
}

/* Issue 24 (text at 200 %): a header taller than its share of the record
 * page scrolls within that share, and the tab's content keeps the rest;
 * a short header is shown whole. A low window stands for large text (the
 * header's share shrinks with the height) and a long name that wraps. */
static void
test_header_keeps_room (Fixture       *fixture,
                        gconstpointer  data)
{
  /* A long name wraps: the header is taller than its share of a low window. */
  g_autofree char *id = kes_test_add_patient (fixture->db->store,
                                              "Fotheringham-Montgomery-Cholmondeley-Featherstonehaugh",
                                              "Alexandra Wilhelmina", "9434765919", NULL);
  GtkWidget *column = adw_bin_get_child (ADW_BIN (fixture->page));
  GtkWidget *header = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "header_scroller");
  GtkWidget *stack = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "view_stack");
  GtkWidget *alerts = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "alerts_box");
  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (header));
  int height, alerts_natural = 0;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 720);
  kes_window_open_patient (fixture->window, id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpint (gtk_widget_get_height (column), >, 0);
  /* Room enough: whole, nothing to scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), <=, gtk_adjustment_get_page_size (scroll) + 1);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 700, 300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  kes_test_wait (50);
  height = gtk_widget_get_height (column);
  g_test_message ("column %d, header %d, content %d", height, gtk_widget_get_height (header),
                  gtk_widget_get_height (stack));
  g_assert_cmpint (gtk_widget_get_height (header), <=, (int) (height * KES_RECORD_HEADER_SHARE) + 1);
  /* The rest, less the tabs (about 60 px), is the content's. */
  g_assert_cmpint (gtk_widget_get_height (stack), >=, (int) (height * 0.4));
  /* Short of room: it scrolls, so every line can still be read. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (scroll), >, gtk_adjustment_get_page_size (scroll));

  /* An alert is never scrolled away: shown whole below the header, its
   * height taken from the header's share (down to the floor). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  kes_text_view_set_text (GTK_TEXT_VIEW (field (fixture, "alerts_view")), "Do not visit alone");
  g_assert_true (kes_patient_page_save (fixture->page));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  kes_test_wait (50);
  height = gtk_widget_get_height (column);
  gtk_widget_measure (alerts, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (alerts), NULL, &alerts_natural,
                      NULL, NULL);
  g_test_message ("column %d, header %d, alerts %d, content %d", height, gtk_widget_get_height (header),
                  gtk_widget_get_height (alerts), gtk_widget_get_height (stack));
  g_assert_true (gtk_widget_get_visible (alerts));
  /* (Its natural height counts its margins; its allocated height doesn't.) */
  g_assert_cmpint (gtk_widget_get_height (alerts) + gtk_widget_get_margin_top (alerts)
                   + gtk_widget_get_margin_bottom (alerts), >=, alerts_natural);
  g_assert_cmpint (gtk_widget_get_height (header), <=,
                   MAX ((int) (height * KES_RECORD_HEADER_SHARE) - alerts_natural,
                        (int) (height * KES_RECORD_HEADER_FLOOR)) + 1);
}

static gboolean
label_in_tree (GtkWidget  *root,
               const char *needle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), needle) != NULL)
        return TRUE;
      if (label_in_tree (child, needle))
        return TRUE;
    }

  return FALSE;
}

static GtkWidget *
find_destructive_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "destructive-action"))
        return child;
      if ((found = find_destructive_button (child)) != NULL)
        return found;
    }

  return NULL;
}

/* History names who changed what, with readable values. */
static void
test_history_lines (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KesTeam) north = kes_store_find_team (fixture->db->store, "North");
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              kes_team_get_id (north));
  GtkWidget *history;

  g_assert_true (kes_patient_page_load (fixture->page, id, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "patient.edit", NULL));
  type_into (fixture, "family_entry", "Smyth");
  g_assert_true (kes_patient_page_save (fixture->page));

  history = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "history_view");
  g_assert_true (label_in_tree (history, "Edited by Test User"));
  g_assert_true (label_in_tree (history, "Created by Test User"));
  g_assert_true (label_in_tree (history, "Family name: “Smith” → “Smyth”"));
  g_assert_true (label_in_tree (history, "Team: North"));
  g_assert_true (label_in_tree (history, "NHS number: 943 476 5919"));
}

/* Contacts and notes are added through their forms and can be marked
 * entered in error with a reason. */
static void
test_contacts_and_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = kes_test_add_patient (fixture->db->store, "Smith", "Alex", "9434765919",
                                              NULL);
  GtkWidget *contacts = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "contacts_view");
  GtkWidget *notes = kes_test_child (fixture->page, KES_TYPE_PATIENT_PAGE, "notes_view");
  g_autoptr(GListModel) stored_contacts = NULL;
  g_autoptr(GListModel) stored_notes = NULL;
  g_autoptr(KesNote) note = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  g_assert_true (kes_patient_page_load (fixture->page, id, NULL));

  /* A contact without a type is refused with the message under the type. */
  click (contacts, KES_TYPE_CONTACTS_VIEW, "add_button");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                       "date_entry")), "20/11/2026");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                       "time_entry")), "14:30");
  click (contacts, KES_TYPE_CONTACTS_VIEW, "form_save_button");
  g_assert_true (gtk_widget_get_visible (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                         "type_error")));

  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                        "type_dropdown")), "face-to-face");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                       "with_entry")), "Patient and sister");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                              "duration_spin")), 45);
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                         "summary_view")),
                          "Reviewed the conditions of discharge.");
  click (contacts, KES_TYPE_CONTACTS_VIEW, "form_save_button");
  g_assert_false (gtk_widget_get_visible (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                          "form_box")));

  stored_contacts = kes_store_list_contacts (fixture->db->store, id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored_contacts), ==, 1);
  g_assert_true (label_in_tree (contacts, "20 Nov 2026 14:30"));

  /* A note, then marked entered in error with a reason. */
  click (notes, KES_TYPE_NOTES_VIEW, "add_button");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "title_entry")),
                         "Home visit");
  kes_text_view_set_text (GTK_TEXT_VIEW (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "body_view")),
                          "Settled; curfew kept.");
  click (notes, KES_TYPE_NOTES_VIEW, "form_save_button");
  stored_notes = kes_store_list_notes (fixture->db->store, id, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (stored_notes), ==, 1);
  g_assert_true (label_in_tree (notes, "Home visit"));

  g_assert_true (label_in_tree (notes, "Mark as Entered in Error"));
  {
    GtkWidget *list = kes_test_child (notes, KES_TYPE_NOTES_VIEW, "list");
    GtkWidget *button = find_destructive_button (list);

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }

  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  reason = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EDITABLE (reason));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "Written in the wrong record");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "confirm"));
  adw_message_dialog_response (dialog, "confirm");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_clear_object (&stored_notes);
  stored_notes = kes_store_list_notes (fixture->db->store, id, TRUE, NULL);
  note = g_list_model_get_item (stored_notes, 0);
  g_assert_cmpint (kes_note_get_state (note), ==, KES_RECORD_ENTERED_IN_ERROR);
  g_assert_true (label_in_tree (notes, "Entered in error: Home visit"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/patient-page/create-through-form", test_create_through_form);
  ADD ("/patient-page/invalid-nhs-number", test_invalid_nhs_number);
  ADD ("/patient-page/required-fields", test_required_fields);
  ADD ("/patient-page/refusal-announced", test_refusal_announced);
  ADD ("/patient-page/field-limits", test_field_limits);
  ADD ("/patient-page/stale-revision-conflict", test_stale_revision_conflict);
  ADD ("/patient-page/cancel-asks", test_cancel_asks);
  ADD ("/patient-page/correction-needs-reason", test_correction_needs_reason);
  ADD ("/patient-page/header-and-alerts", test_header_and_alerts);
  ADD ("/patient-page/header-keeps-room", test_header_keeps_room);
  ADD ("/patient-page/history-lines", test_history_lines);
  ADD ("/patient-page/contacts-and-notes", test_contacts_and_notes);

#undef ADD

  return g_test_run ();
}
