/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-secondary-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-secondary-window.h"

/* What a guarded window held when it was filled in or last saved. */
#define SAVED_STATE "kes-secondary-window-saved"
/* Set while the user's "Discard" closes the window for good. */
#define DISCARDING "kes-secondary-window-discarding"

/* Back to the window this one was opened from, with its focus: a window
 * manager usually does this, but not every one (nor none, under Xvfb),
 * and a keyboard user is otherwise left with no window taking keys. Once
 * idle, when this one has gone (or stayed, if a guard kept it open). */
static gboolean
present_parent_idle_cb (gpointer data)
{
  GtkWindow *parent = data;

  if (gtk_widget_get_visible (GTK_WIDGET (parent)))
    gtk_window_present (parent);
  return G_SOURCE_REMOVE;
}

static gboolean
closing_cb (GtkWindow *window)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);

  if (parent != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_parent_idle_cb, g_object_ref (parent),
                     g_object_unref);
  return FALSE;
}

/* Escape closes the window, before anything inside takes it (libadwaita
 * 1.2's toast overlay dismisses a showing toast with it, so the first
 * Escape after "Document saved" did nothing visible), except where it
 * belongs to what has the focus: an open list, menu or popover, or a
 * search entry clearing its search. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (focus != NULL && (gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL))
    return FALSE;
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

void
kes_secondary_window_add_close_keys (GtkWindow *window)
{
  GtkEventController *controller;
  GtkEventController *escape;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_object_get_data (G_OBJECT (window), "kes-secondary-window-keys") != NULL)
    return;
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_w, GDK_CONTROL_MASK),
                      gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
  escape = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (escape, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (escape),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                      gtk_callback_action_new (escape_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (window), escape);
  g_signal_connect_after (window, "close-request", G_CALLBACK (closing_cb), NULL);
  g_object_set_data (G_OBJECT (window), "kes-secondary-window-keys", GINT_TO_POINTER (TRUE));
}

/* Every value a person can type or choose in @widget and below, in the
 * order of the widget tree: text, choices, switches. */
static void
collect_state (GtkWidget *widget,
               GString   *state)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (state, "t%zu:%s\n", strlen (text), text);
      return;
    }
  if (GTK_IS_TEXT (widget))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (widget));

      g_string_append_printf (state, "e%zu:%s\n", strlen (text), text);
      return;
    }
  if (GTK_IS_DROP_DOWN (widget))
    g_string_append_printf (state, "d%u\n", gtk_drop_down_get_selected (GTK_DROP_DOWN (widget)));
  else if (ADW_IS_COMBO_ROW (widget))
    g_string_append_printf (state, "c%u\n", adw_combo_row_get_selected (ADW_COMBO_ROW (widget)));
  else if (GTK_IS_CHECK_BUTTON (widget))
    g_string_append_printf (state, "k%d\n", gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)));
  else if (GTK_IS_SWITCH (widget))
    g_string_append_printf (state, "s%d\n", gtk_switch_get_active (GTK_SWITCH (widget)));
  else if (GTK_IS_TOGGLE_BUTTON (widget))
    g_string_append_printf (state, "b%d\n", gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_state (child, state);
}

static char *
dup_state (GtkWindow *window)
{
  GString *state = g_string_new (NULL);

  collect_state (GTK_WIDGET (window), state);
  return g_string_free (state, FALSE);
}

gboolean
kes_secondary_window_has_unsaved (GtkWindow *window)
{
  const char *saved = g_object_get_data (G_OBJECT (window), SAVED_STATE);
  g_autofree char *now = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if (saved == NULL)
    return FALSE;
  now = dup_state (window);
  return !g_str_equal (saved, now);
}

void
kes_secondary_window_mark_saved (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_object_set_data_full (G_OBJECT (window), SAVED_STATE, dup_state (window), g_free);
}

static gboolean
close_discarding_cb (gpointer user_data)
{
  GtkWindow *window = user_data;

  g_object_set_data (G_OBJECT (window), DISCARDING, GINT_TO_POINTER (TRUE));
  gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *window)
{
  /* Once the dialog, which the window takes with it, has finished. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_discarding_cb, g_object_ref (window), g_object_unref);
}

static gboolean
close_request_cb (GtkWindow *window)
{
  GtkWidget *dialog;

  if (g_object_get_data (G_OBJECT (window), DISCARDING) != NULL || !kes_secondary_window_has_unsaved (window))
    return FALSE;

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("What you typed in this form has not been saved. It will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* What a form is filled in with before it is first shown (today's date,
 * a copied value) is where the user starts, not something they typed. */
static void
first_map_cb (GtkWindow *window)
{
  g_signal_handlers_disconnect_by_func (window, first_map_cb, NULL);
  kes_secondary_window_mark_saved (window);
}

void
kes_secondary_window_guard_unsaved (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  kes_secondary_window_add_close_keys (window);
  if (g_object_get_data (G_OBJECT (window), SAVED_STATE) == NULL)
    g_signal_connect (window, "close-request", G_CALLBACK (close_request_cb), NULL);
  kes_secondary_window_mark_saved (window);
  if (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_signal_connect (window, "map", G_CALLBACK (first_map_cb), NULL);
}
