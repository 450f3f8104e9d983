/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-window"

#include "config.h"

/* The main window: the signed-in shell, its sidebar and the areas, each
 * built the first time it is shown (kes-window-private.h). */

#include <glib/gi18n.h>

#include "accounts/kes-break-glass-dialog.h"
#include "accounts/kes-inactivity.h"
#include "accounts/kes-lock-screen.h"
#include "accounts/kes-password-dialog.h"
#include "accounts/kes-session-windows.h"
#include "admin/kes-admin-page.h"
#include "carers/kes-carers-page.h"
#include "liaison/kes-liaison-page.h"
#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-application.h"
#include "kes-error.h"
#include "kes-validate.h"
#include "kes-window.h"
#include "kes-window-private.h"
#include "moj/kes-moj-reports-page.h"
#include "today/kes-today-page.h"
#include "referrals/kes-referrals-page.h"
#include "reports/kes-equality-view.h"
#include "welcome/kes-welcome-page.h"

/* ---- The signed-in shell ---- */

static void sidebar_row_activated_cb (KesWindow     *self,
                                      GtkListBoxRow *row);
static void sidebar_focus_left_cb    (KesWindow     *self);
static void leaflet_back_clicked_cb  (KesWindow     *self);

/* The sidebar, header bar and area stack are built the first time they are
 * needed (normally at sign-in), not with the window: the first frame is the
 * sign-in page, and the shell's menus and tooltips cost it several
 * milliseconds. */
void
kes_window_ensure_shell (KesWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  GtkEventController *focus;

  if (self->leaflet != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "sidebar_row_activated_cb", G_CALLBACK (sidebar_row_activated_cb),
                                           "leaflet_back_clicked_cb", G_CALLBACK (leaflet_back_clicked_cb),
                                           NULL);
  builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  /* The object swapped handlers are given, as in the window's template. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/kes-window-shell.ui", &error))
    g_error ("The window's shell is missing from the resources: %s", error->message);

  self->leaflet = ADW_LEAFLET (gtk_builder_get_object (builder, "leaflet"));
  self->content_box = GTK_WIDGET (gtk_builder_get_object (builder, "content_box"));
  self->sidebar_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "sidebar_list"));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (sidebar_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), focus);
  self->content_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "content_title"));
  self->caseload_back_button = GTK_WIDGET (gtk_builder_get_object (builder, "caseload_back_button"));
  self->new_patient_button = GTK_WIDGET (gtk_builder_get_object (builder, "new_patient_button"));
  self->user_label = GTK_LABEL (gtk_builder_get_object (builder, "user_label"));
  self->user_button = GTK_MENU_BUTTON (gtk_builder_get_object (builder, "user_button"));
  self->content_stack = GTK_STACK (gtk_builder_get_object (builder, "content_stack"));
  self->back_content = ADW_BUTTON_CONTENT (gtk_builder_get_object (builder, "back_content"));
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->leaflet), "main");
}

/* ---- Areas ---- */

void
kes_window_select_sidebar_row (KesWindow  *self,
                    const char *area)
{
  GtkListBoxRow *row;

  kes_window_ensure_shell (self);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), area) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, row);
          break;
        }
    }
}

/* ---- Areas built when first shown ---- */


/* The Reports area lists the Ministry of Justice reports due and holds the
 * equality monitoring (PCREF) report, one switcher apart. */
static GtkWidget *
build_reports_area (KesWindow *self)
{
  GtkWidget *area = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *reports = gtk_stack_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->moj_reports_page = kes_moj_reports_page_new ();
  self->equality_view = kes_equality_view_new ();
  gtk_widget_set_vexpand (reports, TRUE);
  gtk_stack_add_titled (GTK_STACK (reports), self->moj_reports_page, "reports",
                        _("Due to the Ministry of Justice"));
  gtk_stack_add_titled (GTK_STACK (reports), self->equality_view, "equality", _("Equality Monitoring"));
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), GTK_STACK (reports));
  gtk_widget_set_halign (switcher, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (switcher, 6);
  gtk_box_append (GTK_BOX (area), switcher);
  gtk_box_append (GTK_BOX (area), reports);
  return area;
}

gboolean
kes_window_actor_may (KesWindow     *self,
           KesPermission  permission)
{
  return self->pages_store != NULL && kes_store_check_permission (self->pages_store, permission, NULL, NULL);
}

/* What a role can't read, the window doesn't offer: areas, and the parts
 * of Reports, are shown by the permissions core checks when they load. */
void
kes_window_show_permitted_areas (KesWindow *self)
{
  /* An area shows when the actor holds any of its permissions. */
  static const struct
  {
    const char    *area;
    guint          n;
    KesPermission  any[3];
  } areas[] = {
    { "today", 2, { KES_PERMISSION_VIEW_CLINICAL, KES_PERMISSION_VIEW_CARERS } },
    { "caseload", 1, { KES_PERMISSION_VIEW_IDENTITY } },
    { "referrals", 1, { KES_PERMISSION_VIEW_CLINICAL } },
    { "reports", 3, { KES_PERMISSION_VIEW_CLINICAL, KES_PERMISSION_EXPORT, KES_PERMISSION_VIEW_AUDIT } },
    { "carers", 1, { KES_PERMISSION_VIEW_CARERS } },
    { "liaison", 1, { KES_PERMISSION_VIEW_CLINICAL } },
    { "admin", 1, { KES_PERMISSION_VIEW_DIRECTORY } },
  };
  GtkListBoxRow *row;

  if (self->sidebar_list == NULL)
    return;
  gtk_widget_set_visible (self->new_patient_button, kes_window_actor_may (self, KES_PERMISSION_EDIT_IDENTITY));
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), areas[a].area) == 0)
        {
          gboolean shown = FALSE;

          for (guint p = 0; p < areas[a].n && !shown; p++)
            shown = kes_window_actor_may (self, areas[a].any[p]);
          gtk_widget_set_visible (GTK_WIDGET (row), shown);
        }
  if (self->moj_reports_page != NULL)
    {
      GtkStack *reports = GTK_STACK (gtk_widget_get_parent (self->moj_reports_page));
      gboolean moj = kes_window_actor_may (self, KES_PERMISSION_VIEW_CLINICAL);

      gtk_stack_page_set_visible (gtk_stack_get_page (reports, self->moj_reports_page), moj);
      if (!moj)
        gtk_stack_set_visible_child (reports, self->equality_view);
    }
}

/* Hands the store to the areas built so far; one built later gets it then. */
void
kes_window_give_lazy_areas_store (KesWindow *self)
{
  if (self->caseload_page != NULL)
    kes_caseload_page_set_context (self->caseload_page, self->context);
  if (self->today_page != NULL)
    kes_today_page_set_context (self->today_page, self->context);
  if (self->referrals_page != NULL)
    kes_referrals_page_set_context (self->referrals_page, self->context);
  if (self->admin_page != NULL)
    kes_admin_page_set_store (self->admin_page, self->pages_store);
  if (self->carers_page != NULL)
    kes_carers_page_set_store (self->carers_page, self->pages_store);
  if (self->liaison_page != NULL)
    kes_liaison_page_set_store (self->liaison_page, self->pages_store);
  if (self->moj_reports_page != NULL)
    kes_moj_reports_page_set_store (KES_MOJ_REPORTS_PAGE (self->moj_reports_page), self->pages_store);
  if (self->equality_view != NULL)
    kes_equality_view_set_store (KES_EQUALITY_VIEW (self->equality_view), self->pages_store);
}

/* Every area is built the first time it is shown, so that the first frame
 * (the sign-in page) waits on none of them. */
void
kes_window_ensure_area (KesWindow  *self,
             const char *area)
{
  GtkWidget *child;
  const char *title;

  kes_window_ensure_shell (self);
  if (gtk_stack_get_child_by_name (self->content_stack, area) != NULL)
    return;

  if (g_str_equal (area, "today"))
    {
      child = kes_today_page_new ();
      self->today_page = KES_TODAY_PAGE (child);
      g_signal_connect_swapped (child, "item-activated", G_CALLBACK (kes_window_today_item_activated_cb), self);
      title = _("Today");
    }
  else if (g_str_equal (area, "caseload"))
    {
      child = kes_caseload_page_new ();
      self->caseload_page = KES_CASELOAD_PAGE (child);
      g_signal_connect_swapped (child, "patient-activated", G_CALLBACK (kes_window_patient_activated_cb), self);
      title = _("Caseload");
    }
  else if (g_str_equal (area, "referrals"))
    {
      child = kes_referrals_page_new ();
      self->referrals_page = KES_REFERRALS_PAGE (child);
      title = _("Referrals");
    }
  else if (g_str_equal (area, "reports"))
    {
      child = build_reports_area (self);
      title = _("Reports");
    }
  else if (g_str_equal (area, "carers"))
    {
      child = g_object_new (KES_TYPE_CARERS_PAGE, NULL);
      self->carers_page = KES_CARERS_PAGE (child);
      title = _("Carers");
    }
  else if (g_str_equal (area, "liaison"))
    {
      child = g_object_new (KES_TYPE_LIAISON_PAGE, NULL);
      self->liaison_page = KES_LIAISON_PAGE (child);
      title = _("Liaison & Diversion");
    }
  else if (g_str_equal (area, "admin"))
    {
      child = kes_admin_page_new ();
      self->admin_page = KES_ADMIN_PAGE (child);
      g_signal_connect_swapped (child, "directory-changed", G_CALLBACK (kes_window_directory_changed_cb), self);
      title = _("Administration");
    }
  else
    return;

  gtk_stack_add_titled (self->content_stack, child, area, title);
  if (self->pages_store != NULL)
    kes_window_give_lazy_areas_store (self);
  kes_window_show_permitted_areas (self);
}

void
kes_window_show_area_now (KesWindow  *self,
               const char *area)
{
  GtkStackPage *page;

  if (area == NULL)
    {
      /* The user kept editing: stay on the record. */
      kes_window_select_sidebar_row (self, "caseload");
      return;
    }

  kes_window_ensure_area (self, area);
  /* Today and Referrals read again by themselves when shown after a save
   * (KesContext::changed), not on every visit. */
  gtk_stack_set_visible_child_name (self->content_stack, area);
  page = gtk_stack_get_page (self->content_stack, gtk_stack_get_visible_child (self->content_stack));
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->content_title, NULL);
  gtk_widget_set_visible (self->caseload_back_button, FALSE);
  kes_window_select_sidebar_row (self, area);
  kes_window_keys_update (self);
  /* Leaving the record hides the widget that had the focus. */
  kes_window_keep_focus (self);
}

gboolean
kes_window_showing_patient (KesWindow *self)
{
  if (self->content_stack == NULL)
    return FALSE;
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "patient") == 0;
}

/* An area opens when its row is activated (a click, Enter or Space), not
 * when it is selected: the arrow keys and Tab move through the sidebar
 * selecting as they go, and passing over "Caseload" must not close the
 * open record. Moving on without activating puts the selection back on
 * the area shown. */
static void
sidebar_row_activated_cb (KesWindow     *self,
                          GtkListBoxRow *row)
{
  const char *area = gtk_widget_get_name (GTK_WIDGET (row));

  if (kes_window_showing_patient (self))
    kes_window_after_unsaved_changes (self, kes_window_show_area_now, area);
  else
    kes_window_show_area_now (self, area);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
sidebar_focus_left_cb (KesWindow *self)
{
  const char *shown = self->content_stack != NULL ? gtk_stack_get_visible_child_name (self->content_stack) : NULL;

  if (shown != NULL)
    kes_window_select_sidebar_row (self, g_str_equal (shown, "patient") ? "caseload" : shown);
}

static void
leaflet_back_clicked_cb (KesWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}
