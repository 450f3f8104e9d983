/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-focus"

#include "config.h"

#include "kes-focus.h"

gboolean
kes_focus_is_placed (GtkRoot *root)
{
  GtkWidget *focus;

  g_return_val_if_fail (GTK_IS_ROOT (root), FALSE);

  focus = gtk_root_get_focus (root);
  return focus != NULL && focus != GTK_WIDGET (root) && gtk_widget_get_mapped (focus) &&
         gtk_widget_get_focusable (focus) && gtk_widget_is_sensitive (focus);
}

void
kes_focus_keep_within (GtkWidget *place)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (place));

  root = gtk_widget_get_root (place);
  if (root == NULL || kes_focus_is_placed (root) || !gtk_widget_get_mapped (place))
    return;
  if (!gtk_widget_child_focus (place, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (place);
}

gboolean
kes_focus_active_switch (GtkWidget *switcher)
{
  g_return_val_if_fail (GTK_IS_WIDGET (switcher), FALSE);

  /* AdwViewSwitcher's buttons are toggle buttons, the shown tab's active. */
  for (GtkWidget *child = gtk_widget_get_first_child (switcher); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_widget_get_visible (child) &&
          gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (child)))
        return gtk_widget_grab_focus (child);
      if (kes_focus_active_switch (child))
        return TRUE;
    }
  return FALSE;
}
