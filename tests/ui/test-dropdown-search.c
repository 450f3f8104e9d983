/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-dropdown-search"

#include "config.h"

#include "kes-app-util.h"
#include "kes-codes.h"
#include "kes-text-search.h"
#include "kes-ui-test-util.h"

/* Drop-downs search within words (issue 21): "37/41" finds "Section 37 with
 * section 41 restrictions" in the legal status list, through the popover's
 * own search entry as a user types into it. */

/* The items the popover's list shows now. */
static GStrv
shown_items (GtkWidget *dropdown)
{
  GtkWidget *list = kes_test_find_descendant (dropdown, GTK_TYPE_LIST_VIEW);
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (shown, i);
      g_strv_builder_add (builder, gtk_string_object_get_string (item));
    }
  return g_strv_builder_end (builder);
}

static void
test_matches_words (void)
{
  g_assert_true (kes_text_matches_words ("Section 37 with section 41 restrictions", "37/41"));
  g_assert_true (kes_text_matches_words ("Section 37 with section 41 restrictions", "41 37"));
  g_assert_true (kes_text_matches_words ("Mrs Zoë Edwards", "ward ZOE"));
  g_assert_true (kes_text_matches_words ("anything", ""));
  g_assert_true (kes_text_matches_words ("anything", " / "));
  g_assert_false (kes_text_matches_words ("Section 37", "37/41"));
  g_assert_false (kes_text_matches_words ("Section 3", "37"));
}

static void
test_legal_status (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *dropdown = gtk_drop_down_new (NULL, NULL);
  GtkWidget *entry;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) none = NULL;

  kes_dropdown_fill_code_list (GTK_DROP_DOWN (dropdown), KES_CODES_LEGAL_STATUS, "Not set");
  g_assert_true (gtk_drop_down_get_enable_search (GTK_DROP_DOWN (dropdown)));
  gtk_window_set_child (GTK_WINDOW (window), dropdown);
  gtk_window_present (GTK_WINDOW (window));
  kes_test_wait (50);

  all = shown_items (dropdown);
  g_assert_cmpuint (g_strv_length (all), >, 20);
  entry = kes_test_find_descendant (dropdown, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "37/41");
  /* The search entry waits a moment before it says the search changed. */
  g_signal_emit_by_name (entry, "search-changed");
  kes_test_wait (50);
  found = shown_items (dropdown);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  g_assert_cmpstr (found[0], ==, "Section 37 with section 41 restrictions");

  gtk_editable_set_text (GTK_EDITABLE (entry), "section 99");
  g_signal_emit_by_name (entry, "search-changed");
  kes_test_wait (50);
  none = shown_items (dropdown);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* Filled again (a form reloads its lists): still within words. */
  kes_dropdown_fill_code_list (GTK_DROP_DOWN (dropdown), KES_CODES_LEGAL_STATUS, "Not set");
  gtk_editable_set_text (GTK_EDITABLE (entry), "41");
  g_signal_emit_by_name (entry, "search-changed");
  kes_test_wait (50);
  g_clear_pointer (&found, g_strfreev);
  found = shown_items (dropdown);
  g_assert_cmpuint (g_strv_length (found), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/dropdown-search/matches-words", test_matches_words);
  g_test_add_func ("/dropdown-search/legal-status", test_legal_status);
  return g_test_run ();
}
