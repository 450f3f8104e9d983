/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-text-fields"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "carers/kes-carers-page.h"
#include "community/kes-care-form.h"
#include "kes-app-util.h"
#include "kes-care-record.h"
#include "kes-clock.h"
#include "kes-moj-report.h"
#include "kes-store-community.h"
#include "kes-store-moj.h"
#include "kes-ui-test-util.h"
#include "kes-window.h"
#include "liaison/kes-liaison-page.h"
#include "moj/kes-moj-record-dialog.h"
#include "moj/kes-moj-report-form.h"
#include "moj/kes-moj-view.h"
#include "patient/kes-contacts-view.h"
#include "patient/kes-notes-view.h"
#include "patient/kes-patient-form.h"
#include "patient/kes-patient-page.h"
#include "referrals/kes-referral-assessment.h"
#include "referrals/kes-referral-form.h"
#include "referrals/kes-referral-view.h"
#include "referrals/kes-referrals-page.h"
#include "risk/kes-risk-form.h"
#include "risk/kes-risk-view.h"

/* Every multi-line field of every form, typed into as a user types (the
 * field has the focus and the text arrives at the cursor) and then saved by
 * pressing Save with the pointer, which moves the focus to the button as
 * the press does. On GTK 4.8 a text view that is made read-only with its
 * cursor hidden while its blink is running aborts the whole app a frame
 * later (blink_cb: assertion failed (cursor_visible (text_view))): the
 * patient register did that on every save. Each case waits for frames
 * after the save, so the abort would happen here, and checks that what was
 * typed is in the database. */

typedef struct
{
  KesTestDb *db;
  KesWindow *window;
  char      *patient_id;
  guint      typed;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = kes_time_from_iso ("2026-11-21T09:00:00Z");

  kes_clock_set_fixed (now);
  fixture->db = kes_test_db_new (TRUE);
  fixture->patient_id = kes_test_add_patient (fixture->db->store, "Okafor", "Sam", "943 476 5919",
                                              kes_staff_get_team_id (fixture->db->actor));
  fixture->window = kes_window_new (NULL);
  kes_window_set_store (fixture->window, fixture->db->store);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 800);
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
  g_free (fixture->patient_id);
  kes_clock_set_fixed (NULL);
}

/* ---- Doing what a user does ---- */

typedef struct
{
  GdkFrameClock *clock;
  gint64         until;
} FrameWait;

static gboolean
frames_passed (gpointer data)
{
  FrameWait *wait = data;

  return gdk_frame_clock_get_frame_counter (wait->clock) >= wait->until;
}

/* Lets @widget's window draw @n more frames (a running cursor blink ticks
 * on every frame), for up to 5 s: nothing is asserted about time. (A window
 * waiting on the X server for its size draws nothing meanwhile.) */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GtkNative *native = gtk_widget_get_native (widget);
  FrameWait wait;

  g_assert_nonnull (native);
  wait.clock = gtk_widget_get_frame_clock (GTK_WIDGET (native));
  g_assert_nonnull (wait.clock);
  wait.until = gdk_frame_clock_get_frame_counter (wait.clock) + n;
  gtk_widget_queue_draw (GTK_WIDGET (native));
  kes_test_wait_until (frames_passed, &wait, 5000);
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* Clicks into @view and types @text at the end of what it holds. */
static void
type_like_a_user (GtkTextView *view,
                  const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  g_assert_true (gtk_text_view_get_editable (view));
  /* Tab moves on to the next field (issue 24: 120 presses once typed 120
   * tab characters into a risk form's Evidence box). */
  g_assert_false (gtk_text_view_get_accepts_tab (view));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));
  g_assert_true (kes_test_wait_until (has_focus, view, 5000));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  g_assert_true (gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE));
  wait_frames (GTK_WIDGET (view), 3);
}

/* A pointer press moves the focus to the button before it is clicked.
 * Then the button's window draws more frames, if the click left it open (a
 * dialog closes on save, taking its text views with it). */
static void
press (GtkWidget *button)
{
  g_autoptr(GtkWidget) window = GTK_WIDGET (g_object_ref (gtk_widget_get_native (button)));

  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
  if (gtk_widget_get_mapped (window))
    wait_frames (window, 10);
  else
    kes_test_wait (50);
}

static void
collect_text_views (GtkWidget *root,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (root))
    {
      if (gtk_widget_is_visible (root) && gtk_widget_is_sensitive (root) &&
          gtk_text_view_get_editable (GTK_TEXT_VIEW (root)))
        g_ptr_array_add (views, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

/* Types a new marker into every multi-line field under @root that can be
 * typed into now; returns the markers, in order. */
static GPtrArray *
type_into_every_text_view (Fixture    *fixture,
                           GtkWidget  *root,
                           const char *form)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GPtrArray *markers = g_ptr_array_new_with_free_func (g_free);

  collect_text_views (root, views);
  g_assert_cmpuint (views->len, >, 0);
  for (guint i = 0; i < views->len; i++)
    {
      char *marker = g_strdup_printf ("typed %s %u", form, ++fixture->typed);

      /* Scrolled to, as a user would before clicking into it. */
      kes_widget_scroll_into_view (views->pdata[i]);
      type_like_a_user (views->pdata[i], marker);
      g_ptr_array_add (markers, marker);
    }
  return markers;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_is_visible (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

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

static GtkWindow *
find_toplevel (GType type)
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

/* ---- What was saved ---- */

/* How many revisions in the database hold @text: read through a second
 * connection, as another program would. */
static guint
revisions_holding (Fixture    *fixture,
                   const char *text)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->db->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM revision WHERE instr (data, ?1) > 0", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_saved (Fixture   *fixture,
              GPtrArray *markers)
{
  for (guint i = 0; i < markers->len; i++)
    if (revisions_holding (fixture, markers->pdata[i]) == 0)
      g_error ("“%s” was typed but is not in any saved revision", (char *) markers->pdata[i]);
}

/* ---- The forms ---- */

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  return kes_test_child (kes_window_get_patient_page (fixture->window), KES_TYPE_PATIENT_PAGE, name);
}

/* The register: Address, Alerts and the diagnosis notes, saved three times
 * (the abort came in two saves out of three), and a read-only view that
 * has the focus when Edit makes it editable again. */
static void
test_patient_form (Fixture       *fixture,
                   gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  GtkWidget *form = GTK_WIDGET (kes_patient_page_get_form (page));

  kes_window_open_patient (fixture->window, fixture->patient_id);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) markers = NULL;
      GtkWidget *alerts = kes_test_child (form, KES_TYPE_PATIENT_FORM, "alerts_view");

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit", NULL));
      markers = type_into_every_text_view (fixture, form, "register");
      g_assert_cmpuint (markers->len, ==, 3);
      /* The cursor stays in Alerts, as in the report of the abort. */
      type_like_a_user (GTK_TEXT_VIEW (alerts), "\nDo not visit alone");
      press (page_child (fixture, "save_button"));
      g_assert_false (kes_patient_page_get_editing (page));
      assert_saved (fixture, markers);
      /* Read-only now, and still safe to focus and leave. */
      g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (alerts)));
      gtk_widget_grab_focus (alerts);
      wait_frames (alerts, 5);
    }
  /* Edit while a read-only view has the focus, then save from the keyboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.edit", NULL));
  wait_frames (form, 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "patient.save", NULL));
  wait_frames (form, 10);
  g_assert_false (kes_patient_page_get_editing (page));
}

static void
test_contacts_and_notes (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *contacts = page_child (fixture, "contacts_view");
  GtkWidget *notes = page_child (fixture, "notes_view");
  g_autoptr(GPtrArray) contact_markers = NULL;
  g_autoptr(GPtrArray) note_markers = NULL;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (kes_window_get_patient_page (fixture->window), "contacts");
  g_signal_emit_by_name (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW, "add_button"), "clicked");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW, "date_entry")),
                         "20/11/2026");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW, "time_entry")), "14:30");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW, "type_dropdown")),
                         "face-to-face");
  contact_markers = type_into_every_text_view (fixture, kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW,
                                                                        "form_box"), "contact");
  press (kes_test_child (contacts, KES_TYPE_CONTACTS_VIEW, "form_save_button"));
  assert_saved (fixture, contact_markers);

  kes_patient_page_show_tab (kes_window_get_patient_page (fixture->window), "notes");
  g_signal_emit_by_name (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "add_button"), "clicked");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "title_entry")), "Home visit");
  note_markers = type_into_every_text_view (fixture, kes_test_child (notes, KES_TYPE_NOTES_VIEW, "form_box"),
                                            "note");
  press (kes_test_child (notes, KES_TYPE_NOTES_VIEW, "form_save_button"));
  assert_saved (fixture, note_markers);
}

/* Valid values for the fields a care record of each kind needs besides its
 * multi-line ones, as typed. */
static const struct
{
  const char *kind;
  const char *values[12];
} care_values[] = {
  { KES_CARE_PRESCRIPTION, { "drug", "Olanzapine", "category", "antipsychotic", "dose", "10 mg",
                             "prescriber", "Dr Patel", "start_date", "01/11/2026", NULL } },
  { KES_CARE_DEPOT_DOSE, { "given_on", "20/11/2026", "outcome", "refused", NULL } },
  { KES_CARE_FBC, { "taken_on", "20/11/2026", "wbc", "6.1", "neutrophils", "3.9", NULL } },
  { KES_CARE_LITHIUM_LEVEL, { "taken_on", "20/11/2026", "level", "0.7", NULL } },
  { KES_CARE_CPA_REVIEW, { "status", "held", "scheduled_for", "20/11/2026", "held_on", "20/11/2026", NULL } },
  { KES_CARE_CARE_PLAN, { "start_date", "20/11/2026", "review_date", "20/05/2027", "s117_status", "not-eligible",
                          "actions", "[{\"need\":\"Housing\",\"intervention\":\"Tenancy support\","
                          "\"who\":\"Care coordinator\",\"by_when\":\"20/12/2026\"}]", NULL } },
  { KES_CARE_CRISIS_PLAN, { "agreed_on", "20/11/2026", "review_date", "20/05/2027", NULL } },
};

static void
test_care_forms (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KesCareRecord) depot = kes_care_record_new (KES_CARE_PRESCRIPTION);
  g_autoptr(GError) error = NULL;

  kes_care_record_set_patient_id (depot, fixture->patient_id);
  kes_care_record_set (depot, "drug", "Paliperidone palmitate");
  kes_care_record_set (depot, "category", "depot");
  kes_care_record_set (depot, "depot_drug", "paliperidone-palmitate-1m");
  kes_care_record_set (depot, "dose", "100 mg");
  kes_care_record_set (depot, "interval_days", "28");
  kes_care_record_set (depot, "prescriber", "Dr Patel");
  kes_care_record_set (depot, "start_date", "2026-06-01");
  g_assert_true (kes_store_save_care_record (fixture->db->store, depot, KES_CHANGE_CREATE, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (care_values); i++)
    {
      g_autoptr(KesCareRecord) record = kes_care_record_new (care_values[i].kind);
      g_autoptr(GPtrArray) markers = NULL;
      KesCareForm *form;

      g_test_message ("care form: %s", care_values[i].kind);
      kes_care_record_set_patient_id (record, fixture->patient_id);
      /* A dose is recorded from its prescription's row. */
      if (g_str_equal (care_values[i].kind, KES_CARE_DEPOT_DOSE))
        kes_care_record_set (record, "prescription_id", kes_care_record_get_id (depot));
      form = kes_care_form_new (GTK_WINDOW (fixture->window), fixture->db->store, record, "Test");
      gtk_window_present (GTK_WINDOW (form));
      for (guint v = 0; care_values[i].values[v] != NULL; v += 2)
        kes_care_form_set_value (form, care_values[i].values[v], care_values[i].values[v + 1]);
      markers = type_into_every_text_view (fixture, GTK_WIDGET (form), care_values[i].kind);
      press (kes_test_child (form, KES_TYPE_CARE_FORM, "save_button"));
      if (find_toplevel (KES_TYPE_CARE_FORM) != NULL)
        g_error ("the %s form did not save: %s", care_values[i].kind,
                 gtk_label_get_text (GTK_LABEL (kes_test_child (form, KES_TYPE_CARE_FORM, "error_label"))));
      assert_saved (fixture, markers);
    }
}

static void
test_referral_forms (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  KesReferralsPage *page = KES_REFERRALS_PAGE (kes_referrals_page_new ());
  KesReferralForm *form;
  KesReferralView *view;
  GtkWidget *assessment;
  g_autoptr(GPtrArray) intake = NULL;
  g_autoptr(GPtrArray) assessed = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  kes_referrals_page_set_context (page, fixture->db->context);
  gtk_window_present (GTK_WINDOW (window));

  form = kes_referrals_page_new_referral (page);
  kes_referral_form_select_patient (form, fixture->patient_id);
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "date_field")), "02/11/2026");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "referrer_field")),
                         "Dr Rook");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "source_field")),
                         "external-hospital");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "unit_field")), "Ash Ward");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "security_level_field")),
                         "medium");
  kes_dropdown_set_code (GTK_DROP_DOWN (kes_test_child (form, KES_TYPE_REFERRAL_FORM, "area_field")), "norfolk");
  intake = type_into_every_text_view (fixture, GTK_WIDGET (form), "referral");
  press (find_button (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (form))), "_Save Referral"));
  assert_saved (fixture, intake);

  view = kes_referrals_page_get_view (page);
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_SCREENING, "2026-11-03", NULL, NULL, NULL, &error));
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_ASSESSMENT_BOOKED, "2026-11-03", NULL, NULL, NULL,
                                         &error));
  g_assert_true (kes_referral_view_move (view, KES_REFERRAL_ASSESSED, "2026-11-10", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assessment = kes_test_child (view, KES_TYPE_REFERRAL_VIEW, "assessment");
  gtk_editable_set_text (GTK_EDITABLE (kes_test_child (assessment, KES_TYPE_REFERRAL_ASSESSMENT,
                                                       "assessment_date_field")), "10/11/2026");
  assessed = type_into_every_text_view (fixture, assessment, "assessment");
  g_assert_cmpuint (assessed->len, ==, 5);
  press (find_button (assessment, "Save _Assessment"));
  assert_saved (fixture, assessed);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_risk_form (Fixture       *fixture,
                gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  g_autoptr(GPtrArray) markers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  GtkWidget *form;

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "risk");
  view = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_RISK_VIEW);
  g_assert_nonnull (view);
  form = kes_risk_view_start (KES_RISK_VIEW (view), "HCR-20");
  g_assert_nonnull (form);
  kes_risk_form_finish_building (KES_RISK_FORM (form));
  markers = type_into_every_text_view (fixture, form, "risk");
  press (find_button (form, "_Check What Is Missing"));
  g_assert_true (kes_risk_form_save_draft (KES_RISK_FORM (form), &error));
  g_assert_no_error (error);
  assert_saved (fixture, markers);
}

static void
fill_field (GtkWidget  *root,
            const char *name,
            const char *value)
{
  GtkWidget *widget = find_named (root, name);

  g_assert_nonnull (widget);
  if (GTK_IS_DROP_DOWN (widget))
    kes_dropdown_set_code (GTK_DROP_DOWN (widget), value);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), value);
}

/* The generated forms of the Carers and Liaison & Diversion areas. */
static void
test_field_forms (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *carers = GTK_WIDGET (g_object_new (KES_TYPE_CARERS_PAGE, NULL));
  GtkWidget *liaison = GTK_WIDGET (g_object_new (KES_TYPE_LIAISON_PAGE, NULL));
  g_autoptr(GPtrArray) carer = NULL;
  g_autoptr(GPtrArray) assessment = NULL;
  g_autoptr(GPtrArray) screening = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  kes_carers_page_set_store (KES_CARERS_PAGE (carers), fixture->db->store);
  gtk_window_set_child (GTK_WINDOW (window), carers);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  g_signal_emit_by_name (kes_test_child (carers, KES_TYPE_CARERS_PAGE, "add_button"), "clicked");
  fill_field (carers, "name", "Grace Okafor");
  carer = type_into_every_text_view (fixture, carers, "carer");
  press (kes_test_child (carers, KES_TYPE_CARERS_PAGE, "save_button"));
  assert_saved (fixture, carer);

  g_signal_emit_by_name (find_named (carers, "link-patient"), "clicked");
  fill_field (carers, "patient", "943 476 5919");
  fill_field (carers, "relationship", "Sister");
  press (kes_test_child (carers, KES_TYPE_CARERS_PAGE, "save_button"));
  g_signal_emit_by_name (find_named (carers, "record-assessment"), "clicked");
  fill_field (carers, "status", "completed");
  fill_field (carers, "offered_on", "01/11/2026");
  fill_field (carers, "assessed_on", "20/11/2026");
  fill_field (carers, "review_date", "20/11/2027");
  assessment = type_into_every_text_view (fixture, carers, "carer-assessment");
  press (kes_test_child (carers, KES_TYPE_CARERS_PAGE, "save_button"));
  assert_saved (fixture, assessment);

  gtk_window_set_child (GTK_WINDOW (window), liaison);
  kes_liaison_page_set_store (KES_LIAISON_PAGE (liaison), fixture->db->store);
  g_signal_emit_by_name (kes_test_child (liaison, KES_TYPE_LIAISON_PAGE, "new_button"), "clicked");
  fill_field (liaison, "family_name", "Wren");
  fill_field (liaison, "given_name", "Jordan");
  fill_field (liaison, "birth_date", "14/02/1990");
  fill_field (liaison, "screened_on", "20/11/2026");
  fill_field (liaison, "setting", "magistrates-court");
  fill_field (liaison, "referral_source", "solicitor");
  fill_field (liaison, "gender", "1");
  fill_field (liaison, "ethnicity", "M");
  fill_field (liaison, "outcome", "referral-services");
  fill_field (liaison, "referred_to", "Forensic community team");
  screening = type_into_every_text_view (fixture, liaison, "screening");
  press (kes_test_child (liaison, KES_TYPE_LIAISON_PAGE, "save_button"));
  assert_saved (fixture, screening);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Valid values for each restricted-patient record besides its multi-line
 * fields. */
static const struct
{
  KesMojKind  kind;
  const char *values[10];
} moj_values[] = {
  { KES_MOJ_LEGAL_STATUS, { "authority", "09", "effective_date", "03/02/2024", NULL } },
  { KES_MOJ_CONDITION, { "category", "residence", "start_date", "03/02/2024", NULL } },
  { KES_MOJ_ADDRESS_NOTICE, { "move_date", "20/12/2026", NULL } },
  { KES_MOJ_LATE_NOTICE, { "due_date", "20/11/2026", "sent_date", "18/11/2026", NULL } },
  { KES_MOJ_CONDITIONS_APPLICATION, { "application_date", "20/11/2026", NULL } },
};

static void
test_moj_forms (Fixture       *fixture,
                gconstpointer  data)
{
  KesPatientPage *page = kes_window_get_patient_page (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report_markers = NULL;
  GtkWidget *view;
  GtkWidget *report;

  for (guint i = 0; i < G_N_ELEMENTS (moj_values); i++)
    {
      g_autoptr(KesMojRecord) record = kes_moj_record_new (moj_values[i].kind, fixture->patient_id);
      g_autoptr(GPtrArray) markers = NULL;
      KesMojRecordDialog *dialog;

      g_test_message ("restricted-patient record: %s", kes_moj_kind_to_string (moj_values[i].kind));
      dialog = kes_moj_record_dialog_new (GTK_WINDOW (fixture->window), fixture->db->store, record);
      gtk_window_present (GTK_WINDOW (dialog));
      for (guint v = 0; moj_values[i].values[v] != NULL; v += 2)
        fill_field (GTK_WIDGET (dialog), moj_values[i].values[v], moj_values[i].values[v + 1]);
      markers = type_into_every_text_view (fixture, GTK_WIDGET (dialog),
                                           kes_moj_kind_to_string (moj_values[i].kind));
      press (find_button (GTK_WIDGET (dialog), "_Save"));
      if (find_toplevel (KES_TYPE_MOJ_RECORD_DIALOG) != NULL)
        g_error ("the %s dialog did not save", kes_moj_kind_to_string (moj_values[i].kind));
      assert_saved (fixture, markers);
    }

  kes_window_open_patient (fixture->window, fixture->patient_id);
  kes_patient_page_show_tab (page, "moj");
  view = kes_test_find_descendant (GTK_WIDGET (page), KES_TYPE_MOJ_VIEW);
  report = kes_moj_view_new_report (KES_MOJ_VIEW (view), KES_MOJ_REPORT_ROUTINE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  gtk_window_set_default_size (GTK_WINDOW (report), 1000, 800);
  report_markers = type_into_every_text_view (fixture, report, "moj-report");
  press (find_button (report, "_Save"));
  assert_saved (fixture, report_markers);
  gtk_window_destroy (GTK_WINDOW (report));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/text-fields/patient-form", test_patient_form);
  ADD ("/text-fields/contacts-and-notes", test_contacts_and_notes);
  ADD ("/text-fields/care-forms", test_care_forms);
  ADD ("/text-fields/referral-forms", test_referral_forms);
  ADD ("/text-fields/risk-form", test_risk_form);
  ADD ("/text-fields/field-forms", test_field_forms);
  ADD ("/text-fields/moj-forms", test_moj_forms);

#undef ADD

  return g_test_run ();
}
