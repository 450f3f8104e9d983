/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-risk-form"

#include "config.h"

#include <glib/gi18n.h>

#include "kes-store-risk.h"
#include "kes-tool-assessment.h"
#include "risk/fields/kes-risk-fields.h"
#include "risk/kes-risk-form-private.h"
#include "risk/kes-risk-ratings.h"

#define AUTOSAVE_MS 1500
/* Items built before the form first shows; the rest follow in idle time,
 * a few at a time, so even a 200-item definition opens at once. */
#define EAGER_ENTRIES 24
#define ENTRIES_PER_IDLE 6

typedef struct
{
  GtkWidget                 *box;
  const KesToolSectionEntry *entry;
} PendingEntry;

G_DEFINE_FINAL_TYPE (KesRiskForm, kes_risk_form, ADW_TYPE_BIN)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Where a field's value lives: a plain field, or a field of a group entry. */
typedef struct
{
  KesRiskForm        *form;
  const KesToolField *field;
  char               *group_id;
  char               *entry_id;
} FieldBinding;

static void
field_binding_free (gpointer  data,
                    GClosure *closure)
{
  FieldBinding *binding = data;

  g_free (binding->group_id);
  g_free (binding->entry_id);
  g_free (binding);
}

static void
binding_set (FieldBinding *b,
             const char   *value)
{
  if (b->entry_id != NULL)
    kes_risk_assessment_set_entry_value (b->form->assessment, b->group_id, b->entry_id,
                                         b->field->id, value);
  else
    kes_risk_assessment_set_field (b->form->assessment, b->field->id, value);
  kes_risk_form_changed (b->form);
}

/* ---- Saving ---- */

void
kes_risk_form_update_status (KesRiskForm *self)
{
  g_autofree char *text = NULL;
  gboolean completed = kes_risk_assessment_get_status (self->assessment) == KES_RISK_STATUS_COMPLETED;

  if (kes_risk_assessment_get_id (self->assessment) == NULL)
    text = g_strdup (_("Not saved yet"));
  else if (completed)
    text = g_strdup_printf (_("Completed and signed off · revision %" G_GINT64_FORMAT),
                            kes_risk_assessment_get_revision (self->assessment));
  else
    text = g_strdup_printf (_("Draft, saved automatically · revision %" G_GINT64_FORMAT),
                            kes_risk_assessment_get_revision (self->assessment));
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  gtk_button_set_label (GTK_BUTTON (self->complete_button),
                        completed ? _("Save Revision…") : _("Complete and Sign Off"));
}

static void
update_summaries (KesRiskForm *self)
{
  g_autoptr(GPtrArray) values = kes_tool_assessment_summaries (self->definition, self->assessment);

  for (guint i = 0; i < values->len && i < self->summary_rows->len; i++)
    {
      KesToolSummaryValue *value = g_ptr_array_index (values, i);
      g_autofree char *text = value->has_value ? g_strdup_printf ("%d", value->value) : g_strdup ("–");

      adw_action_row_set_subtitle (g_ptr_array_index (self->summary_rows, i), text);
    }
}

gboolean
kes_risk_form_save_draft (KesRiskForm  *self,
                          GError      **error)
{
  g_return_val_if_fail (KES_IS_RISK_FORM (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (kes_risk_assessment_get_status (self->assessment) == KES_RISK_STATUS_COMPLETED)
    return TRUE;
  if (!kes_store_save_risk_assessment (self->store, self->assessment, NULL, error))
    return FALSE;
  kes_risk_form_update_status (self);
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

static gboolean
autosave_cb (gpointer data)
{
  KesRiskForm *self = data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!kes_risk_form_save_draft (self, &error))
    gtk_label_set_text (GTK_LABEL (self->status_label), error->message);
  return G_SOURCE_REMOVE;
}

void
kes_risk_form_changed (KesRiskForm *self)
{
  if (self->building)
    return;
  update_summaries (self);
  kes_risk_form_refresh_check (self);
  if (kes_risk_assessment_get_status (self->assessment) == KES_RISK_STATUS_DRAFT)
    {
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add (AUTOSAVE_MS, autosave_cb, self);
    }
}

/* ---- Field widgets ---- */

static void
field_changed_cb (KesRiskField *field,
                  FieldBinding *binding)
{
  g_autofree char *value = kes_risk_field_dup_value (field);

  binding_set (binding, value);
}

static GtkWidget *
field_widget (KesRiskForm        *self,
              const KesToolField *field,
              const char         *group_id,
              const char         *entry_id)
{
  FieldBinding *binding = g_new0 (FieldBinding, 1);
  GtkWidget *widget = kes_risk_field_new_for (field, self->assessment, group_id, entry_id);

  binding->form = self;
  binding->field = field;
  binding->group_id = g_strdup (group_id);
  binding->entry_id = g_strdup (entry_id);
  g_signal_connect_data (widget, "changed", G_CALLBACK (field_changed_cb), binding,
                         (GClosureNotify) field_binding_free, 0);
  return widget;
}

/* ---- Building ---- */

GtkWidget *
kes_risk_form_heading (const char *text,
                       const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
item_card (KesRiskForm       *self,
           const KesToolItem *item)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *code = kes_risk_form_heading (item->code, "heading");
  GtkWidget *title = kes_risk_form_heading (kes_tool_item_get_display_title (item),
                              item->title == NULL ? "dim-label" : NULL);

  gtk_widget_add_css_class (card, item->parent == NULL ? "card" : "risk-subitem");
  gtk_widget_set_margin_start (card, item->parent == NULL ? 0 : 24);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), code);
  gtk_box_append (GTK_BOX (titles), title);
  gtk_box_append (GTK_BOX (top), titles);

  kes_risk_ratings_append (GTK_BOX (top), self->assessment, item, (KesRiskRatingsChanged) kes_risk_form_changed,
                           self);
  gtk_box_append (GTK_BOX (card), top);

  for (guint i = 0; i < item->subitems->len; i++)
    gtk_box_append (GTK_BOX (card), item_card (self, g_ptr_array_index (item->subitems, i)));
  for (guint i = 0; i < item->fields->len; i++)
    gtk_box_append (GTK_BOX (card), field_widget (self, g_ptr_array_index (item->fields, i), NULL, NULL));

  if (item->parent == NULL)
    {
      gtk_widget_set_margin_bottom (card, 6);
      for (GtkWidget *child = gtk_widget_get_first_child (card); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          gtk_widget_set_margin_start (child, 12);
          gtk_widget_set_margin_end (child, 12);
        }
      gtk_widget_set_margin_top (gtk_widget_get_first_child (card), 12);
      gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 12);
    }
  return card;
}

static void rebuild_groups (KesRiskForm *self);

static void
add_entry_clicked_cb (GtkButton   *button,
                      KesRiskForm *self)
{
  g_autofree char *id = kes_risk_assessment_add_entry (self->assessment,
                                                       g_object_get_data (G_OBJECT (button), "group"));

  rebuild_groups (self);
  kes_risk_form_changed (self);
}

static void
remove_entry_clicked_cb (GtkButton   *button,
                         KesRiskForm *self)
{
  kes_risk_assessment_remove_entry (self->assessment, g_object_get_data (G_OBJECT (button), "group"),
                                    g_object_get_data (G_OBJECT (button), "entry"));
  rebuild_groups (self);
  kes_risk_form_changed (self);
}

static void
rebuild_groups (KesRiskForm *self)
{
  GPtrArray *groups = kes_tool_definition_get_groups (self->definition);
  GtkWidget *child;
  gboolean building = self->building;

  self->building = TRUE;
  while ((child = gtk_widget_get_first_child (self->groups_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->groups_box), child);

  for (guint g = 0; g < groups->len; g++)
    {
      const KesToolGroup *group = g_ptr_array_index (groups, g);
      g_auto(GStrv) entries = kes_risk_assessment_list_entries (self->assessment, group->id);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      g_autofree char *add_label = g_strdup_printf (_("Add %s"), group->entry_label);
      GtkWidget *add = gtk_button_new_with_label (add_label);
      GtkWidget *title = kes_risk_form_heading (group->title, "title-4");

      gtk_widget_set_hexpand (title, TRUE);
      gtk_box_append (GTK_BOX (header), title);
      g_object_set_data_full (G_OBJECT (add), "group", g_strdup (group->id), g_free);
      g_signal_connect_object (add, "clicked", G_CALLBACK (add_entry_clicked_cb), self, 0);
      gtk_widget_set_name (add, group->id);
      gtk_box_append (GTK_BOX (header), add);
      gtk_widget_set_margin_top (header, 18);
      gtk_box_append (GTK_BOX (self->groups_box), header);
      if (group->description != NULL)
        gtk_box_append (GTK_BOX (self->groups_box), kes_risk_form_heading (group->description, "dim-label"));

      for (guint e = 0; entries[e] != NULL; e++)
        {
          GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          g_autofree char *name = g_strdup_printf (_("%s %u"), group->entry_label, e + 1);
          GtkWidget *remove = gtk_button_new_with_label (_("Remove"));
          GtkWidget *label = kes_risk_form_heading (name, "heading");

          gtk_widget_add_css_class (card, "card");
          gtk_widget_set_hexpand (label, TRUE);
          gtk_box_append (GTK_BOX (top), label);
          g_object_set_data_full (G_OBJECT (remove), "group", g_strdup (group->id), g_free);
          g_object_set_data_full (G_OBJECT (remove), "entry", g_strdup (entries[e]), g_free);
          g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_entry_clicked_cb), self, 0);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          gtk_box_append (GTK_BOX (top), remove);
          gtk_box_append (GTK_BOX (card), top);
          for (guint f = 0; f < group->fields->len; f++)
            gtk_box_append (GTK_BOX (card), field_widget (self, g_ptr_array_index (group->fields, f),
                                                          group->id, entries[e]));
          for (GtkWidget *c = gtk_widget_get_first_child (card); c != NULL; c = gtk_widget_get_next_sibling (c))
            {
              gtk_widget_set_margin_start (c, 12);
              gtk_widget_set_margin_end (c, 12);
            }
          gtk_widget_set_margin_top (top, 12);
          gtk_widget_set_margin_bottom (gtk_widget_get_last_child (card), 12);
          gtk_box_append (GTK_BOX (self->groups_box), card);
        }
    }
  self->building = building;
}

/* Builds up to @n pending entries, in order. */
static void
build_pending (KesRiskForm *self,
               guint        n)
{
  gboolean building = self->building;
  guint done = 0;

  self->building = TRUE;
  for (; done < n && done < self->pending->len; done++)
    {
      PendingEntry *pending = g_ptr_array_index (self->pending, done);

      gtk_box_append (GTK_BOX (pending->box), pending->entry->item != NULL
                                                ? item_card (self, pending->entry->item)
                                                : field_widget (self, pending->entry->field, NULL, NULL));
    }
  g_ptr_array_remove_range (self->pending, 0, done);
  self->building = building;
}

static gboolean
build_pending_cb (gpointer data)
{
  KesRiskForm *self = data;

  build_pending (self, ENTRIES_PER_IDLE);
  if (self->pending->len > 0)
    return G_SOURCE_CONTINUE;
  self->pending_id = 0;
  return G_SOURCE_REMOVE;
}

void
kes_risk_form_finish_building (KesRiskForm *self)
{
  g_return_if_fail (KES_IS_RISK_FORM (self));

  g_clear_handle_id (&self->pending_id, g_source_remove);
  build_pending (self, G_MAXUINT);
}

static void
build (KesRiskForm *self)
{
  KesToolDefinition *def = self->definition;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GPtrArray *sections = kes_tool_definition_get_sections (def);
  GPtrArray *judgements = kes_tool_definition_get_judgements (def);
  GtkWidget *group;
  GtkWidget *section_box;
  g_autofree char *licence = NULL;

  self->building = TRUE;
  self->content = box;
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_box_append (GTK_BOX (box), kes_risk_form_heading (kes_tool_definition_get_title (def), "title-2"));
  gtk_box_append (GTK_BOX (box), kes_risk_form_heading (kes_tool_definition_get_citation (def), "dim-label"));
  licence = g_strdup_printf ("%s. %s", kes_tool_licence_kind_to_label (kes_tool_definition_get_licence_kind (def)),
                             kes_tool_definition_get_licence_note (def));
  gtk_box_append (GTK_BOX (box), kes_risk_form_heading (licence, "caption"));
  self->status_label = kes_risk_form_heading ("", "dim-label");
  gtk_box_append (GTK_BOX (box), self->status_label);

  for (guint s = 0; s < sections->len; s++)
    {
      const KesToolSection *section = g_ptr_array_index (sections, s);
      g_autofree char *title = g_strdup_printf ("%s · %s", section->code, section->title);

      gtk_box_append (GTK_BOX (box), kes_risk_form_heading (title, "title-4"));
      if (section->description != NULL)
        gtk_box_append (GTK_BOX (box), kes_risk_form_heading (section->description, "dim-label"));
      section_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_box_append (GTK_BOX (box), section_box);
      for (guint e = 0; e < section->entries->len; e++)
        {
          PendingEntry *pending = g_new0 (PendingEntry, 1);

          pending->box = section_box;
          pending->entry = &g_array_index (section->entries, KesToolSectionEntry, e);
          g_ptr_array_add (self->pending, pending);
        }
    }
  build_pending (self, EAGER_ENTRIES);
  if (self->pending->len > 0)
    self->pending_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_pending_cb, self, NULL);

  self->groups_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), self->groups_box);
  rebuild_groups (self);

  self->summary_rows = g_ptr_array_new ();
  {
    g_autoptr(GPtrArray) values = kes_tool_assessment_summaries (def, self->assessment);

    if (values->len > 0)
      {
        group = adw_preferences_group_new ();
        adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Summary"));
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               kes_tool_definition_get_allow_totals (def)
                                                 ? _("Computed from the ratings; not a risk level.")
                                                 : _("Counts only: this tool is structured professional judgement, not a score."));
        for (guint i = 0; i < values->len; i++)
          {
            KesToolSummaryValue *value = g_ptr_array_index (values, i);
            GtkWidget *row = adw_action_row_new ();

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value->summary->label);
            gtk_widget_add_css_class (row, "property");
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
            g_ptr_array_add (self->summary_rows, row);
          }
        gtk_box_append (GTK_BOX (box), group);
      }
  }

  if (judgements->len > 0)
    {
      gtk_box_append (GTK_BOX (box), kes_risk_form_heading (_("Judgements"), "title-4"));
      gtk_box_append (GTK_BOX (box),
                      kes_risk_form_heading (_("The clinician's own judgement: Kestrel never works these out from the ratings."),
                               "dim-label"));
      for (guint i = 0; i < judgements->len; i++)
        gtk_box_append (GTK_BOX (box), field_widget (self, g_ptr_array_index (judgements, i), NULL, NULL));
    }

  kes_risk_form_build_sign_off (self, GTK_BOX (box));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  adw_bin_set_child (ADW_BIN (self), scroller);

  update_summaries (self);
  kes_risk_form_update_status (self);
  self->building = FALSE;
}

void
kes_risk_form_emit_saved (KesRiskForm *self)
{
  g_signal_emit (self, signals[SAVED], 0);
}

/* ---- GObject ---- */

static void
kes_risk_form_dispose (GObject *object)
{
  KesRiskForm *self = KES_RISK_FORM (object);

  /* Leaving the form saves a pending draft rather than dropping it, but
   * tells no one: whoever listens (the Risk tab) may be going away too. */
  if (self->autosave_id != 0)
    {
      g_autoptr(GError) error = NULL;

      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (kes_risk_assessment_get_status (self->assessment) != KES_RISK_STATUS_COMPLETED &&
          !kes_store_save_risk_assessment (self->store, self->assessment, NULL, &error))
        g_warning ("A risk assessment draft could not be saved on closing: %s",
                   g_quark_to_string (error->domain));
    }
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->definition);
  g_clear_object (&self->assessment);

  G_OBJECT_CLASS (kes_risk_form_parent_class)->dispose (object);
}

static void
kes_risk_form_class_init (KesRiskFormClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kes_risk_form_dispose;

  /* A revision was written (draft autosave, completion or a revision). */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "kes-risk-form");
}

static void
kes_risk_form_init (KesRiskForm *self)
{
  self->pending = g_ptr_array_new_with_free_func (g_free);
  self->marked = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
kes_risk_form_new (KesStore          *store,
                   KesToolDefinition *definition,
                   KesRiskAssessment *assessment)
{
  KesRiskForm *self;

  g_return_val_if_fail (KES_IS_STORE (store), NULL);
  g_return_val_if_fail (KES_IS_TOOL_DEFINITION (definition), NULL);
  g_return_val_if_fail (KES_IS_RISK_ASSESSMENT (assessment), NULL);

  self = g_object_new (KES_TYPE_RISK_FORM, NULL);
  self->store = g_object_ref (store);
  self->definition = g_object_ref (definition);
  self->assessment = g_object_ref (assessment);
  build (self);
  return GTK_WIDGET (self);
}

KesRiskAssessment *
kes_risk_form_get_assessment (KesRiskForm *self)
{
  g_return_val_if_fail (KES_IS_RISK_FORM (self), NULL);
  return self->assessment;
}

KesToolDefinition *
kes_risk_form_get_definition (KesRiskForm *self)
{
  g_return_val_if_fail (KES_IS_RISK_FORM (self), NULL);
  return self->definition;
}
