/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-moj-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-due.h"
#include "kes-store-moj.h"
#include "kes-validate.h"
#include "moj/kes-moj-reports-page.h"

struct _KesMojReportsPage
{
  AdwBin      parent_instance;

  KesStore   *store;
  GtkWidget  *stack;
  GtkListBox *list;
  guint       n_rows;
};

G_DEFINE_FINAL_TYPE (KesMojReportsPage, kes_moj_reports_page, ADW_TYPE_BIN)

static const char *
urgency_label (KesDueUrgency urgency)
{
  switch (urgency)
    {
    case KES_DUE_TOP_PRIORITY:
      return _("Urgent");
    case KES_DUE_OVERDUE:
      return _("Overdue");
    case KES_DUE_TODAY:
      return _("Due today");
    case KES_DUE_SOON:
    default:
      return _("Due soon");
    }
}

static void
row_activated_cb (GtkListBox        *list,
                  GtkListBoxRow     *row,
                  KesMojReportsPage *self)
{
  const char *patient_id = g_object_get_data (G_OBJECT (row), "kes-patient");

  if (patient_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-patient", "s", patient_id);
}

void
kes_moj_reports_page_reload (KesMojReportsPage *self)
{
  g_autoptr(GDate) today = kes_clock_today ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KES_IS_MOJ_REPORTS_PAGE (self));

  kes_list_box_remove_all (self->list);
  self->n_rows = 0;
  /* Only the reports, and only for the signed-in person's team (every team
   * for someone in none): computing the whole of Today for every team
   * would hold the window for seconds on a trust-wide database. */
  if (self->store != NULL)
    {
      KesStaff *actor = kes_store_get_actor (self->store);
      const char *team_id = actor != NULL ? kes_staff_get_team_id (actor) : NULL;

      items = g_ptr_array_new_with_free_func (g_object_unref);
      if (kes_store_moj_due_items (self->store, today, team_id != NULL && *team_id != '\0' ? team_id : NULL,
                                   items, &error))
        g_ptr_array_sort (items, kes_due_item_compare);
      else
        g_clear_pointer (&items, g_ptr_array_unref);
    }
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      KesDueItem *item = g_ptr_array_index (items, i);
      GtkWidget *row;
      GtkWidget *badge;
      g_autofree char *due = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (!g_str_has_prefix (kes_due_item_get_kind (item), "moj-"))
        continue;
      due = kes_date_to_display (kes_due_item_get_due_date (item));
      title = g_strdup_printf ("%s — %s", kes_due_item_get_patient_name (item), kes_due_item_get_title (item));
      subtitle = g_strdup_printf (_("Due %s · %s"), due, kes_due_item_get_detail (item));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      badge = gtk_label_new (urgency_label (kes_due_item_get_urgency (item)));
      gtk_widget_add_css_class (badge, kes_due_item_get_urgency (item) <= KES_DUE_OVERDUE ? "error" : "warning");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kes-patient", g_strdup (kes_due_item_get_patient_id (item)), g_free);
      gtk_list_box_append (self->list, row);
      self->n_rows++;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->n_rows > 0 ? "list" : "empty");
}

static void
kes_moj_reports_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kes_moj_reports_page_parent_class)->map (widget);
  kes_moj_reports_page_reload (KES_MOJ_REPORTS_PAGE (widget));
}

static void
kes_moj_reports_page_dispose (GObject *object)
{
  g_clear_object (&KES_MOJ_REPORTS_PAGE (object)->store);
  G_OBJECT_CLASS (kes_moj_reports_page_parent_class)->dispose (object);
}

static void
kes_moj_reports_page_class_init (KesMojReportsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_moj_reports_page_dispose;
  GTK_WIDGET_CLASS (klass)->map = kes_moj_reports_page_map;
}

static void
kes_moj_reports_page_init (KesMojReportsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_("Ministry of Justice Reports Due"));
  GtkWidget *empty = adw_status_page_new ();

  self->stack = gtk_stack_new ();
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ministry of Justice reports due"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-document-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Reports Due"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Ministry of Justice reports due within a week, due today or overdue "
                                     "show here. Reports are written from the patient’s Legal &amp; MoJ tab."));
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
  adw_bin_set_child (ADW_BIN (self), self->stack);
}

GtkWidget *
kes_moj_reports_page_new (void)
{
  return g_object_new (KES_TYPE_MOJ_REPORTS_PAGE, NULL);
}

void
kes_moj_reports_page_set_store (KesMojReportsPage *self,
                                KesStore          *store)
{
  g_return_if_fail (KES_IS_MOJ_REPORTS_PAGE (self));

  g_set_object (&self->store, store);
  kes_moj_reports_page_reload (self);
}

guint
kes_moj_reports_page_get_n_rows (KesMojReportsPage *self)
{
  return self->n_rows;
}
