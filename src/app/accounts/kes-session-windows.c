/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-session-windows"

#include "config.h"

#include "accounts/kes-session-windows.h"

static gboolean
opened_over (GtkWindow *window,
             GtkWindow *main_window)
{
  for (GtkWindow *parent = gtk_window_get_transient_for (window); parent != NULL;
       parent = gtk_window_get_transient_for (parent))
    if (parent == main_window)
      return TRUE;
  return FALSE;
}

/* A snapshot: destroying a window changes the toplevels list. */
static GPtrArray *
windows_over (GtkWindow *main_window,
              gboolean   visible_only)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (opened_over (window, main_window) &&
          (!visible_only || gtk_widget_get_visible (GTK_WIDGET (window))))
        g_ptr_array_add (found, g_steal_pointer (&window));
    }
  return found;
}

static gboolean
still_open (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) open = g_list_model_get_item (toplevels, i);

      if (open == window)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
kes_session_windows_hide (GtkWindow *main_window)
{
  GPtrArray *hidden;

  g_return_val_if_fail (GTK_IS_WINDOW (main_window), NULL);

  hidden = windows_over (main_window, TRUE);
  for (guint i = 0; i < hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (hidden, i), FALSE);
  return hidden;
}

void
kes_session_windows_show (GPtrArray *hidden)
{
  g_return_if_fail (hidden != NULL);

  /* Parents before the dialogs over them, as they were opened. */
  for (guint i = 0; i < hidden->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (hidden, i);

      if (still_open (window))
        gtk_window_present (window);
    }
}

void
kes_session_windows_destroy (GtkWindow *main_window)
{
  g_autoptr(GPtrArray) windows = NULL;

  g_return_if_fail (GTK_IS_WINDOW (main_window));

  windows = windows_over (main_window, FALSE);
  /* The last opened first: a dialog goes before the window it is over. */
  for (guint i = windows->len; i > 0; i--)
    gtk_window_destroy (g_ptr_array_index (windows, i - 1));
}
