/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kes-community-fixture.h"
#include "kes-secondary-window.h"

/* Secondary windows close with Escape and Ctrl+W (issue 24), and a form
 * asks before throwing away what was typed in it: Escape on the care form
 * once closed it and lost the values without a word. */

typedef KesCommunityFixture Fixture;

/* Whether @shortcut of @controller closes its window: Ctrl+W names the
 * window's close action; Escape is a callback in the capture phase
 * (test_escape_over_toast). */
static gboolean
closes_window (GtkEventController *controller,
               GtkShortcut        *shortcut,
               const char         *trigger)
{
  GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

  return (GTK_IS_NAMED_ACTION (action) &&
          g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "window.close")) ||
         (GTK_IS_CALLBACK_ACTION (action) && g_str_equal (trigger, "Escape") &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE);
}

/* The shortcuts of @window's own controllers that close it, as "Escape
 * <Control>w"; with @escape, activates Escape's as the key would and puts
 * whether it was handled there. */
static char *
close_shortcuts (GtkWindow *window,
                 gboolean  *escape)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (!closes_window (GTK_EVENT_CONTROLLER (controller), shortcut, trigger))
            continue;
          g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", trigger);
          if (escape != NULL && g_str_equal (trigger, "Escape"))
            {
              *escape = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                      GTK_WIDGET (window), NULL);
              return g_string_free (g_steal_pointer (&keys), FALSE);
            }
        }
    }
  g_assert_null (escape);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static char *
close_keys (GtkWindow *window)
{
  return close_shortcuts (window, NULL);
}

/* @window's Escape shortcut, activated as the key would. */
static gboolean
press_escape (GtkWindow *window)
{
  gboolean handled = FALSE;
  g_autofree char *keys = close_shortcuts (window, &handled);

  return handled;
}

static KesCareForm *
open_health_check (Fixture *fixture)
{
  g_autoptr(KesCareRecord) check = kes_care_record_new (KES_CARE_PHYSICAL_HEALTH);
  KesCareForm *form;

  kes_care_record_set_patient_id (check, fixture->patient_id);
  form = kes_care_form_new (GTK_WINDOW (fixture->window), fixture->db->store, check, "Physical health check");
  gtk_window_present (GTK_WINDOW (form));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (form));
  return form;
}

static void
test_care_form_asks (Fixture       *fixture,
                     gconstpointer  data)
{
  KesCareForm *form = open_health_check (fixture);
  g_autofree char *keys = close_keys (GTK_WINDOW (form));
  GtkWidget *systolic;
  AdwMessageDialog *dialog;

  g_assert_cmpstr (keys, ==, "Escape <Control>w");

  /* Nothing typed: it just closes. */
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  gtk_window_close (GTK_WINDOW (form));
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_null (form);

  /* Something typed: closing asks, and Keep Editing keeps it all. */
  form = open_health_check (fixture);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  kes_care_form_set_value (form, "systolic", "128");
  g_assert_true (kes_secondary_window_has_unsaved (GTK_WINDOW (form)));
  gtk_window_close (GTK_WINDOW (form));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  kes_test_answer (dialog, "keep");
  g_assert_nonnull (form);
  systolic = kes_test_find_row (GTK_WIDGET (form), "Systolic blood pressure (mmHg)");
  g_assert_nonnull (systolic);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (systolic)), ==, "128");

  /* Typed back to what it was: nothing is lost by closing. */
  kes_care_form_set_value (form, "systolic", "");
  g_assert_false (kes_secondary_window_has_unsaved (GTK_WINDOW (form)));
  kes_care_form_set_value (form, "systolic", "131");

  /* Discard closes it. */
  gtk_window_close (GTK_WINDOW (form));
  dialog = kes_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  kes_test_answer (dialog, "discard");
  g_assert_null (form);
}

/* Escape closes a preview even while a toast shows ("Document saved":
 * libadwaita 1.2's overlay used to take the first Escape to dismiss it),
 * before anything inside takes it; but an open popover or a search entry
 * with the focus keeps its own Escape. */
static void
test_escape_over_toast (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *button = gtk_button_new_with_label ("Zoom In");

  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), search);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  kes_secondary_window_add_close_keys (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new ("Document saved"));
  gtk_test_widget_wait_for_draw (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_widget_grab_focus (search);
  g_assert_false (press_escape (GTK_WINDOW (window)));
  g_assert_nonnull (window);

  gtk_widget_grab_focus (button);
  g_assert_true (press_escape (GTK_WINDOW (window)));
  g_assert_null (window);
}

/* A plain window of each kind of field: text, multi-line text, a choice
 * and a switch each count as typed; values set before the window is first
 * shown are where the user starts. */
static void
test_every_field_counts (void)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char *[]) { "One", "Two", NULL });
  GtkWidget *toggle = gtk_switch_new ();

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), dropdown);
  gtk_box_append (GTK_BOX (box), toggle);
  adw_window_set_content (ADW_WINDOW (window), box);
  kes_secondary_window_guard_unsaved (GTK_WINDOW (window));
  gtk_editable_set_text (GTK_EDITABLE (entry), "filled in before showing");
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_false (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "typed");
  g_assert_true (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));
  kes_secondary_window_mark_saved (GTK_WINDOW (window));
  g_assert_false (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "a line", -1);
  g_assert_true (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));
  kes_secondary_window_mark_saved (GTK_WINDOW (window));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  g_assert_true (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));
  kes_secondary_window_mark_saved (GTK_WINDOW (window));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (kes_secondary_window_has_unsaved (GTK_WINDOW (window)));
  kes_secondary_window_mark_saved (GTK_WINDOW (window));

  /* Saved: closing doesn't ask. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_null (kes_test_find_message_dialog ());
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/secondary-windows/care-form-asks", Fixture, NULL, kes_community_fixture_set_up,
              test_care_form_asks, kes_community_fixture_tear_down);
  g_test_add_func ("/secondary-windows/every-field-counts", test_every_field_counts);
  g_test_add_func ("/secondary-windows/escape-over-toast", test_escape_over_toast);

  return g_test_run ();
}
