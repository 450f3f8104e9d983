/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-ratings"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-app-util.h"
#include "kes-tool-assessment.h"
#include "risk/kes-risk-ratings.h"

/* Scales this short get toggle buttons; longer ones a drop-down. */
#define MAX_TOGGLES 7

/* The slots of one item, kept on the box they were appended to. */
typedef struct
{
  KesRiskAssessment     *assessment;
  const KesToolItem     *item;
  KesRiskRatingsChanged  changed;
  gpointer               user_data;
  GPtrArray             *controls;  /* GtkWidget, one per slot, in the item's order */
  gboolean               updating;  /* clearing a slot that no longer applies */
} ItemRatings;

static void
item_ratings_free (ItemRatings *ratings)
{
  g_object_unref (ratings->assessment);
  g_ptr_array_unref (ratings->controls);
  g_free (ratings);
}

static void
control_clear (GtkWidget *control)
{
  if (GTK_IS_DROP_DOWN (control))
    {
      kes_dropdown_set_code (GTK_DROP_DOWN (control), NULL);
      return;
    }
  for (GtkWidget *button = gtk_widget_get_first_child (control); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
}

/* A dependent slot can be rated only while the slot it depends on allows
 * it; when it no longer does, its rating goes (it would be a rating of a
 * factor the clinician has just said is absent). */
static void
update_dependents (ItemRatings *ratings)
{
  ratings->updating = TRUE;
  for (guint i = 0; i < ratings->item->ratings->len; i++)
    {
      const KesToolRating *rating = g_ptr_array_index (ratings->item->ratings, i);
      GtkWidget *control = g_ptr_array_index (ratings->controls, i);
      gboolean applies = kes_tool_rating_applies (ratings->item, rating, ratings->assessment);

      if (rating->depends_on == NULL)
        continue;
      gtk_widget_set_sensitive (control, applies);
      if (!applies && kes_risk_assessment_get_rating (ratings->assessment, ratings->item->code,
                                                      rating->name) != NULL)
        {
          kes_risk_assessment_set_rating (ratings->assessment, ratings->item->code, rating->name, NULL);
          control_clear (control);
        }
    }
  ratings->updating = FALSE;
}

static void
rated (ItemRatings *ratings,
       const char  *slot,
       const char  *point)
{
  if (ratings->updating)
    return;
  kes_risk_assessment_set_rating (ratings->assessment, ratings->item->code, slot, point);
  update_dependents (ratings);
  ratings->changed (ratings->user_data);
}

static void
rating_toggled_cb (GtkToggleButton *button,
                   ItemRatings     *ratings)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  rated (ratings, g_object_get_data (G_OBJECT (button), "slot"), g_object_get_data (G_OBJECT (button), "point"));
}

static void
rating_dropdown_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    ItemRatings *ratings)
{
  rated (ratings, g_object_get_data (G_OBJECT (dropdown), "slot"), kes_dropdown_get_code (dropdown));
}

void
kes_risk_scale_dropdown_fill (GtkDropDown        *dropdown,
                              const KesToolScale *scale,
                              const char         *none_label)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < scale->points->len; i++)
    {
      const KesToolPoint *point = g_ptr_array_index (scale->points, i);

      g_ptr_array_add (codes, point->code);
      g_ptr_array_add (labels, point->label);
    }
  kes_dropdown_fill (dropdown, none_label, (const char * const *) codes->pdata,
                     (const char * const *) labels->pdata, codes->len);
}

static GtkWidget *
toggle_group (ItemRatings         *ratings,
              const KesToolRating *rating,
              const char          *accessible)
{
  const char *current = kes_risk_assessment_get_rating (ratings->assessment, ratings->item->code, rating->name);
  GtkWidget *control = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;
  gboolean use_labels = TRUE;

  /* Short labels ("Low", "0") read best; otherwise the codes, with the
   * full label as tooltip and accessible name, so every button of a group
   * looks alike. */
  for (guint i = 0; i < rating->scale->points->len; i++)
    use_labels &= g_utf8_strlen (((KesToolPoint *) g_ptr_array_index (rating->scale->points, i))->label, -1) <= 12;

  gtk_widget_add_css_class (control, "linked");
  for (guint i = 0; i < rating->scale->points->len; i++)
    {
      const KesToolPoint *point = g_ptr_array_index (rating->scale->points, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (use_labels ? point->label : point->code);
      g_autofree char *name = g_strdup_printf ("rating:%s:%s:%s", ratings->item->code, rating->name, point->code);
      g_autofree char *label = g_strdup_printf ("%s: %s", accessible, point->label);

      gtk_widget_set_name (button, name);
      gtk_widget_set_tooltip_text (button, point->label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "slot", g_strdup (rating->name), g_free);
      g_object_set_data_full (G_OBJECT (button), "point", g_strdup (point->code), g_free);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), g_strcmp0 (current, point->code) == 0);
      g_signal_connect (button, "toggled", G_CALLBACK (rating_toggled_cb), ratings);
      gtk_box_append (GTK_BOX (control), button);
    }
  return control;
}

static GtkWidget *
slot_control (ItemRatings         *ratings,
              const KesToolRating *rating)
{
  g_autofree char *accessible = g_strdup_printf ("%s %s", ratings->item->code, rating->label);
  g_autofree char *name = NULL;
  GtkWidget *control;

  if (rating->scale->points->len <= MAX_TOGGLES)
    control = toggle_group (ratings, rating, accessible);
  else
    {
      control = gtk_drop_down_new (NULL, NULL);
      kes_risk_scale_dropdown_fill (GTK_DROP_DOWN (control), rating->scale, _("Not rated"));
      kes_dropdown_set_code (GTK_DROP_DOWN (control), kes_risk_assessment_get_rating (ratings->assessment,
                                                                                      ratings->item->code,
                                                                                      rating->name));
      g_object_set_data_full (G_OBJECT (control), "slot", g_strdup (rating->name), g_free);
      g_signal_connect (control, "notify::selected", G_CALLBACK (rating_dropdown_cb), ratings);
    }
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  /* The completion check finds a rating by this name ("rating:H1:presence"). */
  name = g_strdup_printf ("rating:%s:%s", ratings->item->code, rating->name);
  gtk_widget_set_name (control, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (rating->depends_on != NULL)
    {
      g_autofree char *points = NULL;
      g_autofree char *why = NULL;
      GString *list = g_string_new (NULL);

      for (guint i = 0; rating->when_points[i] != NULL; i++)
        g_string_append_printf (list, "%s“%s”", i > 0 ? _(" or ") : "",
                                kes_tool_point_label (rating->depends_on->scale, rating->when_points[i]));
      points = g_string_free (list, FALSE);
      /* Translators: "Rated when Presence is “Yes: present” or “Partially or possibly present”" */
      why = g_strdup_printf (_("Rated when %s is %s"), rating->depends_on->label, points);
      gtk_widget_set_tooltip_text (control, why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
    }
  return control;
}

void
kes_risk_ratings_append (GtkBox                *box,
                         KesRiskAssessment     *assessment,
                         const KesToolItem     *item,
                         KesRiskRatingsChanged  changed,
                         gpointer               user_data)
{
  ItemRatings *ratings;

  g_return_if_fail (GTK_IS_BOX (box));
  g_return_if_fail (KES_IS_RISK_ASSESSMENT (assessment));
  g_return_if_fail (item != NULL && changed != NULL);

  ratings = g_new0 (ItemRatings, 1);
  ratings->assessment = g_object_ref (assessment);
  ratings->item = item;
  ratings->changed = changed;
  ratings->user_data = user_data;
  ratings->controls = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (box), "kes-risk-ratings", ratings, (GDestroyNotify) item_ratings_free);

  for (guint i = 0; i < item->ratings->len; i++)
    {
      const KesToolRating *rating = g_ptr_array_index (item->ratings, i);
      GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *heading = gtk_label_new (rating->label);
      GtkWidget *control = slot_control (ratings, rating);

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "caption");
      gtk_box_append (GTK_BOX (slot), heading);
      gtk_box_append (GTK_BOX (slot), control);
      gtk_box_append (box, slot);
      g_ptr_array_add (ratings->controls, control);
    }
  /* Sensitivity as the stored ratings allow; an inapplicable rating already
   * held (an older draft, an import) stays for the completion check to name,
   * rather than vanishing unseen. */
  for (guint i = 0; i < item->ratings->len; i++)
    {
      const KesToolRating *rating = g_ptr_array_index (item->ratings, i);

      if (rating->depends_on != NULL)
        gtk_widget_set_sensitive (g_ptr_array_index (ratings->controls, i),
                                  kes_tool_rating_applies (item, rating, assessment) ||
                                  kes_risk_assessment_get_rating (assessment, item->code, rating->name) != NULL);
    }
}
