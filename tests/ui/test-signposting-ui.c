/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-signposting-ui"

#include "config.h"

#include "carers/kes-field-form.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-liaison.h"
#include "kes-referral.h"
#include "kes-services.h"
#include "kes-signposting.h"
#include "kes-store-referrals.h"
#include "kes-ui-test-util.h"
#include "signposting/kes-signposting-list.h"

/* Signposting through its real widgets (issue 21): recorded from the form
 * (a refusal says what is wrong and keeps what was typed), a directory
 * entry fills "Signposted to", a record changed and marked entered in
 * error; a referral offers the form only once declined. Today is
 * 21 November 2026. */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named %s", name);
  return widget;
}

static GtkWidget *
form_error (GtkWidget *list)
{
  return kes_test_child (kes_test_find_descendant (list, KES_TYPE_FIELD_FORM), KES_TYPE_FIELD_FORM,
                         "error_label");
}

static void
recorded_cb (GtkWidget   *list,
             const char  *where,
             char       **recorded)
{
  g_free (*recorded);
  *recorded = g_strdup (where);
}

static char *
add_screening (KesStore   *store,
               const char *outcome)
{
  g_autoptr(KesFieldRecord) screening = kes_screening_new ();
  g_autoptr(GError) error = NULL;

  kes_field_record_set_text (screening, "family_name", "Wren");
  kes_field_record_set_text (screening, "gender", "2");
  kes_field_record_set_text (screening, "ethnicity", "B");
  kes_field_record_set_text (screening, "screened_on", "2026-11-20");
  kes_field_record_set_text (screening, "setting", "police-custody");
  kes_field_record_set_text (screening, "referral_source", "police");
  kes_field_record_set_text (screening, "outcome", outcome);
  g_assert_true (kes_store_save_screening (store, screening, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (kes_field_record_get_id (screening));
}

static GtkWidget *
show_list (GtkWidget  *window,
           KesStore   *store,
           const char *source_id)
{
  GtkWidget *list = kes_signposting_list_new (store, source_id);

  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 900);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);
  return list;
}

static GPtrArray *
made (KesStore   *store,
      const char *source_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = kes_store_list_signposting (store, source_id, &error);

  g_assert_no_error (error);
  return records;
}

static void
test_record_from_form (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) service = kes_service_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *screening_id = NULL;
  g_autofree char *recorded = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list, *problem, *organisation;
  g_auto(GStrv) given = NULL;

  kes_clock_set_fixed (now);
  kes_field_record_set_text (service, "name", "Norwich housing options");
  kes_field_record_set_text (service, "kind", "housing");
  kes_field_record_set_text (service, "general_phone", "01603 000 240");
  g_assert_true (kes_store_save_service (db->store, service, &error));
  g_assert_no_error (error);
  screening_id = add_screening (db->store, "signposting");
  list = show_list (window, db->store, screening_id);
  g_signal_connect (list, "recorded", G_CALLBACK (recorded_cb), &recorded);
  g_assert_true (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (list)));

  /* Tomorrow is refused in plain words; what was typed stays. */
  organisation = named (list, "organisation");
  gtk_editable_set_text (GTK_EDITABLE (organisation), "Citizens Advice Norwich");
  kes_editable_set_date (GTK_EDITABLE (named (list, "signposted_on")), "2026-11-22");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (list, "given:leaflet")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (list, "given:phone-number")), TRUE);
  kes_text_view_set_text (GTK_TEXT_VIEW (named (list, "details")), "Debt advice line 0808 000 0000");
  g_signal_emit_by_name (named (list, "record-signposting"), "clicked");
  problem = form_error (list);
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, "Date signposted is in the future");
  kes_test_screenshot ("KES_SHOTS_DIR", "signposting-form-error");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (list, "organisation"))), ==,
                   "Citizens Advice Norwich");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (list, "given:phone-number"))));
  g_assert_null (recorded);
  records = made (db->store, screening_id);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Today: recorded by the person signed in, the form emptied. */
  kes_editable_set_date (GTK_EDITABLE (named (list, "signposted_on")), "2026-11-21");
  g_signal_emit_by_name (named (list, "record-signposting"), "clicked");
  g_assert_cmpstr (recorded, ==, "Citizens Advice Norwich");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (list, "organisation"))), ==, "");
  records = made (db->store, screening_id);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (kes_field_record_get_text (records->pdata[0], "signposted_by"), ==,
                   kes_staff_get_id (db->actor));
  g_assert_cmpstr (kes_field_record_get_text (records->pdata[0], "signposted_on"), ==, "2026-11-21");
  given = kes_field_record_dup_list (records->pdata[0], "given");
  g_assert_cmpuint (g_strv_length (given), ==, 2);
  g_assert_nonnull (kes_test_find_row (list, "Citizens Advice Norwich"));
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A directory entry fills "Signposted to", which can't then be typed over. */
  kes_dropdown_set_code (GTK_DROP_DOWN (named (list, "signposting-service")), kes_field_record_get_id (service));
  organisation = named (list, "organisation");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (organisation)), ==, "Norwich housing options");
  g_assert_false (gtk_widget_get_sensitive (organisation));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (list, "given:appointment")), TRUE);
  g_signal_emit_by_name (named (list, "record-signposting"), "clicked");
  g_assert_cmpstr (recorded, ==, "Norwich housing options");
  records = made (db->store, screening_id);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (kes_field_record_get_text (records->pdata[1], "service_id"), ==,
                   kes_field_record_get_id (service));
  kes_test_screenshot ("KES_SHOTS_DIR", "signposting-list");
  gtk_window_destroy (GTK_WINDOW (window));
  kes_clock_set_fixed (NULL);
}

static void
test_change_and_error (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesFieldRecord) record = kes_signposting_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *screening_id = NULL;
  const char *given[] = { "information", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list, *row;
  AdwMessageDialog *dialog;

  kes_clock_set_fixed (now);
  screening_id = add_screening (db->store, "signposting");
  kes_field_record_set_text (record, "source_id", screening_id);
  kes_field_record_set_text (record, "organisation", "Norfolk domestic abuse helpline");
  kes_field_record_set_text (record, "signposted_on", "2026-11-20");
  kes_field_record_set_text (record, "signposted_by", kes_staff_get_id (db->actor));
  kes_field_record_set_list (record, "given", given);
  g_assert_true (kes_store_save_signposting (db->store, record, &error));
  g_assert_no_error (error);
  list = show_list (window, db->store, screening_id);

  /* Change: the form holds the record; "other" without details is
   * refused, typed kept; with details, saved as revision 2. */
  row = kes_test_find_row (list, "Norfolk domestic abuse helpline");
  g_assert_nonnull (row);
  g_signal_emit_by_name (kes_test_find_button (row, "Change…"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (list, "organisation"))), ==,
                   "Norfolk domestic abuse helpline");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (list, "given:information"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (list, "given:other")), TRUE);
  g_signal_emit_by_name (named (list, "record-signposting"), "clicked");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (form_error (list))), ==,
                   "Details: say what was given when you choose “Other”");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (named (list, "given:other"))));
  kes_text_view_set_text (GTK_TEXT_VIEW (named (list, "details")), "A safety card to keep");
  g_signal_emit_by_name (named (list, "record-signposting"), "clicked");
  records = made (db->store, screening_id);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (kes_field_record_get_revision (records->pdata[0]), ==, 2);
  g_assert_cmpstr (kes_field_record_get_text (records->pdata[0], "details"), ==, "A safety card to keep");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Entered in error, with a reason: it leaves the list. */
  row = kes_test_find_row (list, "Norfolk domestic abuse helpline");
  g_signal_emit_by_name (kes_test_find_button (row, "Entered in Error…"), "clicked");
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (kes_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY)),
                         "Recorded against the wrong person");
  kes_test_answer (dialog, "confirm");
  records = made (db->store, screening_id);
  g_assert_cmpuint (records->len, ==, 0);
  g_assert_null (kes_test_find_row (list, "Norfolk domestic abuse helpline"));
  gtk_window_destroy (GTK_WINDOW (window));
  kes_clock_set_fixed (NULL);
}

/* No form (and nothing shown) for a screening with another outcome or a
 * referral not declined; once declined, the form. */
static void
test_only_where_it_belongs (void)
{
  g_autoptr(KesTestDb) db = kes_test_db_new (TRUE);
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");
  g_autoptr(KesReferral) referral = kes_referral_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *screening_id = NULL;
  g_autofree char *patient_id = NULL;
  GtkWidget *list;

  kes_clock_set_fixed (now);
  screening_id = add_screening (db->store, "no-further-action");
  list = g_object_ref_sink (kes_signposting_list_new (db->store, screening_id));
  g_assert_false (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (list)));
  g_object_unref (list);

  patient_id = kes_test_add_patient (db->store, "Okafor", "Daniel", "9434765919", NULL);
  kes_referral_set_text (referral, KES_REFERRAL_PATIENT_ID, patient_id);
  kes_referral_set_text (referral, KES_REFERRAL_DATE, "2026-11-03");
  kes_referral_set_text (referral, KES_REFERRAL_REFERRER, "Dr Rook");
  kes_referral_set_text (referral, KES_REFERRAL_SOURCE, "external-hospital");
  kes_referral_set_text (referral, KES_REFERRAL_UNIT, "Ash Ward");
  kes_referral_set_text (referral, KES_REFERRAL_SECURITY_LEVEL, "medium");
  kes_referral_set_text (referral, KES_REFERRAL_AREA, "other");
  kes_referral_set_text (referral, KES_REFERRAL_REASON, "Discharge planning");
  g_assert_true (kes_store_save_referral (db->store, referral, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);
  list = g_object_ref_sink (kes_signposting_list_new (db->store, kes_referral_get_id (referral)));
  g_assert_false (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (list)));
  g_object_unref (list);
  g_assert_true (kes_store_move_referral (db->store, referral, KES_REFERRAL_DECLINED, "2026-11-05",
                                          "Outside the catchment", NULL, NULL, &error));
  g_assert_no_error (error);
  list = g_object_ref_sink (kes_signposting_list_new (db->store, kes_referral_get_id (referral)));
  g_assert_true (kes_signposting_list_has_any (KES_SIGNPOSTING_LIST (list)));
  g_object_unref (list);
  kes_clock_set_fixed (NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/signposting-ui/record-from-form", test_record_from_form);
  g_test_add_func ("/signposting-ui/change-and-error", test_change_and_error);
  g_test_add_func ("/signposting-ui/only-where-it-belongs", test_only_where_it_belongs);
  return g_test_run ();
}
