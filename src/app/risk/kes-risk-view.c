/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-accounts.h"
#include "kes-app-util.h"
#include "kes-clock.h"
#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "kes-report-risk.h"
#include "kes-tool-library.h"
#include "risk/kes-risk-chart.h"
#include "risk/kes-risk-compare.h"
#include "risk/kes-risk-export.h"
#include "risk/kes-risk-form.h"
#include "risk/kes-risk-view.h"

struct _KesRiskView
{
  AdwBin        parent_instance;

  KesStore     *store;
  char         *patient_id;
  GPtrArray    *definitions;  /* KesToolDefinition */
  GPtrArray    *assessments;  /* KesRiskAssessment, newest first */

  GtkWidget    *stack;
  GtkWidget    *tool_dropdown;
  GtkWidget    *list;
  GtkWidget    *detail_title;
  GtkWidget    *detail_bin;
  GtkWidget    *message;
  GtkWidget    *export_box;
  GtkWidget    *new_button;

  /* What the detail page shows, for export: an assessment, or two compared. */
  KesToolDefinition *export_def;
  KesRiskAssessment *export_a;
  KesRiskAssessment *export_b;
};

G_DEFINE_FINAL_TYPE (KesRiskView, kes_risk_view, ADW_TYPE_BIN)

static KesToolDefinition *
definition_for (KesRiskView       *self,
                KesRiskAssessment *a)
{
  for (guint i = 0; self->definitions != NULL && i < self->definitions->len; i++)
    if (kes_tool_assessment_matches (g_ptr_array_index (self->definitions, i), a))
      return g_ptr_array_index (self->definitions, i);
  return NULL;
}

static void
set_export (KesRiskView       *self,
            KesToolDefinition *def,
            KesRiskAssessment *a,
            KesRiskAssessment *b)
{
  g_set_object (&self->export_def, def);
  g_set_object (&self->export_a, a);
  g_set_object (&self->export_b, b);
  gtk_widget_set_visible (self->export_box, def != NULL);
}

static KesDocument *
export_document (KesRiskView  *self,
                 GError      **error)
{
  if (self->export_b != NULL)
    return kes_report_risk_comparison (self->store, self->export_def, self->export_a, self->export_b, error);
  return kes_report_risk_assessment (self->store, self->export_def, self->export_a, error);
}

static void
export_clicked_cb (GtkButton   *button,
                   KesRiskView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KesDocument) document = NULL;
  GtkWidget *form = adw_bin_get_child (ADW_BIN (self->detail_bin));

  /* Export what is on screen: a draft is saved first. */
  if (KES_IS_RISK_FORM (form) && !kes_risk_form_save_draft (KES_RISK_FORM (form), &error))
    {
      kes_show_error (GTK_WIDGET (self), _("The Assessment Was Not Saved"), error->message);
      return;
    }
  document = export_document (self, &error);
  if (document == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("Could Not Prepare the Document"), error->message);
      return;
    }
  if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (button)), "export-xml"))
    kes_risk_export_xml (GTK_WIDGET (self), self->store, self->patient_id, document);
  else
    kes_risk_export_preview (GTK_WIDGET (self), self->store, self->patient_id, document);
}

static void
show_detail (KesRiskView *self,
             const char  *title,
             GtkWidget   *child)
{
  gtk_label_set_text (GTK_LABEL (self->detail_title), title);
  adw_bin_set_child (ADW_BIN (self->detail_bin), child);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "detail");
}

static void
form_saved_cb (KesRiskForm *form,
               KesRiskView *self)
{
  kes_risk_view_reload (self);
}

static GtkWidget *
open_form (KesRiskView       *self,
           KesToolDefinition *def,
           KesRiskAssessment *a)
{
  GtkWidget *form = kes_risk_form_new (self->store, def, a);

  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  show_detail (self, kes_tool_definition_get_title (def), form);
  set_export (self, def, a, NULL);
  return form;
}

/* The assessment before @index of the same tool (any version), or NULL. */
static KesRiskAssessment *
previous_of (KesRiskView *self,
             guint        index)
{
  KesRiskAssessment *a = g_ptr_array_index (self->assessments, index);

  for (guint i = index + 1; i < self->assessments->len; i++)
    {
      KesRiskAssessment *b = g_ptr_array_index (self->assessments, i);

      if (g_strcmp0 (kes_risk_assessment_get_tool_id (a), kes_risk_assessment_get_tool_id (b)) == 0)
        return b;
    }
  return NULL;
}

static void
row_button_clicked_cb (GtkButton   *button,
                       KesRiskView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  KesRiskAssessment *a = g_ptr_array_index (self->assessments, index);
  KesToolDefinition *def = definition_for (self, a);

  if (def == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("This definition is not installed"),
                      _("The assessment was written with a definition that is not installed here: "
                        "an administrator can import it."));
      return;
    }
  if (g_str_equal (what, "compare"))
    {
      KesRiskAssessment *before = previous_of (self, index);

      show_detail (self, _("Comparison"), kes_risk_compare_new (def, before, a));
      set_export (self, def, before, a);
    }
  else
    {
      g_autoptr(GPtrArray) same = g_ptr_array_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkWidget *chart;
      GtkWidget *expander;
      GtkWidget *text;
      g_autofree char *alternative = NULL;

      for (guint i = self->assessments->len; i > 0; i--)
        if (kes_tool_assessment_matches (def, g_ptr_array_index (self->assessments, i - 1)))
          g_ptr_array_add (same, g_ptr_array_index (self->assessments, i - 1));
      chart = kes_risk_chart_new (def, same);
      gtk_widget_set_halign (chart, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), chart);
      alternative = kes_risk_chart_dup_text (KES_RISK_CHART (chart));
      expander = gtk_expander_new_with_mnemonic (_("The same as _text"));
      text = gtk_label_new (alternative);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_expander_set_child (GTK_EXPANDER (expander), text);
      gtk_box_append (GTK_BOX (box), expander);
      gtk_widget_set_margin_start (box, 18);
      gtk_widget_set_margin_end (box, 18);
      gtk_widget_set_margin_top (box, 18);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
      gtk_widget_set_vexpand (scroller, TRUE);
      show_detail (self, _("Ratings over time"), scroller);
      set_export (self, NULL, NULL, NULL);
    }
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  KesRiskView   *self)
{
  int index = gtk_list_box_row_get_index (row);
  KesRiskAssessment *a;
  KesToolDefinition *def;

  if (index < 0 || (guint) index >= self->assessments->len)
    return;
  a = g_ptr_array_index (self->assessments, index);
  def = definition_for (self, a);
  if (def == NULL)
    {
      kes_show_error (GTK_WIDGET (self), _("This definition is not installed"),
                      _("The assessment was written with a definition that is not installed here: "
                        "an administrator can import it."));
      return;
    }
  open_form (self, def, a);
}

static GtkWidget *
row_button (KesRiskView *self,
            const char  *label,
            const char  *what,
            guint        index)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "what", (gpointer) what);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_clicked_cb), self, 0);
  return button;
}

void
kes_risk_view_reload (KesRiskView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;

  g_return_if_fail (KES_IS_RISK_VIEW (self));

  kes_list_box_remove_all (GTK_LIST_BOX (self->list));
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  self->assessments = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->store == NULL || self->patient_id == NULL)
    return;
  /* Starting an assessment is offered only to those core lets write. */
  gtk_widget_set_visible (self->new_button, kes_store_check_permission (self->store, KES_PERMISSION_EDIT_CLINICAL,
                                                                        self->patient_id, NULL));
  gtk_widget_set_visible (self->tool_dropdown, gtk_widget_get_visible (self->new_button));

  model = kes_store_list_risk_assessments (self->store, self->patient_id, FALSE, &error);
  if (model == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->message), error->message);
      gtk_widget_set_visible (self->message, TRUE);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (self->assessments, g_list_model_get_item (model, i));

  for (guint i = 0; i < self->assessments->len; i++)
    {
      KesRiskAssessment *a = g_ptr_array_index (self->assessments, i);
      KesToolDefinition *def = definition_for (self, a);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = kes_date_to_display (kes_risk_assessment_get_assessed_on (a));
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      gboolean completed = kes_risk_assessment_get_status (a) == KES_RISK_STATUS_COMPLETED;
      const char *who = kes_risk_assessment_get_completed_by (a);

      title = def != NULL ? g_strdup (kes_tool_definition_get_title (def))
                          : g_strdup_printf ("%s %s", kes_risk_assessment_get_tool_id (a),
                                             kes_risk_assessment_get_tool_version (a));
      /* Translators: "21 Nov 2026 · Completed · Dr A Example" */
      subtitle = g_strdup_printf ("%s · %s%s%s", date, completed ? _("Completed") : _("Draft"),
                                  who != NULL ? " · " : "", who != NULL ? who : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (previous_of (self, i) != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, _("Compare with Previous"), "compare", i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, _("Trend"), "trend", i));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}

static void
new_clicked_cb (GtkButton   *button,
                KesRiskView *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->tool_dropdown));

  if (self->definitions == NULL || selected >= self->definitions->len)
    return;
  kes_risk_view_start (self, kes_tool_definition_get_id (g_ptr_array_index (self->definitions, selected)));
}

static void
back_clicked_cb (GtkButton   *button,
                 KesRiskView *self)
{
  kes_risk_view_show_list (self);
}

static void
load_definitions (KesRiskView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  g_clear_pointer (&self->definitions, g_ptr_array_unref);
  self->definitions = kes_tool_library_list (self->store, &error);
  if (self->definitions == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->message), error->message);
      gtk_widget_set_visible (self->message, TRUE);
      return;
    }
  for (guint i = 0; i < self->definitions->len; i++)
    gtk_string_list_append (titles, kes_tool_definition_get_title (g_ptr_array_index (self->definitions, i)));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->tool_dropdown), G_LIST_MODEL (titles));
}

static void
kes_risk_view_dispose (GObject *object)
{
  KesRiskView *self = KES_RISK_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->patient_id, g_free);
  g_clear_pointer (&self->definitions, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_object (&self->export_def);
  g_clear_object (&self->export_a);
  g_clear_object (&self->export_b);
  G_OBJECT_CLASS (kes_risk_view_parent_class)->dispose (object);
}

static void
kes_risk_view_class_init (KesRiskViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_risk_view_dispose;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "kes-risk-view");
}

static void
kes_risk_view_init (KesRiskView *self)
{
  GtkWidget *list_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_button = gtk_button_new_with_mnemonic (_("_New Assessment"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *placeholder = adw_status_page_new ();
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *detail_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *heading = gtk_label_new (_("Structured risk assessments"));

  self->stack = gtk_stack_new ();
  self->tool_dropdown = gtk_drop_down_new (NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tool_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tool for a new assessment"), -1);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (bar), heading);
  gtk_box_append (GTK_BOX (bar), self->tool_dropdown);
  gtk_widget_add_css_class (new_button, "suggested-action");
  g_signal_connect_object (new_button, "clicked", G_CALLBACK (new_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (bar), new_button);
  self->new_button = new_button;
  gtk_box_append (GTK_BOX (list_page), bar);

  self->message = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->message, "error");
  gtk_widget_set_visible (self->message, FALSE);
  gtk_box_append (GTK_BOX (list_page), self->message);

  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Risk assessments, newest first"), -1);
  adw_status_page_set_title (ADW_STATUS_PAGE (placeholder), _("No Risk Assessments Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (placeholder),
                                   _("Choose a tool and start a new assessment. Kestrel records the "
                                     "clinician's judgement; it never works out a risk level."));
  gtk_widget_add_css_class (placeholder, "compact");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), placeholder);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self, 0);
  gtk_box_append (GTK_BOX (list_page), self->list);
  gtk_widget_set_margin_top (list_page, 18);
  gtk_widget_set_margin_bottom (list_page, 18);
  gtk_widget_set_margin_start (list_page, 12);
  gtk_widget_set_margin_end (list_page, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), list_page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), scroller, "list");

  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the assessments"), -1);
  gtk_widget_set_tooltip_text (back, _("Back to the assessments"));
  g_signal_connect_object (back, "clicked", G_CALLBACK (back_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (detail_bar), back);
  self->detail_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->detail_title, "heading");
  gtk_widget_set_hexpand (self->detail_title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->detail_title), 0);
  gtk_box_append (GTK_BOX (detail_bar), self->detail_title);
  self->export_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  {
    GtkWidget *pdf = gtk_button_new_with_mnemonic (_("_PDF…"));
    GtkWidget *xml = gtk_button_new_with_mnemonic (_("_XML…"));

    gtk_widget_set_name (pdf, "export-pdf");
    gtk_widget_set_name (xml, "export-xml");
    gtk_widget_set_tooltip_text (pdf, _("Preview as PDF, then save or print"));
    gtk_widget_set_tooltip_text (xml, _("Save as XML"));
    g_signal_connect_object (pdf, "clicked", G_CALLBACK (export_clicked_cb), self, 0);
    g_signal_connect_object (xml, "clicked", G_CALLBACK (export_clicked_cb), self, 0);
    gtk_box_append (GTK_BOX (self->export_box), pdf);
    gtk_box_append (GTK_BOX (self->export_box), xml);
  }
  gtk_widget_set_margin_end (self->export_box, 12);
  gtk_box_append (GTK_BOX (detail_bar), self->export_box);
  gtk_widget_set_margin_start (detail_bar, 12);
  gtk_widget_set_margin_top (detail_bar, 6);
  gtk_widget_set_margin_bottom (detail_bar, 6);
  gtk_box_append (GTK_BOX (detail), detail_bar);
  gtk_box_append (GTK_BOX (detail), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->detail_bin = adw_bin_new ();
  gtk_widget_set_vexpand (self->detail_bin, TRUE);
  gtk_box_append (GTK_BOX (detail), self->detail_bin);
  gtk_stack_add_named (GTK_STACK (self->stack), detail, "detail");

  adw_bin_set_child (ADW_BIN (self), self->stack);
}

GtkWidget *
kes_risk_view_new (void)
{
  return g_object_new (KES_TYPE_RISK_VIEW, NULL);
}

void
kes_risk_view_set_record (KesRiskView *self,
                          KesStore    *store,
                          const char  *patient_id)
{
  g_return_if_fail (KES_IS_RISK_VIEW (self));

  g_set_object (&self->store, store);
  g_free (self->patient_id);
  self->patient_id = g_strdup (patient_id);
  load_definitions (self);
  kes_risk_view_show_list (self);
}

GtkWidget *
kes_risk_view_start (KesRiskView *self,
                     const char  *tool_id)
{
  KesToolDefinition *def = NULL;
  g_autoptr(KesRiskAssessment) a = NULL;
  g_autoptr(GDate) today = kes_clock_today ();
  g_autofree char *iso = kes_date_to_iso (today);

  g_return_val_if_fail (KES_IS_RISK_VIEW (self), NULL);

  for (guint i = 0; self->definitions != NULL && i < self->definitions->len; i++)
    {
      KesToolDefinition *candidate = g_ptr_array_index (self->definitions, i);

      if (g_strcmp0 (kes_tool_definition_get_id (candidate), tool_id) == 0 &&
          (def == NULL || kes_tool_definition_get_def_version (candidate) > kes_tool_definition_get_def_version (def)))
        def = candidate;
    }
  if (def == NULL)
    return NULL;
  a = kes_risk_assessment_new (self->patient_id, kes_tool_definition_get_id (def),
                               kes_tool_definition_get_version (def),
                               kes_tool_definition_get_def_version (def));
  kes_risk_assessment_set_assessed_on (a, iso);
  return open_form (self, def, a);
}

GtkListBox *
kes_risk_view_get_list (KesRiskView *self)
{
  g_return_val_if_fail (KES_IS_RISK_VIEW (self), NULL);
  return GTK_LIST_BOX (self->list);
}

void
kes_risk_view_show_list (KesRiskView *self)
{
  g_return_if_fail (KES_IS_RISK_VIEW (self));

  kes_risk_view_reload (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "list");
  adw_bin_set_child (ADW_BIN (self->detail_bin), NULL);
}
