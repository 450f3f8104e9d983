/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-dropdown-search"

#include "config.h"

#include "kes-dropdown-search.h"
#include "kes-text-search.h"

/* GTK 4.8's GtkDropDown filters its popover's list with a prefix-matching
 * GtkStringFilter and has no API to change that (search-match-mode came in
 * 4.12). Its popover is an ordinary widget tree, though: the list view's
 * model is a single selection over a GtkFilterListModel, whose filter can be
 * replaced with one that matches words anywhere, fed from the popover's own
 * search entry. */

#define QUERY_KEY "kes-dropdown-query"
#define CONNECTED_KEY "kes-dropdown-search-connected"

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
item_matches_cb (gpointer item,
                 gpointer user_data)
{
  GtkFilter *filter = user_data;
  const char *query = g_object_get_data (G_OBJECT (filter), QUERY_KEY);

  if (query == NULL || *query == '\0')
    return TRUE;
  return GTK_IS_STRING_OBJECT (item) &&
         kes_text_matches_words (gtk_string_object_get_string (item), query);
}

static void
search_changed_cb (GtkEditable *entry,
                   GtkDropDown *dropdown)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GListModel *selection = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;
  GListModel *filtered = GTK_IS_SINGLE_SELECTION (selection)
    ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)) : NULL;
  GtkFilter *filter = GTK_IS_FILTER_LIST_MODEL (filtered)
    ? gtk_filter_list_model_get_filter (GTK_FILTER_LIST_MODEL (filtered)) : NULL;

  if (!GTK_IS_CUSTOM_FILTER (filter))
    return;
  g_object_set_data_full (G_OBJECT (filter), QUERY_KEY, g_strdup (gtk_editable_get_text (entry)), g_free);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

void
kes_dropdown_search_within_words (GtkDropDown *dropdown)
{
  GtkWidget *list = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_LIST_VIEW);
  GtkWidget *entry = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_SEARCH_ENTRY);
  GListModel *selection;
  GListModel *filtered;
  GtkCustomFilter *filter;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  if (list == NULL || entry == NULL)
    return;
  selection = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  filtered = GTK_IS_SINGLE_SELECTION (selection) ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection))
                                                 : NULL;
  if (!GTK_IS_FILTER_LIST_MODEL (filtered))
    {
      g_warning ("GtkDropDown's popover is not as GTK 4.8 builds it: its search matches item starts only");
      return;
    }
  filter = gtk_custom_filter_new (NULL, NULL, NULL);
  gtk_custom_filter_set_filter_func (filter, item_matches_cb, filter, NULL);
  g_object_set_data_full (G_OBJECT (filter), QUERY_KEY, g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))),
                          g_free);
  gtk_filter_list_model_set_filter (GTK_FILTER_LIST_MODEL (filtered), GTK_FILTER (filter));
  g_object_unref (filter);
  /* After GTK's own handler, which only feeds a string filter. */
  if (g_object_get_data (G_OBJECT (entry), CONNECTED_KEY) == NULL)
    {
      g_signal_connect_object (entry, "search-changed", G_CALLBACK (search_changed_cb), dropdown, G_CONNECT_AFTER);
      g_object_set_data (G_OBJECT (entry), CONNECTED_KEY, GINT_TO_POINTER (TRUE));
    }
}
