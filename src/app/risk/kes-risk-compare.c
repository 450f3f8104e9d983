/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-compare"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-clock.h"
#include "kes-tool-assessment.h"
#include "risk/kes-risk-compare.h"

static GtkWidget *
cell (const char *text,
      const char *css)
{
  GtkWidget *label = gtk_label_new (text != NULL ? text : "");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static char *
column_title (KesRiskAssessment *a)
{
  g_autofree char *date = kes_date_to_display (kes_risk_assessment_get_assessed_on (a));
  const char *who = kes_risk_assessment_get_completed_by (a);

  return who != NULL ? g_strdup_printf ("%s\n%s", date, who) : g_strdup (date);
}

static GtkWidget *
rating_text (KesRiskAssessment   *a,
             const KesToolItem   *item,
             const KesToolRating *rating,
             gboolean             changed)
{
  const char *code = kes_risk_assessment_get_rating (a, item->code, rating->name);
  const char *label = code != NULL ? kes_tool_point_label (rating->scale, code) : _("Not rated");

  return cell (label, changed ? "heading" : code == NULL ? "dim-label" : NULL);
}

/* The clinician's judgements under the ratings, in the same columns, the
 * changed ones marked: a comparison of ratings alone would leave out its
 * conclusions. */
static void
attach_judgements (GtkGrid   *grid,
                   int        row,
                   GPtrArray *judgements)
{
  GtkWidget *title = cell (_("The clinician’s judgements"), "title-4");

  gtk_widget_set_margin_top (title, 12);
  gtk_grid_attach (grid, title, 0, row++, 4, 1);
  for (guint i = 0; i < judgements->len; i++, row++)
    {
      KesToolJudgementPair *pair = g_ptr_array_index (judgements, i);
      const char *css = pair->changed ? "heading" : NULL;

      gtk_grid_attach (grid, cell (pair->field->label, NULL), 0, row, 1, 1);
      gtk_grid_attach (grid, cell (pair->before != NULL ? pair->before : _("Not given"),
                                   pair->before != NULL ? css : "dim-label"), 1, row, 1, 1);
      gtk_grid_attach (grid, cell (pair->after != NULL ? pair->after : _("Not given"),
                                   pair->after != NULL ? css : "dim-label"), 2, row, 1, 1);
      gtk_grid_attach (grid, cell (pair->changed ? _("Changed") : "", pair->changed ? "accent" : NULL), 3, row, 1, 1);
      if (pair->changed)
        gtk_widget_add_css_class (gtk_grid_get_child_at (grid, 3, row), "heading");
    }
}

GtkWidget *
kes_risk_compare_new (KesToolDefinition *definition,
                      KesRiskAssessment *before,
                      KesRiskAssessment *after)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *grid;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) judgements = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *a_title = column_title (before);
  g_autofree char *b_title = column_title (after);
  g_autofree char *count = NULL;
  GPtrArray *items;
  int row = 1;

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_box_append (GTK_BOX (box), cell (kes_tool_definition_get_title (definition), "title-2"));

  changes = kes_tool_assessment_compare (definition, before, after, &error);
  judgements = changes != NULL ? kes_tool_assessment_compare_judgements (definition, before, after, &error) : NULL;
  if (changes == NULL || judgements == NULL)
    {
      gtk_box_append (GTK_BOX (box), cell (_("Not compared item by item"), "title-4"));
      gtk_box_append (GTK_BOX (box), cell (error->message, NULL));
      return box;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      KesToolRatingChange *change = g_ptr_array_index (changes, i);

      g_hash_table_add (changed, g_strdup_printf ("%s/%s", change->item->code, change->rating->name));
    }
  count = kes_tool_comparison_headline (changes, judgements);
  gtk_box_append (GTK_BOX (box), cell (count, "title-4"));

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Ratings and judgements side by side"), -1);
  gtk_grid_attach (GTK_GRID (grid), cell (_("Item"), "heading"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (a_title, "heading"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell (b_title, "heading"), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell ("", NULL), 3, 0, 1, 1);

  items = kes_tool_definition_get_all_items (definition);
  for (guint i = 0; i < items->len; i++)
    {
      const KesToolItem *item = g_ptr_array_index (items, i);

      for (guint j = 0; j < item->ratings->len; j++)
        {
          const KesToolRating *rating = g_ptr_array_index (item->ratings, j);
          g_autofree char *key = g_strdup_printf ("%s/%s", item->code, rating->name);
          g_autofree char *name = kes_tool_item_describe (item);
          g_autofree char *label = item->ratings->len > 1 ? g_strdup_printf ("%s · %s", name, rating->label)
                                                          : g_strdup (name);
          gboolean is_changed = g_hash_table_contains (changed, key);
          GtkWidget *marker = cell (is_changed ? _("Changed") : "", is_changed ? "accent" : NULL);

          gtk_grid_attach (GTK_GRID (grid), cell (label, item->parent != NULL ? "dim-label" : NULL), 0, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), rating_text (before, item, rating, is_changed), 1, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), rating_text (after, item, rating, is_changed), 2, row, 1, 1);
          if (is_changed)
            gtk_widget_add_css_class (marker, "heading");
          gtk_grid_attach (GTK_GRID (grid), marker, 3, row, 1, 1);
          row++;
        }
    }
  if (judgements->len > 0)
    attach_judgements (GTK_GRID (grid), row, judgements);
  gtk_box_append (GTK_BOX (box), grid);
  return box;
}
