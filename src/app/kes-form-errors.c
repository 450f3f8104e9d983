/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-form-errors"

#include "config.h"

#include "kes-form-errors.h"

/* Frames to wait for a message that was hidden until now to be laid out. */
#define MAX_LAYOUT_FRAMES 10
/* Room left above what is revealed, so it doesn't sit against the edge. */
#define REVEAL_MARGIN 12

GtkWidget *
kes_field_get_focus_part (GtkWidget *field)
{
  GtkWidget *child;

  g_return_val_if_fail (GTK_IS_WIDGET (field), NULL);

  /* A drop-down never takes the focus itself: its button does. */
  if (GTK_IS_DROP_DOWN (field))
    {
      for (child = gtk_widget_get_first_child (field); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_BUTTON (child))
          return child;
      return field;
    }

  /* A row of toggle buttons (a rating): the chosen one, else the first. */
  child = GTK_IS_BOX (field) ? gtk_widget_get_first_child (field) : NULL;
  if (child != NULL && GTK_IS_TOGGLE_BUTTON (child))
    {
      for (GtkWidget *button = child; button != NULL; button = gtk_widget_get_next_sibling (button))
        if (GTK_IS_TOGGLE_BUTTON (button) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
          return button;
      return child;
    }
  return field;
}

void
kes_field_mark_invalid (GtkWidget  *field,
                        GtkWidget  *message_label,
                        const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';
  GtkAccessible *part;
  GtkWidget *styled;

  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (message_label == NULL || GTK_IS_WIDGET (message_label));

  /* A text view shows its state on the frame around it. */
  styled = GTK_IS_TEXT_VIEW (field) ? gtk_widget_get_ancestor (field, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  if (styled == NULL)
    styled = field;
  if (has_error)
    gtk_widget_add_css_class (styled, "error");
  else
    gtk_widget_remove_css_class (styled, "error");

  part = GTK_ACCESSIBLE (kes_field_get_focus_part (field));
  if (has_error)
    {
      gtk_accessible_update_state (part, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (part, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      g_object_set_data (G_OBJECT (part), "kes-error-label", message_label);
      /* On GTK 4.8 described-by takes a NULL-ended list, error-message one widget. */
      if (message_label != NULL)
        gtk_accessible_update_relation (part,
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message_label, NULL,
                                        GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE, message_label,
                                        -1);
    }
  else
    {
      g_object_set_data (G_OBJECT (part), "kes-error-label", NULL);
      gtk_accessible_reset_state (part, GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (part, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_relation (part, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
      gtk_accessible_reset_relation (part, GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

void
kes_field_set_error (GtkWidget  *field,
                     GtkLabel   *error_label,
                     const char *message)
{
  gboolean has_error = message != NULL && *message != '\0';

  g_return_if_fail (GTK_IS_LABEL (error_label));

  gtk_label_set_text (error_label, has_error ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (error_label), has_error);
  if (field != NULL)
    kes_field_mark_invalid (field, GTK_WIDGET (error_label), message);
}

/* Bounds of @widget in @scrolled's own coordinates (what is on screen). */
static gboolean
bounds_in (GtkWidget       *widget,
           GtkWidget       *scrolled,
           graphene_rect_t *bounds)
{
  return widget != NULL && gtk_widget_get_visible (widget) && gtk_widget_get_height (widget) > 0 &&
         gtk_widget_is_ancestor (widget, scrolled) && gtk_widget_compute_bounds (widget, scrolled, bounds);
}

/* The scrolled window the form scrolls in: a text view scrolls in a frame
 * of its own, so for one the page is the next one out. */
static GtkWidget *
page_scroller (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled != NULL && GTK_IS_SCROLLABLE (widget) &&
      gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) == widget)
    scrolled = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled), GTK_TYPE_SCROLLED_WINDOW);
  return scrolled;
}

/* Scrolls so that the field (the tick's widget) and the message under it
 * are on screen, with the summary (@user_data) above them when all fit. */
static gboolean
reveal_tick_cb (GtkWidget     *field,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *summary = user_data;
  int frames = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (field), "kes-reveal-frames"));
  GtkWidget *scrolled = page_scroller (field);
  GtkWidget *message = g_object_get_data (G_OBJECT (field), "kes-error-label");
  graphene_rect_t target, top, below;
  GtkAdjustment *adjustment;
  double value, page, start, end;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;

  /* Messages just shown need a frame that lays them out. */
  if (gtk_widget_get_height (field) <= 0 ||
      (summary != NULL && gtk_widget_get_visible (summary) && gtk_widget_get_height (summary) <= 0))
    {
      g_object_set_data (G_OBJECT (field), "kes-reveal-frames", GINT_TO_POINTER (frames + 1));
      return frames < MAX_LAYOUT_FRAMES && gtk_widget_get_visible (field) ? G_SOURCE_CONTINUE
                                                                          : G_SOURCE_REMOVE;
    }
  g_object_set_data (G_OBJECT (field), "kes-reveal-frames", NULL);
  if (!bounds_in (field, scrolled, &target))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  start = target.origin.y;
  end = target.origin.y + target.size.height;
  if (bounds_in (message, scrolled, &below) && below.origin.y + below.size.height - start <= page)
    end = MAX (end, below.origin.y + below.size.height);
  if (bounds_in (summary, scrolled, &top) && end - top.origin.y + 2 * REVEAL_MARGIN <= page)
    start = MIN (start, top.origin.y);

  if (start < 0 || end > page)
    gtk_adjustment_set_value (adjustment, value + start - REVEAL_MARGIN);
  return G_SOURCE_REMOVE;
}

void
kes_form_show_refusal (GtkLabel   *label,
                       const char *message,
                       GtkWidget  *field)
{
  gboolean shown = message != NULL && *message != '\0';
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (field == NULL || GTK_IS_WIDGET (field));

  /* Hidden first, so that a refusal after a refusal is announced too (an
   * alert is announced as it appears). */
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_label_set_text (label, shown ? message : "");
  if (!shown)
    return;
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);

  focus = field != NULL && gtk_widget_is_visible (field) ? kes_field_get_focus_part (field) : NULL;
  if (focus != NULL && gtk_widget_grab_focus (focus))
    gtk_widget_add_tick_callback (focus, reveal_tick_cb, g_object_ref (label), g_object_unref);
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (label), reveal_tick_cb, NULL, NULL);
}

GtkWidget *
kes_form_summary_label_new (void)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                   "wrap", TRUE,
                                   "xalign", 0.0f,
                                   "visible", FALSE,
                                   NULL);

  gtk_widget_add_css_class (label, "error");
  return label;
}

GtkWidget *
kes_form_find_field (GtkWidget  *root,
                     const char *name)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = kes_form_find_field (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}
