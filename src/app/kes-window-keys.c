/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

/* The main window from the keyboard (issue 24): Alt+Left back, Ctrl+1 …
 * Ctrl+7 for the areas, the record's tabs (Ctrl+Page Up/Down, Alt+1 …
 * Alt+0), a new note and the Export menu. The accelerators are set by
 * the application (kes-application.c) and listed in the shortcuts window
 * (ui/gtk/help-overlay.ui); tests/ui/test-shortcuts.c holds the two to
 * each other. An action that has nothing to do here is disabled, so its
 * key goes on to the widget with the focus. */

#include <glib/gi18n.h>

#include "kes-focus.h"
#include "kes-permissions.h"
#include "kes-window.h"
#include "kes-window-private.h"
#include "patient/kes-patient-page.h"
#include "referrals/kes-referrals-page.h"

/* The areas in the sidebar's order, which Ctrl+1 … Ctrl+7 follow. */
static const char * const area_names[] = {
  "today", "caseload", "referrals", "reports", "carers", "liaison", "admin",
};

static gboolean
area_offered (KesWindow  *self,
              const char *area)
{
  GtkListBoxRow *row;

  if (self->sidebar_list == NULL)
    return FALSE;
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), area) == 0)
      return gtk_widget_get_visible (GTK_WIDGET (row));
  return FALSE;
}

/* The area's page, the focus put back where it was when the record opened
 * (the row the record was opened from), or else in the page. */
static void
back_to_area (KesWindow  *self,
              const char *area)
{
  if (area == NULL)
    return;
  kes_window_show_area_now (self, area);
  if (self->area_focus != NULL && gtk_widget_get_mapped (self->area_focus) &&
      gtk_widget_is_ancestor (self->area_focus, gtk_stack_get_visible_child (self->content_stack)))
    gtk_widget_grab_focus (self->area_focus);
  kes_window_keep_focus (self);
}

static void
kes_window_go_back_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);
  const char *shown;

  if (self->content_stack == NULL)
    return;
  shown = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (shown, "patient") == 0)
    {
      kes_window_after_unsaved_changes (self, back_to_area, kes_window_record_came_from (self));
      return;
    }
  if (g_strcmp0 (shown, "referrals") == 0 && self->referrals_page != NULL &&
      kes_referrals_page_go_back (self->referrals_page))
    return;
  /* A narrow window shows one side at a time: back is the sidebar. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->content_box)
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      kes_focus_keep_within (GTK_WIDGET (self->sidebar_list));
    }
}

static void
show_area_focused (KesWindow  *self,
                   const char *area)
{
  if (area == NULL)
    return;
  kes_window_show_area_now (self, area);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  kes_window_keep_focus (self);
}

static void
kes_window_show_area_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);
  const char *area = g_variant_get_string (parameter, NULL);
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (area_names); i++)
    known = known || g_str_equal (area, area_names[i]);
  /* An area this person's roles don't offer stays closed to the keys too. */
  if (!known || !area_offered (self, area))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  kes_window_after_unsaved_changes (self, show_area_focused, area);
}

static void
kes_window_next_tab_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  kes_patient_page_step_tab (self->patient_page, 1);
}

static void
kes_window_previous_tab_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  kes_patient_page_step_tab (self->patient_page, -1);
}

static void
kes_window_show_tab_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  if (!kes_patient_page_show_tab_number (self->patient_page, (guint) g_variant_get_int32 (parameter)))
    gtk_widget_error_bell (widget);
}

static void
kes_window_add_note_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  if (!kes_patient_page_add_note (self->patient_page))
    gtk_widget_error_bell (widget);
}

static void
kes_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KesWindow *self = KES_WINDOW (widget);

  if (!kes_patient_page_open_export_menu (self->patient_page))
    gtk_widget_error_bell (widget);
}

void
kes_window_keys_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, kes_window_go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-area", "s", kes_window_show_area_action);
  gtk_widget_class_install_action (widget_class, "win.next-tab", NULL, kes_window_next_tab_action);
  gtk_widget_class_install_action (widget_class, "win.previous-tab", NULL,
                                   kes_window_previous_tab_action);
  gtk_widget_class_install_action (widget_class, "win.show-tab", "i", kes_window_show_tab_action);
  gtk_widget_class_install_action (widget_class, "win.add-note", NULL, kes_window_add_note_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, kes_window_export_action);
}

void
kes_window_keys_update (KesWindow *self)
{
  gboolean main = self->leaflet != NULL && self->main_enabled;
  gboolean record = main && kes_window_showing_patient (self);
  static const char * const record_actions[] = { "win.next-tab", "win.previous-tab", "win.show-tab" };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back", main);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-area", main);
  for (guint i = 0; i < G_N_ELEMENTS (record_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), record_actions[i], record);
  /* While the register entry is edited these ring the bell (the record
   * page refuses them): its own keys, Ctrl+S and Escape, rule there. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-note", record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", record);
}

void
kes_window_keep_focus (KesWindow *self)
{
  GtkWidget *page;

  if (self->content_stack == NULL || kes_focus_is_placed (GTK_ROOT (self)))
    return;
  page = gtk_stack_get_visible_child (self->content_stack);
  if (page == GTK_WIDGET (self->patient_page))
    kes_patient_page_focus_tabs (self->patient_page);
  else if (page != NULL)
    kes_focus_keep_within (page);
}

void
kes_window_remember_area_focus (KesWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Only a place in an area, not the record's own widgets. */
  if (focus != NULL && self->patient_page != NULL &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->patient_page)))
    return;
  g_set_weak_pointer (&self->area_focus, focus);
}

const char *
kes_window_record_came_from (KesWindow *self)
{
  return self->record_from != NULL ? self->record_from : "caseload";
}

/* Called as a record opens: where Alt+Left and the Back button return. */
void
kes_window_set_record_origin (KesWindow *self)
{
  const char *shown = self->content_stack != NULL ? gtk_stack_get_visible_child_name (self->content_stack) : NULL;
  GtkStackPage *page;

  if (shown == NULL || g_str_equal (shown, "patient"))
    return;
  g_free (self->record_from);
  self->record_from = g_strdup (shown);
  kes_window_remember_area_focus (self);
  page = gtk_stack_get_page (self->content_stack, gtk_stack_get_child_by_name (self->content_stack, shown));
  /* The button says where it goes. (Its tooltip stays: on GTK 4.8 setting
   * one replaces the accessible description.) */
  adw_button_content_set_label (self->back_content, gtk_stack_page_get_title (page));
}
