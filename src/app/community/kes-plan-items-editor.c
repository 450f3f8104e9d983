/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kes-plan-items-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "community/kes-plan-item-row.h"
#include "community/kes-plan-items-editor.h"
#include "kes-care-plan-items.h"

struct _KesPlanItemsEditor
{
  GtkBox     parent_instance;

  GtkLabel  *heading_label;
  GtkLabel  *empty_label;
  GtkBox    *lines_box;
  GtkButton *add_button;
};

G_DEFINE_FINAL_TYPE (KesPlanItemsEditor, kes_plan_items_editor, GTK_TYPE_BOX)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void add_line (KesPlanItemsEditor *self,
                      const KesPlanItem  *item);

/* Numbers the lines after one is added or removed, and says when there are none. */
static void
renumber (KesPlanItemsEditor *self)
{
  guint number = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kes_plan_item_row_set_number (KES_PLAN_ITEM_ROW (child), ++number);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), number == 0);
}

static void
line_changed_cb (KesPlanItemsEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
line_remove_cb (KesPlanItemRow     *row,
                KesPlanItemsEditor *self)
{
  gtk_box_remove (self->lines_box, GTK_WIDGET (row));
  renumber (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_clicked_cb (KesPlanItemsEditor *self)
{
  g_autoptr(KesPlanItem) empty = kes_plan_item_new (NULL, NULL, NULL, NULL);

  add_line (self, empty);
  gtk_widget_grab_focus (gtk_widget_get_last_child (GTK_WIDGET (self->lines_box)));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_line (KesPlanItemsEditor *self,
          const KesPlanItem  *item)
{
  KesPlanItemRow *row = kes_plan_item_row_new ();

  kes_plan_item_row_set_item (row, item);
  g_signal_connect_object (row, "changed", G_CALLBACK (line_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (line_remove_cb), self, 0);
  gtk_box_append (self->lines_box, GTK_WIDGET (row));
  renumber (self);
}

static void
kes_plan_items_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KES_TYPE_PLAN_ITEMS_EDITOR);
  G_OBJECT_CLASS (kes_plan_items_editor_parent_class)->dispose (object);
}

static void
kes_plan_items_editor_class_init (KesPlanItemsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kes_plan_items_editor_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 0);

  g_type_ensure (KES_TYPE_PLAN_ITEM_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/community/kes-plan-items-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemsEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemsEditor, empty_label);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemsEditor, lines_box);
  gtk_widget_class_bind_template_child (widget_class, KesPlanItemsEditor, add_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
kes_plan_items_editor_init (KesPlanItemsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KesPlanItemsEditor *
kes_plan_items_editor_new (const char *heading)
{
  KesPlanItemsEditor *self = g_object_new (KES_TYPE_PLAN_ITEMS_EDITOR, NULL);

  gtk_label_set_text (self->heading_label, heading);
  return self;
}

void
kes_plan_items_editor_set_json (KesPlanItemsEditor *self,
                                const char         *json)
{
  g_autoptr(GPtrArray) items = NULL;
  GtkWidget *child;

  g_return_if_fail (KES_IS_PLAN_ITEMS_EDITOR (self));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_box_remove (self->lines_box, child);
  items = kes_plan_items_parse (json);
  for (guint i = 0; items != NULL && i < items->len; i++)
    add_line (self, g_ptr_array_index (items, i));
  renumber (self);
}

char *
kes_plan_items_editor_dup_json (KesPlanItemsEditor *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) kes_plan_item_free);

  g_return_val_if_fail (KES_IS_PLAN_ITEMS_EDITOR (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (items, kes_plan_item_row_dup_item (KES_PLAN_ITEM_ROW (child)));
  return items->len > 0 ? kes_plan_items_to_json (items) : g_strdup ("");
}

void
kes_plan_items_editor_set_error (KesPlanItemsEditor *self,
                                 gboolean            error)
{
  g_return_if_fail (KES_IS_PLAN_ITEMS_EDITOR (self));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kes_plan_item_row_set_error (KES_PLAN_ITEM_ROW (child), error);
}
