/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-caseload-page"

#include "config.h"

#include <glib/gi18n.h>

#include "caseload/kes-caseload-page-private.h"
#include "kes-codes.h"
#include "kes-clock.h"
#include "kes-validate.h"

/* The caseload's columns: what each cell shows, and sorting kept in step
 * between the column headers and the sort drop-down. */

static GtkColumnViewColumn *
column_for_sort (KesCaseloadPage *self,
                 KesCaseloadSort  sort)
{
  switch (sort)
    {
    case KES_CASELOAD_SORT_NAME:
      return self->name_column;
    case KES_CASELOAD_SORT_NHS_NUMBER:
      return self->nhs_column;
    case KES_CASELOAD_SORT_BIRTH_DATE:
      return self->birth_column;
    case KES_CASELOAD_SORT_TEAM:
      return self->team_column;
    case KES_CASELOAD_SORT_COORDINATOR:
      return self->coordinator_column;
    case KES_CASELOAD_SORT_LEGAL_STATUS:
      return self->legal_column;
    default:
      return self->name_column;
    }
}

static char *
cell_text (KesCaseloadRow *row,
           Column          column)
{
  const char *value;

  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (kes_caseload_row_get_display_name (row));
    case COLUMN_NHS_NUMBER:
      value = kes_caseload_row_get_nhs_number (row);
      return value != NULL && *value != '\0' ? kes_nhs_number_format (value) : g_strdup ("");
    case COLUMN_BIRTH_DATE:
      value = kes_caseload_row_get_birth_date (row);
      return value != NULL && *value != '\0' ? kes_date_to_display (value) : g_strdup ("");
    case COLUMN_MHCS:
      return g_strdup (kes_caseload_row_get_mhcs_reference (row));
    case COLUMN_TEAM:
      return g_strdup (kes_caseload_row_get_team_name (row));
    case COLUMN_COORDINATOR:
      return g_strdup (kes_caseload_row_get_coordinator_name (row));
    case COLUMN_LEGAL_STATUS:
      value = kes_caseload_row_get_legal_status (row);
      if (value != NULL && *value != '\0')
        {
          const char *label = kes_code_list_lookup (kes_code_list_get (KES_CODES_LEGAL_STATUS),
                                                    value);
          return g_strdup (label != NULL ? label : value);
        }
      return g_strdup ("");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Width in characters below which a column's text is ellipsized; 0 keeps
 * short fixed-format values (NHS number, dates, MHCS reference) whole: at
 * large text "MHCS/DE…" told nobody which reference it was. */
static const int column_min_chars[N_COLUMNS] = { 18, 0, 0, 0, 5, 12, 14 };

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column_min_chars[column] > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), column_min_chars[column]);
    }
  gtk_list_item_set_child (item, label);
}

/* The row a screen reader lands on is GTK's own widget, two up from the
 * cell's label (GtkColumnView 4.8 offers no other way to it). It is named
 * for the patient, as a person would read the line out: "ALDER, Emma,
 * 999 000 0018, North". */
static void
name_row (GtkWidget      *label,
          KesCaseloadRow *row)
{
  GtkWidget *cell = gtk_widget_get_parent (label);
  GtkWidget *row_widget = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *nhs = cell_text (row, COLUMN_NHS_NUMBER);
  g_autoptr(GString) name = g_string_new (kes_caseload_row_get_display_name (row));
  const char *team = kes_caseload_row_get_team_name (row);

  if (row_widget == NULL)
    return;

  if (nhs != NULL && *nhs != '\0')
    g_string_append_printf (name, ", %s", nhs);
  if (team != NULL && *team != '\0')
    g_string_append_printf (name, ", %s", team);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  KesCaseloadRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  if (column == COLUMN_NAME)
    name_row (label, row);
  if (column_min_chars[column] > 0)
    gtk_widget_set_tooltip_text (label, text);
}

/* GTK 4.8 has no API to read which column header the user clicked. Each
 * sortable column gets a sorter that records itself when asked to compare;
 * comparing two objects through the view's sorter then names the primary
 * column, and the sign of the answer gives the direction. */
typedef struct
{
  KesCaseloadPage *page;
  KesCaseloadSort  sort;
} Probe;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Probe *probe = user_data;

  probe->page->probe_hit = probe->sort;
  return GTK_ORDERING_SMALLER;
}

void
kes_caseload_page_apply_sort (KesCaseloadPage *self,
                              KesCaseloadSort  sort,
                              gboolean         descending)
{
  if (self->syncing_sort)
    return;

  self->syncing_sort = TRUE;

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
  gtk_toggle_button_set_active (self->descending_toggle, descending);
  gtk_button_set_icon_name (GTK_BUTTON (self->descending_toggle),
                            descending ? "view-sort-descending-symbolic"
                                       : "view-sort-ascending-symbolic");
  gtk_column_view_sort_by_column (self->column_view, column_for_sort (self, sort),
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  kes_caseload_model_set_sort (self->model, sort, descending);

  self->syncing_sort = FALSE;
}

static void
view_sorter_changed_cb (KesCaseloadPage  *self,
                        GtkSorterChange   change,
                        GtkSorter        *sorter)
{
  GtkOrdering ordering;

  /* Also emitted while the view is torn down. */
  if (self->syncing_sort || self->column_view == NULL || self->model == NULL)
    return;

  self->probe_hit = -1;
  ordering = gtk_sorter_compare (sorter, self, sorter);
  if (self->probe_hit < 0)
    return;

  kes_caseload_page_apply_sort (self, self->probe_hit, ordering == GTK_ORDERING_LARGER);
}

void
kes_caseload_page_sort_choice_changed_cb (KesCaseloadPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (self->syncing_sort || selected == GTK_INVALID_LIST_POSITION)
    return;

  kes_caseload_page_apply_sort (self, selected, gtk_toggle_button_get_active (self->descending_toggle));
}

void
kes_caseload_page_setup_columns (KesCaseloadPage *self)
{
  GtkColumnViewColumn *columns[N_COLUMNS] = {
    self->name_column, self->nhs_column, self->birth_column, self->mhcs_column,
    self->team_column, self->coordinator_column, self->legal_column,
  };
  const int sorts[N_COLUMNS] = {
    KES_CASELOAD_SORT_NAME, KES_CASELOAD_SORT_NHS_NUMBER, KES_CASELOAD_SORT_BIRTH_DATE, -1,
    KES_CASELOAD_SORT_TEAM, KES_CASELOAD_SORT_COORDINATOR, KES_CASELOAD_SORT_LEGAL_STATUS,
  };

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (columns[i], factory);

      if (sorts[i] >= 0)
        {
          Probe *probe = g_new0 (Probe, 1);
          g_autoptr(GtkCustomSorter) sorter = NULL;

          probe->page = self;
          probe->sort = sorts[i];
          sorter = gtk_custom_sorter_new (probe_compare, probe, g_free);
          gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
        }
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self, G_CONNECT_SWAPPED);
}
