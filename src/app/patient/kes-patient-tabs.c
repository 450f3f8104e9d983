/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-patient-page"

#include "config.h"

/* The record's tabs from the keyboard (issue 24): next and previous
 * (Ctrl+Page Down/Up), the nth (Alt+1 … Alt+0), a note begun from
 * anywhere in the record, and the Export menu opened. The window's
 * actions call these; the focus follows to the tab shown. */

#include <glib/gi18n.h>

#include "kes-focus.h"
#include "patient/kes-patient-page.h"
#include "patient/kes-patient-page-private.h"

/* The tabs this person sees on this record, in the switcher's order. */
static GPtrArray *
visible_tab_names (KesPatientPage *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (adw_view_stack_page_get_visible (page))
        g_ptr_array_add (names, g_strdup (adw_view_stack_page_get_name (page)));
    }
  return names;
}

/* Shows @tab and keeps the focus visible: a focus left inside the tab
 * just hidden moves to the new tab's button in the switcher. */
static void
show_tab_keeping_focus (KesPatientPage *self,
                        const char     *tab)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean on_switcher = focus != NULL && gtk_widget_is_ancestor (focus, self->switcher);

  adw_view_stack_set_visible_child_name (self->view_stack, tab);
  if (on_switcher || (root != NULL && !kes_focus_is_placed (root)))
    kes_focus_active_switch (self->switcher);
}

gboolean
kes_patient_page_step_tab (KesPatientPage *self,
                           int             step)
{
  g_autoptr(GPtrArray) names = NULL;
  const char *shown;
  guint at = 0;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  names = visible_tab_names (self);
  if (names->len == 0)
    return FALSE;
  shown = adw_view_stack_get_visible_child_name (self->view_stack);
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), shown) == 0)
      at = i;
  /* Round the ends, as tabs in GNOME's browsers and terminal do. */
  at = (at + names->len + (step % (int) names->len)) % names->len;
  show_tab_keeping_focus (self, g_ptr_array_index (names, at));
  return TRUE;
}

gboolean
kes_patient_page_show_tab_number (KesPatientPage *self,
                                  guint           number)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  names = visible_tab_names (self);
  if (number < 1 || number > names->len)
    return FALSE;
  show_tab_keeping_focus (self, g_ptr_array_index (names, number - 1));
  return TRUE;
}

gboolean
kes_patient_page_add_note (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  if (self->is_new || self->editing || !adw_view_stack_page_get_visible (self->notes_page))
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, "notes");
  return kes_notes_view_start_note (self->notes_view);
}

gboolean
kes_patient_page_open_export_menu (KesPatientPage *self)
{
  g_return_val_if_fail (KES_IS_PATIENT_PAGE (self), FALSE);

  if (!gtk_widget_get_visible (self->export_button) || !gtk_widget_is_sensitive (self->export_button))
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->export_button));
  return TRUE;
}

/* AdwViewSwitcher shrinks to ellipsized labels ("Conta…", "Medic…") when
 * ten tabs don't fit, as with large text: there the switcher is asked for
 * its whole width instead, and the scrolled window around it scrolls (the
 * focused tab into view). Only with text larger than normal: its natural
 * width has room for icons beside the labels, and at normal size the
 * tabs fit without it. Again whenever the tabs or the text size change. */
void
kes_patient_page_fit_tabs (KesPatientPage *self)
{
  int dpi = 0;
  int natural = 0;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  gtk_widget_set_size_request (self->switcher, -1, -1);
  /* GTK's normal is 96 dots an inch, in 1024ths; -1 when unset. */
  if (dpi <= 96 * 1024 * 105 / 100)
    return;
  gtk_widget_measure (self->switcher, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  gtk_widget_set_size_request (self->switcher, natural, -1);
}
